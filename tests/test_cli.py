"""The `planner` command end to end on real files: validate, solve -> check, demo, and every
kind of bad input (exit 2 with a message that names the problem, never a traceback).

Every roster the solver writes here is read back and put through `check_plan`.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pytest

from planner.check import check_plan
from planner.cli import main
from planner.domain import Scenario
from planner.io import load_scenario_dir
from planner.io.plan_tables import read_plan

EVIL = '=HYPERLINK("http://evil.example","click")'

FILES: Mapping[str, str] = {
    "scenario.toml": """\
name = "CLI test, week 10"
start_date = 2026-03-02
days = 3
currency = "EUR"

[contract]
max_hours_week = 40
min_rest_hours = 11

[solver]
time_limit_seconds = 5
workers = 8
seed = 1
""",
    "shifts.csv": """\
shift_id,start,end,break_minutes,skills,premium
E,07:00,15:00,30,,
L,15:00,23:00,30,,
N,23:00,07:00,0,phone,1.25
""",
    "staff.csv": f"""\
employee_id,name,skills,hourly_cost
E1,"{EVIL.replace('"', '""')}",phone;email,20
E2,"Smith, Ann",phone,18.5
E3,Bo Lee,email,19
E4,Cy Ray,phone,21
""",
    "demand.csv": """\
date,skill,start,end,shift_id,required,under_weight
2026-03-02,phone,,,E,2,
2026-03-02,email,16:00,18:00,,1,
2026-03-03,phone,08:00,10:00,,4,300
2026-03-03,email,,,L,1,
2026-03-04,phone,,,N,1,
2026-03-04,chat,09:00,10:00,,1,
""",
    "temp_pool.csv": """\
provider,skill,hourly_cost,max_per_day,min_hours
"Temps, Ltd",phone,30,2,4
""",
    "availability.csv": """\
employee_id,date,kind
E3,2026-03-04,leave
""",
}
"""A scenario that books a temp, leaves a gap nobody can fill and names someone `=HYPERLINK`."""

SOLVE_FLAGS = ("--time-limit", "5", "--workers", "8", "--seed", "1", "--quiet")


def write_scenario(folder: Path, changes: Mapping[str, str | None] | None = None) -> Path:
    """The base scenario with some files replaced (or left out, with None)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**FILES, **(changes or {})}.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def loaded(folder: Path) -> Scenario:
    result = load_scenario_dir(folder)
    assert result.ok and result.scenario is not None, result.issues
    return result.scenario


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The base scenario solved once: (scenario folder, output folder)."""
    root = tmp_path_factory.mktemp("cli")
    folder = write_scenario(root / "week10")
    out = root / "out"
    assert main(["solve", str(folder), "--out", str(out), *SOLVE_FLAGS]) == 0
    return folder, out


def copy_plan(solved: tuple[Path, Path], tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    shutil.copytree(solved[1], target)
    return target


def test_solve_writes_every_file_and_a_checked_roster(solved: tuple[Path, Path]) -> None:
    folder, out = solved
    for name in ("roster.csv", "temp_bookings.csv", "coverage.csv", "shortfall.csv", "summary.json",
                 "roster.xlsx"):
        assert (out / name).is_file(), name
    assert sorted(p.name for p in (out / "calendars").iterdir()) == ["E1.ics", "E2.ics", "E3.ics", "E4.ics"]
    scenario = loaded(folder)
    plan, issues = read_plan(scenario, out)
    assert issues == [] and plan is not None
    report = check_plan(scenario, plan)
    assert report.hard_violations == () and report.problems == ()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["solver"]["objective_units"] == report.objective_units
    assert summary["violations"]["hard_total"] == 0
    assert summary["scenario"]["name"] == "CLI test, week 10"
    with (out / "roster.csv").open(newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(plan.assignments) > 0
    assert {(r["employee_id"], r["shift_id"], r["skill"]) for r in table} == {
        (a.employee_id, a.shift_id, a.skill) for a in plan.assignments
    }
    assert all(r["name"] == "'" + EVIL for r in table if r["employee_id"] == "E1")
    assert summary["temps"]["count"] == len(plan.temp_bookings) == 1
    with (out / "shortfall.csv").open(newline="", encoding="utf-8") as handle:
        short = list(csv.DictReader(handle))
    assert [(r["skill"], r["reason"]) for r in short] == [("chat", "no_one_qualified")]
    book = openpyxl.load_workbook(out / "roster.xlsx")
    assert "Grid" in book.sheetnames
    assert book["Grid"]["B2"].value == "'" + EVIL
    ics = (out / "calendars" / "E2.ics").read_bytes()
    assert ics.count(b"BEGIN:VEVENT") == ics.count(b"END:VEVENT") == sum(
        a.employee_id == "E2" for a in plan.assignments
    )
    assert b"\n" not in ics.replace(b"\r\n", b"")


def test_solve_prints_progress_headline_and_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_scenario(tmp_path / "s")
    code, out, err = run(capsys, "solve", folder, "--out", tmp_path / "o", "--time-limit", "5")
    assert code == 0
    assert " s  cost " in out and "gap" in out  # one progress line per improving roster
    assert "Roster: OPTIMAL" in out and "Coverage:" in out and "Rule breaches: 0 hard" in out
    assert "roster.xlsx" in out and "calendars/ (4 calendar file(s)" in out
    assert "chat" in err  # the validation warning: nobody provides chat


def test_check_agrees_with_summary(capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path]) -> None:
    folder, out = solved
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    code, text, _ = run(capsys, "check", folder, out)
    assert code == 0
    assert f"Recomputed objective: {summary['solver']['objective']:,.2f} EUR" in text
    assert "the recomputed one agrees" in text and "0 hard" in text


def test_check_fails_on_hard_breach_and_on_other_objective(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path], tmp_path: Path
) -> None:
    folder = solved[0]
    plan_dir = copy_plan(solved, tmp_path)
    summary_path = plan_dir / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    summary["solver"]["objective_units"] += 6000
    summary["solver"]["objective"] += 1
    summary_path.write_text(json.dumps(summary), encoding="utf-8")
    code, text, _ = run(capsys, "check", folder, plan_dir)
    assert code == 1 and "DISAGREES" in text

    (summary_path).unlink()
    with (plan_dir / "roster.csv").open("a", encoding="utf-8") as handle:
        handle.write("2026-03-02,E3,,E,,,phone,work,,\n")
    code, text, _ = run(capsys, "check", folder, plan_dir)
    assert code == 1
    assert "HARD  Only qualified skills: E3 is not qualified in phone" in text
    assert "nothing to compare" in text


def test_validate_prints_the_issue_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", write_scenario(tmp_path / "ok"))
    assert code == 0
    header = out.splitlines()[0].split()
    assert header[:5] == ["severity", "table", "row", "column", "value"]
    assert "warning   demand.csv  7" in out and "OK: 'CLI test, week 10'" in out

    staff = FILES["staff.csv"].replace("Bo Lee,email,19", "Bo Lee,email,lots")
    code, out, _ = run(capsys, "validate", write_scenario(tmp_path / "bad", {"staff.csv": staff}))
    assert code == 2
    line = next(line for line in out.splitlines() if line.startswith("error"))
    assert "staff.csv" in line and "hourly_cost" in line and "lots" in line and "Fix:" in line


@pytest.mark.parametrize("command", ["validate", "solve", "check"])
def test_missing_scenario_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    args: list[object] = [command, tmp_path / "no-such-week"]
    if command == "solve":
        args += ["--out", tmp_path / "out"]
    if command == "check":
        args.insert(1, "--all")
        args.append(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 2 and "no-such-week" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"staff.csv": None}, "staff.csv"),
        ({"scenario.toml": "start_date = 2026-03-02\ndays = [\n"}, "scenario.toml"),
        ({"shifts.csv": FILES["shifts.csv"].replace("07:00,15:00", "7 am,15:00")}, "7 am"),
        ({"demand.csv": FILES["demand.csv"].replace("2026-03-03,email,,,L", "2026-03-03,email,,,Q")}, "'Q'"),
    ],
)
def test_solve_bad_scenario_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, changes: Mapping[str, str | None], words: str
) -> None:
    folder = write_scenario(tmp_path / "s", changes)
    code, _, err = run(capsys, "solve", folder, "--out", tmp_path / "out", *SOLVE_FLAGS)
    assert code == 2
    assert words in err and "error" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--time-limit", "soon"], "soon"),
        (["--time-limit", "0"], "more than 0"),
        (["--workers", "0"], "1 or more"),
        (["--seed", "-1"], "0 or more"),
    ],
)
def test_solve_bad_options_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], words: str
) -> None:
    code, _, err = run(capsys, "solve", write_scenario(tmp_path / "s"), "--out", tmp_path / "o", *args)
    assert code == 2 and words in err


def test_solve_out_is_a_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "solve", write_scenario(tmp_path / "s"), "--out", tmp_path / "taken")
    assert code == 2 and "taken" in err and "is a file" in err


def test_solve_infeasible_exits_3_with_conflicts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # E3 must work 40 h a week (17 h in these 3 days) but is unavailable all 3 days
    # (unavailability, unlike leave, does not count toward the weekly minimum).
    staff = "employee_id,name,skills,hourly_cost,min_hours_week\nE2,Ann,phone,18.5,\nE3,Bo Lee,email,19,40\n"
    leave = "employee_id,date,kind\n" + "".join(f"E3,2026-03-0{d},unavailable\n" for d in (2, 3, 4))
    folder = write_scenario(tmp_path / "s", {"staff.csv": staff, "availability.csv": leave})
    code, _, err = run(capsys, "solve", folder, "--out", tmp_path / "out", *SOLVE_FLAGS)
    assert code == 3
    assert "clash" in err and "E3" in err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["solver"]["status"] == "INFEASIBLE" and summary["conflicts"]
    assert not (tmp_path / "out" / "roster.csv").exists()


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("missing-folder", "no plan folder"),
        ("no-roster", "no roster.csv"),
        ("unknown-employee", "'Z9'"),
        ("bad-summary", "summary.json"),
        ("unknown-column", "'colour'"),
    ],
)
def test_check_bad_plan_exits_2(
    capsys: pytest.CaptureFixture[str],
    solved: tuple[Path, Path],
    tmp_path: Path,
    setup: str,
    words: str,
) -> None:
    plan_dir = copy_plan(solved, tmp_path)
    roster = plan_dir / "roster.csv"
    if setup == "missing-folder":
        plan_dir = tmp_path / "gone"
    elif setup == "no-roster":
        roster.unlink()
    elif setup == "unknown-employee":
        roster.write_text(roster.read_text(encoding="utf-8").replace(",E2,", ",Z9,"), encoding="utf-8")
    elif setup == "bad-summary":
        (plan_dir / "summary.json").write_text("{not json", encoding="utf-8")
    elif setup == "unknown-column":
        lines = roster.read_text(encoding="utf-8").splitlines()
        roster.write_text("\n".join([lines[0] + ",colour", *(x + ",red" for x in lines[1:])]) + "\n",
                          encoding="utf-8")
    code, _, err = run(capsys, "check", solved[0], plan_dir)
    assert code == 2 and words in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "solve")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    code, _, err = run(capsys, "demo", "--size", "huge", "--out", "x")
    assert code == 2 and "huge" in err
    assert run(capsys, "--help")[0] == 0


def test_demo_writes_a_valid_scenario(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("planner.demo")
    code, out, _ = run(capsys, "demo", "--size", "small", "--out", tmp_path / "demo", "--seed", "3")
    assert code == 0 and "planner solve" in out
    assert run(capsys, "validate", tmp_path / "demo")[0] == 0


def test_check_falls_back_to_the_exported_check_objective(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """A roster exported without a solve (say, edited in the UI) has no solver objective."""
    plan_dir = copy_plan(solved, tmp_path)
    summary_path = plan_dir / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    summary["solver"].update(objective=None, objective_units=None, status="UNKNOWN")
    summary_path.write_text(json.dumps(summary), encoding="utf-8")
    code, text, _ = run(capsys, "check", solved[0], plan_dir)
    assert code == 0 and "agrees" in text
