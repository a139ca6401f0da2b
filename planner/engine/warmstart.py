"""A fast first roster for big scenarios, built one employee at a time.

Every hard rule binds one employee (or one temp offer); only demand couples the staff. So a
roster is built from small models, each holding ONE employee under every enabled rule except
cover demand and temps, made by the same `build_model` as the full model: the employee's
hard rules are the full model's, to the letter. Demand enters a small model as a price on
each (day, shift, skill) the employee could work: the shortfall one more head there saves,
less the surplus it adds, given what the others cover. An employee covers an interval at
most once (one shift a day, no overlap), so the price is exact and each small solve is the
employee's best answer to the others, wages, overtime, wishes and soft rules included.

Employees alike in all but pay (skills, contract, site, availability) share one small model.
The first pass solves each small model once and gives the employees alike the same shifts:
a valid roster within seconds, if a crowded one. Temps fill the gaps where they cost less
than the shortfall. Then passes in which every employee answers the others (coordinate
descent: the cost never rises; temps are booked again after each) improve it while they
gain. Small models are built while earlier employees solve (CP-SAT releases the GIL), and
employees with no skill in common solve side by side: neither's prices depend on the
other's choice.

Every roster passes `planner.check.check_plan` with no hard violation before it is
returned; when a small model is infeasible (then so is the scenario), time runs out or the
check fails, there is no warm start and the full model searches on its own.
"""

from __future__ import annotations

import dataclasses
import heapq
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from ortools.sat.python import cp_model

from planner import costs
from planner.check import check_plan
from planner.domain import (
    Assignment,
    AvailabilityEntry,
    Employee,
    Plan,
    Scenario,
    SolveStats,
    TempBooking,
)
from planner.engine.context import ModelContext
from planner.engine.variables import RosterVars
from planner.rules import DEFAULT_RULES, Rule
from planner.timeline import covering_instances

COUPLING_RULES = ("cover_demand", "book_temps")
"""Rules that bind several employees: the small models leave them out; this module prices
demand and books temps itself."""

PAY_KINDS = ("wages", "overtime")
"""Cost kinds that scale with a person's hourly cost."""

STEP_SECONDS = 2.0
"""Time one employee's small solve takes in an improving pass (longer only until its first
roster)."""

FIRST_STEP_SECONDS = 0.5
"""The same in the first pass, which only has to find a roster: with 150 employees over a
year (Curtois-Qu 24) a 2 s step alone takes 150 s on two threads."""

THREADS = 2
"""Small solves running side by side (employees with no skill in common)."""

MIN_GAIN = 0.002
"""Further passes stop once one gains less than this share of the cost."""

InstanceKey = tuple[int, str, str]
"""(day, shift id, skill)."""


class _Demand:
    """Each demand row's prices and what is still uncovered, by shift instance."""

    def __init__(self, scenario: Scenario, enabled: bool) -> None:
        self.enabled = enabled
        self.residual: list[int] = []
        self.under: list[int] = []
        self.over: list[int] = []
        self.rows: dict[InstanceKey, list[int]] = defaultdict(list)
        if not enabled:
            return
        for index, demand in enumerate(scenario.demand):
            minutes = demand.end - demand.start
            self.residual.append(demand.required)
            self.under.append(costs.per_hour(demand.under_weight, minutes))
            self.over.append(costs.per_hour(demand.over_weight, minutes))
            for day, shift_id in covering_instances(scenario, demand):
                self.rows[day, shift_id, demand.skill].append(index)

    def price(self, key: InstanceKey) -> int:
        """Objective units one more head on this instance adds (negative: it saves)."""
        residual, under, over = self.residual, self.under, self.over
        return sum(over[i] if residual[i] <= 0 else -under[i] for i in self.rows.get(key, ()))

    def add(self, key: InstanceKey, heads: int) -> None:
        for i in self.rows.get(key, ()):
            self.residual[i] -= heads


class _Template:
    """One small model, shared by the employees alike in all but id, name and pay."""

    def __init__(self, ctx: ModelContext) -> None:
        self.ctx = ctx
        self.keys: list[InstanceKey] = [(d, s, k) for (_, d, s, k) in ctx.vars.work]
        self.work = list(ctx.vars.work.values())
        self.skills = frozenset(k for (_, _, k) in self.keys)
        self.hourly_cost = ctx.scenario.employees[0].hourly_cost
        self.last: list[InstanceKey] = []
        """The shifts last chosen with this model: a hint for the next employee alike."""

    def objective(self, hourly_cost: float) -> cp_model.LinearExpr:
        """The small model's own costs, pay rescaled to another person's hourly cost (exact
        for the template's employee, close for the others: a guide, never a check)."""
        factor = hourly_cost / self.hourly_cost if self.hourly_cost else 1.0
        exprs, units = [], []
        for kind, terms in self.ctx.terms.items():
            scale = factor if kind in PAY_KINDS else 1.0
            for expr, unit in terms:
                exprs.append(expr)
                units.append(round(unit * scale))
        return cp_model.LinearExpr.weighted_sum(exprs, units) + sum(self.ctx.constants.values())


class Member:
    """One employee: their template, and the shifts they work in the roster so far."""

    def __init__(self, employee: Employee, key: str) -> None:
        self.employee = employee
        self.key = key
        self.template: _Template | None = None
        self.chosen: list[InstanceKey] = []


def _template_key(employee: Employee, availability: Sequence[AvailabilityEntry]) -> str:
    """Employees with equal keys have the same small model but for their pay."""
    alike = dataclasses.replace(employee, employee_id="", name="", hourly_cost=0.0,
                                skills=dict(sorted(employee.skills.items())))
    entries = sorted((a.day, a.kind, a.shift_id or "", a.start or -1, a.end or -1, a.weight)
                     for a in availability)
    return repr((alike, entries, employee.hourly_cost == 0))


def _sub_scenario(
    scenario: Scenario, employee: Employee, availability: Sequence[AvailabilityEntry]
) -> Scenario:
    settings = dataclasses.replace(scenario.settings, temps_enabled=False)
    return dataclasses.replace(
        scenario, employees=(employee,), availability=tuple(availability), temp_offers=(),
        settings=settings,
    )


def small_model_parameters(solver: cp_model.CpSolver, seconds: float, seed: int) -> None:
    """A tiny model: one worker, and a presolve that does not outlast the search."""
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = seed
    p.max_time_in_seconds = max(0.05, seconds)
    p.max_presolve_iterations = 1
    p.cp_model_probing_level = 0
    p.symmetry_level = 0


class _FirstThenTime(cp_model.CpSolverSolutionCallback):
    """Stops a small solve at `seconds`, or at its first roster if that comes later."""

    def __init__(self, solver: cp_model.CpSolver, seconds: float) -> None:
        super().__init__()
        self.found = False
        self.timer = threading.Timer(seconds, self._due, args=(solver,))
        self.timer.daemon = True
        self.due = False

    def _due(self, solver: cp_model.CpSolver) -> None:
        self.due = True
        if self.found:
            solver.stop_search()

    def on_solution_callback(self) -> None:
        self.found = True
        if self.due:
            self.stop_search()


def _solve(member: Member, prices: list[int], seconds: float, seed: int, until: float) -> list | None:
    """The member's best shifts at these prices, or None when none was found (no roster of
    theirs keeps the hard rules, or the time ran out). The solve takes `seconds`, or longer
    until its first roster, up to the clock time `until`: on a tightly constrained employee
    the first roster can take ten times the usual step."""
    template = member.template
    assert template is not None
    model = template.ctx.model
    model.minimize(template.objective(member.employee.hourly_cost)
                   + cp_model.LinearExpr.weighted_sum(template.work, prices))
    model.clear_hints()
    chosen = set(member.chosen or template.last)
    if chosen:  # nothing chosen yet: no hint (all off is no guide)
        for key, var in zip(template.keys, template.work, strict=True):
            model.add_hint(var, key in chosen)
    solver = cp_model.CpSolver()
    small_model_parameters(solver, max(seconds, until - time.monotonic()), seed)
    watch = _FirstThenTime(solver, seconds)
    watch.timer.start()
    try:
        status = solver.solve(model, watch)
    finally:
        watch.timer.cancel()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    template.last = [key for key, var in zip(template.keys, template.work, strict=True)
                     if solver.boolean_value(var)]
    return template.last


def _cover(member: Member, demand: _Demand, heads: int) -> None:
    """Add (1) or withdraw (-1) the member's shifts from what the roster covers."""
    for key in member.chosen:
        demand.add(key, heads)


def _clash(a: Member, b: Member) -> bool:
    """Must `b` wait for `a`: they share a skill (prices) or a small model."""
    assert a.template is not None and b.template is not None
    return a.template is b.template or bool(a.template.skills & b.template.skills)


def _sweep(
    members: Sequence[Member],
    demand: _Demand,
    *,
    until: float,
    seed: int,
    prepare: Callable[[Member], None],
    stopped: Callable[[], bool],
    reuse: bool = False,
    threads: int = THREADS,
    step: float = STEP_SECONDS,
) -> bool:
    """Each member answers the others once, in order; members that do not clash solve side
    by side. With `reuse`, a member whose small model has been solved takes the shifts last
    chosen with it (valid as they stand: the model is the same) instead of solving. False
    when one found no roster or time ran out (what was found is kept)."""
    in_flight: deque[tuple[Member, Future]] = deque()

    def settle() -> bool:
        member, future = in_flight.popleft()
        keys = future.result()
        if keys is not None:
            member.chosen = keys
        _cover(member, demand, 1)
        return keys is not None

    ok = True
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for member in members:
            prepare(member)
            while ok and in_flight and (
                len(in_flight) >= threads or any(_clash(m, member) for m, _ in in_flight)
            ):
                ok = settle()
            left = until - time.monotonic()
            if not ok or left <= 0 or stopped():
                ok = False
                break
            assert member.template is not None
            if reuse and member.template.last:
                _cover(member, demand, -1)
                member.chosen = list(member.template.last)
                _cover(member, demand, 1)
                continue
            _cover(member, demand, -1)  # priced against the others only
            prices = [demand.price(key) for key in member.template.keys] if demand.enabled \
                else [0] * len(member.template.keys)
            seconds = min(step, left)
            in_flight.append((member, pool.submit(_solve, member, prices, seconds, seed, until)))
        while in_flight:
            ok = settle() and ok
    return ok


def _order(members: list[Member]) -> list[Member]:
    """Specialists first (the flexible staff then fill what is left), the cheaper first
    among equals, each next member chosen, where one can be, to share no skill with the one
    before (they solve side by side)."""
    waiting = sorted(members, key=lambda m: (len(m.employee.skills), m.employee.hourly_cost,
                                             m.employee.employee_id))
    ordered: list[Member] = []
    while waiting:
        before = set(ordered[-1].employee.skills) if ordered else set()
        index = next((i for i, m in enumerate(waiting[:50])
                      if not before & set(m.employee.skills)), 0)
        ordered.append(waiting.pop(index))
    return ordered


def _book_temps(scenario: Scenario, demand: _Demand) -> list[TempBooking]:
    """Greedy temp bookings: one temp at a time where it saves the most, while it saves."""
    if not scenario.settings.temps_enabled or not demand.enabled:
        return []
    slots = RosterVars(dataclasses.replace(scenario, employees=()), cp_model.CpModel()).temps
    offers = scenario.temp_offers_by_id
    booked: dict[tuple[str, int, str], int] = defaultdict(int)
    per_day: dict[tuple[str, int], int] = defaultdict(int)

    def gain(slot: tuple[str, int, str]) -> int:
        offer_id, day, shift_id = slot
        offer = offers[offer_id]
        fee = costs.temp_cost(offer, scenario.shift(shift_id))
        return -demand.price((day, shift_id, offer.skill)) - fee

    heap = [(-gain(slot), slot) for slot in slots]
    heapq.heapify(heap)
    while heap:
        _, slot = heapq.heappop(heap)
        offer_id, day, shift_id = slot
        limit = offers[offer_id].max_per_day
        if per_day[offer_id, day] >= limit:
            continue
        now = gain(slot)
        if now <= 0:
            continue
        if heap and -heap[0][0] > now:  # gains only fall: re-queue at its current value
            heapq.heappush(heap, (-now, slot))
            continue
        booked[slot] += 1
        per_day[offer_id, day] += 1
        demand.add((day, shift_id, offers[offer_id].skill), 1)
        heapq.heappush(heap, (-gain(slot), slot))
    return [
        TempBooking(offer_id, day, shift_id, offers[offer_id].skill, count)
        for (offer_id, day, shift_id), count in sorted(booked.items())
    ]


class WarmStart:
    """The warm start's state: small models, each employee's shifts, what is uncovered.

    `first` builds a roster within seconds; `improve` runs passes in which every employee
    answers the others. Each roster they return passes the checker (stats from it)."""

    def __init__(
        self,
        scenario: Scenario,
        rules: Sequence[Rule] = DEFAULT_RULES,
        *,
        seed: int = 0,
        stop: threading.Event | None = None,
    ) -> None:
        self.scenario = scenario
        self.rules = rules
        self.seed = seed
        self.stop = stop
        self.started = time.monotonic()
        self.demand = _Demand(scenario, any(r.name == "cover_demand" and r.enabled(scenario)
                                            for r in rules))
        self.small_rules = [rule for rule in rules if rule.name not in COUPLING_RULES]
        self.availability: dict[str, list[AvailabilityEntry]] = defaultdict(list)
        for entry in scenario.availability:
            self.availability[entry.employee_id].append(entry)
        self.templates: dict[str, _Template] = {}
        self.members = _order([
            Member(e, _template_key(e, self.availability[e.employee_id]))
            for e in scenario.employees
        ])
        self.bookings: list[TempBooking] = []
        self.best: Plan | None = None
        self.threads = THREADS
        """Small solves side by side; the caller may lower it while it runs other work."""

    def _prepare(self, member: Member) -> None:
        """Build the member's small model, unless an employee alike has one."""
        from planner.engine.solve import build_model

        if member.key not in self.templates:
            own = self.availability[member.employee.employee_id]
            sub = _sub_scenario(self.scenario, member.employee, own)
            self.templates[member.key] = _Template(build_model(sub, self.small_rules))
        member.template = self.templates[member.key]

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def _rebook(self) -> Plan | None:
        """Temps booked afresh for the roster as it stands, and the checked plan."""
        _add_temps(self.demand, self.bookings, -1)
        self.bookings = _book_temps(self.scenario, self.demand)
        first = time.monotonic() - self.started if self.best is None \
            else self.best.stats.first_solution_seconds or 0.0
        return _plan(self.scenario, self.rules, self.members, self.bookings, first, self.seed)

    def adopt(self, rosters: Callable[[Member], Sequence[InstanceKey]]) -> Plan | None:
        """Give each member the shifts `rosters` names for them, book temps afresh, and
        return the checked plan (None if the checker finds a hard violation)."""
        for member in self.members:
            _cover(member, self.demand, -1)
            member.chosen = sorted(rosters(member))
            _cover(member, self.demand, 1)
        return self._rebook()

    def first(self, seconds: float) -> Plan | None:
        """A first roster fast: one solve per small model, employees alike taking the same
        shifts; None when some employee has no valid roster or time runs out."""
        if not _sweep(self.members, self.demand, until=time.monotonic() + seconds,
                      seed=self.seed, prepare=self._prepare, stopped=self.stopped, reuse=True,
                      threads=self.threads, step=FIRST_STEP_SECONDS):
            return None
        self.best = self._rebook()
        return self.best

    def improve(self, seconds: float, on_plan: Callable[[Plan], None] | None = None) -> Plan | None:
        """Passes for `seconds` at most, while one still gains `MIN_GAIN`; the best roster.
        Each pass runs the order backwards: those planned last (flexible, dearer) give way
        first where the first roster crowds."""
        until = time.monotonic() + seconds
        while self.best is not None and time.monotonic() < until - 0.05 and not self.stopped():
            _sweep(self.members[::-1], self.demand, until=until, seed=self.seed,
                   prepare=self._prepare, stopped=self.stopped, threads=self.threads)
            plan = self._rebook()
            if plan is None:
                break
            old, new = self.best.stats.objective_units or 0, plan.stats.objective_units or 0
            if new < old:
                self.best = plan
                if on_plan is not None:
                    on_plan(plan)
            if old - new <= MIN_GAIN * abs(old):
                break
        return self.best


def warm_start(
    scenario: Scenario,
    rules: Sequence[Rule] = DEFAULT_RULES,
    *,
    seconds: float = 60.0,
    improve_seconds: float = 60.0,
    seed: int = 0,
    stop: threading.Event | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> Plan | None:
    """A roster that keeps every enabled hard rule, or None.

    `seconds` bounds the first pass (`WarmStart.first`), `improve_seconds` the passes after
    it (`WarmStart.improve`). `on_plan` hears of each better roster, the first included."""
    warm = WarmStart(scenario, rules, seed=seed, stop=stop)
    plan = warm.first(seconds)
    if plan is None:
        return None
    if on_plan is not None:
        on_plan(plan)
    best = warm.improve(improve_seconds, on_plan) or plan
    spent = time.monotonic() - warm.started
    return dataclasses.replace(best, stats=dataclasses.replace(best.stats, seconds=spent))


def _add_temps(demand: _Demand, bookings: list[TempBooking], sign: int) -> None:
    for booking in bookings:
        demand.add((booking.day, booking.shift_id, booking.skill), sign * booking.count)


def _plan(
    scenario: Scenario,
    rules: Sequence[Rule],
    members: list[Member],
    bookings: list[TempBooking],
    first_seconds: float,
    seed: int,
) -> Plan | None:
    """The roster, if the checker finds no hard violation in it; stats from the checker."""
    assignments = tuple(
        Assignment(m.employee.employee_id, d, s, k)
        for m in sorted(members, key=lambda m: m.employee.employee_id)
        for (d, s, k) in sorted(m.chosen)
    )
    return checked_plan(scenario, rules, Plan(assignments, tuple(bookings)), first_seconds, seed)


def checked_plan(
    scenario: Scenario, rules: Sequence[Rule], plan: Plan, first_seconds: float | None, seed: int
) -> Plan | None:
    """`plan` with its stats from the checker (found `first_seconds` in), if the checker finds
    no hard violation in it; else None."""
    report = check_plan(scenario, plan, rules)
    if report.hard_violations or report.problems:
        return None
    stats = SolveStats(
        status="FEASIBLE", objective=report.objective, seconds=first_seconds or 0.0,
        first_solution_seconds=first_seconds, seed=seed, costs=dict(report.costs),
        objective_units=report.objective_units,
    )
    return dataclasses.replace(plan, stats=stats)
