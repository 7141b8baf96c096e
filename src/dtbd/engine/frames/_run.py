"""The frame engine: every measure of a scheme over dataframes, as a few lazy queries.

Filters become flag columns on their own table before attendances are joined with
courses and persons once; additive measures are summed by one ``group_by(year)``,
distinct persons and courses are counted from one group-by each, and the courses,
persons and spending tables get one query each. polars collects the run's queries
together; nothing loops over rows in Python. The numbers equal
:func:`dtbd.engine._python.run_measures` exactly (``docs/frames.md`` says which summary details
a frame gives).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from dtbd.engine._python import Tally
from dtbd.engine.frames._batch import Batch
from dtbd.engine.frames._courses import course_counts_table
from dtbd.engine.frames._distinct import course_counts, person_counts
from dtbd.engine.frames._join import joined_attendances
from dtbd.engine.frames._plan import Plan
from dtbd.engine.frames._shares import roster_counts
from dtbd.engine.frames._spending import spending, spending_sums
from dtbd.engine.frames._sums import attendance_groups, attendance_sums, by_year
from dtbd.engine.frames._tables import TableCounts, table_counts
from dtbd.engine.frames._tally import tally
from dtbd.measures._measure import Measure, compile_measure, compile_scheme
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._target import Target
from dtbd.progress._evaluate import Evaluation, RecordSummary, TableSummary
from dtbd.progress._progress import Progress, build_progress, delivering
from dtbd.records._frames import FrameRecords

__all__ = ["FrameRun", "TableCounts", "evaluate_frames", "progress_frames", "run_frames"]


@attrs.frozen
class FrameRun:
    """The tallies of every measure and the counts of every table."""

    tallies: dict[str, Tally]
    tables: dict[str, TableCounts]


def run_frames(measures: Iterable[Measure], frames: FrameRecords, as_of: dt.date) -> FrameRun:
    """Run ``measures`` over dataframes: one aggregation plan per table, collected once.

    Returns the same tallies as :func:`dtbd.engine._python.run_measures` over the same records.
    """
    measures = tuple(measures)
    plan = Plan(measures, frames, as_of)
    batch = Batch()
    joined = joined_attendances(plan)
    if joined is not None:
        groups = attendance_groups(plan, joined)
        by_year(batch, groups, attendance_sums(plan), measures)
        person_counts(plan).count(batch, joined, plan.person_key, plan.codes)
        course_counts(plan).count(batch, joined, "course_key", plan.codes)
    spent = spending(plan)
    if spent is not None:
        batch.add(spending_sums(plan, spent))
    if frames.courses is not None:
        batch.add(course_counts_table(plan, joined, spent))
    if frames.persons is not None:
        batch.add(roster_counts(plan))
    values = batch.run()
    tables = table_counts(plan, values, joined, spent)
    tallies = {m.target_id: tally(plan, i, m, values, joined) for i, m in enumerate(measures)}
    return FrameRun(tallies, tables)


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
