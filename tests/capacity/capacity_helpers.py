"""Factories for the capacity tests: small plans built in code, solved and always checked.

Every plan a test gets from `solve_checked` has passed the solver-free checker: no breach,
the checker's objective equals the solver's, and the plan read back from its written CSV
files checks the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from planner.capacity import (
    CapacityCheck,
    CapacityData,
    CapacityPlan,
    CapacitySettings,
    Group,
    Transition,
    check_capacity_plan,
    read_outputs,
    solve_capacity,
    write_outputs,
)

START = dt.date(2026, 3, 2)
HOURS = 40.0
WAGE = 10.0
"""Hourly cost of the groups `group()` makes: a full-time week is 40 h x 10 = 400."""
WEEK_PAY = HOURS * WAGE


def group(name: str = "a", headcount: float = 10, **changes: object) -> Group:
    """A group with no levers unless asked: no hiring, releases priced out of reach."""
    values: dict[str, object] = {
        "group": name,
        "headcount": headcount,
        "hourly_cost": WAGE,
        "hours_per_fte": HOURS,
        "hire_max": 0,
        "release_cost": 1e6,
    }
    values.update(changes)
    return Group(**values)  # type: ignore[arg-type]


def fte(values: Mapping[int, float] | Iterable[float], name: str = "a") -> dict[tuple[str, int], float]:
    """Required hours from FTE by week: `fte([10, 12])` or `fte({1: 10, 2: 12})`."""
    items = values.items() if isinstance(values, Mapping) else enumerate(values, start=1)
    return {(name, week): amount * HOURS for week, amount in items}


def plan_data(
    groups: Iterable[Group],
    required: Mapping[tuple[str, int], float],
    transitions: Iterable[Transition] = (),
    **settings: object,
) -> CapacityData:
    weeks = max(week for _, week in required)
    values: dict[str, object] = {"start_date": START, "weeks": weeks, "time_limit_seconds": 20.0,
                                 "relative_gap": 0.0}
    values.update(settings)
    return CapacityData(
        settings=CapacitySettings(**values),  # type: ignore[arg-type]
        groups=tuple(groups),
        transitions=tuple(transitions),
        required_hours=dict(required),
    )


def assert_checked(data: CapacityData, plan: CapacityPlan) -> CapacityCheck:
    check = check_capacity_plan(data, plan)
    assert check.breaches == (), [str(b) for b in check.breaches]
    assert check.agrees
    return check


def solve_checked(
    data: CapacityData, tmp_path: Path | None = None, *, status: str = "OPTIMAL", **options: object
) -> tuple[CapacityPlan, CapacityCheck]:
    """Solve, insist on the status, check the plan; with `tmp_path`, also write it and check
    the plan read back from the files."""
    plan = solve_capacity(data, **options)  # type: ignore[arg-type]
    assert plan.status == status, (plan.status, plan.message)
    check = assert_checked(data, plan)
    if tmp_path is not None:
        write_outputs(data, plan, tmp_path, check)
        assert_checked(data, read_outputs(data, tmp_path))
    return plan, check


def nonzero(values: Mapping) -> dict:
    return {key: value for key, value in values.items() if abs(value) > 1e-9}


def approx(value: object) -> object:
    return pytest.approx(value, abs=1e-6)
