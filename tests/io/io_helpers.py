"""Helpers for the io tests: a small valid scenario, written to real files, and issue finders."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from planner.io import LoadResult
from planner.io.issues import Issue

BASE_FILES: Mapping[str, str] = {
    "scenario.toml": """\
name = "Test week"
start_date = 2026-03-02
days = 7
interval_minutes = 30
forbidden_successions = ["N>E"]

[costs]
under_weight = 100
over_weight = 5

[costs.skills.phone]
under_weight = 120

[contract]
min_hours_week = 0
max_hours_week = 48
max_shifts = "N=5"

[rules.max_weekends]
hard = false
weight = 50
limit = 3

[solver]
time_limit_seconds = 10
""",
    "shifts.csv": """\
shift_id,start,end,break_minutes,days,skills,premium
E,07:00,15:00,30,Mon-Fri,,
L,14:00,22:00,30,,,
N,22:00,06:00,0,,phone,1.25
""",
    "staff.csv": """\
employee_id,name,skills,hourly_cost,max_hours_week,min_hours_week,max_shifts,site,trainable
E1,Ann Smith,phone:3;email,20,40,,N=2,north,
E2,Bob Jones,email,18,,,,north,*
E3,Cleo Park,phone,19.5,,10,,,C1
""",
    "demand.csv": """\
date,skill,start,end,shift_id,required,site,under_weight
2026-03-02,phone,08:00,,,2,,
2026-03-02,phone,08:30,09:30,,1,,150
2026-03-03,email,,,E,1,north,
2026-03-04,phone,23:00,,,1,,
""",
    "availability.csv": """\
employee_id,date,kind,start,end,shift_id,weight
E1,2026-03-03,leave,,,,
E2,2026-03-04,preferred,,,L,3
E3,2026-03-05,unavailable,18:00,24:00,,
""",
    "temp_pool.csv": """\
provider,skill,hourly_cost,max_per_day,min_hours,notice_days,shifts
Acme,phone,35,3,4,1,E;L
,phone,40,,,,
Acme,phone,36,,,,
""",
    "training.csv": """\
course_id,skill,days,cost,hours_per_day,max_trainees,prerequisite,earliest_start,latest_end
C1,email,2,300,6,2,phone,2026-03-02,2026-03-06
""",
}
"""A valid scenario using every table; tests change one file (or one line) of it."""


def write_scenario(folder: Path, changes: Mapping[str, str | bytes | None]) -> Path:
    """Write the base scenario with `changes` (file name -> text, bytes, or None to omit)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes | None] = {**BASE_FILES, **changes}
    for name, content in files.items():
        if content is None:
            continue
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return folder


def replace_line(name: str, old: str, new: str) -> str:
    """The base file `name` with one line replaced (the line must exist)."""
    text = BASE_FILES[name]
    assert old in text, f"{old!r} is not in {name}"
    return text.replace(old, new, 1)


def issues_at(
    result: LoadResult, table: str, row: int | None = None, column: str | None = None
) -> list[Issue]:
    return [
        issue
        for issue in result.issues
        if issue.table == table
        and (row is None or issue.row == row)
        and (column is None or issue.column == column)
    ]


def the_issue(
    result: LoadResult,
    severity: str,
    table: str,
    row: int | None,
    column: str | None,
    value: str | None,
) -> Issue:
    """The one issue at exactly this place with this value and severity (fails otherwise)."""
    found = [
        issue
        for issue in result.issues
        if (issue.severity, issue.table, issue.row, issue.column, issue.value)
        == (severity, table, row, column, value)
    ]
    assert len(found) == 1, "expected one issue at {}; got:\n{}".format(
        (severity, table, row, column, value), "\n".join(str(i) for i in result.issues)
    )
    issue = found[0]
    assert issue.message and issue.fix
    return issue
