"""The attendances a rule looks at, each joined to its course and person, and shared helpers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from dtbd.model._rules import Rule, RuleKind
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._match import attendance_matches
from dtbd.words import phrase, say_each

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.model._people import Attendance, Course, Person
    from dtbd.records._records import Records

__all__ = [
    "CODES",
    "PERCENT_PLACES",
    "Row",
    "in_scope",
    "missing",
    "person_name",
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


def in_scope(rule: Rule, rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if attendance_matches(rule.scope, r.attendance, r.course, r.person)]


def missing(rule: Rule, row: Row, what: str) -> RuleViolation:
    """A warning that ``rule`` cannot be checked on ``row``: ``what`` (a key) is missing."""
    vi, en = say_each(
        "violation.missing-data",
        rule=rule.label,
        person=row.attendance.person,
        course=row.course.id,
        what=phrase(what),
    )
    return RuleViolation(
        code="missing-data",
        severity=Severity.WARNING,
        rule=rule.id,
        kind=rule.kind,
        person=row.attendance.person,
        course=row.course.id,
        message_vi=vi,
        message_en=en,
    )


# -- age --------------------------------------------------------------------------------


def resolve(records: Records) -> tuple[list[Row], list[RuleViolation]]:
    rows: list[Row] = []
    problems: list[RuleViolation] = []
    for index, attendance in enumerate(records.attendances):
        course = records.course_by_id.get(attendance.course)
        person = records.person_by_id.get(attendance.person)
        if person is None:
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
