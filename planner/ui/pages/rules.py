"""Rules & costs: the scenario's settings as a form, with each setting's description as help."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from planner.schema import SETTINGS_FILE, SettingSpec
from planner.ui import settings_form as form
from planner.ui import state, widgets, workspace

# --- callbacks ----------------------------------------------------------------------------------


def _save(prefix: str, settings: dict[str, Any], specs: list[SettingSpec], skills: list[str]) -> None:
    values = {spec.key: st.session_state.get(f"{prefix}{spec.key}") for spec in specs}
    skill_costs = _edited_frame(f"{prefix}skill-costs", form.skill_costs_frame(settings, skills))
    rules = _edited_frame(f"{prefix}rules", form.rules_frame(settings))
    try:
        new = form.apply_form(settings, values, skill_costs, rules)
        text = workspace.settings_toml(new)
    except (TypeError, ValueError) as exc:
        state.flash("error", f"The settings could not be saved ({exc}); your entries are still in the form.")
        return
    if text.encode("utf-8") == state.files().get(SETTINGS_FILE):
        state.flash("info", "Nothing changed.")
        return
    state.update_file(SETTINGS_FILE, text.encode("utf-8"), rebuild_editors=False)
    _flash_checked("Settings saved")


def _flash_checked(what: str) -> None:
    errors = len(state.loaded().errors)
    if errors:
        message = f"{what}, but the scenario has {errors:,} error(s) now, listed here and on Data."
        state.flash("error", message)
    else:
        state.flash("success", f"{what} and checked: no errors.")


def _edited_frame(key: str, base: pd.DataFrame) -> pd.DataFrame:
    """A form's data editor value: its changes applied to the table it was shown with."""
    changes = st.session_state.get(key) or {}
    out = base.copy()
    for position, cells in (changes.get("edited_rows") or {}).items():
        for column, value in cells.items():
            if column in out.columns:
                out.iat[int(position), list(out.columns).index(column)] = value
    return out


def _save_text(key: str) -> None:
    text = st.session_state.get(key, "")
    state.update_file(SETTINGS_FILE, text.encode("utf-8"), rebuild_editors=False)
    _flash_checked("scenario.toml saved")


def _start_example() -> None:
    state.update_file(SETTINGS_FILE, workspace.template_files()[SETTINGS_FILE], rebuild_editors=False)


# --- widgets ------------------------------------------------------------------------------------


def _bounds(spec: SettingSpec, value: Any) -> tuple[float | None, float | None]:
    """The field's limits from the spec, unless the file's value lies outside them (the
    field must still show it; the check lists it as a problem)."""
    low, high = spec.minimum, spec.maximum
    if value is not None and ((low is not None and value < low) or (high is not None and value > high)):
        return None, None
    return low, high


def _field(spec: SettingSpec, settings: dict[str, Any], key: str) -> None:
    label = form.label_of(spec)
    help_text = form.help_of(spec)
    value = form.initial_value(spec, settings)
    low, high = _bounds(spec, value) if spec.type in ("int", "number") else (None, None)
    if spec.type == "bool":
        st.toggle(label, value=value, key=key, help=help_text)
    elif spec.type == "date":
        st.date_input(label, value=value, key=key, help=help_text, format="YYYY-MM-DD")
    elif spec.type == "int":
        st.number_input(
            label,
            value=value,
            min_value=None if low is None else int(low),
            max_value=None if high is None else int(high),
            step=1,
            key=key,
            help=help_text,
            placeholder="not set",
        )
    elif spec.type == "number":
        st.number_input(
            label,
            value=value,
            min_value=None if low is None else float(low),
            max_value=None if high is None else float(high),
            step=1.0,
            format="%g",
            key=key,
            help=help_text,
            placeholder="not set",
        )
    else:
        st.text_input(label, value=value, key=key, help=help_text, placeholder="not set")


def _grid(specs: list[SettingSpec], settings: dict[str, Any], prefix: str, columns: int = 3) -> None:
    cells = st.columns(columns)
    for i, spec in enumerate(specs):
        with cells[i % columns]:
            _field(spec, settings, f"{prefix}{spec.key}")


# --- the page -----------------------------------------------------------------------------------

loaded = state.loaded()
st.title("Rules & costs")
st.caption(
    "The scenario's settings (its scenario.toml). Each field's ? says what it means; "
    "empty means not set. Saving checks the scenario again."
)
widgets.show_flash()

text = state.files().get(SETTINGS_FILE)
toml_issues = [issue for issue in loaded.issues if issue.table == SETTINGS_FILE]
if not state.files():
    st.info("Load a sample or upload your files on the Data page first.")
    widgets.link("data", "Go to Data", icon=":material/table_view:")
    st.stop()
if text is None:
    st.warning("This scenario has no scenario.toml yet.")
    st.button("Start from the example settings", on_click=_start_example, type="primary")
    st.stop()

if toml_issues:
    widgets.issues_table(toml_issues, key="issues-toml", show_table=False)

settings = dict(loaded.settings)
if not settings and any(issue.is_error for issue in toml_issues):
    st.error("scenario.toml cannot be read, so the form cannot show it: fix the text below.")
else:
    prefix = f"setting-{hashlib.sha256(text).hexdigest()[:10]}-"
    specs = form.form_settings()
    skills = list(loaded.scenario.skills) if loaded.scenario else []
    with st.form("settings", border=False):
        sections = form.by_section()
        tabs = st.tabs([form.SECTIONS[name] for name in sections] + ["Skill prices", "Rules"])
        for tab, (name, group) in zip(tabs, sections.items(), strict=False):
            with tab:
                if name in form.SECTION_NOTES:
                    st.caption(form.SECTION_NOTES[name])
                _grid(group, settings, prefix)
        with tabs[len(sections)]:
            st.caption(
                "Price of one missing (under) or surplus (over) staff-hour of each skill. Empty: "
                "the general price on Costs applies."
            )
            st.data_editor(
                form.skill_costs_frame(settings, skills),
                key=f"{prefix}skill-costs",
                hide_index=True,
                num_rows="fixed",
                column_config={
                    "skill": st.column_config.TextColumn("skill", disabled=True),
                    "under_weight": st.column_config.NumberColumn(
                        "missing staff-hour",
                        min_value=0,
                        format="%,.2f",
                        help="costs.skills.<skill>.under_weight",
                    ),
                    "over_weight": st.column_config.NumberColumn(
                        "surplus staff-hour",
                        min_value=0,
                        format="%,.2f",
                        help="costs.skills.<skill>.over_weight",
                    ),
                },
            )
        with tabs[len(sections) + 1]:
            st.caption(
                "Hard rules are never broken; soft ones may be, at the weight per unit of breach "
                "(in the scenario's currency). A rule that is off is not applied at all."
            )
            rules_table = form.rules_frame(settings)
            st.data_editor(
                rules_table,
                key=f"{prefix}rules",
                hide_index=True,
                num_rows="fixed",
                height=38 + 35 * len(rules_table),
                column_config={
                    "name": None,
                    "rule": st.column_config.TextColumn("rule", disabled=True, width="medium"),
                    "on": st.column_config.CheckboxColumn("on", help="rules.<rule>.enabled"),
                    "kind": st.column_config.SelectboxColumn(
                        "hard or soft", options=list(form.KINDS), required=True, help="rules.<rule>.hard"
                    ),
                    "can_be": st.column_config.TextColumn("can be", disabled=True),
                    "weight": st.column_config.NumberColumn(
                        "weight",
                        min_value=0,
                        format="%,.2f",
                        help="rules.<rule>.weight: the price of one unit of breach when soft. Empty: "
                        "priced elsewhere (demand weights on Costs and Skill prices, wages, temp offers).",
                    ),
                    "unit": st.column_config.TextColumn("", disabled=True),
                },
            )
        st.form_submit_button(
            "Save settings",
            type="primary",
            on_click=_save,
            args=(prefix, settings, specs, skills),
            key="save_settings",
        )

with st.expander("Edit scenario.toml as text", expanded=not settings):
    text_key = f"toml-text-{hashlib.sha256(text).hexdigest()[:10]}"
    st.text_area(
        "scenario.toml",
        value=text.decode("utf-8", errors="replace"),
        height=320,
        key=text_key,
        label_visibility="collapsed",
    )
    st.button("Save text", key="save_toml_text", on_click=_save_text, args=(text_key,))
