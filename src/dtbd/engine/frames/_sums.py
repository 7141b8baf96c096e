"""Additive measures and the attendances' bookkeeping, summed in two steps.

The joined rows are first summed per year, person code and the row parts of the
measures that read a person filter: attendances that no such condition can tell apart
become one group. Each of those measures' conditions is then read once per group, not
once per row, and the groups are summed per year. A measure with no person filter is
summed straight from its row part inside the same group-by: its part needs no key, and
a key per part multiplied the groups (on ``benchmarks/``' second data set, 21 parts and
2,544 codes made 949,000 groups of 5 million rows, and 5 parts 67,000).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import buckets, conjunction, count_if, one_if, pandas_like
from dtbd.engine.frames._grouping import group_keys
from dtbd.model._target import Count

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dtbd.engine.frames._batch import Batch
    from dtbd.engine.frames._plan import Plan
    from dtbd.measures._measure import Measure

__all__ = ["BOOKKEEPING", "attendance_groups", "attendance_sums", "by_year"]

BOOKKEEPING = ("a_valid", "a_bad", "a_after", "a_counted", "a_unmatched", "a_outside")


def _additive(plan: Plan) -> list[tuple[int, Measure]]:
    return [
        (i, m)
        for i, m in enumerate(plan.measures)
        if m.count in (Count.ATTENDANCES, Count.STUDY_DAYS)
    ]


def _direct(plan: Plan) -> list[tuple[int, Measure]]:
    """The additive measures with no person filter: summed from their row part alone."""
    return [(i, m) for i, m in _additive(plan) if not plan.person_part(m)]


def attendance_groups(plan: Plan, joined: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """The joined rows summed per year, person code and row part of a person-filtered measure."""
    keyed = [(i, m) for i, m in _additive(plan) if plan.person_part(m)]
    parts = sorted({plan.row_part(m) for _, m in keyed})
    used = sorted({flag for _, m in keyed for flag in plan.person_part(m)})
    keys = ["year", *group_keys(joined), *parts, *(plan.codes.columns if used else [])]
    counted, in_window, bad = nw.col("counted"), nw.col("in_window"), nw.col("bad")
    rows = {
        "n": nw.col("_true"),
        "a_valid": nw.col("valid"),
        "a_bad": bad,
        "a_after": nw.col("after"),
        "a_counted": counted,
        "a_unmatched": in_window & ~counted,
        "a_outside": ~bad & ~nw.col("after") & ~in_window,
    }
    days = nw.col("row_days")
    plain = pandas_like(joined)
    direct = {
        f"d{i}": one_if(nw.col(plan.row_part(m)), plain=plain)
        * (days if m.count is Count.STUDY_DAYS else 1)
        for i, m in _direct(plan)
    }
    if plain:
        numbers = {name: nw.when(cond).then(1).otherwise(0) for name, cond in rows.items()}
        summed = [*numbers, *direct]
        groups = (
            joined.select(*keys, days=days, **numbers, **direct)
            .group_by(*keys)
            .agg(nw.col("days").sum(), *(nw.col(name).sum() for name in summed))
        )
    else:
        groups = joined.group_by(*keys).agg(
            days.sum().alias("days"),
            *(count_if(cond, plain=False).alias(name) for name, cond in rows.items()),
            *(expr.sum().alias(name) for name, expr in direct.items()),
        )
    if not used:
        return groups
    # Each person flag read from the codes once per group, as a column the sums read.
    return groups.with_columns(**{flag: plan.codes.flag(flag) for flag in used})


def attendance_sums(plan: Plan) -> dict[str, Any]:
    """Per-group numbers summed by year: additive measures and the row bookkeeping."""
    sums: dict[str, Any] = {}
    plain = plan.frames.attendances is None or pandas_like(plan.frames.attendances)
    direct = {i for i, _ in _direct(plan)}
    for i, m in _additive(plan):
        if i in direct:
            sums[f"m{i}"] = nw.col(f"d{i}")
            continue
        cond = conjunction([nw.col(plan.row_part(m)), *map(nw.col, plan.person_part(m))])
        weight = nw.col("n") if m.count is Count.ATTENDANCES else nw.col("days")
        # A count or a float of days: a product stays exact (money is summed elsewhere).
        if plain:
            sums[f"m{i}"] = nw.when(cond).then(weight).otherwise(0)
        else:
            sums[f"m{i}"] = one_if(cond, plain=False) * weight
    return sums | {name: nw.col(name) for name in BOOKKEEPING}


def by_year(
    batch: Batch,
    frame: nw.LazyFrame[Any],
    rows: dict[str, Any],
    measures: Sequence[Measure],
    *,
    prefixes: Sequence[str] = ("m",),
) -> None:
    """Sums of ``rows`` per year (a handful of groups), then per measure and bucket.

    A measure's condition already holds its window, so its total is the sum over the
    years, and each bucket is one year's sum: one column per measure, not per bucket.
    A row named a prefix and a measure's index (``m3``) gives that measure's buckets
    (``m3_None``, ``m3_2024`` …); the other rows are summed over the years.
    """
    keys = ["year", *group_keys(frame)]
    if pandas_like(frame):
        grouped = frame.select(*keys, **rows).group_by(*keys).agg(nw.col(n).sum() for n in rows)
    else:
        grouped = frame.group_by(*keys).agg(e.sum().alias(n) for n, e in rows.items())

    def finish(years: list[dict[str, Any]]) -> dict[str, Any]:
        values: dict[str, Any] = {n: sum(r[n] or 0 for r in years) for n in rows}
        for i, m in enumerate(measures):
            for name in (f"{prefix}{i}" for prefix in prefixes):
                if name in rows:
                    values[f"{name}_None"] = values.pop(name)
                    for bucket, _ in buckets(m)[1:]:
                        values[f"{name}_{bucket}"] = sum(
                            r[name] or 0 for r in years if r["year"] == bucket
                        )
        return values

    batch.add(grouped, finish)
