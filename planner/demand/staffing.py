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
    """Each row starts at its smallest candidate (more agents than the load, within the
    occupancy cap), with Erlang B there in closed form, and steps up by the recursion
    `B(k) = a B(k-1) / (k + a B(k-1))` until its target is met: a few dozen vectorised steps
    even for hundreds of agents."""
    result = np.zeros(load.size, dtype=np.int64)
    k = np.maximum(np.floor(load) + 1.0, np.ceil(load / np.maximum(occupancy, _EPS) - _EPS))
    b = erlang.erlang_b(k, load)
    active = np.arange(load.size)
    a, h, lvl, t, target, by_asa = load, aht, level, answer, asa, np.isfinite(asa)
    while active.size:
        c = b / (1.0 - (a / k) * (1.0 - b))
        gap = k - a
        ok = np.where(by_asa, c * h / gap <= target + _EPS,
                      1.0 - c * np.exp(-gap * t / h) >= lvl - _EPS)
        if ok.any():
            result[active[ok]] = k[ok]
            keep = ~ok
            active = active[keep]
            a, h, lvl, t, target, by_asa, k, b = (
                v[keep] for v in (a, h, lvl, t, target, by_asa, k, b))
        if k.size and k.max() >= MAX_AGENTS:
            result[active] = k.astype(np.int64)
            break
        k = k + 1.0
        ab = a * b
        b = ab / (k + ab)
    return result


def _erlang_a_agents(
    lam: np.ndarray, aht: np.ndarray, level: np.ndarray, answer: np.ndarray, asa: np.ndarray,
    patience: np.ndarray, occupancy: np.ndarray,
) -> np.ndarray:
    """Bisection on whole agents (service rises and occupancy falls as agents are added)."""
    by_asa = np.isfinite(asa)

    def feasible(n: np.ndarray, rows: np.ndarray) -> np.ndarray:
        good = np.zeros(rows.size, dtype=bool)
        for wants_asa in (False, True):
            part = by_asa[rows] == wants_asa
            if not part.any():
                continue
            r = rows[part]
            m = erlang.erlang_a(n[part], lam[r], aht[r], patience[r], answer[r], with_asa=wants_asa)
            met = m.asa_seconds <= asa[r] + _EPS if wants_asa else m.service_level >= level[r] - _EPS
            good[part] = met & (m.occupancy <= occupancy[r] + _EPS)
        return good

    load = lam * aht
    every = np.arange(lam.size)
    # A lower bound that is never enough: answering a share `level` of the contacts needs
    # at least `level x load` agents busy all the time.
    floor = np.where(by_asa, 0.0, np.maximum(np.floor(level * load - 1.0), 0.0))
    # Start from the Erlang C answer (abandonment usually lowers it a little) and gallop.
    high = np.maximum(_erlang_c_agents(load, aht, level, answer, asa, occupancy).astype(float), 1.0)
    good = feasible(high, every)
    low = np.where(good, floor, high)
    # Rare: more than Erlang C needs. Double until enough.
    up = every[~good]
    while up.size and high.max() < MAX_AGENTS:
        low[up] = high[up]
        high[up] = high[up] * 2.0
        up = up[~feasible(high[up], up)]
    # Down from the Erlang C answer by steps 1, 2, 4, ... while still enough.
    step = np.ones(lam.size)
    down = every[good & (high - 1.0 > floor)]
    while down.size:
        candidate = np.maximum(high[down] - step[down], floor[down])
        fits = feasible(candidate, down) & (candidate > floor[down])
        high[down] = np.where(fits, candidate, high[down])
        low[down] = np.where(fits, low[down], candidate)
        step[down] *= 2.0
        down = down[fits & (candidate - 1.0 > floor[down])]
    while True:
        open_ = high - low > 1
        if not open_.any():
            break
        rows = every[open_]
        mid = np.floor((low[rows] + high[rows]) / 2.0)
        fits = feasible(mid, rows)
        high[rows] = np.where(fits, mid, high[rows])
        low[rows] = np.where(fits, low[rows], mid)
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
    return heads_after_shrinkage(agents, shrink)


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
    frame = pd.DataFrame.from_records(rows, columns=list(CONVERSION_COLUMNS))
    frame["agents"] = frame["agents"].astype("Int64")
    return frame


def _at(settings: Settings, minute: int) -> str:
    moment = dt.datetime.combine(settings.start_date, dt.time()) + dt.timedelta(minutes=minute)
    return moment.isoformat(timespec="minutes")
