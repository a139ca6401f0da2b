"""Workload -> required heads: Erlang C / Erlang A staffing, occupancy, shrinkage, productivity.

A demand row measures its work in one of three ways (DESIGN §3):

- `required` heads, used as given;
- `volume` contacts of `aht_seconds` each arriving in the interval (queue work): the fewest
  agents who answer `target_pct` of them within `target_seconds` (or, with an ASA target,
  answer them on average within `asa_seconds`) and are busy no more than `max_occupancy` of
  the time; by Erlang C, or Erlang A when customers give up after `patience_seconds` on
  average;
- `workload_hours` of work to do in the interval: `hours / (interval hours x productivity)`.

Then heads on the roster = agents / (1 - shrinkage), rounded up: shrinkage is the share of
paid time an agent is not available for the work (short breaks, coaching, absence).

Everything is vectorised over rows (`required_agents`, `queue_service`); `conversion_frame`
is the table shown to the manager: volume, AHT, targets, required heads and the service
expected at that staffing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from planner.demand import erlang
from planner.demand.erlang import ArrayLike, QueueMetrics
from planner.domain import Demand, QueueWork, Scenario, ServiceSettings, Settings

_EPS = 1e-9
MAX_AGENTS = 1_000_000
"""A search never goes past this many agents in one interval."""


def required_agents(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    target_pct: ArrayLike = 80.0,
    target_seconds: ArrayLike = 20.0,
    asa_seconds: ArrayLike = np.nan,
    patience_seconds: ArrayLike = np.nan,
    max_occupancy: ArrayLike = 1.0,
) -> np.ndarray:
    """The fewest agents (whole numbers, before shrinkage) that meet each row's target.

    `target_pct` is in percent; an `asa_seconds` that is not NaN replaces the percent target
    with an average-speed-of-answer target; a `patience_seconds` that is not NaN switches
    the row to Erlang A. A row without volume needs no one.
    """
    arrays = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (volume, aht_seconds, interval_seconds, target_pct,
                                                target_seconds, asa_seconds, patience_seconds,
                                                max_occupancy))
    )
    vol, aht, seconds, pct, answer, asa, patience, occ = (np.ravel(a).astype(float) for a in arrays)
    shape = arrays[0].shape
    lam = np.divide(vol, seconds, out=np.zeros(vol.shape), where=seconds > 0)
    load = lam * aht
    out = np.zeros(vol.shape, dtype=np.int64)
    busy = load > 0
    abandon = busy & np.isfinite(patience) & (patience > 0)
    plain = busy & ~abandon
    if plain.any():
        out[plain] = _erlang_c_agents(load[plain], aht[plain], pct[plain] / 100.0, answer[plain],
                                      asa[plain], occ[plain])
    if abandon.any():
        out[abandon] = _erlang_a_agents(lam[abandon], aht[abandon], pct[abandon] / 100.0,
                                        answer[abandon], asa[abandon], patience[abandon],
                                        occ[abandon])
    return out.reshape(shape)


def _erlang_c_agents(
    load: np.ndarray, aht: np.ndarray, level: np.ndarray, answer: np.ndarray, asa: np.ndarray,
    occupancy: np.ndarray,
) -> np.ndarray:
    """One pass of the Erlang B recursion, k = 1, 2, ...: each row stops at the first k that
    is stable, within the occupancy cap and meets its target."""
    count = load.size
    result = np.zeros(count, dtype=np.int64)
    lowest = np.maximum(np.floor(load) + 1.0, np.ceil(load / np.maximum(occupancy, _EPS) - _EPS))
    by_asa = np.isfinite(asa)
    active = np.arange(count)
    b = np.ones(count)
    a, h, lvl, t, asa_t, low = load, aht, level, answer, asa, lowest
    by = by_asa
    k = 0
    while active.size:
        k += 1
        ab = a * b
        b = ab / (k + ab)
        ready = low <= k
        if ready.any():
            rho = a[ready] / k
            c = b[ready] / (1.0 - rho * (1.0 - b[ready]))
            gap = k - a[ready]
            ok_level = 1.0 - c * np.exp(-gap * t[ready] / h[ready]) >= lvl[ready] - _EPS
            ok_asa = c * h[ready] / gap <= asa_t[ready] + _EPS
            ok = np.where(by[ready], ok_asa, ok_level)
            done = np.zeros(active.size, dtype=bool)
            done[np.flatnonzero(ready)[ok]] = True
            if done.any():
                result[active[done]] = k
                keep = ~done
                active, b = active[keep], b[keep]
                a, h, lvl, t, asa_t, low, by = (v[keep] for v in (a, h, lvl, t, asa_t, low, by))
        if k >= MAX_AGENTS:
            result[active] = k
            break
    return result


def _erlang_a_agents(
    lam: np.ndarray, aht: np.ndarray, level: np.ndarray, answer: np.ndarray, asa: np.ndarray,
    patience: np.ndarray, occupancy: np.ndarray,
) -> np.ndarray:
    """Bisection on whole agents (service rises and occupancy falls as agents are added)."""
    by_asa = np.isfinite(asa)

    def feasible(n: np.ndarray, rows: np.ndarray) -> np.ndarray:
        m = erlang.erlang_a(n, lam[rows], aht[rows], patience[rows], answer[rows],
                            with_asa=bool(by_asa[rows].any()))
        good = np.where(by_asa[rows], m.asa_seconds <= asa[rows] + _EPS,
                        m.service_level >= level[rows] - _EPS)
        return good & (m.occupancy <= occupancy[rows] + _EPS)

    load = lam * aht
    every = np.arange(lam.size)
    # A lower bound that is never enough: answering a share `level` of the contacts needs
    # at least `level x load` agents busy all the time.
    low = np.where(by_asa, 0.0, np.maximum(np.floor(level * load - 1.0), 0.0))
    high = np.maximum(np.ceil(load), 1.0)
    while True:
        bad = ~feasible(high, every)
        if not bad.any() or high.max() >= MAX_AGENTS:
            break
        low = np.where(bad, high, low)
        high = np.where(bad, high * 2.0, high)
    while True:
        open_ = high - low > 1
        if not open_.any():
            break
        rows = every[open_]
        mid = np.floor((low[rows] + high[rows]) / 2.0)
        good = feasible(mid, rows)
        high[rows] = np.where(good, mid, high[rows])
        low[rows] = np.where(good, low[rows], mid)
    return high.astype(np.int64)


def heads_after_shrinkage(agents: ArrayLike, shrinkage: ArrayLike) -> np.ndarray:
    """Heads to roster so that `agents` remain after `shrinkage` (a fraction, 0..1)."""
    agents_, shrink = np.broadcast_arrays(np.asarray(agents, float), np.asarray(shrinkage, float))
    return np.ceil(agents_ / (1.0 - shrink) - _EPS).astype(np.int64)


def workload_heads(
    workload_hours: ArrayLike, interval_minutes: ArrayLike, productivity: ArrayLike = 1.0,
    shrinkage: ArrayLike = 0.0,
) -> np.ndarray:
    """Heads for back-office work: `hours / (interval hours x productivity)`, then shrinkage."""
    hours, minutes, prod, shrink = np.broadcast_arrays(*(np.asarray(v, float) for v in (
        workload_hours, interval_minutes, productivity, shrinkage)))
    agents = np.divide(hours, minutes / 60.0 * prod, out=np.zeros(hours.shape), where=minutes > 0)
    return heads_after_shrinkage(np.ceil(agents - _EPS), shrink) if agents.size else agents.astype(np.int64)


def queue_service(
    heads: ArrayLike,
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    target_seconds: ArrayLike = 20.0,
    patience_seconds: ArrayLike = np.nan,
    shrinkage: ArrayLike = 0.0,
    *,
    with_asa: bool = True,
) -> QueueMetrics:
    """Service expected from `heads` on the roster: the agents left after shrinkage (a
    fractional number, interpolated) answer the row's contacts."""
    h, vol, aht, seconds, t, patience, shrink = np.broadcast_arrays(*(np.asarray(v, float) for v in (
        heads, volume, aht_seconds, interval_seconds, target_seconds, patience_seconds, shrinkage)))
    lam = np.divide(vol, seconds, out=np.zeros(vol.shape), where=seconds > 0)
    return erlang.queue_metrics(h * (1.0 - shrink), lam, aht, t, patience, with_asa=with_asa)


# --------------------------------------------------------------------------- the manager's table

CONVERSION_COLUMNS: tuple[str, ...] = (
    "demand_id",
    "date",
    "start_at",
    "end_at",
    "skill",
    "measure",
    "volume",
    "aht_seconds",
    "workload_hours",
    "target",
    "model",
    "load_erlangs",
    "agents",
    "required",
    "service_level",
    "asa_seconds",
    "occupancy",
    "abandon_pct",
)
"""`measure` is `heads`, `queue` or `workload`; `agents` are before shrinkage, `required`
heads after; the service columns (percent, seconds) are what `required` heads deliver."""


def target_text(pct: float, seconds: float, asa: float | None) -> str:
    """`80% in 20 s` or `ASA 30 s`."""
    if asa is not None and math.isfinite(asa):
        return f"ASA {asa:g} s"
    return f"{pct:g}% in {seconds:g} s"


def round_or_none(value: float, digits: int) -> float | None:
    return round(float(value), digits) + 0.0 if np.isfinite(value) else None


def metrics_rows(metrics: QueueMetrics, index: Sequence[int] | np.ndarray) -> list[dict[str, float | None]]:
    """Service figures of the given elements as rounded report cells (percent and seconds)."""
    return [
        {
            "service_level": round_or_none(100.0 * metrics.service_level[i], 2),
            "asa_seconds": round_or_none(metrics.asa_seconds[i], 1),
            "occupancy": round_or_none(100.0 * metrics.occupancy[i], 2),
            "abandon_pct": round_or_none(100.0 * metrics.abandon[i], 2),
        }
        for i in index
    ]


def empty_conversion() -> pd.DataFrame:
    return pd.DataFrame(columns=list(CONVERSION_COLUMNS))


# --------------------------------------------------------------------------- demand rows


def _nan(value: float | None) -> float:
    return np.nan if value is None else float(value)


def convert_demand(demand: Sequence[Demand], service: ServiceSettings) -> tuple[Demand, ...]:
    """The rows with `required` set from their workload: queue rows (unless their heads were
    given) by Erlang C/A, then shrinkage; workload rows by hours / (interval x productivity),
    then shrinkage. Rows with heads given come back unchanged. One vectorised pass."""
    rows = list(demand)
    queue = [i for i, d in enumerate(rows) if d.queue is not None and not d.queue.heads_given]
    if queue:
        q = [rows[i].queue for i in queue]
        agents = required_agents(
            volume=[w.volume for w in q],
            aht_seconds=[w.aht_seconds for w in q],
            interval_seconds=[(rows[i].end - rows[i].start) * 60 for i in queue],
            target_pct=[w.target_pct for w in q],
            target_seconds=[w.target_seconds for w in q],
            asa_seconds=[_nan(w.asa_seconds) for w in q],
            patience_seconds=[_nan(w.patience_seconds) for w in q],
            max_occupancy=[w.max_occupancy for w in q],
        )
        heads = heads_after_shrinkage(agents, [w.shrinkage for w in q])
        for i, h in zip(queue, heads, strict=True):
            rows[i] = replace(rows[i], required=int(h))
    work = [i for i, d in enumerate(rows) if d.workload_hours is not None and d.queue is None]
    if work:
        heads = workload_heads([rows[i].workload_hours for i in work],
                               [rows[i].end - rows[i].start for i in work],
                               service.productivity, service.shrinkage)
        for i, h in zip(work, heads, strict=True):
            rows[i] = replace(rows[i], required=int(h))
    return tuple(rows)


def queue_work(
    service: ServiceSettings,
    volume: float,
    aht_seconds: float,
    *,
    target_pct: float | None = None,
    target_seconds: float | None = None,
    patience_seconds: float | None = None,
    heads_given: bool = False,
) -> QueueWork:
    """A row's queue work: its own target where it gives one, else the `[service]` target
    (an ASA target when `service.asa_seconds` is set)."""
    own_target = target_pct is not None or target_seconds is not None
    return QueueWork(
        volume=float(volume),
        aht_seconds=float(aht_seconds),
        target_pct=float(service.target_pct if target_pct is None else target_pct),
        target_seconds=float(service.target_seconds if target_seconds is None else target_seconds),
        asa_seconds=None if own_target else service.asa_seconds,
        patience_seconds=None if patience_seconds is None else float(patience_seconds),
        shrinkage=service.shrinkage,
        max_occupancy=service.max_occupancy,
        heads_given=heads_given,
    )


def demand_service(
    demand: Sequence[Demand], heads: Sequence[float], *, with_asa: bool = True
) -> QueueMetrics:
    """Service that `heads` (one number per queue row of `demand`, in order) deliver."""
    q = [d.queue for d in demand]
    if any(w is None for w in q):
        raise ValueError("demand_service takes queue rows only")
    return queue_service(
        heads=np.asarray(heads, float),
        volume=[w.volume for w in q],
        aht_seconds=[w.aht_seconds for w in q],
        interval_seconds=[(d.end - d.start) * 60 for d in demand],
        target_seconds=[w.target_seconds for w in q],
        patience_seconds=[_nan(w.patience_seconds) for w in q],
        shrinkage=[w.shrinkage for w in q],
        with_asa=with_asa,
    )


def conversion_frame(scenario: Scenario) -> pd.DataFrame:
    """The manager's table: every queue and workload row with its volume, AHT, target, the
    load in Erlangs, agents, required heads and the service those heads deliver."""
    settings = scenario.settings
    rows: list[dict[str, object]] = []
    queue_rows = [d for d in scenario.demand if d.queue is not None]
    metrics = demand_service(queue_rows, [d.required for d in queue_rows]) if queue_rows else None
    position = {d.demand_id: i for i, d in enumerate(queue_rows)}
    for d in scenario.demand:
        if d.queue is None and d.workload_hours is None:
            continue
        cells: dict[str, object] = {
            "demand_id": d.demand_id,
            "date": settings.date_of(d.day).isoformat(),
            "start_at": _at(settings, d.start),
            "end_at": _at(settings, d.end),
            "skill": d.skill,
            "required": d.required,
        }
        if d.queue is not None and metrics is not None:
            w = d.queue
            i = position[d.demand_id]
            load = w.volume * w.aht_seconds / ((d.end - d.start) * 60)
            cells.update(
                measure="heads" if w.heads_given else "queue",
                volume=w.volume,
                aht_seconds=w.aht_seconds,
                target=target_text(w.target_pct, w.target_seconds, w.asa_seconds),
                model="Erlang A" if w.patience_seconds else "Erlang C",
                load_erlangs=round(load, 3),
                agents=int(np.floor(d.required * (1 - w.shrinkage) + _EPS)),
                **metrics_rows(metrics, [i])[0],
            )
        else:
            cells.update(measure="workload", workload_hours=d.workload_hours)
        rows.append(cells)
    return pd.DataFrame.from_records(rows, columns=list(CONVERSION_COLUMNS))


def _at(settings: Settings, minute: int) -> str:
    moment = dt.datetime.combine(settings.start_date, dt.time()) + dt.timedelta(minutes=minute)
    return moment.isoformat(timespec="minutes")
