"""Judging a scenario's tables and settings: every problem becomes an `Issue`, nothing raises.

This module owns the cell parsers (`parse_*`, shared with `build`, which only runs on data that
passed) and the `check_*` functions, each returning a list of issues, run in order by
`validate(frames, settings)`. Errors block building the scenario; warnings are shown and the
data is used as described in the warning.

Frames are the output of `read.read_table`: cells are strings and the index is the spreadsheet
row number. A table that is absent from `frames` was not given; one mapped to `None` was given
but could not be read (that was reported when reading).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner.domain import MINUTES_PER_DAY, SHORTFALL_PRICINGS, WEEKDAY_NAMES
from planner.io.issues import Issue, error, warning
from planner.rules import RULE_NAMES
from planner.schema import (
    CONTRACT_FIELDS,
    SETTINGS,
    SETTINGS_BY_KEY,
    SETTINGS_FILE,
    TABLES,
    ColumnSpec,
    SettingSpec,
)

Frames = Mapping[str, "pd.DataFrame | None"]

MAX_SAME = 20
"""Most issues of one kind reported for one column; the rest are summed up in one issue."""

_INT = re.compile(r"[+-]?\d+")
_INTEGRAL_FLOAT = re.compile(r"[+-]?\d+\.0*")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_TOML_HEADER = re.compile(r"\[\[?\s*([^\]]+?)\s*\]\]?")
_TOML_KEY = re.compile(
    r"""((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)

_DATE_FIX = (
    "Write dates as YYYY-MM-DD, e.g. 2026-03-02 for 2 March 2026 (in a spreadsheet, format "
    "the column as yyyy-mm-dd before saving)."
)
_TIME_FIX = "Write times as HH:MM on the 24-hour clock, e.g. 07:00 or 19:30."
_NUMBER_FIX = (
    "Write a plain number with a decimal point, e.g. 12.5: no currency sign, unit or thousands separator."
)

_DAY_NAMES: Mapping[str, int] = {
    **{name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}


class CellError(ValueError):
    """A value that cannot be read: what is wrong with it and how to fix it."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


# --- parsers --------------------------------------------------------------------------------


def parse_int(text: str) -> int:
    """`12`, `+3`, also `12.0`; anything else raises `CellError`."""
    text = text.strip()
    if _INT.fullmatch(text):
        return int(text)
    if _INTEGRAL_FLOAT.fullmatch(text):
        return int(float(text))
    if _NUMBER.fullmatch(text):
        raise CellError(f"'{text}' is not a whole number.", "Write a whole number, e.g. 5.")
    raise CellError(f"'{text}' is not a number.", "Write a whole number, e.g. 5.")


def parse_number(text: str) -> float:
    """`12`, `12.5`, `.5`, `1e3`; `nan`, `inf`, `12,5`, `€12` raise `CellError`."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        fix = _NUMBER_FIX
        if re.fullmatch(r"[+-]?\d+,\d+", text):
            fix = f"Use a decimal point, not a comma: {text.replace(',', '.')}."
        raise CellError(f"'{text}' is not a number.", fix)
    return float(text)


def parse_date(text: str) -> dt.date:
    """An ISO date `2026-03-02`."""
    text = text.strip()
    if not _DATE.fullmatch(text):
        raise CellError(f"'{text}' is not a date in the form YYYY-MM-DD.", _DATE_FIX)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"'{text}' is not a real date.", _DATE_FIX) from None


def parse_dates(text: str) -> tuple[dt.date, ...]:
    """`2026-03-16;2026-03-02` -> the dates sorted, repeats dropped; empty -> ()."""
    dates: list[dt.date] = []
    for token in text.split(";"):
        token = token.strip()
        if not token:
            continue
        try:
            date = parse_date(token)
        except CellError as exc:
            where = f" (in '{text.strip()}')" if token != text.strip() else ""
            raise CellError(
                f"{exc.message[:-1]}{where}.",
                "Write dates as YYYY-MM-DD separated by ';', e.g. 2026-03-02;2026-03-16.",
            ) from None
        if date not in dates:
            dates.append(date)
    return tuple(sorted(dates))


def parse_time(text: str, *, end: bool = False) -> int:
    """`HH:MM` (seconds `:00` tolerated) -> minutes after midnight; `24:00` only if `end`."""
    text = text.strip()
    match = _TIME.fullmatch(text)
    if not match:
        raise CellError(f"'{text}' is not a time in the form HH:MM.", _TIME_FIX)
    hours, minutes = int(match.group(1)), int(match.group(2))
    seconds = int(match.group(3) or 0)
    if seconds or minutes > 59:
        raise CellError(f"'{text}' is not a time of day.", _TIME_FIX)
    if hours == 24 and minutes == 0:
        if end:
            return MINUTES_PER_DAY
        raise CellError("24:00 is only allowed as an end time.", "Write 00:00 for a start at midnight.")
    if hours > 23:
        raise CellError(f"'{text}' is not a time of day.", _TIME_FIX)
    return hours * 60 + minutes


def _weekday(token: str, text: str) -> int:
    index = _DAY_NAMES.get(token.strip().lower())
    if index is None:
        raise CellError(
            f"'{token.strip()}' in '{text}' is not a weekday.",
            "Use Mon, Tue, Wed, Thu, Fri, Sat, Sun, separated by ';' or as ranges: "
            "Mon;Wed, Mon-Fri, Fri-Mon.",
        )
    return index


def parse_weekdays(text: str) -> frozenset[int]:
    """`Mon;Tue`, `Mon-Fri`, `Sat-Sun`, `Fri-Mon` (wraps) -> weekday numbers (0 = Monday)."""
    days: set[int] = set()
    for token in text.split(";"):
        if not token.strip():
            continue
        if "-" in token:
            first_text, _, last_text = token.partition("-")
            first, last = _weekday(first_text, text), _weekday(last_text, text)
            length = (last - first) % 7 + 1
            days.update((first + i) % 7 for i in range(length))
        else:
            days.add(_weekday(token, text))
    if not days:
        raise CellError(f"'{text}' names no weekday.", "Write e.g. Mon-Fri, or leave it empty for every day.")
    return frozenset(days)


def parse_skills(text: str) -> dict[str, int]:
    """`phone;email` or `phone:3;email:1` -> {skill: level}; level 1 when not given."""
    skills: dict[str, int] = {}
    fix = "Separate skills with ';' and give a level after ':', e.g. phone:3;email:1 or phone;email."
    for token in text.split(";"):
        token = token.strip()
        if not token:
            continue
        if "=" in token or "," in token:
            raise CellError(f"'{token}' in '{text}' is not a skill.", fix)
        name, colon, level_text = token.partition(":")
        name = name.strip()
        if not name:
            raise CellError(f"'{token}' in '{text}' has a level but no skill name.", fix)
        level = 1
        if colon:
            try:
                level = parse_int(level_text)
            except CellError:
                raise CellError(
                    f"The level '{level_text.strip()}' of skill '{name}' is not a whole number.",
                    fix,
                ) from None
            if level < 1:
                raise CellError(f"The level of skill '{name}' is {level}; levels start at 1.", fix)
        if name in skills:
            raise CellError(f"Skill '{name}' is listed twice in '{text}'.", "List each skill once.")
        skills[name] = level
    return skills


def parse_list(text: str) -> tuple[str, ...]:
    """`a;b;c` -> ("a", "b", "c"): stripped, empties and repeats dropped, order kept."""
    return tuple(dict.fromkeys(item.strip() for item in text.split(";") if item.strip()))


def parse_max_shifts(text: str) -> dict[str, int]:
    """`N=3;E=10` -> {"N": 3, "E": 10}."""
    limits: dict[str, int] = {}
    fix = "Write shift=count pairs separated by ';', e.g. N=3;E=10."
    for token in text.split(";"):
        token = token.strip()
        if not token:
            continue
        name, equals, count_text = token.partition("=")
        if not equals:
            name, equals, count_text = token.partition(":")
        name = name.strip()
        if not equals or not name:
            raise CellError(f"'{token}' in '{text}' is not shift=count.", fix)
        try:
            count = parse_int(count_text)
        except CellError:
            raise CellError(
                f"The count '{count_text.strip()}' for shift '{name}' is not a whole number.", fix
            ) from None
        if count < 0:
            raise CellError(f"The count for shift '{name}' is negative ({count}).", fix)
        if name in limits:
            raise CellError(f"Shift '{name}' is listed twice in '{text}'.", "List each shift once.")
        limits[name] = count
    return limits


def parse_succession(text: str) -> tuple[str, str]:
    """`N>E` -> ("N", "E"): shift N on one day may not be followed by shift E the next day."""
    first, arrow, second = text.partition(">")
    if not arrow or not first.strip() or not second.strip() or ">" in second:
        raise CellError(
            f"'{text}' is not a pair of shifts.",
            'Write each pair as "earlier>later", e.g. forbidden_successions = ["N>E", "N>D"].',
        )
    return first.strip(), second.strip()


def parse_choice(text: str, choices: Iterable[str]) -> str:
    options = tuple(choices)
    lowered = text.strip().lower()
    if lowered not in options:
        raise CellError(
            f"'{text}' is not one of {', '.join(options)}.",
            f"Write one of: {', '.join(options)}.",
        )
    return lowered


def _bounds(value: float, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and value < minimum:
        if minimum == 0:
            raise CellError(f"{value:g} is negative.", "Write 0 or a positive number.")
        raise CellError(f"{value:g} is less than {minimum:g}.", f"Write {minimum:g} or more.")
    if maximum is not None and value > maximum:
        raise CellError(f"{value:g} is more than {maximum:g}.", f"Write {maximum:g} or less.")


_EMPTY_PARSES: Mapping[str, Callable[[str], Any]] = {
    "skills": parse_skills,
    "list": parse_list,
    "dates": parse_dates,
    "max_shifts": parse_max_shifts,
}
"""Types whose empty cell means an empty value: no skills, no items, no limits."""


def parse_cell(column: ColumnSpec, text: str) -> Any:
    """One cell's value by its column spec; a blank cell gives the column's default."""
    text = text.strip()
    if not text:
        if column.type in _EMPTY_PARSES:
            return _EMPTY_PARSES[column.type]("")
        return column.default
    value: Any
    if column.type == "int":
        value = parse_int(text)
        _bounds(value, column.minimum, column.maximum)
    elif column.type == "number":
        value = parse_number(text)
        _bounds(value, column.minimum, column.maximum)
    elif column.type == "date":
        value = parse_date(text)
    elif column.type == "dates":
        value = parse_dates(text)
    elif column.type == "time":
        value = parse_time(text)
    elif column.type == "end_time":
        value = parse_time(text, end=True)
    elif column.type == "weekdays":
        value = parse_weekdays(text)
    elif column.type == "skills":
        value = parse_skills(text)
    elif column.type == "list":
        value = parse_list(text)
    elif column.type == "max_shifts":
        value = parse_max_shifts(text)
    elif column.type == "choice":
        value = parse_choice(text, column.choices)
    else:
        value = text
    return value


def cell(record: Mapping[str, Any], column: str) -> str:
    """A cell's text: `""` for a missing column or a missing value."""
    value = record.get(column, "")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def records(frame: pd.DataFrame) -> list[tuple[int, dict[str, Any]]]:
    """(spreadsheet row, {column: text}) for each row of a frame read by `read_table`."""
    columns = [str(column) for column in frame.columns]
    if not columns:
        return []
    values = zip(*(frame[column].tolist() for column in columns), strict=True)
    rows = (int(i) for i in frame.index)
    return [(row, dict(zip(columns, cells, strict=True))) for row, cells in zip(rows, values, strict=True)]


def settings_date(value: object) -> dt.date:
    """`start_date` from TOML: a date, or a string `2026-03-02`."""
    if isinstance(value, dt.datetime):
        raise CellError(f"'{value}' is a date with a time.", "Write just the date: start_date = 2026-03-02.")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise CellError(f"'{value}' is not a date.", "Write start_date = 2026-03-02.")


def settings_max_shifts(value: object) -> dict[str, int]:
    """`[contract] max_shifts` from TOML: `"N=5"` or an inline table `{N = 5}`."""
    if isinstance(value, str):
        return parse_max_shifts(value)
    fix = 'Write max_shifts = "N=5;E=10" or max_shifts = {N = 5, E = 10}.'
    if not isinstance(value, dict):
        raise CellError(f"'{value}' is not a list of shift counts.", fix)
    limits: dict[str, int] = {}
    for name, count in value.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise CellError(f"The count for shift '{name}' is not a whole number >= 0.", fix)
        limits[str(name)] = count
    return limits


# --- context --------------------------------------------------------------------------------


def _toml_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_text(v) for v in value) + "]"
    return str(value)


def _dotted(key_text: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in key_text.split("."))


def toml_key_lines(text: str) -> dict[str, int]:
    """Dotted key (and table name) -> the line that defines it, for pointing at problems."""
    lines: dict[str, int] = {}
    section = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _TOML_HEADER.match(line)
        if header:
            section = _dotted(header.group(1))
            lines.setdefault(section, number)
            continue
        key = _TOML_KEY.match(line)
        if key:
            name = _dotted(key.group(1))
            lines.setdefault(f"{section}.{name}" if section else name, number)
    return lines


@dataclass
class Context:
    """What the checks share: the frames, the settings, the horizon and parsed columns."""

    frames: Mapping[str, pd.DataFrame]
    """Only the tables that were given and could be read."""
    given: frozenset[str]
    """Every file name that was given (readable or not)."""
    settings: Mapping[str, Any] | None
    settings_text: str = ""
    start_date: dt.date | None = None
    days: int | None = None
    interval_minutes: int = 30
    temps_enabled: bool = True
    _parsed: dict[tuple[str, str], dict[int, Any]] = field(default_factory=dict)
    _rows: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    _texts: dict[tuple[str, str], dict[int, str]] = field(default_factory=dict)
    _lines: dict[str, int] | None = None

    @classmethod
    def build(cls, frames: Frames, settings: Mapping[str, Any] | None, settings_text: str = "") -> Context:
        ctx = cls(
            frames={name: frame for name, frame in frames.items() if frame is not None},
            given=frozenset(frames) | ({SETTINGS_FILE} if settings is not None or settings_text else set()),
            settings=settings,
            settings_text=settings_text,
        )
        if isinstance(settings, Mapping):
            try:
                ctx.start_date = settings_date(settings.get("start_date"))
            except CellError:
                ctx.start_date = None
            days = settings.get("days")
            if isinstance(days, int) and not isinstance(days, bool) and days >= 1:
                ctx.days = days
            interval = settings.get("interval_minutes", 30)
            if (
                isinstance(interval, int)
                and not isinstance(interval, bool)
                and 0 < interval <= MINUTES_PER_DAY
                and MINUTES_PER_DAY % interval == 0
            ):
                ctx.interval_minutes = interval
            ctx.temps_enabled = settings.get("temps_enabled", True) is not False
        return ctx

    @property
    def has_horizon(self) -> bool:
        return self.start_date is not None and self.days is not None

    def day_of(self, date: dt.date) -> int | None:
        """The day index of a date, or None when it is outside the horizon (or none is set)."""
        if self.start_date is None or self.days is None:
            return None
        day = (date - self.start_date).days
        return day if 0 <= day < self.days else None

    def horizon_text(self) -> str:
        if self.start_date is None or self.days is None:
            return ""
        last = self.start_date + dt.timedelta(days=self.days - 1)
        return f"{self.start_date.isoformat()} to {last.isoformat()}"

    def rows(self, table: str) -> list[tuple[int, dict[str, Any]]]:
        if table not in self._rows:
            frame = self.frames.get(table)
            self._rows[table] = [] if frame is None else records(frame)
        return self._rows[table]

    def has_column(self, table: str, column: str) -> bool:
        frame = self.frames.get(table)
        return frame is not None and column in frame.columns

    def parsed(self, table: str, column: str) -> dict[int, Any]:
        """Row -> value of the non-blank cells of a column that parse; the rest is left out."""
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
        """Row -> text of the non-blank cells of a column."""
        key = (table, column)
        if key not in self._texts:
            values: dict[int, str] = {}
            for row, record in self.rows(table):
                text = cell(record, column)
                if text:
                    values[row] = text
            self._texts[key] = values
        return self._texts[key]

    def ids(self, table: str, column: str) -> set[str]:
        return set(self.texts(table, column).values())

    def line(self, key: str) -> int | None:
        """The line of `scenario.toml` defining a dotted key (or its nearest table)."""
        if self._lines is None:
            self._lines = toml_key_lines(self.settings_text)
        parts = key.split(".")
        while parts:
            found = self._lines.get(".".join(parts))
            if found is not None:
                return found
            parts.pop()
        return None

    # Skill sets, for spotting skills that nobody has or needs.
    def demand_skills(self) -> set[str]:
        return self.ids("demand.csv", "skill")

    def staff_skills(self) -> set[str]:
        skills: set[str] = set()
        for value in self.parsed("staff.csv", "skills").values():
            skills.update(value)
        return skills

    def temp_skills(self) -> set[str]:
        return self.ids("temp_pool.csv", "skill") if self.temps_enabled else set()

    def course_skills(self) -> set[str]:
        return self.ids("training.csv", "skill")

    def shift_spans(self) -> dict[str, tuple[int, int, frozenset[int], frozenset[str] | None]]:
        """Shift id -> (start minute, length, weekdays, skills) for the readable shifts."""
        starts = self.parsed("shifts.csv", "start")
        ends = self.parsed("shifts.csv", "end")
        days = self.parsed("shifts.csv", "days")
        skills = self.parsed("shifts.csv", "skills")
        spans: dict[str, tuple[int, int, frozenset[int], frozenset[str] | None]] = {}
        for row, shift_id in self.texts("shifts.csv", "shift_id").items():
            if shift_id in spans or row not in starts or row not in ends:
                continue
            length = ends[row] - starts[row]
            if length <= 0:
                length += MINUTES_PER_DAY
            shift_skills = frozenset(skills[row]) if skills.get(row) else None
            spans[shift_id] = (starts[row], length, days.get(row, frozenset(range(7))), shift_skills)
        return spans


def _cap(issues: list[Issue], limit: int = MAX_SAME) -> list[Issue]:
    """Keep the first `limit` issues of one kind and sum up the rest in one more issue."""
    if len(issues) <= limit:
        return issues
    first = issues[0]
    rest = len(issues) - limit
    where = f", column {first.column}" if first.column else ""
    summary = Issue(
        first.severity,
        first.table,
        None,
        first.column,
        None,
        f"{rest} more row(s) of {first.table}{where} have the same kind of problem as the "
        f"{limit} above; they are not listed one by one.",
        first.fix,
    )
    return [*issues[:limit], summary]


def _close(name: str, options: Iterable[str]) -> str:
    candidates = list(options)
    underscored = re.sub(r"[\s-]+", "_", name)
    if underscored in candidates and underscored != name:
        return f" Did you mean '{underscored}'?"
    match = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""


# --- files and columns ----------------------------------------------------------------------


def check_files(ctx: Context) -> list[Issue]:
    """Every required file must be given."""
    issues = []
    for name, table in TABLES.items():
        if table.required and name not in ctx.given:
            issues.append(
                error(
                    name,
                    None,
                    None,
                    None,
                    f"The scenario has no {name}; it is required.",
                    f"Add {name} with the columns {', '.join(table.required_names)} "
                    "(see docs/SCENARIO_FORMAT.md).",
                )
            )
    if SETTINGS_FILE not in ctx.given:
        issues.append(
            error(
                SETTINGS_FILE,
                None,
                None,
                None,
                f"The scenario has no {SETTINGS_FILE}; it is required.",
                f"Add {SETTINGS_FILE} with at least: start_date = 2026-03-02 and days = 7.",
            )
        )
    return issues


def check_columns(ctx: Context) -> list[Issue]:
    """Missing required columns (error), unknown ones (warning: ignored), unused ones."""
    issues: list[Issue] = []
    for name, frame in ctx.frames.items():
        table = TABLES.get(name)
        if table is None:
            continue
        present = list(frame.columns)
        for column in present:
            if column not in table.names:
                issues.append(
                    warning(
                        name,
                        1,
                        column,
                        column,
                        f"{name} has a column '{column}' that the planner does not know; it is "
                        "ignored." + _close(column, table.names),
                        f"Rename it to one of: {', '.join(table.names)}; or delete it.",
                    )
                )
        unknown = [column for column in present if column not in table.names]
        for column in table.required_names:
            if column in present:
                continue
            hint = _close(column, unknown)
            issues.append(
                error(
                    name,
                    1,
                    column,
                    None,
                    f"{name} has no '{column}' column; it is required.{hint}",
                    f"Add a column '{column}' to the header row: {table.column(column).description}",
                )
            )
        if name == "demand.csv":
            issues += _measure_columns(present, unknown)
        for group in table.one_of:
            if not any(column in present for column in group):
                issues.append(
                    error(
                        name,
                        1,
                        group[0],
                        None,
                        f"{name} needs a column {' or '.join(repr(c) for c in group)}; it has neither.",
                        "Add 'start' (HH:MM) for interval demand or 'shift_id' for shift-slot demand."
                        if group == ("start", "shift_id")
                        else f"Add one of the columns {', '.join(group)}.",
                    )
                )
        for column in table.columns:
            if not column.supported and column.name in present and "required" in present:
                issues.append(
                    warning(
                        name,
                        1,
                        column.name,
                        None,
                        f"The column '{column.name}' is not used by this version yet; the "
                        "'required' heads are planned.",
                        f"Nothing to do; or delete the column '{column.name}'.",
                    )
                )
    return issues


def _measure_columns(present: Sequence[str], unknown: Sequence[str]) -> list[Issue]:
    """demand.csv needs a measure: `required`, or `volume` with `aht_seconds`, or `workload_hours`."""
    name = "demand.csv"
    if "volume" in present and "aht_seconds" not in present:
        return [error(name, 1, "aht_seconds", None,
                      "demand.csv gives 'volume' but no 'aht_seconds' column: the handle time is "
                      "needed to turn contacts into heads.",
                      "Add a column 'aht_seconds' with the average handle time of one contact.")]
    if "aht_seconds" in present and "volume" not in present and "required" not in present:
        return [error(name, 1, "volume", None,
                      "demand.csv gives 'aht_seconds' but no 'volume' column.",
                      "Add a column 'volume' with the contacts arriving in each interval.")]
    if not any(column in present for column in ("required", "volume", "workload_hours")):
        return [error(name, 1, "required", None,
                      "demand.csv has no measure of the work: no 'required', 'volume' or "
                      "'workload_hours' column." + _close("required", unknown),
                      "Add 'required' (heads), or 'volume' and 'aht_seconds' (contacts and "
                      "their handle time), or 'workload_hours'.")]
    return []


def check_cells(ctx: Context) -> list[Issue]:
    """Every cell of every known column: filled when required, of the right type and range."""
    issues: list[Issue] = []
    for name, frame in ctx.frames.items():
        table = TABLES.get(name)
        if table is None:
            continue
        for column in table.columns:
            if column.name not in frame.columns or not column.supported:
                continue
            if name == "demand.csv" and column.name == "required":
                continue
            found: list[Issue] = []
            for row, record in ctx.rows(name):
                text = cell(record, column.name)
                if not text:
                    if column.required and column.default is None:
                        found.append(
                            error(
                                name,
                                row,
                                column.name,
                                "",
                                f"'{column.name}' is empty; every row needs it.",
                                f"Fill in {column.name}: {column.description}",
                            )
                        )
                    continue
                try:
                    parse_cell(column, text)
                except CellError as exc:
                    found.append(error(name, row, column.name, text, exc.message, exc.fix))
            issues += _cap(found)
    return issues


def check_duplicates(ctx: Context) -> list[Issue]:
    """Ids must be unique; two demand rows must not describe the same need."""
    issues: list[Issue] = []
    for name, column in (
        ("staff.csv", "employee_id"),
        ("shifts.csv", "shift_id"),
        ("training.csv", "course_id"),
    ):
        first_row: dict[str, int] = {}
        found: list[Issue] = []
        for row, value in ctx.texts(name, column).items():
            if value in first_row:
                found.append(
                    error(
                        name,
                        row,
                        column,
                        value,
                        f"{column} '{value}' is used twice (rows {first_row[value]} and {row}).",
                        f"Give every row its own {column}, or delete the repeated row.",
                    )
                )
            else:
                first_row[value] = row
        issues += _cap(found)

    dates = ctx.parsed("demand.csv", "date")
    starts = ctx.parsed("demand.csv", "start")
    seen: dict[tuple[object, ...], int] = {}
    found = []
    for row, record in ctx.rows("demand.csv"):
        if row not in dates:
            continue
        shift_id = cell(record, "shift_id")
        slot: object = starts.get(row) if cell(record, "start") else ("shift", shift_id)
        if slot is None or (slot == ("shift", "")):
            continue
        key = (dates[row], slot, cell(record, "skill"), cell(record, "site"))
        if key in seen:
            when = cell(record, "start") or f"shift {shift_id}"
            found.append(
                error(
                    "demand.csv",
                    row,
                    "skill",
                    cell(record, "skill"),
                    f"Rows {seen[key]} and {row} both give the demand for "
                    f"{cell(record, 'skill')} on {dates[row].isoformat()} at {when}"
                    + (f" at site {cell(record, 'site')}" if cell(record, "site") else "")
                    + ".",
                    "Keep one row with the total heads needed, and delete the other.",
                )
            )
        else:
            seen[key] = row
    issues += _cap(found)
    return issues


# --- one table at a time --------------------------------------------------------------------


def _outside_horizon(ctx: Context, table: str, column: str, what: str) -> list[Issue]:
    if not ctx.has_horizon:
        return []
    found = []
    for row, date in ctx.parsed(table, column).items():
        if ctx.day_of(date) is None:
            found.append(
                warning(
                    table,
                    row,
                    column,
                    date.isoformat(),
                    f"{date.isoformat()} is outside the horizon ({ctx.horizon_text()}); "
                    f"this {what} is ignored.",
                    "Nothing to do if that is intended; otherwise correct the date, or the "
                    f"start_date and days of {SETTINGS_FILE}.",
                )
            )
    return _cap(found)


def _covered(
    spans: Mapping[str, tuple[int, int, frozenset[int], frozenset[str] | None]],
    ctx: Context,
    day: int,
    start: int,
    end: int,
    skill: str,
) -> bool:
    """Does any shift (starting that day or the day before) overlap the interval?"""
    if ctx.start_date is None:
        return True
    for shift_start, length, weekdays, skills in spans.values():
        if skills is not None and skill not in skills:
            continue
        for start_day in (day - 1, day):
            weekday = (ctx.start_date + dt.timedelta(days=start_day)).weekday()
            if weekday not in weekdays:
                continue
            begin = start_day * MINUTES_PER_DAY + shift_start
            if begin < end and start < begin + length:
                return True
    return False


def check_demand(ctx: Context) -> list[Issue]:
    """Start or shift, the measure, shift references, dates, and skills nobody provides."""
    name = "demand.csv"
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    shift_ids = ctx.ids("shifts.csv", "shift_id")
    shifts_readable = "shifts.csv" in ctx.frames
    spans = ctx.shift_spans()
    dates = ctx.parsed(name, "date")
    starts = ctx.parsed(name, "start")
    ends = ctx.parsed(name, "end")
    required_spec = TABLES[name].column("required")
    has_required = ctx.has_column(name, "required")
    both, neither, end_ignored, unknown, not_running, uncovered, measure = ([] for _ in range(7))
    decimals: list[Issue] = []
    unused: list[Issue] = []
    for row, record in ctx.rows(name):
        start_text, shift_id = cell(record, "start"), cell(record, "shift_id")
        if start_text and shift_id:
            both.append(
                error(
                    name,
                    row,
                    "shift_id",
                    shift_id,
                    f"The row gives both a start ({start_text}) and a shift_id ({shift_id}).",
                    "Keep 'start' for interval demand or 'shift_id' for shift-slot demand; empty the other.",
                )
            )
        elif not start_text and not shift_id:
            neither.append(
                error(
                    name,
                    row,
                    "start",
                    "",
                    "The row gives neither a start time nor a shift_id.",
                    "Fill in 'start' (HH:MM) for interval demand or 'shift_id' for shift-slot demand.",
                )
            )
        end_text = cell(record, "end")
        if shift_id and not start_text and end_text:
            end_ignored.append(
                warning(
                    name,
                    row,
                    "end",
                    end_text,
                    f"'end' is ignored for shift-slot demand: the slot takes the times of shift {shift_id}.",
                    "Empty the 'end' cell, or give 'start' and 'end' instead of 'shift_id'.",
                )
            )
        if shift_id and not start_text and shifts_readable and shift_id not in shift_ids:
            unknown.append(
                error(
                    name,
                    row,
                    "shift_id",
                    shift_id,
                    f"Shift '{shift_id}' is not in shifts.csv.",
                    "Use a shift_id from shifts.csv (ids are case-sensitive), or add the shift.",
                )
            )
        elif shift_id and not start_text and shift_id in spans and row in dates:
            weekday = dates[row].weekday()
            if weekday not in spans[shift_id][2] and ctx.day_of(dates[row]) is not None:
                not_running.append(
                    warning(
                        name,
                        row,
                        "shift_id",
                        shift_id,
                        f"Shift '{shift_id}' does not run on {WEEKDAY_NAMES[weekday]} "
                        f"{dates[row].isoformat()}; this demand will all be short.",
                        f"Add {WEEKDAY_NAMES[weekday]} to the shift's days in shifts.csv, or "
                        "move the demand to a shift that runs that day.",
                    )
                )
        skill = cell(record, "skill")
        if start_text and not shift_id and row in starts and row in dates and skill and spans:
            day = ctx.day_of(dates[row])
            if day is not None and (not end_text or row in ends):
                begin = day * MINUTES_PER_DAY + starts[row]
                end_minute = ends.get(row, starts[row] + ctx.interval_minutes)
                if end_minute <= starts[row]:
                    end_minute += MINUTES_PER_DAY
                finish = day * MINUTES_PER_DAY + end_minute
                if not _covered(spans, ctx, day, begin, finish, skill):
                    uncovered.append(
                        warning(
                            name,
                            row,
                            "start",
                            start_text,
                            f"No shift in shifts.csv covers {dates[row].isoformat()} "
                            f"{start_text} for {skill}; this demand will all be short.",
                            "Add a shift that covers this time (and allows the skill), or check the time.",
                        )
                    )

        required_text = cell(record, "required") if has_required else ""
        unused += _unused_measure_cells(name, row, record, bool(required_text))
        problem = _row_measure(name, row, record, bool(required_text))
        if problem is not None:
            measure.append(problem)
            continue
        if not required_text:
            continue
        try:
            heads = parse_cell(required_spec, required_text)
        except CellError as exc:
            measure.append(error(name, row, "required", required_text, exc.message, exc.fix))
            continue
        if heads != math.ceil(heads):
            decimals.append(
                warning(
                    name,
                    row,
                    "required",
                    required_text,
                    f"{required_text} heads is not a whole number; it is rounded up to {math.ceil(heads)}.",
                    "Nothing to do if rounding up is right; otherwise write whole heads.",
                )
            )
    for found in (both, neither, end_ignored, unknown, not_running, uncovered, measure, decimals, unused):
        issues += _cap(found)
    issues += _outside_horizon(ctx, name, "date", "demand row")

    providers = ctx.staff_skills() | ctx.temp_skills() | ctx.course_skills()
    rows_by_skill: dict[str, list[int]] = {}
    for row, skill in ctx.texts(name, "skill").items():
        rows_by_skill.setdefault(skill, []).append(row)
    if "staff.csv" in ctx.frames:
        for skill, rows in rows_by_skill.items():
            if skill in providers:
                continue
            issues.append(
                warning(
                    name,
                    rows[0],
                    "skill",
                    skill,
                    f"No employee, temp offer or course provides the skill '{skill}' "
                    f"({len(rows)} demand row(s)); all of it will be short." + _close(skill, providers),
                    "Check the spelling against the skills in staff.csv (case-sensitive); or "
                    "add the skill to someone, a temp offer to temp_pool.csv, or a course to "
                    "training.csv.",
                )
            )
    return issues


def _unused_measure_cells(name: str, row: int, record: Mapping[str, Any], has_heads: bool) -> list[Issue]:
    """Cells that the row's measure does not use: service targets and patience without a
    volume, and workload hours next to required heads."""
    found = []
    if not cell(record, "volume"):
        for column in ("target_pct", "target_seconds", "patience_seconds"):
            if cell(record, column):
                found.append(warning(name, row, column, cell(record, column),
                                     f"'{column}' applies to queue work (a volume and aht_seconds); "
                                     "this row has no volume, so it is ignored.",
                                     "Give the row's volume and aht_seconds, or empty the cell."))
    if has_heads and cell(record, "workload_hours"):
        found.append(warning(name, row, "workload_hours", cell(record, "workload_hours"),
                             "The row gives required heads, so its workload_hours are ignored.",
                             "Empty 'required' to plan from the hours, or empty workload_hours."))
    return found


def _row_measure(name: str, row: int, record: Mapping[str, Any], has_heads: bool) -> Issue | None:
    """A row gives `required`, or `volume` + `aht_seconds`, or `workload_hours`."""
    volume, aht, hours = (cell(record, c) for c in ("volume", "aht_seconds", "workload_hours"))
    if volume and not aht:
        return error(name, row, "aht_seconds", "", "The row gives a volume but no aht_seconds.",
                     "Fill in the average handle time of one contact, in seconds.")
    if aht and not volume and not has_heads:
        return error(name, row, "volume", "", "The row gives aht_seconds but no volume.",
                     "Fill in the contacts arriving in the interval (0 for none).")
    if has_heads:
        return None
    if volume and hours:
        return error(name, row, "workload_hours", hours,
                     "The row gives both a volume and workload_hours; give one measure.",
                     "Keep volume + aht_seconds for queue work or workload_hours for back-office "
                     "work; empty the other.")
    if volume and aht:
        try:
            handle = parse_number(aht)
        except CellError:
            return None
        if handle <= 0:
            return error(name, row, "aht_seconds", aht,
                         "aht_seconds must be more than 0 for a row with a volume.",
                         "Give the average handle time of one contact in seconds.")
        return None
    if hours:
        return None
    return error(name, row, "required", "",
                 "The row gives no measure: 'required', 'volume' and 'workload_hours' are empty.",
                 "Fill in 'required' heads (0 for none), or volume and aht_seconds, or "
                 "workload_hours.")


_CONTRACT_PAIRS: tuple[tuple[str, str], ...] = (
    ("min_hours_week", "max_hours_week"),
    ("min_hours_total", "max_hours_total"),
    ("min_consecutive_days", "max_consecutive_days"),
)


def _contract_defaults(ctx: Context) -> dict[str, Any]:
    """The valid `[contract]` values of the settings."""
    values: dict[str, Any] = {}
    contract = ctx.settings.get("contract") if isinstance(ctx.settings, Mapping) else None
    if not isinstance(contract, Mapping):
        return values
    for key in CONTRACT_FIELDS:
        value = contract.get(key)
        if value is None:
            continue
        spec = SETTINGS_BY_KEY[f"contract.{key}"]
        if not _setting_problem(spec, value):
            values[key] = value
    return values


def check_staff(ctx: Context) -> list[Issue]:
    """Contradictory limits, max_shifts and trainable references, people with no skills."""
    name = "staff.csv"
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    defaults = _contract_defaults(ctx)
    columns = {column: ctx.parsed(name, column) for column in CONTRACT_FIELDS}
    for low, high in _CONTRACT_PAIRS:
        found = []
        for row, _ in ctx.rows(name):
            own_low, own_high = row in columns[low], row in columns[high]
            if not own_low and not own_high:
                continue
            low_value = columns[low].get(row, defaults.get(low))
            high_value = columns[high].get(row, defaults.get(high))
            if low_value is None or high_value is None or low_value <= high_value:
                continue
            column = low if own_low else high
            source = "" if own_low and own_high else f" (from [contract] of {SETTINGS_FILE})"
            found.append(
                error(
                    name,
                    row,
                    column,
                    f"{columns[column][row]:g}",
                    f"{low} {low_value:g} is more than {high} {high_value:g}{source}; no "
                    "roster can meet both.",
                    f"Make {low} at most {high}.",
                )
            )
        issues += _cap(found)

    shift_ids = ctx.ids("shifts.csv", "shift_id")
    if "shifts.csv" in ctx.frames:
        found = []
        texts = ctx.texts(name, "max_shifts")
        for row, limits in ctx.parsed(name, "max_shifts").items():
            for shift_id in limits:
                if shift_id not in shift_ids:
                    found.append(
                        error(
                            name,
                            row,
                            "max_shifts",
                            texts[row],
                            f"max_shifts names shift '{shift_id}', which is not in shifts.csv.",
                            "Use shift ids from shifts.csv (case-sensitive).",
                        )
                    )
        issues += _cap(found)

    course_ids = ctx.ids("training.csv", "course_id")
    found = []
    for row, courses in ctx.parsed(name, "trainable").items():
        for course in courses:
            if course != "*" and course not in course_ids:
                where = "training.csv" if "training.csv" in ctx.given else "training.csv (not given)"
                found.append(
                    error(
                        name,
                        row,
                        "trainable",
                        course,
                        f"trainable names course '{course}', which is not in {where}.",
                        "Use course ids from training.csv (case-sensitive), '*' for any course, "
                        "or leave it empty.",
                    )
                )
    issues += _cap(found)

    found = []
    trainable = ctx.parsed(name, "trainable")
    for row, record in ctx.rows(name):
        if not cell(record, "skills") and not trainable.get(row):
            found.append(
                warning(
                    name,
                    row,
                    "skills",
                    "",
                    f"{cell(record, 'employee_id') or 'This person'} has no skills and no "
                    "courses to take, so cannot cover any demand.",
                    "Add the person's skills (e.g. phone;email), or courses in 'trainable'.",
                )
            )
    issues += _cap(found)
    return issues


def check_shifts(ctx: Context) -> list[Issue]:
    """Breaks longer than the shift, shifts that never run, skills nobody has or needs."""
    name = "shifts.csv"
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    starts, ends = ctx.parsed(name, "start"), ctx.parsed(name, "end")
    breaks = ctx.parsed(name, "break_minutes")
    for row, minutes in breaks.items():
        if row not in starts or row not in ends:
            continue
        length = ends[row] - starts[row]
        if length <= 0:
            length += MINUTES_PER_DAY
        if minutes >= length:
            issues.append(
                error(
                    name,
                    row,
                    "break_minutes",
                    str(minutes),
                    f"The break ({minutes} min) is as long as the shift or longer "
                    f"({length} min); it would have no paid time.",
                    "Make break_minutes shorter than the shift.",
                )
            )
    if ctx.has_horizon and ctx.start_date is not None and ctx.days is not None:
        horizon_days = {(ctx.start_date + dt.timedelta(days=d)).weekday() for d in range(ctx.days)}
        texts = ctx.texts(name, "days")
        for row, weekdays in ctx.parsed(name, "days").items():
            if not weekdays & horizon_days:
                text = texts[row]
                issues.append(
                    warning(
                        name,
                        row,
                        "days",
                        text,
                        f"The shift runs on {text}, which never occurs in the horizon "
                        f"({ctx.horizon_text()}); it is never used.",
                        "Nothing to do if that is intended; otherwise correct the days.",
                    )
                )
    known = ctx.demand_skills() | ctx.staff_skills() | ctx.temp_skills() | ctx.course_skills()
    for row, skills in ctx.parsed(name, "skills").items():
        for skill in skills:
            if skill not in known:
                issues.append(
                    warning(
                        name,
                        row,
                        "skills",
                        skill,
                        f"No one has or needs the skill '{skill}' (not in demand.csv, staff.csv, "
                        "temp_pool.csv or training.csv)." + _close(skill, known),
                        "Check the spelling (skills are case-sensitive), or remove it.",
                    )
                )
    return issues


def check_availability(ctx: Context) -> list[Issue]:
    """Known people and shifts, dates in the horizon, start and end together."""
    name = "availability.csv"
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    employee_ids = ctx.ids("staff.csv", "employee_id")
    shift_ids = ctx.ids("shifts.csv", "shift_id")
    unknown_people, unknown_shifts, half, both = [], [], [], []
    for row, record in ctx.rows(name):
        employee_id = cell(record, "employee_id")
        if employee_id and "staff.csv" in ctx.frames and employee_id not in employee_ids:
            unknown_people.append(
                error(
                    name,
                    row,
                    "employee_id",
                    employee_id,
                    f"Employee '{employee_id}' is not in staff.csv." + _close(employee_id, employee_ids),
                    "Use an employee_id from staff.csv (case-sensitive), or delete the row.",
                )
            )
        shift_id = cell(record, "shift_id")
        if shift_id and "shifts.csv" in ctx.frames and shift_id not in shift_ids:
            unknown_shifts.append(
                error(
                    name,
                    row,
                    "shift_id",
                    shift_id,
                    f"Shift '{shift_id}' is not in shifts.csv.",
                    "Use a shift_id from shifts.csv (case-sensitive), or empty the cell for the whole day.",
                )
            )
        start, end = cell(record, "start"), cell(record, "end")
        if bool(start) != bool(end):
            column = "end" if start else "start"
            half.append(
                error(
                    name,
                    row,
                    column,
                    "",
                    f"The row gives {'a start' if start else 'an end'} but no {'end' if start else 'start'}.",
                    "Give both start and end for part of a day, or neither for the whole day.",
                )
            )
        if shift_id and (start or end):
            both.append(
                error(
                    name,
                    row,
                    "shift_id",
                    shift_id,
                    "The row gives both a shift_id and a start/end time.",
                    "Keep either the shift_id or the start and end; empty the other.",
                )
            )
    for found in (unknown_people, unknown_shifts, half, both):
        issues += _cap(found)
    issues += _outside_horizon(ctx, name, "date", "availability entry")
    return issues


def check_temp_pool(ctx: Context) -> list[Issue]:
    """Offers for skills nobody needs, unknown shifts, temps switched off."""
    name = "temp_pool.csv"
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    if not ctx.temps_enabled and not ctx.frames[name].empty:
        issues.append(
            warning(
                name,
                None,
                None,
                None,
                f"temps_enabled = false in {SETTINGS_FILE}, so no temp offer is used.",
                f"Set temps_enabled = true in {SETTINGS_FILE} to let the planner book temps.",
            )
        )
    needed = ctx.demand_skills()
    if "demand.csv" in ctx.frames:
        for row, skill in ctx.texts(name, "skill").items():
            if skill not in needed:
                issues.append(
                    warning(
                        name,
                        row,
                        "skill",
                        skill,
                        f"No demand row needs the skill '{skill}'; this offer is never used."
                        + _close(skill, needed),
                        "Check the spelling against demand.csv (case-sensitive), or delete the row.",
                    )
                )
    if "shifts.csv" in ctx.frames:
        shift_ids = ctx.ids("shifts.csv", "shift_id")
        for row, shifts in ctx.parsed(name, "shifts").items():
            for shift_id in shifts:
                if shift_id not in shift_ids:
                    issues.append(
                        error(
                            name,
                            row,
                            "shifts",
                            shift_id,
                            f"Shift '{shift_id}' is not in shifts.csv.",
                            "Use shift ids from shifts.csv (case-sensitive), or empty the cell "
                            "for any shift.",
                        )
                    )
    return issues


def check_training(ctx: Context) -> list[Issue]:
    """Courses for skills nobody needs, unknown prerequisites, windows too short."""
    name = "training.csv"
    if name not in ctx.frames:
        return []
    issues: list[Issue] = []
    needed = ctx.demand_skills()
    if "demand.csv" in ctx.frames:
        for row, skill in ctx.texts(name, "skill").items():
            if skill not in needed:
                issues.append(
                    warning(
                        name,
                        row,
                        "skill",
                        skill,
                        f"No demand row needs the skill '{skill}'; this course never pays off."
                        + _close(skill, needed),
                        "Check the spelling against demand.csv (case-sensitive), or delete the row.",
                    )
                )
    obtainable = ctx.staff_skills() | ctx.course_skills()
    for row, skill in ctx.texts(name, "prerequisite").items():
        if "staff.csv" in ctx.frames and skill not in obtainable:
            issues.append(
                warning(
                    name,
                    row,
                    "prerequisite",
                    skill,
                    f"No one has the prerequisite skill '{skill}' and no course teaches it; "
                    "nobody can take this course." + _close(skill, obtainable),
                    "Check the spelling against staff.csv (case-sensitive), or empty the cell.",
                )
            )
    earliest, latest = ctx.parsed(name, "earliest_start"), ctx.parsed(name, "latest_end")
    lengths = ctx.parsed(name, "days")
    issues += _check_sessions(ctx, earliest, latest, lengths)
    horizon_end = (
        ctx.start_date + dt.timedelta(days=ctx.days - 1)
        if ctx.start_date is not None and ctx.days is not None
        else None
    )
    for row, _ in ctx.rows(name):
        first, last = earliest.get(row), latest.get(row)
        if first is not None and last is not None and first > last:
            issues.append(
                error(
                    name,
                    row,
                    "latest_end",
                    last.isoformat(),
                    f"latest_end {last.isoformat()} is before earliest_start {first.isoformat()}.",
                    "Swap the two dates, or correct one of them.",
                )
            )
            continue
        if row not in lengths or ctx.start_date is None or horizon_end is None:
            continue
        window_start = max(first or ctx.start_date, ctx.start_date)
        window_end = min(last or horizon_end, horizon_end)
        room = (window_end - window_start).days + 1
        if room < lengths[row]:
            issues.append(
                warning(
                    name,
                    row,
                    "days",
                    str(lengths[row]),
                    f"The course takes {lengths[row]} day(s) but only {max(room, 0)} day(s) of "
                    f"the horizon ({ctx.horizon_text()}) are between its earliest_start and "
                    "latest_end; it cannot be scheduled.",
                    "Widen earliest_start/latest_end, lengthen the horizon, or shorten the course.",
                )
            )
    return issues


def _course_end(start: dt.date, days: int) -> dt.date:
    """The last day of a course of `days` weekdays (Monday to Friday) starting on `start`."""
    day, left = start, days
    while True:
        if day.weekday() < 5:
            left -= 1
            if left <= 0:
                return day
        day += dt.timedelta(days=1)


def _session_problem(
    ctx: Context, start: dt.date, days: int | None, first: dt.date | None, last: dt.date | None
) -> tuple[str, str] | None:
    """Why a fixed session starting on `start` cannot be used, with the fix; None if it can."""
    if ctx.has_horizon and ctx.day_of(start) is None:
        return (
            f"it starts outside the horizon ({ctx.horizon_text()})",
            "Give a session date inside the horizon, or change start_date and days of "
            f"{SETTINGS_FILE}.",
        )
    if start.weekday() >= 5:
        return (
            f"it starts on a {start:%A}; courses run on weekdays (Monday to Friday)",
            "Move the session to a weekday, e.g. the Monday after.",
        )
    if first is not None and start < first:
        return (
            f"it starts before the course's earliest_start {first.isoformat()}",
            "Move the session to earliest_start or later, or make earliest_start earlier.",
        )
    if days is None:
        return None
    end = _course_end(start, days)
    if last is not None and end > last:
        return (
            f"its {days} weekday(s) end on {end.isoformat()}, after the course's latest_end "
            f"{last.isoformat()}",
            "Start the session earlier, or make latest_end later.",
        )
    if ctx.has_horizon and ctx.day_of(end) is None:
        return (
            f"its {days} weekday(s) end on {end.isoformat()}, after the horizon "
            f"({ctx.horizon_text()})",
            f"Start the session earlier, or lengthen the horizon (days of {SETTINGS_FILE}).",
        )
    return None


def _check_sessions(
    ctx: Context,
    earliest: Mapping[int, dt.date],
    latest: Mapping[int, dt.date],
    lengths: Mapping[int, int],
) -> list[Issue]:
    """A warning for each fixed session of a course that cannot be used."""
    found: list[Issue] = []
    none_left: list[Issue] = []
    texts = ctx.texts("training.csv", "sessions")
    for row, sessions in ctx.parsed("training.csv", "sessions").items():
        usable = 0
        for start in sessions:
            problem = _session_problem(ctx, start, lengths.get(row), earliest.get(row), latest.get(row))
            if problem is None:
                usable += 1
                continue
            why, fix = problem
            only = " It is the only session, so nobody can take this course." if len(sessions) == 1 else ""
            found.append(
                warning(
                    "training.csv",
                    row,
                    "sessions",
                    start.isoformat(),
                    f"The session starting {start.isoformat()} cannot be used: {why}.{only}",
                    fix + " Or delete the date from sessions.",
                )
            )
        if len(sessions) > 1 and not usable:
            none_left.append(
                warning(
                    "training.csv",
                    row,
                    "sessions",
                    texts.get(row, ""),
                    "None of the course's sessions can be used, so nobody can take this course.",
                    "Give at least one usable session date (a weekday inside the horizon and the "
                    "course's window), or empty the cell to let it start on any weekday.",
                )
            )
    return _cap(found) + _cap(none_left)


# --- scenario.toml --------------------------------------------------------------------------

_SECTIONS = ("costs", "contract", "rules", "solver", "service")


def _setting_problem(spec: SettingSpec, value: object) -> CellError | None:
    """What is wrong with a TOML value for a setting, or None."""
    kind = spec.type
    if kind == "any":
        return None
    key = spec.key.rsplit(".", 1)[-1]
    if kind == "bool":
        if not isinstance(value, bool):
            return CellError(f"{key} must be true or false.", f"Write {key} = true or {key} = false.")
        return None
    if kind == "str":
        if not isinstance(value, str):
            return CellError(f"{key} must be text.", f'Put the value in double quotes: {key} = "...".')
        return None
    if kind == "date":
        try:
            settings_date(value)
        except CellError as exc:
            return exc
        return None
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return CellError(f"{key} must be a list of text values.", f'Write {key} = ["N>E", "N>D"].')
        return None
    if kind == "max_shifts":
        try:
            settings_max_shifts(value)
        except CellError as exc:
            return exc
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        whole = "a whole number" if kind == "int" else "a number"
        return CellError(f"{key} must be {whole}.", f"Write {key} = <{whole}> without quotes.")
    if kind == "int" and not isinstance(value, int):
        return CellError(f"{key} must be a whole number.", f"Write {key} without decimals.")
    if not math.isfinite(value):
        return CellError(f"{key} must be a finite number.", f"Write {key} = a plain number.")
    try:
        _bounds(float(value), spec.minimum, spec.maximum)
    except CellError as exc:
        return CellError(f"{key} = {value:g}: {exc.message}", exc.fix)
    return None


def _settings_issue(
    ctx: Context, key: str, value: object, message: str, fix: str, *, severity: str = "error"
) -> Issue:
    text = None if value is None else _toml_text(value)
    make = error if severity == "error" else warning
    return make(SETTINGS_FILE, ctx.line(key), key, text, message, fix)


def _check_table_keys(
    ctx: Context, prefix: str, table: Mapping[str, Any], known: Iterable[str]
) -> list[Issue]:
    issues = []
    known_keys = tuple(known)
    for key, value in table.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if key in known_keys:
            spec = SETTINGS_BY_KEY.get(dotted)
            if spec is None:
                continue
            problem = _setting_problem(spec, value)
            if problem is not None:
                issues.append(_settings_issue(ctx, dotted, value, problem.message, problem.fix))
            continue
        issues.append(
            _settings_issue(
                ctx,
                dotted,
                value,
                f"Unknown key '{dotted}'; it is ignored." + _close(key, known_keys),
                f"Use one of: {', '.join(known_keys)} (see docs/SCENARIO_FORMAT.md).",
                severity="warning",
            )
        )
    return issues


def _keys_under(prefix: str) -> tuple[str, ...]:
    depth = prefix.count(".") + 1 if prefix else 0
    keys: dict[str, None] = {}
    for spec in SETTINGS:
        parts = spec.key.split(".")
        if ".".join(parts[:depth]) == prefix and len(parts) > depth:
            keys.setdefault(parts[depth])
    return tuple(keys)


def check_settings(ctx: Context) -> list[Issue]:
    """`scenario.toml`: required keys, types, ranges, known keys, sections and rule names."""
    settings = ctx.settings
    if settings is None:
        return []
    issues: list[Issue] = []
    for spec in SETTINGS:
        if spec.required and spec.key not in settings:
            example = "2026-03-02" if spec.key == "start_date" else "7"
            issues.append(
                error(
                    SETTINGS_FILE,
                    None,
                    spec.key,
                    None,
                    f"{SETTINGS_FILE} has no {spec.key}; it is required.",
                    f"Add a line {spec.key} = {example} at the top (before any [table]).",
                )
            )
    top = tuple(k for k in _keys_under("") if k not in _SECTIONS)
    issues += _check_table_keys(ctx, "", {k: v for k, v in settings.items() if k not in _SECTIONS}, top)
    interval = settings.get("interval_minutes")
    if (
        isinstance(interval, int)
        and not isinstance(interval, bool)
        and 0 < interval <= MINUTES_PER_DAY
        and MINUTES_PER_DAY % interval
    ):
        issues.append(
            _settings_issue(
                ctx,
                "interval_minutes",
                interval,
                f"interval_minutes = {interval} does not divide a day (1440 minutes) evenly.",
                "Use e.g. 5, 10, 15, 20, 30, 60 or 120.",
            )
        )
    successions = settings.get("forbidden_successions")
    shift_ids = ctx.ids("shifts.csv", "shift_id")
    if isinstance(successions, list):
        for item in successions:
            if not isinstance(item, str):
                continue
            try:
                pair = parse_succession(item)
            except CellError as exc:
                issues.append(_settings_issue(ctx, "forbidden_successions", item, exc.message, exc.fix))
                continue
            if "shifts.csv" not in ctx.frames:
                continue
            for shift_id in pair:
                if shift_id not in shift_ids:
                    issues.append(
                        _settings_issue(
                            ctx,
                            "forbidden_successions",
                            item,
                            f"forbidden_successions names shift '{shift_id}', which is not in shifts.csv.",
                            "Use shift ids from shifts.csv (case-sensitive).",
                        )
                    )
    for section in _SECTIONS:
        value = settings.get(section)
        if value is not None and not isinstance(value, dict):
            issues.append(
                _settings_issue(
                    ctx,
                    section,
                    value,
                    f"'{section}' must be a table.",
                    f"Write a line [{section}] and the keys of that table below it.",
                )
            )
    costs = settings.get("costs")
    if isinstance(costs, dict):
        issues += _check_table_keys(
            ctx, "costs", {k: v for k, v in costs.items() if k != "skills"}, _keys_under("costs")
        )
        issues += _check_skill_costs(ctx, costs.get("skills"))
    contract = settings.get("contract")
    if isinstance(contract, dict):
        issues += _check_table_keys(ctx, "contract", contract, _keys_under("contract"))
        issues += _check_contract_settings(ctx, contract)
    solver = settings.get("solver")
    if isinstance(solver, dict):
        issues += _check_table_keys(ctx, "solver", solver, _keys_under("solver"))
    service = settings.get("service")
    if isinstance(service, dict):
        issues += _check_table_keys(ctx, "service", service, _keys_under("service"))
    pricing = costs.get("shortfall_pricing") if isinstance(costs, dict) else None
    if isinstance(pricing, str) and pricing not in SHORTFALL_PRICINGS:
        issues.append(_settings_issue(
            ctx, "costs.shortfall_pricing", pricing,
            f"shortfall_pricing = {pricing!r} is not known." + _close(pricing, SHORTFALL_PRICINGS),
            'Write shortfall_pricing = "flat" or shortfall_pricing = "service".'))
    rules = settings.get("rules")
    if isinstance(rules, dict):
        issues += _check_rules(ctx, rules)
    return issues


def _check_skill_costs(ctx: Context, skills: object) -> list[Issue]:
    if skills is None:
        return []
    if not isinstance(skills, dict):
        return [
            _settings_issue(
                ctx,
                "costs.skills",
                skills,
                "'costs.skills' must hold one table per skill.",
                "Write e.g. [costs.skills.phone] and under_weight = 120 below it.",
            )
        ]
    issues: list[Issue] = []
    demand_skills = ctx.demand_skills()
    known = _keys_under("costs.skills.<skill>")
    for skill, table in skills.items():
        prefix = f"costs.skills.{skill}"
        if not isinstance(table, dict):
            issues.append(
                _settings_issue(
                    ctx,
                    prefix,
                    table,
                    f"'{prefix}' must be a table.",
                    f"Write [{prefix}] and under_weight = ... or over_weight = ... below it.",
                )
            )
            continue
        for key, value in table.items():
            if key not in known:
                issues.append(
                    _settings_issue(
                        ctx,
                        f"{prefix}.{key}",
                        value,
                        f"Unknown key '{prefix}.{key}'; it is ignored." + _close(key, known),
                        f"Use one of: {', '.join(known)}.",
                        severity="warning",
                    )
                )
                continue
            problem = _setting_problem(SETTINGS_BY_KEY[f"costs.skills.<skill>.{key}"], value)
            if problem is not None:
                issues.append(_settings_issue(ctx, f"{prefix}.{key}", value, problem.message, problem.fix))
        if "demand.csv" in ctx.frames and skill not in demand_skills:
            issues.append(
                _settings_issue(
                    ctx,
                    prefix,
                    skill,
                    f"No demand row needs the skill '{skill}'; [{prefix}] has no effect."
                    + _close(skill, demand_skills),
                    "Check the spelling against demand.csv (case-sensitive), or delete the table.",
                    severity="warning",
                )
            )
    return issues


def _check_contract_settings(ctx: Context, contract: Mapping[str, Any]) -> list[Issue]:
    issues: list[Issue] = []
    valid = _contract_defaults(ctx)
    for low, high in _CONTRACT_PAIRS:
        if low in valid and high in valid and valid[low] > valid[high]:
            issues.append(
                _settings_issue(
                    ctx,
                    f"contract.{low}",
                    valid[low],
                    f"{low} = {valid[low]:g} is more than {high} = {valid[high]:g}; no roster can meet both.",
                    f"Make {low} at most {high}.",
                )
            )
    if "max_shifts" in valid and "shifts.csv" in ctx.frames:
        shift_ids = ctx.ids("shifts.csv", "shift_id")
        for shift_id in settings_max_shifts(valid["max_shifts"]):
            if shift_id not in shift_ids:
                issues.append(
                    _settings_issue(
                        ctx,
                        "contract.max_shifts",
                        contract["max_shifts"],
                        f"max_shifts names shift '{shift_id}', which is not in shifts.csv.",
                        "Use shift ids from shifts.csv (case-sensitive).",
                    )
                )
    return issues


def _check_rules(ctx: Context, rules: Mapping[str, Any]) -> list[Issue]:
    issues: list[Issue] = []
    for rule, table in rules.items():
        prefix = f"rules.{rule}"
        if rule not in RULE_NAMES:
            issues.append(
                _settings_issue(
                    ctx,
                    prefix,
                    rule,
                    f"There is no rule '{rule}'." + _close(rule, RULE_NAMES),
                    f"Use one of: {', '.join(RULE_NAMES)}.",
                )
            )
            continue
        if not isinstance(table, dict):
            issues.append(
                _settings_issue(
                    ctx,
                    prefix,
                    table,
                    f"'{prefix}' must be a table.",
                    f"Write [{prefix}] and enabled, hard, weight or parameters below it.",
                )
            )
            continue
        for key in table:
            spec = SETTINGS_BY_KEY.get(f"rules.<rule>.{key}") or SETTINGS_BY_KEY.get(f"{prefix}.{key}")
            if spec is None or spec.type == "any":
                continue
            problem = _setting_problem(spec, table[key])
            if problem is not None:
                issues.append(
                    _settings_issue(ctx, f"{prefix}.{key}", table[key], problem.message, problem.fix)
                )
    return issues


CHECKS: tuple[Callable[[Context], list[Issue]], ...] = (
    check_files,
    check_settings,
    check_columns,
    check_cells,
    check_duplicates,
    check_demand,
    check_staff,
    check_shifts,
    check_availability,
    check_temp_pool,
    check_training,
)
"""Every check, in the order `validate` runs them."""


def validate(frames: Frames, settings: Mapping[str, Any] | None, settings_text: str = "") -> list[Issue]:
    """Every problem of a scenario's tables and settings (`settings_text` finds TOML lines).

    `frames` maps file names to frames from `read_table`; `settings` is the parsed
    `scenario.toml` (None when it could not be parsed: that was reported when reading).
    """
    ctx = Context.build(frames, settings, settings_text)
    issues: list[Issue] = []
    for check in CHECKS:
        issues += check(ctx)
    return issues
