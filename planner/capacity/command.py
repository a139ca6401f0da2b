"""`planner capacity SCENARIO --out DIR`: load, solve, check and write a capacity plan.

`planner/cli.py` owns the argument parser and imports this module only when the command
runs (OR-Tools and Altair load then). Exit codes as the rest of the CLI: 0 done, 1 no plan
in time or the checker disagrees, 2 bad input, 3 the requirement cannot be met (the
diagnosis plan is written and the worst gaps printed).
"""

from __future__ import annotations

import sys
from pathlib import Path

from planner.capacity.check import check_capacity_plan
from planner.capacity.data import COST_KINDS, CapacityData, CapacityPlan
from planner.capacity.load import load_capacity_dir
from planner.capacity.solve import solve_capacity
from planner.capacity.tables import write_outputs
from planner.io.issues import format_issues

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INFEASIBLE = 0, 1, 2, 3
SHOWN_GAPS = 5


def _err(message: str) -> None:
    print(f"planner: error: {message}", file=sys.stderr)


def _money(value: float, currency: str = "") -> str:
    text = f"{value:,.2f}"
    return f"{text} {currency}" if currency else text


def _amount(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _describe(data: CapacityData) -> str:
    settings = data.settings
    name = f"'{settings.name}'" if settings.name else "capacity plan"
    return (
        f"{name}: {settings.weeks} weeks from {settings.start_date.isoformat()}, {len(data.groups)} groups, "
        f"{len(data.transitions)} allowed moves, requirement from {data.requirement_source}"
    )


def _headline(data: CapacityData, plan: CapacityPlan, costs: dict[str, float]) -> list[str]:
    currency = data.settings.currency
    total = sum(costs.values())
    gap = f" (proved within {plan.gap:.2%} of the best possible)" if plan.gap and plan.gap > 1e-6 else ""
    lines = [f"Plan: {plan.status} in {plan.seconds:.1f} s{gap}, objective {plan.objective}, "
             f"cost {_money(total, currency)}"]
    lines.append("  " + " | ".join(f"{kind} {_money(costs[kind])}" for kind in COST_KINDS if costs[kind]))
    lines.append(
        f"Hires {_amount(sum(plan.hires.values()))}, moves {_amount(sum(plan.moves.values()))}, "
        f"releases {_amount(sum(plan.releases.values()))}, part-time person-weeks "
        f"{_amount(sum(plan.part_time.values()))}, temp hours {_amount(sum(plan.temp_hours.values()))}, "
        f"overtime hours {_amount(sum(plan.overtime_hours.values()))}"
    )
    return lines


def _gaps(data: CapacityData, plan: CapacityPlan) -> list[str]:
    worst = sorted(plan.shortfall_hours.items(), key=lambda item: -item[1])
    lines = [f"  week {week} ({data.settings.week_start(week).isoformat()}) {group}: "
             f"{_amount(hours)} h short of {_amount(data.required(group, week))}"
             for (group, week), hours in worst[:SHOWN_GAPS]]
    if len(worst) > SHOWN_GAPS:
        lines.append(f"  ... and {len(worst) - SHOWN_GAPS} more week(s) and group(s): see shortfall_hours")
    for week, fte in sorted(plan.excess_over_cap.items()):
        lines.append(f"  week {week}: {_amount(fte)} FTE above max_overstaff_fte")
    return lines


def run_capacity(
    folder: Path,
    out: Path,
    *,
    objective: str | None = None,
    time_limit: float | None = None,
    quiet: bool = False,
) -> int:
    """The `planner capacity` command; returns its exit code."""
    if not folder.is_dir():
        _err(f"there is no folder '{folder}'. Give the folder that holds groups.csv, requirements.csv "
             "and capacity.toml.")
        return EXIT_BAD_INPUT
    if out.exists() and not out.is_dir():
        _err(f"the output '{out}' is a file; give a folder for --out.")
        return EXIT_BAD_INPUT
    loaded = load_capacity_dir(folder)
    if loaded.data is None:
        print(format_issues(list(loaded.issues)), file=sys.stderr)
        _err(f"the capacity plan in '{folder}' has {len(loaded.errors)} error(s); fix them and run again.")
        return EXIT_BAD_INPUT
    if loaded.warnings:
        if quiet:
            print(f"{len(loaded.warnings)} validation warning(s).", file=sys.stderr)
        else:
            print(format_issues(list(loaded.warnings)), file=sys.stderr)
    data = loaded.data
    print(f"Planning {_describe(data)}.")
    plan = solve_capacity(data, objective=objective, time_limit_seconds=time_limit)  # type: ignore[arg-type]
    if not plan.has_plan:
        _err(f"no capacity plan ({plan.status}): {plan.message}. Give the solver more time with "
             "--time-limit, or allow fractions (integer = false in capacity.toml).")
        return EXIT_FAILED
    check = check_capacity_plan(data, plan)
    try:
        paths = write_outputs(data, plan, out, check)
    except OSError as exc:
        _err(f"cannot write to '{out}': {exc.strerror or exc}. Choose another --out folder.")
        return EXIT_BAD_INPUT
    for line in _headline(data, plan, dict(check.costs)):
        print(line)
    print(f"Files written to {out}: " + ", ".join(path.name for path in paths))
    if not check.ok:
        for breach in check.breaches[:10]:
            print(f"  {breach}", file=sys.stderr)
        _err("the solver-free checker does not confirm this plan (a fault in the planner).")
        return EXIT_FAILED
    print("Check: flows, caps and costs recomputed without the solver; the objective agrees.")
    if plan.status == "INFEASIBLE":
        print("The requirement cannot be met with these limits. The plan written misses as little as "
              "possible; the largest gaps:", file=sys.stderr)
        for line in _gaps(data, plan):
            print(line, file=sys.stderr)
        print("Allow more hiring, temps, overtime or moves (groups.csv, transitions.csv), or raise "
              "max_overstaff_fte, and run again.", file=sys.stderr)
        return EXIT_INFEASIBLE
    return EXIT_OK
