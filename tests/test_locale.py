"""Formatting for people: numbers, money, percentages, dates and figures in vi and en."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import Figure, Unit, parse_figure
from dtbd.figures._figure import format_figure
from dtbd.figures._format import (
    format_count,
    format_date,
    format_money,
    format_number,
    format_percent,
)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (37000, "37.000", "37,000"),
        (Decimal("272.3"), "272,3", "272.3"),
        (Decimal("1234.567"), "1.234,567", "1,234.567"),
        (Decimal("0.125"), "0,125", "0.125"),
        (4, "4", "4"),
    ],
)
def test_number_uses_the_locale_separators_and_keeps_decimals(value, vi, en):
    """Numbers take '.'/',' in Vietnamese and ','/'.' in English, with every decimal kept."""
    assert (format_number(value), format_number(value, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("amount", "vi", "en"),
    [
        (272_300_000_000, "272,3 tỷ đồng", "VND 272.3 billion"),
        (90_000_000_000, "90 tỷ đồng", "VND 90 billion"),
        (3_600_000_000, "3,6 tỷ đồng", "VND 3.6 billion"),
        (183_300_000, "183,3 triệu đồng", "VND 183.3 million"),
        (500_000, "500.000 đồng", "VND 500,000"),
        (1_200_000_000_000, "1,2 nghìn tỷ đồng", "VND 1.2 trillion"),
    ],
)
def test_money_in_compact_words(amount, vi, en):
    """Money reads in tỷ/triệu (billion/million); below a million in full."""
    assert (format_money(Decimal(amount)), format_money(Decimal(amount), "en")) == (vi, en)


def test_money_shows_more_decimals_rather_than_rounding():
    """272,35 tỷ is not rounded to 272,4 tỷ: exactness wins over one decimal."""
    assert format_money(Decimal(272_350_000_000)) == "272,35 tỷ đồng"


def test_money_too_precise_for_the_compact_form_is_written_out():
    """An amount that needs more than three decimals in tỷ is written in full đồng."""
    assert format_money(Decimal(1_234_567_891)) == "1.234.567.891 đồng"
    assert format_money(Decimal(1_234_567_891), "en") == "VND 1,234,567,891"


def test_money_refuses_floats():
    """Money is never a float: 272.3e9 as a float is refused with a hint."""
    with pytest.raises(TypeError, match="Decimal"):
        format_money(272.3e9)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [(80, "80%", "80%"), (100, "100%", "100%"), (Decimal("12.5"), "12,5%", "12.5%")],
)
def test_percent_keeps_the_written_number(value, vi, en):
    """80 is printed as 80 %, in CLDR's spacing for each locale."""
    assert (format_percent(value), format_percent(value, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("day", "vi", "en"),
    [
        (dt.date(2023, 11, 17), "ngày 17 tháng 11 năm 2023", "17 November 2023"),
        (dt.date(2025, 2, 18), "ngày 18 tháng 02 năm 2025", "18 February 2025"),
        (dt.date(2018, 3, 5), "ngày 05 tháng 3 năm 2018", "5 March 2018"),
        (pendulum.date(2022, 12, 28), "ngày 28 tháng 12 năm 2022", "28 December 2022"),
    ],
)
def test_date_in_the_official_style(day, vi, en):
    """Vietnamese dates follow Decree 30/2020 (zero before days < 10 and months 1, 2)."""
    assert (format_date(day), format_date(day, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("value", "unit", "vi", "en"),
    [
        (37000, Unit.ATTENDANCE, "37.000 lượt", "37,000 person-times"),
        (1, Unit.ATTENDANCE, "1 lượt", "1 person-time"),
        (17, Unit.PERSON, "17 người", "17 people"),
        (1, Unit.PERSON, "1 người", "1 person"),
        (Decimal("1.0"), Unit.PERSON, "1 người", "1 person"),
        (Decimal("1.5"), Unit.DAY, "1,5 ngày", "1.5 days"),
        (4, Unit.COURSE, "4 khóa", "4 courses"),
        (1, Unit.COURSE, "1 khóa", "1 course"),
        (32, Unit.TOPIC, "32 chuyên đề", "32 topics"),
        (32, Unit.DAY, "32 ngày", "32 days"),
        (1, Unit.DAY, "1 ngày", "1 day"),
        (40, Unit.LESSON, "40 tiết", "40 periods"),
        (4, Unit.YEAR, "4 năm", "4 years"),
        (45, Unit.AGE, "45 tuổi", "45 years of age"),
        (3, Unit.TIMES, "3 lần", "3 times"),
        (4, Unit.GROUP, "4 nhóm", "4 groups"),
        (80, Unit.PERCENT, "80%", "80%"),
        (11_000_000_000, Unit.VND, "11 tỷ đồng", "VND 11 billion"),
    ],
)
def test_count_with_its_unit(value, unit, vi, en):
    """Counts carry their unit word, singular or plural in English by CLDR plural rules."""
    assert (format_count(value, unit), format_count(value, unit, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("phrase", "vi", "en"),
    [
        ("khoảng 15 - 17 người", "khoảng 15–17 người", "about 15–17 people"),
        ("hơn 272,3 tỷ đồng", "hơn 272,3 tỷ đồng", "more than VND 272.3 billion"),
        ("ít nhất 80%", "ít nhất 80%", "at least 80%"),
        ("dưới 45 tuổi", "dưới 45 tuổi", "under 45 years of age"),
        ("gần 90 tỷ đồng", "gần 90 tỷ đồng", "nearly VND 90 billion"),
        ("37.000 lượt", "37.000 lượt", "37,000 person-times"),
        ("11 - 18 tỷ đồng", "11–18 tỷ đồng", "VND 11–18 billion"),
        ("khoảng 04 khóa", "khoảng 4 khóa", "about 4 courses"),
        ("tối đa 30 học viên", "tối đa 30 người", "at most 30 people"),
        ("không quá 20 triệu đồng", "tối đa 20 triệu đồng", "at most VND 20 million"),
        ("dưới 5 tỷ đồng", "dưới 5 tỷ đồng", "less than VND 5 billion"),
        ("15 - 17%", "15–17%", "15–17%"),
        ("ít nhất 1 lần", "ít nhất 1 lần", "at least 1 time"),
    ],
)
def test_figure_in_words(phrase, vi, en):
    """Figures print with their qualifier word, an en dash for ranges, and the unit."""
    figure = parse_figure(phrase)
    assert (format_figure(figure), format_figure(figure, "en")) == (vi, en)
    assert (figure.format(), figure.format(locale="en"), str(figure)) == (vi, en, vi)


def test_money_range_with_ends_of_different_size_shares_one_scale():
    """0,5–2 triệu đồng: both ends in the scale of the larger, so the range reads as one."""
    figure = Figure.between(500_000, 2_000_000, Unit.VND)
    assert format_figure(figure) == "0,5–2 triệu đồng"
    assert format_figure(figure, "en") == "VND 0.5–2 million"


@pytest.mark.parametrize(
    "call",
    [
        lambda loc: format_number(1, loc),
        lambda loc: format_money(Decimal(1), loc),
        lambda loc: format_percent(1, loc),
        lambda loc: format_date(dt.date(2023, 1, 1), loc),
        lambda loc: format_count(1, Unit.PERSON, loc),
        lambda loc: format_figure(Figure.exact(1, Unit.PERSON), loc),
    ],
)
def test_unsupported_locale_names_the_supported_ones(call):
    """A locale other than vi/en is refused with a message naming the two."""
    with pytest.raises(ValueError, match=r"unsupported locale 'fr'.*'vi'.*'en'"):
        call("fr")


@given(st.integers(min_value=10**6, max_value=10**14))
def test_money_text_reads_back_to_the_exact_amount(amount):
    """Whatever scale is chosen, the Vietnamese money text parses back to the same đồng."""
    assert parse_figure(format_money(Decimal(amount))).low == amount


@given(st.integers(min_value=100, max_value=99_999).map(lambda k: k * 10**7))
def test_budget_amounts_in_billions_print_compactly(amount):
    """Multiples of 10 triệu from 1 to 999 tỷ print as "N,nn tỷ đồng", not in full."""
    text = format_money(Decimal(amount))
    assert text.endswith(" tỷ đồng")
    assert len(text.split()[0].partition(",")[2]) <= 2
