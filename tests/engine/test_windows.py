"""Window search: windows of consecutive days, a cheaper valid roster from a poor one, and its
place on the large path between the warm start's passes and the search."""

from __future__ import annotations

import importlib
import random
import time
from collections import Counter

import pytest

from planner.domain import SolverSettings
from planner.engine import windows as windows_module
from planner.engine.windows import WINDOW_DAYS, window_days, window_search
from tests.conftest import solve_and_check
from tests.engine.test_repair import assert_cheaper_and_valid, hinted, week
from tests.engine.test_warmstart import fortnight
from tests.factories import roster

solve_module = importlib.import_module("planner.engine.solve")


@pytest.mark.parametrize("days", [1, 7, 28, 364])
def test_a_window_is_consecutive_days_inside_the_horizon_and_no_day_is_drawn_less(days):
    rng = random.Random(3)
    width = max(1, min(WINDOW_DAYS, days // 2))
    drawn: Counter[int] = Counter()
    for _ in range(4_000):
        window = window_days(days, rng)
        assert window and window == set(range(min(window), max(window) + 1))
        assert min(window) >= 0 and max(window) < days and len(window) <= width
        drawn.update(window)
    expected = 4_000 * width / (days + width - 1)
    assert set(drawn) == set(range(days))
    assert all(abs(count - expected) < 0.15 * expected for count in drawn.values())


def test_the_window_search_turns_a_poor_roster_into_a_cheaper_valid_one():
    sc = week(required=2)
    poor = roster(*[(f"P{i}", day, "E") for i in range(5) for day in (0, 1)])
    ctx, values, units = hinted(sc, poor)
    heard: list[int] = []
    found = window_search(ctx, values, units, time.monotonic() + 8, workers=2, seed=0,
                          on_better=heard.append)
    assert_cheaper_and_valid(sc, ctx, poor, units, found, heard)


def test_the_window_search_keeps_to_its_time():
    sc = week(required=2)
    poor = roster(*[(f"P{i}", day, "E") for i in range(5) for day in (0, 1)])
    ctx, values, units = hinted(sc, poor)
    started = time.monotonic()
    window_search(ctx, values, units, started + 4, workers=1, seed=1)
    assert time.monotonic() - started < 4 + 1
    assert window_search(ctx, values, units, time.monotonic() + 1, workers=1,
                         seed=1) is None  # shorter than a step: no step at all


def _spied(monkeypatch) -> list[tuple[float, int, tuple[list[int], int] | None]]:
    """(seconds granted, the roster's cost, what was found) of each window search the solve
    runs."""
    calls: list[tuple[float, int, tuple[list[int], int] | None]] = []
    search = solve_module.window_search

    def spy(ctx, solution, objective, until, **kwargs):
        granted = until - time.monotonic()
        found = search(ctx, solution, objective, until, **kwargs)
        calls.append((granted, objective, found))
        return found

    monkeypatch.setattr(solve_module, "window_search", spy)
    return calls


def test_a_large_scenario_runs_the_window_search_after_its_passes_and_before_the_tail(
    monkeypatch,
):
    sc = fortnight(13, people=10, days=14)
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 0)
    monkeypatch.setattr(solve_module, "IMPROVE_SHARE", 0.2)
    calls = _spied(monkeypatch)
    settings = SolverSettings(time_limit_seconds=16, workers=2)
    plan, report = solve_and_check(sc, settings=settings, optimal=False)
    assert len(calls) == 1
    granted, start, found = calls[0]
    assert granted >= 4 * windows_module.MIN_STEP_SECONDS
    assert granted <= 16 * (1 - solve_module.RESERVE)
    assert plan.stats.objective_units is not None
    assert plan.stats.objective_units <= (start if found is None else found[1])
    assert report.objective_units == plan.stats.objective_units


def test_no_window_search_when_the_passes_leave_too_little_time(monkeypatch):
    sc = fortnight(13, people=6, days=7)
    monkeypatch.setattr(solve_module, "LARGE_CHOICES", 0)
    calls = _spied(monkeypatch)
    settings = SolverSettings(time_limit_seconds=6, workers=2)
    plan, _ = solve_and_check(sc, settings=settings, optimal=False)
    assert calls == []
    assert plan.stats.status in ("OPTIMAL", "FEASIBLE")
