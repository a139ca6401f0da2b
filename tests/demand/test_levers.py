"""Demand levers as scenario transforms, the comparison runner and `planner compare`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from planner.check import check_plan
from planner.cli import main
from planner.demand import levers
from planner.demand.levers import LeverError, compare_runs, parse_lever, parse_variant
from planner.domain import Scenario, SolverSettings
from planner.io import load_scenario_dir
from planner.reports import variant_coverage_chart
from tests.demand.test_staffing import QUEUE_SCENARIO


@pytest.fixture
def queue_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "queue"
    folder.mkdir()
    for name, text in QUEUE_SCENARIO.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def queue_scenario(queue_folder: Path) -> Scenario:
    loaded = load_scenario_dir(queue_folder)
    assert loaded.scenario is not None
    return loaded.scenario


def volumes(scenario: Scenario) -> list[float]:
    return [d.queue.volume for d in scenario.demand if d.queue is not None]


def test_parse_levers_and_variants() -> None:
    assert parse_lever("deflect=10") == levers.Lever("deflect", 10.0)
    assert parse_lever("Shift-Peak=20%") == levers.Lever("shift_peak", 20.0)
    assert parse_lever("target=70/40") == levers.Lever("target", 70.0, 40.0)
    assert parse_lever("temps=+4").value == "+4"
    variant = parse_variant("deflect=10+temps=+4")
    assert [lever.kind for lever in variant.levers] == ["deflect", "temps"]
    assert variant.levers[1].value == "+4"
    for bad in ("deflect", "deflect=200", "target=70", "temps=lots", "unknown=1", ""):
        with pytest.raises(LeverError):
            parse_variant(bad)


def test_shift_peak_moves_volume_off_the_peak_within_the_day(queue_scenario: Scenario) -> None:
    before = volumes(queue_scenario)
    after = volumes(levers.shift_peak(queue_scenario, 30))
    assert sum(after) == pytest.approx(sum(before))
    # Volumes 40, 80, 120, 60, 30: the busiest quarter (80 and up) is the peak.
    assert before == [40, 80, 120, 60, 30]
    for a, b in zip(after, before, strict=True):
        assert a == pytest.approx(0.7 * b) if b >= 80 else a > b
    shifted = levers.shift_peak(queue_scenario, 30)
    assert max(d.required for d in shifted.demand) < max(d.required for d in queue_scenario.demand)


def test_deflect_and_target_change_the_heads(queue_scenario: Scenario) -> None:
    deflected = levers.deflect(queue_scenario, 50)
    assert volumes(deflected) == [v / 2 for v in volumes(queue_scenario)]
    email = next(d for d in deflected.demand if d.skill == "email")
    assert email.workload_hours == 1.0
    assert sum(d.required for d in deflected.demand) < sum(d.required for d in queue_scenario.demand)
    relaxed = levers.change_target(queue_scenario, pct=60, seconds=60)
    assert all(d.queue.target_pct == 60 for d in relaxed.demand if d.queue is not None)
    assert sum(d.required for d in relaxed.demand) < sum(d.required for d in queue_scenario.demand)


def test_temps_training_and_pricing_levers(queue_scenario: Scenario) -> None:
    off = parse_variant("temps=off").apply(queue_scenario)
    assert not off.settings.temps_enabled
    assert parse_variant("training=off").apply(queue_scenario).courses == ()
    assert parse_variant("pricing=flat").apply(queue_scenario).settings.shortfall_pricing == "flat"


def test_compare_solves_and_checks_every_variant(queue_scenario: Scenario) -> None:
    settings = SolverSettings(time_limit_seconds=10, workers=2)
    comparison = compare_runs(queue_scenario, ["deflect=20", "shift-peak=30", "target=70/40"], settings)
    table = comparison.table
    assert list(table["variant"]) == ["baseline", "deflect=20", "shift-peak=30", "target=70/40"]
    assert table["checked"].all()
    for result in comparison.results:
        report = check_plan(result.scenario, result.plan)
        assert report.hard_violations == ()
        assert report.objective_units == result.plan.stats.objective_units
    costs = [c for c in table.columns if c.startswith("cost_")]
    assert {"cost_wages", "cost_shortfall"} <= set(costs)
    assert (table[costs].sum(axis=1) - table["total_cost"]).abs().max() < 0.05
    baseline, deflected = table.iloc[0], table.iloc[1]
    assert deflected["required_staff_hours"] < baseline["required_staff_hours"]
    assert deflected["service_level"] > baseline["service_level"]
    chart = variant_coverage_chart(comparison.coverage).to_dict()
    assert chart["facet"]["row"]["field"] == "variant"
    assert set(comparison.coverage["variant"]) == set(table["variant"])


def test_compare_command_writes_table_and_chart(queue_folder: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cmp"
    code = main(["compare", str(queue_folder), "--lever", "deflect=10", "--lever", "temps=off+asa=40",
                 "--out", str(out), "--time-limit", "5", "--workers", "2"])
    assert code == 0, capsys.readouterr().err
    table = pd.read_csv(out / "comparison.csv")
    assert list(table["variant"]) == ["baseline", "deflect=10", "temps=off+asa=40"]
    assert "| `deflect=10` |" in (out / "comparison.md").read_text(encoding="utf-8")
    assert json.loads((out / "chart.json").read_text(encoding="utf-8"))["facet"]
    assert "vega" in (out / "chart.html").read_text(encoding="utf-8")
    assert main(["compare", str(queue_folder), "--lever", "deflect=lots", "--out", str(out)]) == 2
