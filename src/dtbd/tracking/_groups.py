"""Which records fall in each group of a breakdown: persons, courses, payments by id.

A breakdown (:func:`dtbd.breakdown`) measures a scheme once per group of a filtered
record set. This module decides the groups and their members from the small tables
(persons, courses, payments and the person-course pairs of the attendances), so that the
Python engine and the frame engine filter the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import attrs

from dtbd.model._budget import Spending
from dtbd.model._people import Course, Person
from dtbd.model._units import OrgUnit, UnitId, UnitTree

__all__ = [
    "AGE_BANDS",
    "BREAKDOWNS",
    "BY",
    "COURSE_SIDE",
    "GroupKey",
    "Members",
    "age_band",
    "home_unit",
    "members_of",
    "unit_groups",
]

GroupKey = str | int | None
"""A group's key: a unit id, a category's value, a year; ``None`` is the unknown group."""

PERSON_SIDE = (
    "unit", "unit_level", "gender", "minority", "ethnicity", "age", "category", "level",
    "leadership", "position", "qualification",
)  # fmt: skip
COURSE_SIDE = ("content", "location", "format", "activity", "year")
BY = PERSON_SIDE + COURSE_SIDE
BREAKDOWNS = BY
"""Everything a breakdown can be by: attributes of persons, then of courses."""

AGE_BANDS = ("to-40", "over-40-to-50", "over-50")
"""The age bands of the statistics forms (Biểu 11-BTCTW): "Từ 40 tuổi trở xuống", "Từ
trên 40 tuổi đến 50 tuổi", "Từ trên 50 tuổi", in whole years at the reference date."""

Pick = Literal["person", "course", "all", "roster"]


@attrs.frozen
class Members:
    """The records of one group, by id: the rows a group's run keeps.

    ``persons`` and ``courses`` are ``None`` for every row of that table; attendances
    are chosen by their person (``pick="person"``), by their course or all of them. A
    group found in the frames (``pick="roster"``) lists no ids: its rows are found by a
    column of the roster (:mod:`dtbd.tracking._roster_passes`).
    """

    key: GroupKey
    persons: frozenset[str] | None
    courses: frozenset[str] | None
    spending: frozenset[str] | None
    pick: Pick
    parent: GroupKey = None
    depth: int = 0
    unit: OrgUnit | None = None


def age_band(age: int | None) -> str | None:
    """The band of an age in whole years: ``to-40`` (≤ 40), ``over-40-to-50``, ``over-50``.

    >>> age_band(40), age_band(41), age_band(50), age_band(51), age_band(None)
    ('to-40', 'over-40-to-50', 'over-40-to-50', 'over-50', None)
    """
    if age is None:
        return None
    return AGE_BANDS[0] if age <= 40 else AGE_BANDS[1] if age <= 50 else AGE_BANDS[2]


def _band_on(person: Person, on: dt.date) -> str | None:
    # a birth date after the reference day is a mistake of the roster: its age is unknown
    born = person.birth_date
    return None if born is None or born > on else age_band(person.age_on(on))


def _known(tree: UnitTree, unit: str) -> UnitId | None:
    if unit in tree:
        return unit
    # a roster read from CSV holds text; a tree of number codes holds numbers
    if unit.isdigit() and int(unit) in tree:
        return int(unit)
    return None


def _chain(tree: UnitTree, unit: OrgUnit) -> list[UnitId]:
    return [unit.id, *(a.id for a in tree.ancestors(unit.id))]


def _lowest_common(tree: UnitTree, units: Sequence[OrgUnit]) -> UnitId | None:
    chains = [_chain(tree, u) for u in units]
    common = set(chains[0]).intersection(*chains[1:])
    return next((u for u in chains[0] if u in common), None)


def home_unit(tree: UnitTree, unit: str | None, on: dt.date) -> UnitId | None:
    """The unit of the structure in force on ``on`` that a person of ``unit`` counts in.

    The lowest unit that certainly holds them: the unit itself if it is in force; if it
    ended, the unit its successors map to, or the lowest unit above all of them when it
    was split; if it ended without successor (a district), what its nearest ancestor
    maps to. ``None`` when the tree lacks the unit or nothing in force holds it.
    """
    known = None if unit is None else _known(tree, unit)
    if known is None:
        return None
    for step in (known, *(a.id for a in tree.ancestors(known))):
        if mapped := tree.map_to(step, on):
            return _lowest_common(tree, mapped)
    return None


def _person_keys(
    by: str, on: dt.date, tree: UnitTree | None
) -> Callable[[Person], tuple[GroupKey, ...]]:
    def one(value: GroupKey) -> tuple[GroupKey, ...]:
        return () if value is None else (value,)

    def level_of(p: Person) -> tuple[GroupKey, ...]:
        assert tree is not None  # noqa: S101  -- checked by the caller
        home = home_unit(tree, p.unit, on)
        return () if home is None else (tree[home].level.value,)

    keys: dict[str, Callable[[Person], tuple[GroupKey, ...]]] = {
        "unit_level": level_of,
        "gender": lambda p: one(p.gender and p.gender.value),
        "minority": lambda p: one(
            None if p.minority is None else "minority" if p.minority else "majority"
        ),
        "ethnicity": lambda p: one(p.ethnicity and p.ethnicity.strip()),
        "age": lambda p: one(
            age_band(p.age_on(on)) if p.birth_date and p.birth_date <= on else None
        ),
        "category": lambda p: one(p.category and p.category.value),
        "level": lambda p: one(p.level and p.level.value),
        "leadership": lambda p: ("leader",) if p.position else ("not-leader",),
        "position": lambda p: one(p.position),
        "qualification": lambda p: tuple(dict.fromkeys(p.qualifications)),
    }
    return keys[by]


def _course_key(by: str, course: Course) -> GroupKey:
    if by == "year":
        return course.start.year
    value = getattr(course, by)
    return value if value is None or isinstance(value, str) else str(value.value)


def _sorted(keys: Iterable[GroupKey]) -> list[GroupKey]:
    return sorted({k for k in keys if k is not None}, key=lambda k: (isinstance(k, str), k))


def members_of(  # noqa: PLR0913  -- the tables a grouping reads
    by: str,
    persons: Sequence[Person],
    courses: Sequence[Course],
    spending: Sequence[Spending],
    pairs: Iterable[tuple[str, str]],
    *,
    on: dt.date,
    units: UnitTree | None = None,
) -> list[Members]:
    """The groups of a breakdown ``by`` an attribute and the ids of each group's rows.

    ``pairs`` are the (person, course) ids of the attendances, read only for a person
    attribute. The unknown group (key ``None``) comes last when any row falls in it.
    """
    if by in COURSE_SIDE:
        return _by_course(by, courses, spending)
    if by == "unit":
        assert units is not None  # noqa: S101  -- checked by the caller
        return _by_unit(units, persons, (courses, spending), pairs, on)
    if not persons:
        return [Members(None, None, None, None, "all")]
    keyed = {p.id: _person_keys(by, on, units)(p) for p in persons}
    groups: dict[GroupKey, set[str]] = defaultdict(set)
    for person, keys in keyed.items():
        for key in keys or (None,):
            groups[key].add(person)
    order = [(k, None, 0, None) for k in _sorted(groups)]
    return _person_groups(order, groups, (courses, spending), pairs)


def _person_groups(
    order: Sequence[tuple[GroupKey, GroupKey, int, OrgUnit | None]],
    groups: dict[GroupKey, set[str]],
    rest: tuple[Sequence[Course], Sequence[Spending]],
    pairs: Iterable[tuple[str, str]],
) -> list[Members]:
    attended: dict[str, set[str]] = defaultdict(set)
    for person, course in pairs:
        attended[person].add(course)
    rostered = {c for person in set().union(*groups.values()) for c in attended.get(person, ())}

    def courses_of(persons: set[str]) -> set[str]:
        return {c for person in persons for c in attended.get(person, ())}

    found = [
        Members(key, frozenset(groups.get(key, ())), frozenset(courses_of(groups.get(key, set()))),
                frozenset(), "person", parent, depth, unit)
        for key, parent, depth, unit in order
    ]  # fmt: skip
    # The unknown group holds its persons, every payment (no payment names a person), the
    # courses payments name and those no rostered person attended: every row counts once.
    courses, paid = rest
    unknown = groups.get(None, set())
    # a payment names a course, not a person: the courses payments name go with them
    unattended = ({c.id for c in courses} - rostered) | {s.course for s in paid if s.course}
    if unknown or unattended or paid or any(m.unit for m in found):
        found.append(
            Members(None, frozenset(unknown), frozenset(courses_of(unknown) | unattended), None,
                    "person")
        )  # fmt: skip
    return found


def _by_unit(
    tree: UnitTree,
    persons: Sequence[Person],
    rest: tuple[Sequence[Course], Sequence[Spending]],
    pairs: Iterable[tuple[str, str]],
    on: dt.date,
) -> list[Members]:
    groups: dict[GroupKey, set[str]] = defaultdict(set)
    # thousands of persons share a few units: each unit's chain is found once
    chains: dict[str | None, tuple[UnitId, ...]] = {}
    for person in persons:
        chain = chains.get(person.unit)
        if chain is None:
            home = home_unit(tree, person.unit, on)
            chain = () if home is None else (home, *(a.id for a in tree.ancestors(home)))
            chains[person.unit] = chain
        if not chain:
            groups[None].add(person.id)
        for unit in chain:
            groups[unit].add(person.id)
    return _person_groups(_walk(tree, on), groups, rest, pairs)


def _walk(tree: UnitTree, on: dt.date) -> list[tuple[GroupKey, GroupKey, int, OrgUnit]]:
    """The units in force on ``on``, each before its children: key, parent, depth, unit."""
    order: list[tuple[GroupKey, GroupKey, int, OrgUnit]] = []

    def walk(unit: OrgUnit, depth: int) -> None:
        order.append((unit.id, unit.parent, depth, unit))
        for child in tree.children(unit.id, on):
            walk(child, depth + 1)

    for root in tree.at(on).roots():
        walk(tree[root.id], 0)
    return order


def unit_groups(tree: UnitTree, on: dt.date) -> list[Members]:
    """The groups of a breakdown by unit, in :func:`members_of`'s order, without their ids.

    Each unit in force on ``on`` before its children, then the unknown group; the frames
    find each group's rows (``pick="roster"``).
    """
    found = [
        Members(key, None, None, None, "roster", parent, depth, unit)
        for key, parent, depth, unit in _walk(tree, on)
    ]
    return [*found, Members(None, None, None, None, "roster")] if found else []


def _by_course(by: str, courses: Sequence[Course], spending: Sequence[Spending]) -> list[Members]:
    if not courses:
        return [Members(None, None, None, None, "all")]
    keys = {c.id: _course_key(by, c) for c in courses}
    groups: dict[GroupKey, set[str]] = defaultdict(set)
    for course, key in keys.items():
        groups[key].add(course)
    paid: dict[GroupKey, set[str]] = defaultdict(set)
    for line in spending:
        if by == "year":
            paid[line.date.year].add(line.id)
        elif line.course is None:
            paid[None].add(line.id)
        elif line.course in keys:
            paid[keys[line.course]].add(line.id)
    order = _sorted([*groups, *(k for k in paid if by == "year")])
    found = [
        Members(k, None, frozenset(groups.get(k, ())), frozenset(paid.get(k, ())), "course")
        for k in order
    ]
    if groups.get(None) or paid.get(None):
        found.append(
            Members(None, None, frozenset(groups.get(None, ())), frozenset(paid.get(None, ())),
                    "course")
        )  # fmt: skip
    return found
