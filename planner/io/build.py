"""Validated tables and settings -> a `planner.domain.Scenario`.

This module owns the translation from the manager's format to the domain: dates become day
indexes from `start_date`, times become horizon minutes (`day * 1440 + minutes`; an end at or
before its start is the next day), blanks become the defaults of `planner.schema`, and every
demand row keeps its spreadsheet row in `demand_id` (`D<row>`). It runs only on data that
`validate` passed without errors, so it does not judge anything; rows dated outside the
horizon (a warning when validating) are dropped here. A course's fixed `sessions` are kept as
given, unusable dates included (a warning too): dropping them all would leave an empty list,
which means "any weekday".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from planner.demand.staffing import convert_demand, queue_work
from planner.domain import (
    MINUTES_PER_DAY,
    AvailabilityEntry,
    Contract,
    Course,
    Demand,
    Employee,
    RuleSetting,
    Scenario,
    ServiceSettings,
    Settings,
    Shift,
    SolverSettings,
    TempOffer,
    frozen_map,
)
from planner.io.validate import (
    cell,
    parse_cell,
    parse_succession,
    records,
    settings_date,
    settings_max_shifts,
)
from planner.schema import CONTRACT_FIELDS, SETTINGS_BY_KEY, TABLES

_RULE_KEYS = ("enabled", "hard", "weight")


def _default(key: str) -> Any:
    return SETTINGS_BY_KEY[key].default


def _section(settings: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = settings.get(name)
    return value if isinstance(value, Mapping) else {}


def _contract(values: Mapping[str, Any]) -> Contract:
    """A `Contract` from `[contract]` keys or one staff row's parsed cells (None = not set)."""
    fields: dict[str, Any] = {}
    for name in CONTRACT_FIELDS:
        value = values.get(name)
        if value is None:
            continue
        if name == "max_shifts":
            fields[name] = frozen_map(
                settings_max_shifts(dict(value) if isinstance(value, Mapping) else value)
            )
        elif TABLES["staff.csv"].column(name).type == "int":
            fields[name] = int(value)
        else:
            fields[name] = float(value)
    return Contract(**fields)


def build_settings(settings: Mapping[str, Any]) -> Settings:
    """`Settings` from a validated `scenario.toml` dict; keys not given take the spec defaults."""
    costs = _section(settings, "costs")
    skill_costs = _section(costs, "skills")
    solver = _section(settings, "solver")
    service = _section(settings, "service")
    rules = {
        name: RuleSetting(
            enabled=bool(table.get("enabled", True)),
            hard=None if table.get("hard") is None else bool(table["hard"]),
            weight=None if table.get("weight") is None else float(table["weight"]),
            params=frozen_map({k: v for k, v in table.items() if k not in _RULE_KEYS}),
        )
        for name, table in _section(settings, "rules").items()
        if isinstance(table, Mapping)
    }
    return Settings(
        start_date=settings_date(settings["start_date"]),
        days=int(settings["days"]),
        interval_minutes=int(settings.get("interval_minutes", _default("interval_minutes"))),
        currency=str(settings.get("currency", _default("currency"))),
        name=str(settings.get("name", _default("name"))),
        under_weight=float(costs.get("under_weight", _default("costs.under_weight"))),
        over_weight=float(costs.get("over_weight", _default("costs.over_weight"))),
        skill_under_weight=frozen_map(
            {
                skill: float(table["under_weight"])
                for skill, table in skill_costs.items()
                if isinstance(table, Mapping) and "under_weight" in table
            }
        ),
        skill_over_weight=frozen_map(
            {
                skill: float(table["over_weight"])
                for skill, table in skill_costs.items()
                if isinstance(table, Mapping) and "over_weight" in table
            }
        ),
        contract=_contract(_section(settings, "contract")),
        forbidden_successions=tuple(
            parse_succession(item) for item in settings.get("forbidden_successions", [])
        ),
        rules=frozen_map(rules),
        temps_enabled=bool(settings.get("temps_enabled", _default("temps_enabled"))),
        solver=SolverSettings(
            time_limit_seconds=float(solver.get("time_limit_seconds", _default("solver.time_limit_seconds"))),
            workers=int(solver.get("workers", _default("solver.workers"))),
            seed=int(solver.get("seed", _default("solver.seed"))),
            relative_gap=float(solver.get("relative_gap", _default("solver.relative_gap"))),
        ),
        service=ServiceSettings(
            target_pct=float(service.get("target_pct", _default("service.target_pct"))),
            target_seconds=float(service.get("target_seconds", _default("service.target_seconds"))),
            asa_seconds=None if service.get("asa_seconds") is None else float(service["asa_seconds"]),
            max_occupancy=float(service.get("max_occupancy", _default("service.max_occupancy"))),
            shrinkage=float(service.get("shrinkage", _default("service.shrinkage"))),
            productivity=float(service.get("productivity", _default("service.productivity"))),
        ),
        shortfall_pricing=str(costs.get("shortfall_pricing", _default("costs.shortfall_pricing"))),
    )


class _Table:
    """Parsed access to one validated frame: `value(record, column)` by the column's spec."""

    def __init__(self, file: str, frame: pd.DataFrame | None) -> None:
        self.spec = TABLES[file]
        self.rows = [] if frame is None else records(frame)

    def value(self, record: Mapping[str, Any], column: str) -> Any:
        return parse_cell(self.spec.column(column), cell(record, column))


def _day(settings: Settings, date: dt.date) -> int | None:
    day = (date - settings.start_date).days
    return day if 0 <= day < settings.days else None


def _span(day: int, start: int, end: int | None, default_length: int) -> tuple[int, int]:
    """Horizon minutes of a start and end time of day; an end at or before the start is the
    next day; no end means `default_length` minutes."""
    if end is None:
        end = start + default_length
    elif end <= start:
        end += MINUTES_PER_DAY
    base = day * MINUTES_PER_DAY
    return base + start, base + end


def build_shifts(frame: pd.DataFrame | None) -> tuple[Shift, ...]:
    table = _Table("shifts.csv", frame)
    shifts = []
    for _, record in table.rows:
        weekdays = table.value(record, "days")
        skills = table.value(record, "skills")
        shifts.append(
            Shift(
                shift_id=table.value(record, "shift_id"),
                start_minute=table.value(record, "start"),
                end_minute=table.value(record, "end") % MINUTES_PER_DAY,
                break_minutes=int(table.value(record, "break_minutes")),
                weekdays=frozenset(range(7)) if weekdays is None else frozenset(weekdays),
                skills=frozenset(skills) if skills else None,
                premium=float(table.value(record, "premium")),
                site=table.value(record, "site"),
            )
        )
    return tuple(shifts)


def build_employees(frame: pd.DataFrame | None) -> tuple[Employee, ...]:
    table = _Table("staff.csv", frame)
    employees = []
    for _, record in table.rows:
        employees.append(
            Employee(
                employee_id=table.value(record, "employee_id"),
                name=table.value(record, "name"),
                skills=frozen_map(table.value(record, "skills")),
                hourly_cost=float(table.value(record, "hourly_cost")),
                contract=_contract({name: table.value(record, name) for name in CONTRACT_FIELDS}),
                site=table.value(record, "site"),
                trainable=tuple(table.value(record, "trainable")),
            )
        )
    return tuple(employees)


def build_demand(
    frame: pd.DataFrame | None, settings: Settings, shifts: Mapping[str, Shift]
) -> tuple[Demand, ...]:
    table = _Table("demand.csv", frame)
    demand = []
    for row, record in table.rows:
        day = _day(settings, table.value(record, "date"))
        if day is None:
            continue
        skill = table.value(record, "skill")
        shift_id = table.value(record, "shift_id")
        start_minute = table.value(record, "start")
        if start_minute is not None:
            start, end = _span(day, start_minute, table.value(record, "end"), settings.interval_minutes)
            shift_id = None
        else:
            start, end = shifts[shift_id].span(day)
        under = table.value(record, "under_weight")
        over = table.value(record, "over_weight")
        heads = table.value(record, "required")
        volume = table.value(record, "volume")
        queue = None
        if volume is not None:
            queue = queue_work(
                settings.service, volume, table.value(record, "aht_seconds"),
                **{key: table.value(record, key)
                   for key in ("target_pct", "target_seconds", "patience_seconds")},
                heads_given=heads is not None,
            )
        workload = table.value(record, "workload_hours")
        demand.append(
            Demand(
                demand_id=f"D{row}",
                day=day,
                skill=skill,
                required=0 if heads is None else math.ceil(heads),
                start=start,
                end=end,
                under_weight=float(
                    under
                    if under is not None
                    else settings.skill_under_weight.get(skill, settings.under_weight)
                ),
                over_weight=float(
                    over if over is not None else settings.skill_over_weight.get(skill, settings.over_weight)
                ),
                shift_id=shift_id,
                site=table.value(record, "site"),
                queue=queue,
                workload_hours=None if heads is not None or queue is not None else workload,
            )
        )
    return convert_demand(demand, settings.service)


def build_availability(frame: pd.DataFrame | None, settings: Settings) -> tuple[AvailabilityEntry, ...]:
    table = _Table("availability.csv", frame)
    entries = []
    for row, record in table.rows:
        day = _day(settings, table.value(record, "date"))
        if day is None:
            continue
        start_minute = table.value(record, "start")
        start = end = None
        if start_minute is not None:
            start, end = _span(day, start_minute, table.value(record, "end"), 0)
        entries.append(
            AvailabilityEntry(
                employee_id=table.value(record, "employee_id"),
                day=day,
                kind=table.value(record, "kind"),
                shift_id=table.value(record, "shift_id"),
                start=start,
                end=end,
                weight=float(table.value(record, "weight")),
                row=row,
            )
        )
    return tuple(entries)


def build_temp_offers(frame: pd.DataFrame | None) -> tuple[TempOffer, ...]:
    """Offers in file order; the id is `provider/skill`, with `#<row>` added to a repeat."""
    table = _Table("temp_pool.csv", frame)
    offers = []
    used: set[str] = set()
    for row, record in table.rows:
        provider = table.value(record, "provider")
        skill = table.value(record, "skill")
        offer_id = f"{provider}/{skill}"
        if offer_id in used:
            offer_id = f"{offer_id}#{row}"
        used.add(offer_id)
        shifts = table.value(record, "shifts")
        offers.append(
            TempOffer(
                offer_id=offer_id,
                skill=skill,
                hourly_cost=float(table.value(record, "hourly_cost")),
                provider=provider,
                max_per_day=int(table.value(record, "max_per_day")),
                min_hours=float(table.value(record, "min_hours")),
                notice_days=int(table.value(record, "notice_days")),
                shifts=frozenset(shifts) if shifts else None,
            )
        )
    return tuple(offers)


def build_courses(frame: pd.DataFrame | None) -> tuple[Course, ...]:
    table = _Table("training.csv", frame)
    courses = []
    for _, record in table.rows:
        max_trainees = table.value(record, "max_trainees")
        courses.append(
            Course(
                course_id=table.value(record, "course_id"),
                skill=table.value(record, "skill"),
                days=int(table.value(record, "days")),
                cost=float(table.value(record, "cost")),
                hours_per_day=float(table.value(record, "hours_per_day")),
                max_trainees=None if max_trainees is None else int(max_trainees),
                prerequisite=table.value(record, "prerequisite"),
                earliest_start=table.value(record, "earliest_start"),
                latest_end=table.value(record, "latest_end"),
                sessions=tuple(table.value(record, "sessions")),
            )
        )
    return tuple(courses)


def build_scenario(frames: Mapping[str, pd.DataFrame | None], settings: Mapping[str, Any]) -> Scenario:
    """The scenario of validated frames (by file name) and a validated settings dict."""
    built = build_settings(settings)
    shifts = build_shifts(frames.get("shifts.csv"))
    return Scenario(
        settings=built,
        employees=build_employees(frames.get("staff.csv")),
        shifts=shifts,
        demand=build_demand(frames.get("demand.csv"), built, {shift.shift_id: shift for shift in shifts}),
        availability=build_availability(frames.get("availability.csv"), built),
        temp_offers=build_temp_offers(frames.get("temp_pool.csv")),
        courses=build_courses(frames.get("training.csv")),
    )
