"""A plan out to files: CSV tables, `summary.json`, the `roster.xlsx` workbook and calendars.

`write_outputs` writes the folder of DESIGN §4 (the tables come from `plan_tables`). Two
promises hold for every file written here:

- Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is
  neutralised with a leading `'`, in CSV and XLSX alike; numbers, negative ones included,
  stay numbers.
- Money is in the scenario's currency rounded to cents; `summary.json` also keeps the exact
  objective units so `planner check` can compare without rounding.

Calendars follow RFC 5545: CRLF line ends, lines folded at 75 octets, a stable UID per
shift and per course day, floating local times (the roster's wall-clock times, whatever the
reader's zone).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner import costs
from planner.check import CheckReport, check_plan
from planner.demand.service import service_frame, service_summary
from planner.demand.staffing import conversion_frame
from planner.domain import MINUTES_PER_DAY, Assignment, Course, Employee, Plan, Scenario, Training
from planner.io.plan_tables import (
    COVERAGE_FILE,
    ROSTER_FILE,
    SHORTFALL_FILE,
    TEMPS_FILE,
    TRAINING_FILE,
    coverage_frame,
    neutralise,
    roster_frame,
    shortfall_frame,
    temp_bookings_frame,
    training_frame,
)
from planner.reports import coverage_totals, employee_hours, spread
from planner.rules.availability import BLOCKING
from planner.rules.view import RosterView
from planner.timeline import clock
from planner.training import TRAINING_START_MINUTE, course_minutes, training_days
from planner.training_report import training_summary

SUMMARY_FILE = "summary.json"
WORKBOOK_FILE = "roster.xlsx"
CALENDAR_DIR = "calendars"
STAFFING_FILE = "staffing.csv"
"""Queue and workload rows converted to heads (`planner.demand.staffing.conversion_frame`)."""
OUTPUT_FILES: tuple[str, ...] = (
    STAFFING_FILE,
    ROSTER_FILE,
    TEMPS_FILE,
    TRAINING_FILE,
    COVERAGE_FILE,
    SHORTFALL_FILE,
    SUMMARY_FILE,
    WORKBOOK_FILE,
)
"""The files `write_outputs` owns in an output folder (plus `calendars/*.ics`)."""

SOLVED = ("OPTIMAL", "FEASIBLE")
PRODID = "-//staffing-planner//roster//EN"

SHIFT_COLOURS: tuple[str, ...] = (
    "#CFE2F3",
    "#FCE5CD",
    "#D9EAD3",
    "#EAD1DC",
    "#FFF2CC",
    "#D9D2E9",
    "#D0E0E3",
    "#F4CCCC",
    "#E6B8AF",
    "#C9DAF8",
)
"""Pale fills for the grid, one per shift in `shifts.csv` order (repeating after ten)."""

_DATE_COLUMNS = frozenset({"date"})
_DATETIME_COLUMNS = frozenset({"start_at", "end_at"})
_MAX_WIDTH = 60


@dataclass(frozen=True)
class PlanTables:
    """The output tables of one plan."""

    roster: pd.DataFrame
    temps: pd.DataFrame
    coverage: pd.DataFrame
    shortfall: pd.DataFrame
    training: pd.DataFrame

    def by_file(self) -> dict[str, pd.DataFrame]:
        return {
            ROSTER_FILE: self.roster,
            TEMPS_FILE: self.temps,
            TRAINING_FILE: self.training,
            COVERAGE_FILE: self.coverage,
            SHORTFALL_FILE: self.shortfall,
        }


def has_roster(plan: Plan) -> bool:
    """Did the solve give a roster (possibly empty) rather than no answer at all."""
    return plan.stats.status in SOLVED or bool(plan.assignments or plan.temp_bookings or plan.training)


def plan_tables(scenario: Scenario, plan: Plan) -> PlanTables:
    view = RosterView(scenario, plan)
    return PlanTables(
        roster=roster_frame(scenario, plan),
        temps=temp_bookings_frame(scenario, plan),
        coverage=coverage_frame(scenario, plan, view),
        shortfall=shortfall_frame(scenario, plan, view),
        training=training_frame(scenario, plan),
    )


# --- CSV and JSON -------------------------------------------------------------------------------


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as spreadsheet formulas; numbers are untouched."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            continue
        out[column] = [neutralise(v) if isinstance(v, str) else v for v in out[column]]
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """UTF-8, comma separated, one header row, `\\n` line ends, formulas neutralised."""
    neutralised(frame).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def _round(value: float | None, digits: int) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, digits) + 0.0


def build_summary(
    scenario: Scenario,
    plan: Plan,
    report: CheckReport | None = None,
    untrained: Plan | None = None,
) -> dict[str, Any]:
    """The run in figures, for `summary.json`: solver, costs (from the checker), coverage,
    temps, training, fairness and rule breaches. Without a roster only the solver part and
    the conflicts are given. `untrained`: the roster solved with training switched off, for
    the training block's comparison."""
    settings = scenario.settings
    stats = plan.stats
    summary: dict[str, Any] = {
        "scenario": {
            "name": settings.name,
            "start_date": settings.start_date.isoformat(),
            "end_date": settings.date_of(settings.days - 1).isoformat(),
            "days": settings.days,
            "currency": settings.currency,
            "employees": len(scenario.employees),
            "shifts": len(scenario.shifts),
            "demand_rows": len(scenario.demand),
        },
        "solver": {
            "status": stats.status,
            "objective": _round(stats.objective, 2),
            "objective_units": stats.objective_units,
            "best_bound": _round(stats.best_bound, 2),
            "gap": _round(stats.gap, 6),
            "seconds": _round(stats.seconds, 3),
            "first_solution_seconds": _round(stats.first_solution_seconds, 3),
            "workers": stats.workers,
            "seed": stats.seed,
        },
        "conflicts": list(stats.conflicts),
    }
    if not has_roster(plan):
        return summary
    report = report or check_plan(scenario, plan)
    view = RosterView(scenario, plan)
    totals = coverage_totals(scenario, plan, view)
    people = employee_hours(scenario, plan, view)
    temps = temp_bookings_frame(scenario, plan)
    summary["check"] = {
        "objective": _round(report.objective, 2),
        "objective_units": report.objective_units,
        "agrees_with_solver": (
            None if stats.objective_units is None else report.objective_units == stats.objective_units
        ),
        "problems": list(report.problems),
    }
    summary["costs"] = {
        **{kind: round(costs.to_money(units), 2) + 0.0 for kind, units in sorted(report.costs.items())},
        "total": _round(report.objective, 2),
    }
    summary["coverage"] = {
        "required_staff_hours": totals.required_hours,
        "covered_staff_hours": totals.covered_hours,
        "short_staff_hours": totals.short_hours,
        "surplus_staff_hours": totals.surplus_hours,
        "covered_pct": totals.covered_pct,
    }
    service = service_summary(service_frame(scenario, plan, view))
    if service:
        summary["service"] = service
    summary["temps"] = {
        "bookings": len(temps),
        "count": int(temps["count"].sum()) if len(temps) else 0,
        "hours": _round(float(temps["hours"].sum()), 2) if len(temps) else 0.0,
        "cost": _round(float(temps["cost"].sum()), 2) if len(temps) else 0.0,
    }
    summary["fairness"] = {
        "hours_per_employee": spread(people["paid_hours"]),
        "weekends_per_employee": spread(people["weekends"]),
        "shifts_per_employee": spread(people["shifts"]),
    }
    summary["violations"] = {
        "hard_total": len(report.hard_violations),
        "soft_total": len(report.soft_violations),
        "hard": report.count_by_rule(hard=True),
        "soft": report.count_by_rule(hard=False),
    }
    training = training_summary(scenario, plan, untrained)
    if training is not None:
        summary["training"] = training
    return summary


def write_summary(summary: Mapping[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(summary, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    return path


# --- XLSX ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Formats:
    header: Any
    text: Any
    number: Any
    date: Any
    datetime: Any
    grid_header: Any
    weekend_header: Any
    name: Any
    off: Any
    weekend_off: Any
    leave: Any
    short: Any
    total: Any
    training: Any
    shifts: Mapping[str, Any]


def _formats(book: Workbook, shift_ids: Iterable[str] = ()) -> _Formats:
    border = {"border": 1, "border_color": "#BFBFBF"}
    header = {"bold": True, "bg_color": "#D9D9D9", "valign": "top", **border}
    cell = {"valign": "top", "text_wrap": True, "font_size": 9, **border}
    return _Formats(
        header=book.add_format(header),
        text=book.add_format({"valign": "top"}),
        number=book.add_format({"valign": "top", "num_format": "General"}),
        date=book.add_format({"valign": "top", "num_format": "yyyy-mm-dd"}),
        datetime=book.add_format({"valign": "top", "num_format": "yyyy-mm-dd hh:mm"}),
        grid_header=book.add_format({**header, "text_wrap": True, "align": "center"}),
        weekend_header=book.add_format(
            {**header, "text_wrap": True, "align": "center", "bg_color": "#B7B7B7"}
        ),
        name=book.add_format({"valign": "top", "bold": True, **border}),
        off=book.add_format(cell),
        weekend_off=book.add_format({**cell, "bg_color": "#F3F3F3"}),
        leave=book.add_format({**cell, "italic": True, "font_color": "#7F7F7F", "bg_color": "#EFEFEF"}),
        short=book.add_format({"bg_color": "#F4CCCC"}),
        total=book.add_format({"valign": "top", "num_format": "0.##", **border}),
        training=book.add_format({**cell, "italic": True, "bg_color": "#E2EFDA"}),
        shifts={
            shift_id: book.add_format({**cell, "bg_color": SHIFT_COLOURS[i % len(SHIFT_COLOURS)]})
            for i, shift_id in enumerate(shift_ids)
        },
    )


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _write_cell(sheet: Worksheet, row: int, col: int, column: str, value: object, fmt: _Formats) -> int:
    """Write one table cell with its type; returns the width it needs."""
    if _is_missing(value):
        sheet.write_blank(row, col, None, fmt.text)
        return 0
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt.text)
        return 5
    if isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, float(value), fmt.number)
        return len(f"{value:g}")
    text = str(value)
    if not text:
        sheet.write_blank(row, col, None, fmt.text)
        return 0
    if column in _DATE_COLUMNS or column in _DATETIME_COLUMNS:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if column in _DATE_COLUMNS:
                sheet.write_datetime(row, col, moment, fmt.date)
                return 10
            sheet.write_datetime(row, col, moment, fmt.datetime)
            return 16
    text = neutralise(text)
    sheet.write_string(row, col, text, fmt.text)
    return max((len(line) for line in text.splitlines()), default=0)


def _plain(value: object) -> object:
    """numpy scalars -> Python scalars, so `_write_cell` sees int and float."""
    return value.item() if hasattr(value, "item") else value


def _write_table(book: Workbook, name: str, frame: pd.DataFrame, fmt: _Formats) -> Worksheet:
    sheet = book.add_worksheet(name)
    widths = [len(str(column)) for column in frame.columns]
    for col, column in enumerate(frame.columns):
        sheet.write_string(0, col, neutralise(str(column)), fmt.header)
    for row, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        for col, (column, value) in enumerate(zip(frame.columns, values, strict=True)):
            widths[col] = max(widths[col], _write_cell(sheet, row, col, column, _plain(value), fmt))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(_MAX_WIDTH, width + 2))
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, max(1, len(frame)), len(frame.columns) - 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    return sheet


def grid_text(scenario: Scenario, assignment: Assignment) -> str:
    """`07:00-15:00 phone` (or `07:00-15:00 training phone`) for one assignment."""
    shift = scenario.shift(assignment.shift_id)
    start, end = shift.span(assignment.day)
    what = assignment.skill if assignment.activity == "work" else f"training {assignment.skill}"
    return f"{clock(start)}-{clock(end)} {what}"


def training_grid_text(course: Course) -> str:
    """`training billing (C-BILL)` for one course day."""
    return f"training {course.skill} ({course.course_id})"


def _whole_day_off(scenario: Scenario) -> dict[tuple[str, int], str]:
    """(employee, day) -> `leave` / `unavailable` for entries that cover the whole day."""
    found: dict[tuple[str, int], str] = {}
    for entry in scenario.availability:
        if entry.kind in BLOCKING and entry.shift_id is None and entry.start is None:
            found.setdefault((entry.employee_id, entry.day), entry.kind)
    return found


def _write_grid(book: Workbook, scenario: Scenario, plan: Plan, fmt: _Formats) -> None:
    """Employee x date, one cell per day with the shift time and skill, coloured by shift; a
    course day reads `training <skill> (<course>)` and counts in the paid hours."""
    sheet = book.add_worksheet("Grid")
    days = list(scenario.days)
    first_day_col = 2
    totals_col = first_day_col + len(days)
    sheet.write_string(0, 0, "employee_id", fmt.header)
    sheet.write_string(0, 1, "name", fmt.header)
    weekend = [scenario.settings.weekday_of(day) >= 5 for day in days]
    for i, day in enumerate(days):
        date = scenario.settings.date_of(day)
        sheet.write_string(
            0, first_day_col + i, f"{date:%a}\n{date.isoformat()}",
            fmt.weekend_header if weekend[i] else fmt.grid_header,
        )
    sheet.write_string(0, totals_col, "shifts", fmt.header)
    sheet.write_string(0, totals_col + 1, "paid hours", fmt.header)
    sheet.set_row(0, 30)

    by_cell: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
    for a in sorted(plan.assignments, key=lambda a: (a.day, scenario.shift(a.shift_id).start_minute)):
        if a.employee_id in scenario.employees_by_id and a.shift_id in scenario.shifts_by_id:
            by_cell[a.employee_id, a.day].append(a)
    off = _whole_day_off(scenario)
    on_course = training_days(scenario, plan.training)
    id_width, name_width, cell_width = 11, 4, 11
    row = 0
    for row, employee in enumerate(scenario.employees, start=1):
        e = employee.employee_id
        sheet.write_string(row, 0, neutralise(e), fmt.name)
        sheet.write_string(row, 1, neutralise(employee.name), fmt.name)
        id_width = max(id_width, len(e))
        name_width = max(name_width, len(employee.name))
        shifts = paid = 0
        for i, day in enumerate(days):
            col = first_day_col + i
            items = by_cell.get((e, day), [])
            course = on_course.get((e, day))
            if items or course is not None:
                lines = [grid_text(scenario, a) for a in items]
                if course is not None:
                    lines.insert(0, training_grid_text(course))
                    paid += course_minutes(course)
                text = "\n".join(lines)
                cell_format = fmt.shifts[items[0].shift_id] if items else fmt.training
                sheet.write_string(row, col, neutralise(text), cell_format)
                cell_width = max(cell_width, *(len(line) for line in text.splitlines()))
                shifts += len(items)
                paid += sum(scenario.shift(a.shift_id).paid_minutes for a in items)
            elif (e, day) in off:
                sheet.write_string(row, col, off[e, day], fmt.leave)
            else:
                sheet.write_blank(row, col, None, fmt.weekend_off if weekend[i] else fmt.off)
        sheet.write_number(row, totals_col, shifts, fmt.total)
        sheet.write_number(row, totals_col + 1, paid / 60, fmt.total)

    row = _write_grid_temps(sheet, scenario, plan, row + 1, first_day_col, fmt)
    row = _write_legend(sheet, scenario, row + 1, fmt, bool(on_course))

    sheet.set_column(0, 0, min(_MAX_WIDTH, id_width + 2))
    sheet.set_column(1, 1, min(_MAX_WIDTH, name_width + 2))
    sheet.set_column(first_day_col, totals_col - 1, min(_MAX_WIDTH, cell_width + 2))
    sheet.set_column(totals_col, totals_col + 1, 10)
    sheet.freeze_panes(1, first_day_col)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.repeat_columns(0, 1)
    sheet.print_area(0, 0, max(row, 1), totals_col + 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    title = (scenario.settings.name or "Roster").replace("&", "&&")
    sheet.set_header(f"&L{title}&R{scenario.settings.start_date.isoformat()} +{len(days)} days")
    sheet.set_footer("&CPage &P of &N")


def _write_grid_temps(
    sheet: Worksheet, scenario: Scenario, plan: Plan, row: int, first_day_col: int, fmt: _Formats
) -> int:
    """A `temps` row under the people: `2x 07:00-15:00 phone (agency)` per day."""
    if not plan.temp_bookings:
        return row - 1
    by_day: dict[int, list[str]] = defaultdict(list)
    for b in sorted(plan.temp_bookings, key=lambda b: (b.day, b.shift_id, b.offer_id)):
        offer = scenario.temp_offers_by_id.get(b.offer_id)
        shift = scenario.shifts_by_id.get(b.shift_id)
        if offer is None or shift is None:
            continue
        start, end = shift.span(b.day)
        by_day[b.day].append(f"{b.count}x {clock(start)}-{clock(end)} {b.skill} ({offer.provider})")
    sheet.write_string(row, 0, "temps", fmt.name)
    sheet.write_string(row, 1, "agency staff", fmt.name)
    for i, day in enumerate(scenario.days):
        if day in by_day:
            sheet.write_string(row, first_day_col + i, neutralise("\n".join(by_day[day])), fmt.off)
        else:
            sheet.write_blank(row, first_day_col + i, None, fmt.off)
    return row


def _write_legend(
    sheet: Worksheet, scenario: Scenario, row: int, fmt: _Formats, training: bool = False
) -> int:
    """Shift colours and times under the grid (and the course day's look, with training)."""
    row += 1
    sheet.write_string(row, 0, "shift", fmt.header)
    sheet.write_string(row, 1, "time", fmt.header)
    for shift in scenario.shifts:
        row += 1
        breaks = f", {shift.break_minutes} min break" if shift.break_minutes else ""
        sheet.write_string(row, 0, neutralise(shift.shift_id), fmt.shifts[shift.shift_id])
        sheet.write_string(
            row, 1, f"{clock(shift.start_minute)}-{clock(shift.end_minute)}{breaks}",
            fmt.shifts[shift.shift_id],
        )
    if training:
        row += 1
        sheet.write_string(row, 0, "training", fmt.training)
        sheet.write_string(
            row, 1, f"course day from {clock(TRAINING_START_MINUTE)} (see the Training sheet)", fmt.training
        )
    return row


def _flatten(value: Any, prefix: str = "") -> Iterable[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        yield prefix, "\n".join(str(item) for item in value)
    else:
        yield prefix, value


def _write_summary_sheet(book: Workbook, summary: Mapping[str, Any], fmt: _Formats) -> None:
    rows = [{"figure": key, "value": value} for key, value in _flatten(summary)]
    frame = pd.DataFrame.from_records(rows, columns=["figure", "value"])
    sheet = book.add_worksheet("Summary")
    sheet.write_string(0, 0, "figure", fmt.header)
    sheet.write_string(0, 1, "value", fmt.header)
    for row, (key, value) in enumerate(frame.itertuples(index=False, name=None), start=1):
        sheet.write_string(row, 0, neutralise(str(key)), fmt.text)
        _write_cell(sheet, row, 1, "value", _plain(value), fmt)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 1, 60)
    sheet.freeze_panes(1, 0)


def _workbook(path: Path) -> Workbook:
    """A workbook that writes every string as text: never a formula, URL or number."""
    return xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )


def write_tables_xlsx(frames: Mapping[str, pd.DataFrame], path: Path) -> Path:
    """Any tables as a workbook, one sheet each (sheet name -> frame), with the same safety
    as `roster.xlsx`: text never runs as a formula, numbers stay numbers."""
    book = _workbook(path)
    try:
        fmt = _formats(book)
        for name, frame in frames.items():
            _write_table(book, name, frame, fmt)
    finally:
        book.close()
    return path


def write_workbook(
    scenario: Scenario,
    plan: Plan,
    path: Path,
    tables: PlanTables | None = None,
    summary: Mapping[str, Any] | None = None,
) -> Path:
    """`roster.xlsx`: sheets Roster, Grid, Temps, Training, Coverage, Shortfall, Summary."""
    tables = tables or plan_tables(scenario, plan)
    summary = summary if summary is not None else build_summary(scenario, plan)
    book = _workbook(path)
    try:
        fmt = _formats(book, (shift.shift_id for shift in scenario.shifts))
        _write_table(book, "Roster", tables.roster, fmt)
        _write_grid(book, scenario, plan, fmt)
        _write_table(book, "Temps", tables.temps, fmt)
        _write_table(book, "Training", tables.training, fmt)
        coverage = _write_table(book, "Coverage", tables.coverage, fmt)
        if len(tables.coverage):
            col = list(tables.coverage.columns).index("shortfall")
            coverage.conditional_format(
                1, col, len(tables.coverage), col,
                {"type": "cell", "criteria": ">", "value": 0, "format": fmt.short},
            )
        _write_table(book, "Shortfall", tables.shortfall, fmt)
        _write_summary_sheet(book, summary, fmt)
        book.get_worksheet_by_name("Grid").activate()
    finally:
        book.close()
    return path


# --- ICS ----------------------------------------------------------------------------------------


def ics_escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets (continuation lines start with a space)."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def _ics_local(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def calendar_text(
    scenario: Scenario,
    employee: Employee,
    assignments: Iterable[Assignment],
    now: dt.datetime,
    training: Iterable[Training] = (),
) -> str:
    """One employee's shifts and course days as an iCalendar file (one VEVENT per shift and
    one per course day)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    base = dt.datetime.combine(scenario.settings.start_date, dt.time())
    title = scenario.settings.name or "Roster"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(f'{title}: {employee.name}')}",
    ]
    events: list[tuple[int, int, list[str]]] = []
    for t in training:
        course = scenario.courses_by_id.get(t.course_id)
        if course is None:
            continue
        days = scenario.course_days(course, t.start_day)
        minutes = course_minutes(course)
        for number, day in enumerate(days, start=1):
            start = day * MINUTES_PER_DAY + TRAINING_START_MINUTE
            end = start + minutes
            date = scenario.settings.date_of(day)
            key = "\x1f".join((title, employee.employee_id, date.isoformat(), "training", course.course_id))
            uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
            events.append((start, 0, [
                "BEGIN:VEVENT",
                f"UID:{uid}@staffing-planner",
                f"DTSTAMP:{stamp}",
                f"DTSTART:{_ics_local(base + dt.timedelta(minutes=start))}",
                f"DTEND:{_ics_local(base + dt.timedelta(minutes=end))}",
                f"SUMMARY:{ics_escape(f'{course.course_id}: training {course.skill}')}",
                "DESCRIPTION:"
                + ics_escape(
                    f"{title}. Course {course.course_id} ({course.skill} training), day {number} "
                    f"of {len(days)}, {clock(start)}-{clock(end)}, {minutes / 60:g} paid hours; "
                    f"qualified in {course.skill} from "
                    f"{scenario.settings.date_of(days[-1] + 1).isoformat()}."
                ),
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]))
    for a in sorted(assignments, key=lambda a: (a.day, a.shift_id)):
        shift = scenario.shift(a.shift_id)
        start, end = shift.span(a.day)
        date = scenario.settings.date_of(a.day)
        key = "\x1f".join((title, employee.employee_id, date.isoformat(), a.shift_id))
        uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        what = a.skill if a.activity == "work" else f"training {a.skill}"
        breaks = f", {shift.break_minutes} min break" if shift.break_minutes else ""
        events.append((start, 1, [
            "BEGIN:VEVENT",
            f"UID:{uid}@staffing-planner",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_local(base + dt.timedelta(minutes=start))}",
            f"DTEND:{_ics_local(base + dt.timedelta(minutes=end))}",
            f"SUMMARY:{ics_escape(f'{a.shift_id}: {what}')}",
            "DESCRIPTION:"
            + ics_escape(
                f"{title}. Shift {a.shift_id} {clock(start)}-{clock(end)}{breaks}, "
                f"{shift.paid_minutes / 60:g} paid hours, {what}."
            ),
            *([f"LOCATION:{ics_escape(shift.site)}"] if shift.site else []),
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]))
    for _, _, event in sorted(events, key=lambda item: (item[0], item[1])):
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def calendar_file_names(employee_ids: Iterable[str]) -> dict[str, str]:
    """employee id -> a safe, unique file name `<id>.ics` (odd characters become `_`; a
    clash, also one of case only, gets `-2`, `-3`, ...)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for employee_id in employee_ids:
        stem = re.sub(r"[^A-Za-z0-9._-]", "_", employee_id).lstrip(".") or "employee"
        name, n = stem, 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name.lower())
        names[employee_id] = f"{name}.ics"
    return names


def write_calendars(
    scenario: Scenario, plan: Plan, folder: Path, now: dt.datetime | None = None
) -> list[Path]:
    """`<folder>/<employee_id>.ics` for every employee (an empty calendar when off all week),
    with their shifts and course days."""
    now = now or dt.datetime.now(dt.UTC)
    folder.mkdir(parents=True, exist_ok=True)
    by_employee: dict[str, list[Assignment]] = defaultdict(list)
    for a in plan.assignments:
        if a.shift_id in scenario.shifts_by_id:
            by_employee[a.employee_id].append(a)
    trainees: dict[str, list[Training]] = defaultdict(list)
    for t in plan.training:
        trainees[t.employee_id].append(t)
    names = calendar_file_names(e.employee_id for e in scenario.employees)
    written: list[Path] = []
    for employee in scenario.employees:
        path = folder / names[employee.employee_id]
        text = calendar_text(
            scenario, employee, by_employee.get(employee.employee_id, []), now,
            trainees.get(employee.employee_id, []),
        )
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


# --- the whole folder ---------------------------------------------------------------------------


def _clear_previous(out: Path) -> None:
    """Remove the files an earlier run wrote here, so a folder never mixes two runs."""
    for name in OUTPUT_FILES:
        path = out / name
        if path.is_file():
            path.unlink()
    calendars = out / CALENDAR_DIR
    if calendars.is_dir():
        for path in calendars.glob("*.ics"):
            path.unlink()


def write_outputs(
    scenario: Scenario,
    plan: Plan,
    out_dir: str | Path,
    *,
    report: CheckReport | None = None,
    now: dt.datetime | None = None,
    untrained: Plan | None = None,
) -> list[Path]:
    """Write every output of a plan to `out_dir` (created if needed) and return the paths.

    With a roster: `roster.csv`, `temp_bookings.csv`, `training_plan.csv`, `coverage.csv`,
    `shortfall.csv`, `summary.json`, `roster.xlsx` and `calendars/<employee_id>.ics`. Without one (an
    infeasible scenario, or no roster in time): `summary.json` only, with the conflicts.
    Files of an earlier run in the folder are replaced. `report` is the checker's report of
    the plan (computed when not given); `now` stamps the calendars; `untrained` is the roster
    with training switched off, compared in the summary's training block.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _clear_previous(out)
    if not has_roster(plan):
        return [write_summary(build_summary(scenario, plan), out / SUMMARY_FILE)]
    report = report or check_plan(scenario, plan)
    summary = build_summary(scenario, plan, report, untrained)
    tables = plan_tables(scenario, plan)
    written = [write_csv(frame, out / name) for name, frame in tables.by_file().items()]
    if any(d.queue is not None or d.workload_hours is not None for d in scenario.demand):
        written.append(write_csv(conversion_frame(scenario), out / STAFFING_FILE))
    written.append(write_summary(summary, out / SUMMARY_FILE))
    written.append(write_workbook(scenario, plan, out / WORKBOOK_FILE, tables, summary))
    written += write_calendars(scenario, plan, out / CALENDAR_DIR, now)
    return written
