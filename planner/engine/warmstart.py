"""A fast first roster for big scenarios, built one employee at a time.

Every hard rule binds one employee (or one temp offer); only demand couples the staff. So a
roster is built from small models, each holding ONE employee under every enabled rule except
cover demand and temps, made by the same `build_model` as the full model: the employee's
hard rules are the full model's, to the letter. Demand enters a small model as a price on
each (day, shift, skill) the employee could work: the shortfall one more head there saves,
less the surplus it adds, given what the staff planned so far cover. An employee covers an
interval at most once (one shift a day, no overlap), so the price is exact and each small
solve is the employee's best answer to the others, wages, overtime, wishes and soft rules
included. Temps then fill the gaps where they cost less than the shortfall, and, while time
is left, a second pass lets each employee answer the final roster of the others
(coordinate descent: the cost never rises).

Employees alike in all but pay (skills, contract, site, availability) share one small model;
it is built while earlier employees solve (CP-SAT releases the GIL), and employees with no
skill in common solve side by side: neither's prices depend on the other's choice. The
roster passes `planner.check.check_plan` with no hard violation before it is returned; when
a small model is infeasible (then so is the scenario), time runs out or the check fails,
there is no warm start and the full model searches on its own.
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
"""Time limit of one employee's small solve."""

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


class _Member:
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


def _parameters(solver: cp_model.CpSolver, seconds: float, seed: int) -> None:
    """A tiny model: one worker, and a presolve that does not outlast the search."""
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = seed
    p.max_time_in_seconds = max(0.05, seconds)
    p.max_presolve_iterations = 1
    p.cp_model_probing_level = 0
    p.symmetry_level = 0


def _solve(member: _Member, prices: list[int], seconds: float, seed: int) -> list | None:
    """The member's best shifts at these prices, or None when none was found (no roster of
    theirs keeps the hard rules, or the time ran out)."""
    template = member.template
    assert template is not None
    model = template.ctx.model
    model.minimize(template.objective(member.employee.hourly_cost)
                   + cp_model.LinearExpr.weighted_sum(template.work, prices))
    model.clear_hints()
    chosen = set(member.chosen)
    for key, var in zip(template.keys, template.work, strict=True):
        model.add_hint(var, key in chosen)
    solver = cp_model.CpSolver()
    _parameters(solver, seconds, seed)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [key for key, var in zip(template.keys, template.work, strict=True)
            if solver.boolean_value(var)]


def _cover(member: _Member, demand: _Demand, heads: int) -> None:
    """Add (1) or withdraw (-1) the member's shifts from what the roster covers."""
    for key in member.chosen:
        demand.add(key, heads)


def _clash(a: _Member, b: _Member) -> bool:
    """Must `b` wait for `a`: they share a skill (prices) or a small model."""
    assert a.template is not None and b.template is not None
    return a.template is b.template or bool(a.template.skills & b.template.skills)


def _sweep(
    members: Sequence[_Member],
    demand: _Demand,
    *,
    until: float,
    seed: int,
    prepare: Callable[[_Member], None],
    stopped: Callable[[], bool],
) -> bool:
    """Each member answers the others once, in order; members that do not clash solve side
    by side. False when one found no roster or time ran out (what was found is kept)."""
    in_flight: deque[tuple[_Member, Future]] = deque()

    def settle() -> bool:
        member, future = in_flight.popleft()
        keys = future.result()
        if keys is not None:
            member.chosen = keys
        _cover(member, demand, 1)
        return keys is not None

    ok = True
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for member in members:
            prepare(member)
            while ok and in_flight and (
                len(in_flight) >= THREADS or any(_clash(m, member) for m, _ in in_flight)
            ):
                ok = settle()
            left = until - time.monotonic()
            if not ok or left <= 0 or stopped():
                ok = False
                break
            assert member.template is not None
            _cover(member, demand, -1)  # priced against the others only
            prices = [demand.price(key) for key in member.template.keys] if demand.enabled \
                else [0] * len(member.template.keys)
            step = min(STEP_SECONDS, left)
            in_flight.append((member, pool.submit(_solve, member, prices, step, seed)))
        while in_flight:
            ok = settle() and ok
    return ok


def _order(members: list[_Member]) -> list[_Member]:
    """Specialists first (the flexible staff then fill what is left), the cheaper first
    among equals, each next member chosen, where one can be, to share no skill with the one
    before (they solve side by side)."""
    waiting = sorted(members, key=lambda m: (len(m.employee.skills), m.employee.hourly_cost,
                                             m.employee.employee_id))
    ordered: list[_Member] = []
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


def warm_start(
    scenario: Scenario,
    rules: Sequence[Rule] = DEFAULT_RULES,
    *,
    seconds: float = 60.0,
    improve_seconds: float = 0.0,
    seed: int = 0,
    stop: threading.Event | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> Plan | None:
    """A roster that keeps every enabled hard rule, or None.

    `seconds` bounds the first pass (every employee once); further passes run for
    `improve_seconds` after it (none by default), while they still gain. `on_plan` hears of
    each better roster, the first pass's included. The plan's stats carry the checker's
    valuation."""
    from planner.engine.solve import build_model

    started = time.monotonic()
    demand = _Demand(scenario, any(r.name == "cover_demand" and r.enabled(scenario)
                                   for r in rules))
    small_rules = [rule for rule in rules if rule.name not in COUPLING_RULES]
    availability: dict[str, list[AvailabilityEntry]] = defaultdict(list)
    for entry in scenario.availability:
        availability[entry.employee_id].append(entry)
    templates: dict[str, _Template] = {}

    def prepare(member: _Member) -> None:
        """Build the member's small model, unless an employee alike has one."""
        if member.key not in templates:
            own = availability[member.employee.employee_id]
            sub = _sub_scenario(scenario, member.employee, own)
            templates[member.key] = _Template(build_model(sub, small_rules))
        member.template = templates[member.key]

    def stopped() -> bool:
        return stop is not None and stop.is_set()

    members = _order([
        _Member(e, _template_key(e, availability[e.employee_id])) for e in scenario.employees
    ])
    if not _sweep(members, demand, until=started + seconds, seed=seed, prepare=prepare,
                  stopped=stopped):
        return None
    bookings = _book_temps(scenario, demand)
    best = _plan(scenario, rules, members, bookings, time.monotonic() - started, seed)
    if best is None:
        return None
    if on_plan is not None:
        on_plan(best)
    until = time.monotonic() + improve_seconds
    while time.monotonic() < until - 0.05 and not stopped():
        _sweep(members, demand, until=until, seed=seed, prepare=prepare, stopped=stopped)
        _add_temps(scenario, demand, bookings, -1)
        bookings = _book_temps(scenario, demand)
        first = best.stats.first_solution_seconds or 0.0
        plan = _plan(scenario, rules, members, bookings, first, seed)
        if plan is None:
            break
        old, new = best.stats.objective_units or 0, plan.stats.objective_units or 0
        if new < old:
            best = plan
            if on_plan is not None:
                on_plan(best)
        if old - new <= MIN_GAIN * abs(old):
            break
    seconds_taken = time.monotonic() - started
    return dataclasses.replace(best, stats=dataclasses.replace(best.stats, seconds=seconds_taken))


def _add_temps(scenario: Scenario, demand: _Demand, bookings: list[TempBooking], sign: int) -> None:
    for booking in bookings:
        demand.add((booking.day, booking.shift_id, booking.skill), sign * booking.count)


def _plan(
    scenario: Scenario,
    rules: Sequence[Rule],
    members: list[_Member],
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
    plan = Plan(assignments, tuple(bookings))
    report = check_plan(scenario, plan, rules)
    if report.hard_violations or report.problems:
        return None
    stats = SolveStats(
        status="FEASIBLE", objective=report.objective, seconds=first_seconds,
        first_solution_seconds=first_seconds, seed=seed, costs=dict(report.costs),
        objective_units=report.objective_units,
    )
    return Plan(assignments, tuple(bookings), stats)
