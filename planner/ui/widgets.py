"""Pieces several pages share: the sidebar status, the issues table, page links, messages."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from planner.io import LoadResult
from planner.io.issues import Issue, issues_to_frame
from planner.ui import format as fmt
from planner.ui import state

PAGES = {
    "data": "planner/ui/pages/data.py",
    "rules": "planner/ui/pages/rules.py",
    "solve": "planner/ui/pages/solve.py",
    "results": "planner/ui/pages/results.py",
    "export": "planner/ui/pages/export.py",
    "capacity": "planner/ui/pages/capacity.py",
}
"""Page scripts by short name, relative to `streamlit_app.py`."""

TABLE_ROWS = 40
"""Up to this many issues are shown as a full table with wrapped text; more scroll."""


def link(page: str, label: str, icon: str | None = None) -> None:
    st.page_link(PAGES[page], label=label, icon=icon)


def show_flash() -> None:
    """Messages left by a callback for this run (a sample loaded, an upload refused, ...)."""
    for kind, message in state.pop_flash():
        {"success": st.success, "error": st.error, "warning": st.warning}.get(kind, st.info)(message)


def issues_frame(issues: Sequence[Issue]) -> pd.DataFrame:
    """The issues with the column names a manager reads (`problem`, `how to fix it`)."""
    frame = issues_to_frame(issues).rename(columns={"message": "problem", "fix": "how to fix it"})
    frame["row"] = frame["row"].astype("string").fillna("")
    return frame.fillna("")


def _issue_row_style(row: pd.Series) -> list[str]:
    colour = "#FDECEA" if row["severity"] == "error" else "#FFF8E1"
    return [f"background-color: {colour}; color: #222222"] * len(row)


def issues_table(
    issues: Sequence[Issue], *, key: str, show_table: bool = True, height: int | None = None
) -> None:
    """Issues as a table: severity, table, row, column, value, problem, how to fix it (errors
    red, warnings amber); a long list scrolls, a short one shows every word."""
    frame = issues_frame(issues)
    if not show_table:
        frame = frame.drop(columns=["table"])
    styled = frame.style.apply(_issue_row_style, axis=1)
    if len(frame) <= TABLE_ROWS:
        st.table(styled, hide_index=True)
        return
    st.dataframe(
        styled,
        hide_index=True,
        key=key,
        height=height or 400,
        column_config={
            "severity": st.column_config.TextColumn("severity", width="small"),
            "problem": st.column_config.TextColumn("problem", width="large"),
            "how to fix it": st.column_config.TextColumn("how to fix it", width="large"),
        },
    )


def scenario_caption(loaded: LoadResult) -> str:
    scenario = loaded.scenario
    if scenario is None:
        return ""
    s = scenario.settings
    return (
        f"{fmt.date_range(s.start_date, s.days)} · {len(scenario.employees):,} employees · "
        f"{len(scenario.shifts):,} shifts · {len(scenario.demand):,} demand rows · "
        f"{len(scenario.temp_offers):,} temp offers"
    )


def validity_banner(loaded: LoadResult, *, on_data_page: bool = False) -> None:
    """One line: ready to solve, or how many errors block it."""
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    if not state.files():
        where = "above" if on_data_page else "on the **Data** page"
        st.info(f"No scenario yet: load a sample or upload your files {where}.")
    elif errors:
        st.error(
            f"**{errors:,} error(s)** block solving"
            + (f" ({warnings:,} warning(s) too)" if warnings else "")
            + ". Each is listed with its table, row, column and how to fix it."
        )
    elif loaded.ok:
        text = "Ready to solve."
        if warnings:
            text += f" {warnings:,} warning(s) do not block solving, but read them."
        st.success(text)


def sidebar() -> None:
    """The working scenario and the latest solve, on every page."""
    with st.sidebar:
        loaded = state.loaded()
        st.markdown("**Scenario**")
        if not state.files():
            st.caption("None loaded yet.")
        else:
            name = loaded.scenario.settings.name if loaded.scenario else ""
            st.caption(name or st.session_state[state.SOURCE])
            if loaded.errors:
                st.badge(f"{len(loaded.errors):,} error(s)", icon=":material/error:", color="red")
            elif loaded.ok:
                st.badge("Ready to solve", icon=":material/check_circle:", color="green")
            if st.session_state[state.EDITED]:
                st.caption("Edited in the app: download it on the Data page to keep it.")
        st.markdown("**Roster**")
        job = state.job()
        result = state.result()
        if job is not None and not job.done:
            st.caption(f"Solving… (up to {fmt.seconds(job.settings.time_limit_seconds)})")
        elif result is not None:
            summary = result.summary
            cost = summary.get("costs", {}).get("total")
            what = "Best possible roster" if result.status == "OPTIMAL" else "Roster found"
            st.caption(f"{what}: {fmt.money(cost, result.scenario.settings.currency, cents=False)}")
            if result.files_signature != state.signature():
                st.caption("The data changed since: solve again to update.")
        else:
            st.caption("Not solved yet.")
