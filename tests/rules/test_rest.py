"""Minimum rest between shifts, and forbidden successions (say night, then early)."""

from planner.check import check_plan
from planner.costs import fixed, per_hour
from planner.domain import Contract
from tests.conftest import of_rule, pin, solve_and_check, solve_fixed, worked
from tests.factories import employee, off, roster, scenario, shift, slot, soft

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
N = shift("N", "22:00", "06:00")
M = shift("M", "04:00", "12:00")
REST = "minimum_rest_between_shifts"
SUCCESSION = "no_forbidden_successions"
ELEVEN_HOURS = Contract(min_rest_hours=11)


def test_a_late_then_an_early_shift_is_short_of_rest_by_the_missing_hours():
    sc = scenario([employee("A")], [E, L], days=3, contract=ELEVEN_HOURS)
    [breach] = of_rule(check_plan(sc, roster(("A", 1, "L"), ("A", 2, "E"))), REST)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 3.0, "A", 1)


def test_short_rest_when_soft_costs_the_weight_per_missing_hour():
    sc = scenario([employee("A")], [E, L], days=2, contract=ELEVEN_HOURS, rules={REST: soft(10)})
    report = check_plan(sc, roster(("A", 0, "L"), ("A", 1, "E")))
    [breach] = of_rule(report, REST)
    assert breach.cost_units == per_hour(10, 3 * 60)
    assert report.costs["penalties"] == per_hour(10, 3 * 60)


def test_rest_after_a_night_shift_is_counted_from_the_morning_it_ends():
    sc = scenario([employee("A")], [N, L], days=2, contract=ELEVEN_HOURS)
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "N"), ("A", 1, "L"))), REST)
    assert breach.quantity == 3.0  # 06:00 to 14:00 is 8 h


def test_rest_is_checked_two_days_on_after_a_night_shift():
    sc = scenario([employee("A")], [N, M], days=3, contract=Contract(min_rest_hours=24))
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "N"), ("A", 2, "M"))), REST)
    assert (breach.quantity, breach.day) == (2.0, 0)  # Tue 06:00 to Wed 04:00 is 22 h


def test_exactly_the_minimum_rest_is_no_breach():
    sc = scenario([employee("A")], [shift("D", "11:00", "19:00"), E], days=2, contract=ELEVEN_HOURS)
    assert of_rule(check_plan(sc, roster(("A", 0, "D"), ("A", 1, "E"))), REST) == []


def test_an_employees_own_rest_minimum_overrides_the_default():
    sc = scenario([employee("A", min_rest_hours=12)], [E, L], days=2, contract=Contract(min_rest_hours=6))
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "L"), ("A", 1, "E"))), REST)
    assert breach.quantity == 4.0


def test_a_forbidden_succession_is_one_breach():
    sc = scenario([employee("A")], [E, N], days=3, forbidden_successions=[("N", "E")])
    [breach] = of_rule(check_plan(sc, roster(("A", 1, "N"), ("A", 2, "E"))), SUCCESSION)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 1, "A", 1)


def test_the_allowed_order_and_a_gap_day_are_no_forbidden_succession():
    sc = scenario([employee("A")], [E, N], days=4, forbidden_successions=[("N", "E")])
    plan = roster(("A", 0, "E"), ("A", 1, "N"), ("A", 3, "E"))
    assert of_rule(check_plan(sc, plan), SUCCESSION) == []


def test_a_soft_forbidden_succession_costs_its_weight():
    sc = scenario([employee("A")], [E, N], days=2, forbidden_successions=[("N", "E")],
                  rules={SUCCESSION: soft(7)})
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "N"), ("A", 1, "E"))), SUCCESSION)
    assert breach.cost_units == fixed(7)


def test_solver_leaves_a_shift_short_rather_than_cut_rest():
    sc = scenario([employee("A")], [E, L], [slot(0, L), slot(1, E)], days=2, contract=ELEVEN_HOURS)
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 1
    assert report.costs["shortfall"] == per_hour(100, 8 * 60)


def test_solver_cuts_soft_rest_when_cheaper_than_the_shortfall_and_prices_it():
    sc = scenario([employee("A")], [E, L], [slot(0, L), slot(1, E)], days=2, contract=ELEVEN_HOURS,
                  rules={REST: soft(10)})
    plan, report = solve_and_check(sc)
    assert worked(plan, "A") == [(0, "L"), (1, "E")]
    assert plan.stats.costs["penalties"] == per_hour(10, 3 * 60)
    [breach] = of_rule(report, REST)
    assert breach.quantity == 3.0


def test_solver_keeps_soft_rest_when_cutting_it_costs_more():
    sc = scenario([employee("A"), employee("B", hourly_cost=30)], [E, L], [slot(0, L), slot(1, E)],
                  days=2, contract=ELEVEN_HOURS, rules={REST: soft(30)})
    plan, _ = solve_and_check(sc)  # 3 h x 30 = 90 > 80 extra wage for B
    assert len(worked(plan, "A")) == 1 and len(worked(plan, "B")) == 1


def test_rest_off_lets_a_late_be_followed_by_an_early():
    sc = scenario([employee("A")], [E, L], [slot(0, L), slot(1, E)], days=2, contract=ELEVEN_HOURS,
                  rules={REST: off()})
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 2
    assert of_rule(report, REST) == []


def test_solver_never_rosters_a_forbidden_succession():
    sc = scenario([employee("A")], [E, N], [slot(0, N), slot(1, E)], days=2,
                  forbidden_successions=[("N", "E")])
    plan, _ = solve_and_check(sc)
    assert len(plan.assignments) == 1


def test_solver_takes_a_soft_forbidden_succession_when_cheaper_and_prices_it():
    sc = scenario([employee("A")], [E, N], [slot(0, N), slot(1, E)], days=2,
                  forbidden_successions=[("N", "E")], rules={SUCCESSION: soft(1)})
    plan, report = solve_and_check(sc)
    assert worked(plan, "A") == [(0, "N"), (1, "E")]
    assert plan.stats.costs["penalties"] == fixed(1)
    assert len(of_rule(report, SUCCESSION)) == 1


def test_forbidden_successions_off_are_allowed():
    sc = scenario([employee("A")], [E, N], [slot(0, N), slot(1, E)], days=2,
                  forbidden_successions=[("N", "E")], rules={SUCCESSION: off()})
    plan, _ = solve_and_check(sc)
    assert len(plan.assignments) == 2


def test_a_succession_listed_twice_is_still_one_breach_on_both_sides():
    sc = scenario([employee("A")], [E, N], days=2, forbidden_successions=[("N", "E"), ("N", "E")],
                  rules={SUCCESSION: soft(1)})
    plan, report = solve_fixed(sc, pin(("A", 0, "N"), ("A", 1, "E")))
    assert plan.stats.costs["penalties"] == fixed(1)
    assert len(of_rule(report, SUCCESSION)) == 1
