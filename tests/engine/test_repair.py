"""Cover repair: it covers heads a poor roster leaves short, and keeps every hard rule."""

from __future__ import annotations

import importlib

from planner.check import check_plan
from planner.domain import Assignment, Plan, Scenario, SolverSettings
from planner.engine import Progress, build_model
from planner.engine import repair as repair_module
from planner.engine.repair import full_hint, repair
from tests.conftest import solve_and_check
from tests.engine.test_warmstart import CONTRACT, E, L, fortnight
from tests.factories import employee, roster, scenario, slot

solve_module = importlib.import_module("planner.engine.solve")


def week(required: int, peak: int | None = None) -> Scenario:
    """Five people, an early and a late slot each day needing `required` heads (the early
    slot of day 4 `peak` heads, when given)."""
    staff = [employee(f"P{i}", hourly_cost=20 + i) for i in range(5)]
    demand = [slot(day, s, required=peak if peak is not None and (day, s) == (4, E) else required)
              for day in range(7) for s in (E, L)]
    return scenario(staff, [E, L], demand, contract=CONTRACT)


def hinted(sc: Scenario, plan):
    """The model with the roster hinted in full, the hint's values and the roster's cost."""
    ctx = build_model(sc)
    solve_module._hint(ctx, plan, 10)
    values = full_hint(ctx.model)
    assert values is not None
    report = check_plan(sc, plan)
    assert report.hard_violations == ()
    return ctx, values, report.objective_units


def checked(sc: Scenario, ctx, values):
    """The roster a solution of the model holds (values by variable index), and the
    checker's report on it."""
    plan = Plan(tuple(Assignment(*key) for key, var in ctx.vars.work.items() if values[var.index]))
    return plan, check_plan(sc, plan)


def assert_cheaper_and_valid(sc: Scenario, ctx, poor: Plan, units: int,
                             found: tuple[list[int], int] | None, heard: list[int]) -> None:
    """A neighbourhood search from the `poor` roster (costing `units`) found a cheaper one
    with more shifts, the checker agrees with its cost, and `heard` heard it fall to it."""
    assert found is not None
    better, cost = found
    assert cost < units
    assert heard and heard[-1] == cost and heard == sorted(heard, reverse=True)
    plan, report = checked(sc, ctx, better)
    assert report.hard_violations == ()
    assert report.objective_units == cost
    assert len(plan.assignments) > len(poor.assignments)


def test_a_roster_that_leaves_most_slots_short_is_repaired_into_a_cheaper_valid_one():
    sc = week(required=2)
    poor = roster(*[(f"P{i}", day, "E") for i in range(5) for day in (0, 1)])
    ctx, values, units = hinted(sc, poor)
    heard: list[int] = []
    repaired = repair(ctx, values, units, 20, workers=2, seed=0, on_better=heard.append)
    assert_cheaper_and_valid(sc, ctx, poor, units, repaired, heard)


def test_steps_aim_at_the_rows_worth_covering_while_one_of_them_is_short(monkeypatch):
    sc = week(required=2, peak=9)
    poor = roster(*[(f"P{i}", day, "E") for i in range(5) for day in (0, 1)])
    ctx, values, units = hinted(sc, poor)
    aims = [(row.day, row.shift_id) == (4, "E") for row in sc.demand]  # five people, nine heads
    freed_days: list[set[int]] = []
    step = repair_module._step

    def spy(ctx, values, freed, *args):
        freed_days.append(set(freed))
        return step(ctx, values, freed, *args)

    monkeypatch.setattr(repair_module, "_step", spy)
    repaired = repair(ctx, values, units, 20, workers=2, seed=0, aims=aims)
    assert len(freed_days) >= 10  # the aimed row stays short: the steps go on until they stall
    assert all(4 in freed for freed in freed_days)
    assert repaired is not None
    better, cost = repaired
    _, report = checked(sc, ctx, better)
    assert report.hard_violations == ()
    assert report.objective_units == cost < units


def test_a_step_aimed_at_a_row_worth_covering_covers_a_head_more_in_all(monkeypatch):
    sc = week(required=2, peak=4)
    poor = roster(*[(f"P{i}", day, "E") for i in range(5) for day in (0, 1)])
    ctx, values, units = hinted(sc, poor)
    heads = repair_module._heads(ctx)
    aims = [row.shift_id == "E" for row in sc.demand]
    steps: list[tuple[int | None, list[int], list[int] | None]] = []
    step = repair_module._step

    def spy(ctx, values, freed, seconds, workers, seed, heads=(), aims=(), aim=None):
        answer = step(ctx, values, freed, seconds, workers, seed, heads, aims, aim)
        steps.append((aim, list(values), None if answer is None else answer[0]))
        return answer

    def staffed(values: list[int]) -> list[int]:
        return [sum(values[i] for i in indices) for _, _, indices in heads]

    def short(values: list[int]) -> int:
        return sum(max(0, required - have)
                   for (_, required, _), have in zip(heads, staffed(values), strict=True))

    monkeypatch.setattr(repair_module, "_step", spy)
    repaired = repair(ctx, values, units, 20, workers=2, seed=0, aims=aims)
    aimed_steps = covered = 0
    for aim, before, after in steps:
        short_aimed = [row for row, ((_, required, _), have) in
                       enumerate(zip(heads, staffed(before), strict=True))
                       if aims[row] and have < required]
        assert (aim is not None) == bool(short_aimed)
        if aim is None:
            continue
        aimed_steps += 1
        assert aim in short_aimed
        if after is not None:
            covered += 1
            assert len(after) == len(before)
            assert staffed(after)[aim] >= staffed(before)[aim] + 1
            assert all(staffed(after)[row] >= min(required, staffed(before)[row])
                       for row, (_, required, _) in enumerate(heads) if aims[row])
            assert short(after) <= short(before) - 1
    assert aimed_steps >= 1 and covered >= 1
    assert repaired is not None
    better, cost = repaired
    _, report = checked(sc, ctx, better)
    assert report.hard_violations == ()
    assert report.objective_units == cost < units


def test_nothing_is_repaired_when_no_row_is_short():
    sc = week(required=1)
    full = roster(*[(p, day, s) for p, s, days in (("P0", "E", (0, 1, 2, 3)),
                                                  ("P1", "E", (4, 5, 6)),
                                                  ("P2", "L", (0, 1, 2, 3)),
                                                  ("P3", "L", (4, 5, 6)),
                                                  ("P4", "E", (0, 1)))
                    for day in days])
    ctx, values, units = hinted(sc, full)
    assert repair(ctx, values, units, 20, workers=2, seed=0) is None


def test_the_search_goes_on_from_the_repaired_roster(monkeypatch):
    sc = fortnight(23, people=6, days=7)
    monkeypatch.setattr(solve_module, "COLUMN_CHOICES", 0)
    monkeypatch.setattr(solve_module, "MIN_SECONDS", 1.0)
    monkeypatch.setattr(solve_module, "REPAIR_SHARE", 0.5)
    calls: list[tuple[int, int | None]] = []

    def spy(ctx, solution, objective, seconds, **kw):
        answer = repair(ctx, solution, objective, seconds, **kw)
        calls.append((objective, None if answer is None else answer[1]))
        return answer

    monkeypatch.setattr(solve_module, "repair", spy)
    _, report = solve_and_check(sc, settings=SolverSettings(time_limit_seconds=20, workers=2),
                                optimal=False)
    assert len(calls) == 1
    start, repaired = calls[0]
    assert report.objective_units <= (start if repaired is None else repaired)


def test_a_roster_the_repair_finds_is_reported_with_the_columns_bound(monkeypatch):
    sc = fortnight(23, people=6, days=7)
    monkeypatch.setattr(solve_module, "COLUMN_CHOICES", 0)
    monkeypatch.setattr(solve_module, "MIN_SECONDS", 1.0)
    events: list[Progress] = []
    heard_at: list[int] = []

    def spy(ctx, solution, objective, seconds, **kw):
        heard_at.append(len(events))
        kw["on_better"](objective)  # reported as the repair reports a roster it finds
        return repair(ctx, solution, objective, seconds, **kw)

    monkeypatch.setattr(solve_module, "repair", spy)
    solve_and_check(sc, settings=SolverSettings(time_limit_seconds=10, workers=2),
                    on_progress=events.append, optimal=False)
    assert len(heard_at) == 1
    event = events[heard_at[0]]
    assert 0 < event.best_bound <= event.objective  # the column bound, before the search
    assert event.gap < 0.05
