"""The working scenario as files: uploads, size limits, zips, table edits, settings text."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
import zipfile

import pandas as pd
import pytest
from ui_scenarios import broken_files, tiny_files

from planner.io import load_scenario_files
from planner.ui import workspace


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_samples_list_the_small_one_first_and_load_cleanly() -> None:
    samples = workspace.list_samples()
    assert next(iter(samples)) == "contact-centre"
    assert "clinic" in samples
    loaded = load_scenario_files(workspace.sample_files("clinic"))
    assert loaded.ok, loaded.issues
    with pytest.raises(KeyError):
        workspace.sample_files("no-such-sample")


def test_uploaded_files_are_matched_by_name_without_case_or_folder() -> None:
    outcome = workspace.read_uploads(
        [("Week10/Staff.CSV", b"a\n"), ("demand.csv", b"b\n"), ("notes.txt", b"c"), ("demand.csv", b"d\n")]
    )
    assert outcome.files == {"staff.csv": b"a\n", "demand.csv": b"b\n"}
    messages = [issue.message for issue in outcome.notices]
    assert any("notes.txt is not one of the scenario's files" in m for m in messages)
    assert any("two demand.csv files" in m for m in messages)
    assert outcome.refused == ()


def test_a_zip_of_a_scenario_folder_unpacks_into_its_files() -> None:
    files = tiny_files()
    data = _zip({f"my scenario/{name}": content for name, content in files.items()} | {
        "__MACOSX/._staff.csv": b"junk",
        "my scenario/README.md": b"hello",
    })
    outcome = workspace.read_uploads([("scenario.zip", data)])
    assert outcome.files == files
    assert [issue.value for issue in outcome.notices] == ["my scenario/README.md"]
    assert load_scenario_files(outcome.files).ok


def test_uploads_over_the_size_limit_are_refused_with_a_message() -> None:
    outcome = workspace.read_uploads([("demand.csv", b"x" * 2048), ("staff.csv", b"ok\n")], max_bytes=1024)
    assert outcome.files == {"staff.csv": b"ok\n"}
    assert len(outcome.refused) == 1
    assert "demand.csv is 0.0 MB, over the limit of 0 MB per file" in outcome.refused[0]
    assert workspace.MAX_UPLOAD_BYTES == workspace.MAX_UPLOAD_MB * 1024 * 1024


def test_an_unreadable_zip_is_refused_and_a_zip_without_scenario_files_is_an_error() -> None:
    refused = workspace.read_uploads([("scenario.zip", b"not a zip")])
    assert refused.files == {} and "not a readable zip" in refused.refused[0]
    empty = workspace.read_uploads([("scenario.zip", _zip({"notes.txt": b"x"}))])
    assert empty.files == {}
    assert any(issue.is_error and "none of the scenario's files" in issue.message for issue in empty.notices)


def test_a_broken_upload_gives_issues_with_row_column_value_and_fix() -> None:
    outcome = workspace.read_uploads([(name, data) for name, data in broken_files().items()])
    loaded = load_scenario_files(outcome.files)
    assert not loaded.ok and loaded.scenario is None
    wage = next(issue for issue in loaded.errors if issue.column == "hourly_cost")
    assert (wage.table, wage.row, wage.value) == ("staff.csv", 2, "twenty")
    assert wage.fix


def test_merge_keeps_other_tables_only_when_asked() -> None:
    current = tiny_files()
    new = {"demand.csv": b"date,start,skill,required\n"}
    assert workspace.merge_files(current, new, keep_others=False) == new
    merged = workspace.merge_files(current, new, keep_others=True)
    assert merged["demand.csv"] == new["demand.csv"] and merged["staff.csv"] == current["staff.csv"]
    assert list(merged) == [name for name in workspace.SCENARIO_FILES if name in merged]


def test_signature_changes_with_any_byte() -> None:
    files = tiny_files()
    changed = dict(files, **{"staff.csv": files["staff.csv"] + b"\n"})
    assert workspace.files_signature(files) == workspace.files_signature(dict(files))
    assert workspace.files_signature(files) != workspace.files_signature(changed)


def test_editor_changes_edit_add_and_delete_rows_as_strings() -> None:
    frame = pd.DataFrame(
        {"employee_id": ["A1", "B2", "C3"], "hourly_cost": ["twenty", "22", "18"]}, index=[2, 3, 4]
    )
    changes = {
        "edited_rows": {0: {"hourly_cost": 20.0}},
        "added_rows": [{"employee_id": "D4", "hourly_cost": None}, {"employee_id": None}],
        "deleted_rows": [2],
    }
    edited = workspace.apply_editor_changes(frame, changes)
    assert edited.to_dict("list") == {"employee_id": ["A1", "B2", "D4"], "hourly_cost": ["20", "22", ""]}
    assert workspace.frame_to_csv(edited) == b"employee_id,hourly_cost\nA1,20\nB2,22\nD4,\n"


def test_an_edit_fixes_a_broken_table() -> None:
    files = broken_files()
    loaded = load_scenario_files(files)
    frame = loaded.frames["staff.csv"]
    row = list(frame.index).index(2)
    fixed = workspace.apply_editor_changes(frame, {"edited_rows": {row: {"hourly_cost": "20"}}})
    files["staff.csv"] = workspace.frame_to_csv(fixed)
    assert load_scenario_files(files).ok


def test_add_column_keeps_the_rows() -> None:
    frame = pd.DataFrame({"a": ["1", "2"]})
    assert workspace.add_column(frame, "b").to_dict("list") == {"a": ["1", "2"], "b": ["", ""]}
    assert workspace.add_column(frame, "a") is frame


def test_settings_toml_reads_back_equal() -> None:
    settings = {
        "name": 'Ward "A"\nnights\\days',
        "start_date": dt.date(2026, 3, 2),
        "days": 7,
        "temps_enabled": False,
        "forbidden_successions": ["N>E", "N>D"],
        "costs": {
            "under_weight": 90.5,
            "skills": {"phone": {"under_weight": 120}, "back office": {"over_weight": 2}},
        },
        "contract": {"max_shifts": {"N": 3}},
        "rules": {"max_weekends": {"hard": False, "weight": 1e-3}},
        "solver": {"time_limit_seconds": 20},
    }
    text = workspace.settings_toml(settings)
    assert tomllib.loads(text) == settings
    assert '[costs.skills."back office"]' in text


def test_set_setting_adds_and_removes_nested_keys() -> None:
    settings: dict = {"solver": {"time_limit_seconds": 30}}
    changes = {"costs.skills.phone.under_weight": 120, "solver.time_limit_seconds": None}
    new = workspace.updated_settings(settings, changes)
    assert new == {"costs": {"skills": {"phone": {"under_weight": 120}}}}
    assert settings == {"solver": {"time_limit_seconds": 30}}
    assert workspace.get_setting(new, "costs.skills.phone.under_weight") == 120
    assert workspace.get_setting(new, "costs.missing", "default") == "default"


def test_scenario_zip_round_trips_through_the_upload() -> None:
    files = tiny_files()
    data = workspace.zip_bytes(files, workspace.folder_name("Tiny desk, week 10"))
    assert workspace.zip_bytes(files, "tiny-desk-week-10") == data
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0].startswith("tiny-desk-week-10/")
    assert workspace.read_uploads([("tiny.zip", data)]).files == files


def test_templates_hold_known_columns_and_example_settings() -> None:
    files = workspace.template_files()
    loaded = load_scenario_files(files)
    assert set(files) == {*workspace.TEMPLATE_COLUMNS, "scenario.toml"}
    assert files["training.csv"].startswith(b"course_id,skill,days,cost,")
    assert b"trainable" in files["staff.csv"]
    assert loaded.settings["start_date"]
    assert not [issue for issue in loaded.issues if "is not one of its columns" in issue.message]
