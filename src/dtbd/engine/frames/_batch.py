"""The run's queries, collected together so that an engine can share their work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import first_row

__all__ = ["Batch"]


class Batch:
    """The run's queries, collected together so that an engine can share their work.

    polars runs them with ``collect_all``, which computes the join they share once;
    other engines collect them one after the other.
    """

    def __init__(self) -> None:
        self.queries: list[tuple[nw.LazyFrame[Any], Callable[[nw.DataFrame[Any]], dict[str, Any]]]]
        self.queries = []

    def add(
        self,
        frame: nw.LazyFrame[Any],
        finish: Callable[[nw.DataFrame[Any]], dict[str, Any]] = first_row,
    ) -> None:
        """Queue ``frame``; ``finish`` turns its result into named values."""
        self.queries.append((frame, finish))

    def run(self) -> dict[str, Any]:
        """Collect every query and merge their values, later ones winning."""
        frames = [frame for frame, _ in self.queries]
        if frames and all(f.implementation.is_polars() for f in frames):
            import polars as pl  # noqa: PLC0415  -- only when the frames are polars

            done = [nw.from_native(d) for d in pl.collect_all([nw.to_native(f) for f in frames])]
        else:
            done = [frame.collect() for frame in frames]
        values: dict[str, Any] = {}
        for result, (_, finish) in zip(done, self.queries, strict=True):
            values |= finish(result)
        return values
