"""Fixtures for the io tests (helpers live in io_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from io_helpers import write_scenario

from planner.io import LoadResult, load_scenario_dir


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., LoadResult]:
    """`load({"staff.csv": "..."})`: write the base scenario with changes, load the folder."""
    counter = iter(range(1_000_000))

    def _load(changes: Mapping[str, str | bytes | None] | None = None) -> LoadResult:
        folder = write_scenario(tmp_path / f"scenario{next(counter)}", changes or {})
        return load_scenario_dir(folder)

    return _load
