"""Frames the result pages show: roster grid, day timeline, weekly hours, headline figures.

Pure functions of a scenario and a plan (no Streamlit), shaped for display: day columns
named with the weekday, times as datetimes, money in currency units. The charts that draw
them live in `planner.reports`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.domain import MINUTES_PER_DAY, Assignment, Plan, Scenario
from planner.engine.solve import Progress
from planner.io.export import SHIFT_COLOURS, training_grid_text
from planner.rules.availability import BLOCKING
from planner.rules.hours import weekly_bounds
from planner.rules.view import RosterView
from planner.timeline import clock
from planner.training import TRAINING_START_MINUTE, course_minutes, training_days
from planner.ui.format import money, number, short_day

PAID_KINDS: tuple[str, ...] = ("wages", "overtime", "temps", "training")
"""Cost kinds that are money paid out; the others are prices of shortfall and breaches."""

COST_LABELS: Mapping[str, str] = {
    "wages": "Wages",
    "overtime": "Overtime",
    "temps": "Temps",
    "training": "Training",
    "shortfall": "Shortfall (price of missing cover)",
    "surplus": "Surplus (price of extra cover)",
    "preferences": "Preferences not granted",
    "penalties": "Soft rule breaches",
}

SKILL_COLOURS: tuple[str, ...] = (
    "#CFE2F3",
    "#D9EAD3",
    "#FCE5CD",
    "#EAD1DC",
    "#FFF2CC",
    "#D9D2E9",
    "#D0E0E3",
    "#F4CCCC",
)
"""Pale fills for the roster grid coloured by skill."""

TRAINING_COLOUR = "#E2EFDA"
"""The fill of a course day in the roster grid (as in the workbook's grid)."""


def week_label(scenario: Scenario, week: int) -> str:
    days = scenario.days_of_week(week)
    first = scenario.settings.date_of(days[0])
    last = scenario.settings.date_of(days[-1])
    return f"Week {week + 1}: {short_day(first)} – {short_day(last)}"


def day_label(scenario: Scenario, day: int) -> str:
    return short_day(scenario.settings.date_of(day))


def cell_text(assignment: Assignment) -> str:
    """`E phone` (`N nurse`, `L training hca`) for one grid cell: the shift's code, whose
    times the legend gives, and the skill worked."""
    what = assignment.skill if assignment.activity == "work" else f"training {assignment.skill}"
    return f"{assignment.shift_id} {what}"


def shift_legend(scenario: Scenario) -> list[tuple[str, str]]:
    """(shift id, `E 07:00–15:00`) for every shift, in `shifts.csv` order."""
    rows = []
    for shift in scenario.shifts:
        start, end = shift.span(0)
        rows.append((shift.shift_id, f"{shift.shift_id} {clock(start)}–{clock(end)}"))
    return rows


def colour_map(names: Sequence[str], palette: Sequence[str]) -> dict[str, str]:
    return {name: palette[i % len(palette)] for i, name in enumerate(names)}


@dataclass(frozen=True)
class RosterGrid:
    """Employee x day: the cell text, and what colours it (shift or skill id, or a marker)."""

    text: pd.DataFrame
    key: pd.DataFrame
    colours: Mapping[str, str]


def roster_grid(scenario: Scenario, plan: Plan, days: Sequence[int], colour_by: str = "shift") -> RosterGrid:
    """One row per employee (`name (id)`), one column per day (`Mon 2 Mar`), with
    `E phone` (shift code and skill) in worked cells, `training billing (C-BILL)` on course days
    (keyed `_training`; paid, so counted in the hours), `leave`/`unavailable` on whole days off,
    and the week's shifts and paid hours at the end."""
    by_cell: dict[tuple[str, int], list] = defaultdict(list)
    for a in sorted(plan.assignments, key=lambda a: (a.day, scenario.shift(a.shift_id).start_minute)):
        if a.employee_id in scenario.employees_by_id and a.shift_id in scenario.shifts_by_id:
            by_cell[a.employee_id, a.day].append(a)
    off: dict[tuple[str, int], str] = {}
    for entry in scenario.availability:
        if entry.kind in BLOCKING and entry.shift_id is None and entry.start is None:
            off.setdefault((entry.employee_id, entry.day), entry.kind)
    on_course = training_days(scenario, plan.training)
    columns = [day_label(scenario, d) for d in days]
    text_rows: list[dict[str, Any]] = []
    key_rows: list[dict[str, str]] = []
    index: list[str] = []
    for employee in scenario.employees:
        e = employee.employee_id
        index.append(f"{employee.name} ({e})")
        texts: dict[str, Any] = {}
        keys: dict[str, str] = {}
        shifts = paid = 0
        for d, column in zip(days, columns, strict=True):
            items = by_cell.get((e, d), [])
            course = on_course.get((e, d))
            if items or course is not None:
                lines = [cell_text(a) for a in items]
                if course is not None:
                    lines.insert(0, training_grid_text(course))
                    paid += course_minutes(course)
                texts[column] = " / ".join(lines)
                if course is not None:
                    keys[column] = "_training"
                else:
                    keys[column] = items[0].shift_id if colour_by == "shift" else items[0].skill
                shifts += len(items)
                paid += sum(scenario.shift(a.shift_id).paid_minutes for a in items)
            elif (e, d) in off:
                texts[column] = off[e, d]
                keys[column] = "_off"
            else:
                texts[column] = ""
                keys[column] = ""
        texts["shifts"] = shifts
        texts["paid hours"] = round(paid / 60, 2)
        keys["shifts"] = keys["paid hours"] = ""
        text_rows.append(texts)
        key_rows.append(keys)
    all_columns = [*columns, "shifts", "paid hours"]
    text = pd.DataFrame(text_rows, index=index, columns=all_columns)
    key = pd.DataFrame(key_rows, index=index, columns=all_columns)
    if colour_by == "shift":
        colours = colour_map([s.shift_id for s in scenario.shifts], SHIFT_COLOURS)
    else:
        colours = colour_map(list(scenario.skills), SKILL_COLOURS)
    colours["_off"] = "#EEEEEE"
    colours["_training"] = TRAINING_COLOUR
    return RosterGrid(text=text, key=key, colours=colours)


def grid_styles(grid: RosterGrid) -> pd.DataFrame:
    """CSS per cell for `DataFrame.style.apply(..., axis=None)`."""
    def css(key: str) -> str:
        if not key:
            return ""
        if key == "_off":
            return "background-color: #EEEEEE; color: #666666; font-style: italic"
        if key == "_training":
            return f"background-color: {TRAINING_COLOUR}; color: #1E4620; font-style: italic"
        return f"background-color: {grid.colours.get(key, '#FFFFFF')}; color: #111111"

    return grid.key.map(css)


def timeline_frame(scenario: Scenario, plan: Plan, day: int) -> pd.DataFrame:
    """Who works on a day (shifts starting that day), who is on a course, and the temps booked,
    as bars: `who`, `start`, `end` (datetimes), `shift_id` (the course id on a course day),
    `skill` (`training billing` on a course day, so it has its own colour), `kind` (`staff`,
    `training` or `temps`), `label`."""
    base = dt.datetime.combine(scenario.settings.start_date, dt.time())
    rows: list[dict[str, Any]] = []
    for a in plan.assignments:
        if a.day != day or a.shift_id not in scenario.shifts_by_id:
            continue
        employee = scenario.employees_by_id.get(a.employee_id)
        if employee is None:
            continue
        start, end = scenario.shift(a.shift_id).span(a.day)
        what = a.skill if a.activity == "work" else f"training {a.skill}"
        rows.append(
            {
                "who": f"{employee.name} ({a.employee_id})",
                "start": base + dt.timedelta(minutes=start),
                "end": base + dt.timedelta(minutes=end),
                "shift_id": a.shift_id,
                "skill": a.skill,
                "kind": "staff",
                "label": f"{a.shift_id} {clock(start)}-{clock(end)} {what}",
            }
        )
    for (employee_id, course_day), course in training_days(scenario, plan.training).items():
        employee = scenario.employees_by_id.get(employee_id)
        if course_day != day or employee is None:
            continue
        start = day * MINUTES_PER_DAY + TRAINING_START_MINUTE
        end = start + course_minutes(course)
        rows.append(
            {
                "who": f"{employee.name} ({employee_id})",
                "start": base + dt.timedelta(minutes=start),
                "end": base + dt.timedelta(minutes=end),
                "shift_id": course.course_id,
                "skill": f"training {course.skill}",
                "kind": "training",
                "label": f"{course.course_id} {clock(start)}-{clock(end)} training {course.skill}",
            }
        )
    for b in plan.temp_bookings:
        if b.day != day or b.shift_id not in scenario.shifts_by_id:
            continue
        offer = scenario.temp_offers_by_id.get(b.offer_id)
        provider = offer.provider if offer else "agency"
        start, end = scenario.shift(b.shift_id).span(b.day)
        rows.append(
            {
                "who": f"Temps: {b.count} x {b.skill} ({provider}, {b.shift_id})",
                "start": base + dt.timedelta(minutes=start),
                "end": base + dt.timedelta(minutes=end),
                "shift_id": b.shift_id,
                "skill": b.skill,
                "kind": "temps",
                "label": f"{b.count} temp(s) {b.shift_id} {clock(start)}-{clock(end)} {b.skill}",
            }
        )
    columns = ["who", "start", "end", "shift_id", "skill", "kind", "label"]
    frame = pd.DataFrame(rows, columns=columns)
    if len(frame):
        frame = frame.sort_values(["kind", "start", "who"]).reset_index(drop=True)
    return frame


def hours_by_week(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """Paid hours per employee and week against the contract band: `min_hours` (after leave
    credit), `max_hours` (NaN: no cap), `overtime_after` (NaN: none) and a `status` word."""
    view = RosterView(scenario, plan)
    rows: list[dict[str, Any]] = []
    for week in scenario.weeks:
        days = scenario.days_of_week(week)
        for employee in scenario.employees:
            e = employee.employee_id
            low, high = weekly_bounds(scenario, employee, week)
            paid = view.paid_minutes(e, days) / 60
            overtime = scenario.limit(employee, "overtime_after_hours_week")
            minimum = low / 60
            maximum = None if high is None else high / 60
            if paid + 1e-9 < minimum:
                status = "below contract"
            elif maximum is not None and paid > maximum + 1e-9:
                status = "above contract"
            elif overtime is not None and paid > float(overtime) + 1e-9:  # type: ignore[arg-type]
                status = "overtime"
            else:
                status = "within contract"
            rows.append(
                {
                    "week": week,
                    "week_label": week_label(scenario, week),
                    "employee_id": e,
                    "who": f"{employee.name} ({e})",
                    "paid_hours": round(paid, 2),
                    "min_hours": round(minimum, 2),
                    "max_hours": float("nan") if maximum is None else round(maximum, 2),
                    "overtime_after": float("nan") if overtime is None else float(overtime),  # type: ignore[arg-type]
                    "status": status,
                }
            )
    columns = [
        "week", "week_label", "employee_id", "who", "paid_hours", "min_hours", "max_hours",
        "overtime_after", "status",
    ]
    return pd.DataFrame(rows, columns=columns)


def progress_frame(progress: Sequence[Progress]) -> pd.DataFrame:
    """Long format for the search chart: `seconds`, `series` (`roster cost`, `best bound`), `value`."""
    rows: list[dict[str, Any]] = []
    for event in progress:
        rows.append({"seconds": round(event.seconds, 2), "series": "roster cost", "value": event.objective})
        rows.append({"seconds": round(event.seconds, 2), "series": "best bound", "value": event.best_bound})
    return pd.DataFrame(rows, columns=["seconds", "series", "value"])


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the results page (money in currency units)."""

    total: float
    """Everything the roster costs inside the horizon (money and the prices of breaches)."""
    credit: float
    """Value credited for new skills after the horizon (the planner minimised total - credit)."""
    paid: float
    by_kind: Mapping[str, float]
    covered_pct: float
    short_hours: float
    required_hours: float
    hard_violations: int
    soft_violations: int
    temps_count: int


def headline(summary: Mapping[str, Any]) -> Headline:
    costs = {k: float(v) for k, v in summary.get("costs", {}).items() if k != "total"}
    coverage = summary.get("coverage", {})
    violations = summary.get("violations", {})
    credit = -costs.get("training_value", 0.0)
    return Headline(
        total=float(summary.get("costs", {}).get("total") or 0.0) + credit,
        credit=credit,
        paid=sum(costs.get(kind, 0.0) for kind in PAID_KINDS),
        by_kind=costs,
        covered_pct=float(coverage.get("covered_pct", 0.0)),
        short_hours=float(coverage.get("short_staff_hours", 0.0)),
        required_hours=float(coverage.get("required_staff_hours", 0.0)),
        hard_violations=int(violations.get("hard_total", 0)),
        soft_violations=int(violations.get("soft_total", 0)),
        temps_count=int(summary.get("temps", {}).get("count", 0)),
    )


def cost_frame(by_kind: Mapping[str, float]) -> pd.DataFrame:
    """`kind`, `label`, `cost`, `paid` (money paid out, or a penalty price), biggest first."""
    rows = [
        {
            "kind": kind,
            "label": COST_LABELS.get(kind, kind),
            "cost": round(value, 2),
            "paid": kind in PAID_KINDS,
        }
        for kind, value in by_kind.items()
        if abs(value) >= 0.005
    ]
    frame = pd.DataFrame(rows, columns=["kind", "label", "cost", "paid"])
    return frame.sort_values(["paid", "cost"], ascending=[False, False]).reset_index(drop=True)


def sentence(text: str) -> str:
    """`training A1 in billing ...` -> `Training A1 in billing ....`: a capital and a full stop."""
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def training_sentences(block: Mapping[str, Any] | None) -> list[str]:
    """Why each course session pays, one sentence each, from the `training` block of the
    summary (`planner.training_report.training_summary`); the comparison's too when given."""
    if not block:
        return []
    found = [sentence(str(d.get("explanation", ""))) for d in block.get("decisions", ())]
    comparison = block.get("comparison") or {}
    found += [sentence(str(s.get("explanation", ""))) for s in comparison.get("by_skill", ())]
    return [text for text in found if text]


COMPARISON_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("cost_in_horizon", "Total cost in the horizon", True),
    ("training_cost", "Training cost", True),
    ("value_after_horizon", "Value after the horizon", True),
    ("temp_hours", "Temp hours", False),
    ("temp_cost", "Temp cost", True),
    ("short_staff_hours", "Short staff-hours", False),
)
"""(key, label, money) of the rows of the training comparison table."""


def _comparison_figures(totals: Mapping[str, Any]) -> dict[str, float]:
    figures = {key: float(value or 0.0) for key, value in totals.items()}
    figures["cost_in_horizon"] = figures.get("total_cost", 0.0) + figures.get("value_after_horizon", 0.0)
    return figures


def comparison_frame(comparison: Mapping[str, Any], currency: str) -> pd.DataFrame:
    """The roster with training against the one with training switched off, as text:
    `figure`, `with training`, `without training`, `difference` (with less without), one row
    per total of `planner.training_report.training_comparison`. The total cost is the cost
    inside the horizon (as on the headline); the value credited after it has its own row."""
    with_ = _comparison_figures(comparison.get("with_training", {}))
    without = _comparison_figures(comparison.get("without_training", {}))

    def text(value: float, is_money: bool) -> str:
        return money(value, currency, cents=False) if is_money else number(value, 1)

    rows = [
        {
            "figure": label,
            "with training": text(with_.get(key, 0.0), is_money),
            "without training": text(without.get(key, 0.0), is_money),
            "difference": text(with_.get(key, 0.0) - without.get(key, 0.0), is_money),
        }
        for key, label, is_money in COMPARISON_ROWS
    ]
    return pd.DataFrame(rows, columns=["figure", "with training", "without training", "difference"])


def comparison_saving(comparison: Mapping[str, Any], currency: str) -> str:
    """What training saves against the roster without it, in one sentence (markdown)."""
    with_ = _comparison_figures(comparison.get("with_training", {}))
    without = _comparison_figures(comparison.get("without_training", {}))
    inside = without["cost_in_horizon"] - with_["cost_in_horizon"]
    credit = with_.get("value_after_horizon", 0.0) - without.get("value_after_horizon", 0.0)
    saving = float(comparison.get("saving", inside + credit))
    verb = "saves" if inside >= 0 else "costs"
    text = f"Inside the horizon training {verb} **{money(abs(inside), currency, cents=False)}**"
    text += "" if inside >= 0 else " more"
    if abs(credit) >= 0.005:
        text += (
            f", and new skills are credited **{money(credit, currency, cents=False)}** after it: "
            f"**{money(abs(saving), currency, cents=False)}** {'saved' if saving >= 0 else 'lost'} "
            "in all, in the cost the planner minimised"
        )
    return text + "."
