"""Short builders for domain objects, so a test states only what matters to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from planner.domain import (
    Assignment,
    AvailabilityEntry,
    Contract,
    Course,
    Demand,
    Employee,
    Plan,
    RuleSetting,
    Scenario,
    Settings,
    Shift,
    SolverSettings,
    TempBooking,
    TempOffer,
    frozen_map,
)

MONDAY = dt.date(2026, 3, 2)


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def employee(
    employee_id: str,
    skills: Iterable[str] = ("desk",),
    hourly_cost: float = 20.0,
    site: str | None = None,
    trainable: Iterable[str] = (),
    **contract: object,
) -> Employee:
    max_shifts = contract.pop("max_shifts", {})
    return Employee(
        employee_id=employee_id,
        name=f"Name {employee_id}",
        skills={k: 1 for k in skills},
        hourly_cost=hourly_cost,
        contract=Contract(max_shifts=frozen_map(max_shifts), **contract),  # type: ignore[arg-type]
        site=site,
        trainable=tuple(trainable),
    )


def course(
    course_id: str = "C1",
    skill: str = "billing",
    days: int = 2,
    cost: float = 100.0,
    hours_per_day: float = 8.0,
    **options: object,
) -> Course:
    """A course; `options` are the optional columns (max_trainees, prerequisite, sessions...)."""
    return Course(course_id=course_id, skill=skill, days=days, cost=cost,
                  hours_per_day=hours_per_day, **options)  # type: ignore[arg-type]


def shift(
    shift_id: str,
    start: str = "08:00",
    end: str = "16:00",
    break_minutes: int = 0,
    weekdays: Iterable[int] = range(7),
    skills: Iterable[str] | None = None,
    premium: float = 1.0,
    site: str | None = None,
) -> Shift:
    return Shift(
        shift_id=shift_id,
        start_minute=minutes(start),
        end_minute=minutes(end),
        break_minutes=break_minutes,
        weekdays=frozenset(weekdays),
        skills=None if skills is None else frozenset(skills),
        premium=premium,
        site=site,
    )


def slot(
    day: int,
    shift_: Shift,
    required: int = 1,
    skill: str = "desk",
    under_weight: float = 100.0,
    over_weight: float = 5.0,
) -> Demand:
    start, end = shift_.span(day)
    return Demand(
        demand_id=f"D{day}-{shift_.shift_id}-{skill}",
        day=day,
        skill=skill,
        required=required,
        start=start,
        end=end,
        under_weight=under_weight,
        over_weight=over_weight,
        shift_id=shift_.shift_id,
    )


def interval(
    day: int,
    start: str,
    end: str,
    required: int = 1,
    skill: str = "desk",
    under_weight: float = 100.0,
    over_weight: float = 5.0,
) -> Demand:
    begin = day * 1440 + minutes(start)
    finish = day * 1440 + minutes(end)
    if finish <= begin:
        finish += 1440
    return Demand(f"D{day}-{start}-{skill}", day, skill, required, begin, finish,
                  under_weight, over_weight)


def unavailable(employee_id: str, day: int, kind: str = "unavailable", **kw: object) -> AvailabilityEntry:
    return AvailabilityEntry(employee_id=employee_id, day=day, kind=kind, **kw)  # type: ignore[arg-type]


def offer(skill: str = "desk", hourly_cost: float = 40.0, **kw: object) -> TempOffer:
    return TempOffer(offer_id=f"agency/{skill}", skill=skill, hourly_cost=hourly_cost, **kw)  # type: ignore[arg-type]


def scenario(
    employees: Iterable[Employee],
    shifts: Iterable[Shift],
    demand: Iterable[Demand] = (),
    *,
    days: int = 7,
    availability: Iterable[AvailabilityEntry] = (),
    temp_offers: Iterable[TempOffer] = (),
    rules: dict[str, RuleSetting] | None = None,
    contract: Contract | None = None,
    forbidden_successions: Iterable[tuple[str, str]] = (),
    start_date: dt.date = MONDAY,
    temps_enabled: bool = True,
    courses: Iterable[Course] = (),
) -> Scenario:
    settings = Settings(
        start_date=start_date,
        days=days,
        contract=contract or Contract(),
        rules=frozen_map(rules or {}),
        forbidden_successions=tuple(forbidden_successions),
        temps_enabled=temps_enabled,
        solver=SolverSettings(time_limit_seconds=20, workers=8, seed=1),
    )
    return Scenario(
        settings=settings,
        employees=tuple(employees),
        shifts=tuple(shifts),
        demand=tuple(demand),
        availability=tuple(availability),
        temp_offers=tuple(temp_offers),
        courses=tuple(courses),
    )


def roster(*rows: tuple[str, int, str] | tuple[str, int, str, str]) -> Plan:
    """A hand-made plan from (employee, day, shift[, skill]) rows."""
    return Plan(
        assignments=tuple(
            Assignment(row[0], row[1], row[2], row[3] if len(row) > 3 else "desk")  # type: ignore[misc]
            for row in rows
        )
    )


def soft(weight: float = 10.0) -> RuleSetting:
    return RuleSetting(hard=False, weight=weight)


def off() -> RuleSetting:
    return RuleSetting(enabled=False)


def leave(employee_id: str, *days: int) -> tuple[AvailabilityEntry, ...]:
    """Whole days of leave."""
    return tuple(unavailable(employee_id, day, kind="leave") for day in days)


def prefer(employee_id: str, day: int, weight: float = 1.0, **kw: object) -> AvailabilityEntry:
    """A wish to work that day (or that shift, with `shift_id=`)."""
    return unavailable(employee_id, day, kind="preferred", weight=weight, **kw)


def avoid(employee_id: str, day: int, weight: float = 1.0, **kw: object) -> AvailabilityEntry:
    """A wish not to work that day (or that shift, with `shift_id=`)."""
    return unavailable(employee_id, day, kind="avoid", weight=weight, **kw)


def booking(day: int, shift_id: str, count: int = 1, skill: str = "desk",
            offer_id: str | None = None) -> TempBooking:
    """Temps booked from the offer `offer(skill)` builds, unless `offer_id` names another."""
    return TempBooking(offer_id or f"agency/{skill}", day, shift_id, skill, count)


def with_temps(plan: Plan, *bookings: TempBooking) -> Plan:
    """The same roster plus temp bookings."""
    return Plan(plan.assignments, plan.temp_bookings + bookings, plan.stats)


def hard() -> RuleSetting:
    return RuleSetting(hard=True)
