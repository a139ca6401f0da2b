"""The planner's own engine solves Instance1 to the proven optimum, 607, and the independent
evaluator agrees with the planner's checker on that roster; `planner bench curtois` writes
its tables and the roster grid."""

from __future__ import annotations

import csv

from planner import costs
from planner.bench.curtois import grid_of_plan, load_instance, parse_grid, to_scenario
from planner.bench.evaluate import evaluate
from planner.cli import main
from planner.domain import SolverSettings
from tests.conftest import solve_and_check

# CP-SAT's full 8-worker portfolio. Measured on 2 cores at load 3-4, Instance1 is proved
# optimal in about 2 s with 8 workers and 1.6 s with 2.
SETTINGS = SolverSettings(time_limit_seconds=60, workers=8, seed=0)


def test_instance1_is_solved_to_the_optimum_607():
    instance = load_instance(1)
    scenario = to_scenario(instance, SETTINGS)
    plan, report = solve_and_check(scenario, settings=SETTINGS)  # proved optimal, checker = solver
    evaluation = evaluate(instance, grid_of_plan(instance, plan))
    assert evaluation.hard_violations == ()
    assert evaluation.penalty == 607
    assert report.objective_units == 607 * costs.UNITS_PER_MONEY
    assert plan.stats.objective == 607


def test_the_bench_command_writes_tables_and_rosters(tmp_path, capsys):
    out = tmp_path / "bench"
    code = main(["bench", "curtois", "--instances", "1", "--time-limit", "60", "--workers", "8",
                 "--out", str(out)])
    assert code == 0, capsys.readouterr()
    [row] = list(csv.DictReader((out / "results.csv").open()))
    assert (row["instance"], row["status"], row["objective"], row["best_bound"],
            row["best_known"], row["gap_pct"], row["hard_violations"], row["agree"]) == (
        "1", "OPTIMAL", "607", "607", "607", "0.0", "0", "True")
    markdown = (out / "results.md").read_text()
    assert "planner bench curtois --instances 1 --time-limit 60 --workers 8" in markdown
    assert "| 1 | OPTIMAL | 607 | 607 | 607 | 0.00 % |" in markdown
    instance = load_instance(1)
    grid = parse_grid((out / "rosters" / "Instance1.txt").read_text(), instance)
    assert evaluate(instance, grid).penalty == 607
    assert '<Employee ID="A">' in (out / "rosters" / "Instance1.xml").read_text()


def test_the_bench_command_refuses_unknown_instances(capsys):
    assert main(["bench", "curtois", "--instances", "0-2"]) == 2
    assert "1-24" in capsys.readouterr().err
