"""Loading a capacity plan's files: bytes -> tables -> issues -> `CapacityData`.

The way in mirrors the roster's (`planner.io`): `read_table` and `read_settings` turn bytes
into tables of strings indexed by spreadsheet row, the `check_*` functions below turn every
problem into an `Issue` (table, row, column, value, message, fix), and `build_capacity` runs
only on data without errors. Nothing here raises for bad input.

When there is no `requirements.csv` but the files are also a roster scenario, the roster is
loaded with `planner.io.load_scenario_files` and its `demand.csv` is summed per week and skill
(`requirements_from_demand`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from planner.capacity.data import CapacityData, CapacitySettings, Group, Transition
from planner.capacity.schema import (
    CHOICES,
    DEMAND_FILE,
    GROUPS_FILE,
    REQUIREMENTS_FILE,
    SETTINGS,
    SETTINGS_BY_KEY,
    SETTINGS_FILE,
    TABLES,
    TRANSITIONS_FILE,
    YES,
)
from planner.domain import Scenario
from planner.io import load_scenario_files
from planner.io.issues import Issue, error, warning
from planner.io.read import decode, read_settings, read_table
from planner.io.validate import (
    MAX_SAME,
    CellError,
    cell,
    parse_cell,
    records,
    settings_date,
    toml_key_lines,
)
from planner.schema import SETTINGS_FILE as ROSTER_SETTINGS_FILE
from planner.schema import TABLES as ROSTER_TABLES
from planner.schema import SettingSpec

CAPACITY_FILES: tuple[str, ...] = (*TABLES, SETTINGS_FILE)
"""Every file name of a capacity plan, in the order they are documented."""
ROSTER_FILES: tuple[str, ...] = (*ROSTER_TABLES, ROSTER_SETTINGS_FILE)
MAX_ZIP_BYTES = 64 * 1024 * 1024
_UPLOAD = "upload"
_FORMAT_DOC = "docs/CAPACITY.md"
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


@dataclass(frozen=True, eq=False)
class CapacityLoadResult:
    """What loading gave: the tables (strings by spreadsheet row), the settings, every issue,
    and the data when there is no error."""

    frames: dict[str, pd.DataFrame]
    settings: dict[str, Any]
    issues: tuple[Issue, ...]
    data: CapacityData | None = None
    roster: Scenario | None = None
    """The roster scenario whose demand gave the requirement, when it did."""

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if not issue.is_error)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.errors


# --- reading ------------------------------------------------------------------------------------


def _read_capacity_table(file: str, data: bytes) -> tuple[pd.DataFrame | None, list[Issue]]:
    """`read_table`, plus decimal commas read as points in the number columns of a file
    separated by semicolons (a spreadsheet export in a comma-decimal locale)."""
    frame, issues = read_table(file, data)
    if frame is None:
        return frame, issues
    text, _ = decode(data, file)
    lines = [line for line in text.splitlines() if not line.startswith("sep=")][:1]
    if not lines or "," in lines[0] or ";" not in lines[0]:
        return frame, issues
    for column in TABLES[file].columns:
        if column.type in ("int", "number") and column.name in frame.columns:
            frame[column.name] = frame[column.name].map(
                lambda value: value.replace(",", ".") if _DECIMAL_COMMA.fullmatch(value) else value
            )
    return frame, issues


def _unzip(data: bytes, name: str) -> tuple[dict[str, bytes], list[Issue]]:
    fix = "Zip the folder again (without a password), or upload the files one by one."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if sum(info.file_size for info in infos) > MAX_ZIP_BYTES:
                return {}, [error(name, None, None, None, f"{name} unpacks to more than "
                                  f"{MAX_ZIP_BYTES // (1024 * 1024)} MB.",
                                  "Put only the plan's CSV files and capacity.toml in the zip.")]
            return {info.filename: archive.read(info) for info in infos}, []
    except (zipfile.BadZipFile, ValueError, NotImplementedError, RuntimeError, OSError):
        return {}, [error(name, None, None, None, f"{name} is not a readable zip file.", fix)]


def _header_only(data: bytes) -> bool:
    """An empty file, or one with only a header row."""
    text, _ = decode(data, "")
    return sum(1 for line in text.splitlines() if line.strip(" ,;\t")) <= 1


def _skipped(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return not parts or any(part == "__MACOSX" or part.startswith(".") for part in parts)


# --- the checks' shared view -------------------------------------------------------------------


@dataclass
class Context:
    frames: Mapping[str, pd.DataFrame]
    given: frozenset[str]
    settings: Mapping[str, Any] | None
    settings_text: str = ""
    start_date: dt.date | None = None
    weeks: int | None = None
    uses_demand: bool = False
    """No `requirements.csv`: the requirement comes from a roster scenario's `demand.csv`."""
    _parsed: dict[tuple[str, str], dict[int, Any]] = field(default_factory=dict)
    _lines: dict[str, int] | None = None

    def rows(self, table: str) -> list[tuple[int, dict[str, Any]]]:
        frame = self.frames.get(table)
        return [] if frame is None else records(frame)

    def parsed(self, table: str, column: str) -> dict[int, Any]:
        """Row -> value of the non-blank cells of a column that parse."""
        key = (table, column)
        if key not in self._parsed:
            spec = TABLES[table].column(column)
            values: dict[int, Any] = {}
            for row, record in self.rows(table):
                text = cell(record, column)
                if text:
                    try:
                        values[row] = parse_cell(spec, text)
                    except CellError:
                        continue
            self._parsed[key] = values
        return self._parsed[key]

    def texts(self, table: str, column: str) -> dict[int, str]:
        return {row: text for row, record in self.rows(table) if (text := cell(record, column))}

    def group_ids(self) -> set[str]:
        return set(self.texts(GROUPS_FILE, "group").values())

    def line(self, key: str) -> int | None:
        if self._lines is None:
            self._lines = toml_key_lines(self.settings_text)
        parts = key.split(".")
        while parts:
            found = self._lines.get(".".join(parts))
            if found is not None:
                return found
            parts.pop()
        return None

    def week_text(self, week: int) -> str:
        if self.start_date is None:
            return f"week {week}"
        return f"week {week} ({(self.start_date + dt.timedelta(days=7 * (week - 1))).isoformat()})"


def _cap(issues: list[Issue], limit: int = MAX_SAME) -> list[Issue]:
    if len(issues) <= limit:
        return issues
    first = issues[0]
    summary = Issue(first.severity, first.table, None, first.column, None,
                    f"{len(issues) - limit} more row(s) of {first.table} have the same kind of "
                    f"problem as the {limit} above; they are not listed one by one.", first.fix)
    return [*issues[:limit], summary]


def _close(name: str, options: Iterable[str]) -> str:
    match = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""


def _ranges(weeks: Iterable[int]) -> str:
    """`1-4, 7, 9-10`."""
    ordered = sorted(weeks)
    parts: list[str] = []
    start = previous = None
    for week in [*ordered, None]:
        if week is not None and previous is not None and week == previous + 1:
            previous = week
            continue
        if start is not None:
            parts.append(f"{start}" if start == previous else f"{start}-{previous}")
        start = previous = week
    return ", ".join(parts)


# --- files, settings, columns, cells ------------------------------------------------------------


def check_files(ctx: Context) -> list[Issue]:
    """groups.csv and capacity.toml must be given, and requirements.csv or a roster's demand.csv."""
    issues = []
    if GROUPS_FILE not in ctx.given:
        issues.append(error(GROUPS_FILE, None, None, None, f"There is no {GROUPS_FILE}; it is required.",
                            f"Add {GROUPS_FILE} with one row per skill group and at least the columns "
                            f"group, headcount, hourly_cost (see {_FORMAT_DOC})."))
    if SETTINGS_FILE not in ctx.given:
        issues.append(error(SETTINGS_FILE, None, None, None, f"There is no {SETTINGS_FILE}; it is required.",
                            f"Add {SETTINGS_FILE} with at least: start_date = 2026-03-02 and weeks = 26."))
    if REQUIREMENTS_FILE not in ctx.given and DEMAND_FILE not in ctx.given:
        issues.append(error(REQUIREMENTS_FILE, None, None, None,
                            f"There is no {REQUIREMENTS_FILE} (and no roster {DEMAND_FILE} to take "
                            "the requirement from).",
                            f"Add {REQUIREMENTS_FILE} with the columns week, group and required_hours "
                            "(or required_fte), one row per week and group."))
    return issues


def _setting_problem(spec: SettingSpec, value: object) -> CellError | None:
    key = spec.key.rsplit(".", 1)[-1]
    if spec.type == "bool":
        return None if isinstance(value, bool) else CellError(
            f"{key} must be true or false.", f"Write {key} = true or {key} = false.")
    if spec.type == "str":
        if not isinstance(value, str):
            return CellError(f"{key} must be text.", f'Put the value in double quotes: {key} = "...".')
        choices = CHOICES.get(spec.key)
        if choices and value.strip().lower() not in choices:
            options = ", ".join(f'{key} = "{choice}"' for choice in choices)
            return CellError(f'{key} = "{value}" is not one of {", ".join(choices)}.',
                             f"Write one of: {options}.")
        return None
    if spec.type == "date":
        try:
            settings_date(value)
        except CellError as exc:
            return exc
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        whole = "a whole number" if spec.type == "int" else "a number"
        return CellError(f"{key} must be {whole}.", f"Write {key} = <{whole}> without quotes.")
    if spec.type == "int" and not isinstance(value, int):
        return CellError(f"{key} must be a whole number.", f"Write {key} without decimals.")
    if not math.isfinite(value):
        return CellError(f"{key} must be a finite number.", f"Write {key} = a plain number.")
    if spec.minimum is not None and value < spec.minimum:
        return CellError(f"{key} = {value:g} is less than {spec.minimum:g}.",
                         f"Write {spec.minimum:g} or more.")
    if spec.maximum is not None and value > spec.maximum:
        return CellError(f"{key} = {value:g} is more than {spec.maximum:g}.",
                         f"Write {spec.maximum:g} or less.")
    return None


def _settings_issue(ctx: Context, key: str, value: object, message: str, fix: str,
                    make: Callable[..., Issue] = error) -> Issue:
    return make(SETTINGS_FILE, ctx.line(key), key, None if value is None else str(value), message, fix)


def check_settings(ctx: Context) -> list[Issue]:
    """capacity.toml: required keys, types, ranges, the objective and engine words, unknown keys."""
    settings = ctx.settings
    if settings is None:
        return []
    issues: list[Issue] = []
    for spec in SETTINGS:
        if spec.required and spec.key not in settings:
            example = "2026-03-02" if spec.key == "start_date" else "26"
            issues.append(error(SETTINGS_FILE, None, spec.key, None, f"{SETTINGS_FILE} has no {spec.key}; "
                                "it is required.", f"Add a line {spec.key} = {example} at the top "
                                "(before any [table])."))
    flat: dict[str, object] = {}
    for key, value in settings.items():
        if isinstance(value, dict) and key == "solver":
            flat.update({f"solver.{inner}": inner_value for inner, inner_value in value.items()})
        else:
            flat[key] = value
    if "solver" in settings and not isinstance(settings["solver"], dict):
        issues.append(_settings_issue(ctx, "solver", settings["solver"], "'solver' must be a table.",
                                      "Write a line [solver] and its keys below it."))
        flat.pop("solver", None)
    for key, value in flat.items():
        spec = SETTINGS_BY_KEY.get(key)
        if spec is None:
            issues.append(_settings_issue(ctx, key, value, f"Unknown key '{key}'; it is ignored."
                                          + _close(key, SETTINGS_BY_KEY),
                                          f"Use one of: {', '.join(SETTINGS_BY_KEY)} (see {_FORMAT_DOC}).",
                                          warning))
            continue
        problem = _setting_problem(spec, value)
        if problem is not None:
            issues.append(_settings_issue(ctx, key, value, problem.message, problem.fix))
    if "shrinkage" in flat and not ctx.uses_demand:
        issues.append(_settings_issue(ctx, "shrinkage", flat["shrinkage"], "shrinkage only applies to a "
                                      f"requirement taken from {DEMAND_FILE}; with {REQUIREMENTS_FILE} "
                                      "it is ignored.", "Delete the line, or put the shrinkage into "
                                      "required_hours.", warning))
    return issues


def check_columns(ctx: Context) -> list[Issue]:
    """Missing required columns (error), unknown ones (warning: ignored), one-of groups."""
    issues: list[Issue] = []
    for name, frame in ctx.frames.items():
        table = TABLES[name]
        present = list(frame.columns)
        unknown = [column for column in present if column not in table.names]
        for column in unknown:
            issues.append(warning(name, 1, column, column, f"{name} has a column '{column}' that the "
                                  "planner does not know; it is ignored." + _close(column, table.names),
                                  f"Rename it to one of: {', '.join(table.names)}; or delete it."))
        for column in table.required_names:
            if column not in present:
                issues.append(error(name, 1, column, None, f"{name} has no '{column}' column; it is "
                                    f"required.{_close(column, unknown)}",
                                    f"Add a column '{column}' to the header row: "
                                    f"{table.column(column).description}"))
        for group in table.one_of:
            if not any(column in present for column in group):
                issues.append(error(name, 1, group[0], None, f"{name} needs a column "
                                    f"{' or '.join(repr(c) for c in group)}; it has neither.",
                                    f"Add one of the columns {', '.join(group)}."))
    return issues


def check_cells(ctx: Context) -> list[Issue]:
    """Every cell of every known column: filled when required, of the right type and range."""
    issues: list[Issue] = []
    for name, frame in ctx.frames.items():
        for column in TABLES[name].columns:
            if column.name not in frame.columns:
                continue
            found = []
            for row, record in ctx.rows(name):
                text = cell(record, column.name)
                if not text:
                    if column.required and column.default is None:
                        found.append(error(name, row, column.name, "", f"'{column.name}' is empty; "
                                           "every row needs it.",
                                           f"Fill in {column.name}: {column.description}"))
                    continue
                try:
                    parse_cell(column, text)
                except CellError as exc:
                    found.append(error(name, row, column.name, text, exc.message, exc.fix))
            issues += _cap(found)
    return issues


def _duplicates(ctx: Context, name: str, columns: tuple[str, ...], what: str) -> list[Issue]:
    first: dict[tuple[str, ...], int] = {}
    found = []
    for row, record in ctx.rows(name):
        key = tuple(cell(record, column) for column in columns)
        if not all(key):
            continue
        if key in first:
            found.append(error(name, row, columns[-1], key[-1], f"Rows {first[key]} and {row} both give "
                               f"{what} {' / '.join(key)}.",
                               "Keep one of the two rows and delete the other."))
        else:
            first[key] = row
    return _cap(found)


def check_duplicates(ctx: Context) -> list[Issue]:
    """Group ids and (from, to) pairs are unique."""
    return [
        *_duplicates(ctx, GROUPS_FILE, ("group",), "the group"),
        *_duplicates(ctx, TRANSITIONS_FILE, ("from", "to"), "the move"),
    ]


# --- one table at a time -----------------------------------------------------------------------


def check_groups(ctx: Context) -> list[Issue]:
    """Hours per FTE above 0, temps with a price, hiring that can start within the plan."""
    name = GROUPS_FILE
    issues: list[Issue] = []
    hours = ctx.parsed(name, "hours_per_fte")
    temp_hours = ctx.parsed(name, "temp_max_hours")
    temp_cost = ctx.parsed(name, "temp_cost")
    leads = ctx.parsed(name, "hire_lead_weeks")
    hire_max = ctx.parsed(name, "hire_max")
    for row, record in ctx.rows(name):
        group = cell(record, "group")
        if hours.get(row) == 0:
            issues.append(error(name, row, "hours_per_fte", "0", "hours_per_fte is 0: a full-time person "
                                "would work no hours.", "Write the paid hours of a full-time week, e.g. 40 "
                                "or 37.5; or leave it empty for 40."))
        if temp_hours.get(row, 0) > 0 and row not in temp_cost:
            issues.append(error(name, row, "temp_cost", "", f"Group '{group}' allows "
                                f"{temp_hours[row]:g} temp hours a week but gives no temp_cost.",
                                "Fill in temp_cost (price per temp hour), or set temp_max_hours to 0."))
        if row in temp_cost and not temp_hours.get(row, 0):
            issues.append(warning(name, row, "temp_cost", cell(record, "temp_cost"), f"Group '{group}' "
                                  "has a temp_cost but temp_max_hours is 0 or empty: no temps are booked.",
                                  "Set temp_max_hours to the most temp hours per week, or empty temp_cost."))
        lead = leads.get(row, 0)
        if ctx.weeks is not None and lead >= ctx.weeks and hire_max.get(row, None) != 0:
            issues.append(warning(name, row, "hire_lead_weeks", str(lead), f"With hire_lead_weeks {lead} no "
                                  f"hire of group '{group}' can start within the {ctx.weeks}-week plan.",
                                  "Nothing to do if that is intended; otherwise shorten the lead time "
                                  "or lengthen the plan (weeks in capacity.toml)."))
    return issues


def _requirement_week(ctx: Context, row: int) -> int | None:
    """The week of a requirements row (from `week` or `date`), None when it has none or is outside."""
    week = ctx.parsed(REQUIREMENTS_FILE, "week").get(row)
    if week is not None:
        return week if ctx.weeks is None or week <= ctx.weeks else None
    date = ctx.parsed(REQUIREMENTS_FILE, "date").get(row)
    if date is None or ctx.start_date is None:
        return None
    days = (date - ctx.start_date).days
    week = days // 7 + 1
    return week if days >= 0 and (ctx.weeks is None or week <= ctx.weeks) else None


def check_requirements(ctx: Context) -> list[Issue]:
    """Week or date, hours or FTE, known groups, weeks inside the plan, one row per week and
    group, every week of a group that has rows."""
    name = REQUIREMENTS_FILE
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    groups = ctx.group_ids()
    weeks_of: dict[str, dict[int, int]] = {}
    both, neither, unknown, outside, repeated = [], [], [], [], []
    frame_columns = set(ctx.frames[name].columns)
    for row, record in ctx.rows(name):
        for first, second in TABLES[name].one_of:
            if first not in frame_columns and second not in frame_columns:
                continue  # reported once by check_columns
            a, b = cell(record, first), cell(record, second)
            if a and b:
                both.append(error(name, row, second, b, f"The row gives both {first} ({a}) and {second} "
                                  f"({b}).", f"Keep one of {first} and {second}; empty the other."))
            elif not a and not b:
                neither.append(error(name, row, first, "", f"The row gives neither {first} nor {second}.",
                                     f"Fill in {first} or {second}."))
        group = cell(record, "group")
        if group and GROUPS_FILE in ctx.frames and group not in groups:
            unknown.append(error(name, row, "group", group, f"Group '{group}' is not in {GROUPS_FILE}."
                                 + _close(group, groups), f"Use a group from {GROUPS_FILE} (ids are "
                                 "case-sensitive), or add the group there."))
            continue
        week_text, date_text = cell(record, "week"), cell(record, "date")
        if not week_text and not date_text:
            continue
        week = _requirement_week(ctx, row)
        parsed = row in ctx.parsed(name, "week") or row in ctx.parsed(name, "date")
        if week is None:
            if parsed and (ctx.weeks is not None and ctx.start_date is not None):
                column = "week" if week_text else "date"
                outside.append(warning(name, row, column, week_text or date_text, f"{week_text or date_text} "
                                       f"is outside the plan (weeks 1-{ctx.weeks} from "
                                       f"{ctx.start_date.isoformat()}); the row is ignored.",
                                       "Nothing to do if that is intended; otherwise correct it, or "
                                       f"start_date and weeks of {SETTINGS_FILE}."))
            continue
        if not group:
            continue
        seen = weeks_of.setdefault(group, {})
        if week in seen:
            repeated.append(error(name, row, "week" if week_text else "date", week_text or date_text,
                                  f"Rows {seen[week]} and {row} both give the requirement of '{group}' in "
                                  f"{ctx.week_text(week)}.", "Keep one row per week and group, with the "
                                  "total."))
        else:
            seen[week] = row
    for found in (both, neither, unknown, outside, repeated):
        issues += _cap(found)
    if ctx.weeks is not None:
        for group, seen in weeks_of.items():
            missing = [week for week in range(1, ctx.weeks + 1) if week not in seen]
            if missing:
                issues.append(error(name, None, "week", None, f"Group '{group}' has no requirement for "
                                    f"week(s) {_ranges(missing)} of the {ctx.weeks}-week plan.",
                                    "Add a row for each of those weeks (required_hours 0 if none is "
                                    "needed)."))
    for row, group in ctx.texts(GROUPS_FILE, "group").items():
        if group not in set(ctx.texts(name, "group").values()):
            issues.append(warning(GROUPS_FILE, row, "group", group, f"{REQUIREMENTS_FILE} has no row for "
                                  f"group '{group}': it is planned with no requirement, so all its "
                                  "people count as overstaffing.", f"Add its weekly rows to "
                                  f"{REQUIREMENTS_FILE}, or delete the group."))
    return issues


def check_transitions(ctx: Context) -> list[Issue]:
    """Known and different groups, loss only on moves down, moves that can end in the plan."""
    name = TRANSITIONS_FILE
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    groups = ctx.group_ids()
    downs = ctx.parsed(name, "down")
    durations = ctx.parsed(name, "duration_weeks")
    losses = ctx.parsed(name, "loss")
    for row, record in ctx.rows(name):
        source, target = cell(record, "from"), cell(record, "to")
        for column, value in (("from", source), ("to", target)):
            if value and GROUPS_FILE in ctx.frames and value not in groups:
                issues.append(error(name, row, column, value, f"Group '{value}' is not in {GROUPS_FILE}."
                                    + _close(value, groups), f"Use a group from {GROUPS_FILE} (ids are "
                                    "case-sensitive)."))
        if source and source == target:
            issues.append(error(name, row, "to", target, f"The move goes from '{source}' to itself.",
                                "Give two different groups, or delete the row."))
        if losses.get(row, 0) > 0 and downs.get(row, "no") not in YES:
            issues.append(warning(name, row, "loss", cell(record, "loss"), "loss applies only to moves "
                                  "down; this is a retraining move (down is not yes), so it is ignored "
                                  "and the receiving group's attrition applies.",
                                  "Write down = yes if this is a move down; otherwise empty loss."))
        duration = durations.get(row, 0)
        if ctx.weeks is not None and duration >= ctx.weeks:
            issues.append(warning(name, row, "duration_weeks", str(duration), f"A {duration}-week course "
                                  f"cannot end within the {ctx.weeks}-week plan; nobody moves "
                                  f"{source} > {target}.", "Nothing to do if that is intended; "
                                  "otherwise check the duration."))
    return issues


CHECKS: tuple[Callable[[Context], list[Issue]], ...] = (
    check_files,
    check_settings,
    check_columns,
    check_cells,
    check_duplicates,
    check_groups,
    check_requirements,
    check_transitions,
)
"""Every check, in the order `validate_capacity` runs them."""


def validate_capacity(
    frames: Mapping[str, pd.DataFrame | None],
    settings: Mapping[str, Any] | None,
    settings_text: str = "",
    *,
    given: Iterable[str] = (),
) -> list[Issue]:
    """Every problem of a capacity plan's tables and settings. `given` names files that were
    given but could not be read (they are not reported missing again)."""
    ctx = Context(
        frames={name: frame for name, frame in frames.items() if frame is not None and name in TABLES},
        given=frozenset(frames) | frozenset(given) | ({SETTINGS_FILE} if settings is not None else set()),
        settings=settings,
        settings_text=settings_text,
    )
    ctx.uses_demand = REQUIREMENTS_FILE not in ctx.given and DEMAND_FILE in ctx.given
    if isinstance(settings, Mapping):
        try:
            ctx.start_date = settings_date(settings.get("start_date"))
        except CellError:
            ctx.start_date = None
        weeks = settings.get("weeks")
        if isinstance(weeks, int) and not isinstance(weeks, bool) and 1 <= weeks <= 520:
            ctx.weeks = weeks
    issues: list[Issue] = []
    for check in CHECKS:
        issues += check(ctx)
    return issues


# --- building -----------------------------------------------------------------------------------


def _value(spec_table: str, record: Mapping[str, Any], column: str) -> Any:
    return parse_cell(TABLES[spec_table].column(column), cell(record, column))


def build_settings(settings: Mapping[str, Any]) -> CapacitySettings:
    solver = settings.get("solver") if isinstance(settings.get("solver"), dict) else {}

    def get(key: str) -> Any:
        value = solver.get(key.split(".", 1)[1]) if key.startswith("solver.") else settings.get(key)
        return SETTINGS_BY_KEY[key].default if value is None else value

    return CapacitySettings(
        start_date=settings_date(settings["start_date"]),
        weeks=int(settings["weeks"]),
        name=str(get("name")),
        currency=str(get("currency")),
        objective=str(get("objective")).strip().lower(),  # type: ignore[arg-type]
        max_overstaff_fte=None if settings.get("max_overstaff_fte") is None else float(
            settings["max_overstaff_fte"]),
        integer=bool(get("integer")),
        shrinkage=float(get("shrinkage")),
        engine=str(get("solver.engine")).strip().lower(),
        time_limit_seconds=float(get("solver.time_limit_seconds")),
        relative_gap=float(get("solver.relative_gap")),
    )


def build_groups(frame: pd.DataFrame) -> tuple[Group, ...]:
    groups = []
    for _, record in records(frame):
        values = {column: _value(GROUPS_FILE, record, column)
                  for column in TABLES[GROUPS_FILE].names if column in frame.columns}
        values = {key: value for key, value in values.items() if value is not None}
        groups.append(Group(**values))
    return tuple(groups)


def build_transitions(frame: pd.DataFrame | None) -> tuple[Transition, ...]:
    if frame is None:
        return ()
    transitions = []
    for _, record in records(frame):
        values = {column: _value(TRANSITIONS_FILE, record, column)
                  for column in TABLES[TRANSITIONS_FILE].names if column in frame.columns}
        down = values.get("down", "no") in YES
        transitions.append(
            Transition(
                source=values["from"],
                target=values["to"],
                cost=values.get("cost") or 0.0,
                duration_weeks=values.get("duration_weeks") or 0,
                max_per_week=values.get("max_per_week"),
                max_fraction=values.get("max_fraction"),
                down=down,
                loss=(values.get("loss") or 0.0) if down else 0.0,
            )
        )
    return tuple(transitions)


def build_requirements(
    frame: pd.DataFrame, settings: CapacitySettings, groups: Mapping[str, Group]
) -> dict[tuple[str, int], float]:
    required: dict[tuple[str, int], float] = {}
    for _, record in records(frame):
        values = {column: _value(REQUIREMENTS_FILE, record, column)
                  for column in TABLES[REQUIREMENTS_FILE].names if column in frame.columns}
        week = values.get("week")
        if week is None:
            week = settings.week_of(values["date"])
        if week is None or week > settings.weeks:
            continue
        group = values["group"]
        hours = values.get("required_hours")
        if hours is None:
            hours = values["required_fte"] * groups[group].hours_per_fte
        required[group, week] = float(hours)
    return required


def requirements_from_demand(
    scenario: Scenario, settings: CapacitySettings, groups: Iterable[str]
) -> tuple[dict[tuple[str, int], float], list[Issue]]:
    """The roster's demand as paid hours per (skill = group, week): staff-hours of every demand
    row (heads x hours) divided by 1 - shrinkage. Every week of the plan must lie inside the
    roster's horizon."""
    issues: list[Issue] = []
    roster = scenario.settings
    first, last = roster.start_date, roster.start_date + dt.timedelta(days=roster.days - 1)
    outside = [
        week for week in settings.week_numbers
        if settings.week_start(week) < first or settings.week_start(week) + dt.timedelta(days=6) > last
    ]
    if outside:
        issues.append(error(DEMAND_FILE, None, "date", None, f"{DEMAND_FILE} covers {first.isoformat()} to "
                            f"{last.isoformat()}, but week(s) {_ranges(outside)} of the capacity plan "
                            f"(from {settings.start_date.isoformat()}) fall outside it.",
                            f"Set start_date and weeks in {SETTINGS_FILE} to whole weeks inside the "
                            f"roster's horizon, or give {REQUIREMENTS_FILE} for a longer plan."))
    known = set(groups)
    required: dict[tuple[str, int], float] = {}
    unplanned: dict[str, str] = {}
    for demand in scenario.demand:
        week = settings.week_of(roster.start_date + dt.timedelta(days=demand.day))
        if week is None:
            continue
        if demand.skill not in known:
            unplanned.setdefault(demand.skill, demand.demand_id)
            continue
        key = (demand.skill, week)
        required[key] = required.get(key, 0.0) + demand.required * demand.hours / (1 - settings.shrinkage)
    for skill, demand_id in unplanned.items():
        row = int(demand_id.lstrip("D")) if demand_id.lstrip("D").isdigit() else None
        issues.append(warning(DEMAND_FILE, row, "skill", skill, f"The skill '{skill}' has no group in "
                              f"{GROUPS_FILE}; its demand is not planned." + _close(skill, known),
                              f"Add a group named '{skill}' to {GROUPS_FILE} to plan it."))
    for group in sorted(known - {g for g, _ in required}):
        issues.append(warning(GROUPS_FILE, None, "group", group, f"{DEMAND_FILE} has no demand for the "
                              f"skill '{group}': the group is planned with no requirement.",
                              f"Name the group after a skill of {DEMAND_FILE}, or delete it."))
    return required, issues


def build_capacity(
    frames: Mapping[str, pd.DataFrame],
    settings: Mapping[str, Any],
    required: Mapping[tuple[str, int], float] | None = None,
) -> CapacityData:
    """Validated tables -> `CapacityData`; `required` replaces requirements.csv (roster demand)."""
    capacity_settings = build_settings(settings)
    groups = build_groups(frames[GROUPS_FILE])
    by_id = {group.group: group for group in groups}
    source = DEMAND_FILE if required is not None else REQUIREMENTS_FILE
    if required is None:
        required = build_requirements(frames[REQUIREMENTS_FILE], capacity_settings, by_id)
    return CapacityData(
        settings=capacity_settings,
        groups=groups,
        transitions=build_transitions(frames.get(TRANSITIONS_FILE)),
        required_hours=dict(required),
        requirement_source=source,
    )


# --- the whole way in ---------------------------------------------------------------------------


def _sort_key(issue: Issue) -> tuple[int, int]:
    names = (*CAPACITY_FILES, *ROSTER_FILES)
    return (0 if issue.is_error else 1, names.index(issue.table) if issue.table in names else -1)


def load_capacity_files(files: Mapping[str, bytes]) -> CapacityLoadResult:
    """Load a capacity plan from file name -> bytes (names may carry folders; zips are
    unpacked). Never raises for bad input: problems come back as issues."""
    issues: list[Issue] = []
    expanded: dict[str, bytes] = {}
    for name, data in files.items():
        if name.lower().endswith(".zip"):
            unpacked, zip_issues = _unzip(data, PurePosixPath(name.replace("\\", "/")).name)
            issues += zip_issues
            expanded.update(unpacked)
        else:
            expanded[name] = data
    chosen: dict[str, tuple[str, bytes]] = {}
    roster_files: dict[str, bytes] = {}
    for path in sorted(expanded):
        posix = path.replace("\\", "/")
        if _skipped(posix):
            continue
        key = PurePosixPath(posix).name.lower()
        if key in ROSTER_FILES:
            roster_files[key] = expanded[path]
            continue
        if key not in CAPACITY_FILES:
            if key.endswith((".csv", ".toml", ".xlsx", ".xls")):
                issues.append(warning(PurePosixPath(posix).name, None, None, None, f"{posix} is not one of "
                                      "the capacity plan's files; it is ignored.",
                                      f"Name it one of {', '.join(CAPACITY_FILES)} if it is meant "
                                      "to be used."))
            continue
        if key in chosen:
            issues.append(error(key, None, None, None, f"There are two {key} files ({chosen[key][0]} and "
                                f"{posix}); {chosen[key][0]} was read.", "Keep only one plan per upload."))
            continue
        chosen[key] = (posix, expanded[path])

    frames: dict[str, pd.DataFrame | None] = {}
    for key in TABLES:
        if key not in chosen:
            continue
        if key == TRANSITIONS_FILE and _header_only(chosen[key][1]):
            issues.append(warning(key, None, None, None, f"{key} has no rows: nobody moves between groups.",
                                  "Nothing to do if that is intended; otherwise add one row per allowed "
                                  "move."))
            continue
        frame, read_issues = _read_capacity_table(key, chosen[key][1])
        frames[key] = frame
        issues += read_issues
    settings: dict[str, Any] | None = None
    settings_text = ""
    if SETTINGS_FILE in chosen:
        settings, settings_text, read_issues = read_settings(chosen[SETTINGS_FILE][1], SETTINGS_FILE)
        issues += read_issues
    given = set(chosen) | ({DEMAND_FILE} if DEMAND_FILE in roster_files else set())
    if TRANSITIONS_FILE in chosen and TRANSITIONS_FILE not in frames:
        given.discard(TRANSITIONS_FILE)
    issues += validate_capacity(frames, settings, settings_text, given=given)

    roster = None
    required = None
    if REQUIREMENTS_FILE not in chosen and DEMAND_FILE in roster_files:
        loaded = load_scenario_files(roster_files)
        issues += loaded.issues
        roster = loaded.scenario
        if roster is not None and settings is not None and not any(i.is_error for i in issues):
            group_frame = frames.get(GROUPS_FILE)
            groups = [] if group_frame is None else [str(g).strip() for g in group_frame["group"]]
            required, demand_issues = requirements_from_demand(roster, build_settings(settings), groups)
            issues += demand_issues

    data = None
    if settings is not None and not any(issue.is_error for issue in issues):
        readable = {name: frame for name, frame in frames.items() if frame is not None}
        try:
            data = build_capacity(readable, settings, required)
        except Exception as exc:
            issues.append(error(_UPLOAD, None, None, None, f"The plan passed every check but could not be "
                                f"built: {exc!r}.", "This is a fault in the planner, not in your files: "
                                "please report it with the files attached."))
    issues.sort(key=_sort_key)
    return CapacityLoadResult(
        frames={name: frame for name, frame in frames.items() if frame is not None},
        settings=dict(settings or {}),
        issues=tuple(issues),
        data=data,
        roster=roster,
    )


def load_capacity_dir(path: str | Path) -> CapacityLoadResult:
    """Load a capacity plan from a folder holding its files (sub-folders are not searched)."""
    folder = Path(path)
    if not folder.is_dir():
        return CapacityLoadResult({}, {}, (error(_UPLOAD, None, None, folder.name, f"There is no folder "
                                                 f"'{folder.name}'.", "Give the folder that holds "
                                                 "groups.csv, requirements.csv and capacity.toml."),))
    files: dict[str, bytes] = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_file() and entry.suffix.lower() in (".csv", ".toml", ".xlsx", ".xls", ".zip"):
            try:
                files[entry.name] = entry.read_bytes()
            except OSError as exc:
                return CapacityLoadResult({}, {}, (error(entry.name, None, None, None, f"{entry.name} "
                                                         f"cannot be opened ({exc.strerror or exc}).",
                                                         "Close the file in other programs and check "
                                                         "you may read it."),))
    return load_capacity_files(files)
