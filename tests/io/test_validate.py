"""One test per class of bad input: each asserts where the issue points and how severe it is."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from io_helpers import BASE_FILES, issues_at, replace_line, the_issue

from planner.io import LoadResult
from planner.io.validate import (
    CellError,
    parse_date,
    parse_int,
    parse_max_shifts,
    parse_number,
    parse_skills,
    parse_time,
    parse_weekdays,
)
from planner.rules import RULE_NAMES

Load = Callable[..., LoadResult]


def test_base_scenario_has_no_issues(load: Load) -> None:
    result = load()
    assert result.issues == ()
    assert result.ok


# --- files and columns ----------------------------------------------------------------------


def test_missing_required_file_is_an_error(load: Load) -> None:
    result = load({"shifts.csv": None})
    issue = the_issue(result, "error", "shifts.csv", None, None, None)
    assert "required" in issue.message
    assert result.scenario is None


def test_missing_settings_file_is_an_error(load: Load) -> None:
    result = load({"scenario.toml": None})
    the_issue(result, "error", "scenario.toml", None, None, None)


def test_missing_optional_files_are_fine(load: Load) -> None:
    result = load({"availability.csv": None, "temp_pool.csv": None, "training.csv": None})
    # E3 may take course C1, which no longer exists.
    assert [(i.table, i.row, i.column) for i in result.issues] == [("staff.csv", 4, "trainable")]


def test_missing_required_column(load: Load) -> None:
    result = load({"staff.csv": "employee_id,name,skills\nE1,Ann,phone;email\nE2,Bob,email\nE3,Cleo,phone\n"})
    issue = the_issue(result, "error", "staff.csv", 1, "hourly_cost", None)
    assert "hourly_cost" in issue.fix


def test_unknown_column_is_a_warning_with_a_hint(load: Load) -> None:
    text = BASE_FILES["staff.csv"].replace("employee_id", "Employee ID", 1)
    result = load({"staff.csv": text})
    unknown = the_issue(result, "warning", "staff.csv", 1, "employee id", "employee id")
    assert "employee_id" in unknown.message
    the_issue(result, "error", "staff.csv", 1, "employee_id", None)


def test_demand_needs_start_or_shift_id_column(load: Load) -> None:
    result = load({"demand.csv": "date,skill,required\n2026-03-02,phone,1\n"})
    the_issue(result, "error", "demand.csv", 1, "start", None)


def test_volume_rows_become_heads(load: Load) -> None:
    result = load({"demand.csv": "date,skill,start,volume,aht_seconds\n2026-03-02,phone,08:00,100,180\n"})
    assert result.ok, [str(i) for i in result.issues]
    assert result.scenario is not None
    (row,) = result.scenario.demand
    # 100 calls in 30 minutes of 180 s: 10 Erlangs; 13 agents answer 79.6 % in 20 s, 14
    # answer 88.8 %: 80 % in 20 s needs 14 (the default 90 % occupancy cap does not bind).
    assert row.queue is not None and row.queue.volume == 100
    assert row.required == 14


def test_volume_without_aht_column_is_an_error(load: Load) -> None:
    result = load({"demand.csv": "date,skill,start,volume\n2026-03-02,phone,08:00,40\n"})
    issue = the_issue(result, "error", "demand.csv", 1, "aht_seconds", None)
    assert "aht_seconds" in issue.fix


def test_demand_without_any_measure_column_is_an_error(load: Load) -> None:
    result = load({"demand.csv": "date,skill,start\n2026-03-02,phone,08:00\n"})
    the_issue(result, "error", "demand.csv", 1, "required", None)


def test_workload_row_without_required_becomes_heads(load: Load) -> None:
    text = BASE_FILES["demand.csv"].replace("required,site", "required,workload_hours,site")
    text = text.replace("2026-03-02,phone,08:00,,,2,,", "2026-03-02,phone,08:00,,,,2.5,,")
    text = text.replace(",1,,150", ",1,,,150").replace(",1,north,", ",1,,north,")
    text = text.replace("23:00,,,1,,", "23:00,,,1,,,")
    result = load({"demand.csv": text})
    assert result.ok, [str(i) for i in result.issues]
    assert result.scenario is not None
    # 2.5 hours of work in a 30-minute interval: 5 heads.
    assert [d.required for d in result.scenario.demand] == [5, 1, 1, 1]


def test_row_with_no_measure_is_an_error(load: Load) -> None:
    text = BASE_FILES["demand.csv"].replace("2026-03-02,phone,08:00,,,2,,", "2026-03-02,phone,08:00,,,,,")
    result = load({"demand.csv": text})
    the_issue(result, "error", "demand.csv", 2, "required", "")


# --- types ----------------------------------------------------------------------------------


def test_non_numeric_cost(load: Load) -> None:
    result = load({"staff.csv": replace_line("staff.csv", "Bob Jones,email,18", "Bob Jones,email,€18")})
    issue = the_issue(result, "error", "staff.csv", 3, "hourly_cost", "€18")
    assert "not a number" in issue.message


def test_decimal_comma_in_comma_file_suggests_a_point(load: Load) -> None:
    text = replace_line("staff.csv", "Cleo Park,phone,19.5", 'Cleo Park,phone,"19,5"')
    issue = the_issue(load({"staff.csv": text}), "error", "staff.csv", 4, "hourly_cost", "19,5")
    assert "19.5" in issue.fix


def test_non_integer_where_whole_number_needed(load: Load) -> None:
    text = replace_line("shifts.csv", "E,07:00,15:00,30,", "E,07:00,15:00,30.5,")
    issue = the_issue(load({"shifts.csv": text}), "error", "shifts.csv", 2, "break_minutes", "30.5")
    assert "whole number" in issue.message


def test_missing_value_in_required_column(load: Load) -> None:
    text = replace_line("staff.csv", "E2,Bob Jones,", "E2,,")
    issue = the_issue(load({"staff.csv": text}), "error", "staff.csv", 3, "name", "")
    assert "empty" in issue.message


def test_bad_date(load: Load) -> None:
    text = replace_line("demand.csv", "2026-03-03,email", "03/03/2026,email")
    issue = the_issue(load({"demand.csv": text}), "error", "demand.csv", 4, "date", "03/03/2026")
    assert "YYYY-MM-DD" in issue.fix


def test_impossible_date(load: Load) -> None:
    text = replace_line("availability.csv", "E1,2026-03-03", "E1,2026-02-30")
    the_issue(load({"availability.csv": text}), "error", "availability.csv", 2, "date", "2026-02-30")


def test_bad_time(load: Load) -> None:
    text = replace_line("demand.csv", "phone,08:00", "phone,8am")
    issue = the_issue(load({"demand.csv": text}), "error", "demand.csv", 2, "start", "8am")
    assert "HH:MM" in issue.fix


def test_24_00_is_an_end_not_a_start(load: Load) -> None:
    text = replace_line("shifts.csv", "L,14:00,22:00", "L,24:00,22:00")
    issue = the_issue(load({"shifts.csv": text}), "error", "shifts.csv", 3, "start", "24:00")
    assert "end" in issue.message
    ok = replace_line("shifts.csv", "L,14:00,22:00", "L,16:00,24:00")
    assert not load({"shifts.csv": ok}).errors


@pytest.mark.parametrize("value", ["-1", "two"])
def test_negative_or_non_numeric_demand(load: Load, value: str) -> None:
    text = replace_line("demand.csv", "08:00,,,2,", f"08:00,,,{value},")
    the_issue(load({"demand.csv": text}), "error", "demand.csv", 2, "required", value)


def test_empty_required_heads(load: Load) -> None:
    text = replace_line("demand.csv", "08:00,,,2,", "08:00,,,,")
    the_issue(load({"demand.csv": text}), "error", "demand.csv", 2, "required", "")


def test_decimal_heads_are_rounded_up_with_a_warning(load: Load) -> None:
    text = replace_line("demand.csv", "08:00,,,2,", "08:00,,,1.2,")
    result = load({"demand.csv": text})
    issue = the_issue(result, "warning", "demand.csv", 2, "required", "1.2")
    assert "rounded up to 2" in issue.message
    assert result.ok
    assert result.scenario is not None
    assert result.scenario.demand[0].required == 2


def test_bad_days_spec(load: Load) -> None:
    text = replace_line("shifts.csv", "Mon-Fri", "Mon;Funday")
    issue = the_issue(load({"shifts.csv": text}), "error", "shifts.csv", 2, "days", "Mon;Funday")
    assert "Funday" in issue.message


@pytest.mark.parametrize("value", ["phone:x", "phone:0", "phone;phone", ":3"])
def test_bad_skills_spec(load: Load, value: str) -> None:
    text = replace_line("staff.csv", "Bob Jones,email,", f"Bob Jones,{value},")
    the_issue(load({"staff.csv": text}), "error", "staff.csv", 3, "skills", value)


def test_bad_availability_kind(load: Load) -> None:
    text = replace_line("availability.csv", "leave", "holiday")
    issue = the_issue(load({"availability.csv": text}), "error", "availability.csv", 2, "kind", "holiday")
    assert "unavailable" in issue.fix


def test_availability_kind_is_not_case_sensitive(load: Load) -> None:
    result = load({"availability.csv": replace_line("availability.csv", "leave", "Leave")})
    assert result.ok
    assert result.scenario is not None
    assert result.scenario.availability[0].kind == "leave"


def test_negative_weight(load: Load) -> None:
    text = replace_line("availability.csv", "L,3", "L,-3")
    the_issue(load({"availability.csv": text}), "error", "availability.csv", 3, "weight", "-3")


def test_negative_cost(load: Load) -> None:
    text = replace_line("training.csv", ",2,300,", ",2,-300,")
    the_issue(load({"training.csv": text}), "error", "training.csv", 2, "cost", "-300")


def test_bad_max_shifts_spec(load: Load) -> None:
    text = replace_line("staff.csv", ",N=2,", ",N=two,")
    the_issue(load({"staff.csv": text}), "error", "staff.csv", 2, "max_shifts", "N=two")


def test_many_bad_cells_are_summed_up(load: Load) -> None:
    rows = "".join(f"2026-03-02,phone,bad{i},,,1\n" for i in range(30))
    result = load({"demand.csv": "date,skill,start,end,shift_id,required\n" + rows})
    start_issues = issues_at(result, "demand.csv", column="start")
    assert len(start_issues) == 21
    assert start_issues[-1].row is None
    assert "10 more" in start_issues[-1].message


# --- duplicates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "column", "line", "value"),
    [
        ("staff.csv", "employee_id", "E3,Cleo Park", "E1"),
        ("shifts.csv", "shift_id", "N,22:00", "L"),
    ],
)
def test_duplicate_ids(load: Load, table: str, column: str, line: str, value: str) -> None:
    text = replace_line(table, line, value + line[line.index(",") :])
    issue = the_issue(load({table: text}), "error", table, 4, column, value)
    assert "rows" in issue.message


def test_duplicate_course_id(load: Load) -> None:
    text = BASE_FILES["training.csv"] + "C1,phone,1,100,,,,,\n"
    issue = the_issue(load({"training.csv": text}), "error", "training.csv", 3, "course_id", "C1")
    assert "rows 2 and 3" in issue.message


def test_duplicate_demand_rows(load: Load) -> None:
    text = BASE_FILES["demand.csv"] + "2026-03-02,phone,08:00,,,3,,\n"
    issue = the_issue(load({"demand.csv": text}), "error", "demand.csv", 6, "skill", "phone")
    assert "Rows 2 and 6" in issue.message
    other_site = BASE_FILES["demand.csv"] + "2026-03-02,phone,08:00,,,3,south,\n"
    assert not load({"demand.csv": other_site}).errors


def test_duplicate_shift_slot_demand(load: Load) -> None:
    text = BASE_FILES["demand.csv"] + "2026-03-03,email,,,E,2,north,\n"
    the_issue(load({"demand.csv": text}), "error", "demand.csv", 6, "skill", "email")


# --- demand rows ----------------------------------------------------------------------------


def test_demand_with_both_start_and_shift_id(load: Load) -> None:
    text = replace_line("demand.csv", "08:00,,,2", "08:00,,E,2")
    the_issue(load({"demand.csv": text}), "error", "demand.csv", 2, "shift_id", "E")


def test_demand_with_neither_start_nor_shift_id(load: Load) -> None:
    text = replace_line("demand.csv", "08:00,,,2", ",,,2")
    the_issue(load({"demand.csv": text}), "error", "demand.csv", 2, "start", "")


def test_demand_end_is_ignored_for_a_shift_slot(load: Load) -> None:
    text = replace_line("demand.csv", "email,,,E", "email,,12:00,E")
    the_issue(load({"demand.csv": text}), "warning", "demand.csv", 4, "end", "12:00")


def test_demand_unknown_shift(load: Load) -> None:
    text = replace_line("demand.csv", "email,,,E", "email,,,X")
    issue = the_issue(load({"demand.csv": text}), "error", "demand.csv", 4, "shift_id", "X")
    assert "shifts.csv" in issue.message


def test_demand_on_a_day_the_shift_does_not_run(load: Load) -> None:
    text = BASE_FILES["demand.csv"] + "2026-03-07,email,,,E,1,,\n"
    issue = the_issue(load({"demand.csv": text}), "warning", "demand.csv", 6, "shift_id", "E")
    assert "Sat" in issue.message


def test_demand_no_shift_covers_the_interval(load: Load) -> None:
    text = replace_line("demand.csv", "2026-03-02,phone,08:00", "2026-03-02,email,06:30")
    issue = the_issue(load({"demand.csv": text}), "warning", "demand.csv", 2, "start", "06:30")
    assert "short" in issue.message


def test_demand_date_outside_horizon(load: Load) -> None:
    text = BASE_FILES["demand.csv"] + "2026-03-09,phone,08:00,,,1,,\n"
    result = load({"demand.csv": text})
    issue = the_issue(result, "warning", "demand.csv", 6, "date", "2026-03-09")
    assert "ignored" in issue.message
    assert result.scenario is not None
    assert len(result.scenario.demand) == 4


def test_demand_skill_nobody_provides(load: Load) -> None:
    text = BASE_FILES["demand.csv"] + "2026-03-02,chat,08:00,,,1,,\n2026-03-02,chat,09:00,,,1,,\n"
    issue = the_issue(load({"demand.csv": text}), "warning", "demand.csv", 6, "skill", "chat")
    assert "all of it will be short" in issue.message
    assert "2 demand row(s)" in issue.message


def test_demand_skill_provided_by_a_course_only_is_fine(load: Load) -> None:
    demand = BASE_FILES["demand.csv"] + "2026-03-02,chat,08:00,,,1,,\n"
    training = BASE_FILES["training.csv"] + "C2,chat,1,100,,,,,\n"
    result = load({"demand.csv": demand, "training.csv": training})
    assert not issues_at(result, "demand.csv", column="skill")


# --- staff ----------------------------------------------------------------------------------


def test_min_hours_above_max_hours_in_a_row(load: Load) -> None:
    text = replace_line("staff.csv", "Ann Smith,phone:3;email,20,40,,", "Ann Smith,phone:3;email,20,40,50,")
    issue = the_issue(load({"staff.csv": text}), "error", "staff.csv", 2, "min_hours_week", "50")
    assert "max_hours_week 40" in issue.message


def test_min_hours_above_the_scenario_max(load: Load) -> None:
    text = replace_line("staff.csv", "Cleo Park,phone,19.5,,10,", "Cleo Park,phone,19.5,,50,")
    issue = the_issue(load({"staff.csv": text}), "error", "staff.csv", 4, "min_hours_week", "50")
    assert "[contract]" in issue.message


def test_contradictory_consecutive_days(load: Load) -> None:
    text = (
        "employee_id,name,skills,hourly_cost,min_consecutive_days,max_consecutive_days\n"
        "E1,Ann,phone;email,20,5,3\n"
    )
    the_issue(
        load({"staff.csv": text, "training.csv": None}), "error", "staff.csv", 2, "min_consecutive_days", "5"
    )


def test_max_shifts_names_unknown_shift(load: Load) -> None:
    text = replace_line("staff.csv", ",N=2,", ",N=2;Z=1,")
    issue = the_issue(load({"staff.csv": text}), "error", "staff.csv", 2, "max_shifts", "N=2;Z=1")
    assert "'Z'" in issue.message


def test_trainable_names_unknown_course(load: Load) -> None:
    text = replace_line("staff.csv", ",,,C1", ",,,C1;C9")
    the_issue(load({"staff.csv": text}), "error", "staff.csv", 4, "trainable", "C9")


def test_person_without_skills_or_courses(load: Load) -> None:
    text = replace_line("staff.csv", "Bob Jones,email,18,,,,north,*", "Bob Jones,,18,,,,north,")
    issue = the_issue(load({"staff.csv": text}), "warning", "staff.csv", 3, "skills", "")
    assert "E2" in issue.message


# --- shifts ---------------------------------------------------------------------------------


def test_shift_skill_nobody_has_or_needs(load: Load) -> None:
    text = replace_line("shifts.csv", "0,,phone,1.25", "0,,phone;fone,1.25")
    issue = the_issue(load({"shifts.csv": text}), "warning", "shifts.csv", 4, "skills", "fone")
    assert "phone" in issue.message


def test_shift_days_never_in_horizon(load: Load) -> None:
    settings = replace_line("scenario.toml", "days = 7", "days = 3")
    shifts = replace_line("shifts.csv", "Mon-Fri", "Sat-Sun")
    issue = the_issue(
        load({"scenario.toml": settings, "shifts.csv": shifts}), "warning", "shifts.csv", 2, "days", "Sat-Sun"
    )
    assert "never" in issue.message


def test_break_as_long_as_the_shift(load: Load) -> None:
    text = replace_line("shifts.csv", "E,07:00,15:00,30", "E,07:00,15:00,480")
    the_issue(load({"shifts.csv": text}), "error", "shifts.csv", 2, "break_minutes", "480")


# --- availability ---------------------------------------------------------------------------


def test_availability_unknown_employee(load: Load) -> None:
    text = replace_line("availability.csv", "E1,2026-03-03", "E9,2026-03-03")
    the_issue(load({"availability.csv": text}), "error", "availability.csv", 2, "employee_id", "E9")


def test_availability_unknown_shift(load: Load) -> None:
    text = replace_line("availability.csv", ",L,3", ",X,3")
    the_issue(load({"availability.csv": text}), "error", "availability.csv", 3, "shift_id", "X")


def test_availability_start_without_end(load: Load) -> None:
    text = replace_line("availability.csv", "18:00,24:00", "18:00,")
    the_issue(load({"availability.csv": text}), "error", "availability.csv", 4, "end", "")


def test_availability_date_outside_horizon(load: Load) -> None:
    text = replace_line("availability.csv", "E1,2026-03-03", "E1,2026-04-03")
    result = load({"availability.csv": text})
    the_issue(result, "warning", "availability.csv", 2, "date", "2026-04-03")
    assert result.scenario is not None
    assert [entry.row for entry in result.scenario.availability] == [3, 4]


# --- temps and training ---------------------------------------------------------------------


def test_temp_skill_nobody_needs(load: Load) -> None:
    text = BASE_FILES["temp_pool.csv"] + "Acme,chat,30,,,,\n"
    issue = the_issue(load({"temp_pool.csv": text}), "warning", "temp_pool.csv", 5, "skill", "chat")
    assert "never used" in issue.message


def test_temp_unknown_shift(load: Load) -> None:
    text = replace_line("temp_pool.csv", "E;L", "E;X")
    the_issue(load({"temp_pool.csv": text}), "error", "temp_pool.csv", 2, "shifts", "X")


def test_temps_disabled_with_offers(load: Load) -> None:
    settings = BASE_FILES["scenario.toml"].replace("interval_minutes = 30", "temps_enabled = false")
    the_issue(load({"scenario.toml": settings}), "warning", "temp_pool.csv", None, None, None)


def test_course_skill_nobody_needs(load: Load) -> None:
    text = BASE_FILES["training.csv"] + "C2,chat,1,100,,,,,\n"
    the_issue(load({"training.csv": text}), "warning", "training.csv", 3, "skill", "chat")


def test_course_window_reversed(load: Load) -> None:
    text = replace_line("training.csv", "2026-03-02,2026-03-06", "2026-03-06,2026-03-02")
    the_issue(load({"training.csv": text}), "error", "training.csv", 2, "latest_end", "2026-03-02")


def test_course_does_not_fit_its_window(load: Load) -> None:
    text = replace_line("training.csv", "C1,email,2,", "C1,email,9,")
    the_issue(load({"training.csv": text}), "warning", "training.csv", 2, "days", "9")


def test_course_prerequisite_nobody_has(load: Load) -> None:
    text = replace_line("training.csv", ",phone,2026", ",chat,2026")
    the_issue(load({"training.csv": text}), "warning", "training.csv", 2, "prerequisite", "chat")


# --- scenario.toml --------------------------------------------------------------------------


def test_toml_syntax_error_gives_its_line(load: Load) -> None:
    text = BASE_FILES["scenario.toml"].replace('name = "Test week"', "name = Test week")
    issue = the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 1, None, "name = Test week")
    assert "not valid TOML" in issue.message


@pytest.mark.parametrize("key", ["start_date", "days"])
def test_toml_missing_required_key(load: Load, key: str) -> None:
    lines = [line for line in BASE_FILES["scenario.toml"].splitlines() if not line.startswith(key)]
    the_issue(load({"scenario.toml": "\n".join(lines)}), "error", "scenario.toml", None, key, None)


def test_toml_days_below_one(load: Load) -> None:
    text = replace_line("scenario.toml", "days = 7", "days = 0")
    the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 3, "days", "0")


def test_toml_wrong_type(load: Load) -> None:
    text = replace_line("scenario.toml", "days = 7", 'days = "7"')
    issue = the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 3, "days", "7")
    assert "whole number" in issue.message


def test_toml_bad_start_date_string(load: Load) -> None:
    text = replace_line("scenario.toml", "start_date = 2026-03-02", 'start_date = "2 March"')
    the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 2, "start_date", "2 March")


def test_toml_start_date_as_string_is_fine(load: Load) -> None:
    text = replace_line("scenario.toml", "start_date = 2026-03-02", 'start_date = "2026-03-02"')
    assert load({"scenario.toml": text}).ok


def test_toml_interval_must_divide_a_day(load: Load) -> None:
    text = replace_line("scenario.toml", "interval_minutes = 30", "interval_minutes = 7")
    issue = the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 4, "interval_minutes", "7")
    assert "1440" in issue.message


def test_toml_unknown_key_is_a_warning(load: Load) -> None:
    text = replace_line("scenario.toml", "time_limit_seconds = 10", "time_limit = 10")
    issue = the_issue(
        load({"scenario.toml": text}), "warning", "scenario.toml", 25, "solver.time_limit", "10"
    )
    assert "time_limit_seconds" in issue.message


def test_toml_unknown_rule_name_lists_valid_names(load: Load) -> None:
    text = replace_line("scenario.toml", "[rules.max_weekends]", "[rules.max_weekend]")
    issue = the_issue(
        load({"scenario.toml": text}), "error", "scenario.toml", 19, "rules.max_weekend", "max_weekend"
    )
    assert "max_weekends" in issue.message
    assert all(name in issue.fix for name in RULE_NAMES)


def test_toml_rule_setting_wrong_type(load: Load) -> None:
    text = replace_line("scenario.toml", "hard = false", 'hard = "no"')
    the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 20, "rules.max_weekends.hard", "no")


def test_toml_train_staff_parameters_are_checked(load: Load) -> None:
    text = replace_line(
        "scenario.toml", "hard = false",
        'hard = false\n[rules.train_staff]\nvalue_weeks = "four"\nvalue_per_week = -3',
    )
    result = load({"scenario.toml": text})
    the_issue(result, "error", "scenario.toml", 22, "rules.train_staff.value_weeks", "four")
    the_issue(result, "error", "scenario.toml", 23, "rules.train_staff.value_per_week", "-3")


def test_toml_negative_weight(load: Load) -> None:
    text = replace_line("scenario.toml", "under_weight = 100", "under_weight = -1")
    the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 8, "costs.under_weight", "-1")


def test_toml_contract_contradiction(load: Load) -> None:
    text = replace_line("scenario.toml", "min_hours_week = 0", "min_hours_week = 60")
    result = load({"scenario.toml": text})
    the_issue(result, "error", "scenario.toml", 15, "contract.min_hours_week", "60")


def test_toml_forbidden_succession_unknown_shift(load: Load) -> None:
    text = replace_line("scenario.toml", '["N>E"]', '["N>E", "N>Q"]')
    issue = the_issue(
        load({"scenario.toml": text}), "error", "scenario.toml", 5, "forbidden_successions", "N>Q"
    )
    assert "'Q'" in issue.message


def test_toml_bad_forbidden_succession(load: Load) -> None:
    text = replace_line("scenario.toml", '["N>E"]', '["N-E"]')
    the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 5, "forbidden_successions", "N-E")


def test_toml_contract_max_shifts_unknown_shift(load: Load) -> None:
    text = replace_line("scenario.toml", 'max_shifts = "N=5"', "max_shifts = {Q = 5}")
    the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 17, "contract.max_shifts", "{Q = 5}")


def test_toml_costs_for_a_skill_nobody_needs(load: Load) -> None:
    text = replace_line("scenario.toml", "[costs.skills.phone]", "[costs.skills.fone]")
    the_issue(load({"scenario.toml": text}), "warning", "scenario.toml", 11, "costs.skills.fone", "fone")


def test_toml_section_must_be_a_table(load: Load) -> None:
    text = "solver = 5\n" + BASE_FILES["scenario.toml"].split("[solver]")[0]
    the_issue(load({"scenario.toml": text}), "error", "scenario.toml", 1, "solver", "5")


# --- parsers --------------------------------------------------------------------------------


def test_parse_weekdays() -> None:
    assert parse_weekdays("Mon;Tue") == {0, 1}
    assert parse_weekdays("Mon-Fri") == {0, 1, 2, 3, 4}
    assert parse_weekdays("Sat-Sun") == {5, 6}
    assert parse_weekdays("Fri-Mon") == {4, 5, 6, 0}
    assert parse_weekdays("monday;Wednesday") == {0, 2}
    with pytest.raises(CellError):
        parse_weekdays(";")


def test_parse_skills_and_max_shifts() -> None:
    assert parse_skills("phone;email") == {"phone": 1, "email": 1}
    assert parse_skills("phone:3; email:1;") == {"phone": 3, "email": 1}
    assert parse_max_shifts("N=3;E=10") == {"N": 3, "E": 10}


def test_parse_scalars() -> None:
    assert parse_time("07:30") == 450
    assert parse_time("24:00", end=True) == 1440
    assert parse_time("07:30:00") == 450
    assert parse_int("5.0") == 5
    assert parse_number("12.5") == 12.5
    assert str(parse_date("2026-03-02")) == "2026-03-02"
    for bad in ("nan", "inf", "1,5"):
        with pytest.raises(CellError):
            parse_number(bad)
    with pytest.raises(CellError):
        parse_time("07:60")


def test_service_cells_without_a_volume_are_ignored_with_a_warning(load: Load) -> None:
    text = "date,skill,start,required,workload_hours,patience_seconds\n2026-03-02,phone,08:00,2,3,120\n"
    result = load({"demand.csv": text})
    assert result.ok
    the_issue(result, "warning", "demand.csv", 2, "patience_seconds", "120")
    the_issue(result, "warning", "demand.csv", 2, "workload_hours", "3")
