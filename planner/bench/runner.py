"""Run the Curtois & Qu benchmark: solve with the planner's engine, score, cross-check, write.

For each instance: load it into a planner `Scenario`, solve it with `planner.engine.solve`,
turn the plan into the benchmark's grid roster, score that with the independent evaluator
(`planner.bench.evaluate`), and check the same plan with the planner's own checker. The two
must agree exactly (one penalty point = `costs.UNITS_PER_MONEY` objective units) and neither
may find a hard violation. Writes to the output folder:

- `results.csv` and `results.md`: one row per instance (objective, best bound, best known,
  gap to best known in %, seconds, hard violations, ...), the Markdown with the command and
  the machine;
- `rosters/InstanceN.txt` (the plain grid format: one line per staff member in file order,
  tab-separated cells, a shift id or empty) and `rosters/InstanceN.xml` (Roster XML).
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import platform
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from planner import costs
from planner.bench.curtois import (
    INSTANCE_NUMBERS,
    best_known,
    format_grid,
    grid_of_plan,
    instance_path,
    load_instance,
    parse_numbers,
    roster_xml,
    to_scenario,
)
from planner.bench.evaluate import evaluate
from planner.check import check_plan
from planner.domain import Assignment, Plan, Scenario, SolverSettings, SolveStats
from planner.engine.solve import build_model, relative_gap, solve


@dataclass
class Result:
    instance: int
    status: str
    objective: int | None
    """Benchmark penalty of the roster, by the independent evaluator."""
    best_bound: int | None
    """The solver's proven lower bound, rounded up to a whole penalty."""
    best_known: int | None
    gap_pct: float | None
    """(objective - best known) / best known, in %."""
    seconds: float
    first_solution_seconds: float | None
    hard_violations: int | None
    """Hard violations found by the evaluator (the checker's count is `checker_hard`)."""
    checker_hard: int | None
    checker_objective: float | None
    agree: bool | None
    """Evaluator and planner checker give the same penalty and no hard violation."""
    cpu_seconds: float
    """CPU time the process used (model building and all search threads): on a shared
    machine, how much computing the run actually got."""
    workers: int
    time_limit: float
    seed: int
    employees: int
    days: int
    load_before: float
    load_after: float


FIELDS = tuple(Result.__dataclass_fields__)


def cp_sat_parameters(pairs: Sequence[str]) -> str:
    """`key=value` items -> CP-SAT parameters in protobuf text form (validated).

    Repeated string fields (`extra_subsolvers=max_lp,core`) take a comma-separated list."""
    from google.protobuf import text_format
    from ortools.sat import sat_parameters_pb2

    descriptor = sat_parameters_pb2.SatParameters.DESCRIPTOR
    parts = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        field = descriptor.fields_by_name.get(key.strip())
        if not sep or field is None:
            raise ValueError(f"'{pair}' is not a CP-SAT parameter as key=value")
        values = value.split(",") if field.label == field.LABEL_REPEATED else [value]
        for item in values:
            item = item.strip()
            if field.type == field.TYPE_STRING:
                item = '"' + item.replace('"', "") + '"'
            parts.append(f"{field.name}: {item}")
    text = " ".join(parts)
    try:
        text_format.Merge(text, sat_parameters_pb2.SatParameters())
    except text_format.ParseError as exc:
        raise ValueError(f"bad CP-SAT parameter: {exc}") from None
    return text


def solve_with_parameters(scenario: Scenario, settings: SolverSettings, extra: str) -> Plan:
    """The engine's model solved with extra CP-SAT parameters (an experiment harness for
    engine settings the product does not expose yet); the plan is read as `solve` reads it."""
    from ortools.sat.python import cp_model

    started = time.monotonic()
    ctx = build_model(scenario)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(settings.time_limit_seconds)
    solver.parameters.num_workers = int(settings.workers)
    solver.parameters.random_seed = int(settings.seed)
    solver.parameters.merge_text_format(extra)
    first: list[float] = []

    class _First(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            if not first:
                first.append(time.monotonic() - started)

    status = solver.solve(ctx.model, _First())
    seconds = time.monotonic() - started
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Plan(assignments=(), stats=SolveStats(status=name, seconds=seconds,
                                                     workers=settings.workers, seed=settings.seed))
    valued = ctx.valued_costs(solver.value)
    units = sum(valued.values())
    objective = units / costs.UNITS_PER_MONEY
    bound = solver.best_objective_bound / costs.UNITS_PER_MONEY
    stats = SolveStats(
        status=name, objective=objective, best_bound=bound,
        gap=relative_gap(objective, bound), seconds=seconds,
        first_solution_seconds=first[0] if first else None, workers=settings.workers,
        seed=settings.seed, costs=valued, objective_units=units,
    )
    assignments = tuple(
        Assignment(employee_id=e, day=d, shift_id=s, skill=k)
        for (e, d, s, k), var in ctx.vars.work.items()
        if solver.boolean_value(var)
    )
    return Plan(assignments=assignments, stats=stats)


def _load() -> float:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:  # pragma: no cover - not on every platform
        return float("nan")


def run_instance(
    number: int,
    *,
    time_limit: float,
    workers: int,
    seed: int = 0,
    out: Path | None = None,
    data: Path | None = None,
    known: dict[int, tuple[int, int]] | None = None,
    cp_sat: str = "",
) -> Result:
    instance = load_instance(number, data)
    settings = SolverSettings(time_limit_seconds=time_limit, workers=workers, seed=seed)
    scenario = to_scenario(instance, settings)
    load_before = _load()
    cpu_before = time.process_time()
    started = time.monotonic()
    plan = (solve_with_parameters(scenario, settings, cp_sat) if cp_sat
            else solve(scenario, settings=settings))
    seconds = time.monotonic() - started
    cpu_seconds = time.process_time() - cpu_before
    load_after = _load()
    stats = plan.stats
    reference = (known or {}).get(number, (None, None))[0]
    result = Result(
        instance=number, status=stats.status, objective=None, best_bound=None,
        best_known=reference, gap_pct=None, seconds=round(seconds, 2),
        first_solution_seconds=None if stats.first_solution_seconds is None
        else round(stats.first_solution_seconds, 2),
        hard_violations=None, checker_hard=None, checker_objective=None, agree=None,
        cpu_seconds=round(cpu_seconds, 1), workers=workers, time_limit=time_limit, seed=seed,
        employees=len(instance.staff), days=instance.horizon, load_before=load_before, load_after=load_after,
    )
    if stats.status not in ("OPTIMAL", "FEASIBLE"):
        return result
    grid = grid_of_plan(instance, plan)
    evaluation = evaluate(instance, grid)
    report = check_plan(scenario, plan)
    result.objective = evaluation.penalty
    result.hard_violations = len(evaluation.hard_violations)
    result.checker_hard = len(report.hard_violations) + len(report.problems)
    result.checker_objective = report.objective
    result.agree = (
        report.objective_units == evaluation.penalty * costs.UNITS_PER_MONEY
        and report.objective_units == stats.objective_units
        and result.checker_hard == result.hard_violations == 0
    )
    if stats.best_bound is not None:
        # The bound is in objective units / UNITS_PER_MONEY = penalty points; a penalty is
        # an integer, so the bound rounds up (with a guard against float noise).
        result.best_bound = math.ceil(stats.best_bound - 1e-6)
    if reference:
        result.gap_pct = round(100 * (evaluation.penalty - reference) / reference, 2)
    if out is not None:
        folder = out / "rosters"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"Instance{number}.txt").write_text(format_grid(grid), encoding="ascii")
        (folder / f"Instance{number}.xml").write_text(
            roster_xml(instance, grid, evaluation.penalty, seconds), encoding="utf-8")
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from ortools import __version__ as ortools_version

    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"OR-Tools {ortools_version}")


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:g}" if not value.is_integer() else f"{value:.0f}"
    return str(value)


def markdown(results: Sequence[Result], command: str) -> str:
    loads = [r.load_before for r in results] + [r.load_after for r in results]
    lines = [
        f"Command: `{command}`",
        "",
        f"Machine: {machine()}. Load average (1 min) at the start and end of each solve: "
        f"{min(loads):.1f}-{max(loads):.1f}; CPU s is the CPU time the run got (model building "
        "and all search threads).",
        "",
        "| instance | status | objective | best bound | best known | gap to best known | "
        "seconds | CPU s | first roster s | hard violations | evaluator = checker |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        gap = "-" if r.gap_pct is None else f"{r.gap_pct:.2f} %"
        lines.append(
            f"| {r.instance} | {r.status} | {_cell(r.objective)} | {_cell(r.best_bound)} | "
            f"{_cell(r.best_known)} | {gap} | {r.seconds:.1f} | {r.cpu_seconds:.0f} | "
            f"{_cell(r.first_solution_seconds)} | {_cell(r.hard_violations)} | {_cell(r.agree)} |"
        )
    return "\n".join(lines) + "\n"


def write_tables(results: Sequence[Result], out: Path, command: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for result in results:
            writer.writerow(asdict(result))
    (out / "results.md").write_text(markdown(results, command), encoding="utf-8")


def run(
    numbers: Sequence[int],
    *,
    time_limit: float,
    workers: int,
    out: Path,
    seed: int = 0,
    data: Path | None = None,
    command: str = "",
    cp_sat: str = "",
    echo: Callable[[str], None] = print,
) -> list[Result]:
    """Solve, score and cross-check each instance; the tables are rewritten after each one."""
    known = best_known(data)
    results: list[Result] = []
    for number in numbers:
        echo(f"Instance{number}: solving ({time_limit:g} s, {workers} workers) ...")
        result = run_instance(number, time_limit=time_limit, workers=workers, seed=seed,
                              out=out, data=data, known=known, cp_sat=cp_sat)
        results.append(result)
        write_tables(results, out, command)
        gap = "" if result.gap_pct is None else f", gap to best known {result.gap_pct:.2f} %"
        echo(f"Instance{number}: {result.status} objective {_cell(result.objective)} "
             f"(bound {_cell(result.best_bound)}, best known {_cell(result.best_known)}{gap}) "
             f"in {result.seconds:.1f} s; hard violations {_cell(result.hard_violations)}; "
             f"evaluator = checker: {_cell(result.agree)}")
    return results


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces a run (without `--out` and `--data`, which do not change
    the results)."""
    parts = [
        "planner", "bench", args.suite, "--instances", args.instances,
        "--time-limit", f"{args.time_limit:g}", "--workers", str(args.workers),
        "--seed", str(args.seed),
    ]
    for pair in args.cp_sat or ():
        parts += ["--cp-sat", pair]
    return shlex.join(parts)


def main(args: argparse.Namespace) -> int:
    """`planner bench curtois`: exit 0 when every instance has a roster with no hard violation
    and the evaluator agrees with the checker, 1 otherwise, 2 on bad arguments."""
    try:
        numbers = parse_numbers(args.instances)
    except ValueError as exc:
        print(f"planner: error: --instances: {exc}", file=sys.stderr)
        return 2
    unknown = [n for n in numbers if n not in INSTANCE_NUMBERS]
    if unknown or not numbers:
        print(f"planner: error: --instances must name instances 1-24, not {unknown or 'none'}",
              file=sys.stderr)
        return 2
    missing = [n for n in numbers if not instance_path(n, args.data).is_file()]
    if missing:
        print(f"planner: error: no file for instance(s) {missing} under "
              f"{instance_path(missing[0], args.data).parent}; give --data", file=sys.stderr)
        return 2
    try:
        cp_sat = cp_sat_parameters(args.cp_sat or ())
    except ValueError as exc:
        print(f"planner: error: --cp-sat: {exc}", file=sys.stderr)
        return 2
    results = run(numbers, time_limit=args.time_limit, workers=args.workers, out=args.out,
                  seed=args.seed, data=args.data, command=command_line(args), cp_sat=cp_sat,
                  echo=lambda line: print(line, flush=True))
    print(f"Wrote {args.out / 'results.csv'}, {args.out / 'results.md'} and {args.out / 'rosters'}.")
    ok = all(r.agree for r in results)
    if not ok:
        print("NOT OK: some instance has no roster, a hard violation, or a disagreement "
              "between the evaluator and the checker.", file=sys.stderr)
    return 0 if ok else 1
