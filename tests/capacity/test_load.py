"""Loading a capacity plan's files: a good plan builds; every bad input is one clear `Issue`
(table, row as a spreadsheet shows it, column, value, message, fix), never an exception."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest

from planner.capacity import load_capacity_dir, load_capacity_files
from planner.capacity.load import CapacityLoadResult
from planner.io.issues import Issue

DATA = Path(__file__).resolve().parents[2] / "data"

BASE: Mapping[str, str] = {
    "groups.csv": """\
group,headcount,hourly_cost,hire_max,hire_lead_weeks,temp_max_hours,temp_cost
phone,10,18,2,1,40,30
chat,4,19,,0,,
""",
    "requirements.csv": """\
week,group,required_hours
1,phone,400
2,phone,420
1,chat,160
2,chat,170
""",
    "transitions.csv": """\
from,to,cost,duration_weeks,max_per_week,down,loss
phone,chat,300,1,2,no,
chat,phone,0,0,,yes,0.2
""",
    "capacity.toml": """\
name = "Test plan"
start_date = 2026-03-02
weeks = 2
objective = "lexicographic"
max_overstaff_fte = 3

[solver]
time_limit_seconds = 10
""",
}


def load(changes: Mapping[str, str | bytes | None] | None = None) -> CapacityLoadResult:
    files: dict[str, bytes] = {name: text.encode() for name, text in BASE.items()}
    for name, value in (changes or {}).items():
        if value is None:
            files.pop(name, None)
        else:
            files[name] = value if isinstance(value, bytes) else value.encode()
    return load_capacity_files(files)


def the_error(result: CapacityLoadResult) -> Issue:
    assert result.data is None
    assert len(result.errors) == 1, [str(issue) for issue in result.errors]
    return result.errors[0]


def test_the_base_plan_builds() -> None:
    result = load()
    assert result.issues == (), [str(issue) for issue in result.issues]
    data = result.data
    assert data is not None
    assert data.settings.start_date == dt.date(2026, 3, 2)
    assert data.settings.objective == "lexicographic"
    assert data.group("phone").hire_max == 2
    assert data.group("chat").hire_max is None
    assert data.group("phone").overtime_price == 27
    assert [t.key for t in data.transitions] == ["phone>chat", "chat>phone"]
    assert data.transitions[1].down and data.transitions[1].loss == 0.2
    assert data.required("chat", 2) == 170


def test_required_fte_and_dates_are_read() -> None:
    result = load({"requirements.csv": "date,group,required_fte\n2026-03-04,phone,10\n2026-03-09,phone,10.5\n"
                                       "2026-03-02,chat,4\n2026-03-15,chat,4\n"})
    assert result.data is not None, [str(issue) for issue in result.errors]
    assert result.data.required("phone", 2) == 420
    assert result.data.required("chat", 2) == 160


def test_a_semicolon_file_with_decimal_commas_is_read_with_a_warning() -> None:
    result = load({"groups.csv": "group;headcount;hourly_cost\nphone;10;18,5\nchat;4;19\n"})
    assert result.data is not None, [str(issue) for issue in result.errors]
    assert result.data.group("phone").hourly_cost == 18.5
    assert [issue.table for issue in result.warnings] == ["groups.csv"]


def test_a_folder_loads_like_its_files(tmp_path: Path) -> None:
    for name, text in BASE.items():
        (tmp_path / name).write_text(text)
    assert load_capacity_dir(tmp_path).data == load().data


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [
        ({"groups.csv": None}, ("groups.csv", None, None), "no groups.csv"),
        ({"requirements.csv": None}, ("requirements.csv", None, None), "no requirements.csv"),
        ({"capacity.toml": None}, ("capacity.toml", None, None), "no capacity.toml"),
        ({"groups.csv": b"PK\x03\x04binary"}, ("groups.csv", None, None), "not a text CSV"),
        ({"groups.csv": "group,headcount\nphone,10\nchat,4\n"}, ("groups.csv", 1, "hourly_cost"),
         "no 'hourly_cost' column"),
        ({"groups.csv": BASE["groups.csv"].replace("phone,10,18", "phone,ten,18")},
         ("groups.csv", 2, "headcount"), "'ten' is not a number"),
        ({"groups.csv": BASE["groups.csv"].replace("phone,10,18,2,1", "phone,10,18,-2,1")},
         ("groups.csv", 2, "hire_max"), "negative"),
        ({"groups.csv": BASE["groups.csv"].replace(",40,30", ",40,")}, ("groups.csv", 2, "temp_cost"),
         "no temp_cost"),
        ({"groups.csv": BASE["groups.csv"].replace("group,", "group,hours_per_fte,")
          .replace("phone,", "phone,0,").replace("chat,", "chat,,")},
         ("groups.csv", 2, "hours_per_fte"), "would work no hours"),
        ({"groups.csv": BASE["groups.csv"] + "phone,1,18,,,,\n"}, ("groups.csv", 4, "group"), "both give"),
        ({"requirements.csv": BASE["requirements.csv"] + "1,billing,40\n"},
         ("requirements.csv", 6, "group"), "'billing' is not in groups.csv"),
        ({"requirements.csv": BASE["requirements.csv"] + "2,chat,10\n"},
         ("requirements.csv", 6, "week"), "both give the requirement of 'chat'"),
        ({"requirements.csv": BASE["requirements.csv"].replace("2,chat,170\n", "")},
         ("requirements.csv", None, "week"), "no requirement for week(s) 2"),
        ({"requirements.csv": "week,date,group,required_hours\n1,2026-03-02,phone,400\n2,,phone,400\n"
                              "1,,chat,1\n2,,chat,1\n"}, ("requirements.csv", 2, "date"), "both week"),
        ({"requirements.csv": "week,group,required_hours,required_fte\n1,phone,,\n2,phone,1,\n1,chat,1,\n"
                              "2,chat,1,\n"}, ("requirements.csv", 2, "required_hours"), "neither"),
        ({"requirements.csv": "week,group\n1,phone\n2,phone\n1,chat\n2,chat\n"},
         ("requirements.csv", 1, "required_hours"), "has neither"),
        ({"transitions.csv": BASE["transitions.csv"] + "phone,phone,1,1,,no,\n"},
         ("transitions.csv", 4, "to"), "to itself"),
        ({"transitions.csv": BASE["transitions.csv"] + "phone,chatt,1,1,,no,\n"},
         ("transitions.csv", 4, "to"), "Did you mean 'chat'?"),
        ({"transitions.csv": BASE["transitions.csv"] + "phone,chat,1,1,,no,\n"},
         ("transitions.csv", 4, "to"), "both give the move"),
        ({"transitions.csv": BASE["transitions.csv"].replace("yes", "maybe")},
         ("transitions.csv", 3, "down"), "not one of"),
        ({"capacity.toml": BASE["capacity.toml"].replace("lexicographic", "cheapest")},
         ("capacity.toml", 4, "objective"), "not one of cost, releases, lexicographic"),
        ({"capacity.toml": BASE["capacity.toml"].replace("weeks = 2\n", "")},
         ("capacity.toml", None, "weeks"), "no weeks"),
        ({"capacity.toml": BASE["capacity.toml"].replace("weeks = 2", "weeks = 2.5")},
         ("capacity.toml", 3, "weeks"), "whole number"),
        ({"capacity.toml": BASE["capacity.toml"].replace("= 10", '= "ten"')},
         ("capacity.toml", 8, "solver.time_limit_seconds"), "must be a number"),
        ({"capacity.toml": "start_date = 2026-03-02\nweeks = 2 2\n"}, ("capacity.toml", 2, None),
         "not valid TOML"),
    ],
    ids=[
        "no_groups", "no_requirements", "no_settings", "workbook", "missing_column", "bad_number",
        "negative", "temps_without_price", "zero_hours", "duplicate_group", "unknown_group",
        "duplicate_week", "missing_week", "week_and_date", "no_measure", "no_measure_column", "self_move",
        "typo_group", "duplicate_move", "bad_flag", "bad_objective", "no_weeks", "fractional_weeks",
        "text_limit", "bad_toml",
    ],
)
def test_bad_input_gives_one_clear_issue(changes: dict, where: tuple, words: str) -> None:
    issue = the_error(load(changes))
    assert (issue.table, issue.row, issue.column) == where, str(issue)
    assert words in issue.message, str(issue)
    assert issue.fix


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [
        ({"groups.csv": BASE["groups.csv"].replace("group,", "team_size,group,").replace("phone,", "1,phone,")
          .replace("chat,", "1,chat,")}, ("groups.csv", 1, "team_size"), "does not know"),
        ({"groups.csv": BASE["groups.csv"] + "billing,3,20,,,,\n"}, ("groups.csv", 4, "group"),
         "no row for group 'billing'"),
        ({"requirements.csv": BASE["requirements.csv"] + "9,chat,1\n"}, ("requirements.csv", 6, "week"),
         "outside the plan"),
        ({"transitions.csv": BASE["transitions.csv"].replace("2,no,", "2,no,0.5")},
         ("transitions.csv", 2, "loss"), "only to moves down"),
        ({"transitions.csv": "from,to\n"}, ("transitions.csv", None, None), "nobody moves"),
        ({"capacity.toml": BASE["capacity.toml"] + "colour = 3\n"}, ("capacity.toml", 9, "solver.colour"),
         "Unknown key"),
        ({"notes.csv": "a\n1\n"}, ("notes.csv", None, None), "not one of the capacity plan's files"),
    ],
    ids=["unknown_column", "group_without_rows", "week_outside", "loss_on_retraining", "no_moves",
         "unknown_key", "stray_file"],
)
def test_warnings_leave_the_plan_usable(changes: dict, where: tuple, words: str) -> None:
    result = load(changes)
    assert result.data is not None, [str(issue) for issue in result.errors]
    assert len(result.warnings) == 1, [str(issue) for issue in result.warnings]
    issue = result.warnings[0]
    assert (issue.table, issue.row, issue.column) == where, str(issue)
    assert words in issue.message, str(issue)


def test_many_bad_cells_are_summed_up_after_twenty() -> None:
    rows = "".join(f"{week},phone,lots\n{week},chat,1\n" for week in range(1, 31))
    result = load({"requirements.csv": "week,group,required_hours\n" + rows,
                   "capacity.toml": BASE["capacity.toml"].replace("weeks = 2", "weeks = 30")})
    assert len(result.errors) == 21
    assert "10 more row(s)" in result.errors[-1].message


def test_the_requirement_can_come_from_a_roster_scenarios_demand() -> None:
    """The contact-centre sample (one week from 2026-03-02) with a group per skill: each
    group's hours are the skill's staff-hours in demand.csv, grossed up by the shrinkage."""
    folder = DATA / "contact-centre"
    files = {path.name: path.read_bytes() for path in folder.iterdir() if path.suffix in (".csv", ".toml")}
    files["groups.csv"] = b"group,headcount,hourly_cost\nphone,20,18\nchat,8,19\nemail,6,17\n"
    files["capacity.toml"] = b"start_date = 2026-03-02\nweeks = 1\nshrinkage = 0.2\n"
    result = load_capacity_files(files)
    assert result.data is not None, [str(issue) for issue in result.errors]
    assert result.roster is not None
    staff_hours = {skill: sum(d.required * d.hours for d in result.roster.demand if d.skill == skill)
                   for skill in ("phone", "chat", "email")}
    assert {g: result.data.required(g, 1) for g in staff_hours} == pytest.approx(
        {g: hours / 0.8 for g, hours in staff_hours.items()})
    assert result.data.requirement_source == "demand.csv"


def test_a_plan_longer_than_the_rosters_demand_is_an_error() -> None:
    folder = DATA / "contact-centre"
    files = {path.name: path.read_bytes() for path in folder.iterdir() if path.suffix in (".csv", ".toml")}
    files["groups.csv"] = b"group,headcount,hourly_cost\nphone,20,18\nchat,8,19\nemail,6,17\n"
    files["capacity.toml"] = b"start_date = 2026-03-02\nweeks = 4\n"
    issue = the_error(load_capacity_files(files))
    assert (issue.table, issue.column) == ("demand.csv", "date")
    assert "week(s) 2-4" in issue.message
