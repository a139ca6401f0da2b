"""The solve loop: solver settings, progress, early stop, and what the plan reports."""

from __future__ import annotations

import importlib
import random
import threading
import time
from typing import ClassVar

import pytest
from ortools.sat.python import cp_model

from planner.domain import Contract, Scenario, SolverSettings
from planner.engine import Progress, solve
from planner.engine.columns import ColumnPlan
from planner.engine.solve import (
    COLUMN_SUBSOLVER,
    LARGE_WORKERS,
    LongColumns,
    _parameters,
    is_large,
    takes_columns,
)
from tests.conftest import check_agrees, solve_and_check
from tests.factories import employee, scenario, shift, slot, unavailable

solve_module = importlib.import_module("planner.engine.solve")

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
N = shift("N", "22:00", "06:00", premium=1.25)


def busy_fortnight(seed: int = 7, people: int = 30, days: int = 14) -> Scenario:
    """Thirty people, two weeks, three shifts and the usual contract: a roster CP-SAT finds
    quickly but does not prove optimal within a couple of seconds."""
    rng = random.Random(seed)
    staff = [employee(f"E{i:02d}", hourly_cost=rng.choice([18, 20, 22, 25])) for i in range(people)]
    demand = [slot(d, s, required=rng.randint(2, 6)) for d in range(days) for s in (E, L, N)]
    contract = Contract(max_consecutive_days=5, min_consecutive_days=2, min_days_off_in_row=2,
                        max_weekends=2, min_hours_week=24, max_hours_week=40, min_rest_hours=11)
    leave = [unavailable(f"E{rng.randrange(people):02d}", rng.randrange(days), kind="leave")
             for _ in range(20)]
    return scenario(staff, [E, L, N], demand, days=days, contract=contract, availability=leave)


def tiny() -> Scenario:
    return scenario([employee("A"), employee("B", hourly_cost=25)], [E, L],
                    [slot(d, s) for d in range(3) for s in (E, L)], days=3)


class SpySolver(cp_model.CpSolver):
    """A CpSolver that remembers the parameters of every search it runs."""

    seen: ClassVar[list[tuple[float, int, int, float]]] = []

    def solve(self, model, solution_callback=None):  # type: ignore[override]
        p = self.parameters
        SpySolver.seen.append(
            (p.max_time_in_seconds, p.num_workers, p.random_seed, p.relative_gap_limit))
        return super().solve(model, solution_callback)


def test_time_limit_workers_seed_and_gap_reach_the_solver(monkeypatch):
    monkeypatch.setattr(cp_model, "CpSolver", SpySolver)
    SpySolver.seen = []
    settings = SolverSettings(time_limit_seconds=7.5, workers=3, seed=42, relative_gap=0.01)
    plan, _ = solve_and_check(tiny(), settings=settings)
    assert SpySolver.seen == [(7.5, 3, 42, 0.01)]
    assert (plan.stats.workers, plan.stats.seed) == (3, 42)


def test_the_scenarios_own_solver_settings_apply_by_default(monkeypatch):
    monkeypatch.setattr(cp_model, "CpSolver", SpySolver)
    SpySolver.seen = []
    sc = tiny()
    solve_and_check(sc)
    [(time_limit, workers, seed, _)] = SpySolver.seen
    solver = sc.settings.solver
    assert (time_limit, workers, seed) == (solver.time_limit_seconds, solver.workers, solver.seed)


def test_a_proved_optimum_has_no_gap_and_reports_when_it_was_first_found():
    plan, report = solve_and_check(tiny())
    assert plan.stats.gap == 0.0 and plan.stats.best_bound == plan.stats.objective
    assert plan.stats.objective == report.objective
    assert plan.stats.first_solution_seconds is not None
    assert plan.stats.first_solution_seconds <= plan.stats.seconds


def test_progress_reports_each_improving_roster_down_to_the_final_objective():
    events: list[Progress] = []
    plan, _ = solve_and_check(tiny(), on_progress=events.append)
    assert events
    objectives = [e.objective for e in events]
    assert objectives == sorted(objectives, reverse=True)
    assert objectives[-1] == plan.stats.objective


def test_the_time_limit_ends_the_search_with_the_best_roster_so_far():
    sc = busy_fortnight()
    plan, _ = solve_and_check(sc, settings=SolverSettings(time_limit_seconds=1.0, workers=8),
                              optimal=False)
    # well under the scenario's own 20 s limit, with room for a loaded machine (no timing test)
    assert plan.stats.seconds < 15
    assert plan.stats.status == "FEASIBLE" and plan.assignments
    assert plan.stats.gap > 0 and plan.stats.best_bound < plan.stats.objective


def test_a_relative_gap_ends_the_search_early_and_the_plan_reports_the_gap(monkeypatch):
    # The search's own stop: column generation's roster proves optimal at once here.
    monkeypatch.setattr(solve_module, "COLUMN_CHOICES", solve_module.LARGE_CHOICES)
    sc = busy_fortnight()
    settings = SolverSettings(time_limit_seconds=20, workers=8, relative_gap=0.5)
    plan, _ = solve_and_check(sc, settings=settings, optimal=False)
    assert plan.stats.seconds < 10
    assert 0 < plan.stats.gap <= 0.5
    assert plan.stats.best_bound < plan.stats.objective


def test_stop_ends_the_search_and_keeps_the_best_roster():
    stop = threading.Event()

    def first_roster_is_enough(_: Progress) -> None:
        stop.set()

    settings = SolverSettings(time_limit_seconds=60, workers=8)
    started = time.monotonic()
    plan, _ = solve_and_check(busy_fortnight(), settings=settings, optimal=False,
                              on_progress=first_roster_is_enough, stop=stop)
    assert time.monotonic() - started < 10
    assert plan.stats.status in ("FEASIBLE", "OPTIMAL") and plan.assignments


def test_stop_set_before_the_search_starts_still_ends_it():
    stop = threading.Event()
    stop.set()
    started = time.monotonic()
    plan = solve(busy_fortnight(), settings=SolverSettings(time_limit_seconds=60, workers=8), stop=stop)
    assert time.monotonic() - started < 10
    if plan.stats.status in ("FEASIBLE", "OPTIMAL"):
        check_agrees(busy_fortnight(), plan)
    else:
        assert plan.stats.status == "UNKNOWN" and plan.assignments == ()


def test_a_large_model_skips_presolve_only_when_it_starts_from_a_warm_start():
    """Presolve only delays a search that starts from a complete hint; without one (the
    warm start found no roster) it is what lets the search find a first roster."""
    settings = SolverSettings(time_limit_seconds=10, workers=8)
    seen = {}
    for hinted in (True, False):
        solver = cp_model.CpSolver()
        _parameters(solver, settings, large=True, hinted=hinted)
        seen[hinted] = (solver.parameters.cp_model_presolve, solver.parameters.num_workers)
    assert seen == {True: (False, LARGE_WORKERS), False: (True, LARGE_WORKERS)}


def test_only_a_search_from_column_generations_roster_adds_the_full_lp_worker():
    """Column generation's roster is near the best; the full-LP worker closes what is left.
    Other searches keep CP-SAT's own portfolio."""
    settings = SolverSettings(time_limit_seconds=10, workers=2)
    added = {}
    for columns in (True, False):
        solver = cp_model.CpSolver()
        _parameters(solver, settings, hinted=columns)
        added[columns] = list(solver.parameters.extra_subsolvers)
    assert added == {True: [COLUMN_SUBSOLVER], False: []}


def test_a_larger_scenario_starts_from_columns_only_when_the_solve_is_long_and_the_horizon_short(
    monkeypatch,
):
    sc = busy_fortnight()  # 1,260 pairs over 14 days
    short, long = (SolverSettings(time_limit_seconds=t, workers=2) for t in (30, 600))
    assert takes_columns(sc, short) and not is_large(sc, short)
    assert not takes_columns(tiny(), long) and not is_large(tiny(), long)  # the search alone
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 1_000)
    monkeypatch.setattr(solve_module, "LONG_COLUMNS", LongColumns(2_000, 14, 600.0))
    assert not takes_columns(sc, short) and is_large(sc, short)
    assert takes_columns(sc, long) and not is_large(sc, long)
    monkeypatch.setattr(solve_module, "LONG_COLUMNS", LongColumns(2_000, 13, 600.0))
    assert not takes_columns(sc, long) and is_large(sc, long)
    monkeypatch.setattr(solve_module, "LONG_COLUMNS", LongColumns(1_260, 14, 600.0))
    assert not takes_columns(sc, long) and is_large(sc, long)


@pytest.mark.parametrize("least_seconds", [5.0, 600.0])
def test_a_larger_scenario_given_the_time_is_solved_from_column_generations_roster(
    monkeypatch, least_seconds
):
    runs: list[float] = []
    real_run = ColumnPlan.run

    def counted_run(self, seconds, on_first=None):
        runs.append(seconds)
        return real_run(self, seconds, on_first)

    monkeypatch.setattr(ColumnPlan, "run", counted_run)
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 1_000)
    monkeypatch.setattr(solve_module, "LONG_COLUMNS", LongColumns(2_000, 14, least_seconds))
    plan, _ = solve_and_check(busy_fortnight(), settings=SolverSettings(time_limit_seconds=8,
                                                                        workers=2), optimal=False)
    assert plan.stats.status in ("FEASIBLE", "OPTIMAL")
    assert len(runs) == (1 if least_seconds <= 8 else 0)
