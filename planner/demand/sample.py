"""The contact-centre sample with its demand as queue work: volumes and handle times.

`queue_version(small)` takes the generated contact centre (`planner.demo`, size `small`) and
gives its demand the way a contact centre forecasts it: calls and chats per half hour with an
average handle time, and back-office email as hours of work. The volumes are chosen so the
planner converts them back to (about) the heads of the original sample, under the service
settings written to `scenario.toml`:

- phone: 80 % answered in 20 s, AHT 300 s, callers give up after 180 s on average (Erlang A);
- chat: 80 % answered in 120 s, AHT 420 s, no abandonment (Erlang C), given per row;
- email: hours of work at 85 % productivity;
- 90 % maximum occupancy, 10 % shrinkage; shortfall priced by its effect on service.

Staff, shifts, availability and temps are those of the `small` sample with the same seed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from planner.demand.staffing import heads_after_shrinkage, required_agents

PHONE = {"aht_seconds": 300.0, "patience_seconds": 180.0, "target_pct": 80.0, "target_seconds": 20.0}
CHAT = {"aht_seconds": 420.0, "patience_seconds": np.nan, "target_pct": 80.0, "target_seconds": 120.0}
SERVICE: Mapping[str, Any] = {
    "target_pct": 80,
    "target_seconds": 20,
    "max_occupancy": 0.9,
    "shrinkage": 0.1,
    "productivity": 0.85,
}
DEMAND_COLUMNS: tuple[str, ...] = (
    "date", "start", "skill", "volume", "aht_seconds", "workload_hours", "target_pct",
    "target_seconds", "patience_seconds",
)


def _heads(volume: np.ndarray, spec: Mapping[str, float], minutes: int) -> np.ndarray:
    agents = required_agents(volume, spec["aht_seconds"], minutes * 60, spec["target_pct"],
                             spec["target_seconds"], patience_seconds=spec["patience_seconds"],
                             max_occupancy=SERVICE["max_occupancy"])
    return heads_after_shrinkage(agents, SERVICE["shrinkage"])


def volumes_for_heads(heads: np.ndarray, spec: Mapping[str, float], minutes: int) -> np.ndarray:
    """The largest whole volume per row that still converts to no more than `heads` (at
    least one contact where a head is asked for): a bisection over all rows at once."""
    heads = np.asarray(heads, dtype=np.int64)
    low = np.zeros(heads.shape)
    high = np.maximum(heads, 1) * minutes * 60 / spec["aht_seconds"] * 2.0 + 2.0
    while True:
        open_ = high - low > 1
        if not open_.any():
            break
        mid = np.floor((low + high) / 2.0)
        fits = _heads(mid, spec, minutes) <= heads
        low = np.where(open_ & fits, mid, low)
        high = np.where(open_ & ~fits, mid, high)
    return np.where(heads > 0, np.maximum(low, 1.0), 0.0)


def _num(value: float) -> str:
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def queue_demand(demand: pd.DataFrame, interval: int) -> pd.DataFrame:
    """`demand.csv` of the small sample (required heads) -> volumes, AHT and workload hours."""
    rows: list[dict[str, str]] = [dict(record) for record in demand.to_dict("records")]
    for skill, spec in (("phone", PHONE), ("chat", CHAT)):
        index = [i for i, row in enumerate(rows) if row["skill"] == skill]
        heads = np.array([int(rows[i]["required"]) for i in index])
        volume = volumes_for_heads(heads, spec, interval)
        for i, v in zip(index, volume, strict=True):
            rows[i].update(volume=_num(v), aht_seconds=_num(spec["aht_seconds"]))
            if skill == "phone":
                rows[i]["patience_seconds"] = _num(spec["patience_seconds"])
            else:
                rows[i].update(target_pct=_num(spec["target_pct"]),
                               target_seconds=_num(spec["target_seconds"]))
    hours_per_head = interval / 60 * SERVICE["productivity"] * (1 - SERVICE["shrinkage"])
    for row in rows:
        if row["skill"] not in ("phone", "chat"):
            # Rounded down to the cent-hour, so the planner converts it back to the same heads.
            row["workload_hours"] = _num(np.floor(int(row["required"]) * hours_per_head * 100) / 100)
    table = {c: [row.get(c, "") for row in rows] for c in DEMAND_COLUMNS}
    return pd.DataFrame(table, columns=list(DEMAND_COLUMNS), dtype=str)


def queue_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(settings)
    out["name"] = str(settings.get("name", "")).replace("Contact centre", "Contact centre (queue work)")
    costs = dict(settings.get("costs", {}))
    costs["shortfall_pricing"] = "service"
    out["costs"] = costs
    solver = out.pop("solver", None)
    out["service"] = dict(SERVICE)
    if solver is not None:
        out["solver"] = solver
    return out


README = """\
# Contact centre, queue work (sample, size `queue`)

The contact centre of `data/contact-centre` (same staff, shifts, availability and temps) with
its demand given the way a contact centre forecasts it: **contacts per half hour and their
average handle time**, not heads. The planner turns them into heads (`staffing.csv` of a
solve shows the conversion) and reports the service the roster delivers in `coverage.csv`
and `summary.json`.

- **phone**: calls per half hour, AHT 300 s, 80 % answered within 20 s; callers give up
  after 180 s on average, so phone is staffed by Erlang A and abandonment is reported;
- **chat**: chats per half hour, AHT 420 s, 80 % answered within 120 s (the row's own
  target), Erlang C;
- **email**: back-office hours of work per half hour, at 85 % productivity.

`[service]`: 90 % maximum occupancy and 10 % shrinkage (heads = agents / 0.9).
`[costs] shortfall_pricing = "service"`: a missing head costs what it takes off that
interval's service, so unavoidable gaps go where they cost the fewest calls answered in time.

Demand: {demand_summary}

Try the levers:

    planner compare data/contact-centre-queue --lever shift-peak=15 --lever deflect=10 \\
        --lever target=70/40 --lever temps=off --out out/levers

Generated by `planner.demo` (size `queue`, seed 0).
"""


def queue_readme(demand: pd.DataFrame) -> str:
    parts = []
    for skill in ("phone", "chat"):
        rows = demand[demand["skill"] == skill]
        parts.append(f"{int(rows['volume'].astype(float).sum()):,} {skill} contacts")
    hours = demand.loc[demand["skill"] == "email", "workload_hours"].astype(float).sum()
    parts.append(f"{_num(hours)} hours of email")
    return README.replace("{demand_summary}", ", ".join(parts) + " in the week.")
