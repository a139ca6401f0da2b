"""The app driven page by page with Streamlit's AppTest (no browser)."""

from __future__ import annotations

import io
import json
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from ui_scenarios import broken_files, infeasible_files, tiny_files, training_files

from planner.ui import capacity_run, workspace

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
PAGES = "planner/ui/pages/"


def _app(files: dict[str, bytes] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if files is not None:
        at.session_state["files"] = files
        at.session_state["source"] = "Test files"
    return at.run()


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _page(at: AppTest, name: str) -> AppTest:
    return _ok(at.switch_page(f"{PAGES}{name}.py").run())


def _texts(at: AppTest, kind: str) -> str:
    """The text of every element of a kind; `alert` is every success, info, warning, error."""
    kinds = ("success", "info", "warning", "error") if kind == "alert" else (kind,)
    return " ".join(str(element.value) for name in kinds for element in at.get(name))


def _solve(at: AppTest) -> AppTest:
    _page(at, "solve")
    _ok(at.button(key="solve").click().run())
    job = at.session_state["job"]
    deadline = time.monotonic() + 60
    while not job.done and time.monotonic() < deadline:
        time.sleep(0.2)
    assert job.done
    return _ok(at.run())


def test_the_data_page_loads_a_sample_and_shows_its_tables() -> None:
    at = _ok(_app())
    assert "No scenario yet" in _texts(at, "alert")
    _ok(at.button(key="load_sample").click().run())
    assert "Ready to solve" in _texts(at, "alert")
    labels = [tab.label for tab in at.tabs]
    assert labels[0].startswith("demand.csv · 520")
    assert any(label.startswith("scenario.toml") for label in labels)
    assert at.session_state["source"].startswith("Sample: Contact centre")
    assert [d.label for d in at.get("download_button")][-1] == "Download this scenario (zip)"


def test_a_broken_upload_lists_its_issues_and_blocks_solving() -> None:
    at = _ok(_app())
    uploader = at.get("file_uploader")[0]
    uploader.set_value([(name, data, "text/csv") for name, data in broken_files().items()])
    _ok(at.run())
    alerts = _texts(at, "alert")
    assert "error(s)** block solving" in alerts
    issues = [table.value for table in at.table if "how to fix it" in table.value.columns]
    assert issues, "the issues table is shown"
    table = issues[0]
    row = table[table["column"] == "hourly_cost"].iloc[0]
    assert (row["table"], row["row"], row["value"]) == ("staff.csv", "2", "twenty")
    assert list(table.columns) == ["severity", "table", "row", "column", "value", "problem", "how to fix it"]
    assert row["how to fix it"]
    _page(at, "solve")
    assert at.button(key="solve").disabled
    assert "block solving" in _texts(at, "alert")


def test_an_upload_over_the_size_limit_is_refused_and_keeps_the_scenario(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = workspace.read_uploads
    monkeypatch.setattr(workspace, "read_uploads", lambda uploads: original(uploads, max_bytes=100))
    at = _ok(_app(tiny_files()))
    at.get("file_uploader")[0].set_value(("demand.csv", b"x" * 500, "text/csv"))
    _ok(at.run())
    assert "over the limit" in _texts(at, "alert")
    assert at.session_state["files"] == tiny_files()


def test_changing_a_setting_writes_scenario_toml_and_is_checked_again() -> None:
    at = _app(tiny_files())
    at = _page(at, "rules")
    field = next(n for n in at.number_input if n.label == "Time limit seconds")
    assert field.value == 10.0
    field.set_value(4.0)
    _ok(at.button(key="save_settings").click().run())
    settings = tomllib.loads(at.session_state["files"]["scenario.toml"].decode())
    assert settings["solver"]["time_limit_seconds"] == 4
    assert settings["name"] == "Tiny desk"
    assert "Settings saved" in _texts(at, "alert")
    _page(at, "solve")
    assert "up to 4.0 s" in _texts(at, "caption")


def test_solve_then_results_and_downloads() -> None:
    at = _solve(_app(tiny_files()))
    assert "Best possible roster found" in _texts(at, "alert")
    at = _page(at, "results")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Total cost"] == "€720"
    assert metrics["Demand covered"] == "100.0 %"
    assert metrics["Hard rule breaches"] == "0 ✓"
    assert len(at.get("vega_lite_chart")) >= 2
    assert "No shortfall" in _texts(at, "alert")
    assert "Training" not in [tab.label for tab in at.tabs], "no courses, no Training tab"
    at = _page(at, "export")
    downloads = {d.label for d in at.get("download_button")}
    assert {"Everything (zip)", "roster.csv", "temp_bookings.csv", "coverage.csv", "roster.xlsx",
            "calendars.zip"} <= downloads
    result = at.session_state["result"]
    roster = pd.read_csv(io.BytesIO(result.exports()["roster.csv"]))
    assert len(roster) == 9 and set(roster["employee_id"]) == {"A1", "B2", "C3"}
    result.summary["service"] = {"volume": 1200.0, "service_level": 82.9, "asa_seconds": 13.3,
                                 "occupancy": 60.45, "abandon_pct": 6.95}
    at = _page(at, "results")
    assert "Service on queue work: **82.9 %** answered within target" in _texts(at, "markdown")


def test_an_infeasible_scenario_says_which_rules_clash() -> None:
    at = _solve(_app(infeasible_files()))
    alerts = _texts(at, "alert")
    assert "No roster can obey all the hard rules" in alerts
    assert "Weekly hours within contract: A1" in _texts(at, "markdown")
    at = _page(at, "results")
    assert "No roster yet" in _texts(at, "alert")


def test_pages_without_a_scenario_point_to_the_data_page() -> None:
    at = _app()
    _page(at, "rules")
    assert "Load a sample or upload your files" in _texts(at, "alert")
    _page(at, "solve")
    assert at.button(key="solve").disabled
    for name in ("results", "export"):
        _page(at, name)
        assert "No roster yet" in _texts(at, "alert")


def test_undo_brings_back_the_scenario_a_broken_upload_replaced() -> None:
    at = _ok(_app(tiny_files()))
    at.get("file_uploader")[0].set_value([(name, data, "text/csv") for name, data in broken_files().items()])
    _ok(at.run())
    assert at.session_state["files"] == broken_files()
    _ok(at.button(key="undo").click().run())
    assert at.session_state["files"] == tiny_files()
    assert "Ready to solve" in _texts(at, "alert")


def test_settings_out_of_range_or_unreadable_are_shown_not_lost() -> None:
    files = tiny_files()
    files["scenario.toml"] = files["scenario.toml"].replace(b"days = 3", b"days = 0")
    at = _page(_app(files), "rules")
    assert next(n for n in at.number_input if n.label == "Days").value == 0
    assert any("days" in set(table.value["column"]) for table in at.table)
    broken = "start_date = 2026-03-02\ndays = [\n"
    area = at.text_area[0]
    area.set_value(broken)
    _ok(at.button(key="save_toml_text").click().run())
    assert at.session_state["files"]["scenario.toml"] == broken.encode()
    assert "error(s)" in _texts(at, "alert")
    assert "cannot be read" in _texts(at, "alert")
    assert at.text_area[0].value == broken


def _frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe shown with a column of that name."""
    frames = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert frames, f"no table with a column {column!r}"
    return frames[0]


def test_the_capacity_page_solves_the_sample_and_checks_the_plan() -> None:
    at = _page(_app(), "capacity")
    assert "No capacity plan yet" in _texts(at, "alert")
    assert at.button(key="capacity_solve").disabled
    _ok(at.button(key="capacity_load_sample").click().run())
    assert "Ready to solve" in _texts(at, "alert")
    assert "26 weeks from Mon 2 Mar 2026 · 6 groups" in _texts(at, "caption")
    objective = at.segmented_control(key="capacity_objective")
    assert objective.value == "cost"
    objective.set_value("releases")
    _ok(at.button(key="capacity_solve").click().run())
    assert "Checked without the solver" in _texts(at, "success")
    assert "Objective: fewest releases." in _texts(at, "caption")
    plan = _frame_with(at, "headcount_end")
    assert list(plan.columns) == list(capacity_run.PLAN_COLUMNS)
    assert len(plan) == 26 * 6 and plan["headcount_end"].notna().all()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Releases"] == "0" and metrics["Total cost"].startswith("€")
    costs = _frame_with(at, "share")
    assert costs.iloc[0]["label"] == "Wages"
    assert len(at.get("vega_lite_chart")) >= 3
    downloads = {d.label for d in at.get("download_button")}
    assert {"Everything (zip)", "capacity_plan.csv", "capacity_moves.csv",
            "capacity_summary.json"} <= downloads
    _ok(at.selectbox(key="capacity_group").set_value("chat").run())
    assert set(_frame_with(at, "headcount_end")["group"]) == {"chat"}


def test_a_broken_capacity_upload_names_the_cell_and_blocks_solving() -> None:
    at = _page(_app(), "capacity")
    files = capacity_run.sample_files()
    files["groups.csv"] = files["groups.csv"].replace(b"\nphone,60,18,", b"\nphone,60,eighteen,")
    uploader = at.get("file_uploader")[0]
    uploader.set_value([(name, data, "text/csv") for name, data in files.items()])
    _ok(at.run())
    assert "error(s)** block solving" in _texts(at, "alert")
    issues = [table.value for table in at.table if "how to fix it" in table.value.columns]
    assert issues, "the issues table is shown"
    row = issues[0][issues[0]["column"] == "hourly_cost"].iloc[0]
    assert (row["table"], row["row"], row["value"]) == ("groups.csv", "2", "eighteen")
    assert "not a number" in row["problem"] and row["how to fix it"]
    assert at.button(key="capacity_solve").disabled
    assert not at.get("download_button")


def test_a_roster_with_training_shows_the_training_plan_and_why() -> None:
    at = _ok(_app(training_files()))
    tab = next(tab for tab in at.tabs if tab.label.startswith("training.csv"))
    assert "One row per course. Optional." in " ".join(str(c.value) for c in tab.caption)
    at = _solve(at)
    at = _page(at, "results")
    assert "Training" in [tab.label for tab in at.tabs]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Course sessions taken"] == "1"
    assert metrics["Training cost"] == "€170"
    assert not metrics["Total cost"].startswith(("-", "−"))
    assert "New skills are credited" in _texts(at, "markdown")
    plan = _frame_with(at, "qualified_from")
    assert plan[["employee_id", "course_id", "start_date", "qualified_from"]].values.tolist() == [
        ["A1", "C-BILL", "2026-03-02", "2026-03-03"]]
    assert "Why each session pays" in _texts(at, "markdown")
    assert "- Training A1 in billing (1 day(s), 170 EUR: fee 50 + pay 120) lets A1 work 16 h of billing" \
        in _texts(at, "markdown")
    grid = _frame_with(at, "paid hours")
    assert grid.loc["Ann Archer (A1)", "Mon 2 Mar"] == "training billing (C-BILL)"
    assert "course day (training, paid)" in " ".join(str(h.value) for h in at.get("html"))
    at = _page(at, "export")
    downloads = {d.label for d in at.get("download_button")}
    assert "training_plan.csv" in downloads
    assert "Who takes which course" in _texts(at, "caption")
    exported = pd.read_csv(io.BytesIO(at.session_state["result"].exports()["training_plan.csv"]))
    assert exported["course_id"].tolist() == ["C-BILL"]


def test_the_training_tab_compares_with_training_switched_off() -> None:
    at = _page(_solve(_app(training_files())), "results")
    assert at.session_state["training_comparison"] is None
    _ok(at.button(key="compare_training").click().run())
    compared = at.session_state["training_comparison"]
    assert compared is not None and compared.result is at.session_state["result"]
    assert compared.job.scenario.settings.rule("train_staff").enabled is False
    assert compared.job.settings == at.session_state["result"].settings
    assert compared.job.wait(60) and compared.job.error is None
    _ok(at.run())
    table = _frame_with(at, "without training").set_index("figure")
    assert table.loc["Total cost in the horizon", "with training"] == "€1,210"
    assert table.loc["Total cost in the horizon", "without training"] == "€2,320"
    assert table.loc["Short staff-hours", "without training"] == "16"
    markdown = _texts(at, "markdown")
    assert "**€4,310** saved in all" in markdown
    assert "- Training removes 16 short staff-hours of billing in week 1." in markdown
    at = _page(at, "export")
    result = at.session_state["result"]
    assert result._exports_untrained is compared.untrained, "the downloads carry the comparison"
    summary = json.loads(result.exports(compared.untrained)["summary.json"])
    assert summary["training"]["comparison"]["saving"] == 4310.0
    files = dict(at.session_state["files"])
    files["staff.csv"] = files["staff.csv"].replace(b"B2,Bob Baker,desk,18", b"B2,Bob Baker,desk,19")
    at.session_state["files"] = files
    at = _page(at, "results")
    assert at.session_state["training_comparison"] is None, "the data changed: the comparison is dropped"
    assert not [frame for frame in at.dataframe if "without training" in frame.value.columns]
    assert not at.button(key="compare_training").disabled


def test_a_new_roster_drops_the_comparison_without_training() -> None:
    at = _page(_solve(_app(training_files())), "results")
    _ok(at.button(key="compare_training").click().run())
    compared = at.session_state["training_comparison"]
    assert compared.job.wait(60)
    _ok(at.run())
    assert _frame_with(at, "without training") is not None
    at = _page(_solve(at), "results")
    assert at.session_state["result"] is not compared.result
    assert at.session_state["training_comparison"] is None
    assert not [frame for frame in at.dataframe if "without training" in frame.value.columns]


def test_a_capacity_requirement_that_cannot_be_met_shows_the_largest_gaps() -> None:
    files = capacity_run.sample_files()
    files["requirements.csv"] = files["requirements.csv"].replace(b"\n1,phone,2198\n", b"\n1,phone,9000\n")
    at = _page(_app(), "capacity")
    at.get("file_uploader")[0].set_value([(name, data, "text/csv") for name, data in files.items()])
    _ok(at.run())
    assert "Ready to solve" in _texts(at, "alert")
    at.segmented_control(key="capacity_objective").set_value("releases")
    _ok(at.button(key="capacity_solve").click().run())
    assert "The requirement cannot be met with these limits" in _texts(at, "warning")
    gaps = _frame_with(at, "short_hours")
    assert gaps.iloc[0][["week", "group", "required_hours"]].tolist() == [1, "phone", 9000.0]
    assert "Checked without the solver" in _texts(at, "success")
