"""The warm start: a roster built one employee at a time that keeps every hard rule."""

from __future__ import annotations

import importlib
import random
import threading
import time

import pytest

from planner.check import check_plan
from planner.domain import Contract, Scenario, SolverSettings
from planner.engine import Progress
from planner.engine.warmstart import WarmStart, warm_start
from tests.conftest import nonzero, solve_and_check
from tests.factories import (
    employee,
    interval,
    leave,
    off,
    offer,
    prefer,
    scenario,
    shift,
    slot,
    soft,
    unavailable,
)

solve_module = importlib.import_module("planner.engine.solve")

E = shift("E", "06:00", "14:00", break_minutes=30)
M = shift("M", "10:00", "18:00", break_minutes=30)
L = shift("L", "14:00", "22:00", break_minutes=30)
N = shift("N", "22:00", "06:00", break_minutes=30, premium=1.25)

CONTRACT = Contract(min_hours_week=15, max_hours_week=38, overtime_after_hours_week=30,
                    max_days_week=5, max_consecutive_days=4, min_consecutive_days=2,
                    min_days_off_in_row=2, max_weekends=1, min_rest_hours=11)


def fortnight(seed: int = 3, people: int = 8, days: int = 14, **kw: object) -> Scenario:
    """Two skills, four shifts (one at night), 30-minute interval demand, leave, wishes,
    a temp offer, and every day rule of the usual contract."""
    rng = random.Random(seed)
    staff = [
        employee(f"E{i:02d}", rng.choice([["a"], ["b"], ["a", "b"]]),
                 hourly_cost=18 + rng.random() * 8)
        for i in range(people)
    ]
    demand = []
    for day in range(days):
        for skill in ("a", "b"):
            for quarter in range(0, 48, 2):
                start = quarter * 30
                base = 2 if 480 <= start < 1200 else (1 if 360 <= start < 1380 else 0)
                demand.append(interval(day, f"{start // 60:02d}:{start % 60:02d}",
                                       f"{(start + 60) // 60 % 24:02d}:{(start + 60) % 60:02d}",
                                       max(0, base + rng.randint(-1, 1)), skill))
    options: dict[str, object] = dict(
        days=days, contract=CONTRACT, temp_offers=[offer("a", 30, max_per_day=2, notice_days=2)],
        availability=[*leave("E01", 2, 3), *leave("E04", 9), prefer("E02", 5, shift_id="E")],
        forbidden_successions=[("L", "E")],
    )
    options.update(kw)
    return scenario(staff, [E, M, L, N], demand, **options)  # type: ignore[arg-type]


def assert_valid(sc: Scenario, plan) -> None:
    assert plan is not None
    report = check_plan(sc, plan)
    assert report.problems == ()
    assert report.hard_violations == (), [v.message for v in report.hard_violations]
    assert plan.stats.status == "FEASIBLE"
    assert plan.stats.objective_units == report.objective_units
    assert nonzero(plan.stats.costs) == nonzero(report.costs)


def test_the_warm_start_keeps_every_hard_rule_and_carries_the_checkers_cost():
    sc = fortnight()
    plan = warm_start(sc)
    assert_valid(sc, plan)
    assert plan.assignments  # min hours are hard: everyone works
    worked = {a.employee_id for a in plan.assignments}
    assert worked == {e.employee_id for e in sc.employees}


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_other_seeds_and_rule_settings_stay_valid(seed):
    sc = fortnight(seed, people=10, rules={"max_weekends": soft(5), "min_consecutive_days": soft(1)})
    assert_valid(sc, warm_start(sc, seed=seed))


def test_further_passes_never_raise_the_cost():
    sc = fortnight(7, people=10)
    first = warm_start(sc, improve_seconds=0)
    better = warm_start(sc, improve_seconds=30)
    assert_valid(sc, first)
    assert_valid(sc, better)
    assert better.stats.objective_units <= first.stats.objective_units


def test_no_warm_start_when_an_employee_cannot_keep_the_hard_rules():
    # Unavailable all week, but a hard weekly minimum: no roster of E01 is valid.
    sc = fortnight(availability=[unavailable("E01", day) for day in range(7)])
    assert warm_start(sc) is None


def test_temps_fill_what_the_staff_cannot_within_the_offers_limits():
    staff = [employee("B1", ["b"]), employee("B2", ["b"])]
    demand = [slot(d, s, required=3, skill="a") for d in range(7) for s in (E, L)]
    demand += [slot(d, E, required=1, skill="b") for d in range(7)]
    sc = scenario(staff, [E, L], demand, days=7,
                  temp_offers=[offer("a", 30, max_per_day=4, notice_days=1)])
    plan = warm_start(sc)
    assert_valid(sc, plan)
    per_day: dict[int, int] = {}
    for booking in plan.temp_bookings:
        assert booking.skill == "a" and booking.day >= 1
        per_day[booking.day] = per_day.get(booking.day, 0) + booking.count
    assert set(per_day) == set(range(1, 7)) and max(per_day.values()) == 4


def test_employees_alike_but_for_pay_share_one_small_model(monkeypatch):
    built: list[int] = []
    real = solve_module.build_model

    def counting(sc, rules, **kw):
        built.append(len(sc.employees))
        return real(sc, rules, **kw)

    monkeypatch.setattr(solve_module, "build_model", counting)
    staff = [employee(f"A{i}", ["a"], hourly_cost=18 + i) for i in range(5)]
    staff += [employee("B0", ["b"])]
    demand = [slot(d, s, required=2, skill=k) for d in range(7) for s in (E, L) for k in "ab"]
    sc = scenario(staff, [E, L], demand, days=7, contract=CONTRACT)
    assert_valid(sc, warm_start(sc))
    assert built == [1, 1]


def test_cheaper_staff_are_planned_first():
    staff = [employee("CHEAP", ["a"], hourly_cost=15), employee("DEAR", ["a"], hourly_cost=40)]
    demand = [slot(d, E, required=1, skill="a") for d in range(7)]
    sc = scenario(staff, [E], demand, days=7,
                  contract=Contract(max_days_week=5, min_hours_week=7.5))
    plan = warm_start(sc)
    assert_valid(sc, plan)
    days = {e: sum(a.employee_id == e for a in plan.assignments) for e in ("CHEAP", "DEAR")}
    assert days == {"CHEAP": 5, "DEAR": 2}


def test_a_stop_request_ends_the_warm_start_without_a_roster():
    stop = threading.Event()
    stop.set()
    assert warm_start(fortnight(), stop=stop) is None


def test_a_scenario_with_demand_switched_off_still_gets_a_valid_roster():
    sc = fortnight(rules={"cover_demand": off()})
    plan = warm_start(sc)
    assert_valid(sc, plan)
    assert "shortfall" not in nonzero(plan.stats.costs)


def test_a_large_scenario_reports_the_warm_start_first_and_reaches_the_same_optimum(monkeypatch):
    sc = fortnight(11, people=6, days=7)
    settings = SolverSettings(time_limit_seconds=30, workers=8, seed=1)
    plain, _ = solve_and_check(sc, settings=settings)
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 0)
    events: list[Progress] = []
    plan, report = solve_and_check(sc, settings=settings, on_progress=events.append)
    assert plan.stats.objective == pytest.approx(plain.stats.objective)
    first = events[0]
    assert first.best_bound == 0.0 and first.gap == 1.0
    assert plan.stats.first_solution_seconds == pytest.approx(first.seconds)
    assert [e.objective for e in events] == sorted((e.objective for e in events), reverse=True)
    assert report.objective == pytest.approx(events[-1].objective)


def test_stop_after_the_warm_start_keeps_its_roster(monkeypatch):
    sc = fortnight(12, people=8)
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 0)
    stop = threading.Event()
    events: list[Progress] = []

    def first_is_enough(event: Progress) -> None:
        events.append(event)
        stop.set()

    settings = SolverSettings(time_limit_seconds=30, workers=2)
    plan, report = solve_and_check(sc, settings=settings, on_progress=first_is_enough,
                                   stop=stop, optimal=False)
    assert len(events) == 1
    assert plan.stats.status == "FEASIBLE" and plan.stats.seconds < 25
    assert report.objective == pytest.approx(events[0].objective)
    assert 0.0 <= plan.stats.best_bound <= plan.stats.objective


def _slow_full_model(monkeypatch, sc: Scenario, seconds: float) -> None:
    """The full model of `sc` takes `seconds` longer to build (the small ones as before), as
    a year-long model with a hundred staff does; the model itself is the real one."""
    build = solve_module.build_model

    def slow(scenario, *args, **kwargs):
        if scenario is sc:
            time.sleep(seconds)
        return build(scenario, *args, **kwargs)

    monkeypatch.setattr(solve_module, "build_model", slow)


def _budgets(monkeypatch) -> list[tuple[float, float]]:
    """(seconds left before the time limit, seconds granted) of each call to `improve`."""
    calls: list[tuple[float, float]] = []
    improve = WarmStart.improve

    def spy(self, seconds, on_plan=None):
        calls.append((time.monotonic(), seconds))
        return improve(self, seconds, on_plan)

    monkeypatch.setattr(WarmStart, "improve", spy)
    return calls


def test_the_passes_leave_as_long_as_the_model_took_to_build_before_the_limit(monkeypatch):
    sc = fortnight(13, people=6, days=7)
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 0)
    _slow_full_model(monkeypatch, sc, 3.0)
    calls = _budgets(monkeypatch)
    settings = SolverSettings(time_limit_seconds=8, workers=2)
    started = time.monotonic()
    plan, _ = solve_and_check(sc, settings=settings, optimal=False)
    assert len(calls) == 1
    at, granted = calls[0]
    deadline = started + 8 - solve_module.RESERVE * 8 - 3.0
    assert granted > 0 and at + granted <= deadline
    assert plan.stats.status in ("OPTIMAL", "FEASIBLE")


def test_no_passes_and_no_search_when_the_model_took_all_the_time_left(monkeypatch):
    sc = fortnight(13, people=6, days=7)
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 0)
    _slow_full_model(monkeypatch, sc, 4.0)
    calls = _budgets(monkeypatch)
    events: list[Progress] = []
    settings = SolverSettings(time_limit_seconds=6, workers=2)
    plan, report = solve_and_check(sc, settings=settings, optimal=False,
                                   on_progress=events.append)
    assert calls == []
    assert len(events) == 1 and plan.stats.objective == pytest.approx(events[0].objective)
    assert report.objective == pytest.approx(events[0].objective)


def test_the_first_pass_gives_employees_alike_the_same_shifts_and_passes_spread_them():
    staff = [employee(f"A{i}", ["a"], hourly_cost=18 + i) for i in range(4)]
    demand = [slot(d, s, required=2, skill="a") for d in range(7) for s in (E, L)]
    sc = scenario(staff, [E, L], demand, days=7, contract=CONTRACT)
    warm = WarmStart(sc)
    first = warm.first(30)
    assert_valid(sc, first)
    shifts = {e: sorted((a.day, a.shift_id) for a in first.assignments if a.employee_id == e)
              for e in ("A0", "A1", "A2", "A3")}
    assert len({tuple(s) for s in shifts.values()}) == 1
    better = warm.improve(30)
    assert_valid(sc, better)
    assert better.stats.objective_units < first.stats.objective_units
