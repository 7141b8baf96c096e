"""Units of organisation (*đơn vị*): who a target is assigned to, as a tree over time.

A province has departments (*sở*), district or commune People's Committees and the units
under them; each unit exists from a date to a date, and a unit that was merged or split
names its *successors*. The reform of 1 July 2025 is data of this kind: district units
end on 30 June 2025, old communes and provinces end on the same day and name the new
ones that took them over, so a record of 2024 can be rolled up into the structure of
2026 (:meth:`UnitTree.map_to`).

>>> import datetime as dt
>>> tree = UnitTree([
...     OrgUnit("hy", "Tỉnh Hưng Yên", "province"),
...     OrgUnit("huyen-a", "UBND huyện A", "district", parent="hy", end="2025-06-30"),
...     OrgUnit("xa-1", "Xã 1", "commune", parent="huyen-a", end="2025-06-30",
...             successors=["xa-moi"]),
...     OrgUnit("xa-2", "Xã 2", "commune", parent="huyen-a", end="2025-06-30",
...             successors=["xa-moi"]),
...     OrgUnit("xa-moi", "Xã Mới", "commune", parent="hy", start="2025-07-01"),
... ])
>>> [u.id for u in tree.map_to("xa-1", on=dt.date(2026, 1, 1))]
['xa-moi']
>>> [u.id for u in tree.at(dt.date(2026, 1, 1))]
['hy', 'xa-moi']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from dtbd._codes import SchemeProblem, scheme_problems
from dtbd._errors import DtbdError
from dtbd._validators import enum_value, non_empty_text, to_tuple
from dtbd.model._period import optional_date

__all__ = [
    "OrgUnit",
    "UnitId",
    "UnitLevel",
    "UnitProblem",
    "UnitTree",
    "UnitTreeError",
    "check_unit_id",
    "unit_problems",
]

UnitId = str | int
"""A unit's id: a text id ("so-y-te") or a number code (the statistics office's 31)."""

_DAY = dt.timedelta(days=1)


class UnitLevel(enum.Enum):
    """The level (*cấp*) of a unit of organisation."""

    CENTRAL = "central"
    """A ministry or a central agency (*trung ương*)."""
    PROVINCE = "province"
    """A province or a centrally run city (*tỉnh*, *thành phố trực thuộc trung ương*)."""
    DEPARTMENT = "department"
    """A department or office of a People's Committee (*sở*, *ban*, *phòng*)."""
    DISTRICT = "district"
    """A district People's Committee (*cấp huyện*); the level ended on 30/6/2025."""
    COMMUNE = "commune"
    """A commune, ward or special zone (*xã*, *phường*, *đặc khu*)."""
    UNIT = "unit"
    """Any other unit: a public service unit, a school, a centre (*đơn vị*)."""


def check_unit_id(value: object, what: str = "id") -> UnitId:
    """``value`` as a unit id, or a ``ValueError`` that says what an id may be."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(  # noqa: TRY004  -- a bad value in a file, as the other checks
            f"{what!r} must be a unit id, a text or a whole number "
            f"(got {type(value).__name__} {str(value)[:40]!r})"
        )
    if isinstance(value, str) and (not value.strip() or value != value.strip()):
        raise ValueError(f"{what!r} must be a unit id without spaces around it (got {value!r})")
    return value


def _unit_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_unit_id(value, attribute.name)


def _optional_unit_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _unit_id(instance, attribute, value)


def _successor_ids(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    for item in value:
        check_unit_id(item, attribute.name)


def _as_level(value: object) -> UnitLevel:
    return enum_value(UnitLevel, value)


def _ordered(instance: OrgUnit, _a: attrs.Attribute[Any], end: dt.date | None) -> None:
    if instance.start is not None and end is not None and end < instance.start:
        raise ValueError(
            f"unit {instance.id!r}: its 'end' {end.isoformat()} is before its 'start' "
            f"{instance.start.isoformat()}; check the two dates"
        )


@attrs.frozen
class OrgUnit:
    """A unit of organisation: its id, name, level, parent and the dates it existed.

    ``start`` and ``end`` are the first and last day the unit existed; either may be
    open (``None``: since before anyone counts, or still in force). A unit that was
    merged into others or split names its ``successors``: the units that took it over
    on the day after its ``end``.
    """

    id: UnitId = attrs.field(validator=_unit_id)
    name: str = attrs.field(validator=non_empty_text)
    level: UnitLevel = attrs.field(default=UnitLevel.UNIT, converter=_as_level)
    parent: UnitId | None = attrs.field(default=None, validator=_optional_unit_id)
    start: dt.date | None = attrs.field(default=None, converter=optional_date)
    end: dt.date | None = attrs.field(default=None, converter=optional_date, validator=_ordered)
    successors: tuple[UnitId, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_successor_ids
    )

    def in_force(self, on: dt.date) -> bool:
        """Whether the unit existed on the date ``on``."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    @property
    def succeeded_on(self) -> dt.date | None:
        """The day its successors took it over (the day after its end), if it has any."""
        return self.end + _DAY if self.successors and self.end is not None else None


@attrs.frozen
class UnitProblem:
    """One mistake in a set of units: which unit (by position and id), which field, what."""

    index: int
    unit: UnitId
    field: str
    message: str


class UnitTreeError(DtbdError, ValueError):
    """A set of units does not make a tree: every mistake, each located.

    Attributes:
        source: the file the units came from, or ``"<units>"`` for units built in code.
        problems: one line per mistake, each naming the row or position, the unit's id
            and the field: a :class:`~dtbd.SchemeProblem` (a ``str`` with a ``code``).
    """

    code = "units.invalid"
    problems: tuple[SchemeProblem, ...]

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(p.at(source) for p in scheme_problems(self.code, problems))
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''} in the units"
        super().__init__("\n  ".join([head + ":", *self.problems]))


def _covers(outer: OrgUnit, inner: OrgUnit) -> bool:
    starts = outer.start is None or (inner.start is not None and outer.start <= inner.start)
    ends = outer.end is None or (inner.end is not None and inner.end <= outer.end)
    return starts and ends


def _span(unit: OrgUnit) -> str:
    start = unit.start.isoformat() if unit.start else "…"
    end = unit.end.isoformat() if unit.end else "…"
    return f"{start} to {end}"


def unit_problems(units: Sequence[OrgUnit]) -> list[UnitProblem]:
    """Every mistake in ``units`` at once: what stops them from making a tree (a forest).

    Ids are unique; a parent exists and existed over its child's whole life; parents
    make no cycle; a unit with successors has an end, and each successor exists on the
    day after it.
    """
    problems: list[UnitProblem] = []
    by_id: dict[UnitId, OrgUnit] = {}
    for index, unit in enumerate(units):
        if unit.id in by_id:
            message = f"the id {unit.id!r} is used twice; give each unit its own id"
            problems.append(UnitProblem(index, unit.id, "id", message))
        else:
            by_id[unit.id] = unit
    for index, unit in enumerate(units):
        problems.extend(
            UnitProblem(index, unit.id, field, message)
            for field, message in _reference_problems(unit, by_id)
        )
    problems.extend(_cycles(units, by_id))
    return sorted(problems, key=lambda problem: problem.index)


def _reference_problems(unit: OrgUnit, by_id: dict[UnitId, OrgUnit]) -> list[tuple[str, str]]:
    """A unit's parent and successors against the units there are: (field, message)."""
    found: list[tuple[str, str]] = []
    missing = (unit.parent is not None and unit.parent not in by_id) or any(
        successor not in by_id for successor in unit.successors
    )
    known = _some_ids(by_id) if missing else ""
    parent = by_id.get(unit.parent) if unit.parent is not None else None
    if unit.parent is not None and parent is None:
        found.append(("parent", f"no unit has the id {unit.parent!r}; use one of {known}"))
    elif parent is not None and parent.id == unit.id:
        found.append(("parent", "a unit cannot be its own parent"))
    elif parent is not None and not _covers(parent, unit):
        message = (
            f"the parent {parent.id!r} existed {_span(parent)}, not over the whole life of "
            f"this unit ({_span(unit)}); narrow the unit's dates or choose the parent in "
            "force then"
        )
        found.append(("parent", message))
    if unit.successors and unit.end is None:
        found.append(("end", "a unit with successors has ended: give its last day as 'end'"))
    for successor_id in unit.successors:
        successor = by_id.get(successor_id)
        if successor is None:
            found.append(
                ("successors", f"no unit has the id {successor_id!r}; use one of {known}")
            )
        elif unit.end is not None and not successor.in_force(unit.end + _DAY):
            message = (
                f"the successor {successor_id!r} ({_span(successor)}) does not exist on "
                f"{(unit.end + _DAY).isoformat()}, the day after this unit ends; a successor "
                "takes over the day after the end"
            )
            found.append(("successors", message))
    return found


def _some_ids(by_id: dict[UnitId, OrgUnit]) -> str:
    return ", ".join(repr(unit_id) for unit_id, _ in zip(by_id, range(8), strict=False))


def _cycles(units: Sequence[OrgUnit], by_id: dict[UnitId, OrgUnit]) -> list[UnitProblem]:
    problems: list[UnitProblem] = []
    reported: set[UnitId] = set()
    for index, unit in enumerate(units):
        seen: list[UnitId] = [unit.id]
        current = unit
        while current.parent is not None and current.parent in by_id:
            if current.parent == current.id:
                break
            if current.parent in seen:
                loop = seen[seen.index(current.parent) :]
                if unit.id in loop and not reported.intersection(loop):
                    reported.update(loop)
                    path = " → ".join(map(repr, [*loop, current.parent]))
                    message = f"the parents make a cycle ({path}); one of them must be a root"
                    problems.append(UnitProblem(index, unit.id, "parent", message))
                break
            seen.append(current.parent)
            current = by_id[current.parent]
    return problems


def _located(problems: Iterable[UnitProblem]) -> list[str]:
    return [f"units[{p.index}] (id {p.unit!r}), {p.field!r}: {p.message}" for p in problems]


def _valid_units(units: Iterable[OrgUnit]) -> tuple[OrgUnit, ...]:
    return tuple(units)


@attrs.frozen
class UnitTree:
    """Units of organisation as a tree (or a forest), checked whole at construction.

    Raises:
        UnitTreeError: every mistake at once (:func:`unit_problems`), each naming the
            unit's position and id and the field to fix.
    """

    units: tuple[OrgUnit, ...] = attrs.field(converter=_valid_units)
    _by_id: dict[UnitId, OrgUnit] = attrs.field(init=False, repr=False, eq=False)
    _children: dict[UnitId | None, tuple[OrgUnit, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        for index, unit in enumerate(self.units):
            if not isinstance(unit, OrgUnit):
                name = type(unit).__name__
                raise TypeError(f"units[{index}] is a {name}, not a dtbd.OrgUnit")
        if problems := unit_problems(self.units):
            raise UnitTreeError("<units>", _located(problems))
        children: dict[UnitId | None, list[OrgUnit]] = {}
        for unit in self.units:
            children.setdefault(unit.parent, []).append(unit)
        object.__setattr__(self, "_by_id", {unit.id: unit for unit in self.units})
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})

    def __iter__(self) -> Iterator[OrgUnit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._by_id

    def __getitem__(self, unit_id: UnitId) -> OrgUnit:
        """The unit with the id ``unit_id``.

        Raises:
            KeyError: no unit has that id; the message shows some ids there are.
        """
        try:
            return self._by_id[unit_id]
        except KeyError:
            some = ", ".join(repr(u.id) for u in self.units[:8])
            hint = " (a text id is not its number: '31' is not 31)" if self._other(unit_id) else ""
            message = f"no unit has the id {unit_id!r}{hint}; the units include {some}"
            raise KeyError(message) from None

    def _other(self, unit_id: UnitId) -> bool:
        other = str(unit_id) if isinstance(unit_id, int) else None
        if isinstance(unit_id, str) and unit_id.isdigit():
            return int(unit_id) in self._by_id
        return other in self._by_id

    def roots(self) -> tuple[OrgUnit, ...]:
        """The units with no parent: one per tree of the forest."""
        return self._children.get(None, ())

    def children(self, unit_id: UnitId, on: dt.date | None = None) -> tuple[OrgUnit, ...]:
        """The units whose parent is ``unit_id`` (in force on ``on``, if given)."""
        self[unit_id]
        below = self._children.get(unit_id, ())
        return below if on is None else tuple(u for u in below if u.in_force(on))

    def descendants(self, unit_id: UnitId, on: dt.date | None = None) -> tuple[OrgUnit, ...]:
        """Every unit below ``unit_id``, depth first (in force on ``on``, if given)."""
        found: list[OrgUnit] = []
        for child in self.children(unit_id, on):
            found.append(child)
            found.extend(self.descendants(child.id, on))
        return tuple(found)

    def ancestors(self, unit_id: UnitId, on: dt.date | None = None) -> tuple[OrgUnit, ...]:
        """The units above ``unit_id``, its parent first.

        With ``on``, the ancestors in the structure in force on that date: each one is
        replaced by the units it maps to then (:meth:`map_to`), so the commune of 2024
        under a district has the new province of 2026 as its ancestor, and the district,
        which ended without successor, none.
        """
        chain: list[OrgUnit] = []
        parent = self[unit_id].parent
        while parent is not None:
            chain.append(self._by_id[parent])
            parent = self._by_id[parent].parent
        if on is None:
            return tuple(chain)
        mapped = [unit for ancestor in chain for unit in self.map_to(ancestor.id, on)]
        return tuple(dict.fromkeys(mapped))

    def map_to(self, unit_id: UnitId, on: dt.date) -> tuple[OrgUnit, ...]:
        """The unit or units that stand for ``unit_id`` on the date ``on``.

        The unit itself if it is in force then; otherwise, if it ended before ``on``, the
        units its successors map to (a merged commune maps to the new commune, a split
        one to each part); nothing if it ended without successor or starts after ``on``.
        """
        unit = self[unit_id]
        if unit.in_force(on):
            return (unit,)
        if unit.end is None or on <= unit.end:
            return ()
        found = [u for successor in unit.successors for u in self.map_to(successor, on)]
        return tuple(dict.fromkeys(found))

    def at(self, on: dt.date) -> UnitTree:
        """The structure in force on the date ``on``: the units that existed that day.

        Successors are later units, outside that structure: the units of the answer name
        none (the full tree keeps them).
        """
        return UnitTree(
            attrs.evolve(u, successors=()) if u.successors else u
            for u in self.units
            if u.in_force(on)
        )
