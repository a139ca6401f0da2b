"""What a rule sees while it builds the model: the variables, the objective, and gates.

The helpers here implement the contract every rule relies on (after OR-Tools'
`add_soft_sum_constraint`): a limit is a constraint when the rule is hard, and an exact
penalty when soft (the slack equals the breach for every incumbent, not only at the optimum,
so the checker's cost always equals the solver's). In diagnose mode each hard constraint is
enforced only if a gate literal keyed by (rule, employee, day) holds; the gates become
assumptions, and an infeasible scenario is answered with the gates that clash.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from planner.domain import Scenario
from planner.engine.variables import RosterVars

if TYPE_CHECKING:
    from planner.rules.base import Rule

GateKey = tuple[str, str | None, int | None]
LinearLike = cp_model.LinearExprT


class ModelContext:
    def __init__(
        self,
        scenario: Scenario,
        model: cp_model.CpModel,
        variables: RosterVars,
        *,
        diagnose: bool = False,
        hard_rules: frozenset[str] = frozenset(),
    ) -> None:
        """`hard_rules`: names of the enabled hard rules being defined, for redundant
        constraints that are implied only by two rules together."""
        self.scenario = scenario
        self.model = model
        self.vars = variables
        self.diagnose = diagnose
        self.hard_rules = hard_rules
        self.terms: dict[str, list[tuple[LinearLike, int]]] = defaultdict(list)
        self.constants: dict[str, int] = defaultdict(int)
        self.gates: dict[GateKey, cp_model.IntVar] = {}

    def gate(
        self, rule: Rule, employee_id: str | None = None, day: int | None = None
    ) -> cp_model.IntVar | None:
        if not self.diagnose:
            return None
        key = (rule.name, employee_id, day)
        if key not in self.gates:
            self.gates[key] = self.model.new_bool_var(f"gate[{rule.name},{employee_id},{day}]")
        return self.gates[key]

    def require(
        self,
        constraint: cp_model.Constraint,
        rule: Rule,
        employee_id: str | None = None,
        day: int | None = None,
    ) -> None:
        """Make a hard constraint of `rule` switchable by its gate in diagnose mode."""
        gate = self.gate(rule, employee_id, day)
        if gate is not None:
            constraint.only_enforce_if(gate)

    def add_cost(self, kind: str, expr: LinearLike, units: int) -> None:
        if units:
            self.terms[kind].append((expr, units))

    def add_constant(self, kind: str, units: int) -> None:
        self.constants[kind] += units

    def at_most(
        self,
        rule: Rule,
        expr: LinearLike,
        limit: int,
        *,
        max_value: int,
        unit_price: int,
        employee_id: str | None = None,
        day: int | None = None,
    ) -> None:
        """`expr <= limit`; when soft, pay `unit_price` per unit above the limit."""
        if max_value <= limit:
            return
        if rule.is_hard(self.scenario):
            self.require(self.model.add(expr <= limit), rule, employee_id, day)
            return
        excess = self.model.new_int_var(0, max_value - limit, f"over[{rule.name},{employee_id},{day}]")
        self.model.add_max_equality(excess, [expr - limit, 0])
        self.add_cost(rule.cost_kind, excess, unit_price)

    def at_least(
        self,
        rule: Rule,
        expr: LinearLike,
        limit: int,
        *,
        unit_price: int,
        employee_id: str | None = None,
        day: int | None = None,
    ) -> None:
        """`expr >= limit` (expr is never negative); when soft, pay per unit below it."""
        if limit <= 0:
            return
        if rule.is_hard(self.scenario):
            self.require(self.model.add(expr >= limit), rule, employee_id, day)
            return
        short = self.model.new_int_var(0, limit, f"under[{rule.name},{employee_id},{day}]")
        self.model.add_max_equality(short, [limit - expr, 0])
        self.add_cost(rule.cost_kind, short, unit_price)

    def not_all(
        self,
        rule: Rule,
        literals: Sequence[cp_model.IntVar],
        *,
        unit_price: int,
        employee_id: str | None = None,
        day: int | None = None,
    ) -> None:
        """The literals may not all hold together; when soft, pay when they do."""
        if rule.is_hard(self.scenario):
            self.require(
                self.model.add_bool_or([lit.Not() for lit in literals]), rule, employee_id, day
            )
            return
        self.add_cost(rule.cost_kind, self.all_of(literals, f"{rule.name},{employee_id},{day}"),
                      unit_price)

    def forbid_after(
        self,
        rule: Rule,
        trigger: cp_model.IntVar,
        followers: Sequence[tuple[cp_model.IntVar, int]],
        *,
        employee_id: str | None = None,
        day: int | None = None,
    ) -> None:
        """When `trigger` holds, none of the followers may; when soft, each follower that
        does hold costs its price. One enforced constraint instead of a clause per pair."""
        if not followers:
            return
        if rule.is_hard(self.scenario):
            gate = self.gate(rule, employee_id, day)
            enforce = [trigger] if gate is None else [trigger, gate]
            self.model.add_bool_and([lit.Not() for lit, _ in followers]).only_enforce_if(enforce)
            return
        for lit, price in followers:
            self.add_cost(rule.cost_kind, self.all_of([trigger, lit], f"{rule.name},{employee_id},{day}"),
                          price)

    def all_of(self, literals: Sequence[cp_model.IntVar], name: str) -> cp_model.IntVar:
        """A literal equal to the AND of `literals`, exactly."""
        both = self.model.new_bool_var(f"and[{name}]")
        for lit in literals:
            self.model.add_implication(both, lit)
        self.model.add_bool_or([lit.Not() for lit in literals] + [both])
        return both

    def any_of(self, literals: Sequence[cp_model.IntVar], name: str) -> cp_model.IntVar:
        """A literal equal to the OR of `literals`, exactly."""
        if len(literals) == 1:
            return literals[0]
        either = self.model.new_bool_var(f"or[{name}]")
        for lit in literals:
            self.model.add_implication(lit, either)
        self.model.add_bool_or([*literals, either.Not()])
        return either

    def objective(self) -> cp_model.LinearExpr:
        flat = [(expr, units) for terms in self.terms.values() for expr, units in terms]
        total = cp_model.LinearExpr.weighted_sum([e for e, _ in flat], [u for _, u in flat])
        return total + sum(self.constants.values())

    def valued_costs(self, value: Callable[[LinearLike], int]) -> dict[str, int]:
        """Objective units by cost kind, with `value` reading the current solution."""
        kinds = set(self.terms) | set(self.constants)
        return {
            kind: self.constants.get(kind, 0)
            + sum(units * value(expr) for expr, units in self.terms.get(kind, []))
            for kind in sorted(kinds)
        }
