"""Only qualified skills: the right skill, on a shift that allows it, at the right site."""

from planner.check import check_plan
from planner.costs import per_hour
from tests.conftest import of_rule, solve_and_check
from tests.factories import employee, off, roster, scenario, shift, slot, soft

E = shift("E", "06:00", "14:00")
PHONE_ONLY = shift("P", "06:00", "14:00", skills=["phone"])
SOUTH = shift("S", "06:00", "14:00", site="south")
RULE = "only_qualified_skills"


def test_working_a_skill_one_does_not_hold_is_one_breach():
    sc = scenario([employee("A", skills=["desk"])], [E], [slot(0, E, skill="phone")], days=2)
    [breach] = of_rule(check_plan(sc, roster(("A", 1, "E", "phone"))), RULE)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 1, "A", 1)


def test_working_a_skill_the_shift_does_not_allow_is_one_breach():
    sc = scenario([employee("A", skills=["desk", "phone"])], [PHONE_ONLY], days=1)
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "P", "desk"))), RULE)
    assert "does not allow" in breach.message


def test_working_a_shift_at_another_site_is_one_breach():
    sc = scenario([employee("A", site="north")], [SOUTH], days=1)
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "S"))), RULE)
    assert "site" in breach.message and breach.employee_id == "A"


def test_qualified_work_has_no_breach():
    sc = scenario([employee("A", skills=["desk", "phone"], site="south")], [E, PHONE_ONLY, SOUTH],
                  days=1)
    plan = roster(("A", 0, "P", "phone"))
    assert of_rule(check_plan(sc, plan), RULE) == []
    assert of_rule(check_plan(sc, roster(("A", 0, "S", "desk"))), RULE) == []


def test_qualification_stays_hard_even_when_set_soft():
    sc = scenario([employee("A")], [E], days=1, rules={RULE: soft(1)})
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "E", "phone"))), RULE)
    assert breach.hard and breach.cost_units == 0


def test_qualification_off_is_not_checked():
    sc = scenario([employee("A")], [E], days=1, rules={RULE: off()})
    assert of_rule(check_plan(sc, roster(("A", 0, "E", "phone"))), RULE) == []


def test_solver_leaves_demand_short_rather_than_use_an_unqualified_person():
    sc = scenario([employee("A", skills=["desk"])], [E], [slot(0, E, skill="phone")], days=1)
    plan, report = solve_and_check(sc)
    assert plan.assignments == ()
    assert report.costs["shortfall"] == per_hour(100, 8 * 60)


def test_solver_picks_the_qualified_person_even_when_dearer():
    sc = scenario([employee("A", skills=["desk"]), employee("B", skills=["phone"], hourly_cost=60)],
                  [E], [slot(0, E, skill="phone")], days=1)
    plan, _ = solve_and_check(sc)
    assert [(a.employee_id, a.skill) for a in plan.assignments] == [("B", "phone")]


def test_solver_keeps_a_skill_off_a_shift_that_does_not_allow_it():
    sc = scenario([employee("A")], [PHONE_ONLY], [slot(0, PHONE_ONLY, skill="desk")], days=1)
    plan, _ = solve_and_check(sc)
    assert plan.assignments == ()


def test_solver_keeps_people_at_their_own_site():
    sc = scenario([employee("A", site="north"), employee("B", site="south", hourly_cost=60)],
                  [SOUTH], [slot(0, SOUTH)], days=1)
    plan, _ = solve_and_check(sc)
    assert [a.employee_id for a in plan.assignments] == ["B"]
