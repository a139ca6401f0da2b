"""Cover demand: every interval (or shift slot) gets the heads it needs, skill by skill.

A missing head costs the row's under weight per hour (`[costs] shortfall_pricing = "flat"`),
or, on queue rows with `"service"`, a convex price that grows with each further head missing
(`planner.demand.pricing`): the model states that price exactly as the maximum of its
supporting lines, and the checker reads the same table, so both agree to the unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from planner import costs
from planner.demand.pricing import is_flat, shortfall_tables
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
        tables = shortfall_tables(ctx.scenario)
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
            table = tables[demand.demand_id]
            if is_flat(table):
                ctx.add_cost("shortfall", under, table[1] - table[0] if len(table) > 1 else 0)
            else:
                ctx.add_cost("shortfall", _convex_price(ctx, demand.demand_id, under, table), 1)
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
            heads = abs(gap)
            if gap > 0:
                units = shortfall_tables(view.scenario)[demand.demand_id][gap]
                kind, text = "shortfall", "short"
            else:
                units, kind, text = heads * costs.per_hour(demand.over_weight, minutes), "surplus", "over"
            found.append(
                self.breach(
                    view,
                    heads * minutes / 60,
                    f"{demand.skill} {text} by {heads} head(s) {when} "
                    f"(needs {demand.required}, has {staff} staff + {temps} temps)",
                    day=demand.day,
                    cost_units=units,
                    cost_kind=kind,
                )
            )
        return found


def _convex_price(
    ctx: ModelContext, demand_id: str, under: cp_model.IntVar, table: tuple[int, ...]
) -> cp_model.IntVar:
    """A variable equal to `table[under]` for a convex table: the maximum of the lines
    through consecutive points (one per distinct slope), exact at every whole `under`."""
    lines: dict[int, int] = {}
    for k in range(len(table) - 1):
        slope = table[k + 1] - table[k]
        lines.setdefault(slope, table[k] - slope * k)
    price = ctx.model.new_int_var(0, table[-1], f"short_price[{demand_id}]")
    ctx.model.add_max_equality(price, [slope * under + offset for slope, offset in lines.items()])
    return price
