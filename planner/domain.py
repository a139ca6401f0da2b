"""The planner's domain: frozen dataclasses for a scenario and for a plan.

This module imports nothing of ours. Everything downstream (rules, engine, checker,
exports, UI) speaks in these types and in the ids that came from the CSV files.

Time is kept in whole minutes from the start of the horizon (00:00 on `start_date`), so a
night shift on the last day simply ends past the horizon. Day `d` is `start_date + d`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal

MINUTES_PER_DAY = 24 * 60
WEEKDAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

AvailabilityKind = Literal["unavailable", "leave", "preferred", "avoid"]
Activity = Literal["work", "training"]


def frozen_map(items: Mapping | None = None) -> Mapping:
    """A read-only mapping, so frozen dataclasses stay immutable all the way down."""
    return MappingProxyType(dict(items or {}))


@dataclass(frozen=True)
class Contract:
    """Per-employee limits; `None` means the scenario default applies (or no limit)."""

    min_hours_week: float | None = None
    max_hours_week: float | None = None
    min_hours_total: float | None = None
    """Fewest paid hours over the whole horizon."""
    max_hours_total: float | None = None
    """Most paid hours over the whole horizon."""
    overtime_after_hours_week: float | None = None
    overtime_multiplier: float | None = None
    max_days_week: int | None = None
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_days_off_in_row: int | None = None
    max_weekends: int | None = None
    min_rest_hours: float | None = None
    max_shifts: Mapping[str, int] = field(default_factory=frozen_map)


@dataclass(frozen=True)
class Employee:
    employee_id: str
    name: str
    skills: Mapping[str, int]
    """Skill -> level (1 when the CSV gives no level)."""
    hourly_cost: float
    contract: Contract = field(default_factory=Contract)
    site: str | None = None
    trainable: tuple[str, ...] = ()
    """Course ids this person may take; `("*",)` means any course."""


@dataclass(frozen=True)
class Shift:
    """A shift template: a start and end time of day, on some weekdays."""

    shift_id: str
    start_minute: int
    """Minutes after midnight, 0..1439."""
    end_minute: int
    """Minutes after midnight; at or before `start_minute` means the next day."""
    break_minutes: int = 0
    weekdays: frozenset[int] = frozenset(range(7))
    """0 = Monday .. 6 = Sunday: the days on which the shift starts."""
    skills: frozenset[str] | None = None
    """Skills that may be worked on this shift; `None` means any."""
    premium: float = 1.0
    """Wage multiplier (1.25 = 25 % night premium)."""
    site: str | None = None

    @property
    def length_minutes(self) -> int:
        length = self.end_minute - self.start_minute
        return length if length > 0 else length + MINUTES_PER_DAY

    @property
    def paid_minutes(self) -> int:
        return max(0, self.length_minutes - self.break_minutes)

    def span(self, day: int) -> tuple[int, int]:
        """Start and end, in horizon minutes, when the shift starts on day `day`."""
        start = day * MINUTES_PER_DAY + self.start_minute
        return start, start + self.length_minutes

    def allows_skill(self, skill: str) -> bool:
        return self.skills is None or skill in self.skills


@dataclass(frozen=True)
class QueueWork:
    """Contacts that queue for a demand row (queue work), kept so the roster's service can be
    reported and priced. The row's `required` heads were converted from these."""

    volume: float
    """Contacts arriving in the interval."""
    aht_seconds: float
    """Average handle time of one contact."""
    target_pct: float = 80.0
    """Percent of contacts to answer within `target_seconds`."""
    target_seconds: float = 20.0
    asa_seconds: float | None = None
    """Set: the target is an average speed of answer instead of the percent."""
    patience_seconds: float | None = None
    """Set: customers give up after this long on average (Erlang A); else Erlang C."""
    shrinkage: float = 0.0
    """Share of a rostered head's time not available for contacts (0..1)."""
    max_occupancy: float = 1.0
    heads_given: bool = False
    """True when the row gave `required` heads itself: the volume only reports service."""


@dataclass(frozen=True)
class Demand:
    """Required heads for one skill in one interval (or one shift slot) of one day."""

    demand_id: str
    """`D<row>` with the CSV row number, so every figure traces back to the file."""
    day: int
    skill: str
    required: int
    start: int
    """Horizon minutes; for a shift slot, the slot's shift span."""
    end: int
    under_weight: float
    """Price of one missing head for one hour."""
    over_weight: float
    """Price of one surplus head for one hour."""
    shift_id: str | None = None
    """Set for shift-slot demand: only that shift covers it."""
    site: str | None = None
    queue: QueueWork | None = None
    """Set for queue work (`volume` + `aht_seconds`): what `required` was converted from."""
    workload_hours: float | None = None
    """Set for back-office work given as hours: what `required` was converted from."""

    @property
    def hours(self) -> float:
        return (self.end - self.start) / 60


@dataclass(frozen=True)
class AvailabilityEntry:
    employee_id: str
    day: int
    kind: AvailabilityKind
    shift_id: str | None = None
    start: int | None = None
    """Horizon minutes; with `end`, limits the entry to part of the day."""
    end: int | None = None
    weight: float = 1.0
    """For `preferred` and `avoid`: the price of not getting (or getting) it."""
    row: int = 0
    """The CSV row number the entry came from."""


@dataclass(frozen=True)
class TempOffer:
    """An agency's offer to send temps with one skill."""

    offer_id: str
    skill: str
    hourly_cost: float
    provider: str = "agency"
    max_per_day: int = 10
    min_hours: float = 0.0
    """A booking is paid for at least this many hours."""
    notice_days: int = 0
    """Temps can be booked from day `notice_days` of the horizon on."""
    shifts: frozenset[str] | None = None
    """Shift ids a temp may work; `None` means any shift that allows the skill."""


@dataclass(frozen=True)
class Course:
    course_id: str
    skill: str
    days: int
    cost: float
    hours_per_day: float = 8.0
    max_trainees: int | None = None
    prerequisite: str | None = None
    earliest_start: dt.date | None = None
    latest_end: dt.date | None = None
    sessions: tuple[dt.date, ...] = ()
    """Fixed start dates of the course's sessions; empty: it may start on any weekday."""

    def lists(self, employee: Employee) -> bool:
        """Is the employee trainable for this course (its id, or `*`, in `trainable`)."""
        return "*" in employee.trainable or self.course_id in employee.trainable

    def allows(self, employee: Employee) -> bool:
        """May the employee take this course: listed as trainable for it, not yet qualified
        in its skill. The prerequisite is checked against the day it starts."""
        return self.lists(employee) and self.skill not in employee.skills


@dataclass(frozen=True)
class RuleSetting:
    """How one rule applies in a scenario: on or off, hard or soft, its weight and params."""

    enabled: bool = True
    hard: bool | None = None
    """`None`: the rule's own default."""
    weight: float | None = None
    """Price of one unit of breach (an hour, a day, a weekend, a shift) when soft;
    `None`: the rule's own default."""
    params: Mapping[str, object] = field(default_factory=frozen_map)


@dataclass(frozen=True)
class SolverSettings:
    time_limit_seconds: float = 30.0
    workers: int = 8
    seed: int = 0
    relative_gap: float = 0.0


@dataclass(frozen=True)
class ServiceSettings:
    """`[service]` of `scenario.toml`: how queue and workload rows become heads."""

    target_pct: float = 80.0
    target_seconds: float = 20.0
    asa_seconds: float | None = None
    """Set: rows without their own target aim at this average speed of answer instead."""
    max_occupancy: float = 0.9
    shrinkage: float = 0.0
    productivity: float = 1.0
    """Share of a head's time that turns `workload_hours` into done work."""


SHORTFALL_PRICINGS: tuple[str, ...] = ("flat", "service")


@dataclass(frozen=True)
class Settings:
    start_date: dt.date
    days: int
    interval_minutes: int = 30
    currency: str = "EUR"
    name: str = ""
    under_weight: float = 100.0
    """Default price of one missing staff-hour."""
    over_weight: float = 5.0
    """Default price of one surplus staff-hour."""
    skill_under_weight: Mapping[str, float] = field(default_factory=frozen_map)
    skill_over_weight: Mapping[str, float] = field(default_factory=frozen_map)
    contract: Contract = field(default_factory=Contract)
    """Scenario-wide defaults for every employee's limits."""
    forbidden_successions: tuple[tuple[str, str], ...] = ()
    """(earlier shift, shift on the next day) pairs that may not follow each other."""
    rules: Mapping[str, RuleSetting] = field(default_factory=frozen_map)
    temps_enabled: bool = True
    solver: SolverSettings = field(default_factory=SolverSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)
    shortfall_pricing: str = "flat"
    """`flat`: every missing head-hour costs `under_weight`; `service`: on queue rows the
    k-th missing head costs what it does to the interval's service (see `planner.demand.pricing`)."""

    def date_of(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day)

    def weekday_of(self, day: int) -> int:
        return self.date_of(day).weekday()

    def rule(self, name: str) -> RuleSetting:
        return self.rules.get(name, RuleSetting())


@dataclass(frozen=True)
class Scenario:
    settings: Settings
    employees: tuple[Employee, ...]
    shifts: tuple[Shift, ...]
    demand: tuple[Demand, ...]
    availability: tuple[AvailabilityEntry, ...] = ()
    temp_offers: tuple[TempOffer, ...] = ()
    courses: tuple[Course, ...] = ()

    @property
    def days(self) -> range:
        return range(self.settings.days)

    @cached_property
    def skills(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for row in self.demand:
            seen.setdefault(row.skill)
        for employee in self.employees:
            for skill in employee.skills:
                seen.setdefault(skill)
        return tuple(seen)

    def employee(self, employee_id: str) -> Employee:
        return self.employees_by_id[employee_id]

    def shift(self, shift_id: str) -> Shift:
        return self.shifts_by_id[shift_id]

    @cached_property
    def employees_by_id(self) -> Mapping[str, Employee]:
        return {e.employee_id: e for e in self.employees}

    @cached_property
    def shifts_by_id(self) -> Mapping[str, Shift]:
        return {s.shift_id: s for s in self.shifts}

    @cached_property
    def courses_by_id(self) -> Mapping[str, Course]:
        return {c.course_id: c for c in self.courses}

    def course_days(self, course: Course, start_day: int) -> tuple[int, ...]:
        """The horizon days a session starting on `start_day` takes: `course.days` weekdays
        (Monday to Friday) from the start on, skipping weekends. Days past the horizon are
        left out, so a session that does not fit returns fewer than `course.days` days."""
        found: list[int] = []
        day = start_day
        while len(found) < course.days and day < self.settings.days:
            if self.settings.weekday_of(day) < 5:
                found.append(day)
            day += 1
        return tuple(found)

    @cached_property
    def temp_offers_by_id(self) -> Mapping[str, TempOffer]:
        return {o.offer_id: o for o in self.temp_offers}

    def shift_runs_on(self, shift: Shift, day: int) -> bool:
        return self.settings.weekday_of(day) in shift.weekdays

    @cached_property
    def leave_days(self) -> Mapping[str, frozenset[int]]:
        """Whole days of leave per employee (entries of kind `leave` without a shift or time)."""
        days: dict[str, set[int]] = {}
        for entry in self.availability:
            if entry.kind == "leave" and entry.shift_id is None and entry.start is None:
                days.setdefault(entry.employee_id, set()).add(entry.day)
        return {employee_id: frozenset(found) for employee_id, found in days.items()}

    def limit(self, employee: Employee, name: str) -> object:
        """An employee's own value for a contract limit, else the scenario default."""
        own = getattr(employee.contract, name)
        if name == "max_shifts":
            merged = dict(getattr(self.settings.contract, name))
            merged.update(own)
            return merged
        return own if own is not None else getattr(self.settings.contract, name)

    def week_of(self, day: int) -> int:
        return day // 7

    @property
    def weeks(self) -> range:
        return range((self.settings.days + 6) // 7)

    def days_of_week(self, week: int) -> range:
        return range(week * 7, min(self.settings.days, week * 7 + 7))

    @property
    def weekends(self) -> tuple[tuple[int, ...], ...]:
        """Each weekend (Saturday and Sunday) that falls in the horizon, as its days."""
        groups: dict[int, list[int]] = {}
        for day in self.days:
            weekday = self.settings.weekday_of(day)
            if weekday >= 5:
                groups.setdefault(day - weekday, []).append(day)
        return tuple(tuple(days) for _, days in sorted(groups.items()))


@dataclass(frozen=True)
class Assignment:
    """One person on one shift on one day, doing one skill (or training)."""

    employee_id: str
    day: int
    shift_id: str
    skill: str
    activity: Activity = "work"


@dataclass(frozen=True)
class Training:
    """One person on one course, starting on `start_day` (a session of that course)."""

    employee_id: str
    course_id: str
    start_day: int


@dataclass(frozen=True)
class TempBooking:
    offer_id: str
    day: int
    shift_id: str
    skill: str
    count: int


@dataclass(frozen=True)
class SolveStats:
    status: str
    """OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN or MODEL_INVALID."""
    objective: float | None = None
    """In money (currency units)."""
    best_bound: float | None = None
    gap: float | None = None
    """(objective - bound) / |objective|; 0 when proved optimal."""
    seconds: float = 0.0
    first_solution_seconds: float | None = None
    workers: int = 0
    seed: int = 0
    conflicts: tuple[str, ...] = ()
    """For an infeasible scenario: the hard rules that clash, in the manager's words."""
    costs: Mapping[str, int] = field(default_factory=frozen_map)
    """Objective units by cost kind (wages, overtime, temps, shortfall, ...), as the solver
    valued its roster; the checker recomputes the same figures from the tables."""
    objective_units: int | None = None


@dataclass(frozen=True)
class Plan:
    assignments: tuple[Assignment, ...]
    temp_bookings: tuple[TempBooking, ...] = ()
    stats: SolveStats = field(default_factory=lambda: SolveStats(status="UNKNOWN"))
    training: tuple[Training, ...] = ()
