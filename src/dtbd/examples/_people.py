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
    high = 58 if cap is None else cap
    if scope.under_age is not None:
        high = min(high, scope.under_age - 1)
    age = fixed.get("age")
    if not isinstance(age, int):
        age = rng.randint(min(24, high), high)
    person = Person(
        f"vd-p{len(draft.persons) + 1:06d}",
        name=" ".join((rng.choice(FAMILY), rng.choice(MIDDLE[gender]), rng.choice(GIVEN[gender]))),
        birth_date=draft.born(age),
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
