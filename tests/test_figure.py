"""Figures: construction, honest arithmetic and assessment against values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import (
    ABOUT_TOLERANCE,
    Assessment,
    Figure,
    Qualifier,
    Unit,
    UnitMismatchError,
    parse_figure,
)

BELOW, WITHIN, ABOVE = Assessment.BELOW, Assessment.WITHIN, Assessment.ABOVE


def f(text: str) -> Figure:
    return parse_figure(text)


# -- addition ------------------------------------------------------------------------


def test_exact_plus_about_is_about():
    """An approximate part makes the sum approximate."""
    assert f("60 người") + f("khoảng 15 người") == Figure.about(75, Unit.PERSON)


def test_range_plus_range_is_a_range():
    """15–17 + 15–17 = 30–34, still exact."""
    assert f("15 - 17 người") + f("15 - 17 người") == Figure.between(30, 34, Unit.PERSON)


def test_more_than_plus_exact_is_more_than():
    """hơn 18 tỷ + 11 tỷ = hơn 29 tỷ: the open upper end stays open."""
    assert f("hơn 18 tỷ đồng") + f("11 tỷ đồng") == f("hơn 29 tỷ đồng")


def test_at_least_plus_exact_is_at_least():
    """ít nhất 80 + 20 = ít nhất 100."""
    assert f("ít nhất 80 người") + f("20 người") == f("ít nhất 100 người")


def test_at_most_plus_at_most_is_at_most():
    """tối đa 5 + tối đa 3 = tối đa 8: both lower ends are open."""
    assert f("tối đa 5 khóa") + f("tối đa 3 khóa") == f("tối đa 8 khóa")


def test_nearly_plus_exact_stays_nearly():
    """gần 90 tỷ + 10 tỷ is a little below 100 tỷ, never above it."""
    assert f("gần 90 tỷ đồng") + f("10 tỷ đồng") == f("gần 100 tỷ đồng")


def test_nearly_plus_about_is_about():
    """Once one side may be above its number, the sum may be too."""
    assert f("gần 90 tỷ đồng") + f("khoảng 10 tỷ đồng") == f("khoảng 100 tỷ đồng")


def test_hanoi_2022_budget_lines_sum_to_more_than_87_4_billion():
    """Seed 003: 11 + hơn 18 + 18 + 3,6 + 18,4 + hơn 18,4 tỷ = hơn 87,4 tỷ đồng."""
    lines = [
        "11 tỷ đồng",
        "khoảng hơn 18 tỷ đồng",
        "18 tỷ đồng",
        "3,6 tỷ đồng",
        "18,4 tỷ đồng",
        "hơn 18,4 tỷ đồng",
    ]
    total = sum(f(line) for line in lines)
    assert total == f("hơn 87,4 tỷ đồng")
    assert total.format() == "hơn 87,4 tỷ đồng"


def test_adding_different_units_raises_unit_mismatch():
    """Person-times and persons are different things and cannot be added."""
    with pytest.raises(UnitMismatchError, match="cannot add"):
        f("37.000 lượt") + f("400 người")


def test_adding_a_number_is_refused():
    """A bare number has no unit; add a Figure instead."""
    with pytest.raises(TypeError):
        f("37.000 lượt") + 5  # type: ignore[operator]


# -- multiplication -------------------------------------------------------------------


def test_courses_times_people_per_course_is_a_range_of_people():
    """Seed 000: 4 khóa × 15–17 người = 60–68 người."""
    assert f("04 khóa") * f("15 - 17 người") == Figure.between(60, 68, Unit.PERSON)
    assert f("15 - 17 người") * f("04 khóa") == Figure.between(60, 68, Unit.PERSON)


def test_yearly_capacity_over_three_years_is_about_180_to_204():
    """Seed 000: (khoảng 4 khóa × khoảng 15–17 người) × 3 năm = khoảng 180–204 người."""
    per_year = f("khoảng 04 khóa") * f("khoảng từ 15 - 17 cán bộ")
    expected = Figure.between(180, 204, Unit.PERSON, qualifier=Qualifier.ABOUT)
    assert per_year * 3 == expected
    assert 3 * per_year == expected
    assert per_year * f("3 năm") == expected
    assert expected.format() == "khoảng 180–204 người"


def test_courses_a_year_times_years_are_courses():
    """4 khóa a year × 3 năm = 12 khóa: years are the repetition, courses the quantity."""
    assert f("4 khóa") * f("3 năm") == Figure.exact(12, Unit.COURSE)
    assert f("3 năm") * f("4 khóa") == Figure.exact(12, Unit.COURSE)


def test_multiplying_two_quantities_raises_unit_mismatch():
    """People × money means nothing: one factor must count courses, years or times."""
    with pytest.raises(UnitMismatchError, match="courses, years or times"):
        f("20 người") * f("3,6 tỷ đồng")


def test_multiplying_by_a_float_is_refused():
    """Floats are never mixed with exact figures."""
    with pytest.raises(TypeError):
        f("20 người") * 1.5  # type: ignore[operator]


# -- construction ---------------------------------------------------------------------


def test_floats_are_refused_at_construction():
    """Figure.exact(0.1, ...) would not be exact; the message says to use Decimal."""
    with pytest.raises(TypeError, match="Decimal"):
        Figure.exact(0.1, Unit.PERCENT)


def test_low_above_high_is_refused():
    """A range must not start above its end; the message says to swap them."""
    with pytest.raises(ValueError, match="swap"):
        Figure.between(17, 15, Unit.PERSON)


def test_negative_and_fractional_money_are_refused():
    """Counts are never negative and money is whole đồng."""
    with pytest.raises(ValueError, match="negative"):
        Figure.exact(-1, Unit.PERSON)
    with pytest.raises(ValueError, match="whole đồng"):
        Figure.exact(Decimal("0.5"), Unit.VND)


# -- assessment -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value", "expected"),
    [
        ("37.000 lượt", 36_999, BELOW),
        ("37.000 lượt", 37_000, WITHIN),
        ("37.000 lượt", 37_001, ABOVE),
        ("15 - 17 người", 14, BELOW),
        ("15 - 17 người", 16, WITHIN),
        ("15 - 17 người", 18, ABOVE),
        # khoảng: 10 % either side, 2.520 to 3.080
        ("khoảng 2.800 lượt", 2_519, BELOW),
        ("khoảng 2.800 lượt", 2_520, WITHIN),
        ("khoảng 2.800 lượt", 3_080, WITHIN),
        ("khoảng 2.800 lượt", 3_081, ABOVE),
        ("khoảng 15 - 17 người", Decimal("13.5"), WITHIN),
        ("khoảng 15 - 17 người", Decimal("18.7"), WITHIN),
        ("khoảng 15 - 17 người", 19, ABOVE),
        # gần: up to 10 % below, never above
        ("gần 90 tỷ đồng", 80_999_999_999, BELOW),
        ("gần 90 tỷ đồng", 81_000_000_000, WITHIN),
        ("gần 90 tỷ đồng", 90_000_000_000, WITHIN),
        ("gần 90 tỷ đồng", 90_000_000_001, ABOVE),
        ("ít nhất 80%", 79, BELOW),
        ("ít nhất 80%", 80, WITHIN),
        ("ít nhất 80%", 100, WITHIN),
        ("hơn 272,3 tỷ đồng", 272_300_000_000, BELOW),
        ("hơn 272,3 tỷ đồng", 272_300_000_001, WITHIN),
        ("tối đa 30 người", 30, WITHIN),
        ("tối đa 30 người", 31, ABOVE),
        ("dưới 45 tuổi", 44, WITHIN),
        ("dưới 45 tuổi", 45, ABOVE),
    ],
)
def test_assess_says_below_within_or_above(phrase, value, expected):
    """Strict bounds stay strict; about and nearly widen by the 10 % tolerance."""
    assert f(phrase).assess(value) == expected


def test_assess_with_a_tighter_tolerance():
    """The tolerance is a parameter: 5 % makes khoảng 2.800 end at 2.940."""
    figure = f("khoảng 2.800 lượt")
    assert figure.assess(2_941, tolerance=Decimal("0.05")) == ABOVE
    assert figure.assess(2_941) == WITHIN
    assert Decimal("0.10") == ABOUT_TOLERANCE


def test_assess_refuses_floats():
    """A float value is refused rather than compared inexactly."""
    with pytest.raises(TypeError, match="float"):
        f("ít nhất 80%").assess(80.0)


# -- properties -----------------------------------------------------------------------

# Below 10⁹, so that the product of two stays below the limit of 10¹⁸ (dtbd._limits).
_numbers = st.decimals(min_value=0, max_value=10**9 - 1, places=2, allow_nan=False)
_units = st.sampled_from([Unit.PERSON, Unit.ATTENDANCE, Unit.PERCENT, Unit.DAY])


@st.composite
def figures(draw: st.DrawFn, unit: Unit | None = None) -> Figure:
    """A figure of any qualifier, with ranges and open ends."""
    unit = unit or draw(_units)
    qualifier = draw(st.sampled_from(list(Qualifier)))
    low, high = sorted((draw(_numbers), draw(_numbers)))
    if qualifier in {Qualifier.AT_LEAST, Qualifier.MORE_THAN}:
        high = None
    elif qualifier in {Qualifier.AT_MOST, Qualifier.LESS_THAN}:
        low = None
    return Figure(low, high, qualifier=qualifier, unit=unit)


@given(figures(Unit.PERSON), figures(Unit.PERSON))
def test_addition_is_commutative(a, b):
    """a + b == b + a for any two figures of one unit."""
    assert a + b == b + a


def test_about_zero_plus_at_most_keeps_about_whichever_order():
    """The counterexample hypothesis found: "about 0" + "at most 0" must stay "about"."""
    a = Figure.exact(Decimal("0.01"), Unit.PERSON)
    b = Figure(0, 0, qualifier=Qualifier.ABOUT, unit=Unit.PERSON)
    c = Figure(None, 0, qualifier=Qualifier.AT_MOST, unit=Unit.PERSON)
    assert (a + b) + c == a + (b + c)
    assert (a + (b + c)).qualifier is Qualifier.ABOUT


@given(figures(Unit.PERSON), figures(Unit.PERSON), figures(Unit.PERSON))
def test_addition_is_associative(a, b, c):
    """(a + b) + c == a + (b + c): summing budget lines does not depend on the order."""
    assert (a + b) + c == a + (b + c)


@given(figures(Unit.PERSON), figures(Unit.COURSE))
def test_sum_and_product_keep_low_at_most_high(a, b):
    """Arithmetic never produces a figure whose low end is above its high end."""
    for result in (a + a, a + Figure.exact(1, Unit.PERSON), a * b, b * a):
        if result.low is not None and result.high is not None:
            assert result.low <= result.high


@given(figures(Unit.PERSON), figures(Unit.PERSON))
def test_a_value_within_both_parts_sums_to_within_the_total(a, b):
    """If x meets a and y meets b, x + y meets a + b (for exact, at-least, at-most parts)."""
    exactish = {Qualifier.EXACT, Qualifier.AT_LEAST, Qualifier.AT_MOST}
    if a.qualifier not in exactish or b.qualifier not in exactish:
        return
    pick_a = a.low if a.low is not None else a.high
    pick_b = b.low if b.low is not None else b.high
    assert pick_a is not None
    assert pick_b is not None
    assert a.assess(pick_a) is WITHIN
    assert (a + b).assess(pick_a + pick_b) is WITHIN


@given(figures(), st.floats(allow_nan=False))
def test_floats_are_refused_everywhere(figure, number):
    """Neither assess nor multiplication accepts a float."""
    with pytest.raises(TypeError):
        figure.assess(number)
    with pytest.raises(TypeError):
        figure * number  # type: ignore[operator]


def test_at_most_times_a_number_stays_at_most() -> None:
    """'tối đa 5 khóa' three times over is at most 15 courses, not a range from zero."""
    assert Figure.parse("tối đa 5 khóa") * 3 == Figure.at_most(15, Unit.COURSE)
    assert Figure.parse("dưới 5 khóa") * 3 == Figure.less_than(15, Unit.COURSE)


def test_at_most_courses_times_a_course_size_is_at_most_people() -> None:
    product = Figure.parse("tối đa 4 khóa") * Figure.parse("15 người")
    assert product == Figure.at_most(60, Unit.PERSON)
