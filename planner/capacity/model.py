"""The capacity plan as a MIP (OR-Tools MathOpt): variables, constraints and cost terms, each
family added by one `define_*` step; `build_capacity_model` calls them in order and reads as
the model's table of contents.

Every variable and constraint is named (`hires[phone,5]`, `balance[phone,5]`) and kept by
family in `CapacityModel`, so a solution can be read back and an infeasibility reported by
name. The order of events in a week is the one written in docs/CAPACITY.md; in symbols, for
group g and week t (H = headcount at the end of the week):

    H[g,t] = (1 - attrition) H[g,t-1] + (1 - attrition_new) hires[g,t]
             + sum over retraining into g started in t - duration: (1 - attrition of g) moves
             + sum over moves down into g started in t - duration: (1 - loss) moves
             - sum over moves out of g started in t - releases[g,t]

    hours_per_fte (H - (1 - part_time_productivity) part_time - (1 - ramp_up_productivity) ramping)
        + temps + overtime (+ shortfall, diagnosis only) = required + hours_per_fte overstaff
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.math_opt.python import mathopt

from planner.capacity.data import COST_KINDS, CapacityData, Group, Stage, Transition

Key = tuple[str, int]
Expr = mathopt.LinearExpression | mathopt.LinearSum | mathopt.Variable | float


@dataclass
class CapacityModel:
    """The MathOpt model with its variables and constraints by family."""

    data: CapacityData
    integer: bool
    elastic: bool
    """Diagnosis model: the requirement and the overstaffing cap may be missed, at a price."""
    model: mathopt.Model
    headcount: dict[Key, mathopt.Variable] = field(default_factory=dict)
    hires: dict[Key, mathopt.Variable] = field(default_factory=dict)
    moves: dict[Key, mathopt.Variable] = field(default_factory=dict)
    """(transition key, start week) -> people starting the move."""
    releases: dict[Key, mathopt.Variable] = field(default_factory=dict)
    part_time: dict[Key, mathopt.Variable] = field(default_factory=dict)
    temps: dict[Key, mathopt.Variable] = field(default_factory=dict)
    overtime: dict[Key, mathopt.Variable] = field(default_factory=dict)
    overstaff: dict[Key, mathopt.Variable] = field(default_factory=dict)
    shortfall: dict[Key, mathopt.Variable] = field(default_factory=dict)
    excess_over_cap: dict[int, mathopt.Variable] = field(default_factory=dict)
    constraints: dict[str, dict[object, mathopt.LinearConstraint]] = field(default_factory=dict)
    costs: dict[str, list[Expr]] = field(default_factory=lambda: {kind: [] for kind in COST_KINDS})
    """Cost terms by kind; `cost_by_kind` sums them."""
    cost_rows: dict[tuple[str, Key], list[Expr]] = field(default_factory=dict)
    """(kind, (group, week)) -> the terms of that cell of the weekly plan."""

    # --- building blocks ---------------------------------------------------------------------

    def var(
        self, family: dict, key: object, name: str, *, upper: float | None = None, integer: bool = False
    ) -> mathopt.Variable:
        label = ",".join(str(part) for part in key) if isinstance(key, tuple) else str(key)
        variable = self.model.add_variable(
            lb=0.0,
            ub=math.inf if upper is None else float(upper),
            is_integer=integer and self.integer,
            name=f"{name}[{label}]",
        )
        family[key] = variable
        return variable

    def constrain(self, family: str, key: object, bounded: object) -> None:
        label = ",".join(str(part) for part in key) if isinstance(key, tuple) else str(key)
        constraint = self.model.add_linear_constraint(bounded, name=f"{family}[{label}]")
        self.constraints.setdefault(family, {})[key] = constraint

    def add_cost(self, kind: str, group: str, week: int, term: Expr) -> None:
        self.costs[kind].append(term)
        self.cost_rows.setdefault((kind, (group, week)), []).append(term)

    # --- expressions shared by several steps -------------------------------------------------

    def start_headcount(self, group: Group, week: int) -> Expr:
        """Headcount at the start of the week: week 1 from `groups.csv`, else last week's end."""
        return group.headcount if week == 1 else self.headcount[group.group, week - 1]

    def ramping(self, group: Group, week: int) -> Expr:
        """New starters still in ramp-up at the end of the week, after their attrition so far."""
        terms: list[Expr] = []
        for start in range(max(1, week - group.ramp_up_weeks + 1), week + 1):
            hired = self.hires.get((group.group, start))
            if hired is not None:
                kept = (1 - group.attrition_new) * (1 - group.attrition) ** (week - start)
                terms.append(kept * hired)
        return mathopt.fast_sum(terms)

    def arrivals(self, group: Group, week: int) -> Expr:
        """People moved into the group this week, after their loss on arrival."""
        terms: list[Expr] = []
        for transition in self.data.transitions:
            if transition.target != group.group:
                continue
            moved = self.moves.get((transition.key, week - transition.duration_weeks))
            if moved is not None:
                terms.append(arrival_share(transition, group) * moved)
        return mathopt.fast_sum(terms)

    def departures(self, group: Group, week: int) -> Expr:
        return mathopt.fast_sum(
            self.moves[t.key, week]
            for t in self.data.transitions
            if t.source == group.group and (t.key, week) in self.moves
        )

    def in_training(self, transition: Transition, week: int) -> Expr:
        """People on the course of a move during the week (they left their group, not yet
        arrived in the other)."""
        return mathopt.fast_sum(
            self.moves[transition.key, start]
            for start in range(week - transition.duration_weeks + 1, week + 1)
            if (transition.key, start) in self.moves
        )

    def effective_fte(self, group: Group, week: int) -> Expr:
        """Full-time equivalents at work: part-time heads and new starters count in part."""
        key = (group.group, week)
        terms: list[Expr] = [self.headcount[key]]
        if key in self.part_time:
            terms.append(-(1 - group.part_time_productivity) * self.part_time[key])
        if group.ramp_up_weeks:
            terms.append(-(1 - group.ramp_up_productivity) * self.ramping(group, week))
        return mathopt.fast_sum(terms)

    # --- objectives ---------------------------------------------------------------------------

    def cost_by_kind(self) -> dict[str, Expr]:
        return {kind: mathopt.fast_sum(terms) for kind, terms in self.costs.items()}

    def stage_expression(self, stage: Stage) -> Expr:
        """What a stage minimises: total cost, total releases, or (diagnosis) the FTE-weeks of
        requirement missed plus the FTE-weeks above the overstaffing cap."""
        if stage == "cost":
            return mathopt.fast_sum(term for terms in self.costs.values() for term in terms)
        if stage == "releases":
            return mathopt.fast_sum(self.releases.values())
        return mathopt.fast_sum(
            [
                *(
                    (1 / self.data.group(g).hours_per_fte) * variable
                    for (g, _), variable in self.shortfall.items()
                ),
                *self.excess_over_cap.values(),
            ]
        )


def arrival_share(transition: Transition, target: Group) -> float:
    """The share of the people moved who are in the receiving group at the end of the week
    they arrive: after the move's loss (down), or the group's established attrition."""
    return 1 - (transition.loss if transition.down else target.attrition)


def _cells(data: CapacityData) -> Iterable[tuple[Group, int]]:
    for group in data.groups:
        for week in data.weeks:
            yield group, week


# --- variables --------------------------------------------------------------------------------


def define_headcount(cm: CapacityModel) -> None:
    """headcount[g,t] >= 0: people in group g at the end of week t (an expected value: attrition
    takes fractions of heads)."""
    for group, week in _cells(cm.data):
        cm.var(cm.headcount, (group.group, week), "headcount")


def define_hires(cm: CapacityModel) -> None:
    """0 <= hires[g,t] <= hire_max, whole people, for the weeks t > hire_lead_weeks that a
    decision taken in week 1 or later can reach; the decision week is t - hire_lead_weeks."""
    for group, week in _cells(cm.data):
        if week >= group.first_start_week and group.hire_max != 0:
            cm.var(cm.hires, (group.group, week), "hires", upper=group.hire_max, integer=True)


def define_moves(cm: CapacityModel) -> None:
    """0 <= moves[k,t] <= max_per_week, whole people, for the weeks a move k can start in and
    still end within the plan."""
    for transition in cm.data.transitions:
        for week in cm.data.move_weeks(transition):
            cm.var(cm.moves, (transition.key, week), "moves", upper=transition.max_per_week, integer=True)


def define_releases(cm: CapacityModel) -> None:
    """releases[g,t] >= 0, whole people."""
    for group, week in _cells(cm.data):
        cm.var(cm.releases, (group.group, week), "releases", integer=True)


def define_part_time(cm: CapacityModel) -> None:
    """0 <= part_time[g,t] <= part_time_max, whole people, for groups that allow part-time."""
    for group, week in _cells(cm.data):
        if group.part_time_max > 0:
            cm.var(cm.part_time, (group.group, week), "part_time", upper=group.part_time_max, integer=True)


def define_temps_and_overtime(cm: CapacityModel) -> None:
    """0 <= temps[g,t] <= temp_max_hours; overtime[g,t] >= 0 (capped per head by
    `define_overtime_caps`). Hours, not heads."""
    for group, week in _cells(cm.data):
        key = (group.group, week)
        if group.temp_max_hours > 0:
            cm.var(cm.temps, key, "temps", upper=group.temp_max_hours)
        if group.overtime_max_hours > 0:
            cm.var(cm.overtime, key, "overtime")


def define_overstaffing(cm: CapacityModel) -> None:
    """overstaff[g,t] >= 0: full-time equivalents above the requirement."""
    for group, week in _cells(cm.data):
        cm.var(cm.overstaff, (group.group, week), "overstaff")


def define_shortfall(cm: CapacityModel) -> None:
    """Diagnosis only: shortfall[g,t] >= 0 hours of requirement not met, and
    excess_over_cap[t] >= 0 FTE above the company-wide overstaffing cap."""
    if not cm.elastic:
        return
    for group, week in _cells(cm.data):
        cm.var(cm.shortfall, (group.group, week), "shortfall")
    if cm.data.settings.max_overstaff_fte is not None:
        for week in cm.data.weeks:
            cm.var(cm.excess_over_cap, week, "excess_over_cap")


# --- constraints ------------------------------------------------------------------------------


def define_balance(cm: CapacityModel) -> None:
    """headcount[g,t] = (1 - attrition) start + (1 - attrition_new) hires + arrivals
    - departures - releases: the order of events of docs/CAPACITY.md."""
    for group, week in _cells(cm.data):
        key = (group.group, week)
        hires = cm.hires.get(key)
        inflow = mathopt.fast_sum(
            [
                (1 - group.attrition) * cm.start_headcount(group, week),
                (1 - group.attrition_new) * hires if hires is not None else 0.0,
                cm.arrivals(group, week),
            ]
        )
        outflow = mathopt.fast_sum([cm.departures(group, week), cm.releases[key]])
        cm.constrain("balance", key, cm.headcount[key] == inflow - outflow)


def define_requirement(cm: CapacityModel) -> None:
    """hours_per_fte effective_fte + temps + overtime (+ shortfall) - hours_per_fte overstaff
    = required hours: the requirement is met and anything above it is overstaffing."""
    for group, week in _cells(cm.data):
        key = (group.group, week)
        supply = [group.hours_per_fte * cm.effective_fte(group, week)]
        for family in (cm.temps, cm.overtime, cm.shortfall):
            if key in family:
                supply.append(family[key])
        cm.constrain(
            "requirement",
            key,
            mathopt.fast_sum(supply) - group.hours_per_fte * cm.overstaff[key]
            == cm.data.required(group.group, week),
        )


def define_part_time_caps(cm: CapacityModel) -> None:
    """part_time[g,t] <= headcount[g,t] - ramping[g,t]: part-time people are established staff,
    and (with no part-time) new starters ramping up are no more than the headcount."""
    for group, week in _cells(cm.data):
        key = (group.group, week)
        if key not in cm.part_time and not group.ramp_up_weeks:
            continue
        part_time = cm.part_time.get(key, 0.0)
        cm.constrain("part_time_cap", key, cm.headcount[key] - cm.ramping(group, week) >= part_time)


def define_overtime_caps(cm: CapacityModel) -> None:
    """overtime[g,t] <= overtime_max_hours (headcount[g,t] - part_time[g,t]): only full-time
    people work overtime."""
    for key, overtime in cm.overtime.items():
        group = cm.data.group(key[0])
        full_time = cm.headcount[key] - cm.part_time[key] if key in cm.part_time else cm.headcount[key]
        cm.constrain("overtime_cap", key, overtime <= group.overtime_max_hours * full_time)


def define_move_fraction_caps(cm: CapacityModel) -> None:
    """moves[k,t] <= max_fraction headcount[to,t] for moves with a `max_fraction`."""
    for transition in cm.data.transitions:
        if transition.max_fraction is None:
            continue
        for week in cm.data.move_weeks(transition):
            key = (transition.key, week)
            cm.constrain(
                "move_fraction_cap",
                key,
                cm.moves[key] <= transition.max_fraction * cm.headcount[transition.target, week],
            )


def define_overstaff_cap(cm: CapacityModel) -> None:
    """sum over groups of overstaff[g,t] <= max_overstaff_fte (+ excess_over_cap[t] in a diagnosis)."""
    cap = cm.data.settings.max_overstaff_fte
    if cap is None:
        return
    for week in cm.data.weeks:
        total = mathopt.fast_sum(cm.overstaff[g.group, week] for g in cm.data.groups)
        if week in cm.excess_over_cap:
            total = total - cm.excess_over_cap[week]
        cm.constrain("overstaff_cap", week, total <= cap)


# --- costs ------------------------------------------------------------------------------------


def define_costs(cm: CapacityModel) -> None:
    """Money by kind and by (group, week):

    wages        weekly_wage (headcount - (1 - part_time_productivity) part_time)
                 + weekly_wage x people of the group on a course (charged to the group they left)
    part_time    part_time_cost x part_time
    hiring       hire_cost x hires (charged in the week they start)
    retraining   cost x moves (charged to the group left, in the week the move starts)
    releases     release_cost x releases
    overstaffing overstaff_cost x overstaff
    temps        temp_cost x temps
    overtime     overtime price x overtime
    """
    for group, week in _cells(cm.data):
        key = (group.group, week)
        g = group.group
        pay: list[Expr] = [cm.headcount[key]]
        if key in cm.part_time:
            pay.append(-(1 - group.part_time_productivity) * cm.part_time[key])
            cm.add_cost("part_time", g, week, group.part_time_cost * cm.part_time[key])
        for transition in cm.data.transitions:
            if transition.source == g and transition.duration_weeks:
                pay.append(cm.in_training(transition, week))
        cm.add_cost("wages", g, week, group.weekly_wage * mathopt.fast_sum(pay))
        if key in cm.hires:
            cm.add_cost("hiring", g, week, group.hire_cost * cm.hires[key])
        for transition in cm.data.transitions:
            if transition.source == g and (transition.key, week) in cm.moves:
                cm.add_cost("retraining", g, week, transition.cost * cm.moves[transition.key, week])
        cm.add_cost("releases", g, week, group.release_cost * cm.releases[key])
        cm.add_cost("overstaffing", g, week, group.overstaff_cost * cm.overstaff[key])
        if key in cm.temps:
            cm.add_cost("temps", g, week, group.temp_cost * cm.temps[key])
        if key in cm.overtime:
            cm.add_cost("overtime", g, week, group.overtime_price * cm.overtime[key])


# --- the model --------------------------------------------------------------------------------


def build_capacity_model(
    data: CapacityData, *, integer: bool | None = None, elastic: bool = False
) -> CapacityModel:
    """The capacity MIP of `data` (no objective yet: `solve.py` sets one per stage).

    `integer` (default: the settings') makes hires, moves, releases and part-time whole
    people; `elastic` builds the diagnosis model whose requirement and overstaffing cap may be
    missed.
    """
    cm = CapacityModel(
        data=data,
        integer=data.settings.integer if integer is None else integer,
        elastic=elastic,
        model=mathopt.Model(name=data.settings.name or "capacity"),
    )
    define_headcount(cm)
    define_hires(cm)
    define_moves(cm)
    define_releases(cm)
    define_part_time(cm)
    define_temps_and_overtime(cm)
    define_overstaffing(cm)
    define_shortfall(cm)
    define_balance(cm)
    define_requirement(cm)
    define_part_time_caps(cm)
    define_overtime_caps(cm)
    define_move_fraction_caps(cm)
    define_overstaff_cap(cm)
    define_costs(cm)
    return cm
