"""Export: every output of the latest roster as a download, and all of them in one zip."""

from __future__ import annotations

import streamlit as st

from planner.ui import format as fmt
from planner.ui import state, widgets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DOWNLOADS: tuple[tuple[str, str, str], ...] = (
    (
        "roster.csv",
        "text/csv",
        "One row per shift worked and per course day: date, employee, shift (or course), start and end, "
        "skill, work or training, paid hours and wage.",
    ),
    ("temp_bookings.csv", "text/csv", "Temps to book: date, shift, skill, agency, how many, hours, cost."),
    (
        "training_plan.csv",
        "text/csv",
        "Who takes which course: employee, course, skill, first and last day, days and hours, fee, "
        "pay, cost, and the day they are qualified from.",
    ),
    ("coverage.csv", "text/csv", "Every demand interval: required heads, staff, temps, short and surplus."),
    ("shortfall.csv", "text/csv", "Every short interval with the reason and the cheapest fix."),
    ("roster.xlsx", XLSX, "A workbook: a printable grid (employee x day, by shift, course days marked) "
     "and all tables."),
    ("calendars.zip", "application/zip", "One calendar (.ics) per employee, for their phone or Outlook."),
    (
        "summary.json",
        "application/json",
        "The run in figures: solver, costs, coverage, fairness, breaches, training (with the "
        "comparison without training, once it is made on Results → Training).",
    ),
    ("staffing.csv", "text/csv", "How queue demand (contacts and handle times) became required heads."),
)
ZIPS = ("roster-files.zip",)

st.title("Export")
widgets.show_flash()
result = state.result()
if result is None:
    st.info("No roster yet: solve the scenario first.")
    widgets.link("solve", "Go to Solve", icon=":material/play_circle:")
    st.stop()

settings = result.scenario.settings
st.markdown(f"**{settings.name or 'Scenario'}** · {fmt.date_range(settings.start_date, settings.days)}")
if result.files_signature != state.signature():
    st.warning(
        "The data or settings changed since this roster was made: these files are for the earlier version."
    )

with st.spinner("Preparing the files…"):
    exports = state.exports(result)

st.download_button(
    "Everything (zip)",
    data=exports["roster-files.zip"],
    file_name="roster-files.zip",
    mime="application/zip",
    type="primary",
    icon=":material/folder_zip:",
    on_click="ignore",
    key="download-everything",
    help="All the files below, plus the scenario they were made from (folder scenario/).",
)
size = fmt.megabytes(len(exports["roster-files.zip"]))
st.caption(f"All the files below and the scenario's own files, {size}.")

known = {name for name, _, _ in DOWNLOADS}
others = [(name, "application/octet-stream", "Also written by the planner.") for name in exports
          if name not in known and name not in ZIPS]
for name, mime, what in [*DOWNLOADS, *others]:
    if name not in exports:
        continue
    left, right = st.columns([1, 3], vertical_alignment="center")
    with left:
        st.download_button(
            name,
            data=exports[name],
            file_name=name,
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=f"download-{name}",
            width="stretch",
        )
    right.caption(what)
