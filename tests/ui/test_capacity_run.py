"""The Capacity page's working parts (no Streamlit): the bundled sample solved, checked and
turned into the same files `planner capacity` writes; a plan that cannot meet the requirement."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from planner.capacity import load_capacity_files
from planner.capacity.tables import MOVES_FILE, SUMMARY_FILE, WEEKLY_COLUMNS, WEEKLY_FILE
from planner.ui import capacity_run
from planner.ui.capacity_run import CapacityRun


@pytest.fixture(scope="module")
def sample_run() -> CapacityRun:
    loaded = load_capacity_files(capacity_run.sample_files())
    assert loaded.ok, [str(issue) for issue in loaded.issues]
    assert loaded.data is not None
    return capacity_run.run_capacity(loaded.data, objective="releases", time_limit=60, files_signature="s")


def test_the_sample_is_the_bundled_folder_without_its_readme() -> None:
    files = capacity_run.sample_files()
    assert set(files) == {"groups.csv", "requirements.csv", "transitions.csv", "capacity.toml"}
    assert capacity_run.sample_name(files) == "Contact centre, 26 weeks, 6 groups"
    assert capacity_run.sample_name({"capacity.toml": b"name = ["}) == ""


def test_the_sample_solves_and_the_checker_confirms_it(sample_run: CapacityRun) -> None:
    assert sample_run.has_plan and sample_run.plan.status == "OPTIMAL"
    assert sample_run.plan.objective == "releases"
    ok, text = capacity_run.verdict(sample_run)
    assert ok and "Checked without the solver" in text
    assert list(sample_run.weekly.columns) == list(WEEKLY_COLUMNS)
    assert len(sample_run.weekly) == 26 * len(sample_run.data.groups)
    costs = capacity_run.costs_frame(sample_run)
    assert costs["cost"].sum() == pytest.approx(sample_run.check.total_cost, abs=0.05)  # type: ignore[union-attr]
    assert costs["cost"].is_monotonic_decreasing and costs.iloc[0]["kind"] == "wages"
    assert capacity_run.totals(sample_run)["releases"] == 0
    assert capacity_run.gaps_frame(sample_run).empty


def test_the_downloads_are_the_files_the_command_writes(sample_run: CapacityRun) -> None:
    exports = sample_run.exports()
    names = {name for name, _, _ in capacity_run.DOWNLOADS}
    assert set(exports) == names | {capacity_run.ZIP_FILE}
    weekly = pd.read_csv(io.BytesIO(exports[WEEKLY_FILE]))
    assert list(weekly.columns) == list(WEEKLY_COLUMNS) and len(weekly) == len(sample_run.weekly)
    moves = pd.read_csv(io.BytesIO(exports[MOVES_FILE]))
    assert len(moves) == len(sample_run.moves)
    summary = json.loads(exports[SUMMARY_FILE])
    assert summary["check"]["ok"] is True and summary["solver"]["status"] == "OPTIMAL"
    with zipfile.ZipFile(io.BytesIO(exports[capacity_run.ZIP_FILE])) as archive:
        assert sorted(archive.namelist()) == sorted(f"capacity-plan/{name}" for name in names)


def test_the_plan_view_shows_one_group_and_the_main_columns(sample_run: CapacityRun) -> None:
    view = capacity_run.plan_view(sample_run.weekly, "chat")
    assert set(view["group"]) == {"chat"} and len(view) == 26
    assert list(view.columns) == list(capacity_run.PLAN_COLUMNS)
    every = capacity_run.plan_view(sample_run.weekly, all_columns=True)
    assert list(every.columns) == list(WEEKLY_COLUMNS) and len(every) == len(sample_run.weekly)


def test_a_requirement_that_cannot_be_met_shows_its_largest_gaps() -> None:
    files = capacity_run.sample_files()
    files["requirements.csv"] = files["requirements.csv"].replace(b"\n1,phone,2198\n", b"\n1,phone,9000\n")
    loaded = load_capacity_files(files)
    assert loaded.data is not None
    run = capacity_run.run_capacity(loaded.data, objective="releases", time_limit=60)
    assert run.plan.status == "INFEASIBLE"
    assert "cannot be met" in capacity_run.status_text(run.plan)
    gaps = capacity_run.gaps_frame(run)
    assert gaps.iloc[0][["week", "group", "required_hours"]].tolist() == [1, "phone", 9000.0]
    assert (gaps["short_hours"] > 0).all()
    assert capacity_run.verdict(run)[0]
