"""Figures units reported (:class:`~dtbd.SubmissionRow`), measured against the same measures.

Units that send lists of learners are counted by the engines; units that send totals are
counted here, row by row, and the two are added (``docs/submissions.md``):

- **One source per unit and period.** A row is set aside when the person records hold an
  attendance of one of the unit's persons (``Person.unit``) on a course begun within the
  row's period: that unit's figures for that period come from its learners.
- **A row is dated by its start**, as a course is: it counts in the window and year its
  period starts in, when that is on or before ``as_of``.
- **A measure reads a line's matching rows.** Every filter on a line column (activity,
  format, location) needs the row to state a value among the filter's; every filter on a
  breakdown column (gender, staff category, level) picks the rows of those values, and a
  breakdown column no filter names must be blank (the line's total). A unit whose rows
  cannot answer a filter (a blank activity, no row of women, an age, a qualification) or
  lack the counted column is *not measurable* for that target: none of its rows count,
  and it is named.
- **Persons are summed.** A row's ``persons`` are distinct within the row only; across
  rows, units and the person records they are added, and the tally says how many.

Reports are small (a few rows per unit and year), so both engines hand them to this
module as Python objects: the frame engine collects the submissions frame and one
``(unit, course start)`` pair per unit and day of the person records.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from dtbd._errors import RecordProblem
from dtbd.measures._measure import Filter, Measure, Side
from dtbd.model._submission import BREAKDOWN, SubmissionRow
from dtbd.model._target import Count

__all__ = [
    "Reported",
    "ReportedUse",
    "UnitDates",
    "measure_reported",
    "sent_persons",
    "unit_dates",
]

UnitDates = Mapping[str, Sequence[dt.date]]
"""Each unit's course start dates in the person records, sorted."""

_COUNTED = {
    Count.ATTENDANCES: "attendances",
    Count.PERSONS: "persons",
    Count.COURSES: "courses",
    Count.SPENDING: "cost",
}
_LINE_FILTERS = frozenset({"activity", "format", "location"})
_BREAKDOWN_FILTERS = frozenset({"gender", "category", "level"})


@attrs.frozen
class Reported:
    """What units' reports gave one measure: added to its tally, and how."""

    target_id: str
    total: Decimal
    years: tuple[tuple[int, Decimal], ...]
    rows: int
    """Report rows counted."""
    units: tuple[str, ...]
    """Units whose reports counted, sorted."""
    persons_summed: bool
    """Whether ``total`` is a sum of distinct persons of several rows (not de-duplicated)."""
    not_measurable: tuple[tuple[str, str], ...] = ()
    """``(unit, column)``: units with rows in the window whose reports cannot answer the
    measure, with the column or filter they lack (``"count"``: the count is not reported)."""


@attrs.frozen
class ReportedUse:
    """What became of the report rows: counted, set aside for person records, refused."""

    read: int
    set_aside: tuple[tuple[str, dt.date, dt.date], ...]
    """``(unit, start, end)`` of rows set aside: the unit sent person records for it."""
    set_aside_rows: tuple[int, ...]
    problems: tuple[RecordProblem, ...] = ()


def unit_dates(pairs: Sequence[tuple[str, dt.date]]) -> dict[str, list[dt.date]]:
    """``(unit, course start)`` pairs as each unit's sorted dates."""
    found: dict[str, list[dt.date]] = defaultdict(list)
    for unit, start in pairs:
        found[str(unit)].append(start)
    return {unit: sorted(days) for unit, days in found.items()}


def sent_persons(row: SubmissionRow, dates: UnitDates, as_of: dt.date) -> bool:
    """Whether the unit of ``row`` sent person records for the row's period (up to ``as_of``)."""
    days = dates.get(row.unit, ())
    period = row.period
    end = min(period.end, as_of)
    index = bisect_left(days, period.start)
    return index < len(days) and days[index] <= end


def _unanswerable(m: Measure) -> str | None:
    """A filter or count no report can answer, by its column; ``None`` if all can be."""
    if m.count not in _COUNTED or m.share is not None or m.budget_lines:
        return "count"
    for flt in m.filters:
        if flt.side is Side.COURSE and flt.field in _LINE_FILTERS:
            continue
        if flt.side is Side.PERSON and flt.field in (*_BREAKDOWN_FILTERS, "unit"):
            continue
        return flt.field
    return None


def _matches(row: SubmissionRow, filters: Sequence[Filter]) -> bool | str:
    """Whether the row is one the measure reads; a column name when it cannot say."""
    named = {f.field for f in filters if f.side is Side.PERSON}
    for flt in filters:
        if flt.field == "unit":
            if row.unit not in flt.values:
                return False
            continue
        value = getattr(row, flt.field)
        if value is None:
            if flt.side is Side.COURSE:
                return flt.field
            return False
        if value.value not in flt.values:
            return False
    return all(getattr(row, c) is None for c in BREAKDOWN if c not in named)


def _unit_rows(
    m: Measure, rows: Sequence[SubmissionRow]
) -> tuple[list[SubmissionRow], str | None]:
    """One unit's rows the measure reads, or the column that makes it not measurable."""
    picked: list[SubmissionRow] = []
    lines_with_parts: set[tuple[object, ...]] = set()
    for row in rows:
        match = _matches(row, m.filters)
        if isinstance(match, str):
            return [], match
        if match:
            picked.append(row)
            lines_with_parts.add(row.line)
    # A line the measure reads with no row of the breakdown it needs (a total and no row
    # of women, or only "of which" rows and no total): its figure is unknown, not zero.
    broken = [f.field for f in m.filters if f.side is Side.PERSON and f.field != "unit"]
    for row in rows:
        if row.line not in lines_with_parts and _line_ok(row, m):
            given = [c for c, _ in row.breakdown if c not in broken]
            return [], (broken or given)[0]
    column = _COUNTED[m.count]
    if any(getattr(row, column) is None for row in picked):
        return [], column
    return picked, None


def _line_ok(row: SubmissionRow, m: Measure) -> bool:
    """Whether the row's line passes the measure's line and unit filters."""
    for flt in m.filters:
        if flt.field == "unit" and row.unit not in flt.values:
            return False
        if flt.side is Side.COURSE:
            value = getattr(row, flt.field)
            if value is None or value.value not in flt.values:
                return False
    return True


def measure_reported(
    measures: Sequence[Measure],
    rows: Sequence[SubmissionRow],
    dates: UnitDates,
    as_of: dt.date,
    numbers: Sequence[int] | None = None,
) -> tuple[dict[str, Reported], ReportedUse]:
    """Each measure's figures from the report rows, and what became of the rows."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(rows) + 1))
    kept: list[SubmissionRow] = []
    aside: list[tuple[str, dt.date, dt.date]] = []
    aside_rows: list[int] = []
    for row, number in zip(rows, numbers, strict=True):
        if sent_persons(row, dates, as_of):
            assert row.start is not None  # noqa: S101  -- validated
            assert row.end is not None  # noqa: S101  -- validated
            if (row.unit, row.start, row.end) not in aside:
                aside.append((row.unit, row.start, row.end))
            aside_rows.append(number)
        else:
            kept.append(row)
    found = {m.target_id: _measure(m, kept, as_of) for m in measures}
    return found, ReportedUse(len(rows), tuple(aside), tuple(aside_rows))


def _measure(m: Measure, rows: Sequence[SubmissionRow], as_of: dt.date) -> Reported:
    by_unit: dict[str, list[SubmissionRow]] = defaultdict(list)
    for row in rows:
        start = row.period.start
        if start in m.window and start <= as_of:
            by_unit[row.unit].append(row)
    total, years = Decimal(0), dict.fromkeys(m.window.years, Decimal(0))
    counted, units, unmeasurable = 0, [], []
    lacking = _unanswerable(m)
    for unit in sorted(by_unit):
        picked, column = ([], lacking) if lacking else _unit_rows(m, by_unit[unit])
        if column is not None:
            unmeasurable.append((unit, column))
            continue
        for row in picked:
            value = Decimal(getattr(row, _COUNTED[m.count]))
            total += value
            years[row.period.start.year] += value
        counted += len(picked)
        if picked:
            units.append(unit)
    summed = m.count is Count.PERSONS and counted > 0
    return Reported(
        target_id=m.target_id,
        total=total,
        years=tuple(years.items()),
        rows=counted,
        units=tuple(units),
        persons_summed=summed,
        not_measurable=tuple(unmeasurable),
    )
