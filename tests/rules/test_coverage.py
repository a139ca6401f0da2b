"""Cover demand: shortfall and surplus heads, priced per staff-hour."""

from planner.check import check_plan
from planner.costs import per_hour
from planner.domain import RuleSetting
from tests.conftest import of_rule, solve_and_check
from tests.factories import (
    booking,
    employee,
    interval,
    off,
    offer,
    roster,
    scenario,
    shift,
    slot,
    with_temps,
)

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
N = shift("N", "22:00", "06:00")
RULE = "cover_demand"


def test_a_slot_one_head_short_costs_its_under_weight_per_hour():
    sc = scenario([employee("A")], [E], [slot(0, E, required=2)], days=1)
    report = check_plan(sc, roster(("A", 0, "E")))
    [short] = of_rule(report, RULE)
    assert (short.quantity, short.day, short.cost_kind) == (8.0, 0, "shortfall")
    assert short.cost_units == per_hour(100, 8 * 60)
    assert report.costs["shortfall"] == per_hour(100, 8 * 60)


def test_a_surplus_head_costs_its_over_weight_per_hour():
    sc = scenario([employee("A"), employee("B")], [E], [slot(0, E, over_weight=7)], days=1)
    report = check_plan(sc, roster(("A", 0, "E"), ("B", 0, "E")))
    [surplus] = of_rule(report, RULE)
    assert (surplus.quantity, surplus.cost_kind) == (8.0, "surplus")
    assert surplus.cost_units == per_hour(7, 8 * 60)


def test_a_covered_slot_has_no_breach():
    sc = scenario([employee("A")], [E], [slot(0, E)], days=1)
    assert of_rule(check_plan(sc, roster(("A", 0, "E"))), RULE) == []


def test_a_night_shift_covers_the_small_hours_of_the_next_day():
    sc = scenario([employee("A")], [N], [interval(1, "02:00", "04:00")], days=2)
    assert of_rule(check_plan(sc, roster(("A", 0, "N"))), RULE) == []
    [short] = of_rule(check_plan(sc, roster(("A", 1, "N"))), RULE)
    assert (short.quantity, short.day) == (2.0, 1)


def test_an_interval_counts_every_shift_spanning_it():
    sc = scenario([employee("A"), employee("B")], [E, L], [interval(0, "12:00", "14:00", required=2)],
                  days=1)
    report = check_plan(sc, roster(("A", 0, "E"), ("B", 0, "L")))
    [short] = of_rule(report, RULE)
    assert short.quantity == 2.0  # L starts at 14:00, so only A counts


def test_temps_count_toward_demand():
    sc = scenario([], [E], [slot(0, E, required=2)], days=1, temp_offers=[offer()])
    plan = with_temps(roster(), booking(0, "E", count=2))
    assert of_rule(check_plan(sc, plan), RULE) == []


def test_staff_on_another_skill_do_not_count():
    sc = scenario([employee("A", skills=["desk", "phone"])], [E], [slot(0, E)], days=1)
    [short] = of_rule(check_plan(sc, roster(("A", 0, "E", "phone"))), RULE)
    assert short.quantity == 8.0


def test_coverage_stays_soft_even_when_set_hard():
    sc = scenario([employee("A")], [E], [slot(0, E)], days=1, rules={RULE: RuleSetting(hard=True)})
    [short] = of_rule(check_plan(sc, roster()), RULE)
    assert not short.hard and short.cost_units == per_hour(100, 8 * 60)


def test_solver_staffs_a_slot_when_a_wage_is_cheaper_than_the_shortfall():
    sc = scenario([employee("A")], [E], [slot(0, E)], days=1)
    plan, report = solve_and_check(sc)
    assert [(a.employee_id, a.day, a.shift_id) for a in plan.assignments] == [("A", 0, "E")]
    assert of_rule(report, RULE) == []


def test_solver_leaves_a_slot_short_when_staff_cost_more_than_the_shortfall():
    sc = scenario([employee("A", hourly_cost=150)], [E], [slot(0, E, under_weight=100)], days=1)
    plan, report = solve_and_check(sc)
    assert plan.assignments == ()
    assert plan.stats.costs["shortfall"] == per_hour(100, 8 * 60)
    [short] = of_rule(report, RULE)
    assert short.quantity == 8.0


def test_solver_does_not_overstaff():
    sc = scenario([employee("A"), employee("B"), employee("C")], [E], [slot(0, E, required=2)],
                  days=1)
    plan, _ = solve_and_check(sc)
    assert len(plan.assignments) == 2


def test_solver_staffs_the_row_with_the_dearer_shortfall_first():
    sc = scenario([employee("A")], [E, L],
                  [slot(0, E, under_weight=50), slot(0, L, under_weight=90)], days=1)
    plan, report = solve_and_check(sc)
    assert [a.shift_id for a in plan.assignments] == ["L"]
    assert report.costs["shortfall"] == per_hour(50, 8 * 60)


def test_solver_covers_small_hours_with_the_previous_evenings_night_shift():
    sc = scenario([employee("A")], [E, N], [interval(1, "02:00", "04:00")], days=2)
    plan, report = solve_and_check(sc)
    assert [(a.day, a.shift_id) for a in plan.assignments] == [(0, "N")]
    assert of_rule(report, RULE) == []


def test_coverage_off_means_nobody_is_rostered_for_demand():
    sc = scenario([employee("A")], [E], [slot(0, E)], days=1, rules={RULE: off()})
    plan, report = solve_and_check(sc)
    assert plan.assignments == () and plan.stats.objective_units == 0
    assert of_rule(report, RULE) == []
