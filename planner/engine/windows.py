"""Window search: a large roster improved a few weeks at a time.

On a large scenario the warm start's passes (`planner.engine.warmstart`) soon gain little:
each re-plans one employee against all the others, and what is left takes several people
changing together. The full search on a model of a year of days gains slowly too. Each step
here frees everyone's work over a window of consecutive days, holds the rest of the roster as
it is, and lets CP-SAT re-plan the window from the current solution for a few seconds; rules
that span the horizon (total minutes, weekends, shifts of a type) see the held days as they
stand. The step's answer is kept when it costs no more, and the search goes on until its time
is up.

Curtois-Qu 22 (50 employees over 364 days), from the passes' roster of 61,478, 120 s, two
workers, seed 0: windows of 56 days at 20 s a step 53,592; 28 days at 10 s 54,441; 14 days
at 5 s 54,894; 56 days at 10 s 54,286; 112 days at 30 s 56,203; the full search from the
same roster 57,063 (docs/BENCHMARKS.md, finding 22).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence

from planner.engine.context import ModelContext
from planner.engine.repair import replan_days

WINDOW_DAYS = 56
"""Consecutive days one step frees (at most half the horizon)."""

STEP_SECONDS = 20.0
"""One step's solve."""

MIN_STEP_SECONDS = 3.0
"""No step shorter than this: presolving the clone alone takes about a second on a year's
model."""


def window_days(days: int, rng: random.Random) -> set[int]:
    """A window of consecutive days drawn at random; every day is as likely to be in it as
    any other (a window may run past either end of the horizon and is cut there)."""
    width = max(1, min(WINDOW_DAYS, days // 2))
    start = rng.randrange(1 - width, days)
    return set(range(max(0, start), min(days, start + width)))


def window_search(
    ctx: ModelContext,
    solution: Sequence[int],
    objective: int,
    until: float,
    *,
    workers: int,
    seed: int,
    on_better: Callable[[int], None] | None = None,
    stop: threading.Event | None = None,
) -> tuple[list[int], int] | None:
    """A solution of `ctx.model` cheaper than `solution` (every variable's value, by index;
    `objective` its cost in units), and its objective, from steps until the clock time
    `until`; None when no step found one. Each step's solve has `workers` search workers;
    `on_better` hears each cheaper objective."""
    rng = random.Random(seed)
    current, best = list(solution), objective
    step = 0
    while until - time.monotonic() >= MIN_STEP_SECONDS \
            and not (stop is not None and stop.is_set()):
        step += 1
        freed = window_days(ctx.scenario.settings.days, rng)
        seconds = min(STEP_SECONDS, until - time.monotonic())
        answer = replan_days(ctx, current, freed, seconds, workers=workers, seed=seed + step)
        if answer is None:
            continue
        values, cost = answer
        if cost < best and on_better is not None:
            on_better(cost)
        if cost <= best:
            current, best = values, cost
    return (current, best) if best < objective else None
