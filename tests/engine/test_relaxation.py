"""The linear relaxation: a lower bound on every roster's cost, solved beside the search."""

from __future__ import annotations

import itertools

from ortools.sat.python import cp_model

from planner.engine import build_model
from planner.engine.relaxation import LpBound, read_model, relaxation
from tests.engine.test_warmstart import fortnight


def test_the_bound_lies_below_the_proved_optimum_and_above_zero():
    sc = fortnight(11, people=6, days=7)
    ctx = build_model(sc)
    bound = LpBound(ctx.model, seconds=30).start().wait(60)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 8
    assert solver.solve(ctx.model) == cp_model.OPTIMAL
    assert bound is not None
    assert 0 < bound <= solver.objective_value
    assert bound >= 0.5 * solver.objective_value  # a bound worth reporting


def brute_force_minimum(model: cp_model.CpModel, booleans: list) -> float:
    best = float("inf")
    for values in itertools.product((0, 1), repeat=len(booleans)):
        trial = model.clone()
        for var, value in zip(booleans, values, strict=True):
            trial.add(trial.get_bool_var_from_proto_index(var.index) == value)
        solver = cp_model.CpSolver()
        if solver.solve(trial) == cp_model.OPTIMAL:
            best = min(best, solver.objective_value)
    return best


def test_negated_literals_enforced_constraints_and_maxima_stay_a_relaxation():
    model = cp_model.CpModel()
    x, y, z = (model.new_bool_var(n) for n in "xyz")
    short = model.new_int_var(0, 5, "short")
    model.add_at_most_one([x, y.Not()])
    model.add_exactly_one([x, y, z.Not()])
    model.add(x + y + z >= 2).only_enforce_if(z)
    model.add_max_equality(short, [3 - 2 * x - y, 0])
    model.add_bool_or([x, z])
    model.minimize(7 * short + 3 * x + 2 * y + 4 * z + 1)
    bound = LpBound(model, seconds=5).start().wait(10)
    assert bound is not None
    assert bound <= brute_force_minimum(model, [x, y, z]) + 1e-9


def test_a_model_that_maximises_has_no_relaxation_bound():
    model = cp_model.CpModel()
    x = model.new_bool_var("x")
    model.maximize(x)
    assert relaxation(read_model(model)) is None
    assert LpBound(model, seconds=1).start().wait(1) is None
