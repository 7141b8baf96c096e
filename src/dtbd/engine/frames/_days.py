"""Study days of courses that state none: a small lookup table joined on the courses table.

A course without ``study_days`` counts the working days between its dates, less public
holidays (:func:`dtbd.model._calendar.study_days_between`, with the ``holidays``
calendar). That is counted once per distinct (start, end) pair in Python, put into a
table of the courses' own engine and joined on the courses table, before the courses meet
the attendance rows: one join on an integer key, however many distinct dates there are
(an expression per date grew past DuckDB's recursion limit at 1.826 dates).
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import narwhals.stable.v2 as nw

from dtbd.model._calendar import study_days_between
from dtbd.records._frame_distinct import distinct

__all__ = ["with_course_days"]

_KEY = "_dtbd_days_key"
_COUNTED = "_dtbd_days_counted"


def _day_number(column: Any) -> Any:  # noqa: ANN401  -- a narwhals expression
    """A day as the integer yyyymmdd, from a datetime column (any unit, any engine)."""
    parts = (column.dt.year(), column.dt.month(), column.dt.day())
    year, month, day = (part.cast(nw.Int64()) for part in parts)
    return year * 10_000 + month * 100 + day


def _pair_key(start: dt.date, end: dt.date) -> int:
    return (start.year * 10_000 + start.month * 100 + start.day) * 100_000_000 + (
        end.year * 10_000 + end.month * 100 + end.day
    )


def with_course_days(courses: nw.LazyFrame[Any], *, count: bool) -> nw.LazyFrame[Any]:
    """The prefixed courses table with ``course_days``: stated, else counted from its dates.

    Without ``count`` (no measure reads study days) the stated days are kept as they are.
    """
    stated = nw.col("course_study_days").cast(nw.Float64())
    if not count:
        return courses.with_columns(course_days=stated)
    start = nw.col("course_start")
    end = nw.col("course_end").fill_null(start)
    pairs = (
        distinct(courses.filter(nw.col("course_study_days").is_null()).select(start, end))
        .collect()
        .rows()
    )
    if not pairs:
        return courses.with_columns(course_days=stated)
    found = {
        _pair_key(s.date(), e.date()): study_days_between(s.date(), e.date()) for s, e in pairs
    }
    lookup = _table(courses, list(found), [float(n) for n in found.values()])
    keyed = courses.with_columns(**{_KEY: _day_number(start) * 100_000_000 + _day_number(end)})
    joined = keyed.join(lookup, on=_KEY, how="left")
    return joined.with_columns(course_days=stated.fill_null(nw.col(_COUNTED))).drop(_KEY, _COUNTED)


def _table(frame: nw.LazyFrame[Any], keys: list[int], days: list[float]) -> nw.LazyFrame[Any]:
    """A lazy frame of (key, days) in ``frame``'s engine, joinable with it."""
    implementation = frame.implementation
    native: Any = frame.to_native()
    data = {_KEY: keys, _COUNTED: days}
    table: Any
    if implementation.is_duckdb():
        # A relation of the frame's own connection: relations of two connections never join.
        rows = ", ".join(f"({k}, {d!r})" for k, d in zip(keys, days, strict=True))
        # Integers and floats of our own making: no user text goes into the query.
        head = f"SELECT CAST(k AS BIGINT) AS {_KEY}, CAST(d AS DOUBLE) AS {_COUNTED}"
        table = native.query("_dtbd_courses", f"{head} FROM (VALUES {rows}) AS t(k, d)")
    elif implementation.is_spark_like():
        pairs = list(zip(keys, days, strict=True))
        table = native.sparkSession.createDataFrame(pairs, f"{_KEY} long, {_COUNTED} double")
    elif implementation.is_dask():
        # The user's engine, loaded already; its partitions are pandas frames.
        dask_frames: Any = importlib.import_module("dask.dataframe")
        pandas = nw.from_dict(data, backend=nw.Implementation.PANDAS).to_native()
        table = dask_frames.from_pandas(pandas, npartitions=1)
    else:
        return nw.from_dict(data, backend=implementation).lazy()
    lookup: nw.LazyFrame[Any] = nw.from_native(table)
    return lookup
