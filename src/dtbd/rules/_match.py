"""Whether a course, a person and an attendance fall inside a :class:`~dtbd.Scope`.

The predicate over the model's objects, used by the rule checks. A scope field left
empty lets everything through; a field that is set lets through only records that
state a matching value, so a person without a recorded category is not in a scope that
names categories (the record cannot show it belongs).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.model._people import Attendance, Course, Person
    from dtbd.model._scope import Scope

__all__ = ["attendance_matches", "course_matches", "person_matches", "scope_has_person_fields"]


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
        or scope.under_age is not None
    )


def person_matches(scope: Scope, person: Person, on: dt.date) -> bool:
    """Whether the person passes the scope's person fields, ages read on the date ``on``."""
    if scope.under_age is not None:
        age = person.age_on(on) if person.birth_date and person.birth_date <= on else None
        if age is None or age >= scope.under_age:
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
