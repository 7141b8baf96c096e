"""Person records and units' reports in one answer: the report rows' figures added to tallies.

:func:`dtbd.engine._run.run` calls :func:`with_reports` after either engine ran; the rule
that picks one source per unit and period is in :mod:`dtbd.engine._reported`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from dtbd._errors import RecordProblem
from dtbd.engine._reported import ReportedUse, UnitDates, measure_reported, unit_dates
from dtbd.engine._tallies import Amount, Tallies, Tally
from dtbd.measures._measure import Measure
from dtbd.model._submission import SubmissionRow
from dtbd.records._frame_distinct import distinct
from dtbd.records._records import Records

if TYPE_CHECKING:
    from dtbd.records._frames import FrameRecords

__all__ = ["frame_unit_dates", "record_unit_dates", "with_reports"]


def record_unit_dates(records: Records) -> UnitDates:
    """Each unit's course start dates, from the attendances of its persons."""
    persons, courses = records.person_by_id, records.course_by_id
    pairs = []
    for attendance in records.attendances:
        person = persons.get(attendance.person)
        course = courses.get(attendance.course)
        if person is not None and person.unit is not None and course is not None:
            pairs.append((person.unit, course.start))
    return unit_dates(pairs)


def _day(value: Any) -> dt.date:  # noqa: ANN401  -- a frame's date or datetime cell
    return value.date() if isinstance(value, dt.datetime) else value


def frame_unit_dates(frames: FrameRecords) -> UnitDates:
    """The same from frames: one ``(unit, start)`` pair per unit and day is collected."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    att, persons, courses = frames.attendances, frames.persons, frames.courses
    if att is None or persons is None or courses is None:
        return {}
    joined = distinct(
        att.select(nw.col("person"), nw.col("course"))
        .join(persons.select(person=nw.col("id"), unit=nw.col("unit")), on="person")
        .join(courses.select(course=nw.col("id"), start=nw.col("start")), on="course")
        .filter(~nw.col("unit").is_null())
        .select("unit", "start")
    )
    rows = joined.collect().rows()
    return unit_dates([(str(unit), _day(start)) for unit, start in rows])


def _added(tally: Tally, total: Decimal, years: dict[int, Decimal], *, counted: bool) -> Tally:
    def plus(amount: Amount, value: Decimal) -> Amount:
        return Amount(amount.numerator + value, amount.denominator)

    return attrs.evolve(
        tally,
        total=plus(tally.total, total),
        years=tuple((y, plus(a, years.get(y, Decimal(0)))) for y, a in tally.years),
        has_data=tally.has_data or counted,
    )


def with_reports(  # noqa: PLR0913  -- the tallies and everything the reports need
    tallies: Tallies,
    measures: Sequence[Measure],
    rows: Sequence[SubmissionRow],
    dates: UnitDates,
    as_of: dt.date,
    *,
    numbers: Sequence[int] | None = None,
    problems: Sequence[RecordProblem] = (),
) -> Tallies:
    """``tallies`` with the figures of the report rows added, and what became of them."""
    if not rows and not problems:
        return tallies
    found, use = measure_reported(measures, rows, dates, as_of, numbers)
    updated = dict(tallies.tallies)
    for target_id, reported in found.items():
        if target_id in updated and reported.rows:
            updated[target_id] = _added(
                updated[target_id],
                reported.total,
                dict(reported.years),
                counted=True,
            )
    refused = len({p.row for p in problems if p.row > 0})
    use = ReportedUse(use.read + refused, use.set_aside, use.set_aside_rows, tuple(problems))
    return attrs.evolve(tallies, tallies=updated, reported=found, reports=use)
