"""Altair charts of a capacity plan, from its weekly table (`tables.weekly_table`).

Pure functions: a frame in, a chart out; no Streamlit here (the UI page shows them with
`st.altair_chart`, the CLI saves them as JSON and HTML).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from planner.capacity.data import COST_KINDS

_WEEK = alt.X("week:O", title="week")


SERIES = ["headcount", "FTE at work", "required"]

def headcount_chart(weekly: pd.DataFrame, *, columns: int = 3) -> alt.Chart:
    """Per group: headcount at the end of the week, the FTE at work, and the requirement (FTE)."""
    long = weekly.melt(
        id_vars=["week", "group"],
        value_vars=["headcount_end", "effective_fte", "required_fte"],
        var_name="series",
        value_name="fte",
    )
    long["series"] = long["series"].map(
        {"headcount_end": "headcount", "effective_fte": "FTE at work", "required_fte": "required"}
    )
    return (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=_WEEK,
            y=alt.Y("fte:Q", title="people / FTE"),
            # colour and dash on the same field, title and order: one legend for both
            color=alt.Color("series:N", title=None, sort=SERIES),
            strokeDash=alt.StrokeDash("series:N", title=None, sort=SERIES),
            tooltip=["group", "week", "series", alt.Tooltip("fte:Q", format=".2f")],
        )
        .properties(width=260, height=160)
        .facet(facet=alt.Facet("group:N", title=None), columns=columns)
        .resolve_scale(y="independent")
        .properties(title="Headcount and requirement by group")
    )


def hours_chart(weekly: pd.DataFrame) -> alt.LayerChart:
    """All groups: hours covered by staff, temps and overtime (and any shortfall) against the
    requirement, per week."""
    totals = weekly.groupby("week", as_index=False)[
        ["staff_hours", "temp_hours", "overtime_hours", "shortfall_hours", "required_hours"]
    ].sum()
    long = totals.melt(
        id_vars=["week"],
        value_vars=["staff_hours", "overtime_hours", "temp_hours", "shortfall_hours"],
        var_name="source",
        value_name="hours",
    )
    long["source"] = long["source"].str.replace("_hours", "")
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=_WEEK,
            y=alt.Y("sum(hours):Q", title="hours"),
            color=alt.Color("source:N", title=None, sort=["staff", "overtime", "temp", "shortfall"]),
            order=alt.Order("source:N"),
            tooltip=["week", "source", alt.Tooltip("hours:Q", format=",.1f")],
        )
    )
    required = (
        alt.Chart(totals)
        .mark_line(color="black", strokeDash=[4, 3])
        .encode(x=_WEEK, y="required_hours:Q",
                tooltip=["week", alt.Tooltip("required_hours:Q", format=",.1f")])
    )
    return alt.layer(bars, required).properties(
        width=820, height=200, title="Hours worked against the requirement (all groups)"
    )


def flows_chart(weekly: pd.DataFrame) -> alt.Chart:
    """Hires starting, people leaving for a course or move, and releases, per week and group."""
    long = weekly.melt(
        id_vars=["week", "group"],
        value_vars=["hires", "hires_to_decide", "moved_out", "releases"],
        var_name="flow",
        value_name="people",
    )
    long["flow"] = long["flow"].map(
        {"hires": "hires starting", "hires_to_decide": "offers to make", "moved_out": "moves started",
         "releases": "releases"}
    )
    return (
        alt.Chart(long[long["people"] != 0])
        .mark_bar()
        .encode(
            x=_WEEK,
            y=alt.Y("sum(people):Q", title="people"),
            color=alt.Color("group:N"),
            tooltip=["week", "group", "flow", "people"],
        )
        .properties(width=190, height=140)
        .facet(column=alt.Column("flow:N", title=None,
                                 sort=["offers to make", "hires starting", "moves started", "releases"]))
        .properties(title="Hiring, moves and releases")
    )


def cost_chart(weekly: pd.DataFrame, currency: str = "") -> alt.Chart:
    """Money per week, stacked by kind."""
    totals = weekly.groupby("week", as_index=False)[[f"{kind}_cost" for kind in COST_KINDS]].sum()
    long = totals.melt(id_vars=["week"], var_name="kind", value_name="cost")
    long["kind"] = long["kind"].str.removesuffix("_cost")
    return (
        alt.Chart(long[long["cost"] != 0])
        .mark_bar()
        .encode(
            x=_WEEK,
            y=alt.Y("sum(cost):Q", title=f"cost {currency}".strip()),
            color=alt.Color("kind:N", sort=list(COST_KINDS), title=None),
            tooltip=["week", "kind", alt.Tooltip("cost:Q", format=",.2f")],
        )
        .properties(width=820, height=200, title="Cost per week by kind")
    )


def capacity_charts(
    weekly: pd.DataFrame, *, title: str = "Capacity plan", currency: str = ""
) -> alt.VConcatChart:
    """The four charts above, one under the other."""
    return alt.vconcat(
        headcount_chart(weekly),
        hours_chart(weekly),
        flows_chart(weekly),
        cost_chart(weekly, currency),
        title=title,
    )
