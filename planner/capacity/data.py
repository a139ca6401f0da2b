"""The capacity plan's domain: skill groups, moves between them, weekly requirements, settings,
and the plan that comes back. Frozen dataclasses; nothing here imports OR-Tools.

Weeks are numbered 1..`weeks`; week `t` starts on `start_date + 7 (t - 1)` days. Keys of the
plan's mappings are `(group, week)` or `(transition key, week)`; a key that is absent means 0.
The order of events inside a week is written once, in docs/CAPACITY.md ("The week, in
order"); the model (`model.py`) and the checker (`check.py`) both follow it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal

Objective = Literal["cost", "releases", "lexicographic"]
Stage = Literal["shortfall", "releases", "cost"]

COST_KINDS: tuple[str, ...] = (
    "wages",
    "part_time",
    "hiring",
    "retraining",
    "releases",
    "overstaffing",
    "temps",
    "overtime",
)
"""Money in a plan, by kind, in the order reports show it."""

STAGES: Mapping[str, tuple[Stage, ...]] = MappingProxyType(
    {
        "cost": ("cost",),
        "releases": ("releases",),
        "lexicographic": ("releases", "cost"),
    }
)
"""What each objective minimises, stage by stage (each stage keeps the optimum of the ones before)."""

OVERTIME_MULTIPLIER = 1.5
"""Overtime price as a multiple of `hourly_cost` when `groups.csv` gives none."""


def frozen(items: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(items or {}))


@dataclass(frozen=True)
class Group:
    """One skill group: its people now, what they cost, and the levers that change them."""

    group: str
    headcount: float
    hourly_cost: float
    hours_per_fte: float = 40.0
    attrition_new: float = 0.0
    attrition: float = 0.0
    hire_max: int | None = None
    """Most new starters per week; None: no limit."""
    hire_cost: float = 0.0
    hire_lead_weeks: int = 0
    ramp_up_weeks: int = 0
    ramp_up_productivity: float = 0.5
    release_cost: float = 0.0
    overstaff_cost: float = 0.0
    part_time_max: int = 0
    part_time_productivity: float = 0.5
    part_time_cost: float = 0.0
    temp_max_hours: float = 0.0
    temp_cost: float = 0.0
    overtime_max_hours: float = 0.0
    """Per full-time head per week."""
    overtime_cost: float | None = None
    """Per hour; None: `OVERTIME_MULTIPLIER` x `hourly_cost`."""

    @property
    def weekly_wage(self) -> float:
        """Pay of one full-time head for one week."""
        return self.hourly_cost * self.hours_per_fte

    @property
    def overtime_price(self) -> float:
        return OVERTIME_MULTIPLIER * self.hourly_cost if self.overtime_cost is None else self.overtime_cost

    @property
    def first_start_week(self) -> int:
        """The first week a hire decided in week 1 can start."""
        return self.hire_lead_weeks + 1


@dataclass(frozen=True)
class Transition:
    """An allowed move of people from one group to another: retraining, or a move down."""

    source: str
    target: str
    cost: float = 0.0
    duration_weeks: int = 0
    max_per_week: int | None = None
    max_fraction: float | None = None
    """Most starts per week as a fraction of the receiving group's end-of-week headcount."""
    down: bool = False
    loss: float = 0.0
    """For a move down: the fraction of the people moved who leave."""

    @property
    def key(self) -> str:
        return f"{self.source}>{self.target}"

    @property
    def kind(self) -> str:
        return "down" if self.down else "retrain"


@dataclass(frozen=True)
class CapacitySettings:
    start_date: dt.date
    weeks: int
    name: str = ""
    currency: str = "EUR"
    objective: Objective = "cost"
    max_overstaff_fte: float | None = None
    integer: bool = True
    shrinkage: float = 0.0
    engine: str = "highs"
    time_limit_seconds: float = 60.0
    relative_gap: float = 0.002

    def week_start(self, week: int) -> dt.date:
        return self.start_date + dt.timedelta(days=7 * (week - 1))

    def week_of(self, date: dt.date) -> int | None:
        """The week a date falls in, or None when it is outside the plan."""
        days = (date - self.start_date).days
        week = days // 7 + 1
        return week if days >= 0 and week <= self.weeks else None

    @property
    def week_numbers(self) -> range:
        return range(1, self.weeks + 1)


@dataclass(frozen=True)
class CapacityData:
    """Everything the capacity model needs, validated."""

    settings: CapacitySettings
    groups: tuple[Group, ...]
    transitions: tuple[Transition, ...] = ()
    required_hours: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    """(group, week) -> paid hours the group must work; absent: 0."""
    requirement_source: str = "requirements.csv"

    @cached_property
    def groups_by_id(self) -> Mapping[str, Group]:
        return frozen({group.group: group for group in self.groups})

    def group(self, group_id: str) -> Group:
        return self.groups_by_id[group_id]

    @property
    def weeks(self) -> range:
        return self.settings.week_numbers

    def required(self, group_id: str, week: int) -> float:
        return self.required_hours.get((group_id, week), 0.0)

    def required_fte(self, group_id: str, week: int) -> float:
        hours = self.group(group_id).hours_per_fte
        return self.required(group_id, week) / hours if hours else 0.0

    @cached_property
    def transitions_by_key(self) -> Mapping[str, Transition]:
        return frozen({t.key: t for t in self.transitions})

    def move_weeks(self, transition: Transition) -> range:
        """Weeks a move can start in: its people must arrive within the plan."""
        return range(1, self.settings.weeks - transition.duration_weeks + 1)


@dataclass(frozen=True)
class CapacityPlan:
    """A solved (or diagnosed) capacity plan: the decisions, and the solver's own figures.

    Decisions are what the checker recomputes everything from: hires (by the week they
    start), moves (by the week they start), releases, part-time heads, temp, overtime and
    shortfall hours. `headcount` and `overstaff_fte` are the solver's values, which the
    checker compares with its own. `stage_values` holds the optimum of each stage the solver
    minimised (`releases`, `cost`, and `shortfall` for a diagnosis).
    """

    status: str
    """OPTIMAL, FEASIBLE (time limit), INFEASIBLE (the plan shown is the diagnosis: the least
    shortfall), NOT_SOLVED (no plan found) or ERROR."""
    objective: Objective
    hires: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    moves: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    releases: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    part_time: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    temp_hours: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    overtime_hours: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    shortfall_hours: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    excess_over_cap: Mapping[int, float] = field(default_factory=frozen)
    """Diagnosis only: FTE above `max_overstaff_fte` by week."""
    headcount: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    overstaff_fte: Mapping[tuple[str, int], float] = field(default_factory=frozen)
    stage_values: Mapping[str, float] = field(default_factory=frozen)
    costs: Mapping[str, float] = field(default_factory=frozen)
    """The solver's money by kind (`COST_KINDS`)."""
    best_bound: float | None = None
    integer: bool | None = None
    """Whole people were asked for (None: as the settings say)."""
    seconds: float = 0.0
    engine: str = ""
    message: str = ""

    @property
    def has_plan(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE", "INFEASIBLE")

    @property
    def gap(self) -> float | None:
        """How far the last stage's value may be above the best possible, as a fraction of it."""
        value = self.objective_value
        if value is None or self.best_bound is None:
            return None
        return max(value - self.best_bound, 0.0) / max(abs(value), 1e-9)

    @property
    def objective_value(self) -> float | None:
        """The value of the objective asked for (for lexicographic: the cost)."""
        return self.stage_values.get(STAGES[self.objective][-1])
