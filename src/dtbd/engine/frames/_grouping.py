"""The group column of a grouped run: every query of the plan keeps groups apart.

A breakdown over frames (:func:`dtbd.breakdown`) runs the plan once per *pass*, not once
per group: each row of a table carries in :data:`GROUP` the integer key of a group it
belongs to at that pass (a row of several groups is repeated, once per group), and every
group-by, join and one-row sum of the plan adds that column to its keys. A table without
the column (the whole roster in every group of a breakdown by a course attribute) is
read once and shared by every group: a join with it matches on the id alone, and its
sums are every group's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw

__all__ = ["GROUP", "group_keys", "grouped", "join", "sums"]

GROUP = "_group"
"""The column that holds a row's group at a pass (an integer)."""


def grouped(frame: nw.LazyFrame[Any]) -> bool:
    """Whether ``frame``'s rows carry a group."""
    return GROUP in frame.collect_schema()


def group_keys(frame: nw.LazyFrame[Any]) -> list[str]:
    """The keys a group-by of ``frame`` adds: the group column, if the rows carry one."""
    return [GROUP] if grouped(frame) else []


def sums(frame: nw.LazyFrame[Any], rows: Mapping[str, Any]) -> nw.LazyFrame[Any]:
    """One row of the sums of ``rows`` (name: a number per row) over ``frame``.

    One per group when its rows carry one: then the numbers become columns first, as
    pandas-like group-bys sum only plain columns.
    """
    if grouped(frame):
        numbers = frame.select(GROUP, **rows)
        return numbers.group_by(GROUP).agg(nw.col(name).sum() for name in rows)
    return frame.select(expr.sum().alias(name) for name, expr in rows.items())


def join(
    left: nw.LazyFrame[Any],
    right: nw.LazyFrame[Any],
    *,
    left_on: str | Sequence[str],
    right_on: str | Sequence[str],
    how: str = "left",
) -> nw.LazyFrame[Any]:
    """``left.join(right)`` that matches rows of the same group when both carry one.

    A right side without groups is every group's (its rows match on the ids alone); a
    grouped right side needs a grouped left side, or a row would match every group's.
    """
    lefts = [left_on] if isinstance(left_on, str) else list(left_on)
    rights = [right_on] if isinstance(right_on, str) else list(right_on)
    if grouped(right):
        if not grouped(left):
            msg = "a grouped table cannot be joined to rows without a group"
            raise AssertionError(msg)
        lefts, rights = [*lefts, GROUP], [*rights, GROUP]
    return left.join(right, left_on=lefts, right_on=rights, how=how)  # type: ignore[arg-type]
