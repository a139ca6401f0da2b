"""The checker catches what is wrong with a plan: each test breaks one thing in a good plan
(no solver involved) and expects exactly that breach."""

from __future__ import annotations

import dataclasses

import pytest
from capacity_helpers import WEEK_PAY, fte, group, plan_data

from planner.capacity import CapacityPlan, Transition, check_capacity_plan
from planner.capacity.data import frozen

DATA = plan_data(
    [
        group("a", 10, hire_max=2, hire_lead_weeks=1, attrition=0.1, temp_max_hours=40, temp_cost=20,
              overtime_max_hours=2, part_time_max=1, release_cost=100),
        group("b", 4),
    ],
    {**fte([9, 10], "a"), **fte([4, 4], "b")},
    [Transition("b", "a", cost=50, duration_weeks=1, max_per_week=1, max_fraction=0.1)],
    max_overstaff_fte=1.0,
)
"""Week 1: a has 9 after attrition (needs 9). Week 2: 8.1 + 2 hires = 10.1 (needs 10)."""

GOOD = CapacityPlan(
    status="OPTIMAL",
    objective="cost",
    hires=frozen({("a", 2): 2}),
    headcount=frozen({("a", 1): 9, ("a", 2): 10.1, ("b", 1): 4, ("b", 2): 4}),
    overstaff_fte=frozen({("a", 2): 0.1}),
    stage_values=frozen({"cost": (9 + 10.1 + 8) * WEEK_PAY}),
)


def _key(item: tuple[str, int | None, str]) -> tuple[str, int, str]:
    return item[0], item[1] or 0, item[2]


def breaches(plan: CapacityPlan) -> list[tuple[str, int | None, str]]:
    """(check, week, where) of every breach, in a fixed order."""
    return sorted(((b.check, b.week, b.where) for b in check_capacity_plan(DATA, plan).breaches), key=_key)


def test_the_good_plan_passes() -> None:
    check = check_capacity_plan(DATA, GOOD)
    assert check.ok, [str(b) for b in check.breaches]
    assert check.flows["a", 2].end == pytest.approx(10.1)
    assert check.total_cost == pytest.approx(27.1 * WEEK_PAY)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"headcount": {**GOOD.headcount, ("a", 2): 10.5}}, [("balance", 2, "a")]),
        ({"hires": {("a", 2): 1}, "headcount": {**GOOD.headcount, ("a", 2): 9.1},
          "overstaff_fte": {}, "stage_values": {"cost": 26.1 * WEEK_PAY}}, [("requirement", 2, "a")]),
        ({"hires": {("a", 1): 1, ("a", 2): 1}, "headcount": {}, "overstaff_fte": {}, "stage_values": {}},
         [("hires", 1, "a")]),
        ({"hires": {("a", 2): 3}, "headcount": {}, "overstaff_fte": {}, "stage_values": {}},
         [("hires", 2, "a"), ("overstaff_cap", 2, "")]),
        ({"temp_hours": {("a", 1): 50}, "overstaff_fte": {}, "stage_values": {}},
         [("temps", 1, "a"), ("overstaff_cap", 1, "")]),
        ({"overtime_hours": {("a", 1): 19}, "overstaff_fte": {}, "stage_values": {}},
         [("overtime", 1, "a")]),
        ({"part_time": {("a", 1): 2}, "headcount": {}, "overstaff_fte": {}, "stage_values": {}},
         [("part_time", 1, "a"), ("requirement", 1, "a")]),
        ({"releases": {("b", 1): 0.5}, "headcount": {}, "overstaff_fte": {}, "stage_values": {}},
         [("requirement", 1, "b"), ("requirement", 2, "b"), ("whole_people", 1, "b")]),
        ({"moves": {("b>a", 1): 2}, "headcount": {}, "overstaff_fte": {}, "stage_values": {}},
         [("requirement", 1, "b"), ("requirement", 2, "b"), ("overstaff_cap", 2, ""),
          ("moves", 1, "b>a"), ("moves", 1, "b>a")]),
        ({"moves": {("b>a", 2): 1}, "headcount": {}, "overstaff_fte": {}, "stage_values": {}},
         [("requirement", 2, "b"), ("moves", 2, "b>a")]),
        ({"moves": {("a>b", 1): 1}, "headcount": {}, "overstaff_fte": {}, "stage_values": {}},
         [("unknown", 1, "a>b")]),
        ({"shortfall_hours": {("a", 1): 4}, "overstaff_fte": {}, "stage_values": {}},
         [("shortfall", 1, "a")]),
        ({"stage_values": {"cost": 27.1 * WEEK_PAY + 1}}, [("objective", None, "")]),
    ],
    ids=["headcount", "requirement", "lead_time", "hire_max", "temp_cap", "overtime_cap", "part_time",
         "whole_people", "move_caps", "move_ends_late", "move_not_allowed", "shortfall", "objective"],
)
def test_each_breach_is_caught(changes: dict, expected: list) -> None:
    plan = dataclasses.replace(GOOD, **{key: frozen(value) for key, value in changes.items()})
    assert breaches(plan) == sorted(expected, key=_key)


def test_a_diagnosis_may_show_shortfall_but_must_state_it() -> None:
    plan = dataclasses.replace(GOOD, status="INFEASIBLE", stage_values=frozen({"shortfall": 0.0}),
                               shortfall_hours=frozen({("a", 1): 4}), overstaff_fte=frozen({}))
    assert breaches(plan) == [("objective", None, "")]
    plan = dataclasses.replace(plan, stage_values=frozen({"shortfall": 0.1}))
    assert check_capacity_plan(DATA, plan).ok
