"""Where shifts sit in time: which shift instances exist and which demand rows they cover.

Pure functions shared by the engine and the checker, so both read the calendar the same way.
A shift instance is a shift template started on one day of the horizon.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

from planner.domain import AvailabilityEntry, Demand, Employee, Scenario, Shift


def sites_match(a: str | None, b: str | None) -> bool:
    """Two site labels are compatible when either is blank or they are equal."""
    return a is None or b is None or a == b


def shift_instances(scenario: Scenario) -> Iterator[tuple[int, Shift]]:
    """Every (day, shift) pair of the horizon on which the shift runs."""
    for day in scenario.days:
        for shift in scenario.shifts:
            if scenario.shift_runs_on(shift, day):
                yield day, shift


def can_work(employee: Employee, shift: Shift, skill: str) -> bool:
    """The shift allows the skill and sits at the employee's site."""
    return shift.allows_skill(skill) and sites_match(employee.site, shift.site)


def covering_instances(scenario: Scenario, demand: Demand) -> list[tuple[int, str]]:
    """The (day, shift_id) instances whose people count toward one demand row.

    A shift-slot row is covered only by its own shift on its own day; an interval row by
    every shift instance whose span contains the whole interval (a night shift started the
    evening before covers the small hours) at a compatible site.
    """
    if demand.shift_id is not None:
        shift = scenario.shift(demand.shift_id)
        return [(demand.day, shift.shift_id)] if scenario.shift_runs_on(shift, demand.day) else []
    found: list[tuple[int, str]] = []
    for day in (demand.day - 1, demand.day):
        if day < 0 or day >= scenario.settings.days:
            continue
        for shift in scenario.shifts:
            if not scenario.shift_runs_on(shift, day) or not shift.allows_skill(demand.skill):
                continue
            start, end = shift.span(day)
            if start <= demand.start and demand.end <= end and sites_match(shift.site, demand.site):
                found.append((day, shift.shift_id))
    return found


def rest_minutes(first: tuple[int, Shift], second: tuple[int, Shift]) -> int:
    """Minutes between the end of one shift instance and the start of a later one.

    Negative when they overlap.
    """
    _, first_end = first[1].span(first[0])
    second_start, _ = second[1].span(second[0])
    return second_start - first_end


def clock(minutes: int) -> str:
    """`HH:MM` of a horizon minute (the time of day)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def describe_day(scenario: Scenario, day: int) -> str:
    """`Mon 2026-03-02`: how a manager reads a day."""
    date = scenario.settings.date_of(day)
    return f"{date:%a} {date.isoformat()}"


def entry_days(entry: AvailabilityEntry) -> tuple[int, ...]:
    """Start days of the shifts an availability entry can touch: a time window also
    catches a night shift started the evening before."""
    if entry.shift_id is None and entry.start is not None and entry.end is not None:
        return (entry.day - 1, entry.day)
    return (entry.day,)


def entry_covers(entry: AvailabilityEntry, day: int, shift: Shift) -> bool:
    """Does an availability entry apply to the shift instance started on `day`.

    An entry names a shift (that shift on that day), or a time window (any shift that
    overlaps it), or else the whole day (every shift that starts on it).
    """
    if entry.shift_id is None and entry.start is not None and entry.end is not None:
        start, end = shift.span(day)
        return start < entry.end and entry.start < end
    if day != entry.day:
        return False
    return entry.shift_id is None or shift.shift_id == entry.shift_id


@functools.cache
def shift_gaps(shifts: tuple[Shift, ...]) -> Mapping[tuple[str, str, int], int]:
    """Rest minutes from the end of shift a (started on some day) to the start of shift b
    started `offset` days later, for offsets 0, 1 and 2; negative when they overlap.

    Spans move by whole days, so this table serves every day of the horizon.
    """
    return {
        (a.shift_id, b.shift_id, offset): rest_minutes((0, a), (offset, b))
        for a in shifts
        for b in shifts
        for offset in (0, 1, 2)
    }
