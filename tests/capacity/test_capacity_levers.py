"""One small hand-computed plan per lever, whose optimum is worked out in the docstring.

A full-time week is 40 h at 10 an hour: 400 a head. Groups have no lever unless the test
gives one (no hiring, releases at a prohibitive price). Every plan passes the checker
(`solve_checked`), including the plan read back from its files where a `tmp_path` is given.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from capacity_helpers import WEEK_PAY, approx, fte, group, nonzero, plan_data, solve_checked

from planner.capacity import Transition, weekly_table

# --- hiring -----------------------------------------------------------------------------------


def test_hires_start_when_the_lead_time_allows_and_are_decided_that_much_earlier(tmp_path: Path) -> None:
    """Need 10, 10, 12, 12 with 10 people; a hire takes 2 weeks: offer 2 in week 1, start in
    week 3. Cost 44 head-weeks x 400 + 2 x 100 = 17,800."""
    data = plan_data([group(hire_max=None, hire_cost=100, hire_lead_weeks=2)], fte([10, 10, 12, 12]))
    plan, check = solve_checked(data, tmp_path)
    assert nonzero(plan.hires) == {("a", 3): 2}
    assert check.total_cost == approx(44 * WEEK_PAY + 200)
    weekly = weekly_table(data, plan, check)
    assert weekly["hires_to_decide"].tolist() == [2, 0, 0, 0]


def test_a_longer_lead_time_bridges_the_gap_with_temps() -> None:
    """Same need with a 3-week lead time: hires can only start in week 4, so week 3 needs
    80 temp hours at 30. Cost 42 x 400 + 200 + 2,400 = 19,400."""
    data = plan_data(
        [group(hire_max=None, hire_cost=100, hire_lead_weeks=3, temp_max_hours=80, temp_cost=30)],
        fte([10, 10, 12, 12]),
    )
    plan, check = solve_checked(data)
    assert nonzero(plan.hires) == {("a", 4): 2}
    assert nonzero(plan.temp_hours) == {("a", 3): approx(80)}
    assert check.total_cost == approx(42 * WEEK_PAY + 200 + 2400)


def test_hire_max_caps_the_starters_per_week() -> None:
    """Need 13 from week 2 with 10 people and at most 2 starters a week: 1 starts a week early,
    2 in week 2. Cost (11 + 13 + 13) x 400 = 14,800."""
    data = plan_data([group(hire_max=2)], fte([10, 13, 13]))
    plan, check = solve_checked(data)
    assert nonzero(plan.hires) == {("a", 1): 1, ("a", 2): 2}
    assert check.total_cost == approx(37 * WEEK_PAY)


def test_new_starters_ramp_up_before_they_count_in_full() -> None:
    """Need 10, 11, 11; a new starter gives half a head in the first week; temps cost 15/h.
    Hiring 1 in week 2 and 20 temp hours that week (1,100) beats hiring in week 1 (1,200) or
    temps alone (1,200). Cost 30 x 400 + 1,100 = 13,100."""
    data = plan_data(
        [group(hire_max=None, ramp_up_weeks=1, ramp_up_productivity=0.5, temp_max_hours=40, temp_cost=15)],
        fte([10, 11, 11]),
    )
    plan, check = solve_checked(data)
    assert nonzero(plan.hires) == {("a", 2): 1}
    assert nonzero(plan.temp_hours) == {("a", 2): approx(20)}
    assert check.total_cost == approx(30 * WEEK_PAY + 1100)
    assert [check.flows["a", week].ramping for week in (1, 2, 3)] == [0, 1, 0]


# --- attrition --------------------------------------------------------------------------------


def test_established_staff_leave_at_the_attrition_rate_every_week() -> None:
    """100 people losing 10 % a week: 90, 81, 72.9 at the week ends; nothing else can change."""
    data = plan_data([group(headcount=100, attrition=0.1)], fte([70, 70, 70]))
    plan, check = solve_checked(data)
    assert [plan.headcount["a", week] for week in (1, 2, 3)] == [approx(90), approx(81), approx(72.9)]
    assert [check.flows["a", week].leavers for week in (1, 2, 3)] == [approx(10), approx(9), approx(8.1)]
    assert check.total_cost == approx((90 + 81 + 72.9) * WEEK_PAY)


def test_new_starters_lose_their_first_week_rate_then_the_established_one() -> None:
    """From nobody, need 2 a week; half the starters leave in their first week, 10 % of the
    established staff every week. Week 1: 4 hires -> 2. Week 2: 0.9 x 2 + 0.5 x 1 = 2.3."""
    data = plan_data([group(headcount=0, hire_max=None, attrition_new=0.5, attrition=0.1)], fte([2, 2]))
    plan, check = solve_checked(data)
    assert nonzero(plan.hires) == {("a", 1): 4, ("a", 2): 1}
    assert [plan.headcount["a", 1], plan.headcount["a", 2]] == [approx(2), approx(2.3)]
    assert check.total_cost == approx(4.3 * WEEK_PAY)


def test_without_whole_people_the_plan_hires_fractions() -> None:
    """The same as a linear programme: 4 and 0.4 hires, 2 people each week."""
    data = plan_data([group(headcount=0, hire_max=None, attrition_new=0.5, attrition=0.1)], fte([2, 2]),
                     integer=False)
    plan, check = solve_checked(data)
    assert nonzero(plan.hires) == {("a", 1): approx(4), ("a", 2): approx(0.4)}
    assert check.total_cost == approx(4 * WEEK_PAY)


# --- moves between groups ---------------------------------------------------------------------


def _retraining(**move: object) -> tuple:
    groups = [group("a", 5), group("b", 3, temp_max_hours=80, temp_cost=20)]
    required = {**fte([3, 3, 3], "a"), **fte([5, 5, 5], "b")}
    return groups, required, Transition("a", "b", cost=100, duration_weeks=1, **move)


def test_retraining_moves_surplus_people_to_the_short_group(tmp_path: Path) -> None:
    """a has 2 people too many, b 2 too few (temps at 20/h). A 1-week course started in week 1
    brings both over for week 2; week 1 needs 80 temp hours. Wages 3 x 400 x 3 + 2 on the
    course (paid by a) + b's 3, 5, 5; total 4,400 + 5,200 + 1,600 + 200 = 11,400."""
    groups, required, move = _retraining()
    plan, check = solve_checked(plan_data(groups, required, [move]), tmp_path)
    assert nonzero(plan.moves) == {("a>b", 1): 2}
    assert nonzero(plan.temp_hours) == {("b", 1): approx(80)}
    assert check.flows["a", 1].in_training == 2
    assert check.flows["b", 2].arrived == 2
    assert check.total_cost == approx(11400)


def test_retraining_is_capped_by_a_fraction_of_the_receiving_headcount() -> None:
    """At most half of b's end-of-week headcount may start: 1 in week 1 (b has 3), 1 in week 2
    (b has 4). Temps 80 + 40 h. Cost (5 + 4 + 3 + 3 + 4 + 5) x 400 + 2,400 + 200 = 12,200."""
    groups, required, move = _retraining(max_fraction=0.5)
    plan, check = solve_checked(plan_data(groups, required, [move]))
    assert nonzero(plan.moves) == {("a>b", 1): 1, ("a>b", 2): 1}
    assert nonzero(plan.temp_hours) == {("b", 1): approx(80), ("b", 2): approx(40)}
    assert check.total_cost == approx(12200)


def test_retraining_is_capped_per_week() -> None:
    """At most 1 a week: the same moves as the fraction cap above, at the same cost."""
    groups, required, move = _retraining(max_per_week=1)
    plan, check = solve_checked(plan_data(groups, required, [move]))
    assert nonzero(plan.moves) == {("a>b", 1): 1, ("a>b", 2): 1}
    assert check.total_cost == approx(12200)


def _down(down: bool) -> tuple:
    groups = [group("hi", 12), group("lo", 0, attrition=0.1)]
    required = {**fte([8], "hi"), **fte([2], "lo")}
    return groups, required, Transition("hi", "lo", down=down, loss=0.5 if down else 0.0)


def test_moves_down_lose_their_own_fraction_and_no_other_attrition() -> None:
    """hi has 4 too many, lo needs 2; half of those moved down leave. Exactly 4 must move (2
    arrive, hi keeps 8); lo's 10 % attrition does not touch them. Cost 10 x 400."""
    groups, required, move = _down(True)
    plan, check = solve_checked(plan_data(groups, required, [move]))
    assert nonzero(plan.moves) == {("hi>lo", 1): 4}
    assert plan.headcount["lo", 1] == approx(2)
    assert check.flows["lo", 1].arrival_loss == approx(2)
    assert check.total_cost == approx(10 * WEEK_PAY)


def test_people_retrained_in_lose_the_receiving_groups_attrition() -> None:
    """As a retraining move, arrivals lose lo's 10 %: at least 3 must move (2.7 arrive); moving
    the 4th as well costs less (hi 8 + lo 3.6 = 11.6 heads instead of 9 + 2.7)."""
    groups, required, move = _down(False)
    plan, check = solve_checked(plan_data(groups, required, [move]))
    assert nonzero(plan.moves) == {("hi>lo", 1): 4}
    assert plan.headcount["lo", 1] == approx(3.6)
    assert check.total_cost == approx(11.6 * WEEK_PAY)


# --- releases, overstaffing, part-time --------------------------------------------------------


def test_cheap_releases_happen_in_the_first_week() -> None:
    """4 people too many for 4 weeks; releasing one costs 500 and saves 1,600 of wages.
    Cost 6 x 400 x 4 + 4 x 500 = 11,600."""
    data = plan_data([group(release_cost=500)], fte([6, 6, 6, 6]))
    plan, check = solve_checked(data)
    assert nonzero(plan.releases) == {("a", 1): 4}
    assert check.total_cost == approx(11600)


def test_dear_releases_do_not_happen() -> None:
    """At 2,000 a release costs more than the 1,600 it saves: keep all 10. Cost 16,000."""
    data = plan_data([group(release_cost=2000)], fte([6, 6, 6, 6]))
    plan, check = solve_checked(data)
    assert nonzero(plan.releases) == {}
    assert check.total_cost == approx(16000)


def _overstaffed() -> list:
    return [group("g1", 10, release_cost=1000, overstaff_cost=5),
            group("g2", 10, release_cost=800, overstaff_cost=5)]


def test_overstaffing_is_costed_per_fte_above_the_requirement() -> None:
    """One week, g1 2 and g2 1 over; releases cost more than a week's pay: keep everyone.
    Cost 20 x 400 + 3 x 5 = 8,015."""
    data = plan_data(_overstaffed(), {**fte([8], "g1"), **fte([9], "g2")})
    plan, check = solve_checked(data)
    assert nonzero(plan.releases) == {}
    assert check.costs["overstaffing"] == approx(15)
    assert check.total_cost == approx(8015)


def test_the_company_overstaffing_cap_forces_the_cheapest_release() -> None:
    """With at most 2 FTE over in all groups, one person must go: from g2 (800, leaves g1 2
    over at 10) rather than g1 (1,000, leaves 2 x 5). Cost 19 x 400 + 800 + 10 = 8,410."""
    data = plan_data(_overstaffed(), {**fte([8], "g1"), **fte([9], "g2")}, max_overstaff_fte=2.0)
    plan, check = solve_checked(data)
    assert nonzero(plan.releases) == {("g2", 1): 1}
    assert check.total_cost == approx(8410)


def test_part_time_trims_pay_down_to_the_cap() -> None:
    """Need 8.5 with 10: each person on half time saves 200 - 50 = 150 a week; at most 2 may
    (10 - 1 = 9 FTE). Cost 2 x (9 x 400 + 100) = 7,400."""
    data = plan_data([group(part_time_max=2, part_time_productivity=0.5, part_time_cost=50)],
                     fte([8.5, 8.5]))
    plan, check = solve_checked(data)
    assert nonzero(plan.part_time) == {("a", 1): 2, ("a", 2): 2}
    assert check.total_cost == approx(7400)


def test_part_time_stops_where_the_requirement_would_be_missed() -> None:
    """With room for 4: 3 on half time give exactly 8.5 FTE; 4 would give 8. Cost
    2 x (8.5 x 400 + 150) = 7,100."""
    data = plan_data([group(part_time_max=4, part_time_productivity=0.5, part_time_cost=50)],
                     fte([8.5, 8.5]))
    plan, check = solve_checked(data)
    assert nonzero(plan.part_time) == {("a", 1): 3, ("a", 2): 3}
    assert check.total_cost == approx(7100)


# --- temps and overtime -----------------------------------------------------------------------


def test_temps_cover_what_the_staff_cannot() -> None:
    """Need 11 with 10: 40 temp hours at 20. Cost 4,000 + 800."""
    data = plan_data([group(temp_max_hours=40, temp_cost=20)], fte([11]))
    plan, check = solve_checked(data)
    assert nonzero(plan.temp_hours) == {("a", 1): approx(40)}
    assert check.total_cost == approx(4800)


def test_overtime_at_its_default_price_comes_before_dearer_temps() -> None:
    """Overtime at 1.5 x 10 = 15 up to 2 h a head (20 h), then temps at 20 (30 h cap).
    Cost 4,000 + 20 x 15 + 20 x 20 = 4,700."""
    data = plan_data([group(overtime_max_hours=2, temp_max_hours=30, temp_cost=20)], fte([11]))
    plan, check = solve_checked(data)
    assert nonzero(plan.overtime_hours) == {("a", 1): approx(20)}
    assert nonzero(plan.temp_hours) == {("a", 1): approx(20)}
    assert check.total_cost == approx(4700)


def test_dearer_overtime_only_tops_up_capped_temps() -> None:
    """Overtime at 25 is dearer than temps at 20: 30 temp hours (the cap), 10 overtime.
    Cost 4,000 + 600 + 250 = 4,850."""
    data = plan_data([group(overtime_max_hours=2, overtime_cost=25, temp_max_hours=30, temp_cost=20)],
                     fte([11]))
    plan, check = solve_checked(data)
    assert nonzero(plan.temp_hours) == {("a", 1): approx(30)}
    assert nonzero(plan.overtime_hours) == {("a", 1): approx(10)}
    assert check.total_cost == approx(4850)


# --- objectives -------------------------------------------------------------------------------


def _objectives(objective: str):
    """10 people, 6 needed for 4 weeks; releases 500; up to 4 on half time at 100 a week."""
    return plan_data([group(release_cost=500, part_time_max=4, part_time_productivity=0.5,
                            part_time_cost=100)], fte([6, 6, 6, 6]), objective=objective)


def test_least_cost_releases_the_surplus() -> None:
    """Releasing 4 (2,000 + 6 x 400 x 4 = 11,600) beats 2 releases and 4 on half time
    (12,200) and no release (14,400)."""
    plan, check = solve_checked(_objectives("cost"))
    assert nonzero(plan.releases) == {("a", 1): 4}
    assert plan.stage_values["cost"] == approx(11600)
    assert check.total_cost == approx(11600)


def test_fewest_releases_releases_nobody() -> None:
    """Nobody need go; the rest of the plan is any that keeps everyone."""
    plan, check = solve_checked(_objectives("releases"))
    assert nonzero(plan.releases) == {}
    assert plan.stage_values == {"releases": 0}
    assert check.stage_values["releases"] == 0


def test_lexicographic_keeps_everyone_at_the_least_cost() -> None:
    """No release, then the cheapest such plan: 4 on half time every week,
    4 x (8 x 400 + 400) = 14,400."""
    plan, check = solve_checked(_objectives("lexicographic"))
    assert nonzero(plan.releases) == {}
    assert nonzero(plan.part_time) == {("a", week): 4 for week in (1, 2, 3, 4)}
    assert plan.stage_values == {"releases": 0, "cost": approx(14400)}
    assert check.total_cost == approx(14400)


def test_lexicographic_releases_only_what_the_cap_forces() -> None:
    """With at most 1 FTE over and no part-time, 3 must go; then the cheapest plan releases
    them in week 1. 3 x 500 + 7 x 400 x 4 = 12,700 (least cost alone would release 4)."""
    data = dataclasses.replace(
        plan_data([group(release_cost=500)], fte([6, 6, 6, 6]), objective="lexicographic",
                  max_overstaff_fte=1.0))
    plan, check = solve_checked(data)
    assert nonzero(plan.releases) == {("a", 1): 3}
    assert check.total_cost == approx(12700)


# --- a requirement that cannot be met ---------------------------------------------------------


def test_an_impossible_requirement_comes_back_with_the_least_shortfall(tmp_path: Path) -> None:
    """5 people, 10 needed, no lever: status INFEASIBLE, 200 hours short, and the diagnosis
    plan still checks."""
    data = plan_data([group(headcount=5)], fte([10]))
    plan, check = solve_checked(data, tmp_path, status="INFEASIBLE")
    assert nonzero(plan.shortfall_hours) == {("a", 1): pytest.approx(200, abs=1e-3)}
    assert check.stage_values["shortfall"] == pytest.approx(5, abs=1e-4)
    assert "cannot be met" in plan.message
