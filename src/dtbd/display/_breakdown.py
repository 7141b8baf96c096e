"""A breakdown as a frame: a row per target × group × year, the window's row first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dtbd.display._dataframe import Backend, Column, build_frame
from dtbd.words import say

if TYPE_CHECKING:
    from dtbd.results._breakdown import Breakdown, BreakdownGroup, UnitShare
    from dtbd.results._progress import Progress, YearAmount

__all__ = ["breakdown_frame", "dimension_label", "group_label"]

_FREE_TEXT = frozenset({"ethnicity", "position", "qualification", "content"})
"""Attributes whose values are the records' own words: a group is named by its value."""

_Row = tuple["BreakdownGroup | None", "Progress", "YearAmount | None", "UnitShare | None"]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _year(row: _Row, name: str) -> object:
    _group, progress, year, _share = row
    if year is None:
        return {"achieved": progress.achieved, "numerator": progress.numerator,
                "denominator": progress.denominator, "cumulative": None}[name]  # fmt: skip
    return getattr(year, name)


_COLUMNS: tuple[Column, ...] = (
    ("total", "bool", lambda r: r[0] is None),
    ("group", "text", lambda r: None if r[0] is None else _text(r[0].key)),
    ("group_name", "text", lambda r: None if r[0] is None else r[0].name),
    ("group_level", "text", lambda r: None if r[0] is None else r[0].level),
    ("parent", "text", lambda r: None if r[0] is None else _text(r[0].parent)),
    ("depth", "int", lambda r: None if r[0] is None else r[0].depth),
    ("target_id", "text", lambda r: r[1].target_id),
    ("label", "text", lambda r: r[1].label),
    ("counts", "text", lambda r: r[1].counts.value),
    ("year", "int", lambda r: None if r[2] is None else r[2].year),
    ("status", "text", lambda r: r[1].status.value if r[2] is None else None),
    *((name, "decimal", lambda r, name=name: _year(r, name))
      for name in ("achieved", "numerator", "denominator", "cumulative")),
    ("share", "text", lambda r: None if r[3] is None else r[3].figure.format("vi")),
    ("share_low", "decimal", lambda r: None if r[3] is None else r[3].figure.low),
    ("share_high", "decimal", lambda r: None if r[3] is None else r[3].figure.high),
    ("share_achieved", "decimal", lambda r: None if r[3] is None else r[3].achieved),
    ("share_status", "text", lambda r: None if r[3] is None else r[3].status.value),
    ("share_carried_from", "text", lambda r: None if r[3] is None else _carried(r[3])),
)  # fmt: skip


def _carried(share: UnitShare) -> str | None:
    """The ended units whose shares a share holds, ``;``-joined as a records file joins."""
    return ";".join(map(str, share.carried_from)) or None


def dimension_label(by: str, locale: str = "vi") -> str:
    """What a breakdown is by, in words: "giới tính", "age band"."""
    return say(f"breakdown.by.{by}", locale)


def group_label(by: str, group: BreakdownGroup, locale: str = "vi") -> str:
    """A group's name for people: a unit's name, a category in words, a value as written."""
    if group.key is None:
        return say("breakdown.unknown.unit" if by == "unit" else "breakdown.unknown", locale)
    if group.name is not None:
        return group.name
    if by == "year":
        return say("breakdown.year", locale, year=group.key)
    if by in _FREE_TEXT:
        return str(group.key)
    return say(f"breakdown.{by}.{group.key}", locale)


def _rows(b: Breakdown) -> Iterator[_Row]:
    groups = ((None, b.total, b.shares), *((g, g.evaluation, g.shares) for g in b.groups))
    for group, evaluation, shares in groups:
        given = {(s.target_id, s.year): s for s in shares}
        for progress in evaluation.targets.values():
            yield group, progress, None, given.get((progress.target_id, None))
            for year in progress.yearly:
                yield group, progress, year, given.get((progress.target_id, year.year))


def breakdown_frame(b: Breakdown, backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """The total's rows (``total`` true), then each group's: the window, then each year.

    A window's row has the target's status and its whole numbers (``year`` empty); a
    year's row the year's own numbers and, for a count, the running total
    (``cumulative``). ``share…`` columns hold the group's share of the target (of the
    year, on a year's row) when one is assigned: its figure, what was achieved towards
    it and its status.
    """
    return build_frame(_COLUMNS, _rows(b), backend)
