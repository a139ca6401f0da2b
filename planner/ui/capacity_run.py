"""The Capacity page's working parts, without Streamlit: the bundled sample, a solve with its
check and tables, the downloads, and the figures the page shows.

The flow is the one `planner capacity` follows (`planner.capacity.command`): load the files
(issues; errors block), `solve_capacity`, `check_capacity_plan`, the weekly plan and moves
tables, the summary; the downloads are the files `write_outputs` writes, read back as bytes.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from planner.capacity import (
    COST_KINDS,
    CapacityCheck,
    CapacityData,
    CapacityPlan,
    check_capacity_plan,
    moves_table,
    solve_capacity,
    summary,
    weekly_table,
    write_outputs,
)
from planner.capacity.load import CAPACITY_FILES
from planner.capacity.schema import SETTINGS_FILE
from planner.capacity.tables import CHART_HTML, CHART_JSON, MOVES_FILE, SUMMARY_FILE, WEEKLY_FILE
from planner.ui.workspace import SAMPLES_DIR, zip_bytes

SAMPLE_DIR = SAMPLES_DIR / "capacity"
"""The bundled capacity plan (`data/capacity`)."""

OBJECTIVES: Mapping[str, str] = {
    "cost": "Least cost",
    "releases": "Fewest releases",
    "lexicographic": "Fewest releases, then least cost",
}
"""`objective` of `capacity.toml` -> what the manager reads."""

ZIP_FILE = "capacity-files.zip"

DOWNLOADS: tuple[tuple[str, str, str], ...] = (
    (WEEKLY_FILE, "text/csv", "One row per week and group: requirement, headcount and its flows, "
     "hires to decide, part-time, hours by source, shortfall, overstaffing, money by kind."),
    (MOVES_FILE, "text/csv", "One row per move started: from, to, retrain or down, people, arrival "
     "week, people arriving, course cost and wages on the course."),
    (SUMMARY_FILE, "application/json", "The run in figures: solver, stage values, money by kind, "
     "totals and the checker's verdict."),
    (CHART_HTML, "text/html", "The charts as one web page (open it in a browser)."),
    (CHART_JSON, "application/json", "The charts as a Vega-Lite specification."),
)
"""(file, MIME type, what it holds), in the order the page offers them; as `planner capacity`
writes them."""

COST_LABELS: Mapping[str, str] = {
    "wages": "Wages",
    "part_time": "Part-time allowance",
    "hiring": "Hiring",
    "retraining": "Retraining courses",
    "releases": "Releases",
    "overstaffing": "Overstaffing",
    "temps": "Temps",
    "overtime": "Overtime",
}

PLAN_COLUMNS: tuple[str, ...] = (
    "week", "week_start", "group", "required_fte", "headcount_start", "leavers", "hires",
    "moved_in", "moved_out", "releases", "headcount_end", "hires_to_decide", "in_training",
    "part_time", "effective_fte", "temp_hours", "overtime_hours", "shortfall_hours",
    "overstaff_fte", "total_cost",
)
"""The weekly plan's columns shown by default (the download has them all)."""

SHOWN_GAPS = 10


def sample_files(folder: Path = SAMPLE_DIR) -> dict[str, bytes]:
    """The bundled capacity plan's files by name (its README is not one of them)."""
    if not folder.is_dir():
        return {}
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir())
        if entry.is_file() and entry.name.lower() in CAPACITY_FILES
    }


def sample_name(files: Mapping[str, bytes]) -> str:
    """The plan's `name` from its `capacity.toml`, if it reads."""
    try:
        return str(tomllib.loads(files.get(SETTINGS_FILE, b"").decode("utf-8")).get("name") or "")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""


@dataclass
class CapacityRun:
    """A solved capacity plan with its check and tables, for the page and the downloads."""

    data: CapacityData
    plan: CapacityPlan
    check: CapacityCheck | None
    weekly: pd.DataFrame
    moves: pd.DataFrame
    summary: dict[str, Any]
    files_signature: str
    """The files' fingerprint when it was solved (to tell a stale plan)."""
    finished_at: dt.datetime
    _exports: dict[str, bytes] | None = field(default=None, repr=False)

    @property
    def has_plan(self) -> bool:
        return self.plan.has_plan

    @property
    def currency(self) -> str:
        return self.data.settings.currency

    def exports(self) -> dict[str, bytes]:
        """Every download by file name, built once (empty without a plan)."""
        if self._exports is None:
            self._exports = build_exports(self)
        return self._exports


def run_capacity(
    data: CapacityData,
    *,
    objective: str | None = None,
    time_limit: float | None = None,
    files_signature: str = "",
) -> CapacityRun:
    """Solve, check and tabulate a capacity plan (the objective and time limit override
    `capacity.toml`). A plan that cannot be found comes back with `has_plan` False."""
    plan = solve_capacity(data, objective=objective, time_limit_seconds=time_limit)  # type: ignore[arg-type]
    now = dt.datetime.now(dt.UTC)
    if not plan.has_plan:
        return CapacityRun(data, plan, None, pd.DataFrame(), pd.DataFrame(), {}, files_signature, now)
    check = check_capacity_plan(data, plan)
    return CapacityRun(
        data=data,
        plan=plan,
        check=check,
        weekly=weekly_table(data, plan, check),
        moves=moves_table(data, plan),
        summary=summary(data, plan, check),
        files_signature=files_signature,
        finished_at=now,
    )


def build_exports(run: CapacityRun) -> dict[str, bytes]:
    """The files `planner capacity` writes, as bytes, and all of them in one zip."""
    if run.check is None:
        return {}
    with tempfile.TemporaryDirectory(prefix="planner-capacity-") as tmp:
        paths = write_outputs(run.data, run.plan, Path(tmp), run.check)
        files = {path.name: path.read_bytes() for path in paths}
    return {**files, ZIP_FILE: zip_bytes(files, "capacity-plan")}


def status_text(plan: CapacityPlan) -> str:
    """One sentence on how the solve ended."""
    seconds = f"{plan.seconds:.1f} s"
    if plan.status == "OPTIMAL":
        gap = plan.gap
        within = f" (proved within {gap:.2%} of the best possible)" if gap and gap > 1e-6 else ""
        return f"Solved in {seconds}: the best plan{within}."
    if plan.status == "FEASIBLE":
        gap = plan.gap
        within = f", at most {gap:.2%} above the best possible" if gap is not None else ""
        return f"Time limit reached after {seconds}: the best plan found{within}."
    if plan.status == "INFEASIBLE":
        return (f"The requirement cannot be met within the limits ({seconds}): the plan shown misses "
                "as little of it as possible.")
    return f"No plan ({plan.status}) after {seconds}: {plan.message}."


def verdict(run: CapacityRun) -> tuple[bool, str]:
    """(ok, sentence): the solver-free checker's word on the plan."""
    if run.check is None:
        return False, "There is no plan to check."
    if run.check.ok:
        return True, ("Checked without the solver: every flow, cap and cost was recomputed from the "
                      "decisions, and the objective agrees with the solver's.")
    return False, (f"The solver-free checker does not confirm this plan ({len(run.check.breaches):,} "
                   "problem(s)). This is a fault in the planner, not in your files: please report it "
                   "with the files attached.")


def breaches_frame(check: CapacityCheck) -> pd.DataFrame:
    """The checker's breaches: `check`, `week`, `where`, `problem`."""
    rows = [{"check": b.check, "week": b.week, "where": b.where, "problem": b.message}
            for b in check.breaches]
    return pd.DataFrame(rows, columns=["check", "week", "where", "problem"])


def costs_frame(run: CapacityRun) -> pd.DataFrame:
    """Money by kind over the whole plan (kinds that cost something), biggest first: `kind`,
    `label`, `cost`, `share` (percent of the total)."""
    costs = dict(run.check.costs) if run.check is not None else {}
    total = sum(costs.values())
    rows = [
        {"kind": kind, "label": COST_LABELS.get(kind, kind), "cost": round(costs.get(kind, 0.0), 2),
         "share": round(100 * costs.get(kind, 0.0) / total, 1) if total else 0.0}
        for kind in COST_KINDS
        if abs(costs.get(kind, 0.0)) >= 0.005
    ]
    frame = pd.DataFrame(rows, columns=["kind", "label", "cost", "share"])
    return frame.sort_values("cost", ascending=False, ignore_index=True)


def totals(run: CapacityRun) -> dict[str, float]:
    """Hires, moves, releases, part-time person-weeks, temp, overtime and short hours."""
    block = run.summary.get("totals", {})
    return {
        "hires": float(block.get("hires", 0.0)),
        "moves": float(block.get("moves", 0.0)),
        "releases": float(block.get("releases", 0.0)),
        "part_time_person_weeks": float(block.get("part_time_person_weeks", 0.0)),
        "temp_hours": float(block.get("temp_hours", 0.0)),
        "overtime_hours": float(block.get("overtime_hours", 0.0)),
        "shortfall_hours": float(block.get("shortfall_hours", 0.0)),
    }


def gaps_frame(run: CapacityRun, limit: int = SHOWN_GAPS) -> pd.DataFrame:
    """The largest gaps of a plan that cannot meet the requirement: `week`, `week_start`,
    `group`, `short_hours`, `required_hours`."""
    data, plan = run.data, run.plan
    worst = sorted(((key, hours) for key, hours in plan.shortfall_hours.items() if hours >= 0.005),
                   key=lambda item: -item[1])[:limit]
    rows = [
        {"week": week, "week_start": data.settings.week_start(week).isoformat(), "group": group,
         "short_hours": round(hours, 2), "required_hours": round(data.required(group, week), 2)}
        for (group, week), hours in worst
    ]
    return pd.DataFrame(rows, columns=["week", "week_start", "group", "short_hours", "required_hours"])


def plan_view(weekly: pd.DataFrame, group: str | None = None, *, all_columns: bool = False) -> pd.DataFrame:
    """The weekly plan for one group (None: all), with the main columns unless asked for all."""
    rows = weekly if group is None else weekly[weekly["group"] == group]
    columns = list(weekly.columns) if all_columns else [c for c in PLAN_COLUMNS if c in weekly.columns]
    return rows[columns].reset_index(drop=True)
