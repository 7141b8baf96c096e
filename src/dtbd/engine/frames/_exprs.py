"""Narwhals expression building blocks shared by the frame engine's plans.

Filters become boolean expressions, periods become date ranges, and conditions become
0/1 counts; every plan of :mod:`dtbd.engine.frames._run` is built from these.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import narwhals.stable.v2 as nw

from dtbd.measures._measure import Filter, Measure, Op, Side
from dtbd.model._period import Period
from dtbd.model._target import Count

__all__ = [
    "FALSE",
    "TRUE",
    "all_of",
    "any_of",
    "buckets",
    "collect_one",
    "conjunction",
    "count_if",
    "day_column",
    "day_number",
    "first_row",
    "lit_day",
    "one_if",
    "pandas_like",
    "predicate",
    "prefixed",
    "via_attendances",
    "within",
    "years_before",
    "younger_at",
]

_REGEX_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}])")


def lit_day(day: dt.date) -> Any:  # noqa: ANN401  -- a narwhals expression
    """A calendar day as a zone-free datetime literal (the frames hold datetimes).

    A date cast by the engine, not a Python datetime: PySpark turns a naive datetime into
    an instant in the Python process's zone, which a session in another zone reads as
    another day; a date cast to a datetime without a zone is midnight of that day anywhere.
    """
    return nw.lit(dt.date(day.year, day.month, day.day), dtype=nw.Datetime())


def within(column: str, period: Period) -> Any:  # noqa: ANN401
    """Whether ``column`` falls inside ``period`` (both ends included)."""
    col = nw.col(column)
    return (col >= lit_day(period.start)) & (col <= lit_day(period.end))


def _overlaps(column: str, values: Iterable[str | int]) -> Any:  # noqa: ANN401
    words = "|".join(_REGEX_SPECIAL.sub(r"\\\1", str(v)) for v in values)
    return nw.col(column).str.contains(rf"(?:^|;)\s*(?:{words})\s*(?:;|$)")


def day_number(column: str, *, exact: bool = True) -> Any:  # noqa: ANN401
    """A date column as the number yyyymmdd, computed once on the table that holds it.

    Calendar days compare as their numbers do, and ``on - 10_000 * n`` is the same day
    ``n`` years earlier, so an age is two integer comparisons (:func:`younger_at`) where
    a calendar offset per row took 0.5 s over 5 million rows and five ages.
    ``exact`` gives a 32-bit integer; without it (pandas, Dask, whose integer columns
    cannot hold a missing date) a float, exact for these numbers.
    """
    day = nw.col(column)
    # polars gives a month and a day as 8-bit integers: widened before they are scaled
    kind = nw.Int32() if exact else nw.Float64()
    year, month, date = (part.cast(kind) for part in (day.dt.year(), day.dt.month(), day.dt.day()))
    return year * 10_000 + month * 100 + date


def day_column(column: str) -> str:
    """The name of the column holding :func:`day_number` of ``column``."""
    return f"{column}_day"


def younger_at(born: Any, years: int, on: Any, *, older: bool = False) -> Any:  # noqa: ANN401
    """Whether the person born on day ``born`` is under ``years`` on the row's day ``on``.

    ``born`` and ``on`` are :func:`day_number` expressions. With ``older``, whether they
    are ``years`` or more instead (born on or before ``on`` either way). This is
    :func:`dtbd.model._people.age_on`'s formula: the age is at least ``years`` exactly
    when ``(year - years, month, day)`` of ``on`` is not before the birth date, that is
    ``born <= on - 10_000 * years`` (29 February less a year is the number of no day, so
    a person born on 1 March of a common year is still the younger age on the 29th).
    """
    cutoff = on - 10_000 * years
    return born <= cutoff if older else (born <= on) & (born > cutoff)


def _younger(column: str, years: int, on: dt.date | str, *, older: bool = False) -> Any:  # noqa: ANN401
    born = nw.col(column)
    if isinstance(on, str):
        # A reference per row read straight from the dates (a flag column computes the
        # day numbers once on each table instead: :meth:`Flags.flag`).
        return younger_at(
            day_number(column, exact=False), years, day_number(on, exact=False), older=older
        )
    # One reference date: born after the latest birth date of someone already ``years`` old.
    cutoff = years_before(on, years)
    if older:
        return born <= lit_day(cutoff)
    return (born > lit_day(cutoff)) & (born <= lit_day(on))


def _born(flt: Filter, on: dt.date | str) -> Any:  # noqa: ANN401
    """A birth-date filter: a birth year (``born_from``/``born_until``) or an age."""
    number = int(flt.values[0])
    if flt.op is Op.BORN_FROM:
        return nw.col(flt.column) >= lit_day(dt.date(number, 1, 1))
    if flt.op is Op.BORN_UNTIL:
        return nw.col(flt.column) < lit_day(dt.date(number + 1, 1, 1))
    reference = flt.on if flt.on is not None else on
    return _younger(flt.column, number, reference, older=flt.op is Op.AT_LEAST_AGE)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier, 29 February landing on the 28th.

    It is the latest birth date of someone already ``years`` old on ``day``, as
    :func:`dtbd.model._people.age_on` counts: for 29 February in a common year the 28th,
    since a person born on 1 March of that year is a year younger.

    >>> years_before(dt.date(2024, 2, 29), 45), years_before(dt.date(2024, 2, 29), 4)
    (datetime.date(1979, 2, 28), datetime.date(2020, 2, 29))
    """
    year = day.year - years
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, day.month, day.day)


def predicate(flt: Filter, on: dt.date | str) -> Any:  # noqa: ANN401
    """A filter as a boolean expression (null is false); ``on`` is an age's reference."""
    if flt.op is Op.IN:
        expr = nw.col(flt.column).is_in([str(v) for v in flt.values])
    elif flt.op is Op.OVERLAPS:
        expr = _overlaps(flt.column, flt.values)
    else:
        expr = _born(flt, on)
    return expr.fill_null(value=False)


# Starts of conjunctions and disjunctions: a column, not a literal, so that a measure with
# no filter still aggregates row by row (every frame gets the column ``_true``).
TRUE = nw.col("_true")
FALSE = ~nw.col("_true")


def all_of(filters: Iterable[Filter], on: dt.date | str) -> Any:  # noqa: ANN401
    """The conjunction of ``filters`` evaluated on the row."""
    return conjunction([predicate(flt, on) for flt in filters])


def conjunction(exprs: Sequence[Any]) -> Any:  # noqa: ANN401
    """All of ``exprs`` (true when there are none), as one flat node.

    One horizontal node instead of a chain of ``&``: narwhals parses a chain node by
    node, and a scheme of a hundred targets builds thousands of them.
    """
    if not exprs:
        return TRUE
    return exprs[0] if len(exprs) == 1 else nw.all_horizontal(*exprs, ignore_nulls=True)


def any_of(exprs: Sequence[Any]) -> Any:  # noqa: ANN401
    """The disjunction of ``exprs`` (false when there are none), as one flat node."""
    if not exprs:
        return FALSE
    return exprs[0] if len(exprs) == 1 else nw.any_horizontal(*exprs, ignore_nulls=True)


def count_if(cond: Any, *, plain: bool = True) -> Any:  # noqa: ANN401
    """The number of rows where ``cond`` holds (see :func:`one_if` for ``plain``)."""
    return one_if(cond, plain=plain).sum()


def one_if(cond: Any, *, plain: bool) -> Any:  # noqa: ANN401
    """1 where ``cond`` holds, else 0, for a sum; ``plain`` for pandas-like engines.

    Elsewhere the boolean cast to an integer, two nodes instead of six for narwhals to
    parse (a null condition gives a null, which a sum skips as it skips a 0); pandas and
    Dask keep ``when``, because a boolean column with gaps there is objects.
    """
    if plain:
        return nw.when(cond).then(1).otherwise(0)
    return cond.cast(nw.Int64())


@functools.lru_cache(maxsize=4096)
def buckets(m: Measure) -> tuple[tuple[int | None, Period], ...]:
    """The measure's whole window (bucket ``None``) and then each of its years.

    Kept per measure: a run asks for a measure's buckets at each step of its plan.
    """
    years = [(y, p) for y in m.window.years if (p := m.window.year(y)) is not None]
    return ((None, m.window), *years)


def via_attendances(m: Measure) -> bool:
    """Whether the measure is counted over the joined attendances."""
    if m.count is Count.COURSES:
        return bool(m.sides() & {Side.PERSON, Side.ATTENDANCE})
    return m.count is not Count.SPENDING


def prefixed(frame: nw.LazyFrame[Any], prefix: str) -> nw.LazyFrame[Any]:
    """``frame`` with its columns named ``<prefix>_<column>`` and the column ``_true``."""
    # the group column of a grouped run keeps its name (dtbd.engine.frames._grouping)
    renamed = frame.rename({c: f"{prefix}_{c}" for c in frame.collect_schema() if c != "_group"})
    return renamed.with_columns(_true=nw.lit(value=True))


def pandas_like(frame: nw.LazyFrame[Any]) -> bool:
    """Whether the backend's group-by takes only plain columns (pandas, Dask, PyArrow)."""
    native = frame.implementation
    return not (
        native.is_polars() or native.is_duckdb() or native.is_spark_like() or native.is_ibis()
    )


def collect_one(frame: nw.LazyFrame[Any]) -> dict[str, Any]:
    """The first row of a collected one-row query."""
    return first_row(frame.collect())


def first_row(frame: nw.DataFrame[Any]) -> dict[str, Any]:
    """The first row by column name (empty when there is none)."""
    row = frame.rows(named=True)
    return dict(row[0]) if row else {}
