"""The frame engine: every measure of a scheme as one aggregation plan per table.

Attendances are joined with courses and persons once; each measure's filters become one
boolean expression, and a single ``select`` of scalar aggregations (one per measure and
bucket, plus the row bookkeeping) is handed to the engine: polars, DuckDB, Dask and Spark
plan and run it; nothing loops over rows in Python. The numbers equal
:func:`dtbd._engine.run_measures` exactly (``docs/frames.md`` says which summary details
a frame gives).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs
import narwhals.stable.v2 as nw
import pendulum

from dtbd._calendar import study_days_between
from dtbd._engine import Amount, Tally
from dtbd._errors import RecordProblem
from dtbd._evaluate import Evaluation, RecordSummary, TableSummary
from dtbd._frames import FrameRecords
from dtbd._measure import (
    Filter,
    Measure,
    Op,
    Side,
    compile_measure,
    compile_scheme,
    reference_date,
)
from dtbd._people import age_on
from dtbd._period import Period
from dtbd._progress import Progress, build_progress, delivering
from dtbd._scheme import Scheme
from dtbd._target import Count, ShareBasis, Target

__all__ = ["FrameRun", "TableCounts", "evaluate_frames", "progress_frames", "run_frames"]

_REGEX_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}])")


@attrs.frozen
class TableCounts:
    """What became of one table's rows, as counts (and the bad rows' problems)."""

    read: int
    counted: int
    after_as_of: int
    outside_windows: int
    unmatched: int
    problems: tuple[RecordProblem, ...]


@attrs.frozen
class FrameRun:
    """The tallies of every measure and the counts of every table."""

    tallies: dict[str, Tally]
    tables: dict[str, TableCounts]


def _lit_day(day: dt.date) -> Any:  # noqa: ANN401  -- a narwhals expression
    return nw.lit(dt.datetime(day.year, day.month, day.day))  # noqa: DTZ001  -- a calendar day


def _within(column: str, period: Period) -> Any:  # noqa: ANN401
    col = nw.col(column)
    return (col >= _lit_day(period.start)) & (col <= _lit_day(period.end))


def _overlaps(column: str, values: Iterable[str | int]) -> Any:  # noqa: ANN401
    words = "|".join(_REGEX_SPECIAL.sub(r"\\\1", str(v)) for v in values)
    return nw.col(column).str.contains(rf"(?:^|;)\s*(?:{words})\s*(?:;|$)")


def _younger(column: str, years: int, on: dt.date | str) -> Any:  # noqa: ANN401
    born = nw.col(column)
    if isinstance(on, str):
        # A reference per row (the course start): whole years from the calendar parts.
        ref = nw.col(on)

        def part(expr: Any, unit: str) -> Any:  # noqa: ANN401
            # Cast first: polars gives months and days as Int8, which ``* 100`` overflows;
            # float (exact for these small numbers) because pandas ints cannot be null.
            return getattr(expr.dt, unit)().cast(nw.Float64())

        before = (part(ref, "month") * 100 + part(ref, "day")) < (
            part(born, "month") * 100 + part(born, "day")
        )
        age = part(ref, "year") - part(born, "year") - nw.when(before).then(1).otherwise(0)
        return (born <= ref) & (age < years)
    # One reference date: the latest birth date of someone already ``years`` old.
    cutoff = pendulum.date(on.year, on.month, on.day).subtract(years=years)
    while age_on(cutoff.add(days=1), on) >= years:
        cutoff = cutoff.add(days=1)
    while age_on(cutoff, on) < years:
        cutoff = cutoff.subtract(days=1)
    return (born > _lit_day(cutoff)) & (born <= _lit_day(on))


def _predicate(flt: Filter, on: dt.date | str) -> Any:  # noqa: ANN401
    if flt.op is Op.IN:
        expr = nw.col(flt.column).is_in([str(v) for v in flt.values])
    elif flt.op is Op.OVERLAPS:
        expr = _overlaps(flt.column, flt.values)
    else:
        expr = _younger(flt.column, int(flt.values[0]), on)
    return expr.fill_null(value=False)


# Starts of conjunctions and disjunctions: a column, not a literal, so that a measure with
# no filter still aggregates row by row (every frame gets the column ``_true``).
_TRUE = nw.col("_true")
_FALSE = ~nw.col("_true")


def _all(filters: Iterable[Filter], on: dt.date | str) -> Any:  # noqa: ANN401
    expr = _TRUE
    for flt in filters:
        expr = expr & _predicate(flt, on)
    return expr


def _any(exprs: Sequence[Any]) -> Any:  # noqa: ANN401
    result = _FALSE
    for expr in exprs:
        result = result | expr
    return result


def _count(cond: Any) -> Any:  # noqa: ANN401
    return nw.when(cond).then(1).otherwise(0).sum()


def _buckets(m: Measure) -> list[tuple[int | None, Period]]:
    buckets: list[tuple[int | None, Period]] = [(None, m.window)]
    buckets += [(y, p) for y in m.window.years if (p := m.window.year(y)) is not None]
    return buckets


def _via_attendances(m: Measure) -> bool:
    if m.count is Count.COURSES:
        return bool(m.sides() & {Side.PERSON, Side.ATTENDANCE})
    return m.count is not Count.SPENDING


def _prefixed(frame: nw.LazyFrame[Any], prefix: str) -> nw.LazyFrame[Any]:
    renamed = frame.rename({c: f"{prefix}_{c}" for c in frame.collect_schema()})
    return renamed.with_columns(_true=nw.lit(value=True))


def _number(value: object) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, float):
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    return Decimal(str(value))


def _collect(frame: nw.LazyFrame[Any]) -> dict[str, Any]:
    return _first_row(frame.collect())


def _first_row(frame: nw.DataFrame[Any]) -> dict[str, Any]:
    row = frame.rows(named=True)
    return dict(row[0]) if row else {}


class _Batch:
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
        finish: Callable[[nw.DataFrame[Any]], dict[str, Any]] = _first_row,
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


class _Plan:
    """One run's lazy plans; :func:`run_frames` is its front door."""

    def __init__(self, measures: Sequence[Measure], frames: FrameRecords, as_of: dt.date) -> None:
        self.measures, self.frames, self.as_of = measures, frames, as_of
        self.flag_names: dict[tuple[Filter, object], str] = {}
        self.flag_exprs: dict[Side, dict[str, Any]] = {side: {} for side in Side}
        self.members: Any = _FALSE
        self.window_names: dict[Period, str] = {}
        self.sizes = {
            name: 0 if frame is None else int(_collect(frame.select(nw.len().alias("n")))["n"])
            for name in ("persons", "courses", "attendances", "spending")
            for frame in [frames.table(name)]
        }

    # -- attendances -------------------------------------------------------------------
    def flag(self, flt: Filter, on: dt.date | str) -> Any:  # noqa: ANN401
        """A filter as a column of its own table, computed once before the join.

        Person and course predicates run over the persons and courses tables (far fewer
        rows than attendances) and join as booleans; only an age read at each course's
        start needs the joined row.
        """
        if flt.op is Op.YOUNGER_THAN and isinstance(on, str):
            return _predicate(flt, on)
        return nw.col(self.flag_name(flt, on))

    def flag_name(self, flt: Filter, on: dt.date | str) -> str:
        """The name of a filter's flag column, registered on first use.

        ``on`` matters only to an age filter (a fixed reference date then).
        """
        key = (flt, on if flt.op is Op.YOUNGER_THAN else None)
        name = self.flag_names.get(key)
        if name is None:
            name = self.flag_names[key] = f"f{len(self.flag_names)}"
            self.flag_exprs[flt.side][name] = _predicate(flt, on)
        return name

    def flagged(self, filters: Iterable[Filter], on: dt.date | str) -> Any:  # noqa: ANN401
        """The conjunction of ``filters`` as flag columns."""
        expr = _TRUE
        for flt in filters:
            expr = expr & self.flag(flt, on)
        return expr

    def attendances(self) -> nw.LazyFrame[Any] | None:
        """Attendances joined with their course's and person's flags, and the row flags."""
        frames = self.frames
        if frames.attendances is None or frames.courses is None:
            return None
        # Build every measure's condition first: that names the flags the joins carry.
        conditions: dict[str, Any] = {}
        for i, m in enumerate(self.measures):
            if not _via_attendances(m):
                continue
            conditions[f"c{i}"] = self.attendance_measure(m)
            if m.share is not None:
                for b, period in _buckets(m):
                    if period.start <= self.as_of:
                        conditions[f"p{i}_{b}"] = self.population(m, period, flags=True)
        self.members = _any([conditions[c] for c in conditions if c.startswith("p")])
        att = frames.attendances.with_columns(_true=nw.lit(value=True)).rename(
            {
                "person": "attendance_person", "course": "attendance_course",
                "outcome": "attendance_outcome", "study_days": "attendance_study_days",
            }
        )  # fmt: skip
        if self.flag_exprs[Side.ATTENDANCE]:
            att = att.with_columns(**self.flag_exprs[Side.ATTENDANCE])
        courses = _prefixed(frames.courses, "course")
        courses = courses.select(
            "course_id", "course_start", "course_end", "_true",
            course_days=self.course_days(), **self.flag_exprs[Side.COURSE],
        ).drop("_true").with_columns(course_found=nw.lit(1))  # fmt: skip
        joined = att.join(courses, left_on="attendance_course", right_on="course_id", how="left")
        joined = joined.with_columns(course_id=nw.col("attendance_course"))
        known = nw.col("course_found").is_null().__invert__()
        person_flags = self.flag_exprs[Side.PERSON]
        if frames.persons is not None and self.sizes["persons"]:
            persons = _prefixed(frames.persons, "person").select(
                "person_id", "person_birth_date", "_true", **person_flags
            ).drop("_true").with_columns(person_found=nw.lit(1))  # fmt: skip
            joined = joined.join(
                persons, left_on="attendance_person", right_on="person_id", how="left"
            )
            missing_person = nw.col("person_found").is_null()
        else:
            joined = joined.with_columns(
                person_birth_date=nw.lit(None, dtype=nw.Datetime()),
                **{name: nw.lit(value=False) for name in person_flags},
            )
            missing_person = _FALSE
        joined = joined.with_columns(person_id=nw.col("attendance_person"))
        bad_course = ~known
        bad = bad_course | missing_person
        after = ~bad & (nw.col("course_start") > _lit_day(self.as_of))
        joined = joined.with_columns(
            bad_course=bad_course, bad_person=~bad_course & missing_person, bad=bad,
            after=after, valid=~bad & ~after, year=nw.col("course_start").dt.year(),
        )  # fmt: skip
        # Each measure's condition becomes one column, computed once and read by name by
        # every aggregation: the plan stays small and the engine evaluates each filter once.
        # One column per distinct window (valid rows dated inside it): most measures
        # share a window, and each measure's condition then only ands boolean columns.
        joined = joined.with_columns(
            **{
                name: nw.col("valid") & _within("course_start", window)
                for window, name in self.window_names.items()
            }
        )
        if conditions:
            joined = joined.with_columns(**conditions)
        windows = {m.window for m in self.measures}
        share_counted = [
            nw.col(f"c{i}") & nw.col(f"p{i}_None")
            for i, m in enumerate(self.measures)
            if m.count is Count.SHARE and m.window.start <= self.as_of
        ]
        return joined.with_columns(
            counted_att=self.counted_attendance(),
            in_window=nw.col("valid") & _any([_within("course_start", w) for w in windows]),
        ).with_columns(counted=nw.col("valid") & _any([nw.col("counted_att"), *share_counted]))

    def attendance_measure(self, m: Measure) -> Any:  # noqa: ANN401
        """Whether a joined attendance row passes the measure (window, filters, validity)."""
        return self.window(m) & self.flagged(m.filters, "course_start")

    def window(self, m: Measure) -> Any:  # noqa: ANN401
        """The column of valid attendance rows dated inside the measure's window."""
        name = self.window_names.setdefault(m.window, f"w{len(self.window_names)}")
        return nw.col(name)

    def split(self, filters: Iterable[Filter]) -> tuple[tuple[Filter, ...], tuple[str, ...]]:
        """``filters`` split into those read per row and the person flag columns.

        A person's flags are the same on all their rows, so a distinct count needs only
        the row part inside the per-person group; the person part is applied after.
        """
        per_row, person = [], []
        for flt in filters:
            if flt.side is Side.PERSON and flt.op is not Op.YOUNGER_THAN:
                person.append(self.flag_name(flt, self.as_of))
            else:
                per_row.append(flt)
        return tuple(per_row), tuple(person)

    def population(self, m: Measure, period: Period, *, flags: bool = False) -> Any:  # noqa: ANN401
        """Whether a person (joined row, by flags, or roster row) is in a share's population."""
        assert m.share is not None  # noqa: S101  -- only called for shares
        on = reference_date(period, self.as_of)
        return self.flagged(m.share.population, on) if flags else _all(m.share.population, on)

    def counted_attendance(self) -> Any:  # noqa: ANN401
        """Attendance rows counted by a measure other than a share (persons, courses kept)."""
        return _any(
            [
                nw.col(f"c{i}")
                for i, m in enumerate(self.measures)
                if _via_attendances(m) and m.count is not Count.SHARE
            ]
        )

    def attendance_sums(self) -> dict[str, Any]:
        """Per-row numbers summed by year: additive measures and the row bookkeeping."""
        rows: dict[str, Any] = {}
        days = nw.col("attendance_study_days").cast(nw.Float64()).fill_null(nw.col("course_days"))
        for i, m in enumerate(self.measures):
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

    def person_counts(self) -> _Distinct:
        """Distinct persons per measure and bucket, as row flags and person flags.

        Measures sharing their per-row part (window, course and attendance filters,
        bucket) share one row flag; the person filters (and a share's population) are
        flag columns read once per person.
        """
        found = _Distinct()
        for i, m in enumerate(self.measures):
            if m.count not in (Count.PERSONS, Count.SHARE):
                continue
            per_row, person = self.split(m.filters)
            base = self.window(m) & self.flagged(per_row, "course_start")
            for bucket, period in _buckets(m):
                extra: tuple[str, ...] = ()
                if m.share is not None:
                    if period.start > self.as_of:
                        continue
                    on = reference_date(period, self.as_of)
                    extra = tuple(self.flag_name(f, on) for f in m.share.population)
                cond = base if bucket is None else base & (nw.col("year") == bucket)
                found.add(f"m{i}_{bucket}", (m.window, per_row, bucket), cond, person + extra)
        if self.frames.persons is not None and self.sizes["persons"]:
            # Persons counted through attendances but in no share's population: added to
            # the roster's population members, they are the persons table's counted rows.
            found.add("p_att_only", "p_att_only", nw.col("counted_att") & ~self.members, ())
        return found

    def course_counts(self) -> _Distinct:
        """Distinct courses of COURSES measures counted through attendances."""
        found = _Distinct()
        for i, m in enumerate(self.measures):
            if m.count is Count.COURSES and _via_attendances(m):
                base = nw.col(f"c{i}")
                for bucket, _ in _buckets(m):
                    cond = base if bucket is None else base & (nw.col("year") == bucket)
                    found.add(f"m{i}_{bucket}", f"m{i}_{bucket}", cond, ())
        return found

    def course_days(self) -> Any:  # noqa: ANN401
        """Each course's study days: stated, else counted from its dates if need be."""
        stated = nw.col("course_study_days").cast(nw.Float64())
        courses = self.frames.courses
        if courses is None or not any(m.count is Count.STUDY_DAYS for m in self.measures):
            return stated
        # Courses with dates but no stated days: count study days once per distinct pair
        # of dates (few), not per row, with the holiday calendar.
        pairs = (
            courses.filter(nw.col("study_days").is_null())
            .select("start", nw.col("end").fill_null(nw.col("start")))
            .unique()
            .collect()
            .rows()
        )
        counted = stated
        by_days: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
        for start, end in pairs:
            by_days.setdefault(study_days_between(start.date(), end.date()), []).append(
                (start, end)
            )
        end = nw.col("course_end").fill_null(nw.col("course_start"))
        for number, spans in by_days.items():
            match = _any([(nw.col("course_start") == s) & (end == e) for s, e in spans])
            counted = nw.when(stated.is_null() & match).then(float(number)).otherwise(counted)
        return counted

    # -- courses ----------------------------------------------------------------------
    def course_measure(self, m: Measure) -> Any:  # noqa: ANN401
        """Whether a course row is counted by a course-table COURSES measure."""
        return (
            (nw.col("course_start") <= _lit_day(self.as_of))
            & _within("course_start", m.window)
            & _all(m.filters, "course_start")
        )

    def course_table(self) -> list[Measure]:
        """The COURSES measures read from the courses table itself."""
        return [m for m in self.measures if m.count is Count.COURSES and not _via_attendances(m)]

    # -- spending ---------------------------------------------------------------------
    def spending(self) -> nw.LazyFrame[Any] | None:
        """Spending joined with its course, with validity flags."""
        frames = self.frames
        if frames.spending is None:
            return None
        spent = _prefixed(frames.spending, "spending")
        if frames.courses is not None and self.sizes["courses"]:
            courses = _prefixed(frames.courses, "course").drop("_true")
            courses = courses.with_columns(course_found=nw.lit(1))
            spent = spent.join(
                courses, left_on="spending_course", right_on="course_id", how="left"
            ).with_columns(course_id=nw.col("spending_course"))
            bad = (
                nw.col("spending_course").is_null().__invert__() & nw.col("course_found").is_null()
            )
        else:
            spent = spent.with_columns(
                course_found=nw.lit(None, dtype=nw.Int64()),
                course_start=nw.lit(None, dtype=nw.Datetime()),
                course_id=nw.lit(None, dtype=nw.String()),
                **{f"course_{c}": nw.lit(None, dtype=nw.String())
                   for c in ("activity", "location", "country", "format", "topics", "lead")},
            )  # fmt: skip
            bad = _FALSE
        after = ~bad & (nw.col("spending_date") > _lit_day(self.as_of))
        spent = spent.with_columns(
            bad=bad, after=after, valid=~bad & ~after, year=nw.col("spending_date").dt.year()
        )
        money = {
            f"c{i}": self.spending_measure(m)
            for i, m in enumerate(self.measures)
            if m.count is Count.SPENDING
        }
        if money:
            spent = spent.with_columns(**money)
        windows = {m.window for m in self.measures}
        return spent.with_columns(
            counted=_any([nw.col(c) for c in money]),
            in_window=nw.col("valid") & _any([_within("spending_date", w) for w in windows]),
        )

    def spending_measure(self, m: Measure) -> Any:  # noqa: ANN401
        """Whether a spending row counts for a money measure (the Python engine's rule)."""
        in_lines = (
            nw.col("spending_budget_line").is_in(list(m.budget_lines)).fill_null(value=False)
            if m.budget_lines
            else _FALSE
        )
        course_filters = [f for f in m.filters if f.side is Side.COURSE]
        if course_filters:
            rest = nw.col("course_found").is_null().__invert__() & _all(
                course_filters, "course_start"
            )
        else:
            rest = _FALSE if m.budget_lines or m.filters else _TRUE
        return nw.col("valid") & _within("spending_date", m.window) & (in_lines | rest)


def _pandas_like(frame: nw.LazyFrame[Any]) -> bool:
    """Whether the backend's group-by takes only plain columns (pandas, Dask, PyArrow)."""
    native = frame.implementation
    return not (
        native.is_polars() or native.is_duckdb() or native.is_spark_like() or native.is_ibis()
    )


def _by_year(
    batch: _Batch, frame: nw.LazyFrame[Any], rows: dict[str, Any], measures: Sequence[Measure]
) -> None:
    """Sums of ``rows`` per year (a handful of groups), then per measure and bucket.

    A measure's condition already holds its window, so its total is the sum over the
    years, and each bucket is one year's sum: one column per measure, not per bucket.
    """
    if _pandas_like(frame):
        grouped = frame.select("year", **rows).group_by("year").agg(nw.col(n).sum() for n in rows)
    else:
        grouped = frame.group_by("year").agg(e.sum().alias(n) for n, e in rows.items())

    def finish(result: nw.DataFrame[Any]) -> dict[str, Any]:
        by_year = result.rows(named=True)
        values: dict[str, Any] = {n: sum(r[n] or 0 for r in by_year) for n in rows}
        for i, m in enumerate(measures):
            if f"m{i}" in rows:
                values[f"m{i}_None"] = values.pop(f"m{i}")
                for bucket, _ in _buckets(m)[1:]:
                    values[f"m{i}_{bucket}"] = sum(
                        r[f"m{i}"] or 0 for r in by_year if r["year"] == bucket
                    )
        return values

    batch.add(grouped, finish)


class _Distinct:
    """Distinct counts as (row flag, person flags) pairs, counted by one group-by."""

    def __init__(self) -> None:
        self.rows: dict[object, tuple[str, Any]] = {}
        self.counts: dict[str, tuple[str, tuple[str, ...]]] = {}

    def add(self, name: str, key: object, cond: Any, flags: tuple[str, ...]) -> None:  # noqa: ANN401
        """Count the groups with a row where ``cond`` holds and all ``flags`` hold."""
        if key not in self.rows:
            self.rows[key] = (f"r{len(self.rows)}", cond)
        self.counts[name] = (self.rows[key][0], flags)

    def count(self, batch: _Batch, frame: nw.LazyFrame[Any], key: str) -> None:
        """One group-by of ``frame`` by ``key``, then one count per name.

        Far cheaper than one ``n_unique`` hash table per measure and bucket. polars,
        DuckDB and Spark aggregate the expressions inside the group; pandas-like and
        PyArrow group-bys take only plain columns, so there the flags are materialised.
        """
        if not self.counts:
            return
        flags = dict(self.rows.values())
        flags |= {f: nw.col(f) for _, names in self.counts.values() for f in names}
        if _pandas_like(frame):
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
            groups = frame.group_by(key).agg(*(e.max().alias(n) for n, e in flags.items()))
        exprs = []
        for name, (row, names) in self.counts.items():
            cond = nw.col(row) == 1
            for flag in names:
                cond = cond & (nw.col(flag) == 1)
            exprs.append(_count(cond).alias(name))
        batch.add(groups.select(exprs))


def _distinct(values: dict[str, Any], name: str) -> int:
    return int(values.get(name) or 0)


def _marked(
    frame: nw.LazyFrame[Any], marks: nw.LazyFrame[Any] | None, key: str, mark: str
) -> nw.LazyFrame[Any]:
    """``frame`` with a 0/1 column ``mark``: whether its ``key`` is among ``marks``' keys."""
    if marks is None:
        return frame.with_columns(**{mark: nw.lit(0)})
    marks = (
        marks.select(nw.col(key).alias(f"{mark}_key")).unique().with_columns(**{mark: nw.lit(1)})
    )
    return frame.join(marks, left_on=key, right_on=f"{mark}_key", how="left").with_columns(
        nw.col(mark).fill_null(0)
    )


def run_frames(measures: Iterable[Measure], frames: FrameRecords, as_of: dt.date) -> FrameRun:
    """Run ``measures`` over dataframes: one aggregation plan per table, collected once.

    Returns the same tallies as :func:`dtbd._engine.run_measures` over the same records.
    """
    measures = tuple(measures)
    plan = _Plan(measures, frames, as_of)
    batch = _Batch()
    joined = plan.attendances()
    if joined is not None:
        _by_year(batch, joined, plan.attendance_sums(), measures)
        plan.person_counts().count(batch, joined, "person_id")
        plan.course_counts().count(batch, joined, "course_id")
    spent = plan.spending()
    if spent is not None:
        exprs = [
            nw.when(cond).then(nw.col("spending_amount")).otherwise(0).sum().alias(f"m{i}_{b}")
            for i, m in enumerate(measures)
            if m.count is Count.SPENDING
            for base in [nw.col(f"c{i}")]
            for b, _ in _buckets(m)
            for cond in [base if b is None else base & (nw.col("year") == b)]
        ]
        counted, in_window = nw.col("counted"), nw.col("in_window")
        exprs += [
            _count(nw.col("valid")).alias("s_valid"),
            _count(nw.col("bad")).alias("s_bad"),
            _count(nw.col("after")).alias("s_after"),
            _count(counted).alias("s_counted"),
            _count(in_window & ~counted).alias("s_unmatched"),
            _count(~nw.col("bad") & ~nw.col("after") & ~in_window).alias("s_outside"),
        ]
        batch.add(spent.select(exprs))
    if frames.courses is not None:
        batch.add(_courses(plan, joined, spent))
    if frames.persons is not None:
        batch.add(_persons(plan))
    values = batch.run()
    tables = _tables(plan, values, joined, spent)
    tallies = {m.target_id: _tally(plan, i, m, values, joined) for i, m in enumerate(measures)}
    return FrameRun(tallies, tables)


def _courses(
    plan: _Plan, joined: nw.LazyFrame[Any] | None, spent: nw.LazyFrame[Any] | None
) -> nw.LazyFrame[Any]:
    assert plan.frames.courses is not None  # noqa: S101  -- checked by the caller
    courses = _prefixed(plan.frames.courses, "course")
    by_att = None
    if joined is not None:
        by_att = joined.filter(nw.col("counted_att"))
    by_spending = None
    money = [m for m in plan.measures if m.count is Count.SPENDING]
    if spent is not None and money:
        by_spending = spent.filter(
            nw.col("course_found").is_null().__invert__() & nw.col("counted")
        )
    courses = _marked(courses, by_att, "course_id", "c_att")
    courses = _marked(courses, by_spending, "course_id", "c_spent")
    own = plan.course_table()
    exprs = []
    for m in own:
        base = plan.course_measure(m)
        i = plan.measures.index(m)
        for b, _ in _buckets(m):
            cond = base if b is None else base & (nw.col("course_start").dt.year() == b)
            exprs.append(_count(cond).alias(f"m{i}_{b}"))
    after = nw.col("course_start") > _lit_day(plan.as_of)
    counted = (
        (nw.col("c_att") == 1)
        | (nw.col("c_spent") == 1)
        | _any([plan.course_measure(m) for m in own])
    )
    in_window = ~after & _any([_within("course_start", m.window) for m in plan.measures])
    exprs += [
        _count(~after).alias("c_dated"),
        _count(after).alias("c_after"),
        _count(counted).alias("c_counted"),
        _count(~counted & ~after & in_window).alias("c_unmatched"),
        _count(~counted & ~after & ~in_window).alias("c_outside"),
    ]
    return courses.select(exprs)


def _persons(plan: _Plan) -> nw.LazyFrame[Any]:
    assert plan.frames.persons is not None  # noqa: S101  -- checked by the caller
    persons = _prefixed(plan.frames.persons, "person")
    exprs, members = [], []
    for i, m in enumerate(plan.measures):
        if m.share is None:
            continue
        for b, period in _buckets(m):
            if period.start > plan.as_of:
                continue
            # Flag columns: each distinct predicate is evaluated once over the roster.
            population = plan.population(m, period, flags=True)
            members.append(population)
            exprs.append(_count(population).alias(f"m{i}_{b}_den"))
            if m.share.basis is ShareBasis.QUALIFIED:
                quals = Filter(Side.PERSON, "qualifications", Op.OVERLAPS, m.share.qualifications)
                held = plan.flag(quals, plan.as_of)
                exprs.append(_count(population & held).alias(f"m{i}_{b}"))
    exprs.append(_count(_any(members)).alias("p_members"))
    flags = plan.flag_exprs[Side.PERSON]
    persons = persons.with_columns(**flags) if flags else persons
    return persons.select(exprs)


def _problems(plan: _Plan, frame: nw.LazyFrame[Any], table: str) -> tuple[RecordProblem, ...]:
    """The bad rows of a table (collected only when there are some)."""
    numbered = table in plan.frames.numbered
    prefix = "attendance" if table == "attendances" else "spending"
    columns = [f"{prefix}_course"]
    if table == "attendances":
        columns += ["attendance_person", "bad_course"]
    if numbered:
        columns.append(f"{prefix}_row_number" if table == "spending" else "row_number")
    rows = frame.filter(nw.col("bad")).select(columns).collect().rows(named=True)
    found = []
    for row in rows:
        number = int(row[columns[-1]]) + 1 if numbered else 0
        if table == "spending" or row["bad_course"]:
            what = f"course {row[f'{prefix}_course']!r} is not in the courses"
            found.append(RecordProblem(table, number, "course", what))
        else:
            what = f"person {row['attendance_person']!r} is not in the persons"
            found.append(RecordProblem(table, number, "person", what))
    return tuple(sorted(found, key=lambda p: p.row))


def _tables(
    plan: _Plan,
    values: dict[str, Any],
    joined: nw.LazyFrame[Any] | None,
    spent: nw.LazyFrame[Any] | None,
) -> dict[str, TableCounts]:
    def get(name: str) -> int:
        return int(values.get(name) or 0)

    values["p_counted"] = get("p_members") + get("p_att_only")

    sizes = plan.sizes
    tables = {
        "persons": TableCounts(
            sizes["persons"], get("p_counted"), 0, 0, sizes["persons"] - get("p_counted"), ()
        ),
        "courses": TableCounts(
            sizes["courses"], get("c_counted"), get("c_after"), get("c_outside"),
            get("c_unmatched"), (),
        ),
    }  # fmt: skip
    for name, key, frame in (("attendances", "a", joined), ("spending", "s", spent)):
        problems = _problems(plan, frame, name) if frame is not None and get(f"{key}_bad") else ()
        tables[name] = TableCounts(
            sizes[name], get(f"{key}_counted"), get(f"{key}_after"), get(f"{key}_outside"),
            get(f"{key}_unmatched"), problems,
        )  # fmt: skip
    return tables


def _tally(
    plan: _Plan, i: int, m: Measure, values: dict[str, Any], joined: nw.LazyFrame[Any] | None
) -> Tally:
    def amount(bucket: int | None) -> Amount:
        name = f"m{i}_{bucket}"
        if m.count is Count.SHARE:
            if m.share is not None and m.share.basis is ShareBasis.QUALIFIED:
                hits = int(values.get(name) or 0)
            else:
                hits = _distinct(values, name)
            return Amount(Decimal(hits), Decimal(int(values.get(f"{name}_den") or 0)))
        if m.count in (Count.PERSONS, Count.COURSES) and _via_attendances(m):
            return Amount(Decimal(_distinct(values, name)), None)
        return Amount(_number(values.get(name)), None)

    years = tuple((y, amount(y)) for y in m.window.years)
    total = amount(None)
    attended = bool(values.get("a_valid"))
    if m.count is Count.SHARE:
        qualified = m.share is not None and m.share.basis is ShareBasis.QUALIFIED
        has_data = bool(total.denominator) and (qualified or attended)
    elif m.count is Count.COURSES:
        has_data = bool(values.get("c_dated")) or attended
    elif m.count is Count.SPENDING:
        has_data = bool(values.get("s_valid"))
    else:
        has_data = attended
    sizes: tuple[tuple[str, int], ...] = ()
    if m.count is Count.COURSES and m.course_size is not None and joined is not None:
        sizes = _course_sizes(plan, m, joined)
    return Tally(m.target_id, total, years, has_data, sizes)


def _course_sizes(
    plan: _Plan, m: Measure, joined: nw.LazyFrame[Any]
) -> tuple[tuple[str, int], ...]:
    """Attendance rows of each course a COURSES measure counts (for course-size checks)."""
    if _via_attendances(m):
        ids = joined.filter(nw.col(f"c{plan.measures.index(m)}")).select("course_id").unique()
    else:
        assert plan.frames.courses is not None  # noqa: S101  -- a course measure has courses
        courses = _prefixed(plan.frames.courses, "course")
        ids = courses.filter(plan.course_measure(m)).select("course_id").unique()
    counts = joined.filter(nw.col("valid")).group_by("course_id").agg(nw.len().alias("n"))
    rows = (
        ids.join(counts, on="course_id", how="left")
        .with_columns(nw.col("n").fill_null(0))
        .collect()
        .rows()
    )
    return tuple(sorted((str(c), int(n)) for c, n in rows))


def evaluate_frames(scheme: Scheme, frames: FrameRecords, as_of: dt.date) -> Evaluation:
    """:func:`dtbd.evaluate` over dataframes (row lists of the summary left empty)."""
    measures = compile_scheme(scheme)
    by_id = {m.target_id: m for m in measures}
    run = run_frames(measures, frames, as_of)
    targets = {}
    for target in scheme.all_targets():
        courses = delivering(scheme, target)
        delivery = None
        if courses is not None:
            delivery = (courses, by_id[courses.id], run.tallies[courses.id])
        targets[target.id] = build_progress(
            target, by_id[target.id], run.tallies[target.id], as_of, delivery=delivery
        )
    summaries = {
        name: TableSummary(
            read=counts.read,
            counted=counts.counted,
            malformed=len(counts.problems),
            after_as_of=counts.after_as_of,
            outside_windows=counts.outside_windows,
            unmatched=counts.unmatched,
            after_as_of_rows=(),
            outside_window_rows=(),
            unmatched_rows=(),
            problems=counts.problems,
        )
        for name, counts in run.tables.items()
    }
    return Evaluation(scheme.id, as_of, targets, RecordSummary(**summaries))


def progress_frames(
    target: Target,
    frames: FrameRecords,
    as_of: dt.date,
    *,
    scheme: Scheme | None = None,
    period: Period | None = None,
) -> Progress:
    """:func:`dtbd.progress` over dataframes."""
    measure = compile_measure(target, period, scheme=scheme)
    measures = [measure]
    courses = delivering(scheme, target)
    if courses is not None:
        measures.append(compile_measure(courses, period, scheme=scheme))
    run = run_frames(measures, frames, as_of)
    delivery = None
    if courses is not None:
        delivery = (courses, measures[1], run.tallies[courses.id])
    return build_progress(target, measure, run.tallies[target.id], as_of, delivery=delivery)
