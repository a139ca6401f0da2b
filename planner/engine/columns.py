"""A near-optimal roster for mid-sized scenarios, by column generation and a dive.

Only demand couples the staff (see `planner.engine.warmstart`), so a roster is one column,
an employee's own roster, per employee. The master LP weighs each employee's columns (the
weights sum to one) so that the cover meets each demand row, with shortfall and surplus at
the row's weights and temps at their offers' prices (each slot an offer may send to, the
offer's most a day held). Pricing asks each employee's small model (the warm start's, to
the letter of the hard rules) for a roster at the master's prices: a shift instance costs
what the employee's own terms say (pay, overtime, wishes, soft rules) less the duals of
the demand rows it covers. Columns that cost less than the employee's dual enter, until
none does: the LP is then close to the best roster's cost (on Curtois-Qu 7 it reaches
1,054 against a best known 1,056). Each round that prices everyone also gives a bound
below every roster's cost (Lagrangian: the duals' worth plus each employee's cheapest
roster at those duals, as far as their pricing solve proved it), which the search reports
where it beats its own: on Curtois-Qu 8 1,296.3 against CP-SAT's 1,265 after 60 s. Not
with courses offered, which the small models leave out (`ColumnPlan._slacks`).

The LP's weights are rarely whole, so a dive fixes employees to the column the LP weighs
most, generating columns again between fixes, until everyone has one roster or the dive's
time is up. The columns found on the way (root and dive) then make a restricted master
integer program: one column per employee, chosen by a MIP solver from the dive's roster
(price and branch), in what time the dive leaves. On Curtois-Qu 5 it finds the best known
1,143 where the dive stops at 1,146-1,256, and on 6 1,952 from the dive's 1,953-1,962. The
IP books temps as well, each offer up to its most a day, but the roster's temps are then
booked afresh where they save (the warm start's greedy booking), the roster is checked
(`planner.check`) and handed to the full search as its hint.

Pricing solves run two at a time (CP-SAT releases the GIL); employees who share a small
model are priced one after another, since each solve sets the model's objective. An
employee whose solve runs into its time cap is priced lean from then on (`LEAN_PRICING`).
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from planner import costs
from planner.demand.pricing import shortfall_tables
from planner.domain import Plan, Scenario
from planner.engine.variables import temp_slots
from planner.engine.warmstart import (
    PAY_KINDS,
    THREADS,
    InstanceKey,
    Member,
    WarmStart,
    small_model_parameters,
)
from planner.rules import DEFAULT_RULES, Rule

PRICE_SECONDS = 0.5
"""At most this long for one employee's pricing solve."""

LEAN_PRICING = True
"""An employee whose pricing solve hits `PRICE_SECONDS` is priced from then on with CP-SAT's
full LP relaxation and no cuts (`linearization_level=2`, `cut_level=0`). On Curtois-Qu 15,
where most solves hit the cap, that prices a round about twice as fast at the same reduced
costs. Not for everyone: on quick solves the lean setting finds fewer rosters on its way to
the optimum, and Curtois-Qu 9's root then did not converge in its time."""

FIX_AT = 0.99
"""The dive fixes at once every employee whose column the LP weighs at least this much."""

DIVE_ROUNDS = 30
"""At most this many rounds of pricing between two fixes of the dive (the root's run until
none gains)."""

DIVE_GAIN = 0.0001
"""A step of the dive stops pricing once a round gains the LP less than this share of its
value. In the dive nearly every employee gains a column every round, each worth little once
the LP has taken up the step's fix; the time saved goes to further steps. But the last steps
need their pricing: there the LP rises by tens a fix, and a round that wins back a few is
not to be stopped. Column phase alone, Curtois-Qu 15 at 180 s: 4,038, 3,945 and 3,859
(three seeds) against 4,174 with 0.001 and at most 8 rounds; 8 at 36 s, four seeds:
1,409-1,416 (mean 1,412) against 1,409-1,611 (mean 1,486). (With 8 rounds a step whatever
they gain, 8 came out at 1,410-2,226, mean 1,715.)"""

INTEGER_SHARE = 0.35
"""At most this share of the column phase's time for the restricted master IP: it takes what
the dive leaves, up to this, and ends sooner once it has proved its choice (on Curtois-Qu 5
SCIP proves 1,143 in about 2 s of a 36 s phase; CP-SAT, before it, needed 11 s to find it).
Ending the dive early to leave the IP its share made Curtois-Qu 8's roster worse (1,904 and
2,520 against 1,309-1,421 with the dive run to the end): a hurried dive fixes many
employees at once, which the IP cannot mend."""

INTEGER_SOLVER = "SCIP"
"""The MIP solver for the restricted master IP (shipped with OR-Tools). The IP partitions
employees among their columns, and its LP is close to the master's, so an LP-based branch
and bound proves it quickly where CP-SAT on two workers searches without a useful bound:
column phase alone at 36 s, Curtois-Qu 5 1,143 proved optimal in 2.3 s of the IP and 6
1,952 in 1.8 s. CP-SAT proved 5's 1,143 in 6.9 s in one run of three and stopped at 1,149
after its full 12.6 s in the other two; on 6 it ran its 12.6 s with its bound at 1,448. On 8
SCIP keeps the dive's 1,415 where CP-SAT found 1,409 (the full search finds that too).
HiGHS, also shipped, stopped the process when given the hint. SCIP takes the start only as a
complete solution (every variable; it drops a partial one whose unknown share is over 85 %),
so `_Master.integer` hints every pick and the start's shortfall and surplus: given the
start's picks alone, SCIP ignored them and came back with 1,433, 1,753 and 6,150 on
Curtois-Qu 7, 9 and 10 from dives at 1,058, 442 and 4,632 (column phase alone at 36 s)."""

WORTH_COVERING = 0.5
"""A demand row is worth covering when the root LP's dual on it (what one more required
head would cost the LP) is under this share of the row's shortfall weight. At or near the
weight, the LP leaves a head short there or elsewhere for it, so the staff cannot cover it
but at another row's expense: on Curtois-Qu 8, whose staff may work 74 of the 86 night
shifts asked, the root duals of the 28 night rows are 95.8-100 against a weight of 100, and
those of the other rows at most 7.2 (on 15, 79 of the 84 night rows are over half their
weight, none of the others). The cover repair aims at the short rows worth covering
(`planner.engine.repair`)."""

SCALE = costs.UNITS_PER_MONEY
"""The master LP counts money, not objective units: its numbers stay near one."""

ROUNDING = 0.5
"""Objective units a pricing solve may err by per shift instance of the employee's: it
prices each at its demand rows' duals rounded to the unit. The bound (`ColumnPlan.bound`)
takes this much off for each of them, whether worked or not (0.21 in all on Curtois-Qu 8)."""

Column = tuple[frozenset[InstanceKey], int]
"""An employee's roster: the shift instances worked, and its own cost in objective units."""

TempSlot = tuple[str, int, int, tuple[int, ...], int]
"""A slot an offer may send temps to: offer id, day, most temps (a day), the demand rows a
temp there covers, and one temp's cost in objective units."""


class _Pricing(cp_model.CpSolverSolutionCallback):
    """Keeps every roster the pricing solve finds, with its own cost."""

    def __init__(self, member: Member, own: cp_model.LinearExpr) -> None:
        super().__init__()
        assert member.template is not None
        self.template = member.template
        self.own = own
        self.found: list[Column] = []

    def on_solution_callback(self) -> None:
        keys = frozenset(key for key, var in zip(self.template.keys, self.template.work,
                                                  strict=True) if self.boolean_value(var))
        self.found.append((keys, round(self.value(self.own))))


def _price(
    member: Member, prices: Sequence[float], hint: frozenset[InstanceKey] | None,
    seconds: float, seed: int, fixed: bool = False, lean: bool = False,
) -> tuple[list[Column], bool, float]:
    """The member's rosters found at these prices per shift instance (the last the best),
    whether the last is proved the best, and the solve's bound on the cheapest (objective
    units at the prices rounded; -inf when the solve found no roster); with `fixed`, only the
    hinted roster's own cost. `lean` solves with the full LP relaxation and no cuts
    (`LEAN_PRICING`)."""
    template = member.template
    assert template is not None
    model = template.ctx.model
    own = template.objective(member.employee.hourly_cost)
    model.minimize(own + cp_model.LinearExpr.weighted_sum(template.work,
                                                          [round(p) for p in prices]))
    model.clear_hints()
    if hint is not None:
        for key, var in zip(template.keys, template.work, strict=True):
            model.add_hint(var, key in hint)
    solver = cp_model.CpSolver()
    small_model_parameters(solver, seconds, seed)
    solver.parameters.fix_variables_to_their_hinted_value = fixed
    if lean:
        solver.parameters.linearization_level = 2
        solver.parameters.cut_level = 0
    pricing = _Pricing(member, own)
    status = solver.solve(model, pricing)
    bound = solver.best_objective_bound if pricing.found else -math.inf
    return pricing.found, status == cp_model.OPTIMAL, bound


class _Master:
    """The master LP over the columns found so far (GLOP, changed in place between solves)."""

    def __init__(self, warm: WarmStart) -> None:
        self.demand = warm.demand
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        objective = self.lp.Objective()
        self.rows = []
        for index, row in enumerate(warm.scenario.demand):
            required = float(row.required)
            constraint = self.lp.Constraint(required, required)
            short = self.lp.NumVar(0.0, self.lp.infinity(), "")
            surplus = self.lp.NumVar(0.0, self.lp.infinity(), "")
            constraint.SetCoefficient(short, 1.0)
            constraint.SetCoefficient(surplus, -1.0)
            objective.SetCoefficient(short, self.demand.under[index] / SCALE)
            objective.SetCoefficient(surplus, self.demand.over[index] / SCALE)
            self.rows.append(constraint)
        self.temps: list[TempSlot] = [
            (offer.offer_id, day, offer.max_per_day,
             tuple(self.demand.rows.get((day, shift.shift_id, offer.skill), ())),
             costs.temp_cost(offer, shift))
            for offer, day, shift in temp_slots(warm.scenario)]
        self.most_a_day = {(offer_id, day): most for offer_id, day, most, _, _ in self.temps}
        """Each offer's most temps a day, by (offer id, day)."""
        per_day = {key: self.lp.Constraint(0.0, float(most))
                   for key, most in self.most_a_day.items()}
        for offer_id, day, most, covered, cost in self.temps:
            temps = self.lp.NumVar(0.0, float(most), "")
            objective.SetCoefficient(temps, cost / SCALE)
            for index in covered:
                self.rows[index].SetCoefficient(temps, 1.0)
            per_day[offer_id, day].SetCoefficient(temps, 1.0)
        objective.SetMinimization()
        self.one = {id(m): self.lp.Constraint(1.0, 1.0) for m in warm.members}
        self.columns: dict[int, list[Column]] = defaultdict(list)
        self.weights: dict[int, list[pywraplp.Variable]] = defaultdict(list)
        self.fixed: dict[int, int] = {}
        self.value = 0.0
        self.weight_values: dict[int, list[float]] = {}
        self.row_duals = [0.0] * len(self.rows)
        """What one more required head on each demand row costs the LP (last solve)."""
        self.employee_duals = {member: 0.0 for member in self.one}
        """What the LP pays for each employee to work some roster (last solve)."""

    def add(self, member: Member, column: Column) -> bool:
        """Add a column unless the member has it already."""
        keys, cost = column
        if any(keys == known for known, _ in self.columns[id(member)]):
            return False
        weight = self.lp.NumVar(0.0, 0.0 if id(member) in self.fixed else 1.0, "")
        self.one[id(member)].SetCoefficient(weight, 1.0)
        self.lp.Objective().SetCoefficient(weight, cost / SCALE)
        for key in keys:
            for index in self.demand.rows.get(key, ()):
                self.rows[index].SetCoefficient(weight, 1.0)
        self.columns[id(member)].append(column)
        self.weights[id(member)].append(weight)
        return True

    def solve(self) -> bool:
        """Solve the LP and keep its answer (weights, duals, value); False when it failed,
        and the last answer stands."""
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            return False
        self.value = self.lp.Objective().Value()
        self.weight_values = {member: [w.solution_value() for w in weights]
                              for member, weights in self.weights.items()}
        self.row_duals = [row.dual_value() * SCALE for row in self.rows]
        self.employee_duals = {member: row.dual_value() * SCALE
                               for member, row in self.one.items()}
        return True

    def prices(self, member: Member) -> list[float]:
        """What one more head on each of the member's shift instances is worth at the last
        solve's demand row duals."""
        assert member.template is not None
        rows, duals = self.demand.rows, self.row_duals
        return [-sum(duals[i] for i in rows.get(key, ())) for key in member.template.keys]

    def weight(self, member: Member, index: int) -> float:
        known = self.weight_values.get(id(member), [])
        return known[index] if index < len(known) else 0.0

    def heaviest(self, member: Member) -> int:
        return max(range(len(self.columns[id(member)])),
                   key=lambda index: self.weight(member, index))

    def fix(self, member: Member, index: int) -> None:
        self.fixed[id(member)] = index
        for j, weight in enumerate(self.weights[id(member)]):
            weight.SetBounds(float(j == index), float(j == index))

    def rosters(self, picks: dict[int, int]) -> Callable[[Member], frozenset[InstanceKey]]:
        """Each member's shift instances in the column `picks` names for them (by member)."""
        return lambda member: self.columns[id(member)][picks[id(member)]][0]

    def integer(
        self, members: Sequence[Member], start: dict[int, int], seconds: float, seed: int
    ) -> dict[int, int] | None:
        """The cheapest choice of one column per member (by member), with temps booked besides,
        that the MIP solver (`INTEGER_SOLVER`) finds in `seconds`, starting from the
        column `start` names for each; None if it found none. Costs in objective units,
        as the columns and demand rows have them. The start is hinted whole, so SCIP
        begins from it and returns it when it finds nothing cheaper. Building the model
        counts against `seconds`: on Curtois-Qu 19's 18,953 columns, with the limit set
        on the solve alone, the IP returned after 9.9 s of its 4.7 s."""
        until = time.monotonic() + seconds
        mip = pywraplp.Solver.CreateSolver(INTEGER_SOLVER)
        objective = mip.Objective()
        cover: list[list[pywraplp.Variable]] = [[] for _ in self.rows]
        chosen: dict[int, list[pywraplp.Variable]] = {}
        hinted: list[pywraplp.Variable] = []
        values: list[float] = []
        started = [0] * len(self.rows)
        for member in members:
            picks = chosen[id(member)] = [mip.BoolVar("") for _ in self.columns[id(member)]]
            mip.Add(sum(picks) == 1)
            for index, ((keys, cost), pick) in enumerate(
                    zip(self.columns[id(member)], picks, strict=True)):
                objective.SetCoefficient(pick, cost)
                on = index == start[id(member)]
                for key in keys:
                    for row in self.demand.rows.get(key, ()):
                        cover[row].append(pick)
                        started[row] += on
                hinted.append(pick)
                values.append(float(on))
        per_day: dict[tuple[str, int], list[pywraplp.Variable]] = defaultdict(list)
        for offer_id, day, most, covered, cost in self.temps:
            temps = mip.IntVar(0.0, float(most), "")
            objective.SetCoefficient(temps, cost)
            for row in covered:
                cover[row].append(temps)
            per_day[offer_id, day].append(temps)
            hinted.append(temps)
            values.append(0.0)
        for key, slots in per_day.items():
            mip.Add(sum(slots) <= self.most_a_day[key])
        for row, (constraint, heads) in enumerate(zip(self.rows, cover, strict=True)):
            required = constraint.lb()
            short = mip.NumVar(0.0, required, "")
            surplus = mip.NumVar(0.0, mip.infinity(), "")
            mip.Add(sum(heads) + short - surplus == required)
            objective.SetCoefficient(short, self.demand.under[row])
            objective.SetCoefficient(surplus, self.demand.over[row])
            hinted += [short, surplus]
            values += [max(0.0, required - started[row]), max(0.0, started[row] - required)]
        objective.SetMinimization()
        mip.SetHint(hinted, values)
        mip.SetSolverSpecificParametersAsString(f"randomization/randomseedshift = {seed}\n")
        mip.SetTimeLimit(max(100, round(1000 * (until - time.monotonic()))))
        if mip.Solve() not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            return None
        return {member: next(i for i, pick in enumerate(picks) if pick.solution_value() > 0.5)
                for member, picks in chosen.items()}


class ColumnPlan:
    """Column generation and a dive over a warm start's small models (see the module)."""

    def __init__(
        self,
        scenario: Scenario,
        rules: Sequence[Rule] = DEFAULT_RULES,
        *,
        seed: int = 0,
        stop: threading.Event | None = None,
    ) -> None:
        self.warm = WarmStart(scenario, rules, seed=seed, stop=stop)
        self.lp_value: float | None = None
        """The root LP's value in money, once column generation has run."""
        self.worth_covering: list[bool] | None = None
        """For each demand row (the scenario's order), whether it is worth covering
        (`WORTH_COVERING`), once column generation has run."""
        self.lean: set[int] = set()
        """Employees (by member) priced lean (`LEAN_PRICING`)."""
        self.bound: float | None = None
        """A bound below every roster's cost, in money, from the root's rounds
        (`_bound_at`); None where it does not hold (`_slacks`) or no round priced
        everyone."""
        self._slacks_now: dict[int, float] | None = None
        """Each employee's slack (`_slacks`) while the root's rounds give bounds, else None."""
        self._most: list[int] = []
        """The most heads each demand row may have (`_most_heads`), for the bound."""
        self._master: _Master | None = None
        self._root_prices: dict[int, tuple[list[float], float]] = {}
        """Each member's prices per shift instance and employee dual at the root LP."""

    def _late(self, until: float) -> bool:
        return time.monotonic() >= until or self.warm.stopped()

    def run(self, seconds: float, on_first: Callable[[Plan], None] | None = None) -> Plan | None:
        """The cheapest checked roster of the warm start's first, the dive's and the
        restricted master IP's, within about `seconds`; None when the warm start found no
        first roster or demand is not planned. `on_first` hears of the first roster as soon
        as it is found."""
        until = time.monotonic() + seconds
        warm = self.warm
        first = warm.first(seconds) if warm.demand.enabled else None
        if first is None:
            return None
        if on_first is not None:
            on_first(first)
        master = self._root(until)
        self._dive(master, until)
        dived = {id(m): master.fixed[id(m)] if id(m) in master.fixed else master.heaviest(m)
                 for m in warm.members}
        plans = [first, warm.adopt(master.rosters(dived))]
        left = min(INTEGER_SHARE * seconds, until - time.monotonic())
        picked = master.integer(warm.members, dived, left, warm.seed) \
            if left > 0 and not warm.stopped() else None
        if picked is not None and picked != dived:
            plans.append(warm.adopt(master.rosters(picked)))
        return min((plan for plan in plans if plan is not None),
                   key=lambda plan: plan.stats.objective_units or 0)

    def _root(self, until: float) -> _Master:
        """The master LP at the root: the warm start's roster, then pricing until no column
        enters or time is up. (Stopping once the LP gained under 0.1 % in three rounds saved
        35 s of 140 on Curtois-Qu 15, but the dives on 8 that followed ended at 1,421-1,923
        against 1,309-1,404: the last columns matter to the dive.)"""
        master = _Master(self.warm)
        self._first_columns(master)
        self._slacks_now = self._slacks()
        self._most = self._most_heads(master)
        self._generate(master, until, rounds=None)
        self._slacks_now = None  # the dive's fixes make its rounds' bounds the dive's own
        self.lp_value = master.value
        self.worth_covering = [dual < WORTH_COVERING * weight
                               for dual, weight in zip(master.row_duals, master.demand.under,
                                                       strict=True)]
        self._root_prices = {id(m): (master.prices(m), master.employee_duals[id(m)])
                             for m in self.warm.members}
        self._master = master
        return master

    def near(self, gap: float) -> dict[str, frozenset[InstanceKey]] | None:
        """For each employee (by id), the shift instances of their columns (the root's and
        the dive's) whose reduced cost at the root LP's prices is at most `gap` (money): the
        LP's ties and those close to them (`planner.engine.near`). None before the root."""
        master = self._master
        if master is None:
            return None
        allowed: dict[str, frozenset[InstanceKey]] = {}
        for member in self.warm.members:
            assert member.template is not None
            prices, dual = self._root_prices[id(member)]
            price = dict(zip(member.template.keys, prices, strict=True))
            allowed[member.employee.employee_id] = frozenset().union(*(
                keys for keys, cost in master.columns[id(member)]
                if cost + sum(price[key] for key in keys) - dual <= gap * SCALE))
        return allowed

    def _slacks(self) -> dict[int, float] | None:
        """How far each employee's pricing bound may lie above the cost, at the duals, of
        their cheapest roster (objective units, by member): `ROUNDING` a shift instance for
        the prices, and where their pay is rescaled from an employee alike's, up to
        1 + half the ratio of the two pays per unit of each pay term (both pays are rounded
        to the unit, and the template's is rescaled and rounded again). None where the
        bound does not hold: with courses offered (the small models leave training out), or
        a pay term whose largest value is unknown."""
        if self.warm.scenario.courses:
            return None
        slacks: dict[int, float] = {}
        for member in self.warm.members:
            template = member.template
            assert template is not None
            slack = ROUNDING * len(template.keys)
            if template.hourly_cost and template.hourly_cost != member.employee.hourly_cost:
                ratio = member.employee.hourly_cost / template.hourly_cost
                for kind in PAY_KINDS:
                    for expr, _ in template.ctx.terms.get(kind, ()):
                        if not isinstance(expr, cp_model.IntVar):
                            return None
                        slack += (1 + ratio / 2) * expr.proto.domain[-1]
            slacks[id(member)] = slack
        return slacks

    def _bound_at(self, master: _Master, cheapest: dict[int, float]) -> None:
        """Raise `bound` to the Lagrangian bound at the master's last row duals, from a root round
        that priced everyone (`cheapest`: each one's bound on their cheapest roster at
        those duals, by member). Any duals give one. For every roster, its cost is the sum
        of each row's dual times the heads it needs, plus each employee's own cost less the
        duals of the rows they cover, plus each temp's cost less the same, plus each row's
        shortfall cost less its dual times the heads short and its surplus cost plus its
        dual times the heads over; each term is at least its least value: an employee's at
        least the bound of their pricing solve less its slack (`_slacks`), an offer's day
        at least its most temps times the lowest price less the duals of its slots when
        that is negative, a row's surplus term its most heads times the surplus price plus
        the dual when that is negative (GLOP's duals keep it at zero or above, within its
        tolerance). Where the root has converged and pricing proved each employee, the
        bound is the LP's value less the slacks."""
        if self._slacks_now is None or len(cheapest) < len(self.warm.members):
            return
        duals = master.row_duals
        lowest: dict[tuple[str, int], float] = defaultdict(float)  # an offer's day: at most 0
        for offer_id, day, _, covered, cost in master.temps:
            price = cost - sum(duals[row] for row in covered)
            lowest[offer_id, day] = min(lowest[offer_id, day], price)
        units = sum(price * master.most_a_day[key] for key, price in lowest.items())
        tables = shortfall_tables(self.warm.scenario)
        for demand, dual, over, heads in zip(self.warm.scenario.demand, duals,
                                             master.demand.over, self._most, strict=True):
            table = tables[demand.demand_id]
            units += dual * demand.required + min(cost - dual * short
                                                  for short, cost in enumerate(table))
            units += min(0.0, over + dual) * heads
        for member in self.warm.members:
            units += cheapest[id(member)] - self._slacks_now[id(member)]
        if units > -math.inf:
            self.bound = max(units / SCALE, -math.inf if self.bound is None else self.bound)

    def _most_heads(self, master: _Master) -> list[int]:
        """The most heads each demand row may have: every employee on every shift instance
        that covers it, and every offer's most temps on each of its slots."""
        most = [0] * len(master.rows)
        for member in self.warm.members:
            assert member.template is not None
            for key in member.template.keys:
                for row in master.demand.rows.get(key, ()):
                    most[row] += 1
        for _, _, heads, covered, _ in master.temps:
            for row in covered:
                most[row] += heads
        return most

    def _first_columns(self, master: _Master) -> None:
        """The warm start's roster, one column per employee, each with its own cost."""
        for member in self.warm.members:
            keys = frozenset(member.chosen)
            found, _, _ = _price(member, [0.0] * len(member.template.keys), keys, 10.0,
                                 self.warm.seed, fixed=True)
            master.add(member, found[-1] if found else (keys, 0))

    def _generate(
        self, master: _Master, until: float, rounds: int | None, gain: float = 0.0
    ) -> None:
        """Rounds of pricing until no column enters, `rounds` are done, a round gained the
        LP under `gain` (a share of its value; 0 for no such stop) or time is up."""
        done = 0
        last = math.inf
        while master.solve() and not self._late(until) and (rounds is None or done < rounds):
            if gain and master.value > (1 - gain) * last:
                return
            last = master.value
            done += 1
            if not self._round(master, until):
                return

    def _round(self, master: _Master, until: float) -> int:
        """Price every employee not yet fixed at the LP's duals; how many columns entered
        (those that cost less than the LP pays for the employee)."""
        groups: dict[int, list[Member]] = defaultdict(list)
        for member in self.warm.members:
            if id(member) not in master.fixed:
                groups[id(member.template)].append(member)
        priced = {id(m): master.prices(m) for group in groups.values() for m in group}
        work = [[(m, priced[id(m)], master.columns[id(m)][master.heaviest(m)][0])
                 for m in group] for group in groups.values()]
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            answers = [answer for batch in pool.map(self._price_group, work,
                                                    [until] * len(work))
                       for answer in batch]
        self._bound_at(master, {id(member): bound for member, _, bound in answers})
        entered = 0
        for member, found, _ in answers:
            assert member.template is not None
            prices = dict(zip(member.template.keys, priced[id(member)], strict=True))
            dual = master.employee_duals[id(member)]
            for keys, cost in found:
                reduced = cost + sum(prices[key] for key in keys) - dual
                if reduced < -0.5 and master.add(member, (keys, cost)):
                    entered += 1
        return entered

    def _price_group(
        self, group: list[tuple[Member, list[float], frozenset[InstanceKey]]], until: float
    ) -> list[tuple[Member, list[Column], float]]:
        """Price employees who share a small model, one after another: each one's rosters
        found and the bound on their cheapest. An employee whose solve was cut short by
        `PRICE_SECONDS` is priced lean from then on."""
        answers: list[tuple[Member, list[Column], float]] = []
        for member, prices, hint in group:
            seconds = min(PRICE_SECONDS, until - time.monotonic())
            found, proved, bound = _price(member, prices, hint, seconds, self.warm.seed,
                                          lean=id(member) in self.lean)
            if LEAN_PRICING and not proved and seconds >= PRICE_SECONDS:
                self.lean.add(id(member))
            answers.append((member, found, bound))
        return answers

    def _dive(self, master: _Master, until: float) -> None:
        """Fix employees to their heaviest column, pricing again between fixes. One at a
        time (besides those weighed `FIX_AT` or more) while the time left allows a step per
        employee; more at once when it does not (fixing one at a time found rosters 1-9 %
        cheaper on Curtois-Qu 5 and 6 than a quarter at once). Those still loose at `until`
        take their heaviest column (`run`)."""
        members = self.warm.members
        steps: list[float] = []
        while len(master.fixed) < len(members) and not self._late(until):
            began = time.monotonic()
            loose = [m for m in members if id(m) not in master.fixed]
            heaviest = {id(m): master.heaviest(m) for m in loose}
            weight = {id(m): master.weight(m, heaviest[id(m)]) for m in loose}
            loose.sort(key=lambda m: -weight[id(m)])
            most = _at_once(len(loose), steps, until - began)
            for index, member in enumerate(loose):
                if index < most or weight[id(member)] >= FIX_AT:
                    master.fix(member, heaviest[id(member)])
            if len(master.fixed) < len(members) and not self._late(until):
                self._generate(master, until, rounds=DIVE_ROUNDS, gain=DIVE_GAIN)
            steps.append(time.monotonic() - began)


def _at_once(loose: int, steps: Sequence[float], left: float) -> int:
    """How many of `loose` employees a step of the dive fixes: one, or more when the time
    `left` does not allow a step each at the pace of the `steps` so far."""
    if not steps or left <= 0:
        return 1
    pace = sum(steps) / len(steps)
    return max(1, math.ceil(loose * pace / left))
