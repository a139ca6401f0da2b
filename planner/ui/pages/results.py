"""Results: headline figures, coverage against demand, the roster, hours, shortfalls and costs."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from planner.io.plan_tables import REASONS
from planner.reports import violations_by_rule
from planner.ui import charts, state, views, widgets
from planner.ui import format as fmt
from planner.ui.jobs import RunResult, TrainingComparison

POLL_SECONDS = 1.0  # how often the Training tab looks at a running solve without training

REASON_LABELS = {
    "no_one_qualified": "nobody qualified",
    "all_qualified_busy": "all busy",
    "availability": "unavailable",
    "left_short_by_cost": "cheaper short",
}


def _status_line(result: RunResult) -> str:
    stats = result.plan.stats
    gap = fmt.percent(100 * (stats.gap or 0))
    if stats.status == "OPTIMAL":
        how = "the best possible roster"
    elif result.stopped:
        how = f"stopped by you; at most {gap} above the best possible"
    else:
        how = f"time limit reached; at most {gap} above the best possible"
    return f"Solved in {fmt.seconds(stats.seconds)}: {how}."


def _headline(result: RunResult) -> None:
    currency = result.scenario.settings.currency
    h = views.headline(result.summary)
    top = st.columns(5)
    top[0].metric(
        "Total cost",
        fmt.money(h.total, currency, cents=False),
        help="Money paid out plus the prices of shortfall, surplus and soft rule breaches "
        "(Rules & costs sets them), inside the horizon. With training, the planner minimised "
        "this less the value credited for new skills after the horizon.",
        border=True,
    )
    top[1].metric(
        "Paid out",
        fmt.money(h.paid, currency, cents=False),
        help="Wages, overtime, temps and training: the money this roster costs.",
        border=True,
    )
    top[2].metric(
        "Demand covered",
        fmt.percent(h.covered_pct),
        help=f"Staff-hours covered of the {fmt.number(h.required_hours, 1)} required.",
        border=True,
    )
    top[3].metric("Short staff-hours", fmt.number(h.short_hours, 1), border=True)
    top[4].metric(
        "Hard rule breaches",
        f"{h.hard_violations:,}" + (" ✓" if h.hard_violations == 0 else ""),
        help="Checked by the independent checker; must be 0.",
        border=True,
    )
    paid = [
        f"{views.COST_LABELS[kind].lower()} **{fmt.money(h.by_kind.get(kind, 0.0), currency, cents=False)}**"
        for kind in ("wages", "overtime", "temps", "training")
    ]
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(
            "Paid out: " + " · ".join(paid) + f" · {h.temps_count:,} temp shift(s) booked",
            width="content",
        )
        exports = state.exports(result)
        st.download_button(
            "roster.csv",
            data=exports["roster.csv"],
            file_name="roster.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="results-download-roster",
        )
        widgets.link("export", "All downloads", icon=":material/download:")
    if h.credit:
        weeks = result.summary.get("training", {}).get("value_weeks", "")
        st.markdown(
            f"New skills are credited **{fmt.money(h.credit, currency, cents=False)}** for their "
            f"value in the {weeks} week(s) after the horizon, so the planner minimised "
            f"**{fmt.money(h.total - h.credit, currency, cents=False)}** (see the Training tab)."
        )
    service = result.summary.get("service")
    if isinstance(service, dict) and service.get("service_level") is not None:
        st.markdown(
            f"Service on queue work: **{fmt.percent(service['service_level'])}** answered within "
            f"target · average wait **{fmt.number(service.get('asa_seconds'), 1)} s** · "
            f"**{fmt.percent(service.get('abandon_pct'))}** abandoned · occupancy "
            f"**{fmt.percent(service.get('occupancy'))}** over {fmt.number(service.get('volume'))} contacts"
        )


def _coverage_tab(result: RunResult) -> None:
    scenario = result.scenario
    coverage = result.tables.coverage if result.tables else pd.DataFrame()
    if coverage.empty:
        st.info("This scenario has no demand rows.")
        return
    days = list(scenario.days)
    shown = days
    if len(days) > 1:
        last = min(days[-1], 6) if len(days) > 7 else days[-1]
        first_day, last_day = st.select_slider(
            "Days shown",
            options=days,
            value=(days[0], last),
            format_func=lambda d: views.day_label(scenario, d),
            key="coverage_days",
        )
        shown = list(range(first_day, last_day + 1))
    dates = {scenario.settings.date_of(d).isoformat() for d in shown}
    rows = coverage[coverage["date"].isin(dates)].reset_index(drop=True)
    st.caption(
        "Blue: staff scheduled; orange: temps; red: still short; black line: required heads. "
        "Drag to pan and scroll to zoom the time axis; hover for the figures."
    )
    first = scenario.settings.date_of(shown[0])
    after = scenario.settings.date_of(shown[-1] + 1)
    time_range = (f"{first.isoformat()}T00:00", f"{after.isoformat()}T00:00")
    skills = [skill for skill in scenario.skills if (rows["skill"] == skill).any()]
    for i, skill in enumerate(skills):
        chart = charts.coverage_chart(rows, skill, legend=i == 0, time_range=time_range)
        st.altair_chart(chart, width="stretch", key=f"coverage-{skill}")


def _week_picker(result: RunResult, key: str) -> int:
    scenario = result.scenario
    weeks = list(scenario.weeks)
    if len(weeks) == 1:
        return 0
    return st.selectbox("Week", weeks, format_func=lambda w: views.week_label(scenario, w), key=key)


def _legend(grid: views.RosterGrid, result: RunResult, colour_by: str) -> None:
    scenario = result.scenario
    legend = views.shift_legend(scenario)
    if colour_by == "shift":
        chips = [(label, grid.colours.get(shift_id, "#FFFFFF")) for shift_id, label in legend]
    else:
        times = ", ".join(label for _, label in legend)
        chips = [(skill, grid.colours.get(skill, "#FFFFFF")) for skill in scenario.skills]
        st.caption(f"Shifts: {times}.")
    chips.append(("leave / unavailable", grid.colours["_off"]))
    if result.plan.training:
        chips.append(("course day (training, paid)", grid.colours["_training"]))
    spans = "".join(
        f'<span style="background:{colour};padding:2px 8px;margin:0 6px 4px 0;border-radius:4px;'
        f'display:inline-block;font-size:0.85rem;color:#111">{html.escape(label)}</span>'
        for label, colour in chips
    )
    st.html(f"<div>{spans}</div>")


def _grid_tab(result: RunResult) -> None:
    scenario = result.scenario
    left, right = st.columns([2, 3])
    with left:
        week = _week_picker(result, "grid_week")
    with right:
        colour_by = st.segmented_control(
            "Colour by", ["shift", "skill"], default="shift", key="grid_colour", required=True
        )
    grid = views.roster_grid(scenario, result.plan, list(scenario.days_of_week(week)), colour_by or "shift")
    styled = grid.text.style.apply(lambda _: views.grid_styles(grid), axis=None).format(
        {"paid hours": "{:,.1f}"}
    )
    day_columns = {column: st.column_config.TextColumn(column, width="small") for column in grid.text.columns}
    day_columns["shifts"] = st.column_config.NumberColumn("shifts", width=50)
    day_columns["paid hours"] = st.column_config.NumberColumn("hours", width=60)
    st.dataframe(
        styled,
        height=min(720, 38 + 35 * len(grid.text)),
        column_config=day_columns,
        key="roster-grid",
    )
    _legend(grid, result, colour_by or "shift")


def _timeline_tab(result: RunResult) -> None:
    scenario = result.scenario
    left, right = st.columns([2, 3])
    with left:
        day = st.selectbox(
            "Day",
            list(scenario.days),
            format_func=lambda d: fmt.day(scenario.settings.date_of(d)),
            key="timeline_day",
        )
    with right:
        colour_by = st.segmented_control(
            "Colour by", ["skill", "shift_id"], default="skill", key="timeline_colour", required=True,
            format_func=lambda c: "shift" if c == "shift_id" else c,
        )
    frame = views.timeline_frame(scenario, result.plan, day)
    if frame.empty:
        st.info("Nobody starts a shift on this day.")
        return
    st.altair_chart(charts.timeline_chart(frame, colour_by or "skill"), width="stretch", key="timeline")


def _hours_tab(result: RunResult) -> None:
    scenario = result.scenario
    week = _week_picker(result, "hours_week")
    hours = views.hours_by_week(scenario, result.plan)
    week_rows = hours[hours["week"] == week].reset_index(drop=True)
    st.caption(
        "Each person's paid hours this week (bar) against the contract band (grey: from the "
        "minimum, after leave credit, to the maximum); the black tick is where overtime starts."
    )
    st.altair_chart(charts.hours_chart(week_rows), width="stretch", key="hours")
    outside = week_rows[week_rows["status"] != "within contract"]
    if len(outside):
        st.markdown(f"**{len(outside):,} outside their band or on overtime**")
        st.dataframe(
            outside[["who", "paid_hours", "min_hours", "max_hours", "overtime_after", "status"]],
            hide_index=True,
            column_config={
                "who": "employee",
                "paid_hours": st.column_config.NumberColumn("paid hours", format="%,.2f"),
                "min_hours": st.column_config.NumberColumn("minimum", format="%,.2f"),
                "max_hours": st.column_config.NumberColumn("maximum", format="%,.2f"),
                "overtime_after": st.column_config.NumberColumn("overtime after", format="%,.2f"),
            },
        )


def _shortfall_tab(result: RunResult) -> None:
    shortfall = result.tables.shortfall if result.tables else pd.DataFrame()
    currency = result.scenario.settings.currency
    if shortfall.empty:
        st.success("No shortfall: every interval has the heads it needs.")
        return
    view = pd.DataFrame(
        {
            "when": [fmt.span(a, b) for a, b in zip(shortfall["start_at"], shortfall["end_at"], strict=True)],
            "skill": shortfall["skill"],
            "staffed": [
                f"{staff:,}" + (f" + {temps:,} temps" if temps else "") + f" of {required:,}"
                for staff, temps, required in zip(
                    shortfall["staff"], shortfall["temps"], shortfall["required"], strict=True
                )
            ],
            "short_staff_hours": shortfall["short_staff_hours"],
            "cost": shortfall["cost"],
            "reason": shortfall["reason"].map(lambda code: REASON_LABELS.get(code, code)),
            "fix": shortfall["fix"],
            "fix_cost": shortfall["fix_cost"],
        }
    )
    money = fmt.money_column_format(currency)
    total = float(shortfall["short_staff_hours"].sum())
    st.caption(
        f"{len(view):,} short interval(s), {fmt.number(total, 1)} staff-hours in all. Select a row "
        "to see why it is short; the fix is the cheapest single change that adds one head."
    )
    selection = st.dataframe(
        view,
        hide_index=True,
        height=min(460, 38 + 35 * len(view)),
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "when": st.column_config.TextColumn("when", width="medium"),
            "skill": st.column_config.TextColumn("skill", width="small"),
            "staffed": st.column_config.TextColumn("staffed", width="small"),
            "short_staff_hours": st.column_config.NumberColumn("short h", format="%,.2f", width="small"),
            "cost": st.column_config.NumberColumn("price", format=money, width="small"),
            "reason": st.column_config.TextColumn("reason", width="small"),
            "fix": st.column_config.TextColumn("cheapest fix", width="large"),
            "fix_cost": st.column_config.NumberColumn("fix costs", format=money, width="small"),
        },
        key="shortfalls",
    )
    rows = selection.selection.rows if selection is not None else []
    if rows:
        row = shortfall.iloc[rows[0]]
        with st.container(border=True):
            st.markdown(
                f"**{view.iloc[rows[0]]['when']}, {row['skill']}**: {view.iloc[rows[0]]['staffed']} heads "
                f"({REASON_LABELS.get(row['reason'], row['reason'])})."
            )
            st.markdown(f"Why: {row['detail']}")
            if row["fix"]:
                st.markdown(f"Cheapest fix: {row['fix']} ({fmt.money(float(row['fix_cost']), currency)}).")
    with st.expander("What the reasons mean"):
        for code, text in REASONS.items():
            st.markdown(f"- **{REASON_LABELS.get(code, code)}**: {text}")


def _training_tab(result: RunResult) -> None:
    scenario = result.scenario
    currency = scenario.settings.currency
    block = result.summary.get("training") or {}
    plan = result.tables.training if result.tables else pd.DataFrame()
    top = st.columns(3)
    top[0].metric("Course sessions taken", f"{int(block.get('sessions', len(plan))):,}", border=True,
                  help="One per trainee on a course session.")
    top[1].metric("Training cost", fmt.money(block.get("cost", 0.0), currency, cents=False), border=True,
                  help="Course fees and the trainees' pay on course days.")
    top[2].metric(
        "Value after the horizon",
        fmt.money(block.get("value_after_horizon", 0.0), currency, cents=False),
        border=True,
        help=f"What the newly qualified are worth over the {block.get('value_weeks', 0)} week(s) after "
        "the roster (the value_weeks setting of train_staff on Rules & costs).",
    )
    if plan.empty:
        st.info(
            f"Nobody is trained in this roster: with these prices no session of the "
            f"{len(scenario.courses):,} course(s) is worth its cost, or nobody may take one "
            "(`trainable` in staff.csv, the prerequisite, the sessions and leave decide who can)."
        )
    else:
        _training_plan(plan, block, currency)
    _compare_section(result)


def _training_plan(plan: pd.DataFrame, block: dict[str, object], currency: str) -> None:
    st.markdown("**Training plan** (training_plan.csv)")
    st.caption(
        "Who takes which course, when: trainees are off the floor and paid on course days, and may "
        "work the new skill from the day they are qualified."
    )
    money = fmt.money_column_format(currency)
    st.dataframe(
        plan,
        hide_index=True,
        column_config={
            "employee_id": st.column_config.TextColumn("employee"),
            "course_id": st.column_config.TextColumn("course"),
            "start_date": st.column_config.TextColumn("first day"),
            "end_date": st.column_config.TextColumn("last day"),
            "hours": st.column_config.NumberColumn("hours", format="%,.2f"),
            "fee": st.column_config.NumberColumn("fee", format=money),
            "pay": st.column_config.NumberColumn("pay", format=money),
            "cost": st.column_config.NumberColumn("cost", format=money),
            "qualified_from": st.column_config.TextColumn("qualified from"),
        },
        key="training-plan",
    )
    sentences = views.training_sentences(block)
    if sentences:
        st.markdown("**Why each session pays**")
        st.markdown("\n".join(f"- {text}" for text in sentences))


def _compare_section(result: RunResult) -> None:
    """The button that solves this scenario again with training switched off, and then the
    comparison; the search runs in the background and a fragment follows it."""
    st.markdown("**Compared with training switched off**")
    compared = state.comparison()
    running = state.comparing()
    if compared is None or running:
        st.caption(
            "Solve the same scenario again with training switched off (rule train_staff), with the "
            f"same search settings (up to {fmt.seconds(result.settings.time_limit_seconds)}), to see "
            "what training saves. The other pages stay usable while it searches."
        )
    st.button(
        "Compare with training switched off",
        icon=":material/compare_arrows:",
        key="compare_training",
        disabled=running or state.solving(),
        help="A solve is running: wait for it to end." if state.solving() else None,
        on_click=state.start_comparison,
    )
    if compared is not None:
        st.fragment(_comparison_live, run_every=POLL_SECONDS if running else None)(running)


def _comparison_live(running_at_start: bool) -> None:
    compared = state.comparison()
    if compared is None:
        return
    snap = compared.job.snapshot()
    if snap.running:
        share = min(1.0, snap.elapsed / snap.time_limit) if snap.time_limit > 0 else 0.0
        st.progress(
            share,
            text=f"Solving without training… {fmt.seconds(snap.elapsed)} of {fmt.seconds(snap.time_limit)}",
        )
        return
    if running_at_start:
        # The search ended while this fragment was polling: redraw the whole app, so the
        # downloads (summary.json) take the comparison and the polling stops.
        st.rerun(scope="app")
    _comparison_result(compared)


def _comparison_result(compared: TrainingComparison) -> None:
    job = compared.job
    if job.error is not None:
        st.error(
            "The planner failed while solving without training: this is a fault in the planner, "
            "not in your data. The roster above is kept; please report the details below."
        )
        with st.expander("Details for the report"):
            st.code(job.error)
        return
    with st.spinner("Comparing the two rosters…"):
        comparison = compared.comparison()
    if comparison is None:
        stats = job.result.plan.stats if job.result is not None else None
        if stats is not None and stats.status == "INFEASIBLE":
            st.warning("Without training no roster obeys all the hard rules: there is nothing to compare.")
        else:
            st.warning(
                "No roster without training was found within the time limit: there is nothing to "
                "compare. Give the search more time (Rules & costs → Search) and try again."
            )
        return
    currency = compared.result.scenario.settings.currency
    st.markdown(views.comparison_saving(comparison, currency))
    st.dataframe(
        views.comparison_frame(comparison, currency),
        hide_index=True,
        column_config={"difference": st.column_config.TextColumn("with − without")},
        key="training-comparison",
    )
    statuses = {compared.result.plan.stats.status, job.result.plan.stats.status if job.result else ""}
    if statuses != {"OPTIMAL"}:
        st.caption(
            "Not both rosters are proved the best possible (the search hit its time limit): part of "
            "the difference may come from the search rather than from training."
        )
    sentences = [views.sentence(str(s.get("explanation", ""))) for s in comparison.get("by_skill", ())]
    if sentences:
        st.markdown("\n".join(f"- {text}" for text in sentences if text))
    else:
        st.caption("Training changes no skill's temp or short hours.")
    widgets.link("export", "summary.json holds the comparison (Export)", icon=":material/download:")


def _costs_tab(result: RunResult) -> None:
    currency = result.scenario.settings.currency
    h = views.headline(result.summary)
    costs = views.cost_frame(h.by_kind)
    st.markdown("**Cost by kind**")
    if len(costs):
        st.altair_chart(charts.cost_chart(costs, currency), width="stretch", key="costs")
    st.markdown("**Rule breaches**")
    breaches = violations_by_rule(result.report) if result.report else pd.DataFrame()
    if breaches.empty:
        st.success("No rule is broken.")
    else:
        table = pd.DataFrame(
            {
                "rule": breaches["label"],
                "kind": breaches["hard"].map({True: "hard", False: "soft"}),
                "breaches": breaches["count"],
                "how much": [
                    f"{fmt.number(q, 2)} {unit}"
                    for q, unit in zip(breaches["quantity"], breaches["unit"], strict=True)
                ],
                "price": breaches["cost"],
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            column_config={
                "breaches": st.column_config.NumberColumn("breaches", format="%,d"),
                "price": st.column_config.NumberColumn("price", format=fmt.money_column_format(currency)),
            },
            key="breaches",
        )
    if result.progress:
        st.markdown("**How the search went**")
        chart = charts.progress_chart(views.progress_frame(result.progress), currency)
        st.altair_chart(chart, width="stretch", key="search")


# --- the page -----------------------------------------------------------------------------------

st.title("Results")
widgets.show_flash()
result = state.result()
if result is None:
    if state.solving():
        st.info("The solve is still running; the results appear here when it ends.")
    else:
        st.info("No roster yet: solve the scenario first.")
    widgets.link("solve", "Go to Solve", icon=":material/play_circle:")
    st.stop()

settings = result.scenario.settings
st.markdown(f"**{settings.name or 'Scenario'}** · {fmt.date_range(settings.start_date, settings.days)}")
st.caption(_status_line(result))
if state.solving():
    st.info("A new solve is running; these are the results of the previous one.")
elif result.files_signature != state.signature():
    st.warning("The data or settings changed since this roster was made: solve again to update it.")

_headline(result)

TABS = ("Coverage", "Roster grid", "Day timeline", "Hours vs contract", "Shortfalls", "Costs & breaches")
has_courses = bool(result.scenario.courses)
tabs = st.tabs([*TABS, "Training"] if has_courses else list(TABS))
with tabs[0]:
    _coverage_tab(result)
with tabs[1]:
    _grid_tab(result)
with tabs[2]:
    _timeline_tab(result)
with tabs[3]:
    _hours_tab(result)
with tabs[4]:
    _shortfall_tab(result)
with tabs[5]:
    _costs_tab(result)
if has_courses:
    with tabs[6]:
        _training_tab(result)
