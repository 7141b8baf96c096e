"""The attendances a rule looks at, each joined to its course and person, and shared helpers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from dtbd.model._rules import Rule, RuleKind
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._match import COURSE_FIELDS, place
from dtbd.words import phrase, say_each

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from dtbd.figures._figure import Figure
    from dtbd.model._people import Attendance, Course, Person
    from dtbd.records._records import Records

__all__ = [
    "CODES",
    "PERCENT_PLACES",
    "Row",
    "gap_findings",
    "in_scope",
    "missing",
    "missing_on",
    "person_name",
    "placed",
    "resolve",
    "tidy",
]


CODES = {kind: kind.value.replace("_", "-") for kind in RuleKind}
PERCENT_PLACES = Decimal("0.1")


def tidy(number: Decimal, places: Decimal) -> Decimal:
    """Round half up for display, without trailing zeros: 20 rather than 20.0."""
    rounded = number.quantize(places, rounding=ROUND_HALF_UP)
    whole = rounded.to_integral_value()
    return whole if rounded == whole else rounded.normalize()


@attrs.frozen
class Row:
    attendance: Attendance
    course: Course
    person: Person | None


def person_name(person: Person | None, person_id: str) -> str:
    return f"{person.name} ({person_id})" if person is not None and person.name else person_id


def placed(rule: Rule, rows: Iterable[Row]) -> list[tuple[Row, tuple[str, ...]]]:
    """The rows the rule's scope does not rule out, each with the fields it leaves blank.

    A row with no blank field is in the rule's scope; one with blank fields may be or may
    not, and every rule kind reports it as missing data on those fields.
    """
    found = []
    for row in rows:
        gaps = place(rule.scope, row.attendance, row.course, row.person)
        if gaps is not None:
            found.append((row, gaps))
    return found


def in_scope(rule: Rule, rows: Iterable[Row]) -> list[Row]:
    """The rows the rule's scope takes for certain."""
    return [row for row, gaps in placed(rule, rows) if not gaps]


def gap_findings(
    rule: Rule,
    rows: Iterable[tuple[Row, tuple[str, ...]]],
    seen: set[tuple[str, str]] | None = None,
) -> list[RuleViolation]:
    """Missing-data findings for blank fields: a person's on each row, a course's once.

    ``seen`` holds the (course, field) pairs already reported, across calls.
    """
    found: list[RuleViolation] = []
    seen = set() if seen is None else seen
    for row, gaps in rows:
        for gap in gaps:
            if gap not in COURSE_FIELDS:
                found.append(missing(rule, row, gap))
            elif (row.course.id, gap) not in seen:
                seen.add((row.course.id, gap))
                found.append(missing_on(rule, gap, course=row.course.id))
    return found


def missing(rule: Rule, row: Row, field: str) -> RuleViolation:
    """A warning that ``rule`` cannot be checked on ``row``: its ``field`` is blank."""
    return missing_on(rule, field, person=row.attendance.person, course=row.course.id)


def missing_on(
    rule: Rule, field: str, *, person: str | None = None, course: str | None = None
) -> RuleViolation:
    """A missing-data warning on a person, a course or one person's attendance of a course."""
    if person and course:
        key = "violation.missing-data"
    else:
        key = "violation.missing-data.person" if person else "violation.missing-data.course"
    vi, en = say_each(
        key,
        rule=rule.label,
        person=person,
        course=course,
        what=phrase(f"violation.field.{field}"),
    )
    return RuleViolation(
        code="missing-data",
        severity=Severity.WARNING,
        rule=rule.id,
        kind=rule.kind,
        person=person,
        course=course,
        field=field,
        message_vi=vi,
        message_en=en,
    )


def count_unknown(
    rule: Rule, course: str, actual: Figure, unknown: int, date: dt.date | None = None
) -> RuleViolation:
    """A missing-data warning on a course whose count is a range: ``unknown`` cannot be placed."""
    size = rule.kind is RuleKind.COURSE_SIZE
    key = "violation.missing-data.size" if size else "violation.missing-data.share"
    vi, en = say_each(key, course=course, unknown=unknown, actual=actual.format, rule=rule.label)
    return RuleViolation(
        code="missing-data",
        severity=Severity.WARNING,
        rule=rule.id,
        kind=rule.kind,
        course=course,
        date=date,
        expected=rule.figure,
        actual=actual,
        message_vi=vi,
        message_en=en,
    )


# -- joining the tables -----------------------------------------------------------------


def resolve(records: Records) -> tuple[list[Row], list[RuleViolation]]:
    """Each attendance with its course and person, and the ids that match no record.

    Without a persons table no id is an unknown person: the check says once that person
    rules were not run instead.
    """
    rows: list[Row] = []
    problems: list[RuleViolation] = []
    for index, attendance in enumerate(records.attendances):
        course = records.course_by_id.get(attendance.course)
        person = records.person_by_id.get(attendance.person)
        if person is None and records.persons:
            problems.append(unknown("person", attendance.person, index, attendance))
        if course is None:
            problems.append(unknown("course", attendance.course, index, attendance))
            continue
        rows.append(Row(attendance, course, person))
    return rows, problems


def unknown(what: str, ident: str, index: int, attendance: Attendance) -> RuleViolation:
    key = "violation.unknown-person" if what == "person" else "violation.unknown-course"
    vi, en = say_each(key, number=index + 1, ident=ident)
    return RuleViolation(
        code=f"unknown-{what}",
        severity=Severity.ERROR,
        rule=None,
        kind=None,
        person=attendance.person,
        course=attendance.course,
        message_vi=vi,
        message_en=en,
    )
