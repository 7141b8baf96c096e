"""Units' reported rows (*submissions*) on a form: totals added where a row can say its cell.

A reported row gives a line (activity, content, location, format) and counts for a unit
and a period. Its persons go to the column of the unit's level, its classes to the
column of classes opened at that level; it cannot say how many of its persons lead
(columns 5 and 7), nor a QP-AN đối tượng or a *liên kết* programme (no person tags,
no topics), so a row that needs them is listed, not guessed. A breakdown row (of which
women, …) is part of its line's total and is listed as such; a unit whose person-level
records are counted is not counted twice from its report.
"""

from __future__ import annotations

from dtbd.forms._classify import Facts, place
from dtbd.forms._form import Form
from dtbd.forms._tally import Tally, Unclassified, Why, unit_level, why
from dtbd.model._period import Period
from dtbd.model._submission import BREAKDOWN, SubmissionRow
from dtbd.model._units import UnitTree
from dtbd.records._records import Records

__all__ = ["count_reported"]


def _under(row: SubmissionRow, unit: str, units: UnitTree | None) -> bool:
    if units is None or row.unit not in units:
        return True  # kept, so that it is listed as not classifiable
    return row.unit == unit or any(u.id == unit for u in units.ancestors(row.unit))


def _breakdown(row: SubmissionRow) -> Why | None:
    values = {n: getattr(row, n) for n in BREAKDOWN if getattr(row, n) is not None}
    given = [f"{n} {getattr(v, 'value', v)}" for n, v in values.items()]
    if given:
        return why("reported-breakdown", given=", ".join(given))
    return None


def _why_not(row: SubmissionRow, when: Period, units: UnitTree | None, tally: Tally) -> Why | None:
    """Why a reported row in the report's scope cannot be counted, or ``None``."""
    if not (row.period.start in when and row.period.end in when):
        return why("reported-period", start=row.period.start, end=row.period.end)
    if units is None:
        return why("reported-no-tree", unit=row.unit)
    if row.unit not in units:
        return why("reported-unit-unknown", unit=row.unit)
    if row.unit in tally.known_units:
        return why("reported-also-persons", unit=row.unit)
    if row.persons is None and row.courses is None:
        return why("reported-nothing")
    return None


def count_reported(  # noqa: PLR0913  -- what fill_form knows, passed on
    form: Form,
    tally: Tally,
    records: Records,
    *,
    unit: str,
    when: Period,
    units: UnitTree | None,
) -> None:
    """Add the reported rows of ``unit`` (and below) in ``when`` to ``tally``.

    Run after the person-level records: ``tally.known_units`` holds their units.
    """
    for index, row in enumerate(records.submissions):
        if not row.period.overlaps(when) or not _under(row, unit, units):
            continue
        key = f"submissions[{index}] ({row.unit})"
        tally.used.append(row)
        reason = _breakdown(row) or _why_not(row, when, units, tally)
        level = unit_level(units, row.unit) if units is not None and reason is None else None
        placed = place(form, Facts.reported(row))
        reason = reason or placed.reason
        columns = [
            c for c in form.columns
            if level in c.levels and c.subset is None
            and (row.persons if c.count == "persons" else row.courses) is not None
        ]  # fmt: skip
        if reason is None and not columns:
            reason = why("reported-no-column", unit=row.unit)
        if reason is not None:
            tally.unclassified.append(Unclassified.of("reported", key, reason))
            continue
        tally.reported_rows += 1
        for column in columns:
            count = row.persons if column.count == "persons" else row.courses
            for code in placed.rows:
                tally.add(code, column.number, count or 0)
