"""What filling a form gathers: the persons and classes of each cell, and what it left out."""

from __future__ import annotations

from typing import Literal

import attrs

from dtbd.model._categories import Level
from dtbd.model._units import UnitLevel, UnitTree
from dtbd.words import say_each

__all__ = ["Kind", "Tally", "Unclassified", "Why", "unit_level", "why"]

Why = tuple[str, str]
Kind = Literal["attendance", "course", "reported"]
"""A reason in English and in Vietnamese, in that order."""


def why(key: str, /, **fields: object) -> Why:
    """The reason ``forms.reason.<key>`` in English and Vietnamese, ``fields`` filled in."""
    vi, en = say_each(f"forms.reason.{key}", **fields)
    return en, vi


_LEVEL_OF = {
    UnitLevel.CENTRAL: Level.CENTRAL,
    UnitLevel.PROVINCE: Level.PROVINCE,
    UnitLevel.DEPARTMENT: Level.PROVINCE,
    UnitLevel.DISTRICT: Level.DISTRICT,
    UnitLevel.COMMUNE: Level.COMMUNE,
}
"""A unit's level as a level of government; a plain ``unit`` takes its parent's."""


@attrs.frozen
class Unclassified:
    """A record the form has no cell for, and why.

    ``kind`` is ``attendance`` (a person on a course: ``id`` is ``"person @ course"``),
    ``course`` (a class whose opening unit has no column) or ``reported`` (a unit's
    reported row, ``id`` ``"submissions[3] (unit)"``).
    """

    kind: Literal["attendance", "course", "reported"]
    id: str
    reason: str
    """Why, in English."""
    reason_vi: str = ""
    """Why, in Vietnamese (the English when not given)."""

    @classmethod
    def of(cls, kind: Kind, id_: str, reason: Why) -> Unclassified:
        """A record left out for ``reason`` (:func:`why`)."""
        return cls(kind, id_, reason[0], reason[1])

    def reason_in(self, locale: str = "vi") -> str:
        """The reason in ``locale`` (``vi`` or ``en``)."""
        return self.reason_vi or self.reason if locale == "vi" else self.reason


def unit_level(units: UnitTree, unit_id: str) -> Level | None:
    """The level of government of a unit: its own, or that of the first ancestor with one."""
    if unit_id not in units:
        return None
    for unit in (units[unit_id], *units.ancestors(unit_id)):
        if unit.level in _LEVEL_OF:
            return _LEVEL_OF[unit.level]
    return None


@attrs.define
class Tally:
    """Per (row, column): the distinct persons and classes, the attendances, the reported."""

    persons: dict[tuple[str, int], set[str]] = attrs.Factory(dict)
    attendances: dict[tuple[str, int], int] = attrs.Factory(dict)
    """*Lượt*: each attendance counted, a person on two courses twice."""
    courses: dict[tuple[str, int], set[str]] = attrs.Factory(dict)
    reported: dict[tuple[str, int], int] = attrs.Factory(dict)
    """Counts from units' reported rows, added to the distinct ones (they have no ids)."""
    unclassified: list[Unclassified] = attrs.Factory(list)
    course_rows: dict[str, set[str]] = attrs.Factory(dict)
    seen_courses: set[str] = attrs.Factory(set)
    """The courses of the period with a learner of the unit, counted or not."""
    used: list[object] = attrs.Factory(list)
    known_units: set[str] = attrs.Factory(set)
    """The units of the persons counted: their reported rows are not added again."""
    counted: int = 0
    reported_rows: int = 0

    def add(self, row: str, column: int, count: int) -> None:
        """Add a reported count to a cell."""
        self.reported[row, column] = self.reported.get((row, column), 0) + count
