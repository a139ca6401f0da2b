"""The format specs are consistent, and docs/SCENARIO_FORMAT.md is generated from them."""

from __future__ import annotations

from pathlib import Path

from planner.schema import (
    CONTRACT_FIELDS,
    SETTING_TYPE_HELP,
    SETTINGS,
    TABLES,
    TYPE_HELP,
    render_markdown,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "SCENARIO_FORMAT.md"


def test_committed_format_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/SCENARIO_FORMAT.md is stale: run python -m planner.schema > docs/SCENARIO_FORMAT.md"
    )


def test_tables_are_consistent() -> None:
    assert list(TABLES) == [
        "demand.csv",
        "staff.csv",
        "shifts.csv",
        "availability.csv",
        "temp_pool.csv",
        "training.csv",
    ]
    for name, table in TABLES.items():
        assert table.file == name
        assert len(set(table.names)) == len(table.names), name
        for column in table.columns:
            assert column.type in TYPE_HELP, (name, column.name)
            assert column.description.endswith("."), (name, column.name)
            assert (column.type == "choice") == bool(column.choices), (name, column.name)
        for group in table.one_of:
            assert set(group) <= set(table.names)
            assert not any(table.column(c).required for c in group)


def test_required_columns_match_the_design() -> None:
    required = {name: table.required_names for name, table in TABLES.items()}
    assert required == {
        "demand.csv": ("date", "skill"),
        "staff.csv": ("employee_id", "name", "skills", "hourly_cost"),
        "shifts.csv": ("shift_id", "start", "end"),
        "availability.csv": ("employee_id", "date", "kind"),
        "temp_pool.csv": ("skill", "hourly_cost"),
        "training.csv": ("course_id", "skill", "days", "cost"),
    }


def test_settings_spec_is_consistent() -> None:
    keys = [setting.key for setting in SETTINGS]
    assert len(set(keys)) == len(keys)
    assert [s.key for s in SETTINGS if s.required] == ["start_date", "days"]
    assert [k.removeprefix("contract.") for k in keys if k.startswith("contract.")] == list(CONTRACT_FIELDS)
    staff = TABLES["staff.csv"].names
    assert all(name in staff for name in CONTRACT_FIELDS)
    for setting in SETTINGS:
        assert setting.type in SETTING_TYPE_HELP, setting.key


def test_markdown_names_every_column_and_key() -> None:
    text = render_markdown()
    for table in TABLES.values():
        assert f"## `{table.file}`" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text
    for setting in SETTINGS:
        assert f"| `{setting.key}` |" in text
