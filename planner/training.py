"""Training in the roster: when a course can run, who may take it, and what a new skill is worth.

Pure functions of a `Scenario`, shared by the engine (which chooses sessions) and the
checker (which verifies them), so both read one definition of a valid session:

- a session starts on a weekday (one of the course's fixed `sessions`, or any weekday when
  it has none) and takes `course.days` weekdays, skipping weekends, all inside the horizon,
  from `earliest_start` on and ending by `latest_end`;
- a trainee is listed as trainable for the course, lacks its skill, holds its prerequisite
  when it starts, and has no unavailability or leave on a course day;
- the trainee is qualified from the day after the last course day.

A course pays off beyond a short horizon, so each newly qualified person is credited with a
value per week for some weeks after it (`[rules.train_staff]` `value_per_week`,
`value_weeks`). By default a week is worth one shift of that skill bought at its cheapest
outside price (a temp, or the shortfall it leaves), and the credit goes to at most as many
new people per skill as the skill lacks at contract hours (`valued_need`), so the solver has
no reason to train more people than the demand can use.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from planner.domain import Course, Employee, Scenario, Training, frozen_map

TRAINING_START_MINUTE = 9 * 60
"""Course days run from 09:00 for the course's `hours_per_day`."""

DEFAULT_VALUE_WEEKS = 4
"""Weeks after the horizon a newly qualified person is credited for, unless set."""

FULL_TIME_HOURS = 37.5
"""Weekly hours of a full-time head, where a contract gives no maximum."""


def course_minutes(course: Course) -> int:
    """Paid minutes of one course day."""
    return round(course.hours_per_day * 60)


def last_day(scenario: Scenario, course: Course, start_day: int) -> int:
    days = scenario.course_days(course, start_day)
    return days[-1] if days else start_day


def qualified_from(scenario: Scenario, training: Training) -> int:
    """First day the trainee may work the course's skill."""
    course = scenario.courses_by_id[training.course_id]
    return last_day(scenario, course, training.start_day) + 1


def session_problem(scenario: Scenario, course: Course, start_day: int) -> str | None:
    """Why a session of `course` cannot start on `start_day`, or None when it can."""
    settings = scenario.settings
    if not 0 <= start_day < settings.days:
        return "starts outside the horizon"
    date = settings.date_of(start_day)
    if settings.weekday_of(start_day) >= 5:
        return f"starts on a {date:%A}; courses run on weekdays"
    if course.sessions and date not in course.sessions:
        return f"starts on {date.isoformat()}, which is not one of the course's session dates"
    if course.earliest_start is not None and date < course.earliest_start:
        return f"starts before the course's earliest_start {course.earliest_start.isoformat()}"
    days = scenario.course_days(course, start_day)
    if len(days) < course.days:
        return f"needs {course.days} weekday(s) but only {len(days)} remain in the horizon"
    end = settings.date_of(days[-1])
    if course.latest_end is not None and end > course.latest_end:
        return f"ends on {end.isoformat()}, after the course's latest_end {course.latest_end.isoformat()}"
    return None


def session_starts(scenario: Scenario, course: Course) -> tuple[int, ...]:
    """Every day a session of the course may start on."""
    return tuple(d for d in scenario.days if session_problem(scenario, course, d) is None)


def blocked_days(scenario: Scenario, employee_id: str) -> frozenset[int]:
    """Days the employee cannot attend a course: any unavailability or leave that day."""
    return frozenset(
        entry.day
        for entry in scenario.availability
        if entry.employee_id == employee_id and entry.kind in ("unavailable", "leave")
    )


def trainee_starts(scenario: Scenario, employee: Employee, course: Course) -> tuple[int, ...]:
    """Session starts the engine offers this employee: allowed, prerequisite already held
    (the engine does not chain courses), and no blocked day during the course."""
    if not course.allows(employee):
        return ()
    if course.prerequisite is not None and course.prerequisite not in employee.skills:
        return ()
    blocked = blocked_days(scenario, employee.employee_id)
    return tuple(
        start
        for start in session_starts(scenario, course)
        if not blocked.intersection(scenario.course_days(course, start))
    )


def training_days(scenario: Scenario, trainings: Iterable[Training]) -> dict[tuple[str, int], Course]:
    """(employee, day) -> the course the employee attends that day."""
    found: dict[tuple[str, int], Course] = {}
    for training in trainings:
        course = scenario.courses_by_id.get(training.course_id)
        if course is None:
            continue
        for day in scenario.course_days(course, training.start_day):
            found[training.employee_id, day] = course
    return found


def _param(scenario: Scenario, name: str) -> object:
    return scenario.settings.rule("train_staff").params.get(name)


def value_weeks(scenario: Scenario) -> int:
    given = _param(scenario, "value_weeks")
    return DEFAULT_VALUE_WEEKS if given is None else int(given)  # type: ignore[call-overload]


def outside_price(scenario: Scenario, skill: str) -> float:
    """Cheapest price per hour of cover for the skill from outside the staff: a temp, or
    the shortfall itself (the skill's under weight)."""
    under = scenario.settings.skill_under_weight.get(skill, scenario.settings.under_weight)
    temps = [o.hourly_cost for o in scenario.temp_offers if o.skill == skill]
    if not scenario.settings.temps_enabled or not scenario.settings.rule("book_temps").enabled:
        temps = []
    return min([under, *temps])


def shift_hours(scenario: Scenario, skill: str) -> float:
    """Mean paid hours of the shifts that allow the skill (8 when none does)."""
    hours = [s.paid_minutes / 60 for s in scenario.shifts if s.allows_skill(skill)]
    return sum(hours) / len(hours) if hours else 8.0


def value_per_week(scenario: Scenario, skill: str) -> float:
    """Money a newly qualified person in `skill` is worth per week after the horizon."""
    given = _param(scenario, "value_per_week")
    if given is not None:
        return float(given)  # type: ignore[arg-type]
    return outside_price(scenario, skill) * shift_hours(scenario, skill)


def weekly_demand_hours(scenario: Scenario) -> dict[str, float]:
    """Staff-hours asked for per week, by skill, averaged over the horizon."""
    weeks = scenario.settings.days / 7
    hours: dict[str, float] = defaultdict(float)
    for row in scenario.demand:
        hours[row.skill] += row.required * (row.end - row.start) / 60 / weeks
    return dict(hours)


def weekly_hours(scenario: Scenario, employee: Employee) -> float:
    limit = scenario.limit(employee, "max_hours_week")
    return FULL_TIME_HOURS if limit is None else float(limit)  # type: ignore[arg-type]


def valued_need(scenario: Scenario) -> Mapping[str, int]:
    """New people per skill the value after the horizon is credited for: the skill's weekly
    demand hours beyond what its qualified staff can give at contract hours (each person's
    hours split over their skills in proportion to those skills' demand), in full-time heads,
    rounded up."""
    demand = weekly_demand_hours(scenario)
    supply: dict[str, float] = defaultdict(float)
    for employee in scenario.employees:
        wanted = {k: demand[k] for k in employee.skills if demand.get(k)}
        total = sum(wanted.values())
        for skill, hours in wanted.items():
            supply[skill] += weekly_hours(scenario, employee) * hours / total
    return {
        skill: math.ceil(max(0.0, hours - supply[skill]) / FULL_TIME_HOURS - 1e-9)
        for skill, hours in demand.items()
    }


def without_training(scenario: Scenario) -> Scenario:
    """The same scenario with training switched off (rule `train_staff` disabled)."""
    rules = dict(scenario.settings.rules)
    rules["train_staff"] = replace(scenario.settings.rule("train_staff"), enabled=False)
    settings = replace(scenario.settings, rules=frozen_map(rules))
    return replace(scenario, settings=settings)
