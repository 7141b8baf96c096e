"""Distinct persons and courses, counted from one group-by per person (or course)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd._frame_exprs import buckets, conjunction, count_if, pandas_like, via_attendances
from dtbd._measure import reference_date
from dtbd._target import Count

if TYPE_CHECKING:
    from dtbd._frame_batch import Batch
    from dtbd._frame_plan import Plan

__all__ = ["Distinct", "course_counts", "person_counts"]


class Distinct:
    """Distinct counts as (row flag, person flags) pairs, counted by one group-by."""

    def __init__(self) -> None:
        self.rows: dict[object, tuple[str, Any]] = {}
        self.counts: dict[str, tuple[str, tuple[str, ...]]] = {}

    def add(self, name: str, key: object, cond: Any, flags: tuple[str, ...]) -> None:  # noqa: ANN401
        """Count the groups with a row where ``cond`` holds and all ``flags`` hold."""
        if key not in self.rows:
            self.rows[key] = (f"r{len(self.rows)}", cond)
        self.counts[name] = (self.rows[key][0], flags)

    def count(self, batch: Batch, frame: nw.LazyFrame[Any], key: str) -> None:
        """One group-by of ``frame`` by ``key``, then one count per name.

        Far cheaper than one ``n_unique`` hash table per measure and bucket. polars,
        DuckDB and Spark aggregate the expressions inside the group; pandas-like and
        PyArrow group-bys take only plain columns, so there the flags are materialised.
        """
        if not self.counts:
            return
        flags = dict(self.rows.values())
        flags |= {f: nw.col(f) for _, names in self.counts.values() for f in names}
        if pandas_like(frame):
            groups = (
                frame.select(
                    key,
                    # A person missing from the roster joins null flags: not a member.
                    **{n: e.fill_null(value=False).cast(nw.Int8()) for n, e in flags.items()},
                )
                .group_by(key)
                .agg(*(nw.col(n).max() for n in flags))
            )
        else:
            # The row flags become columns first: the group-by then ORs plain booleans.
            groups = (
                frame.select(key, **flags)
                .group_by(key)
                .agg(*(nw.col(n).any() for n in flags))
            )
        exprs = []
        for name, (row, names) in self.counts.items():
            cond = conjunction([nw.col(row) == 1, *(nw.col(flag) == 1 for flag in names)])
            exprs.append(count_if(cond).alias(name))
        batch.add(groups.select(exprs))


def person_counts(plan: Plan) -> Distinct:
    """Distinct persons per measure and bucket, as row flags and person flags.

    Measures sharing their per-row part (window, course and attendance filters,
    bucket) share one row flag; the person filters (and a share's population) are
    flag columns read once per person.
    """
    found = Distinct()
    for i, m in enumerate(plan.measures):
        if m.count not in (Count.PERSONS, Count.SHARE):
            continue
        per_row, person = plan.split(m.filters)
        base = plan.window(m) & plan.flagged(per_row, "course_start")
        for bucket, period in buckets(m):
            extra: tuple[str, ...] = ()
            if m.share is not None:
                if period.start > plan.as_of:
                    continue
                on = reference_date(period, plan.as_of)
                extra = tuple(plan.flag_name(f, on) for f in m.share.population)
            cond = base if bucket is None else base & (nw.col("year") == bucket)
            found.add(f"m{i}_{bucket}", (m.window, per_row, bucket), cond, person + extra)
    if plan.frames.persons is not None and plan.sizes["persons"]:
        # Persons counted through attendances but in no share's population: added to
        # the roster's population members, they are the persons table's counted rows.
        found.add("p_att_only", "p_att_only", nw.col("counted_att") & ~plan.members, ())
    return found


def course_counts(plan: Plan) -> Distinct:
    """Distinct courses of COURSES measures counted through attendances."""
    found = Distinct()
    for i, m in enumerate(plan.measures):
        if m.count is Count.COURSES and via_attendances(m):
            base = nw.col(f"c{i}")
            for bucket, _ in buckets(m):
                cond = base if bucket is None else base & (nw.col("year") == bucket)
                found.add(f"m{i}_{bucket}", f"m{i}_{bucket}", cond, ())
    return found
