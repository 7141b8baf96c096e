"""Courses being built for the example data, and how they and their people meet scopes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from dtbd.figures._units import Qualifier
from dtbd.model._people import age_on

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.figures._figure import Figure
    from dtbd.model._categories import Activity, CourseFormat, Location
    from dtbd.model._people import Person
    from dtbd.model._scope import Scope

__all__ = [
    "DraftCourse",
    "course_in",
    "figure_amount",
    "max_age",
    "merge_scopes",
    "person_in",
]


@dataclasses.dataclass(slots=True)
class DraftCourse:
    """A course being built; turned into a :class:`Course` at the end."""

    id: str
    start: dt.date
    end: dt.date
    study_days: int
    activity: Activity
    format: CourseFormat
    location: Location
    country: str | None
    lead: str | None
    topic: str
    content: str
    target: str
    scope: Scope
    learners: list[str]
    cost: Decimal = Decimal(0)


def figure_amount(figure: Figure | None) -> Decimal | None:
    """The single number a figure stands for: its value, a range's middle, an open end."""
    if figure is None:
        return None
    if figure.low is not None and figure.high is not None:
        return (figure.low + figure.high) / 2
    return figure.low if figure.low is not None else figure.high


def max_age(figure: Figure | None) -> int | None:
    """The oldest whole age an age-limit figure allows ("dưới 45 tuổi" → 44)."""
    if figure is None or figure.high is None:
        return None
    high = int(figure.high)
    return high - 1 if figure.qualifier is Qualifier.LESS_THAN else high


def course_in(scope: Scope, course: DraftCourse) -> bool:
    """Whether a course being built passes the scope's course fields."""
    return (
        (scope.activity is None or scope.activity is course.activity)
        and (scope.location is None or scope.location is course.location)
        and (not scope.countries or course.country in scope.countries)
        and (not scope.formats or course.format in scope.formats)
        and (not scope.topics or course.topic in scope.topics)
        and (not scope.leads or course.lead in scope.leads)
    )


def person_in(scope: Scope, person: Person, on: dt.date) -> bool:
    """Whether a person passes the scope's person fields, ages read on ``on``."""

    def any_of(wanted: tuple[object, ...], have: Iterable[object]) -> bool:
        return not wanted or any(item in wanted for item in have)

    return (
        any_of(scope.categories, (person.category,))
        and any_of(scope.levels, (person.level,))
        and any_of(scope.positions, (person.position,))
        and any_of(scope.units, (person.unit,))
        and any_of(scope.tags, person.tags)
        and any_of(scope.qualifications, person.qualifications)
        and (scope.gender is None or scope.gender is person.gender)
        and (
            scope.under_age is None
            or (
                person.birth_date is not None
                and person.birth_date <= on
                and age_on(person.birth_date, on) < scope.under_age
            )
        )
    )


def merge_scopes(first: Scope, second: Scope, *, skip_qualifications: bool = False) -> Scope:
    """Person fields of both scopes at once (``first`` wins where they disagree)."""

    def both(a: tuple[object, ...], b: tuple[object, ...]) -> tuple[object, ...]:
        common = tuple(x for x in a if x in b)
        return common or a or b

    ages = [age for age in (first.under_age, second.under_age) if age is not None]
    return attrs.evolve(
        first,
        categories=both(first.categories, second.categories),
        levels=both(first.levels, second.levels),
        positions=both(first.positions, second.positions),
        units=both(first.units, second.units),
        tags=both(first.tags, second.tags),
        qualifications=()
        if skip_qualifications
        else both(first.qualifications, second.qualifications),
        gender=first.gender or second.gender,
        under_age=min(ages) if ages else None,
    )
