"""Progress of one target: numbers worked out by hand at several dates."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from dtbd import Figure, Period, Person, Scope, StaffCategory, Target, Unit, Window
from dtbd.figures._figure import Assessment
from dtbd.model._budget import Budget, BudgetLine, Spending
from dtbd.model._people import Attendance, Course
from dtbd.records._records import Records
from dtbd.results._progress import CourseSize, Status
from dtbd.tracking._pace import calendar_years
from dtbd.tracking._run import progress

D = pendulum.date
PERIOD = Period.of_years(2023, 2025)


def courses_with(sizes_by_start: dict[str, int]) -> Records:
    """One course per start date, each with its number of distinct learners."""
    courses, attendances = [], []
    for n, (start, size) in enumerate(sizes_by_start.items()):
        courses.append(Course(f"k{n}", start=start, study_days=10))
        attendances += [Attendance(f"p{n}-{i}", f"k{n}") for i in range(size)]
    return Records(courses=courses, attendances=attendances)


PER_YEAR_COURSES = Target(
    "khoa",
    "Mỗi năm khoảng 04 khóa, mỗi khóa 15 - 17 người",
    Figure.parse("khoảng 04 khóa"),
    window=Window(cadence="per_year"),
    course_size=Figure.parse("khoảng 15 - 17 người"),
)
RECORDS_2023_2024 = courses_with(
    {
        "2023-03-01": 16,
        "2023-05-01": 16,
        "2023-07-03": 20,
        "2023-09-04": 16,
        "2024-02-01": 12,
        "2024-04-01": 16,
        "2024-09-03": 16,
    }
)


def test_calendar_years_weigh_each_day_by_its_year() -> None:
    """30 June 2024 is 182 of 366 days into 2024."""
    elapsed, left = calendar_years(PERIOD, D(2024, 6, 30))
    assert elapsed == 1 + Decimal(182) / 366
    assert left == Decimal(184) / 366 + 1


def test_per_year_target_before_the_window_is_not_started() -> None:
    """As of 31/12/2022 no year of 2023–2025 has begun."""
    p = progress(PER_YEAR_COURSES, RECORDS_2023_2024, D(2022, 12, 31), period=PERIOD)
    assert p.status is Status.NOT_STARTED
    assert [y.status for y in p.periods] == [Status.NOT_STARTED] * 3
    assert p.achieved == 0


def test_per_year_target_mid_way_is_judged_year_by_year() -> None:
    """As of 30/6/2024: 2023 met (4 courses); 2024 has 2 of about 4 at a pace ratio 366/364."""
    p = progress(PER_YEAR_COURSES, RECORDS_2023_2024, D(2024, 6, 30), period=PERIOD)
    y2023, y2024, y2025 = p.periods
    assert (y2023.status, y2023.achieved) == (Status.MET, 4)
    assert (y2024.status, y2024.achieved) == (Status.ON_TRACK, 2)
    assert y2024.expected == Decimal("1.99")  # 4 × 182/366
    assert y2024.pace_ratio == Decimal("1.0055")  # (2 ÷ 182 days) ÷ (4 ÷ 366 days)
    assert y2025.status is Status.NOT_STARTED
    assert p.status is Status.ON_TRACK
    # The target's numbers are those of its current period, 2024, never a sum of years.
    assert p.period == y2024.window
    assert p.figure == Figure.parse("khoảng 04 khóa")
    assert (p.achieved, p.expected, p.remaining_low) == (2, Decimal("1.99"), 2)
    assert p.forecast == Decimal("4.02")  # 2 + 2/182 × 184
    assert p.required_per_year_remaining is None  # a year's own shortfall is remaining_low
    assert [(y.year, y.achieved, y.cumulative) for y in p.yearly] == [
        (2023, 4, 4),
        (2024, 2, 6),
        (2025, 0, 6),
    ]


def test_per_year_target_after_the_deadline_misses_the_short_years() -> None:
    """As of 1/1/2026: 2024 had 3 courses (below 3,6), 2025 none: the target is missed."""
    p = progress(PER_YEAR_COURSES, RECORDS_2023_2024, D(2026, 1, 1), period=PERIOD)
    assert [y.status for y in p.periods] == [Status.MET, Status.MISSED, Status.MISSED]
    assert p.status is Status.MISSED
    assert p.periods_missed == (Period.of_years(2024), Period.of_years(2025))
    assert p.achieved == 0  # 2025's own
    assert p.yearly[-1].cumulative == 7


def test_every_course_size_is_checked_against_the_per_course_figure() -> None:
    """20 learners is above 15–17 (+10 %: 18,7); 12 is below 13,5."""
    p = progress(PER_YEAR_COURSES, RECORDS_2023_2024, D(2026, 1, 1), period=PERIOD)
    assert p.courses_outside_size == (
        CourseSize("k2", 20, Assessment.ABOVE),
        CourseSize("k4", 12, Assessment.BELOW),
    )


def attendances(count: int, *, start: str = "2023-03-01", persons: int | None = None) -> Records:
    """``count`` attendances on courses of one learner each, by ``persons`` distinct people."""
    people = persons or count
    courses = [Course(f"c{i}", start=start) for i in range(count)]
    rows = [Attendance(f"p{i % people}", f"c{i}") for i in range(count)]
    return Records(courses=courses, attendances=rows)


TOTAL = Target("luot", "300 lượt đến năm 2025", Figure.parse("300 lượt"))


@pytest.mark.parametrize(
    ("achieved", "status", "ratio"),
    [
        (150, Status.ON_TRACK, Decimal("1.0018")),
        (120, Status.BEHIND, Decimal("0.8015")),
        (80, Status.OFF_TRACK, Decimal("0.5343")),
    ],
)
def test_total_target_mid_way_status_follows_the_pace_ratio(
    achieved: int, status: Status, ratio: Decimal
) -> None:
    """(A ÷ 547 days) ÷ (300 ÷ 1096 days) as of 30/6/2024, cut at 0,95 and 0,60."""
    p = progress(TOTAL, attendances(achieved), D(2024, 6, 30), period=PERIOD)
    assert p.status is status
    assert p.pace_ratio == ratio
    assert p.expected == Decimal("149.73")  # 300 × 547 / 1096 days
    assert p.remaining_low == 300 - achieved


def test_forecast_is_the_observed_pace_carried_to_the_deadline() -> None:
    """150 in 547 days is 0,2742 a day; 549 days more make 300,55."""
    p = progress(TOTAL, attendances(150), D(2024, 6, 30), period=PERIOD)
    assert p.forecast == Decimal("300.55")


def test_one_person_on_three_courses_is_three_attendances_and_one_person() -> None:
    """Lượt counts every attendance, người each person once."""
    records = attendances(3, persons=1)
    luot = progress(TOTAL, records, D(2025, 12, 31), period=PERIOD)
    nguoi = progress(
        Target("nguoi", "người", Figure.parse("300 người")),
        records,
        D(2025, 12, 31),
        period=PERIOD,
    )
    assert (luot.achieved, nguoi.achieved) == (3, 1)


RANGE = Target("nguoi", "khoảng 180 - 200 người", Figure.parse("khoảng 180 - 200 người"))


@pytest.mark.parametrize(
    ("persons", "status"),
    [(190, Status.MET), (170, Status.MET), (221, Status.EXCEEDED), (150, Status.MISSED)],
)
def test_range_target_is_met_within_ten_percent_and_exceeded_above_220(
    persons: int, status: Status
) -> None:
    """About 180–200 accepts 162 to 220 at the deadline."""
    p = progress(RANGE, attendances(persons), D(2025, 12, 31), period=PERIOD)
    assert p.status is status


def test_range_target_reports_its_share_of_both_ends() -> None:
    """190 is 105,56 % of 180 and 95 % of 200; 10 remain to the top."""
    p = progress(RANGE, attendances(190), D(2025, 12, 31), period=PERIOD)
    assert (p.share_of_low, p.share_of_high) == (Decimal("105.56"), Decimal(95))
    assert (p.remaining_low, p.remaining_high) == (0, 10)


def test_records_after_as_of_do_not_count() -> None:
    """A course that starts after the date is not counted yet."""
    p = progress(RANGE, attendances(190, start="2025-06-01"), D(2025, 5, 31), period=PERIOD)
    assert p.achieved == 0


def test_at_least_share_each_year_is_met_only_at_its_bound() -> None:
    """8 of 10 civil servants in 2024 is 80 % (met); 7 of 10 in 2023 is 70 % (missed)."""
    roster = [Person(f"cs{i}", category="civil_servant") for i in range(10)]
    roster += [Person(f"ve{i}", category="public_employee") for i in range(2)]
    courses = [Course("law-2023", start="2023-05-02"), Course("law-2024", start="2024-05-02")]
    courses.append(Course("law-2024b", start="2024-10-01"))
    rows = [Attendance(f"cs{i}", "law-2023") for i in range(7)]
    rows += [Attendance(f"cs{i}", "law-2024") for i in range(8)]
    rows += [Attendance("cs0", "law-2024b"), Attendance("ve0", "law-2024")]
    records = Records(persons=roster, courses=courses, attendances=rows)
    target = Target(
        "luat",
        "Ít nhất 80% công chức được cập nhật kiến thức pháp luật hằng năm",
        Figure.parse("ít nhất 80%"),
        scope=Scope(categories=(StaffCategory.CIVIL_SERVANT,)),
        window=Window(cadence="per_year"),
    )
    p = progress(target, records, D(2024, 12, 31), period=Period.of_years(2023, 2024))
    y2023, y2024 = p.periods
    assert (y2023.numerator, y2023.denominator, y2023.achieved) == (7, 10, 70)
    assert (y2024.numerator, y2024.denominator, y2024.achieved) == (8, 10, 80)
    assert (y2023.status, y2024.status) == (Status.MISSED, Status.MET)
    assert p.status is Status.MISSED


def test_more_than_money_is_not_met_at_its_bound() -> None:
    """Exactly 18 tỷ is not "hơn 18 tỷ đồng"; one đồng more is."""
    target = Target("tien", "Kinh phí hơn 18 tỷ đồng", Figure.parse("hơn 18 tỷ đồng"))
    budget = Budget(
        lines=(BudgetLine("line-a", "Sở Y tế", Figure.parse("hơn 18 tỷ đồng"), target="tien"),)
    )
    from dtbd import Scheme

    scheme = Scheme("s", "S", PERIOD, targets=(target,), budget=budget)

    def spent(amount: int) -> Records:
        return Records(
            spending=(Spending("s1", date="2024-03-01", amount=amount, budget_line="line-a"),)
        )

    assert (
        progress(target, spent(18_000_000_000), D(2025, 12, 31), scheme=scheme).status
        is Status.MISSED
    )
    assert (
        progress(target, spent(18_000_000_001), D(2025, 12, 31), scheme=scheme).status
        is Status.MET
    )


def test_no_records_of_the_kind_counted_is_unable_to_assess() -> None:
    """Without a single attendance the pace cannot be judged."""
    p = progress(TOTAL, Records(), D(2024, 6, 30), period=PERIOD)
    assert p.status is Status.UNABLE_TO_ASSESS


def test_an_open_window_without_a_period_is_refused_with_the_fix() -> None:
    """The window's ends must come from somewhere."""
    with pytest.raises(ValueError, match="period"):
        progress(TOTAL, Records(), D(2024, 6, 30))


def test_progress_to_dict_has_stable_keys_with_nulls() -> None:
    """Every key is present, None as None, Decimal as text, dates ISO."""
    data = progress(TOTAL, attendances(150), D(2024, 6, 30), period=PERIOD).to_dict()
    assert data["status"] == "on_track"
    assert data["achieved"] == "150"
    assert data["denominator"] is None
    assert data["as_of"] == "2024-06-30"
    assert data["window"] == {"start": "2023-01-01", "end": "2025-12-31"}


@pytest.mark.parametrize(
    ("count", "as_of", "status"),
    [
        (4, D(2024, 6, 30), Status.ON_TRACK),
        (6, D(2024, 6, 30), Status.EXCEEDED),
        (5, D(2025, 12, 31), Status.MET),
    ],
)
def test_at_most_is_on_track_until_the_window_closes_and_exceeded_above(
    count: int, as_of: pendulum.Date, status: Status
) -> None:
    """ "Tối đa 5 lượt": within it is on track, then met; above it is exceeded at once."""
    target = Target("toi-da", "Tối đa 5 lượt", Figure.at_most(5, Unit.ATTENDANCE))
    assert progress(target, attendances(count), as_of, period=PERIOD).status is status
