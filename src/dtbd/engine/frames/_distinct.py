"""Distinct persons and courses, counted from one group-by per person (or course)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import buckets, conjunction, count_if, pandas_like, via_attendances
from dtbd.measures._measure import reference_date
from dtbd.model._target import Count

if TYPE_CHECKING:
    from dtbd.engine.frames._batch import Batch
    from dtbd.engine.frames._codes import PersonCodes
    from dtbd.engine.frames._plan import Plan

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

    def count(self, batch: Batch, frame: nw.LazyFrame[Any], key: str, codes: PersonCodes) -> None:
        """One group-by of ``frame`` by ``key``, then one count per name.

        Far cheaper than one ``n_unique`` hash table per measure and bucket. The row
        flags become columns first, so the group-by only ORs booleans; the person flags
        are read afterwards from each person's codes.
        pandas-like and PyArrow group-bys take only plain columns: there the flags are
        small integers and OR is max.
        """
        if not self.counts:
            return
        flags = dict(self.rows.values())
        used = sorted({flag for _, names in self.counts.values() for flag in names})
        # The codes ride along as a maximum (one code per person): grouping by them as
        # keys too would hash three columns instead of one.
        carried = codes.columns if used else []
        if pandas_like(frame):
            small = {n: e.fill_null(value=False).cast(nw.Int8()) for n, e in flags.items()}
            groups = (
                frame.select(key, *carried, **small)
                .group_by(key)
                .agg(*(nw.col(n).max() for n in [*carried, *flags]))
            )
        else:
            groups = (
                frame.select(key, *carried, **flags)
                .group_by(key)
                .agg(*(nw.col(n).max() for n in carried), *(nw.col(n).any() for n in flags))
            )
        if used:
            # Each person flag read from the codes once, as a column every count reads.
            groups = groups.with_columns(**{flag: codes.flag(flag) for flag in used})
        exprs = []
        # The small integers are compared with 1; booleans are read as they are (Spark
        # refuses to compare a boolean with an integer).
        small_flags = pandas_like(frame)
        for name, (row, names) in self.counts.items():
            person = [nw.col(flag) for flag in names]
            held = nw.col(row) == 1 if small_flags else nw.col(row)
            exprs.append(count_if(conjunction([held, *person])).alias(name))
        batch.add(groups.select(exprs))


def person_counts(plan: Plan) -> Distinct:
    """Distinct persons per measure and bucket, as row flags and person flags.

    Measures sharing their per-row part (window, course and attendance filters,
    bucket) share one row flag; the person filters (and a share's population) are
    read from the person codes once per person.
    """
    found = Distinct()
    for i, m in enumerate(plan.measures):
        if m.count not in (Count.PERSONS, Count.SHARE):
            continue
        per_row, person = plan.split(m.filters)
        base = nw.col(plan.row_part(m))
        for bucket, period in buckets(m):
            extra: tuple[str, ...] = ()
            if m.share is not None:
                if period.start > plan.as_of:
                    continue
                on = reference_date(period, plan.as_of)
                extra = tuple(plan.flag_name(f, on) for f in m.share.population)
            cond = base if bucket is None else base & (nw.col("year") == bucket)
            found.add(f"m{i}_{bucket}", (m.window, per_row, bucket), cond, person + extra)
    if plan.has_roster:
        # Persons counted through attendances but in no share's population: added to
        # the roster's population members, they are the persons table's counted rows.
        found.add(
            "p_att_only", "p_att_only", nw.col("counted_att") & ~nw.col("person_members"), ()
        )
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
