"""Working days: per week, in a row (maximum and minimum), days off in a row, weekends.

The horizon starts on Monday 2 March 2026, so days 5 and 6 are the first weekend.
"""

import itertools

from ortools.sat.python import cp_model

from planner.check import check_plan
from planner.costs import fixed, per_hour
from planner.engine.solve import build_model
from tests.conftest import days_worked, of_rule, solve_and_check
from tests.factories import employee, off, roster, scenario, shift, slot, soft

E = shift("E", "06:00", "14:00")
N = shift("N", "22:00", "06:00")
PER_WEEK = "max_days_per_week"
MAX_RUN = "max_consecutive_days"
MIN_RUN = "min_consecutive_days"
MIN_OFF = "min_consecutive_days_off"
WEEKENDS = "max_weekends"


def on(*days: int, employee_id: str = "A"):
    """A roster with the employee on the early shift on these days."""
    return roster(*((employee_id, day, "E") for day in days))


def every_day(days: int):
    return [slot(d, E) for d in range(days)]


# Maximum days per week


def test_a_sixth_day_in_a_five_day_week_is_one_breach():
    sc = scenario([employee("A", max_days_week=5)], [E], days=14)
    [breach] = of_rule(check_plan(sc, on(0, 1, 2, 3, 4, 5, 8)), PER_WEEK)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 1, "A", 0)


def test_extra_days_in_a_week_when_soft_cost_the_weight_per_day():
    sc = scenario([employee("A", max_days_week=4)], [E], days=7, rules={PER_WEEK: soft(3)})
    [breach] = of_rule(check_plan(sc, on(0, 1, 2, 3, 4, 5)), PER_WEEK)
    assert (breach.quantity, breach.cost_units) == (2, fixed(6))


def test_days_per_week_are_counted_week_by_week():
    sc = scenario([employee("A", max_days_week=4)], [E], days=14)
    assert of_rule(check_plan(sc, on(3, 4, 5, 6, 7, 8, 9, 10)), PER_WEEK) == []


def test_solver_gives_a_colleague_the_days_beyond_the_weekly_maximum():
    sc = scenario([employee("A", max_days_week=5), employee("B", hourly_cost=30)], [E],
                  every_day(7), days=7)
    plan, _ = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 5 and len(days_worked(plan, "B")) == 2


def test_solver_takes_extra_soft_days_when_cheaper_and_prices_them():
    sc = scenario([employee("A", max_days_week=5), employee("B", hourly_cost=30)], [E],
                  every_day(7), days=7, rules={PER_WEEK: soft(50)})
    plan, report = solve_and_check(sc)  # 50 per extra day < 80 extra wage for B
    assert len(days_worked(plan, "A")) == 7
    assert plan.stats.costs["penalties"] == fixed(100)
    assert of_rule(report, PER_WEEK)[0].quantity == 2


def test_days_per_week_off_lets_a_person_work_all_week():
    sc = scenario([employee("A", max_days_week=5), employee("B", hourly_cost=30)], [E],
                  every_day(7), days=7, rules={PER_WEEK: off()})
    plan, _ = solve_and_check(sc)
    assert len(days_worked(plan, "A")) == 7


# Maximum consecutive days


def test_a_run_longer_than_the_maximum_breaches_once_per_extra_day():
    sc = scenario([employee("A", max_consecutive_days=4)], [E], days=10)
    [breach] = of_rule(check_plan(sc, on(1, 2, 3, 4, 5, 6, 8)), MAX_RUN)
    assert (breach.quantity, breach.day, breach.employee_id) == (2, 1, "A")


def test_each_long_run_is_its_own_breach_and_soft_runs_cost_per_day():
    sc = scenario([employee("A", max_consecutive_days=2)], [E], days=8, rules={MAX_RUN: soft(5)})
    report = check_plan(sc, on(0, 1, 2, 4, 5, 6, 7))
    assert [(v.day, v.quantity, v.cost_units) for v in of_rule(report, MAX_RUN)] == [
        (0, 1, fixed(5)), (4, 2, fixed(10))]


def test_runs_at_the_maximum_are_no_breach():
    sc = scenario([employee("A", max_consecutive_days=3)], [E], days=7)
    assert of_rule(check_plan(sc, on(0, 1, 2, 4, 5, 6)), MAX_RUN) == []


def test_solver_breaks_a_run_at_the_maximum():
    sc = scenario([employee("A", max_consecutive_days=3), employee("B", hourly_cost=30)], [E],
                  every_day(7), days=7)
    plan, _ = solve_and_check(sc)
    assert days_worked(plan, "A") == [0, 1, 2, 4, 5, 6]


def test_solver_runs_past_a_soft_maximum_when_cheaper_and_prices_it():
    sc = scenario([employee("A", max_consecutive_days=3), employee("B", hourly_cost=30)], [E],
                  every_day(7), days=7, rules={MAX_RUN: soft(15)})
    plan, report = solve_and_check(sc)  # 4 extra days x 15 < 80 extra wage for B
    assert days_worked(plan, "A") == list(range(7))
    assert plan.stats.costs["penalties"] == fixed(60)
    assert of_rule(report, MAX_RUN)[0].quantity == 4


def test_max_consecutive_days_off_allows_long_runs():
    sc = scenario([employee("A", max_consecutive_days=3), employee("B", hourly_cost=30)], [E],
                  every_day(7), days=7, rules={MAX_RUN: off()})
    plan, _ = solve_and_check(sc)
    assert days_worked(plan, "A") == list(range(7))


# Minimum consecutive days


def test_a_short_run_inside_the_horizon_breaches_by_the_missing_days():
    sc = scenario([employee("A", min_consecutive_days=3)], [E], days=7)
    [breach] = of_rule(check_plan(sc, on(3)), MIN_RUN)
    assert (breach.hard, breach.quantity, breach.employee_id, breach.day) == (True, 2, "A", 3)


def test_short_runs_touching_either_end_of_the_horizon_are_exempt():
    sc = scenario([employee("A", min_consecutive_days=3)], [E], days=7)
    assert of_rule(check_plan(sc, on(0, 6)), MIN_RUN) == []
    assert of_rule(check_plan(sc, on(0, 1, 5, 6)), MIN_RUN) == []


def test_a_soft_short_run_costs_the_weight_per_missing_day():
    sc = scenario([employee("A", min_consecutive_days=4)], [E], days=7, rules={MIN_RUN: soft(2)})
    [breach] = of_rule(check_plan(sc, on(2, 3)), MIN_RUN)
    assert (breach.quantity, breach.cost_units) == (2, fixed(4))


def test_solver_lengthens_a_run_to_the_minimum():
    sc = scenario([employee("A", min_consecutive_days=2)], [E], [slot(3, E)], days=7)
    plan, report = solve_and_check(sc)  # a second day's wage (160) < the shortfall (800)
    assert len(days_worked(plan, "A")) == 2 and 3 in days_worked(plan, "A")
    assert of_rule(report, MIN_RUN) == []


def test_solver_works_a_short_run_at_the_horizons_end_without_breach():
    sc = scenario([employee("A", min_consecutive_days=3)], [E], [slot(6, E)], days=7)
    plan, _ = solve_and_check(sc)
    assert days_worked(plan, "A") == [6]


def test_solver_takes_a_soft_short_run_when_cheaper_and_prices_it():
    sc = scenario([employee("A", min_consecutive_days=2)], [E], [slot(3, E)], days=7,
                  rules={MIN_RUN: soft(100)})
    plan, report = solve_and_check(sc)  # 100 < a second day's wage
    assert days_worked(plan, "A") == [3]
    assert plan.stats.costs["penalties"] == fixed(100)
    assert len(of_rule(report, MIN_RUN)) == 1


def test_min_consecutive_days_off_allows_single_days():
    sc = scenario([employee("A", min_consecutive_days=2)], [E], [slot(3, E)], days=7,
                  rules={MIN_RUN: off()})
    plan, _ = solve_and_check(sc)
    assert days_worked(plan, "A") == [3]


# Minimum consecutive days off


def test_a_single_day_off_between_work_breaches_a_two_day_minimum():
    sc = scenario([employee("A", min_days_off_in_row=2)], [E], days=7)
    [breach] = of_rule(check_plan(sc, on(0, 1, 3, 4)), MIN_OFF)
    assert (breach.hard, breach.quantity, breach.day) == (True, 1, 2)


def test_days_off_at_either_end_of_the_horizon_are_exempt():
    sc = scenario([employee("A", min_days_off_in_row=3)], [E], days=7)
    assert of_rule(check_plan(sc, on(1, 2, 3, 4, 5)), MIN_OFF) == []


def test_a_night_shift_ends_the_next_morning_but_the_next_day_still_counts_as_off():
    sc = scenario([employee("A", min_days_off_in_row=2)], [N], days=5)
    assert of_rule(check_plan(sc, roster(("A", 0, "N"), ("A", 3, "N"))), MIN_OFF) == []


def test_solver_fills_a_single_day_off_rather_than_leave_demand_short():
    sc = scenario([employee("A", min_days_off_in_row=2)], [E],
                  [slot(d, E) for d in (0, 1, 3, 4)], days=5)
    plan, report = solve_and_check(sc)  # working day 2 (160) < losing a day (800)
    assert days_worked(plan, "A") == [0, 1, 2, 3, 4]
    assert report.costs["wages"] == 5 * per_hour(20, 8 * 60)


def test_solver_takes_a_soft_single_day_off_and_prices_it():
    sc = scenario([employee("A", min_days_off_in_row=2)], [E],
                  [slot(d, E) for d in (0, 1, 3, 4)], days=5, rules={MIN_OFF: soft(10)})
    plan, report = solve_and_check(sc)
    assert days_worked(plan, "A") == [0, 1, 3, 4]
    assert plan.stats.costs["penalties"] == fixed(10)
    assert len(of_rule(report, MIN_OFF)) == 1


def test_the_days_off_cut_keeps_every_roster_the_two_run_rules_allow():
    """The redundant window cut (at most 3 days of work in any 5 days in a row, from a
    3-day maximum and a 2-day minimum off) removes no roster that both rules accept: each
    of the 2^10 patterns is put to the model through assumptions on its day literals."""
    sc = scenario([employee("A", max_consecutive_days=3, min_days_off_in_row=2)], [E], days=10)
    ctx = build_model(sc)
    literals = ctx.vars.day_literals("A")
    allowed = rejected = 0
    for bits in itertools.product((False, True), repeat=10):
        report = check_plan(sc, on(*(d for d, worked in enumerate(bits) if worked)))
        valid = not of_rule(report, MAX_RUN) and not of_rule(report, MIN_OFF)
        ctx.model.clear_assumptions()
        ctx.model.add_assumptions(
            [lit if worked else lit.Not() for lit, worked in zip(literals, bits, strict=True)]
        )
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        feasible = solver.solve(ctx.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        assert feasible == valid, bits
        allowed += valid
        rejected += not valid
    assert allowed > 50 and rejected > 50
    windows = [c.linear for c in ctx.model.proto.constraints
               if c.has_linear() and len(c.linear.vars) == 5 and list(c.linear.domain)[-1] == 3]
    assert len(windows) == 10 - 5 + 1


def test_min_days_off_off_allows_a_single_day_off():
    sc = scenario([employee("A", min_days_off_in_row=2)], [E],
                  [slot(d, E) for d in (0, 1, 3, 4)], days=5, rules={MIN_OFF: off()})
    plan, _ = solve_and_check(sc)
    assert days_worked(plan, "A") == [0, 1, 3, 4]


# Maximum weekends


def test_a_weekend_beyond_the_maximum_is_one_breach_and_saturday_with_sunday_count_once():
    sc = scenario([employee("A", max_weekends=1)], [E], days=14)
    [breach] = of_rule(check_plan(sc, on(5, 6, 13)), WEEKENDS)
    assert (breach.hard, breach.quantity, breach.employee_id) == (True, 1, "A")
    assert of_rule(check_plan(sc, on(5, 6)), WEEKENDS) == []


def test_a_soft_weekend_costs_the_weight():
    sc = scenario([employee("A", max_weekends=0)], [E], days=7, rules={WEEKENDS: soft(9)})
    [breach] = of_rule(check_plan(sc, on(6)), WEEKENDS)
    assert breach.cost_units == fixed(9)


def test_a_horizon_starting_on_sunday_has_a_one_day_first_weekend():
    sc = scenario([employee("A", max_weekends=1)], [E], days=8)
    sunday = scenario([employee("A", max_weekends=1)], [E], days=8,
                      start_date=sc.settings.start_date.replace(day=1))
    assert sunday.weekends == ((0,), (6, 7))
    assert len(of_rule(check_plan(sunday, on(0, 7)), WEEKENDS)) == 1


def test_solver_limits_weekends_and_keeps_both_days_of_the_one_it_works():
    sc = scenario([employee("A", max_weekends=1), employee("B", hourly_cost=30)], [E],
                  [slot(d, E) for d in (5, 6, 12, 13)], days=14)
    plan, _ = solve_and_check(sc)
    assert days_worked(plan, "A") in ([5, 6], [12, 13])


def test_solver_works_a_soft_extra_weekend_when_cheaper_and_prices_it():
    sc = scenario([employee("A", max_weekends=1), employee("B", hourly_cost=30)], [E],
                  [slot(d, E) for d in (5, 6, 12, 13)], days=14, rules={WEEKENDS: soft(100)})
    plan, report = solve_and_check(sc)  # 100 < 2 x 80 extra wage for B
    assert days_worked(plan, "A") == [5, 6, 12, 13]
    assert plan.stats.costs["penalties"] == fixed(100)
    assert len(of_rule(report, WEEKENDS)) == 1


def test_max_weekends_off_allows_every_weekend():
    sc = scenario([employee("A", max_weekends=1), employee("B", hourly_cost=30)], [E],
                  [slot(d, E) for d in (5, 6, 12, 13)], days=14, rules={WEEKENDS: off()})
    plan, _ = solve_and_check(sc)
    assert days_worked(plan, "A") == [5, 6, 12, 13]
