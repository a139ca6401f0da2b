"""The scenario format as data: every CSV column and every `scenario.toml` key.

This module owns the column specs of the six tables (`ColumnSpec`, grouped in `TableSpec`)
and the settings spec of `scenario.toml` (`SettingSpec`). Validation, the builder, the UI's
help and `docs/SCENARIO_FORMAT.md` all read these; `render_markdown()` writes that document
(`python -m planner.schema > docs/SCENARIO_FORMAT.md`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from planner.rules import DEFAULT_RULES, Rule

ColumnType = Literal[
    "id",
    "text",
    "int",
    "number",
    "date",
    "dates",
    "time",
    "end_time",
    "weekdays",
    "skills",
    "list",
    "max_shifts",
    "choice",
]
SettingType = Literal["str", "int", "number", "bool", "date", "list", "max_shifts", "any"]

TYPE_HELP: Mapping[str, str] = MappingProxyType(
    {
        "id": "id (free text, case-sensitive)",
        "text": "text",
        "int": "whole number",
        "number": "number (decimal point `.`)",
        "date": "date `YYYY-MM-DD`",
        "dates": "dates `YYYY-MM-DD` separated by `;`",
        "time": "time `HH:MM`",
        "end_time": "time `HH:MM` (`24:00` allowed; at or before the start = next day)",
        "weekdays": "weekdays: `Mon;Tue`, `Mon-Fri`, `Fri-Mon`",
        "skills": "skills: `phone;email` or with levels `phone:3;email:1`",
        "list": "list separated by `;`",
        "max_shifts": "shift counts: `N=3;E=10`",
        "choice": "one of the listed words",
    }
)
"""How each column type is written, in a manager's words."""

SETTING_TYPE_HELP: Mapping[str, str] = MappingProxyType(
    {
        "str": "text in quotes",
        "int": "whole number",
        "number": "number",
        "bool": "`true` or `false`",
        "date": "date `YYYY-MM-DD`",
        "list": "list of text values",
        "max_shifts": "shift counts",
        "any": "any TOML value",
    }
)
"""How each `scenario.toml` value type is written."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column of one CSV table."""

    name: str
    type: ColumnType
    required: bool
    """The column must be present (and, unless `default` is set, every cell filled)."""
    default: object
    """The value an empty cell means; `None` when empty means "not set" (see description)."""
    description: str
    choices: tuple[str, ...] = ()
    """For `choice` columns: the allowed words (case-insensitive)."""
    minimum: float | None = None
    maximum: float | None = None
    supported: bool = True
    """False for columns accepted for a later version: they are read but not used."""


@dataclass(frozen=True)
class TableSpec:
    """One CSV file of a scenario."""

    file: str
    one_row_per: str
    required: bool
    """The scenario needs this file."""
    columns: tuple[ColumnSpec, ...]
    one_of: tuple[tuple[str, ...], ...] = ()
    """Groups of columns of which exactly one must be filled in each row."""
    notes: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    def column(self, name: str) -> ColumnSpec:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.file} has no column {name!r}")


@dataclass(frozen=True)
class SettingSpec:
    """One key of `scenario.toml`; `<skill>`, `<rule>` and `<param>` stand for any name."""

    key: str
    type: SettingType
    default: object
    description: str
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None


def _col(
    name: str,
    type_: ColumnType,
    description: str,
    *,
    required: bool = False,
    default: object = None,
    choices: tuple[str, ...] = (),
    minimum: float | None = None,
    maximum: float | None = None,
    supported: bool = True,
) -> ColumnSpec:
    return ColumnSpec(
        name=name,
        type=type_,
        required=required,
        default=default,
        description=description,
        choices=choices,
        minimum=minimum,
        maximum=maximum,
        supported=supported,
    )



DEMAND_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("date", "date", "Day the demand is for.", required=True),
    _col("skill", "id", "Skill needed, as written in `staff.csv`.", required=True),
    _col(
        "start",
        "time",
        "Start of the interval (interval demand). Give `start` or `shift_id`, not both.",
    ),
    _col(
        "end",
        "end_time",
        "End of the interval. Empty: `start` + `interval_minutes`. Only with `start`.",
    ),
    _col(
        "shift_id",
        "id",
        "Shift from `shifts.csv` (shift-slot demand: heads needed on that shift that day). "
        "Give `start` or `shift_id`, not both.",
    ),
    _col(
        "required",
        "number",
        "Heads needed at the same time. Decimals are rounded up. Empty: converted from "
        "`volume` + `aht_seconds` (queue work) or from `workload_hours`.",
        minimum=0,
    ),
    _col("site", "text", "Site or team the demand belongs to. Empty: any."),
    _col(
        "under_weight",
        "number",
        "Price of one missing head for one hour. Empty: `[costs.skills.<skill>]`, "
        "then `[costs]` `under_weight` of `scenario.toml` (100).",
        minimum=0,
    ),
    _col(
        "over_weight",
        "number",
        "Price of one surplus head for one hour. Empty: `[costs.skills.<skill>]`, "
        "then `[costs]` `over_weight` of `scenario.toml` (5).",
        minimum=0,
    ),
    _col(
        "volume",
        "number",
        "Contacts (calls, chats, customers) arriving in the interval: queue work, staffed by "
        "Erlang C (Erlang A with `patience_seconds`). Needs `aht_seconds`.",
        minimum=0,
    ),
    _col("aht_seconds", "number", "Average handle time of one contact, in seconds.", minimum=0),
    _col(
        "workload_hours",
        "number",
        "Work to do in the interval, in hours (back office): heads = hours / (interval hours "
        "x `[service]` `productivity`), then shrinkage.",
        minimum=0,
    ),
    _col(
        "target_pct",
        "number",
        "Service level target: percent of contacts answered within `target_seconds`. "
        "Empty: `[service]` `target_pct` (80).",
        minimum=0,
        maximum=99.9,
    ),
    _col(
        "target_seconds",
        "number",
        "Answer time of the service level target. Empty: `[service]` `target_seconds` (20).",
        minimum=0,
    ),
    _col(
        "patience_seconds",
        "number",
        "Average time a waiting customer holds on before giving up: staffs the row by Erlang A "
        "and reports abandonment. Empty: customers wait (Erlang C).",
        minimum=1,
    ),
)

CONTRACT_COLUMNS: tuple[ColumnSpec, ...] = (
    _col(
        "min_hours_week",
        "number",
        "Fewest paid hours per week; each whole day of leave counts for the weekly minimum "
        "divided by `max_days_week` (or 5).",
        minimum=0,
    ),
    _col("max_hours_week", "number", "Most paid hours per week.", minimum=0),
    _col(
        "min_hours_total",
        "number",
        "Fewest paid hours over the whole horizon (leave does not count toward it).",
        minimum=0,
    ),
    _col("max_hours_total", "number", "Most paid hours over the whole horizon.", minimum=0),
    _col(
        "overtime_after_hours_week",
        "number",
        "Paid hours per week after which overtime is paid.",
        minimum=0,
    ),
    _col(
        "overtime_multiplier",
        "number",
        "Wage multiplier for overtime hours (1.5 = time and a half).",
        minimum=1,
    ),
    _col("max_days_week", "int", "Most working days per week.", minimum=0, maximum=7),
    _col("max_consecutive_days", "int", "Most working days in a row.", minimum=1),
    _col("min_consecutive_days", "int", "Fewest working days in a row.", minimum=1),
    _col("min_days_off_in_row", "int", "Fewest days off in a row.", minimum=0),
    _col("max_weekends", "int", "Most weekends worked in the horizon.", minimum=0),
    _col("min_rest_hours", "number", "Fewest hours of rest between two shifts.", minimum=0),
    _col("max_shifts", "max_shifts", "Most shifts of each type in the horizon, e.g. `N=3;E=10`."),
)
"""The per-person limits: `[contract]` keys of `scenario.toml` and optional `staff.csv` columns."""

CONTRACT_UNSET: Mapping[str, str] = MappingProxyType(
    {
        "overtime_after_hours_week": "no overtime",
        "overtime_multiplier": "1.5",
    }
)
"""What a contract limit means when neither `staff.csv` nor `[contract]` sets it (else: none)."""

CONTRACT_FIELDS: tuple[str, ...] = tuple(column.name for column in CONTRACT_COLUMNS)

STAFF_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("employee_id", "id", "Unique id of the person.", required=True),
    _col("name", "text", "Name shown on the roster.", required=True),
    _col(
        "skills",
        "skills",
        "Skills the person has, with an optional level (1 when not given). "
        "Empty: no skills yet (e.g. a new hire to be trained).",
        required=True,
        default="",
    ),
    _col("hourly_cost", "number", "Wage per paid hour.", required=True, minimum=0),
    *(
        _col(
            column.name,
            column.type,
            column.description
            + " Empty: the `[contract]` value of `scenario.toml`"
            + (", which may itself add shifts." if column.type == "max_shifts" else "."),
            minimum=column.minimum,
            maximum=column.maximum,
        )
        for column in CONTRACT_COLUMNS
    ),
    _col("site", "text", "Site or team the person works at. Empty: any."),
    _col(
        "trainable",
        "list",
        "Course ids from `training.csv` the person may take, or `*` for any. Empty: none.",
        default="",
    ),
)

SHIFTS_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("shift_id", "id", "Unique id of the shift, e.g. `E`, `D`, `N`.", required=True),
    _col("start", "time", "Start time.", required=True),
    _col("end", "end_time", "End time; at or before the start means the next day.", required=True),
    _col("break_minutes", "int", "Unpaid break, in minutes.", default=0, minimum=0),
    _col("days", "weekdays", "Weekdays on which the shift starts. Empty: every day."),
    _col("skills", "list", "Skills that may be worked on the shift. Empty: any skill."),
    _col(
        "premium",
        "number",
        "Wage multiplier for the shift (1.25 = 25 % night premium).",
        default=1.0,
        minimum=0,
    ),
    _col("site", "text", "Site of the shift. Empty: any."),
)

AVAILABILITY_KINDS: tuple[str, ...] = ("unavailable", "leave", "preferred", "avoid")

AVAILABILITY_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("employee_id", "id", "Person, from `staff.csv`.", required=True),
    _col("date", "date", "Day the entry is for.", required=True),
    _col(
        "kind",
        "choice",
        "`unavailable` or `leave` (must not work), `preferred` or `avoid` (a wish).",
        required=True,
        choices=AVAILABILITY_KINDS,
    ),
    _col("start", "time", "With `end`: the entry covers only this part of the day."),
    _col("end", "end_time", "With `start`: end of the part of the day."),
    _col("shift_id", "id", "The entry covers only this shift. Empty: the whole day."),
    _col(
        "weight",
        "number",
        "For `preferred` and `avoid`: the price of not granting the wish.",
        default=1.0,
        minimum=0,
    ),
)

TEMP_POOL_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("skill", "id", "Skill the temps bring.", required=True),
    _col("hourly_cost", "number", "Price per temp hour.", required=True, minimum=0),
    _col("provider", "text", "Agency name.", default="agency"),
    _col("max_per_day", "int", "Most temps from this offer per day.", default=10, minimum=0),
    _col(
        "min_hours",
        "number",
        "A booking is paid for at least this many hours.",
        default=0.0,
        minimum=0,
    ),
    _col(
        "notice_days",
        "int",
        "Days of notice the agency needs: temps can be booked from this day of the horizon on.",
        default=0,
        minimum=0,
    ),
    _col("shifts", "list", "Shift ids temps may work. Empty: any shift that allows the skill."),
)

TRAINING_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("course_id", "id", "Unique id of the course.", required=True),
    _col("skill", "id", "Skill the trainee has after the course.", required=True),
    _col("days", "int", "Length of the course in days.", required=True, minimum=1),
    _col("cost", "number", "Price of the course per trainee.", required=True, minimum=0),
    _col(
        "hours_per_day",
        "number",
        "Training hours per course day (off the floor, paid).",
        default=8.0,
        minimum=0,
        maximum=24,
    ),
    _col("max_trainees", "int", "Most people on the course. Empty: no limit.", minimum=0),
    _col(
        "prerequisite",
        "id",
        "Skill a trainee must already have. Empty: none.",
    ),
    _col("earliest_start", "date", "First day the course may start. Empty: any day."),
    _col("latest_end", "date", "Last day the course may end. Empty: any day."),
    _col(
        "sessions",
        "dates",
        "Start dates of the course's fixed sessions, e.g. `2026-03-02;2026-03-16`; a trainee "
        "joins one of them. Each session takes `days` weekdays (Monday to Friday) from its "
        "start. Empty: a session may start on any weekday.",
    ),
)

TABLES: Mapping[str, TableSpec] = MappingProxyType(
    {
        "demand.csv": TableSpec(
            file="demand.csv",
            one_row_per="interval x skill, or shift slot x skill",
            required=True,
            columns=DEMAND_COLUMNS,
            one_of=(("start", "shift_id"),),
            notes=(
                "Interval demand gives `start` (and optionally `end`); shift-slot demand gives "
                "`shift_id`. Each row needs exactly one of the two.",
                "Each row gives its measure: `required` heads, or `volume` + `aht_seconds` (queue "
                "work: the fewest agents meeting the service target and the maximum occupancy, "
                "then shrinkage), or `workload_hours`. A row with `required` and a volume uses "
                "the heads given and keeps the volume to report the service the roster gives.",
                "Two rows with the same date, start (or shift), skill and site are an error.",
            ),
        ),
        "staff.csv": TableSpec(
            file="staff.csv",
            one_row_per="employee",
            required=True,
            columns=STAFF_COLUMNS,
        ),
        "shifts.csv": TableSpec(
            file="shifts.csv",
            one_row_per="shift template",
            required=True,
            columns=SHIFTS_COLUMNS,
        ),
        "availability.csv": TableSpec(
            file="availability.csv",
            one_row_per="employee x date (x part of day or shift)",
            required=False,
            columns=AVAILABILITY_COLUMNS,
            notes=("Give either `shift_id` or `start` and `end`, or neither (whole day).",),
        ),
        "temp_pool.csv": TableSpec(
            file="temp_pool.csv",
            one_row_per="agency offer",
            required=False,
            columns=TEMP_POOL_COLUMNS,
        ),
        "training.csv": TableSpec(
            file="training.csv",
            one_row_per="course",
            required=False,
            columns=TRAINING_COLUMNS,
        ),
    }
)
"""Every CSV table of a scenario, by file name, in the order they are documented."""

SETTINGS_FILE = "scenario.toml"
REQUIRED_FILES: tuple[str, ...] = (
    *(name for name, table in TABLES.items() if table.required),
    SETTINGS_FILE,
)
OPTIONAL_FILES: tuple[str, ...] = tuple(name for name, table in TABLES.items() if not table.required)

_SETTING_TYPE_OF_COLUMN: Mapping[str, SettingType] = MappingProxyType(
    {"int": "int", "number": "number", "max_shifts": "max_shifts"}
)

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("name", "str", "", "Name of the scenario, shown on reports."),
    SettingSpec(
        "start_date",
        "date",
        None,
        'First day of the horizon: a TOML date `2026-03-02` or the string `"2026-03-02"`.',
        required=True,
    ),
    SettingSpec("days", "int", None, "Length of the horizon in days.", required=True, minimum=1),
    SettingSpec(
        "interval_minutes",
        "int",
        30,
        "Length of a demand interval in minutes; must divide 1440 (a day).",
        minimum=1,
        maximum=1440,
    ),
    SettingSpec("currency", "str", "EUR", "Currency of all costs."),
    SettingSpec("temps_enabled", "bool", True, "May temps from `temp_pool.csv` be booked?"),
    SettingSpec(
        "forbidden_successions",
        "list",
        [],
        'Shift pairs `"N>E"`: a shift on one day may not be followed by the other the next day.',
    ),
    SettingSpec("costs.under_weight", "number", 100.0, "Price of one missing staff-hour.", minimum=0),
    SettingSpec("costs.over_weight", "number", 5.0, "Price of one surplus staff-hour.", minimum=0),
    SettingSpec(
        "costs.skills.<skill>.under_weight",
        "number",
        None,
        "Price of one missing staff-hour of this skill. Not set: `costs.under_weight`.",
        minimum=0,
    ),
    SettingSpec(
        "costs.skills.<skill>.over_weight",
        "number",
        None,
        "Price of one surplus staff-hour of this skill. Not set: `costs.over_weight`.",
        minimum=0,
    ),
    *(
        SettingSpec(
            f"contract.{column.name}",
            _SETTING_TYPE_OF_COLUMN[column.type],
            None,
            f"{column.description} Not set: {CONTRACT_UNSET.get(column.name, 'no limit')}. "
            + (
                'A string `"N=5"` or an inline table `{N = 5}`; `staff.csv` adds to it.'
                if column.type == "max_shifts"
                else "The `staff.csv` column of the same name overrides it per person."
            ),
            minimum=column.minimum,
            maximum=column.maximum,
        )
        for column in CONTRACT_COLUMNS
    ),
    SettingSpec("rules.<rule>.enabled", "bool", True, "Is the rule applied at all?"),
    SettingSpec(
        "rules.<rule>.hard",
        "bool",
        None,
        "Hard: never broken. Soft (`false`): may be broken at `weight` per unit of breach. "
        "Not set: the rule's own default (see the rule table).",
    ),
    SettingSpec(
        "rules.<rule>.weight",
        "number",
        None,
        "Price of one unit of breach (an hour, a day, a weekend, a shift) when soft. "
        "Not set: the rule's own default (see the rule table).",
        minimum=0,
    ),
    SettingSpec("rules.<rule>.<param>", "any", None, "Any other key is a parameter of the rule."),
    SettingSpec(
        "rules.train_staff.value_per_week",
        "number",
        None,
        "Money a newly qualified person is worth per week after the horizon (training pays off "
        "beyond a short roster). Not set: one shift a week of the skill at its cheapest outside "
        "price (a temp, or the skill's under weight). Credited for at most as many new people "
        "per skill as its demand lacks at contract hours.",
        minimum=0,
    ),
    SettingSpec(
        "rules.train_staff.value_weeks",
        "int",
        4,
        "Weeks after the horizon that value is counted for; 0 counts none.",
        minimum=0,
    ),
    SettingSpec(
        "costs.shortfall_pricing",
        "str",
        "flat",
        '`"flat"`: every missing staff-hour costs the under weight. `"service"`: on queue rows '
        "(volume + AHT) the k-th missing head in an interval costs what it takes off that "
        "interval's service level (a convex price from the Erlang curve, averaging about the "
        "under weight per head), so unavoidable gaps go where they hurt service least.",
    ),
    SettingSpec(
        "service.target_pct",
        "number",
        80.0,
        "Percent of contacts to answer within `service.target_seconds` (queue rows without "
        "their own `target_pct`).",
        minimum=0,
        maximum=99.9,
    ),
    SettingSpec("service.target_seconds", "number", 20.0, "Answer time of the service target.", minimum=0),
    SettingSpec(
        "service.asa_seconds",
        "number",
        None,
        "Set: queue rows without their own target aim at this average speed of answer "
        "instead of the percent target.",
        minimum=1,
    ),
    SettingSpec(
        "service.max_occupancy",
        "number",
        0.9,
        "Highest share of time an agent may be busy with contacts (0.9 = 90 %).",
        minimum=0.05,
        maximum=1,
    ),
    SettingSpec(
        "service.shrinkage",
        "number",
        0.0,
        "Share of rostered time an agent is not available for the work (short breaks, "
        "coaching, absence): heads = agents / (1 - shrinkage). 0.3 = 30 %.",
        minimum=0,
        maximum=0.9,
    ),
    SettingSpec(
        "service.productivity",
        "number",
        1.0,
        "Share of a head's time that turns `workload_hours` into done work.",
        minimum=0.05,
        maximum=1,
    ),
    SettingSpec("solver.time_limit_seconds", "number", 30.0, "Longest search time in seconds.", minimum=0),
    SettingSpec("solver.workers", "int", 8, "Search threads.", minimum=1),
    SettingSpec("solver.seed", "int", 0, "Random seed (same seed, same roster).", minimum=0),
    SettingSpec(
        "solver.relative_gap",
        "number",
        0.0,
        "Stop when the roster is proved within this fraction of the best possible.",
        minimum=0,
    ),
)
"""Every key of `scenario.toml`, dotted by table (`[costs]` -> `costs.under_weight`)."""

SETTINGS_BY_KEY: Mapping[str, SettingSpec] = MappingProxyType({s.key: s for s in SETTINGS})

SCENARIO_EXAMPLE = """\
name = "Contact centre, week 10"
start_date = 2026-03-02
days = 7
interval_minutes = 30
currency = "EUR"
temps_enabled = true
forbidden_successions = ["N>E", "N>D"]

[costs]
under_weight = 100
over_weight = 5
[costs.skills.phone]
under_weight = 120

[contract]
max_hours_week = 48
overtime_after_hours_week = 40
overtime_multiplier = 1.5
max_days_week = 6
max_consecutive_days = 6
min_rest_hours = 11
max_shifts = "N=5"

[rules.max_weekends]
enabled = true
hard = false
weight = 50

[solver]
time_limit_seconds = 30
workers = 8
seed = 0
relative_gap = 0.0
"""


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _render_default(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, str):
        return f"`{value}`" if value else "empty"
    if isinstance(value, list):
        return "`[]`" if not value else f"`{value}`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    return f"`{value}`"


def _column_type_text(column: ColumnSpec) -> str:
    if column.type == "choice":
        return "one of " + ", ".join(f"`{choice}`" for choice in column.choices)
    text = TYPE_HELP[column.type]
    bounds = []
    if column.minimum is not None:
        bounds.append(f">= {column.minimum:g}")
    if column.maximum is not None:
        bounds.append(f"<= {column.maximum:g}")
    return text + (f", {' and '.join(bounds)}" if bounds else "")


def _default_kind(rule: Rule) -> str:
    if not rule.can_be_soft:
        return "hard"
    if not rule.can_be_hard:
        return "soft"
    return "hard" if rule.default_hard else "soft"


def render_markdown() -> str:
    """`docs/SCENARIO_FORMAT.md`: every table, column and setting, generated from the specs."""
    lines = [
        "# Scenario format",
        "",
        "<!-- Generated by `python -m planner.schema > docs/SCENARIO_FORMAT.md`; do not edit by hand. -->",
        "",
        "A scenario is a folder (or a zip) holding `demand.csv`, `staff.csv`, `shifts.csv` and "
        "`scenario.toml`, and optionally `availability.csv`, `temp_pool.csv` and `training.csv`.",
        "",
        "Conventions: UTF-8 (a BOM is tolerated; Windows-1252 is read with a warning), comma "
        "separated (semicolon-separated files with decimal commas are read with a warning), "
        "one header row; column names are not case-sensitive. Dates are `YYYY-MM-DD`, times "
        "`HH:MM`; an `end` at or before its `start` means the next day. Lists are separated by "
        "`;`. Ids are free text and case-sensitive. Row numbers in messages are the rows a "
        "spreadsheet shows: the header is row 1, the first data row is row 2.",
        "",
    ]
    for table in TABLES.values():
        lines += [
            f"## `{table.file}`",
            "",
            f"One row per {table.one_row_per}. " + ("Required." if table.required else "Optional."),
            "",
        ]
        for note in table.notes:
            lines.append(f"- {note}")
        if table.notes:
            lines.append("")
        lines += [
            "| column | type | required | default | description |",
            "|---|---|---|---|---|",
        ]
        for column in table.columns:
            if column.required:
                required = "yes"
            elif any(column.name in group for group in table.one_of):
                required = "one of " + " / ".join(
                    f"`{name}`" for group in table.one_of if column.name in group for name in group
                )
            else:
                required = "no"
            lines.append(
                f"| `{column.name}` | {_md(_column_type_text(column))} | {required} | "
                f"{_md(_render_default(column.default))} | {_md(column.description)} |"
            )
        lines.append("")
    lines += [
        "## `scenario.toml`",
        "",
        "Keys in a `[table]` are written here as `table.key`. `<skill>` is any skill, `<rule>` "
        "any rule name below.",
        "",
        "| key | type | required | default | description |",
        "|---|---|---|---|---|",
    ]
    for setting in SETTINGS:
        type_text = SETTING_TYPE_HELP[setting.type]
        bounds = [
            f"{sign} {limit:g}"
            for sign, limit in ((">=", setting.minimum), ("<=", setting.maximum))
            if limit is not None
        ]
        if bounds:
            type_text += ", " + " and ".join(bounds)
        lines.append(
            f"| `{setting.key}` | {_md(type_text)} | {'yes' if setting.required else 'no'} | "
            f"{_md(_render_default(setting.default))} | {_md(setting.description)} |"
        )
    lines += [
        "",
        "### Rules",
        "",
        "Each can be set under `[rules.<name>]`. A rule that cannot be soft ignores `hard = false`; "
        "one that cannot be hard ignores `hard = true`.",
        "",
        "| name | rule | unit of breach | can be | default | default weight |",
        "|---|---|---|---|---|---|",
        *(
            f"| `{rule.name}` | {_md(rule.label)} | {rule.unit} | "
            + " or ".join(
                kind for kind, allowed in (("hard", rule.can_be_hard), ("soft", rule.can_be_soft)) if allowed
            )
            + f" | {_default_kind(rule)} | "
            + (f"{rule.default_weight:g} |" if rule.can_be_soft else "|")
            for rule in DEFAULT_RULES
        ),
        "",
        "Example:",
        "",
        "```toml",
        *SCENARIO_EXAMPLE.rstrip("\n").split("\n"),
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown(), end="")
