"""One shift per day: nobody starts two shifts on one day or works overlapping shifts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.rules.base import Rule, Violation
from planner.timeline import describe_day, rest_minutes, shift_gaps

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


class OneShiftPerDay(Rule):
    """An employee starts at most one shift a day, and a shift never overlaps the next
    day's (a night shift running past midnight blocks an early start the next morning)."""

    day_word = "on"
    name = "one_shift_per_day"
    label = "At most one shift a day"
    unit = "shifts"
    can_be_soft = False

    def define(self, ctx: ModelContext) -> None:
        gaps = shift_gaps(ctx.scenario.shifts)
        for employee in ctx.scenario.employees:
            e = employee.employee_id
            for day in ctx.scenario.days:
                shift_ids = ctx.vars.shifts_of(e, day)
                if len(shift_ids) > 1:
                    literals = [ctx.vars.on_shift(e, day, s) for s in shift_ids]
                    ctx.require(ctx.model.add_at_most_one(literals), self, e, day)
                for first in shift_ids:
                    overlapping = [
                        (ctx.vars.on_shift(e, day + 1, second), 0)
                        for second in ctx.vars.shifts_of(e, day + 1)
                        if gaps[first, second, 1] < 0
                    ]
                    ctx.forbid_after(self, ctx.vars.on_shift(e, day, first), overlapping,
                                     employee_id=e, day=day)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        scenario = view.scenario
        for employee in scenario.employees:
            e = employee.employee_id
            for day in scenario.days:
                today = view.on_day(e, day)
                if len(today) > 1:
                    found.append(self.breach(
                        view, len(today) - 1,
                        f"{e} has {len(today)} shifts on {describe_day(scenario, day)}",
                        employee_id=e, day=day,
                    ))
                for first in today:
                    for second in view.on_day(e, day + 1):
                        pair = ((day, scenario.shift(first.shift_id)),
                                (day + 1, scenario.shift(second.shift_id)))
                        if rest_minutes(*pair) < 0:
                            found.append(self.breach(
                                view, 1,
                                f"{e}'s shift {first.shift_id} on {describe_day(scenario, day)} "
                                f"overlaps shift {second.shift_id} the next day",
                                employee_id=e, day=day,
                            ))
        return found
