"""The capacity plan: a weekly aggregate MIP of headcount by skill group over weeks to months.

Hiring (lead time, ramp-up, new-starter attrition), attrition, retraining and moves down
between groups, releases, part-time working, overstaffing, temps and overtime; objective least
cost, fewest releases, or fewest releases then least cost. The order of events in a week is
written in docs/CAPACITY.md and followed by the model (`model.py`) and the solver-free
checker (`check.py`).

The way through, for the CLI and the browser page alike (all pure functions):

    loaded = load_capacity_files({"groups.csv": b"...", ...})   # or load_capacity_dir(path)
    loaded.issues                                               # Issue records; errors block
    plan = solve_capacity(loaded.data)                          # status, decisions, solver figures
    check = check_capacity_plan(loaded.data, plan)              # breaches, money, agrees
    weekly = weekly_table(loaded.data, plan, check)             # one row per week x group
    capacity_charts(weekly)                                     # Altair, or the single charts
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("capacity_charts", "cost_chart", "flows_chart", "headcount_chart", "hours_chart"),
                    "charts"),
    **dict.fromkeys(("Breach", "CapacityCheck", "check_capacity_plan"), "check"),
    **dict.fromkeys(("COST_KINDS", "CapacityData", "CapacityPlan", "CapacitySettings", "Group",
                     "Transition"), "data"),
    **dict.fromkeys(("CapacityLoadResult", "load_capacity_dir", "load_capacity_files",
                     "requirements_from_demand", "validate_capacity"), "load"),
    "solve_capacity": "solve",
    **dict.fromkeys(("moves_table", "plan_from_tables", "read_outputs", "summary", "weekly_table",
                     "write_outputs"), "tables"),
}
"""Public name -> the module that defines it; imported on first use, so `planner.capacity.schema`
(for help texts) loads without OR-Tools or Altair."""

if TYPE_CHECKING:
    from planner.capacity.charts import (
        capacity_charts,
        cost_chart,
        flows_chart,
        headcount_chart,
        hours_chart,
    )
    from planner.capacity.check import Breach, CapacityCheck, check_capacity_plan
    from planner.capacity.data import (
        COST_KINDS,
        CapacityData,
        CapacityPlan,
        CapacitySettings,
        Group,
        Transition,
    )
    from planner.capacity.load import (
        CapacityLoadResult,
        load_capacity_dir,
        load_capacity_files,
        requirements_from_demand,
        validate_capacity,
    )
    from planner.capacity.solve import solve_capacity
    from planner.capacity.tables import (
        moves_table,
        plan_from_tables,
        read_outputs,
        summary,
        weekly_table,
        write_outputs,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planner.capacity' has no attribute {name!r}")
    return getattr(importlib.import_module(f"planner.capacity.{module}"), name)


__all__ = [
    "COST_KINDS",
    "Breach",
    "CapacityCheck",
    "CapacityData",
    "CapacityLoadResult",
    "CapacityPlan",
    "CapacitySettings",
    "Group",
    "Transition",
    "capacity_charts",
    "check_capacity_plan",
    "cost_chart",
    "flows_chart",
    "headcount_chart",
    "hours_chart",
    "load_capacity_dir",
    "load_capacity_files",
    "moves_table",
    "plan_from_tables",
    "read_outputs",
    "requirements_from_demand",
    "solve_capacity",
    "summary",
    "validate_capacity",
    "weekly_table",
    "write_outputs",
]
