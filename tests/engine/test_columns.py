"""Column generation and its dive: a checked roster, an LP below every roster's cost."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import math
import random
import threading
import time

import pytest

from planner.domain import Scenario, SolverSettings
from planner.engine import Progress
from planner.engine.columns import ROUNDING, SCALE, ColumnPlan, _at_once, _Master, _price
from tests.conftest import solve_and_check
from tests.engine.test_warmstart import CONTRACT, E, L, assert_valid, fortnight
from tests.factories import course, employee, off, offer, scenario, slot

solve_module = importlib.import_module("planner.engine.solve")


def test_the_lp_bounds_the_optimum_and_the_dive_keeps_every_hard_rule():
    sc = fortnight(21, people=6, days=7, temp_offers=[])
    optimum, _ = solve_and_check(sc, settings=SolverSettings(time_limit_seconds=60, workers=8))
    columns = ColumnPlan(sc)
    plan = columns.run(30)
    assert_valid(sc, plan)
    assert columns.lp_value is not None
    assert columns.lp_value <= optimum.stats.objective + 1e-6
    assert plan.stats.objective >= optimum.stats.objective - 1e-6
    assert columns.lp_value > 0.5 * optimum.stats.objective  # a bound, and not a trivial one


def equal_pay(sc: Scenario, hourly_cost: float = 20.0) -> Scenario:
    """The scenario with everyone on the same pay: each small model then costs its
    employees exactly, and the bound needs no slack for pay (`ColumnPlan._slacks`)."""
    staff = tuple(dataclasses.replace(e, hourly_cost=hourly_cost) for e in sc.employees)
    return dataclasses.replace(sc, employees=staff)


def test_the_bound_lies_below_the_optimum_and_at_the_lp_once_the_root_has_converged():
    sc = equal_pay(fortnight(21, people=6, days=7, temp_offers=[]))
    optimum, _ = solve_and_check(sc, settings=SolverSettings(time_limit_seconds=60, workers=8))
    columns = ColumnPlan(sc)
    assert_valid(sc, columns.run(30))
    assert columns.bound is not None and columns.lp_value is not None
    assert columns.bound <= optimum.stats.objective + 1e-6
    keys = sum(len(m.template.keys) for m in columns.warm.members if m.template is not None)
    slack = (ROUNDING * keys + 0.5 * len(sc.employees)) / SCALE  # a column enters below -0.5
    assert columns.lp_value - slack <= columns.bound <= columns.lp_value + 1e-6


@pytest.mark.parametrize("seed", [20, 24])
def test_the_bound_holds_with_temps_offered_and_pay_rescaled_for_employees_alike(seed):
    sc = fortnight(seed, people=6, days=7)
    assert sc.temp_offers and len({e.hourly_cost for e in sc.employees}) == len(sc.employees)
    optimum, _ = solve_and_check(sc, settings=SolverSettings(time_limit_seconds=60, workers=8))
    columns = ColumnPlan(sc)
    assert_valid(sc, columns.run(30))
    assert len(columns.warm.templates) < len(sc.employees)  # some pay is rescaled
    assert columns.bound is not None and columns.lp_value is not None
    # the master weighs temps, each offer held to its most a day: without temps its LP was
    # 9-14 % above these optima, without the most a day its bound 2-4 % below
    assert columns.bound <= columns.lp_value <= optimum.stats.objective + 1e-6
    assert columns.bound > 0.99 * optimum.stats.objective


def test_the_master_holds_a_temp_offer_to_its_most_a_day():
    """Two shifts a day, one employee, and an offer of one cheap temp a day: the LP may not
    send the temp to both shifts and leave the employee at home."""
    staff = [employee("A0", ["a"], hourly_cost=30)]
    demand = [slot(d, s, required=1, skill="a") for d in range(3) for s in (E, L)]
    sc = scenario(staff, [E, L], demand, days=3,
                  temp_offers=[offer("a", 10, max_per_day=1, notice_days=0)])
    optimum, _ = solve_and_check(sc, settings=SolverSettings(time_limit_seconds=30, workers=8))
    columns = ColumnPlan(sc)
    assert_valid(sc, columns.run(10))
    assert columns.lp_value == pytest.approx(optimum.stats.objective, abs=1e-6)
    assert columns.bound is not None
    assert columns.bound <= optimum.stats.objective + 1e-6


def test_no_bound_is_claimed_with_courses_offered():
    staff = [employee(f"A{i}", ["a"], hourly_cost=20) for i in range(4)]
    demand = [slot(d, s, required=2, skill="a") for d in range(7) for s in (E, L)]
    sc = scenario(staff, [E, L], demand, days=7, contract=CONTRACT,
                  courses=[course("C1", "b", days=1, cost=100)])
    columns = ColumnPlan(sc)
    assert_valid(sc, columns.run(10))
    assert columns.lp_value is not None
    assert columns.bound is None


def test_a_search_stopped_as_it_starts_still_reports_the_columns_bound():
    sc = equal_pay(fortnight(3, people=10, days=14, temp_offers=[]))
    assert solve_module.COLUMN_CHOICES <= solve_module.choices(sc) < solve_module.LARGE_CHOICES
    stop = threading.Event()
    events: list[Progress] = []

    def heard(event: Progress) -> None:
        events.append(event)
        if len(events) == 2:  # the warm start's roster, then the column phase's
            stop.set()

    settings = SolverSettings(time_limit_seconds=20, workers=2)
    plan, _ = solve_and_check(sc, settings=settings, on_progress=heard, stop=stop,
                              optimal=False)
    assert stop.is_set()
    assert plan.stats.best_bound is not None
    # CP-SAT stopped at once has no bound worth the name; the root LP's is within 0.01 %
    assert 0.99 * plan.stats.objective <= plan.stats.best_bound <= plan.stats.objective + 1e-6


def test_employees_alike_but_for_pay_share_a_small_model_and_each_gets_a_roster():
    staff = [employee(f"A{i}", ["a"], hourly_cost=18 + i) for i in range(4)]
    demand = [slot(d, s, required=2, skill="a") for d in range(7) for s in (E, L)]
    sc = scenario(staff, [E, L], demand, days=7, contract=CONTRACT)
    columns = ColumnPlan(sc)
    plan = columns.run(30)
    assert_valid(sc, plan)
    assert len(columns.warm.templates) == 1
    assert {a.employee_id for a in plan.assignments} == {e.employee_id for e in staff}


def test_a_row_the_staff_cannot_cover_is_not_worth_covering_and_the_others_are():
    staff = [employee(f"A{i}", ["a"]) for i in range(6)]
    demand = [slot(d, s, required=8 if (d, s) == (0, E) else 1, skill="a")
              for d in range(7) for s in (E, L)]
    sc = scenario(staff, [E, L], demand, days=7, contract=CONTRACT)
    columns = ColumnPlan(sc)
    assert_valid(sc, columns.run(30))
    worth = dict(zip(((row.day, row.shift_id) for row in sc.demand), columns.worth_covering or [],
                     strict=True))
    assert not worth[0, "E"]  # six people for eight heads: the LP leaves two short
    assert all(worth[day, s.shift_id] for day in range(1, 7) for s in (E, L))


def test_no_columns_when_demand_is_not_planned():
    sc = fortnight(rules={"cover_demand": off()})
    assert ColumnPlan(sc).run(10) is None


def test_a_mid_sized_scenario_reports_the_first_roster_at_once_and_never_loses_a_better_one(
    monkeypatch,
):
    sc = fortnight(22, people=6, days=7)
    monkeypatch.setattr(solve_module, "COLUMN_CHOICES", 0)
    events: list[Progress] = []
    settings = SolverSettings(time_limit_seconds=20, workers=2)
    plan, report = solve_and_check(sc, settings=settings, on_progress=events.append,
                                   optimal=False)
    first = events[0]
    assert first.best_bound == 0.0
    assert plan.stats.first_solution_seconds == pytest.approx(first.seconds)
    assert plan.stats.objective <= first.objective + 1e-6
    assert [e.objective for e in events] == sorted((e.objective for e in events), reverse=True)
    assert report.objective_units == plan.stats.objective_units


def test_the_search_hinted_by_columns_reaches_the_plain_searchs_optimum(monkeypatch):
    sc = fortnight(23, people=5, days=7)
    settings = SolverSettings(time_limit_seconds=60, workers=8)
    plain, _ = solve_and_check(sc, settings=settings)
    monkeypatch.setattr(solve_module, "COLUMN_CHOICES", 0)
    hinted, _ = solve_and_check(sc, settings=settings)
    assert hinted.stats.objective_units == plain.stats.objective_units


@pytest.mark.parametrize(
    ("loose", "steps", "left", "expected"),
    [
        (10, [], 5.0, 1),  # no pace known yet: one
        (10, [0.2, 0.2], 5.0, 1),  # time for a step each
        (10, [1.0, 1.0], 5.0, 2),  # five steps left for ten employees
        (10, [1.0], 0.0, 1),  # out of time: the caller fixes the rest
    ],
)
def test_a_dive_step_fixes_more_at_once_only_when_time_is_short(loose, steps, left, expected):
    assert _at_once(loose, steps, left) == expected


def test_the_restricted_master_picks_the_cheapest_column_for_each_employee():
    rng = random.Random(7)
    staff = [employee(f"A{i}", ["a"], hourly_cost=18 + 3 * i) for i in range(3)]
    demand = [slot(d, s, required=rng.randint(0, 2), skill="a") for d in range(7) for s in (E, L)]
    sc = scenario(staff, [E, L], demand, days=7, contract=CONTRACT)
    columns = ColumnPlan(sc)
    assert columns.warm.first(10) is not None
    master = columns._root(time.monotonic() + 20)
    members = columns.warm.members
    demand_rows = columns.warm.demand

    def cost(picks: tuple[int, ...]) -> int:
        """Every picked column's own cost, and each demand row's shortfall and surplus."""
        cover = [0] * len(sc.demand)
        total = 0
        for member, pick in zip(members, picks, strict=True):
            keys, own = master.columns[id(member)][pick]
            total += own
            for key in keys:
                for row in demand_rows.rows.get(key, ()):
                    cover[row] += 1
        for row, (heads, wanted) in enumerate(zip(cover, sc.demand, strict=True)):
            total += demand_rows.under[row] * max(wanted.required - heads, 0)
            total += demand_rows.over[row] * max(heads - wanted.required, 0)
        return total

    every = itertools.product(*(range(len(master.columns[id(m)])) for m in members))
    cheapest = min(cost(picks) for picks in every)
    assert 1 < math.prod(len(master.columns[id(m)]) for m in members) <= 200_000
    picked = master.integer(members, {id(m): 0 for m in members}, 20, seed=0)
    assert picked is not None
    assert cost(tuple(picked[id(m)] for m in members)) == cheapest
    plan = columns.warm.adopt(master.rosters(picked))
    assert_valid(sc, plan)


@pytest.mark.parametrize(("gain", "rounds"), [(1.0, 1), (-1.0, 3)])
def test_a_dive_step_stops_pricing_once_a_round_gains_the_lp_too_little(
    monkeypatch, gain, rounds
):
    columns = ColumnPlan(fortnight(21, people=6, days=7, temp_offers=[]))
    assert columns.warm.first(10) is not None
    master = _Master(columns.warm)
    columns._first_columns(master)
    values: list[float] = []
    priced = columns._round
    monkeypatch.setattr(columns, "_round",
                        lambda m, until: values.append(m.value) or priced(m, until))
    columns._generate(master, time.monotonic() + 30, rounds=3, gain=gain)
    assert len(values) == rounds
    assert all(later <= earlier for earlier, later in itertools.pairwise(values))


def test_lean_pricing_finds_a_roster_as_cheap_as_the_default():
    columns = ColumnPlan(fortnight(21, people=6, days=7, temp_offers=[]))
    assert columns.warm.first(10) is not None
    rng = random.Random(3)
    for member in columns.warm.members:
        prices = [rng.uniform(-30_000, 10_000) for _ in member.template.keys]
        default, proved, bound = _price(member, prices, None, 10.0, seed=0)
        lean, lean_proved, _ = _price(member, prices, None, 10.0, seed=0, lean=True)
        assert proved and lean_proved
        assert default and lean
        price = dict(zip(member.template.keys, prices, strict=True))
        (keys, cost), (lean_keys, lean_cost) = default[-1], lean[-1]
        assert lean_cost + sum(round(price[key]) for key in lean_keys) \
            == cost + sum(round(price[key]) for key in keys) == bound  # proved: bound = best


@pytest.mark.parametrize("cut_short", [False, True])
def test_an_employee_whose_pricing_solve_is_cut_short_is_priced_lean_from_then_on(
    monkeypatch, cut_short
):
    columns_module = importlib.import_module("planner.engine.columns")
    if cut_short:  # no time to prove anything: every solve stops at its limit
        set_up = columns_module.small_model_parameters

        def no_time(solver, seconds, seed):
            set_up(solver, seconds, seed)
            solver.parameters.max_time_in_seconds = 0.0

        monkeypatch.setattr(columns_module, "small_model_parameters", no_time)
    columns = ColumnPlan(fortnight(21, people=6, days=7, temp_offers=[]))
    assert columns.warm.first(10) is not None
    master = _Master(columns.warm)
    columns._first_columns(master)
    assert master.solve()
    columns._round(master, time.monotonic() + 30)
    everyone = {id(m) for m in columns.warm.members}
    assert columns.lean == (everyone if cut_short else set())
