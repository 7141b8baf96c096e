"""Which records a target or rule looks at."""

from __future__ import annotations

import attrs

from dtbd._categories import Activity, CourseFormat, Gender, Level, Location, Outcome, StaffCategory
from dtbd._validators import enum_tuple_converter, optional_enum_converter, to_tuple

__all__ = ["Scope"]


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
    activity: Activity | None = attrs.field(
        default=None, converter=optional_enum_converter(Activity, "activity")
    )
    location: Location | None = attrs.field(
        default=None, converter=optional_enum_converter(Location, "location")
    )
    countries: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    formats: tuple[CourseFormat, ...] = attrs.field(
        default=(), converter=enum_tuple_converter(CourseFormat, "formats")
    )
    topics: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    leads: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    # the person
    categories: tuple[StaffCategory, ...] = attrs.field(
        default=(), converter=enum_tuple_converter(StaffCategory, "categories")
    )
    levels: tuple[Level, ...] = attrs.field(
        default=(), converter=enum_tuple_converter(Level, "levels")
    )
    positions: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    units: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    qualifications: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    gender: Gender | None = attrs.field(
        default=None, converter=optional_enum_converter(Gender, "gender")
    )
    under_age: int | None = attrs.field(default=None, validator=_positive_age)
    """Only persons younger than this many whole years at the course start (or the
    reference date, for a population)."""
    # the attendance
    outcomes: tuple[Outcome, ...] = attrs.field(
        default=(), converter=enum_tuple_converter(Outcome, "outcomes")
    )

    @property
    def is_everything(self) -> bool:
        """Whether the scope lets every record through."""
        return self == Scope()
