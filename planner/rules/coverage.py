"""Cover demand: every interval (or shift slot) gets the heads it needs, skill by skill."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from planner import costs
from planner.rules.base import Rule, Violation
from planner.timeline import clock, covering_instances, describe_day

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


class CoverDemand(Rule):
    """Each demand row is met by staff working that skill plus temps. A missing head costs
    the row's under weight per hour, a surplus head its over weight per hour."""

    name = "cover_demand"
    label = "Cover demand"
    unit = "staff-hours"
    cost_kind = "shortfall"
    can_be_hard = False

    def define(self, ctx: ModelContext) -> None:
        for demand in ctx.scenario.demand:
            heads: list[cp_model.IntVar] = []
            for day, shift_id in covering_instances(ctx.scenario, demand):
                crew = ctx.vars.crew(day, shift_id, demand.skill)
                if crew is not None:
                    heads.append(crew)
                heads.extend(ctx.vars.temp_crew(day, shift_id, demand.skill))
            cover = sum(heads, cp_model.LinearExpr.constant(0))
            minutes = demand.end - demand.start
            under = ctx.model.new_int_var(0, demand.required, f"short[{demand.demand_id}]")
            ctx.model.add_max_equality(under, [demand.required - cover, 0])
            over = cover + under - demand.required
            ctx.add_cost("shortfall", under, costs.per_hour(demand.under_weight, minutes))
            ctx.add_cost("surplus", over, costs.per_hour(demand.over_weight, minutes))

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for demand in view.scenario.demand:
            staff, temps = view.cover[demand.demand_id]
            gap = demand.required - staff - temps
            if gap == 0:
                continue
            minutes = demand.end - demand.start
            when = (
                f"{describe_day(view.scenario, demand.day)} "
                f"{clock(demand.start)}-{clock(demand.end)}"
            )
            if gap > 0:
                price, kind, text = demand.under_weight, "shortfall", "short"
            else:
                price, kind, text = demand.over_weight, "surplus", "over"
            heads = abs(gap)
            found.append(
                self.breach(
                    view,
                    heads * minutes / 60,
                    f"{demand.skill} {text} by {heads} head(s) {when} "
                    f"(needs {demand.required}, has {staff} staff + {temps} temps)",
                    day=demand.day,
                    cost_units=heads * costs.per_hour(price, minutes),
                    cost_kind=kind,
                )
            )
        return found
