"""The settings form: spec-driven fields, and what a save writes to scenario.toml."""

from __future__ import annotations

import datetime as dt
import tomllib

import pandas as pd
from ui_scenarios import tiny_files

from planner.io import load_scenario_files
from planner.rules import DEFAULT_RULES
from planner.schema import SETTINGS_BY_KEY
from planner.ui import settings_form as form
from planner.ui import workspace


def _settings() -> dict:
    return tomllib.loads(tiny_files()["scenario.toml"].decode())


def test_every_plain_setting_is_in_a_section_with_its_description_as_help() -> None:
    keys = {spec.key for specs in form.by_section().values() for spec in specs}
    assert {"start_date", "days", "currency", "solver.time_limit_seconds", "costs.under_weight"} <= keys
    assert not any("<" in key for key in keys)
    spec = SETTINGS_BY_KEY["solver.time_limit_seconds"]
    assert spec.description in form.help_of(spec)
    assert form.label_of(spec) == "Time limit seconds"


def test_initial_values_come_from_the_file_then_the_default() -> None:
    settings = _settings()
    assert form.initial_value(SETTINGS_BY_KEY["start_date"], settings) == dt.date(2026, 3, 2)
    assert form.initial_value(SETTINGS_BY_KEY["solver.time_limit_seconds"], settings) == 10.0
    assert form.initial_value(SETTINGS_BY_KEY["costs.under_weight"], settings) == 100.0
    assert form.initial_value(SETTINGS_BY_KEY["contract.max_hours_week"], settings) is None
    successions = SETTINGS_BY_KEY["forbidden_successions"]
    assert form.initial_value(successions, {"forbidden_successions": ["N>E"]}) == "N>E"


def test_unchanged_fields_write_nothing_and_changed_ones_are_set_or_removed() -> None:
    settings = _settings()
    values = {spec.key: form.initial_value(spec, settings) for spec in form.form_settings()}
    assert form.field_changes(settings, values) == {}
    values |= {
        "solver.time_limit_seconds": 5.0,
        "contract.max_hours_week": 38.5,
        "forbidden_successions": "L>E; E>L",
        "solver.seed": None,
    }
    assert form.field_changes(settings, values) == {
        "solver.time_limit_seconds": 5,
        "contract.max_hours_week": 38.5,
        "forbidden_successions": ["L>E", "E>L"],
        "solver.seed": None,
    }


def test_a_saved_form_is_a_valid_scenario_toml() -> None:
    files = tiny_files()
    settings = _settings()
    values = {spec.key: form.initial_value(spec, settings) for spec in form.form_settings()}
    values["days"] = 2
    rules = form.rules_frame(settings)
    rules.loc[rules["name"] == "max_weekends", ["kind", "weight"]] = ["soft", 40.0]
    rules.loc[rules["name"] == "honour_preferences", "on"] = False
    skills = form.skill_costs_frame(settings, ["desk", "phone"])
    skills.loc[skills["skill"] == "phone", "under_weight"] = 150.0
    new = form.apply_form(settings, values, skills, rules)
    assert new["days"] == 2
    assert new["rules"] == {
        "max_weekends": {"hard": False, "weight": 40},
        "honour_preferences": {"enabled": False},
    }
    assert new["costs"] == {"skills": {"phone": {"under_weight": 150}}}
    files["scenario.toml"] = workspace.settings_toml(new).encode()
    loaded = load_scenario_files(files)
    assert loaded.ok, loaded.issues
    assert loaded.scenario.settings.days == 2
    assert loaded.scenario.settings.rule("max_weekends").hard is False


def test_rules_back_at_their_defaults_are_removed_from_the_file() -> None:
    settings = {"rules": {"max_weekends": {"hard": False, "weight": 40, "enabled": False}}}
    frame = form.rules_frame(settings)
    row = frame[frame["name"] == "max_weekends"].iloc[0]
    assert (row["on"], row["kind"], row["weight"]) == (False, "soft", 40.0)
    frame.loc[frame["name"] == "max_weekends", ["on", "kind", "weight"]] = [True, "hard", 100.0]
    assert form.rule_changes(settings, frame) == {
        "rules.max_weekends.enabled": None,
        "rules.max_weekends.hard": None,
        "rules.max_weekends.weight": None,
    }
    assert len(form.rules_frame({})) == len(DEFAULT_RULES)
    one_way = form.rules_frame({}).set_index("name")
    assert one_way.loc["one_shift_per_day", "can_be"] == "hard only"
    assert one_way.loc["max_weekends", "unit"] == "per weekend"
    assert one_way.loc["honour_preferences", "unit"] == "per wish"
    assert pd.isna(one_way.loc["cover_demand", "weight"])
    assert one_way.loc["cover_demand", "unit"] == ""
