"""The committed sample `data/capacity/`, its generator, and the generated docs stay in step."""

from __future__ import annotations

from pathlib import Path

import planner.capacity as capacity
from planner.capacity import check_capacity_plan, load_capacity_dir, load_capacity_files, solve_capacity
from planner.capacity import demo as capacity_demo
from planner.capacity.schema import FORMAT_END, FORMAT_START, update_doc

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "capacity"


def test_the_committed_sample_is_the_generators_output() -> None:
    files = capacity_demo.generate(26, 6, 0)
    assert files == capacity_demo.generate(26, 6, 0)
    assert files != capacity_demo.generate(26, 6, 1)
    for name, data in files.items():
        assert (SAMPLE / name).read_bytes() == data, f"{name} drifted: run python -m planner.capacity.demo"
    assert (SAMPLE / "README.md").is_file()


def test_the_sample_loads_without_any_issue() -> None:
    loaded = load_capacity_dir(SAMPLE)
    assert loaded.issues == (), [str(issue) for issue in loaded.issues]
    data = loaded.data
    assert data is not None
    assert (data.settings.weeks, len(data.groups)) == (26, 6)


def test_the_sample_as_a_linear_programme_passes_the_checker() -> None:
    data = load_capacity_dir(SAMPLE).data
    assert data is not None
    plan = solve_capacity(data, integer=False)
    assert plan.status == "OPTIMAL"
    check = check_capacity_plan(data, plan)
    assert check.ok, [str(breach) for breach in check.breaches]


def test_bigger_generated_plans_load_cleanly() -> None:
    loaded = load_capacity_files(capacity_demo.generate(52, 12, 0))
    assert loaded.issues == (), [str(issue) for issue in loaded.issues]
    assert loaded.data is not None
    assert {g.group for g in loaded.data.groups} >= {"phone", "phone-2", "retention-2"}


def test_the_format_section_of_the_docs_is_up_to_date() -> None:
    text = (ROOT / "docs" / "CAPACITY.md").read_text(encoding="utf-8")
    assert FORMAT_START in text and FORMAT_END in text
    assert update_doc(text) == text, "run python -m planner.capacity.schema"


def test_every_public_name_resolves() -> None:
    assert sorted(capacity.__all__) == sorted(capacity._EXPORTS)
    for name in capacity.__all__:
        assert getattr(capacity, name) is not None
