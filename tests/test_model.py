"""The model classes validate at construction and name the field and the fix."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from dtbd import (
    DECREE_101_MIN_FOSTERING,
    Activity,
    Attendance,
    Budget,
    BudgetLine,
    Cadence,
    Cohort,
    Count,
    Course,
    Figure,
    Level,
    Period,
    Person,
    Qualifier,
    Records,
    Rule,
    RuleKind,
    Scheme,
    Scope,
    StaffCategory,
    Target,
    Unit,
    Window,
    age_on,
)


def _persons(n: int, unit: Unit = Unit.PERSON) -> Figure:
    return Figure.exact(n, unit)


def test_period_of_years_runs_from_first_january_to_last_december() -> None:
    period = Period.of_years(2023, 2025)
    assert period.start == pendulum.date(2023, 1, 1)
    assert period.end == pendulum.date(2025, 12, 31)
    assert period.years == (2023, 2024, 2025)
    assert pendulum.date(2025, 12, 31) in period
    assert pendulum.date(2026, 1, 1) not in period


def test_period_refuses_end_before_start_and_names_both_dates() -> None:
    with pytest.raises(ValueError, match=r"'end' must not be before 'start' \(got 2023-01-01"):
        Period("2023-12-31", "2023-01-01")


def test_period_refuses_a_text_that_is_not_a_date() -> None:
    with pytest.raises(ValueError, match="'cuối năm 2025' is not a date; write it as 2025-12-31"):
        Period("2025-01-01", "cuối năm 2025")


def test_period_reads_vietnamese_day_month_year_dates() -> None:
    period = Period("ngày 17 tháng 11 năm 2023", "31/12/2025")
    assert period == Period.of_years(2023, 2025).clip(Period("2023-11-17", "2025-12-31"))


def test_target_counts_what_its_figure_unit_says() -> None:
    assert Target("a", "A", _persons(5, Unit.ATTENDANCE)).counts is Count.ATTENDANCES
    assert Target("b", "B", _persons(5)).counts is Count.PERSONS
    assert Target("c", "C", Figure.exact(80, Unit.PERCENT)).counts is Count.SHARE


def test_target_without_figure_must_say_what_it_counts() -> None:
    with pytest.raises(ValueError, match="must say what it 'counts'"):
        Target("theo-nhu-cau", "Theo nhu cầu")
    part = Target("theo-nhu-cau", "Theo nhu cầu", counts=Count.ATTENDANCES, note="theo nhu cầu")
    assert part.figure is None


def test_target_refuses_a_figure_in_another_unit_than_it_counts() -> None:
    with pytest.raises(ValueError, match="figure is in person but it counts attendances"):
        Target("a", "A", _persons(5), counts=Count.ATTENDANCES)


def test_target_refuses_a_part_in_another_unit() -> None:
    with pytest.raises(ValueError, match=r"parts\[0\] \('p'\) counts persons"):
        Target("t", "T", _persons(37000, Unit.ATTENDANCE), parts=[Target("p", "P", _persons(3))])


def test_target_refuses_duplicate_ids_in_its_tree() -> None:
    with pytest.raises(ValueError, match="duplicate target id 'p'"):
        Target("t", "T", _persons(9), parts=[Target("p", "P", _persons(1))] * 2)


def test_target_refuses_an_id_with_spaces() -> None:
    with pytest.raises(ValueError, match="'id' must be an id"):
        Target("bồi dưỡng", "T", _persons(9))


def test_course_size_belongs_to_a_target_counting_courses() -> None:
    size = Figure.between(15, 17, Unit.PERSON, qualifier=Qualifier.ABOUT)
    courses = Target("khoa", "Khóa", Figure.about(4, Unit.COURSE), course_size=size)
    assert courses.course_size == size
    with pytest.raises(ValueError, match="'course_size' belongs to a target that counts courses"):
        Target("nguoi", "Người", _persons(200), course_size=size)


def test_scope_turns_values_into_categories_and_refuses_unknown_ones() -> None:
    scope = Scope(activity="fostering", categories=["commune_cadre"], levels="commune")
    assert scope.activity is Activity.FOSTERING
    assert scope.categories == (StaffCategory.COMMUNE_CADRE,)
    assert scope.levels == (Level.COMMUNE,)
    with pytest.raises(ValueError, match="unknown StaffCategory 'cong-chuc'; use one of"):
        Scope(categories=["cong-chuc"])


def test_scheme_refuses_a_per_year_target_outside_its_period() -> None:
    per_year = Target(
        "khoa",
        "Mỗi năm 4 khóa",
        Figure.exact(4, Unit.COURSE),
        window=Window(Cadence.PER_YEAR, start="2022-01-01"),
    )
    with pytest.raises(ValueError, match="outside the scheme's period"):
        Scheme("s", "S", Period.of_years(2023, 2025), targets=[per_year])


def test_scheme_refuses_duplicate_ids_across_targets() -> None:
    with pytest.raises(ValueError, match="duplicate target id 'a'"):
        Scheme(
            "s",
            "S",
            Period.of_years(2023, 2025),
            targets=[Target("a", "A", _persons(1)), Target("a", "B", _persons(2))],
        )


def test_scheme_refuses_a_budget_line_for_an_unknown_target() -> None:
    line = BudgetLine("l", "L", Figure.exact(11_000_000_000, Unit.VND), target="nope")
    with pytest.raises(ValueError, match="budget line 'l' pays for target 'nope'"):
        Scheme("s", "S", Period.of_years(2022, 2025), budget=Budget(lines=[line]))


def test_scheme_finds_a_part_by_id() -> None:
    part = Target("xa", "Cấp xã", _persons(300, Unit.ATTENDANCE))
    total = Target("bd", "Bồi dưỡng", _persons(37000, Unit.ATTENDANCE), parts=[part])
    scheme = Scheme("s", "S", Period.of_years(2023, 2025), targets=[total])
    assert scheme.target("xa") is part
    with pytest.raises(KeyError, match="has no target 'x'; its targets: bd, xa"):
        scheme.target("x")


def test_budget_line_must_be_money() -> None:
    with pytest.raises(ValueError, match="must be an amount of money"):
        BudgetLine("l", "L", _persons(60))


def test_budget_refuses_duplicate_line_ids_among_parts() -> None:
    part = BudgetLine("p", "P", Figure.exact(1, Unit.VND))
    with pytest.raises(ValueError, match="duplicate budget line id 'p'"):
        Budget(lines=[part, BudgetLine("l", "L", Figure.exact(2, Unit.VND), parts=[part])])


def test_age_is_whole_years_and_a_birthday_counts_from_its_day() -> None:
    born = pendulum.date(1980, 3, 16)
    assert age_on(born, pendulum.date(2025, 3, 15)) == 44
    assert age_on(born, pendulum.date(2025, 3, 16)) == 45
    assert Person("p", birth_date=born).age_on(pendulum.date(2025, 3, 16)) == 45
    assert Person("q").age_on(pendulum.date(2025, 3, 16)) is None


def test_age_on_a_leap_day_birthday() -> None:
    born = pendulum.date(1980, 2, 29)
    assert age_on(born, pendulum.date(2025, 2, 28)) == 44
    assert age_on(born, pendulum.date(2025, 3, 1)) == 45


def test_course_refuses_end_before_start() -> None:
    with pytest.raises(ValueError, match="course 'c': 'end' 2018-03-01 is before 'start'"):
        Course("c", start="2018-03-16", end="2018-03-01")


def test_course_refuses_zero_study_days() -> None:
    with pytest.raises(ValueError, match="'study_days' must be a whole number"):
        Course("c", start="2018-03-16", study_days=0)


def test_cohort_holds_one_course_and_each_learner_once() -> None:
    course = Course("c", start="2018-03-16", study_days=32)
    with pytest.raises(ValueError, match="attendances\\[0\\] is for course 'd'"):
        Cohort(course, [Attendance("p", "d")])
    with pytest.raises(ValueError, match="duplicate learner id 'p'"):
        Cohort(course, [Attendance("p", "c"), Attendance("p", "c")])


def test_records_from_cohorts_keep_every_attendance() -> None:
    first = Course("lop-1", start="2017-11-06", study_days=32)
    second = Course("lop-2", start="2018-03-16", study_days=32)
    records = Records.from_cohorts(
        [
            Cohort.from_learners(first, [f"a{i}" for i in range(90)]),
            Cohort.from_learners(second, [f"b{i}" for i in range(90)]),
        ]
    )
    assert len(records.attendances) == 180
    assert records.course_by_id["lop-2"].last_day == pendulum.date(2018, 5, 3)


def test_records_refuse_two_persons_with_one_id() -> None:
    with pytest.raises(ValueError, match="duplicate person id 'p'"):
        Records(persons=[Person("p"), Person("p")])


def test_spending_refuses_negative_and_fractional_dong() -> None:
    from dtbd import Spending

    assert Spending("s", "2024-01-02", "1500000").amount == Decimal(1_500_000)
    with pytest.raises(ValueError, match="must not be negative"):
        Spending("s", "2024-01-02", -1)
    with pytest.raises(ValueError, match="whole đồng"):
        Spending("s", "2024-01-02", "10.5")
    with pytest.raises(TypeError, match="float"):
        Spending("s", "2024-01-02", 10.5)


def test_levels_know_that_the_district_level_ended_on_30_june_2025() -> None:
    assert Level.DISTRICT.in_force(pendulum.date(2025, 6, 30))
    assert not Level.DISTRICT.in_force(pendulum.date(2025, 7, 1))
    assert Level.COMMUNE.in_force(pendulum.date(2030, 1, 1))


def test_decree_101_minimum_is_in_force_until_9_december_2021() -> None:
    rule = DECREE_101_MIN_FOSTERING
    assert rule.in_force(pendulum.date(2021, 12, 9))
    assert not rule.in_force(pendulum.date(2021, 12, 10))
    assert not rule.in_force(pendulum.date(2017, 10, 14))


def test_rule_needs_a_figure_of_the_right_unit() -> None:
    with pytest.raises(ValueError, match="needs a 'figure' in age"):
        Rule("tre", RuleKind.AGE_LIMIT, "Trẻ")
    with pytest.raises(ValueError, match="figure must be in age"):
        Rule("tre", RuleKind.AGE_LIMIT, "Trẻ", _persons(45))
    with pytest.raises(ValueError, match="takes no 'figure'"):
        Rule("x", RuleKind.NO_OVERLAP, "X", _persons(1))
    with pytest.raises(ValueError, match="needs a 'gender'"):
        Rule("nu", RuleKind.GENDER_SHARE, "Nữ", Figure.at_least(30, Unit.PERCENT))


def _delivering(chain: dict[str, str | None]) -> list[Target]:
    return [
        Target(target_id, target_id.upper(), _persons(10), delivers=delivers)
        for target_id, delivers in chain.items()
    ]


@pytest.mark.parametrize(
    ("chain", "circle"),
    [
        ({"a": "a"}, "a → a"),
        ({"a": "b", "b": "a"}, "a → b → a"),
        ({"x": "a", "a": "b", "b": "c", "c": "a"}, "a → b → c → a"),
    ],
)
def test_targets_that_deliver_each_other_in_a_circle_are_refused(chain, circle):
    with pytest.raises(ValueError, match=f"in a circle: {circle};"):
        Scheme("s", "S", Period.of_years(2023, 2025), targets=_delivering(chain))


def test_a_chain_of_deliveries_without_a_circle_is_a_scheme():
    chain = {"khoa": "lop", "lop": "nguoi", "nguoi": None, "khac": "nguoi"}
    scheme = Scheme("s", "S", Period.of_years(2023, 2025), targets=_delivering(chain))
    assert [t.delivers for t in scheme.targets] == ["lop", "nguoi", None, "nguoi"]
