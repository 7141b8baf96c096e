"""Measures as data, and the Python engine that runs them."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import Figure, Period, Scheme, Scope, ShareBasis, Target, UnitMismatchError, Window
from dtbd.engine._python import run_measures
from dtbd.figures._units import Unit
from dtbd.measures._measure import (
    Buckets,
    Filter,
    Measure,
    Op,
    Side,
    compile_measure,
    compile_scheme,
)
from dtbd.model._budget import Budget, BudgetLine
from dtbd.model._people import Attendance, Course, Person
from dtbd.model._target import Count
from dtbd.records._records import Records

PERIOD = Period.of_years(2023, 2025)


def test_a_scope_compiles_to_filters_as_data() -> None:
    """Enum values become text, under_age an age filter: no functions in a measure."""
    target = Target(
        "tre",
        "Nữ dưới 45 tuổi học ở nước ngoài",
        Figure.parse("khoảng 180 - 200 người"),
        scope=Scope(location="abroad", gender="female", under_age=45, topics=("quan-tri",)),
    )
    measure = compile_measure(target, PERIOD)
    assert measure.filters == (
        Filter(Side.COURSE, "location", Op.IN, ("abroad",)),
        Filter(Side.COURSE, "topics", Op.OVERLAPS, ("quan-tri",)),
        Filter(Side.PERSON, "gender", Op.IN, ("female",)),
        Filter(Side.PERSON, "birth_date", Op.YOUNGER_THAN, (45,)),
    )
    assert measure.window == PERIOD
    assert measure.buckets is Buckets.TOTAL
    assert measure.filters[0].column == "course_location"


def test_a_share_moves_person_fields_to_the_population() -> None:
    """ "40% … có trình độ thạc sĩ": population = leaders, numerator = holds a master's."""
    target = Target(
        "thac-si",
        "40% lãnh đạo có trình độ thạc sĩ",
        Figure.parse("40%"),
        scope=Scope(positions=("lanh-dao",), qualifications=("thac-si", "tien-si")),
        basis=ShareBasis.QUALIFIED,
        window=Window(cadence="per_year"),
    )
    measure = compile_measure(target, PERIOD)
    assert measure.share is not None
    assert measure.share.population == (Filter(Side.PERSON, "position", Op.IN, ("lanh-dao",)),)
    assert measure.share.qualifications == ("thac-si", "tien-si")
    assert measure.buckets is Buckets.PER_YEAR


def test_a_qualified_share_counts_holders_in_the_population() -> None:
    """2 of 4 leaders hold a master's: 50 %; the specialist with one is not in the population."""
    target = Target(
        "thac-si",
        "40% lãnh đạo có trình độ thạc sĩ",
        Figure.parse("40%"),
        scope=Scope(positions=("lanh-dao",), qualifications=("thac-si",)),
        basis=ShareBasis.QUALIFIED,
    )
    persons = [
        Person(f"ld{i}", position="lanh-dao", qualifications=("thac-si",) * (i < 2))
        for i in range(4)
    ]
    persons.append(Person("cv", position="chuyen-vien", qualifications=("thac-si",)))
    run = run_measures(
        [compile_measure(target, PERIOD)], Records(persons=persons), pendulum.date(2025, 1, 1)
    )
    total = run.tallies["thac-si"].total
    assert (total.numerator, total.denominator, total.value) == (2, 4, 50)


def test_spending_counts_by_budget_line_of_the_target_and_its_parts() -> None:
    """A line paying for a part pays for the whole; other lines do not count."""
    part = Target("hv", "Học viện", Figure.parse("3,6 tỷ đồng"))
    whole = Target("tong", "Tổng", Figure.parse("hơn 18 tỷ đồng"), parts=(part,))
    lines = (
        BudgetLine("l1", "Phần", Figure.parse("3,6 tỷ đồng"), target="hv"),
        BudgetLine("l2", "Khác", Figure.parse("1 tỷ đồng")),
    )
    scheme = Scheme("s", "S", PERIOD, targets=(whole,), budget=Budget(lines=lines))
    measures = compile_scheme(scheme)
    assert [m.budget_lines for m in measures] == [("l1",), ("l1",)]


def test_a_measure_refuses_a_unit_that_does_not_fit_its_count() -> None:
    """Money cannot be asked of a head count."""
    with pytest.raises(UnitMismatchError, match="spending"):
        Measure("x", Count.SPENDING, Unit.PERSON, PERIOD, Buckets.TOTAL, (), None, (), None)


def test_study_days_come_from_the_attendance_or_the_course() -> None:
    """2,5 days stated for one learner; the other takes the course's 5 study days."""
    target = Target("ngay", "Ngày học", Figure.parse("100 ngày"))
    course = Course("k", start="2024-03-04", study_days=5)
    records = Records(
        courses=(course,),
        attendances=(Attendance("a", "k", study_days="2.5"), Attendance("b", "k")),
    )
    run = run_measures([compile_measure(target, PERIOD)], records, pendulum.date(2025, 1, 1))
    assert run.tallies["ngay"].total.value == Decimal("7.5")


def test_age_is_taken_at_the_course_start() -> None:
    """Born 16/3/1980: 44 on 15/3/2025 counts as under 45, 45 on 16/3/2025 does not."""
    target = Target("tre", "Dưới 45 tuổi", Figure.parse("10 lượt"), scope=Scope(under_age=45))
    person = Person("p", birth_date="1980-03-16")
    records = Records(
        persons=(person,),
        courses=(Course("a", start="2025-03-14"), Course("b", start="2025-03-16")),
        attendances=(Attendance("p", "a"), Attendance("p", "b")),
    )
    run = run_measures([compile_measure(target, PERIOD)], records, pendulum.date(2025, 12, 31))
    assert run.tallies["tre"].total.value == 1


LUOT = Target("luot", "lượt", Figure.parse("100 lượt"))
NGUOI = Target("nguoi", "người", Figure.parse("100 người"))
MEASURES = [compile_measure(LUOT, PERIOD), compile_measure(NGUOI, PERIOD)]
DAYS = st.dates(min_value=pendulum.date(2022, 6, 1), max_value=pendulum.date(2026, 6, 1))


@st.composite
def records(draw: st.DrawFn) -> Records:
    starts = draw(st.lists(DAYS, min_size=1, max_size=6))
    courses = [Course(f"k{i}", start=day) for i, day in enumerate(starts)]
    pairs = draw(
        st.lists(st.tuples(st.integers(0, 5), st.integers(0, len(courses) - 1)), max_size=25)
    )
    rows = [Attendance(f"p{p}", f"k{c}") for p, c in pairs]
    return Records(courses=courses, attendances=rows)


@given(records(), DAYS)
def test_person_times_are_never_fewer_than_persons(data: Records, as_of: object) -> None:
    """Lượt ≥ người, per year and in total."""
    tallies = run_measures(MEASURES, data, as_of).tallies
    luot, nguoi = tallies["luot"], tallies["nguoi"]
    assert luot.total.numerator >= nguoi.total.numerator
    for (_, a), (_, b) in zip(luot.years, nguoi.years, strict=True):
        assert a.numerator >= b.numerator


@given(records(), st.integers(0, 6), DAYS)
def test_adding_an_attendance_never_lowers_a_count(
    data: Records, person: int, as_of: object
) -> None:
    """One more row can only raise lượt and người."""
    more = Records(
        courses=data.courses,
        attendances=(*data.attendances, Attendance(f"p{person}", data.courses[0].id)),
    )
    before = run_measures(MEASURES, data, as_of).tallies
    after = run_measures(MEASURES, more, as_of).tallies
    for target in ("luot", "nguoi"):
        assert after[target].total.numerator >= before[target].total.numerator


@given(records(), DAYS)
def test_yearly_attendances_add_up_to_the_total(data: Records, as_of: object) -> None:
    """Lượt per year sum to lượt over the window."""
    tally = run_measures(MEASURES, data, as_of).tallies["luot"]
    assert sum(a.numerator for _, a in tally.years) == tally.total.numerator
