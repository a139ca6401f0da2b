"""Only qualified skills: a person works only a skill they hold, on a shift that allows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.rules.base import Rule, Violation
from planner.timeline import describe_day, sites_match

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


class OnlyQualifiedSkills(Rule):
    """An employee works a skill only if qualified in it that day (held from the start, or
    from the day after a course teaching it ends), on a shift that allows the skill, at the
    employee's site. The model never creates the forbidden choices."""

    name = "only_qualified_skills"
    label = "Only qualified skills"
    unit = "shifts"
    can_be_soft = False

    def define(self, ctx: ModelContext) -> None:
        """Nothing to add: `RosterVars` creates work variables only for qualified skills, and
        ties those of a skill still to be learnt to the sessions that teach it in time."""

    def check(self, view: RosterView) -> list[Violation]:
        found: list[Violation] = []
        for assignment in view.plan.assignments:
            if assignment.activity != "work":
                continue
            employee = view.scenario.employee(assignment.employee_id)
            shift = view.scenario.shift(assignment.shift_id)
            when = describe_day(view.scenario, assignment.day)
            problem = None
            if not view.qualified(employee.employee_id, assignment.skill, assignment.day):
                problem = f"is not qualified in {assignment.skill}"
            elif not shift.allows_skill(assignment.skill):
                problem = f"works {assignment.skill} on shift {shift.shift_id}, which does not allow it"
            elif not sites_match(employee.site, shift.site):
                problem = f"belongs to site {employee.site} but works shift {shift.shift_id} at {shift.site}"
            if problem:
                found.append(
                    self.breach(
                        view,
                        1,
                        f"{employee.employee_id} {problem} ({when})",
                        employee_id=employee.employee_id,
                        day=assignment.day,
                    )
                )
        return found
