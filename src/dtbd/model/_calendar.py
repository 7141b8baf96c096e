"""Study days: working days in Vietnam, from the ``holidays`` package."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

import pendulum

from dtbd.model._period import to_date

if TYPE_CHECKING:
    import holidays

__all__ = ["is_study_day", "study_days_between", "study_end"]


@lru_cache(maxsize=1)
def _vietnam() -> holidays.HolidayBase:
    # One calendar object for the process: holidays fills in years lazily as asked. The
    # package (~60 ms to import, its country registry) loads with the first study day.
    import holidays  # noqa: PLC0415

    return holidays.country_holidays("VN")


def is_study_day(day: dt.date) -> bool:
    """Whether classes are held on ``day``: not a Saturday, Sunday or public holiday.

    Public holidays, Tết and the days off swapped for them come from the ``holidays``
    package ("VN" calendar).

    >>> is_study_day(pendulum.date(2018, 4, 25))  # Giỗ Tổ Hùng Vương
    False
    """
    return bool(_vietnam().is_working_day(to_date(day)))


def study_end(start: dt.date, study_days: int) -> pendulum.Date:
    """The last day of a course of ``study_days`` study days that opens on ``start``.

    The opening day counts as the first study day when it is one; otherwise the course
    begins on the next study day.

    >>> study_end(pendulum.date(2018, 3, 16), 32)  # the 2018 Hanoi commune-leader class
    Date(2018, 5, 3)
    """
    if isinstance(study_days, bool) or not isinstance(study_days, int) or study_days < 1:
        raise ValueError(f"'study_days' must be a whole number ≥ 1 (got {study_days!r})")
    first = to_date(start)
    calendar = _vietnam()
    if not calendar.is_working_day(first):
        first = to_date(calendar.get_nth_working_day(first, 1))
    return (
        to_date(calendar.get_nth_working_day(first, study_days - 1)) if study_days > 1 else first
    )


def study_days_between(start: dt.date, end: dt.date) -> int:
    """How many study days lie from ``start`` to ``end``, both included."""
    first, last = to_date(start), to_date(end)
    if last < first:
        raise ValueError(f"'end' {last} is before 'start' {first}")
    return int(_vietnam().get_working_days_count(first, last))
