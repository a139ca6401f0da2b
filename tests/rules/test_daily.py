"""At most one shift a day, and no overlap with the next day's shift."""

from planner.check import check_plan
from planner.costs import per_hour
from tests.conftest import of_rule, solve_and_check
from tests.factories import employee, off, roster, scenario, shift, slot, soft

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
N = shift("N", "22:00", "06:00")
EARLY = shift("X", "05:00", "13:00")
RULE = "one_shift_per_day"


def test_two_shifts_on_one_day_are_one_breach():
    sc = scenario([employee("A")], [E, L], days=2)
    [breach] = of_rule(check_plan(sc, roster(("A", 1, "E"), ("A", 1, "L"))), RULE)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 1, "A", 1)


def test_a_night_shift_overlapping_the_next_mornings_shift_is_one_breach():
    sc = scenario([employee("A")], [N, EARLY], days=2)
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "N"), ("A", 1, "X"))), RULE)
    assert (breach.quantity, breach.day) == (1, 0)
    assert "overlaps" in breach.message


def test_a_night_shift_ending_when_the_next_shift_starts_is_no_breach():
    sc = scenario([employee("A")], [N, E], days=2)
    assert of_rule(check_plan(sc, roster(("A", 0, "N"), ("A", 1, "E"))), RULE) == []


def test_one_shift_every_day_is_no_breach():
    sc = scenario([employee("A")], [E, L], days=3)
    assert of_rule(check_plan(sc, roster(("A", 0, "E"), ("A", 1, "L"), ("A", 2, "E"))), RULE) == []


def test_one_shift_a_day_stays_hard_even_when_set_soft():
    sc = scenario([employee("A")], [E, L], days=1, rules={RULE: soft(1)})
    [breach] = of_rule(check_plan(sc, roster(("A", 0, "E"), ("A", 0, "L"))), RULE)
    assert breach.hard


def test_solver_gives_one_person_one_shift_a_day_and_leaves_the_other_short():
    sc = scenario([employee("A")], [E, L], [slot(0, E), slot(0, L)], days=1)
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 1
    assert report.costs["shortfall"] == per_hour(100, 8 * 60)


def test_solver_does_not_follow_a_night_with_an_overlapping_early_shift():
    sc = scenario([employee("A")], [N, EARLY], [slot(0, N), slot(1, EARLY)], days=2)
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 1
    assert report.costs["shortfall"] == per_hour(100, 8 * 60)


def test_one_shift_a_day_off_lets_one_person_work_two_shifts():
    sc = scenario([employee("A")], [E, L], [slot(0, E), slot(0, L)], days=1, rules={RULE: off()})
    plan, report = solve_and_check(sc)
    assert sorted(a.shift_id for a in plan.assignments) == ["E", "L"]
    assert of_rule(report, RULE) == []


def test_one_shift_a_day_off_lets_a_night_run_into_the_next_shift():
    sc = scenario([employee("A")], [N, EARLY], [slot(0, N), slot(1, EARLY)], days=2,
                  rules={RULE: off()})
    plan, _ = solve_and_check(sc)
    assert len(plan.assignments) == 2
