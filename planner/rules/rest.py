"""Rest between shifts: a minimum number of hours, and successions that are never allowed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner import costs
from planner.rules.base import Rule, Violation
from planner.timeline import describe_day, rest_minutes, shift_gaps

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


class MinimumRestBetweenShifts(Rule):
    """Between the end of one shift and the start of the next an employee rests at least
    their minimum rest hours. When soft, each hour of rest missing is priced."""

    day_word = "on"
    name = "minimum_rest_between_shifts"
    label = "Minimum rest between shifts"
    unit = "hours"

    def define(self, ctx: ModelContext) -> None:
        price = costs.per_hour(self.weight(ctx.scenario))
        gaps = shift_gaps(ctx.scenario.shifts)
        for employee in ctx.scenario.employees:
            e = employee.employee_id
            rest = ctx.scenario.limit(employee, "min_rest_hours")
            if not rest:
                continue
            needed = round(float(rest) * 60)
            for day in ctx.scenario.days:
                for first in ctx.vars.shifts_of(e, day):
                    followers = [
                        (ctx.vars.on_shift(e, day + offset, second), (needed - gap) * price)
                        for offset in (1, 2)
                        for second in ctx.vars.shifts_of(e, day + offset)
                        if 0 <= (gap := gaps[first, second, offset]) < needed
                    ]
                    ctx.forbid_after(self, ctx.vars.on_shift(e, day, first), followers,
                                     employee_id=e, day=day)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        scenario = view.scenario
        price = costs.per_hour(self.weight(scenario))
        for employee in scenario.employees:
            e = employee.employee_id
            rest = scenario.limit(employee, "min_rest_hours")
            if not rest:
                continue
            needed = round(float(rest) * 60)
            for first in view.assignments(e):
                for second in view.assignments(e):
                    if second.day not in (first.day + 1, first.day + 2):
                        continue
                    gap = rest_minutes((first.day, scenario.shift(first.shift_id)),
                                       (second.day, scenario.shift(second.shift_id)))
                    if 0 <= gap < needed:
                        found.append(self.breach(
                            view, (needed - gap) / 60,
                            f"{e} rests {gap / 60:g} h between {first.shift_id} on "
                            f"{describe_day(scenario, first.day)} and {second.shift_id} on "
                            f"{describe_day(scenario, second.day)}, "
                            f"{(needed - gap) / 60:g} h short of {needed / 60:g} h",
                            employee_id=e, day=first.day, cost_units=(needed - gap) * price,
                        ))
        return found


class NoForbiddenSuccessions(Rule):
    """A shift listed as forbidden after another (say night, then early) never follows it
    on the next day."""

    day_word = "on"
    name = "no_forbidden_successions"
    label = "No forbidden shift successions"
    unit = "successions"

    def define(self, ctx: ModelContext) -> None:
        price = self.unit_price(ctx.scenario)
        banned: dict[str, list[str]] = {}
        for before, after in dict.fromkeys(ctx.scenario.settings.forbidden_successions):
            banned.setdefault(before, []).append(after)
        if not banned:
            return
        one_a_day = ctx.scenario.settings.rule("one_shift_per_day").enabled and not ctx.diagnose
        if self.is_hard(ctx.scenario) and one_a_day:
            self._cliques(ctx, banned)
            return
        for employee in ctx.scenario.employees:
            e = employee.employee_id
            for day in ctx.scenario.days:
                for before in ctx.vars.shifts_of(e, day):
                    followers = [
                        (second, price)
                        for after in banned.get(before, ())
                        if (second := ctx.vars.on_shift(e, day + 1, after)) is not None
                    ]
                    ctx.forbid_after(self, ctx.vars.on_shift(e, day, before), followers,
                                     employee_id=e, day=day)

    def _cliques(self, ctx: ModelContext, banned: dict[str, list[str]]) -> None:
        """The hard rule as one at-most-one per shifts that ban the same followers: with at
        most one shift a day (a hard rule that is on, outside diagnose mode), "none of these
        today and one of those tomorrow" is exactly "no forbidden pair". Far fewer
        constraints than one per pair (Curtois-Qu Instance24: 7 instead of 461 a day per
        person), and cliques give the LP relaxation more to work with."""
        groups: dict[frozenset[str], list[str]] = {}
        for before, afters in banned.items():
            groups.setdefault(frozenset(afters), []).append(before)
        for employee in ctx.scenario.employees:
            e = employee.employee_id
            for day in ctx.scenario.days:
                for afters, befores in groups.items():
                    today = [lit for s in befores if (lit := ctx.vars.on_shift(e, day, s)) is not None]
                    if not today:
                        continue
                    tomorrow = [lit for s in afters
                                if (lit := ctx.vars.on_shift(e, day + 1, s)) is not None]
                    if tomorrow:
                        ctx.model.add_at_most_one(today + tomorrow)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        forbidden = set(view.scenario.settings.forbidden_successions)
        for employee in view.scenario.employees:
            e = employee.employee_id
            for first in view.assignments(e):
                for second in view.on_day(e, first.day + 1):
                    if (first.shift_id, second.shift_id) in forbidden:
                        found.append(self.breach(
                            view, 1,
                            f"{e} works {second.shift_id} on "
                            f"{describe_day(view.scenario, second.day)} right after "
                            f"{first.shift_id}, a forbidden succession",
                            employee_id=e, day=first.day,
                        ))
        return found
