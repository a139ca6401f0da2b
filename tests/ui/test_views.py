"""Display frames, formats and charts of the result pages (no Streamlit)."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_scenarios import tiny_files, training_files

from planner import reports
from planner.engine import Progress
from planner.io import load_scenario_files
from planner.io.export import plan_tables
from planner.ui import format as fmt
from planner.ui import jobs, views


@pytest.fixture(scope="module")
def solved() -> jobs.RunResult:
    files = tiny_files()
    scenario = load_scenario_files(files).scenario
    job = jobs.SolveJob(scenario, scenario.settings.solver, scenario_files=files).start()
    assert job.wait(30) and job.result is not None
    return job.result


def test_money_and_numbers_have_thousands_separators_and_the_currency() -> None:
    assert fmt.money(1234567.891, "EUR") == "€1,234,567.89"
    assert fmt.money(-5, "USD", cents=False) == "-$5"
    assert fmt.money(12.5, "SEK") == "SEK 12.50"
    assert fmt.money(-0.001, "EUR") == "€0.00"
    assert fmt.money(None, "EUR") == "–"
    assert fmt.money_column_format("GBP") == "£ %,.2f"
    assert fmt.number(12345.5, 1) == "12,345.5"
    assert fmt.number(3.0, 2) == "3"
    assert fmt.percent(97.26) == "97.3 %"
    assert fmt.seconds(8.24) == "8.2 s" and fmt.seconds(65) == "1 min 05 s"


def test_dates_carry_the_weekday() -> None:
    assert fmt.day(dt.date(2026, 3, 2)) == "Mon 2 Mar 2026"
    assert fmt.short_day("2026-03-08") == "Sun 8 Mar"
    assert fmt.date_range(dt.date(2026, 3, 2), 7) == "Mon 2 Mar 2026 – Sun 8 Mar 2026 (7 days)"
    assert fmt.span("2026-03-02T07:00", "2026-03-02T15:00") == "Mon 2 Mar 07:00–15:00"
    assert fmt.span("2026-03-02T22:00", "2026-03-03T06:00") == "Mon 2 Mar 22:00–06:00 (+1)"
    assert fmt.span("2026-03-02T16:00", "2026-03-03T00:00") == "Mon 2 Mar 16:00–24:00"


def test_roster_grid_has_a_row_per_person_and_a_column_per_day(solved: jobs.RunResult) -> None:
    scenario = solved.scenario
    grid = views.roster_grid(scenario, solved.plan, list(scenario.days))
    assert list(grid.text.columns) == ["Mon 2 Mar", "Tue 3 Mar", "Wed 4 Mar", "shifts", "paid hours"]
    assert list(grid.text.index) == ["Ann Archer (A1)", "Bob Baker (B2)", "Cy Cole (C3)"]
    assert grid.text["shifts"].sum() == len(solved.plan.assignments)
    worked = grid.text.iloc[:, :3].stack()
    assert all(text.split()[0] in {"E", "L"} for text in worked if text)
    styles = views.grid_styles(grid)
    assert styles.shape == grid.text.shape
    assert any("background-color" in css for css in styles.stack())
    by_skill = views.roster_grid(scenario, solved.plan, [0], colour_by="skill")
    assert set(by_skill.key.iloc[:, 0]) <= {"desk", "phone", ""}


def test_timeline_hours_and_headline(solved: jobs.RunResult) -> None:
    scenario, plan = solved.scenario, solved.plan
    timeline = views.timeline_frame(scenario, plan, 0)
    assert len(timeline) == 3 and set(timeline["kind"]) == {"staff"}
    assert timeline["start"].min() == dt.datetime(2026, 3, 2, 8)
    hours = views.hours_by_week(scenario, plan)
    assert len(hours) == 3 and hours["paid_hours"].sum() == pytest.approx(36.0)
    assert set(hours["status"]) == {"within contract"}
    head = views.headline(solved.summary)
    assert head.hard_violations == 0 and head.covered_pct == 100.0
    assert head.paid == pytest.approx(head.by_kind["wages"])
    costs = views.cost_frame(head.by_kind)
    assert list(costs["kind"]) == ["wages"]


@pytest.fixture(scope="module")
def trained() -> jobs.RunResult:
    files = training_files()
    scenario = load_scenario_files(files).scenario
    job = jobs.SolveJob(scenario, scenario.settings.solver, scenario_files=files).start()
    assert job.wait(30) and job.result is not None
    return job.result


def test_course_days_show_in_the_grid_and_the_timeline(trained: jobs.RunResult) -> None:
    scenario, plan = trained.scenario, trained.plan
    assert [(t.employee_id, t.course_id, t.start_day) for t in plan.training] == [("A1", "C-BILL", 0)]
    grid = views.roster_grid(scenario, plan, list(scenario.days))
    ann = "Ann Archer (A1)"
    assert grid.text.loc[ann, "Mon 2 Mar"] == "training billing (C-BILL)"
    assert grid.key.loc[ann, "Mon 2 Mar"] == "_training"
    assert grid.text.loc[ann, "Thu 5 Mar"] == "E billing"
    assert grid.text.loc[ann, "shifts"] == 2
    assert grid.text.loc[ann, "paid hours"] == pytest.approx(6 + 2 * 8)
    assert "font-style: italic" in views.grid_styles(grid).loc[ann, "Mon 2 Mar"]
    by_skill = views.roster_grid(scenario, plan, [0], colour_by="skill")
    assert by_skill.key.loc[ann, "Mon 2 Mar"] == "_training"
    monday = views.timeline_frame(scenario, plan, 0)
    course = monday[monday["kind"] == "training"]
    assert course[["who", "shift_id", "skill"]].values.tolist() == [[ann, "C-BILL", "training billing"]]
    assert (course["start"].iloc[0], course["end"].iloc[0]) == (
        dt.datetime(2026, 3, 2, 9), dt.datetime(2026, 3, 2, 15))
    assert set(monday["kind"]) == {"staff", "training"}
    assert set(views.timeline_frame(scenario, plan, 3)["kind"]) == {"staff"}
    reports.timeline_chart(monday).to_dict()


def test_training_sentences_are_sentences(trained: jobs.RunResult) -> None:
    block = trained.summary["training"]
    sentences = views.training_sentences(block)
    assert len(sentences) == 1
    assert sentences[0].startswith("Training A1 in billing (1 day(s)") and sentences[0].endswith(".")
    assert views.training_sentences(None) == []
    comparison = {"by_skill": [{"explanation": "training removes 8 temp hours of billing in week 1"}]}
    assert views.training_sentences({"decisions": [], "comparison": comparison}) == [
        "Training removes 8 temp hours of billing in week 1."]


def test_every_chart_builds_a_vega_lite_spec(solved: jobs.RunResult) -> None:
    scenario, plan = solved.scenario, solved.plan
    tables = plan_tables(scenario, plan)
    progress = views.progress_frame([Progress(0.1, 900.0, 100.0, 0.9), Progress(0.2, 720.0, 720.0, 0.0)])
    charts = [
        reports.coverage_chart(tables.coverage, "desk"),
        reports.coverage_chart(
            tables.coverage, "phone", legend=False, time_range=("2026-03-02T00:00", "2026-03-05T00:00")
        ),
        reports.progress_chart(progress, "EUR"),
        reports.timeline_chart(views.timeline_frame(scenario, plan, 1)),
        reports.hours_chart(views.hours_by_week(scenario, plan)),
        reports.cost_chart(views.cost_frame({"wages": 720.0, "shortfall": 50.0}), "EUR"),
    ]
    for chart in charts:
        spec = chart.to_dict()
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_coverage_chart_marks_the_shortfall_in_its_own_piece(solved: jobs.RunResult) -> None:
    coverage = plan_tables(solved.scenario, solved.plan).coverage.copy()
    coverage.loc[0, ["staff", "shortfall"]] = [0, 1]
    data = reports.coverage_chart_data(coverage, "desk")
    first = data[data["start"] == data["start"].min()]
    assert set(first["part"]) == {"short"}
    assert (first["y0"].iloc[0], first["y1"].iloc[0]) == (0.0, 1.0)
    assert reports.coverage_chart_data(coverage, "nothing").empty


def test_the_headline_keeps_the_credit_after_the_horizon_apart(trained: jobs.RunResult) -> None:
    head = views.headline(trained.summary)
    credit = -trained.summary["costs"]["training_value"]
    assert credit > 0 and head.credit == credit
    assert head.total == pytest.approx(trained.summary["costs"]["total"] + credit)
    assert head.total > 0


def test_the_comparison_without_training_reads_as_a_table_and_a_saving(trained: jobs.RunResult) -> None:
    compared = jobs.compare_training(trained, "sig")
    assert compared.job.wait(30) and compared.job.error is None
    untrained = compared.untrained
    assert untrained is not None and not untrained.training, "nobody is trained with training off"
    comparison = compared.comparison()
    assert comparison is not None and compared.comparison() is comparison, "computed once"
    frame = views.comparison_frame(comparison, "EUR").set_index("figure")
    assert list(frame.columns) == ["with training", "without training", "difference"]
    assert frame.loc["Total cost in the horizon"].tolist() == ["€1,210", "€2,320", "-€1,110"]
    assert frame.loc["Training cost"].tolist() == ["€170", "€0", "€170"]
    assert frame.loc["Value after the horizon"].tolist() == ["€3,200", "€0", "€3,200"]
    assert frame.loc["Short staff-hours"].tolist() == ["0", "16", "-16"]
    assert frame.loc["Temp hours"].tolist() == ["0", "0", "0"]
    assert views.comparison_saving(comparison, "EUR") == (
        "Inside the horizon training saves **€1,110**, and new skills are credited **€3,200** after "
        "it: **€4,310** saved in all, in the cost the planner minimised.")
    assert compared.belongs_to(trained, "sig") and not compared.belongs_to(trained, "other")
    assert not compared.belongs_to(None, "sig")


def test_a_saving_that_is_a_loss_says_so() -> None:
    totals = {"total_cost": 900.0, "training_cost": 300.0, "value_after_horizon": 0.0, "temp_hours": 2.5,
              "temp_cost": 100.0, "short_staff_hours": 0.0}
    without = {**totals, "total_cost": 600.0, "training_cost": 0.0, "temp_hours": 10.0}
    comparison = {"with_training": totals, "without_training": without, "saving": -300.0, "by_skill": []}
    assert views.comparison_saving(comparison, "USD") == "Inside the horizon training costs **$300** more."
    frame = views.comparison_frame(comparison, "USD").set_index("figure")
    assert frame.loc["Temp hours"].tolist() == ["2.5", "10", "-7.5"]
