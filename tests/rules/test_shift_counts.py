"""Maximum shifts of a type over the horizon (say, at most 2 nights)."""

from planner.check import check_plan
from planner.costs import fixed
from planner.domain import Contract
from tests.conftest import of_rule, solve_and_check, worked
from tests.factories import employee, off, roster, scenario, shift, slot, soft

E = shift("E", "06:00", "14:00")
N = shift("N", "22:00", "06:00")
RULE = "max_shifts_per_type"


def nights(*days: int):
    return [("A", day, "N") for day in days]


def test_a_night_beyond_the_maximum_is_one_breach_per_extra_night():
    sc = scenario([employee("A", max_shifts={"N": 2})], [E, N], days=7)
    [breach] = of_rule(check_plan(sc, roster(*nights(0, 2, 4, 6), ("A", 1, "E"))), RULE)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 2, "A", None)


def test_shifts_at_the_maximum_are_no_breach():
    sc = scenario([employee("A", max_shifts={"N": 2})], [E, N], days=7)
    assert of_rule(check_plan(sc, roster(*nights(0, 2), ("A", 4, "E"))), RULE) == []


def test_extra_shifts_when_soft_cost_the_weight_each():
    sc = scenario([employee("A", max_shifts={"N": 1})], [N], days=7, rules={RULE: soft(4)})
    [breach] = of_rule(check_plan(sc, roster(*nights(0, 2, 4))), RULE)
    assert breach.cost_units == fixed(8)


def test_the_scenario_default_applies_alongside_an_employees_own_limits():
    sc = scenario([employee("A", max_shifts={"E": 1})], [E, N], days=7,
                  contract=Contract(max_shifts={"N": 1, "E": 5}))
    report = check_plan(sc, roster(*nights(0, 2), ("A", 4, "E"), ("A", 5, "E")))
    assert sorted(v.message for v in of_rule(report, RULE)) == [
        "A works 2 E shifts, more than 1", "A works 2 N shifts, more than 1"]


def test_solver_hands_nights_beyond_the_maximum_to_a_colleague():
    sc = scenario([employee("A", max_shifts={"N": 2}), employee("B", hourly_cost=30)], [N],
                  [slot(d, N) for d in (0, 2, 4, 6)], days=7)
    plan, _ = solve_and_check(sc)
    assert len(worked(plan, "A")) == 2 and len(worked(plan, "B")) == 2


def test_solver_works_soft_extra_nights_when_cheaper_and_prices_them():
    sc = scenario([employee("A", max_shifts={"N": 2}), employee("B", hourly_cost=30)], [N],
                  [slot(d, N) for d in (0, 2, 4, 6)], days=7, rules={RULE: soft(60)})
    plan, report = solve_and_check(sc)  # 60 per night < 80 extra wage for B
    assert len(worked(plan, "A")) == 4
    assert plan.stats.costs["penalties"] == fixed(120)
    assert of_rule(report, RULE)[0].quantity == 2


def test_shift_counts_off_let_one_person_work_every_night():
    sc = scenario([employee("A", max_shifts={"N": 2}), employee("B", hourly_cost=30)], [N],
                  [slot(d, N) for d in (0, 2, 4, 6)], days=7, rules={RULE: off()})
    plan, _ = solve_and_check(sc)
    assert len(worked(plan, "A")) == 4
