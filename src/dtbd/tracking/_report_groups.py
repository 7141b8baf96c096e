"""Units' reports in a breakdown: the groups each report row counts in.

A report row (:class:`~dtbd.SubmissionRow`) is a unit's figures, not a person: it can
be placed by its unit, the level of its unit or the year it starts, and by nothing a
person or a course says. So a breakdown by unit counts a row in its unit (in the
structure of the breakdown's day, as a person of that unit counts) and in every unit
above; by unit level, in its unit's level; by year, in the year its period starts; by any
other attribute, in the unknown group (``None``), so that the groups still add up to the
total (docs/units.md). A row set aside in the whole run (its unit sent learners for its
period) is set aside in every group: the learners, not the row, are counted there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from dtbd.model._submission import SubmissionRow
from dtbd.model._units import UnitTree
from dtbd.tracking._groups import GroupKey, Members, home_unit

__all__ = ["Held", "report_keys", "reports_by_group", "with_report_groups"]

Held = dict[tuple[type, GroupKey], list[int]]
"""The positions of the report rows each group holds, by the group's typed key."""


def report_keys(
    by: str, row: SubmissionRow, units: UnitTree | None, on: dt.date
) -> tuple[GroupKey, ...]:
    """The keys of the groups ``row`` counts in, in a breakdown ``by`` on the day ``on``."""
    if by in ("unit", "unit_level") and units is not None:
        home = home_unit(units, row.unit, on)
        if home is None:
            return (None,)
        if by == "unit_level":
            return (units[home].level.value,)
        return (home, *(a.id for a in units.ancestors(home)))
    if by == "year" and row.start is not None:
        return (row.start.year,)
    return (None,)


def reports_by_group(
    by: str,
    rows: Sequence[SubmissionRow],
    units: UnitTree | None,
    on: dt.date,
    aside: Callable[[SubmissionRow], bool],
) -> Held:
    """The positions of the rows each group holds, by the group's typed key.

    ``aside`` says which rows the whole run sets aside; no group holds them.
    """
    found: Held = defaultdict(list)
    for index, row in enumerate(rows):
        if aside(row):
            continue
        for key in report_keys(by, row, units, on):
            found[(type(key), key)].append(index)
    return found


def with_report_groups(members: list[Members], held: Held, *, add: bool = True) -> list[Members]:
    """``members`` with an empty group for each key only report rows have (unknown last).

    With ``add=False`` only the unknown group is added: a breakdown by unit shows the
    units of its tree (or of its ``levels``), and a report's unit is one of them or none.
    """
    known = {(type(m.key), m.key) for m in members}
    missing = [key for (kind, key) in held if (kind, key) not in known and (add or key is None)]
    if not missing:
        return members
    empty = frozenset[str]()

    def group(key: GroupKey) -> Members:
        return Members(key, empty, empty, empty, "person")

    unknown = [m for m in members if m.key is None]
    named = [m for m in members if m.key is not None]
    added = sorted((k for k in missing if k is not None), key=lambda k: (isinstance(k, str), k))
    tail = unknown or ([group(None)] if None in missing else [])
    return [*named, *(group(k) for k in added), *tail]
