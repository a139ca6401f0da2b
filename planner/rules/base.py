"""The rule unit: one labour rule or cost term that models, checks and explains itself.

A rule adds itself to the CP-SAT model through a `ModelContext` (hard constraint, or exact
penalty terms when soft), recomputes its breaches on a finished roster without any solver,
and describes each breach in the manager's words with a quantity. Soft breaches are priced
through `planner.costs`, so the checker's total equals the solver's objective.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from planner import costs
from planner.domain import RuleSetting, Scenario

if TYPE_CHECKING:
    from planner.engine.context import ModelContext
    from planner.rules.view import RosterView


@dataclass(frozen=True)
class Violation:
    """One breach of one rule, sized in the rule's unit."""

    rule: str
    label: str
    hard: bool
    quantity: float
    unit: str
    cost_units: int
    message: str
    employee_id: str | None = None
    day: int | None = None
    cost_kind: str = "penalties"


class Rule:
    """Base class. Subclasses set the class variables and override `define` and `check`."""

    name: ClassVar[str]
    label: ClassVar[str]
    unit: ClassVar[str] = "breaches"
    cost_kind: ClassVar[str] = "penalties"
    default_hard: ClassVar[bool] = True
    default_weight: ClassVar[float] = 100.0
    can_be_hard: ClassVar[bool] = True
    can_be_soft: ClassVar[bool] = True
    day_word: ClassVar[str] = "from"
    """How a diagnosis names the day of one of the rule's constraints: `from` a week's or a
    run's first day, or `on` the day itself for rules about a single day."""

    def setting(self, scenario: Scenario) -> RuleSetting:
        return scenario.settings.rule(self.name)

    def enabled(self, scenario: Scenario) -> bool:
        return self.setting(scenario).enabled

    def is_hard(self, scenario: Scenario) -> bool:
        if not self.can_be_soft:
            return True
        if not self.can_be_hard:
            return False
        hard = self.setting(scenario).hard
        return self.default_hard if hard is None else hard

    def weight(self, scenario: Scenario) -> float:
        weight = self.setting(scenario).weight
        return self.default_weight if weight is None else weight

    def unit_price(self, scenario: Scenario) -> int:
        """Objective units for one unit of breach when the rule is soft."""
        return costs.fixed(self.weight(scenario))

    def define(self, ctx: ModelContext) -> None:
        """Add the rule to the model: constraints when hard, penalty terms when soft."""

    def check(self, view: RosterView) -> list[Violation]:
        """Every breach of the rule in a finished roster, found without a solver."""
        return []

    def costs(self, view: RosterView, violations: Sequence[Violation]) -> Mapping[str, int]:
        """Objective units this rule contributes, by cost kind, given its `check` result."""
        totals: dict[str, int] = defaultdict(int)
        for violation in violations:
            if not violation.hard:
                totals[violation.cost_kind] += violation.cost_units
        return totals

    def breach(
        self,
        view: RosterView,
        quantity: float,
        message: str,
        *,
        employee_id: str | None = None,
        day: int | None = None,
        cost_units: int | None = None,
        cost_kind: str | None = None,
    ) -> Violation:
        """A violation of this rule, priced per unit unless `cost_units` is given."""
        hard = self.is_hard(view.scenario)
        if cost_units is None:
            cost_units = 0 if hard else round(self.unit_price(view.scenario) * quantity)
        return Violation(
            rule=self.name,
            label=self.label,
            hard=hard,
            quantity=quantity,
            unit=self.unit,
            cost_units=cost_units,
            message=message,
            employee_id=employee_id,
            day=day,
            cost_kind=cost_kind or self.cost_kind,
        )
