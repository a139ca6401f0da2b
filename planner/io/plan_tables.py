"""A plan as tables, and back: roster, temp bookings, training, coverage and shortfall frames.

This module owns the columns of the output tables of DESIGN §4 and their meaning. Every
frame is keyed by the ids of the scenario's CSV files (employee, shift, offer and demand ids),
times are ISO local datetimes (`2026-03-02T07:00`) and money is in the scenario's currency,
rounded to cents.

Training shows twice: `training_plan.csv` has one row per trainee on a course session (the
source of truth), and `roster.csv` one `activity=training` row per course day (09:00 for the
course's `hours_per_day`), so a person's days read in one place.

The way back (`plan_from_frames`, `read_plan`) turns `roster.csv`, `temp_bookings.csv` and
`training_plan.csv` into a `Plan` for the checker; every problem with them comes back as an
`Issue`, never as an exception.

The shortfall table explains each short demand row with a reason code and the cheapest
single fix, found without a solver (see `explain_shortfall` and `REASONS`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import pandas as pd

from planner import costs
from planner.demand.pricing import shortfall_cost
from planner.demand.service import service_frame
from planner.domain import (
    MINUTES_PER_DAY,
    Assignment,
    AvailabilityEntry,
    Course,
    Demand,
    Employee,
    Plan,
    Scenario,
    Shift,
    SolveStats,
    TempBooking,
    Training,
)
from planner.io.issues import Issue, error, warning
from planner.io.read import read_table
from planner.rules.availability import BLOCKING
from planner.rules.days import int_limit
from planner.rules.hours import overtime_terms, weekly_bounds
from planner.rules.view import RosterView
from planner.timeline import can_work, covering_instances, describe_day, entry_covers, rest_minutes
from planner.training import TRAINING_START_MINUTE, course_minutes

ROSTER_FILE = "roster.csv"
TEMPS_FILE = "temp_bookings.csv"
COVERAGE_FILE = "coverage.csv"
SHORTFALL_FILE = "shortfall.csv"
TRAINING_FILE = "training_plan.csv"

ROSTER_COLUMNS: tuple[str, ...] = (
    "date",
    "employee_id",
    "name",
    "shift_id",
    "start_at",
    "end_at",
    "skill",
    "activity",
    "paid_hours",
    "cost",
)
"""`cost` is straight-time wage with the shift premium; overtime is priced per week in
`summary.json` (cost kind `overtime`), since it depends on the whole week. A course day is a
row with `activity` `training`, the course id as `shift_id`, the course's skill, 09:00 for
the course's `hours_per_day`, and the trainee's pay for those hours as `cost` (the fee is in
`training_plan.csv`)."""

TEMP_COLUMNS: tuple[str, ...] = (
    "date",
    "shift_id",
    "start_at",
    "end_at",
    "skill",
    "provider",
    "offer_id",
    "count",
    "hours",
    "cost",
)
"""`hours` are paid hours of the whole group (at least the offer's minimum per temp)."""

TRAINING_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "name",
    "course_id",
    "skill",
    "start_date",
    "end_date",
    "days",
    "hours",
    "fee",
    "pay",
    "cost",
    "qualified_from",
)
"""One row per trainee on a course session: the first and last course day, the course days
and paid hours, the course's `fee`, the trainee's `pay` for the course hours, `cost` = fee +
pay, and the first day the trainee may work the skill (`qualified_from`)."""

COVERAGE_COLUMNS: tuple[str, ...] = (
    "demand_id",
    "date",
    "start_at",
    "end_at",
    "skill",
    "shift_id",
    "required",
    "staff",
    "temps",
    "shortfall",
    "surplus",
    "volume",
    "service_level",
    "asa_seconds",
    "occupancy",
    "abandon_pct",
)
"""One row per demand row; `shift_id` is blank for interval demand. For queue work (a volume
and AHT) the service the heads counted deliver: `service_level` (percent answered within the
row's target time), `asa_seconds` (mean wait of answered contacts; blank when the queue never
empties), `occupancy` (percent) and `abandon_pct` (with a patience); blank for other rows."""

SHORTFALL_COLUMNS: tuple[str, ...] = (
    "demand_id",
    "date",
    "start_at",
    "end_at",
    "skill",
    "shift_id",
    "required",
    "staff",
    "temps",
    "gap_heads",
    "short_staff_hours",
    "cost",
    "reason",
    "detail",
    "fix",
    "fix_cost",
)
"""One row per short demand row. `cost` is the shortfall's price under the demand row's
weight; `fix` and `fix_cost` are the cheapest single change that adds one head."""

REQUIRED_ROSTER_COLUMNS: tuple[str, ...] = ("date", "employee_id", "shift_id", "skill")
REQUIRED_TEMP_COLUMNS: tuple[str, ...] = ("date", "shift_id", "skill", "offer_id", "count")
REQUIRED_TRAINING_COLUMNS: tuple[str, ...] = ("employee_id", "course_id", "start_date")
ACTIVITIES: tuple[str, ...] = ("work", "training")

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula by some spreadsheet programs."""

ReasonCode = Literal["no_one_qualified", "all_qualified_busy", "availability", "left_short_by_cost"]

REASONS: Mapping[str, str] = MappingProxyType(
    {
        "no_one_qualified": "Nobody holds the skill, or no shift covers the time (with the "
        "skill allowed, at the site): no roster could fill it.",
        "all_qualified_busy": "People with the skill exist, but each already works that day "
        "or would break a limit by taking it (weekly hours or days, consecutive days, rest, "
        "forbidden succession, shift type cap, weekends).",
        "availability": "Qualified people free of other work are unavailable or on leave.",
        "left_short_by_cost": "Someone qualified was free, available and within the limits "
        "checked here: filling the gap cost more than leaving it short at its weight, or a "
        "rule not checked here (minimum days in a row, days off, preferences) stood in the way.",
    }
)
"""What each shortfall reason code means. The reasoning is deliberately simple: it looks at
one extra head on one shift instance, with the rest of the roster as it is."""


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with a leading `'`."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unneutralise(text: str) -> str:
    """The inverse of `neutralise`, for tables read back."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def at(scenario: Scenario, minute: int) -> str:
    """ISO local datetime (`2026-03-02T07:00`) of a horizon minute."""
    start = dt.datetime.combine(scenario.settings.start_date, dt.time())
    return (start + dt.timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M")


def money(units: float) -> float:
    """Objective units as currency, rounded to cents."""
    value = round(costs.to_money(units), 2)
    return value + 0.0  # no -0.0


def hours(minutes: int) -> float:
    """Minutes as hours, to 4 decimals (7 h 50 min = 7.8333)."""
    return round(minutes / 60, 4)


def _date(scenario: Scenario, day: int) -> str:
    return scenario.settings.date_of(day).isoformat()


def _frame(rows: list[dict[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=list(columns))


# --- plan -> tables --------------------------------------------------------------------------


def _course_day_minutes(day: int) -> int:
    """Horizon minute a course day starts (09:00 that date)."""
    return day * MINUTES_PER_DAY + TRAINING_START_MINUTE


def roster_frame(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """One row per assignment and per course day of each training, by date, start time and
    employee id."""
    rows: list[dict[str, object]] = []
    for t in plan.training:
        employee = scenario.employees_by_id.get(t.employee_id)
        course = scenario.courses_by_id.get(t.course_id)
        if employee is None or course is None:
            continue
        minutes = course_minutes(course)
        for day in scenario.course_days(course, t.start_day):
            start = _course_day_minutes(day)
            rows.append(
                {
                    "date": _date(scenario, day),
                    "employee_id": t.employee_id,
                    "name": employee.name,
                    "shift_id": t.course_id,
                    "start_at": at(scenario, start),
                    "end_at": at(scenario, start + minutes),
                    "skill": course.skill,
                    "activity": "training",
                    "paid_hours": hours(minutes),
                    "cost": money(costs.per_hour(employee.hourly_cost, minutes)),
                }
            )
    for a in plan.assignments:
        employee = scenario.employees_by_id.get(a.employee_id)
        shift = scenario.shifts_by_id.get(a.shift_id)
        if employee is None or shift is None:
            continue
        start, end = shift.span(a.day)
        rows.append(
            {
                "date": _date(scenario, a.day),
                "employee_id": a.employee_id,
                "name": employee.name,
                "shift_id": a.shift_id,
                "start_at": at(scenario, start),
                "end_at": at(scenario, end),
                "skill": a.skill,
                "activity": a.activity,
                "paid_hours": hours(shift.paid_minutes),
                "cost": money(costs.shift_wage(employee, shift)),
            }
        )
    frame = _frame(rows, ROSTER_COLUMNS)
    return frame.sort_values(["date", "start_at", "employee_id"], kind="stable", ignore_index=True)


def training_frame(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """One row per trainee on a course session, by start date, course and employee id."""
    rows: list[dict[str, object]] = []
    for t in plan.training:
        employee = scenario.employees_by_id.get(t.employee_id)
        course = scenario.courses_by_id.get(t.course_id)
        if employee is None or course is None:
            continue
        days = scenario.course_days(course, t.start_day)
        last = days[-1] if days else t.start_day
        minutes = course_minutes(course)
        fee = costs.fixed(course.cost)
        pay = len(days) * costs.per_hour(employee.hourly_cost, minutes)
        rows.append(
            {
                "employee_id": t.employee_id,
                "name": employee.name,
                "course_id": t.course_id,
                "skill": course.skill,
                "start_date": _date(scenario, t.start_day),
                "end_date": _date(scenario, last),
                "days": len(days),
                "hours": hours(len(days) * minutes),
                "fee": money(fee),
                "pay": money(pay),
                "cost": money(fee + pay),
                "qualified_from": _date(scenario, last + 1),
            }
        )
    frame = _frame(rows, TRAINING_COLUMNS)
    return frame.sort_values(["start_date", "course_id", "employee_id"], kind="stable", ignore_index=True)


def temp_bookings_frame(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """One row per booked temp group (offer x shift instance)."""
    rows: list[dict[str, object]] = []
    for b in plan.temp_bookings:
        offer = scenario.temp_offers_by_id.get(b.offer_id)
        shift = scenario.shifts_by_id.get(b.shift_id)
        if offer is None or shift is None:
            continue
        start, end = shift.span(b.day)
        rows.append(
            {
                "date": _date(scenario, b.day),
                "shift_id": b.shift_id,
                "start_at": at(scenario, start),
                "end_at": at(scenario, end),
                "skill": b.skill,
                "provider": offer.provider,
                "offer_id": b.offer_id,
                "count": b.count,
                "hours": hours(b.count * costs.temp_paid_minutes(offer, shift)),
                "cost": money(b.count * costs.temp_cost(offer, shift)),
            }
        )
    frame = _frame(rows, TEMP_COLUMNS)
    return frame.sort_values(["date", "start_at", "offer_id"], kind="stable", ignore_index=True)


def _demand_cells(scenario: Scenario, demand: Demand) -> dict[str, object]:
    return {
        "demand_id": demand.demand_id,
        "date": _date(scenario, demand.day),
        "start_at": at(scenario, demand.start),
        "end_at": at(scenario, demand.end),
        "skill": demand.skill,
        "shift_id": demand.shift_id or "",
        "required": demand.required,
    }


def coverage_frame(scenario: Scenario, plan: Plan, view: RosterView | None = None) -> pd.DataFrame:
    """One row per demand row, in the order of `demand.csv`: heads required and counted."""
    view = view or RosterView(scenario, plan)
    service = service_frame(scenario, plan, view).set_index("demand_id")
    rows: list[dict[str, object]] = []
    for demand in scenario.demand:
        staff, temps = view.cover[demand.demand_id]
        rows.append(
            {
                **_demand_cells(scenario, demand),
                "staff": staff,
                "temps": temps,
                "shortfall": max(0, demand.required - staff - temps),
                "surplus": max(0, staff + temps - demand.required),
                **_service_cells(service, demand.demand_id),
            }
        )
    frame = _frame(rows, COVERAGE_COLUMNS)
    for column in _SERVICE_CELLS:
        frame[column] = frame[column].astype("float64")
    return frame


_SERVICE_CELLS: tuple[str, ...] = ("volume", "service_level", "asa_seconds", "occupancy", "abandon_pct")
_SERVICE_DIGITS: Mapping[str, int] = MappingProxyType(
    {"volume": 2, "service_level": 2, "asa_seconds": 1, "occupancy": 2, "abandon_pct": 2}
)


def _service_cells(service: pd.DataFrame, demand_id: str) -> dict[str, float | None]:
    if demand_id not in service.index:
        return dict.fromkeys(_SERVICE_CELLS)
    row = service.loc[demand_id]
    return {
        column: round(float(row[column]), _SERVICE_DIGITS[column]) + 0.0 if pd.notna(row[column]) else None
        for column in _SERVICE_CELLS
    }


def shortfall_frame(scenario: Scenario, plan: Plan, view: RosterView | None = None) -> pd.DataFrame:
    """One row per short demand row: the gap, its price, why, and the cheapest fix."""
    view = view or RosterView(scenario, plan)
    explainer = ShortfallExplainer(view)
    rows: list[dict[str, object]] = []
    for demand in scenario.demand:
        staff, temps = view.cover[demand.demand_id]
        gap = demand.required - staff - temps
        if gap <= 0:
            continue
        minutes = demand.end - demand.start
        why = explainer.explain(demand)
        rows.append(
            {
                **_demand_cells(scenario, demand),
                "staff": staff,
                "temps": temps,
                "gap_heads": gap,
                "short_staff_hours": hours(gap * minutes),
                "cost": money(shortfall_cost(scenario, demand, gap)),
                "reason": why.reason,
                "detail": why.detail,
                "fix": why.fix.text if why.fix else "no quick fix: cross-train or hire",
                "fix_cost": money(why.fix.cost_units) if why.fix else None,
            }
        )
    frame = _frame(rows, SHORTFALL_COLUMNS)
    frame["fix_cost"] = frame["fix_cost"].astype("float64")
    return frame


# --- why a demand row is short ----------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    """One change that adds one head to a short demand row, and what it costs."""

    text: str
    cost_units: int


@dataclass(frozen=True)
class ShortfallReason:
    reason: ReasonCode
    detail: str
    fix: Fix | None


@dataclass(frozen=True)
class _Candidate:
    employee: Employee
    day: int
    shift: Shift


@dataclass(frozen=True)
class _Person:
    """One employee's roster in the figures the limits need (None: no limit or rule off)."""

    flags: tuple[bool, ...]
    """Works (starts a shift) on each day of the horizon."""
    week_minutes: tuple[int, ...]
    week_days: tuple[int, ...]
    max_week_minutes: tuple[int | None, ...]
    max_days: int | None
    max_consecutive: int | None
    caps: Mapping[str, int]
    shift_counts: Mapping[str, int]
    max_weekends: int | None
    weekends: int
    rest_minutes: float


@dataclass(frozen=True)
class _InstanceState:
    """One shift instance seen from one skill: counts of qualified people who could work it
    and are free of other work and limits; why the others cannot (employee id, reason)."""

    candidates: int
    free: int
    busy: tuple[tuple[str, str], ...]
    blocked: tuple[tuple[str, str], ...]
    available: tuple[str, ...]
    cheapest: _Candidate | None


def _names(items: Sequence[str], limit: int = 3) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")


class ShortfallExplainer:
    """Explains the short demand rows of one roster; what it learns about each employee and
    shift instance is kept, so a large roster with many gaps is explained quickly."""

    def __init__(self, view: RosterView) -> None:
        self.view = view
        self.scenario = view.scenario
        self._disabled = {
            name for name, setting in self.scenario.settings.rules.items() if not setting.enabled
        }
        self._limits: dict[tuple[str, int, str], str | None] = {}
        self._flags: dict[str, list[bool]] = {}
        self._staff_costs: dict[tuple[str, int, str], int] = {}
        self._answers: dict[tuple[str, tuple[tuple[int, str], ...]], ShortfallReason] = {}
        self._instances: dict[tuple[str, int, str], _InstanceState] = {}
        self._weekends = self.scenario.weekends
        self._weekend_of = {day: days for days in self._weekends for day in days}
        self._people: dict[str, _Person] = {}
        self._forbidden = (
            frozenset(self.scenario.settings.forbidden_successions)
            if self._enabled("no_forbidden_successions")
            else frozenset()
        )
        self._holders: dict[str, list[Employee]] = defaultdict(list)
        for employee in self.scenario.employees:
            for skill in employee.skills:
                self._holders[skill].append(employee)
        self._blocking: dict[str, list[AvailabilityEntry]] = defaultdict(list)
        if self._enabled("respect_availability"):
            for entry in self.scenario.availability:
                if entry.kind in BLOCKING:
                    self._blocking[entry.employee_id].append(entry)
        self._booked: dict[tuple[str, int], int] = defaultdict(int)
        for b in view.temp_bookings:
            self._booked[b.offer_id, b.day] += b.count

    def _enabled(self, rule: str) -> bool:
        return rule not in self._disabled

    def _worked_days(self, employee_id: str) -> list[bool]:
        if employee_id not in self._flags:
            self._flags[employee_id] = self.view.worked_days(employee_id)
        return self._flags[employee_id]

    def limit_reached(self, c: _Candidate) -> str | None:
        """Why the employee cannot take this shift instance on top of their roster, or None.

        Looks at other work that day or overlapping it, and at each enabled limit the extra
        shift would cross (hard or soft alike): rest, forbidden successions, weekly hours,
        days per week, days in a row, shift type caps and weekends.
        """
        key = (c.employee.employee_id, c.day, c.shift.shift_id)
        if key not in self._limits:
            self._limits[key] = self._limit_reached(c)
        return self._limits[key]

    def _person(self, employee: Employee) -> _Person:
        e = employee.employee_id
        if e in self._people:
            return self._people[e]
        scenario, view = self.scenario, self.view
        flags = tuple(view.worked_days(e))
        weeks = list(scenario.weeks)
        rest = scenario.limit(employee, "min_rest_hours")
        counts: dict[str, int] = defaultdict(int)
        for a in view.assignments(e):
            counts[a.shift_id] += 1
        person = _Person(
            flags=flags,
            week_minutes=tuple(view.paid_minutes(e, scenario.days_of_week(w)) for w in weeks),
            week_days=tuple(sum(flags[d] for d in scenario.days_of_week(w)) for w in weeks),
            max_week_minutes=tuple(
                weekly_bounds(scenario, employee, w)[1] if self._enabled("weekly_hours_within_contract")
                else None
                for w in weeks
            ),
            max_days=int_limit(scenario, employee, "max_days_week") if self._enabled("max_days_per_week")
            else None,
            max_consecutive=int_limit(scenario, employee, "max_consecutive_days")
            if self._enabled("max_consecutive_days") else None,
            caps=scenario.limit(employee, "max_shifts") if self._enabled("max_shifts_per_type")  # type: ignore[arg-type]
            else {},
            shift_counts=dict(counts),
            max_weekends=int_limit(scenario, employee, "max_weekends") if self._enabled("max_weekends")
            else None,
            weekends=sum(any(flags[d] for d in days) for days in self._weekends),
            rest_minutes=float(rest) * 60 if rest and self._enabled("minimum_rest_between_shifts") else 0.0,
        )
        self._people[e] = person
        return person

    def _limit_reached(self, c: _Candidate) -> str | None:
        scenario, view = self.scenario, self.view
        e = c.employee.employee_id
        today = view.on_day(e, c.day)
        if today:
            return f"works {today[0].shift_id} that day"
        me = self._person(c.employee)
        instance = (c.day, c.shift)
        for other_day in (c.day - 2, c.day - 1, c.day + 1, c.day + 2):
            for other in view.on_day(e, other_day):
                theirs = (other_day, scenario.shift(other.shift_id))
                gap = rest_minutes(theirs, instance) if other_day < c.day else rest_minutes(instance, theirs)
                if gap < 0:
                    return f"works {other.shift_id} on {describe_day(scenario, other_day)}, which overlaps"
                if gap < me.rest_minutes:
                    return f"would rest only {gap / 60:g} h next to {other.shift_id}"
                if (other_day == c.day - 1 and (other.shift_id, c.shift.shift_id) in self._forbidden) or (
                    other_day == c.day + 1 and (c.shift.shift_id, other.shift_id) in self._forbidden
                ):
                    return f"works {other.shift_id} next to it (forbidden succession)"
        week = scenario.week_of(c.day)
        worked, maximum = me.week_minutes[week], me.max_week_minutes[week]
        if maximum is not None and worked + c.shift.paid_minutes > maximum:
            return f"has {worked / 60:g} h that week (max {maximum / 60:g} h)"
        if me.max_days is not None and me.week_days[week] + 1 > me.max_days:
            return f"works {me.week_days[week]} days that week (max {me.max_days})"
        if me.max_consecutive is not None:
            first = last = c.day
            while first > 0 and me.flags[first - 1]:
                first -= 1
            while last + 1 < len(me.flags) and me.flags[last + 1]:
                last += 1
            if last - first + 1 > me.max_consecutive:
                return f"would work {last - first + 1} days in a row (max {me.max_consecutive})"
        cap = me.caps.get(c.shift.shift_id)
        count = me.shift_counts.get(c.shift.shift_id, 0)
        if cap is not None and count + 1 > int(cap):
            return f"works {count} {c.shift.shift_id} shifts (max {cap})"
        weekend = self._weekend_of.get(c.day)
        if (
            me.max_weekends is not None
            and weekend is not None
            and me.weekends + 1 > me.max_weekends
            and not any(me.flags[d] for d in weekend)
        ):
            return f"works {me.weekends} weekends (max {me.max_weekends})"
        return None

    def blocked(self, c: _Candidate) -> str | None:
        """The leave or unavailability that keeps the employee off this shift instance."""
        for entry in self._blocking.get(c.employee.employee_id, ()):
            if entry_covers(entry, c.day, c.shift):
                return entry.kind
        return None

    def staff_cost(self, c: _Candidate) -> int:
        """Units of one more shift for an employee: the wage plus any overtime it adds."""
        key = (c.employee.employee_id, c.day, c.shift.shift_id)
        if key not in self._staff_costs:
            self._staff_costs[key] = costs.shift_wage(c.employee, c.shift) + self._overtime(c)
        return self._staff_costs[key]

    def _overtime(self, c: _Candidate) -> int:
        terms = overtime_terms(self.scenario, c.employee)
        if terms is None or not self._enabled("pay_overtime"):
            return 0
        threshold, rate = terms
        worked = self._person(c.employee).week_minutes[self.scenario.week_of(c.day)]
        return (max(0, worked + c.shift.paid_minutes - threshold) - max(0, worked - threshold)) * rate

    def staff_fix(self, c: _Candidate) -> Fix:
        what = "overtime" if self._overtime(c) else "extra shift"
        when = describe_day(self.scenario, c.day)
        return Fix(f"{what} for {c.employee.employee_id} on {c.shift.shift_id} {when}", self.staff_cost(c))

    def temp_fixes(self, skill: str, instances: Sequence[tuple[int, str]]) -> list[Fix]:
        """One more temp from each offer that may still send one to a covering instance."""
        scenario = self.scenario
        if not scenario.settings.temps_enabled:
            return []
        fixes: list[Fix] = []
        for offer in scenario.temp_offers:
            if offer.skill != skill:
                continue
            for day, shift_id in instances:
                shift = scenario.shift(shift_id)
                if day < offer.notice_days or not shift.allows_skill(offer.skill):
                    continue
                if offer.shifts is not None and shift_id not in offer.shifts:
                    continue
                if self._booked[offer.offer_id, day] >= offer.max_per_day:
                    continue
                fixes.append(
                    Fix(
                        f"book 1 temp from {offer.offer_id} on {shift_id} {describe_day(scenario, day)}",
                        costs.temp_cost(offer, shift),
                    )
                )
        return fixes

    def explain(self, demand: Demand) -> ShortfallReason:
        """Why one demand row is short, and the cheapest single fix (one more head).

        The candidates are the people holding the skill who could work a covering shift
        instance (the shift allows the skill, same site). A candidate is busy when they work
        that day or an extra shift would cross one of their limits (`limit_reached`); a free
        candidate may still be on leave or unavailable. The fix is the cheapest of: one temp
        from an offer that may still send one, or one extra shift for a free, available
        candidate (priced with the overtime it adds).
        """
        instances = tuple(covering_instances(self.scenario, demand))
        key = (demand.skill, instances)
        if key not in self._answers:
            self._answers[key] = self._explain(demand.skill, instances)
        return self._answers[key]

    def _instance(self, skill: str, day: int, shift_id: str) -> _InstanceState:
        """Who could add a head of `skill` to one shift instance, and who cannot and why."""
        key = (skill, day, shift_id)
        if key in self._instances:
            return self._instances[key]
        shift = self.scenario.shift(shift_id)
        candidates = busy = 0
        why_busy: list[tuple[str, str]] = []
        blocked: list[tuple[str, str]] = []
        available: list[_Candidate] = []
        for employee in self._holders.get(skill, ()):
            if not can_work(employee, shift, skill):
                continue
            candidates += 1
            c = _Candidate(employee, day, shift)
            why = self.limit_reached(c)
            if why is not None:
                busy += 1
                why_busy.append((employee.employee_id, f"{employee.employee_id} {why}"))
                continue
            kind = self.blocked(c)
            if kind is not None:
                blocked.append((employee.employee_id, f"{employee.employee_id} on {kind}"))
            else:
                available.append(c)
        cheapest = min(
            available, key=lambda c: (self.staff_cost(c), c.employee.employee_id), default=None
        )
        state = _InstanceState(
            candidates, candidates - busy, tuple(why_busy), tuple(blocked),
            tuple(c.employee.employee_id for c in available), cheapest,
        )
        self._instances[key] = state
        return state

    def _explain(self, skill: str, instances: tuple[tuple[int, str], ...]) -> ShortfallReason:
        """The answer for every demand row of one skill covered by the same shift instances."""
        temp_fixes = self.temp_fixes(skill, instances)

        def answer(reason: ReasonCode, detail: str, fixes: list[Fix]) -> ShortfallReason:
            best = min(fixes, key=lambda f: (f.cost_units, f.text)) if fixes else None
            return ShortfallReason(reason, detail, best)

        if not instances:
            return answer("no_one_qualified", f"no shift covers {skill} at that time", temp_fixes)
        states = [self._instance(skill, day, shift_id) for day, shift_id in instances]
        if not any(state.candidates for state in states):
            detail = (
                f"nobody holding {skill} may work the shifts that cover it (site)"
                if self._holders.get(skill)
                else f"nobody holds {skill}"
            )
            return answer("no_one_qualified", detail, temp_fixes)
        if not any(state.free for state in states):
            busy = dict(reversed([item for state in states for item in state.busy]))
            detail = f"{len(busy)} qualified, all busy: " + _names(sorted(busy.values()))
            return answer("all_qualified_busy", detail, temp_fixes)
        options = [state.cheapest for state in states if state.cheapest is not None]
        if not options:
            blocked = dict(reversed([item for state in states for item in state.blocked]))
            busy = {e for state in states for e, _ in state.busy} - set(blocked)
            detail = f"free but unavailable: {_names(sorted(blocked.values()))}"
            detail += f" (the other {len(busy)} qualified are busy)" if busy else ""
            return answer("availability", detail, temp_fixes)
        people = sorted({e for state in states for e in state.available})
        cheapest = min(options, key=lambda c: (self.staff_cost(c), c.employee.employee_id, c.day))
        return answer(
            "left_short_by_cost", f"could work it: {_names(people)}", [*temp_fixes, self.staff_fix(cheapest)]
        )


def explain_shortfall(view: RosterView, demand: Demand) -> ShortfallReason:
    """Why one demand row is short, and its cheapest single fix (see `ShortfallExplainer`)."""
    return ShortfallExplainer(view).explain(demand)


# --- tables -> plan ----------------------------------------------------------------------------


def _text(value: object) -> str:
    return unneutralise(str(value).strip()) if value is not None else ""


def _check_columns(
    frame: pd.DataFrame, file: str, known: Sequence[str], required: Sequence[str]
) -> list[Issue]:
    issues: list[Issue] = []
    for column in frame.columns:
        if column not in known:
            issues.append(
                error(
                    file,
                    1,
                    column,
                    column,
                    f"{file} has a column '{column}' that is not one of its columns.",
                    f"Remove or rename it; the columns are {', '.join(known)}.",
                )
            )
    for column in required:
        if column not in frame.columns:
            issues.append(
                error(
                    file,
                    1,
                    column,
                    None,
                    f"{file} has no '{column}' column.",
                    f"Add the column '{column}' (the tables the planner writes have it).",
                )
            )
    return issues


def _parse_day(
    scenario: Scenario, file: str, row: int, text: str, column: str = "date"
) -> tuple[int | None, Issue | None]:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        return None, error(
            file, row, column, text, f"'{text}' is not a date.", "Write dates as YYYY-MM-DD."
        )
    day = (date - scenario.settings.start_date).days
    if not 0 <= day < scenario.settings.days:
        last = scenario.settings.date_of(scenario.settings.days - 1)
        return None, error(
            file,
            row,
            column,
            text,
            f"{text} is outside the scenario's horizon "
            f"({scenario.settings.start_date.isoformat()} to {last.isoformat()}).",
            "Use the roster written for this scenario, or fix the date.",
        )
    return day, None


def _unknown(file: str, row: int, column: str, value: str, what: str, source: str) -> Issue:
    return error(
        file,
        row,
        column,
        value,
        f"{what} '{value}' is not in {source}." if value else f"The {what} is empty.",
        f"Use a {what} from {source} (ids are case-sensitive).",
    )


def _time_mismatch(
    scenario: Scenario, file: str, row: int, record: Mapping[str, str], shift: Shift, day: int
) -> list[Issue]:
    """Warn when `start_at`/`end_at` were edited: the shift id decides the time."""
    issues: list[Issue] = []
    start, end = shift.span(day)
    for column, minute in (("start_at", start), ("end_at", end)):
        given = _text(record.get(column, ""))
        expected = at(scenario, minute)
        if given and given.replace(" ", "T")[:16] != expected:
            issues.append(
                warning(
                    file,
                    row,
                    column,
                    given,
                    f"Shift {shift.shift_id} on {describe_day(scenario, day)} is at {expected}, "
                    f"not {given}; the shift's own time is used.",
                    "To change the time, choose another shift_id from shifts.csv.",
                )
            )
    return issues


def _is_training_row(cells: Mapping[str, str]) -> bool:
    return cells.get("activity", "").lower() == "training"


def _roster_rows(scenario: Scenario, frame: pd.DataFrame, file: str) -> tuple[list[Assignment], list[Issue]]:
    """The work rows as assignments; `activity=training` rows are left to `training_plan.csv`."""
    assignments: list[Assignment] = []
    issues: list[Issue] = []
    for row, record in zip(frame.index, frame.to_dict("records"), strict=True):
        cells = {key: _text(value) for key, value in record.items()}
        if _is_training_row(cells):
            continue
        row_issues: list[Issue] = []
        day, problem = _parse_day(scenario, file, int(row), cells["date"])
        if problem:
            row_issues.append(problem)
        employee_id = cells["employee_id"]
        if employee_id not in scenario.employees_by_id:
            row_issues.append(
                _unknown(file, int(row), "employee_id", employee_id, "employee id", "staff.csv")
            )
        shift_id = cells["shift_id"]
        shift = scenario.shifts_by_id.get(shift_id)
        if shift is None:
            row_issues.append(_unknown(file, int(row), "shift_id", shift_id, "shift id", "shifts.csv"))
        elif day is not None and not scenario.shift_runs_on(shift, day):
            row_issues.append(
                error(
                    file,
                    int(row),
                    "shift_id",
                    shift_id,
                    f"Shift {shift_id} does not run on {describe_day(scenario, day)}.",
                    "Use a shift whose days in shifts.csv include that weekday.",
                )
            )
        skill = cells["skill"]
        if not skill:
            row_issues.append(
                error(file, int(row), "skill", "", "The skill is empty.", "Give the skill worked.")
            )
        activity = cells.get("activity", "").lower() or "work"
        if activity not in ACTIVITIES:
            row_issues.append(
                error(
                    file,
                    int(row),
                    "activity",
                    activity,
                    f"Activity '{activity}' is neither 'work' nor 'training'.",
                    "Write work or training.",
                )
            )
        if not row_issues and day is not None and shift is not None:
            row_issues += _time_mismatch(scenario, file, int(row), cells, shift, day)
            assignments.append(Assignment(employee_id, day, shift_id, skill, activity))  # type: ignore[arg-type]
        issues += row_issues
    return assignments, issues


def _temp_rows(scenario: Scenario, frame: pd.DataFrame, file: str) -> tuple[list[TempBooking], list[Issue]]:
    bookings: list[TempBooking] = []
    issues: list[Issue] = []
    for row, record in zip(frame.index, frame.to_dict("records"), strict=True):
        cells = {key: _text(value) for key, value in record.items()}
        row_issues: list[Issue] = []
        day, problem = _parse_day(scenario, file, int(row), cells["date"])
        if problem:
            row_issues.append(problem)
        offer_id = cells["offer_id"]
        if offer_id not in scenario.temp_offers_by_id:
            row_issues.append(
                _unknown(file, int(row), "offer_id", offer_id, "temp offer id", "temp_pool.csv")
            )
        shift_id = cells["shift_id"]
        shift = scenario.shifts_by_id.get(shift_id)
        if shift is None:
            row_issues.append(_unknown(file, int(row), "shift_id", shift_id, "shift id", "shifts.csv"))
        count = 0
        try:
            count = int(float(cells["count"]))
            valid = count >= 1 and float(cells["count"]) == count
        except ValueError:
            valid = False
        if not valid:
            row_issues.append(
                error(
                    file,
                    int(row),
                    "count",
                    cells["count"],
                    f"'{cells['count']}' is not a whole number of temps of 1 or more.",
                    "Give how many temps are booked, e.g. 2.",
                )
            )
        if not cells["skill"]:
            row_issues.append(
                error(file, int(row), "skill", "", "The skill is empty.", "Give the temps' skill.")
            )
        if not row_issues and day is not None and shift is not None:
            row_issues += _time_mismatch(scenario, file, int(row), cells, shift, day)
            bookings.append(TempBooking(offer_id, day, shift_id, cells["skill"], count))
        issues += row_issues
    return bookings, issues


def _training_rows_without_plan(frame: pd.DataFrame, file: str) -> list[Issue]:
    """One error when a roster has course days but no `training_plan.csv` was given."""
    if "activity" not in frame.columns:
        return []
    rows = [
        int(row) for row, value in frame["activity"].items() if _is_training_row({"activity": _text(value)})
    ]
    if not rows:
        return []
    shown = ", ".join(map(str, rows[:5])) + (", ..." if len(rows) > 5 else "")
    return [
        error(
            file,
            rows[0],
            "activity",
            "training",
            f"{file} has {len(rows)} training row(s) (rows {shown}), but "
            f"there is no {TRAINING_FILE}: training rows need {TRAINING_FILE}, which says who "
            "takes which course session.",
            f"Put the {TRAINING_FILE} the planner wrote beside {file}, or delete the training rows.",
        )
    ]


def _training_rows(scenario: Scenario, frame: pd.DataFrame, file: str) -> tuple[list[Training], list[Issue]]:
    training: list[Training] = []
    issues: list[Issue] = []
    for row, record in zip(frame.index, frame.to_dict("records"), strict=True):
        cells = {key: _text(value) for key, value in record.items()}
        row_issues: list[Issue] = []
        day, problem = _parse_day(scenario, file, int(row), cells["start_date"], "start_date")
        if problem:
            row_issues.append(problem)
        employee_id = cells["employee_id"]
        if employee_id not in scenario.employees_by_id:
            row_issues.append(
                _unknown(file, int(row), "employee_id", employee_id, "employee id", "staff.csv")
            )
        course_id = cells["course_id"]
        course = scenario.courses_by_id.get(course_id)
        if course is None:
            row_issues.append(_unknown(file, int(row), "course_id", course_id, "course id", "training.csv"))
        if not row_issues and day is not None and course is not None:
            row_issues += _training_mismatch(scenario, file, int(row), cells, course, day)
            training.append(Training(employee_id, course_id, day))
        issues += row_issues
    return training, issues


def _training_mismatch(
    scenario: Scenario, file: str, row: int, cells: Mapping[str, str], course: Course, day: int
) -> list[Issue]:
    """Warn when `skill` or `end_date` were edited: the course and its start decide them."""
    issues: list[Issue] = []
    days = scenario.course_days(course, day)
    expected = {"skill": course.skill, "end_date": _date(scenario, days[-1] if days else day)}
    for column, value in expected.items():
        given = cells.get(column, "")
        if given and given != value:
            issues.append(
                warning(
                    file,
                    row,
                    column,
                    given,
                    f"Course {course.course_id} starting {describe_day(scenario, day)} has "
                    f"{column} {value}, not {given}; the course's own {column} is used.",
                    "To change it, choose another course_id or start_date.",
                )
            )
    return issues


def plan_from_frames(
    scenario: Scenario,
    roster: pd.DataFrame,
    temps: pd.DataFrame | None = None,
    training: pd.DataFrame | None = None,
    *,
    roster_file: str = ROSTER_FILE,
    temps_file: str = TEMPS_FILE,
    training_file: str = TRAINING_FILE,
    stats: SolveStats | None = None,
) -> tuple[Plan | None, list[Issue]]:
    """A plan from roster, temp booking and training tables of strings (as `read_table`
    gives them, indexed by spreadsheet row); None with the issues when any is an error.

    Dates become day indexes from the scenario's `start_date`; `name`, `start_at`, `end_at`,
    `paid_hours`, `hours`, `provider`, `cost` and the training table's `end_date`, `days`,
    `hours`, `fee`, `pay` and `qualified_from` are derived columns and are not read (a changed
    `start_at`/`end_at`, `skill` of a course or `end_date` gets a warning). The training table
    is the source of truth for training: the roster's `activity=training` rows are not read,
    and are an error without it. Cells neutralised against formulas (a leading `'`) are read
    without it.
    """
    issues = _check_columns(roster, roster_file, ROSTER_COLUMNS, REQUIRED_ROSTER_COLUMNS)
    if temps is not None:
        issues += _check_columns(temps, temps_file, TEMP_COLUMNS, REQUIRED_TEMP_COLUMNS)
    if training is not None:
        issues += _check_columns(training, training_file, TRAINING_COLUMNS, REQUIRED_TRAINING_COLUMNS)
    if any(issue.is_error for issue in issues):
        return None, issues
    if training is None:
        issues += _training_rows_without_plan(roster, roster_file)
    assignments, roster_issues = _roster_rows(scenario, roster, roster_file)
    issues += roster_issues
    bookings: list[TempBooking] = []
    if temps is not None:
        bookings, temp_issues = _temp_rows(scenario, temps, temps_file)
        issues += temp_issues
    sessions: list[Training] = []
    if training is not None:
        sessions, training_issues = _training_rows(scenario, training, training_file)
        issues += training_issues
    if any(issue.is_error for issue in issues):
        return None, issues
    plan = Plan(
        assignments=tuple(assignments),
        temp_bookings=tuple(bookings),
        training=tuple(sessions),
        stats=stats or SolveStats(status="UNKNOWN"),
    )
    return plan, issues


def _read(folder: Path, file: str, required: bool) -> tuple[pd.DataFrame | None, list[Issue]]:
    path = folder / file
    if not path.is_file():
        if not required:
            return None, []
        return None, [
            error(
                file,
                None,
                None,
                None,
                f"There is no {file} in the plan folder '{folder.name}'.",
                f"Give the folder `planner solve` wrote (it holds {ROSTER_FILE}).",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [
            error(
                file,
                None,
                None,
                None,
                f"{file} cannot be opened ({exc.strerror or exc}).",
                "Close the file in other programs and check you may read it.",
            )
        ]
    frame, issues = read_table(file, data)
    if frame is not None and frame.empty:
        # A roster with no rows is a valid (empty) plan, not a broken file.
        issues = [issue for issue in issues if not (issue.is_error and issue.row is None)]
    return frame, issues


def read_plan(scenario: Scenario, folder: str | Path) -> tuple[Plan | None, list[Issue]]:
    """Read `roster.csv` (required), `temp_bookings.csv` and `training_plan.csv` (optional)
    from a plan folder."""
    folder = Path(folder)
    if not folder.is_dir():
        return None, [
            error(
                "plan",
                None,
                None,
                folder.name,
                f"There is no plan folder '{folder.name}'.",
                "Give the folder `planner solve --out` wrote.",
            )
        ]
    roster, issues = _read(folder, ROSTER_FILE, required=True)
    temps, temp_issues = _read(folder, TEMPS_FILE, required=False)
    issues += temp_issues
    training, training_issues = _read(folder, TRAINING_FILE, required=False)
    issues += training_issues
    if roster is None or any(issue.is_error for issue in issues):
        return None, issues
    plan, more = plan_from_frames(scenario, roster, temps, training)
    return plan, issues + more


