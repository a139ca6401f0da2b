"""The variable container: every CP-SAT decision of a roster, keyed by the CSV ids.

- `work[e, d, s, k]`: employee `e` works shift `s` started on day `d`, doing skill `k`.
  Created only where the shift runs that day, allows the skill, sits at the employee's site,
  and the employee holds the skill that day (`qualified`).
- `on_shift(e, d, s)`: the employee works that shift instance, whatever the skill.
- `on_day(e, d)`: the employee starts some shift on day `d` (exactly the OR of the above).
- `crew(d, s, k)`: how many employees work skill `k` on that shift instance.
- `temps[o, d, s]`: temps booked from offer `o` for that shift instance.
- `sessions[e, c, d]`: employee `e` takes course `c` in the session starting on day `d`
  (only when training is on). A trainee attends on each course day instead of working
  (`on_day` covers training days too, and `paid_minutes` counts them), and may work the
  course's skill from the day after the course ends (`work` variables for that skill exist
  from the earliest such day and are tied to the sessions that qualify in time).

Rules read these through the query methods; none of them creates its own copy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from ortools.sat.python import cp_model

from planner.domain import Employee, Scenario, Shift, TempOffer, Training
from planner.timeline import can_work, shift_instances
from planner.training import course_minutes, qualified_from, trainee_starts

WorkKey = tuple[str, int, str, str]


def temp_slots(scenario: Scenario) -> Iterator[tuple[TempOffer, int, Shift]]:
    """Each (offer, day, shift) a temp may be booked on: a shift of the offer's (all when it
    names none) that allows its skill, from the end of its notice on."""
    if not scenario.settings.temps_enabled:
        return
    for offer in scenario.temp_offers:
        for day, shift in shift_instances(scenario):
            if day < offer.notice_days or not shift.allows_skill(offer.skill):
                continue
            if offer.shifts is None or shift.shift_id in offer.shifts:
                yield offer, day, shift


class RosterVars:
    def __init__(
        self,
        scenario: Scenario,
        model: cp_model.CpModel,
        *,
        one_shift_a_day: bool = False,
        training: bool = False,
    ) -> None:
        """`one_shift_a_day`: the caller guarantees at most one shift per day will hold (the
        hard, ungated rule), so `on_day` can be the plain sum of the day's shifts.
        `training`: let the model choose course sessions (the `train_staff` rule is on)."""
        self.scenario = scenario
        self.model = model
        self.one_shift_a_day = one_shift_a_day
        self.work: dict[WorkKey, cp_model.IntVar] = {}
        self.temps: dict[tuple[str, int, str], cp_model.IntVar] = {}
        self.sessions: dict[tuple[str, str, int], cp_model.IntVar] = {}
        self._train_day: dict[tuple[str, int], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        """(employee, day) -> (paid minutes, session literal) for each session covering it."""
        self._qualifying: dict[tuple[str, str], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        """(employee, skill) -> (first qualified day, session literal) per session teaching it."""
        self._on_shift: dict[tuple[str, int, str], cp_model.IntVar] = {}
        self._on_day: dict[tuple[str, int], cp_model.IntVar] = {}
        self._crew: dict[tuple[int, str, str], cp_model.IntVar] = {}
        self._by_employee_day: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._crew_members: dict[tuple[int, str, str], list[cp_model.IntVar]] = defaultdict(list)
        self._temp_members: dict[tuple[int, str, str], list[cp_model.IntVar]] = defaultdict(list)
        if training:
            self._define_sessions()
        self._define_work()
        self._define_temps()

    def qualified(self, employee: Employee, skill: str, day: int) -> bool:
        """Does the employee hold the skill on that day, or could a course qualify them by
        then (the work variable is then tied to the sessions that do, see `_define_work`)."""
        if skill in employee.skills:
            return True
        return any(first <= day for first, _ in self._qualifying.get((employee.employee_id, skill), ()))

    def _skills_to_plan(self, employee: Employee) -> list[str]:
        """The employee's skills, and skills a course may give them, that some demand asks
        for (all of the employee's skills if none is asked)."""
        wanted = {d.skill for d in self.scenario.demand}
        useful = [k for k in employee.skills if k in wanted]
        learnable = {k for e, k in self._qualifying if e == employee.employee_id and k in wanted}
        return (useful or list(employee.skills)) + sorted(learnable - set(useful))

    def _define_sessions(self) -> None:
        """A literal per (employee, course, session start) the employee may take; at most one
        session per course and one course per skill, and no two sessions on the same day."""
        scenario = self.scenario
        for employee in scenario.employees:
            by_skill: dict[str, list[cp_model.IntVar]] = defaultdict(list)
            for course in scenario.courses:
                for start in trainee_starts(scenario, employee, course):
                    var = self.model.new_bool_var(f"train[{employee.employee_id},{course.course_id},{start}]")
                    self.sessions[employee.employee_id, course.course_id, start] = var
                    by_skill[course.skill].append(var)
                    first = qualified_from(scenario, Training(employee.employee_id, course.course_id, start))
                    self._qualifying[employee.employee_id, course.skill].append((first, var))
                    for day in scenario.course_days(course, start):
                        self._train_day[employee.employee_id, day].append((course_minutes(course), var))
            for literals in by_skill.values():
                if len(literals) > 1:
                    self.model.add_at_most_one(literals)
        for (_employee_id, _day), attended in self._train_day.items():
            if len(attended) > 1:
                self.model.add_at_most_one(var for _, var in attended)

    def _define_work(self) -> None:
        instances = list(shift_instances(self.scenario))
        for employee in self.scenario.employees:
            skills = self._skills_to_plan(employee)
            for day, shift in instances:
                doable = [
                    k for k in skills if can_work(employee, shift, k) and self.qualified(employee, k, day)
                ]
                if not doable:
                    continue
                literals = []
                for skill in doable:
                    key = (employee.employee_id, day, shift.shift_id, skill)
                    var = self.model.new_bool_var("")
                    self.work[key] = var
                    literals.append(var)
                    self._crew_members[day, shift.shift_id, skill].append(var)
                    if skill not in employee.skills:
                        self._tie_to_training(var, employee.employee_id, skill, day)
                if len(literals) == 1:
                    on_shift = literals[0]
                else:
                    on_shift = self.model.new_bool_var("")
                    self.model.add(sum(literals) == on_shift)
                self._on_shift[employee.employee_id, day, shift.shift_id] = on_shift
                self._by_employee_day[employee.employee_id, day].append(shift.shift_id)
        # insertion order, not a set: the model must be built the same way in every process
        for key in dict.fromkeys([*self._by_employee_day, *self._train_day]):
            self._define_on_day(*key)

    def _tie_to_training(self, var: cp_model.IntVar, employee_id: str, skill: str, day: int) -> None:
        """Work in a skill the employee lacks needs a session that qualifies them by `day`."""
        ready = [s for first, s in self._qualifying[employee_id, skill] if first <= day]
        self.model.add(var <= sum(ready))

    def _define_on_day(self, employee_id: str, day: int) -> None:
        """`on_day`: a shift starts that day, or the employee attends a course; never both."""
        shift_ids = self._by_employee_day.get((employee_id, day), [])
        shifts = [self._on_shift[employee_id, day, s] for s in shift_ids]
        attending = [var for _, var in self._train_day.get((employee_id, day), [])]
        busy = shifts + attending
        if len(busy) == 1:
            self._on_day[employee_id, day] = busy[0]
            return
        on_day = self.model.new_bool_var("")
        if self.one_shift_a_day:
            self.model.add(on_day == sum(busy))
        else:
            for literal in shifts:
                if attending:
                    self.model.add(literal + sum(attending) <= 1)
            self.model.add_bool_or(busy).only_enforce_if(on_day)
            for literal in busy:
                self.model.add_implication(literal, on_day)
        self._on_day[employee_id, day] = on_day

    def _define_temps(self) -> None:
        for offer, day, shift in temp_slots(self.scenario):
            var = self.model.new_int_var(
                0, offer.max_per_day, f"temps[{offer.offer_id},{day},{shift.shift_id}]"
            )
            self.temps[offer.offer_id, day, shift.shift_id] = var
            self._temp_members[day, shift.shift_id, offer.skill].append(var)

    def shifts_of(self, employee_id: str, day: int) -> list[str]:
        """Shift ids the employee could work on that day."""
        return self._by_employee_day.get((employee_id, day), [])

    def on_shift(self, employee_id: str, day: int, shift_id: str) -> cp_model.IntVar | None:
        return self._on_shift.get((employee_id, day, shift_id))

    def on_day(self, employee_id: str, day: int) -> cp_model.IntVar | None:
        return self._on_day.get((employee_id, day))

    def day_literals(self, employee_id: str) -> list[cp_model.IntVar | None]:
        """`on_day` for every day of the horizon (`None` where no shift is possible)."""
        return [self.on_day(employee_id, day) for day in self.scenario.days]

    def instances_of(self, employee_id: str) -> Iterable[tuple[int, Shift, cp_model.IntVar]]:
        """Every shift instance the employee could work, with its literal."""
        for day in self.scenario.days:
            for shift_id in self.shifts_of(employee_id, day):
                yield day, self.scenario.shift(shift_id), self._on_shift[employee_id, day, shift_id]

    def paid_minutes(self, employee_id: str, days: Iterable[int]) -> cp_model.LinearExpr:
        """Paid minutes of the shifts worked and course days attended on `days`."""
        days = list(days)
        return sum(
            (
                self.scenario.shift(s).paid_minutes * self._on_shift[employee_id, d, s]
                for d in days
                for s in self.shifts_of(employee_id, d)
            ),
            cp_model.LinearExpr.constant(0),
        ) + sum(
            (minutes * var for d in days for minutes, var in self._train_day.get((employee_id, d), ())),
            cp_model.LinearExpr.constant(0),
        )

    def attends(self, employee_id: str, day: int) -> list[tuple[int, cp_model.IntVar]]:
        """(paid minutes, session literal) for each session the employee could attend that day."""
        return self._train_day.get((employee_id, day), [])

    def crew(self, day: int, shift_id: str, skill: str) -> cp_model.IntVar | None:
        """Head count of employees on skill `skill` for one shift instance."""
        key = (day, shift_id, skill)
        members = self._crew_members.get(key)
        if not members:
            return None
        if key not in self._crew:
            var = self.model.new_int_var(0, len(members), f"crew[{day},{shift_id},{skill}]")
            self.model.add(var == sum(members))
            self._crew[key] = var
        return self._crew[key]

    def temp_crew(self, day: int, shift_id: str, skill: str) -> list[cp_model.IntVar]:
        """Temp variables (one per offer) for skill `skill` on one shift instance."""
        return self._temp_members.get((day, shift_id, skill), [])
