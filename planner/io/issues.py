"""Problems found in a scenario's files, in the manager's words.

This module owns `Issue` (one problem: where it is, what is wrong, how to fix it) and the two
ways of showing a list of them: a plain-text table for the command line and a DataFrame for
the UI and for export. Nothing here reads files or judges data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning"]

ISSUE_COLUMNS: tuple[str, ...] = (
    "severity",
    "table",
    "row",
    "column",
    "value",
    "message",
    "fix",
)

_VALUE_WIDTH = 24
"""Longest value shown in the plain-text table before it is cut with an ellipsis."""


@dataclass(frozen=True)
class Issue:
    """One problem in one place of one file.

    `row` is the row number as a spreadsheet shows it (the header is row 1, the first data
    row is row 2); for `scenario.toml` it is the line number. `None` means the whole file or
    the whole column.
    """

    severity: Severity
    table: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    fix: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def where(self) -> str:
        """`staff.csv row 4, column skills`, or as much of it as is known."""
        parts = [self.table]
        if self.row is not None:
            parts.append(f"line {self.row}" if self.table.endswith(".toml") else f"row {self.row}")
        text = " ".join(parts)
        if self.column:
            text += f", {'key' if self.table.endswith('.toml') else 'column'} {self.column}"
        return text

    def __str__(self) -> str:
        value = f" (value {self.value!r})" if self.value is not None else ""
        return f"{self.severity}: {self.where}{value}: {self.message} Fix: {self.fix}"


def error(
    table: str,
    row: int | None,
    column: str | None,
    value: str | None,
    message: str,
    fix: str,
) -> Issue:
    return Issue("error", table, row, column, value, message, fix)


def warning(
    table: str,
    row: int | None,
    column: str | None,
    value: str | None,
    message: str,
    fix: str,
) -> Issue:
    return Issue("warning", table, row, column, value, message, fix)


def count_errors(issues: Iterable[Issue]) -> int:
    return sum(1 for issue in issues if issue.is_error)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_issues(issues: Sequence[Issue]) -> str:
    """The issues as a plain-text table, one line per issue, with a count at the end."""
    if not issues:
        return "No problems found."
    header = ("severity", "table", "row", "column", "value", "problem and fix")
    rows = [
        (
            issue.severity,
            issue.table,
            "" if issue.row is None else str(issue.row),
            issue.column or "",
            "" if issue.value is None else _cut(repr(issue.value), _VALUE_WIDTH),
            f"{issue.message} Fix: {issue.fix}",
        )
        for issue in issues
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    errors = count_errors(issues)
    warnings = len(issues) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s).")
    return "\n".join(lines)


def issues_to_frame(issues: Iterable[Issue]) -> pd.DataFrame:
    """The issues as a DataFrame with the columns of `ISSUE_COLUMNS` (row as nullable int)."""
    records = [
        {
            "severity": issue.severity,
            "table": issue.table,
            "row": issue.row,
            "column": issue.column,
            "value": issue.value,
            "message": issue.message,
            "fix": issue.fix,
        }
        for issue in issues
    ]
    frame = pd.DataFrame.from_records(records, columns=list(ISSUE_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame
