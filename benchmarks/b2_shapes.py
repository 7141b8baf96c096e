"""The frames dtbd is given for the second benchmark, in two shapes.

- :func:`native`: the roster and the denormalised attendances as they are (integer ids,
  categoricals, course columns and costs on the attendance rows): the shape issue 12 asks
  dtbd to take.
- :func:`three_tables`: what a user must build for a dtbd that takes only the record
  format of ``docs/records.md`` before it: a courses table (one row per course, its
  ``course_study_days`` as ``study_days``) and a spending table of one line per course (its
  ``course_cost``, else its attendances' ``cost``, dated at its start). Building them is
  the user's work, not dtbd's, so the runner does not time it.

Both give the same numbers because dtbd takes each course's money from one source: its
``course_cost``, else the sum of its attendances' ``cost``, dated by the course's start.
"""

from __future__ import annotations

from typing import Any

import polars as pl

COURSE_COLUMNS = ("start", "end", "course_study_days", "activity", "format", "location",
                  "lead", "topics", "content")  # fmt: skip


def native(tables: dict[str, Any]) -> dict[str, Any]:
    """The two tables as generated."""
    return {"persons": tables["persons"], "attendances": tables["attendances"]}


def three_tables(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Persons, courses, attendances and spending in the four-table record format."""
    rows = tables["attendances"]
    per_course = rows.group_by("course", maintain_order=True).agg(
        *(pl.col(c).first() for c in COURSE_COLUMNS),
        pl.col("course_cost").first(),
        pl.col("cost").sum(),
    )
    courses = per_course.select(
        pl.col("course").alias("id"),
        *(c for c in COURSE_COLUMNS if c != "course_study_days"),
        pl.col("course_study_days").alias("study_days"),
    )
    spending = per_course.select(
        pl.col("course").alias("id"),
        pl.col("start").alias("date"),
        pl.coalesce("course_cost", "cost").alias("amount"),
        "course",
    ).filter(pl.col("amount") > 0)
    attendances = rows.select("person", "course", "outcome")
    return {"persons": tables["persons"], "courses": courses, "attendances": attendances,
            "spending": spending}  # fmt: skip
