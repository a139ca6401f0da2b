"""Near-ties search: it stays within each employee's allowed shifts, keeps every hard rule,
and the columns near the root LP's ties hold the rosters the LP weighs."""

from __future__ import annotations

import importlib

from planner.domain import SolverSettings
from planner.engine.columns import ColumnPlan
from planner.engine.near import near_search
from tests.conftest import solve_and_check
from tests.engine.test_repair import checked, hinted, week
from tests.engine.test_warmstart import assert_valid, fortnight
from tests.factories import roster

solve_module = importlib.import_module("planner.engine.solve")


def test_each_employee_works_only_their_allowed_shifts_or_those_they_had():
    sc = week(required=2)
    poor = roster(*[(f"P{i}", day, "E") for i in range(5) for day in (0, 1)])
    ctx, values, units = hinted(sc, poor)
    early = {(d, s, k) for (_, d, s, k) in ctx.vars.work if s == "E"}
    allowed = {f"P{i}": early for i in range(4)}  # P4 may only keep or drop their own shifts
    found = near_search(ctx, values, allowed, 20, workers=2, seed=0)
    assert found is not None
    better, cost = found
    plan, report = checked(sc, ctx, better)
    assert report.hard_violations == ()
    assert report.objective_units == cost < units
    had = {(a.employee_id, a.day, a.shift_id) for a in poor.assignments}
    for a in plan.assignments:
        assert (a.employee_id, a.day, a.shift_id) in had or (
            a.employee_id != "P4" and a.shift_id == "E"), a
    assert any(a.day > 1 for a in plan.assignments)  # it did re-plan within the allowed shifts


def test_the_columns_near_the_root_ties_hold_each_roster_the_root_lp_weighs_most(monkeypatch):
    sc = fortnight(21, people=6, days=7, temp_offers=[])
    columns = ColumnPlan(sc)
    assert columns.near(0.5) is None
    weighed: dict[str, frozenset] = {}
    root = ColumnPlan._root

    def spy(self, until):
        master = root(self, until)
        for member in self.warm.members:
            keys, _ = master.columns[id(member)][master.heaviest(member)]
            weighed[member.employee.employee_id] = keys
        return master

    monkeypatch.setattr(ColumnPlan, "_root", spy)
    assert_valid(sc, columns.run(30))
    near, wide = columns.near(0.01), columns.near(1e9)
    assert near is not None and wide is not None
    assert set(near) == set(wide) == set(weighed) == {e.employee_id for e in sc.employees}
    for employee_id, keys in weighed.items():
        assert keys <= near[employee_id] <= wide[employee_id]
    assert any(near[e] < wide[e] for e in near)  # the gap does leave columns out


def test_the_search_goes_on_from_the_near_ties_roster(monkeypatch):
    sc = fortnight(23, people=6, days=7)
    monkeypatch.setattr(solve_module, "COLUMN_CHOICES", 0)
    monkeypatch.setattr(solve_module, "MIN_SECONDS", 1.0)
    calls: list[tuple[frozenset[str], int | None]] = []

    def spy(ctx, values, allowed, seconds, **kw):
        answer = near_search(ctx, values, allowed, seconds, **kw)
        calls.append((frozenset(allowed), None if answer is None else answer[1]))
        return answer

    monkeypatch.setattr(solve_module, "near_search", spy)
    _, report = solve_and_check(sc, settings=SolverSettings(time_limit_seconds=20, workers=2),
                                optimal=False)
    assert len(calls) == 1
    employees, found = calls[0]
    assert employees == {e.employee_id for e in sc.employees}
    assert found is not None  # the roster it starts from is a solution of its model
    assert report.objective_units <= found
