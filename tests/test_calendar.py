"""Study days skip weekends and Vietnamese public holidays from the holidays package."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import Course, is_study_day, study_days_between, study_end


def test_the_2018_hanoi_class_of_32_study_days_ends_on_3_may() -> None:
    """Text 001: opened 16 March 2018, 32 days, no Saturdays or Sundays.

    Giỗ Tổ Hùng Vương (25 April), 30 April and 1 May fall inside and are skipped.
    """
    course = Course("hn-2018-lop-2", start=pendulum.date(2018, 3, 16), study_days=32)
    assert course.last_day == pendulum.date(2018, 5, 3)
    assert course.days_of_study == 32


def test_tet_is_not_a_study_day() -> None:
    assert not is_study_day(pendulum.date(2024, 2, 12))  # Mùng 3 Tết Giáp Thìn
    assert not is_study_day(pendulum.date(2024, 2, 17))  # a Saturday
    assert is_study_day(pendulum.date(2024, 2, 15))


def test_a_course_opening_on_a_sunday_starts_counting_on_monday() -> None:
    assert study_end(pendulum.date(2024, 3, 3), 1) == pendulum.date(2024, 3, 4)


def test_study_days_between_counts_both_ends() -> None:
    assert study_days_between(pendulum.date(2018, 3, 16), pendulum.date(2018, 5, 3)) == 32


def test_study_end_refuses_zero_days() -> None:
    with pytest.raises(ValueError, match="whole number ≥ 1"):
        study_end(pendulum.date(2024, 3, 4), 0)


@given(
    start=st.dates(min_value=pendulum.date(2015, 1, 1), max_value=pendulum.date(2030, 12, 31)),
    days=st.integers(min_value=1, max_value=120),
)
def test_counting_the_study_days_to_the_end_gives_the_number_back(start, days) -> None:
    end = study_end(start, days)
    assert is_study_day(end)
    first = start if is_study_day(start) else study_end(start, 1)
    assert study_days_between(first, end) == days
