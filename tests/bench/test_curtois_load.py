"""All 24 Curtois-Qu instances load into planner scenarios and round-trip: instance ->
scenario -> roster -> official penalty, with the planner's checker pricing every roster
exactly as the independent evaluator does."""

from __future__ import annotations

import random

import pytest

from planner import costs
from planner.bench.curtois import (
    INSTANCE_NUMBERS,
    Grid,
    Instance,
    best_known,
    format_grid,
    grid_of_plan,
    load_instance,
    parse_grid,
    parse_instance,
    parse_numbers,
    plan_of_grid,
    to_scenario,
)
from planner.bench.evaluate import evaluate
from planner.check import check_plan
from planner.rules import RULE_NAMES

SIZES = {  # FORMAT.md section 1: H, |E|, |S|, days off, on requests, off requests, cover rows
    1: (14, 8, 1, 8, 21, 5, 14), 2: (14, 14, 2, 14, 50, 12, 28), 3: (14, 20, 3, 20, 39, 25, 42),
    4: (28, 10, 2, 20, 52, 19, 56), 5: (28, 16, 2, 32, 79, 27, 56), 6: (28, 18, 3, 36, 87, 48, 84),
    7: (28, 20, 3, 40, 104, 64, 84), 8: (28, 30, 4, 60, 139, 86, 112),
    9: (28, 36, 4, 72, 144, 88, 112), 10: (28, 40, 5, 80, 210, 74, 140),
    11: (28, 50, 6, 100, 197, 139, 168), 12: (28, 60, 10, 120, 294, 128, 280),
    13: (28, 120, 18, 240, 589, 252, 504), 14: (42, 32, 4, 128, 266, 93, 168),
    15: (42, 45, 6, 180, 350, 140, 252), 16: (56, 20, 3, 120, 177, 103, 168),
    17: (56, 32, 4, 160, 351, 129, 224), 18: (84, 22, 3, 176, 322, 92, 252),
    19: (84, 40, 5, 320, 587, 247, 420), 20: (182, 50, 6, 900, 1665, 653, 1092),
    21: (182, 100, 8, 1800, 3210, 1492, 1456), 22: (364, 50, 10, 1800, 3253, 1385, 3640),
    23: (364, 100, 16, 3600, 6549, 2861, 5824), 24: (364, 150, 32, 5400, 9540, 4269, 11648),
}

RULE_OF = {  # evaluator's hard rule -> the planner rule that states it
    "shift_succession": "no_forbidden_successions",
    "max_shifts": "max_shifts_per_type",
    "total_minutes": "total_hours_within_contract",
    "max_consecutive_shifts": "max_consecutive_days",
    "min_consecutive_shifts": "min_consecutive_days",
    "min_consecutive_days_off": "min_consecutive_days_off",
    "max_weekends": "max_weekends",
    "days_off": "respect_availability",
}


@pytest.fixture(scope="module")
def instances() -> dict[int, Instance]:
    return {n: load_instance(n) for n in INSTANCE_NUMBERS}


def random_grid(instance: Instance, seed: int, work: float = 0.6) -> Grid:
    rng = random.Random(seed)
    return tuple(
        tuple(rng.choice(instance.shift_ids) if rng.random() < work else None
              for _ in range(instance.horizon))
        for _ in instance.staff
    )


@pytest.mark.parametrize("number", INSTANCE_NUMBERS)
def test_every_instance_loads_with_the_published_sizes(instances, number):
    instance = instances[number]
    assert (
        instance.horizon, len(instance.staff), len(instance.shifts),
        sum(len(days) for days in instance.days_off.values()), len(instance.on_requests),
        len(instance.off_requests), len(instance.cover),
    ) == SIZES[number]
    assert set(instance.days_off) == set(instance.staff_ids)


@pytest.mark.parametrize("number", INSTANCE_NUMBERS)
def test_every_instance_maps_onto_a_scenario(instances, number):
    instance = instances[number]
    scenario = to_scenario(instance)
    assert [e.employee_id for e in scenario.employees] == list(instance.staff_ids)
    assert [s.shift_id for s in scenario.shifts] == list(instance.shift_ids)
    assert [s.length_minutes for s in scenario.shifts] == [s.minutes for s in instance.shifts]
    assert len(scenario.demand) == len(instance.cover)
    kinds = [a.kind for a in scenario.availability]
    assert kinds.count("unavailable") == SIZES[number][3]
    assert kinds.count("preferred") == len(instance.on_requests)
    assert kinds.count("avoid") == len(instance.off_requests)
    assert scenario.weekends == tuple((7 * k + 5, 7 * k + 6) for k in range(instance.horizon // 7))
    assert len(scenario.settings.forbidden_successions) == sum(
        len(s.forbidden_after) for s in instance.shifts)
    for staff, employee in zip(instance.staff, scenario.employees, strict=True):
        c = employee.contract
        assert round(c.min_hours_total * 60) == staff.min_total_minutes
        assert round(c.max_hours_total * 60) == staff.max_total_minutes
        assert (c.max_consecutive_days, c.min_consecutive_days, c.min_days_off_in_row,
                c.max_weekends) == (staff.max_consecutive_shifts, staff.min_consecutive_shifts,
                                    staff.min_consecutive_days_off, staff.max_weekends)
        assert dict(c.max_shifts) == dict(staff.max_shifts)
        assert employee.hourly_cost == 0
    # Every planner rule is set explicitly: on (hard or soft) or off.
    assert set(scenario.settings.rules) == set(RULE_NAMES)
    on = {name for name, setting in scenario.settings.rules.items() if setting.enabled}
    assert "minimum_rest_between_shifts" not in on and "weekly_hours_within_contract" not in on
    for name in on:
        assert scenario.settings.rules[name].hard is not None, name


@pytest.mark.parametrize("number", INSTANCE_NUMBERS)
def test_a_roster_round_trips_to_the_official_penalty(instances, number):
    """instance -> scenario -> roster -> penalty: the planner's checker prices a (random,
    mostly infeasible) roster exactly as the evaluator does, and finds the same hard
    breaches, rule by rule."""
    instance = instances[number]
    scenario = to_scenario(instance)
    grid = random_grid(instance, seed=number)
    plan = plan_of_grid(instance, grid)
    assert grid_of_plan(instance, plan) == grid
    assert parse_grid(format_grid(grid), instance) == grid
    evaluation = evaluate(instance, grid)
    report = check_plan(scenario, plan)
    assert report.problems == ()
    assert report.objective_units == evaluation.penalty * costs.UNITS_PER_MONEY
    planner_hard = report.count_by_rule(hard=True)
    assert planner_hard == {RULE_OF[rule]: count
                            for rule, count in evaluation.count_by_rule().items()}


def test_an_empty_roster_costs_every_request_and_every_head(instances):
    instance = instances[3]
    empty = tuple((None,) * instance.horizon for _ in instance.staff)
    evaluation = evaluate(instance, empty)
    assert evaluation.penalty == (sum(r.weight for r in instance.on_requests)
                                  + sum(c.requirement * c.weight_under for c in instance.cover))
    report = check_plan(to_scenario(instance), plan_of_grid(instance, empty))
    assert report.objective_units == evaluation.penalty * costs.UNITS_PER_MONEY


def test_best_known_values_cover_every_instance():
    known = best_known()
    assert sorted(known) == list(INSTANCE_NUMBERS)
    assert known[1] == (607, 607)
    assert all(lower <= upper for upper, lower in known.values())


def test_instance_numbers_parse_as_lists_and_ranges():
    assert parse_numbers("1-3,5, 14-16,2") == [1, 2, 3, 5, 14, 15, 16]
    with pytest.raises(ValueError):
        parse_numbers("3-1")
    with pytest.raises(ValueError):
        parse_numbers("x")


def test_a_shift_line_without_forbidden_shifts_and_lf_endings_parse():
    text = (
        "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\nN,720,D|N\n\nSECTION_STAFF\n"
        "A,D=7|N=2,3000,0,5,1,1,1\n\nSECTION_DAYS_OFF\nA\n\nSECTION_SHIFT_ON_REQUESTS\n"
        "A,0,D,2\n\nSECTION_SHIFT_OFF_REQUESTS\n\nSECTION_COVER\n0,D,1,100,1\n"
    )
    instance = parse_instance(text, "toy")
    assert instance.shift("N").forbidden_after == ("D", "N")
    assert instance.days_off == {"A": ()}
    assert instance.off_requests == ()
    assert to_scenario(instance).settings.forbidden_successions == (("N", "D"), ("N", "N"))
