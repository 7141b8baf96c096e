"""A frame's distinct rows, and one row per key, in the engine's own terms.

narwhals writes ``unique`` on DuckDB as a window, ``row_number() OVER (PARTITION BY
every column)`` kept where it is 1. DuckDB's ``EXPLAIN ANALYZE`` of the courses carried
on ``benchmarks/``' second data set (5 million attendance rows, 137,571 courses) put
2.69 s in that window where ``SELECT DISTINCT`` over the same columns takes 0.33 s: a
DuckDB relation is made distinct by ``DuckDBPyRelation.distinct`` and grouped by its key
with ``any_value`` instead. Other engines keep narwhals' ``unique``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["distinct", "one_per_key"]


def distinct(frame: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """``frame``'s distinct rows (two rows of nulls in the same columns are one)."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if frame.implementation.is_duckdb():
        found: nw.LazyFrame[Any] = nw.from_native(nw.to_native(frame).distinct())
        return found
    return frame.unique()


def one_per_key(frame: nw.LazyFrame[Any], keys: Sequence[str]) -> nw.LazyFrame[Any]:
    """One row of ``frame`` per distinct ``keys``, for rows of a key that agree on the rest.

    Any row of a key is the same row when its rows agree, which is what the callers
    have checked; on DuckDB each other column is the key's ``any_value``, the first
    value that is not null (a key's rows are then all null there, or all that value).
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if not frame.implementation.is_duckdb():
        return frame.unique(subset=list(keys), keep="any")
    names = frame.collect_schema().names()
    picked = [
        _quoted(c) if c in keys else f"any_value({_quoted(c)}) AS {_quoted(c)}" for c in names
    ]
    relation = nw.to_native(frame).aggregate(", ".join(picked), ", ".join(map(_quoted, keys)))
    found: nw.LazyFrame[Any] = nw.from_native(relation)
    return found


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'
