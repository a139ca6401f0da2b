"""Temps: what agency staff cost, and the limits of each offer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from planner import costs
from planner.rules.base import Rule, Violation
from planner.timeline import describe_day

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


class BookTemps(Rule):
    """Temps cost their offer's hourly rate (with the shift premium, and at least the
    offer's minimum hours). An offer sends at most its maximum per day, only on its allowed
    shifts, only with its skill, and only once its notice period has passed."""

    day_word = "on"
    name = "book_temps"
    label = "Temp offers' limits"
    unit = "temps"
    cost_kind = "temps"
    can_be_soft = False

    def define(self, ctx: ModelContext) -> None:
        per_day: dict[tuple[str, int], list] = defaultdict(list)
        for (offer_id, day, shift_id), var in ctx.vars.temps.items():
            offer = ctx.scenario.temp_offers_by_id[offer_id]
            ctx.add_cost("temps", var, costs.temp_cost(offer, ctx.scenario.shift(shift_id)))
            per_day[offer_id, day].append(var)
        for (offer_id, day), variables in per_day.items():
            limit = ctx.scenario.temp_offers_by_id[offer_id].max_per_day
            if len(variables) > 1:
                ctx.require(ctx.model.add(sum(variables) <= limit), self, offer_id, day)

    def costs(self, view: RosterView, violations: Sequence[Violation]) -> Mapping[str, int]:
        scenario = view.scenario
        return {
            "temps": sum(
                b.count * costs.temp_cost(scenario.temp_offers_by_id[b.offer_id],
                                          scenario.shift(b.shift_id))
                for b in view.temp_bookings
            )
        }

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        scenario = view.scenario
        per_day: dict[tuple[str, int], int] = defaultdict(int)
        for booking in view.temp_bookings:
            offer = scenario.temp_offers_by_id[booking.offer_id]
            shift = scenario.shift(booking.shift_id)
            when = describe_day(scenario, booking.day)
            per_day[booking.offer_id, booking.day] += booking.count
            problem = None
            if not scenario.settings.temps_enabled:
                problem = "temps are switched off in this scenario"
            elif booking.skill != offer.skill:
                problem = f"offer is for {offer.skill}, not {booking.skill}"
            elif booking.day < offer.notice_days:
                problem = f"needs {offer.notice_days} days' notice"
            elif offer.shifts is not None and booking.shift_id not in offer.shifts:
                problem = f"does not cover shift {booking.shift_id}"
            elif not shift.allows_skill(booking.skill) or not scenario.shift_runs_on(shift, booking.day):
                problem = f"shift {booking.shift_id} does not run for {booking.skill} that day"
            if problem:
                found.append(self.breach(
                    view, booking.count, f"{booking.offer_id} on {when}: {problem}", day=booking.day,
                ))
        for (offer_id, day), count in per_day.items():
            limit = scenario.temp_offers_by_id[offer_id].max_per_day
            if count > limit:
                found.append(self.breach(
                    view, count - limit,
                    f"{offer_id} sends {count} temps on {describe_day(scenario, day)}, "
                    f"more than its {limit} a day",
                    day=day,
                ))
        return found
