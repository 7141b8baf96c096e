"""The attendances a rule looks at, each joined to its course and person, and shared helpers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import attrs

from dtbd.model._rules import Rule, RuleKind
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._match import attendance_matches

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


def missing(rule: Rule, row: Row, what_vi: str, what_en: str) -> RuleViolation:
    return RuleViolation(
        code="missing-data",
        severity=Severity.WARNING,
        rule=rule.id,
        kind=rule.kind,
        person=row.attendance.person,
        course=row.course.id,
        message_vi=f"Không kiểm tra được quy định «{rule.label}» với {row.attendance.person} "
        f"ở khóa {row.course.id}: thiếu {what_vi}.",
        message_en=f"Rule “{rule.label}” cannot be checked for {row.attendance.person} on "
        f"course {row.course.id}: the {what_en} is missing.",
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
    vi_what = "người" if what == "person" else "khóa"
    return RuleViolation(
        code=f"unknown-{what}",
        severity=Severity.ERROR,
        rule=None,
        kind=None,
        person=attendance.person,
        course=attendance.course,
        message_vi=f"Lượt học thứ {index + 1}: không có {vi_what} mã {ident!r} trong dữ liệu.",
        message_en=f"Attendance {index + 1}: no {what} with the id {ident!r} in the records.",
    )
