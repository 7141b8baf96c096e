"""The front doors of measuring: :func:`progress` of one target, :func:`evaluate` of a scheme.

Both compile measures, ask the engine for their tallies once (:func:`dtbd.engine._run.run`
picks the Python or the frame engine) and build every result in :func:`_progress_of`,
so that a target's numbers are the same whichever door and engine they came through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from dtbd.engine._run import run
from dtbd.engine._tallies import Tallies
from dtbd.measures._measure import Measure, compile_measure, compile_scheme, resolved_target
from dtbd.model._period import Period, to_date
from dtbd.model._scheme import Scheme
from dtbd.model._target import Target
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._reports import split_reports
from dtbd.results._evaluation import Evaluation
from dtbd.results._progress import Progress
from dtbd.tracking._build import build_progress, delivering
from dtbd.tracking._district import district_findings, district_measures
from dtbd.tracking._reports import report_findings

__all__ = ["evaluate", "progress"]


def _progress_of(
    target: Target,
    measures: Mapping[str, Measure],
    tallies: Tallies,
    as_of: dt.date,
    courses: Target | None,
) -> Progress:
    """``target``'s progress from the tallies, with ``courses``, the target that delivers it."""
    delivery = None
    if courses is not None:
        delivery = (courses, measures[courses.id], tallies[courses.id])
    built = build_progress(
        target, measures[target.id], tallies[target.id], as_of, delivery=delivery
    )
    reported = tallies.reported.get(target.id)
    return built if reported is None else attrs.evolve(built, reported=reported)


def progress(
    target: Target,
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
    *,
    scheme: Scheme | None = None,
    period: Period | None = None,
) -> Progress:
    """Progress of one target over ``records`` as of a date (records after it do not count).

    The target's open window ends come from ``period`` or ``scheme.period``; ``scheme``
    also links budget lines (for money targets) and courses targets that deliver this one.

    Raises:
        ValueError: the window is open and neither ``scheme`` nor ``period`` is given.
    """
    day = to_date(as_of)
    if scheme is not None:
        # a part of the scheme is measured as the scheme resolves it: what it inherits
        target = resolved_target(target, scheme)
        scheme = scheme.resolved()
    measures = {target.id: compile_measure(target, period, scheme=scheme)}
    courses = delivering(scheme, target)
    if courses is not None:
        measures[courses.id] = compile_measure(courses, period, scheme=scheme)
    tallies = run(tuple(measures.values()), records, day)
    return _progress_of(target, measures, tallies, day, courses)


def evaluate(
    scheme: Scheme,
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
) -> Evaluation:
    """Measure every target of ``scheme`` over ``records`` as of a date, in one pass.

    ``records`` may be ``Records``, model objects, a mapping of tables of dicts, a folder
    of CSV files (see ``docs/records.md``) or dataframes (a :class:`~dtbd.FrameRecords`
    or a mapping of table names to frames, see ``docs/frames.md``). Records dated after
    ``as_of`` do not count; rows that name an unknown course or person are reported as
    malformed, with their row numbers, beside the rows the reader already refused (when
    ``records`` come from ``on_error="report"``).

    Targets are measured as :meth:`~dtbd.Scheme.resolved` writes them out (a part over
    its parent's window and scope). The evaluation's ``findings`` say what the counting
    turned up: district targets that counted courses begun after the district level
    ended (docs/progress.md).
    """
    day = to_date(as_of)
    resolved = scheme.resolved()
    compiled = compile_scheme(resolved)
    measures = {m.target_id: m for m in compiled}
    every = resolved.all_targets()
    # The district check's measures run with the scheme's: one pass over the records.
    district = district_measures(every, measures, day)
    # Units' reports given as a frame are read apart (docs/submissions.md).
    records, reports = split_reports(records)
    # Frames are checked and wrapped once, here, not again by the engine.
    frames = as_frames(records)
    tallies = run(
        (*compiled, *district.values()),
        frames if frames is not None else coerce_records(records),
        day,
        reports=reports,
    )
    # The first target that delivers each one, found once: a search per target was
    # quadratic (4,000 targets took 5 s against 1.5 s for 2,000).
    delivered = {t.delivers: t for t in reversed(every) if t.delivers is not None}
    targets = {
        target.id: _progress_of(target, measures, tallies, day, delivered.get(target.id))
        for target in every
    }
    findings = (*district_findings(district, tallies), *report_findings(tallies))
    return Evaluation(scheme.id, day, targets, tallies.records, findings)
