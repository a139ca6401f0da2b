"""Pay wages: every shift worked (or trained) is paid at the person's rate times the premium."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from planner import costs
from planner.rules.base import Rule, Violation

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


class PayWages(Rule):
    """Each shift costs the employee's hourly cost x the shift's paid hours x its premium."""

    name = "pay_wages"
    label = "Pay wages"
    cost_kind = "wages"
    can_be_hard = False

    def define(self, ctx: ModelContext) -> None:
        for employee in ctx.scenario.employees:
            for _day, shift, literal in ctx.vars.instances_of(employee.employee_id):
                ctx.add_cost("wages", literal, costs.shift_wage(employee, shift))

    def costs(self, view: RosterView, violations: Sequence[Violation]) -> Mapping[str, int]:
        scenario = view.scenario
        return {
            "wages": sum(
                costs.shift_wage(scenario.employee(a.employee_id), scenario.shift(a.shift_id))
                for a in view.plan.assignments
            )
        }
