"""The independent evaluator scores rosters as FORMAT.md says: the worked example of
Instance1 (607) and the edge rules of its toy illustration."""

from __future__ import annotations

import pytest

from planner.bench.curtois import grid_from_rows, load_instance, parse_instance
from planner.bench.evaluate import evaluate

WORKED_EXAMPLE = (  # FORMAT.md section 7, staff A-H, days 0-13
    "- D D D D - - D D D - - D D",
    "D D D D D - - D D - - D D -",
    "D D D - - D D - - D D - - -",
    "D D - - - D D D D D - - - -",
    "- D D D D - - D D - - D D D",
    "D D D - - - - D D - - D D D",
    "- - D D D - - D D - - D D D",
    "D D - - D D - - D D D D - -",
)


def toy(min_shifts: int = 2, min_off: int = 2, max_shifts: int = 3, max_weekends: int = 1):
    """FORMAT.md's toy: one person, one shift D, H = 7, no requests, no cover."""
    return parse_instance(
        "SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\n"
        f"A,D=7,10000,0,{max_shifts},{min_shifts},{min_off},{max_weekends}\n"
        "SECTION_DAYS_OFF\nA\nSECTION_SHIFT_ON_REQUESTS\nSECTION_SHIFT_OFF_REQUESTS\n"
        "SECTION_COVER\n",
        "toy",
    )


def test_the_worked_example_scores_607():
    instance = load_instance(1)
    evaluation = evaluate(instance, grid_from_rows(instance, WORKED_EXAMPLE))
    assert evaluation.hard_violations == ()
    assert (evaluation.cover_under, evaluation.cover_over) == (600, 0)
    assert (evaluation.on_requests, evaluation.off_requests) == (4, 3)
    assert evaluation.penalty == 607


@pytest.mark.parametrize(
    ("row", "broken"),
    [
        ("D - - D D D -", {}),  # single D on day 0 and single - on day 6 touch the borders
        ("- D - - D D -", {"min_consecutive_shifts": 1}),  # 1-day run inside the horizon
        ("D D D D - - -", {"max_consecutive_shifts": 1}),  # edges never exempt from maxima
        ("D D - D D - -", {"min_consecutive_days_off": 1}),  # 1-day break inside
        ("D D - - - D D", {}),  # one weekend, worked on both days, counts once
    ],
)
def test_the_edge_rules_of_the_toy_illustration(row, broken):
    instance = toy()
    assert evaluate(instance, grid_from_rows(instance, [row])).count_by_rule() == broken


def test_weekends_total_minutes_shift_limits_days_off_and_successions():
    instance = parse_instance(
        "SECTION_HORIZON\n14\nSECTION_SHIFTS\nE,480,\nN,720,E|N\nSECTION_STAFF\n"
        "A,E=14|N=1,4000,2400,14,1,1,1\nSECTION_DAYS_OFF\nA,3\n"
        "SECTION_SHIFT_ON_REQUESTS\nA,0,E,2\nSECTION_SHIFT_OFF_REQUESTS\nA,1,N,3\n"
        "SECTION_COVER\n0,E,2,100,1\n1,N,0,100,1\n",
        "small",
    )
    grid = grid_from_rows(instance, ["N N E E - E E - - - - - E E"])
    evaluation = evaluate(instance, grid)
    assert evaluation.count_by_rule() == {
        "shift_succession": 2,  # N then N (days 0-1), N then E (days 1-2)
        "max_shifts": 1,  # 2 nights > 1
        "total_minutes": 1,  # 2 x 720 + 6 x 480 = 4320 min > 4000
        "max_weekends": 1,  # weekends 0 and 1 both worked
        "days_off": 1,  # day 3
    }
    # Requests: the E wanted on day 0 is missed (2); the N on day 1 was asked off (3).
    # Cover: 2 wanted on E day 0, none there (200); 1 surplus on N day 1 (1).
    assert (evaluation.on_requests, evaluation.off_requests) == (2, 3)
    assert (evaluation.cover_under, evaluation.cover_over) == (200, 1)
    assert evaluation.penalty == 206
