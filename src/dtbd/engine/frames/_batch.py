"""The run's queries, collected together so that an engine can share their work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._grouping import GROUP

__all__ = ["Batch", "Finish", "first_of"]

Rows = list[dict[str, Any]]
Finish = Callable[[Rows], dict[str, Any]]
"""Turns a query's rows (by column name) into named values."""


def first_of(rows: Rows) -> dict[str, Any]:
    """The first row (empty when there is none): the finish of a one-row query."""
    return dict(rows[0]) if rows else {}


class Batch:
    """The run's queries, collected together so that an engine can share their work.

    polars runs them with ``collect_all``, which computes the join they share once;
    other engines collect them one after the other.
    """

    def __init__(self) -> None:
        self.queries: list[tuple[nw.LazyFrame[Any], Finish]] = []

    def add(self, frame: nw.LazyFrame[Any], finish: Finish = first_of) -> None:
        """Queue ``frame``; ``finish`` turns its rows into named values."""
        self.queries.append((frame, finish))

    def _collect(self) -> list[nw.DataFrame[Any]]:
        frames = [frame for frame, _ in self.queries]
        if frames and all(f.implementation.is_polars() for f in frames):
            import polars as pl  # noqa: PLC0415  -- only when the frames are polars

            return [nw.from_native(d) for d in pl.collect_all([nw.to_native(f) for f in frames])]
        return [frame.collect() for frame in frames]

    def run(self) -> dict[str, Any]:
        """Collect every query and merge their values, later ones winning."""
        values: dict[str, Any] = {}
        for result, (_, finish) in zip(self._collect(), self.queries, strict=True):
            values |= finish(result.rows(named=True))
        return values

    def run_groups(self, groups: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Each group's values: a query's rows of that group, or all of them without groups.

        A group with no row in a query is finished over no rows, as a run over that
        group's rows alone would have found none.
        """
        values: dict[int, dict[str, Any]] = {g: {} for g in groups}
        for result, (_, finish) in zip(self._collect(), self.queries, strict=True):
            rows = result.rows(named=True)
            if GROUP not in result.columns:
                shared = finish(rows)
                for g in groups:
                    values[g] |= shared
                continue
            by_group: dict[int, Rows] = defaultdict(list)
            for row in rows:
                by_group[row[GROUP]].append(row)
            for g in groups:
                values[g] |= finish(by_group.get(g, []))
        return values
