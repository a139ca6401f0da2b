"""Key figures of a plan as tidy frames: coverage, hours per person, costs, rule breaches.

Pure functions of a scenario, a plan and the checker's report; no Streamlit here (the UI
pages and `summary.json` both read these). Staff-hours weigh each demand row by its length,
so a 15-minute interval counts a quarter of an hour; money is rounded to cents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from planner import costs
from planner.check import CheckReport
from planner.domain import Plan, Scenario
from planner.rules import RULES_BY_NAME
from planner.rules.view import RosterView

EMPLOYEE_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "name",
    "shifts",
    "paid_hours",
    "weekends",
    "wage_cost",
)
COVERAGE_DAY_COLUMNS: tuple[str, ...] = (
    "date",
    "skill",
    "required_hours",
    "covered_hours",
    "short_hours",
    "surplus_hours",
    "covered_pct",
)
COST_COLUMNS: tuple[str, ...] = ("kind", "cost")
VIOLATION_COLUMNS: tuple[str, ...] = ("rule", "label", "hard", "count", "quantity", "unit", "cost")


def _cents(units: float) -> float:
    return round(costs.to_money(units), 2) + 0.0


def _pct(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 2) if whole else 100.0


@dataclass(frozen=True)
class CoverageTotals:
    """Staff-hours over the whole horizon; `covered` counts no more than is required."""

    required_hours: float
    covered_hours: float
    short_hours: float
    surplus_hours: float

    @property
    def covered_pct(self) -> float:
        return _pct(self.covered_hours, self.required_hours)


def coverage_by_day_skill(scenario: Scenario, plan: Plan, view: RosterView | None = None) -> pd.DataFrame:
    """Staff-hours required, covered, short and surplus per date and skill."""
    view = view or RosterView(scenario, plan)
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for demand in scenario.demand:
        staff, temps = view.cover[demand.demand_id]
        have = staff + temps
        hours = demand.hours
        cell = sums[scenario.settings.date_of(demand.day).isoformat(), demand.skill]
        cell[0] += demand.required * hours
        cell[1] += min(have, demand.required) * hours
        cell[2] += max(0, demand.required - have) * hours
        cell[3] += max(0, have - demand.required) * hours
    rows = [
        {
            "date": date,
            "skill": skill,
            "required_hours": required,
            "covered_hours": covered,
            "short_hours": short,
            "surplus_hours": surplus,
            "covered_pct": _pct(covered, required),
        }
        for (date, skill), (required, covered, short, surplus) in sorted(sums.items())
    ]
    return pd.DataFrame.from_records(rows, columns=list(COVERAGE_DAY_COLUMNS))


def coverage_totals(scenario: Scenario, plan: Plan, view: RosterView | None = None) -> CoverageTotals:
    frame = coverage_by_day_skill(scenario, plan, view)
    return CoverageTotals(
        required_hours=round(float(frame["required_hours"].sum()), 2),
        covered_hours=round(float(frame["covered_hours"].sum()), 2),
        short_hours=round(float(frame["short_hours"].sum()), 2),
        surplus_hours=round(float(frame["surplus_hours"].sum()), 2),
    )


def employee_hours(scenario: Scenario, plan: Plan, view: RosterView | None = None) -> pd.DataFrame:
    """One row per employee (all of them, in `staff.csv` order): shifts, paid hours,
    weekends worked and straight-time wage cost over the horizon."""
    view = view or RosterView(scenario, plan)
    rows = []
    for employee in scenario.employees:
        e = employee.employee_id
        assignments = view.assignments(e)
        flags = view.worked_days(e)
        wage = sum(costs.shift_wage(employee, scenario.shift(a.shift_id)) for a in assignments)
        rows.append(
            {
                "employee_id": e,
                "name": employee.name,
                "shifts": len(assignments),
                "paid_hours": view.paid_minutes(e, scenario.days) / 60,
                "weekends": sum(any(flags[d] for d in days) for days in scenario.weekends),
                "wage_cost": _cents(wage),
            }
        )
    return pd.DataFrame.from_records(rows, columns=list(EMPLOYEE_COLUMNS))


def spread(values: pd.Series) -> dict[str, float]:
    """Min, mean and max of a column (all 0 when it is empty)."""
    if values.empty:
        return {"min": 0.0, "mean": 0.0, "max": 0.0}
    return {
        "min": round(float(values.min()), 2),
        "mean": round(float(values.mean()), 2),
        "max": round(float(values.max()), 2),
    }


def cost_by_kind(report: CheckReport) -> pd.DataFrame:
    """Money by cost kind (wages, overtime, temps, shortfall, surplus, penalties, ...)."""
    rows = [{"kind": kind, "cost": _cents(units)} for kind, units in sorted(report.costs.items())]
    return pd.DataFrame.from_records(rows, columns=list(COST_COLUMNS))


def violations_by_rule(report: CheckReport) -> pd.DataFrame:
    """One row per rule (and hardness) that is breached: how often, how much, at what price."""
    groups: dict[tuple[str, bool], list[float]] = defaultdict(lambda: [0, 0.0, 0])
    units: dict[str, str] = {}
    for violation in report.violations:
        cell = groups[violation.rule, violation.hard]
        cell[0] += 1
        cell[1] += violation.quantity
        cell[2] += 0 if violation.hard else violation.cost_units
        units[violation.rule] = violation.unit
    rows = [
        {
            "rule": rule,
            "label": RULES_BY_NAME[rule].label if rule in RULES_BY_NAME else rule,
            "hard": hard,
            "count": int(count),
            "quantity": round(quantity, 2),
            "unit": units[rule],
            "cost": _cents(price),
        }
        for (rule, hard), (count, quantity, price) in sorted(
            groups.items(), key=lambda item: (not item[0][1], item[0][0])
        )
    ]
    return pd.DataFrame.from_records(rows, columns=list(VIOLATION_COLUMNS))


def variant_coverage_chart(coverage: pd.DataFrame, *, height: int = 140) -> object:
    """Required (dashed) and scheduled (solid) heads over time, summed over skills, one
    panel per variant: the chart of `planner compare` and the browser's comparison page.
    `coverage` is `planner.demand.levers.Comparison.coverage`."""
    import altair as alt

    frame = coverage.groupby(["variant", "start_at"], sort=False, as_index=False)[
        ["required", "scheduled"]].sum()
    order = list(dict.fromkeys(coverage["variant"]))
    long = frame.melt(id_vars=["variant", "start_at"], value_vars=["required", "scheduled"],
                      var_name="heads", value_name="count")
    long["start_at"] = pd.to_datetime(long["start_at"])
    kinds, colours, dashes = ["required", "scheduled"], ["#888888", "#1f77b4"], [[4, 3], [1, 0]]
    return (
        alt.Chart(long)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("start_at:T", title=None),
            y=alt.Y("count:Q", title="heads"),
            color=alt.Color("heads:N", title=None, scale=alt.Scale(domain=kinds, range=colours)),
            strokeDash=alt.StrokeDash("heads:N", legend=None, scale=alt.Scale(domain=kinds, range=dashes)),
            tooltip=["variant", alt.Tooltip("start_at:T", format="%a %d %b %H:%M"), "heads", "count"],
        )
        .properties(height=height, width=700)
        .facet(row=alt.Row("variant:N", sort=order, title=None))
        .properties(title="Required vs scheduled heads by variant")
    )
