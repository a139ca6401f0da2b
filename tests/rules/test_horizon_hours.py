"""Total hours over the horizon: a contract's minimum and maximum for the whole period."""

from planner.check import check_plan
from planner.costs import per_hour
from planner.domain import Contract
from tests.conftest import days_worked, of_rule, solve_and_check
from tests.factories import employee, leave, off, roster, scenario, shift, slot, soft

E = shift("E", "06:00", "14:00")
N = shift("N", "20:00", "08:00")
TOTAL = "total_hours_within_contract"


def earlies(*days: int, employee_id: str = "A"):
    return roster(*((employee_id, day, "E") for day in days))


def test_hours_above_the_total_maximum_are_one_breach_sized_in_hours():
    sc = scenario([employee("A", max_hours_total=24)], [E], days=14)
    [breach] = of_rule(check_plan(sc, earlies(0, 1, 2, 8)), TOTAL)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 8.0, "A", None)


def test_hours_below_the_total_minimum_are_one_breach():
    sc = scenario([employee("A", min_hours_total=40)], [E], days=14)
    [breach] = of_rule(check_plan(sc, earlies(0, 9)), TOTAL)
    assert breach.quantity == 24.0
    assert of_rule(check_plan(sc, earlies(0, 2, 4, 9, 11)), TOTAL) == []


def test_a_soft_total_costs_the_weight_per_hour_outside():
    sc = scenario([employee("A", min_hours_total=20, max_hours_total=30)], [E, N], days=7,
                  rules={TOTAL: soft(3)})
    report = check_plan(sc, roster(("A", 0, "N"), ("A", 2, "N"), ("A", 4, "N")))  # 36 h
    [breach] = of_rule(report, TOTAL)
    assert breach.cost_units == per_hour(3, 6 * 60)
    assert report.costs["penalties"] == per_hour(3, 6 * 60)


def test_the_scenario_default_applies_and_leave_does_not_count():
    sc = scenario([employee("A"), employee("B", min_hours_total=8)], [E], days=7,
                  contract=Contract(min_hours_total=16), availability=leave("A", 0, 1))
    report = check_plan(sc, earlies(3))
    assert [(v.employee_id, v.quantity) for v in of_rule(report, TOTAL)] == [("A", 8.0), ("B", 8.0)]


def test_solver_keeps_everyone_within_the_totals():
    demand = [slot(d, E, required=2) for d in range(14)]
    sc = scenario([employee("A", max_hours_total=40), employee("B", min_hours_total=96)],
                  [E], demand, days=14)
    plan, report = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 5
    assert len(days_worked(plan, "B")) >= 12
    assert of_rule(report, TOTAL) == []


def test_solver_breaks_a_soft_total_when_cheaper_and_prices_it():
    demand = [slot(d, E, required=1, under_weight=100) for d in range(3)]
    sc = scenario([employee("A", hourly_cost=0, max_hours_total=16)], [E], demand, days=3,
                  rules={TOTAL: soft(1)})
    plan, report = solve_and_check(sc)
    assert days_worked(plan, "A") == [0, 1, 2]
    [breach] = of_rule(report, TOTAL)
    assert breach.quantity == 8.0


def test_total_hours_off_allows_any_total():
    sc = scenario([employee("A", max_hours_total=8)], [E], days=7, rules={TOTAL: off()})
    assert of_rule(check_plan(sc, earlies(0, 1, 2)), TOTAL) == []
