"""The solver-free checker: recompute coverage, cost and every rule from a plan's tables.

This is the executable specification of a valid roster. It never imports the engine; the
same rule units that build the model also state here, in plain Python, what a breach is.
A plan is good when it has no hard violation and its recomputed objective equals the one
the solver reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from planner import costs
from planner.domain import Assignment, Plan, Scenario, TempBooking, Training
from planner.rules import DEFAULT_RULES, Rule, Violation
from planner.rules.view import RosterView


@dataclass(frozen=True)
class CheckReport:
    violations: tuple[Violation, ...]
    costs: Mapping[str, int]
    """Objective units by cost kind."""
    problems: tuple[str, ...] = field(default=())
    """Rows of the plan that name something the scenario does not have (not checkable)."""

    @property
    def objective_units(self) -> int:
        return sum(self.costs.values())

    @property
    def objective(self) -> float:
        return costs.to_money(self.objective_units)

    @property
    def hard_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.hard)

    @property
    def soft_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if not v.hard)

    def count_by_rule(self, hard: bool | None = None) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for violation in self.violations:
            if hard is None or violation.hard == hard:
                counts[violation.rule] += 1
        return dict(counts)

    def money_by_kind(self) -> dict[str, float]:
        return {kind: costs.to_money(units) for kind, units in sorted(self.costs.items())}


def _known_rows(scenario: Scenario, plan: Plan) -> tuple[Plan, list[str]]:
    """Drop rows that reference unknown ids or shifts that do not run; say which."""
    problems: list[str] = []
    assignments: list[Assignment] = []
    for a in plan.assignments:
        if a.employee_id not in scenario.employees_by_id:
            problems.append(f"roster names unknown employee {a.employee_id!r}")
        elif a.shift_id not in scenario.shifts_by_id:
            problems.append(f"roster names unknown shift {a.shift_id!r}")
        elif not 0 <= a.day < scenario.settings.days:
            problems.append(f"roster has {a.employee_id} on day {a.day}, outside the horizon")
        elif not scenario.shift_runs_on(scenario.shift(a.shift_id), a.day):
            problems.append(f"roster has {a.employee_id} on {a.shift_id} on a day it does not run")
        else:
            assignments.append(a)
    bookings: list[TempBooking] = []
    for b in plan.temp_bookings:
        if b.offer_id not in scenario.temp_offers_by_id:
            problems.append(f"temp booking names unknown offer {b.offer_id!r}")
        elif b.shift_id not in scenario.shifts_by_id:
            problems.append(f"temp booking names unknown shift {b.shift_id!r}")
        else:
            bookings.append(b)
    training: list[Training] = []
    for t in plan.training:
        if t.employee_id not in scenario.employees_by_id:
            problems.append(f"training plan names unknown employee {t.employee_id!r}")
        elif t.course_id not in scenario.courses_by_id:
            problems.append(f"training plan names unknown course {t.course_id!r}")
        else:
            training.append(t)
    return Plan(tuple(assignments), tuple(bookings), plan.stats, tuple(training)), problems


def check_plan(
    scenario: Scenario, plan: Plan, rules: Sequence[Rule] = DEFAULT_RULES
) -> CheckReport:
    known, problems = _known_rows(scenario, plan)
    if known.training and not any(r.name == "train_staff" and r.enabled(scenario) for r in rules):
        problems.append(
            f"the plan has {len(known.training)} training session(s) but training is switched "
            "off (rule train_staff)"
        )
    view = RosterView(scenario, known)
    violations: list[Violation] = []
    totals: dict[str, int] = defaultdict(int)
    for rule in rules:
        if not rule.enabled(scenario):
            continue
        found = rule.check(view)
        violations.extend(found)
        for kind, units in rule.costs(view, found).items():
            totals[kind] += units
    return CheckReport(tuple(violations), dict(totals), tuple(problems))
