"""A form filled from person-level records for a unit and a period: typed cells, checked.

Persons are counted once per cell (*Đvt: Người*): a person on two courses of one row is
one person there. Classes are the distinct courses opened in the period that have a
learner counted in the row, by the level of the unit that opened them (the course's
``lead``). A record the form has no row for is listed with the reason, never dropped.
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
    """Row code → column number → count."""
    unclassified: tuple[Unclassified, ...]
    counted: int
    """Attendances counted in the form."""
    reported: int
    """Units' reported rows (``records.submissions``) counted in the form."""
    digest: str
    """SHA-256 of the records used (:func:`dtbd.files._digest.records_digest`)."""

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


def _count_person(
    form: Form, tally: Tally, rows: tuple[str, ...], person: Person, level: Level
) -> None:
    for column in form.columns:
        if column.count != "persons" or not column.levels or level not in column.levels:
            continue
        if column.subset is not None and column.subset not in person.tags:
            continue
        for row in rows:
            tally.persons.setdefault((row, column.number), set()).add(person.id)


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
    if level is not None and not any(level in c.levels for c in form.columns):
        reason = why("person-level-no-column", person=person.id, level=level.value)
    placed = place(form, Facts.of(course, person))
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

    Reported counts have no ids to make distinct: those of the parts are added.
    """
    found = tally.persons if column.count == "persons" else tally.courses
    parts: set[str] = set()
    for number in column.sum:
        parts |= found.get((row, number), set())
    return len(parts) + sum(tally.reported.get((row, n), 0) for n in column.sum)


def _cells(form: Form, tally: Tally) -> dict[str, dict[int, int]]:
    cells: dict[str, dict[int, int]] = {}
    for row in form.rows:
        line: dict[int, int] = {}
        for column in form.columns:
            found = tally.persons if column.count == "persons" else tally.courses
            if column.sum:
                line[column.number] = _column_total(tally, row.code, column)
            else:
                key = (row.code, column.number)
                line[column.number] = len(found.get(key, set())) + tally.reported.get(key, 0)
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
    )
