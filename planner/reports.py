"""Key figures of a plan as tidy frames, and the Altair charts that draw them.

Pure functions of a scenario, a plan and the checker's report; no Streamlit here (the UI
pages and `summary.json` both read these; the UI caches the charts). Staff-hours weigh each
demand row by its length, so a 15-minute interval counts a quarter of an hour; money is
rounded to cents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from planner import costs
from planner.check import CheckReport
from planner.domain import Plan, Scenario
from planner.rules import RULES_BY_NAME
from planner.rules.view import RosterView

if TYPE_CHECKING:
    import altair as alt

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


# --- charts -------------------------------------------------------------------------------------
# Each takes a tidy frame (the output tables of `planner.io.plan_tables` or the display frames
# of `planner.ui.views`) and returns an Altair chart sized to its container's width. Altair is
# imported on first use, so the command line does not pay for it.

STAFF_COLOUR = "#4C78A8"
TEMPS_COLOUR = "#F58518"
SHORT_COLOUR = "#E45756"
REQUIRED_COLOUR = "#222222"


def _altair() -> Any:
    import altair

    return altair


def _when(start: pd.Series, end: pd.Series) -> pd.Series:
    """`Mon 02 Mar 07:00-07:30` per row, for tooltips."""
    return start.dt.strftime("%a %d %b %H:%M") + "-" + end.dt.strftime("%H:%M")


def coverage_chart_data(coverage: pd.DataFrame, skill: str) -> pd.DataFrame:
    """One skill's rows of `coverage.csv` as stacked pieces: `part` (`staff`, `temps`,
    `short`), `start`, `end`, `y0`, `y1`, and the row's figures for the tooltip."""
    rows = coverage[coverage["skill"] == skill].copy()
    columns = ["part", "start", "end", "y0", "y1", "when", "required", "staff", "temps", "shortfall"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows["start"] = pd.to_datetime(rows["start_at"])
    rows["end"] = pd.to_datetime(rows["end_at"])
    rows["when"] = _when(rows["start"], rows["end"])
    staff = rows["staff"].astype(float)
    temps = rows["temps"].astype(float)
    required = rows["required"].astype(float)
    pieces = []
    for part, y0, y1 in (
        ("staff", 0.0 * staff, staff),
        ("temps", staff, staff + temps),
        ("short", staff + temps, required.where(required > staff + temps, staff + temps)),
    ):
        piece = rows.assign(part=part, y0=y0, y1=y1)
        pieces.append(piece[piece["y1"] > piece["y0"]])
    return pd.concat(pieces, ignore_index=True)[columns]


_DAY_OR_TIME = (
    "hours(datum.value) == 0 && minutes(datum.value) == 0"
    " ? timeFormat(datum.value, '%a %d %b') : timeFormat(datum.value, '%H:%M')"
)
"""Axis labels: the weekday and date at midnight, the time of day otherwise."""


def coverage_chart(
    coverage: pd.DataFrame,
    skill: str,
    *,
    height: int = 220,
    legend: bool = True,
    time_range: tuple[str, str] | None = None,
) -> alt.LayerChart:
    """Required heads (black steps) against scheduled staff and temps (stacked), with the
    shortfall in red, over time for one skill. Drag to pan, scroll to zoom the time axis.
    `time_range` (ISO datetimes) fixes the time axis, so charts of several skills line up."""
    alt = _altair()
    data = coverage_chart_data(coverage, skill)
    rows = coverage[coverage["skill"] == skill].copy()
    rows["start"] = pd.to_datetime(rows["start_at"])
    rows["end"] = pd.to_datetime(rows["end_at"])
    rows["when"] = _when(rows["start"], rows["end"])
    rows = rows[["start", "end", "when", "required", "staff", "temps", "shortfall"]]
    tooltip = [
        alt.Tooltip("when:N", title="When"),
        alt.Tooltip("required:Q", title="Required"),
        alt.Tooltip("staff:Q", title="Staff"),
        alt.Tooltip("temps:Q", title="Temps"),
        alt.Tooltip("shortfall:Q", title="Short"),
    ]
    colour = alt.Color(
        "part:N",
        title=None,
        scale=alt.Scale(
            domain=["staff", "temps", "short", "required"],
            range=[STAFF_COLOUR, TEMPS_COLOUR, SHORT_COLOUR, REQUIRED_COLOUR],
        ),
        legend=alt.Legend(orient="top", direction="horizontal") if legend else None,
    )
    bars = (
        alt.Chart(data)
        .mark_rect(strokeWidth=0, clip=True)
        .encode(
            x=alt.X(
                "start:T",
                axis=alt.Axis(labelExpr=_DAY_OR_TIME, labelOverlap=True, title=None),
                scale=alt.Scale(domain=list(time_range)) if time_range else alt.Undefined,
            ),
            x2="end:T",
            y=alt.Y("y0:Q", title="heads", axis=alt.Axis(tickMinStep=1, format="d")),
            y2="y1:Q",
            color=colour,
            opacity=alt.condition("datum.part == 'short'", alt.value(0.85), alt.value(0.75)),
            tooltip=tooltip,
        )
    )
    required = (
        alt.Chart(rows.assign(part="required"))
        .mark_rule(strokeWidth=2, clip=True)
        .encode(x="start:T", x2="end:T", y="required:Q", color=colour, tooltip=tooltip)
    )
    return (
        alt.layer(bars, required)
        .properties(height=height, width="container", title=alt.Title(skill, anchor="start"))
        .interactive(bind_y=False)
    )


def progress_chart(progress: pd.DataFrame, currency: str = "") -> alt.Chart:
    """Roster cost and best bound over search time (from `planner.ui.views.progress_frame`)."""
    alt = _altair()
    title = f"cost ({currency})" if currency else "cost"
    return (
        alt.Chart(progress)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("seconds:Q", title="seconds"),
            y=alt.Y("value:Q", title=title, axis=alt.Axis(format=",.0f"), scale=alt.Scale(zero=False)),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=["roster cost", "best bound"], range=[STAFF_COLOUR, "#9D9D9D"]),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("seconds:Q", title="Seconds", format=",.1f"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("value:Q", title="Value", format=",.2f"),
            ],
        )
        .properties(height=280, width="container")
    )


def timeline_chart(timeline: pd.DataFrame, colour_by: str = "skill") -> alt.Chart:
    """A day's shifts as bars, one row per person (and one per temp booking), coloured by
    skill or shift (from `planner.ui.views.timeline_frame`)."""
    alt = _altair()
    return (
        alt.Chart(timeline)
        .mark_bar(cornerRadius=2, height={"band": 0.8})
        .encode(
            x=alt.X("start:T", axis=alt.Axis(format="%H:%M", title=None, labelOverlap=True)),
            x2="end:T",
            y=alt.Y("who:N", sort=alt.SortField("start"), title=None, axis=alt.Axis(labelLimit=240)),
            color=alt.Color(
                f"{colour_by}:N",
                scale=alt.Scale(scheme="tableau10"),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
            strokeDash=alt.condition("datum.kind == 'temps'", alt.value([4, 2]), alt.value([1, 0])),
            tooltip=[
                alt.Tooltip("who:N", title="Who"),
                alt.Tooltip("label:N", title="Shift"),
            ],
        )
        .properties(height=alt.Step(24), width="container")
    )


HOURS_STATUS_COLOURS: dict[str, str] = {
    "within contract": STAFF_COLOUR,
    "overtime": TEMPS_COLOUR,
    "below contract": "#B279A2",
    "above contract": SHORT_COLOUR,
}


def hours_chart(hours: pd.DataFrame) -> alt.LayerChart:
    """One week's paid hours per person (bars, coloured by status) against the contract band
    (grey: minimum to maximum; tick: overtime threshold), from `views.hours_by_week`."""
    alt = _altair()
    data = hours.assign(band_max=hours["max_hours"].fillna(hours["paid_hours"].max()))
    y = alt.Y("who:N", sort=None, title=None, axis=alt.Axis(labelLimit=240))
    tooltip = [
        alt.Tooltip("who:N", title="Who"),
        alt.Tooltip("paid_hours:Q", title="Paid hours", format=",.2f"),
        alt.Tooltip("min_hours:Q", title="Contract minimum", format=",.2f"),
        alt.Tooltip("max_hours:Q", title="Contract maximum", format=",.2f"),
        alt.Tooltip("overtime_after:Q", title="Overtime after", format=",.2f"),
        alt.Tooltip("status:N", title="Status"),
    ]
    band = (
        alt.Chart(data)
        .mark_bar(color="#DDDDDD", height={"band": 0.9})
        .encode(x=alt.X("min_hours:Q", title="paid hours this week"), x2="band_max:Q", y=y, tooltip=tooltip)
    )
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.45})
        .encode(
            x="paid_hours:Q",
            y=y,
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(
                    domain=list(HOURS_STATUS_COLOURS), range=list(HOURS_STATUS_COLOURS.values())
                ),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
            tooltip=tooltip,
        )
    )
    overtime = (
        alt.Chart(data[data["overtime_after"].notna()])
        .mark_tick(color=REQUIRED_COLOUR, thickness=2)
        .encode(x="overtime_after:Q", y=y, tooltip=tooltip)
    )
    return alt.layer(band, bars, overtime).properties(height=alt.Step(20), width="container")


def cost_chart(costs: pd.DataFrame, currency: str = "") -> alt.Chart:
    """Cost by kind as bars: money paid out in blue, prices of shortfall and breaches in red
    (from `planner.ui.views.cost_frame`)."""
    alt = _altair()
    data = costs.assign(what=costs["paid"].map({True: "paid out", False: "penalty price"}))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "cost:Q", title=f"cost ({currency})" if currency else "cost", axis=alt.Axis(format=",.0f")
            ),
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=["paid out", "penalty price"], range=[STAFF_COLOUR, SHORT_COLOUR]),
                legend=alt.Legend(orient="top", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Kind"),
                alt.Tooltip("cost:Q", title="Cost", format=",.2f"),
            ],
        )
        .properties(height=alt.Step(26), width="container")
    )
