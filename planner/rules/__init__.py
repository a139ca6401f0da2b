"""Labour rules and cost terms, one unit per file (see DESIGN §6)."""

RULE_NAMES: tuple[str, ...] = (
    "cover_demand",
    "only_qualified_skills",
    "respect_availability",
    "honour_preferences",
    "one_shift_per_day",
    "minimum_rest_between_shifts",
    "no_forbidden_successions",
    "weekly_hours_within_contract",
    "max_days_per_week",
    "max_consecutive_days",
    "min_consecutive_days",
    "min_consecutive_days_off",
    "max_weekends",
    "max_shifts_per_type",
    "book_temps",
    "pay_wages",
    "pay_overtime",
)
