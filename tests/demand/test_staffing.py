"""Workload to heads (targets, occupancy, shrinkage, productivity), the conversion table, and
the service a solved roster reports in coverage.csv and summary.json."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.check import check_plan
from planner.demand import erlang
from planner.demand.staffing import conversion_frame, required_agents, workload_heads
from planner.domain import SolverSettings
from planner.engine.solve import solve
from planner.io import load_scenario_dir
from planner.io.export import STAFFING_FILE, write_outputs


def test_occupancy_cap_adds_agents_beyond_the_service_target() -> None:
    # 1,500 calls of 240 s in 30 minutes: 200 Erlangs. 208 agents answer 76.1 % in 20 s,
    # 209 answer 80.2 % (95.7 % busy); an 85 % occupancy cap needs 236.
    assert required_agents(1500, 240, 1800, 80, 20, max_occupancy=1.0) == 209
    assert required_agents(1500, 240, 1800, 80, 20, max_occupancy=0.85) == 236
    assert 200 / 236 <= 0.85 < 200 / 235


def test_asa_target() -> None:
    # 10 Erlangs (100 calls of 180 s in 30 minutes): ASA is 17.1 s with 13 agents, 7.8 s with 14.
    assert required_agents(100, 180, 1800, asa_seconds=15, max_occupancy=1.0) == 14
    assert required_agents(100, 180, 1800, asa_seconds=20, max_occupancy=1.0) == 13
    assert float(erlang.asa_c(13, 10.0, 180)) == pytest.approx(17.12, abs=0.01)


def test_erlang_a_needs_fewer_agents_when_callers_give_up() -> None:
    plain = required_agents(100, 180, 1800, 80, 20, max_occupancy=1.0)
    patient = required_agents(100, 180, 1800, 80, 20, patience_seconds=60, max_occupancy=1.0)
    assert patient <= plain == 14


def test_workload_hours_become_heads() -> None:
    assert list(workload_heads([0, 1.0, 2.6, 3.0], 30, 1.0)) == [0, 2, 6, 6]
    assert list(workload_heads([3.0], 30, 0.8)) == [8]  # 7.5 agents of productive time
    assert list(workload_heads([3.0], 30, 1.0, 0.25)) == [8]  # 6 agents / 0.75


def test_no_volume_needs_no_one() -> None:
    assert list(required_agents([0, 0.0], 300, 1800)) == [0, 0]


QUEUE_SCENARIO = {
    "scenario.toml": """\
name = "Queue test"
start_date = 2026-03-02
days = 1
interval_minutes = 30

[costs]
under_weight = 100
shortfall_pricing = "service"

[service]
target_pct = 80
target_seconds = 20
max_occupancy = 0.9
shrinkage = 0.1

[solver]
time_limit_seconds = 20
workers = 2
""",
    "shifts.csv": "shift_id,start,end\nM,08:00,12:00\nA,10:00,14:00\n",
    "staff.csv": "employee_id,name,skills,hourly_cost\n"
    + "".join(f"E{i},Person {i},phone;email,20\n" for i in range(12)),
    "demand.csv": """\
date,start,skill,volume,aht_seconds,patience_seconds,workload_hours,target_pct,target_seconds
2026-03-02,08:00,phone,40,240,,,,
2026-03-02,09:00,phone,80,240,,,90,30
2026-03-02,10:00,phone,120,240,120,,,
2026-03-02,11:00,phone,60,240,,,,
2026-03-02,12:00,phone,30,240,,,,
2026-03-02,09:00,email,,,,2,,
""",
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "queue"
    folder.mkdir()
    for name, text in QUEUE_SCENARIO.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_queue_scenario_reports_service_in_coverage_and_summary(tmp_path: Path) -> None:
    loaded = load_scenario_dir(_folder(tmp_path))
    assert loaded.ok, [str(i) for i in loaded.issues]
    scenario = loaded.scenario
    assert scenario is not None
    conversion = conversion_frame(scenario)
    assert list(conversion["measure"]) == ["queue"] * 5 + ["workload"]
    # Heads are agents / (1 - 10 % shrinkage), and those heads meet each row's own target.
    queue = conversion[conversion["measure"] == "queue"]
    assert (queue["required"] == np.ceil(queue["agents"] / 0.9 - 1e-9)).all()
    assert (queue["service_level"] >= [80, 90, 80, 80, 80]).all()
    assert list(queue["model"]) == ["Erlang C", "Erlang C", "Erlang A", "Erlang C", "Erlang C"]
    assert conversion.iloc[-1]["required"] == 5  # 2 h in 30 min = 4 heads, / 0.9

    plan = solve(scenario, settings=SolverSettings(time_limit_seconds=20, workers=2))
    report = check_plan(scenario, plan)
    assert report.hard_violations == () and report.objective_units == plan.stats.objective_units
    paths = write_outputs(scenario, plan, tmp_path / "out", report=report)
    assert STAFFING_FILE in {p.name for p in paths}
    coverage = pd.read_csv(tmp_path / "out" / "coverage.csv")
    phone = coverage[coverage["skill"] == "phone"]
    assert phone["service_level"].notna().all() and phone["volume"].notna().all()
    assert coverage[coverage["skill"] == "email"]["service_level"].isna().all()
    assert phone.loc[phone["start_at"].str.endswith("10:00"), "abandon_pct"].notna().all()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    service = summary["service"]
    assert service["volume"] == 330
    weighted = float((phone["service_level"] * phone["volume"]).sum() / phone["volume"].sum())
    assert service["service_level"] == pytest.approx(weighted, abs=0.01)
    assert [day["date"] for day in service["by_day"]] == ["2026-03-02"]
    assert service["by_week"][0]["week"] == 1
