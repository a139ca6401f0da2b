"""Shift counts: a cap, per employee, on how many shifts of each type they work."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from planner.rules.base import Rule, Violation

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


class MaxShiftsPerType(Rule):
    """Over the horizon an employee works at most their maximum number of shifts of each
    type (say, at most 5 nights)."""

    name = "max_shifts_per_type"
    label = "Maximum shifts of a type"
    unit = "shifts"

    def define(self, ctx: ModelContext) -> None:
        price = self.unit_price(ctx.scenario)
        for employee in ctx.scenario.employees:
            e = employee.employee_id
            limits: Mapping[str, int] = ctx.scenario.limit(employee, "max_shifts")  # type: ignore[assignment]
            for shift_id, limit in limits.items():
                literals = [
                    lit for d in ctx.scenario.days
                    if (lit := ctx.vars.on_shift(e, d, shift_id)) is not None
                ]
                if literals:
                    ctx.at_most(self, sum(literals), int(limit), max_value=len(literals),
                                unit_price=price, employee_id=e)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for employee in view.scenario.employees:
            e = employee.employee_id
            limits: Mapping[str, int] = view.scenario.limit(employee, "max_shifts")  # type: ignore[assignment]
            for shift_id, limit in limits.items():
                worked = sum(a.shift_id == shift_id for a in view.assignments(e))
                if worked > int(limit):
                    found.append(self.breach(
                        view, worked - int(limit),
                        f"{e} works {worked} {shift_id} shifts, more than {limit}",
                        employee_id=e,
                    ))
        return found
