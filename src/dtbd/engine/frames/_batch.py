"""The run's queries, collected together so that an engine can share their work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._grouping import GROUP

__all__ = ["Batch", "Finish", "collect_together", "first_of", "shared"]

Rows = list[dict[str, Any]]
Finish = Callable[[Rows], dict[str, Any]]
"""Turns a query's rows (by column name) into named values."""


def first_of(rows: Rows) -> dict[str, Any]:
    """The first row (empty when there is none): the finish of a one-row query."""
    return dict(rows[0]) if rows else {}


def shared(frame: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """``frame`` computed once (polars, DuckDB 2.0) for the several queries of a run that read it.

    polars' ``collect_all`` does not share a join between queries whose plans differ
    after it: on ``benchmarks/``' 5 million attendances each attendance query joined
    again (about 2.5 s each on the machine of ``docs/performance.md``), and computing the
    joined attendances once took the whole run from 12.4 s to 6.9 s. The price is the
    joined table held in memory for the run. DuckDB recomputed it in each query too: its
    relation is materialised (``DuckDBPyRelation.materialize``, rows held by the client,
    a relation of the same connection). Spark and Dask get ``frame`` as it is (their
    ``persist`` is not measured yet).
    """
    native = frame.implementation
    computed: nw.LazyFrame[Any]
    if native.is_polars():
        computed = nw.from_native(nw.to_native(frame).collect().lazy())
        return computed
    materialize = getattr(nw.to_native(frame), "materialize", None)  # DuckDB 2.0 and later
    if native.is_duckdb() and materialize is not None:
        computed = nw.from_native(materialize())
        return computed
    return frame


def collect_together(frames: Sequence[nw.LazyFrame[Any]]) -> list[nw.DataFrame[Any]]:
    """Each frame collected: by one ``collect_all`` on polars, one after the other elsewhere."""
    if frames and all(f.implementation.is_polars() for f in frames):
        import polars as pl  # noqa: PLC0415  -- only when the frames are polars

        return [nw.from_native(d) for d in pl.collect_all([nw.to_native(f) for f in frames])]
    return [frame.collect() for frame in frames]


class Batch:
    """The run's queries, collected together so that an engine can share their work.

    polars runs them with ``collect_all``, on one thread pool; other engines collect
    them one after the other. A frame that several queries read is computed once by
    :func:`shared` first.
    """

    def __init__(self) -> None:
        self.queries: list[tuple[nw.LazyFrame[Any], Finish]] = []

    def add(self, frame: nw.LazyFrame[Any], finish: Finish = first_of) -> None:
        """Queue ``frame``; ``finish`` turns its rows into named values."""
        self.queries.append((frame, finish))

    def _collect(self) -> list[nw.DataFrame[Any]]:
        return collect_together([frame for frame, _ in self.queries])

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
