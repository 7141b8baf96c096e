"""Example people: a fresh, invented person inside a scope, no older than a cap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.examples._words import (
    CATEGORY_MIX,
    FAMILY,
    GIVEN,
    MIDDLE,
    POSITIONS,
    QUALIFICATIONS,
    SCHOOLS,
    SYNTHETIC_TAG,
    UNITS,
)
from dtbd.model._categories import DISTRICT_LEVEL_ENDS, Gender, Level, StaffCategory
from dtbd.model._people import Person

if TYPE_CHECKING:
    from dtbd.examples._draft import Draft
    from dtbd.model._scope import Scope

__all__ = ["new_person"]


def new_person(draft: Draft, scope: Scope, cap: int | None, **fixed: object) -> Person:
    """A fresh person inside ``scope``'s person fields, no older than ``cap``."""
    rng = draft.rng
    gender = fixed.get("gender") or scope.gender or rng.choice((Gender.FEMALE, Gender.MALE))
    assert isinstance(gender, Gender)  # noqa: S101  -- narrows the type for mypy
    mix = CATEGORY_MIX
    category = (
        rng.choice(scope.categories)
        if scope.categories
        else rng.choices([c for c, _ in mix], [w for _, w in mix])[0]
    )
    if scope.levels:
        level = rng.choice(scope.levels)
    elif category in {StaffCategory.COMMUNE_CADRE, StaffCategory.PART_TIME_COMMUNE}:
        level = Level.COMMUNE
    elif draft.horizon <= DISTRICT_LEVEL_ENDS and rng.random() < 0.4:
        level = Level.DISTRICT
    else:
        level = Level.PROVINCE
    if scope.units:
        unit = rng.choice(scope.units)
    elif category is StaffCategory.PUBLIC_EMPLOYEE:
        unit = rng.choice(SCHOOLS)
    else:
        unit = rng.choice(UNITS[level])
    quals = [q for q in QUALIFICATIONS if q not in draft.reserved] or ["university"]
    posts = [p for p in POSITIONS[category] if p not in draft.reserved] or ["officer"]
    qualification = rng.choice(scope.qualifications or tuple(quals))
    tags = (SYNTHETIC_TAG, rng.choice(scope.tags)) if scope.tags else (SYNTHETIC_TAG,)
    ref = scope.age_on or draft.age_ref
    low, high = _ages(draft, scope, 58 if cap is None else cap)
    age = fixed.get("age")
    if not isinstance(age, int):
        age = rng.randint(min(low, high), high)
    person = Person(
        f"vd-p{len(draft.persons) + 1:06d}",
        name=" ".join((rng.choice(FAMILY), rng.choice(MIDDLE[gender]), rng.choice(GIVEN[gender]))),
        birth_date=draft.born(age, ref),
        gender=gender,
        category=category,
        level=level,
        position=rng.choice(scope.positions or tuple(posts)),
        unit=unit,
        qualifications=(qualification,),
        tags=tags,
    )
    draft.persons[person.id] = person
    draft.busy[person.id] = []
    return person


def _ages(draft: Draft, scope: Scope, high: int) -> tuple[int, int]:
    """The youngest and oldest age on the scope's reference date a new person may have.

    Ages are set on ``scope.age_on``, else on ``draft.age_ref`` (the latest date any age is
    read at), so a person under ``under_age`` there is younger at every course; one at
    least ``from_age`` at every course start is older by the years the scheme runs. A
    birth date drawn for an age falls in the year ``ref.year - age`` or the one before.
    """
    ref = scope.age_on or draft.age_ref
    low = 24
    if scope.under_age is not None:
        high = min(high, scope.under_age - 1)
    if scope.from_age is not None:
        span = 0 if scope.age_on else ref.year - draft.scheme.period.start.year + 1
        low = max(low, scope.from_age + span)
    if scope.born_from is not None:
        high = min(high, ref.year - scope.born_from - 1)
    if scope.born_until is not None:
        low = max(low, ref.year - scope.born_until)
    return low, high
