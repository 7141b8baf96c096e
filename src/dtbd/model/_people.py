"""People, courses and who attended what."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from dtbd._validators import (
    check_id,
    check_unique_ids,
    enum_value,
    optional_id,
    to_tuple,
)
from dtbd.figures._figure import to_decimal
from dtbd.model._calendar import study_days_between, study_end
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
from dtbd.model._period import Period, optional_date, to_date

__all__ = ["Attendance", "Cohort", "Course", "Person", "age_on"]


def _as_activity(value: object) -> Activity:
    return enum_value(Activity, value)


def _as_location(value: object) -> Location:
    return enum_value(Location, value)


def _as_optional_course_format(value: object) -> CourseFormat | None:
    return None if value is None else enum_value(CourseFormat, value)


def _as_optional_level(value: object) -> Level | None:
    return None if value is None else enum_value(Level, value)


def _as_optional_staff_category(value: object) -> StaffCategory | None:
    return None if value is None else enum_value(StaffCategory, value)


def _as_outcome(value: object) -> Outcome:
    return enum_value(Outcome, value)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in whole years on the date ``on`` (a birthday counts from its own day).

    The age is read from the calendar parts: the difference of the years, less one if the
    birthday of that year is still to come (``(month, day)`` of ``on`` before that of the
    birth date). Someone born on 29 February is a year older on 1 March in a common year
    (still the younger age on 28 February) and on 29 February in a leap year.

    >>> age_on(pendulum.date(1980, 3, 16), pendulum.date(2025, 3, 15))
    44
    >>> age_on(pendulum.date(1980, 3, 16), pendulum.date(2025, 3, 16))
    45
    >>> age_on(pendulum.date(1980, 2, 29), pendulum.date(2025, 2, 28))
    44
    >>> age_on(pendulum.date(1980, 2, 29), pendulum.date(2025, 3, 1))
    45

    Raises:
        ValueError: ``on`` is before the birth date.
    """
    born, day = to_date(birth_date), to_date(on)
    if day < born:
        raise ValueError(f"the date {day} is before the birth date {born}")
    # Not pendulum's diff().in_years(): pendulum 3.3 counts a year too many on the day
    # before a birthday in a 30-day month (issue 10).
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@attrs.frozen
class Person:
    """A cadre, civil servant or public employee as the staff file knows them."""

    id: str = attrs.field(validator=check_id)
    name: str | None = None
    birth_date: dt.date | None = attrs.field(default=None, converter=optional_date)
    gender: Gender | None = attrs.field(default=None, converter=as_optional_gender)
    category: StaffCategory | None = attrs.field(
        default=None, converter=_as_optional_staff_category
    )
    level: Level | None = attrs.field(default=None, converter=_as_optional_level)
    position: str | None = None
    unit: str | None = None
    qualifications: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    """Free labels used by priority rules and scopes: ``planned`` (*quy hoạch*),
    ``excellent`` (*hoàn thành xuất sắc nhiệm vụ*), …"""
    ethnicity: str | None = None
    """The ethnic group (*dân tộc*) as the staff file writes it: a name ("Kinh", "Tày")
    or the statistics office's two-digit code ("01" is Kinh); see :attr:`minority`."""

    def age_on(self, on: dt.date) -> int | None:
        """Whole years of age on ``on``, or ``None`` without a birth date."""
        return None if self.birth_date is None else age_on(self.birth_date, on)

    @property
    def minority(self) -> bool | None:
        """Whether the person belongs to an ethnic minority (*dân tộc thiểu số*).

        Every group but the Kinh is a minority: ``ethnicity`` "Kinh" (in any case, with or
        without its tone mark) or the code "01"/"1" is not, any other value is; ``None``
        when the ethnicity is not given.

        >>> Person("p1", ethnicity="Tày").minority, Person("p2", ethnicity="kinh").minority
        (True, False)
        """
        if self.ethnicity is None:
            return None
        return _folded(self.ethnicity) not in _MAJORITY


_MAJORITY = frozenset({"kinh", "01", "1"})


def _folded(text: str) -> str:
    # "Kinh" has no tone mark, but a file may write "KINH" or a stray "Kính"
    plain = unicodedata.normalize("NFD", text.strip().casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def _cost(value: object) -> Decimal | None:
    if value is None:
        return None
    amount = to_decimal(value)
    if amount < 0:
        raise ValueError(f"'cost' must not be negative (got {amount})")
    return amount


def _study_days(_i: object, _a: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or value < 1):
        raise ValueError(f"'study_days' must be a whole number ≥ 1 (got {value!r})")


def _course_end(instance: Course, _a: attrs.Attribute[Any], end: dt.date | None) -> None:
    if end is not None and end < instance.start:
        raise ValueError(
            f"course {instance.id!r}: 'end' {end.isoformat()} is before 'start' "
            f"{instance.start.isoformat()}; check the two dates"
        )


@attrs.frozen
class Course:
    """A course or class (*khóa*, *lớp*).

    Give its ``start`` and either its ``end`` or its number of ``study_days``: with study
    days alone the course knows its last day, skipping weekends and public holidays.

    >>> Course("hn-2018-2", start=pendulum.date(2018, 3, 16), study_days=32).last_day
    Date(2018, 5, 3)
    """

    id: str = attrs.field(validator=check_id)
    start: dt.date = attrs.field(converter=to_date)
    end: dt.date | None = attrs.field(default=None, converter=optional_date, validator=_course_end)
    study_days: int | None = attrs.field(default=None, validator=_study_days)
    title: str | None = None
    activity: Activity = attrs.field(default=Activity.FOSTERING, converter=_as_activity)
    format: CourseFormat | None = attrs.field(default=None, converter=_as_optional_course_format)
    location: Location = attrs.field(default=Location.DOMESTIC, converter=_as_location)
    country: str | None = None
    """ISO 3166 alpha-2 code of the host country for a course abroad (``JP``, ``SG``)."""
    place: str | None = None
    provider: str | None = None
    lead: str | None = None
    """The agency that leads (*chủ trì*) the course, matched by a target's scope."""
    topics: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    content: str | None = None
    """The programme's content key: two courses with one key teach the same content."""
    cost: Decimal | None = attrs.field(default=None, converter=_cost)
    target: str | None = attrs.field(default=None, validator=optional_id)
    """A target the course is planned for, if the records say so."""

    @property
    def last_day(self) -> pendulum.Date:
        """The end date, worked out from ``study_days`` when not given (one day if neither)."""
        if self.end is not None:
            return to_date(self.end)
        if self.study_days is not None:
            return study_end(self.start, self.study_days)
        return to_date(self.start)

    @property
    def period(self) -> Period:
        """The days from the first to the last day of the course."""
        return Period(self.start, self.last_day)

    @property
    def days_of_study(self) -> int:
        """The study days of the course: as stated, or counted between its dates."""
        if self.study_days is not None:
            return self.study_days
        return study_days_between(self.start, self.last_day)


def _fraction_days(value: object) -> Decimal | None:
    if value is None:
        return None
    days = to_decimal(value)
    if days < 0:
        raise ValueError(f"'study_days' must not be negative (got {days})")
    return days


@attrs.frozen
class Attendance:
    """One person on one course: one *lượt*."""

    person: str = attrs.field(validator=check_id)
    course: str = attrs.field(validator=check_id)
    outcome: Outcome = attrs.field(default=Outcome.COMPLETED, converter=_as_outcome)
    study_days: Decimal | None = attrs.field(default=None, converter=_fraction_days)
    """Days this person attended, when fewer than the course's."""
    cost: Decimal | None = attrs.field(default=None, converter=_cost)
    """What this person's place cost, in đồng: money spent on the course when neither a
    spending line nor the course's own ``cost`` gives it (``docs/records.md``)."""


@attrs.frozen
class Cohort:
    """A course's learners (*học viên*) with their outcomes.

    >>> course = Course("lop-1", start=pendulum.date(2017, 11, 6), study_days=32)
    >>> Cohort.from_learners(course, ["p1", "p2"]).size
    2
    """

    course: Course
    attendances: tuple[Attendance, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        for index, attendance in enumerate(self.attendances):
            if attendance.course != self.course.id:
                raise ValueError(
                    f"attendances[{index}] is for course {attendance.course!r}, not "
                    f"{self.course.id!r}: a cohort holds one course's learners"
                )
        check_unique_ids("learner", (a.person for a in self.attendances))

    @classmethod
    def from_learners(
        cls,
        course: Course,
        persons: Iterable[str],
        outcome: Outcome = Outcome.COMPLETED,
    ) -> Cohort:
        """A cohort of the given person ids, all with one outcome."""
        return cls(course, tuple(Attendance(p, course.id, outcome) for p in persons))

    @property
    def size(self) -> int:
        """How many learners the course had."""
        return len(self.attendances)
