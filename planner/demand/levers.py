"""Demand levers as scenario transforms, and the comparison of their rosters.

A lever changes a built `Scenario` and returns a new one; a *variant* is one or more levers
applied in order (`deflect=10+temps=off`). Queue and workload rows are converted to heads
again after the change, so a lever on demand shows up as fewer (or differently placed)
heads, and the solver decides what that is worth.

- `shift-peak=20`: move 20 % of the volume of each peak interval (the busiest quarter of the
  day's open intervals, per skill) to the off-peak intervals within two hours either side,
  the same day (appointments, off-peak incentives, callbacks).
- `deflect=10`: 10 % of the contacts (and workload hours) go to self-service.
- `target=70/40`: answer 70 % within 40 s (accept more waiting); `asa=60`: an average speed
  of answer of 60 s.
- `temps=off`, `temps=on`, `temps=more`, `temps=+4`: no temps / temps allowed / double each
  offer's daily cap / raise it by 4.
- `training=off`, `training=on`: drop the courses / keep them.
- `pricing=service`, `pricing=flat`: how a missing head is priced (`planner.demand.pricing`).

`compare(scenario, variants, settings)` solves the baseline and every variant, checks each
roster with the solver-free checker and returns one row per variant: total cost, cost by
kind, short staff-hours, volume-weighted service level, ASA and abandonment, temps booked.
`compare_runs` also returns required and scheduled heads per interval for
`planner.reports.variant_coverage_chart`. No Streamlit here: the browser's comparison page
and `planner compare` both call these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.demand.staffing import convert_demand
from planner.domain import Demand, Plan, QueueWork, Scenario, SolverSettings

LEVER_HELP = __doc__ or ""
PEAK_QUANTILE = 0.75
"""Intervals at or above this quantile of the day's open intervals (per skill) are peak."""
NEIGHBOUR_MINUTES = 120
"""How far from a peak interval its volume may move."""


class LeverError(ValueError):
    """A lever text that cannot be read; the message says how to write it."""


@dataclass(frozen=True)
class Lever:
    kind: str
    """`shift_peak`, `deflect`, `target`, `asa`, `temps`, `training` or `pricing`."""
    value: float | str
    seconds: float | None = None
    """For `target`: the answer time."""

    @property
    def label(self) -> str:
        if self.kind == "shift_peak":
            return f"shift {self.value:g}% of peak volume off-peak"
        if self.kind == "deflect":
            return f"deflect {self.value:g}% to self-service"
        if self.kind == "target":
            return f"target {self.value:g}% in {self.seconds:g} s"
        if self.kind == "asa":
            return f"target ASA {self.value:g} s"
        if self.kind == "temps":
            return f"temps {self.value}"
        if self.kind == "training":
            return f"training {self.value}"
        return f"{self.value} shortfall pricing"

    def apply(self, scenario: Scenario) -> Scenario:
        return _APPLY[self.kind](scenario, self)


@dataclass(frozen=True)
class Variant:
    name: str
    levers: tuple[Lever, ...] = ()

    @property
    def label(self) -> str:
        return "; ".join(lever.label for lever in self.levers) or "as planned"

    def apply(self, scenario: Scenario) -> Scenario:
        for lever in self.levers:
            scenario = lever.apply(scenario)
        return scenario


BASELINE = Variant("baseline")


def _number(text: str, what: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise LeverError(f"'{text}' is not a number for {what}") from None
    if not low <= value <= high:
        raise LeverError(f"{what} must be between {low:g} and {high:g}, not {value:g}")
    return value


def parse_lever(text: str) -> Lever:
    """`shift-peak=20`, `deflect=10`, `target=70/40`, `asa=60`, `temps=off|on|more|+N`,
    `training=off|on`, `pricing=service|flat`."""
    key, sep, value = text.strip().partition("=")
    key = key.strip().lower().replace("_", "-")
    value = value.strip().lower()
    if not sep or not value:
        raise LeverError(f"'{text}': write a lever as name=value, e.g. deflect=10")
    if key in ("shift-peak", "peak-shift", "shift"):
        return Lever("shift_peak", _number(value.rstrip("%"), "shift-peak (percent)", 0, 100))
    if key == "deflect":
        return Lever("deflect", _number(value.rstrip("%"), "deflect (percent)", 0, 100))
    if key == "target":
        pct, slash, seconds = value.partition("/")
        if not slash:
            raise LeverError(f"'{text}': write target=PERCENT/SECONDS, e.g. target=70/40")
        return Lever("target", _number(pct.rstrip("%"), "target percent", 0, 99.9),
                     _number(seconds.rstrip("s"), "target seconds", 0, 86400))
    if key == "asa":
        return Lever("asa", _number(value.rstrip("s"), "asa (seconds)", 1, 86400))
    if key == "temps":
        if value in ("off", "on", "more") or (value.startswith("+") and value[1:].isdigit()):
            return Lever("temps", value)
        raise LeverError(f"'{text}': temps=off, temps=on, temps=more or temps=+N")
    if key == "training":
        if value in ("off", "on"):
            return Lever("training", value)
        raise LeverError(f"'{text}': training=off or training=on")
    if key == "pricing":
        if value in ("flat", "service"):
            return Lever("pricing", value)
        raise LeverError(f"'{text}': pricing=flat or pricing=service")
    raise LeverError(f"'{text}': unknown lever '{key}'; use shift-peak, deflect, target, asa, temps, "
                     "training or pricing")


def parse_variant(text: str) -> Variant:
    """Levers joined by `+` make one variant, named by its text."""
    parts = [part for part in text.split("+") if part.strip()]
    # `temps=+4` keeps its plus: glue a bare number back to the lever before it.
    joined: list[str] = []
    for part in parts:
        if joined and part.strip().isdigit() and joined[-1].rstrip().endswith("="):
            joined[-1] += "+" + part.strip()
        else:
            joined.append(part)
    if not joined:
        raise LeverError("an empty variant: give at least one lever, e.g. deflect=10")
    return Variant(text.strip(), tuple(parse_lever(part) for part in joined))


# --------------------------------------------------------------------------- the levers


def _with_demand(scenario: Scenario, demand: Iterable[Demand]) -> Scenario:
    return dataclasses.replace(scenario, demand=convert_demand(tuple(demand), scenario.settings.service))


def _with_volume(demand: Demand, volume: float) -> Demand:
    assert demand.queue is not None
    return dataclasses.replace(demand, queue=dataclasses.replace(demand.queue, volume=max(0.0, volume)))


def shift_peak(scenario: Scenario, percent: float, *, window: int = NEIGHBOUR_MINUTES) -> Scenario:
    """Move `percent` of each peak interval's volume to the off-peak intervals within
    `window` minutes either side on the same day (same skill and site), in proportion to
    how far each is below the peak threshold. Each day's volume is kept."""
    share = percent / 100.0
    rows = list(scenario.demand)
    groups: dict[tuple[int, str, str | None], list[int]] = {}
    for i, d in enumerate(rows):
        if d.queue is not None and d.shift_id is None:
            groups.setdefault((d.day, d.skill, d.site), []).append(i)
    volume = {i: rows[i].queue.volume for idx in groups.values() for i in idx}  # type: ignore[union-attr]
    moved = dict(volume)
    for members in groups.values():
        members = sorted(members, key=lambda i: rows[i].start)
        open_ = [i for i in members if volume[i] > 0]
        if len(open_) < 2:
            continue
        threshold = float(np.quantile([volume[i] for i in open_], PEAK_QUANTILE))
        peak = [i for i in open_ if volume[i] >= threshold]
        off = [i for i in open_ if volume[i] < threshold]
        for i in peak:
            near = [j for j in off if abs(rows[j].start - rows[i].start) <= window]
            room = np.array([threshold - volume[j] for j in near])
            if not near or room.sum() <= 0:
                continue
            amount = share * volume[i]
            moved[i] -= amount
            for j, weight in zip(near, room / room.sum(), strict=True):
                moved[j] += amount * weight
    for i, value in moved.items():
        rows[i] = _with_volume(rows[i], value)
    return _with_demand(scenario, rows)


def deflect(scenario: Scenario, percent: float) -> Scenario:
    """`percent` of every queue row's contacts (and workload rows' hours) go to self-service."""
    keep = 1.0 - percent / 100.0
    rows = []
    for d in scenario.demand:
        if d.queue is not None:
            d = _with_volume(d, d.queue.volume * keep)
        elif d.workload_hours is not None:
            d = dataclasses.replace(d, workload_hours=d.workload_hours * keep)
        rows.append(d)
    return _with_demand(scenario, rows)


def change_target(scenario: Scenario, *, pct: float | None = None, seconds: float | None = None,
                  asa: float | None = None) -> Scenario:
    """Every queue row aims at `pct` % within `seconds`, or at an ASA of `asa` seconds."""

    def retarget(work: QueueWork) -> QueueWork:
        if asa is not None:
            return dataclasses.replace(work, asa_seconds=asa)
        return dataclasses.replace(work, target_pct=pct, target_seconds=seconds, asa_seconds=None)

    rows = [dataclasses.replace(d, queue=retarget(d.queue)) if d.queue is not None else d
            for d in scenario.demand]
    return _with_demand(scenario, rows)


def _temps(scenario: Scenario, lever: Lever) -> Scenario:
    value = str(lever.value)
    settings = dataclasses.replace(scenario.settings, temps_enabled=value != "off")
    offers = scenario.temp_offers
    if value == "more":
        offers = tuple(dataclasses.replace(o, max_per_day=max(1, 2 * o.max_per_day)) for o in offers)
    elif value.startswith("+"):
        offers = tuple(dataclasses.replace(o, max_per_day=o.max_per_day + int(value[1:])) for o in offers)
    return dataclasses.replace(scenario, settings=settings, temp_offers=offers)


def _training(scenario: Scenario, lever: Lever) -> Scenario:
    return scenario if lever.value == "on" else dataclasses.replace(scenario, courses=())


def _pricing(scenario: Scenario, lever: Lever) -> Scenario:
    return dataclasses.replace(
        scenario, settings=dataclasses.replace(scenario.settings, shortfall_pricing=str(lever.value)))


_APPLY: dict[str, Callable[[Scenario, Lever], Scenario]] = {
    "shift_peak": lambda sc, lever: shift_peak(sc, float(lever.value)),
    "deflect": lambda sc, lever: deflect(sc, float(lever.value)),
    "target": lambda sc, lever: change_target(sc, pct=float(lever.value), seconds=lever.seconds),
    "asa": lambda sc, lever: change_target(sc, asa=float(lever.value)),
    "temps": _temps,
    "training": _training,
    "pricing": _pricing,
}


# --------------------------------------------------------------------------- comparison

COMPARE_COLUMNS: tuple[str, ...] = (
    "variant",
    "levers",
    "status",
    "gap",
    "total_cost",
    "required_staff_hours",
    "short_staff_hours",
    "volume",
    "service_level",
    "asa_seconds",
    "abandon_pct",
    "temps_booked",
    "temp_hours",
    "checked",
)
"""Then one `cost_<kind>` column per cost kind (wages, overtime, temps, shortfall, ...)."""

CHART_COLUMNS: tuple[str, ...] = ("variant", "start_at", "end_at", "skill", "required", "scheduled")


@dataclass(frozen=True)
class VariantResult:
    variant: Variant
    scenario: Scenario
    plan: Plan
    row: dict[str, object]
    coverage: pd.DataFrame
    """Required and scheduled heads per interval and skill (`CHART_COLUMNS`)."""


@dataclass(frozen=True)
class Comparison:
    table: pd.DataFrame
    coverage: pd.DataFrame
    results: tuple[VariantResult, ...]


def _run(scenario: Scenario, variant: Variant, settings: SolverSettings | None) -> VariantResult:
    # Imported here: the engine and the export layer sit above `planner.demand`.
    from planner.check import check_plan
    from planner.demand.service import service_frame, weighted
    from planner.engine.solve import solve
    from planner.io.plan_tables import coverage_frame, temp_bookings_frame
    from planner.reports import coverage_totals

    changed = variant.apply(scenario)
    plan = solve(changed, settings=settings or changed.settings.solver)
    row: dict[str, object] = {"variant": variant.name, "levers": variant.label, "status": plan.stats.status}
    coverage = pd.DataFrame(columns=list(CHART_COLUMNS))
    if plan.stats.status in ("OPTIMAL", "FEASIBLE"):
        report = check_plan(changed, plan)
        totals = coverage_totals(changed, plan)
        service = weighted(service_frame(changed, plan))
        temps = temp_bookings_frame(changed, plan)
        row.update(
            gap=None if plan.stats.gap is None else round(plan.stats.gap, 4),
            total_cost=round(report.objective, 2),
            required_staff_hours=totals.required_hours,
            short_staff_hours=totals.short_hours,
            volume=service["volume"],
            service_level=service["service_level"],
            asa_seconds=service["asa_seconds"],
            abandon_pct=service["abandon_pct"],
            temps_booked=int(temps["count"].sum()) if len(temps) else 0,
            temp_hours=round(float(temps["hours"].sum()), 2) if len(temps) else 0.0,
            checked=not report.hard_violations and report.objective_units == plan.stats.objective_units,
        )
        row.update({f"cost_{kind}": money for kind, money in report.money_by_kind().items()})
        frame = coverage_frame(changed, plan)
        coverage = frame.assign(variant=variant.name, scheduled=frame["staff"] + frame["temps"])[
            list(CHART_COLUMNS)]
    return VariantResult(variant, changed, plan, row, coverage)


def compare_runs(
    scenario: Scenario,
    variants: Sequence[Variant | str],
    settings: SolverSettings | None = None,
    *,
    baseline: bool = True,
    on_result: Callable[[VariantResult], None] | None = None,
) -> Comparison:
    """Solve the baseline (unless `baseline=False`) and each variant; check every roster."""
    chosen = [parse_variant(v) if isinstance(v, str) else v for v in variants]
    if baseline:
        chosen = [BASELINE, *chosen]
    results = []
    for variant in chosen:
        result = _run(scenario, variant, settings)
        results.append(result)
        if on_result is not None:
            on_result(result)
    rows = [result.row for result in results]
    kinds = sorted({key for row in rows for key in row if key.startswith("cost_")})
    table = pd.DataFrame.from_records(rows, columns=[*COMPARE_COLUMNS, *kinds])
    for kind in kinds:
        table[kind] = table[kind].fillna(0.0)
    coverage = pd.concat([r.coverage for r in results if len(r.coverage)], ignore_index=True) \
        if any(len(r.coverage) for r in results) else pd.DataFrame(columns=list(CHART_COLUMNS))
    return Comparison(table, coverage, tuple(results))


def compare(
    scenario: Scenario,
    variants: Sequence[Variant | str],
    settings: SolverSettings | None = None,
    *,
    baseline: bool = True,
) -> pd.DataFrame:
    """One row per variant (the baseline first): total cost, cost by kind (`cost_<kind>`),
    required and short staff-hours, volume-weighted service level / ASA / abandonment,
    temps booked, and whether the checker confirmed the roster."""
    return compare_runs(scenario, variants, settings, baseline=baseline).table


def comparison_markdown(table: pd.DataFrame, currency: str = "") -> str:
    """The comparison as a Markdown table a manager can paste."""
    money = f" ({currency})" if currency else ""
    kinds = [c for c in table.columns if c.startswith("cost_")]
    header = ["variant", "gap %", f"total cost{money}", *(k.removeprefix("cost_") for k in kinds),
              "short staff-h", "service level %", "ASA s", "abandon %", "temps booked"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def cell(value: object, digits: int = 2) -> str:
        if value is None or (isinstance(value, float) and not np.isfinite(value)):
            return ""
        if isinstance(value, float):
            return f"{value:,.{digits}f}"
        return str(value)

    for _, row in table.iterrows():
        gap = row["gap"]
        cells = [f"`{row['variant']}`", "" if gap is None or gap != gap else f"{100 * gap:.1f}",
                 cell(row["total_cost"]), *(cell(row[k]) for k in kinds),
                 cell(row["short_staff_hours"], 1), cell(row["service_level"], 1),
                 cell(row["asa_seconds"], 1), cell(row["abandon_pct"], 1), cell(row["temps_booked"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
