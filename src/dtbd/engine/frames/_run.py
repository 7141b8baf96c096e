"""The frame engine: every measure of a scheme over dataframes, as a few lazy queries.

Filters become flag columns on their own table before attendances are joined with
courses and persons once; additive measures are summed by one ``group_by(year)``,
distinct persons and courses are counted from a group-by per key and year (and per key
from those groups), the courses and spending tables are summed per year too, and the
persons table gets one query. A year's number is its year's row, so each measure is
one expression, not one per year. polars collects the run's queries
together; nothing loops over rows in Python. The numbers equal
:func:`dtbd.engine._python.run_measures` exactly (``docs/frames.md`` says which summary details
a frame gives).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dtbd.engine._tallies import RecordSummary, TableSummary, Tallies
from dtbd.engine.frames._batch import Batch, shared
from dtbd.engine.frames._costs import cost_courses, cost_sums, merge_costs, money_sources
from dtbd.engine.frames._courses import course_counts_table, course_sizes
from dtbd.engine.frames._distinct import course_counts, person_counts
from dtbd.engine.frames._join import joined_attendances
from dtbd.engine.frames._plan import Plan
from dtbd.engine.frames._shares import roster_counts
from dtbd.engine.frames._spending import spending, spending_sums
from dtbd.engine.frames._sums import attendance_groups, attendance_sums, by_year
from dtbd.engine.frames._tables import table_counts
from dtbd.engine.frames._tally import tally
from dtbd.measures._measure import Measure
from dtbd.model._target import Count
from dtbd.records._frame_kinds import engine_errors
from dtbd.records._frames import FrameRecords

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["run_frames", "run_frames_grouped"]


def run_frames(measures: Iterable[Measure], frames: FrameRecords, as_of: dt.date) -> Tallies:
    """Run ``measures`` over dataframes: one aggregation plan per table, collected once.

    Returns the same tallies as :func:`dtbd.engine._python.run_measures` over the same
    records; the summary gives counts and problems, not the row numbers of each group.
    """
    # An engine's error on reading a converted column is a RecordError naming it.
    with engine_errors(frames.checked):
        return _run(tuple(measures), frames, as_of)


def run_frames_grouped(
    measures: Iterable[Measure],
    frames: FrameRecords,
    as_of: dt.date,
    groups: Sequence[int],
    *,
    whole_courses: nw.LazyFrame[Any] | None = None,
) -> dict[int, Tallies]:
    """Run ``measures`` once over frames whose rows carry their group: tallies per group.

    Each table's rows carry the integer key of their group in the column
    :data:`~dtbd.engine.frames._grouping.GROUP` (a row of several groups repeated, once
    per group), or, without it, are every group's. A group's tallies equal
    :func:`run_frames` over that group's rows alone. ``whole_courses``, the courses
    table without groups, is what the attendances are joined with, when each group's
    courses hold those of its attendances.
    """
    with engine_errors(frames.checked):
        return _grouped(tuple(measures), frames, as_of, tuple(groups), whole_courses)


def _queries(
    plan: Plan, batch: Batch
) -> tuple[nw.LazyFrame[Any] | None, nw.LazyFrame[Any] | None]:
    """Queue every query of the run: the joined attendances and the payments, for the rest."""
    frames = plan.frames
    joined = joined_attendances(plan)
    if joined is not None:
        joined = shared(joined)
        groups = attendance_groups(plan, joined)
        by_year(batch, groups, attendance_sums(plan), plan.measures)
        person_counts(plan).count(batch, joined, plan.person_key, plan.codes)
        course_counts(plan).count(batch, joined, "course_key", plan.codes)
    spent = spending(plan)
    if spent is not None:
        spending_sums(plan, batch, spent)
    costs = cost_courses(plan, joined)
    if costs is not None:
        cost_sums(plan, batch, costs)
    if frames.courses is not None:
        course_counts_table(plan, batch, joined, spent, costs)
    if frames.persons is not None:
        batch.add(*roster_counts(plan))
    return joined, spent


def _sizes(
    plan: Plan, joined: nw.LazyFrame[Any] | None
) -> dict[int, dict[int | None, tuple[tuple[str, int], ...]]]:
    """The course sizes of each measure that checks them, by group."""
    return {
        i: course_sizes(plan, m, joined)
        for i, m in enumerate(plan.measures)
        if m.count is Count.COURSES and m.course_size is not None and joined is not None
    }


def _tallies(
    plan: Plan,
    values: dict[str, Any],
    tables: dict[str, TableSummary],
    sizes: dict[int, dict[int | None, tuple[tuple[str, int], ...]]],
    group: int | None,
) -> Tallies:
    tallies = {
        m.target_id: tally(i, m, values, sizes.get(i, {}).get(group, ()))
        for i, m in enumerate(plan.measures)
    }
    return Tallies(tallies, RecordSummary(**tables, money=money_sources(values)))


def _run(measures: tuple[Measure, ...], frames: FrameRecords, as_of: dt.date) -> Tallies:
    plan = Plan(measures, frames, as_of)
    batch = Batch()
    joined, spent = _queries(plan, batch)
    values = batch.run()
    merge_costs(plan, values)
    tables = table_counts(plan, values, joined, spent)
    return _tallies(plan, values, tables, _sizes(plan, joined), None)


def _grouped(
    measures: tuple[Measure, ...],
    frames: FrameRecords,
    as_of: dt.date,
    groups: tuple[int, ...],
    whole_courses: nw.LazyFrame[Any] | None,
) -> dict[int, Tallies]:
    plan = Plan(measures, frames, as_of, groups, whole_courses=whole_courses)
    batch = Batch()
    joined, spent = _queries(plan, batch)
    found = batch.run_groups(groups)
    sizes = _sizes(plan, joined)
    tallies = {}
    for group, values in found.items():
        merge_costs(plan, values)
        tables = table_counts(plan, values, joined, spent, group)
        tallies[group] = _tallies(plan, values, tables, sizes, group)
    return tallies
