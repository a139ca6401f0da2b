"""Plan -> files and back: the output tables, summary.json, roster.xlsx, calendars, shortfall
reasons, formula neutralising, and reading a roster folder back for the checker.

Every roster here (solved or hand-made) goes through `check_plan` with no hard violation.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from planner import costs
from planner.check import CheckReport, check_plan
from planner.domain import Employee, Plan, Scenario, SolverSettings, SolveStats, TempBooking, Training
from planner.engine import solve
from planner.io.export import (
    CALENDAR_DIR,
    SUMMARY_FILE,
    WORKBOOK_FILE,
    build_summary,
    calendar_file_names,
    ics_fold,
    neutralised,
    write_calendars,
    write_csv,
    write_outputs,
    write_tables_xlsx,
)
from planner.io.plan_tables import (
    COVERAGE_COLUMNS,
    REASONS,
    ROSTER_COLUMNS,
    SHORTFALL_COLUMNS,
    TEMP_COLUMNS,
    neutralise,
    read_plan,
    shortfall_frame,
    unneutralise,
)
from planner.reports import cost_by_kind, coverage_by_day_skill, employee_hours, violations_by_rule
from tests.factories import (
    course,
    employee,
    interval,
    offer,
    roster,
    scenario,
    shift,
    slot,
    soft,
    unavailable,
)

NOW = dt.datetime(2026, 2, 20, 9, 30, tzinfo=dt.UTC)
FAST = SolverSettings(time_limit_seconds=5, workers=8, seed=1)
EVIL = '=HYPERLINK("http://evil.example","click")'


def checked(scn: Scenario, plan: Plan) -> CheckReport:
    """The checker's report of a plan, which must break no hard rule."""
    report = check_plan(scn, plan)
    assert report.problems == ()
    assert report.hard_violations == (), [v.message for v in report.hard_violations]
    return report


def named(person: Employee, name: str) -> Employee:
    return Employee(person.employee_id, name, person.skills, person.hourly_cost, person.contract)


def small() -> Scenario:
    """Three days, two shifts, two desk people and an agency: day 0 needs a temp."""
    early, late = shift("E", "07:00", "15:00", break_minutes=30), shift("L", "15:00", "23:00")
    people = [
        named(employee("A", ("desk",), hourly_cost=20.0), EVIL),
        named(employee("B", ("desk",), hourly_cost=18.5), "Smith, Ann"),
    ]
    demand = [
        slot(0, early, required=3, under_weight=200.0),
        slot(1, early),
        slot(1, late),
        interval(2, "09:00", "11:00", required=1),
        interval(2, "12:00", "13:00", required=1, skill="chat"),
    ]
    return scenario(people, [early, late], demand, days=3, temp_offers=[offer("desk", 40.0)])


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, Plan, Path, list[Path]]:
    scn = small()
    plan = solve(scn, settings=FAST)
    assert plan.stats.status == "OPTIMAL"
    report = checked(scn, plan)
    assert report.objective_units == plan.stats.objective_units
    out = tmp_path_factory.mktemp("out")
    paths = write_outputs(scn, plan, out, report=report, now=NOW)
    return scn, plan, out, paths


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_write_outputs_writes_every_file(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    _, _, out, paths = solved
    names = {p.relative_to(out).as_posix() for p in paths}
    assert names == {
        "roster.csv",
        "temp_bookings.csv",
        "training_plan.csv",
        "coverage.csv",
        "shortfall.csv",
        SUMMARY_FILE,
        WORKBOOK_FILE,
        f"{CALENDAR_DIR}/A.ics",
        f"{CALENDAR_DIR}/B.ics",
    }
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)


def test_roster_csv_rows_match_the_plan(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    scn, plan, out, _ = solved
    table = rows(out / "roster.csv")
    assert list(table[0]) == list(ROSTER_COLUMNS)
    got = {(r["date"], r["employee_id"], r["shift_id"], r["skill"], r["activity"]) for r in table}
    want = {
        (scn.settings.date_of(a.day).isoformat(), a.employee_id, a.shift_id, a.skill, a.activity)
        for a in plan.assignments
    }
    assert got == want and len(table) == len(plan.assignments)
    first = next(r for r in table if r["shift_id"] == "E" and r["employee_id"] == "B")
    assert first["start_at"].endswith("T07:00") and first["end_at"].endswith("T15:00")
    assert float(first["paid_hours"]) == 7.5
    assert float(first["cost"]) == 7.5 * 18.5


def test_temp_bookings_and_coverage(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    scn, plan, out, _ = solved
    temps = rows(out / "temp_bookings.csv")
    assert list(temps[0]) == list(TEMP_COLUMNS)
    assert sum(int(r["count"]) for r in temps) == sum(b.count for b in plan.temp_bookings) == 1
    assert temps[0]["offer_id"] == "agency/desk" and temps[0]["date"] == "2026-03-02"
    assert float(temps[0]["cost"]) == 40.0 * 7.5
    coverage = rows(out / "coverage.csv")
    assert list(coverage[0]) == list(COVERAGE_COLUMNS)
    assert [r["demand_id"] for r in coverage] == [d.demand_id for d in scn.demand]
    day0 = coverage[0]
    assert (day0["required"], day0["staff"], day0["temps"], day0["shortfall"]) == ("3", "2", "1", "0")
    assert coverage[3]["shift_id"] == ""
    assert coverage[4]["shortfall"] == "1"


def test_summary_figures_come_from_the_checker(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    scn, plan, out, _ = solved
    summary = json.loads((out / SUMMARY_FILE).read_text(encoding="utf-8"))
    report = checked(scn, plan)
    assert summary["solver"]["status"] == "OPTIMAL"
    assert summary["solver"]["objective_units"] == report.objective_units
    assert summary["check"]["agrees_with_solver"] is True
    assert summary["costs"]["total"] == round(report.objective, 2)
    assert summary["costs"]["temps"] == 300.0
    assert summary["scenario"] == {
        "name": "",
        "start_date": "2026-03-02",
        "end_date": "2026-03-04",
        "days": 3,
        "currency": "EUR",
        "employees": 2,
        "shifts": 2,
        "demand_rows": 5,
    }
    cover = summary["coverage"]
    assert cover["required_staff_hours"] == 3 * 8 + 8 + 8 + 2 + 1
    assert cover["short_staff_hours"] == 1.0
    assert cover["covered_staff_hours"] + cover["short_staff_hours"] == cover["required_staff_hours"]
    assert summary["temps"] == {"bookings": 1, "count": 1, "hours": 7.5, "cost": 300.0}
    assert summary["violations"]["hard_total"] == 0 and summary["violations"]["hard"] == {}
    assert set(summary["fairness"]) >= {"hours_per_employee", "weekends_per_employee"}
    assert summary["conflicts"] == []


def test_read_plan_round_trip(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    scn, plan, out, _ = solved
    back, issues = read_plan(scn, out)
    assert issues == [] and back is not None
    assert sorted(back.assignments, key=repr) == sorted(plan.assignments, key=repr)
    assert sorted(back.temp_bookings, key=repr) == sorted(plan.temp_bookings, key=repr)
    assert checked(scn, back).objective_units == plan.stats.objective_units


def test_read_plan_round_trip_with_training(tmp_path: Path) -> None:
    early = shift("E", "07:00", "15:00")
    people = [employee("A", ("desk",), trainable=("C-BILL",)), employee("B", ("desk",))]
    scn = scenario(
        people, [early], [slot(day, early) for day in range(3)], days=3,
        courses=[course("C-BILL", "billing", days=2, cost=90.0, hours_per_day=7.5)],
    )
    plan = Plan(
        assignments=roster(*[("B", day, "E") for day in range(3)], ("A", 2, "E")).assignments,
        training=(Training("A", "C-BILL", 0),),
    )
    report = checked(scn, plan)
    write_outputs(scn, plan, tmp_path, report=report, now=NOW)
    back, issues = read_plan(scn, tmp_path)
    assert issues == [] and back is not None
    assert back.training == plan.training
    assert sorted(back.assignments, key=repr) == sorted(plan.assignments, key=repr)
    assert checked(scn, back).objective_units == report.objective_units


def test_formulas_are_neutralised_in_csv_and_xlsx(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    _, _, out, _ = solved
    names = {r["employee_id"]: r["name"] for r in rows(out / "roster.csv")}
    assert names["A"] == "'" + EVIL
    assert names["B"] == "Smith, Ann"
    book = openpyxl.load_workbook(out / WORKBOOK_FILE)
    for sheet in ("Roster", "Grid"):
        values = [c.value for row in book[sheet].iter_rows() for c in row if isinstance(c.value, str)]
        assert "'" + EVIL in values
        assert not any(v.startswith(("=", "+", "@")) for v in values)
        assert all(c.data_type != "f" for row in book[sheet].iter_rows() for c in row)


def test_negative_numbers_stay_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": ["-5", "+1", "@x", "ok", "\tx"], "number": [-5.0, 1.0, -0.25, 0.0, 2.0]})
    safe = neutralised(frame)
    assert safe["text"].tolist() == ["'-5", "'+1", "'@x", "ok", "'\tx"]
    assert safe["number"].tolist() == frame["number"].tolist()
    text = write_csv(frame, tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1] == "'-5,-5.0"
    sheet = openpyxl.load_workbook(write_tables_xlsx({"T": frame}, tmp_path / "t.xlsx"))["T"]
    assert sheet["A2"].value == "'-5" and sheet["B2"].value == -5
    assert sheet["B4"].value == -0.25 and sheet["B4"].data_type == "n"
    assert [unneutralise(neutralise(v)) for v in frame["text"]] == frame["text"].tolist()


def test_workbook_sheets_and_printable_grid(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    _, plan, out, _ = solved
    book = openpyxl.load_workbook(out / WORKBOOK_FILE)
    assert book.sheetnames == ["Roster", "Grid", "Temps", "Training", "Coverage", "Shortfall", "Summary"]
    grid = book["Grid"]
    header = [c.value for c in grid[1]]
    assert header[:2] == ["employee_id", "name"]
    assert header[2:5] == ["Mon\n2026-03-02", "Tue\n2026-03-03", "Wed\n2026-03-04"]
    assert header[5:] == ["shifts", "paid hours"]
    assert grid.freeze_panes == "C2"
    assert grid.page_setup.orientation == "landscape"
    assert grid.sheet_properties.pageSetUpPr.fitToPage
    assert grid.page_setup.fitToWidth in (None, 1) and grid.page_setup.fitToHeight == 0  # 1 page wide
    texts = {c.value for row in grid.iter_rows(min_row=2, max_row=3) for c in row}
    assert "07:00-15:00 desk" in texts and "15:00-23:00 desk" in texts
    fills = {
        c.value: c.fill.fgColor.rgb
        for row in grid.iter_rows(min_row=2, max_row=3)
        for c in row
        if c.value in ("07:00-15:00 desk", "15:00-23:00 desk")
    }
    assert len(set(fills.values())) == 2
    assert grid["C4"].value == "temps" or grid["A4"].value == "temps"
    assert book["Roster"].max_row == len(plan.assignments) + 1
    assert isinstance(book["Roster"]["A2"].value, dt.datetime)
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["solver.status"] == "OPTIMAL" and summary["violations.hard_total"] == 0


def test_calendars_are_rfc5545(solved: tuple[Scenario, Plan, Path, list[Path]]) -> None:
    _, plan, out, _ = solved
    data = (out / CALENDAR_DIR / "B.ics").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")  # every line ends CRLF
    text = data.decode("utf-8")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    worked = [a for a in plan.assignments if a.employee_id == "B"]
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == len(worked) > 0
    assert text.count("BEGIN:VCALENDAR") == text.count("END:VCALENDAR") == 1
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert "X-WR-CALNAME:Roster: Smith\\, Ann" in lines
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == len(uids) == len(worked)
    assert all(line == "DTSTAMP:20260220T093000Z" for line in lines if line.startswith("DTSTAMP"))
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert "DTSTART:20260302T070000" in starts and not any(s.endswith("Z") for s in starts)
    again = (out / CALENDAR_DIR / "A.ics").read_text(encoding="utf-8")
    assert again.count("BEGIN:VEVENT") == sum(a.employee_id == "A" for a in plan.assignments)


def test_calendar_escaping_folding_and_file_names(tmp_path: Path) -> None:
    odd = named(employee("x/../E;1", ("front,desk",)), "Lee; Bo, Jr")
    late = shift("L", "22:00", "06:00")
    scn = scenario([odd], [late], [slot(0, late, skill="front,desk")], days=1)
    plan = roster(("x/../E;1", 0, "L", "front,desk"))
    checked(scn, plan)
    [path] = write_calendars(scn, plan, tmp_path, NOW)
    assert path.name == "x_.._E_1.ics" and path.parent == tmp_path
    text = path.read_text(encoding="utf-8")
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:L: front\\,desk" in unfolded
    assert "X-WR-CALNAME:Roster: Lee\\; Bo\\, Jr" in unfolded
    assert "DTSTART:20260302T220000" in unfolded and "DTEND:20260303T060000" in unfolded
    long = "DESCRIPTION:" + "é" * 80
    folded = ics_fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    assert calendar_file_names(["E1", "e1", "a b"]) == {"E1": "E1.ics", "e1": "e1-2.ics", "a b": "a_b.ics"}


def reason_of(scn: Scenario, plan: Plan) -> dict[str, object]:
    checked(scn, plan)
    frame = shortfall_frame(scn, plan)
    assert list(frame.columns) == list(SHORTFALL_COLUMNS)
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


def test_shortfall_no_one_qualified() -> None:
    early = shift("E")
    row = reason_of(scenario([employee("A")], [early], [slot(0, early, skill="chat")], days=1), roster())
    assert row["reason"] == "no_one_qualified" and "nobody holds chat" in row["detail"]
    assert row["fix"] == "no quick fix: cross-train or hire" and math.isnan(row["fix_cost"])
    assert row["gap_heads"] == 1 and row["short_staff_hours"] == 8.0 and row["cost"] == 800.0
    with_temps = scenario(
        [employee("A")], [early], [slot(0, early, skill="chat")], days=1, temp_offers=[offer("chat", 30.0)]
    )
    row = reason_of(with_temps, roster())
    assert row["fix"] == "book 1 temp from agency/chat on E Mon 2026-03-02" and row["fix_cost"] == 240.0


def test_shortfall_all_qualified_busy() -> None:
    early, late = shift("E", "06:00", "14:00"), shift("L", "14:00", "22:00")
    scn = scenario([employee("A")], [early, late], [slot(0, early), slot(0, late)], days=1)
    row = reason_of(scn, roster(("A", 0, "E")))
    assert row["reason"] == "all_qualified_busy" and "A works E that day" in row["detail"]
    capped = scenario(
        [employee("A", max_hours_week=8)], [early, late], [slot(0, early), slot(1, late)], days=2
    )
    row = reason_of(capped, roster(("A", 0, "E")))
    assert row["reason"] == "all_qualified_busy" and "max 8 h" in row["detail"]


def test_shortfall_availability() -> None:
    early = shift("E")
    scn = scenario(
        [employee("A")], [early], [slot(0, early)], days=1, availability=[unavailable("A", 0, kind="leave")]
    )
    row = reason_of(scn, roster())
    assert row["reason"] == "availability" and row["detail"] == "free but unavailable: A on leave"


def test_shortfall_left_short_by_cost_with_overtime_fix() -> None:
    early = shift("E", "08:00", "16:00")
    worker = employee("A", hourly_cost=20.0, overtime_after_hours_week=8, overtime_multiplier=1.5)
    scn = scenario(
        [worker],
        [early],
        [slot(0, early), slot(1, early, under_weight=1.0)],
        days=2,
        temp_offers=[offer("desk", 45.0)],
    )
    row = reason_of(scn, roster(("A", 0, "E")))
    assert row["reason"] == "left_short_by_cost" and row["detail"] == "could work it: A"
    assert row["fix"] == "overtime for A on E Tue 2026-03-03"
    assert row["fix_cost"] == 8 * 20.0 * 1.5 < 8 * 45.0
    assert set(REASONS) == {"no_one_qualified", "all_qualified_busy", "availability", "left_short_by_cost"}


def test_no_roster_writes_only_the_summary(tmp_path: Path) -> None:
    scn = small()
    plan = roster(("B", 1, "E"))
    checked(scn, plan)
    write_outputs(scn, plan, tmp_path, now=NOW)
    assert (tmp_path / "roster.csv").is_file()
    failed = Plan((), stats=SolveStats(status="INFEASIBLE", conflicts=("Weekly hours within contract: A",)))
    paths = write_outputs(scn, failed, tmp_path, now=NOW)
    assert paths == [tmp_path / SUMMARY_FILE]
    assert not (tmp_path / "roster.csv").exists() and not list((tmp_path / CALENDAR_DIR).glob("*.ics"))
    summary = json.loads(paths[0].read_text(encoding="utf-8"))
    assert summary["solver"]["status"] == "INFEASIBLE"
    assert summary["conflicts"] == ["Weekly hours within contract: A"]
    assert "costs" not in summary
    assert build_summary(scn, failed)["solver"]["objective"] is None


def write_plan(folder: Path, roster_text: str, temps_text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roster.csv").write_text(roster_text, encoding="utf-8")
    if temps_text is not None:
        (folder / "temp_bookings.csv").write_text(temps_text, encoding="utf-8")
    return folder


ROSTER_HEAD = "date,employee_id,shift_id,skill\n"


@pytest.mark.parametrize(
    ("roster_text", "temps_text", "where", "words"),
    [
        (ROSTER_HEAD + "2026-03-02,Z9,E,desk\n", None, ("roster.csv", 2, "employee_id"), "Z9"),
        (ROSTER_HEAD + "2026-03-02,A,X,desk\n", None, ("roster.csv", 2, "shift_id"), "X"),
        (ROSTER_HEAD + "02/03/2026,A,E,desk\n", None, ("roster.csv", 2, "date"), "not a date"),
        (ROSTER_HEAD + "2026-03-09,A,E,desk\n", None, ("roster.csv", 2, "date"), "outside"),
        (
            "date,employee_id,shift_id,skill,colour\n2026-03-02,A,E,desk,red\n",
            None,
            ("roster.csv", 1, "colour"),
            "colour",
        ),
        ("date,employee_id,skill\n2026-03-02,A,desk\n", None, ("roster.csv", 1, "shift_id"), "shift_id"),
        (
            ROSTER_HEAD + "2026-03-02,A,E,desk\n",
            "date,shift_id,skill,offer_id,count\n2026-03-02,E,desk,nobody/desk,1\n",
            ("temp_bookings.csv", 2, "offer_id"),
            "nobody/desk",
        ),
        (
            ROSTER_HEAD + "2026-03-02,A,E,desk\n",
            "date,shift_id,skill,offer_id,count\n2026-03-02,E,desk,agency/desk,two\n",
            ("temp_bookings.csv", 2, "count"),
            "two",
        ),
    ],
)
def test_read_plan_reports_bad_tables_as_issues(
    tmp_path: Path,
    roster_text: str,
    temps_text: str | None,
    where: tuple[str, int, str],
    words: str,
) -> None:
    plan, issues = read_plan(small(), write_plan(tmp_path / "plan", roster_text, temps_text))
    assert plan is None
    errors = [i for i in issues if i.is_error]
    assert [(i.table, i.row, i.column) for i in errors] == [where]
    assert words in str(errors[0]) and errors[0].fix


def test_read_plan_missing_files_and_empty_roster(tmp_path: Path) -> None:
    scn = small()
    plan, issues = read_plan(scn, tmp_path / "nowhere")
    assert plan is None and "nowhere" in issues[0].message
    plan, issues = read_plan(scn, write_plan(tmp_path / "empty", ""))
    assert plan is None and issues[0].table == "roster.csv"
    (tmp_path / "none").mkdir()
    plan, issues = read_plan(scn, tmp_path / "none")
    assert plan is None and "no roster.csv" in issues[0].message
    plan, issues = read_plan(scn, write_plan(tmp_path / "header", ",".join(ROSTER_COLUMNS) + "\n"))
    assert plan is not None and plan.assignments == () and issues == []
    checked(scn, plan)


def test_read_plan_undoes_neutralising_and_warns_on_edited_times(tmp_path: Path) -> None:
    early = shift("E", "07:00", "15:00")
    scn = scenario([employee("-E1")], [early], [slot(0, early)], days=1, temp_offers=[offer("desk")])
    plan = Plan((roster(("-E1", 0, "E")).assignments), (TempBooking("agency/desk", 0, "E", "desk", 2),))
    checked(scn, plan)
    write_outputs(scn, plan, tmp_path, now=NOW)
    assert rows(tmp_path / "roster.csv")[0]["employee_id"] == "'-E1"
    back, issues = read_plan(scn, tmp_path)
    assert issues == [] and back is not None and back.assignments == plan.assignments
    assert back.temp_bookings == plan.temp_bookings
    text = (tmp_path / "roster.csv").read_text(encoding="utf-8").replace("T07:00", "T08:00", 1)
    (tmp_path / "roster.csv").write_text(text, encoding="utf-8")
    back, issues = read_plan(scn, tmp_path)
    assert back is not None and [(i.severity, i.column) for i in issues] == [("warning", "start_at")]
    assert costs.to_money(checked(scn, back).costs["wages"]) == 160.0


def test_report_frames_count_weekends_costs_and_breaches() -> None:
    early = shift("E", "08:00", "16:00")
    people = [employee("A", max_weekends=1), employee("B")]
    scn = scenario(people, [early], [slot(day, early) for day in range(7)], days=7,
                   rules={"max_weekends": soft(25.0)})
    plan = roster(*[("A", day, "E") for day in (0, 1, 5)], ("B", 6, "E"))
    report = checked(scn, plan)
    people_frame = employee_hours(scn, plan)
    assert people_frame.set_index("employee_id")["weekends"].to_dict() == {"A": 1, "B": 1}
    assert people_frame.set_index("employee_id")["paid_hours"].to_dict() == {"A": 24.0, "B": 8.0}
    summary = build_summary(scn, plan, report)
    assert summary["fairness"]["weekends_per_employee"] == {"min": 1.0, "mean": 1.0, "max": 1.0}
    assert summary["coverage"]["short_staff_hours"] == 3 * 8.0
    by_kind = cost_by_kind(report).set_index("kind")["cost"].to_dict()
    assert by_kind["shortfall"] == 3 * 8 * 100.0 and by_kind["wages"] == 4 * 8 * 20.0
    breaches = violations_by_rule(report)
    assert breaches["rule"].tolist() == ["cover_demand"] and breaches["count"].tolist() == [3]
    assert breaches["hard"].tolist() == [False] and breaches["cost"].tolist() == [2400.0]
    days = coverage_by_day_skill(scn, plan)
    assert days["covered_pct"].tolist() == [100.0, 100.0, 0.0, 0.0, 0.0, 100.0, 100.0]
