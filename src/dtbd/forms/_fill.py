"""A form filled from person-level records for a unit and a period: typed cells, checked.

Persons are counted once per cell (*Đvt: Người*): a person on two courses of one row is
one person there; a column of attendances (*Đvt: Lượt người*) counts each attendance.
Classes are the distinct courses opened in the period that have a learner counted in
the row, by the level of the unit that opened them (the course's ``lead``). A record the
form has no row or column for is listed with the reason, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from dtbd._errors import DtbdError
from dtbd.files._digest import records_digest
from dtbd.forms._classify import Facts, place
from dtbd.forms._form import Form, FormColumn
from dtbd.forms._reported import count_reported
from dtbd.forms._tally import Tally, Unclassified, Why, unit_level, why
from dtbd.model._categories import Level, Outcome
from dtbd.model._people import Attendance, Course, Person
from dtbd.model._period import Period
from dtbd.model._units import UnitTree
from dtbd.records._records import Records

if TYPE_CHECKING:
    from dtbd.records._frames import FrameRecords

__all__ = ["FilledForm", "FormFillError", "fill_form"]


class FormFillError(DtbdError, ValueError):
    """The form cannot be filled as asked: a bad period or unit, or a broken formula."""

    code = "form.fill"


@attrs.frozen
class FilledForm:
    """A form's cells for a unit and a period, with the records it could not place."""

    form: Form
    unit: str
    unit_name: str
    period: Period
    cells: Mapping[str, Mapping[int, int]]
    """Row code → column number → count; a caption row has none."""
    unclassified: tuple[Unclassified, ...]
    counted: int
    """Attendances counted in the form."""
    reported: int
    """Units' reported rows (``records.submissions``) counted in the form."""
    digest: str
    """SHA-256 of the records used (:func:`dtbd.files._digest.records_digest`)."""
    header: Mapping[str, str] = attrs.field(factory=dict)
    """The header fields given (``recipient``, ``received``): a missing one is a dotted
    line on the form."""

    def cell(self, row: str, column: int) -> int:
        """The count in row ``row`` (its code) and column ``column``."""
        return self.cells[row][column]

    @property
    def unclassified_count(self) -> int:
        """How many records were not classifiable."""
        return len(self.unclassified)


def _period(form: Form, year: int | None, period: Period | None) -> Period:
    if (year is None) == (period is None):
        raise FormFillError("give the report's 'year' or its 'period', one of the two")
    if period is not None:
        return period
    if form.year == "reporting":
        return Period.reporting_year(year or 0)
    return Period.of_years(year or 0)


def _person_level(person: Person, units: UnitTree | None) -> tuple[Level | None, Why | None]:
    if person.level is not None:
        return person.level, None
    if units is None or person.unit is None:
        return None, why("person-no-level", person=person.id)
    level = unit_level(units, person.unit)
    if level is None:
        return None, why("person-unit-unknown", unit=person.unit, person=person.id)
    return level, None


def _in_unit(person: Person, unit: str, units: UnitTree | None) -> bool:
    if units is None:
        return True
    if person.unit is None or person.unit not in units:
        return True  # kept, so that it is listed as not classifiable
    return person.unit == unit or any(u.id == unit for u in units.ancestors(person.unit))


def fits(column: FormColumn, person: Person, level: Level) -> bool:
    """Whether a person of ``level`` is counted in ``column`` (its sum aside)."""
    return (
        (not column.levels or level in column.levels)
        and (not column.categories or person.category in column.categories)
        and (column.gender is None or person.gender is column.gender)
        and (column.minority is None or person.minority is column.minority)
        and (column.subset is None or column.subset in person.tags)
    )


def _no_column(form: Form, person: Person, level: Level) -> Why | None:
    """Why a person fits none of the parts of a sum column, which would then not hold."""
    for column in form.columns:
        if not column.sum or column.count == "courses":
            continue
        parts = [form.column(n) for n in column.sum]
        if any(fits(p, person, level) for p in parts):
            continue
        if any(p.levels and level not in p.levels for p in parts):
            return why("person-level-no-column", person=person.id, level=level.value)
        if person.category is None:
            known = ", ".join(sorted({c.value for p in parts for c in p.categories}))
            return why("person-no-category", person=person.id, known=known)
        return why("person-category-no-column", person=person.id,
                   category=person.category.value)  # fmt: skip
    return None


def _count_person(
    form: Form, tally: Tally, rows: tuple[str, ...], person: Person, level: Level
) -> None:
    for column in form.columns:
        if column.count == "courses" or column.sum or not fits(column, person, level):
            continue
        for row in rows:
            key = (row, column.number)
            if column.count == "persons":
                tally.persons.setdefault(key, set()).add(person.id)
            else:
                tally.attendances[key] = tally.attendances.get(key, 0) + 1


def _count_courses(
    form: Form, tally: Tally, courses: Mapping[str, Course], units: UnitTree | None
) -> None:
    for course_id in sorted(tally.seen_courses - set(tally.course_rows)):
        tally.unclassified.append(Unclassified.of("course", course_id, why("no-learner")))
    for course_id in sorted(tally.course_rows):
        course = courses[course_id]
        level = unit_level(units, course.lead) if units is not None and course.lead else None
        columns = [c for c in form.columns if c.count == "courses" and level in c.levels]
        if not columns:
            if not course.lead:
                reason = why("class-no-lead")
            elif level is None:
                reason = why("class-unknown-level", unit=course.lead)
            else:
                reason = why("class-level", unit=course.lead, level=level.value)
            tally.unclassified.append(Unclassified.of("course", course_id, reason))
            continue
        for column in columns:
            for row in tally.course_rows[course_id]:
                tally.courses.setdefault((row, column.number), set()).add(course_id)


def _attendance(
    form: Form, tally: Tally, attendance: Attendance, records: Records, units: UnitTree | None
) -> None:
    key = f"{attendance.person} @ {attendance.course}"
    course = records.course_by_id.get(attendance.course)
    person = records.person_by_id.get(attendance.person)
    reason: Why | None = None
    if course is None:
        reason = why("course-missing", course=attendance.course)
    elif person is None:
        reason = why("person-missing", person=attendance.person)
    elif attendance.outcome is Outcome.WITHDRAWN:
        reason = why("withdrawn")
    if reason is not None or course is None or person is None:
        tally.unclassified.append(Unclassified.of("attendance", key, reason or ("", "")))
        return
    level, reason = _person_level(person, units)
    if level is not None and reason is None:
        reason = _no_column(form, person, level)
    placed = place(form, Facts.of(course, person, level))
    reason = reason or placed.reason
    if reason is not None or level is None:
        tally.unclassified.append(Unclassified.of("attendance", key, reason or ("", "")))
        return
    tally.counted += 1
    if person.unit is not None:
        tally.known_units.add(person.unit)
    _count_person(form, tally, placed.rows, person, level)
    tally.course_rows.setdefault(course.id, set()).update(placed.rows)


def _column_total(tally: Tally, row: str, column: FormColumn) -> int:
    """A sum column counted on its own: the distinct persons or classes of its parts.

    Reported counts have no ids to make distinct: those of the parts are added, and so
    are attendances, which are each counted in one part.
    """
    reported = sum(tally.reported.get((row, n), 0) for n in column.sum)
    if column.count == "attendances":
        return reported + sum(tally.attendances.get((row, n), 0) for n in column.sum)
    found = tally.persons if column.count == "persons" else tally.courses
    parts: set[str] = set()
    for number in column.sum:
        parts |= found.get((row, number), set())
    return len(parts) + reported


def _counted(tally: Tally, row: str, column: FormColumn) -> int:
    key = (row, column.number)
    if column.count == "attendances":
        return tally.attendances.get(key, 0) + tally.reported.get(key, 0)
    found = tally.persons if column.count == "persons" else tally.courses
    return len(found.get(key, set())) + tally.reported.get(key, 0)


def _cells(form: Form, tally: Tally) -> dict[str, dict[int, int]]:
    cells: dict[str, dict[int, int]] = {}
    for row in form.rows:
        if row.caption:
            continue
        line: dict[int, int] = {}
        for column in form.columns:
            if column.sum:
                line[column.number] = _column_total(tally, row.code, column)
            else:
                line[column.number] = _counted(tally, row.code, column)
        for column in form.columns:
            if column.sum and line[column.number] != sum(line[n] for n in column.sum):
                raise FormFillError(
                    f"row {row.code!r} ({row.label}): column {column.heading} does not hold "
                    f"({line[column.number]} ≠ {sum(line[n] for n in column.sum)}); a person "
                    "or class is counted at two levels — please report this as a dtbd bug"
                )
            if column.of is not None and line[column.number] > line[column.of]:
                raise FormFillError(
                    f"row {row.code!r}: column {column.number} ({line[column.number]}) is more "
                    f"than column {column.of} ({line[column.of]}) it is part of"
                )
        cells[row.code] = line
    return cells


def _listed_order(item: Unclassified) -> tuple[object, ...]:
    """Kind, then the id in natural order ("p2" before "p10"), then the reason."""
    parts = tuple(
        (0, int(piece), "") if piece.isdigit() else (1, 0, piece)
        for piece in re.split(r"(\d+)", item.id)
    )
    return (item.kind, parts, item.reason)


def fill_form(  # noqa: PLR0913  -- the form's own parameters, all keyword
    form: Form,
    records: Records | FrameRecords,
    *,
    unit: str,
    year: int | None = None,
    period: Period | None = None,
    units: UnitTree | None = None,
    recipient: str | None = None,
    received: str | None = None,
) -> FilledForm:
    """Fill ``form`` from person-level records for ``unit`` and a ``year`` or ``period``.

    A ``year`` spans what the form's :attr:`~dtbd.Form.year` says: 1/1–31/12, or for a
    form of the reporting year 15/12 of the year before to 14/12
    (:meth:`dtbd.Period.reporting_year`); any other span is a ``period``.

    With ``units`` the persons of ``unit`` and the units under it are counted and a
    person's level, when the person gives none, is the level of their unit; without it
    every person is counted and each needs a ``level``. Courses count when they start in
    the period. Records given as dataframes (:func:`dtbd.frames`: pandas, polars, DuckDB,
    …) are read into Python objects first, so every engine gives the same cells.
    ``recipient`` (*Đơn vị nhận báo cáo*) and ``received`` (*Ngày nhận báo cáo*) fill the
    header fields of a form that has them; a field not given is a dotted line.

    Raises:
        FormFillError: no period or two, a unit not in ``units``, or a form not in force
            for the period.
    """
    if not isinstance(records, Records):
        records = records.to_records()
    when = _period(form, year, period)
    if not form.in_force(when.start):
        raise FormFillError(
            f"the form {form.code} is valid from "
            + (form.valid_from.isoformat() if form.valid_from else "…")
            + (f" to {form.valid_until.isoformat()}" if form.valid_until else "")
            + f", not for {when.start.isoformat()}; use the form in force then"
        )
    if units is not None and unit not in units:
        raise FormFillError(f"the unit {unit!r} is not in the unit tree; give one of its ids")
    tally = Tally()
    for attendance in records.attendances:
        course = records.course_by_id.get(attendance.course)
        person = records.person_by_id.get(attendance.person)
        if course is not None and course.start not in when:
            continue
        if person is not None and not _in_unit(person, unit, units):
            continue
        tally.used.append(attendance)
        tally.used.extend(x for x in (course, person) if x is not None)
        if course is not None:
            tally.seen_courses.add(course.id)
        _attendance(form, tally, attendance, records, units)
    if any(c.count == "courses" for c in form.columns):
        _count_courses(form, tally, records.course_by_id, units)
    count_reported(form, tally, records, unit=unit, when=when, units=units)
    name = units[unit].name if units is not None else unit
    return FilledForm(
        form=form,
        unit=unit,
        unit_name=name,
        period=when,
        cells=_cells(form, tally),
        # In a fixed order whatever order the rows came in (a lazy frame keeps none).
        unclassified=tuple(sorted(tally.unclassified, key=_listed_order)),
        counted=tally.counted,
        reported=tally.reported_rows,
        digest=records_digest(tally.used),
        header={
            k: v for k, v in (("recipient", recipient), ("received", received)) if v is not None
        },
    )
