"""Units' reported rows (*submissions*) on a form: totals added where a row can say its cell.

A reported row gives a line (activity, content, location, format) and counts for a unit
and a period. Its persons go to the column of the unit's level, its classes to the
column of classes opened at that level, its attendances (*lượt*) to the columns of
attendances; it cannot say how many of its persons lead (columns 5 and 7 of 10-BTCTW),
nor a QP-AN đối tượng or a *liên kết* programme (no person tags, no topics), so a row
that needs them is listed, not guessed. A breakdown row (of which women, …) is part of
its line's total: it fills a column that counts exactly that part (a "Trong đó: Nữ"
column, a column of *công chức*), and is listed when the form has none; a unit whose
person-level records are counted is not counted twice from its report.
"""

from __future__ import annotations

from dtbd.forms._classify import Facts, place
from dtbd.forms._form import Form, FormColumn
from dtbd.forms._tally import Tally, Unclassified, Why, unit_level, why
from dtbd.model._categories import Level
from dtbd.model._period import Period
from dtbd.model._submission import BREAKDOWN, SubmissionRow
from dtbd.model._units import UnitTree
from dtbd.records._records import Records

__all__ = ["count_reported"]


def _under(row: SubmissionRow, unit: str, units: UnitTree | None) -> bool:
    if units is None or row.unit not in units:
        return True  # kept, so that it is listed as not classifiable
    return row.unit == unit or any(u.id == unit for u in units.ancestors(row.unit))


_SPLITS = ("gender", "minority", "category")
"""The breakdowns a column can count (its ``gender``, ``minority``, ``categories``); the
level of a reported row is its unit's, and no form counts an age band."""


def _given(row: SubmissionRow) -> str:
    values = {n: getattr(row, n) for n in BREAKDOWN if getattr(row, n) is not None}
    return ", ".join(f"{n} {getattr(v, 'value', v)}" for n, v in values.items())


def _splits(form: Form) -> set[str]:
    """The breakdowns some column of the form counts."""
    found = set()
    for column in form.columns:
        found |= {"gender"} if column.gender is not None else set()
        found |= {"minority"} if column.minority is not None else set()
        found |= {"category"} if column.categories else set()
    return found


def _breakdown(form: Form, row: SubmissionRow) -> Why | None:
    """A breakdown no column of the form counts: the row is part of a total."""
    if any(getattr(row, n) is not None for n in BREAKDOWN if n not in _splits(form)):
        return why("reported-breakdown", given=_given(row))
    return None


def _fits(column: FormColumn, row: SubmissionRow, level: Level | None) -> bool:
    """Whether the column counts exactly the part of the line that the row reports."""
    count = {"persons": row.persons, "courses": row.courses, "attendances": row.attendances}
    return (
        not column.sum and column.subset is None and count[column.count] is not None
        and (not column.levels or level in column.levels)
        and row.gender is column.gender
        and row.minority is column.minority
        and (row.category in column.categories if column.categories else row.category is None)
    )  # fmt: skip


def _no_fit(form: Form, row: SubmissionRow) -> Why:
    """Why a row in the report's scope fills no column."""
    if row.breakdown:
        return why("reported-no-fit", given=_given(row))
    split = sorted({"category" for c in form.columns for n in c.sum if form.column(n).categories})
    if split:
        return why("reported-no-part", split=", ".join(split))
    return why("reported-no-column", unit=row.unit)


def _why_not(
    form: Form, row: SubmissionRow, when: Period, units: UnitTree | None, tally: Tally
) -> Why | None:
    """Why a reported row in the report's scope cannot be counted, or ``None``."""
    if not (row.period.start in when and row.period.end in when):
        return why("reported-period", start=row.period.start, end=row.period.end)
    if units is None:
        return why("reported-no-tree", unit=row.unit)
    if row.unit not in units:
        return why("reported-unit-unknown", unit=row.unit)
    if row.unit in tally.known_units:
        return why("reported-also-persons", unit=row.unit)
    return _no_count(form, row)


def _no_count(form: Form, row: SubmissionRow) -> Why | None:
    """Why a row gives none of the counts the form's columns read, or ``None``."""
    read = sorted({c.count for c in form.columns})
    if any(getattr(row, name) is not None for name in read):
        return None
    if "attendances" in read:
        return why("reported-no-count", counts=", ".join(read))
    return why("reported-nothing")


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
        reason = _breakdown(form, row) or _why_not(form, row, when, units, tally)
        level = unit_level(units, row.unit) if units is not None and reason is None else None
        placed = place(form, Facts.reported(row, level))
        reason = reason or placed.reason
        columns = [c for c in form.columns if _fits(c, row, level)]
        if reason is None and not columns:
            reason = _no_fit(form, row)
        if reason is not None:
            tally.unclassified.append(Unclassified.of("reported", key, reason))
            continue
        tally.reported_rows += 1
        for column in columns:
            count = {"persons": row.persons, "courses": row.courses,
                     "attendances": row.attendances}[column.count]  # fmt: skip
            for code in placed.rows:
                tally.add(code, column.number, count or 0)
