"""Categories that describe people and courses: activity, staff category, level, format."""

from __future__ import annotations

import datetime as dt
import enum

import pendulum

from dtbd._validators import enum_value

__all__ = [
    "Activity",
    "CourseFormat",
    "Gender",
    "Level",
    "Location",
    "Outcome",
    "StaffCategory",
]


class Activity(enum.Enum):
    """Training (*đào tạo*: a degree or a higher qualification) or fostering (*bồi dưỡng*)."""

    TRAINING = "training"
    FOSTERING = "fostering"


class StaffCategory(enum.Enum):
    """Who a person is in the public service."""

    CADRE = "cadre"
    """*cán bộ*: elected or appointed to a term."""
    CIVIL_SERVANT = "civil_servant"
    """*công chức*."""
    PUBLIC_EMPLOYEE = "public_employee"
    """*viên chức*: works in a public service unit (schools, hospitals, …)."""
    COMMUNE_CADRE = "commune_cadre"
    """*cán bộ, công chức cấp xã*, counted apart in most plans."""
    PART_TIME_COMMUNE = "part_time_commune"
    """*người hoạt động không chuyên trách* at commune, village or residential group level."""
    COUNCIL_DELEGATE = "council_delegate"
    """*đại biểu Hội đồng nhân dân*, People's Council delegate."""


class Level(enum.Enum):
    """Level of government (*cấp*).

    The district level (*cấp huyện*) ended on 30 June 2025, when two-level local
    government began; plans written before keep their district targets, but records of
    a later date at district level are wrong. :meth:`in_force` says which levels exist
    on a date.
    """

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"

    @property
    def valid_until(self) -> dt.date | None:
        """The last day this level existed, or ``None`` if it still does."""
        return DISTRICT_LEVEL_ENDS if self is Level.DISTRICT else None

    def in_force(self, on: dt.date) -> bool:
        """Whether this level of government exists on the date ``on``."""
        until = self.valid_until
        return until is None or on <= until


DISTRICT_LEVEL_ENDS = pendulum.date(2025, 6, 30)
"""Last day of the district level: two-level local government began on 1 July 2025."""


class Location(enum.Enum):
    """Where a course is held: in Vietnam (*trong nước*) or abroad (*nước ngoài*)."""

    DOMESTIC = "domestic"
    ABROAD = "abroad"


class CourseFormat(enum.Enum):
    """How a course is attended."""

    FULL_TIME = "full_time"
    """*tập trung*: in person, full-time."""
    PART_TIME = "part_time"
    """*bán tập trung* / *vừa làm vừa học*."""
    ONLINE = "online"
    """*trực tuyến*."""


class Gender(enum.Enum):
    """A person's gender as recorded in the staff file."""

    FEMALE = "female"
    MALE = "male"


def as_optional_gender(value: object) -> Gender | None:
    """An attrs converter: a ``Gender`` from a member or its value, or ``None``."""
    return None if value is None else enum_value(Gender, value)


class Outcome(enum.Enum):
    """What became of a learner on a course."""

    COMPLETED = "completed"
    """Finished and passed (*hoàn thành*)."""
    ENROLLED = "enrolled"
    """Still studying."""
    FAILED = "failed"
    """Finished without passing."""
    WITHDRAWN = "withdrawn"
    """Left before the end (*bỏ học*)."""
