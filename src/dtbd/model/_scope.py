"""Which records a target or rule looks at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from dtbd._validators import enum_value, to_tuple
from dtbd.model._categories import (
    Activity,
    CourseFormat,
    Gender,
    Level,
    Location,
    Outcome,
    StaffCategory,
    as_optional_gender,
)
from dtbd.model._period import optional_date

__all__ = ["Scope"]


def _as_optional_activity(value: object) -> Activity | None:
    return None if value is None else enum_value(Activity, value)


def _as_optional_location(value: object) -> Location | None:
    return None if value is None else enum_value(Location, value)


def _as_tuple_of_course_format(values: Iterable[object]) -> tuple[CourseFormat, ...]:
    return tuple(enum_value(CourseFormat, v) for v in to_tuple(values))


def _as_tuple_of_level(values: Iterable[object]) -> tuple[Level, ...]:
    return tuple(enum_value(Level, v) for v in to_tuple(values))


def _as_tuple_of_outcome(values: Iterable[object]) -> tuple[Outcome, ...]:
    return tuple(enum_value(Outcome, v) for v in to_tuple(values))


def _as_tuple_of_staff_category(values: Iterable[object]) -> tuple[StaffCategory, ...]:
    return tuple(enum_value(StaffCategory, v) for v in to_tuple(values))


FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR = 1900, 2100
"""The birth years a scope may name (``born_from``, ``born_until``), both included."""


_BIRTH_YEAR_SCHEMA = {"json_schema": {"minimum": FIRST_BIRTH_YEAR, "maximum": LAST_BIRTH_YEAR}}
_AGE_SCHEMA = {"json_schema": {"minimum": 1}}
"""Bounds the scheme file's JSON Schema states (``dtbd.files._schema``)."""


def _whole(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name!r} must be a whole number (got {value!r})")


def _positive_age(_i: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    _whole(attribute.name, value)
    if value <= 0:
        raise ValueError(
            f"{attribute.name!r} must be a positive number of years (got {value}); "
            "leave it out to let every age through"
        )


def _birth_year(_i: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    _whole(attribute.name, value)
    if not FIRST_BIRTH_YEAR <= value <= LAST_BIRTH_YEAR:
        raise ValueError(
            f"{attribute.name!r} is a year of birth from {FIRST_BIRTH_YEAR} to "
            f"{LAST_BIRTH_YEAR} (got {value}); write the four-digit year, as in "
            '"sinh từ năm 1979" (1979)'
        )


def _check_scope(instance: Scope, _a: attrs.Attribute[Any], _value: object) -> None:
    """Checks between fields: a birth-year range and an age range that let someone through."""
    low, high = instance.born_from, instance.born_until
    if low is not None and high is not None and low > high:
        raise ValueError(
            f"'born_from' {low} is after 'born_until' {high}, so nobody could match; "
            "swap the two years"
        )
    young, old = instance.under_age, instance.from_age
    if young is not None and old is not None and old >= young:
        low, high = min(old, young), max(old, young)
        raise ValueError(
            f"'from_age' {old} is not below 'under_age' {young}, so nobody could match; "
            f"'under_age' is one more than the oldest age: \"từ {low} đến {high} tuổi\" is "
            f"from_age = {low}, under_age = {high + 1}"
        )
    if instance.age_on is not None and young is None and old is None:
        raise ValueError(
            f"'age_on' {instance.age_on.isoformat()} is the date ages are read at, but the "
            "scope names no age; add 'under_age' or 'from_age', or leave 'age_on' out"
        )


@attrs.frozen
class Scope:
    """A filter over records: which courses, which persons, which outcomes count.

    Every field left empty (``None`` or ``()``) lets every record through; a tuple field
    keeps records that match any of its values. Course fields look at the course,
    person fields at the person who attended.

    "cán bộ, công chức cấp xã tham gia các lớp bồi dưỡng" is
    ``Scope(activity=Activity.FOSTERING, categories=(StaffCategory.COMMUNE_CADRE,))``;
    "sinh từ năm 1979 trở lại đây" is ``Scope(born_from=1979)``.
    """

    # the course
    activity: Activity | None = attrs.field(default=None, converter=_as_optional_activity)
    location: Location | None = attrs.field(default=None, converter=_as_optional_location)
    countries: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    formats: tuple[CourseFormat, ...] = attrs.field(
        default=(), converter=_as_tuple_of_course_format
    )
    topics: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    leads: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    # the person
    categories: tuple[StaffCategory, ...] = attrs.field(
        default=(), converter=_as_tuple_of_staff_category
    )
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_as_tuple_of_level)
    positions: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    units: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    qualifications: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    gender: Gender | None = attrs.field(default=None, converter=as_optional_gender)
    under_age: int | None = attrs.field(
        default=None, validator=_positive_age, metadata=_AGE_SCHEMA
    )
    """Only persons younger than this many whole years ("dưới 45 tuổi") at the course
    start (for a population, its reference date), or at ``age_on`` when it is set."""
    from_age: int | None = attrs.field(default=None, validator=_positive_age, metadata=_AGE_SCHEMA)
    """Only persons at least this many whole years old ("từ 30 tuổi"), read like
    ``under_age``; with it an age range: "từ 30 đến 45 tuổi" is ``from_age=30,
    under_age=46``."""
    age_on: dt.date | None = attrs.field(default=None, converter=optional_date)
    """The fixed date ``under_age`` and ``from_age`` are read at ("tính đến 31/12/2025");
    ``None`` reads them at each course's start (a population at its reference date)."""
    born_from: int | None = attrs.field(
        default=None, validator=_birth_year, metadata=_BIRTH_YEAR_SCHEMA
    )
    """Only persons born in this year or later ("sinh từ năm 1979 trở lại đây")."""
    born_until: int | None = attrs.field(
        default=None, validator=_birth_year, metadata=_BIRTH_YEAR_SCHEMA
    )
    """Only persons born in this year or earlier ("sinh năm 1969 trở về trước"; "sinh
    trước năm 1970" is ``born_until=1969``)."""
    # the attendance
    outcomes: tuple[Outcome, ...] = attrs.field(
        default=(), converter=_as_tuple_of_outcome, validator=_check_scope
    )

    @property
    def reads_birth_date(self) -> bool:
        """Whether the scope looks at the birth date (an age or a birth year).

        A person without a birth date, or born after the date an age is read at, never
        matches such a scope.
        """
        return any(
            value is not None
            for value in (self.under_age, self.from_age, self.born_from, self.born_until)
        )

    @property
    def is_everything(self) -> bool:
        """Whether the scope lets every record through."""
        return self == Scope()
