"""What became of each row the Python engine read: counted, late, outside, unmatched, bad."""

from __future__ import annotations

import attrs

from dtbd._errors import RecordProblem
from dtbd.engine._tallies import TableSummary

__all__ = ["TableUse", "summary", "unused"]


@attrs.frozen
class TableUse:
    """What became of each row of one table (indices into the ``Records`` tuple)."""

    counted: frozenset[int]
    in_window: frozenset[int]
    after_as_of: frozenset[int]
    bad: frozenset[int]
    problems: tuple[RecordProblem, ...]


def unused(use: TableUse, size: int) -> tuple[list[int], list[int]]:
    """Rows of a table of ``size`` rows that counted for nothing: (unmatched, outside windows)."""
    unmatched: list[int] = []
    outside: list[int] = []
    for index in range(size):
        if index in use.counted or index in use.bad or index in use.after_as_of:
            continue
        (unmatched if index in use.in_window else outside).append(index)
    return unmatched, outside


def summary(
    size: int,
    use: TableUse,
    rows: tuple[int, ...] | None,
    read_problems: tuple[RecordProblem, ...],
    *,
    dated: bool,
) -> TableSummary:
    def number(index: int) -> int:
        return rows[index] if rows is not None else index + 1

    unmatched, outside = unused(use, size)
    if not dated:
        # A person has no date: one counted by no target is unmatched, never "outside".
        unmatched, outside = sorted(unmatched + outside), []
    problems = (*read_problems, *use.problems)
    refused = len({p.row for p in read_problems if p.row > 0})  # row 0 is the header
    return TableSummary(
        read=size + refused,
        counted=len(use.counted),
        malformed=refused + len(use.bad),
        after_as_of=len(use.after_as_of),
        outside_windows=len(outside),
        unmatched=len(unmatched),
        after_as_of_rows=tuple(sorted(number(i) for i in use.after_as_of)),
        outside_window_rows=tuple(number(i) for i in outside),
        unmatched_rows=tuple(number(i) for i in unmatched),
        problems=problems,
        duplicates=len({p.row for p in problems if p.duplicate_of is not None}),
    )
