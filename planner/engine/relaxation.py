"""A lower bound for big models: a linear relaxation of the CP-SAT model, solved by HiGHS.

On a big roster model CP-SAT's own LP does not finish its root in a couple of minutes on two
cores, so the search reports no bound and the gap reads 100 %. This module reads the model
(exported, then parsed with the protobuf classes) and keeps a relaxation of it: every
variable within its domain's hull, every linear, at-most-one and exactly-one constraint that
no literal enforces, and `target >= expr` for each expression of a `lin_max`; all else
(clauses, enforced constraints) is dropped. Each kept row holds for every solution of the
model, so the relaxation's optimum is a lower bound on every roster's cost. HiGHS solves it
in a background thread (it releases the GIL) while the warm start and the search go on.
"""

from __future__ import annotations

import math
import os
import tempfile
import threading

from ortools.linear_solver import linear_solver_pb2, pywraplp
from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model

SOLVER = "HIGHS_LP"
PARAMETERS = "output_flag=false"
"""HiGHS's own options: quiet (its dual simplex default was the fastest here: 28 s against
55 s for its interior point and 277 s for its primal simplex on the large sample)."""
SAFETY = 1e-6
"""Relative margin taken off the LP optimum for the solver's tolerances."""

_INFINITY = 2**62


def read_model(model: cp_model.CpModel) -> cp_model_pb2.CpModelProto:
    """The model as a protobuf message (exported to a temporary file and parsed)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.pb")
        model.export_to_file(path)
        with open(path, "rb") as handle:
            return cp_model_pb2.CpModelProto.FromString(handle.read())


def _literal_row(
    row: linear_solver_pb2.MPConstraintProto, literals: list[int], lower: float, upper: float
) -> None:
    """sum(literals) in [lower, upper], a negated literal ~x counted as 1 - x."""
    constant = 0
    coefficients: dict[int, float] = {}
    for literal in literals:
        if literal >= 0:
            coefficients[literal] = coefficients.get(literal, 0.0) + 1.0
        else:
            constant += 1
            coefficients[-literal - 1] = coefficients.get(-literal - 1, 0.0) - 1.0
    row.var_index.extend(coefficients)
    row.coefficient.extend(coefficients.values())
    row.lower_bound = lower - constant
    row.upper_bound = upper - constant


def relaxation(proto: cp_model_pb2.CpModelProto) -> linear_solver_pb2.MPModelProto | None:
    """The linear relaxation described above, or None when the model does not minimise."""
    scale = proto.objective.scaling_factor or 1.0
    if scale <= 0 or not proto.HasField("objective"):
        return None
    lp = linear_solver_pb2.MPModelProto()
    for variable in proto.variables:
        column = lp.variable.add()
        column.lower_bound = variable.domain[0]
        column.upper_bound = variable.domain[-1]
    for index, coefficient in zip(proto.objective.vars, proto.objective.coeffs, strict=True):
        lp.variable[index].objective_coefficient += coefficient
    lp.objective_offset = proto.objective.offset
    for constraint in proto.constraints:
        if constraint.enforcement_literal:
            continue
        kind = constraint.WhichOneof("constraint")
        if kind == "linear":
            low, high = constraint.linear.domain[0], constraint.linear.domain[-1]
            row = lp.constraint.add()
            row.var_index.extend(constraint.linear.vars)
            row.coefficient.extend(constraint.linear.coeffs)
            row.lower_bound = low if low > -_INFINITY else -math.inf
            row.upper_bound = high if high < _INFINITY else math.inf
        elif kind == "at_most_one":
            _literal_row(lp.constraint.add(), list(constraint.at_most_one.literals), -math.inf, 1)
        elif kind == "exactly_one":
            _literal_row(lp.constraint.add(), list(constraint.exactly_one.literals), 1, 1)
        elif kind == "lin_max":
            target = constraint.lin_max.target
            for expr in constraint.lin_max.exprs:  # target >= expr
                coefficients: dict[int, float] = {}
                for index, coefficient in zip(target.vars, target.coeffs, strict=True):
                    coefficients[index] = coefficients.get(index, 0.0) + coefficient
                for index, coefficient in zip(expr.vars, expr.coeffs, strict=True):
                    coefficients[index] = coefficients.get(index, 0.0) - coefficient
                row = lp.constraint.add()
                row.var_index.extend(coefficients)
                row.coefficient.extend(coefficients.values())
                row.lower_bound = expr.offset - target.offset
                row.upper_bound = math.inf
    return lp


class LpBound:
    """Solve the relaxation of a model in a background thread (the solve releases the GIL);
    `units` is the bound, in the model's objective units, once proved, else None. The solve
    cannot be interrupted: it ends at its time limit at the latest."""

    def __init__(self, model: cp_model.CpModel, seconds: float) -> None:
        proto = read_model(model)
        self.scale = proto.objective.scaling_factor or 1.0
        self.seconds = seconds
        self.units: float | None = None
        self.status = "NOT_SOLVED"
        self._solver: pywraplp.Solver | None = None
        self._done = threading.Event()
        lp = relaxation(proto)
        solver = pywraplp.Solver.CreateSolver(SOLVER) if lp is not None else None
        if solver is not None and not solver.LoadModelFromProto(lp):
            # Quiet (SuppressOutput leaves HiGHS's banner); the call reports False even
            # when HiGHS takes the option.
            solver.SetSolverSpecificParametersAsString(PARAMETERS)
            solver.SetTimeLimit(max(1, int(seconds * 1000)))
            self._solver = solver

    def start(self) -> LpBound:
        if self._solver is None:
            self._done.set()
        else:
            threading.Thread(target=self._run, daemon=True).start()
        return self

    def _run(self) -> None:
        solver = self._solver
        assert solver is not None
        status = solver.Solve()
        if status == pywraplp.Solver.OPTIMAL:
            value = solver.Objective().Value()
            self.units = self.scale * (value - SAFETY * abs(value))
        self.status = {pywraplp.Solver.OPTIMAL: "OPTIMAL",
                       pywraplp.Solver.INFEASIBLE: "INFEASIBLE"}.get(status, "UNKNOWN")
        self._solver = None
        self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, seconds: float | None = None) -> float | None:
        self._done.wait(seconds)
        return self.units
