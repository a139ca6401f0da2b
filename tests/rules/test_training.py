"""Train staff: the engine chooses who trains in what and when; the checker verifies it."""

from __future__ import annotations

from planner import costs
from planner.check import check_plan
from planner.domain import Assignment, AvailabilityEntry, Contract, Plan, RuleSetting, Scenario, Training
from planner.training import qualified_from, session_starts, valued_need
from tests.conftest import of_rule, solve_and_check
from tests.factories import course, employee, offer, scenario, shift, slot

D = shift("D")
OFF = {"train_staff": RuleSetting(enabled=False)}


def short_billing(
    days: int = 14,
    *,
    trainable: tuple[str, ...] = ("C-BILL",),
    rules: dict[str, RuleSetting] | None = None,
    availability: tuple[AvailabilityEntry, ...] = (),
    course_days: int = 2,
    fee: float = 100,
    **course_options: object,
) -> Scenario:
    """Billing needs 2 heads a day and has 1; phone needs 1 and has 3, one of them
    trainable in billing. Billing temps cost 60 an hour."""
    demand = [slot(d, D, 2, "billing") for d in range(days)]
    demand += [slot(d, D, 1, "phone") for d in range(days)]
    staff = [
        employee("B1", ["billing"]),
        employee("P1", ["phone"], trainable=trainable),
        employee("P2", ["phone"]),
        employee("P3", ["phone"]),
    ]
    return scenario(
        staff, [D], demand, days=days, temp_offers=[offer("billing", 60)], rules=rules,
        availability=availability,
        courses=[course("C-BILL", "billing", days=course_days, cost=fee, **course_options)],
    )


def temp_heads(plan: Plan) -> int:
    return sum(b.count for b in plan.temp_bookings)


def test_training_someone_books_fewer_temps_than_with_training_off() -> None:
    trained, report = solve_and_check(short_billing())
    untrained, _ = solve_and_check(short_billing(rules=OFF))
    assert trained.training == (Training("P1", "C-BILL", 0),)
    assert untrained.training == ()
    assert temp_heads(trained) < temp_heads(untrained)
    assert report.objective_units < untrained.stats.objective_units


def test_a_trainee_is_off_the_floor_on_course_days_and_works_the_skill_only_after() -> None:
    s = short_billing()
    plan, _ = solve_and_check(s)
    (training,) = plan.training
    first = qualified_from(s, training)
    course_days = set(s.course_days(s.courses[0], training.start_day))
    worked = {a.day: a.skill for a in plan.assignments if a.employee_id == "P1"}
    assert not course_days & worked.keys()
    assert {skill for day, skill in worked.items() if day < first} <= {"phone"}
    assert "billing" in {skill for day, skill in worked.items() if day >= first}


def test_a_course_day_is_paid_and_the_fee_charged() -> None:
    s = short_billing()
    plan, report = solve_and_check(s)
    fee_and_pay = costs.fixed(100) + 2 * costs.per_hour(20.0, 8 * 60)
    assert report.costs["training"] == fee_and_pay == plan.stats.costs["training"]


def test_max_trainees_caps_a_session() -> None:
    s = short_billing(trainable=("*",), max_trainees=1)
    wider = scenario(
        [*s.employees, employee("P4", ["phone"], trainable=["*"])], s.shifts, s.demand,
        days=s.settings.days, temp_offers=s.temp_offers, courses=s.courses,
    )
    plan, _ = solve_and_check(wider)
    starts = [t.start_day for t in plan.training]
    assert len(starts) == len(set(starts))


def test_fixed_session_dates_are_the_only_starts() -> None:
    s = short_billing(sessions=(short_billing().settings.date_of(7),))
    assert session_starts(s, s.courses[0]) == (7,)
    plan, _ = solve_and_check(s)
    assert plan.training == (Training("P1", "C-BILL", 7),)


def test_nobody_trains_without_the_prerequisite() -> None:
    plan, _ = solve_and_check(short_billing(prerequisite="email"))
    assert plan.training == ()


def test_leave_on_a_course_day_moves_the_session() -> None:
    leave = AvailabilityEntry("P1", 1, "leave")
    plan, _ = solve_and_check(short_billing(availability=(leave,)))
    (training,) = plan.training
    assert training.start_day >= 2


def test_a_one_week_roster_trains_for_the_value_after_the_horizon() -> None:
    """In one week the course does not pay for itself; the value credited for the weeks
    after the horizon does, unless it is set to nothing."""
    credited, report = solve_and_check(short_billing(7))
    assert credited.training != ()
    assert report.costs["training_value"] < 0
    nothing = {"train_staff": RuleSetting(params={"value_per_week": 0})}
    plain, _ = solve_and_check(short_billing(7, rules=nothing, course_days=4, fee=2000))
    assert plain.training == ()


def test_the_value_is_credited_only_for_the_people_a_skill_lacks() -> None:
    s = short_billing()
    assert valued_need(s) == {"billing": 2, "phone": 0}


def test_the_checker_flags_a_trainee_who_is_not_trainable() -> None:
    s = short_billing(trainable=())
    plan = Plan(assignments=(), training=(Training("P1", "C-BILL", 0),))
    found = of_rule(check_plan(s, plan), "train_staff")
    assert len(found) == 1 and "not trainable" in found[0].message


def test_the_checker_flags_work_on_a_course_day_and_a_weekend_start() -> None:
    s = short_billing()
    works = Plan(
        assignments=(Assignment("P1", 1, "D", "phone"),),
        training=(Training("P1", "C-BILL", 0), Training("P2", "C-BILL", 5)),
    )
    messages = [v.message for v in of_rule(check_plan(s, works), "train_staff")]
    assert any("also works a shift" in m for m in messages)
    assert any("weekdays" in m for m in messages)
    assert any("not trainable" in m for m in messages)


def test_the_checker_flags_work_in_the_new_skill_before_the_course_ends() -> None:
    s = short_billing()
    early = Plan(
        assignments=(Assignment("P1", 2, "D", "billing"),),
        training=(Training("P1", "C-BILL", 1),),
    )
    found = of_rule(check_plan(s, early), "only_qualified_skills")
    assert len(found) == 1 and found[0].day == 2
    on_time = Plan(
        assignments=(Assignment("P1", 3, "D", "billing"),),
        training=(Training("P1", "C-BILL", 1),),
    )
    assert of_rule(check_plan(s, on_time), "only_qualified_skills") == []


def test_the_checker_flags_a_session_above_max_trainees() -> None:
    s = short_billing(trainable=("*",), max_trainees=1)
    both = Plan(assignments=(), training=(Training("P1", "C-BILL", 0), Training("P2", "C-BILL", 0)))
    found = of_rule(check_plan(s, both), "train_staff")
    assert [v.quantity for v in found if "above its max_trainees 1" in v.message] == [1]


def test_training_in_a_plan_while_training_is_switched_off_is_a_problem() -> None:
    s = short_billing(rules=OFF)
    plan = Plan(assignments=(), training=(Training("P1", "C-BILL", 0),))
    (problem,) = check_plan(s, plan).problems
    assert "training is switched off" in problem


def test_no_late_shift_the_evening_before_a_course_day() -> None:
    """With 11 hours' rest, a late ending 23:00 leaves 10 hours before the course at 09:00."""
    late = shift("L", "15:00", "23:00")
    demand = [slot(d, late, 1, "phone") for d in range(7)]
    demand += [slot(d, D, 2, "billing") for d in range(7)]
    staff = [employee("B1", ["billing"]), employee("P1", ["phone"], trainable=["C-BILL"])]
    s = scenario(staff, [D, late], demand, days=7, temp_offers=[offer("billing", 60)],
                 contract=Contract(min_rest_hours=11),
                 courses=[course("C-BILL", "billing", days=2, cost=100)])
    plan, _ = solve_and_check(s)
    (training,) = plan.training
    course_days = s.course_days(s.courses[0], training.start_day)
    assert not [a for a in plan.assignments if a.employee_id == "P1" and a.day + 1 in course_days]
    tired = Plan(assignments=(Assignment("P1", 0, "L", "phone"),),
                 training=(Training("P1", "C-BILL", 1),))
    messages = [v.message for v in of_rule(check_plan(s, tired), "train_staff")]
    assert any("ending too late to rest before the course at 09:00" in m for m in messages)
    rested = Plan(assignments=(Assignment("P1", 0, "D", "phone"),),
                  training=(Training("P1", "C-BILL", 1),))
    assert of_rule(check_plan(s, rested), "train_staff") == []
