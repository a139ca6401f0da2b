"""Train staff: choose who takes which course, when, and count what it costs and earns.

The session literals live in `RosterVars` (they change who is qualified and who is on the
floor); this rule caps each session at the course's `max_trainees`, prices every session
(the course fee plus the trainee's pay for the course hours), and credits each newly
qualified person with their value after the horizon (`planner.training`). The checker side
verifies every session against the same definitions: the course's dates and length, who
may take it, prerequisites, capacity, and that nobody works while on a course.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from planner import costs
from planner.domain import MINUTES_PER_DAY, Course, Employee, Scenario, Training
from planner.rules.base import Rule, Violation
from planner.timeline import clock, describe_day
from planner.training import (
    TRAINING_START_MINUTE,
    blocked_days,
    course_minutes,
    session_problem,
    value_per_week,
    value_weeks,
    valued_need,
)

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


def session_cost(scenario: Scenario, employee: Employee, course: Course, start_day: int) -> int:
    """Units for one trainee on one session: the fee plus pay for every course day."""
    days = len(scenario.course_days(course, start_day))
    return costs.fixed(course.cost) + days * costs.per_hour(employee.hourly_cost, course_minutes(course))


def rest_before_course(scenario: Scenario, employee: Employee) -> int:
    """Minutes of rest a trainee needs between a shift's end and 09:00 on a course day: the
    contract's minimum rest when that rule is on, else none (the shift must just be over)."""
    rest = scenario.limit(employee, "min_rest_hours")
    if not rest or not scenario.settings.rule("minimum_rest_between_shifts").enabled:
        return 0
    return round(float(rest) * 60)  # type: ignore[arg-type]


def too_late_before(scenario: Scenario, employee: Employee, course_day: int, shift_id: str) -> bool:
    """Does the shift started the day before a course day end too late to rest before it?"""
    _, end = scenario.shift(shift_id).span(course_day - 1)
    start = course_day * MINUTES_PER_DAY + TRAINING_START_MINUTE
    return end > start - rest_before_course(scenario, employee)


def value_units(scenario: Scenario, skill: str) -> int:
    """Units credited per newly qualified person in `skill` (their weeks after the horizon)."""
    return costs.fixed(value_per_week(scenario, skill) * value_weeks(scenario))


class TrainStaff(Rule):
    """People listed as trainable may take a course session that fits the horizon and the
    course's dates, if they hold its prerequisite and have no leave or unavailability on a
    course day; a session takes at most `max_trainees`; a trainee does not work on course
    days, nor the evening or night before one later than their minimum rest allows, and is
    qualified from the day after. Each session costs its fee and the trainee's
    pay; each new skill is credited with its value for some weeks after the horizon."""

    name = "train_staff"
    label = "Train staff"
    unit = "sessions"
    cost_kind = "training"
    can_be_soft = False

    def define(self, ctx: ModelContext) -> None:
        scenario = ctx.scenario
        by_session: dict[tuple[str, int], list] = defaultdict(list)
        by_skill: dict[str, list] = defaultdict(list)
        for (employee_id, course_id, start), var in ctx.vars.sessions.items():
            course = scenario.courses_by_id[course_id]
            employee = scenario.employee(employee_id)
            by_session[course_id, start].append(var)
            by_skill[course.skill].append(var)
            ctx.add_cost("training", var, session_cost(scenario, employee, course, start))
            for day in scenario.course_days(course, start):
                for shift_id in ctx.vars.shifts_of(employee_id, day - 1):
                    if too_late_before(scenario, employee, day, shift_id):
                        on_shift = ctx.vars.on_shift(employee_id, day - 1, shift_id)
                        ctx.model.add(on_shift + var <= 1)
        for (course_id, _start), trainees in by_session.items():
            limit = scenario.courses_by_id[course_id].max_trainees
            if limit is not None and len(trainees) > limit:
                ctx.model.add(sum(trainees) <= limit)
        need = valued_need(scenario)
        for skill, trainees in by_skill.items():
            credited = min(need.get(skill, 0), len(trainees))
            units = value_units(scenario, skill)
            if credited <= 0 or units <= 0:
                continue
            valued = ctx.model.new_int_var(0, credited, f"valued_trainees[{skill}]")
            ctx.model.add(valued <= sum(trainees))
            ctx.add_cost("training_value", valued, -units)

    def check(self, view: RosterView) -> list[Violation]:
        scenario = view.scenario
        found: list[Violation] = []
        for training in view.plan.training:
            for problem in _problems(view, training):
                found.append(self._breach(view, training, problem))
        taken: dict[tuple[str, int], list[Training]] = defaultdict(list)
        for training in view.plan.training:
            taken[training.course_id, training.start_day].append(training)
        for (course_id, start), trainees in taken.items():
            limit = scenario.courses_by_id[course_id].max_trainees
            if limit is not None and len(trainees) > limit:
                found.append(self.breach(
                    view, len(trainees) - limit,
                    f"{course_id} starting {describe_day(scenario, start)} has {len(trainees)} "
                    f"trainees, above its max_trainees {limit}",
                    day=start,
                ))
        return found

    def _breach(self, view: RosterView, training: Training, problem: str) -> Violation:
        return self.breach(
            view, 1,
            f"{training.employee_id} on {training.course_id} from "
            f"{describe_day(view.scenario, training.start_day)}: {problem}",
            employee_id=training.employee_id, day=training.start_day,
        )

    def costs(self, view: RosterView, violations: Sequence[Violation]) -> Mapping[str, int]:
        scenario = view.scenario
        spent = 0
        trainees: dict[str, int] = defaultdict(int)
        for training in view.plan.training:
            course = scenario.courses_by_id[training.course_id]
            employee = scenario.employee(training.employee_id)
            spent += session_cost(scenario, employee, course, training.start_day)
            trainees[course.skill] += 1
        need = valued_need(scenario)
        credit = sum(
            min(count, need.get(skill, 0)) * value_units(scenario, skill)
            for skill, count in trainees.items()
        )
        totals = {"training": spent}
        if credit:
            totals["training_value"] = -credit
        return totals


def _problems(view: RosterView, training: Training) -> list[str]:
    """What is wrong with one session of one trainee, in words."""
    scenario = view.scenario
    course = scenario.courses_by_id[training.course_id]
    employee = scenario.employee(training.employee_id)
    e, start = training.employee_id, training.start_day
    problems: list[str] = []
    if not course.lists(employee):
        problems.append(f"{e} is not trainable for {course.course_id} (staff.csv trainable)")
    if course.skill in employee.skills:
        problems.append(f"{e} already holds {course.skill}")
    if (problem := session_problem(scenario, course, start)) is not None:
        problems.append(f"the session {problem}")
    if course.prerequisite is not None and not view.qualified(e, course.prerequisite, start):
        problems.append(f"{e} lacks the prerequisite {course.prerequisite} when it starts")
    course_days = scenario.course_days(course, start)
    for day in sorted(blocked_days(scenario, e).intersection(course_days)):
        problems.append(f"{e} is unavailable or on leave on {describe_day(scenario, day)}")
    for day in course_days:
        if view.on_day(e, day):
            problems.append(f"{e} also works a shift on {describe_day(scenario, day)}")
        for a in view.on_day(e, day - 1):
            if too_late_before(scenario, employee, day, a.shift_id):
                problems.append(
                    f"{e} works {a.shift_id} on {describe_day(scenario, day - 1)}, ending too "
                    f"late to rest before the course at {clock(TRAINING_START_MINUTE)}"
                )
        attended = view.training_on(e, day)
        if attended is not None and attended.course_id != course.course_id:
            problems.append(f"{e} is also on {attended.course_id} on {describe_day(scenario, day)}")
    return problems
