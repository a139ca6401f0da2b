"""Availability (leave, unavailable time) and preferences (preferred, avoid)."""

from planner.check import check_plan
from planner.costs import fixed
from tests.conftest import of_rule, solve_and_check
from tests.factories import (
    avoid,
    employee,
    leave,
    minutes,
    off,
    prefer,
    roster,
    scenario,
    shift,
    slot,
    soft,
    unavailable,
)

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
N = shift("N", "22:00", "06:00")
AVAIL = "respect_availability"
PREFS = "honour_preferences"
CHEAP_AND_DEAR = [employee("A", hourly_cost=20), employee("B", hourly_cost=30)]
"""B costs 80 more than A for an 8-hour shift."""


def test_working_on_leave_is_one_hard_breach():
    sc = scenario([employee("A")], [E], days=3, availability=leave("A", 1))
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "E"), ("A", 1, "E"))), AVAIL)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 1, "A", 1)
    assert breach.cost_units == 0


def test_working_on_leave_when_soft_costs_the_weight_per_shift():
    sc = scenario([employee("A")], [E], days=1, availability=leave("A", 0), rules={AVAIL: soft(3)})
    report = check_plan(sc, roster(("A", 0, "E")))
    [breach] = of_rule(report, AVAIL)
    assert not breach.hard and breach.cost_units == fixed(3)
    assert report.costs["penalties"] == fixed(3)


def test_an_unavailable_window_blocks_only_the_shifts_it_overlaps():
    window = unavailable("A", 0, start=minutes("14:00"), end=minutes("18:00"))
    sc = scenario([employee("A")], [E, L], days=1, availability=[window])
    assert of_rule(check_plan(sc, roster(("A", 0, "E"))), AVAIL) == []  # E ends at 14:00
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "L"))), AVAIL)
    assert breach.day == 0


def test_an_entry_naming_a_shift_blocks_only_that_shift():
    sc = scenario([employee("A")], [E, N], days=1, availability=[unavailable("A", 0, shift_id="N")])
    assert of_rule(check_plan(sc, roster(("A", 0, "E"))), AVAIL) == []
    assert len(of_rule(check_plan(sc, roster(("A", 0, "N"))), AVAIL)) == 1


def test_working_a_day_one_asked_to_avoid_costs_its_weight():
    sc = scenario([employee("A")], [E], days=2, availability=[avoid("A", 1, weight=2)])
    [breach] = of_rule(check_plan(sc, roster(("A", 1, "E"))), PREFS)
    assert (breach.quantity, breach.day, breach.cost_kind) == (1, 1, "preferences")
    assert breach.cost_units == fixed(10 * 2)  # rule weight 10 x entry weight 2


def test_missing_a_preferred_day_costs_its_weight_times_the_rule_weight():
    sc = scenario([employee("A")], [E], days=2, availability=[prefer("A", 0, weight=3)],
                  rules={PREFS: soft(4)})
    report = check_plan(sc, roster(("A", 1, "E")))
    [breach] = of_rule(report, PREFS)
    assert (breach.employee_id, breach.day, breach.cost_units) == ("A", 0, fixed(4 * 3))
    assert report.costs["preferences"] == fixed(12)


def test_a_granted_wish_costs_nothing():
    sc = scenario([employee("A")], [E, N], days=2,
                  availability=[prefer("A", 0, shift_id="N"), avoid("A", 1)])
    assert of_rule(check_plan(sc, roster(("A", 0, "N"))), PREFS) == []
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "E"))), PREFS)  # preferred N, got E
    assert breach.day == 0


def test_solver_keeps_people_off_their_leave():
    sc = scenario(CHEAP_AND_DEAR, [E], [slot(0, E)], days=1, availability=leave("A", 0))
    plan, report = solve_and_check(sc)
    assert [a.employee_id for a in plan.assignments] == ["B"]
    assert of_rule(report, AVAIL) == []


def test_solver_breaks_soft_leave_when_cheaper_and_prices_it():
    sc = scenario(CHEAP_AND_DEAR, [E], [slot(0, E)], days=1, availability=leave("A", 0),
                  rules={AVAIL: soft(50)})
    plan, report = solve_and_check(sc)
    assert [a.employee_id for a in plan.assignments] == ["A"]
    assert plan.stats.costs["penalties"] == fixed(50)
    assert len(of_rule(report, AVAIL)) == 1


def test_solver_keeps_soft_leave_when_breaking_it_costs_more():
    sc = scenario(CHEAP_AND_DEAR, [E], [slot(0, E)], days=1, availability=leave("A", 0),
                  rules={AVAIL: soft(100)})
    plan, _ = solve_and_check(sc)
    assert [a.employee_id for a in plan.assignments] == ["B"]


def test_availability_off_lets_the_cheapest_person_work():
    sc = scenario(CHEAP_AND_DEAR, [E], [slot(0, E)], days=1, availability=leave("A", 0),
                  rules={AVAIL: off()})
    plan, report = solve_and_check(sc)
    assert [a.employee_id for a in plan.assignments] == ["A"]
    assert of_rule(report, AVAIL) == []


def test_solver_grants_a_preference_worth_more_than_the_wage():
    sc = scenario([employee("A")], [E], days=1, availability=[prefer("A", 0, weight=20)])
    plan, report = solve_and_check(sc)  # wish worth 200, wage 160
    assert [a.employee_id for a in plan.assignments] == ["A"]
    assert of_rule(report, PREFS) == []


def test_solver_refuses_a_preference_worth_less_than_the_wage_and_prices_it():
    sc = scenario([employee("A")], [E], days=1, availability=[prefer("A", 0, weight=10)])
    plan, report = solve_and_check(sc)  # wish worth 100, wage 160
    assert plan.assignments == ()
    assert plan.stats.costs["preferences"] == fixed(100)
    assert len(of_rule(report, PREFS)) == 1


def test_solver_swaps_to_a_dearer_person_when_the_avoid_wish_is_worth_more():
    sc = scenario(CHEAP_AND_DEAR, [E], [slot(0, E)], days=1, availability=[avoid("A", 0, weight=10)])
    plan, _ = solve_and_check(sc)  # avoid worth 100 > 80 extra wage
    assert [a.employee_id for a in plan.assignments] == ["B"]


def test_solver_overrides_an_avoid_wish_worth_less_than_the_swap():
    sc = scenario(CHEAP_AND_DEAR, [E], [slot(0, E)], days=1, availability=[avoid("A", 0, weight=5)])
    plan, report = solve_and_check(sc)  # avoid worth 50 < 80 extra wage
    assert [a.employee_id for a in plan.assignments] == ["A"]
    assert plan.stats.costs["preferences"] == fixed(50)
    assert len(of_rule(report, PREFS)) == 1


def test_preferences_off_are_neither_priced_nor_checked():
    sc = scenario(CHEAP_AND_DEAR, [E], [slot(0, E)], days=1,
                  availability=[avoid("A", 0, weight=10), prefer("B", 0, weight=1)],
                  rules={PREFS: off()})
    plan, report = solve_and_check(sc)
    assert [a.employee_id for a in plan.assignments] == ["A"]
    assert "preferences" not in report.costs


def test_a_wish_of_someone_not_on_the_staff_list_costs_nothing_on_either_side():
    sc = scenario([employee("A")], [E], [slot(0, E)], days=1,
                  availability=[prefer("Z", 0), avoid("Z", 0), *leave("Z", 0)])
    _, report = solve_and_check(sc)
    assert report.violations == ()


def test_an_unavailable_morning_also_catches_the_night_shift_started_the_evening_before():
    morning = unavailable("A", 3, start=3 * 1440 + minutes("00:00"), end=3 * 1440 + minutes("09:00"))
    sc = scenario([employee("A")], [N], days=7, availability=[morning])
    [breach] = of_rule(check_plan(sc, roster(("A", 2, "N"))), AVAIL)
    assert (breach.employee_id, breach.day) == ("A", 2)
    assert of_rule(check_plan(sc, roster(("A", 3, "N"))), AVAIL) == []


def test_the_solver_keeps_the_night_before_an_unavailable_morning_free():
    morning = unavailable("A", 3, start=3 * 1440, end=3 * 1440 + minutes("09:00"))
    sc = scenario([employee("A")], [N], [slot(d, N) for d in range(7)], days=7, availability=[morning])
    plan, _ = solve_and_check(sc)
    assert sorted(a.day for a in plan.assignments) == [0, 1, 3, 4, 5, 6]
