"""Training decisions in money: what each course session costs, what it buys, and what the
roster would have cost without any training.

Pure functions of a scenario and plans (no solver): `summary.json`, the CLI and the browser
app read them. A decision is explained from the roster itself: the trainee's course fee and
pay, the hours they then work in the new skill inside the horizon (each of which would
otherwise be bought at the skill's cheapest outside price, a temp or the shortfall), and the
value credited for the weeks after the horizon. The comparison with training switched off
needs a second roster (`planner solve --compare-training`), and gives the temp and shortfall
hours each skill saves per week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from planner import costs
from planner.check import CheckReport, check_plan
from planner.domain import Plan, Scenario, Training
from planner.rules.training import session_cost, value_units
from planner.rules.view import RosterView
from planner.training import outside_price, qualified_from, value_weeks, valued_need


def _money(units: int | float) -> float:
    return round(costs.to_money(units), 2) + 0.0


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == round(value) else f"{value:,.2f}"


def week_span(weeks: Iterable[int]) -> str:
    """`week 2`, `weeks 2-4` or `weeks 1, 3` from horizon week indices (0-based)."""
    found = sorted({w + 1 for w in weeks})
    if not found:
        return ""
    if len(found) == 1:
        return f"week {found[0]}"
    if found == list(range(found[0], found[-1] + 1)):
        return f"weeks {found[0]}-{found[-1]}"
    return "weeks " + ", ".join(str(w) for w in found)


def credited_trainees(scenario: Scenario, training: Iterable[Training]) -> set[Training]:
    """The trainees the value after the horizon is credited to: per skill, the earliest
    sessions, up to the number of people the skill lacks (`planner.training.valued_need`)."""
    need = valued_need(scenario)
    by_skill: dict[str, list[Training]] = defaultdict(list)
    for t in sorted(training, key=lambda t: (t.start_day, t.employee_id)):
        by_skill[scenario.courses_by_id[t.course_id].skill].append(t)
    return {t for skill, ts in by_skill.items() for t in ts[: need.get(skill, 0)]}


def training_decisions(scenario: Scenario, plan: Plan) -> list[dict[str, Any]]:
    """One record per session taken, with its money and a sentence saying why it pays."""
    view = RosterView(scenario, plan)
    credited = credited_trainees(scenario, plan.training)
    currency = scenario.settings.currency
    records: list[dict[str, Any]] = []
    for t in sorted(plan.training, key=lambda t: (t.start_day, t.employee_id, t.course_id)):
        course = scenario.courses_by_id[t.course_id]
        employee = scenario.employee(t.employee_id)
        days = scenario.course_days(course, t.start_day)
        first = qualified_from(scenario, t)
        cost = session_cost(scenario, employee, course, t.start_day)
        fee = costs.fixed(course.cost)
        later = [
            a for a in view.assignments(t.employee_id) if a.skill == course.skill and a.day >= first
        ]
        minutes = sum(scenario.shift(a.shift_id).paid_minutes for a in later)
        price = outside_price(scenario, course.skill)
        covered = costs.per_hour(price, minutes)
        value = value_units(scenario, course.skill) if t in credited else 0
        weeks = week_span(scenario.week_of(a.day) for a in later)
        text = (
            f"training {t.employee_id} in {course.skill} ({len(days)} day(s), "
            f"{_amount(_money(cost))} {currency}: fee {_amount(_money(fee))} + pay "
            f"{_amount(_money(cost - fee))})"
        )
        if later:
            text += (
                f" lets {t.employee_id} work {minutes / 60:g} h of {course.skill} in {weeks}, "
                f"hours that would cost {_amount(_money(covered))} {currency} from outside "
                f"(temps or shortfall at {_amount(price)}/h)"
            )
        else:
            text += f" qualifies {t.employee_id} by the end of the horizon"
        if value:
            text += (
                f"; worth {_amount(_money(value))} {currency} over the {value_weeks(scenario)} "
                "week(s) after the horizon"
            )
        records.append({
            "employee_id": t.employee_id,
            "course_id": t.course_id,
            "skill": course.skill,
            "start_date": scenario.settings.date_of(days[0]).isoformat() if days else None,
            "end_date": scenario.settings.date_of(days[-1]).isoformat() if days else None,
            "qualified_from": scenario.settings.date_of(first).isoformat()
            if first < scenario.settings.days else None,
            "days": len(days),
            "cost": _money(cost),
            "hours_in_skill_after": minutes / 60,
            "outside_cost_of_those_hours": _money(covered),
            "value_after_horizon": _money(value),
            "explanation": text,
        })
    return records


def _temp_and_short_hours(scenario: Scenario, plan: Plan) -> dict[tuple[str, int], list[float]]:
    """(skill, week) -> [temp hours, temp cost units, short staff-hours]."""
    found: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for b in plan.temp_bookings:
        offer = scenario.temp_offers_by_id[b.offer_id]
        shift = scenario.shift(b.shift_id)
        cell = found[b.skill, scenario.week_of(b.day)]
        cell[0] += b.count * costs.temp_paid_minutes(offer, shift) / 60
        cell[1] += b.count * costs.temp_cost(offer, shift)
    view = RosterView(scenario, plan)
    for demand in scenario.demand:
        staff, temps = view.cover[demand.demand_id]
        gap = demand.required - staff - temps
        if gap > 0:
            found[demand.skill, scenario.week_of(demand.day)][2] += gap * (demand.end - demand.start) / 60
    return found


def _totals(report: CheckReport, by_week: dict[tuple[str, int], list[float]]) -> dict[str, float]:
    return {
        "total_cost": _money(report.objective_units),
        "training_cost": _money(report.costs.get("training", 0)),
        "value_after_horizon": -_money(report.costs.get("training_value", 0)) + 0.0,
        "temp_hours": round(sum(c[0] for c in by_week.values()), 2),
        "temp_cost": _money(sum(c[1] for c in by_week.values())),
        "short_staff_hours": round(sum(c[2] for c in by_week.values()), 2),
    }


def _saving_text(skill: str, hours: float, money: float, short: float, when: str, currency: str) -> str:
    parts = []
    if abs(hours) > 1e-9:
        verb = "removes" if hours > 0 else "adds"
        parts.append(f"{verb} {abs(hours):g} temp hours of {skill} ({_amount(abs(money))} {currency})")
    if abs(short) > 1e-9:
        verb = "removes" if short > 0 else "adds"
        parts.append(f"{verb} {abs(short):g} short staff-hours of {skill}")
    return "training " + " and ".join(parts) + (f" in {when}" if when else "")


def training_comparison(scenario: Scenario, trained: Plan, untrained: Plan) -> dict[str, Any]:
    """The roster with training against the roster with training switched off: totals, and
    per skill the temp and shortfall hours saved, with the weeks they fall in."""
    with_by_week = _temp_and_short_hours(scenario, trained)
    without_by_week = _temp_and_short_hours(scenario, untrained)
    with_report, without_report = check_plan(scenario, trained), check_plan(scenario, untrained)
    currency = scenario.settings.currency
    savings: list[dict[str, Any]] = []
    for skill in sorted({k for k, _ in with_by_week.keys() | without_by_week.keys()}):
        weeks = sorted({w for k, w in with_by_week.keys() | without_by_week.keys() if k == skill})
        temp_saved = {w: without_by_week[skill, w][0] - with_by_week[skill, w][0] for w in weeks}
        cost_saved = {w: without_by_week[skill, w][1] - with_by_week[skill, w][1] for w in weeks}
        short_saved = {w: without_by_week[skill, w][2] - with_by_week[skill, w][2] for w in weeks}
        hours, money = sum(temp_saved.values()), sum(cost_saved.values())
        if abs(hours) < 1e-9 and abs(sum(short_saved.values())) < 1e-9:
            continue
        when = week_span(w for w in weeks if temp_saved[w] > 0 or short_saved[w] > 0)
        savings.append({
            "skill": skill,
            "temp_hours_saved": round(hours, 2),
            "temp_cost_saved": _money(money),
            "short_staff_hours_saved": round(sum(short_saved.values()), 2),
            "weeks": when,
            "explanation": _saving_text(skill, hours, _money(money), sum(short_saved.values()),
                                        when, currency),
        })
    with_totals = _totals(with_report, with_by_week)
    without_totals = _totals(without_report, without_by_week)
    return {
        "with_training": with_totals,
        "without_training": without_totals,
        "saving": round(without_totals["total_cost"] - with_totals["total_cost"], 2) + 0.0,
        "temp_hours_saved": round(without_totals["temp_hours"] - with_totals["temp_hours"], 2) + 0.0,
        "by_skill": savings,
    }


def training_summary(
    scenario: Scenario, plan: Plan, untrained: Plan | None = None
) -> dict[str, Any] | None:
    """The `training` block of `summary.json`: sessions, their money, and the comparison
    when a roster without training is given. None when there are no courses at all."""
    if not scenario.courses:
        return None
    decisions = training_decisions(scenario, plan)
    block: dict[str, Any] = {
        "sessions": len(decisions),
        "cost": _money(sum(
            session_cost(scenario, scenario.employee(t.employee_id),
                         scenario.courses_by_id[t.course_id], t.start_day)
            for t in plan.training
        )),
        "value_after_horizon": round(sum(d["value_after_horizon"] for d in decisions), 2) + 0.0,
        "value_weeks": value_weeks(scenario),
        "decisions": decisions,
    }
    if untrained is not None:
        block["comparison"] = training_comparison(scenario, plan, untrained)
    return block
