"""Labour rules and cost terms, one family per file (see DESIGN §6).

`DEFAULT_RULES` is the plain ordered registry the engine and the checker both walk. A
scenario switches rules on and off, hard or soft, in `scenario.toml` under `[rules.<name>]`.
"""

from planner.rules.availability import HonourPreferences, RespectAvailability
from planner.rules.base import Rule, Violation
from planner.rules.coverage import CoverDemand
from planner.rules.daily import OneShiftPerDay
from planner.rules.days import (
    MaxConsecutiveDays,
    MaxDaysPerWeek,
    MaxWeekends,
    MinConsecutiveDays,
    MinConsecutiveDaysOff,
)
from planner.rules.horizon_hours import TotalHoursWithinContract
from planner.rules.hours import PayOvertime, WeeklyHoursWithinContract
from planner.rules.qualification import OnlyQualifiedSkills
from planner.rules.rest import MinimumRestBetweenShifts, NoForbiddenSuccessions
from planner.rules.shift_counts import MaxShiftsPerType
from planner.rules.temps import BookTemps
from planner.rules.training import TrainStaff
from planner.rules.wages import PayWages

DEFAULT_RULES: tuple[Rule, ...] = (
    CoverDemand(),
    OnlyQualifiedSkills(),
    RespectAvailability(),
    HonourPreferences(),
    OneShiftPerDay(),
    MinimumRestBetweenShifts(),
    NoForbiddenSuccessions(),
    WeeklyHoursWithinContract(),
    TotalHoursWithinContract(),
    MaxDaysPerWeek(),
    MaxConsecutiveDays(),
    MinConsecutiveDays(),
    MinConsecutiveDaysOff(),
    MaxWeekends(),
    MaxShiftsPerType(),
    BookTemps(),
    TrainStaff(),
    PayWages(),
    PayOvertime(),
)

RULE_NAMES: tuple[str, ...] = tuple(rule.name for rule in DEFAULT_RULES)

RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in DEFAULT_RULES}

__all__ = ["DEFAULT_RULES", "RULES_BY_NAME", "RULE_NAMES", "Rule", "Violation"]
