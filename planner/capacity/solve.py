"""Solving the capacity model: the objective's stages, the time limit, and a diagnosis when
the requirement cannot be met.

Each objective is a sequence of stages (`data.STAGES`): `cost` is one stage, `releases` one,
`lexicographic` minimises releases and then, keeping them at their least, the cost. When the
first stage proves the plan infeasible, the diagnosis model (`elastic`) is solved instead: it
first minimises the FTE-weeks of requirement missed and of overstaffing above the cap, then
the asked objective; the plan comes back with status INFEASIBLE and shows where it falls short.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

from ortools.math_opt.python import mathopt

from planner.capacity.data import STAGES, CapacityData, CapacityPlan, Objective, Stage
from planner.capacity.model import CapacityModel, build_capacity_model

ENGINES: Mapping[str, mathopt.SolverType] = {
    "highs": mathopt.SolverType.HIGHS,
    "scip": mathopt.SolverType.GSCIP,
}
STAGE_SLACK = 1e-7
"""A later stage may exceed an earlier stage's optimum by this (relative, at least absolute)."""

_SOLVED = (mathopt.TerminationReason.OPTIMAL, mathopt.TerminationReason.FEASIBLE)


@dataclass(frozen=True)
class _Outcome:
    status: str
    values: Mapping[mathopt.Variable, float] | None
    stage_values: dict[str, float]
    best_bound: float | None
    message: str


def _parameters(seconds: float, relative_gap: float, integer: bool) -> mathopt.SolveParameters:
    parameters = mathopt.SolveParameters(time_limit=dt.timedelta(seconds=max(seconds, 0.01)))
    if integer:
        parameters.relative_gap_tolerance = relative_gap
        parameters.absolute_gap_tolerance = 1e-6
    return parameters


def _run_stages(
    cm: CapacityModel,
    stages: tuple[Stage, ...],
    engine: str,
    deadline: float,
    relative_gap: float,
) -> _Outcome:
    """Minimise each stage in turn, bounding the earlier ones by their optimum."""
    values: Mapping[mathopt.Variable, float] | None = None
    stage_values: dict[str, float] = {}
    status = "OPTIMAL"
    best_bound: float | None = None
    message = ""
    for number, stage in enumerate(stages):
        expression = cm.stage_expression(stage)
        cm.model.minimize(expression)
        seconds = deadline - time.monotonic()
        try:
            result = mathopt.solve(
                cm.model, ENGINES[engine], params=_parameters(seconds, relative_gap, cm.integer)
            )
        except Exception as exc:  # MathOpt raises odd types for solver-side errors
            return _Outcome("ERROR", values, stage_values, None, f"the {engine} solver failed: {exc}")
        reason = result.termination.reason
        if reason == mathopt.TerminationReason.INFEASIBLE and number == 0:
            return _Outcome("INFEASIBLE", None, {}, None, "the requirement cannot be met within the limits")
        if reason not in _SOLVED or not result.has_primal_feasible_solution():
            if values is not None:
                return _Outcome(
                    "FEASIBLE", values, stage_values, best_bound,
                    f"stage '{stage}' found no plan in time; the plan of the stage before is kept",
                )
            text = "no plan found within the time limit" if reason in (
                mathopt.TerminationReason.NO_SOLUTION_FOUND, mathopt.TerminationReason.FEASIBLE
            ) else f"the solver stopped: {result.termination.reason.name} {result.termination.detail}"
            return _Outcome("NOT_SOLVED", None, {}, None, text)
        if reason != mathopt.TerminationReason.OPTIMAL:
            status = "FEASIBLE"
        values = result.variable_values()
        value = result.objective_value()
        stage_values[stage] = value
        bound = result.best_objective_bound()
        best_bound = bound if math.isfinite(bound) else None
        if number < len(stages) - 1:
            cm.model.add_linear_constraint(
                expression <= value + STAGE_SLACK * max(1.0, abs(value)), name=f"stage[{stage}]"
            )
    for stage in stages[:-1]:
        # The final plan's value of each earlier stage (equal to its optimum within the slack).
        stage_values[stage] = mathopt.evaluate_expression(cm.stage_expression(stage), values)
    return _Outcome(status, values, stage_values, best_bound, message)


def _clean(value: float, integer: bool) -> float:
    """A solver value as the plan states it: whole for integer variables, no -0 or 1e-12."""
    if integer:
        return float(round(value))
    value = round(value, 9)
    return 0.0 if abs(value) < 1e-9 else value


def _read(
    cm: CapacityModel, values: Mapping[mathopt.Variable, float], family: Mapping, integer: bool
) -> dict:
    out = {}
    for key, variable in family.items():
        value = _clean(values[variable], integer and cm.integer)
        if value:
            out[key] = value
    return out


def _plan(cm: CapacityModel, outcome: _Outcome, objective: Objective, engine: str, seconds: float,
          status: str) -> CapacityPlan:
    values = outcome.values
    if values is None:
        return CapacityPlan(status=status, objective=objective, seconds=seconds, engine=engine,
                            integer=cm.integer, message=outcome.message)
    return CapacityPlan(
        status=status,
        objective=objective,
        hires=_read(cm, values, cm.hires, True),
        moves=_read(cm, values, cm.moves, True),
        releases=_read(cm, values, cm.releases, True),
        part_time=_read(cm, values, cm.part_time, True),
        temp_hours=_read(cm, values, cm.temps, False),
        overtime_hours=_read(cm, values, cm.overtime, False),
        shortfall_hours=_read(cm, values, cm.shortfall, False),
        excess_over_cap=_read(cm, values, cm.excess_over_cap, False),
        headcount={key: _clean(values[v], False) for key, v in cm.headcount.items()},
        overstaff_fte={key: _clean(values[v], False) for key, v in cm.overstaff.items()},
        stage_values=dict(outcome.stage_values),
        costs={kind: mathopt.evaluate_expression(expr, values) for kind, expr in cm.cost_by_kind().items()},
        best_bound=outcome.best_bound,
        integer=cm.integer,
        seconds=seconds,
        engine=engine,
        message=outcome.message,
    )


def solve_capacity(
    data: CapacityData,
    *,
    objective: Objective | None = None,
    time_limit_seconds: float | None = None,
    relative_gap: float | None = None,
    engine: str | None = None,
    integer: bool | None = None,
) -> CapacityPlan:
    """Solve the capacity plan of `data`; the keyword arguments override `capacity.toml`.

    Never raises for a plan that cannot be met: the result's status says what happened
    (OPTIMAL, FEASIBLE, INFEASIBLE with the diagnosis plan, NOT_SOLVED, ERROR).
    """
    settings = data.settings
    changes = {
        key: value
        for key, value in (
            ("objective", objective),
            ("time_limit_seconds", time_limit_seconds),
            ("relative_gap", relative_gap),
            ("engine", engine),
            ("integer", integer),
        )
        if value is not None
    }
    if changes:
        settings = dataclasses.replace(settings, **changes)
        data = dataclasses.replace(data, settings=settings)
    if settings.engine not in ENGINES:
        raise ValueError(f"unknown engine {settings.engine!r}: choose one of {', '.join(ENGINES)}")
    started = time.monotonic()
    deadline = started + settings.time_limit_seconds
    stages = STAGES[settings.objective]

    cm = build_capacity_model(data)
    outcome = _run_stages(cm, stages, settings.engine, deadline, settings.relative_gap)
    status = outcome.status
    if outcome.status == "INFEASIBLE":
        cm = build_capacity_model(data, elastic=True)
        diagnosis = _run_stages(cm, ("shortfall", *stages), settings.engine, deadline, settings.relative_gap)
        if diagnosis.values is not None:
            outcome = dataclasses.replace(
                diagnosis,
                message="the requirement cannot be met within the limits: the plan shown misses "
                "as little of it as possible (see shortfall_hours and excess_over_cap)",
            )
        else:
            outcome = dataclasses.replace(outcome, message=f"{outcome.message}; {diagnosis.message}")
    return _plan(cm, outcome, settings.objective, settings.engine, time.monotonic() - started, status)
