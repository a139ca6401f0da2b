"""Reading files: encodings, delimiters, headers, row numbers, and what cannot be read."""

from __future__ import annotations

import codecs
from collections.abc import Callable

from io_helpers import BASE_FILES, the_issue

from planner.io import LoadResult
from planner.io.read import read_settings, read_table

Load = Callable[..., LoadResult]

STAFF_WITH_ACCENT = """\
employee_id,name,skills,hourly_cost
E1,Zoë Müller,phone:3;email,20
E2,Bob Jones,email,18
E3,Cleo Park,phone,19.5
"""


def test_utf8_with_bom_is_read_silently(load: Load) -> None:
    result = load({"staff.csv": codecs.BOM_UTF8 + STAFF_WITH_ACCENT.encode("utf-8")})
    assert result.issues == ()
    assert result.scenario is not None
    assert result.scenario.employees[0].name == "Zoë Müller"
    assert result.frames["staff.csv"].columns[0] == "employee_id"


def test_windows_1252_is_read_with_a_warning(load: Load) -> None:
    result = load({"staff.csv": STAFF_WITH_ACCENT.encode("cp1252")})
    issue = the_issue(result, "warning", "staff.csv", None, None, None)
    assert "staff.csv" in issue.message and "UTF-8" in issue.message
    assert "CSV UTF-8" in issue.fix
    assert result.scenario is not None
    assert result.scenario.employees[0].name == "Zoë Müller"


def test_utf16_is_read_with_a_warning(load: Load) -> None:
    text = STAFF_WITH_ACCENT.replace(",", "\t")
    result = load({"staff.csv": text.encode("utf-16")})
    assert result.ok
    assert any("UTF-16" in issue.message for issue in result.warnings)
    assert any("tabs" in issue.message for issue in result.warnings)


def test_semicolon_export_with_decimal_commas(load: Load) -> None:
    text = (
        "employee_id;name;skills;hourly_cost;max_hours_week\n"
        'E1;Ann Smith;"phone:3;email";20,5;1.234,5\n'
        "E2;Bob Jones;email;18;\n"
        "E3;Cleo Park;phone;19,75;\n"
    )
    result = load({"staff.csv": text})
    issue = the_issue(result, "warning", "staff.csv", 1, None, None)
    assert "semicolons" in issue.message
    assert "3 decimal comma(s)" in issue.message
    assert result.scenario is not None
    ann, _, cleo = result.scenario.employees
    assert ann.hourly_cost == 20.5 and cleo.hourly_cost == 19.75
    assert ann.contract.max_hours_week == 1234.5
    assert dict(ann.skills) == {"phone": 3, "email": 1}


def test_semicolons_inside_a_comma_file_stay_in_the_cell() -> None:
    frame, issues = read_table("staff.csv", b"employee_id,skills\nE1,phone;email\n")
    assert issues == []
    assert frame is not None
    assert frame.loc[2, "skills"] == "phone;email"


def test_excel_sep_line_sets_the_delimiter() -> None:
    frame, _ = read_table("staff.csv", b"sep=;\nemployee_id;name\nE1;Ann\n")
    assert frame is not None
    assert list(frame.columns) == ["employee_id", "name"]
    assert frame.loc[2, "name"] == "Ann"


def test_cells_are_strings_and_rows_keep_spreadsheet_numbers() -> None:
    data = b"employee_id,name,hourly_cost\nE1,Ann,20\n\n,,\nE2, Bob ,\n"
    frame, issues = read_table("staff.csv", data)
    assert issues == []
    assert frame is not None
    assert list(frame.index) == [2, 5]
    assert frame.loc[5, "name"] == "Bob"
    assert frame.loc[5, "hourly_cost"] == ""
    assert all(isinstance(value, str) for value in frame.to_numpy().ravel())


def test_column_names_are_stripped_and_lower_cased(load: Load) -> None:
    text = BASE_FILES["shifts.csv"].replace("shift_id,start,end", " Shift_ID , START,End ", 1)
    result = load({"shifts.csv": text})
    assert result.ok, [str(issue) for issue in result.issues]
    assert list(result.frames["shifts.csv"].columns)[:3] == ["shift_id", "start", "end"]


def test_empty_required_file_is_an_error(load: Load) -> None:
    result = load({"demand.csv": b""})
    issue = the_issue(result, "error", "demand.csv", None, None, None)
    assert "empty" in issue.message
    assert "demand.csv" not in result.frames


def test_empty_optional_file_is_a_warning(load: Load) -> None:
    result = load({"availability.csv": b"  \n"})
    the_issue(result, "warning", "availability.csv", None, None, None)
    assert result.ok


def test_header_only_required_file_is_an_error(load: Load) -> None:
    result = load({"demand.csv": "date,skill,start,required\n"})
    issue = the_issue(result, "error", "demand.csv", None, None, None)
    assert "no data rows" in issue.message


def test_header_only_optional_file_is_a_warning(load: Load) -> None:
    result = load({"temp_pool.csv": "skill,hourly_cost\n"})
    the_issue(result, "warning", "temp_pool.csv", None, None, None)
    assert result.ok


def test_row_with_too_many_cells_is_an_error(load: Load) -> None:
    text = BASE_FILES["shifts.csv"] + "X,08:00,12:00,0,Mon,phone,email,1\n"
    issue = the_issue(
        load({"shifts.csv": text}), "error", "shifts.csv", 5, None, "X,08:00,12:00,0,Mon,phone,email,1"
    )
    assert "quotes" in issue.fix


def test_trailing_empty_cells_are_tolerated() -> None:
    frame, issues = read_table("staff.csv", b"employee_id,name\nE1,Ann,,\n")
    assert issues == []
    assert frame is not None
    assert frame.loc[2, "name"] == "Ann"


def test_duplicate_column_in_header() -> None:
    _, issues = read_table("staff.csv", b"employee_id,name,Name\nE1,Ann,Bob\n")
    assert [(i.severity, i.table, i.row, i.column, i.value) for i in issues] == [
        ("error", "staff.csv", 1, "name", "Name")
    ]


def test_unnamed_column_with_values_is_a_warning() -> None:
    frame, issues = read_table("staff.csv", b"employee_id,,name\nE1,x,Ann\n")
    assert [(i.severity, i.row, i.column) for i in issues] == [("warning", 1, None)]
    assert frame is not None
    assert list(frame.columns) == ["employee_id", "name"]


def test_workbook_instead_of_csv_is_an_error(load: Load) -> None:
    result = load({"staff.csv": b"PK\x03\x04 not really a workbook"})
    issue = the_issue(result, "error", "staff.csv", None, None, None)
    assert "Excel" in issue.message


def test_toml_syntax_error_names_the_line() -> None:
    settings, text, issues = read_settings(b"start_date = 2026-03-02\ndays = \n")
    assert settings is None
    assert text.startswith("start_date")
    assert [(i.severity, i.table, i.row) for i in issues] == [("error", "scenario.toml", 2)]
    assert issues[0].value == "days ="


def test_toml_date_and_inline_table_are_read() -> None:
    settings, _, issues = read_settings(b"start_date = 2026-03-02\n[contract]\nmax_shifts = {N = 5}\n")
    assert issues == []
    assert settings is not None
    assert str(settings["start_date"]) == "2026-03-02"
    assert settings["contract"]["max_shifts"] == {"N": 5}
