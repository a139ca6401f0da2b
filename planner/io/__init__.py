"""Loading a scenario: files (a folder, uploaded files or a zip) -> frames, issues, `Scenario`.

This package owns the way in: `read` turns bytes into tables of strings, `validate` turns every
problem into an `Issue`, `build` turns validated data into a `planner.domain.Scenario`. The
functions here run the three in order and never raise for bad input: an unreadable file, a
missing column or a wrong value all come back as issues in `LoadResult.issues`, and
`LoadResult.scenario` is set only when there is no error.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from planner.domain import Scenario
from planner.io.build import build_scenario
from planner.io.issues import Issue, error, format_issues, issues_to_frame, warning
from planner.io.read import read_settings, read_table
from planner.io.validate import validate
from planner.schema import SETTINGS_FILE, TABLES

SCENARIO_FILES: tuple[str, ...] = (*TABLES, SETTINGS_FILE)
"""Every file name a scenario may hold, in the order they are documented."""

MAX_ZIP_BYTES = 256 * 1024 * 1024
"""Largest total size of the files in an uploaded zip, once unpacked."""

_UPLOAD = "upload"
"""The `table` of issues about an upload as a whole (a zip, a folder)."""


@dataclass(frozen=True, eq=False)
class LoadResult:
    """What loading a scenario gave: its tables, settings, issues and, when valid, the scenario.

    `frames` holds the tables that could be read, by file name, as strings indexed by
    spreadsheet row; `settings` is the parsed `scenario.toml` (empty when unreadable).
    """

    frames: dict[str, pd.DataFrame]
    settings: dict[str, Any]
    issues: tuple[Issue, ...]
    scenario: Scenario | None = None
    settings_text: str = field(default="", repr=False)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when the scenario was built (there is no error; warnings may remain)."""
        return self.scenario is not None and not self.errors


def _failed(issue: Issue) -> LoadResult:
    return LoadResult(frames={}, settings={}, issues=(issue,))


def _sort_key(issue: Issue) -> tuple[int, int]:
    """Errors first, then by file; within a file the checks' own order (rows ascending)."""
    order = SCENARIO_FILES.index(issue.table) if issue.table in SCENARIO_FILES else -1
    return (0 if issue.severity == "error" else 1, order)


def _skipped(path: str) -> bool:
    """Folders, macOS metadata and hidden files that zips and folders carry along."""
    parts = PurePosixPath(path).parts
    return (
        path.endswith("/") or not parts or any(part == "__MACOSX" or part.startswith(".") for part in parts)
    )


def _unzip(data: bytes, name: str) -> tuple[dict[str, bytes], list[Issue]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return {}, [
            error(
                name,
                None,
                None,
                None,
                f"{name} is not a readable zip file.",
                "Zip the scenario folder again (in Windows: right-click > Send to > "
                "Compressed folder), or upload the files one by one.",
            )
        ]
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if sum(info.file_size for info in infos) > MAX_ZIP_BYTES:
            return {}, [
                error(
                    name,
                    None,
                    None,
                    None,
                    f"{name} unpacks to more than {MAX_ZIP_BYTES // (1024 * 1024)} MB.",
                    "Put only the scenario's CSV files and scenario.toml in the zip.",
                )
            ]
        files: dict[str, bytes] = {}
        for info in infos:
            if _skipped(info.filename):
                continue
            try:
                files[info.filename] = archive.read(info)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
                return {}, [
                    error(
                        name,
                        None,
                        None,
                        info.filename,
                        f"{info.filename} in {name} cannot be unpacked ({exc}).",
                        "Zip the scenario folder again without a password, or upload the files one by one.",
                    )
                ]
    return files, []


def load_scenario_files(files: Mapping[str, bytes]) -> LoadResult:
    """Load a scenario from file name -> bytes; names may carry folders, zips are unpacked.

    File names are matched without their folders and case (`Week10/Staff.CSV` is
    `staff.csv`). Other CSV or TOML files are reported as ignored.
    """
    issues: list[Issue] = []
    expanded: dict[str, bytes] = {}
    for name, data in files.items():
        if name.lower().endswith(".zip"):
            unpacked, zip_issues = _unzip(data, PurePosixPath(name.replace("\\", "/")).name)
            issues += zip_issues
            expanded.update(unpacked)
        else:
            expanded[name] = data

    chosen: dict[str, tuple[str, bytes]] = {}
    for path in sorted(expanded):
        posix = path.replace("\\", "/")
        if _skipped(posix):
            continue
        base = PurePosixPath(posix).name
        key = base.lower()
        if key not in SCENARIO_FILES:
            if key.endswith((".csv", ".toml", ".xlsx", ".xls")):
                issues.append(
                    warning(
                        base,
                        None,
                        None,
                        None,
                        f"{posix} is not one of the scenario's files; it is ignored.",
                        f"Name it one of {', '.join(SCENARIO_FILES)} if it is meant to be used.",
                    )
                )
            continue
        if key in chosen:
            issues.append(
                error(
                    key,
                    None,
                    None,
                    None,
                    f"There are two {key} files ({chosen[key][0]} and {posix}); {chosen[key][0]} was read.",
                    "Keep only one scenario per upload.",
                )
            )
            continue
        chosen[key] = (posix, expanded[path])

    frames: dict[str, pd.DataFrame | None] = {}
    for key in TABLES:
        if key in chosen:
            frame, read_issues = read_table(key, chosen[key][1])
            frames[key] = frame
            issues += read_issues
    settings: dict[str, Any] | None = None
    settings_text = ""
    if SETTINGS_FILE in chosen:
        settings, settings_text, read_issues = read_settings(chosen[SETTINGS_FILE][1])
        issues += read_issues

    issues += validate(frames, settings, settings_text)
    scenario = None
    if settings is not None and not any(issue.severity == "error" for issue in issues):
        try:
            scenario = build_scenario(frames, settings)
        except Exception as exc:
            issues.append(
                error(
                    _UPLOAD,
                    None,
                    None,
                    None,
                    f"The scenario passed every check but could not be built: {exc!r}.",
                    "This is a fault in the planner, not in your files: please report it "
                    "with the files attached.",
                )
            )
    issues.sort(key=_sort_key)
    return LoadResult(
        frames={name: frame for name, frame in frames.items() if frame is not None},
        settings=dict(settings or {}),
        issues=tuple(issues),
        scenario=scenario,
        settings_text=settings_text,
    )


def load_scenario_zip(data: bytes, name: str = "scenario.zip") -> LoadResult:
    """Load a scenario from a zip's bytes; the files may sit in a sub-folder of the zip."""
    files, issues = _unzip(data, name)
    if issues:
        return _failed(issues[0])
    return load_scenario_files(files)


def load_scenario_dir(path: str | Path) -> LoadResult:
    """Load a scenario from a folder holding its files (sub-folders are not searched)."""
    folder = Path(path)
    if not folder.is_dir():
        return _failed(
            error(
                _UPLOAD,
                None,
                None,
                folder.name,
                f"There is no scenario folder '{folder.name}'.",
                "Give the folder that holds demand.csv, staff.csv, shifts.csv and scenario.toml.",
            )
        )
    files: dict[str, bytes] = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_file() and entry.suffix.lower() in (".csv", ".toml", ".xlsx", ".xls"):
            try:
                files[entry.name] = entry.read_bytes()
            except OSError as exc:
                return _failed(
                    error(
                        entry.name,
                        None,
                        None,
                        None,
                        f"{entry.name} cannot be opened ({exc.strerror or exc}).",
                        "Close the file in other programs and check you may read it.",
                    )
                )
    return load_scenario_files(files)


__all__ = [
    "SCENARIO_FILES",
    "Issue",
    "LoadResult",
    "build_scenario",
    "format_issues",
    "issues_to_frame",
    "load_scenario_dir",
    "load_scenario_files",
    "load_scenario_zip",
    "read_settings",
    "read_table",
    "validate",
]
