"""The background solve: progress, result, exports, stop, infeasible, faults."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile

import pandas as pd
import pytest
from ui_scenarios import infeasible_files, tiny_files

from planner.domain import SolverSettings
from planner.io import load_scenario_files
from planner.ui import jobs


def _job(files: dict[str, bytes], **settings: float) -> jobs.SolveJob:
    scenario = load_scenario_files(files).scenario
    assert scenario is not None
    solver = SolverSettings(**{"time_limit_seconds": 10.0, "workers": 2, **settings})
    return jobs.SolveJob(scenario, solver, files_signature="sig", scenario_files=files)


def test_a_job_solves_in_the_background_and_builds_every_download() -> None:
    job = _job(tiny_files()).start()
    assert job.wait(30)
    snap = job.snapshot()
    assert not snap.running and snap.phase == "done" and snap.progress
    result = job.result
    assert job.error is None and result is not None
    assert result.status == "OPTIMAL" and result.has_roster and not result.stopped
    assert result.report is not None and not result.report.hard_violations
    assert result.summary["coverage"]["covered_pct"] == 100.0
    exports = result.exports()
    assert set(exports) == {
        "roster.csv", "temp_bookings.csv", "training_plan.csv", "coverage.csv", "shortfall.csv",
        "summary.json", "roster.xlsx", "calendars.zip", "roster-files.zip",
    }
    roster = pd.read_csv(io.BytesIO(exports["roster.csv"]))
    assert len(roster) == len(result.plan.assignments) == 9
    assert json.loads(exports["summary.json"])["solver"]["status"] == "OPTIMAL"
    calendars = zipfile.ZipFile(io.BytesIO(exports["calendars.zip"])).namelist()
    assert sorted(calendars) == ["A1.ics", "B2.ics", "C3.ics"]
    everything = zipfile.ZipFile(io.BytesIO(exports["roster-files.zip"])).namelist()
    assert {"roster.csv", "roster.xlsx", "calendars/A1.ics", "scenario/staff.csv"} <= set(everything)
    assert result.exports() is exports


def test_stop_ends_the_search_early() -> None:
    job = _job(tiny_files(days=14), time_limit_seconds=120.0).start()
    job.stop()
    assert job.wait(30)
    assert job.stop_requested and job.result is not None and job.result.stopped
    assert job.result.plan.stats.seconds < 60
    with pytest.raises(RuntimeError):
        job.start()


def test_an_infeasible_scenario_names_the_rules_that_clash() -> None:
    job = _job(infeasible_files()).start()
    assert job.wait(60)
    result = job.result
    assert result is not None and result.status == "INFEASIBLE" and not result.has_roster
    conflicts = " ".join(result.plan.stats.conflicts)
    assert "Weekly hours within contract: A1" in conflicts
    assert result.summary["conflicts"]


def test_a_fault_in_the_solve_is_kept_as_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(jobs, "solve", broken)
    job = _job(tiny_files()).start()
    assert job.wait(10)
    assert job.result is None and job.snapshot().phase == "failed"
    assert "RuntimeError: boom" in (job.error or "")


def test_the_solver_thread_runs_at_a_lower_priority() -> None:
    outcome: list[bool] = []
    thread = threading.Thread(target=lambda: outcome.append(jobs.lower_thread_priority()))
    thread.start()
    thread.join()
    assert outcome == [jobs.sys.platform.startswith("linux")]


def test_app_solver_settings_use_at_most_one_worker_per_core() -> None:
    settings = SolverSettings(workers=8)
    assert jobs.app_solver_settings(settings, cores=2).workers == 2
    assert jobs.app_solver_settings(SolverSettings(workers=1), cores=2).workers == 1


def test_snapshot_while_running_reports_elapsed_time() -> None:
    job = _job(tiny_files(days=14), time_limit_seconds=120.0).start()
    try:
        time.sleep(0.2)
        snap = job.snapshot()
        assert snap.elapsed > 0 and snap.time_limit == 120.0
    finally:
        job.stop()
        job.wait(30)
