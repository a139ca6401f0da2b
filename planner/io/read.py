"""Bytes of an uploaded file -> a table of strings (or the settings dict), and what went wrong.

This module owns decoding (UTF-8 with or without BOM; Windows-1252 and UTF-16 with a warning),
delimiter detection (comma; semicolon or tab exports from spreadsheets, with a warning and
decimal commas converted in number columns), the header (names stripped and lower-cased) and
the row numbers. It judges no values: that is `validate`'s job.

A table comes back as a DataFrame whose cells are all `str` (empty cells are `""`) and whose
index is the row number a spreadsheet shows (header = row 1, first data row = row 2), so every
later message can point at the row the manager sees. Blank rows are skipped, keeping the
numbering of the rows after them.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import tomllib
from typing import Any

import pandas as pd

from planner.io.issues import Issue, error, warning
from planner.schema import SETTINGS_FILE, TABLES

_SAVE_AS_UTF8 = (
    "In Excel: File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'. In LibreOffice: "
    "File > Save As > Text CSV, tick 'Edit filter settings', choose 'Unicode (UTF-8)' and "
    "field delimiter ','."
)
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_GROUPED_DECIMAL_COMMA = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_SEP_LINE = re.compile(r"sep=(.)\s*")
_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")
_MOJIBAKE_BOM = "ï»¿"
"""A UTF-8 BOM read as Windows-1252."""


def decode(data: bytes, file: str) -> tuple[str, list[Issue]]:
    """The file's text: UTF-8 (BOM tolerated), else UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            return text, [
                warning(
                    file,
                    None,
                    None,
                    None,
                    f"{file} is saved as UTF-16 ('Unicode Text'); it was read as such.",
                    "Nothing to do if the table looks right. To avoid this warning: "
                    + _SAVE_AS_UTF8,
                )
            ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
    text = data.decode("cp1252", errors="replace").removeprefix(_MOJIBAKE_BOM)
    return text, [
        warning(
            file,
            None,
            None,
            None,
            f"{file} is not UTF-8 (first odd character on line {bad_line}); it was read as "
            "Windows-1252, the usual Excel encoding. Check that accented names look right.",
            _SAVE_AS_UTF8,
        )
    ]


def _looks_binary(data: bytes) -> bool:
    """A workbook (xlsx is a zip, xls an OLE file) or other binary, not a text table."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:1024]


def _detect_delimiter(header_line: str) -> str:
    if "," in header_line:
        return ","
    if ";" in header_line:
        return ";"
    if "\t" in header_line:
        return "\t"
    return ","


def _convert_decimal_comma(value: str) -> str | None:
    """`12,5` -> `12.5` and `1.234,5` -> `1234.5`; None when the value has no decimal comma."""
    if _DECIMAL_COMMA.fullmatch(value):
        return value.replace(",", ".")
    if "," in value and _GROUPED_DECIMAL_COMMA.fullmatch(value):
        return value.replace(".", "").replace(",", ".")
    return None


def _empty_issue(file: str, message: str, fix: str) -> Issue:
    table = TABLES.get(file)
    if table is not None and not table.required:
        return warning(file, None, None, None, message + " Nothing from it is used.", fix)
    return error(file, None, None, None, message, fix)


def read_table(file: str, data: bytes) -> tuple[pd.DataFrame | None, list[Issue]]:
    """One CSV file -> (frame of strings indexed by spreadsheet row, issues).

    The frame is None when the file cannot be read as a table at all (empty, a workbook).
    Unknown and missing columns are left to `validate.check_columns`.
    """
    if _looks_binary(data):
        return None, [
            error(
                file,
                None,
                None,
                None,
                f"{file} is not a text CSV file (it looks like an Excel workbook or a zip).",
                "Open it in your spreadsheet program and save it as CSV. " + _SAVE_AS_UTF8,
            )
        ]
    text, issues = decode(data, file)
    if not text.strip():
        issues.append(
            _empty_issue(
                file,
                f"{file} is empty.",
                "Put the header row (column names) in row 1 and one record per row below it.",
            )
        )
        return None, issues

    lines = text.splitlines()
    delimiter = ""
    sep_match = _SEP_LINE.fullmatch(lines[0])
    if sep_match:
        delimiter = sep_match.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
    if not delimiter:
        delimiter = _detect_delimiter(lines[0] if lines else "")

    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = records[0] if records else []
    names = [name.strip().lower() for name in header]
    if not any(names):
        issues.append(
            error(
                file,
                1,
                None,
                None,
                f"Row 1 of {file} is empty, but it must hold the column names.",
                "Put the header row (column names) in row 1, with no blank rows above it.",
            )
        )
        return None, issues

    keep: list[int] = []
    seen: dict[str, int] = {}
    unnamed_used: list[int] = []
    for position, name in enumerate(names):
        if not name:
            if any(position < len(record) and record[position].strip() for record in records[1:]):
                unnamed_used.append(position)
            continue
        if name in seen:
            issues.append(
                error(
                    file,
                    1,
                    name,
                    header[position],
                    f"Column '{name}' appears twice in the header (columns {seen[name] + 1} "
                    f"and {position + 1}); the second one is ignored.",
                    "Delete or rename one of the two columns.",
                )
            )
            continue
        seen[name] = position
        keep.append(position)
    for position in unnamed_used:
        issues.append(
            warning(
                file,
                1,
                None,
                None,
                f"Column {position + 1} of {file} has values but no name in the header row; "
                "it is ignored.",
                "Give the column a name from the scenario format, or delete it.",
            )
        )

    rows: list[list[str]] = []
    row_numbers: list[int] = []
    for number, record in enumerate(records[1:], start=2):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        extra = [cell for cell in cells[len(names) :] if cell]
        if extra:
            issues.append(
                error(
                    file,
                    number,
                    None,
                    delimiter.join(record),
                    f"Row {number} has {len(cells)} cells but the header has {len(names)} "
                    "columns; the row is ignored.",
                    "A value probably contains the separator: put that value in double quotes "
                    '("phone, email"), or remove the extra cells.',
                )
            )
            continue
        cells += [""] * (len(names) - len(cells))
        rows.append([cells[position] for position in keep])
        row_numbers.append(number)

    columns = [names[position] for position in keep]
    frame = pd.DataFrame(
        rows, columns=columns, index=pd.Index(row_numbers, dtype="int64", name="row"), dtype=str
    )

    if delimiter != ",":
        converted = 0
        spec = TABLES.get(file)
        if delimiter == ";" and spec is not None:
            for column in spec.columns:
                if column.type in ("int", "number") and column.name in frame.columns:
                    values = frame[column.name].tolist()
                    for i, value in enumerate(values):
                        fixed = _convert_decimal_comma(value)
                        if fixed is not None:
                            values[i] = fixed
                            converted += 1
                    frame[column.name] = pd.Series(values, index=frame.index, dtype=str)
        kind = "semicolons (;)" if delimiter == ";" else f"'{delimiter}'"
        if delimiter == "\t":
            kind = "tabs"
        note = ""
        if converted:
            note = f" {converted} decimal comma(s) in number columns were read as decimal points."
        issues.append(
            warning(
                file,
                1,
                None,
                None,
                f"{file} is separated by {kind}, not commas; it was read that way.{note}",
                "Nothing to do if the figures look right. To avoid this warning: " + _SAVE_AS_UTF8,
            )
        )

    if frame.empty:
        issues.append(
            _empty_issue(
                file,
                f"{file} has a header row but no data rows.",
                "Add one record per row below the header.",
            )
        )
    return frame, issues


def toml_position(message: str) -> tuple[int | None, int | None]:
    """(line, column) of a TOML parser message such as '... (at line 3, column 7)'."""
    match = _TOML_POSITION.search(message)
    if not match:
        return None, None
    return int(match.group(1)), int(match.group(2))


def read_settings(
    data: bytes, file: str = SETTINGS_FILE
) -> tuple[dict[str, Any] | None, str, list[Issue]]:
    """`scenario.toml` bytes -> (settings dict or None when unreadable, its text, issues)."""
    text, issues = decode(data, file)
    try:
        settings = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line, _ = toml_position(message)
        lines = text.splitlines()
        value = lines[line - 1].strip() if line is not None and 0 < line <= len(lines) else None
        issues.append(
            error(
                file,
                line,
                None,
                value,
                f"{file} is not valid TOML: {message}.",
                'Check that line: text values need double quotes (name = "Week 10"), '
                "dates are written 2026-03-02, each key appears once per [table], and "
                "table names are in [brackets].",
            )
        )
        return None, text, issues
    return settings, text, issues
