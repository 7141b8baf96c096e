"""Figures reported by a unit (*báo cáo của đơn vị*): aggregate records, a row per line.

A unit that does not send its list of learners sends totals instead: for a period, how
many *lượt*, how many persons, how many classes and at what cost, by activity and
content, and of which women, ethnic minorities, staff categories. Each row of such a
report is a :class:`SubmissionRow`; ``docs/submissions.md`` says how they are measured
against a scheme's targets beside person-level records.

>>> row = SubmissionRow("so-y-te", year=2024, activity="fostering", attendances=120, persons=95)
>>> row.period
Period(start=Date(2024, 1, 1), end=Date(2024, 12, 31))
>>> row.breakdown
()
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from dtbd._limits import FIRST_DATE, LAST_DATE
from dtbd._validators import check_id, enum_value
from dtbd.figures._figure import to_decimal
from dtbd.model._categories import (
    Activity,
    CourseFormat,
    Gender,
    Level,
    Location,
    StaffCategory,
    as_optional_gender,
)
from dtbd.model._period import Period, optional_date

__all__ = ["BREAKDOWN", "COUNTS", "LINE", "SubmissionRow"]

LINE = ("activity", "format", "location", "content")
"""The columns that say which line of the report a row is (DHIS2's data element): rows
of different lines are different activities and add up."""
BREAKDOWN = ("gender", "minority", "category", "level", "age_band")
"""The breakdown columns (DHIS2's category options): blank is *all*, a value is the part
of the line's total that has it ("of which women")."""
COUNTS = ("attendances", "persons", "courses", "cost")
"""The counted columns: lượt, người, lớp/khóa, kinh phí (đồng)."""

_YES = frozenset({"yes", "true", "1", "x", "có", "co", "dtts"})
_NO = frozenset({"no", "false", "0", "không", "khong"})


def _activity(value: object) -> Activity | None:
    return None if value is None else enum_value(Activity, value)


def _format(value: object) -> CourseFormat | None:
    return None if value is None else enum_value(CourseFormat, value)


def _location(value: object) -> Location | None:
    return None if value is None else enum_value(Location, value)


def _category(value: object) -> StaffCategory | None:
    return None if value is None else enum_value(StaffCategory, value)


def _level(value: object) -> Level | None:
    return None if value is None else enum_value(Level, value)


def _flag(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(
        f"'minority' must be yes or no (có/không, 1/0; got {value!r}); leave it blank for all"
    )


def _count(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"a count must be a whole number ≥ 0 (got {value!r})")
    number = to_decimal(value)
    if number < 0 or number != number.to_integral_value():
        raise ValueError(f"a count must be a whole number ≥ 0 (got {value!r})")
    return int(number)


def _money(value: object) -> Decimal | None:
    if value is None:
        return None
    amount = to_decimal(value)
    if amount < 0:
        raise ValueError(f"'cost' must not be negative (got {amount})")
    return amount


def _year(_instance: object, _a: attrs.Attribute[Any], year: int | None) -> None:
    if year is not None and (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not FIRST_DATE.year <= year <= LAST_DATE.year
    ):
        raise ValueError(
            f"'year' must be a year from {FIRST_DATE.year} to {LAST_DATE.year} "
            f"(got {year!r}); or give the period as 'start' and 'end'"
        )


def _year_start(row: SubmissionRow) -> dt.date | None:
    return None if row.year is None else dt.date(row.year, 1, 1)


def _year_end(row: SubmissionRow) -> dt.date | None:
    return None if row.year is None else dt.date(row.year, 12, 31)


def _dates(instance: SubmissionRow, _a: attrs.Attribute[Any], end: dt.date | None) -> None:
    start = instance.start
    if start is None or end is None:
        raise ValueError(
            f"unit {instance.unit!r}: the row has no period; give its 'year' or its "
            "'start' and 'end' dates"
        )
    if end < start:
        raise ValueError(
            f"unit {instance.unit!r}: 'end' {end.isoformat()} is before 'start' "
            f"{start.isoformat()}; check the two dates"
        )
    if instance.year is not None and (start.year, end.year) != (instance.year, instance.year):
        raise ValueError(
            f"unit {instance.unit!r}: 'start' {start.isoformat()} and 'end' "
            f"{end.isoformat()} are not within the 'year' {instance.year}; give one or the other"
        )


def _counted(instance: SubmissionRow, _a: attrs.Attribute[Any], cost: Decimal | None) -> None:
    if all(getattr(instance, name) is None for name in COUNTS[:-1]) and cost is None:
        raise ValueError(
            f"unit {instance.unit!r}: the row reports nothing; give at least one of "
            "'attendances' (lượt), 'persons' (người), 'courses' (lớp) or 'cost'"
        )


@attrs.frozen
class SubmissionRow:
    """One row of a unit's report: a period, a line, a breakdown and its counts.

    The period is a calendar ``year`` or ``start``/``end`` dates. The line columns
    (:data:`LINE`: activity, format, location, content) say what was done; a blank one
    is not stated. The breakdown columns (:data:`BREAKDOWN`) say which part of the
    line's learners the counts are of; a blank one is all of them, so a row with no
    breakdown is the line's total. Counts that are blank were not reported.
    """

    unit: str = attrs.field(validator=check_id)
    year: int | None = attrs.field(default=None, validator=_year)
    start: dt.date | None = attrs.field(
        default=attrs.Factory(_year_start, takes_self=True), converter=optional_date
    )
    end: dt.date | None = attrs.field(
        default=attrs.Factory(_year_end, takes_self=True), converter=optional_date,
        validator=_dates,
    )  # fmt: skip
    activity: Activity | None = attrs.field(default=None, converter=_activity)
    format: CourseFormat | None = attrs.field(default=None, converter=_format)
    location: Location | None = attrs.field(default=None, converter=_location)
    content: str | None = None
    gender: Gender | None = attrs.field(default=None, converter=as_optional_gender)
    minority: bool | None = attrs.field(default=None, converter=_flag)
    category: StaffCategory | None = attrs.field(default=None, converter=_category)
    level: Level | None = attrs.field(default=None, converter=_level)
    age_band: str | None = None
    """An age band as the report writes it ("≤ 40", "41-50"); rows carry no birth dates,
    so a target that filters on age is not measurable from them."""
    attendances: int | None = attrs.field(default=None, converter=_count)
    persons: int | None = attrs.field(default=None, converter=_count)
    courses: int | None = attrs.field(default=None, converter=_count)
    cost: Decimal | None = attrs.field(default=None, converter=_money, validator=_counted)

    @property
    def period(self) -> Period:
        """The days the row reports on."""
        assert self.start is not None  # noqa: S101  -- validated
        assert self.end is not None  # noqa: S101  -- validated
        return Period(self.start, self.end)

    @property
    def line(self) -> tuple[object, ...]:
        """The unit, period and line columns: rows of one line are one activity's figures."""
        return (self.unit, self.start, self.end, *(getattr(self, c) for c in LINE))

    @property
    def breakdown(self) -> tuple[tuple[str, object], ...]:
        """The breakdown columns the row gives, as ``(column, value)``; ``()`` is a total."""
        return tuple((c, getattr(self, c)) for c in BREAKDOWN if getattr(self, c) is not None)
