"""Shared helpers for the rule and engine tests.

Every roster a test gets from the solver goes through `solve_and_check` (or `check_agrees`),
so the solver-free checker is the oracle for all of them: no hard violation, and the
checker's objective and costs by kind equal what the solver reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ortools.sat.python import cp_model

from planner import costs
from planner.check import CheckReport, check_plan
from planner.domain import (
    Assignment,
    Plan,
    Scenario,
    SolverSettings,
    SolveStats,
    TempBooking,
    Training,
)
from planner.engine import build_model, solve
from planner.engine.context import ModelContext
from planner.rules import DEFAULT_RULES, Rule, Violation

SOLVED = ("OPTIMAL", "FEASIBLE")


def nonzero(by_kind: Mapping[str, int]) -> dict[str, int]:
    """Costs by kind without the kinds that cost nothing."""
    return {kind: units for kind, units in by_kind.items() if units}


def check_agrees(scenario: Scenario, plan: Plan, rules: Sequence[Rule] = DEFAULT_RULES) -> CheckReport:
    """Check a solved plan: no hard breach, and the checker prices it as the solver did."""
    assert plan.stats.status in SOLVED, plan.stats
    report = check_plan(scenario, plan, rules)
    assert report.problems == ()
    assert report.hard_violations == (), [v.message for v in report.hard_violations]
    assert report.objective_units == plan.stats.objective_units, (
        nonzero(report.costs), nonzero(plan.stats.costs))
    assert nonzero(report.costs) == nonzero(plan.stats.costs)
    return report


def solve_and_check(
    scenario: Scenario,
    rules: Sequence[Rule] = DEFAULT_RULES,
    settings: SolverSettings | None = None,
    *,
    optimal: bool = True,
    **kwargs: object,
) -> tuple[Plan, CheckReport]:
    """Solve a scenario, check the roster, and (by default) insist it is proved optimal."""
    plan = solve(scenario, rules, settings, **kwargs)  # type: ignore[arg-type]
    report = check_agrees(scenario, plan, rules)
    if optimal:
        assert plan.stats.status == "OPTIMAL", plan.stats
    return plan, report


def read_plan(ctx: ModelContext, value: Callable, status: str, objective: int | None = None) -> Plan:
    """The roster of one solution, read through `value` (a solver's or a callback's), with
    the solver's valuation: its cost terms by kind, and `objective` (default: their sum)."""
    assignments = tuple(
        Assignment(employee_id=e, day=d, shift_id=s, skill=k)
        for (e, d, s, k), var in ctx.vars.work.items()
        if value(var)
    )
    bookings = tuple(
        TempBooking(offer_id, day, shift_id, ctx.scenario.temp_offers_by_id[offer_id].skill, count)
        for (offer_id, day, shift_id), var in ctx.vars.temps.items()
        if (count := value(var))
    )
    training = tuple(
        Training(e, c, d) for (e, c, d), var in ctx.vars.sessions.items() if value(var)
    )
    valued = ctx.valued_costs(value)
    objective = sum(valued.values()) if objective is None else objective
    stats = SolveStats(status=status, costs=valued, objective_units=objective,
                       objective=costs.to_money(objective))
    return Plan(assignments, bookings, stats, training)


def solve_fixed(
    scenario: Scenario,
    fix: Callable[[ModelContext], None],
    rules: Sequence[Rule] = DEFAULT_RULES,
) -> tuple[Plan, CheckReport]:
    """Solve with extra constraints `fix(ctx)` added to the model (say, pinning a shift),
    and check the roster like `solve_and_check`."""
    ctx = build_model(scenario, rules)
    fix(ctx)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 20.0
    solver.parameters.num_workers = 8
    status = solver.solve(ctx.model)
    assert status == cp_model.OPTIMAL, solver.status_name(status)
    plan = read_plan(ctx, solver.value, "OPTIMAL", round(solver.objective_value))
    return plan, check_agrees(scenario, plan, rules)


def pin(*rows: tuple[str, int, str]) -> Callable[[ModelContext], None]:
    """A `fix` for `solve_fixed`: each (employee, day, shift) is worked."""

    def fix(ctx: ModelContext) -> None:
        for e, day, shift_id in rows:
            literal = ctx.vars.on_shift(e, day, shift_id)
            assert literal is not None, (e, day, shift_id)
            ctx.model.add(literal == 1)

    return fix


def of_rule(report: CheckReport, rule: str) -> list[Violation]:
    return [v for v in report.violations if v.rule == rule]


def worked(plan: Plan, employee_id: str) -> list[tuple[int, str]]:
    """(day, shift) pairs the employee works, in day order."""
    return sorted((a.day, a.shift_id) for a in plan.assignments if a.employee_id == employee_id)


def days_worked(plan: Plan, employee_id: str) -> list[int]:
    return sorted({a.day for a in plan.assignments if a.employee_id == employee_id})
