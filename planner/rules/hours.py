"""Weekly hours: contract minimum and maximum, and overtime pay above a threshold.

Weeks are the 7-day blocks counted from `start_date`; a shift counts in the week it starts.
In a last, partial week the minimum is scaled by the share of the week in the horizon, and
leave days count toward it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from planner import costs
from planner.domain import Employee, Scenario
from planner.rules.base import Rule, Violation
from planner.timeline import describe_day

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


def weekly_bounds(scenario: Scenario, employee: Employee, week: int) -> tuple[int, int | None]:
    """Contract (minimum, maximum) paid minutes for one week; maximum `None` = no cap.

    Leave counts toward the minimum: each whole day of leave credits the contract's daily
    share (the weekly minimum over the maximum days a week, or over 5).
    """
    days = scenario.days_of_week(week)
    low = scenario.limit(employee, "min_hours_week")
    high = scenario.limit(employee, "max_hours_week")
    minimum = 0
    if low:
        max_days = scenario.limit(employee, "max_days_week") or 5
        on_leave = len(scenario.leave_days.get(employee.employee_id, frozenset()) & set(days))
        weekly = float(low)  # type: ignore[arg-type]
        owed = weekly * len(days) / 7 - on_leave * weekly / int(max_days)  # type: ignore[call-overload]
        minimum = max(0, math.floor(owed * 60))
    maximum = round(float(high) * 60) if high is not None else None  # type: ignore[arg-type]
    return minimum, maximum


def overtime_terms(scenario: Scenario, employee: Employee) -> tuple[int, int] | None:
    """(threshold in minutes, extra units per overtime minute), or None without overtime."""
    threshold = scenario.limit(employee, "overtime_after_hours_week")
    if threshold is None:
        return None
    multiplier = scenario.limit(employee, "overtime_multiplier")
    rate = costs.overtime_rate(employee, 1.5 if multiplier is None else float(multiplier))
    return (round(float(threshold) * 60), rate) if rate > 0 else None


def most_minutes(ctx: ModelContext, employee_id: str, days: range) -> int:
    """The most paid minutes an employee could work on `days`: every shift open to them,
    plus the longest course day they could attend."""
    return sum(
        ctx.scenario.shift(s).paid_minutes for d in days for s in ctx.vars.shifts_of(employee_id, d)
    ) + sum(max((m for m, _ in ctx.vars.attends(employee_id, d)), default=0) for d in days)


class WeeklyHoursWithinContract(Rule):
    """Each week an employee's paid hours lie between the contract's minimum and maximum."""

    name = "weekly_hours_within_contract"
    label = "Weekly hours within contract"
    unit = "hours"

    def define(self, ctx: ModelContext) -> None:
        price = costs.per_hour(self.weight(ctx.scenario))
        for employee in ctx.scenario.employees:
            e = employee.employee_id
            for week in ctx.scenario.weeks:
                days = ctx.scenario.days_of_week(week)
                minimum, maximum = weekly_bounds(ctx.scenario, employee, week)
                minutes = ctx.vars.paid_minutes(e, days)
                first = days[0]
                if maximum is not None:
                    ctx.at_most(self, minutes, maximum, max_value=most_minutes(ctx, e, days),
                                unit_price=price, employee_id=e, day=first)
                ctx.at_least(self, minutes, minimum, unit_price=price, employee_id=e, day=first)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        price = costs.per_hour(self.weight(view.scenario))
        for employee in view.scenario.employees:
            e = employee.employee_id
            for week in view.scenario.weeks:
                days = view.scenario.days_of_week(week)
                minimum, maximum = weekly_bounds(view.scenario, employee, week)
                worked = view.paid_minutes(e, days)
                start = describe_day(view.scenario, days[0])
                breaches = []
                if maximum is not None and worked > maximum:
                    gap = worked - maximum
                    breaches.append((gap, f"{e} works {worked / 60:g} h in the week of {start}, "
                                          f"{gap / 60:g} h above the maximum {maximum / 60:g} h"))
                if worked < minimum:
                    gap = minimum - worked
                    breaches.append((gap, f"{e} works {worked / 60:g} h in the week of {start}, "
                                          f"{gap / 60:g} h below the minimum {minimum / 60:g} h"))
                for gap, text in breaches:
                    found.append(self.breach(view, gap / 60, text, employee_id=e, day=days[0],
                                             cost_units=gap * price))
        return found


class PayOvertime(Rule):
    """Hours above the weekly overtime threshold are paid at the overtime multiplier."""

    name = "pay_overtime"
    label = "Pay overtime"
    cost_kind = "overtime"
    can_be_hard = False

    def define(self, ctx: ModelContext) -> None:
        for employee in ctx.scenario.employees:
            terms = overtime_terms(ctx.scenario, employee)
            if terms is None:
                continue
            threshold, rate = terms
            e = employee.employee_id
            for week in ctx.scenario.weeks:
                days = ctx.scenario.days_of_week(week)
                top = most_minutes(ctx, e, days)
                if top <= threshold:
                    continue
                extra = ctx.model.new_int_var(0, top - threshold, f"overtime[{e},{week}]")
                ctx.model.add_max_equality(extra, [ctx.vars.paid_minutes(e, days) - threshold, 0])
                ctx.add_cost("overtime", extra, rate)

    def costs(self, view: RosterView, violations: Sequence[Violation]) -> Mapping[str, int]:
        total = 0
        for employee in view.scenario.employees:
            terms = overtime_terms(view.scenario, employee)
            if terms is None:
                continue
            threshold, rate = terms
            for week in view.scenario.weeks:
                worked = view.paid_minutes(employee.employee_id, view.scenario.days_of_week(week))
                total += max(0, worked - threshold) * rate
        return {"overtime": total}
