"""An infeasible scenario is answered with the hard rules that clash, never a bare no."""

from planner.domain import Contract
from planner.engine import solve
from tests.conftest import solve_and_check
from tests.factories import employee, leave, scenario, shift, slot, soft, unavailable

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
HOURS = "Weekly hours within contract"
LEAVE = "Respect unavailability and leave"
PER_WEEK = "Maximum days per week"


def mentions(conflicts, text):
    return [line for line in conflicts if text in line]


def days_unavailable(employee_id, *days):
    return tuple(unavailable(employee_id, day) for day in days)


def test_a_weekly_minimum_that_unavailability_makes_impossible_names_both_rules_and_the_person():
    sc = scenario(
        [employee("A", min_hours_week=32), employee("B", max_days_week=3, max_consecutive_days=2)],
        [E, L], [slot(d, E) for d in range(7)], days=7,
        availability=days_unavailable("A", 1, 2, 3, 4, 5, 6) + leave("B", 0),
    )
    plan = solve(sc)
    assert plan.stats.status == "INFEASIBLE" and plan.assignments == ()
    conflicts = plan.stats.conflicts
    assert mentions(conflicts, HOURS) == ["Weekly hours within contract: A, from Mon 2026-03-02"]
    on_leave = mentions(conflicts, LEAVE)
    assert on_leave and all(": A, on " in line for line in on_leave)
    assert len(on_leave) + 1 == len(conflicts)  # nothing else: not B, not other rules
    assert not mentions(conflicts, "B")


def test_a_weekly_minimum_above_the_days_allowed_names_exactly_the_two_rules():
    sc = scenario([employee("A", min_hours_week=40, max_days_week=4), employee("B")], [E],
                  [slot(d, E) for d in range(7)], days=7)
    plan = solve(sc)
    assert plan.stats.status == "INFEASIBLE"
    assert sorted(plan.stats.conflicts) == [
        "Maximum days per week: A, from Mon 2026-03-02",
        "Weekly hours within contract: A, from Mon 2026-03-02",
    ]


def test_the_clash_names_the_week_it_happens_in():
    sc = scenario([employee("A", max_days_week=5)], [E], days=14, contract=Contract(min_hours_week=40),
                  availability=days_unavailable("A", 8, 9, 10))
    plan = solve(sc)
    assert plan.stats.status == "INFEASIBLE"
    assert mentions(plan.stats.conflicts, HOURS) == [
        "Weekly hours within contract: A, from Mon 2026-03-09"]
    assert not mentions(plan.stats.conflicts, "2026-03-02")


def test_making_one_of_the_clashing_rules_soft_gives_a_roster_with_the_breach_priced():
    sc = scenario([employee("A", min_hours_week=40, max_days_week=4)], [E], days=7,
                  rules={"max_days_per_week": soft(10)})
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 5
    [breach] = report.soft_violations
    assert breach.rule == "max_days_per_week" and breach.quantity == 1


def test_leave_counts_toward_the_weekly_minimum_so_it_never_clashes():
    sc = scenario([employee("A", max_days_week=5)], [E], [slot(d, E) for d in range(14)], days=14,
                  contract=Contract(min_hours_week=40), availability=leave("A", 8, 9, 10))
    plan, _ = solve_and_check(sc)
    worked = sorted(a.day for a in plan.assignments if a.employee_id == "A")
    assert not set(worked) & {8, 9, 10}
    assert len([d for d in worked if d >= 7]) >= 2  # 40 h less three days' share (24 h) = 16 h
