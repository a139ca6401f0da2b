"""Availability: days and hours an employee cannot work, and their wishes.

An entry names a shift, a time window, or the whole day (`planner.timeline.entry_covers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner import costs
from planner.domain import Assignment, AvailabilityEntry
from planner.rules.base import Rule, Violation
from planner.timeline import describe_day, entry_covers, entry_days

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView

BLOCKING = ("unavailable", "leave")


def _what(entry: AvailabilityEntry) -> str:
    return f"shift {entry.shift_id}" if entry.shift_id else "that day"


def _literals(ctx: ModelContext, entry: AvailabilityEntry) -> list[tuple[int, cp_model.IntVar]]:
    """(start day, on-shift literal) of every shift instance the entry applies to."""
    e = entry.employee_id
    return [
        (day, ctx.vars.on_shift(e, day, s))
        for day in entry_days(entry)
        for s in ctx.vars.shifts_of(e, day)
        if entry_covers(entry, day, ctx.scenario.shift(s))
    ]


def _worked(view: RosterView, entry: AvailabilityEntry) -> list[Assignment]:
    """The employee's assignments the entry applies to."""
    return [
        a
        for day in entry_days(entry)
        for a in view.on_day(entry.employee_id, day)
        if entry_covers(entry, day, view.scenario.shift(a.shift_id))
    ]


class RespectAvailability(Rule):
    """Nobody works a shift that falls on their leave or in time they marked unavailable."""

    day_word = "on"
    name = "respect_availability"
    label = "Respect unavailability and leave"
    unit = "shifts"

    def define(self, ctx: ModelContext) -> None:
        price = self.unit_price(ctx.scenario)
        for entry in ctx.scenario.availability:
            if entry.kind not in BLOCKING or entry.employee_id not in ctx.scenario.employees_by_id:
                continue
            for day, literal in _literals(ctx, entry):
                ctx.at_most(self, literal, 0, max_value=1, unit_price=price,
                            employee_id=entry.employee_id, day=day)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for entry in view.scenario.availability:
            if entry.kind not in BLOCKING:
                continue
            for assignment in _worked(view, entry):
                found.append(self.breach(
                    view, 1,
                    f"{entry.employee_id} works {assignment.shift_id} on "
                    f"{describe_day(view.scenario, assignment.day)} but is on {entry.kind} "
                    f"on {describe_day(view.scenario, entry.day)} "
                    f"(availability.csv row {entry.row})",
                    employee_id=entry.employee_id, day=assignment.day,
                ))
        return found


class HonourPreferences(Rule):
    """Employees get the shifts they prefer and not those they want to avoid; each wish not
    met costs the entry's weight times the rule's weight."""

    name = "honour_preferences"
    label = "Honour preferences"
    unit = "wishes"
    cost_kind = "preferences"
    can_be_hard = False
    default_weight = 10.0

    def _price(self, view_or_ctx_scenario: object, entry: AvailabilityEntry) -> int:
        return costs.fixed(self.weight(view_or_ctx_scenario) * entry.weight)  # type: ignore[arg-type]

    def define(self, ctx: ModelContext) -> None:
        for entry in ctx.scenario.availability:
            if entry.kind in BLOCKING or entry.employee_id not in ctx.scenario.employees_by_id:
                continue
            price = self._price(ctx.scenario, entry)
            literals = [literal for _, literal in _literals(ctx, entry)]
            if entry.kind == "avoid":
                for literal in literals:
                    ctx.add_cost(self.cost_kind, literal, price)
                continue
            ctx.add_constant(self.cost_kind, price)
            if literals:
                name = f"{entry.employee_id},{entry.day},{entry.row}"
                ctx.add_cost(self.cost_kind, ctx.any_of(literals, name), -price)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for entry in view.scenario.availability:
            if entry.kind in BLOCKING or entry.employee_id not in view.scenario.employees_by_id:
                continue
            price = self._price(view.scenario, entry)
            matching = _worked(view, entry)
            when = describe_day(view.scenario, entry.day)
            if entry.kind == "avoid" and matching:
                found.append(self.breach(
                    view, len(matching),
                    f"{entry.employee_id} works {_what(entry)} on {when}, which they asked to avoid",
                    employee_id=entry.employee_id, day=entry.day, cost_units=price * len(matching),
                ))
            elif entry.kind == "preferred" and not matching:
                found.append(self.breach(
                    view, 1,
                    f"{entry.employee_id} does not get {_what(entry)} on {when}, which they preferred",
                    employee_id=entry.employee_id, day=entry.day, cost_units=price,
                ))
        return found
