"""The scenario a manager is working on, as files: samples, uploads, edits, settings, zips.

Pure functions (no Streamlit), so the app's pages stay thin and every step is testable. The
working scenario is a mapping of scenario file name (`staff.csv`, `scenario.toml`, ...) to
bytes: uploads are normalised into it, table edits and the settings form write back into
it, and `planner.io.load_scenario_files` turns it into frames, issues and a `Scenario`.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import math
import re
import tomllib
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from planner.io import SCENARIO_FILES
from planner.io.issues import Issue, error, warning
from planner.schema import SCENARIO_EXAMPLE, SETTINGS_FILE, TABLES

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "data"
"""The bundled sample scenarios, one folder each (see `data/README.md`)."""

MAX_UPLOAD_MB = 20
"""Largest single uploaded file; a scenario's CSV files are far smaller."""
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
"""Largest total size of an uploaded zip's scenario files, once unpacked."""

FIRST_SAMPLE = "contact-centre"
"""The sample offered first: the small one, which plans in well under a minute."""

UPLOAD = "upload"
"""The `table` of issues about an upload as a whole."""

Files = dict[str, bytes]


# --- samples ---------------------------------------------------------------------------------


def list_samples(folder: Path = SAMPLES_DIR) -> dict[str, str]:
    """Sample folder name -> the scenario's name from its `scenario.toml`, the small sample
    first, then in folder order."""
    found: dict[str, str] = {}
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir()):
        settings = entry / SETTINGS_FILE
        if not settings.is_file():
            continue
        try:
            name = str(tomllib.loads(settings.read_text(encoding="utf-8")).get("name") or entry.name)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            name = entry.name
        found[entry.name] = name
    if FIRST_SAMPLE in found:
        found = {FIRST_SAMPLE: found[FIRST_SAMPLE], **found}
    return found


def sample_files(name: str, folder: Path = SAMPLES_DIR) -> Files:
    """The scenario files of one sample folder (its README is left out)."""
    if name not in list_samples(folder):
        raise KeyError(f"there is no sample scenario {name!r}")
    root = folder / name
    return {
        file: (root / file).read_bytes() for file in SCENARIO_FILES if (root / file).is_file()
    }


# --- uploads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadOutcome:
    """What an upload gave: scenario files by their canonical name, and what was said about it.

    `refused` holds messages for files not taken at all (too big, unreadable zip); when it is
    not empty and `files` is, nothing changes in the working scenario.
    """

    files: Files
    notices: tuple[Issue, ...] = ()
    refused: tuple[str, ...] = ()


def _canonical(path: str) -> str | None:
    """`Week10/Staff.CSV` -> `staff.csv`; None for files that are not scenario files."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if any(part == "__MACOSX" or part.startswith(".") for part in posix.parts):
        return None
    key = posix.name.lower()
    return key if key in SCENARIO_FILES else None


def _ignored(name: str) -> Issue:
    return warning(
        UPLOAD,
        None,
        None,
        name,
        f"{name} is not one of the scenario's files; it is ignored.",
        f"Name it one of {', '.join(SCENARIO_FILES)} if it is meant to be used.",
    )


def _unzip(name: str, data: bytes) -> tuple[list[tuple[str, bytes]], list[Issue], list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return [], [], [
            f"{name} is not a readable zip file. Zip the scenario folder again, or upload the "
            "files one by one."
        ]
    entries: list[tuple[str, bytes]] = []
    notices: list[Issue] = []
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        wanted = [info for info in infos if _canonical(info.filename)]
        if sum(info.file_size for info in wanted) > MAX_UNZIPPED_BYTES:
            return [], [], [
                f"{name} unpacks to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB of scenario "
                "files. Put only the scenario's CSV files and scenario.toml in the zip."
            ]
        for info in infos:
            base = PurePosixPath(info.filename).name
            if not _canonical(info.filename):
                if base and not base.startswith(".") and "__MACOSX" not in info.filename:
                    notices.append(_ignored(info.filename))
                continue
            try:
                entries.append((info.filename, archive.read(info)))
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
                return [], [], [
                    f"{info.filename} in {name} cannot be unpacked ({exc}). Zip the folder again "
                    "without a password, or upload the files one by one."
                ]
    if not entries:
        notices.append(
            error(
                UPLOAD,
                None,
                None,
                name,
                f"{name} holds none of the scenario's files.",
                f"Zip the folder that holds {', '.join(SCENARIO_FILES[:3])} and {SETTINGS_FILE}.",
            )
        )
    return entries, notices, []


def read_uploads(uploads: Sequence[tuple[str, bytes]], max_bytes: int = MAX_UPLOAD_BYTES) -> UploadOutcome:
    """Uploaded (name, bytes) -> scenario files by canonical name.

    Files over `max_bytes` are refused with a message; zips are unpacked (files may sit in a
    sub-folder); names are matched without folders and case; other files are ignored with a
    notice, and of two files with the same name the first is used.
    """
    files: Files = {}
    origin: dict[str, str] = {}
    notices: list[Issue] = []
    refused: list[str] = []
    for name, data in uploads:
        if len(data) > max_bytes:
            refused.append(
                f"{name} is {len(data) / (1024 * 1024):,.1f} MB, over the limit of "
                f"{max_bytes / (1024 * 1024):,.0f} MB per file. A scenario's tables are far "
                "smaller: check it is the right file, or remove unused rows and columns."
            )
            continue
        if name.lower().endswith(".zip"):
            entries, zip_notices, zip_refused = _unzip(name, data)
            notices += zip_notices
            refused += zip_refused
        else:
            entries = [(name, data)]
        for path, content in entries:
            key = _canonical(path)
            if key is None:
                notices.append(_ignored(path))
                continue
            if key in files:
                notices.append(
                    warning(
                        key,
                        None,
                        None,
                        None,
                        f"There are two {key} files ({origin[key]} and {path}); {origin[key]} was used.",
                        "Upload only one scenario at a time.",
                    )
                )
                continue
            files[key] = content
            origin[key] = path
    return UploadOutcome(files=files, notices=tuple(notices), refused=tuple(refused))


def merge_files(current: Mapping[str, bytes], new: Mapping[str, bytes], *, keep_others: bool) -> Files:
    """The new files, plus (when `keep_others`) the current files the upload did not replace."""
    merged = dict(current) if keep_others else {}
    merged.update(new)
    return {name: merged[name] for name in SCENARIO_FILES if name in merged}


def files_signature(files: Mapping[str, bytes]) -> str:
    """A short fingerprint of the working scenario: same files, same signature."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:16]


# --- table edits -----------------------------------------------------------------------------


def frame_to_csv(frame: pd.DataFrame) -> bytes:
    """A table of strings -> UTF-8 CSV bytes (comma, `\\n`, no index)."""
    clean = frame.fillna("").astype(str)
    return clean.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def apply_editor_changes(frame: pd.DataFrame, changes: Mapping[str, Any]) -> pd.DataFrame:
    """Apply a `st.data_editor` change set (`edited_rows`, `added_rows`, `deleted_rows`, by
    row position) to the table it was shown with; every cell stays a string."""
    out = frame.copy()
    columns = list(out.columns)
    for position, cells in (changes.get("edited_rows") or {}).items():
        row = int(position)
        if not 0 <= row < len(out):
            continue
        for column, value in cells.items():
            if column in columns:
                out.iat[row, columns.index(column)] = _cell(value)
    deleted = {int(p) for p in changes.get("deleted_rows") or []}
    if deleted:
        keep = [i for i in range(len(out)) if i not in deleted]
        out = out.iloc[keep]
    added = [
        {column: _cell(row.get(column)) for column in columns}
        for row in changes.get("added_rows") or []
        if any(_cell(row.get(column)) for column in columns)
    ]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=columns)], ignore_index=True)
    return out.reset_index(drop=True).fillna("").astype(str)


def add_column(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The table with an empty column added (kept as is when it already has it)."""
    if column in frame.columns:
        return frame
    out = frame.copy()
    out[column] = ""
    return out


# --- settings --------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    body = json.dumps(text, ensure_ascii=False)
    return body.replace("\x7f", "\\u007F")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to scenario.toml")


def settings_toml(settings: Mapping[str, Any]) -> str:
    """A settings dict (as `tomllib` reads it) -> `scenario.toml` text that reads back equal."""
    lines: list[str] = []

    def walk(table: Mapping[str, Any], path: list[str]) -> None:
        scalars = [(k, v) for k, v in table.items() if not isinstance(v, Mapping)]
        tables = [(k, v) for k, v in table.items() if isinstance(v, Mapping)]
        if path and (scalars or not tables):
            if lines:
                lines.append("")
            lines.append("[" + ".".join(_toml_key(part) for part in path) + "]")
        lines.extend(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in scalars)
        for key, sub in tables:
            walk(sub, [*path, str(key)])

    walk(settings, [])
    return "\n".join(lines) + "\n"


def set_setting(settings: dict[str, Any], key: str, value: Any) -> None:
    """Set a dotted key (`costs.under_weight`) in a nested settings dict; None removes it
    (and any table left empty)."""
    parts = key.split(".")
    tables = [settings]
    for part in parts[:-1]:
        child = tables[-1].get(part)
        if not isinstance(child, dict):
            if value is None:
                return
            child = {}
            tables[-1][part] = child
        tables.append(child)
    if value is None:
        tables[-1].pop(parts[-1], None)
        for depth in range(len(parts) - 1, 0, -1):
            if not tables[depth]:
                tables[depth - 1].pop(parts[depth - 1], None)
    else:
        tables[-1][parts[-1]] = value


def get_setting(settings: Mapping[str, Any], key: str, default: Any = None) -> Any:
    value: Any = settings
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return default
        value = value[part]
    return value


def updated_settings(settings: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `settings` with dotted keys set (None removes the key)."""
    out = copy.deepcopy(dict(settings))
    for key, value in changes.items():
        set_setting(out, key, value)
    return out


# --- zips ------------------------------------------------------------------------------------


def zip_bytes(files: Mapping[str, bytes], folder: str = "") -> bytes:
    """Files as a zip (optionally inside one folder), with a fixed timestamp so the same
    files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def folder_name(title: str, fallback: str = "scenario") -> str:
    """A file-system-safe folder name from a scenario's name: `contact-centre-week-of-2-march`."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:48].rstrip("-") or fallback


TEMPLATE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "demand.csv": ("date", "start", "end", "skill", "required"),
    "staff.csv": (
        "employee_id", "name", "skills", "hourly_cost", "min_hours_week", "max_hours_week", "trainable",
    ),
    "shifts.csv": ("shift_id", "start", "end", "break_minutes", "days", "skills"),
    "availability.csv": ("employee_id", "date", "kind", "shift_id"),
    "temp_pool.csv": ("skill", "hourly_cost", "provider", "max_per_day"),
    "training.csv": (
        "course_id", "skill", "days", "cost", "hours_per_day", "max_trainees", "prerequisite", "sessions",
    ),
}
"""The columns of the empty templates: the required ones and the most used optional ones."""


def template_files() -> Files:
    """Empty tables (header rows only) and an example `scenario.toml`, to start from scratch."""
    files: Files = {}
    for name, columns in TEMPLATE_COLUMNS.items():
        assert set(columns) <= set(TABLES[name].names), name
        files[name] = (",".join(columns) + "\n").encode("utf-8")
    files[SETTINGS_FILE] = SCENARIO_EXAMPLE.encode("utf-8")
    return files

