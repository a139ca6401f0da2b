"""The app's session state, set up in one place, and the cached loaders.

Every key the pages share is named here and initialised by `init_state()` (the router calls
it on every run). The working scenario is a mapping of file name -> bytes; its checked form
(`LoadResult`) is derived from it and recomputed only when the files change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from planner.io import LoadResult, load_scenario_files
from planner.io.issues import Issue
from planner.ui import workspace
from planner.ui.jobs import RunResult, SolveJob, TrainingComparison, compare_training

if TYPE_CHECKING:
    from planner.capacity import CapacityLoadResult
    from planner.domain import Plan
    from planner.ui.capacity_run import CapacityRun

FILES = "files"
"""dict[str, bytes]: the working scenario's files by canonical name."""
SOURCE = "source"
"""str: where the working scenario came from, in words (`Sample: ...`, `Upload: ...`)."""
EDITED = "edited"
"""bool: the manager changed a table or a setting since it was loaded."""
LOADED = "loaded"
LOADED_SIGNATURE = "loaded_signature"
PREVIOUS = "previous"
"""(files, source, edited) before the last replace, for the Undo button; or None."""
NOTICES = "upload_notices"
"""tuple[Issue, ...]: what was said about the last upload (ignored files, duplicates)."""
REFUSED = "upload_refused"
"""tuple[str, ...]: messages for uploaded files that were not taken."""
UPLOADER_VERSION = "uploader_version"
"""int: bumped to clear the file uploader once its files are taken."""
EDITOR_VERSION = "editor_version"
"""int: bumped to rebuild the table editors when the tables are replaced."""
JOB = "job"
"""SolveJob | None: the latest solve (running or done)."""
RESULT = "result"
"""RunResult | None: the latest finished solve with a plan."""
COMPARISON = "training_comparison"
"""TrainingComparison | None: `RESULT` solved again with training switched off (Results →
Training); dropped when a new roster is solved or the data change."""
ACTIVE_TABLE = "active_table"
"""str: the table the manager last changed on Data; its tab stays open when tables rebuild."""
FLASH = "flash"
"""list[tuple[str, str]]: (kind, message) to show once at the top of the next page."""

CAPACITY_FILES = "capacity_files"
"""dict[str, bytes]: the capacity plan's files (Capacity page), apart from the roster scenario."""
CAPACITY_SOURCE = "capacity_source"
"""str: where the capacity files came from, in words."""
CAPACITY_LOADED = "capacity_loaded"
CAPACITY_LOADED_SIGNATURE = "capacity_loaded_signature"
CAPACITY_RUN = "capacity_run"
"""CapacityRun | None: the latest capacity solve."""
CAPACITY_UPLOADER_VERSION = "capacity_uploader_version"
"""int: bumped to clear the capacity file uploader once its files are taken."""
CAPACITY_OBJECTIVE = "capacity_objective"
"""str: the objective chosen on the Capacity page (widget key; reset when the files change)."""
CAPACITY_TIME_LIMIT = "capacity_time_limit"
"""float: the time limit chosen on the Capacity page (widget key; reset when the files change)."""

DEFAULTS: Mapping[str, Any] = {
    FILES: {},
    SOURCE: "",
    EDITED: False,
    LOADED: None,
    LOADED_SIGNATURE: None,
    PREVIOUS: None,
    NOTICES: (),
    REFUSED: (),
    UPLOADER_VERSION: 0,
    EDITOR_VERSION: 0,
    JOB: None,
    RESULT: None,
    COMPARISON: None,
    ACTIVE_TABLE: "",
    FLASH: [],
    CAPACITY_FILES: {},
    CAPACITY_SOURCE: "",
    CAPACITY_LOADED: None,
    CAPACITY_LOADED_SIGNATURE: None,
    CAPACITY_RUN: None,
    CAPACITY_UPLOADER_VERSION: 0,
}


def init_state() -> None:
    """Give every shared key its starting value (once per session)."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value.copy() if isinstance(value, dict | list) else value


# --- cached loaders ----------------------------------------------------------------------------


@st.cache_data(show_spinner=False)
def samples() -> dict[str, str]:
    """Bundled sample folder -> scenario name."""
    return workspace.list_samples()


@st.cache_data(show_spinner=False, max_entries=8)
def sample_files(name: str) -> dict[str, bytes]:
    """The files of one bundled sample."""
    return workspace.sample_files(name)


@st.cache_data(show_spinner=False)
def template_zip() -> bytes:
    return workspace.zip_bytes(workspace.template_files(), "my-scenario")


# --- the working scenario ---------------------------------------------------------------------


def files() -> dict[str, bytes]:
    return st.session_state[FILES]


def loaded() -> LoadResult:
    """The working scenario read and checked (recomputed when its files changed)."""
    signature = workspace.files_signature(files())
    if st.session_state[LOADED] is None or st.session_state[LOADED_SIGNATURE] != signature:
        st.session_state[LOADED] = load_scenario_files(files())
        st.session_state[LOADED_SIGNATURE] = signature
    return st.session_state[LOADED]


def signature() -> str:
    return workspace.files_signature(files())


def replace_files(
    new_files: Mapping[str, bytes],
    source: str,
    notices: Sequence[Issue] = (),
    refused: Sequence[str] = (),
) -> None:
    """Make `new_files` the working scenario; the one before can be brought back with Undo."""
    if files():
        st.session_state[PREVIOUS] = (dict(files()), st.session_state[SOURCE], st.session_state[EDITED])
    st.session_state[FILES] = dict(new_files)
    st.session_state[SOURCE] = source
    st.session_state[EDITED] = False
    st.session_state[NOTICES] = tuple(notices)
    st.session_state[REFUSED] = tuple(refused)
    st.session_state[EDITOR_VERSION] += 1


def undo_replace() -> None:
    previous = st.session_state[PREVIOUS]
    if previous is None:
        return
    current = (dict(files()), st.session_state[SOURCE], st.session_state[EDITED])
    st.session_state[FILES], st.session_state[SOURCE], st.session_state[EDITED] = previous
    st.session_state[PREVIOUS] = current
    st.session_state[NOTICES] = ()
    st.session_state[REFUSED] = ()
    st.session_state[EDITOR_VERSION] += 1


def update_file(name: str, data: bytes, *, rebuild_editors: bool = True) -> None:
    """A table or the settings changed by the manager."""
    updated = dict(files())
    updated[name] = data
    st.session_state[FILES] = workspace.merge_files({}, updated, keep_others=False)
    st.session_state[EDITED] = True
    if rebuild_editors:
        st.session_state[EDITOR_VERSION] += 1


def flash(kind: str, message: str) -> None:
    st.session_state[FLASH].append((kind, message))


def pop_flash() -> list[tuple[str, str]]:
    messages = list(st.session_state[FLASH])
    st.session_state[FLASH] = []
    return messages


# --- solving ------------------------------------------------------------------------------------


def job() -> SolveJob | None:
    return st.session_state[JOB]


def result() -> RunResult | None:
    return st.session_state[RESULT]


def solving() -> bool:
    current = job()
    return current is not None and not current.done


def collect_finished_job() -> None:
    """Move a finished solve's result into `RESULT` (once), and drop a comparison without
    training that is no longer about that result and the working data (the router calls
    this on every run)."""
    current = job()
    finished = current.result if current is not None and current.done else None
    if finished is not None and finished.has_roster and st.session_state[RESULT] is not finished:
        st.session_state[RESULT] = finished
    compared = comparison()
    if compared is not None and not compared.belongs_to(result(), signature()):
        drop_comparison()


# --- the result solved again without training (Results → Training) ------------------------------


def comparison() -> TrainingComparison | None:
    return st.session_state[COMPARISON]


def comparing() -> bool:
    compared = comparison()
    return compared is not None and compared.running


def start_comparison() -> None:
    """Solve the shown result's scenario again with training switched off, in the background."""
    current = result()
    if current is None or solving() or comparing():
        return
    st.session_state[COMPARISON] = compare_training(current, signature())


def drop_comparison() -> None:
    """Forget the comparison (its search is stopped if it still runs)."""
    compared = comparison()
    if compared is not None:
        compared.job.stop()
    st.session_state[COMPARISON] = None


def untrained_plan(shown: RunResult) -> Plan | None:
    """The roster without training for `shown`, when the comparison of it is ready."""
    compared = comparison()
    if compared is None or not compared.belongs_to(shown, signature()):
        return None
    return compared.untrained


def exports(shown: RunResult) -> dict[str, bytes]:
    """`shown`'s downloads; `summary.json` holds the comparison without training when it is ready."""
    return shown.exports(untrained_plan(shown))


# --- the capacity plan (Capacity page) ----------------------------------------------------------


@st.cache_data(show_spinner=False)
def capacity_sample_files() -> dict[str, bytes]:
    """The bundled capacity plan's files (`data/capacity`)."""
    from planner.ui import capacity_run

    return capacity_run.sample_files()


def capacity_files() -> dict[str, bytes]:
    return st.session_state[CAPACITY_FILES]


def capacity_signature() -> str:
    return workspace.files_signature(capacity_files())


def capacity_loaded() -> CapacityLoadResult:
    """The capacity files read and checked (recomputed when they changed)."""
    from planner.capacity import load_capacity_files

    signature = capacity_signature()
    if st.session_state[CAPACITY_LOADED] is None or st.session_state[CAPACITY_LOADED_SIGNATURE] != signature:
        st.session_state[CAPACITY_LOADED] = load_capacity_files(capacity_files())
        st.session_state[CAPACITY_LOADED_SIGNATURE] = signature
    return st.session_state[CAPACITY_LOADED]


def replace_capacity_files(new_files: Mapping[str, bytes], source: str) -> None:
    """Make `new_files` the capacity plan; the objective and time limit go back to its own."""
    st.session_state[CAPACITY_FILES] = dict(new_files)
    st.session_state[CAPACITY_SOURCE] = source
    for key in (CAPACITY_OBJECTIVE, CAPACITY_TIME_LIMIT):
        st.session_state.pop(key, None)


def capacity_run() -> CapacityRun | None:
    return st.session_state[CAPACITY_RUN]


def set_capacity_run(run: CapacityRun | None) -> None:
    st.session_state[CAPACITY_RUN] = run
