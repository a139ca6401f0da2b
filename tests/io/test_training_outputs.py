"""Training in the outputs: training_plan.csv, course days in roster.csv, the xlsx grid and the
calendars, and reading training back from a plan folder.

Plans with training are made by hand (and one solved); each goes through `check_plan` with no
hard violation.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from planner.check import check_plan
from planner.domain import Plan, Scenario, SolverSettings, Training
from planner.engine import solve
from planner.io.export import CALENDAR_DIR, WORKBOOK_FILE, calendar_text, training_grid_text, write_outputs
from planner.io.plan_tables import (
    ROSTER_COLUMNS,
    TRAINING_COLUMNS,
    TRAINING_FILE,
    read_plan,
    roster_frame,
    training_frame,
)
from tests.factories import course, employee, offer, roster, scenario, shift, slot

NOW = dt.datetime(2026, 2, 20, 9, 30, tzinfo=dt.UTC)
EARLY = shift("E", "07:00", "15:00", weekdays=range(5))
BILL = course("C-BILL", "billing", days=2, cost=150.0, hours_per_day=6.0)


def office(days: int = 7) -> Scenario:
    """A works desk and may learn billing; B works desk; billing is needed from Thursday."""
    people = [
        employee("A", ("desk",), hourly_cost=20.0, trainable=("C-BILL",)),
        employee("B", ("desk",), hourly_cost=18.0),
    ]
    demand = [slot(day, EARLY) for day in range(5)] + [slot(3, EARLY, skill="billing")]
    return scenario(people, [EARLY], demand, days=days, courses=[BILL])


def trained(training: tuple[Training, ...] = (Training("A", "C-BILL", 0),)) -> Plan:
    """A on the course Mon-Tue, then on billing Thursday; B on desk every weekday."""
    work = roster(("A", 2, "E"), ("A", 3, "E", "billing"), *[("B", day, "E") for day in range(5)])
    return Plan(assignments=work.assignments, training=training)


def checked(scn: Scenario, plan: Plan) -> None:
    report = check_plan(scn, plan)
    assert report.problems == ()
    assert report.hard_violations == (), [v.message for v in report.hard_violations]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_training_plan_row_per_trainee() -> None:
    scn, plan = office(), trained()
    checked(scn, plan)
    frame = training_frame(scn, plan)
    assert list(frame.columns) == list(TRAINING_COLUMNS)
    assert frame.to_dict("records") == [
        {
            "employee_id": "A",
            "name": "Name A",
            "course_id": "C-BILL",
            "skill": "billing",
            "start_date": "2026-03-02",
            "end_date": "2026-03-03",
            "days": 2,
            "hours": 12.0,
            "fee": 150.0,
            "pay": 12 * 20.0,
            "cost": 150.0 + 12 * 20.0,
            "qualified_from": "2026-03-04",
        }
    ]


def test_a_course_over_a_weekend_skips_it() -> None:
    scn = office(days=10)
    plan = Plan(assignments=(), training=(Training("A", "C-BILL", 4),))  # Friday
    checked(scn, plan)
    row = training_frame(scn, plan).iloc[0]
    assert (row["start_date"], row["end_date"], row["days"]) == ("2026-03-06", "2026-03-09", 2)
    assert row["qualified_from"] == "2026-03-10"
    course_days = roster_frame(scn, plan)
    assert course_days["date"].tolist() == ["2026-03-06", "2026-03-09"]


def test_roster_has_a_row_per_course_day_sorted_in_by_date() -> None:
    scn, plan = office(), trained()
    frame = roster_frame(scn, plan)
    assert list(frame.columns) == list(ROSTER_COLUMNS)
    assert frame["date"].tolist() == sorted(frame["date"].tolist())
    course_days = frame[frame["activity"] == "training"]
    assert course_days["date"].tolist() == ["2026-03-02", "2026-03-03"]
    first = course_days.iloc[0].to_dict()
    assert first == {
        "date": "2026-03-02",
        "employee_id": "A",
        "name": "Name A",
        "shift_id": "C-BILL",
        "start_at": "2026-03-02T09:00",
        "end_at": "2026-03-02T15:00",
        "skill": "billing",
        "activity": "training",
        "paid_hours": 6.0,
        "cost": 6 * 20.0,
    }
    assert len(frame) == len(plan.assignments) + 2
    # Monday: B's 07:00 shift comes before A's 09:00 course day.
    assert frame.iloc[:2][["employee_id", "activity"]].values.tolist() == [["B", "work"], ["A", "training"]]


def test_without_training_the_table_is_written_with_its_header(tmp_path: Path) -> None:
    scn = office()
    plan = roster(("B", 0, "E"))
    checked(scn, plan)
    write_outputs(scn, plan, tmp_path)
    text = (tmp_path / TRAINING_FILE).read_text(encoding="utf-8")
    assert text == ",".join(TRAINING_COLUMNS) + "\n"
    back, issues = read_plan(scn, tmp_path)
    assert issues == [] and back is not None and back.training == ()


def test_training_written_and_read_back(tmp_path: Path) -> None:
    scn, plan = office(), trained()
    checked(scn, plan)
    paths = write_outputs(scn, plan, tmp_path)
    assert tmp_path / TRAINING_FILE in paths
    table = rows(tmp_path / TRAINING_FILE)
    assert [(r["employee_id"], r["course_id"], r["start_date"], r["cost"]) for r in table] == [
        ("A", "C-BILL", "2026-03-02", "390.0")
    ]
    roster_rows = rows(tmp_path / "roster.csv")
    assert sum(r["activity"] == "training" for r in roster_rows) == 2
    back, issues = read_plan(scn, tmp_path)
    assert issues == [] and back is not None
    assert back.training == plan.training
    assert sorted(back.assignments, key=repr) == sorted(plan.assignments, key=repr)
    checked(scn, back)


def test_a_solved_plan_with_training_round_trips(tmp_path: Path) -> None:
    """Billing needs 2 heads a day and has 1; P1 may learn it; temps cost 60 an hour."""
    day = shift("D")
    demand = [slot(d, day, 2, "billing") for d in range(7)] + [slot(d, day, 1, "phone") for d in range(7)]
    staff = [
        employee("B1", ["billing"]),
        employee("P1", ["phone"], trainable=("C-BILL",)),
        employee("P2", ["phone"]),
        employee("P3", ["phone"]),
    ]
    scn = scenario(staff, [day], demand, days=7, temp_offers=[offer("billing", 60)],
                   courses=[course("C-BILL", "billing", days=2, cost=100.0)])
    plan = solve(scn, settings=SolverSettings(time_limit_seconds=20, workers=2, seed=1))
    assert plan.stats.status == "OPTIMAL" and plan.training
    write_outputs(scn, plan, tmp_path, now=NOW)
    back, issues = read_plan(scn, tmp_path)
    assert issues == [] and back is not None
    assert back.training == plan.training
    assert sorted(back.assignments, key=repr) == sorted(plan.assignments, key=repr)
    assert check_plan(scn, back).objective_units == plan.stats.objective_units
    table = rows(tmp_path / TRAINING_FILE)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert sum(float(r["cost"]) for r in table) == summary["costs"]["training"]


def test_grid_shows_course_days(tmp_path: Path) -> None:
    scn, plan = office(), trained()
    write_outputs(scn, plan, tmp_path)
    book = openpyxl.load_workbook(tmp_path / WORKBOOK_FILE)
    assert "Training" in book.sheetnames and book["Training"].max_row == 2
    grid = book["Grid"]
    a_row = next(row for row in grid.iter_rows(min_row=2) if row[0].value == "A")
    cells = [c.value for c in a_row[2:9]]
    assert cells[:4] == [
        "training billing (C-BILL)",
        "training billing (C-BILL)",
        "07:00-15:00 desk",
        "07:00-15:00 billing",
    ]
    assert training_grid_text(BILL) == "training billing (C-BILL)"
    paid_hours = a_row[10].value
    assert paid_hours == 2 * 6 + 2 * 8
    legend = [row[0].value for row in grid.iter_rows() if row[0].value == "training"]
    assert legend == ["training"]


def test_calendar_has_an_event_per_course_day(tmp_path: Path) -> None:
    scn, plan = office(), trained()
    write_outputs(scn, plan, tmp_path, now=NOW)
    text = (tmp_path / CALENDAR_DIR / "A.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 4
    assert "SUMMARY:C-BILL: training billing" in text
    assert "DTSTART:20260302T090000" in text and "DTEND:20260302T150000" in text
    assert "DTSTART:20260303T090000" in text
    assert "qualified in billing from 2026-03-04" in text
    uids = [line for line in text.split("\r\n") if line.startswith("UID:")]
    assert len(set(uids)) == 4
    starts = [line for line in text.split("\r\n") if line.startswith("DTSTART")]
    assert starts == sorted(starts)
    alone = calendar_text(scn, scn.employee("A"), [], NOW, plan.training)
    assert alone.count("BEGIN:VEVENT") == 2


def write_plan(folder: Path, roster_text: str, training_text: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roster.csv").write_text(roster_text, encoding="utf-8")
    if training_text is not None:
        (folder / TRAINING_FILE).write_text(training_text, encoding="utf-8")
    return folder


ROSTER = "date,employee_id,shift_id,skill,activity\n2026-03-04,A,E,desk,work\n"
COURSE_DAY = "2026-03-02,A,C-BILL,billing,training\n"
HEAD = "employee_id,course_id,start_date\n"


@pytest.mark.parametrize(
    ("roster_text", "training_text", "where", "words"),
    [
        (ROSTER, HEAD + "Z9,C-BILL,2026-03-02\n", (TRAINING_FILE, 2, "employee_id"), "Z9"),
        (ROSTER, HEAD + "A,C-NONE,2026-03-02\n", (TRAINING_FILE, 2, "course_id"), "C-NONE"),
        (ROSTER, HEAD + "A,C-BILL,02/03/2026\n", (TRAINING_FILE, 2, "start_date"), "not a date"),
        (ROSTER, HEAD + "A,C-BILL,2026-03-16\n", (TRAINING_FILE, 2, "start_date"), "outside"),
        (ROSTER, "employee_id,course_id\nA,C-BILL\n", (TRAINING_FILE, 1, "start_date"), "start_date"),
        (ROSTER + COURSE_DAY, None, ("roster.csv", 3, "activity"), "need training_plan.csv"),
    ],
)
def test_bad_training_tables_are_issues(
    tmp_path: Path, roster_text: str, training_text: str | None, where: tuple[str, int, str], words: str
) -> None:
    plan, issues = read_plan(office(), write_plan(tmp_path / "plan", roster_text, training_text))
    assert plan is None
    errors = [i for i in issues if i.is_error]
    assert [(i.table, i.row, i.column) for i in errors] == [where]
    assert words in str(errors[0]) and errors[0].fix


def test_roster_course_days_are_not_read_when_the_training_plan_is_given(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, ROSTER + COURSE_DAY, HEAD + "A,C-BILL,2026-03-02\n")
    plan, issues = read_plan(office(), folder)
    assert issues == [] and plan is not None
    assert [a.day for a in plan.assignments] == [2]
    assert plan.training == (Training("A", "C-BILL", 0),)


def test_edited_end_date_is_a_warning(tmp_path: Path) -> None:
    text = "employee_id,course_id,skill,start_date,end_date\nA,C-BILL,billing,2026-03-02,2026-03-05\n"
    plan, issues = read_plan(office(), write_plan(tmp_path, ROSTER, text))
    assert plan is not None and plan.training == (Training("A", "C-BILL", 0),)
    assert [(i.severity, i.table, i.row, i.column, i.value) for i in issues] == [
        ("warning", TRAINING_FILE, 2, "end_date", "2026-03-05")
    ]
    assert "2026-03-03" in issues[0].message
