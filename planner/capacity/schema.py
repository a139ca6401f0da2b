"""The capacity plan's input format as data: every column of its CSV tables and every key
of `capacity.toml`.

The specs reuse the roster's `ColumnSpec`, `TableSpec` and `SettingSpec`, so cells are parsed
by the same `planner.io.validate.parse_cell`. Validation (`planner.capacity.load`), the
builder, the UI's help and the format section of `docs/CAPACITY.md` all read these;
`render_markdown()` writes that section (`python -m planner.capacity.schema`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from planner.schema import SETTING_TYPE_HELP, TYPE_HELP, ColumnSpec, SettingSpec, TableSpec

GROUPS_FILE = "groups.csv"
REQUIREMENTS_FILE = "requirements.csv"
TRANSITIONS_FILE = "transitions.csv"
SETTINGS_FILE = "capacity.toml"
DEMAND_FILE = "demand.csv"
"""A roster scenario's demand: used for the requirement when there is no `requirements.csv`."""

OBJECTIVES: tuple[str, ...] = ("cost", "releases", "lexicographic")
ENGINES: tuple[str, ...] = ("highs", "scip")
YES_NO: tuple[str, ...] = ("no", "yes", "false", "true", "0", "1")
YES: frozenset[str] = frozenset({"yes", "true", "1"})


def _col(
    name: str,
    type_: str,
    description: str,
    *,
    required: bool = False,
    default: object = None,
    choices: tuple[str, ...] = (),
    minimum: float | None = None,
    maximum: float | None = None,
) -> ColumnSpec:
    return ColumnSpec(
        name=name,
        type=type_,  # type: ignore[arg-type]
        required=required,
        default=default,
        description=description,
        choices=choices,
        minimum=minimum,
        maximum=maximum,
    )


GROUP_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("group", "id", "Unique id of the skill group (a team whose people can stand in for each "
         "other), e.g. `phone`.", required=True),
    _col("headcount", "number", "People in the group at the start of week 1, all established staff.",
         required=True, minimum=0),
    _col("hourly_cost", "number", "Wage per paid hour of one person of the group.", required=True,
         minimum=0),
    _col("hours_per_fte", "number", "Paid hours of one full-time person per week.", default=40.0,
         minimum=0),
    _col("attrition_new", "number", "Fraction of the week's new starters who leave in that first "
         "week (no-shows and early leavers), e.g. `0.05`.", default=0.0, minimum=0, maximum=1),
    _col("attrition", "number", "Fraction of established staff who leave each week, e.g. `0.003` "
         "(about 15 % a year: 1 - (1 - 0.15)^(1/52)).", default=0.0, minimum=0, maximum=1),
    _col("hire_max", "int", "Most new starters per week. Empty: no limit; `0`: no hiring.",
         minimum=0),
    _col("hire_cost", "number", "One-off price of one hire (advertising, agency fee, onboarding).",
         default=0.0, minimum=0),
    _col("hire_lead_weeks", "int", "Weeks from the decision to hire to the first day at work; "
         "the first hires can start in week `hire_lead_weeks + 1`.", default=0, minimum=0),
    _col("ramp_up_weeks", "int", "Weeks, from the first day, during which a new starter works at "
         "`ramp_up_productivity`.", default=0, minimum=0),
    _col("ramp_up_productivity", "number", "Share of a full-time person's output a new starter "
         "gives during ramp-up.", default=0.5, minimum=0, maximum=1),
    _col("release_cost", "number", "Price of releasing one person (redundancy pay, notice).",
         default=0.0, minimum=0),
    _col("overstaff_cost", "number", "Price of one full-time equivalent above the requirement for "
         "one week, on top of the wages.", default=0.0, minimum=0),
    _col("part_time_max", "int", "Most people of the group on part-time or short-time working in a "
         "week.", default=0, minimum=0),
    _col("part_time_productivity", "number", "Share of a full-time week a part-time person works "
         "(and is paid for).", default=0.5, minimum=0, maximum=1),
    _col("part_time_cost", "number", "Extra price per part-time person per week, on top of the "
         "pay for the hours worked.", default=0.0, minimum=0),
    _col("temp_max_hours", "number", "Most temp hours per week for the group. Empty or `0`: no temps.",
         default=0.0, minimum=0),
    _col("temp_cost", "number", "Price per temp hour; needed when `temp_max_hours` is more than 0.",
         minimum=0),
    _col("overtime_max_hours", "number", "Most overtime hours per full-time person per week. Empty "
         "or `0`: no overtime.", default=0.0, minimum=0),
    _col("overtime_cost", "number", "Price per overtime hour. Empty: 1.5 x `hourly_cost`.",
         minimum=0),
)

REQUIREMENT_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("week", "int", "Week number, 1 for the week starting on `start_date`. Give `week` or "
         "`date`, not both.", minimum=1),
    _col("date", "date", "Any day of the week meant (e.g. its Monday). Give `week` or `date`, not "
         "both."),
    _col("group", "id", "Skill group, from `groups.csv`.", required=True),
    _col("required_hours", "number", "Paid hours the group must work that week. Give "
         "`required_hours` or `required_fte`.", minimum=0),
    _col("required_fte", "number", "Full-time people needed that week (x the group's "
         "`hours_per_fte`). Give `required_hours` or `required_fte`.", minimum=0),
)

TRANSITION_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("from", "id", "Group people leave, from `groups.csv`.", required=True),
    _col("to", "id", "Group people join, from `groups.csv`.", required=True),
    _col("cost", "number", "Price per person moved (course fee, trainer), on top of the wages "
         "paid while on the course.", default=0.0, minimum=0),
    _col("duration_weeks", "int", "Weeks on the course, off the floor of both groups; `0`: the "
         "move takes effect in the week it starts.", default=0, minimum=0),
    _col("max_per_week", "int", "Most people starting this move per week. Empty: no limit.",
         minimum=0),
    _col("max_fraction", "number", "Most people starting this move per week as a fraction of the "
         "receiving group's headcount at the end of that week (e.g. one trainee per four "
         "mentors: `0.25`). Empty: no such limit.", minimum=0),
    _col("down", "choice", "`yes` for a move to a lower-skilled group: the people moved lose "
         "`loss` and no other attrition that week. `no`: retraining; the people moved in lose "
         "the receiving group's `attrition`.", default="no", choices=YES_NO),
    _col("loss", "number", "For a move down: fraction of the people moved who leave instead.",
         default=0.0, minimum=0, maximum=1),
)

TABLES: Mapping[str, TableSpec] = MappingProxyType(
    {
        GROUPS_FILE: TableSpec(
            file=GROUPS_FILE,
            one_row_per="skill group",
            required=True,
            columns=GROUP_COLUMNS,
            notes=(
                "Money is in the `currency` of `capacity.toml`; hours are paid hours.",
                "A head's weekly wage is `hourly_cost` x `hours_per_fte`.",
            ),
        ),
        REQUIREMENTS_FILE: TableSpec(
            file=REQUIREMENTS_FILE,
            one_row_per="week x group",
            required=False,
            columns=REQUIREMENT_COLUMNS,
            one_of=(("week", "date"), ("required_hours", "required_fte")),
            notes=(
                "Required unless the folder is also a roster scenario (its `demand.csv`, "
                "`staff.csv`, `shifts.csv` and `scenario.toml`): then the requirement of each "
                "week is the staff-hours of `demand.csv` for the skill named like the group, "
                "divided by 1 - `shrinkage`.",
                "A group with rows needs one row for every week of the plan.",
            ),
        ),
        TRANSITIONS_FILE: TableSpec(
            file=TRANSITIONS_FILE,
            one_row_per="allowed move between two groups",
            required=False,
            columns=TRANSITION_COLUMNS,
            notes=("Without this file nobody moves between groups.",),
        ),
    }
)
"""Every CSV table of a capacity plan, by file name, in the order they are documented."""

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("name", "str", "", "Name of the plan, shown on reports."),
    SettingSpec("start_date", "date", None, "First day of week 1: a TOML date `2026-03-02`.",
                required=True),
    SettingSpec("weeks", "int", None, "Length of the plan in weeks.", required=True, minimum=1,
                maximum=520),
    SettingSpec("currency", "str", "EUR", "Currency of all prices."),
    SettingSpec("objective", "str", "cost", "`cost`: least total cost. `releases`: fewest "
                "releases (the rest of the plan is any that achieves it). `lexicographic`: fewest "
                "releases, then least cost among those plans."),
    SettingSpec("max_overstaff_fte", "number", None, "Most full-time equivalents above the "
                "requirement, summed over all groups, in any week. Not set: no cap.", minimum=0),
    SettingSpec("integer", "bool", True, "Whole people for hires, moves, releases and part-time "
                "(a MIP). `false`: fractions allowed (a linear programme, for quick what-ifs)."),
    SettingSpec("shrinkage", "number", 0.0, "Only with `demand.csv`: fraction of paid time not "
                "spent on demand (breaks, meetings, leave); the requirement is the staff-hours "
                "divided by 1 - `shrinkage`.", minimum=0, maximum=0.95),
    SettingSpec("solver.engine", "str", "highs", "MIP solver: `highs` or `scip`."),
    SettingSpec("solver.time_limit_seconds", "number", 60.0, "Longest solve in seconds, all "
                "stages together.", minimum=0),
    SettingSpec("solver.relative_gap", "number", 0.002, "Stop when the plan is proved within this "
                "fraction of the least possible objective (0.002 = 0.2 %); `0` proves the optimum, "
                "which can take long for many weeks and groups.", minimum=0),
)
"""Every key of `capacity.toml`, dotted by table (`[solver]` -> `solver.engine`)."""

SETTINGS_BY_KEY: Mapping[str, SettingSpec] = MappingProxyType({s.key: s for s in SETTINGS})
CHOICES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"objective": OBJECTIVES, "solver.engine": ENGINES}
)
"""Text settings that take one of a few words."""

EXAMPLE = """\
name = "Contact centre, next two quarters"
start_date = 2026-03-02
weeks = 26
currency = "EUR"
objective = "lexicographic"
max_overstaff_fte = 6
integer = true

[solver]
engine = "highs"
time_limit_seconds = 60
relative_gap = 0.002
"""


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, str):
        return f"`{value}`" if value else "empty"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    return f"`{value}`"


def _type_text(column: ColumnSpec) -> str:
    if column.type == "choice":
        return "one of " + ", ".join(f"`{choice}`" for choice in column.choices)
    bounds = [f"{sign} {limit:g}" for sign, limit in ((">=", column.minimum), ("<=", column.maximum))
              if limit is not None]
    return TYPE_HELP[column.type] + (f", {' and '.join(bounds)}" if bounds else "")


def _requirement(table: TableSpec, column: ColumnSpec) -> str:
    if column.required:
        return "yes"
    for group in table.one_of:
        if column.name in group:
            return "one of " + " / ".join(f"`{name}`" for name in group)
    return "no"


def render_markdown() -> str:
    """The format section of `docs/CAPACITY.md`, generated from the specs."""
    lines = [
        "<!-- Generated by `python -m planner.capacity.schema`; do not edit by hand. -->",
        "",
        "A capacity plan is a folder (or a set of uploaded files) holding `groups.csv`, "
        "`requirements.csv` and `capacity.toml`, and optionally `transitions.csv`. The CSV "
        "conventions are the roster's (docs/SCENARIO_FORMAT.md): UTF-8, comma separated, one "
        "header row, column names not case-sensitive, row numbers in messages as a spreadsheet "
        "shows them.",
        "",
    ]
    for table in TABLES.values():
        lines += [
            f"### `{table.file}`",
            "",
            f"One row per {table.one_row_per}. " + ("Required." if table.required else "Optional."),
            "",
            *(f"- {note}" for note in table.notes),
            *([""] if table.notes else []),
            "| column | type | required | default | description |",
            "|---|---|---|---|---|",
            *(
                f"| `{column.name}` | {_md(_type_text(column))} | {_requirement(table, column)} | "
                f"{_md(_default_text(column.default))} | {_md(column.description)} |"
                for column in table.columns
            ),
            "",
        ]
    lines += [
        f"### `{SETTINGS_FILE}`",
        "",
        "Keys in a `[table]` are written here as `table.key`.",
        "",
        "| key | type | required | default | description |",
        "|---|---|---|---|---|",
    ]
    for setting in SETTINGS:
        kind = SETTING_TYPE_HELP[setting.type]
        if setting.key in CHOICES:
            kind = "one of " + ", ".join(f'`"{word}"`' for word in CHOICES[setting.key])
        bounds = [f"{sign} {limit:g}" for sign, limit in ((">=", setting.minimum), ("<=", setting.maximum))
                  if limit is not None]
        if bounds:
            kind += ", " + " and ".join(bounds)
        lines.append(
            f"| `{setting.key}` | {_md(kind)} | {'yes' if setting.required else 'no'} | "
            f"{_md(_default_text(setting.default))} | {_md(setting.description)} |"
        )
    lines += ["", "Example:", "", "```toml", *EXAMPLE.rstrip("\n").split("\n"), "```", ""]
    return "\n".join(lines)


FORMAT_START = "<!-- capacity-format:start -->"
FORMAT_END = "<!-- capacity-format:end -->"


def update_doc(text: str) -> str:
    """`docs/CAPACITY.md` with its generated format section replaced by `render_markdown()`."""
    before, rest = text.split(FORMAT_START, 1)
    after = rest.split(FORMAT_END, 1)[1]
    return before + FORMAT_START + "\n" + render_markdown() + FORMAT_END + after


if __name__ == "__main__":
    import sys
    from pathlib import Path

    doc = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/CAPACITY.md")
    doc.write_text(update_doc(doc.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Updated the format section of {doc}.")
