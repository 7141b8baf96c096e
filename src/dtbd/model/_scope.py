"""Which records a target or rule looks at."""

from __future__ import annotations

from collections.abc import Iterable

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


def _positive_age(_i: object, _a: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value <= 0:
        raise ValueError(f"'under_age' must be a positive number of years (got {value})")


@attrs.frozen
class Scope:
    """A filter over records: which courses, which persons, which outcomes count.

    Every field left empty (``None`` or ``()``) lets every record through; a tuple field
    keeps records that match any of its values. Course fields look at the course,
    person fields at the person who attended.

    "cán bộ, công chức cấp xã tham gia các lớp bồi dưỡng" is
    ``Scope(activity=Activity.FOSTERING, categories=(StaffCategory.COMMUNE_CADRE,))``.
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
    under_age: int | None = attrs.field(default=None, validator=_positive_age)
    """Only persons younger than this many whole years at the course start (or the
    reference date, for a population)."""
    # the attendance
    outcomes: tuple[Outcome, ...] = attrs.field(default=(), converter=_as_tuple_of_outcome)

    @property
    def is_everything(self) -> bool:
        """Whether the scope lets every record through."""
        return self == Scope()
