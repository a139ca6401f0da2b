"""Capacity plan: headcount by skill group and week (hire, retrain, release, part-time, temps,
overtime), from the capacity files or the bundled sample; solved, checked and downloaded as
`planner capacity` does (docs/CAPACITY.md)."""

from __future__ import annotations

import streamlit as st

from planner.capacity.load import CAPACITY_FILES
from planner.ui import capacity_run, charts, state, widgets, workspace
from planner.ui import format as fmt
from planner.ui.capacity_run import CapacityRun

ALL_GROUPS = "All groups"


# --- callbacks ----------------------------------------------------------------------------------


def _load_sample() -> None:
    files = state.capacity_sample_files()
    if not files:
        state.flash("error", "The bundled capacity sample (data/capacity) is missing from this installation.")
        return
    name = capacity_run.sample_name(files) or "capacity sample"
    state.replace_capacity_files(files, f"Sample: {name}")
    state.set_capacity_run(None)
    state.flash("success", f"Loaded the sample “{name}”.")


def _take_upload(key: str) -> None:
    uploaded = st.session_state.get(key) or []
    if not uploaded:
        return
    files = {item.name: item.getvalue() for item in uploaded}
    st.session_state[state.CAPACITY_UPLOADER_VERSION] += 1
    state.replace_capacity_files(files, "Upload: " + ", ".join(sorted(files)))
    state.set_capacity_run(None)
    state.flash("info", f"Read {len(files)} file(s): {', '.join(sorted(files))}.")


# --- pieces -------------------------------------------------------------------------------------


def _banner(errors: int, warnings: int, ok: bool) -> None:
    if not state.capacity_files():
        st.info("No capacity plan yet: load the sample or upload your files above.")
    elif errors:
        st.error(
            f"**{errors:,} error(s)** block solving"
            + (f" ({warnings:,} warning(s) too)" if warnings else "")
            + ". Each is listed with its table, row, column and how to fix it."
        )
    elif ok:
        text = "Ready to solve."
        if warnings:
            text += f" {warnings:,} warning(s) do not block solving, but read them."
        st.success(text)


def _solve(objective: str, time_limit: float) -> None:
    loaded = state.capacity_loaded()
    if loaded.data is None:
        return
    with st.spinner("Solving the capacity plan…"):
        try:
            run = capacity_run.run_capacity(
                loaded.data, objective=objective, time_limit=time_limit,
                files_signature=state.capacity_signature(),
            )
        except Exception as exc:  # a fault of the planner: said in words, never a traceback
            st.error(
                f"The capacity plan could not be solved: {type(exc).__name__}: {exc}. This is a fault "
                "in the planner, not in your files: please report it with the files attached."
            )
            return
    state.set_capacity_run(run)


def _headline(run: CapacityRun) -> None:
    currency = run.currency
    figures = capacity_run.totals(run)
    total = run.check.total_cost if run.check is not None else 0.0
    top = st.columns([2, 1, 1, 1, 1.4, 1.4])
    top[0].metric("Total cost", fmt.money(total, currency, cents=False), border=True,
                  help="Recomputed by the checker from the plan's decisions: wages, hiring, courses, "
                  "releases, part-time, overstaffing, temps and overtime.")
    top[1].metric("Hires", fmt.number(figures["hires"], 1), border=True)
    top[2].metric("Moves", fmt.number(figures["moves"], 1), border=True,
                  help="People retrained into another group or moved down.")
    top[3].metric("Releases", fmt.number(figures["releases"], 1), border=True)
    top[4].metric("Temp hours", fmt.number(figures["temp_hours"]), border=True)
    top[5].metric("Overtime hours", fmt.number(figures["overtime_hours"]), border=True)
    if figures["shortfall_hours"]:
        st.markdown(f"Requirement missed: **{fmt.number(figures['shortfall_hours'], 1)} hours** in all.")


def _verdict(run: CapacityRun) -> None:
    ok, text = capacity_run.verdict(run)
    if ok:
        st.success(text, icon=":material/verified:")
        return
    st.error(text)
    if run.check is not None and run.check.breaches:
        st.dataframe(capacity_run.breaches_frame(run.check), hide_index=True, key="capacity-breaches")


def _plan_tab(run: CapacityRun) -> None:
    groups = [group.group for group in run.data.groups]
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    with left:
        group = st.selectbox("Group", [ALL_GROUPS, *groups], key="capacity_group")
    with right:
        every = st.toggle("All columns", key="capacity_all_columns",
                          help="Off: the main columns. The download has them all.")
    view = capacity_run.plan_view(run.weekly, None if group == ALL_GROUPS else group, all_columns=every)
    money = fmt.money_column_format(run.currency)
    config: dict[str, object] = {
        "week": st.column_config.NumberColumn("week", format="%d", width="small"),
        "week_start": st.column_config.TextColumn("week from", width="small"),
    }
    for column in view.columns:
        if column.endswith("_cost"):
            label = column.removesuffix("_cost") + " cost"
            config[column] = st.column_config.NumberColumn(label, format=money)
        elif column not in config and column != "group":
            config[column] = st.column_config.NumberColumn(column.replace("_", " "), format="%,.2f")
    st.caption(
        "One row per week and group: the requirement (FTE), the headcount at the start, leavers, "
        "hires starting, people moved in and out, releases, the headcount at the end; the offers to "
        "make this week for later starts (hires to decide), people on a course, part-time heads, "
        "the FTE at work, and the hours bought from temps and overtime."
    )
    st.dataframe(view, hide_index=True, column_config=config, height=min(520, 38 + 35 * len(view)),
                 key="capacity-plan")


def _costs_tab(run: CapacityRun) -> None:
    costs = capacity_run.costs_frame(run)
    money = fmt.money_column_format(run.currency)
    st.dataframe(
        costs[["label", "cost", "share"]],
        hide_index=True,
        column_config={
            "label": st.column_config.TextColumn("kind"),
            "cost": st.column_config.NumberColumn("cost", format=money),
            "share": st.column_config.NumberColumn("share", format="%.1f %%"),
        },
        key="capacity-costs",
    )
    st.altair_chart(charts.capacity_cost_chart(run.weekly, run.currency), width="stretch",
                    key="capacity-cost-chart")


def _charts_tab(run: CapacityRun) -> None:
    st.altair_chart(charts.capacity_headcount_chart(run.weekly), key="capacity-headcount-chart")
    st.altair_chart(charts.capacity_hours_chart(run.weekly), width="stretch", key="capacity-hours-chart")
    if (run.weekly[["hires", "hires_to_decide", "moved_out", "releases"]] != 0).any().any():
        st.altair_chart(charts.capacity_flows_chart(run.weekly), key="capacity-flows-chart")
    else:
        st.caption("Nobody is hired, moved or released.")


def _moves_tab(run: CapacityRun) -> None:
    if run.moves.empty:
        st.info("Nobody is retrained or moved down in this plan.")
        return
    money = fmt.money_column_format(run.currency)
    st.dataframe(
        run.moves,
        hide_index=True,
        column_config={
            "people": st.column_config.NumberColumn("people", format="%,.2f"),
            "arriving": st.column_config.NumberColumn("arriving", format="%,.2f"),
            "course_cost": st.column_config.NumberColumn("course cost", format=money),
            "wages_on_course": st.column_config.NumberColumn("wages on course", format=money),
            "cost": st.column_config.NumberColumn("cost", format=money),
        },
        key="capacity-moves",
    )


def _downloads(run: CapacityRun) -> None:
    try:
        exports = run.exports()
    except Exception as exc:  # a fault of the planner: said in words, never a traceback
        st.error(
            f"The files could not be prepared: {type(exc).__name__}: {exc}. This is a fault in the "
            "planner, not in your files: please report it with the files attached."
        )
        return
    st.download_button(
        "Everything (zip)",
        data=exports[capacity_run.ZIP_FILE],
        file_name=capacity_run.ZIP_FILE,
        mime="application/zip",
        type="primary",
        icon=":material/folder_zip:",
        on_click="ignore",
        key="capacity-download-everything",
        help="All the files below, as `planner capacity --out` writes them.",
    )
    for name, mime, what in capacity_run.DOWNLOADS:
        if name not in exports:
            continue
        left, right = st.columns([1, 3], vertical_alignment="center")
        with left:
            st.download_button(name, data=exports[name], file_name=name, mime=mime,
                               icon=":material/download:", on_click="ignore", key=f"capacity-download-{name}",
                               width="stretch")
        right.caption(what)


def _results(run: CapacityRun) -> None:
    st.subheader("The plan")
    objective = capacity_run.OBJECTIVES.get(run.plan.objective, run.plan.objective)
    st.caption(f"{capacity_run.status_text(run.plan)} Objective: {objective.lower()}.")
    if run.files_signature != state.capacity_signature():
        st.warning("The files changed since this plan was made: solve again to update it.")
    if not run.has_plan:
        st.error(
            f"No capacity plan ({run.plan.status}): {run.plan.message}. Give the solver more time, "
            "or allow fractions (`integer = false` in capacity.toml) for a quick what-if."
        )
        return
    _verdict(run)
    if run.plan.status == "INFEASIBLE":
        st.warning(
            "The requirement cannot be met with these limits. The largest gaps are below; allow more "
            "hiring, temps, overtime or moves (groups.csv, transitions.csv), or raise "
            "`max_overstaff_fte` in capacity.toml, and solve again."
        )
        st.dataframe(capacity_run.gaps_frame(run), hide_index=True, key="capacity-gaps")
    _headline(run)
    tabs = st.tabs(["Weekly plan", "Costs", "Charts", "Moves", "Downloads"])
    with tabs[0]:
        _plan_tab(run)
    with tabs[1]:
        _costs_tab(run)
    with tabs[2]:
        _charts_tab(run)
    with tabs[3]:
        _moves_tab(run)
    with tabs[4]:
        _downloads(run)


# --- the page -----------------------------------------------------------------------------------

st.title("Capacity plan")
st.caption(
    "What the workforce should look like week by week, group by group: whom to hire (and when to "
    "make the offer), retrain, move down or release, who goes part-time, and how many temp and "
    "overtime hours to buy, at the least cost or with the fewest releases. The format of the files "
    "is in docs/CAPACITY.md."
)
widgets.show_flash()

start, upload = st.columns(2, border=True)
with start:
    st.markdown("**Try the sample**")
    sample = state.capacity_sample_files()
    st.caption(capacity_run.sample_name(sample) or "A contact centre over the next two quarters.")
    st.button("Load the sample", type="primary", key="capacity_load_sample", on_click=_load_sample)
with upload:
    st.markdown("**Upload your files**")
    uploader_key = f"capacity-uploader-{st.session_state[state.CAPACITY_UPLOADER_VERSION]}"
    st.file_uploader(
        "groups.csv, requirements.csv, transitions.csv and capacity.toml, or one zip of the folder",
        type=["csv", "toml", "zip"],
        accept_multiple_files=True,
        key=uploader_key,
        on_change=_take_upload,
        args=(uploader_key,),
        max_upload_size=workspace.MAX_UPLOAD_MB,
        help=f"Up to {workspace.MAX_UPLOAD_MB} MB per file; the upload is the whole plan. Names: "
        + ", ".join(CAPACITY_FILES)
        + " (or a roster scenario's demand.csv and scenario.toml instead of requirements.csv).",
    )

loaded = state.capacity_loaded()
if state.capacity_files():
    st.subheader(st.session_state[state.CAPACITY_SOURCE] or "Your capacity plan")
    if loaded.data is not None:
        s = loaded.data.settings
        st.caption(
            f"{s.weeks} weeks from {fmt.day(s.start_date)} · {len(loaded.data.groups)} groups · "
            f"{len(loaded.data.transitions)} allowed moves · "
            f"requirement from {loaded.data.requirement_source}"
        )
_banner(len(loaded.errors), len(loaded.warnings), loaded.ok)
if state.capacity_files() and loaded.issues:
    with st.expander(f"All problems ({len(loaded.issues):,})", expanded=bool(loaded.errors)):
        widgets.issues_table(loaded.issues, key="capacity-issues")

settings = loaded.data.settings if loaded.data is not None else None
options = list(capacity_run.OBJECTIVES)
with st.container(horizontal=True, vertical_alignment="bottom"):
    objective = st.segmented_control(
        "Objective",
        options,
        default=settings.objective if settings is not None and settings.objective in options else options[0],
        format_func=lambda key: capacity_run.OBJECTIVES[key],
        key=state.CAPACITY_OBJECTIVE,
        required=True,
        help="Least cost; the fewest releases (nothing else counts); or the fewest releases, then "
        "the least cost among plans with that many.",
    )
    time_limit = st.number_input(
        "Time limit (seconds)",
        min_value=1.0,
        max_value=3600.0,
        value=min(max(float(settings.time_limit_seconds), 1.0), 3600.0) if settings is not None else 60.0,
        step=5.0,
        key=state.CAPACITY_TIME_LIMIT,
        help="The longest the solver may search; the best plan found by then is kept.",
        width=200,
    )
    solve = st.button("Solve", type="primary", key="capacity_solve", icon=":material/play_circle:",
                      disabled=not loaded.ok)
if solve:
    _solve(objective or options[0], float(time_limit))

run = state.capacity_run()
if run is not None:
    _results(run)
