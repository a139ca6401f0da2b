"""A finished roster, indexed for checking: who works when, on what, and what it covers.

Built from a `Plan` alone (no solver objects), so the checker can read rosters written by
anyone: this planner, a spreadsheet, or a benchmark's reference solution.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from planner.domain import Assignment, Course, Demand, Plan, Scenario, TempBooking
from planner.timeline import covering_instances
from planner.training import course_minutes, qualified_from, training_days


class RosterView:
    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self.scenario = scenario
        self.plan = plan
        by_employee: dict[str, list[Assignment]] = defaultdict(list)
        on_day: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
        crew: dict[tuple[int, str, str], int] = defaultdict(int)
        for assignment in sorted(plan.assignments, key=lambda a: (a.employee_id, a.day)):
            by_employee[assignment.employee_id].append(assignment)
            on_day[assignment.employee_id, assignment.day].append(assignment)
            if assignment.activity == "work":
                crew[assignment.day, assignment.shift_id, assignment.skill] += 1
        temps: dict[tuple[int, str, str], int] = defaultdict(int)
        for booking in plan.temp_bookings:
            temps[booking.day, booking.shift_id, booking.skill] += booking.count
        self._by_employee = by_employee
        self._on_day = on_day
        self._crew = crew
        self._temps = temps
        self._training_days = training_days(scenario, plan.training)
        qualified: dict[tuple[str, str], int] = {}
        for training in plan.training:
            course = scenario.courses_by_id.get(training.course_id)
            if course is not None:
                key = (training.employee_id, course.skill)
                first = qualified_from(scenario, training)
                qualified[key] = min(first, qualified.get(key, first))
        self._qualified_from = qualified

    def assignments(self, employee_id: str) -> list[Assignment]:
        """The employee's assignments in day order."""
        return self._by_employee.get(employee_id, [])

    def on_day(self, employee_id: str, day: int) -> list[Assignment]:
        return self._on_day.get((employee_id, day), [])

    def training_on(self, employee_id: str, day: int) -> Course | None:
        """The course the employee attends that day, if any."""
        return self._training_days.get((employee_id, day))

    def qualified(self, employee_id: str, skill: str, day: int) -> bool:
        """Holds the skill from the start, or from the day after a course teaching it."""
        if skill in self.scenario.employee(employee_id).skills:
            return True
        first = self._qualified_from.get((employee_id, skill))
        return first is not None and first <= day

    def works(self, employee_id: str, day: int) -> bool:
        """Starts a shift or attends a course that day."""
        return bool(self.on_day(employee_id, day)) or (employee_id, day) in self._training_days

    def worked_days(self, employee_id: str) -> list[bool]:
        """One flag per horizon day: does the employee start a shift (or train) that day."""
        return [self.works(employee_id, day) for day in self.scenario.days]

    def paid_minutes(self, employee_id: str, days: range) -> int:
        """Paid minutes of the shifts worked and the course days attended on `days`."""
        shifts = sum(
            self.scenario.shift(a.shift_id).paid_minutes
            for day in days
            for a in self.on_day(employee_id, day)
        )
        courses = (self.training_on(employee_id, day) for day in days)
        return shifts + sum(course_minutes(c) for c in courses if c is not None)

    def crew(self, day: int, shift_id: str, skill: str) -> int:
        """Employees working (not training) a skill on one shift instance."""
        return self._crew.get((day, shift_id, skill), 0)

    def temps(self, day: int, shift_id: str, skill: str) -> int:
        return self._temps.get((day, shift_id, skill), 0)

    @cached_property
    def cover(self) -> dict[str, tuple[int, int]]:
        """Demand id -> (staff, temps) counted toward it."""
        result: dict[str, tuple[int, int]] = {}
        for demand in self.scenario.demand:
            result[demand.demand_id] = self._cover(demand)
        return result

    def _cover(self, demand: Demand) -> tuple[int, int]:
        staff = temps = 0
        for day, shift_id in covering_instances(self.scenario, demand):
            staff += self.crew(day, shift_id, demand.skill)
            temps += self.temps(day, shift_id, demand.skill)
        return staff, temps

    @property
    def temp_bookings(self) -> tuple[TempBooking, ...]:
        return self.plan.temp_bookings
