"""Pay wages: hourly cost x paid hours x the shift's premium."""

from planner.check import check_plan
from planner.costs import per_hour
from tests.conftest import solve_and_check
from tests.factories import employee, interval, off, roster, scenario, shift, slot

E = shift("E", "06:00", "14:00")
N = shift("N", "22:00", "06:00", premium=1.25, break_minutes=30)
RULE = "pay_wages"


def test_a_shift_costs_the_hourly_rate_times_its_hours():
    sc = scenario([employee("A", hourly_cost=20)], [E], days=2)
    report = check_plan(sc, roster(("A", 0, "E"), ("A", 1, "E")))
    assert report.costs["wages"] == 2 * per_hour(20, 8 * 60)
    assert report.violations == ()


def test_a_night_premium_raises_the_rate_and_a_break_is_unpaid():
    sc = scenario([employee("A", hourly_cost=20)], [N], days=1)
    assert check_plan(sc, roster(("A", 0, "N"))).costs["wages"] == per_hour(25, 7 * 60 + 30)


def test_solver_rosters_the_cheaper_of_two_people():
    sc = scenario([employee("A", hourly_cost=25), employee("B", hourly_cost=20)], [E], [slot(0, E)],
                  days=1)
    plan, report = solve_and_check(sc)
    assert [a.employee_id for a in plan.assignments] == ["B"]
    assert report.costs["wages"] == per_hour(20, 8 * 60)


def test_solver_covers_an_interval_with_the_shift_without_premium():
    day = shift("D", "20:00", "04:00")
    sc = scenario([employee("A")], [day, shift("N", "22:00", "06:00", premium=1.5)],
                  [interval(0, "22:00", "23:00", under_weight=500)], days=1)
    plan, _ = solve_and_check(sc)
    assert [a.shift_id for a in plan.assignments] == ["D"]


def test_wages_off_cost_nothing():
    sc = scenario([employee("A", hourly_cost=25), employee("B", hourly_cost=20)], [E], [slot(0, E)],
                  days=1, rules={RULE: off()})
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 1 and plan.stats.objective_units == 0
    assert "wages" not in report.costs
