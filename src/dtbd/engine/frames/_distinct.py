"""Distinct persons and courses, counted from one group-by per person (or course)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._batch import shared
from dtbd.engine.frames._exprs import buckets, conjunction, one_if, pandas_like, via_attendances
from dtbd.engine.frames._grouping import group_keys, sums
from dtbd.measures._measure import reference_date
from dtbd.model._target import Count

if TYPE_CHECKING:
    from dtbd.engine.frames._batch import Batch, Finish
    from dtbd.engine.frames._codes import PersonCodes
    from dtbd.engine.frames._plan import Plan

__all__ = ["Distinct", "course_counts", "person_counts"]


class Distinct:
    """Distinct counts as (row flag, person flags, bucket), counted by two group-bys.

    A year's count and the window's are read from the same row flag: the rows are
    grouped per key and year once, and per key again from those groups. Each count is
    then one expression per distinct (row flag, person flags), not one per bucket.
    """

    def __init__(self) -> None:
        self.rows: dict[object, tuple[str, Any]] = {}
        self.counts: dict[str, tuple[str, tuple[str, ...], int | None]] = {}

    def add(
        self,
        name: str,
        key: object,
        cond: Any,  # noqa: ANN401  -- a narwhals expression
        flags: tuple[str, ...],
        bucket: int | None = None,
    ) -> None:
        """Count the groups with a row where ``cond`` holds and all ``flags`` hold.

        ``bucket`` is a year (rows of courses begun that year) or ``None`` (every row).
        """
        if key not in self.rows:
            self.rows[key] = (f"r{len(self.rows)}", cond)
        self.counts[name] = (self.rows[key][0], flags, bucket)

    def count(self, batch: Batch, frame: nw.LazyFrame[Any], key: str, codes: PersonCodes) -> None:
        """One group-by of ``frame`` by ``key`` and year, one by ``key``, then the counts.

        Far cheaper than one ``n_unique`` hash table per measure and bucket. The row
        flags become columns first, so the group-bys only OR booleans; the person flags
        are read afterwards from each person's codes.
        pandas-like and PyArrow group-bys take only plain columns: there the flags are
        small integers and OR is max.
        """
        if not self.counts:
            return
        flags = dict(self.rows.values())
        used = sorted({flag for _, names, _ in self.counts.values() for flag in names})
        # The codes ride along as a maximum (one code per person): grouping by them as
        # keys too would hash three columns instead of one.
        carried = codes.columns if used else []
        small = pandas_like(frame)
        if small:
            flags = {n: e.fill_null(value=False).cast(nw.Int8()) for n, e in flags.items()}

        groups = group_keys(frame)

        def grouped(rows: nw.LazyFrame[Any], *keys: str) -> nw.LazyFrame[Any]:
            ors = [nw.col(n).max() if small else nw.col(n).any() for n in flags]
            return rows.group_by(*keys, *groups).agg(*(nw.col(n).max() for n in carried), *ors)

        yearly = any(bucket is not None for _, _, bucket in self.counts.values())
        rows = frame.select(key, *(["year"] if yearly else []), *groups, *carried, **flags)
        per_year = grouped(rows, key, "year") if yearly else None
        if per_year is not None and frame.implementation.is_duckdb():
            # Read by both count queries: DuckDB would group the rows again for each
            # (polars' ``collect_all`` shares it).
            per_year = shared(per_year)
        per_key = grouped(per_year if per_year is not None else rows, key)
        if used:
            # Each person flag read from the codes once, as a column every count reads.
            read = {flag: codes.flag(flag) for flag in used}
            per_key = per_key.with_columns(**read)
            per_year = None if per_year is None else per_year.with_columns(**read)
        for years in (False, True):
            wanted = {
                name: (row, names)
                for name, (row, names, bucket) in self.counts.items()
                if (bucket is not None) is years
            }
            if wanted:
                table = per_year if years else per_key
                assert table is not None  # noqa: S101  -- a year's count makes per_year
                buckets_of = {n: b for n, (_, _, b) in self.counts.items()}
                batch.add(*_counts(table, wanted, buckets_of, small=small))


def _counts(
    table: nw.LazyFrame[Any],
    wanted: dict[str, tuple[str, tuple[str, ...]]],
    buckets_of: dict[str, int | None],
    *,
    small: bool,
) -> tuple[nw.LazyFrame[Any], Finish]:
    """One expression per distinct (row flag, person flags), summed over the groups.

    Over the per-key groups it is one row; over the per-key-and-year groups it is one
    row per year, and a year's count is read from its year's row.
    """
    columns: dict[tuple[str, tuple[str, ...]], str] = {}
    for pair in wanted.values():
        columns.setdefault(pair, f"k{len(columns)}")
    # The small integers (pandas-like engines) are compared with 1; booleans are read as
    # they are (Spark refuses to compare a boolean with an integer).
    conds = {
        column: conjunction([nw.col(row) == 1 if small else nw.col(row), *map(nw.col, names)])
        for (row, names), column in columns.items()
    }
    yearly = any(buckets_of[name] is not None for name in wanted)
    if yearly:
        # 0/1 columns first: pandas-like group-bys sum only plain columns.
        ones = {column: nw.when(cond).then(1).otherwise(0) for column, cond in conds.items()}
        groups = group_keys(table)
        query = (
            table.select("year", *groups, **ones)
            .group_by("year", *groups)
            .agg(nw.col(c).sum() for c in ones)
        )
    else:
        query = sums(table, {column: one_if(cond, plain=True) for column, cond in conds.items()})

    def finish(rows: list[dict[str, Any]]) -> dict[str, Any]:
        found = {row.get("year"): row for row in rows}
        values = {}
        for name, pair in wanted.items():
            row = found.get(buckets_of[name] if yearly else None, {})
            values[name] = row.get(columns[pair])
        return values

    return query, finish


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
            found.add(f"m{i}_{bucket}", (m.window, per_row), base, person + extra, bucket)
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
                found.add(f"m{i}_{bucket}", f"c{i}", base, (), bucket)
    return found
