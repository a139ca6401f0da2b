"""A capacity plan as tables: the weekly plan (one row per week and group), the moves (one
row per move started), a summary; writing them to a folder, and reading a plan back.

The flow columns come from the checker's recomputation (`check.Flows`), so every figure in
the tables is the one the checker verified; `headcount_end` is checked against the solver's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from planner.capacity.check import CapacityCheck, check_capacity_plan
from planner.capacity.data import COST_KINDS, CapacityData, CapacityPlan

WEEKLY_FILE = "capacity_plan.csv"
MOVES_FILE = "capacity_moves.csv"
SUMMARY_FILE = "capacity_summary.json"
CHART_HTML = "capacity_charts.html"
CHART_JSON = "capacity_charts.json"

WEEKLY_COLUMNS: tuple[str, ...] = (
    "week", "week_start", "group",
    "required_hours", "required_fte",
    "headcount_start", "leavers", "hires", "new_starter_leavers", "moved_in", "moved_in_lost",
    "moved_out", "releases", "headcount_end",
    "hires_to_decide", "in_training", "ramping", "part_time", "effective_fte",
    "staff_hours", "temp_hours", "overtime_hours", "shortfall_hours", "overstaff_fte",
    *(f"{kind}_cost" for kind in COST_KINDS), "total_cost",
)
"""The weekly plan's columns. `hires` start work this week; `hires_to_decide` are the offers
to make this week for people starting `hire_lead_weeks` later; `moved_out` start a course or
move this week; `in_training` are the group's people on a course this week."""

MOVE_COLUMNS: tuple[str, ...] = (
    "start_week", "start_date", "from", "to", "kind", "people", "arrival_week", "arriving",
    "course_cost", "wages_on_course", "cost",
)

_DIGITS = 6


def _round(value: float, digits: int = _DIGITS) -> float:
    value = round(float(value), digits)
    return 0.0 if value == 0 else value


def weekly_table(data: CapacityData, plan: CapacityPlan, check: CapacityCheck | None = None) -> pd.DataFrame:
    """One row per week and group: requirement, flows, levers and money."""
    check = check or check_capacity_plan(data, plan)
    rows = []
    for week in data.weeks:
        for group in data.groups:
            key = (group.group, week)
            flows = check.flows[key]
            row: dict[str, Any] = {
                "week": week,
                "week_start": data.settings.week_start(week).isoformat(),
                "group": group.group,
                "required_hours": data.required(*key),
                "required_fte": data.required_fte(*key),
                "headcount_start": flows.start,
                "leavers": flows.leavers,
                "hires": flows.hires,
                "new_starter_leavers": flows.new_leavers,
                "moved_in": flows.arrived,
                "moved_in_lost": flows.arrival_loss,
                "moved_out": flows.departed,
                "releases": flows.releases,
                "headcount_end": plan.headcount.get(key, flows.end),
                "hires_to_decide": plan.hires.get((group.group, week + group.hire_lead_weeks), 0.0),
                "in_training": flows.in_training,
                "ramping": flows.ramping,
                "part_time": flows.part_time,
                "effective_fte": flows.effective_fte,
                "staff_hours": flows.supply_hours - plan.temp_hours.get(key, 0.0)
                - plan.overtime_hours.get(key, 0.0),
                "temp_hours": plan.temp_hours.get(key, 0.0),
                "overtime_hours": plan.overtime_hours.get(key, 0.0),
                "shortfall_hours": plan.shortfall_hours.get(key, 0.0),
                "overstaff_fte": plan.overstaff_fte.get(key, max(flows.overstaff_fte, 0.0)),
            }
            total = 0.0
            for kind in COST_KINDS:
                money = check.cell_costs.get((kind, key), 0.0)
                row[f"{kind}_cost"] = money
                total += money
            row["total_cost"] = total
            rows.append({name: _round(value) if isinstance(value, float) else value
                         for name, value in row.items()})
    return pd.DataFrame.from_records(rows, columns=list(WEEKLY_COLUMNS))


def moves_table(data: CapacityData, plan: CapacityPlan) -> pd.DataFrame:
    """One row per move started: who, from where to where, when they arrive, what it costs."""
    rows = []
    for (key, week), people in sorted(plan.moves.items(), key=lambda item: (item[0][1], item[0][0])):
        transition = data.transitions_by_key.get(key)
        if transition is None or not people:
            continue
        source, target = data.group(transition.source), data.group(transition.target)
        share = 1 - (transition.loss if transition.down else target.attrition)
        course = transition.cost * people
        wages = source.weekly_wage * transition.duration_weeks * people
        rows.append({
            "start_week": week,
            "start_date": data.settings.week_start(week).isoformat(),
            "from": transition.source,
            "to": transition.target,
            "kind": transition.kind,
            "people": _round(people),
            "arrival_week": week + transition.duration_weeks,
            "arriving": _round(share * people),
            "course_cost": _round(course),
            "wages_on_course": _round(wages),
            "cost": _round(course + wages),
        })
    return pd.DataFrame.from_records(rows, columns=list(MOVE_COLUMNS))


def _number(value: float | None, digits: int = 2) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return _round(value, digits)


def summary(data: CapacityData, plan: CapacityPlan, check: CapacityCheck) -> dict[str, Any]:
    """The run in one JSON-able dict: solver, objective, money by kind, totals, the check."""
    settings = data.settings
    totals = {
        "hires": sum(plan.hires.values()),
        "moves": sum(plan.moves.values()),
        "releases": sum(plan.releases.values()),
        "temp_hours": _round(sum(plan.temp_hours.values()), 2),
        "overtime_hours": _round(sum(plan.overtime_hours.values()), 2),
        "shortfall_hours": _round(sum(plan.shortfall_hours.values()), 2),
        "part_time_person_weeks": sum(plan.part_time.values()),
        "max_overstaff_fte": _round(max(
            (sum(max(check.flows[g.group, w].overstaff_fte, 0.0) for g in data.groups) for w in data.weeks),
            default=0.0), 4),
    }
    return {
        "name": settings.name,
        "start_date": settings.start_date.isoformat(),
        "weeks": settings.weeks,
        "groups": len(data.groups),
        "currency": settings.currency,
        "requirement_source": data.requirement_source,
        "solver": {
            "status": plan.status,
            "engine": plan.engine,
            "objective": plan.objective,
            "stage_values": {stage: _number(value, 6) for stage, value in plan.stage_values.items()},
            "best_bound": _number(plan.best_bound, 6),
            "gap": _number(plan.gap, 6),
            "relative_gap_limit": settings.relative_gap,
            "time_limit_seconds": settings.time_limit_seconds,
            "seconds": _number(plan.seconds, 3),
            "integer": settings.integer if plan.integer is None else plan.integer,
            "message": plan.message,
        },
        "costs": {**{kind: _number(check.costs[kind]) for kind in COST_KINDS},
                  "total": _number(check.total_cost)},
        "totals": totals,
        "check": {
            "ok": check.ok,
            "agrees_with_solver": check.agrees,
            "breaches": [str(breach) for breach in check.breaches],
            "stage_values": {stage: _number(value, 6) for stage, value in check.stage_values.items()},
        },
    }


def write_outputs(
    data: CapacityData, plan: CapacityPlan, out: Path, check: CapacityCheck | None = None
) -> list[Path]:
    """Write the weekly plan, the moves, the summary and the charts into `out`."""
    from planner.capacity.charts import capacity_charts

    check = check or check_capacity_plan(data, plan)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    weekly = weekly_table(data, plan, check)
    paths = []
    for name, frame in ((WEEKLY_FILE, weekly), (MOVES_FILE, moves_table(data, plan))):
        path = out / name
        frame.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    path = out / SUMMARY_FILE
    path.write_text(json.dumps(summary(data, plan, check), indent=2) + "\n", encoding="utf-8")
    paths.append(path)
    chart = capacity_charts(weekly, title=data.settings.name or "Capacity plan",
                            currency=data.settings.currency)
    (out / CHART_JSON).write_text(chart.to_json(indent=2) + "\n", encoding="utf-8")
    chart.save(str(out / CHART_HTML))
    paths += [out / CHART_JSON, out / CHART_HTML]
    return paths


def plan_from_tables(
    data: CapacityData,
    weekly: pd.DataFrame,
    moves: pd.DataFrame,
    summary_data: Mapping[str, Any] | None = None,
) -> CapacityPlan:
    """The plan's decisions (and the solver's stated values) read back from its tables, for
    checking written files without the solver."""

    def family(column: str) -> dict[tuple[str, int], float]:
        return {
            (str(group), int(week)): float(value)
            for group, week, value in zip(weekly["group"], weekly["week"], weekly[column], strict=True)
            if float(value)
        }

    solver = (summary_data or {}).get("solver", {})
    stage_values = {stage: float(value) for stage, value in (solver.get("stage_values") or {}).items()
                    if value is not None}
    move_values: dict[tuple[str, int], float] = {}
    for source, target, week, people in zip(moves["from"], moves["to"], moves["start_week"], moves["people"],
                                            strict=True):
        move_values[f"{source}>{target}", int(week)] = float(people)
    def stated(column: str) -> dict[tuple[str, int], float]:
        return {
            (str(group), int(week)): float(value)
            for group, week, value in zip(weekly["group"], weekly["week"], weekly[column], strict=True)
        }

    return CapacityPlan(
        status=str(solver.get("status", "OPTIMAL")),
        objective=solver.get("objective", data.settings.objective),
        hires=family("hires"),
        moves=move_values,
        releases=family("releases"),
        part_time=family("part_time"),
        temp_hours=family("temp_hours"),
        overtime_hours=family("overtime_hours"),
        shortfall_hours=family("shortfall_hours"),
        headcount=stated("headcount_end"),
        overstaff_fte=stated("overstaff_fte"),
        stage_values=stage_values,
        integer=solver.get("integer"),
    )


def read_outputs(data: CapacityData, folder: Path) -> CapacityPlan:
    """`plan_from_tables` on a folder written by `write_outputs`."""
    folder = Path(folder)
    weekly = pd.read_csv(folder / WEEKLY_FILE)
    moves = pd.read_csv(folder / MOVES_FILE)
    summary_path = folder / SUMMARY_FILE
    summary_data = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else None
    return plan_from_tables(data, weekly, moves, summary_data)


def cost_totals(weekly: pd.DataFrame) -> pd.DataFrame:
    """Money by kind over the whole plan, from a weekly table (for the UI's cost panel)."""
    rows = [{"kind": kind, "cost": round(float(weekly[f"{kind}_cost"].sum()), 2)} for kind in COST_KINDS]
    return pd.DataFrame.from_records(rows, columns=["kind", "cost"])


def group_totals(weekly: pd.DataFrame, columns: Sequence[str] = ("hires", "moved_out", "moved_in",
                                                                   "releases", "temp_hours",
                                                                   "overtime_hours", "total_cost")
                 ) -> pd.DataFrame:
    """Totals per group over the whole plan, from a weekly table."""
    return weekly.groupby("group", sort=False)[list(columns)].sum().reset_index()
