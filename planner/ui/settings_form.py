"""The settings form's model: which `scenario.toml` keys it shows, how, and what a save writes.

Pure functions (no Streamlit), driven by `planner.schema.SETTINGS`, so a setting added to the
spec shows up in the form with its description as help. The page (`pages/rules.py`) draws
the widgets; this module turns their values back into a settings dict.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.rules import DEFAULT_RULES, Rule
from planner.schema import SETTINGS, SettingSpec
from planner.ui.workspace import get_setting, updated_settings

SECTIONS: Mapping[str, str] = {
    "": "Horizon and general",
    "solver": "Search",
    "costs": "Costs",
    "contract": "Contract defaults",
    "service": "Service targets (queue demand)",
    "rules": "Training: value of a new skill after the horizon",
}
"""Form sections by the first part of the key, in the order shown."""

SECTION_NOTES: Mapping[str, str] = {
    "contract": "Limits for everyone; a `staff.csv` column of the same name overrides them per "
    "person. Leave a field empty for no limit.",
    "service": "Used only for demand given as contact volumes (queue work).",
    "rules": "Used when training.csv has courses (docs/TRAINING.md); switch training off in the "
    "rules table (train_staff).",
    "solver": "A longer search finds cheaper rosters; Stop on the Solve page keeps the best so far.",
}


def form_settings() -> list[SettingSpec]:
    """The keys the form shows as single fields (templated keys like `rules.<rule>.hard`
    have their own tables; `any` values are left to the text editor)."""
    return [s for s in SETTINGS if "<" not in s.key and s.type != "any"]


def section_of(spec: SettingSpec) -> str:
    head = spec.key.split(".")[0] if "." in spec.key else ""
    return head if head in SECTIONS else ""


def by_section() -> dict[str, list[SettingSpec]]:
    groups: dict[str, list[SettingSpec]] = {name: [] for name in SECTIONS}
    for spec in form_settings():
        groups[section_of(spec)].append(spec)
    return {name: specs for name, specs in groups.items() if specs}


def label_of(spec: SettingSpec) -> str:
    """`time limit seconds` from `solver.time_limit_seconds`."""
    return spec.key.split(".")[-1].replace("_", " ").capitalize()


def help_of(spec: SettingSpec) -> str:
    parts = [spec.description]
    if spec.default is not None and spec.default != "" and spec.default != []:
        parts.append(f"Default: {spec.default}.")
    if spec.required:
        parts.append("Required.")
    parts.append(f"`scenario.toml` key: `{spec.key}`.")
    return " ".join(parts)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        return value
    return None


def initial_value(spec: SettingSpec, settings: Mapping[str, Any]) -> Any:
    """The field's starting value: the file's value when usable, else the default (None =
    empty field)."""
    value = get_setting(settings, spec.key)
    if spec.type in ("int", "number"):
        number = _number(value)
        if number is None:
            number = _number(spec.default)
        if number is None:
            return None
        return int(number) if spec.type == "int" else float(number)
    if spec.type == "bool":
        return bool(value) if isinstance(value, bool) else bool(spec.default)
    if spec.type == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except (TypeError, ValueError):
            return None
    if spec.type == "list":
        items = value if isinstance(value, list) else spec.default or []
        return ", ".join(str(item) for item in items)
    if spec.type == "max_shifts":
        if isinstance(value, Mapping):
            return ";".join(f"{k}={v}" for k, v in value.items())
        return "" if value is None else str(value)
    return "" if value is None else str(value)


def _parsed(spec: SettingSpec, value: Any) -> Any:
    """A widget's value as the TOML value to store; None removes the key."""
    if value is None:
        return None
    if spec.type == "int":
        return int(value)
    if spec.type == "number":
        number = float(value)
        return int(number) if number.is_integer() else number
    if spec.type == "bool":
        return bool(value)
    if spec.type == "date":
        return value if isinstance(value, dt.date) else None
    if spec.type == "list":
        items = [item.strip() for item in str(value).replace(";", ",").split(",")]
        return [item for item in items if item]
    text = str(value).strip()
    return text or None


def field_changes(settings: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted key -> value to store (None = remove) for the fields whose value differs from
    what the file says (a field left at its default on a key the file lacks writes nothing)."""
    changes: dict[str, Any] = {}
    specs = {spec.key: spec for spec in form_settings()}
    for key, value in values.items():
        spec = specs[key]
        new = _parsed(spec, value)
        current = get_setting(settings, key)
        if current is None:
            default = _parsed(spec, initial_value(spec, {}))
            if new is None or (new == default and spec.default is not None):
                continue
        elif _same(current, new):
            continue
        changes[key] = new
    return changes


def _same(current: Any, new: Any) -> bool:
    if isinstance(current, bool) or isinstance(new, bool):
        return current is new
    if isinstance(current, int | float) and isinstance(new, int | float):
        return float(current) == float(new)
    if isinstance(current, dt.date) or isinstance(new, dt.date):
        return str(current) == str(new)
    return current == new


# --- per-skill costs ----------------------------------------------------------------------------

SKILL_COST_COLUMNS = ("skill", "under_weight", "over_weight")


def skill_costs_frame(settings: Mapping[str, Any], skills: Sequence[str]) -> pd.DataFrame:
    """One row per skill (the scenario's and any the file names): its own prices, NaN when
    the general price applies."""
    table = get_setting(settings, "costs.skills", {})
    table = table if isinstance(table, Mapping) else {}
    names = list(dict.fromkeys([*skills, *table]))
    rows = []
    for skill in names:
        own = table.get(skill) if isinstance(table.get(skill), Mapping) else {}
        rows.append(
            {
                "skill": skill,
                "under_weight": _number(own.get("under_weight")),
                "over_weight": _number(own.get("over_weight")),
            }
        )
    frame = pd.DataFrame(rows, columns=list(SKILL_COST_COLUMNS))
    frame[["under_weight", "over_weight"]] = frame[["under_weight", "over_weight"]].astype(float)
    return frame


def skill_cost_changes(settings: Mapping[str, Any], frame: pd.DataFrame) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for record in frame.to_dict("records"):
        skill = str(record["skill"])
        for column in ("under_weight", "over_weight"):
            key = f"costs.skills.{skill}.{column}"
            value = record[column]
            new = None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
            if new is not None and new.is_integer():
                new = int(new)
            current = _number(get_setting(settings, key))
            if (current is None and new is None) or (
                current is not None and new is not None and float(current) == float(new)
            ):
                continue
            changes[key] = new
    return changes


# --- rules --------------------------------------------------------------------------------------

RULE_COLUMNS = ("name", "rule", "on", "kind", "can_be", "weight", "unit")
KINDS = ("hard", "soft")
PRICED_ELSEWHERE = ("shortfall", "wages", "overtime", "temps", "training")
"""Cost kinds whose price is not the rule's weight (demand weights, wages, temp offers)."""


def has_weight(rule: Rule) -> bool:
    """Does the rule's weight price its breaches (a soft rule that is not a cost line)?"""
    return rule.can_be_soft and rule.cost_kind not in PRICED_ELSEWHERE


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    on: bool
    kind: str
    weight: float


def _singular(unit: str) -> str:
    """`staff-hours` -> `staff-hour`, `wishes` -> `wish`, `breaches` -> `breach`."""
    if unit.endswith(("ches", "shes")):
        return unit[:-2]
    return unit[:-1] if unit.endswith("s") else unit


def _can_be(rule: Rule) -> str:
    if rule.can_be_hard and rule.can_be_soft:
        return "hard or soft"
    return "hard only" if rule.can_be_hard else "soft only"


def _default_kind(rule: Rule) -> str:
    if not rule.can_be_soft:
        return "hard"
    if not rule.can_be_hard:
        return "soft"
    return "hard" if rule.default_hard else "soft"


def rules_frame(settings: Mapping[str, Any], rules: Sequence[Rule] = DEFAULT_RULES) -> pd.DataFrame:
    """One row per rule: on/off, hard/soft, weight (the file's values, else the rule's own)."""
    rows = []
    for rule in rules:
        table = get_setting(settings, f"rules.{rule.name}", {})
        table = table if isinstance(table, Mapping) else {}
        hard = table.get("hard")
        kind = _default_kind(rule)
        if isinstance(hard, bool) and rule.can_be_hard and rule.can_be_soft:
            kind = "hard" if hard else "soft"
        weight = _number(table.get("weight"))
        rows.append(
            {
                "name": rule.name,
                "rule": rule.label,
                "on": table.get("enabled", True) is not False,
                "kind": kind,
                "can_be": _can_be(rule),
                "weight": float(rule.default_weight if weight is None else weight)
                if has_weight(rule)
                else None,
                "unit": f"per {_singular(rule.unit)}" if has_weight(rule) else "",
            }
        )
    return pd.DataFrame(rows, columns=list(RULE_COLUMNS))


def rule_changes(
    settings: Mapping[str, Any], frame: pd.DataFrame, rules: Sequence[Rule] = DEFAULT_RULES
) -> dict[str, Any]:
    """Keys to set for the rules table: only what differs from the rule's own defaults is
    written (a key the file had and that now equals the default is removed)."""
    by_name = {rule.name: rule for rule in rules}
    changes: dict[str, Any] = {}
    for record in frame.to_dict("records"):
        rule = by_name.get(str(record["name"]))
        if rule is None:
            continue
        prefix = f"rules.{rule.name}"
        on = bool(record["on"])
        current_on = get_setting(settings, f"{prefix}.enabled")
        if on is False:
            changes[f"{prefix}.enabled"] = False
        elif current_on is not None:
            changes[f"{prefix}.enabled"] = None
        kind = str(record["kind"]) if record["kind"] in KINDS else _default_kind(rule)
        if rule.can_be_hard and rule.can_be_soft:
            current_hard = get_setting(settings, f"{prefix}.hard")
            wanted = kind == "hard"
            if kind == _default_kind(rule):
                if current_hard is not None:
                    changes[f"{prefix}.hard"] = None
            elif current_hard is not wanted:
                changes[f"{prefix}.hard"] = wanted
        weight = record["weight"]
        if has_weight(rule) and weight is not None and not (isinstance(weight, float) and math.isnan(weight)):
            weight = float(weight)
            current_weight = _number(get_setting(settings, f"{prefix}.weight"))
            if weight == float(rule.default_weight):
                if current_weight is not None:
                    changes[f"{prefix}.weight"] = None
            elif current_weight is None or float(current_weight) != weight:
                changes[f"{prefix}.weight"] = int(weight) if weight.is_integer() else weight
    return changes


def apply_form(
    settings: Mapping[str, Any],
    values: Mapping[str, Any],
    skill_costs: pd.DataFrame | None = None,
    rules: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The new settings dict after a save of the form."""
    changes = field_changes(settings, values)
    if skill_costs is not None:
        changes.update(skill_cost_changes(settings, skill_costs))
    if rules is not None:
        changes.update(rule_changes(settings, rules))
    return updated_settings(settings, changes)
