"""The service a roster delivers on queue work: per interval, per day, per week, in total.

For each queue row (volume + AHT) the heads the roster puts there (staff and temps) are
turned into the expected service level, average speed of answer, occupancy and, with a
patience, abandonment (`planner.demand.erlang`). Day, week and horizon figures weigh each
row by its volume (ASA by the contacts answered), so a busy Monday morning counts for more
than a quiet Sunday evening. Pure functions of a scenario and a plan; `coverage.csv` and
`summary.json` read these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from planner.demand.staffing import demand_service, round_or_none
from planner.domain import Plan, Scenario
from planner.rules.view import RosterView

SERVICE_COLUMNS: tuple[str, ...] = (
    "demand_id",
    "date",
    "week",
    "skill",
    "volume",
    "required",
    "heads",
    "service_level",
    "asa_seconds",
    "occupancy",
    "abandon_pct",
)
"""One row per queue demand row; service figures in percent, ASA in seconds (blank when the
queue never empties: fewer agents than the load)."""


def service_frame(scenario: Scenario, plan: Plan, view: RosterView | None = None) -> pd.DataFrame:
    """Expected service of every queue row at the heads the roster gives it."""
    rows = [d for d in scenario.demand if d.queue is not None]
    if not rows:
        return pd.DataFrame(columns=list(SERVICE_COLUMNS))
    view = view or RosterView(scenario, plan)
    heads = [sum(view.cover[d.demand_id]) for d in rows]
    metrics = demand_service(rows, heads)
    settings = scenario.settings
    frame = pd.DataFrame(
        {
            "demand_id": [d.demand_id for d in rows],
            "date": [settings.date_of(d.day).isoformat() for d in rows],
            "week": [scenario.week_of(d.day) + 1 for d in rows],
            "skill": [d.skill for d in rows],
            "volume": [d.queue.volume for d in rows if d.queue is not None],
            "required": [d.required for d in rows],
            "heads": heads,
            "service_level": 100.0 * metrics.service_level,
            "asa_seconds": np.where(np.isfinite(metrics.asa_seconds), metrics.asa_seconds, np.nan),
            "occupancy": 100.0 * metrics.occupancy,
            "abandon_pct": 100.0 * metrics.abandon,
        },
        columns=list(SERVICE_COLUMNS),
    )
    return frame


def weighted(frame: pd.DataFrame) -> dict[str, Any]:
    """Volume-weighted figures of a set of queue rows (percent and seconds, rounded)."""
    volume = frame["volume"].to_numpy(float)
    total = float(volume.sum())
    if total <= 0:
        return {"volume": 0.0, "service_level": None, "asa_seconds": None, "occupancy": None,
                "abandon_pct": None, "overloaded_intervals": 0}
    answered = volume * (1.0 - frame["abandon_pct"].to_numpy(float) / 100.0)
    asa = frame["asa_seconds"].to_numpy(float)
    finite = np.isfinite(asa) & (answered > 0)
    asa_value = np.nan
    if finite.any():
        asa_value = float((asa[finite] * answered[finite]).sum() / answered[finite].sum())

    def mean(column: str) -> float:
        return float((frame[column].to_numpy(float) * volume).sum() / total)

    return {
        "volume": round(total, 2),
        "service_level": round_or_none(mean("service_level"), 2),
        "asa_seconds": round_or_none(asa_value, 1),
        "occupancy": round_or_none(mean("occupancy"), 2),
        "abandon_pct": round_or_none(mean("abandon_pct"), 2),
        "overloaded_intervals": int(((~np.isfinite(asa)) & (volume > 0)).sum()),
    }


def service_summary(frame: pd.DataFrame) -> Mapping[str, Any]:
    """`summary.json`'s service block: the horizon, each week, each day and each skill,
    every figure weighted by volume (`overloaded_intervals`: rows with fewer agents than the
    load and no abandonment, where the queue never empties; their ASA is left out)."""
    if frame.empty:
        return {}
    return {
        **weighted(frame),
        "by_week": [{"week": int(week), **weighted(part)} for week, part in frame.groupby("week", sort=True)],
        "by_day": [{"date": date, **weighted(part)} for date, part in frame.groupby("date", sort=True)],
        "by_skill": [{"skill": skill, **weighted(part)} for skill, part in frame.groupby("skill", sort=True)],
    }


def volume_weighted_service_level(scenario: Scenario, plan: Plan) -> float | None:
    """The horizon's service level (percent), weighted by volume; None without queue rows."""
    frame = service_frame(scenario, plan)
    return None if frame.empty else weighted(frame)["service_level"]
