"""The front doors of measuring: :func:`progress` of one target, :func:`evaluate` of a scheme.

Both compile measures, ask the engine for their tallies once (:func:`dtbd.engine._run.run`
picks the Python or the frame engine) and build every result in :func:`_progress_of`,
so that a target's numbers are the same whichever door and engine they came through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import overload

import attrs

from dtbd.engine._run import run
from dtbd.engine._tallies import Tallies
from dtbd.measures._measure import Measure, compile_measure, compile_resolved, resolved_target
from dtbd.measures._several import namespaced, original_id, unique_schemes
from dtbd.model._period import Period, to_date
from dtbd.model._scheme import Scheme
from dtbd.model._target import Target
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._records import Records
from dtbd.records._reports import Reports, split_reports
from dtbd.results._evaluation import Evaluation
from dtbd.results._evaluations import Evaluations
from dtbd.results._progress import Progress
from dtbd.tracking._build import build_progress, delivering
from dtbd.tracking._district import district_findings, district_measures
from dtbd.tracking._reports import report_findings

__all__ = ["evaluate", "evaluate_read", "progress"]


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


@overload
def evaluate(
    scheme: Scheme,
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
) -> Evaluation: ...


@overload
def evaluate(
    scheme: Sequence[Scheme],
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
) -> Evaluations: ...


def evaluate(
    scheme: Scheme | Sequence[Scheme],
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
) -> Evaluation | Evaluations:
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

    Given a list of schemes, every target of every scheme is measured in the same one
    pass and the answer is an :class:`~dtbd.Evaluations`, by scheme id: an attendance
    counts under each scheme whose targets take it, and each scheme's targets have the
    numbers ``evaluate`` gives that scheme alone (docs/schemes.md).

    Raises:
        DuplicateSchemeError: two of the schemes have the same id.
    """
    day = to_date(as_of)
    if isinstance(scheme, Scheme):
        plan = _plan(scheme, day)
        given, reports = _records_for_run(records)
        tallies = run(_measures_of(plan), given, day, reports=reports)
        return _evaluation(plan, tallies, day)
    plans = [_plan(one, day) for one in unique_schemes(scheme)]
    # Every scheme's measures in one run, each scheme's under keys of its own.
    measures = [m for i, plan in enumerate(plans) for m in namespaced(i, _measures_of(plan))]
    given, reports = _records_for_run(records)
    tallies = run(measures, given, day, reports=reports)
    evaluations = {
        plan.scheme.id: _evaluation(plan, _tallies_of(i, tallies), day)
        for i, plan in enumerate(plans)
    }
    return Evaluations(day, evaluations, tallies.records)


def evaluate_read(
    scheme: Scheme,
    records: Records | LoadedRecords | FrameRecords,
    as_of: dt.date,
    reports: Reports | None = None,
) -> Evaluation:
    """:func:`evaluate` of one scheme over records already read, with reports given apart."""
    plan = _plan(scheme, as_of)
    return _evaluation(plan, run(_measures_of(plan), records, as_of, reports=reports), as_of)


@attrs.frozen
class _Plan:
    """What one scheme's evaluation runs: its resolved targets and their measures."""

    scheme: Scheme
    targets: tuple[Target, ...]
    measures: dict[str, Measure]
    """The targets' measures, by target id, in tree order."""
    district: dict[str, Measure]
    """The district check's measures (:func:`district_measures`)."""


def _plan(scheme: Scheme, day: dt.date) -> _Plan:
    resolved = scheme.resolved()
    measures = {m.target_id: m for m in compile_resolved(resolved)}
    every = resolved.all_targets()
    # The district check's measures run with the scheme's: one pass over the records.
    return _Plan(scheme, every, measures, district_measures(every, measures, day))


def _measures_of(plan: _Plan) -> tuple[Measure, ...]:
    return (*plan.measures.values(), *plan.district.values())


def _records_for_run(
    records: RecordsLike | FrameRecords,
) -> tuple[RecordsLike | FrameRecords, Reports | None]:
    """The records as the engine takes them, and the units' reports given among frames."""
    # Units' reports given as a frame are read apart (docs/submissions.md).
    records, reports = split_reports(records)
    # Frames are checked and wrapped once, here, not again by the engine.
    frames = as_frames(records)
    return (frames if frames is not None else coerce_records(records)), reports


def _tallies_of(position: int, tallies: Tallies) -> Tallies:
    """The tallies of the scheme at ``position`` of a run of several, under its own ids."""
    own = {}
    for key, tally in tallies.tallies.items():
        target_id = original_id(position, key)
        if target_id is not None:
            own[target_id] = attrs.evolve(tally, target_id=target_id)
    reported = {}
    for key, one in tallies.reported.items():
        target_id = original_id(position, key)
        if target_id is not None:
            reported[target_id] = attrs.evolve(one, target_id=target_id)
    return Tallies(own, tallies.records, reported, tallies.reports)


def _evaluation(plan: _Plan, tallies: Tallies, day: dt.date) -> Evaluation:
    # The first target that delivers each one, found once: a search per target was
    # quadratic (4,000 targets took 5 s against 1.5 s for 2,000).
    delivered = {t.delivers: t for t in reversed(plan.targets) if t.delivers is not None}
    targets = {
        target.id: _progress_of(target, plan.measures, tallies, day, delivered.get(target.id))
        for target in plan.targets
    }
    findings = (*district_findings(plan.district, tallies), *report_findings(tallies))
    return Evaluation(plan.scheme.id, day, targets, tallies.records, findings)
