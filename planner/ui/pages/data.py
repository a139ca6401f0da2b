"""Data: load a sample or upload files, then see and edit every table beside its problems."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.io import SCENARIO_FILES
from planner.io.issues import Issue
from planner.schema import SETTINGS_FILE, TABLES, TYPE_HELP, ColumnSpec
from planner.ui import state, widgets, workspace

# The read-only first column of an editor that names the row's problems.
PROBLEMS = "problems"


# --- callbacks (run before the page, so the page shows their outcome) -------------------------


def _load_sample() -> None:
    name = st.session_state.get("sample_choice") or next(iter(state.samples()), "")
    if not name:
        return
    state.replace_files(state.sample_files(name), f"Sample: {state.samples().get(name, name)}")
    state.flash("success", f"Loaded the sample “{state.samples().get(name, name)}”.")


def _take_upload(key: str) -> None:
    uploaded = st.session_state.get(key) or []
    if not uploaded:
        return
    outcome = workspace.read_uploads([(item.name, item.getvalue()) for item in uploaded])
    st.session_state[state.UPLOADER_VERSION] += 1
    for message in outcome.refused:
        state.flash("error", message)
    if not outcome.files:
        st.session_state[state.NOTICES] = outcome.notices
        if not outcome.refused:
            state.flash("error", "The upload holds none of the scenario's files; nothing was changed.")
        else:
            state.flash("info", "Nothing was changed: the scenario you had is still loaded.")
        return
    keep = bool(st.session_state.get("keep_other_tables"))
    merged = workspace.merge_files(state.files(), outcome.files, keep_others=keep)
    names = ", ".join(sorted(outcome.files))
    state.replace_files(merged, f"Upload: {names}", outcome.notices, outcome.refused)
    state.flash("success", f"Loaded {len(outcome.files)} file(s): {names}.")


def _undo() -> None:
    state.undo_replace()
    state.flash("info", "Brought back the scenario you had before.")


def _apply_edits(name: str, key: str, base: pd.DataFrame) -> None:
    changes = st.session_state.get(key) or {}
    if not any(changes.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")):
        return
    edited = workspace.apply_editor_changes(base, changes)
    state.update_file(name, workspace.frame_to_csv(edited))
    st.session_state[state.ACTIVE_TABLE] = name


def _add_column(name: str, base: pd.DataFrame, key: str) -> None:
    column = st.session_state.get(key)
    if column:
        state.update_file(name, workspace.frame_to_csv(workspace.add_column(base, column)))
        st.session_state[state.ACTIVE_TABLE] = name


def _start_table(name: str) -> None:
    columns = workspace.TEMPLATE_COLUMNS.get(name) or TABLES[name].required_names
    state.update_file(name, (",".join(columns) + "\n").encode("utf-8"))
    st.session_state[state.ACTIVE_TABLE] = name


def _remove_table(name: str) -> None:
    files = dict(state.files())
    files.pop(name, None)
    st.session_state[state.FILES] = files
    st.session_state[state.EDITED] = True
    st.session_state[state.EDITOR_VERSION] += 1


# --- pieces ------------------------------------------------------------------------------------


def _column_help(spec: ColumnSpec | None) -> str | None:
    if spec is None:
        return "Not a column of this table: it is ignored."
    kind = "one of " + ", ".join(spec.choices) if spec.type == "choice" else TYPE_HELP[spec.type]
    needed = "Required. " if spec.required else ""
    return f"{needed}{spec.description} ({kind})"


def _row_problems(frame: pd.DataFrame, issues: list[Issue]) -> pd.Series:
    marks: dict[int, list[str]] = {}
    worst: dict[int, str] = {}
    for issue in issues:
        if issue.row is None or issue.row not in frame.index:
            continue
        marks.setdefault(issue.row, []).append(issue.column or "row")
        if issue.is_error or worst.get(issue.row) != "error":
            worst[issue.row] = issue.severity
    text = {
        row: f"{worst[row]}: " + ", ".join(dict.fromkeys(columns))
        for row, columns in marks.items()
    }
    return pd.Series([text.get(row, "") for row in frame.index], index=frame.index, dtype=str)


def _problem_style(column: pd.Series) -> list[str]:
    if column.name != PROBLEMS:
        return [""] * len(column)
    return [
        "background-color: #FDECEA; color: #8A1C12" if value.startswith("error")
        else "background-color: #FFF8E1; color: #6B4E00" if value else ""
        for value in column
    ]


def _editor(name: str, frame: pd.DataFrame, issues: list[Issue]) -> None:
    spec = TABLES[name]
    key = f"editor-{name}-{st.session_state[state.EDITOR_VERSION]}"
    problems = _row_problems(frame, issues)
    view = frame.copy()
    data: pd.DataFrame | object = view
    config: dict[str, object] = {
        "_index": st.column_config.NumberColumn("row", format="%d", help="The row in your spreadsheet."),
    }
    for column in frame.columns:
        known = column in spec.names
        config[column] = st.column_config.TextColumn(
            column, help=_column_help(spec.column(column) if known else None), required=False
        )
    if problems.str.len().gt(0).any():
        view.insert(0, PROBLEMS, problems)
        config[PROBLEMS] = st.column_config.TextColumn("problems", disabled=True, width="small")
        data = view.style.apply(_problem_style, axis=0)
    st.data_editor(
        data,
        key=key,
        num_rows="dynamic",
        column_config=config,
        height=min(420, 38 + 35 * (len(frame) + 1)),
        on_change=_apply_edits,
        args=(name, key, frame),
    )
    missing = [column for column in spec.names if column not in frame.columns and column in spec.names]
    with st.container(horizontal=True, vertical_alignment="bottom"):
        if missing:
            add_key = f"add-column-{name}-{st.session_state[state.EDITOR_VERSION]}"
            st.selectbox(
                "Add a column",
                missing,
                index=None,
                key=add_key,
                placeholder="Add a column…",
                label_visibility="collapsed",
                on_change=_add_column,
                args=(name, frame, add_key),
                width=260,
            )
        if not spec.required:
            st.button(f"Remove {name}", key=f"remove-{name}", on_click=_remove_table, args=(name,))


def _table_tab(name: str, frame: pd.DataFrame | None, issues: list[Issue]) -> None:
    spec = TABLES[name]
    need = "Required." if spec.required else "Optional."
    st.caption(f"One row per {spec.one_row_per}. {need} Edits are checked as you make them.")
    if name not in state.files():
        if spec.required:
            st.error(f"There is no {name}: the scenario needs one. Upload it, or start an empty one here.")
        else:
            st.info(f"No {name} (optional).")
        st.button(f"Start an empty {name}", key=f"start-{name}", on_click=_start_table, args=(name,))
    if issues:
        errors = sum(1 for issue in issues if issue.is_error)
        st.markdown(
            f"**Problems in {name}**: {errors:,} error(s), {len(issues) - errors:,} warning(s). "
            "Their rows are marked in the table below; fix the cells there."
        )
        widgets.issues_table(issues, key=f"issues-{name}", show_table=False)
    if frame is not None:
        _editor(name, frame, issues)
    elif name in state.files():
        st.warning(f"{name} could not be read as a table; see the problems, and upload a corrected file.")


def _settings_tab(issues: list[Issue]) -> None:
    text = state.files().get(SETTINGS_FILE)
    st.caption("The scenario's settings: horizon, costs, contract defaults, rules and solver.")
    widgets.link("rules", "Change them on Rules & costs", icon=":material/tune:")
    if issues:
        widgets.issues_table(issues, key="issues-settings", show_table=False)
    if text is None:
        st.error(f"There is no {SETTINGS_FILE}: the scenario needs one (a start date and a number of days).")
    else:
        st.code(text.decode("utf-8", errors="replace"), language="toml")


def _tab_label(name: str, frame: pd.DataFrame | None, issues: list[Issue]) -> str:
    errors = sum(1 for issue in issues if issue.is_error)
    rows = f" · {len(frame):,}" if frame is not None else ""
    warnings = len(issues) - errors
    mark = ""
    if errors:
        mark = f" :red[· {errors} error(s)]"
    elif warnings:
        mark = f" :orange[· {warnings} warning(s)]"
    if name not in state.files():
        required = name == SETTINGS_FILE or (name in TABLES and TABLES[name].required)
        rows = " · missing" if required else " · none"
    return f"{name}{rows}{mark}"


# --- the page ---------------------------------------------------------------------------------

loaded = state.loaded()
st.title("Data")
st.caption(
    "Start from a sample or your own files. Every table can be edited here; each problem is "
    "listed with its row, column and how to fix it. Errors block solving; warnings do not."
)
widgets.show_flash()

start, upload = st.columns(2, border=True)
with start:
    st.markdown("**Try a sample**")
    samples = state.samples()
    st.radio(
        "Sample scenario",
        list(samples),
        format_func=lambda name: samples.get(name, name),
        key="sample_choice",
        label_visibility="collapsed",
    )
    with st.container(horizontal=True):
        st.button("Load sample", type="primary", key="load_sample", on_click=_load_sample)
        st.download_button(
            "Empty templates",
            data=state.template_zip(),
            file_name="scenario-templates.zip",
            mime="application/zip",
            icon=":material/download:",
            help="Header rows of each table and an example scenario.toml, to fill in a spreadsheet.",
            on_click="ignore",
        )
with upload:
    st.markdown("**Upload your files**")
    uploader_key = f"uploader-{st.session_state[state.UPLOADER_VERSION]}"
    st.file_uploader(
        "CSV tables and scenario.toml, or one zip of the scenario folder",
        type=["csv", "toml", "zip"],
        accept_multiple_files=True,
        key=uploader_key,
        on_change=_take_upload,
        args=(uploader_key,),
        max_upload_size=workspace.MAX_UPLOAD_MB,
        help=f"Up to {workspace.MAX_UPLOAD_MB} MB per file. Names are matched without case: "
        + ", ".join(SCENARIO_FILES)
        + ".",
    )
    st.toggle(
        "Keep the tables this upload does not replace",
        key="keep_other_tables",
        help="On: upload only demand.csv to swap the demand of the current scenario. "
        "Off: the upload is the whole scenario.",
    )

if state.files():
    st.subheader(st.session_state[state.SOURCE] or "Your scenario")
    caption = widgets.scenario_caption(loaded)
    if caption:
        st.caption(caption)
widgets.validity_banner(loaded, on_data_page=True)
for message in st.session_state[state.REFUSED]:
    st.error(message)

if state.files() or st.session_state[state.PREVIOUS]:
    with st.container(horizontal=True):
        if state.files():
            title = loaded.scenario.settings.name if loaded.scenario else ""
            folder = workspace.folder_name(title or "scenario")
            st.download_button(
                "Download this scenario (zip)",
                data=workspace.zip_bytes(state.files(), folder),
                file_name=f"{folder}.zip",
                mime="application/zip",
                icon=":material/download:",
                help="Keep your edits: the zip can be uploaded again as it is.",
                on_click="ignore",
                key="download_scenario",
            )
        previous = st.session_state[state.PREVIOUS]
        if previous is not None:
            st.button(
                f"Undo: back to {previous[1] or 'the previous scenario'}",
                key="undo",
                on_click=_undo,
                icon=":material/undo:",
            )

all_issues = [*st.session_state[state.NOTICES], *(loaded.issues if state.files() else ())]
if all_issues:
    with st.expander(f"All problems ({len(all_issues):,})", expanded=bool(loaded.errors)):
        widgets.issues_table(all_issues, key="issues-all")

if state.files():
    names = [
        name
        for name in SCENARIO_FILES
        if name in state.files() or (name in TABLES and TABLES[name].required)
    ]
    names += [SETTINGS_FILE] if SETTINGS_FILE not in names else []
    by_table = {name: [issue for issue in loaded.issues if issue.table == name] for name in names}
    labels = {name: _tab_label(name, loaded.frames.get(name), by_table[name]) for name in names}
    tabs = st.tabs(
        list(labels.values()),
        default=labels.get(st.session_state[state.ACTIVE_TABLE]),
        key=f"data-tabs-{st.session_state[state.EDITOR_VERSION]}",
    )
    for tab, name in zip(tabs, names, strict=True):
        with tab:
            if name == SETTINGS_FILE:
                _settings_tab(by_table[name])
            else:
                _table_tab(name, loaded.frames.get(name), by_table[name])
    optional = [name for name in TABLES if name not in state.files() and not TABLES[name].required]
    if optional:
        with st.container(horizontal=True):
            for name in optional:
                st.button(f"Add {name}", key=f"start-{name}", on_click=_start_table, args=(name,))
