"""Courses being built for the example data, and how they and their people meet scopes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from dtbd.figures._units import Qualifier
from dtbd.model._scope import Scope
from dtbd.rules._match import person_matches

if TYPE_CHECKING:
    from collections.abc import Callable

    from dtbd.figures._figure import Figure
    from dtbd.model._categories import Activity, CourseFormat, Location
    from dtbd.model._people import Person

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
    """Whether a person passes the scope's person fields, ages read on ``on``.

    The rule checks' own test (:func:`dtbd.rules._match.person_matches`), so example people
    are in a scope exactly when the checks say so.
    """
    return person_matches(scope, person, on)


def merge_scopes(first: Scope, second: Scope, *, skip_qualifications: bool = False) -> Scope:
    """Person fields of both scopes at once (``first`` wins where they disagree)."""

    def both(a: tuple[object, ...], b: tuple[object, ...]) -> tuple[object, ...]:
        common = tuple(x for x in a if x in b)
        return common or a or b

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
        **_births(first, second),
    )


def _births(first: Scope, second: Scope) -> dict[str, Any]:
    """The birth fields of both scopes at once: the tighter of each, if any person fits.

    Ages read on different dates, or bounds that leave nobody, keep ``first``'s.
    """

    def tight(name: str, pick: Callable[[list[int]], int]) -> int | None:
        values = [v for v in (getattr(first, name), getattr(second, name)) if v is not None]
        return pick(values) if values else None

    own = {name: getattr(first, name) for name in _BIRTH_FIELDS}
    ages = [(s.under_age, s.from_age) != (None, None) for s in (first, second)]
    if all(ages) and first.age_on != second.age_on:
        return own
    both: dict[str, Any] = {
        "under_age": tight("under_age", min),
        "from_age": tight("from_age", max),
        "age_on": first.age_on or second.age_on,
        "born_from": tight("born_from", max),
        "born_until": tight("born_until", min),
    }
    try:
        Scope(**both)
    except ValueError:
        return own
    return both


_BIRTH_FIELDS = ("under_age", "from_age", "age_on", "born_from", "born_until")
