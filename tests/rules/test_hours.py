"""Weekly hours within the contract, and overtime pay above the weekly threshold."""

from planner.check import check_plan
from planner.costs import per_hour
from tests.conftest import days_worked, of_rule, pin, solve_and_check, solve_fixed
from tests.factories import employee, leave, off, roster, scenario, shift, slot, soft

E = shift("E", "06:00", "14:00")
L = shift("L", "14:00", "22:00")
N = shift("N", "22:00", "06:00")
HOURS = "weekly_hours_within_contract"
OVERTIME = "pay_overtime"


def five_earlies(employee_id: str = "A", first: int = 0):
    return roster(*((employee_id, day, "E") for day in range(first, first + 5)))


def test_hours_above_the_weekly_maximum_are_one_breach_sized_in_hours():
    sc = scenario([employee("A", max_hours_week=32)], [E], days=7)
    [breach] = of_rule(check_plan(sc, five_earlies()), HOURS)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 8.0, "A", 0)


def test_hours_above_a_soft_maximum_cost_the_weight_per_hour():
    sc = scenario([employee("A", max_hours_week=32)], [E], days=7, rules={HOURS: soft(2)})
    report = check_plan(sc, five_earlies())
    [breach] = of_rule(report, HOURS)
    assert breach.cost_units == per_hour(2, 8 * 60)
    assert report.costs["penalties"] == per_hour(2, 8 * 60)


def test_hours_below_the_weekly_minimum_are_one_breach_per_week():
    sc = scenario([employee("A", min_hours_week=40)], [E], days=14)
    plan = roster(("A", 0, "E"), ("A", 1, "E"), ("A", 2, "E"), *(("A", d, "E") for d in range(7, 12)))
    [breach] = of_rule(check_plan(sc, plan), HOURS)
    assert (breach.quantity, breach.day) == (16.0, 0)


def test_a_partial_last_week_scales_the_minimum_to_its_days():
    sc = scenario([employee("A", min_hours_week=35)], [E], days=10)  # last week: 3 days, 15 h
    enough = roster(*(("A", d, "E") for d in (0, 1, 2, 3, 4, 7, 8)))
    assert of_rule(check_plan(sc, enough), HOURS) == []
    [breach] = of_rule(check_plan(sc, roster(*(("A", d, "E") for d in (0, 1, 2, 3, 4, 7)))), HOURS)
    assert (breach.quantity, breach.day) == (7.0, 7)


def test_each_day_of_leave_credits_the_daily_share_of_the_minimum():
    sc = scenario([employee("A", min_hours_week=40, max_days_week=5)], [E], days=7,
                  availability=leave("A", 0, 1))  # owes 40 - 2 x 8 = 24 h
    assert of_rule(check_plan(sc, roster(*(("A", d, "E") for d in (2, 3, 4)))), HOURS) == []
    [breach] = of_rule(check_plan(sc, roster(("A", 2, "E"), ("A", 3, "E"))), HOURS)
    assert breach.quantity == 8.0


def test_a_night_shift_counts_in_the_week_it_starts():
    sc = scenario([employee("A", max_hours_week=8)], [N], days=8)
    assert of_rule(check_plan(sc, roster(("A", 6, "N"), ("A", 7, "N"))), HOURS) == []


def test_breaks_are_not_paid_hours():
    sc = scenario([employee("A", max_hours_week=30)], [shift("E", "06:00", "14:00", break_minutes=60)],
                  days=7)
    [breach] = of_rule(check_plan(sc, five_earlies()), HOURS)
    assert breach.quantity == 5.0  # 5 x 7 h = 35 h


def test_a_soft_week_both_over_the_maximum_and_under_the_minimum_pays_both():
    nine_hours = shift("D", "06:00", "15:00")
    sc = scenario([employee("A", min_hours_week=40, max_hours_week=32)], [nine_hours], days=7,
                  rules={HOURS: soft(1)})
    four_days = [("A", d, "D") for d in range(4)]  # 36 h: 4 h over, 4 h under
    report = check_plan(sc, roster(*four_days))
    assert sorted(v.quantity for v in of_rule(report, HOURS)) == [4.0, 4.0]
    assert report.costs["penalties"] == per_hour(1, 8 * 60)
    solve_fixed(sc, pin(*four_days))  # the solver prices the roster the same


def test_hours_above_the_overtime_threshold_are_paid_at_the_multiplier():
    sc = scenario([employee("A", hourly_cost=20, overtime_after_hours_week=32, overtime_multiplier=1.5)],
                  [E], days=7)
    report = check_plan(sc, five_earlies())
    assert report.costs["overtime"] == per_hour(10, 8 * 60)  # the extra half of 20 per hour
    assert of_rule(report, OVERTIME) == []


def test_overtime_multiplier_defaults_to_one_and_a_half():
    sc = scenario([employee("A", hourly_cost=30, overtime_after_hours_week=38)], [E], days=7)
    assert check_plan(sc, five_earlies()).costs["overtime"] == per_hour(15, 2 * 60)


def test_solver_keeps_a_cheap_person_within_the_weekly_maximum():
    sc = scenario([employee("A", max_hours_week=16), employee("B", hourly_cost=30)], [E],
                  [slot(d, E) for d in range(5)], days=7)
    plan, _ = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 2 and len(days_worked(plan, "B")) == 3


def test_solver_exceeds_a_soft_maximum_when_cheaper_and_prices_it():
    sc = scenario([employee("A", max_hours_week=16), employee("B", hourly_cost=30)], [E],
                  [slot(d, E) for d in range(5)], days=7, rules={HOURS: soft(5)})
    plan, report = solve_and_check(sc)  # 5 per hour over < 10 per hour extra for B
    assert len(days_worked(plan, "A")) == 5
    assert plan.stats.costs["penalties"] == per_hour(5, 24 * 60)
    [breach] = of_rule(report, HOURS)
    assert breach.quantity == 24.0


def test_solver_rosters_the_weekly_minimum_even_without_demand():
    sc = scenario([employee("A", min_hours_week=40)], [E, L], days=7)
    plan, report = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 5
    assert of_rule(report, HOURS) == []


def test_solver_rosters_a_partial_weeks_scaled_minimum():
    sc = scenario([employee("A", min_hours_week=35)], [E], days=10)
    plan, _ = solve_and_check(sc)
    assert [d for d in days_worked(plan, "A") if d >= 7] != []
    assert len(days_worked(plan, "A")) == 5 + 2  # 35 h, then 15 h of the last 3 days


def test_solver_leaves_a_soft_minimum_short_when_cheaper_and_prices_it():
    sc = scenario([employee("A", min_hours_week=40)], [E], days=7, rules={HOURS: soft(1)})
    plan, _ = solve_and_check(sc)
    assert plan.assignments == ()
    assert plan.stats.costs["penalties"] == per_hour(1, 40 * 60)


def test_weekly_hours_off_lets_a_person_work_every_day():
    sc = scenario([employee("A", max_hours_week=16)], [E], [slot(d, E) for d in range(7)], days=7,
                  rules={HOURS: off()})
    plan, _ = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 7


def test_solver_spreads_work_when_overtime_dearer_than_a_colleague():
    sc = scenario([employee("A", overtime_after_hours_week=24, overtime_multiplier=2),
                   employee("B", hourly_cost=25)], [E], [slot(d, E) for d in range(5)], days=7)
    plan, report = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 3 and len(days_worked(plan, "B")) == 2
    assert report.costs["overtime"] == 0


def test_solver_pays_overtime_when_cheaper_than_a_colleague():
    sc = scenario([employee("A", overtime_after_hours_week=24, overtime_multiplier=1.1),
                   employee("B", hourly_cost=25)], [E], [slot(d, E) for d in range(5)], days=7)
    plan, _ = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 5
    assert plan.stats.costs["overtime"] == per_hour(2, 16 * 60)


def test_overtime_off_is_not_paid():
    sc = scenario([employee("A", overtime_after_hours_week=24, overtime_multiplier=2),
                   employee("B", hourly_cost=25)], [E], [slot(d, E) for d in range(5)], days=7,
                  rules={OVERTIME: off()})
    plan, report = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 5
    assert "overtime" not in report.costs


def test_solver_caps_weekly_hours_when_one_person_may_work_several_shifts_a_day():
    shifts = [E, L, N]
    sc = scenario([employee("A", max_hours_week=120, overtime_after_hours_week=150)], shifts,
                  [slot(d, s) for d in range(7) for s in shifts], days=7,
                  rules={"one_shift_per_day": off()})
    plan, report = solve_and_check(sc)
    assert len(plan.assignments) == 15  # 120 h of 8-hour shifts
    assert report.costs["overtime"] == 0
