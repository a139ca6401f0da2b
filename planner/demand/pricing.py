"""What a missing head costs: flat, or by what it does to the interval's service.

`[costs] shortfall_pricing = "flat"` prices every missing head-hour at the row's under weight.
With `"service"`, a queue row (volume + AHT) prices its k-th missing head by the service it
takes away there: with `R` heads required and `SL(c)` the service level `c` heads deliver,

    loss(m) = SL(R) - SL(R - m)                      (m = heads missing, 0..R)
    cost(m) = under_weight x hours x R x envelope(loss)(m)

`R x loss` is the share of the row's contacts pushed out of the target, counted in heads: a
missing head that takes 10 points off the interval's service level costs 0.1 x R heads'
worth of the under weight. The first missing heads are priced by the queueing curve exactly
(its loss is convex there: each further head costs more service). Deeper down the curve is
S-shaped: once service has collapsed, a further missing head takes little more off it. The
`envelope` keeps the price convex, which a minimising solver needs, by carrying the steepest
step forward: every further head costs at least as much as the one before. So one head short
at the peak of a small, tightly staffed queue costs more than one short in a big queue
staffed with slack, and the solver puts unavoidable gaps where they cost the fewest
contacts answered in time (volume-weighted service).

Prices are whole objective units (`planner.costs`), cumulative per row: `table[m]` is the
cost of `m` missing heads. The model (`planner.rules.coverage`) and the checker read the same
table, so the checker reproduces the solver's objective to the unit. Rows without a volume,
or with no contacts, keep the flat price.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np

from planner import costs
from planner.demand.staffing import demand_service
from planner.domain import Demand, Scenario

_CACHE: dict[int, tuple[Scenario, Mapping[str, tuple[int, ...]]]] = {}
_CACHE_SIZE = 8


def flat_table(demand: Demand) -> tuple[int, ...]:
    """Cumulative cost of 0..required missing heads at the row's flat under weight."""
    unit = costs.per_hour(demand.under_weight, demand.end - demand.start)
    return tuple(unit * m for m in range(demand.required + 1))


def convex_envelope(values: Sequence[float]) -> np.ndarray:
    """The smallest convex function at or above `values` (given at 0, 1, ..., n, starting at
    0 and rising) whose steps never shrink: each step is the steepest one so far. Where
    `values` is already convex it is unchanged."""
    y = np.asarray(values, dtype=float)
    steps = np.maximum.accumulate(np.maximum(np.diff(y), 0.0)) if len(y) > 1 else np.zeros(0)
    return np.concatenate(([y[0] if len(y) else 0.0], y[0] + np.cumsum(steps)))


def _service_tables(rows: Sequence[Demand]) -> dict[str, tuple[int, ...]]:
    """Service-aware tables for queue rows, with the service curves of all rows at once."""
    owners: list[int] = []
    heads: list[int] = []
    for index, demand in enumerate(rows):
        owners += [index] * (demand.required + 1)
        heads += range(demand.required + 1)
    owner = np.asarray(owners)
    metrics = demand_service([rows[i] for i in owners], heads, with_asa=False)
    level = metrics.service_level
    tables: dict[str, tuple[int, ...]] = {}
    start = 0
    for demand in rows:
        size = demand.required + 1
        curve = level[start:start + size]  # SL(0), ..., SL(R)
        start += size
        loss = curve[-1] - curve[::-1]  # loss(m) = SL(R) - SL(R - m)
        hull = convex_envelope(np.maximum(loss, 0.0))
        minutes = demand.end - demand.start
        scale = demand.under_weight * demand.required * 100.0 * minutes
        cumulative = np.rint(hull * scale).astype(np.int64)
        steps = np.maximum.accumulate(np.maximum(np.diff(cumulative), 0))
        tables[demand.demand_id] = (0, *(int(v) for v in np.cumsum(steps)))
    assert owner.size == start
    return tables


def shortfall_tables(scenario: Scenario) -> Mapping[str, tuple[int, ...]]:
    """Demand id -> cumulative cost (objective units) of 0, 1, ..., required missing heads.
    Convex in the number missing; computed once per scenario object."""
    key = id(scenario)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    service = scenario.settings.shortfall_pricing == "service"
    priced = [
        d for d in scenario.demand
        if service and d.queue is not None and d.queue.volume > 0 and d.required > 0
    ]
    tables = {d.demand_id: flat_table(d) for d in scenario.demand}
    if priced:
        tables.update(_service_tables(priced))
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (scenario, tables)
    return tables


def shortfall_cost(scenario: Scenario, demand: Demand, missing: int) -> int:
    """Objective units for `missing` heads short on one demand row."""
    if missing <= 0:
        return 0
    table = shortfall_tables(scenario)[demand.demand_id]
    return table[min(missing, len(table) - 1)]


def is_flat(table: Sequence[int]) -> bool:
    """Does the table grow by the same step throughout (one price per head)?"""
    return len({b - a for a, b in itertools.pairwise(table)}) <= 1
