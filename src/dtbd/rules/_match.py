"""Whether a course, a person and an attendance fall inside a :class:`~dtbd.Scope`.

The predicate over the model's objects, used by the rule checks. A scope field left
empty lets everything through; a field that is set lets through only records that
state a matching value, so a person without a recorded category is not in a scope that
names categories (the record cannot show it belongs).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from dtbd.model._people import age_on

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.model._people import Attendance, Course, Person
    from dtbd.model._scope import Scope

__all__ = [
    "COURSE_FIELDS",
    "attendance_matches",
    "course_gaps",
    "course_matches",
    "course_place",
    "person_gaps",
    "person_matches",
    "person_place",
    "place",
    "scope_has_person_fields",
]

_SCOPE_FIELD = {
    "country": ("countries", ()),
    "format": ("formats", ()),
    "lead": ("leads", ()),
    "category": ("categories", ()),
    "level": ("levels", ()),
    "position": ("positions", ()),
    "unit": ("units", ()),
    "gender": ("gender", None),
}
"""A record field the scope may need, and the scope field (with its empty value) that needs it."""
_BIRTH_FIELDS = ("under_age", "from_age", "age_on", "born_from", "born_until")
"""The scope fields that need the record field ``birth_date``."""
COURSE_FIELDS = frozenset({"country", "format", "lead"})
"""The fields of :data:`_SCOPE_FIELD` that belong to the course."""


def _one(wanted: Iterable[object], value: object) -> bool:
    wanted = tuple(wanted)
    return not wanted or value in wanted


def _any(wanted: Iterable[object], values: Iterable[object]) -> bool:
    wanted = tuple(wanted)
    return not wanted or bool(set(wanted) & set(values))


def course_matches(scope: Scope, course: Course) -> bool:
    """Whether the course passes the scope's course fields (activity … leads).

    >>> import pendulum
    >>> from dtbd import Activity, Course, Scope
    >>> course = Course("k1", start=pendulum.date(2024, 3, 1), activity="training")
    >>> course_matches(Scope(activity=Activity.FOSTERING), course)
    False
    """
    return (
        _one(() if scope.activity is None else (scope.activity,), course.activity)
        and _one(() if scope.location is None else (scope.location,), course.location)
        and _one(scope.countries, course.country)
        and _one(scope.formats, course.format)
        and _any(scope.topics, course.topics)
        and _one(scope.leads, course.lead)
    )


def scope_has_person_fields(scope: Scope) -> bool:
    """Whether the scope looks at the person at all (category, level, tags, age …)."""
    return bool(
        scope.categories
        or scope.levels
        or scope.positions
        or scope.units
        or scope.tags
        or scope.qualifications
        or scope.gender is not None
        or scope.reads_birth_date
    )


def course_gaps(scope: Scope, course: Course) -> tuple[str, ...]:
    """The course fields the scope names that the course leaves blank, by model name.

    Lists (topics) are never blank, only empty; activity and location always have a value.

    >>> import pendulum
    >>> from dtbd import Course, Scope
    >>> course_gaps(Scope(countries=("JP",)), Course("k1", start=pendulum.date(2024, 3, 1)))
    ('country',)
    """
    named = (
        ("country", scope.countries, course.country),
        ("format", scope.formats, course.format),
        ("lead", scope.leads, course.lead),
    )
    return tuple(name for name, wanted, value in named if wanted and value is None)


def course_place(scope: Scope, course: Course) -> tuple[str, ...] | None:
    """Like :func:`place` for the course alone: out (``None``), in (``()``) or its gaps."""
    gaps = course_gaps(scope, course)
    return gaps if course_matches(_cleared(scope, gaps), course) else None


def person_gaps(scope: Scope, person: Person, on: dt.date) -> tuple[str, ...]:
    """The person fields the scope names that the person leaves blank, by model name.

    An age (``under_age``, ``from_age``) needs a birth date on or before the date it is
    read at (``scope.age_on``, else ``on``), a birth year (``born_from``, ``born_until``)
    a birth date; tags and qualifications are lists, empty rather than blank.
    """
    named = (
        ("category", scope.categories, person.category),
        ("level", scope.levels, person.level),
        ("position", scope.positions, person.position),
        ("unit", scope.units, person.unit),
        ("gender", () if scope.gender is None else (scope.gender,), person.gender),
    )
    gaps = [name for name, wanted, value in named if wanted and value is None]
    ages = scope.under_age is not None or scope.from_age is not None
    born = person.birth_date
    if scope.reads_birth_date and (born is None or (ages and born > (scope.age_on or on))):
        gaps.append("birth_date")
    return tuple(gaps)


def person_place(scope: Scope, person: Person, on: dt.date) -> tuple[str, ...] | None:
    """Like :func:`place` for the person alone, ages read on ``on``."""
    gaps = person_gaps(scope, person, on)
    return gaps if person_matches(_cleared(scope, gaps), person, on) else None


def person_matches(scope: Scope, person: Person, on: dt.date) -> bool:
    """Whether the person passes the scope's person fields, ages read on the date ``on``.

    Ages are read on ``scope.age_on`` instead when the scope fixes that date.
    """
    if scope.reads_birth_date and not _born_in(scope, person.birth_date, scope.age_on or on):
        return False
    return (
        _one(scope.categories, person.category)
        and _one(scope.levels, person.level)
        and _one(scope.positions, person.position)
        and _one(scope.units, person.unit)
        and _any(scope.tags, person.tags)
        and _any(scope.qualifications, person.qualifications)
        and _one(() if scope.gender is None else (scope.gender,), person.gender)
    )


def _born_in(scope: Scope, born: dt.date | None, on: dt.date) -> bool:
    """Whether a birth date passes the scope's birth years and its ages read on ``on``."""
    if born is None:
        return False
    if scope.born_from is not None and born.year < scope.born_from:
        return False
    if scope.born_until is not None and born.year > scope.born_until:
        return False
    if scope.under_age is None and scope.from_age is None:
        return True
    if born > on:
        return False
    age = age_on(born, on)
    return (scope.under_age is None or age < scope.under_age) and (
        scope.from_age is None or age >= scope.from_age
    )


def attendance_matches(
    scope: Scope, attendance: Attendance, course: Course, person: Person | None
) -> bool:
    """Whether one attendance passes every field of the scope.

    Ages are read at the course start. An unknown person (``None``) passes only a scope
    that does not look at persons.
    """
    if scope.outcomes and attendance.outcome not in scope.outcomes:
        return False
    if not course_matches(scope, course):
        return False
    if person is None:
        return not scope_has_person_fields(scope)
    return person_matches(scope, person, course.start)


def place(
    scope: Scope, attendance: Attendance, course: Course, person: Person | None
) -> tuple[str, ...] | None:
    """Whether the scope takes the attendance: ``None`` no, ``()`` yes, else the blank fields.

    A record is out when a field it states fails the scope; when every stated field
    passes but the scope names a field the record leaves blank, the scope cannot say, and
    the blank fields are returned (``("gender",)``) for a missing-data finding. An unknown
    person (``None``) is out of a scope that looks at persons (reported once elsewhere).
    """
    gaps = course_gaps(scope, course)
    if person is not None:
        gaps += person_gaps(scope, person, course.start)
    return gaps if attendance_matches(_cleared(scope, gaps), attendance, course, person) else None


def _cleared(scope: Scope, gaps: tuple[str, ...]) -> Scope:
    """The scope without the fields that need the blank ``gaps``: what the record states."""
    if not gaps:
        return scope
    cleared: dict[str, Any] = {
        _SCOPE_FIELD[gap][0]: _SCOPE_FIELD[gap][1] for gap in gaps if gap != "birth_date"
    }
    if "birth_date" in gaps:
        cleared.update(dict.fromkeys(_BIRTH_FIELDS))
    return attrs.evolve(scope, **cleared)
