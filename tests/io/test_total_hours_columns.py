"""The horizon-total contract columns: read from staff.csv and [contract], checked for a
minimum above the maximum."""

from __future__ import annotations

from collections.abc import Callable

from io_helpers import BASE_FILES, the_issue

from planner.io import LoadResult

Load = Callable[..., LoadResult]

STAFF = BASE_FILES["staff.csv"].replace(
    "max_shifts,site,trainable\n", "max_shifts,site,trainable,min_hours_total,max_hours_total\n"
)


def staff(ann: str = ",", bob: str = ",", cleo: str = ",") -> str:
    lines = STAFF.splitlines()
    return "\n".join([lines[0], lines[1] + "," + ann, lines[2] + "," + bob,
                      lines[3] + "," + cleo]) + "\n"


def test_total_hours_are_read_per_person_with_the_contract_default(load: Load) -> None:
    settings = BASE_FILES["scenario.toml"].replace("[contract]\n", "[contract]\nmax_hours_total = 100\n")
    result = load({"staff.csv": staff(ann="56,72.5", bob="10,"), "scenario.toml": settings})
    assert result.ok, [issue.message for issue in result.issues]
    ann, bob, cleo = result.scenario.employees
    assert (ann.contract.min_hours_total, ann.contract.max_hours_total) == (56.0, 72.5)
    assert (bob.contract.min_hours_total, bob.contract.max_hours_total) == (10.0, None)
    assert result.scenario.limit(bob, "max_hours_total") == 100.0
    assert result.scenario.limit(cleo, "min_hours_total") is None


def test_a_total_minimum_above_the_maximum_is_an_error(load: Load) -> None:
    issue = the_issue(load({"staff.csv": staff(ann="80,72")}), "error", "staff.csv", 2,
                      "min_hours_total", "80")
    assert "max_hours_total 72" in issue.message
