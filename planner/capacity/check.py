"""The solver-free checker of a capacity plan: recomputes every headcount from the decisions
by walking the weeks in the order of docs/CAPACITY.md, checks every cap, recomputes every
cost, and compares the objective with the solver's.

It imports nothing of the model: the headcount is rebuilt from flows (leavers, starters,
arrivals, departures, releases) and new starters are followed as cohorts, so a fault in the
model's algebra shows up as a disagreement here. A plan read back from its CSV files
(`tables.plan_from_tables`) checks the same as the one the solver returned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from planner.capacity.data import COST_KINDS, STAGES, CapacityData, CapacityPlan, Group, frozen

TOLERANCE = 1e-4
"""Slack for people and hours: solver values carry round-off; a real breach is far larger."""
MONEY_TOLERANCE = 0.01
RELATIVE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Breach:
    """One thing wrong with a plan, where it is, and by how much."""

    check: str
    """balance, requirement, overstaff, overstaff_cap, hires, moves, part_time, temps,
    overtime, releases, whole_people, shortfall, unknown, objective."""
    week: int | None
    where: str
    """A group, a move (`phone>chat`), or empty for the company."""
    message: str
    amount: float = 0.0

    def __str__(self) -> str:
        place = ", ".join(part for part in (f"week {self.week}" if self.week else "", self.where) if part)
        return f"{self.check} ({place}): {self.message}" if place else f"{self.check}: {self.message}"


@dataclass(frozen=True)
class Flows:
    """One group in one week, recomputed: the weekly plan's flow columns."""

    start: float
    leavers: float
    """Established staff who left (attrition)."""
    hires: float
    new_leavers: float
    """New starters who left in their first week."""
    arrived: float
    """People moved in this week, after their loss on arrival."""
    arrival_loss: float
    departed: float
    in_training: float
    """People of the group on a course this week (departed, not yet arrived elsewhere)."""
    releases: float
    end: float
    ramping: float
    part_time: float
    effective_fte: float
    supply_hours: float
    """Hours worked by staff, temps and overtime (not the diagnosis' shortfall)."""
    overstaff_fte: float


@dataclass(frozen=True)
class CapacityCheck:
    breaches: tuple[Breach, ...]
    flows: Mapping[tuple[str, int], Flows]
    costs: Mapping[str, float]
    """Money by kind."""
    cell_costs: Mapping[tuple[str, tuple[str, int]], float]
    """(kind, (group, week)) -> money."""
    stage_values: Mapping[str, float] = field(default_factory=frozen)
    """Recomputed: total cost, total releases, and the diagnosis' missed FTE-weeks."""
    agrees: bool = True
    """Every stage value the solver states equals the recomputed one."""

    @property
    def ok(self) -> bool:
        return not self.breaches and self.agrees

    @property
    def total_cost(self) -> float:
        return sum(self.costs.values())


def _close(a: float, b: float, money: bool = False) -> bool:
    slack = (MONEY_TOLERANCE if money else TOLERANCE) + RELATIVE_TOLERANCE * max(abs(a), abs(b))
    return abs(a - b) <= slack


def _whole(value: float) -> bool:
    return abs(value - round(value)) <= TOLERANCE


def _unknown_keys(data: CapacityData, plan: CapacityPlan) -> list[Breach]:
    breaches = []
    groups = set(data.groups_by_id)
    weeks = set(data.weeks)
    for name, family in (
        ("hires", plan.hires), ("releases", plan.releases), ("part_time", plan.part_time),
        ("temps", plan.temp_hours), ("overtime", plan.overtime_hours),
        ("shortfall", plan.shortfall_hours),
    ):
        for (group, week), value in family.items():
            if group not in groups or week not in weeks:
                breaches.append(Breach("unknown", week, group, f"{name} {value:g} for a group or week "
                                       "that is not in the plan.", value))
            elif value < -TOLERANCE:
                breaches.append(Breach(name, week, group, f"{name} is negative ({value:g}).", value))
    for (key, week), value in plan.moves.items():
        transition = data.transitions_by_key.get(key)
        if transition is None:
            breaches.append(Breach("unknown", week, key, f"{value:g} people on a move that "
                                   "transitions.csv does not allow.", value))
        elif week not in data.move_weeks(transition):
            breaches.append(Breach("moves", week, key, f"{value:g} people start a move that cannot "
                                   "end within the plan (or outside it).", value))
        elif value < -TOLERANCE:
            breaches.append(Breach("moves", week, key, f"moves are negative ({value:g}).", value))
    return breaches


def _ramping(group: Group, cohorts: list[list[float]], week: int) -> float:
    """Heads of the cohorts (start week, heads now) still within ramp-up in `week`."""
    return sum(heads for start, heads in cohorts if week - start < group.ramp_up_weeks)


def check_capacity_plan(data: CapacityData, plan: CapacityPlan) -> CapacityCheck:
    """Every breach of a plan, its flows and money recomputed, and whether the solver agrees."""
    breaches = _unknown_keys(data, plan)
    diagnosis = plan.status == "INFEASIBLE"
    integer = data.settings.integer if plan.integer is None else plan.integer

    def get(family: Mapping, key: object) -> float:
        return float(family.get(key, 0.0))

    flows: dict[tuple[str, int], Flows] = {}
    cell_costs: dict[tuple[str, tuple[str, int]], float] = defaultdict(float)

    # Walk the weeks once for all groups: arrivals need the receiving group of the same week.
    heads = {group.group: group.headcount for group in data.groups}
    excess_over_cap: dict[int, float] = {}
    cohorts: dict[str, list[list[float]]] = {group.group: [] for group in data.groups}
    for week in data.weeks:
        for group in data.groups:
            g = group.group
            key = (g, week)
            start = heads[g]
            leavers = group.attrition * start
            hires = get(plan.hires, key)
            new_leavers = group.attrition_new * hires
            arrived = arrival_loss = departed = in_training = 0.0
            for transition in data.transitions:
                if transition.target == g:
                    moved = get(plan.moves, (transition.key, week - transition.duration_weeks))
                    lost = (transition.loss if transition.down else group.attrition) * moved
                    arrived += moved - lost
                    arrival_loss += lost
                if transition.source == g:
                    departed += get(plan.moves, (transition.key, week))
                    in_training += sum(
                        get(plan.moves, (transition.key, begun))
                        for begun in range(week - transition.duration_weeks + 1, week + 1)
                    ) if transition.duration_weeks else 0.0
            releases = get(plan.releases, key)
            end = start - leavers + hires - new_leavers + arrived - departed - releases

            # New-starter cohorts: this week's starters after their first-week attrition; the
            # older ones after established attrition.
            for cohort in cohorts[g]:
                cohort[1] *= 1 - group.attrition
            if hires:
                cohorts[g].append([week, hires * (1 - group.attrition_new)])
            ramping = _ramping(group, cohorts[g], week)
            part_time = get(plan.part_time, key)
            effective = (
                end
                - (1 - group.part_time_productivity) * part_time
                - (1 - group.ramp_up_productivity) * ramping
            )
            temps = get(plan.temp_hours, key)
            overtime = get(plan.overtime_hours, key)
            shortfall = get(plan.shortfall_hours, key)
            supply = group.hours_per_fte * effective + temps + overtime
            required = data.required(g, week)
            overstaff = (supply + shortfall - required) / group.hours_per_fte
            flows[key] = Flows(
                start=start, leavers=leavers, hires=hires, new_leavers=new_leavers, arrived=arrived,
                arrival_loss=arrival_loss, departed=departed, in_training=in_training,
                releases=releases, end=end, ramping=ramping, part_time=part_time,
                effective_fte=effective, supply_hours=supply, overstaff_fte=overstaff,
            )
            heads[g] = end

            def breach(check: str, message: str, amount: float, *, g: str = g, week: int = week) -> None:
                breaches.append(Breach(check, week, g, message, amount))

            if key in plan.headcount and not _close(plan.headcount[key], end):
                breach("balance", f"the plan states {plan.headcount[key]:.4f} people at the end of the "
                       f"week; its flows give {end:.4f}.", plan.headcount[key] - end)
            if end < -TOLERANCE:
                breach("balance", f"more people leave, move or are released than there are "
                       f"({end:.4f} at the end of the week).", end)
            if overstaff < -TOLERANCE:
                breach("requirement", f"{-overstaff * group.hours_per_fte:.2f} of {required:.2f} "
                       "required hours are not covered.", overstaff * group.hours_per_fte)
            if key in plan.overstaff_fte and not _close(plan.overstaff_fte[key], max(overstaff, 0.0)):
                breach("overstaff", f"the plan states {plan.overstaff_fte[key]:.4f} FTE above the "
                       f"requirement; the flows give {overstaff:.4f}.", plan.overstaff_fte[key] - overstaff)
            if shortfall > TOLERANCE and not diagnosis:
                breach("shortfall", f"{shortfall:.2f} required hours are left uncovered in a plan "
                       "that claims to meet the requirement.", shortfall)
            if hires:
                if week < group.first_start_week:
                    breach("hires", f"{hires:g} people start before a hire decided in week 1 can "
                           f"(hire_lead_weeks {group.hire_lead_weeks}).", hires)
                if group.hire_max is not None and hires > group.hire_max + TOLERANCE:
                    breach("hires", f"{hires:g} new starters; hire_max is {group.hire_max}.", hires)
            if part_time > group.part_time_max + TOLERANCE:
                breach("part_time", f"{part_time:g} people part-time; part_time_max is "
                       f"{group.part_time_max}.", part_time)
            if part_time > end - ramping + TOLERANCE:
                breach("part_time", f"{part_time:g} people part-time, but only {end - ramping:.4f} "
                       "established staff.", part_time)
            if temps > group.temp_max_hours + TOLERANCE:
                breach("temps", f"{temps:.2f} temp hours; temp_max_hours is {group.temp_max_hours:g}.", temps)
            if overtime > group.overtime_max_hours * (end - part_time) + TOLERANCE:
                breach("overtime", f"{overtime:.2f} overtime hours; {group.overtime_max_hours:g} h per "
                       f"full-time person allows {group.overtime_max_hours * (end - part_time):.2f}.",
                       overtime)
            if integer:
                for name, value in (("hires", hires), ("releases", releases), ("part_time", part_time)):
                    if not _whole(value):
                        breach("whole_people", f"{name} {value:g} is not a whole number of people.", value)

            # Money.
            pay_heads = end - (1 - group.part_time_productivity) * part_time + in_training
            cell_costs["wages", key] += group.weekly_wage * pay_heads
            cell_costs["part_time", key] += group.part_time_cost * part_time
            cell_costs["hiring", key] += group.hire_cost * hires
            cell_costs["releases", key] += group.release_cost * releases
            cell_costs["overstaffing", key] += group.overstaff_cost * max(overstaff, 0.0)
            cell_costs["temps", key] += group.temp_cost * temps
            cell_costs["overtime", key] += group.overtime_price * overtime
            for transition in data.transitions:
                if transition.source == g:
                    cell_costs["retraining", key] += transition.cost * get(plan.moves, (transition.key, week))

        # Company-wide: the overstaffing cap, and move caps that look at the receiving group.
        cap = data.settings.max_overstaff_fte
        if cap is not None:
            total = sum(max(flows[g.group, week].overstaff_fte, 0.0) for g in data.groups)
            excess_over_cap[week] = max(total - cap, 0.0)
            allowed = cap + (get(plan.excess_over_cap, week) if diagnosis else 0.0)
            if total > allowed + TOLERANCE:
                breaches.append(Breach("overstaff_cap", week, "", f"{total:.4f} FTE above the "
                                       f"requirement in all groups; max_overstaff_fte is {cap:g}.", total))
        for transition in data.transitions:
            moved = get(plan.moves, (transition.key, week))
            if not moved:
                continue
            where = transition.key
            if transition.max_per_week is not None and moved > transition.max_per_week + TOLERANCE:
                breaches.append(Breach("moves", week, where, f"{moved:g} people start the move; "
                                       f"max_per_week is {transition.max_per_week}.", moved))
            if transition.max_fraction is not None:
                target_heads = flows[transition.target, week].end
                if moved > transition.max_fraction * target_heads + TOLERANCE:
                    breaches.append(Breach("moves", week, where, f"{moved:g} people start the move; "
                                           f"max_fraction {transition.max_fraction:g} of "
                                           f"{target_heads:.4f} in {transition.target} allows "
                                           f"{transition.max_fraction * target_heads:.4f}.", moved))
            if integer and not _whole(moved):
                breaches.append(Breach("whole_people", week, where,
                                       f"{moved:g} is not a whole number of people.", moved))

    costs = {kind: 0.0 for kind in COST_KINDS}
    for (kind, _), money in cell_costs.items():
        costs[kind] += money
    shortfall_fte = sum(
        hours / data.group(g).hours_per_fte
        for (g, _), hours in plan.shortfall_hours.items() if g in data.groups_by_id
    )
    stage_values = {
        "cost": sum(costs.values()),
        "releases": sum(plan.releases.values()),
        "shortfall": shortfall_fte + sum(excess_over_cap.values()),
    }
    agrees = True
    if plan.has_plan:
        stages = (("shortfall",) if diagnosis else ()) + STAGES[plan.objective]
        for stage in stages:
            stated = plan.stage_values.get(stage)
            if stated is None:
                continue
            if not _close(stated, stage_values[stage], money=stage == "cost"):
                agrees = False
                breaches.append(Breach("objective", None, "", f"the solver states {stage} "
                                       f"{stated:,.4f}; recomputed from the plan: "
                                       f"{stage_values[stage]:,.4f}.", stated - stage_values[stage]))
    return CapacityCheck(
        breaches=tuple(breaches),
        flows=frozen(flows),
        costs=frozen(costs),
        cell_costs=frozen(cell_costs),
        stage_values=frozen(stage_values),
        agrees=agrees,
    )
