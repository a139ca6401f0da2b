"""Working days: per week, in a row, days off in a row, and weekends.

Sequence rules follow the usual rostering convention (and the Curtois-Qu benchmark): a
maximum run is counted inside the horizon, while a run of work (or of days off) that touches
the first or last day is exempt from a minimum, since the days around the horizon are
unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.domain import Employee, Scenario
from planner.rules.base import Rule, Violation
from planner.timeline import describe_day

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


def runs(flags: Sequence[bool], value: bool) -> list[tuple[int, int]]:
    """Maximal runs of `value` in `flags`, as (first day, length)."""
    found: list[tuple[int, int]] = []
    start = None
    for day, flag in enumerate([*flags, not value]):
        if flag == value and start is None:
            start = day
        elif flag != value and start is not None:
            found.append((start, day - start))
            start = None
    return found


def inner_short_runs(flags: Sequence[bool], value: bool, minimum: int) -> list[tuple[int, int]]:
    """Runs of `value` shorter than `minimum` that touch neither end of the horizon."""
    return [
        (start, length)
        for start, length in runs(flags, value)
        if length < minimum and start > 0 and start + length < len(flags)
    ]


def int_limit(scenario: Scenario, employee: Employee, name: str) -> int | None:
    value = scenario.limit(employee, name)
    return None if value is None else int(value)  # type: ignore[call-overload]


class MaxDaysPerWeek(Rule):
    """An employee works at most their maximum number of days in each week."""

    name = "max_days_per_week"
    label = "Maximum days per week"
    unit = "days"

    def define(self, ctx: ModelContext) -> None:
        price = self.unit_price(ctx.scenario)
        for employee in ctx.scenario.employees:
            limit = int_limit(ctx.scenario, employee, "max_days_week")
            if limit is None:
                continue
            e = employee.employee_id
            for week in ctx.scenario.weeks:
                days = ctx.scenario.days_of_week(week)
                literals = [lit for d in days if (lit := ctx.vars.on_day(e, d)) is not None]
                ctx.at_most(self, sum(literals), limit, max_value=len(literals),
                            unit_price=price, employee_id=e, day=days[0])

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for employee in view.scenario.employees:
            limit = int_limit(view.scenario, employee, "max_days_week")
            if limit is None:
                continue
            e = employee.employee_id
            for week in view.scenario.weeks:
                days = view.scenario.days_of_week(week)
                worked = sum(view.works(e, d) for d in days)
                if worked > limit:
                    found.append(self.breach(
                        view, worked - limit,
                        f"{e} works {worked} days in the week of "
                        f"{describe_day(view.scenario, days[0])}, more than {limit}",
                        employee_id=e, day=days[0],
                    ))
        return found


class MaxConsecutiveDays(Rule):
    """An employee works at most their maximum number of days in a row; each extra day in
    a run is one breach."""

    name = "max_consecutive_days"
    label = "Maximum consecutive working days"
    unit = "days"

    def define(self, ctx: ModelContext) -> None:
        price = self.unit_price(ctx.scenario)
        for employee in ctx.scenario.employees:
            limit = int_limit(ctx.scenario, employee, "max_consecutive_days")
            if limit is None or limit >= ctx.scenario.settings.days:
                continue
            e = employee.employee_id
            literals = ctx.vars.day_literals(e)
            for first in range(ctx.scenario.settings.days - limit):
                window = literals[first:first + limit + 1]
                if any(lit is None for lit in window):
                    continue
                ctx.at_most(self, sum(window), limit, max_value=limit + 1,
                            unit_price=price, employee_id=e, day=first)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for employee in view.scenario.employees:
            limit = int_limit(view.scenario, employee, "max_consecutive_days")
            if limit is None:
                continue
            e = employee.employee_id
            for start, length in runs(view.worked_days(e), True):
                if length > limit:
                    found.append(self.breach(
                        view, length - limit,
                        f"{e} works {length} days in a row from "
                        f"{describe_day(view.scenario, start)}, more than {limit}",
                        employee_id=e, day=start,
                    ))
        return found


class _MinimumRun(Rule):
    """Shared shape of the two minimum-run rules: forbid short runs strictly inside the
    horizon, pricing each missing day when soft."""

    limit_name: str
    working: bool

    def define(self, ctx: ModelContext) -> None:
        price = self.unit_price(ctx.scenario)
        horizon = ctx.scenario.settings.days
        for employee in ctx.scenario.employees:
            minimum = int_limit(ctx.scenario, employee, self.limit_name)
            if minimum is None or minimum <= 1:
                continue
            e = employee.employee_id
            literals = ctx.vars.day_literals(e)
            for start in range(1, horizon - 1):
                for length in range(1, minimum):
                    if start + length > horizon - 1:
                        break
                    pattern = self._pattern(literals, start, length)
                    if pattern is None:
                        continue
                    ctx.not_all(self, pattern, unit_price=(minimum - length) * price,
                                employee_id=e, day=start)

    def _pattern(
        self, literals: Sequence[cp_model.IntVar | None], start: int, length: int
    ) -> list[cp_model.IntVar] | None:
        """Literals that all hold exactly when days start..start+length-1 form a run of the
        kind this rule watches, bounded by the other kind; `None` if that cannot happen."""
        pattern: list[cp_model.IntVar] = []
        for day in [start - 1, *range(start, start + length), start + length]:
            inside = start <= day < start + length
            wants_work = inside == self.working
            lit = literals[day]
            if lit is None:
                if wants_work:
                    return None
                continue
            pattern.append(lit if wants_work else lit.Not())
        return pattern

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        what = "days of work" if self.working else "days off"
        for employee in view.scenario.employees:
            minimum = int_limit(view.scenario, employee, self.limit_name)
            if minimum is None or minimum <= 1:
                continue
            e = employee.employee_id
            for start, length in inner_short_runs(view.worked_days(e), self.working, minimum):
                found.append(self.breach(
                    view, minimum - length,
                    f"{e} has only {length} {what} in a row from "
                    f"{describe_day(view.scenario, start)}, fewer than {minimum}",
                    employee_id=e, day=start,
                ))
        return found


class MinConsecutiveDays(_MinimumRun):
    """A stretch of work (not touching the horizon's ends) lasts at least the minimum
    number of consecutive days."""

    name = "min_consecutive_days"
    label = "Minimum consecutive working days"
    unit = "days"
    limit_name = "min_consecutive_days"
    working = True


class MinConsecutiveDaysOff(_MinimumRun):
    """A stretch of days off (not touching the horizon's ends) lasts at least the minimum
    number of consecutive days."""

    name = "min_consecutive_days_off"
    label = "Minimum consecutive days off"
    unit = "days"
    limit_name = "min_days_off_in_row"
    working = False

    def define(self, ctx: ModelContext) -> None:
        super().define(ctx)
        if not ctx.diagnose and self.is_hard(ctx.scenario) \
                and MaxConsecutiveDays.name in ctx.hard_rules:
            for employee in ctx.scenario.employees:
                self._redundant_cuts(ctx, employee)

    def _redundant_cuts(self, ctx: ModelContext, employee: Employee) -> None:
        """Implied by this rule and the hard maximum run of work days together: any
        `most + least` days in a row hold at most `most` days of work. (A window with more
        work has fewer than `least` days off: none, so a run longer than `most`; or one or
        two off runs at its edges around one run of work longer than `most`; or an off run
        strictly inside it, shorter than `least` and touching neither end of the horizon.)

        Pure clauses let the LP relaxation work 5 days in 6 under a 5-day maximum; with
        these it sees the true 5 in 7. On rosters that must work nearly every day the rules
        allow (Curtois-Qu 20-24: 232 of at most 237-240 days), a one-employee model goes
        from no roster in 10 s to one in about a second."""
        most = int_limit(ctx.scenario, employee, "max_consecutive_days")
        least = int_limit(ctx.scenario, employee, self.limit_name)
        if most is None or least is None or least <= 1:
            return
        literals = ctx.vars.day_literals(employee.employee_id)
        for first in range(len(literals) - most - least + 1):
            window = [lit for lit in literals[first:first + most + least] if lit is not None]
            if len(window) > most:
                ctx.model.add(sum(window) <= most)


class MaxWeekends(Rule):
    """An employee works at most their maximum number of weekends; working Saturday,
    Sunday or both counts as one weekend."""

    name = "max_weekends"
    label = "Maximum weekends worked"
    unit = "weekends"

    def define(self, ctx: ModelContext) -> None:
        price = self.unit_price(ctx.scenario)
        weekends = ctx.scenario.weekends
        for employee in ctx.scenario.employees:
            limit = int_limit(ctx.scenario, employee, "max_weekends")
            if limit is None or limit >= len(weekends):
                continue
            e = employee.employee_id
            worked = []
            for days in weekends:
                literals = [lit for d in days if (lit := ctx.vars.on_day(e, d)) is not None]
                if literals:
                    worked.append(ctx.any_of(literals, f"weekend[{e},{days[0]}]"))
            ctx.at_most(self, sum(worked), limit, max_value=len(worked), unit_price=price,
                        employee_id=e)
            if self.is_hard(ctx.scenario):
                self._redundant_cuts(ctx, e, limit)

    def _redundant_cuts(self, ctx: ModelContext, e: str, limit: int) -> None:
        """Implied by the limit: at most `limit` Saturdays worked, and as many Sundays.

        Written over the shift literals, not the weekend ORs, so that CP-SAT's default LP
        relaxation sees them: it does not carry the OR links (nor `on_day`'s), and without
        these cuts its bound ignores the weekend limit (on the Curtois-Qu instances, where
        weekends are the bottleneck, the root bound rises from near 0 to about half the
        optimum)."""
        for weekday in (5, 6):
            literals = [
                lit
                for days in ctx.scenario.weekends
                for d in days
                if ctx.scenario.settings.weekday_of(d) == weekday
                for s in ctx.vars.shifts_of(e, d)
                if (lit := ctx.vars.on_shift(e, d, s)) is not None
            ]
            if len(literals) > limit:
                ctx.require(ctx.model.add(sum(literals) <= limit), self, e, None)

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for employee in view.scenario.employees:
            limit = int_limit(view.scenario, employee, "max_weekends")
            if limit is None:
                continue
            e = employee.employee_id
            worked = sum(
                any(view.works(e, d) for d in days) for days in view.scenario.weekends
            )
            if worked > limit:
                found.append(self.breach(
                    view, worked - limit, f"{e} works {worked} weekends, more than {limit}",
                    employee_id=e,
                ))
        return found
