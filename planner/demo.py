"""Seeded generator of realistic sample scenarios, by named size.

`generate(size, seed)` returns a `DemoScenario`: the CSV tables as DataFrames of strings
(exactly the cells written to disk), the `scenario.toml` settings as a nested dict, and a
short README of what the scenario represents. `write_demo(size, out, seed)` writes the
folder. The same size and seed always give the same bytes.

- `small`: a contact centre, one week from a Monday, 30-minute intervals 07:00-22:00, three
  skills (phone, chat, email), 40 agents on mixed contracts, ten overlapping shift
  templates, a phone temp agency with notice and a minimum booking.
- `medium`: a hospital ward, four weeks of shift-slot demand on early, late and night
  shifts, 30 staff (senior nurses, nurses, care assistants), night premium, no night to
  early succession, night and weekend caps, 11 h rest, leave blocks, a bank and an agency.
- `large`: a multi-skill service centre, 200 employees, 28 days, five skills, twelve shift
  templates and 30-minute interval demand 06:00-24:00: the engine's scale benchmark.
- `queue`: `small` (same staff for the same seed) with its demand as queue work: calls and
  chats per half hour with handle times, email as workload hours (`planner.demand.sample`).

Demand is sized from the staff's contract hours so it is mostly, not entirely, coverable:
peaks are short or bought from temps and overtime, troughs carry a little surplus.
Run `python -m planner.demo` to rewrite the committed samples under `data/`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

SIZES: tuple[str, ...] = ("small", "medium", "large", "queue")
FOLDERS: Mapping[str, str] = {
    "small": "contact-centre",
    "medium": "clinic",
    "large": "service-centre",
    "queue": "contact-centre-queue",
}
"""Folder name of each size's sample; `small`, `medium` and `queue` are committed under `data/`."""
COMMITTED: tuple[str, ...] = ("small", "medium", "queue")
_SAME_DRAW: Mapping[str, str] = {"queue": "small"}
"""Sizes built on another size's random draw (the same staff for the same seed)."""
START_DATE = dt.date(2026, 3, 2)
"""A Monday: every sample starts its week on one."""

TABLE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "demand.csv": ("date", "start", "shift_id", "skill", "required"),
    "staff.csv": (
        "employee_id", "name", "skills", "hourly_cost", "min_hours_week", "max_hours_week",
        "overtime_after_hours_week", "max_days_week", "max_shifts", "max_weekends",
    ),
    "shifts.csv": ("shift_id", "start", "end", "break_minutes", "days", "skills", "premium"),
    "availability.csv": ("employee_id", "date", "kind", "start", "end", "shift_id", "weight"),
    "temp_pool.csv": (
        "skill", "hourly_cost", "provider", "max_per_day", "min_hours", "notice_days", "shifts",
    ),
}
"""Columns each sample may use, in file order; a column no row fills is left out."""

FIRST_NAMES: tuple[str, ...] = (
    "Aisha", "Alba", "Aleksander", "Amara", "Anders", "Ana", "Arjun", "Astrid", "Ben",
    "Bianca", "Carlos", "Chiara", "Chloe", "Dmitri", "Elena", "Emeka", "Emma", "Fatima",
    "Femi", "Finn", "Hana", "Hugo", "Ines", "Isaac", "Jakub", "Jana", "Jonas", "Kai",
    "Karim", "Katarzyna", "Lars", "Leila", "Lena", "Luca", "Lucia", "Maja", "Malik", "Marta",
    "Mateo", "Mei", "Milan", "Mira", "Nadia", "Nia", "Noah", "Olga", "Omar", "Oskar",
    "Paula", "Priya", "Rafael", "Rosa", "Sami", "Sara", "Sofia", "Tariq", "Teresa", "Theo",
    "Tomasz", "Valentina", "Wei", "Yara", "Yusuf", "Zofia",
)
LAST_NAMES: tuple[str, ...] = (
    "Abara", "Andersen", "Bauer", "Becker", "Bianchi", "Costa", "Dalton", "Dubois", "Eriksen",
    "Fischer", "Garcia", "Haddad", "Hansen", "Ibrahim", "Jansen", "Kaur", "Kowalski",
    "Larsen", "Lopez", "Martin", "Meyer", "Moreau", "Murphy", "Nagy", "Novak", "Okafor",
    "Olsen", "Petrov", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Smith",
    "Sousa", "Tanaka", "Torres", "Varga", "Vogel", "Wagner", "Walsh", "Weber", "Wong",
    "Yilmaz", "Zhang",
)


@dataclass(frozen=True)
class DemoScenario:
    """One generated scenario: its tables, its settings and its README."""

    size: str
    folder: str
    """Suggested folder name (`contact-centre`, `clinic`, `service-centre`)."""
    seed: int
    tables: Mapping[str, pd.DataFrame]
    """File name -> table; every cell a string, empty when not set."""
    settings: Mapping[str, Any]
    """`scenario.toml` as a nested dict (tables are dicts)."""
    readme: str

    @property
    def toml(self) -> str:
        return render_toml(self.settings)

    def files(self) -> dict[str, bytes]:
        """File name -> the exact bytes `write_demo` writes."""
        out = {name: table_bytes(frame) for name, frame in self.tables.items()}
        out["scenario.toml"] = self.toml.encode("utf-8")
        out["README.md"] = self.readme.encode("utf-8")
        return out


# --------------------------------------------------------------------------- formatting


def num(value: float) -> str:
    """A number as a manager would type it: `40`, `37.5`, `18.25`."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def table_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _frame(file: str, rows: Sequence[Mapping[str, str]]) -> pd.DataFrame:
    """Rows -> a string table with the file's columns in order, unused columns dropped."""
    columns = [c for c in TABLE_COLUMNS[file] if any(row.get(c, "") != "" for row in rows)]
    extra = sorted({c for row in rows for c in row} - set(TABLE_COLUMNS[file]))
    if extra:
        raise ValueError(f"{file}: unknown columns {extra}")
    data = {c: [row.get(c, "") for row in rows] for c in columns}
    return pd.DataFrame(data, columns=columns, dtype=str)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return num(value) if not value.is_integer() else str(int(value))
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")


def render_toml(settings: Mapping[str, Any]) -> str:
    """A nested dict -> TOML text: scalars first, then each table as `[a.b]`."""
    lines: list[str] = []

    def walk(table: Mapping[str, Any], prefix: str) -> None:
        scalars = [(k, v) for k, v in table.items() if not isinstance(v, Mapping)]
        tables = [(k, v) for k, v in table.items() if isinstance(v, Mapping)]
        if prefix and (scalars or not tables):
            if lines:
                lines.append("")
            lines.append(f"[{prefix}]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in scalars)
        for key, sub in tables:
            walk(sub, f"{prefix}.{key}" if prefix else key)

    walk(settings, "")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- building blocks


@dataclass(frozen=True)
class ShiftTemplate:
    shift_id: str
    start: str
    end: str
    break_minutes: int = 0
    days: str = ""
    skills: str = ""
    premium: float = 1.0
    note: str = ""

    @property
    def start_minute(self) -> int:
        hours, minutes = self.start.split(":")
        return int(hours) * 60 + int(minutes)

    @property
    def end_minute(self) -> int:
        hours, minutes = self.end.split(":")
        end = int(hours) * 60 + int(minutes)
        return end if end > self.start_minute else end + 24 * 60

    @property
    def paid_hours(self) -> float:
        return (self.end_minute - self.start_minute - self.break_minutes) / 60

    def row(self) -> dict[str, str]:
        return {
            "shift_id": self.shift_id,
            "start": self.start,
            "end": self.end,
            "break_minutes": str(self.break_minutes),
            "days": self.days,
            "skills": self.skills,
            "premium": "" if self.premium == 1.0 else num(self.premium),
        }


@dataclass(frozen=True)
class ContractType:
    """A kind of contract and how many people hold it."""

    label: str
    count: int
    cost: tuple[float, float]
    """Hourly cost range."""
    min_hours: float | None
    max_hours: float
    max_days: int | None = None
    """`None`: the scenario default."""
    overtime_after: float | None = None
    max_weekends: int | None = None
    max_shifts: str = ""


@dataclass
class Person:
    employee_id: str
    name: str
    contract: ContractType
    skills: dict[str, int]
    hourly_cost: float
    tags: set[str] = field(default_factory=set)

    def row(self) -> dict[str, str]:
        c = self.contract
        return {
            "employee_id": self.employee_id,
            "name": self.name,
            "skills": ";".join(f"{k}:{v}" for k, v in self.skills.items()),
            "hourly_cost": num(self.hourly_cost),
            "min_hours_week": "" if c.min_hours is None else num(c.min_hours),
            "max_hours_week": num(c.max_hours),
            "overtime_after_hours_week": "" if c.overtime_after is None else num(c.overtime_after),
            "max_days_week": "" if c.max_days is None else str(c.max_days),
            "max_shifts": c.max_shifts,
            "max_weekends": "" if c.max_weekends is None else str(c.max_weekends),
        }


def _names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    return rng.sample(pairs, count)


def _people(
    rng: random.Random,
    contracts: Sequence[ContractType],
    skill_mixes: Sequence[tuple[Mapping[str, int], int]],
    prefix: str,
    width: int,
) -> list[Person]:
    """Staff with contracts in order and skill mixes dealt out at random.

    `skill_mixes` is (skills -> level, how many people); the counts add up to the staff.
    """
    total = sum(c.count for c in contracts)
    mixes = [dict(mix) for mix, count in skill_mixes for _ in range(count)]
    if len(mixes) != total:
        raise ValueError(f"skill mixes cover {len(mixes)} people, contracts {total}")
    rng.shuffle(mixes)
    names = _names(rng, total)
    people: list[Person] = []
    for contract in contracts:
        for _ in range(contract.count):
            index = len(people)
            low, high = contract.cost
            cost = round(rng.uniform(low, high) * 4) / 4
            people.append(Person(f"{prefix}{index + 1:0{width}d}", names[index], contract,
                                 mixes[index], cost))
    return people


def _gauss(hour: float, centre: float, width: float) -> float:
    return math.exp(-0.5 * ((hour - centre) / width) ** 2)


Profile = Callable[[float], float]
"""Relative demand at an hour of the day (the middle of an interval)."""


@dataclass(frozen=True)
class SkillDemand:
    skill: str
    share: float
    """Share of all demand staff-hours."""
    profile: Profile
    opens: int
    """Minutes after midnight."""
    closes: int
    weekday_factor: tuple[float, ...]
    """Monday .. Sunday."""
    floor: int = 1
    """Fewest heads while open."""


def _interval_demand(
    rng: random.Random,
    skills: Sequence[SkillDemand],
    days: int,
    interval: int,
    staff_hours: float,
) -> list[dict[str, str]]:
    """Interval demand for each skill, scaled so the whole horizon asks `staff_hours`."""
    rows: list[tuple[int, int, str, int]] = []
    for spec in skills:
        raw: list[tuple[int, int, float]] = []
        for day in range(days):
            factor = spec.weekday_factor[(START_DATE + dt.timedelta(days=day)).weekday()]
            if factor <= 0:
                continue
            noise_day = rng.gauss(1.0, 0.04)
            for start in range(spec.opens, spec.closes, interval):
                hour = (start + interval / 2) / 60
                value = spec.profile(hour) * factor * noise_day * rng.gauss(1.0, 0.06)
                raw.append((day, start, max(0.0, value)))
        total = sum(v for _, _, v in raw) * interval / 60
        scale = spec.share * staff_hours / total if total else 0.0
        rows.extend(
            (day, start, spec.skill, max(spec.floor, round(value * scale)))
            for day, start, value in raw
        )
    rows.sort(key=lambda r: (r[0], r[1], [s.skill for s in skills].index(r[2])))
    return [
        {
            "date": (START_DATE + dt.timedelta(days=day)).isoformat(),
            "start": hhmm(start),
            "skill": skill,
            "required": str(required),
        }
        for day, start, skill, required in rows
    ]


def _date(day: int) -> str:
    return (START_DATE + dt.timedelta(days=day)).isoformat()


def _weekday(day: int) -> int:
    return (START_DATE + dt.timedelta(days=day)).weekday()


def _shifts_table(shifts: Sequence[ShiftTemplate]) -> pd.DataFrame:
    return _frame("shifts.csv", [s.row() for s in shifts])


def _shift_lines(shifts: Sequence[ShiftTemplate]) -> list[str]:
    lines = ["| shift | time | paid h | days | skills | note |", "|---|---|---|---|---|---|"]
    for s in shifts:
        lines.append(
            f"| `{s.shift_id}` | {s.start}-{s.end} | {num(s.paid_hours)} | {s.days or 'every day'} "
            f"| {s.skills.replace(';', ', ') or 'any'} | {s.note} |"
        )
    return lines


def _contract_lines(people: Sequence[Person], default_days: int) -> list[str]:
    lines = ["| contract | people | hours/week | days/week | cost/h |", "|---|---|---|---|---|"]
    seen: dict[str, list[Person]] = {}
    for person in people:
        seen.setdefault(person.contract.label, []).append(person)
    for label, group in seen.items():
        c = group[0].contract
        low = "0" if c.min_hours is None else num(c.min_hours)
        costs = [p.hourly_cost for p in group]
        lines.append(
            f"| {label} | {len(group)} | {low}-{num(c.max_hours)} | "
            f"{c.max_days if c.max_days is not None else default_days} | "
            f"{num(min(costs))}-{num(max(costs))} |"
        )
    return lines


def _skill_lines(people: Sequence[Person]) -> list[str]:
    counts: dict[str, int] = {}
    for person in people:
        key = " + ".join(person.skills)
        counts[key] = counts.get(key, 0) + 1
    return [f"- {key}: {count}" for key, count in sorted(counts.items(), key=lambda kv: -kv[1])]


def _demand_summary(demand: Sequence[Mapping[str, str]], interval: int | None,
                    slot_hours: Mapping[str, float] | None = None) -> list[str]:
    hours: dict[str, float] = {}
    peak: dict[str, int] = {}
    for row in demand:
        heads = int(row["required"])
        length = interval / 60 if interval else (slot_hours or {})[row["shift_id"]]
        hours[row["skill"]] = hours.get(row["skill"], 0.0) + heads * length
        peak[row["skill"]] = max(peak.get(row["skill"], 0), heads)
    lines = ["| skill | staff-hours asked | peak heads |", "|---|---|---|"]
    lines += [f"| {k} | {num(hours[k])} | {peak[k]} |" for k in hours]
    return lines


SOLVER = {"time_limit_seconds": 30, "workers": 8, "seed": 0, "relative_gap": 0.0}


# --------------------------------------------------------------------------- small


def _voice(hour: float) -> float:
    """Calls: a morning peak, a smaller afternoon one and an after-work evening bump."""
    return (0.22 + 1.0 * _gauss(hour, 10.3, 1.4) + 0.7 * _gauss(hour, 14.5, 1.5)
            + 0.55 * _gauss(hour, 18.8, 1.1))


def _chat(hour: float) -> float:
    """Chat: a lunchtime rise and a strong evening peak."""
    return 0.3 + 0.55 * _gauss(hour, 12.5, 1.6) + 0.9 * _gauss(hour, 20.0, 1.3)


def _back_office(hour: float) -> float:
    """Email and back office: flat through office hours."""
    return 1.0 if 8 <= hour < 18 else 0.0


CC_SHIFTS: tuple[ShiftTemplate, ...] = (
    ShiftTemplate("E1", "07:00", "15:30", 30, note="early"),
    ShiftTemplate("E2", "08:00", "16:30", 30, note="early"),
    ShiftTemplate("M1", "10:00", "18:30", 30, note="mid"),
    ShiftTemplate("L1", "12:00", "20:30", 30, note="late"),
    ShiftTemplate("L2", "13:30", "22:00", 30, note="late, closes"),
    ShiftTemplate("P1", "09:00", "13:00", note="part-time morning peak"),
    ShiftTemplate("P2", "13:00", "17:00", note="part-time afternoon"),
    ShiftTemplate("P3", "18:00", "22:00", skills="phone;chat", note="part-time evening"),
    ShiftTemplate("T1", "19:00", "22:00", days="Mon-Fri", skills="phone;chat",
                  note="3-h twilight"),
    ShiftTemplate("W1", "10:00", "16:30", 30, days="Sat;Sun", skills="phone;chat",
                  note="weekend day"),
)

CC_WEEK = (1.3, 1.08, 1.0, 0.98, 0.95, 0.6, 0.45)


def _contact_centre(rng: random.Random) -> DemoScenario:
    days, interval = 7, 30
    contracts = (
        ContractType("full-time 40 h", 10, (19.0, 23.0), 40, 40),
        ContractType("full-time 40 h, overtime", 6, (19.0, 23.0), 40, 48, max_days=6),
        ContractType("full-time 37.5 h", 6, (19.0, 23.0), 37.5, 40),
        ContractType("part-time 24-30 h", 6, (17.5, 20.5), 24, 30),
        ContractType("part-time 20-24 h", 6, (17.5, 20.5), 20, 24),
        ContractType("student", 6, (14.5, 16.0), None, 16, max_days=4),
    )
    skill_mixes = (
        ({"phone": 2}, 12), ({"phone": 3}, 4), ({"phone": 2, "chat": 1}, 4),
        ({"phone": 3, "email": 2}, 6), ({"email": 3}, 3), ({"chat": 3, "email": 2}, 2),
        ({"phone": 3, "chat": 2, "email": 1}, 3),
    )
    people = _people(rng, contracts[:-1], skill_mixes, "A", 3)
    students = _people(rng, contracts[-1:], (({"phone": 1, "chat": 2}, 6),), "S", 2)
    # Student ids continue after the agents so the table reads as one list.
    names_used = {p.name for p in people}
    for index, student in enumerate(students):
        student.employee_id = f"A{len(people) + index + 1:03d}"
        while student.name in names_used:
            student.name = _names(rng, 1)[0]
        names_used.add(student.name)
        student.tags.add("student")
    staff = people + students

    base_hours = sum(
        days / 7 * ((p.contract.min_hours or 8) + p.contract.max_hours) / 2 for p in staff
    )
    skills = (
        SkillDemand("phone", 0.64, _voice, 7 * 60, 22 * 60, CC_WEEK, floor=2),
        SkillDemand("chat", 0.19, _chat, 7 * 60, 22 * 60, (1.15, 1.05, 1.0, 1.0, 1.0, 0.8, 0.7)),
        SkillDemand("email", 0.17, _back_office, 8 * 60, 18 * 60,
                    (1.25, 1.1, 1.0, 1.0, 0.95, 0.0, 0.0)),
    )
    demand = _interval_demand(rng, skills, days, interval, 0.93 * base_hours)

    availability: list[dict[str, str]] = []
    for student in students:
        for day in range(days):
            if _weekday(day) < 5:
                availability.append({"employee_id": student.employee_id, "date": _date(day),
                                     "kind": "unavailable", "start": "07:00", "end": "17:30"})
    full_time = [p for p in people if p.contract.min_hours and p.contract.min_hours >= 37.5]
    part_time = [p for p in people if p not in full_time]
    on_leave = rng.sample(full_time, 2) + rng.sample(part_time, 1)
    for person, (first, length) in zip(on_leave, [(4, 1), (0, 2), (2, 1)], strict=True):
        for day in range(first, first + length):
            availability.append({"employee_id": person.employee_id, "date": _date(day),
                                 "kind": "leave"})
    others = [p for p in people if p not in on_leave]
    appointment = rng.choice(others)
    availability.append({"employee_id": appointment.employee_id, "date": _date(2),
                         "kind": "unavailable", "start": "14:00", "end": "18:00"})
    parents = rng.sample(others, 3)
    for person in parents:
        for day in rng.sample(range(5), 2):
            availability.append({"employee_id": person.employee_id, "date": _date(day),
                                 "kind": "preferred", "shift_id": "E1", "weight": "2"})
    for person in rng.sample([p for p in others if p not in parents], 4):
        availability.append({"employee_id": person.employee_id, "date": _date(5),
                             "kind": "avoid", "weight": "3"})
    availability.sort(key=lambda r: (r["employee_id"], r["date"]))

    temps = [{"skill": "phone", "hourly_cost": "34", "provider": "Callforce Staffing",
              "max_per_day": "6", "min_hours": "4", "notice_days": "2",
              "shifts": "E2;M1;L1;P1;P2;P3;T1"}]
    settings = {
        "name": "Contact centre, week of 2 March 2026",
        "start_date": START_DATE,
        "days": days,
        "interval_minutes": interval,
        "currency": "EUR",
        "temps_enabled": True,
        "costs": {
            "under_weight": 90,
            "over_weight": 4,
            "skills": {
                "phone": {"under_weight": 120},
                "email": {"under_weight": 60, "over_weight": 2},
            },
        },
        "contract": {
            "max_days_week": 5,
            "min_rest_hours": 11,
            "overtime_after_hours_week": 40,
            "overtime_multiplier": 1.5,
        },
        "solver": dict(SOLVER),
    }
    tables = {
        "demand.csv": _frame("demand.csv", demand),
        "staff.csv": _frame("staff.csv", [p.row() for p in staff]),
        "shifts.csv": _shifts_table(CC_SHIFTS),
        "availability.csv": _frame("availability.csv", availability),
        "temp_pool.csv": _frame("temp_pool.csv", temps),
    }
    readme = "\n".join([
        "# Contact centre (sample, size `small`)",
        "",
        "An inbound contact centre for one week, Monday 2 March to Sunday 8 March 2026, open "
        "07:00-22:00 every day and planned in 30-minute intervals. Calls peak mid-morning, "
        "again mid-afternoon and after work; chat peaks in the evening; email and back-office "
        "work is flat through office hours on weekdays. Monday carries the usual surge "
        "(about 30 % above midweek) and weekends are quieter.",
        "",
        f"**Staff: {len(staff)} agents.** Full-timers work five 8-hour shifts (a few accept "
        "a paid sixth day as overtime above 40 h), part-timers 20-30 hours, and students "
        "evenings (after 17:30 on weekdays) and weekends.",
        "",
        *_contract_lines(staff, 5),
        "",
        "Skills (levels 1-3 are informative):",
        "",
        *_skill_lines(staff),
        "",
        f"**Shifts: {len(CC_SHIFTS)} overlapping templates** with 30-minute unpaid breaks on "
        "the long ones:",
        "",
        *_shift_lines(CC_SHIFTS),
        "",
        "**Demand:**",
        "",
        *_demand_summary(demand, interval),
        "",
        "A missing phone agent costs 120 per hour, chat 90 and email 60 (it can wait); a "
        "surplus agent 4 per hour (2 on email). Rules: at most 5 days a week (6 for the "
        "overtime group), 11 hours' rest between shifts, contract hours per week as hard "
        "limits, overtime at 1.5x above 40 h.",
        "",
        "**Availability:** students are unavailable on weekdays 07:00-17:30, three agents "
        "take leave (four days in all), one has a Wednesday afternoon appointment, three "
        "parents prefer early shifts on two weekdays and four agents would rather not work "
        "Saturday.",
        "",
        "**Temps:** Callforce Staffing sends phone agents at 34 per hour on the peak and "
        "part-time shifts, up to 6 a day, with 2 days' notice (so not on Monday or Tuesday) "
        "and a 4-hour minimum booking (the 3-hour twilight shift is paid as 4).",
        "",
        "Generated by `planner.demo` (size `small`, seed 0). Peaks are deliberately a little "
        "beyond the staff, so a good roster still shows a few short intervals and books a "
        "few temps.",
        "",
    ])
    return DemoScenario("small", FOLDERS["small"], 0, tables, settings, readme)


# --------------------------------------------------------------------------- medium


WARD_SHIFTS: tuple[ShiftTemplate, ...] = (
    ShiftTemplate("E", "07:00", "15:00", 30, note="early"),
    ShiftTemplate("L", "14:30", "22:30", 30, note="late"),
    ShiftTemplate("N", "22:00", "07:30", 30, premium=1.25, note="night, 25 % premium"),
)

WARD_NEED: Mapping[tuple[str, str], tuple[int, int]] = {
    # (shift, skill): (weekday heads, weekend heads)
    ("E", "senior"): (1, 1), ("E", "nurse"): (4, 3), ("E", "hca"): (3, 2),
    ("L", "senior"): (1, 1), ("L", "nurse"): (3, 3), ("L", "hca"): (2, 2),
    ("N", "senior"): (1, 1), ("N", "nurse"): (2, 2), ("N", "hca"): (1, 1),
}


def _clinic(rng: random.Random) -> DemoScenario:
    days = 28
    contracts = (
        ContractType("senior nurse, full-time", 6, (29.0, 33.0), None, 45),
        ContractType("nurse, full-time", 9, (23.5, 27.0), None, 45),
        ContractType("nurse, part-time", 4, (23.5, 27.0), None, 27, max_days=3),
        ContractType("night nurse", 2, (24.0, 27.0), None, 37.5, max_days=4,
                     max_shifts="N=16"),
        ContractType("care assistant, full-time", 7, (15.0, 17.0), None, 45),
        ContractType("care assistant, part-time", 2, (15.0, 17.0), None, 27, max_days=3),
    )
    names = _names(rng, sum(c.count for c in contracts))
    staff: list[Person] = []
    for contract in contracts:
        for _ in range(contract.count):
            index = len(staff)
            if contract.label.startswith("senior"):
                skills = {"senior": 1, "nurse": 3}
            elif contract.label.startswith(("nurse", "night")):
                skills = {"nurse": rng.choice((1, 2, 2, 3))}
            else:
                skills = {"hca": rng.choice((1, 2, 2, 3))}
            low, high = contract.cost
            cost = round(rng.uniform(low, high) * 4) / 4
            staff.append(Person(f"N{index + 1:02d}", names[index], contract, skills, cost))
    nurses = [p for p in staff if p.contract.label.startswith("nurse, full")]
    for person in rng.sample(nurses, 2):
        person.skills["hca"] = 1  # a couple of nurses will cover a care-assistant shift

    demand: list[dict[str, str]] = []
    for day in range(days):
        weekend = _weekday(day) >= 5
        for shift in WARD_SHIFTS:
            for skill in ("senior", "nurse", "hca"):
                heads = WARD_NEED[shift.shift_id, skill][1 if weekend else 0]
                demand.append({"date": _date(day), "shift_id": shift.shift_id,
                               "skill": skill, "required": str(heads)})
    # Two surges: a Monday list day (one more nurse on the early) and a flu week.
    for row in demand:
        day = (dt.date.fromisoformat(row["date"]) - START_DATE).days
        if _weekday(day) == 0 and row["shift_id"] == "E" and row["skill"] == "nurse":
            row["required"] = str(int(row["required"]) + 1)
        if 14 <= day < 19 and row["shift_id"] == "L" and row["skill"] == "hca":
            row["required"] = str(int(row["required"]) + 1)

    availability: list[dict[str, str]] = []
    blocks = rng.sample(staff, 5)
    for person in blocks:
        length = rng.choice((5, 7, 7, 9))
        first = rng.randrange(0, days - length)
        for day in range(first, first + length):
            availability.append({"employee_id": person.employee_id, "date": _date(day),
                                 "kind": "leave"})
    others = [p for p in staff if p not in blocks]
    for person in rng.sample(others, 6):
        availability.append({"employee_id": person.employee_id,
                             "date": _date(rng.randrange(days)), "kind": "unavailable"})
    for person in rng.sample(others, 5):
        for day in rng.sample(range(days), 3):
            availability.append({"employee_id": person.employee_id, "date": _date(day),
                                 "kind": "avoid", "weight": "2"})
    for person in rng.sample([p for p in others if "N=16" not in p.contract.max_shifts], 4):
        availability.append({"employee_id": person.employee_id,
                             "date": _date(rng.randrange(days)), "kind": "avoid",
                             "shift_id": "N", "weight": "3"})
    for person in rng.sample(others, 4):
        for day in rng.sample(range(days), 2):
            availability.append({"employee_id": person.employee_id, "date": _date(day),
                                 "kind": "preferred", "shift_id": "E", "weight": "1"})
    availability.sort(key=lambda r: (r["employee_id"], r["date"], r.get("shift_id", "")))

    temps = [
        {"skill": "nurse", "hourly_cost": "38", "provider": "Staff bank", "max_per_day": "2",
         "notice_days": "2"},
        {"skill": "nurse", "hourly_cost": "62", "provider": "MedStaff agency",
         "max_per_day": "1", "min_hours": "8"},
        {"skill": "hca", "hourly_cost": "21", "provider": "Staff bank", "max_per_day": "1",
         "notice_days": "2"},
    ]
    settings = {
        "name": "Clinic ward, four weeks from 2 March 2026",
        "start_date": START_DATE,
        "days": days,
        "interval_minutes": 30,
        "currency": "EUR",
        "temps_enabled": True,
        "forbidden_successions": ["N>E"],
        "costs": {
            "under_weight": 110,
            "over_weight": 6,
            "skills": {
                "senior": {"under_weight": 150},
                "nurse": {"under_weight": 130},
                "hca": {"under_weight": 70},
            },
        },
        "contract": {
            "max_days_week": 5,
            "max_consecutive_days": 5,
            "max_weekends": 2,
            "min_rest_hours": 11,
            "max_shifts": "N=8",
            "min_days_off_in_row": 2,
            "overtime_after_hours_week": 37.5,
            "overtime_multiplier": 1.5,
        },
        "rules": {
            "min_consecutive_days_off": {"hard": False, "weight": 25},
        },
        "solver": dict(SOLVER),
    }
    tables = {
        "demand.csv": _frame("demand.csv", demand),
        "staff.csv": _frame("staff.csv", [p.row() for p in staff]),
        "shifts.csv": _shifts_table(WARD_SHIFTS),
        "availability.csv": _frame("availability.csv", availability),
        "temp_pool.csv": _frame("temp_pool.csv", temps),
    }
    slot_hours = {s.shift_id: (s.end_minute - s.start_minute) / 60 for s in WARD_SHIFTS}
    readme = "\n".join([
        "# Clinic ward (sample, size `medium`)",
        "",
        "A 28-bed surgical clinic ward for four weeks, Monday 2 March to Sunday 29 March 2026, "
        "staffed on three shifts a day. Demand is given per shift slot: how many senior "
        "nurses (who lead the shift), nurses and care assistants (`hca`) each shift needs. "
        "Weekends need fewer on the early and the care-assistant lates; Monday is a list "
        "day with one more nurse on the early, and a week of extra care-assistant lates "
        "(days 15-19) stands for a run of high-dependency patients.",
        "",
        f"**Staff: {len(staff)}.** Senior nurses also work as nurses; two full-time nurses "
        "can cover a care-assistant shift. Part-timers work at most 3 days a week; two "
        "night nurses may do up to 16 nights in the four weeks, everyone else at most 8.",
        "",
        *_contract_lines(staff, 5),
        "",
        *_skill_lines(staff),
        "",
        "**Shifts:**",
        "",
        *_shift_lines(WARD_SHIFTS),
        "",
        "**Demand (per four weeks):**",
        "",
        *_demand_summary(demand, None, slot_hours),
        "",
        "**Rules:** at most 5 days a week and 5 in a row, 11 hours' rest (so no late then "
        "early), never a night followed by an early, at most 2 of the 4 weekends and 8 "
        "nights (16 for night nurses); a single day off between two working days costs 25 "
        "(soft). Overtime above 37.5 h a week is paid at 1.5x. A missing senior costs 150 "
        "an hour, a nurse 130, a care assistant 70; a surplus head 6 an hour.",
        "",
        "**Availability:** five leave blocks of 5-9 days, six single unavailable days "
        "(study days), and wishes: days to avoid, nights to avoid, earlies preferred.",
        "",
        "**Temps:** the staff bank sends nurses (38/h) and care assistants (21/h) with 2 "
        "days' notice, up to 2 nurses and 1 care assistant a day; the MedStaff agency sends "
        "one nurse a day at 62/h at no notice, paid for at least 8 hours.",
        "",
        "The ward sets no weekly minimum hours: its demand is above what the staff can "
        "work, so contracts cap hours (45 h a week, 27 h for part-timers, 37.5 h for night "
        "nurses) rather than floor them.",
        "",
        "Generated by `planner.demo` (size `medium`, seed 0).",
        "",
    ])
    return DemoScenario("medium", FOLDERS["medium"], 0, tables, settings, readme)


# --------------------------------------------------------------------------- large


def _tech(hour: float) -> float:
    return 0.3 + 0.8 * _gauss(hour, 11.0, 2.0) + 0.9 * _gauss(hour, 19.5, 1.8)


def _sales(hour: float) -> float:
    return 0.25 + 0.6 * _gauss(hour, 12.0, 1.5) + 1.0 * _gauss(hour, 18.5, 1.6)


LARGE_SHIFTS: tuple[ShiftTemplate, ...] = (
    ShiftTemplate("E1", "06:00", "14:00", 30, note="early"),
    ShiftTemplate("E2", "07:00", "15:30", 30, note="early"),
    ShiftTemplate("E3", "08:00", "16:30", 30, note="early"),
    ShiftTemplate("M1", "09:00", "17:30", 30, note="mid"),
    ShiftTemplate("M2", "10:00", "18:30", 30, note="mid"),
    ShiftTemplate("M3", "11:30", "20:00", 30, note="mid"),
    ShiftTemplate("L1", "13:00", "21:30", 30, note="late"),
    ShiftTemplate("L2", "14:30", "23:00", 30, note="late"),
    ShiftTemplate("L3", "16:00", "00:00", 30, note="late, closes"),
    ShiftTemplate("P1", "07:00", "11:00", note="part-time morning"),
    ShiftTemplate("P2", "10:00", "14:00", note="part-time midday"),
    ShiftTemplate("P3", "18:00", "22:00", note="part-time evening"),
)

LARGE_WEEK = (1.25, 1.08, 1.0, 0.98, 0.95, 0.62, 0.5)


def _large(rng: random.Random) -> DemoScenario:
    days, interval = 28, 30
    contracts = (
        ContractType("full-time 40 h", 70, (19.0, 24.0), 40, 40),
        ContractType("full-time 40 h, overtime", 25, (19.0, 24.0), 40, 48, max_days=6),
        ContractType("full-time 37.5 h", 25, (19.0, 24.0), 37.5, 40),
        ContractType("part-time 24-30 h", 30, (17.0, 21.0), 24, 30),
        ContractType("part-time 16-24 h", 30, (17.0, 21.0), 16, 24),
        ContractType("student", 20, (14.5, 16.5), None, 16, max_days=4),
    )
    skill_mixes = (
        ({"billing": 2}, 34), ({"tech": 2}, 28), ({"sales": 2}, 16), ({"chat": 2}, 10),
        ({"email": 2}, 10), ({"billing": 3, "tech": 1}, 20), ({"billing": 2, "chat": 2}, 16),
        ({"tech": 3, "chat": 1}, 14), ({"sales": 2, "chat": 2}, 14),
        ({"billing": 2, "email": 2}, 14), ({"tech": 2, "email": 1}, 8),
        ({"billing": 2, "tech": 2, "chat": 1}, 8), ({"sales": 2, "billing": 1}, 8),
    )
    staff = _people(rng, contracts, skill_mixes, "E", 3)
    for person in staff:
        if person.contract.label == "student":
            person.tags.add("student")
    base_hours = sum(
        days / 7 * ((p.contract.min_hours or 8) + p.contract.max_hours) / 2 for p in staff
    )
    weekdays_only = (1.2, 1.1, 1.0, 1.0, 0.95, 0.35, 0.0)
    skills = (
        SkillDemand("billing", 0.30, _voice, 7 * 60, 21 * 60, LARGE_WEEK, floor=2),
        SkillDemand("tech", 0.26, _tech, 6 * 60, 24 * 60, LARGE_WEEK, floor=2),
        SkillDemand("sales", 0.14, _sales, 8 * 60, 22 * 60, (1.1, 1.05, 1.0, 1.0, 1.05, 0.9, 0.6)),
        SkillDemand("chat", 0.17, _chat, 6 * 60, 24 * 60, (1.1, 1.05, 1.0, 1.0, 1.0, 0.85, 0.75)),
        SkillDemand("email", 0.13, _back_office, 8 * 60, 18 * 60, weekdays_only),
    )
    demand = _interval_demand(rng, skills, days, interval, 0.92 * base_hours)

    availability: list[dict[str, str]] = []
    for person in staff:
        if "student" in person.tags:
            for day in range(days):
                if _weekday(day) < 5:
                    availability.append({"employee_id": person.employee_id, "date": _date(day),
                                         "kind": "unavailable", "start": "07:00", "end": "17:30"})
    regulars = [p for p in staff if "student" not in p.tags]
    for person in rng.sample(regulars, 24):
        week = rng.randrange(4)
        first = week * 7 + rng.randrange(6)
        for day in range(first, min(first + rng.choice((1, 2, 2)), week * 7 + 7)):
            availability.append({"employee_id": person.employee_id, "date": _date(day),
                                 "kind": "leave"})
    for person in rng.sample(regulars, 30):
        day = rng.randrange(days)
        kind = rng.choice(("preferred", "avoid"))
        row = {"employee_id": person.employee_id, "date": _date(day), "kind": kind,
               "weight": str(rng.choice((1, 2, 3)))}
        if kind == "preferred":
            row["shift_id"] = rng.choice(("E2", "E3", "M1"))
        availability.append(row)
    availability.sort(key=lambda r: (r["employee_id"], r["date"]))

    temps = [
        {"skill": "billing", "hourly_cost": "33", "provider": "Callforce Staffing",
         "max_per_day": "10", "min_hours": "4", "notice_days": "3"},
        {"skill": "tech", "hourly_cost": "39", "provider": "TechTemps", "max_per_day": "6",
         "min_hours": "4", "notice_days": "3", "shifts": "M1;M2;M3;L1;L2;P2;P3"},
    ]
    settings = {
        "name": "Multi-skill service centre, four weeks (scale benchmark)",
        "start_date": START_DATE,
        "days": days,
        "interval_minutes": interval,
        "currency": "EUR",
        "temps_enabled": True,
        "costs": {
            "under_weight": 100,
            "over_weight": 4,
            "skills": {
                "billing": {"under_weight": 120},
                "tech": {"under_weight": 120},
                "email": {"under_weight": 60, "over_weight": 2},
            },
        },
        "contract": {
            "max_days_week": 5,
            "max_consecutive_days": 6,
            "min_rest_hours": 11,
            "overtime_after_hours_week": 40,
            "overtime_multiplier": 1.5,
        },
        "solver": dict(SOLVER),
    }
    tables = {
        "demand.csv": _frame("demand.csv", demand),
        "staff.csv": _frame("staff.csv", [p.row() for p in staff]),
        "shifts.csv": _shifts_table(LARGE_SHIFTS),
        "availability.csv": _frame("availability.csv", availability),
        "temp_pool.csv": _frame("temp_pool.csv", temps),
    }
    readme = "\n".join([
        "# Service centre (generated, size `large`)",
        "",
        "A multi-skill service centre for four weeks from Monday 2 March 2026, open "
        "06:00-24:00 and planned in 30-minute intervals: the engine's scale benchmark. "
        "Five skills (billing, tech, sales, chat, email) with their own opening hours and "
        "daily shapes, a Monday surge and quiet weekends.",
        "",
        f"**Staff: {len(staff)}.**",
        "",
        *_contract_lines(staff, 5),
        "",
        *_skill_lines(staff),
        "",
        f"**Shifts: {len(LARGE_SHIFTS)} templates.**",
        "",
        *_shift_lines(LARGE_SHIFTS),
        "",
        "**Demand:**",
        "",
        *_demand_summary(demand, interval),
        "",
        "Students are unavailable on weekdays 07:00-17:30; 24 people take one or two days "
        "of leave; 30 wishes. Temps: billing (33/h) and tech (39/h), 3 days' notice, "
        "4-hour minimum booking.",
        "",
        "Generated by `planner.demo` (size `large`, seed 0).",
        "",
    ])
    return DemoScenario("large", FOLDERS["large"], 0, tables, settings, readme)


# --------------------------------------------------------------------------- public API

def _contact_centre_queue(rng: random.Random) -> DemoScenario:
    """`small` with its demand as volumes and handle times (see `planner.demand.sample`)."""
    from planner.demand import sample

    base = _contact_centre(rng)
    demand = sample.queue_demand(base.tables["demand.csv"], int(base.settings["interval_minutes"]))
    tables = {**base.tables, "demand.csv": demand}
    return DemoScenario("queue", FOLDERS["queue"], 0, tables, sample.queue_settings(base.settings),
                        sample.queue_readme(demand))


_BUILDERS: Mapping[str, Callable[[random.Random], DemoScenario]] = {
    "small": _contact_centre,
    "medium": _clinic,
    "large": _large,
    "queue": _contact_centre_queue,
}


def generate(size: str, seed: int = 0) -> DemoScenario:
    """The scenario of a named size (`small`, `medium`, `large`) for a seed."""
    if size not in _BUILDERS:
        raise ValueError(f"unknown demo size {size!r}: choose one of {', '.join(SIZES)}")
    demo = _BUILDERS[size](random.Random(f"planner-demo/{_SAME_DRAW.get(size, size)}/{seed}"))
    readme = demo.readme
    if seed != 0:
        readme = readme.replace(f"(size `{size}`, seed 0)", f"(size `{size}`, seed {seed})")
    return DemoScenario(demo.size, demo.folder, seed, demo.tables, demo.settings, readme)


def write_demo(size: str, out: Path, seed: int = 0) -> Path:
    """Write the scenario of `size` into the folder `out` (created if needed); return it."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in generate(size, seed).files().items():
        (out / name).write_bytes(data)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m planner.demo [--out data]`: rewrite the committed samples."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--out", type=Path, default=Path("data"),
                        help="folder that holds the sample folders (default: data)")
    args = parser.parse_args(argv)
    for size in COMMITTED:
        path = write_demo(size, args.out / FOLDERS[size])
        print(f"{size}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "COMMITTED",
    "FOLDERS",
    "SIZES",
    "DemoScenario",
    "generate",
    "render_toml",
    "write_demo",
]
