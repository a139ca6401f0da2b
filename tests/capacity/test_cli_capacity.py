"""`planner capacity` end to end on files: a good plan (exit 0, files written and read back
through the checker), bad input (exit 2, the problem named), an impossible requirement (exit 3,
the diagnosis written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.capacity import check_capacity_plan, load_capacity_dir, read_outputs
from planner.capacity import demo as capacity_demo
from planner.capacity.tables import CHART_HTML, CHART_JSON, MOVES_FILE, SUMMARY_FILE, WEEKLY_FILE
from planner.cli import main


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 4-week, 3-group sample plan (phone, chat, email)."""
    return capacity_demo.write(tmp_path_factory.mktemp("plan"), weeks=4, groups=3)


def test_a_plan_is_solved_checked_and_written(small: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["capacity", str(small), "--out", str(out), "--objective", "lexicographic"]) == 0
    printed = capsys.readouterr().out
    assert "Plan: OPTIMAL" in printed
    assert "Check: flows, caps and costs recomputed" in printed
    for name in (WEEKLY_FILE, MOVES_FILE, SUMMARY_FILE, CHART_JSON, CHART_HTML):
        assert (out / name).is_file(), name
    summary = json.loads((out / SUMMARY_FILE).read_text())
    assert summary["solver"]["objective"] == "lexicographic"
    assert summary["check"]["ok"] is True
    assert set(summary["solver"]["stage_values"]) == {"releases", "cost"}
    data = load_capacity_dir(small).data
    assert data is not None
    assert check_capacity_plan(data, read_outputs(data, out)).ok
    chart = json.loads((out / CHART_JSON).read_text())
    assert len(chart["vconcat"]) == 4
    headcount = chart["vconcat"][0]["spec"]["encoding"]
    assert headcount["strokeDash"]["field"] == headcount["color"]["field"] == "series"
    assert "legend" not in headcount["strokeDash"], "colour and dash share one legend"


def test_bad_input_exits_2_and_names_the_problem(small: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for path in small.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    groups = (folder / "groups.csv").read_text().replace("chat,24,19", "chat,24,lots")
    (folder / "groups.csv").write_text(groups)
    assert main(["capacity", str(folder), "--out", str(tmp_path / "out")]) == 2
    printed = capsys.readouterr().err
    assert "groups.csv" in printed and "'lots' is not a number" in printed
    assert "Traceback" not in printed
    assert not (tmp_path / "out").exists()


def test_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["capacity", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "there is no folder" in capsys.readouterr().err


def test_an_unknown_objective_is_refused(small: Path, tmp_path: Path) -> None:
    assert main(["capacity", str(small), "--out", str(tmp_path), "--objective", "cheap"]) == 2


def test_an_impossible_requirement_exits_3_with_the_gaps(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "short"
    folder.mkdir()
    (folder / "groups.csv").write_text("group,headcount,hourly_cost,hire_max\nphone,5,18,0\n")
    (folder / "requirements.csv").write_text("week,group,required_fte\n1,phone,5\n2,phone,8\n")
    (folder / "capacity.toml").write_text("start_date = 2026-03-02\nweeks = 2\n")
    out = tmp_path / "out"
    assert main(["capacity", str(folder), "--out", str(out)]) == 3
    printed = capsys.readouterr().err
    assert "week 2 (2026-03-09) phone: 120 h short of 320" in printed
    summary = json.loads((out / SUMMARY_FILE).read_text())
    assert summary["solver"]["status"] == "INFEASIBLE"
    assert summary["totals"]["shortfall_hours"] == 120
