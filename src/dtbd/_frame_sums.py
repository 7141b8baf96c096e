"""Additive measures and the attendances' bookkeeping, summed by one ``group_by(year)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd._frame_exprs import buckets, pandas_like
from dtbd._target import Count

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dtbd._frame_batch import Batch
    from dtbd._measure import Measure

__all__ = ["attendance_sums", "by_year"]


def attendance_sums(measures: Sequence[Measure]) -> dict[str, Any]:
    """Per-row numbers summed by year: additive measures and the row bookkeeping."""
    rows: dict[str, Any] = {}
    days = nw.col("attendance_study_days").cast(nw.Float64()).fill_null(nw.col("course_days"))
    for i, m in enumerate(measures):
        if m.count is Count.ATTENDANCES:
            rows[f"m{i}"] = nw.when(nw.col(f"c{i}")).then(1).otherwise(0)
        elif m.count is Count.STUDY_DAYS:
            rows[f"m{i}"] = nw.when(nw.col(f"c{i}")).then(days).otherwise(0.0)
    counted, in_window = nw.col("counted"), nw.col("in_window")
    bookkeeping = {
        "a_valid": nw.col("valid"),
        "a_bad": nw.col("bad"),
        "a_after": nw.col("after"),
        "a_counted": counted,
        "a_unmatched": in_window & ~counted,
        "a_outside": ~nw.col("bad") & ~nw.col("after") & ~in_window,
    }
    rows |= {name: nw.when(cond).then(1).otherwise(0) for name, cond in bookkeeping.items()}
    return rows


def by_year(
    batch: Batch, frame: nw.LazyFrame[Any], rows: dict[str, Any], measures: Sequence[Measure]
) -> None:
    """Sums of ``rows`` per year (a handful of groups), then per measure and bucket.

    A measure's condition already holds its window, so its total is the sum over the
    years, and each bucket is one year's sum: one column per measure, not per bucket.
    """
    if pandas_like(frame):
        grouped = frame.select("year", **rows).group_by("year").agg(nw.col(n).sum() for n in rows)
    else:
        grouped = frame.group_by("year").agg(e.sum().alias(n) for n, e in rows.items())

    def finish(result: nw.DataFrame[Any]) -> dict[str, Any]:
        years = result.rows(named=True)
        values: dict[str, Any] = {n: sum(r[n] or 0 for r in years) for n in rows}
        for i, m in enumerate(measures):
            if f"m{i}" in rows:
                values[f"m{i}_None"] = values.pop(f"m{i}")
                for bucket, _ in buckets(m)[1:]:
                    values[f"m{i}_{bucket}"] = sum(
                        r[f"m{i}"] or 0 for r in years if r["year"] == bucket
                    )
        return values

    batch.add(grouped, finish)
