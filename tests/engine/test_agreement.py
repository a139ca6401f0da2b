"""The solver and the solver-free checker agree on random small scenarios.

Each seed builds a few people, days and shifts with random contracts, availability, wishes,
temp offers and rule settings (hard, soft or off). Two properties are checked:

- every incumbent the search reports (not only the last) is valued by the checker exactly
  as the solver valued it, kind by kind, and breaks no hard rule;
- any roster at all, pinned into the model with every rule soft, is priced the same by the
  model's slacks and by the checker (soft slacks are equalities, not just at the optimum).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from ortools.sat.python import cp_model

from planner.domain import Contract, Plan, RuleSetting, Scenario, SolverSettings
from planner.engine import build_model
from planner.engine.context import ModelContext
from planner.rules import RULES_BY_NAME
from planner.timeline import rest_minutes
from tests.conftest import check_agrees, read_plan, solve_and_check
from tests.factories import (
    MONDAY,
    avoid,
    employee,
    interval,
    leave,
    minutes,
    offer,
    prefer,
    scenario,
    shift,
    slot,
    unavailable,
)

SEEDS = range(10)
SHIFTS = (
    shift("E", "06:00", "14:00"),
    shift("L", "14:00", "22:00", break_minutes=30),
    shift("N", "22:00", "06:00", premium=1.25),
    shift("M", "04:00", "12:00", skills=["desk"]),
    shift("D", "09:00", "15:00", weekdays=range(5)),
)
SKILLS = ("desk", "phone")
SETTINGS = SolverSettings(time_limit_seconds=5, workers=8, seed=0)


def maybe(rng: random.Random, value: object, chance: float = 0.4) -> object:
    return value if rng.random() < chance else None


def random_rules(rng: random.Random) -> dict[str, RuleSetting]:
    rules = {}
    for name in RULES_BY_NAME:
        pick = rng.choice(["default", "default", "hard", "soft", "off"])
        if pick == "hard":
            rules[name] = RuleSetting(hard=True)
        elif pick == "soft":
            rules[name] = RuleSetting(hard=False, weight=rng.choice([0.5, 3, 20, 150]))
        elif pick == "off":
            rules[name] = RuleSetting(enabled=False)
    return rules


def random_scenario(seed: int) -> Scenario:
    rng = random.Random(seed)
    days = rng.randint(4, 9)
    shifts = rng.sample(SHIFTS, rng.randint(2, 4))
    rules = random_rules(rng)
    hours = rules.get("weekly_hours_within_contract", RuleSetting())
    # With a hard weekly minimum a random scenario may be infeasible; keep it soft.
    minimum_allowed = hours.hard is False or not hours.enabled
    staff = []
    for i in range(rng.randint(2, 4)):
        skills = rng.sample(SKILLS, rng.randint(1, 2))
        staff.append(employee(
            f"P{i}", skills=skills, hourly_cost=rng.choice([15, 20, 22.5, 30]),
            min_hours_week=maybe(rng, rng.choice([8, 16, 30])) if minimum_allowed else None,
            max_hours_week=maybe(rng, rng.choice([16, 24, 40])),
            overtime_after_hours_week=maybe(rng, rng.choice([8, 16, 24])),
            overtime_multiplier=maybe(rng, rng.choice([1.25, 2.0])),
            max_days_week=maybe(rng, rng.randint(2, 5)),
            max_consecutive_days=maybe(rng, rng.randint(1, 4)),
            min_consecutive_days=maybe(rng, rng.randint(2, 3)),
            min_days_off_in_row=maybe(rng, rng.randint(2, 3)),
            max_weekends=maybe(rng, rng.randint(0, 1)),
            min_rest_hours=maybe(rng, rng.choice([11, 14, 30])),
            max_shifts={s.shift_id: rng.randint(0, 2) for s in rng.sample(shifts, 1)}
            if rng.random() < 0.4 else {},
        ))
    demand = []
    for day in range(days):
        for s in shifts:
            if rng.random() < 0.6:
                demand.append(slot(day, s, required=rng.randint(0, 2), skill=rng.choice(SKILLS),
                                   under_weight=rng.choice([20, 60, 150]),
                                   over_weight=rng.choice([0, 5, 12.5])))
        if rng.random() < 0.3:
            start = rng.choice(["02:00", "07:00", "12:00", "23:00"])
            end = f"{(int(start[:2]) + 1) % 24:02d}:00"
            demand.append(interval(day, start, end, required=rng.randint(1, 2),
                                   skill=rng.choice(SKILLS), under_weight=rng.choice([50, 300])))
    availability = []
    for person in staff:
        e = person.employee_id
        for _ in range(rng.randint(0, 3)):
            day = rng.randrange(days)
            kind = rng.choice(["leave", "window", "shift", "preferred", "avoid"])
            if kind == "leave":
                availability.extend(leave(e, day))
            elif kind == "window":
                start = day * 1440 + minutes(rng.choice(["05:00", "13:00", "20:00"]))
                availability.append(unavailable(e, day, start=start, end=start + 180))
            elif kind == "shift":
                availability.append(unavailable(e, day, shift_id=rng.choice(shifts).shift_id))
            else:
                wish = prefer if kind == "preferred" else avoid
                shift_id = rng.choice([None, rng.choice(shifts).shift_id])
                availability.append(wish(e, day, weight=rng.choice([0.5, 2, 8]), shift_id=shift_id))
    offers = []
    for skill in rng.sample(SKILLS, rng.randint(0, 2)):
        offers.append(offer(skill, hourly_cost=rng.choice([25, 45, 90]),
                            max_per_day=rng.randint(1, 3), min_hours=rng.choice([0, 9]),
                            notice_days=rng.randint(0, 2),
                            shifts=rng.choice([None, frozenset({rng.choice(shifts).shift_id})])))
    ids = [s.shift_id for s in shifts]
    successions = [(rng.choice(ids), rng.choice(ids))] if rng.random() < 0.5 else []
    return scenario(staff, shifts, demand, days=days, availability=availability, temp_offers=offers,
                    rules=rules, forbidden_successions=successions,
                    start_date=MONDAY + dt.timedelta(days=rng.randrange(7)),
                    contract=Contract(min_rest_hours=maybe(rng, 11)),  # type: ignore[arg-type]
                    temps_enabled=rng.random() < 0.8)


class Incumbents(cp_model.CpSolverSolutionCallback):
    """Reads back every improving roster the search reports."""

    def __init__(self, ctx: ModelContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.plans: list[Plan] = []
        self.reported: list[int] = []

    def on_solution_callback(self) -> None:
        self.plans.append(read_plan(self.ctx, self.value, "FEASIBLE"))
        self.reported.append(round(self.objective_value))


@pytest.mark.parametrize("seed", SEEDS)
def test_the_checker_agrees_with_every_incumbent(seed):
    sc = random_scenario(seed)
    ctx = build_model(sc)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = SETTINGS.time_limit_seconds
    solver.parameters.num_workers = SETTINGS.workers
    incumbents = Incumbents(ctx)
    status = solver.solve(ctx.model, incumbents)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE), solver.status_name(status)
    assert incumbents.plans
    for plan, reported in zip(incumbents.plans, incumbents.reported, strict=True):
        check_agrees(sc, plan)
        # CP-SAT reports the objective of its presolved model, which may price a relaxed
        # slack above the postsolved roster's own cost (never below it). The roster's value
        # is the sum of its cost terms, which is what `solve` reports and the checker finds.
        assert reported >= plan.stats.objective_units
    plan, _ = solve_and_check(sc, settings=SETTINGS, optimal=False)
    if plan.stats.status == "OPTIMAL" and status == cp_model.OPTIMAL:
        assert plan.stats.objective_units == incumbents.plans[-1].stats.objective_units


def all_soft(sc: Scenario) -> Scenario:
    """The same scenario with every rule that can be soft made soft (rules off stay off)."""
    rules = dict(sc.settings.rules)
    for name, rule in RULES_BY_NAME.items():
        setting = rules.get(name, RuleSetting())
        if rule.can_be_soft and setting.enabled:
            rules[name] = dataclasses.replace(setting, hard=False)
    return dataclasses.replace(sc, settings=dataclasses.replace(sc.settings, rules=rules))


def pin_random_roster(rng: random.Random, ctx: ModelContext) -> None:
    """Fix every decision to a random roster that keeps only the rules that cannot be soft:
    one shift a day without overlap, and each offer's daily maximum."""
    sc = ctx.scenario
    chosen: dict[tuple[str, int, str], str] = {}
    for person in sc.employees:
        e = person.employee_id
        previous = None
        for day in sc.days:
            options = [s for s in ctx.vars.shifts_of(e, day)
                       if previous is None
                       or rest_minutes((day - 1, sc.shift(previous)), (day, sc.shift(s))) >= 0]
            pick = rng.choice(options) if options and rng.random() < 0.55 else None
            if pick is not None:
                skills = [k for (pe, pd, ps, k) in ctx.vars.work if (pe, pd, ps) == (e, day, pick)]
                chosen[e, day, pick] = rng.choice(skills)
            previous = pick
    for (e, day, s, skill), var in ctx.vars.work.items():
        ctx.model.add(var == int(chosen.get((e, day, s)) == skill))
    left: dict[tuple[str, int], int] = {}
    for (offer_id, day, _), var in ctx.vars.temps.items():
        room = left.setdefault((offer_id, day), sc.temp_offers_by_id[offer_id].max_per_day)
        count = rng.randint(0, room)
        left[offer_id, day] -= count
        ctx.model.add(var == count)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_model_prices_any_roster_as_the_checker_does(seed):
    sc = all_soft(random_scenario(seed))
    rng = random.Random(1000 + seed)
    for _ in range(3):
        ctx = build_model(sc)
        pin_random_roster(rng, ctx)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = SETTINGS.time_limit_seconds
        solver.parameters.num_workers = SETTINGS.workers
        status = solver.solve(ctx.model)
        assert status == cp_model.OPTIMAL, solver.status_name(status)
        plan = read_plan(ctx, solver.value, "OPTIMAL", round(solver.objective_value))
        check_agrees(sc, plan)
