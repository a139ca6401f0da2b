"""The Curtois & Qu shift scheduling instances 1-24, read into the planner's own `Scenario`.

The instance files, their format and scoring rules (`FORMAT.md`) and the best-known values
(`best_known.csv`) sit in `benchmarks/curtois/` at the top of the repository. An instance is
mapped onto the product's domain, so the product's engine and rules solve it:

- each shift type is a `Shift` of the given length (all start at 06:00, so no two overlap and
  no rest rule is needed: the benchmark's successions are `forbidden_successions`);
- day 0 is a Monday (`START_DATE`), so the planner's weekends are the benchmark's days
  (5, 6), (12, 13), ...;
- one skill for everybody, wages 0, no temps;
- each staff line becomes a `Contract`: `max_shifts` per type, `min_hours_total` /
  `max_hours_total` (the total minutes / 60), `max_consecutive_days`,
  `min_consecutive_days`, `min_days_off_in_row`, `max_weekends`;
- days off are `unavailable` entries; shift-on requests are `preferred` entries and
  shift-off requests `avoid` entries, both for one shift and with the request's weight;
- each cover row is shift-slot demand, with its per-head weights turned into prices per
  hour (weight / shift hours), so one missing head costs exactly the benchmark weight.

Every planner rule without a benchmark counterpart is switched off, the others are set hard
(or soft, for cover and requests) explicitly, and all prices are chosen so that one benchmark
penalty point is exactly one currency unit (`costs.UNITS_PER_MONEY` objective units).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.domain import (
    Assignment,
    AvailabilityEntry,
    Contract,
    Demand,
    Employee,
    Plan,
    RuleSetting,
    Scenario,
    Settings,
    Shift,
    SolverSettings,
    frozen_map,
)
from planner.rules import RULE_NAMES

DATA_ENV = "PLANNER_CURTOIS_DIR"
"""Environment variable naming another folder with `instances/`, `best_known.csv`."""
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "curtois"
INSTANCE_NUMBERS: tuple[int, ...] = tuple(range(1, 25))

START_DATE = dt.date(2014, 1, 6)
"""A Monday (the start date of the XML versions of the instances)."""
SHIFT_START_MINUTE = 6 * 60
SKILL = "nurse"

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)

RULES: Mapping[str, RuleSetting] = {
    "cover_demand": RuleSetting(hard=False, weight=1.0),
    "only_qualified_skills": RuleSetting(hard=True),
    "respect_availability": RuleSetting(hard=True),
    "honour_preferences": RuleSetting(hard=False, weight=1.0),
    "one_shift_per_day": RuleSetting(hard=True),
    "no_forbidden_successions": RuleSetting(hard=True),
    "total_hours_within_contract": RuleSetting(hard=True),
    "max_consecutive_days": RuleSetting(hard=True),
    "min_consecutive_days": RuleSetting(hard=True),
    "min_consecutive_days_off": RuleSetting(hard=True),
    "max_weekends": RuleSetting(hard=True),
    "max_shifts_per_type": RuleSetting(hard=True),
}
"""The planner rules that express the benchmark, each set explicitly; every other rule of
`DEFAULT_RULES` (weekly hours, days per week, rest, overtime, wages, temps, ...) is off."""


class InstanceFormatError(ValueError):
    """An instance file that does not follow `FORMAT.md`."""


@dataclass(frozen=True)
class ShiftType:
    shift_id: str
    minutes: int
    forbidden_after: tuple[str, ...]
    """Shift ids that may not be worked on the day after this one."""


@dataclass(frozen=True)
class Staff:
    staff_id: str
    max_shifts: Mapping[str, int]
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class Request:
    staff_id: str
    day: int
    shift_id: str
    weight: int


@dataclass(frozen=True)
class Cover:
    day: int
    shift_id: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True)
class Instance:
    name: str
    horizon: int
    shifts: tuple[ShiftType, ...]
    staff: tuple[Staff, ...]
    days_off: Mapping[str, tuple[int, ...]]
    on_requests: tuple[Request, ...]
    off_requests: tuple[Request, ...]
    cover: tuple[Cover, ...]

    @property
    def shift_ids(self) -> tuple[str, ...]:
        return tuple(s.shift_id for s in self.shifts)

    @property
    def staff_ids(self) -> tuple[str, ...]:
        return tuple(s.staff_id for s in self.staff)

    def shift(self, shift_id: str) -> ShiftType:
        for shift in self.shifts:
            if shift.shift_id == shift_id:
                return shift
        raise KeyError(shift_id)


Grid = tuple[tuple[str | None, ...], ...]
"""A roster: one row per staff member (file order), one cell per day, a shift id or None."""


# --------------------------------------------------------------------------- locating files


def data_dir(folder: Path | str | None = None) -> Path:
    """The benchmark folder: `folder`, else `$PLANNER_CURTOIS_DIR`, else the repository's."""
    if folder is not None:
        return Path(folder)
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else DEFAULT_DIR


def instance_path(number: int, folder: Path | str | None = None) -> Path:
    return data_dir(folder) / "instances" / f"Instance{number}.txt"


def best_known(folder: Path | str | None = None) -> dict[int, tuple[int, int]]:
    """Instance number -> (best known upper value, best lower bound)."""
    found: dict[int, tuple[int, int]] = {}
    lines = (data_dir(folder) / "best_known.csv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        name, upper, lower, *_ = line.split(",")
        found[int(name.removeprefix("Instance"))] = (int(upper), int(lower))
    return found


def parse_numbers(text: str) -> list[int]:
    """`1-10,12,14-16` -> [1, ..., 10, 12, 14, 15, 16]."""
    numbers: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if match is None:
            raise ValueError(f"'{part}' is not an instance number or range like 1-12")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first > last:
            raise ValueError(f"'{part}': the range runs backwards")
        numbers.extend(n for n in range(first, last + 1) if n not in numbers)
    return numbers


# --------------------------------------------------------------------------- reading


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line in SECTIONS:
            current = line
            sections.setdefault(current, [])
            continue
        if current is None:
            raise InstanceFormatError(f"data before the first section: {line!r}")
        sections[current].append(line)
    missing = [name for name in SECTIONS if name not in sections]
    if missing:
        raise InstanceFormatError(f"missing sections: {', '.join(missing)}")
    return sections


def _ints(fields: Sequence[str], where: str) -> list[int]:
    try:
        return [int(value) for value in fields]
    except ValueError:
        raise InstanceFormatError(f"expected whole numbers in {where!r}") from None


def _request(line: str) -> Request:
    fields = line.split(",")
    if len(fields) != 4:
        raise InstanceFormatError(f"a request has 4 fields: {line!r}")
    day, weight = _ints([fields[1], fields[3]], line)
    return Request(fields[0], day, fields[2], weight)


def parse_instance(text: str, name: str = "Instance") -> Instance:
    """An instance from the text of its file (CRLF or LF)."""
    sections = _sections(text)
    horizon_lines = sections["SECTION_HORIZON"]
    if len(horizon_lines) != 1:
        raise InstanceFormatError("SECTION_HORIZON holds one number")
    (horizon,) = _ints(horizon_lines, horizon_lines[0])

    shifts = []
    for line in sections["SECTION_SHIFTS"]:
        fields = line.split(",")
        if len(fields) == 2:
            fields.append("")
        if len(fields) != 3:
            raise InstanceFormatError(f"a shift line has 3 fields: {line!r}")
        (minutes,) = _ints([fields[1]], line)
        forbidden = tuple(s for s in fields[2].split("|") if s)
        shifts.append(ShiftType(fields[0], minutes, forbidden))
    shift_ids = {s.shift_id for s in shifts}
    for shift in shifts:
        unknown = set(shift.forbidden_after) - shift_ids
        if unknown:
            raise InstanceFormatError(f"shift {shift.shift_id} forbids unknown shifts {sorted(unknown)}")

    staff = []
    for line in sections["SECTION_STAFF"]:
        fields = line.split(",")
        if len(fields) != 8:
            raise InstanceFormatError(f"a staff line has 8 fields: {line!r}")
        limits: dict[str, int] = {}
        for item in fields[1].split("|"):
            shift_id, _, value = item.partition("=")
            if shift_id not in shift_ids:
                raise InstanceFormatError(f"MaxShifts names unknown shift {shift_id!r}: {line!r}")
            limits[shift_id] = _ints([value], line)[0]
        numbers = _ints(fields[2:], line)
        staff.append(Staff(fields[0], frozen_map(limits), *numbers))
    staff_ids = {s.staff_id for s in staff}

    days_off: dict[str, tuple[int, ...]] = {}
    for line in sections["SECTION_DAYS_OFF"]:
        fields = line.split(",")
        days_off[fields[0]] = tuple(_ints([f for f in fields[1:] if f], line))

    on_requests = tuple(_request(line) for line in sections["SECTION_SHIFT_ON_REQUESTS"])
    off_requests = tuple(_request(line) for line in sections["SECTION_SHIFT_OFF_REQUESTS"])
    cover = []
    for line in sections["SECTION_COVER"]:
        fields = line.split(",")
        if len(fields) != 5:
            raise InstanceFormatError(f"a cover line has 5 fields: {line!r}")
        day, requirement, under, over = _ints([fields[0], *fields[2:]], line)
        cover.append(Cover(day, fields[1], requirement, under, over))

    for who in [*days_off, *(r.staff_id for r in on_requests + off_requests)]:
        if who not in staff_ids:
            raise InstanceFormatError(f"unknown staff id {who!r}")
    for row in [*on_requests, *off_requests, *cover]:
        if row.shift_id not in shift_ids:
            raise InstanceFormatError(f"unknown shift id {row.shift_id!r}")
        if not 0 <= row.day < horizon:
            raise InstanceFormatError(f"day {row.day} outside the horizon of {horizon} days")
    return Instance(
        name=name,
        horizon=horizon,
        shifts=tuple(shifts),
        staff=tuple(staff),
        days_off=frozen_map(days_off),
        on_requests=on_requests,
        off_requests=off_requests,
        cover=tuple(cover),
    )


def read_instance(path: Path | str) -> Instance:
    path = Path(path)
    return parse_instance(path.read_text(encoding="ascii"), path.stem)


def load_instance(number: int, folder: Path | str | None = None) -> Instance:
    return read_instance(instance_path(number, folder))


# --------------------------------------------------------------------------- to the planner


def _shift(shift: ShiftType) -> Shift:
    end = (SHIFT_START_MINUTE + shift.minutes) % 1440
    if not 0 < shift.minutes <= 1440:
        raise InstanceFormatError(f"shift {shift.shift_id} lasts {shift.minutes} minutes")
    return Shift(shift_id=shift.shift_id, start_minute=SHIFT_START_MINUTE, end_minute=end)


def _contract(staff: Staff) -> Contract:
    return Contract(
        max_consecutive_days=staff.max_consecutive_shifts,
        min_consecutive_days=staff.min_consecutive_shifts,
        min_days_off_in_row=staff.min_consecutive_days_off,
        max_weekends=staff.max_weekends,
        min_hours_total=staff.min_total_minutes / 60,
        max_hours_total=staff.max_total_minutes / 60,
        max_shifts=frozen_map(staff.max_shifts),
    )


def to_scenario(instance: Instance, solver: SolverSettings | None = None) -> Scenario:
    """The planner scenario of an instance; see the module docstring for the mapping."""
    shifts = tuple(_shift(s) for s in instance.shifts)
    by_id = {s.shift_id: s for s in shifts}
    rules = {name: RULES.get(name, RuleSetting(enabled=False)) for name in RULE_NAMES}
    missing = set(RULES) - set(RULE_NAMES)
    if missing:
        raise RuntimeError(f"the planner has no rule named {sorted(missing)}")
    settings = Settings(
        start_date=START_DATE,
        days=instance.horizon,
        currency="points",
        name=f"Curtois-Qu {instance.name}",
        contract=Contract(),
        forbidden_successions=tuple(
            (s.shift_id, after) for s in instance.shifts for after in s.forbidden_after
        ),
        rules=frozen_map(rules),
        temps_enabled=False,
        solver=solver or SolverSettings(),
    )
    employees = tuple(
        Employee(
            employee_id=s.staff_id,
            name=s.staff_id,
            skills=frozen_map({SKILL: 1}),
            hourly_cost=0.0,
            contract=_contract(s),
        )
        for s in instance.staff
    )
    demand = []
    for row in instance.cover:
        shift = by_id[row.shift_id]
        hours = shift.length_minutes / 60
        start, end = shift.span(row.day)
        demand.append(Demand(
            demand_id=f"cover[{row.day},{row.shift_id}]",
            day=row.day,
            skill=SKILL,
            required=row.requirement,
            start=start,
            end=end,
            under_weight=row.weight_under / hours,
            over_weight=row.weight_over / hours,
            shift_id=row.shift_id,
        ))
    availability: list[AvailabilityEntry] = []
    for staff_id, days in instance.days_off.items():
        availability += [AvailabilityEntry(staff_id, day, "unavailable") for day in days]
    for kind, requests in (("preferred", instance.on_requests), ("avoid", instance.off_requests)):
        availability += [
            AvailabilityEntry(r.staff_id, r.day, kind, shift_id=r.shift_id,  # type: ignore[arg-type]
                              weight=float(r.weight))
            for r in requests
        ]
    availability = [
        AvailabilityEntry(a.employee_id, a.day, a.kind, a.shift_id, weight=a.weight, row=i + 1)
        for i, a in enumerate(availability)
    ]
    return Scenario(
        settings=settings,
        employees=employees,
        shifts=shifts,
        demand=tuple(demand),
        availability=tuple(availability),
    )


# --------------------------------------------------------------------------- rosters


def grid_of_plan(instance: Instance, plan: Plan) -> Grid:
    """The benchmark roster of a plan. Two shifts on one day of one person cannot be
    written in the grid: that raises (the planner's rules never allow it)."""
    index = {staff_id: i for i, staff_id in enumerate(instance.staff_ids)}
    rows: list[list[str | None]] = [[None] * instance.horizon for _ in instance.staff]
    for a in plan.assignments:
        row = rows[index[a.employee_id]]
        if row[a.day] is not None:
            raise ValueError(f"{a.employee_id} has two shifts on day {a.day}")
        row[a.day] = a.shift_id
    return tuple(tuple(row) for row in rows)


def plan_of_grid(instance: Instance, grid: Grid) -> Plan:
    return Plan(assignments=tuple(
        Assignment(staff_id, day, shift_id, SKILL)
        for staff_id, row in zip(instance.staff_ids, grid, strict=True)
        for day, shift_id in enumerate(row)
        if shift_id is not None
    ))


def format_grid(grid: Grid) -> str:
    """The plain grid format: one line per staff member in file order, tab-separated cells,
    a shift id or empty for a day off."""
    return "".join("\t".join(cell or "" for cell in row) + "\n" for row in grid)


def parse_grid(text: str, instance: Instance) -> Grid:
    """A roster in the plain grid format (a `-` cell is read as a day off too)."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) != len(instance.staff):
        raise ValueError(f"expected {len(instance.staff)} rows, found {len(lines)}")
    grid = []
    for number, line in enumerate(lines, 1):
        cells = line.split("\t")
        if len(cells) != instance.horizon:
            raise ValueError(f"row {number} has {len(cells)} cells, expected {instance.horizon}")
        grid.append(tuple(None if c.strip() in ("", "-") else c.strip() for c in cells))
    return tuple(grid)


def pretty_grid(instance: Instance, grid: Grid) -> str:
    """A readable grid: a header of days, one row per person, `-` for a day off."""
    width = max(2, *(len(s) for s in instance.shift_ids), *(len(s) for s in instance.staff_ids))
    lines = ["day".ljust(width) + " " + " ".join(str(d).rjust(width) for d in range(instance.horizon))]
    for staff_id, row in zip(instance.staff_ids, grid, strict=True):
        lines.append(staff_id.ljust(width) + " " + " ".join((c or "-").rjust(width) for c in row))
    return "\n".join(lines) + "\n"


def roster_xml(instance: Instance, grid: Grid, penalty: int | None = None,
               cpu_seconds: float | None = None) -> str:
    """The Roster XML solution layout (`FORMAT.md` section 8) of a grid."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Roster xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="Roster.xsd">',
        f"  <SchedulingPeriodFile>{instance.name}.ros</SchedulingPeriodFile>",
    ]
    if penalty is not None:
        lines.append(f"  <Penalty>{penalty}</Penalty>")
    lines.append("  <System>staffing planner (OR-Tools CP-SAT)</System>")
    if cpu_seconds is not None:
        lines.append(f"  <CpuTime>{cpu_seconds:.1f}</CpuTime>")
    for staff_id, row in zip(instance.staff_ids, grid, strict=True):
        lines.append(f'  <Employee ID="{staff_id}">')
        for day, shift_id in enumerate(row):
            if shift_id is not None:
                lines.append(f"    <Assign><Day>{day}</Day><Shift>{shift_id}</Shift></Assign>")
        lines.append("  </Employee>")
    lines.append("</Roster>")
    return "\n".join(lines) + "\n"


def grid_from_rows(instance: Instance, rows: Iterable[str]) -> Grid:
    """A grid from readable rows like `- D D -` (whitespace-separated, `-` off), in staff
    order; handy for tests and the worked example of `FORMAT.md`."""
    grid = []
    for row in rows:
        cells = row.split()
        if len(cells) != instance.horizon:
            raise ValueError(f"row {row!r} has {len(cells)} cells, expected {instance.horizon}")
        grid.append(tuple(None if c == "-" else c for c in cells))
    if len(grid) != len(instance.staff):
        raise ValueError(f"expected {len(instance.staff)} rows, found {len(grid)}")
    return tuple(grid)
