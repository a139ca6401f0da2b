"""The `sessions` column of training.csv: fixed course start dates, validated and built.

The base scenario's horizon is Mon 2026-03-02 to Sun 2026-03-08; its course C1 takes 2 days
between 2026-03-02 and 2026-03-06.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from io_helpers import BASE_FILES, issues_at, the_issue

from planner.io import LoadResult, format_issues
from planner.io.validate import CellError, parse_dates
from planner.schema import TABLES

Load = Callable[..., LoadResult]

HEAD = (
    "course_id,skill,days,cost,hours_per_day,max_trainees,prerequisite,earliest_start,latest_end,"
    "sessions\n"
)


def training(sessions: str, window: str = "2026-03-02,2026-03-06", days: int = 2) -> str:
    return HEAD + f"C1,email,{days},300,6,2,phone,{window},{sessions}\n"


def test_sessions_column_is_in_the_spec() -> None:
    column = TABLES["training.csv"].column("sessions")
    assert column.type == "dates" and not column.required


def test_parse_dates_sorts_and_drops_repeats() -> None:
    assert parse_dates("2026-03-04; 2026-03-02;2026-03-04;") == (dt.date(2026, 3, 2), dt.date(2026, 3, 4))
    assert parse_dates("") == ()
    with pytest.raises(CellError, match="2026-3-4"):
        parse_dates("2026-03-02;2026-3-4")


def test_sessions_are_built_into_the_course(load: Load) -> None:
    result = load({"training.csv": training("2026-03-04;2026-03-02")})
    assert result.ok and result.scenario is not None, format_issues(result.issues)
    assert issues_at(result, "training.csv") == []
    [course] = result.scenario.courses
    assert course.sessions == (dt.date(2026, 3, 2), dt.date(2026, 3, 4))


def test_no_sessions_column_or_empty_cell_means_any_weekday(load: Load) -> None:
    result = load()
    assert result.scenario is not None and result.scenario.courses[0].sessions == ()
    result = load({"training.csv": training("")})
    assert result.ok and result.scenario is not None
    assert result.scenario.courses[0].sessions == ()


@pytest.mark.parametrize("value", ["2026-3-04", "next monday", "2026-02-30"])
def test_unparsable_session_date_is_an_error(load: Load, value: str) -> None:
    result = load({"training.csv": training(f"2026-03-02;{value}")})
    issue = the_issue(result, "error", "training.csv", 2, "sessions", f"2026-03-02;{value}")
    assert value in issue.message and "YYYY-MM-DD" in issue.fix
    assert result.scenario is None


@pytest.mark.parametrize(
    ("sessions", "window", "bad", "words"),
    [
        ("2026-03-02;2026-03-16", "2026-03-02,2026-03-20", "2026-03-16", "outside the horizon"),
        ("2026-03-02;2026-03-07", ",", "2026-03-07", "Saturday"),
        ("2026-03-02;2026-03-08", ",", "2026-03-08", "Sunday"),
        ("2026-03-02;2026-03-04", "2026-03-03,2026-03-06", "2026-03-02", "before the course's earliest"),
        ("2026-03-02;2026-03-06", "2026-03-02,2026-03-06", "2026-03-06", "after the course's latest_end"),
        ("2026-03-02;2026-03-06", ",", "2026-03-06", "after the horizon"),
    ],
)
def test_unusable_session_is_a_warning(load: Load, sessions: str, window: str, bad: str, words: str) -> None:
    result = load({"training.csv": training(sessions, window)})
    issue = the_issue(result, "warning", "training.csv", 2, "sessions", bad)
    assert "cannot be used" in issue.message and words in issue.message, issue.message
    assert "delete the date" in issue.fix
    assert result.ok and result.scenario is not None
    [course] = result.scenario.courses
    assert bad in {d.isoformat() for d in course.sessions}  # kept; the engine skips it


def test_session_ending_after_latest_end_counts_weekdays(load: Load) -> None:
    # Thu 2026-03-05 + 3 weekdays ends Mon 2026-03-09 (after the weekend).
    result = load({"training.csv": training("2026-03-05", "2026-03-02,2026-03-08", days=3)})
    issue = the_issue(result, "warning", "training.csv", 2, "sessions", "2026-03-05")
    assert "2026-03-09" in issue.message and "only session, so nobody can take" in issue.message


def test_no_usable_session_left_says_so(load: Load) -> None:
    result = load({"training.csv": training("2026-03-07;2026-03-08", ",")})
    found = issues_at(result, "training.csv", 2, "sessions")
    assert [i.value for i in found] == ["2026-03-07", "2026-03-08", "2026-03-07;2026-03-08"]
    assert "nobody can take this course" in found[-1].message and found[-1].fix
    assert all(i.severity == "warning" for i in found)


def test_base_training_file_still_has_no_issues(load: Load) -> None:
    assert issues_at(load({"training.csv": BASE_FILES["training.csv"]}), "training.csv") == []
