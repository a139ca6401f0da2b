"""Solve: run the search beside the page, watch it improve, stop it when the roster is good enough."""

from __future__ import annotations

import streamlit as st

from planner.ui import charts, state, views, widgets
from planner.ui import format as fmt
from planner.ui.jobs import SolveJob, app_solver_settings

POLL_SECONDS = 1.0


def _start() -> None:
    loaded = state.loaded()
    if not loaded.ok or loaded.scenario is None or state.solving():
        return
    scenario = loaded.scenario
    if state.comparing():
        state.drop_comparison()  # a new roster is coming: free the cores for it
    job = SolveJob(
        scenario,
        app_solver_settings(scenario.settings.solver),
        files_signature=state.signature(),
        scenario_files=state.files(),
    )
    st.session_state[state.JOB] = job.start()


def _stop() -> None:
    job = state.job()
    if job is not None:
        job.stop()


def _status_message(job: SolveJob) -> None:
    """What the finished search gave, in plain words."""
    if job.error is not None:
        st.error(
            "The planner failed while solving: this is a fault in the planner, not in your data. "
            "Your data and settings are kept; please report the details below."
        )
        with st.expander("Details for the report"):
            st.code(job.error)
        return
    result = job.result
    if result is None:
        return
    stats = result.plan.stats
    currency = result.scenario.settings.currency
    if stats.status == "INFEASIBLE":
        st.error(
            "**No roster can obey all the hard rules at once.** They clash here (relax one: make "
            "the rule soft or switch it off on Rules & costs, or change the data):"
        )
        for conflict in stats.conflicts or ("The clash could not be narrowed down in the time given.",):
            st.markdown(f"- {conflict}")
        widgets.link("rules", "Change the rules", icon=":material/tune:")
        return
    if not result.has_roster:
        st.warning(
            f"No roster was found within {fmt.seconds(stats.seconds)}. Give the search more time "
            "(Rules & costs → Search → time limit) and solve again."
        )
        return
    cost = fmt.money(stats.objective, currency)
    if stats.status == "OPTIMAL":
        text = f"**Best possible roster found** in {fmt.seconds(stats.seconds)}: cost {cost}."
    elif result.stopped:
        text = (
            f"**Stopped** after {fmt.seconds(stats.seconds)}; the best roster found so far is kept: "
            f"cost {cost}, at most {fmt.percent(100 * (stats.gap or 0))} above the best possible."
        )
    else:
        text = (
            f"**Roster found** in {fmt.seconds(stats.seconds)} (the time limit): cost {cost}, at most "
            f"{fmt.percent(100 * (stats.gap or 0))} above the best possible. More time may find a "
            "cheaper one."
        )
    st.success(text)
    if result.report is not None and result.report.hard_violations:
        st.error("The independent checker found hard rule breaches in this roster: please report it.")
    widgets.link("results", "See the results", icon=":material/insights:")


def _live(running_at_start: bool, ready: bool) -> None:
    job = state.job()
    if job is None:
        if ready:
            st.info("Press **Solve** to plan the roster. The page stays usable while it searches.")
        return
    snap = job.snapshot()
    currency = job.scenario.settings.currency
    if snap.running:
        share = min(1.0, snap.elapsed / snap.time_limit) if snap.time_limit > 0 else 0.0
        what = "Stopping…" if snap.stop_requested else "Searching…"
        st.progress(share, text=f"{what} {fmt.seconds(snap.elapsed)} of {fmt.seconds(snap.time_limit)}")
    best = snap.best
    cells = st.columns(4)
    cells[0].metric("Elapsed", fmt.seconds(snap.elapsed))
    cells[1].metric(
        "Best roster cost so far",
        fmt.money(best.objective, currency) if best else "none yet",
        help="Wages, overtime, temps and the prices of shortfall and soft rule breaches.",
    )
    cells[2].metric(
        "Best bound",
        fmt.money(best.best_bound, currency) if best else "–",
        help="No roster can cost less than this: the search has proved it.",
    )
    cells[3].metric(
        "Gap",
        fmt.percent(100 * best.gap) if best else "–",
        help="How far the best roster may still be above the best possible. 0 % = proved best.",
    )
    if snap.progress:
        st.altair_chart(charts.progress_chart(views.progress_frame(snap.progress), currency), width="stretch")
    elif snap.running:
        st.caption("Waiting for the first roster…")
    if running_at_start and not snap.running:
        # The search ended while this fragment was polling: redraw the whole app (buttons,
        # sidebar), and open the results when there is a roster to show.
        state.collect_finished_job()
        if job.result is not None and job.result.has_roster:
            st.switch_page(widgets.PAGES["results"])
        st.rerun(scope="app")
    if not snap.running:
        _status_message(job)


# --- the page -----------------------------------------------------------------------------------

loaded = state.loaded()
st.title("Solve")
widgets.show_flash()

if loaded.ok and loaded.scenario is not None:
    asked = loaded.scenario.settings.solver
    solver = app_solver_settings(asked)
    name = loaded.scenario.settings.name or st.session_state[state.SOURCE]
    st.markdown(f"**{name}**")
    st.caption(widgets.scenario_caption(loaded))
    workers = f"{solver.workers} worker(s)"
    if solver.workers < asked.workers:
        workers += f" (of the {asked.workers} asked: this computer has {solver.workers} core(s))"
    st.caption(f"Search: up to {fmt.seconds(solver.time_limit_seconds)}, {workers}, seed {solver.seed}.")
    widgets.link("rules", "Change the time limit and rules", icon=":material/tune:")
else:
    widgets.validity_banner(loaded)
    if state.files():
        widgets.issues_table(loaded.errors, key="solve-errors")
    widgets.link("data", "Fix the data", icon=":material/table_view:")

running = state.solving()
with st.container(horizontal=True):
    st.button(
        "Solve",
        type="primary",
        icon=":material/play_arrow:",
        key="solve",
        disabled=running or not loaded.ok,
        on_click=_start,
    )
    st.button("Stop", icon=":material/stop:", key="stop", disabled=not running, on_click=_stop)

job = state.job()
if job is not None and job.files_signature != state.signature() and not running:
    st.caption("The data or settings changed after this solve: solve again to see their effect.")

st.fragment(_live, run_every=POLL_SECONDS if running else None)(running, loaded.ok)
