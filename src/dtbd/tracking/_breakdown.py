"""The front door of roll-ups and breakdowns: :func:`breakdown`.

Each group is measured by :func:`dtbd.evaluate` over its own rows: Python records are
filtered as objects, dataframes by a lazy filter per group (``is_in`` on the ids of the
group's rows), so every engine answers for a group as it answers for the whole. The
groups and their ids come from :mod:`dtbd.tracking._groups`, read from the small tables
(persons, courses, payments) and the person-course pairs of the attendances.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from dtbd._errors import DtbdError
from dtbd.engine._mixed import frame_unit_dates, record_unit_dates
from dtbd.engine._reported import UnitDates, sent_persons
from dtbd.model._period import to_date
from dtbd.model._scheme import Scheme
from dtbd.model._submission import SubmissionRow
from dtbd.model._units import UnitLevel, UnitTree
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._records import Records
from dtbd.records._reports import Reports, split_reports
from dtbd.results._breakdown import Breakdown, BreakdownGroup
from dtbd.tracking._grouped import measured_in_passes, takes_passes
from dtbd.tracking._groups import BY, GroupKey, Members, members_of, unit_groups
from dtbd.tracking._report_groups import Held, reports_by_group, with_report_groups
from dtbd.tracking._roster_passes import finds_in_frames, measured_by_attribute, measured_by_unit
from dtbd.tracking._run import evaluate, evaluate_read
from dtbd.tracking._shares import with_shares
from dtbd.tracking._small_tables import pairs_of, small_tables

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["BreakdownError", "breakdown"]

_FRAME_TABLES = ("persons", "courses", "attendances", "spending")
_TABLES = (*_FRAME_TABLES, "submissions")


class BreakdownError(DtbdError, ValueError):
    """A breakdown was asked by an attribute dtbd does not know, or without its units."""

    code = "breakdown.by-unknown"


def breakdown(  # noqa: PLR0913  -- the evaluation's arguments and the grouping's
    scheme: Scheme,
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
    by: str,
    *,
    units: UnitTree | None = None,
    on: dt.date | None = None,
    levels: Iterable[UnitLevel | str] | None = None,
) -> Breakdown:
    """Measure ``scheme`` over all of ``records`` and over each group's rows ``by`` an attribute.

    ``by`` is one of :data:`dtbd.BREAKDOWNS`: ``"unit"`` (each unit of ``units`` in force
    on ``on``, rolled up over its subtree), ``"unit_level"``, a person's ``"gender"``,
    ``"minority"``, ``"ethnicity"``, ``"age"`` (the bands of the statistics forms, in
    whole years on ``on``), ``"category"``, ``"level"``, ``"leadership"``,
    ``"position"``, ``"qualification"``, or a course's ``"content"``, ``"location"``
    (domestic or abroad), ``"format"``, ``"activity"``, ``"year"``. ``on`` is ``as_of``
    unless given. docs/units.md says which rows each group holds and which numbers add
    up to the total.

    By unit, ``levels`` keeps the units of those levels only (``["province",
    "district"]``), each still rolled up over its whole subtree; and each unit's group
    holds its progress against the shares the scheme assigns it
    (:attr:`BreakdownGroup.shares`), a share of a year alone is in
    :attr:`Breakdown.shares`, and a share no group shows is a finding.

    Raises:
        BreakdownError: ``by`` is not one of those, ``units`` is missing for a
            breakdown by unit, or ``levels`` is given for another breakdown or names a
            level dtbd does not know.
    """
    day = to_date(as_of)
    at = day if on is None else to_date(on)
    if by not in BY:
        choices = ", ".join(BY)
        raise BreakdownError(f"cannot break a scheme down by {by!r}; choose one of {choices}")
    if by in {"unit", "unit_level"} and units is None:
        raise BreakdownError(
            f"a breakdown by {by} needs the units: pass units=load_units('units.toml') "
            "(docs/units.md)"
        )
    kept = _levels(by, levels)
    rest, split = split_reports(records)
    frames = as_frames(rest)
    if frames is None:
        coerced = coerce_records(rest)
        plain = coerced.records if isinstance(coerced, LoadedRecords) else coerced
        pairs = ((a.person, a.course) for a in plain.attendances)
        found = _only(members_of(
            by, plain.persons, plain.courses, plain.spending, pairs, on=at, units=units
        ), kept)  # fmt: skip
        dates = record_unit_dates(plain) if plain.submissions else {}
        held = reports_by_group(by, plain.submissions, units, at, _aside(dates, day))
        total = evaluate(scheme, coerced, day)
        index = _Index.of(plain)
        groups = [
            _group(m, evaluate_read(scheme, _subset(coerced, m, index, held), day))
            for m in with_report_groups(found, held, add=by != "unit")
        ]
    elif (here := _in_frames(scheme, frames, day, by, split=split, on=at, units=units,
                             levels=kept)) is not None:  # fmt: skip
        total = evaluate(scheme, records, day)
        groups = here
    else:
        small = small_tables(frames, by)
        found = _only(members_of(
            by, small.persons, small.courses, small.spending, pairs_of(frames, by, small),
            on=at, units=units,
        ), kept)  # fmt: skip
        reports = split if split is not None else Reports()
        dates = frame_unit_dates(frames) if reports.rows else {}
        held = reports_by_group(by, reports.rows, units, at, _aside(dates, day))
        total = evaluate(scheme, records, day)
        measure = _grouped_frames if takes_passes(frames) else _per_group_frames
        groups = measure(
            scheme, frames, day, reports=reports, held=held,
            found=with_report_groups(found, held, add=by != "unit"),
        )  # fmt: skip
    if by != "unit" or units is None:
        return Breakdown(by, at, total, tuple(groups))
    return with_shares(scheme, Breakdown(by, at, total, tuple(groups)), units, day)


def _per_group_frames(  # noqa: PLR0913  -- the evaluation's arguments and the groups'
    scheme: Scheme,
    frames: FrameRecords,
    day: dt.date,
    *,
    reports: Reports,
    held: Held,
    found: Iterable[Members],
) -> list[BreakdownGroup]:
    """Each group measured by its own evaluation over a lazy filter of the frames.

    The reference a grouped plan (issue 14) must equal on every engine and every ``by``;
    kept apart so that a test can run both over the same frames.
    """
    return [
        _group(m, evaluate_read(scheme, _frame_subset(frames, m), day, _held(reports, m, held)))
        for m in found
    ]


def _grouped_frames(  # noqa: PLR0913  -- the evaluation's arguments and the groups'
    scheme: Scheme,
    frames: FrameRecords,
    day: dt.date,
    *,
    reports: Reports,
    held: Held,
    found: Iterable[Members],
) -> list[BreakdownGroup]:
    """The groups measured in passes (:mod:`dtbd.tracking._grouped`), equal to the reference.

    A group that holds units' reports is measured as the reference measures it: the
    reports are read beside its own rows, and such groups are few.
    """
    groups = list(found)
    alone = [bool(_held(reports, m, held).rows) for m in groups]
    rest = [m for m, own in zip(groups, alone, strict=True) if not own]
    measured = iter(measured_in_passes(scheme, frames, day, rest).items())
    done = []
    for m, own in zip(groups, alone, strict=True):
        if own:
            done += _per_group_frames(scheme, frames, day, reports=reports, held=held, found=[m])
        else:
            # the passes' evaluations come in the order of ``rest``: the groups' order
            done.append(_group(m, next(measured)[1]))
    return done


def _in_frames(  # noqa: PLR0913  -- the evaluation's arguments and the grouping's
    scheme: Scheme,
    frames: FrameRecords,
    day: dt.date,
    by: str,
    *,
    split: Reports | None,
    on: dt.date,
    units: UnitTree | None,
    levels: frozenset[str] | None,
) -> list[BreakdownGroup] | None:
    """The groups, their members found in the frames (:mod:`._roster_passes`), if they can be.

    ``None`` otherwise: with units' reports (a group that holds them is measured as the
    reference measures it, from its listed ids), on another engine, by another
    attribute, or over an empty roster (one group of every row).
    """
    reports = split is not None and bool(split.rows)
    if reports or not takes_passes(frames) or not finds_in_frames(frames, by, units, on):
        return None
    if by != "unit":
        found = measured_by_attribute(scheme, frames, day, by=by, on=on, units=units)
        return None if found is None else [_group(m, evaluation) for m, evaluation in found]
    assert units is not None  # noqa: S101  -- finds_in_frames
    order = unit_groups(units, on)
    # the passes go by depth in the whole tree; levels= renumbers the groups' depths
    depth = {m.key: m.depth for m in order}
    kept = _only(order, levels)
    measured = measured_by_unit(
        scheme, frames, day, tree=units, on=on, found=[(m, depth[m.key]) for m in kept]
    )
    return [_group(m, measured[i]) for i, m in enumerate(kept)]


def _levels(by: str, levels: Iterable[UnitLevel | str] | None) -> frozenset[str] | None:
    if levels is None:
        return None
    if by != "unit":
        raise BreakdownError(f"levels= rolls up a breakdown by unit, not by {by!r}: drop it")
    try:
        return frozenset(UnitLevel(level).value for level in levels)
    except ValueError:
        known = ", ".join(level.value for level in UnitLevel)
        raise BreakdownError(
            f"levels={list(levels)!r} names a level dtbd does not know; choose from {known}"
        ) from None


def _only(found: list[Members], levels: frozenset[str] | None) -> list[Members]:
    """The groups of units at ``levels`` (and the unknown group), each under its kept parent."""
    if levels is None:
        return found
    by_key = {m.key: m for m in found if m.unit is not None}
    kept: list[Members] = []
    for m in found:
        if m.unit is not None and m.unit.level.value not in levels:
            continue
        depth = 0
        parent = None if m.unit is None else _kept_parent(by_key, m.key, levels)
        step = parent
        while step is not None:
            depth += 1
            step = _kept_parent(by_key, step, levels)
        kept.append(attrs.evolve(m, parent=parent, depth=depth))
    return kept


def _kept_parent(
    by_key: dict[GroupKey, Members], key: GroupKey, levels: frozenset[str]
) -> GroupKey:
    parent = by_key[key].parent
    while parent is not None:
        unit = by_key[parent].unit
        if unit is not None and unit.level.value in levels:
            return parent
        parent = by_key[parent].parent
    return None


def _aside(dates: UnitDates, day: dt.date) -> Callable[[SubmissionRow], bool]:
    """Whether the run sets a report row aside: its unit sent learners for its period."""
    return lambda row: sent_persons(row, dates, day)


def _held(reports: Reports, m: Members, held: Held) -> Reports:
    """The report rows of group ``m``; the rows refused are the total's to report, once."""
    kept = held.get((type(m.key), m.key), [])
    return Reports(tuple(reports.rows[i] for i in kept), tuple(reports.numbers[i] for i in kept))


def _group(members: Members, evaluation: Any) -> BreakdownGroup:  # noqa: ANN401  -- an Evaluation
    unit = members.unit
    return BreakdownGroup(
        members.key,
        evaluation,
        name=None if unit is None else unit.name,
        level=None if unit is None else unit.level.value,
        parent=members.parent,
        depth=members.depth,
    )


@attrs.frozen
class _Index:
    """Row numbers by id, built once: a group's rows are found without a scan of each table."""

    persons: dict[str, list[int]]
    courses: dict[str, list[int]]
    spending: dict[str, list[int]]
    by_person: dict[str, list[int]]
    by_course: dict[str, list[int]]

    @classmethod
    def of(cls, plain: Records) -> _Index:
        def rows(values: Iterable[str]) -> dict[str, list[int]]:
            found: dict[str, list[int]] = defaultdict(list)
            for index, value in enumerate(values):
                found[value].append(index)
            return found

        return cls(
            rows(p.id for p in plain.persons),
            rows(c.id for c in plain.courses),
            rows(s.id for s in plain.spending),
            rows(a.person for a in plain.attendances),
            rows(a.course for a in plain.attendances),
        )


def _kept(index: dict[str, list[int]], ids: frozenset[str] | None, size: int) -> list[int]:
    if ids is None:
        return list(range(size))
    return sorted(i for key in ids for i in index.get(key, ()))


def _subset(
    records: Records | LoadedRecords, m: Members, index: _Index, held: Held
) -> Records | LoadedRecords:
    plain = records.records if isinstance(records, LoadedRecords) else records
    size = len(plain.attendances)
    if m.pick == "person":
        attended = _kept(index.by_person, m.persons, size)
    elif m.pick == "course":
        attended = _kept(index.by_course, m.courses, size)
    else:
        attended = list(range(size))
    kept = {
        "persons": _kept(index.persons, m.persons, len(plain.persons)),
        "courses": _kept(index.courses, m.courses, len(plain.courses)),
        "attendances": attended,
        "spending": _kept(index.spending, m.spending, len(plain.spending)),
        "submissions": held.get((type(m.key), m.key), []),
    }
    subset = Records(**{t: [getattr(plain, t)[i] for i in kept[t]] for t in _TABLES})
    if not isinstance(records, LoadedRecords):
        return subset
    # keep each row's number, so that a group's summary names the rows the user wrote
    rows = {
        table: tuple(numbers[i] for i in kept[table])
        for table, numbers in records.rows.items()
        if table in kept and len(numbers) == len(getattr(plain, table))
    }
    return LoadedRecords(subset, (), rows)


def _keep(
    frame: nw.LazyFrame[Any] | None, column: str, ids: frozenset[str] | None
) -> nw.LazyFrame[Any] | None:
    if frame is None or ids is None:
        return frame
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if not ids:
        # an empty IN list is not SQL: keep no row another way
        return frame.filter(nw.col(column).is_null() & ~nw.col(column).is_null())
    return frame.filter(nw.col(column).cast(nw.String).is_in(sorted(ids)))


def _frame_subset(frames: FrameRecords, m: Members) -> FrameRecords:
    attendances = frames.attendances
    if m.pick == "person":
        attendances = _keep(attendances, "person", m.persons)
    elif m.pick == "course":
        attendances = _keep(attendances, "course", m.courses)
    return frames.narrowed(
        persons=_keep(frames.persons, "id", m.persons),
        courses=_keep(frames.courses, "id", m.courses),
        attendances=attendances,
        # no payment in the group: no spending table, as when none was given (the same
        # tallies; a frame engine need not run a payments query over an empty filter)
        spending=None if m.spending == frozenset() else _keep(frames.spending, "id", m.spending),
    )
