"""The charts of `planner.reports`, cached per session data (`st.cache_data` hashes the frames).

The chart functions themselves are pure and live in `planner.reports` (and, for the capacity
plan, `planner.capacity.charts`); these wrappers only keep Streamlit from rebuilding an
unchanged chart on every rerun.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner import reports

_CACHE = {"show_spinner": False, "max_entries": 64}


@st.cache_data(**_CACHE)
def coverage_chart(
    coverage: pd.DataFrame, skill: str, legend: bool = True, time_range: tuple[str, str] | None = None
):
    return reports.coverage_chart(coverage, skill, legend=legend, time_range=time_range)


@st.cache_data(**_CACHE)
def progress_chart(progress: pd.DataFrame, currency: str):
    return reports.progress_chart(progress, currency)


@st.cache_data(**_CACHE)
def timeline_chart(timeline: pd.DataFrame, colour_by: str):
    return reports.timeline_chart(timeline, colour_by)


@st.cache_data(**_CACHE)
def hours_chart(hours: pd.DataFrame):
    return reports.hours_chart(hours)


@st.cache_data(**_CACHE)
def cost_chart(costs: pd.DataFrame, currency: str):
    return reports.cost_chart(costs, currency)


# The capacity charts are drawn for a file (fixed widths); on the page they are fitted to a
# laptop's main column: two groups a row with the legend on top, the single charts as wide
# as the column, the four flow panels narrower.
CAPACITY_FLOW_PANEL_WIDTH = 150


@st.cache_data(**_CACHE)
def capacity_headcount_chart(weekly: pd.DataFrame):
    from planner.capacity import headcount_chart

    return headcount_chart(weekly, columns=2).configure_legend(orient="top")


@st.cache_data(**_CACHE)
def capacity_hours_chart(weekly: pd.DataFrame):
    from planner.capacity import hours_chart

    return hours_chart(weekly).properties(width="container")


@st.cache_data(**_CACHE)
def capacity_flows_chart(weekly: pd.DataFrame):
    from planner.capacity import flows_chart

    chart = flows_chart(weekly)
    chart.spec = chart.spec.properties(width=CAPACITY_FLOW_PANEL_WIDTH)
    return chart


@st.cache_data(**_CACHE)
def capacity_cost_chart(weekly: pd.DataFrame, currency: str):
    from planner.capacity import cost_chart

    return cost_chart(weekly, currency).properties(width="container")
