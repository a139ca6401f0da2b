"""The `planner` command: validate a scenario folder, solve it, check a roster, write a demo.

    planner validate SCENARIO
    planner solve SCENARIO --out DIR [--time-limit S] [--workers N] [--seed N] [--quiet]
    planner check SCENARIO PLAN_DIR [--all]
    planner demo --size {small,medium,large} --out DIR [--seed N]
    planner capacity SCENARIO --out DIR [--objective cost|releases|lexicographic] [--time-limit S]
    planner compare SCENARIO --lever SPEC [--lever SPEC ...] --out DIR [--time-limit S] ...
    planner bench curtois [--instances 1-12] [--time-limit S] [--workers N] [--out DIR]

Exit codes: 0 done; 1 `check` found a hard breach or an objective that disagrees, or
`solve` found no roster in time; 2 bad input (missing folder or file, invalid values; the
problems are printed); 3 `solve` proved the scenario infeasible (the clashing rules are
printed); 70 an internal error (a bug: run again with `--traceback` and report it).

Bad input never shows a traceback: every problem is printed with where it is and how to fix it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from planner.check import CheckReport, check_plan
from planner.domain import Plan, Scenario, SolverSettings
from planner.engine.solve import Progress, solve
from planner.io import format_issues, load_scenario_dir
from planner.io.export import CALENDAR_DIR, SUMMARY_FILE, build_summary, has_roster, write_outputs
from planner.io.issues import Issue
from planner.io.plan_tables import read_plan
from planner.training import without_training

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_INTERNAL = 70

DEMO_SIZES: tuple[str, ...] = ("small", "medium", "large", "queue")
"""The sizes `planner.demo.write_demo` knows (kept here so `--help` works without it)."""

SOFT_EXAMPLES = 3
"""Soft breaches shown per rule by `check` unless `--all` is given."""


class _Quit(Exception):
    """Stop the command with an exit code (the message is already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _err(message: str) -> None:
    print(f"planner: error: {message}", file=sys.stderr)


def _money(value: float, currency: str = "") -> str:
    text = f"{value:,.2f}"
    return f"{text} {currency}" if currency else text


def _hours(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# --- argument types -----------------------------------------------------------------------------


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be more than 0 seconds")
    return value


def _int_at_least(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"'{text}' must be {minimum} or more")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Staffing planner: CSV scenarios in, checked rosters out.",
        epilog="Exit codes: 0 done, 1 check failed or no roster in time, 2 bad input, "
        "3 infeasible, 70 internal error.",
    )
    parser.add_argument(
        "--traceback", action="store_true", help="show the full traceback of an internal error"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check a scenario folder and list its problems",
        description="Check a scenario folder; print every problem with its table, row, column, "
        "value and fix. Exit 2 when there is an error, 0 otherwise.",
    )
    validate.add_argument(
        "scenario", type=Path, help="folder with the scenario's CSV files and scenario.toml"
    )

    solve = commands.add_parser(
        "solve", help="solve a scenario and write the roster files",
        description="Solve a scenario and write roster.csv, temp_bookings.csv, coverage.csv, "
        "shortfall.csv, summary.json, roster.xlsx and calendars/ to the output folder. "
        "Ctrl-C stops the search and keeps the best roster so far.",
    )
    solve.add_argument("scenario", type=Path, help="scenario folder")
    solve.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")
    solve.add_argument("--time-limit", type=_positive_float, metavar="S",
                       help="longest search in seconds (default: scenario.toml's, else 30)")
    solve.add_argument("--workers", type=_int_at_least(1), metavar="N",
                       help="search threads (default: scenario.toml's, else 8)")
    solve.add_argument("--seed", type=_int_at_least(0), metavar="N",
                       help="random seed (default: scenario.toml's, else 0)")
    solve.add_argument("--compare-training", action="store_true",
                       help="also solve with training switched off and compare the two in "
                            "summary.json (doubles the solve time)")
    solve.add_argument("--quiet", action="store_true",
                       help="no progress lines and no warning details")

    check = commands.add_parser(
        "check", help="check a roster folder against its scenario",
        description="Read roster.csv and temp_bookings.csv from a plan folder, check every rule "
        "and recompute the cost. Exit 0 when no hard rule is broken and the cost equals the "
        "one in summary.json (when there is one), 1 otherwise, 2 on bad input.",
    )
    check.add_argument("scenario", type=Path, help="scenario folder")
    check.add_argument("plan_dir", type=Path, help="folder written by `planner solve`")
    check.add_argument("--all", action="store_true", help="list every soft breach, not a few per rule")

    demo = commands.add_parser(
        "demo", help="write a generated sample scenario",
        description="Write a seeded, generated scenario folder to try the planner on.",
    )
    demo.add_argument("--size", choices=DEMO_SIZES, default="small", help="scenario size (default: small)")
    demo.add_argument("--out", type=Path, required=True, help="folder to write (created if needed)")
    demo.add_argument("--seed", type=_int_at_least(0), default=0, metavar="N", help="random seed (default 0)")

    compare = commands.add_parser(
        "compare", help="solve demand and staffing levers side by side",
        description="Solve the scenario as planned and once per --lever variant; check every "
        "roster; write comparison.csv, comparison.md and chart.html / chart.json (required vs "
        "scheduled heads per variant) to the output folder. A variant is one lever or several "
        "joined by '+': shift-peak=20 (move 20%% of peak volume to neighbouring off-peak "
        "intervals), deflect=10 (10%% to self-service), target=70/40 or asa=60 (service "
        "target), temps=off|on|more|+N, training=off|on, pricing=flat|service.",
    )
    compare.add_argument("scenario", type=Path, help="scenario folder")
    compare.add_argument("--lever", action="append", required=True, metavar="SPEC",
                         help="one variant, e.g. deflect=10 or shift-peak=20+temps=off (repeat)")
    compare.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")
    compare.add_argument("--time-limit", type=_positive_float, metavar="S",
                         help="search seconds per variant (default: scenario.toml's, else 30)")
    compare.add_argument("--workers", type=_int_at_least(1), metavar="N", help="search threads")
    compare.add_argument("--seed", type=_int_at_least(0), metavar="N", help="random seed")

    bench = commands.add_parser(
        "bench", help="solve a public benchmark and score it",
        description="Solve the Curtois-Qu instances with the planner's engine, score each roster "
        "with an independent evaluator, cross-check it with the planner's checker, and write "
        "results.csv, results.md and rosters/ to the output folder. Exit 1 when a roster is "
        "missing, breaks a hard rule, or the two scores disagree.",
    )
    bench.add_argument("suite", choices=("curtois",), help="benchmark set")
    bench.add_argument("--instances", default="1-10", metavar="LIST",
                       help="instance numbers and ranges, e.g. 1-12 or 1,3,14-16 (default 1-10)")
    bench.add_argument("--time-limit", type=_positive_float, default=60.0, metavar="S",
                       help="search seconds per instance (default 60)")
    bench.add_argument("--workers", type=_int_at_least(1), default=2, metavar="N",
                       help="search threads (default 2)")
    bench.add_argument("--seed", type=_int_at_least(0), default=0, metavar="N",
                       help="random seed (default 0)")
    bench.add_argument("--out", type=Path, default=Path("out/bench-curtois"),
                       help="output folder (default out/bench-curtois)")
    bench.add_argument("--data", type=Path, default=None,
                       help="folder with instances/ and best_known.csv (default: the repository's "
                       "benchmarks/curtois)")
    bench.add_argument("--cp-sat", action="append", metavar="KEY=VALUE",
                       help="experiment: extra CP-SAT parameter for the engine's model, e.g. "
                       "extra_subsolvers=max_lp (repeatable; not a product setting)")
    capacity = commands.add_parser(
        "capacity", help="plan headcount by skill group and week (hire, retrain, release, temps)",
        description="Solve a capacity plan (groups.csv, requirements.csv or a roster scenario's "
        "demand.csv, transitions.csv, capacity.toml; see docs/CAPACITY.md), check it without the "
        "solver and write capacity_plan.csv, capacity_moves.csv, capacity_summary.json and "
        "capacity_charts.html / .json. Exit 3 when the requirement cannot be met (the plan that "
        "misses least is written).",
    )
    capacity.add_argument("scenario", type=Path, help="folder with the capacity plan's files")
    capacity.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")
    capacity.add_argument("--objective", choices=("cost", "releases", "lexicographic"),
                          help="what to minimise (default: capacity.toml's, else cost)")
    capacity.add_argument("--time-limit", type=_positive_float, metavar="S",
                          help="longest solve in seconds (default: capacity.toml's, else 60)")
    capacity.add_argument("--quiet", action="store_true", help="no warning details")
    return parser


# --- shared steps -------------------------------------------------------------------------------


def _print_issues(issues: Sequence[Issue], stream: TextIO) -> None:
    if issues:
        print(format_issues(list(issues)), file=stream)


def _load(folder: Path, *, quiet: bool = False) -> Scenario:
    """The scenario of a folder, with its warnings printed; `_Quit(2)` on errors."""
    if not folder.exists():
        _err(f"there is no scenario folder '{folder}'. Give the folder that holds demand.csv, "
             "staff.csv, shifts.csv and scenario.toml.")
        raise _Quit(EXIT_BAD_INPUT)
    if not folder.is_dir():
        _err(f"'{folder}' is a file, not a scenario folder. Give the folder that holds "
             "demand.csv, staff.csv, shifts.csv and scenario.toml.")
        raise _Quit(EXIT_BAD_INPUT)
    loaded = load_scenario_dir(folder)
    if not loaded.ok or loaded.scenario is None:
        _print_issues(loaded.issues, sys.stderr)
        _err(f"the scenario in '{folder}' has {len(loaded.errors)} error(s); fix them and run "
             "again (`planner validate` lists them).")
        raise _Quit(EXIT_BAD_INPUT)
    if loaded.warnings:
        if quiet:
            print(f"{len(loaded.warnings)} validation warning(s); "
                  "`planner validate` lists them.", file=sys.stderr)
        else:
            _print_issues(loaded.warnings, sys.stderr)
    return loaded.scenario


def _describe(scenario: Scenario) -> str:
    settings = scenario.settings
    name = f"'{settings.name}'" if settings.name else "scenario"
    last = settings.date_of(settings.days - 1)
    return (
        f"{name}: {settings.days} days from {settings.start_date.isoformat()} to "
        f"{last.isoformat()}, {len(scenario.employees)} employees, {len(scenario.shifts)} "
        f"shifts, {len(scenario.demand)} demand rows, {len(scenario.temp_offers)} temp offers"
    )


# --- validate -----------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    folder: Path = args.scenario
    if not folder.is_dir():
        _load(folder)  # prints the message and quits
    loaded = load_scenario_dir(folder)
    print(format_issues(list(loaded.issues)))
    if loaded.ok and loaded.scenario is not None:
        print(f"OK: {_describe(loaded.scenario)}.")
    return EXIT_BAD_INPUT if loaded.errors else EXIT_OK


# --- solve --------------------------------------------------------------------------------------


def _solver_settings(scenario: Scenario, args: argparse.Namespace) -> SolverSettings:
    settings = scenario.settings.solver
    changes: dict[str, Any] = {}
    if args.time_limit is not None:
        changes["time_limit_seconds"] = args.time_limit
    if args.workers is not None:
        changes["workers"] = args.workers
    if args.seed is not None:
        changes["seed"] = args.seed
    return dataclasses.replace(settings, **changes)


def _training_lines(training: dict[str, Any] | None, currency: str) -> list[str]:
    if not training:
        return []
    lines = [
        f"Training: {training['sessions']} session(s), {_money(training['cost'], currency)}; "
        f"valued at {_money(training['value_after_horizon'], currency)} for the "
        f"{training['value_weeks']} week(s) after the horizon"
    ]
    lines += [f"  {d['explanation']}" for d in training["decisions"]]
    comparison = training.get("comparison")
    if comparison:
        without = comparison["without_training"]
        lines.append(
            f"  Without training: cost {_money(without['total_cost'], currency)}, "
            f"{_hours(without['temp_hours'])} temp hours; training saves "
            f"{_money(comparison['saving'], currency)} and "
            f"{_hours(comparison['temp_hours_saved'])} temp hours"
        )
        lines += [f"  {saving['explanation']}" for saving in comparison["by_skill"]]
    return lines


def _cost_text(objective: float, costs: dict[str, float], currency: str) -> str:
    """The objective, or with training credited: the cost in the horizon, less the credit."""
    credit = -costs.get("training_value", 0.0)
    if not credit:
        return _money(objective, currency)
    return (f"{_money(objective + credit, currency)} in the horizon, less {_money(credit)} credited "
            f"for new skills after it = {_money(objective, currency)}")


def _headline(summary: dict[str, Any], currency: str) -> list[str]:
    solver, costs = summary["solver"], summary.get("costs", {})
    gap = solver.get("gap")
    lines = [
        f"Roster: {solver['status']} in {solver['seconds']:.1f} s"
        + (f" (gap {gap:.2%})" if gap is not None else "")
        + f", cost {_cost_text(summary['check']['objective'], costs, currency)}",
    ]
    kinds = [f"{kind} {_money(value)}" for kind, value in costs.items() if kind != "total"]
    if kinds:
        lines.append("  " + " | ".join(kinds))
    service = summary.get("service")
    if service:
        asa = service.get("asa_seconds")
        lines.append(
            f"Service: {service['service_level']:.1f} % answered in target (weighted by volume)"
            + (f", ASA {asa:.0f} s" if asa is not None else "")
            + (f", {service['abandon_pct']:.1f} % abandoned" if service.get("abandon_pct") else "")
        )
    cover = summary["coverage"]
    lines.append(
        f"Coverage: {_hours(cover['covered_staff_hours'])} of {_hours(cover['required_staff_hours'])} "
        f"staff-hours ({cover['covered_pct']:.2f} %), {_hours(cover['short_staff_hours'])} short, "
        f"{_hours(cover['surplus_staff_hours'])} surplus"
    )
    temps = summary["temps"]
    lines.append(
        f"Temps: {temps['count']} booked, {_hours(temps['hours'])} h, {_money(temps['cost'], currency)}"
    )
    lines += _training_lines(summary.get("training"), currency)
    hours = summary["fairness"]["hours_per_employee"]
    weekends = summary["fairness"]["weekends_per_employee"]
    lines.append(
        f"Hours per employee: min {_hours(hours['min'])}, mean {_hours(hours['mean'])}, "
        f"max {_hours(hours['max'])}; weekends per employee: max {_hours(weekends['max'])}"
    )
    breaches = summary["violations"]
    soft = ", ".join(f"{rule} {count}" for rule, count in breaches["soft"].items())
    lines.append(
        f"Rule breaches: {breaches['hard_total']} hard, {breaches['soft_total']} soft"
        + (f" ({soft})" if soft else "")
    )
    return lines


def _files_written(out: Path, paths: Sequence[Path]) -> list[str]:
    lines = [f"Files written to {out}:"]
    calendars = [p for p in paths if p.parent.name == CALENDAR_DIR and p.parent.parent == out]
    for path in paths:
        if path not in calendars:
            lines.append(f"  {path.name}")
    if calendars:
        lines.append(f"  {CALENDAR_DIR}/ ({len(calendars)} calendar file(s), one per employee)")
    return lines


def cmd_solve(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists() and not out.is_dir():
        _err(f"the output '{out}' is a file; give a folder for --out.")
        return EXIT_BAD_INPUT
    scenario = _load(args.scenario, quiet=args.quiet)
    settings = _solver_settings(scenario, args)
    currency = scenario.settings.currency
    print(f"Solving {_describe(scenario)}.")
    print(
        f"Search: up to {settings.time_limit_seconds:g} s, {settings.workers} worker(s), "
        f"seed {settings.seed}."
    )

    def on_progress(event: Progress) -> None:
        print(
            f"  {event.seconds:7.2f} s  cost {_money(event.objective, currency)}  "
            f"bound {_money(event.best_bound)}  gap {event.gap:.2%}",
            flush=True,
        )

    # CP-SAT catches Ctrl-C itself while it searches (in the main thread): it stops and
    # returns the best roster found so far.
    plan = solve(scenario, settings=settings, on_progress=None if args.quiet else on_progress)
    if not has_roster(plan):
        return _no_roster(scenario, plan, out)
    report = check_plan(scenario, plan)
    untrained = _untrained(scenario, plan, settings) if args.compare_training else None
    try:
        paths = write_outputs(scenario, plan, out, report=report, untrained=untrained)
    except OSError as exc:
        _err(f"cannot write to '{out}': {exc.strerror or exc}. Choose another --out folder.")
        return EXIT_BAD_INPUT
    summary = build_summary(scenario, plan, report, untrained)
    for line in [*_headline(summary, currency), *_files_written(out, paths)]:
        print(line)
    if report.hard_violations or summary["check"]["agrees_with_solver"] is False:
        _err("the solver-free checker does not confirm this roster (a fault in the planner); "
             "run `planner check` on it for the details.")
        return EXIT_FAILED
    return EXIT_OK


def _untrained(scenario: Scenario, plan: Plan, settings: SolverSettings) -> Plan | None:
    """The roster with training switched off, for the comparison (None without courses)."""
    if not scenario.courses:
        print("No courses in training.csv: nothing to compare.")
        return None
    print("Solving again with training switched off, to compare.")
    untrained = solve(without_training(scenario), settings=settings)
    return untrained if has_roster(untrained) else None


def _no_roster(scenario: Scenario, plan: Plan, out: Path) -> int:
    try:
        write_outputs(scenario, plan, out)
    except OSError as exc:
        _err(f"cannot write to '{out}': {exc.strerror or exc}.")
    stats = plan.stats
    if stats.status == "INFEASIBLE":
        print("No roster: the hard rules cannot all hold together. They clash here:", file=sys.stderr)
        for conflict in stats.conflicts or ("(the clash could not be narrowed down)",):
            print(f"  - {conflict}", file=sys.stderr)
        print("Relax one of them (make it soft in scenario.toml, or change the data) and solve again. "
              f"The conflicts are also in {out / SUMMARY_FILE}.", file=sys.stderr)
        return EXIT_INFEASIBLE
    print(f"No roster found ({stats.status}) within {stats.seconds:.1f} s. "
          "Give the search more time with --time-limit.", file=sys.stderr)
    return EXIT_FAILED


# --- check --------------------------------------------------------------------------------------


def _read_summary(folder: Path) -> dict[str, Any] | None:
    path = folder / SUMMARY_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        _err(f"{SUMMARY_FILE} in '{folder}' cannot be read ({exc}). Delete it to check the "
             "roster alone, or solve again.")
        raise _Quit(EXIT_BAD_INPUT) from None
    if not isinstance(data, dict):
        _err(f"{SUMMARY_FILE} in '{folder}' is not a planner summary. Delete it or solve again.")
        raise _Quit(EXIT_BAD_INPUT)
    return data


def _summary_objective(summary: dict[str, Any]) -> tuple[int | None, float | None]:
    """The objective a summary states: the solver's, else the checker's at export time (a
    roster written without a solve), as exact units and as money; None where absent."""
    for part in ("solver", "check"):
        block = summary.get(part)
        if not isinstance(block, dict):
            continue
        units, money = block.get("objective_units"), block.get("objective")
        units = units if isinstance(units, int) and not isinstance(units, bool) else None
        money = float(money) if isinstance(money, int | float) and not isinstance(money, bool) else None
        if units is not None or money is not None:
            return units, money
    return None, None


def _print_violations(report: CheckReport, show_all: bool) -> None:
    for violation in report.hard_violations:
        print(f"  HARD  {violation.label}: {violation.message}")
    by_rule: dict[str, list[str]] = {}
    for violation in report.soft_violations:
        by_rule.setdefault(violation.label, []).append(violation.message)
    for label, messages in by_rule.items():
        print(f"  soft  {label}: {len(messages)} breach(es)")
        shown = messages if show_all else messages[:SOFT_EXAMPLES]
        for message in shown:
            print(f"          {message}")
        if len(messages) > len(shown):
            print(f"          ... and {len(messages) - len(shown)} more (--all lists them)")


def cmd_check(args: argparse.Namespace) -> int:
    plan_dir: Path = args.plan_dir
    if not plan_dir.is_dir():
        _err(f"there is no plan folder '{plan_dir}'. Give the folder `planner solve --out` wrote.")
        return EXIT_BAD_INPUT
    scenario = _load(args.scenario)
    plan, issues = read_plan(scenario, plan_dir)
    if plan is None:
        _print_issues(issues, sys.stderr)
        _err(f"the roster in '{plan_dir}' cannot be checked; fix the problems above.")
        return EXIT_BAD_INPUT
    _print_issues(issues, sys.stderr)
    summary = _read_summary(plan_dir)
    report = check_plan(scenario, plan)
    currency = scenario.settings.currency
    training = f", {len(plan.training)} training session(s)" if plan.training else ""
    print(f"Checked {len(plan.assignments)} roster row(s){training} and {len(plan.temp_bookings)} "
          f"temp booking(s) against {_describe(scenario)}.")
    for problem in report.problems:
        print(f"  cannot check: {problem}")
    print(f"Rule breaches: {len(report.hard_violations)} hard, {len(report.soft_violations)} soft.")
    _print_violations(report, args.all)
    print("Cost by kind: " + ", ".join(
        f"{kind} {_money(value)}" for kind, value in report.money_by_kind().items()
    ))
    print(f"Recomputed objective: {_money(report.objective, currency)}")
    agrees = True
    if summary is None:
        print(f"No {SUMMARY_FILE} in the plan folder: nothing to compare the objective with.")
    else:
        units, money = _summary_objective(summary)
        if units is not None:
            agrees = units == report.objective_units
        elif money is not None:
            agrees = abs(money - report.objective) <= 0.005
        else:
            print(f"{SUMMARY_FILE} states no objective: nothing to compare the objective with.")
        if money is not None:
            verdict = "agrees" if agrees else "DISAGREES"
            print(f"Objective in {SUMMARY_FILE}: {_money(money, currency)}: the recomputed one {verdict}.")
    ok = not report.hard_violations and not report.problems and agrees
    print("OK: no hard rule is broken." if ok else "NOT OK: see above.")
    return EXIT_OK if ok else EXIT_FAILED


# --- demo ---------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    try:
        from planner.demo import write_demo
    except ImportError:
        _err("the demo generator is not part of this installation.")
        return EXIT_FAILED
    out: Path = args.out
    if out.exists() and not out.is_dir():
        _err(f"the output '{out}' is a file; give a folder for --out.")
        return EXIT_BAD_INPUT
    try:
        folder = write_demo(args.size, out, args.seed)
    except OSError as exc:
        _err(f"cannot write to '{out}': {exc.strerror or exc}. Choose another --out folder.")
        return EXIT_BAD_INPUT
    print(f"Wrote the {args.size} demo scenario (seed {args.seed}) to {folder}.")
    print(f"Next: planner validate {folder}")
    print(f"      planner solve {folder} --out {folder}-roster")
    return EXIT_OK


# --- bench --------------------------------------------------------------------------------------


def cmd_bench(args: argparse.Namespace) -> int:
    from planner.bench.runner import main as bench_main

    return bench_main(args)


# --- compare ------------------------------------------------------------------------------------


def cmd_compare(args: argparse.Namespace) -> int:
    from planner.demand.levers import LeverError, compare_runs, comparison_markdown, parse_variant
    from planner.io.export import write_csv as _write_csv
    from planner.reports import variant_coverage_chart

    out: Path = args.out
    if out.exists() and not out.is_dir():
        _err(f"the output '{out}' is a file; give a folder for --out.")
        return EXIT_BAD_INPUT
    try:
        variants = [parse_variant(text) for text in args.lever]
    except LeverError as exc:
        _err(f"bad --lever: {exc}.")
        return EXIT_BAD_INPUT
    scenario = _load(args.scenario, quiet=True)
    settings = _solver_settings(scenario, args)
    print(f"Comparing {len(variants) + 1} variants of {_describe(scenario)}; up to "
          f"{settings.time_limit_seconds:g} s each.")

    def done(result: Any) -> None:
        row = result.row
        cost = row.get("total_cost")
        level = row.get("service_level")
        print(f"  {result.variant.name}: {row['status']}"
              + (f", cost {_money(cost, scenario.settings.currency)}" if cost is not None else "")
              + (f", service {level:.1f} %" if level is not None else ""), flush=True)

    comparison = compare_runs(scenario, variants, settings, on_result=done)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_csv(comparison.table, out / "comparison.csv")
        (out / "comparison.md").write_text(
            comparison_markdown(comparison.table, scenario.settings.currency), encoding="utf-8")
        written = ["comparison.csv", "comparison.md"]
        if len(comparison.coverage):
            chart = variant_coverage_chart(comparison.coverage)
            (out / "chart.json").write_text(chart.to_json(), encoding="utf-8")  # type: ignore[attr-defined]
            chart.save(str(out / "chart.html"))  # type: ignore[attr-defined]
            written += ["chart.json", "chart.html"]
    except OSError as exc:
        _err(f"cannot write to '{out}': {exc.strerror or exc}. Choose another --out folder.")
        return EXIT_BAD_INPUT
    print(comparison_markdown(comparison.table, scenario.settings.currency), end="")
    print(f"Files written to {out}: {', '.join(written)}")
    unchecked = [r.variant.name for r in comparison.results if r.row.get("checked") is not True]
    if unchecked:
        _err(f"no checked roster for: {', '.join(unchecked)} (give more --time-limit).")
        return EXIT_FAILED
    return EXIT_OK


# --- capacity -----------------------------------------------------------------------------------


def cmd_capacity(args: argparse.Namespace) -> int:
    from planner.capacity.command import run_capacity

    return run_capacity(args.scenario, args.out, objective=args.objective, time_limit=args.time_limit,
                        quiet=args.quiet)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate,
    "solve": cmd_solve,
    "check": cmd_check,
    "demo": cmd_demo,
    "capacity": cmd_capacity,
    "compare": cmd_compare,
    "bench": cmd_bench,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `planner` command; returns the exit code (argparse errors give 2)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        return COMMANDS[args.command](args)
    except _Quit as stop:
        return stop.code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.traceback:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc}. This is a fault in the planner, not "
             "in your input; run again with `planner --traceback ...` and report the output.")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
