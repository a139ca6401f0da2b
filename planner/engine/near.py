"""The near-ties search: the whole roster re-planned within the columns the root LP prices
at or near its optimum.

Column generation's root LP (`planner.engine.columns`) is degenerate: an employee has many
rosters at the same reduced cost, pricing returns one of them, and the dive then fixes
each employee to one column. The best roster is often a mix that no employee's single
column holds, and far from the search's roster: on Curtois-Qu 7 the best known 1,056
differs from the search's 1,057 in 68 employee-days of 16 employees, beyond every
neighbourhood of a few people or days that was tried (docs/BENCHMARKS.md, finding 1). But
every shift of that roster lies in a column of its employee (in the pool of a 36 s column
phase) that costs at most 0.5 over the root LP's price: the union of those columns' shift
instances, 632 of the 1,680 (employee, shift instance) pairs, holds it.

This search lets each employee work only such shift instances, besides those of the roster
it starts from (so that roster stays a solution), and CP-SAT searches that model from the
roster until it proves the best within it or its time is up. The full search then goes on
from its roster. The model is the full one, restricted: every hard rule holds as in the
full search.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping, Sequence

from planner.engine.context import ModelContext
from planner.engine.repair import solve_from
from planner.engine.warmstart import InstanceKey

NEAR_GAP = 0.5
"""An employee may work the shift instances of their columns whose reduced cost at the root
LP's prices is at most this (money; the LP's ties and those next to them). Curtois-Qu 7,
from a 1,057 roster with the column phase's pool (seeds 0-2): the best known 1,056 found
3.2-7.6 s into the search and proved the best within it at 8.3-9.4 s; with 1.0, found at
8.3 s and proved at 17.4 s (seed 0); with 2.0, from the column roster without its own
shifts, found at 39 s."""

NEAR_SHARE = 0.5
"""At most this share of the time left after the cover repair goes to this search."""


def near_search(
    ctx: ModelContext,
    values: Sequence[int],
    allowed: Mapping[str, Collection[InstanceKey]],
    seconds: float,
    *,
    workers: int,
    seed: int,
    subsolvers: Sequence[str] = (),
    stop: threading.Event | None = None,
) -> tuple[list[int], int] | None:
    """The best solution of `ctx.model` found in `seconds` from `values` (every variable's
    value, by index) where each employee works only the shift instances `allowed` names for
    them (by employee id) or those `values` has them work; and its objective. None when the
    solve found none."""
    model = ctx.model.clone()
    for (employee_id, day, shift_id, skill), var in ctx.vars.work.items():
        if not values[var.index] and (day, shift_id, skill) not in allowed.get(employee_id, ()):
            model.add(model.get_bool_var_from_proto_index(var.index) == 0)
    return solve_from(model, values, seconds, workers=workers, seed=seed,
                      subsolvers=subsolvers, stop=stop)
