"""Hours over the whole horizon: a contract's minimum and maximum for the planning period.

Useful for annualised or per-roster-period contracts ("between 56 and 72 hours in these two
weeks") and for the Curtois-Qu benchmark's total minutes. A shift counts with its paid time,
in the horizon if it starts in it. Leave does not count toward the minimum: give the period's
contract hours net of leave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner import costs
from planner.domain import Employee, Scenario
from planner.rules.base import Rule, Violation
from planner.rules.hours import most_minutes

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


def total_bounds(scenario: Scenario, employee: Employee) -> tuple[int, int | None]:
    """Contract (minimum, maximum) paid minutes over the horizon; maximum `None` = no cap."""
    low = scenario.limit(employee, "min_hours_total")
    high = scenario.limit(employee, "max_hours_total")
    minimum = round(float(low) * 60) if low else 0  # type: ignore[arg-type]
    maximum = round(float(high) * 60) if high is not None else None  # type: ignore[arg-type]
    return minimum, maximum


class TotalHoursWithinContract(Rule):
    """Over the horizon an employee's paid hours lie between the contract's minimum and
    maximum total hours. When soft, each hour outside costs the weight."""

    name = "total_hours_within_contract"
    label = "Total hours within contract"
    unit = "hours"

    def define(self, ctx: ModelContext) -> None:
        price = costs.per_hour(self.weight(ctx.scenario))
        for employee in ctx.scenario.employees:
            minimum, maximum = total_bounds(ctx.scenario, employee)
            if not minimum and maximum is None:
                continue
            e = employee.employee_id
            days = ctx.scenario.days
            minutes = ctx.vars.paid_minutes(e, days)
            if maximum is not None:
                ctx.at_most(self, minutes, maximum, max_value=most_minutes(ctx, e, days),
                            unit_price=price, employee_id=e)
            ctx.at_least(self, minutes, minimum, unit_price=price, employee_id=e)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        price = costs.per_hour(self.weight(view.scenario))
        for employee in view.scenario.employees:
            minimum, maximum = total_bounds(view.scenario, employee)
            e = employee.employee_id
            worked = view.paid_minutes(e, view.scenario.days)
            breaches = []
            if maximum is not None and worked > maximum:
                gap = worked - maximum
                breaches.append((gap, f"{gap / 60:g} h above the maximum {maximum / 60:g} h"))
            if worked < minimum:
                gap = minimum - worked
                breaches.append((gap, f"{gap / 60:g} h below the minimum {minimum / 60:g} h"))
            for gap, text in breaches:
                found.append(self.breach(
                    view, gap / 60, f"{e} works {worked / 60:g} h in the horizon, {text}",
                    employee_id=e, cost_units=gap * price,
                ))
        return found
