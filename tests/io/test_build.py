"""Building the domain scenario from valid files, and loading from folders, files and zips."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from io_helpers import BASE_FILES, replace_line, the_issue, write_scenario

from planner.domain import Contract, RuleSetting, Scenario
from planner.io import (
    LoadResult,
    format_issues,
    issues_to_frame,
    load_scenario_dir,
    load_scenario_files,
    load_scenario_zip,
)

Load = Callable[..., LoadResult]


def scenario_of(result: LoadResult) -> Scenario:
    assert result.ok, format_issues(result.issues)
    assert result.scenario is not None
    return result.scenario


def test_settings(load: Load) -> None:
    settings = scenario_of(load()).settings
    assert settings.name == "Test week"
    assert settings.start_date == dt.date(2026, 3, 2)
    assert settings.days == 7
    assert settings.interval_minutes == 30
    assert settings.currency == "EUR"
    assert settings.temps_enabled is True
    assert settings.forbidden_successions == (("N", "E"),)
    assert (settings.under_weight, settings.over_weight) == (100.0, 5.0)
    assert dict(settings.skill_under_weight) == {"phone": 120.0}
    assert dict(settings.skill_over_weight) == {}
    assert settings.contract.min_hours_week == 0.0
    assert settings.contract.max_hours_week == 48.0
    assert dict(settings.contract.max_shifts) == {"N": 5}
    rule = settings.rules["max_weekends"]
    assert (rule.enabled, rule.hard, rule.weight, dict(rule.params)) == (True, False, 50.0, {"limit": 3})
    assert settings.solver.time_limit_seconds == 10.0
    assert (settings.solver.workers, settings.solver.seed, settings.solver.relative_gap) == (8, 0, 0.0)


def test_minimal_settings_take_the_defaults(load: Load) -> None:
    result = load({"scenario.toml": 'start_date = "2026-03-02"\ndays = 14\n'})
    settings = scenario_of(result).settings
    assert (settings.days, settings.interval_minutes, settings.name) == (14, 30, "")
    assert (settings.under_weight, settings.over_weight) == (100.0, 5.0)
    assert settings.contract == Contract()
    assert dict(settings.rules) == {}
    assert settings.rule("max_weekends") == RuleSetting()


def test_employees(load: Load) -> None:
    ann, bob, cleo = scenario_of(load()).employees
    assert ann.employee_id == "E1" and ann.name == "Ann Smith"
    assert dict(ann.skills) == {"phone": 3, "email": 1}
    assert ann.hourly_cost == 20.0
    assert ann.contract.max_hours_week == 40.0
    assert ann.contract.min_hours_week is None
    assert dict(ann.contract.max_shifts) == {"N": 2}
    assert ann.site == "north"
    assert ann.trainable == ()
    assert bob.trainable == ("*",)
    assert cleo.trainable == ("C1",)
    assert cleo.contract.min_hours_week == 10.0
    assert cleo.site is None


def test_contract_columns_are_typed(load: Load) -> None:
    text = (
        "employee_id,name,skills,hourly_cost,max_days_week,overtime_multiplier,min_rest_hours\n"
        "E1,Ann,phone;email,20,5,1.5,11\n"
    )
    (ann,) = scenario_of(load({"staff.csv": text, "training.csv": None, "availability.csv": None})).employees
    assert ann.contract.max_days_week == 5 and isinstance(ann.contract.max_days_week, int)
    assert ann.contract.overtime_multiplier == 1.5
    assert ann.contract.min_rest_hours == 11.0


def test_shifts(load: Load) -> None:
    early, late, night = scenario_of(load()).shifts
    assert (early.shift_id, early.start_minute, early.end_minute) == ("E", 420, 900)
    assert early.break_minutes == 30 and early.paid_minutes == 450
    assert early.weekdays == frozenset(range(5))
    assert early.skills is None and early.premium == 1.0
    assert late.weekdays == frozenset(range(7))
    assert (night.start_minute, night.end_minute, night.length_minutes) == (1320, 360, 480)
    assert night.skills == frozenset({"phone"}) and night.premium == 1.25


def test_shift_ending_at_midnight(load: Load) -> None:
    text = replace_line("shifts.csv", "L,14:00,22:00", "L,16:00,24:00")
    late = scenario_of(load({"shifts.csv": text})).shift("L")
    assert (late.start_minute, late.end_minute, late.length_minutes) == (960, 0, 480)


def test_demand(load: Load) -> None:
    first, second, slot, night = scenario_of(load()).demand
    assert (first.demand_id, first.day, first.skill, first.required) == ("D2", 0, "phone", 2)
    assert (first.start, first.end) == (480, 510)
    assert (first.under_weight, first.over_weight) == (120.0, 5.0)
    assert first.shift_id is None and first.site is None
    assert (second.start, second.end, second.under_weight) == (510, 570, 150.0)
    assert (slot.demand_id, slot.day, slot.shift_id, slot.site) == ("D4", 1, "E", "north")
    assert (slot.start, slot.end) == (1440 + 420, 1440 + 900)
    assert slot.under_weight == 100.0
    assert (night.day, night.start, night.end) == (2, 2 * 1440 + 1380, 2 * 1440 + 1410)


def test_interval_ending_after_midnight(load: Load) -> None:
    text = replace_line("demand.csv", "2026-03-04,phone,23:00,", "2026-03-04,phone,22:00,02:00")
    night = scenario_of(load({"demand.csv": text})).demand[-1]
    assert (night.start, night.end) == (2 * 1440 + 1320, 3 * 1440 + 120)


def test_interval_length_follows_interval_minutes(load: Load) -> None:
    settings = replace_line("scenario.toml", "interval_minutes = 30", "interval_minutes = 15")
    first = scenario_of(load({"scenario.toml": settings})).demand[0]
    assert first.end - first.start == 15


def test_availability(load: Load) -> None:
    leave, wish, part = scenario_of(load()).availability
    assert (leave.employee_id, leave.day, leave.kind, leave.row) == ("E1", 1, "leave", 2)
    assert (leave.shift_id, leave.start, leave.end, leave.weight) == (None, None, None, 1.0)
    assert (wish.kind, wish.shift_id, wish.weight) == ("preferred", "L", 3.0)
    assert (part.start, part.end) == (3 * 1440 + 1080, 4 * 1440)


def test_temp_offers(load: Load) -> None:
    acme, agency, repeat = scenario_of(load()).temp_offers
    assert (acme.offer_id, acme.provider, acme.hourly_cost) == ("Acme/phone", "Acme", 35.0)
    assert (acme.max_per_day, acme.min_hours, acme.notice_days) == (3, 4.0, 1)
    assert acme.shifts == frozenset({"E", "L"})
    assert (agency.offer_id, agency.provider, agency.max_per_day) == ("agency/phone", "agency", 10)
    assert (agency.min_hours, agency.notice_days, agency.shifts) == (0.0, 0, None)
    assert repeat.offer_id == "Acme/phone#4"


def test_courses(load: Load) -> None:
    (course,) = scenario_of(load()).courses
    assert (course.course_id, course.skill, course.days, course.cost) == ("C1", "email", 2, 300.0)
    assert (course.hours_per_day, course.max_trainees, course.prerequisite) == (6.0, 2, "phone")
    assert course.earliest_start == dt.date(2026, 3, 2)
    assert course.latest_end == dt.date(2026, 3, 6)


def test_course_defaults(load: Load) -> None:
    (course,) = scenario_of(load({"training.csv": "course_id,skill,days,cost\nC1,email,1,50\n"})).courses
    assert (course.hours_per_day, course.max_trainees, course.prerequisite) == (8.0, None, None)
    assert (course.earliest_start, course.latest_end) == (None, None)


def test_only_required_files(load: Load) -> None:
    changes = {"availability.csv": None, "temp_pool.csv": None, "training.csv": None}
    changes["staff.csv"] = replace_line("staff.csv", ",,,C1", ",,,")
    scenario = scenario_of(load(changes))
    assert (scenario.availability, scenario.temp_offers, scenario.courses) == ((), (), ())


# --- loading from files and zips ------------------------------------------------------------


def _zip(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_with_a_sub_folder(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"week10/{name}": text for name, text in BASE_FILES.items()}
    files["__MACOSX/week10/._demand.csv"] = b"\x00\x05junk"
    files["week10/.DS_Store"] = b"\x00junk"
    path = tmp_path / "week10.zip"
    path.write_bytes(_zip(files))
    result = load_scenario_zip(path.read_bytes())
    assert scenario_of(result).settings.name == "Test week"
    assert result.issues == ()


def test_files_with_folders_and_capitals(tmp_path: Path) -> None:
    folder = write_scenario(tmp_path / "sc", {})
    files = {f"Week 10\\{p.name.upper()}": p.read_bytes() for p in folder.iterdir()}
    files["notes.csv"] = b"a,b\n"
    result = load_scenario_files(files)
    assert result.ok
    issue = the_issue(result, "warning", "notes.csv", None, None, None)
    assert "ignored" in issue.message


def test_zip_among_uploaded_files() -> None:
    result = load_scenario_files({"scenario.zip": _zip(dict(BASE_FILES))})
    assert result.ok


def test_two_scenarios_in_one_zip_is_an_error() -> None:
    files = {f"a/{name}": text for name, text in BASE_FILES.items()}
    files["b/demand.csv"] = BASE_FILES["demand.csv"]
    result = load_scenario_zip(_zip(files))
    issue = the_issue(result, "error", "demand.csv", None, None, None)
    assert "a/demand.csv" in issue.message and "b/demand.csv" in issue.message
    assert result.scenario is None


def test_bad_zip_is_an_error() -> None:
    result = load_scenario_zip(b"not a zip", name="week10.zip")
    the_issue(result, "error", "week10.zip", None, None, None)
    assert not result.ok


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = load_scenario_dir(tmp_path / "nowhere")
    the_issue(result, "error", "upload", None, None, "nowhere")


# --- the result and its issues --------------------------------------------------------------


def test_load_result_sorts_errors_first_and_keeps_frames(load: Load) -> None:
    demand = replace_line("demand.csv", "08:00,,,2,", "08:00,,,1.5,")
    staff = replace_line("staff.csv", "Bob Jones,email,18", "Bob Jones,email,x")
    result = load({"demand.csv": demand, "staff.csv": staff})
    assert [issue.severity for issue in result.issues] == ["error", "warning"]
    assert len(result.errors) == 1 and len(result.warnings) == 1
    assert not result.ok and result.scenario is None
    assert set(result.frames) == {
        "demand.csv",
        "staff.csv",
        "shifts.csv",
        "availability.csv",
        "temp_pool.csv",
        "training.csv",
    }
    assert result.settings["days"] == 7


def test_issue_table_and_frame(load: Load) -> None:
    staff = replace_line("staff.csv", "Bob Jones,email,18", "Bob Jones,email,x")
    result = load({"staff.csv": staff})
    text = format_issues(result.issues)
    assert text.splitlines()[0].split() == [
        "severity",
        "table",
        "row",
        "column",
        "value",
        "problem",
        "and",
        "fix",
    ]
    assert "staff.csv  3    hourly_cost  'x'" in text
    assert text.endswith("1 error(s), 0 warning(s).")
    frame = issues_to_frame(result.issues)
    assert list(frame.columns) == ["severity", "table", "row", "column", "value", "message", "fix"]
    assert frame.loc[0, "row"] == 3
    assert str(frame["row"].dtype) == "Int64"
    assert issues_to_frame([]).empty
    assert format_issues([]) == "No problems found."
    assert isinstance(frame, pd.DataFrame)
