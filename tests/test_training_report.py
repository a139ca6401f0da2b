"""Training decisions in money, and the comparison with training switched off, on the
bundled sample `data/cross-training` (billing short, phone with slack) and small cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner import costs
from planner.check import check_plan
from planner.cli import main
from planner.domain import Plan, Scenario, SolverSettings, Training
from planner.engine import solve
from planner.io import load_scenario_dir
from planner.io.export import build_summary
from planner.io.plan_tables import read_plan
from planner.training import valued_need, without_training
from planner.training_report import credited_trainees, training_decisions, week_span
from tests.conftest import check_agrees, solve_and_check
from tests.rules.test_training import short_billing

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cross-training"
QUICK = SolverSettings(time_limit_seconds=6, workers=8, seed=0)


@pytest.fixture(scope="module")
def sample() -> Scenario:
    return load_scenario_dir(SAMPLE).scenario


def temp_hours(scenario: Scenario, plan: Plan) -> float:
    return sum(
        b.count * costs.temp_paid_minutes(scenario.temp_offers_by_id[b.offer_id],
                                         scenario.shift(b.shift_id)) / 60
        for b in plan.temp_bookings
    )


@pytest.mark.parametrize(
    ("weeks", "text"),
    [((), ""), ((0,), "week 1"), ((0, 1, 1, 2), "weeks 1-3"), ((0, 2), "weeks 1, 3")],
)
def test_week_span(weeks: tuple[int, ...], text: str) -> None:
    assert week_span(weeks) == text


def test_the_sample_trains_and_books_fewer_temps_than_without_training(sample: Scenario) -> None:
    trained = solve(sample, settings=QUICK)
    untrained = solve(without_training(sample), settings=QUICK)
    check_agrees(sample, trained)
    check_agrees(without_training(sample), untrained)
    assert trained.training
    assert untrained.training == ()
    assert temp_hours(sample, trained) < temp_hours(sample, untrained)
    summary = build_summary(sample, trained, check_plan(sample, trained), untrained)
    comparison = summary["training"]["comparison"]
    saved = temp_hours(sample, untrained) - temp_hours(sample, trained)
    assert comparison["temp_hours_saved"] == pytest.approx(saved)
    assert comparison["saving"] == pytest.approx(
        costs.to_money(untrained.stats.objective_units - trained.stats.objective_units), abs=0.01
    )
    billing = [s for s in comparison["by_skill"] if s["skill"] == "billing"]
    assert billing and billing[0]["temp_hours_saved"] > 0
    assert billing[0]["explanation"].startswith("training removes")


def test_each_decision_is_explained_in_money() -> None:
    s = short_billing()
    plan, report = solve_and_check(s)
    (decision,) = training_decisions(s, plan)
    worked = [a for a in plan.assignments if a.employee_id == "P1" and a.skill == "billing"]
    assert decision["hours_in_skill_after"] == 8 * len(worked)
    assert decision["cost"] == costs.to_money(report.costs["training"])
    assert decision["value_after_horizon"] == -costs.to_money(report.costs["training_value"])
    text = decision["explanation"]
    assert text.startswith("training P1 in billing (2 day(s), 420 EUR: fee 100 + pay 320)")
    assert f"work {8 * len(worked)} h of billing" in text


def test_the_value_is_credited_to_the_earliest_trainees_up_to_the_need() -> None:
    s = short_billing(trainable=("*",))
    assert valued_need(s)["billing"] == 2
    trainees = [Training("P3", "C-BILL", 2), Training("P1", "C-BILL", 0), Training("P2", "C-BILL", 7)]
    assert credited_trainees(s, trainees) == {trainees[0], trainees[1]}


def test_planner_solve_compare_training_writes_the_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["solve", str(SAMPLE), "--out", str(out), "--time-limit", "4", "--quiet",
                 "--compare-training"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Solving again with training switched off" in printed
    assert "Without training: cost" in printed
    assert "in the horizon, less" in printed and "credited for new skills after it" in printed
    summary = json.loads((out / "summary.json").read_text())
    block = summary["training"]
    assert block["sessions"] == len(block["decisions"]) > 0
    assert block["cost"] == summary["costs"]["training"]
    assert block["comparison"]["without_training"]["training_cost"] == 0
    sample = load_scenario_dir(SAMPLE).scenario
    plan, issues = read_plan(sample, out)
    assert plan is not None and not [i for i in issues if i.severity == "error"]
    report = check_plan(sample, plan)
    assert report.hard_violations == () and report.problems == ()
    assert len(plan.training) == block["sessions"]
    assert main(["check", str(SAMPLE), str(out)]) == 0
    assert f"{block['sessions']} training session(s)" in capsys.readouterr().out
