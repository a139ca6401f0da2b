"""Service-aware shortfall pricing: convex tables, solver and checker agree to the unit, and a
case where flat and service-aware pricing choose differently."""

from __future__ import annotations

import dataclasses

import numpy as np

from planner.check import check_plan
from planner.costs import per_hour
from planner.demand.pricing import convex_envelope, flat_table, shortfall_tables
from planner.demand.service import service_frame, volume_weighted_service_level
from planner.demand.staffing import convert_demand
from planner.domain import Demand, QueueWork, Scenario, ServiceSettings
from tests.conftest import of_rule, pin, solve_and_check, solve_fixed
from tests.factories import employee, roster, scenario, shift


def queue_row(day: int, start: str, volume: float, *, minutes: int = 30, aht: float = 300,
              skill: str = "phone", under_weight: float = 200.0, patience: float | None = None) -> Demand:
    hours, mins = (int(part) for part in start.split(":"))
    assert len(start) == 5
    begin = day * 1440 + hours * 60 + mins
    work = QueueWork(volume=volume, aht_seconds=aht, patience_seconds=patience, max_occupancy=1.0)
    return Demand(f"Q{day}-{start}", day, skill, 0, begin, begin + minutes, under_weight, 5.0, queue=work)


def priced(sc: Scenario, pricing: str) -> Scenario:
    settings = dataclasses.replace(sc.settings, shortfall_pricing=pricing)
    demand = convert_demand(sc.demand, ServiceSettings())
    return dataclasses.replace(sc, settings=settings, demand=demand)


def test_convex_envelope_is_convex_above_and_exact_where_convex() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        values = np.concatenate(([0.0], np.cumsum(rng.uniform(0, 2, rng.integers(1, 30)))))
        envelope = convex_envelope(values)
        assert np.all(envelope >= values - 1e-12)
        assert np.all(np.diff(envelope, 2) >= -1e-9)
        convex = np.concatenate(([0.0], np.cumsum(np.sort(np.diff(values)))))
        np.testing.assert_allclose(convex_envelope(convex), convex)


def test_tables_are_convex_and_flat_pricing_is_unchanged() -> None:
    rows = [queue_row(0, f"{8 + i:02d}:00", volume) for i, volume in enumerate((5, 30, 60, 200, 700))]
    rows.append(queue_row(0, "14:00", 120, patience=90))
    sc = scenario([employee("A", ["phone"])], [shift("S", "08:00", "16:00")], rows, days=1)
    flat, service = priced(sc, "flat"), priced(sc, "service")
    for demand in flat.demand:
        assert shortfall_tables(flat)[demand.demand_id] == flat_table(demand)
        assert flat_table(demand)[1] == per_hour(200, 30)
    for demand in service.demand:
        table = np.array(shortfall_tables(service)[demand.demand_id])
        steps = np.diff(table)
        assert table[0] == 0 and len(table) == demand.required + 1
        assert np.all(steps >= 0) and np.all(np.diff(steps) >= 0)
        # The first missing head costs the service it takes away, in heads of contacts.
        assert table[1] > 0


def _two_queues() -> Scenario:
    """A small queue at 08:00 (60 calls of 300 s in 30 minutes: 14 agents for 80/20) and a
    big one at 09:00 (200 calls: 39 agents), with one person fewer than the 53 needed.
    Covering the big queue costs a premium, so flat pricing (every missing head the same
    price) leaves the big queue one short. One head short there takes 7.0 points off its
    service level (82.6 % -> 75.6 %: 14 of 200 calls), at the small queue 10.1 points
    (86.7 % -> 76.6 %: 6 of 60 calls), so service-aware pricing leaves the small one short
    and answers 8 more calls in 20 s: 81.2 % against 78.2 % weighted by volume."""
    shifts = [shift("A", "08:00", "08:30", skills=["phone"]),
              shift("B", "09:00", "09:30", skills=["phone"], premium=1.5)]
    staff = [employee(f"E{i:02d}", ["phone"]) for i in range(52)]
    demand = [queue_row(0, "08:00", 60), queue_row(0, "09:00", 200)]
    return scenario(staff, shifts, demand, days=1)


def test_flat_and_service_pricing_choose_differently() -> None:
    base = _two_queues()
    flat, service = priced(base, "flat"), priced(base, "service")
    assert [d.required for d in flat.demand] == [14, 39]
    flat_plan, flat_report = solve_and_check(flat)
    service_plan, service_report = solve_and_check(service)
    assert len(of_rule(flat_report, "cover_demand")) == 1
    by_row = {
        name: service_frame(sc, plan).set_index("demand_id")["heads"].to_dict()
        for name, sc, plan in (("flat", flat, flat_plan), ("service", service, service_plan))
    }
    assert by_row["flat"] == {"Q0-08:00": 14, "Q0-09:00": 38}  # the big queue is left short
    assert by_row["service"] == {"Q0-08:00": 13, "Q0-09:00": 39}  # the small one is
    flat_level = volume_weighted_service_level(flat, flat_plan)
    service_level = volume_weighted_service_level(service, service_plan)
    assert flat_level is not None and service_level is not None
    assert service_level > flat_level + 1.0, (flat_level, service_level)
    # Judged by the other pricing, each roster is the worse one: the choice is the pricing's.
    assert check_plan(service, flat_plan).objective_units > service_report.objective_units
    assert check_plan(flat, service_plan).objective_units > flat_report.objective_units


def test_solver_and_checker_agree_on_a_forced_roster() -> None:
    """Exactness for any incumbent, not only the optimum: pin a poor roster (everyone on the
    small queue) and the checker still prices it as the model does."""
    service = priced(_two_queues(), "service")
    plan, report = solve_fixed(service, pin(*((f"E{i:02d}", 0, "A") for i in range(20))))
    shortfall = {v.day: v.cost_units for v in of_rule(report, "cover_demand")}
    assert shortfall and report.objective_units == plan.stats.objective_units


def test_checker_prices_a_hand_made_roster_from_the_table() -> None:
    service = priced(_two_queues(), "service")
    plan = roster(*((f"E{i:02d}", 0, "A", "phone") for i in range(10)),
                  *((f"E{i:02d}", 0, "B", "phone") for i in range(10, 45)))
    report = check_plan(service, plan)
    tables = shortfall_tables(service)
    expected = tables["Q0-08:00"][4] + tables["Q0-09:00"][4]
    assert report.costs["shortfall"] == expected


def test_service_pricing_over_a_week_agrees_with_the_checker() -> None:
    rng = np.random.default_rng(1)
    shifts = [shift("E", "07:00", "13:00", skills=["phone"]), shift("L", "13:00", "19:00", skills=["phone"])]
    staff = [employee(f"E{i}", ["phone"], max_hours_week=30) for i in range(9)]
    demand = [queue_row(day, f"{hour:02d}:00", float(rng.uniform(5, 60)), minutes=60,
                        patience=120 if hour > 15 else None)
              for day in range(3) for hour in range(7, 19)]
    sc = priced(scenario(staff, shifts, demand, days=3), "service")
    _, report = solve_and_check(sc, optimal=False)
    assert report.costs.get("shortfall", 0) > 0
