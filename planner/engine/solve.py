"""Build the CP-SAT roster model from the rules, solve it, and read the plan back.

The orchestrator reads like a table of contents: variables, then each enabled rule's
`define`, then the objective. The search starts from a first roster where one pays: column
generation's for a mid-sized scenario (`COLUMN_CHOICES`, and a larger one with a short
horizon in a long solve, `LONG_COLUMNS`), the warm start's for a large one
(`LARGE_CHOICES`), either hinted in full. Column generation's roster first goes through the
cover repair (`planner.engine.repair`) and the near-ties search (`planner.engine.near`) when
the time allows, and its root LP's bound (`ColumnPlan.bound`) is reported where it beats the
search's own; the warm start's goes through the window search (`planner.engine.windows`).
An infeasible scenario is rebuilt with one gate literal per (rule, employee, day) of every
hard constraint; the gates are solved as assumptions, and the clash is reported as the
smallest set of gated rules found.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from planner import costs
from planner.domain import (
    Assignment,
    Plan,
    Scenario,
    SolverSettings,
    SolveStats,
    TempBooking,
    Training,
)
from planner.engine.columns import ColumnPlan
from planner.engine.context import GateKey, ModelContext
from planner.engine.near import NEAR_GAP, NEAR_SHARE, near_search
from planner.engine.relaxation import LpBound
from planner.engine.repair import (
    MIN_SECONDS,
    REPAIR_SHARE,
    full_hint,
    hint_in_full,
    repair,
    stop_when,
)
from planner.engine.variables import RosterVars
from planner.engine.warmstart import THREADS, InstanceKey, WarmStart, checked_plan
from planner.engine.windows import MIN_STEP_SECONDS, window_search
from planner.rules import DEFAULT_RULES, RULES_BY_NAME, Rule
from planner.timeline import describe_day, shift_instances

LARGE_CHOICES = 20_000
"""A scenario with at least this many (employee, shift instance) pairs is large: a warm
start builds its rosters, a linear relaxation bounds their cost, and the search is set for a
big model (see `_Large` and `_parameters`)."""

RESERVE = 0.05
"""Share of the time limit kept for reading the plan back after the search."""

HINT_SECONDS = 60.0
"""At most this long for the solve that completes a warm start's hint (`_hint`)."""

WARM_SHARE = 0.5
"""Share of the time limit the warm start's first pass may take (without it, no roster)."""

IMPROVE_SHARE = 0.5
"""Share of the time limit the warm start's improving passes may take before the search
(they stop sooner once a pass gains little). On a big model they improve the roster far
faster than the search does."""

COLUMN_CHOICES = 500
"""A scenario with at least this many (employee, shift instance) pairs, but fewer than
`LARGE_CHOICES`, starts from column generation's roster (`planner.engine.columns`): below
it the search alone is quick. Measured from 560 to 16,800 pairs (Curtois-Qu 4-12, 14-19);
a large scenario takes the warm start's path unless `LONG_COLUMNS` says otherwise."""


@dataclass(frozen=True)
class LongColumns:
    """When a scenario of `LARGE_CHOICES` pairs or more still starts from column
    generation's roster: fewer pairs than `most_choices`, a horizon of at most `most_days`
    and a time limit of at least `least_seconds`."""

    most_choices: int
    most_days: int
    least_seconds: float


LONG_COLUMNS = LongColumns(most_choices=65_000, most_days=56, least_seconds=600.0)
"""Column generation's root takes minutes on such a scenario, so only a long solve gives it
the time: on Curtois-Qu 13 (60,480 pairs, 28 days) the root LP reached the best known 1,348
after 198 s, and the 600 s benchmark came out at 2,061-2,377 through column generation
(three runs) against the warm start's 3,968. Over a longer horizon each employee's pricing
solve is the whole horizon's: on Curtois-Qu 20 (54,600 pairs, 182 days) the column path came out at 8,569
against the warm start's 6,255 in 600 s. At 300 s the column path on 13 ended as the warm
start's path does (4,050 against 4,076-4,670), its root not yet converged. The product's
large sample (67,200 pairs) stays on the warm start's path."""

COLUMN_SHARE = 0.6
"""Share of the time limit column generation may take (it stops sooner once its dive is
done and its integer program over the columns found is solved or has had its share)."""

COLUMN_SUBSOLVER = "max_lp"
"""The full-search worker added for a search that starts from column generation's roster.
That roster is within a few points of the best on most mid-sized Curtois-Qu instances, and
what is left is closing and proving those points: CP-SAT's `max_lp` worker (its full linear
relaxation) does that, and its portfolio on few cores lacks it (`max_lp` joins from six
workers on; on two the one full worker is `default_lp`, and added, `max_lp` takes its
place; on eight it runs twice). Curtois-Qu 6 from the column roster 1,952, 2 workers:
`default_lp` kept 1,952 in 40 s with its bound at 1,709; `max_lp` found the best known 1,950
at 11 s and proved it optimal at 30 s. On 7 it found the best known 1,056 at 88 s (bound
1,052). In the runs at c3aa026 (docs/BENCHMARKS.md, finding 10) 11 was proved optimal in
55 s instead of 284 s."""

LARGE_WORKERS = 4
"""At most this many search workers on a large model: each holds a copy of it (memory), and
on a few cores more workers only starve the relaxation's LP and each other."""


@dataclass(frozen=True)
class Progress:
    """One improving roster found during the search."""

    seconds: float
    objective: float
    best_bound: float
    gap: float


def build_model(
    scenario: Scenario, rules: Sequence[Rule] = DEFAULT_RULES, *, diagnose: bool = False
) -> ModelContext:
    model = cp_model.CpModel()
    one_a_day = not diagnose and any(
        rule.name == "one_shift_per_day" and rule.enabled(scenario) for rule in rules
    )
    training = bool(scenario.courses) and any(
        rule.name == "train_staff" and rule.enabled(scenario) for rule in rules
    )
    variables = RosterVars(scenario, model, one_shift_a_day=one_a_day, training=training)
    enabled = [rule for rule in rules if rule.enabled(scenario)]
    hard = frozenset(rule.name for rule in enabled if rule.is_hard(scenario))
    ctx = ModelContext(scenario, model, variables, diagnose=diagnose, hard_rules=hard)
    for rule in enabled:
        rule.define(ctx)
    model.minimize(ctx.objective())
    return ctx


def relative_gap(objective: float, bound: float) -> float:
    return abs(objective - bound) / max(1.0, abs(objective))


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        on_progress: Callable[[Progress], None] | None,
        *,
        started: float | None = None,
        warm: Plan | None = None,
        floor: Callable[[], float] | None = None,
        gap_limit: float = 0.0,
    ) -> None:
        """`started`: when the solve began (default: now); `warm`: a roster already
        reported, which counts as the first and is only reported again once beaten;
        `floor`: a bound known besides the search's; `gap_limit`: stop once the gap to it
        is this small."""
        super().__init__()
        self.on_progress = on_progress
        self.started = time.monotonic() if started is None else started
        self.warm = warm
        self.floor = floor
        self.gap_limit = gap_limit
        self.first_seconds: float | None = None
        self.trajectory: list[Progress] = []
        if warm is not None:
            self.first_seconds = warm.stats.first_solution_seconds

    def on_solution_callback(self) -> None:
        seconds = time.monotonic() - self.started
        if self.first_seconds is None:
            self.first_seconds = seconds
        objective = self.objective_value / costs.UNITS_PER_MONEY
        if self.warm is not None and objective >= (self.warm.stats.objective or 0.0):
            return
        floor = None if self.floor is None else self.floor()
        bound = _bound(self.best_objective_bound, floor)
        event = Progress(seconds, objective, bound, relative_gap(objective, bound))
        self.trajectory.append(event)
        if self.on_progress is not None:
            self.on_progress(event)
        if floor is not None and self.gap_limit > 0 and event.gap <= self.gap_limit:
            self.stop_search()


def _parameters(
    solver: cp_model.CpSolver, settings: SolverSettings, *, large: bool = False, hinted: bool = False
) -> None:
    """The search's parameters: the settings', then a big model's (`large`) and a hinted
    search's: a big model is hinted by the warm start, any other by column generation."""
    solver.parameters.max_time_in_seconds = float(settings.time_limit_seconds)
    solver.parameters.num_workers = int(settings.workers)
    solver.parameters.random_seed = int(settings.seed)
    if settings.relative_gap > 0:
        solver.parameters.relative_gap_limit = float(settings.relative_gap)
    if large:
        solver.parameters.num_workers = min(int(settings.workers), LARGE_WORKERS)
    if large and hinted:
        # A big model that starts from the warm start's complete hint: CP-SAT's presolve
        # (tens of seconds of fix-point loops and probing here) only delays the first
        # incumbent and the search from it, and doubles the memory. Without a hint the
        # search has to find a roster itself, and presolve is what makes that possible.
        solver.parameters.cp_model_presolve = False
    if hinted and not large:
        solver.parameters.extra_subsolvers.append(COLUMN_SUBSOLVER)


def _constant(value: float) -> Callable[[], float]:
    """A floor that stays put: column generation's bound, known before the search."""
    return lambda: value


def _bound(units: float, floor: float | None) -> float:
    """The search's bound in money, or `floor` (a bound known besides) when higher."""
    bound = units / costs.UNITS_PER_MONEY
    return bound if floor is None else max(floor, bound)


def choices(scenario: Scenario) -> int:
    """(employee, shift instance) pairs: how big the roster model is."""
    return len(scenario.employees) * sum(1 for _ in shift_instances(scenario))


def takes_columns(scenario: Scenario, settings: SolverSettings) -> bool:
    """Whether the search starts from column generation's roster: a mid-sized scenario
    (`COLUMN_CHOICES`), or a larger one that a long solve gives the time (`LONG_COLUMNS`)."""
    pairs = choices(scenario)
    if COLUMN_CHOICES <= pairs < LARGE_CHOICES:
        return True
    return (LARGE_CHOICES <= pairs < LONG_COLUMNS.most_choices
            and len(scenario.days) <= LONG_COLUMNS.most_days
            and settings.time_limit_seconds >= LONG_COLUMNS.least_seconds)


def is_large(scenario: Scenario, settings: SolverSettings) -> bool:
    """Enough (employee, shift instance) pairs that the warm start pays for itself, unless
    column generation has the time (`takes_columns`)."""
    return choices(scenario) >= LARGE_CHOICES and not takes_columns(scenario, settings)


@dataclass(frozen=True)
class _ColumnStart:
    """What column generation hands the search (`planner.engine.columns.ColumnPlan`)."""

    plan: Plan
    """Its roster, hinted to the search."""
    aims: list[bool] | None
    """Which demand rows are worth covering (`ColumnPlan.worth_covering`)."""
    near: dict[str, frozenset[InstanceKey]] | None
    """Each employee's shift instances near the root LP's ties (`ColumnPlan.near`)."""
    bound: float | None
    """A bound below every roster's cost, in money (`ColumnPlan.bound`)."""


def _column_start(
    scenario: Scenario,
    rules: Sequence[Rule],
    settings: SolverSettings,
    started: float,
    on_progress: Callable[[Progress], None] | None,
    stop: threading.Event | None,
) -> _ColumnStart | None:
    """Column generation's roster and what else it found for a mid-sized scenario; else
    None. The warm start's first roster is reported as soon as found (seconds in), then the
    dive's if cheaper."""
    if not takes_columns(scenario, settings):
        return None
    reported: list[Plan] = []

    def report(plan: Plan) -> None:
        seconds = time.monotonic() - started
        reported.append(replace(plan, stats=replace(plan.stats, first_solution_seconds=seconds)))
        if on_progress is not None:
            on_progress(Progress(seconds, plan.stats.objective or 0.0, 0.0, 1.0))

    columns = ColumnPlan(scenario, rules, seed=settings.seed, stop=stop)
    plan = columns.run(COLUMN_SHARE * float(settings.time_limit_seconds), report)
    if plan is None or not reported:
        return None
    if (plan.stats.objective_units or 0) < (reported[0].stats.objective_units or 0):
        report(plan)
    first = reported[0].stats.first_solution_seconds
    stats = replace(plan.stats, first_solution_seconds=first,
                    seconds=time.monotonic() - started, workers=settings.workers)
    return _ColumnStart(replace(plan, stats=stats), columns.worth_covering,
                        columns.near(NEAR_GAP), columns.bound)


class _Large:
    """What a large scenario gets before the search: the warm start's rosters and the window
    search's from them (`planner.engine.windows`), each reported as found, and a bound from
    the model's linear relaxation (`LpBound`), solved beside the warm start's improving
    passes, the window search and the search."""

    def __init__(
        self,
        scenario: Scenario,
        rules: Sequence[Rule],
        settings: SolverSettings,
        started: float,
        on_progress: Callable[[Progress], None] | None,
        stop: threading.Event | None,
    ) -> None:
        self.scenario = scenario
        self.rules = rules
        self.settings = settings
        self.started = started
        self.on_progress = on_progress
        self.stop = stop
        self.lp: LpBound | None = None
        self.first_seconds: float | None = None
        self.build_seconds = 0.0

    def left(self) -> float:
        return float(self.settings.time_limit_seconds) - (time.monotonic() - self.started)

    def tail(self) -> float:
        """Seconds kept after the warm start's passes: the reserve for reading the plan
        back, and as long again as the full model took to build. Completing the hint,
        loading the model into the search and reading the roster back each take a share of
        that (instance 24 of Curtois-Qu: build 66 s; hint 16 s, loading 5 s, reading 2 s),
        so the tail grows with the model where a share of the limit alone does not."""
        return RESERVE * float(self.settings.time_limit_seconds) + self.build_seconds

    def search_seconds(self) -> float:
        """What the search may take now, keeping the reserve for reading the plan back."""
        return self.left() - RESERVE * float(self.settings.time_limit_seconds)

    def floor(self) -> float:
        """The best bound known besides the search's, in money: the relaxation's once
        proved, else 0 (every cost the planner counts is non-negative)."""
        units = None if self.lp is None else self.lp.units
        return 0.0 if units is None else max(0.0, units / costs.UNITS_PER_MONEY)

    def _report(self, plan: Plan) -> None:
        self._report_cost(plan.stats.objective or 0.0)

    def _report_cost(self, objective: float) -> None:
        seconds = time.monotonic() - self.started
        if self.first_seconds is None:
            self.first_seconds = seconds
        if self.on_progress is not None:
            bound = min(objective, self.floor())
            self.on_progress(Progress(seconds, objective, bound, relative_gap(objective, bound)))

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def run(self) -> tuple[ModelContext | None, Plan | None]:
        """The model (None when stopped after a first roster), and the warm start's best
        roster (None if it found none). The LP gets a core of its own: the passes solve one
        employee at a time while it runs, the window search's steps share the cores with it,
        and the search waits for it (the bound is what makes the gap known)."""
        limit = float(self.settings.time_limit_seconds)
        warm = WarmStart(self.scenario, self.rules, seed=self.settings.seed, stop=self.stop)
        first = warm.first(WARM_SHARE * limit)
        if first is not None:
            self._report(first)
            if self.stopped():
                return None, first
        building = time.monotonic()
        ctx = build_model(self.scenario, self.rules)
        self.build_seconds = time.monotonic() - building
        if not self.stopped():
            self.lp = LpBound(ctx.model, seconds=max(1.0, self.left())).start()
        if first is None:
            return ctx, None
        lp = self.lp

        def heard(plan: Plan) -> None:
            warm.threads = 1 if lp is not None and not lp.done else THREADS
            self._report(plan)

        warm.threads = 1 if lp is not None and not lp.done else THREADS
        passes = min(IMPROVE_SHARE * limit, self.left() - self.tail())
        best = (warm.improve(passes, heard) if passes > 0 else None) or first
        best = self._windows(ctx, best)
        while lp is not None and not lp.done and self.left() > self.tail() \
                and not self.stopped():
            lp.wait(0.2)
        if lp is not None and lp.units is not None:
            self._report(best)  # the same roster, now with the relaxation's bound
        workers = min(int(self.settings.workers), LARGE_WORKERS)
        stats = replace(best.stats, first_solution_seconds=self.first_seconds,
                        seconds=time.monotonic() - self.started, workers=workers)
        return ctx, replace(best, stats=stats)

    def _windows(self, ctx: ModelContext, best: Plan) -> Plan:
        """The window search's roster (`planner.engine.windows`) from the passes' `best`,
        until the tail, or `best` when it finds none cheaper (or no time is left). Its steps
        take the search's workers even while the relaxation runs: one worker alone has no
        neighbourhood search of its own and found nothing in a step (Curtois-Qu 22: ten
        steps of 20 s, none cheaper, where two workers gained about 700 a step)."""
        if self.left() - self.tail() < 4 * MIN_STEP_SECONDS or self.stopped():
            return best
        _hint(ctx, best, min(HINT_SECONDS, (self.left() - self.tail()) / 4))
        solution = full_hint(ctx.model)
        units = best.stats.objective_units
        if solution is None or units is None:
            return best
        workers = min(int(self.settings.workers), LARGE_WORKERS)
        found = window_search(
            ctx, solution, units, time.monotonic() + self.left() - self.tail(),
            workers=workers,
            seed=self.settings.seed, stop=self.stop,
            on_better=lambda cost: self._report_cost(cost / costs.UNITS_PER_MONEY))
        if found is None:
            return best
        plan = _checked_plan(ctx, self.rules, found[0], self.first_seconds, self.settings.seed)
        return best if plan is None or (plan.stats.objective_units or 0) >= units else plan


def _hint(ctx: ModelContext, plan: Plan, seconds: float) -> None:
    """Hint the roster as a complete solution: the solver then starts from it. The values
    of the model's other variables (crews, shortfalls, overtime, ...) come from a solve
    with the roster's variables fixed, of at most `seconds` (else the roster's alone)."""
    on = {(a.employee_id, a.day, a.shift_id, a.skill) for a in plan.assignments}
    temps = {(b.offer_id, b.day, b.shift_id): b.count for b in plan.temp_bookings}
    ctx.model.clear_hints()
    hint = ctx.model.proto.solution_hint
    hint.vars.extend([var.index for var in ctx.vars.work.values()])
    hint.values.extend([int(key in on) for key in ctx.vars.work])
    hint.vars.extend([var.index for var in ctx.vars.temps.values()])
    hint.values.extend([temps.get(key, 0) for key in ctx.vars.temps])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.max_time_in_seconds = seconds
    if solver.solve(ctx.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        hint_in_full(ctx.model, list(solver.response_proto.solution))


def _repair(
    ctx: ModelContext,
    warm: Plan,
    settings: SolverSettings,
    started: float,
    heard: Callable[[int], None],
    stop: threading.Event | None,
    aims: Sequence[bool] | None,
) -> int | None:
    """Give the cover repair (`planner.engine.repair`) its share of the search's time, from
    the column roster's complete hint, aiming at the demand rows `aims` marks, and hint its
    roster instead when cheaper; the cost of the roster hinted in the end (None when the hint
    is not complete). No repair when the hint is not complete or the share is too short.
    `heard` hears each cheaper roster's cost (`_heard`)."""
    seconds = REPAIR_SHARE * (float(settings.time_limit_seconds) - (time.monotonic() - started))
    solution = full_hint(ctx.model)
    if solution is None or warm.stats.objective_units is None:
        return None
    if seconds < MIN_SECONDS:
        return warm.stats.objective_units
    repaired = repair(ctx, solution, warm.stats.objective_units, seconds,
                      workers=settings.workers, seed=settings.seed, aims=aims,
                      on_better=heard, stop=stop)
    if repaired is None:
        return warm.stats.objective_units
    hint_in_full(ctx.model, repaired[0])
    return repaired[1]


def _near(
    ctx: ModelContext,
    allowed: dict[str, frozenset[InstanceKey]] | None,
    units: int | None,
    settings: SolverSettings,
    started: float,
    heard: Callable[[int], None],
    stop: threading.Event | None,
) -> None:
    """Give the near-ties search (`planner.engine.near`) its share of the time left, from the
    complete hint (which costs `units`), and hint its roster instead when cheaper (`heard`
    hears its cost)."""
    seconds = NEAR_SHARE * (float(settings.time_limit_seconds) - (time.monotonic() - started))
    solution = full_hint(ctx.model)
    if allowed is None or units is None or solution is None or seconds < MIN_SECONDS:
        return
    found = near_search(ctx, solution, allowed, seconds, workers=settings.workers,
                        seed=settings.seed, subsolvers=(COLUMN_SUBSOLVER,), stop=stop)
    if found is None or found[1] >= units:
        return
    hint_in_full(ctx.model, found[0])
    heard(found[1])


def _heard(
    on_progress: Callable[[Progress], None] | None, started: float, bound: float | None
) -> Callable[[int], None]:
    """Report a cheaper roster found before the search (its cost in objective units) as
    progress, with column generation's `bound` (money) where it has one, else none (0)."""

    def heard(units: int) -> None:
        if on_progress is not None:
            objective = units / costs.UNITS_PER_MONEY
            floor = min(objective, bound or 0.0)
            on_progress(Progress(time.monotonic() - started, objective, floor,
                                 relative_gap(objective, floor)))

    return heard


def solve(
    scenario: Scenario,
    rules: Sequence[Rule] = DEFAULT_RULES,
    settings: SolverSettings | None = None,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    catch_sigint: bool = True,
) -> Plan:
    """Solve a scenario into a plan; `stop` ends the search early and keeps the best roster.

    `catch_sigint=False` when solving off the main thread (the browser app): CP-SAT's own
    Ctrl-C handler would otherwise abort the whole process there."""
    settings = settings or scenario.settings.solver
    started = time.monotonic()
    large = _Large(scenario, rules, settings, started, on_progress, stop) \
        if is_large(scenario, settings) else None
    floor: Callable[[], float] | None = None
    if large is not None:
        ctx, warm = large.run()
        floor = large.floor
    else:
        start = _column_start(scenario, rules, settings, started, on_progress, stop)
        warm = None if start is None else start.plan
        ctx = build_model(scenario, rules)
        if start is not None and start.bound is not None:
            floor = _constant(start.bound)
        if start is not None and (stop is None or not stop.is_set()):
            left = float(settings.time_limit_seconds) - (time.monotonic() - started)
            _hint(ctx, start.plan, min(HINT_SECONDS, left / 2))
            heard = _heard(on_progress, started, start.bound)
            units = _repair(ctx, start.plan, settings, started, heard, stop, start.aims)
            _near(ctx, start.near, units, settings, started, heard, stop)
    if warm is not None and large is not None:
        objective = warm.stats.objective or 0.0
        bound = min(objective, large.floor())
        gap = relative_gap(objective, bound)
        good_enough = settings.relative_gap > 0 and gap <= settings.relative_gap
        # No search when the roster is good enough, the user stopped, or too little time is
        # left to complete the hint and load the model (see `_Large.tail`).
        if good_enough or large.stopped() or ctx is None \
                or large.search_seconds() < large.build_seconds / 2:
            stats = replace(warm.stats, best_bound=bound, gap=gap,
                            seconds=time.monotonic() - started)
            return replace(warm, stats=stats)
        _hint(ctx, warm, min(HINT_SECONDS, large.search_seconds() / 2))
    assert ctx is not None
    solver = cp_model.CpSolver()
    _parameters(solver, settings, large=large is not None, hinted=warm is not None)
    if large is not None:  # the time limit counts from the call, warm start and model included
        solver.parameters.max_time_in_seconds = max(1.0, large.search_seconds())
    elif warm is not None:  # and column generation's
        left = float(settings.time_limit_seconds) - (time.monotonic() - started)
        solver.parameters.max_time_in_seconds = max(1.0, left)
    solver.parameters.catch_sigint_signal = catch_sigint
    watcher = _Watcher(on_progress, started=started, warm=warm, floor=floor,
                       gap_limit=settings.relative_gap)
    done = threading.Event()
    if stop is not None:
        threading.Thread(target=stop_when, args=(stop, done, solver), daemon=True).start()
    status = solver.solve(ctx.model, watcher)
    done.set()
    name = solver.status_name(status)
    seconds = time.monotonic() - started
    if status == cp_model.MODEL_INVALID:
        raise ValueError(f"internal model error: {ctx.model.validate()}")
    if warm is not None and status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _warm_result(warm, solver, seconds, floor)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        conflicts = diagnose(scenario, rules, settings) if status == cp_model.INFEASIBLE else ()
        stats = SolveStats(status=name, seconds=seconds, workers=settings.workers,
                           seed=settings.seed, conflicts=tuple(conflicts))
        return Plan(assignments=(), stats=stats)
    # The roster's own cost, not `solver.objective_value`: presolve may relax a soft slack's
    # equality (`under == max(required - cover, 0)`) to an inequality, and the reported
    # objective is then that of the presolved solution, above what the postsolved roster costs.
    valued = ctx.valued_costs(solver.value)
    units = sum(valued.values())
    objective = units / costs.UNITS_PER_MONEY
    bound = _bound(solver.best_objective_bound, None if floor is None else floor())
    stats = SolveStats(
        status=name,
        objective=objective,
        best_bound=bound,
        gap=relative_gap(objective, bound),
        seconds=seconds,
        first_solution_seconds=watcher.first_seconds,
        workers=solver.parameters.num_workers,
        seed=settings.seed,
        costs=valued,
        objective_units=units,
    )
    if warm is not None and (warm.stats.objective_units or 0) < (stats.objective_units or 0):
        return _warm_result(warm, solver, seconds, floor)
    return _read_plan(ctx, solver.value, stats)


def _warm_result(
    warm: Plan, solver: cp_model.CpSolver, seconds: float, floor: Callable[[], float] | None
) -> Plan:
    """The warm start's roster as the answer, with the best bound known."""
    objective = warm.stats.objective or 0.0
    bound = min(objective, _bound(solver.best_objective_bound, None if floor is None else floor()))
    stats = replace(warm.stats, best_bound=bound, gap=relative_gap(objective, bound),
                    seconds=seconds)
    return replace(warm, stats=stats)


def _read_plan(ctx: ModelContext, value: Callable[[cp_model.IntVar], int], stats: SolveStats) -> Plan:
    """The plan a solution holds, `value` reading each variable's value in it."""
    bookings = []
    for (offer_id, day, shift_id), var in ctx.vars.temps.items():
        if count := value(var):
            skill = ctx.scenario.temp_offers_by_id[offer_id].skill
            bookings.append(TempBooking(offer_id, day, shift_id, skill, count))
    return Plan(
        assignments=tuple(Assignment(employee_id=e, day=d, shift_id=s, skill=k)
                          for (e, d, s, k), var in ctx.vars.work.items() if value(var)),
        temp_bookings=tuple(bookings),
        training=tuple(Training(employee_id=e, course_id=c, start_day=d)
                       for (e, c, d), var in ctx.vars.sessions.items() if value(var)),
        stats=stats,
    )


def _checked_plan(ctx: ModelContext, rules: Sequence[Rule], solution: Sequence[int],
                  first_seconds: float | None, seed: int) -> Plan | None:
    """The plan a full solution of `ctx.model` holds (every variable's value, by index), with
    its stats from the checker; None if the checker finds a hard violation in it."""
    plan = _read_plan(ctx, lambda var: solution[var.index], SolveStats(status="FEASIBLE"))
    return checked_plan(ctx.scenario, rules, plan, first_seconds, seed)


def describe_gate(scenario: Scenario, key: GateKey) -> str:
    """`Weekly hours within contract: E03, from Mon 2026-03-02` for one gate."""
    rule_name, who, day = key
    rule = RULES_BY_NAME.get(rule_name)
    where = []
    if who is not None:
        where.append(who)
    if day is not None:
        where.append(f"{rule.day_word if rule else 'from'} {describe_day(scenario, day)}")
    return (rule.label if rule else rule_name) + (": " + ", ".join(where) if where else "")


def diagnose(
    scenario: Scenario, rules: Sequence[Rule], settings: SolverSettings
) -> list[str]:
    """The hard rules that clash, as a small set of (rule, employee, day) statements."""
    ctx = build_model(scenario, rules, diagnose=True)
    ctx.model.clear_objective()
    core = _core(ctx, list(ctx.gates), settings)
    if core is None:
        return ["The hard rules clash, but the search ran out of time before finding where."]
    for key in list(core):
        if key not in core or len(core) <= 1:
            continue
        smaller = _core(ctx, [k for k in core if k != key], settings)
        if smaller is not None:
            core = smaller
    return [describe_gate(scenario, key) for key in core]


def _core(
    ctx: ModelContext, keys: list[GateKey], settings: SolverSettings
) -> list[GateKey] | None:
    """An infeasible subset of `keys` (assumed on), or None if they are satisfiable or the
    time ran out."""
    ctx.model.clear_assumptions()
    ctx.model.add_assumptions([ctx.gates[k] for k in keys])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, min(10.0, settings.time_limit_seconds))
    solver.parameters.num_workers = 1
    status = solver.solve(ctx.model)
    if status != cp_model.INFEASIBLE:
        return None
    index_of = {ctx.gates[k].index: k for k in keys}
    found = [index_of[i] for i in solver.sufficient_assumptions_for_infeasibility()
             if i in index_of]
    return found or keys
