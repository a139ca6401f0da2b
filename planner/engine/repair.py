"""Cover repair: a neighbourhood search around the demand rows a roster leaves short.

Column generation's roster (`planner.engine.columns`) is often a head or two short of the
best cover, and covering one more takes a chain of changes on days far apart: on
Curtois-Qu 15 the search's move from 3,958 to 3,857 changed seven people's shifts on six
days between day 5 and day 37 (one moved from a shift on day 32 to the short one on day 12,
six others swapped shift types on days 5, 29, 36 and 37 to make up for it). The full
search's own neighbourhoods find such a chain slowly. Each step here picks a short demand
row at random, frees everyone's work on its day and on a random third of the other days,
holds the rest of the roster as it is, and lets CP-SAT re-plan the freed days from the
current solution for a few seconds; the step's answer is kept when it costs no more. The
repair stops at its time, when no row is short, or when steps stop gaining; the full search
then goes on from its roster.

Steps aim at the rows worth covering while one of them is short. Column generation marks
them (`planner.engine.columns.WORTH_COVERING`); the others are short by the staff's make-up,
such as Curtois-Qu 8's nights (the staff may work 74 of the 86 asked), and a step aimed at
one of them cannot cover it but at another row's expense. 8's column roster of 1,415 leaves
13 heads short, one on a row worth covering; 15's of 4,053 leaves 38 where the LP leaves 36,
one on a row worth covering. From that 4,053, 60 s, seeds 0-2: both heads covered by 53 s,
7.7 s and 5.6 s (the second by a step aimed at any short row, once the first was covered),
where steps aimed at any short row from the start covered one in each run and stopped at
3,949. Freeing whole rosters of 8 employees who could work the short row, or every employee
over a window of consecutive days, covered fewer (docs/BENCHMARKS.md, findings 3, 6 and 7).

A step aimed at a row worth covering is held to the cover (`_hold_cover`): one head more on
its row, every other row worth covering staffed at least as now, and fewer heads short in
all. Left to the objective alone, a step seldom finds the chain that covers the head; held
to its row alone, it moved the head short to another row of the same day at the same cost;
held to the rows worth covering alone, two runs of three of Curtois-Qu 15 at 300 s (at
`20166b7`) covered the row and ended a night short instead (3,945 and 3,942, 37 heads short
against 36). Held to the cover, CP-SAT proves most neighbourhoods that cannot hold it empty
in a fraction of a second; such a step does not count towards the stall, and the next draws
other days. From four rosters of 15 on which the repair had left a head short (3,942-3,956),
60 s each, seeds 1 and 2: the head covered in six runs of eight, at 9.2-43.6 s, against four
of eight by steps held to nothing, and one of five held to fewer heads short alone (finding
3).

The module also holds what the neighbourhood searches share: the complete hint's helpers,
a solve of a restricted clone from a hinted solution (`solve_from`, used by the near-ties
search too), a step that re-plans chosen days with the rest held (`replan_days`, the window
search's, `planner.engine.windows`) and the stop that ends a solve when the user asks
(`stop_when`).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

from planner.engine.context import ModelContext
from planner.timeline import covering_instances

REPAIR_SHARE = 0.6
"""At most this share of the search's time goes to the repair first. Curtois-Qu 8 at 60 s
(the repair from 36 s): 7 s covered no head in one run (1,409, the search then 1,403); 14 s
covered one in four runs of eleven (1,305-1,312), where the search alone had covered none in
its 24 s (docs/BENCHMARKS.md, finding 5); aimed at the rows worth covering, in four benchmark
runs of four (1,306-1,313; finding 3)."""

STEP_SECONDS = 3.0
"""One step's solve."""

DAYS_SHARE = 1 / 3
"""Share of the horizon's days one step frees (the short row's and others drawn at random).
Curtois-Qu 15 from 4,053 in 60 s: 6 days of 42 covered no head (4,044), 10 covered both by
15 s and 29 s (seeds 0 and 1), 14 by 3 s with seed 0."""

MIN_SECONDS = 5.0
"""No repair when its share of the search's time is shorter than this (steps on Curtois-Qu 8
take 0.1-0.3 s, on 15 up to the 3 s cap)."""

STALL = 50
"""The repair stops after this many steps in a row that gained nothing (on Curtois-Qu 15 the
longest run of steps without gain before one that covered a head was 34); an aimed step that
found no roster holding the cover does not count."""


def repair(
    ctx: ModelContext,
    solution: Sequence[int],
    objective: int,
    seconds: float,
    *,
    workers: int,
    seed: int,
    aims: Sequence[bool] | None = None,
    on_better: Callable[[int], None] | None = None,
    stop: threading.Event | None = None,
) -> tuple[list[int], int] | None:
    """A solution of `ctx.model` cheaper than `solution` (every variable's value, by index;
    `objective` its cost in units), and its objective, from steps of at most `seconds` in
    all; None when no step found one. `aims` marks the demand rows (the scenario's order)
    worth covering (all rows when None): while one of them is short, steps aim at those
    alone and hold the cover (`_hold_cover`); then at any short row, held to nothing.
    `on_better` hears each cheaper objective."""
    until = time.monotonic() + seconds
    rng = random.Random(seed)
    heads = _heads(ctx)
    aims = [True] * len(heads) if aims is None else aims
    current, best = list(solution), objective
    idle = 0
    step = 0
    while idle < STALL and time.monotonic() + 1.0 < until \
            and not (stop is not None and stop.is_set()):
        short = [row for row, (_, required, indices) in enumerate(heads)
                 if indices and sum(current[index] for index in indices) < required]
        if not short:
            break
        aimed = [row for row in short if aims[row]]
        row = rng.choice(aimed or short)
        day = heads[row][0]
        others = [d for d in range(ctx.scenario.settings.days) if d != day]
        freed = {day, *rng.sample(others, min(len(others),
                                              round(DAYS_SHARE * len(others))))}
        step += 1
        aim = row if aimed else None
        answer = _step(ctx, current, freed, min(STEP_SECONDS, until - time.monotonic()),
                       workers, seed + step, heads, aims, aim)
        if answer is None:
            if aim is None:  # an aimed step's freed days may hold no cover: draw others
                idle += 1
            continue
        values, cost = answer
        idle = 0 if cost < best else idle + 1
        if cost < best and on_better is not None:
            on_better(cost)
        if cost <= best:  # an equal roster too: the next step starts somewhere new
            current, best = values, cost
    return (current, best) if best < objective else None


def _heads(ctx: ModelContext) -> list[tuple[int, int, list[int]]]:
    """For each demand row: its day, the heads it needs, and the indices of the variables
    that count its staff and temps (a step asks which rows are short)."""
    rows = []
    for demand in ctx.scenario.demand:
        indices = []
        for day, shift_id in covering_instances(ctx.scenario, demand):
            crew = ctx.vars.crew(day, shift_id, demand.skill)
            indices += [] if crew is None else [crew.index]
            indices += [temp.index for temp in ctx.vars.temp_crew(day, shift_id, demand.skill)]
        rows.append((demand.day, demand.required, indices))
    return rows


def _hold_cover(
    model: cp_model.CpModel, heads: Sequence[tuple[int, int, list[int]]], aims: Sequence[bool],
    values: Sequence[int], row: int,
) -> None:
    """Hold a step aimed at `row` to one head more there than `values` staffs, every other
    row worth covering to what `values` staffs there (up to the heads it needs), and the
    rows in all to fewer heads short: a head taken from another short row does not count."""

    def staff(indices: list[int]) -> cp_model.LinearExprT:
        return sum(model.get_int_var_from_proto_index(index) for index in indices)

    short_now = 0
    shorts = []
    for other, ((_, required, indices), aimed) in enumerate(zip(heads, aims, strict=True)):
        if not indices:
            continue
        staffed = sum(values[index] for index in indices)
        if other == row:
            model.add(staff(indices) >= staffed + 1)
        elif aimed and staffed:
            model.add(staff(indices) >= min(required, staffed))
        short = model.new_int_var(0, required, "")
        model.add(short >= required - staff(indices))
        shorts.append(short)
        short_now += max(0, required - staffed)
    model.add(sum(shorts) <= short_now - 1)


def full_hint(model: cp_model.CpModel) -> list[int] | None:
    """The model's hint as every variable's value by index; None unless it hints them all."""
    hint = model.proto.solution_hint
    if len(hint.vars) != len(model.proto.variables):
        return None
    values = [0] * len(hint.vars)
    for index, value in zip(hint.vars, hint.values, strict=True):
        values[index] = value
    return values


def hint_in_full(model: cp_model.CpModel, values: Sequence[int]) -> None:
    """Hint every variable's value (by index), in place of the model's hint."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def replan_days(
    ctx: ModelContext, values: Sequence[int], freed: set[int], seconds: float, *, workers: int,
    seed: int,
) -> tuple[list[int], int] | None:
    """Re-plan everyone's work on the `freed` days with the rest held, from `values`; the
    solution found and its objective, or None when none was found in `seconds`."""
    return _step(ctx, values, freed, seconds, workers, seed)


def _step(
    ctx: ModelContext, values: Sequence[int], freed: set[int], seconds: float, workers: int,
    seed: int, heads: Sequence[tuple[int, int, list[int]]] = (), aims: Sequence[bool] = (),
    aim: int | None = None,
) -> tuple[list[int], int] | None:
    """Re-plan everyone's work on the `freed` days with the rest held, from `values`, and
    when `aim` names a row (of `_heads`), held to cover it one head more (`_hold_cover`); the
    solution found and its objective, or None when none was found in `seconds` (or there is
    none)."""
    model = ctx.model.clone()
    for (_, day, *_), var in ctx.vars.work.items():
        if day not in freed:
            model.add(model.get_bool_var_from_proto_index(var.index) == values[var.index])
    if aim is not None:
        _hold_cover(model, heads, aims, values, aim)
    answer = solve_from(model, values, seconds, workers=workers, seed=seed)
    if answer is None:
        return None
    return answer[0][:len(values)], answer[1]  # without the hold's own variables


def solve_from(
    model: cp_model.CpModel,
    values: Sequence[int],
    seconds: float,
    *,
    workers: int,
    seed: int,
    subsolvers: Sequence[str] = (),
    stop: threading.Event | None = None,
) -> tuple[list[int], int] | None:
    """Solve a neighbourhood's `model` (a clone of the full model, restricted) from `values`
    hinted in full, for at most `seconds`, with CP-SAT's `subsolvers` added; the solution
    found and its objective, or None when none was found. `stop` ends the solve early."""
    hint_in_full(model, values)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.extra_subsolvers.extend(subsolvers)
    done = threading.Event()
    if stop is not None:
        threading.Thread(target=stop_when, args=(stop, done, solver), daemon=True).start()
    status = solver.solve(model)
    done.set()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(solver.response_proto.solution), round(solver.objective_value)


def stop_when(stop: threading.Event, done: threading.Event, solver: cp_model.CpSolver) -> None:
    """Stop the solve once `stop` is set. Keep asking until the solve returns: a stop asked
    for before the search has started is otherwise lost."""
    while not done.is_set():
        if stop.wait(0.1):
            solver.stop_search()
            done.wait(0.05)
