"""Temps: their price, and each offer's notice, daily maximum, shifts and skill."""

from planner.check import check_plan
from planner.costs import per_hour
from tests.conftest import of_rule, solve_and_check
from tests.factories import booking, employee, off, offer, roster, scenario, shift, slot, with_temps

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
N = shift("N", "22:00", "06:00", premium=1.25)
SHORT = shift("S", "10:00", "14:00")
RULE = "book_temps"


def temps(*bookings):
    return with_temps(roster(), *bookings)


def test_a_temp_costs_the_offers_rate_for_the_shifts_paid_hours():
    sc = scenario([], [E], days=1, temp_offers=[offer(hourly_cost=40)])
    report = check_plan(sc, temps(booking(0, "E", count=2)))
    assert report.costs["temps"] == 2 * per_hour(40, 8 * 60)
    assert of_rule(report, RULE) == []


def test_a_temp_is_paid_the_shift_premium_and_at_least_the_minimum_hours():
    sc = scenario([], [N, SHORT], days=1, temp_offers=[offer(hourly_cost=40, min_hours=6)])
    assert check_plan(sc, temps(booking(0, "N"))).costs["temps"] == per_hour(50, 8 * 60)
    assert check_plan(sc, temps(booking(0, "S"))).costs["temps"] == per_hour(40, 6 * 60)


def test_temps_booked_before_the_notice_period_are_one_breach():
    sc = scenario([], [E], days=3, temp_offers=[offer(notice_days=2)])
    [breach] = of_rule(check_plan(sc, temps(booking(1, "E", count=3), booking(2, "E"))), RULE)
    assert (breach.hard, breach.quantity, breach.day) == (True, 3, 1)
    assert "notice" in breach.message


def test_temps_over_the_offers_daily_maximum_are_one_breach():
    sc = scenario([], [E, L], days=1, temp_offers=[offer(max_per_day=3)])
    [breach] = of_rule(check_plan(sc, temps(booking(0, "E", 2), booking(0, "L", 2))), RULE)
    assert (breach.quantity, breach.day) == (1, 0)


def test_temps_on_a_shift_the_offer_does_not_cover_are_one_breach():
    sc = scenario([], [E, L], days=1, temp_offers=[offer(shifts=frozenset({"E"}))])
    assert of_rule(check_plan(sc, temps(booking(0, "E"))), RULE) == []
    [breach] = of_rule(check_plan(sc, temps(booking(0, "L"))), RULE)
    assert "does not cover" in breach.message


def test_temps_with_a_skill_the_offer_does_not_send_are_one_breach():
    sc = scenario([], [E], days=1, temp_offers=[offer("desk")])
    [breach] = of_rule(check_plan(sc, temps(booking(0, "E", skill="phone", offer_id="agency/desk"))),
                       RULE)
    assert "phone" in breach.message


def test_temps_booked_when_temps_are_switched_off_are_a_breach():
    sc = scenario([], [E], days=1, temp_offers=[offer()], temps_enabled=False)
    assert len(of_rule(check_plan(sc, temps(booking(0, "E"))), RULE)) == 1


def test_solver_books_temps_only_after_the_notice_period():
    sc = scenario([], [E], [slot(0, E), slot(1, E)], days=2, temp_offers=[offer(notice_days=1)])
    plan, report = solve_and_check(sc)
    assert [(b.day, b.count) for b in plan.temp_bookings] == [(1, 1)]
    assert report.costs["shortfall"] == per_hour(100, 8 * 60)


def test_solver_books_no_more_temps_a_day_than_the_offer_sends():
    sc = scenario([], [E, L], [slot(0, E, required=2), slot(0, L, required=2)], days=1,
                  temp_offers=[offer(max_per_day=3)])
    plan, report = solve_and_check(sc)
    assert sum(b.count for b in plan.temp_bookings) == 3
    assert report.costs["shortfall"] == per_hour(100, 8 * 60)


def test_solver_books_temps_only_on_the_offers_shifts():
    sc = scenario([], [E, L], [slot(0, E), slot(0, L)], days=1,
                  temp_offers=[offer(shifts=frozenset({"E"}))])
    plan, _ = solve_and_check(sc)
    assert [b.shift_id for b in plan.temp_bookings] == ["E"]


def test_solver_prefers_staff_to_dearer_temps_and_temps_to_a_dearer_shortfall():
    sc = scenario([employee("A")], [E], [slot(0, E, required=2)], days=1,
                  temp_offers=[offer(hourly_cost=40)])
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 1 and [b.count for b in plan.temp_bookings] == [1]
    assert report.costs["temps"] == per_hour(40, 8 * 60)


def test_solver_leaves_a_shortfall_when_temps_cost_more():
    sc = scenario([], [E], [slot(0, E)], days=1, temp_offers=[offer(hourly_cost=150)])
    plan, _ = solve_and_check(sc)
    assert plan.temp_bookings == ()


def test_solver_books_no_temps_when_temps_are_switched_off():
    sc = scenario([], [E], [slot(0, E)], days=1, temp_offers=[offer()], temps_enabled=False)
    plan, _ = solve_and_check(sc)
    assert plan.temp_bookings == ()


def test_temp_offers_off_lift_the_daily_maximum_and_price_temps_at_nothing():
    sc = scenario([], [E, L], [slot(0, E, required=2), slot(0, L, required=2)], days=1,
                  temp_offers=[offer(max_per_day=3)], rules={RULE: off()})
    plan, report = solve_and_check(sc)
    assert sum(b.count for b in plan.temp_bookings) == 4
    assert "temps" not in report.costs
