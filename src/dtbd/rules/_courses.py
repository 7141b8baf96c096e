"""Checks on courses: overlaps, repeats of the same content, course sizes, study days a year."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from dtbd.figures._figure import Assessment, Figure
from dtbd.figures._units import Unit
from dtbd.model._calendar import study_days_between
from dtbd.model._period import Period
from dtbd.model._rules import Rule, RuleKind
from dtbd.records._records import Records
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._match import attendance_matches, course_matches, person_matches
from dtbd.rules._rows import CODES, Row, in_scope, person_name, resolve, tidy
from dtbd.words import say_each

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dtbd.model._people import Course, Person

__all__ = ["check_min_days", "check_overlap", "check_repeat", "check_size", "years_of"]


def _by_person(rule: Rule, rows: list[Row]) -> dict[str, list[Course]]:
    courses: dict[str, list[Course]] = defaultdict(list)
    for row in in_scope(rule, rows):
        if row.course not in courses[row.attendance.person]:
            courses[row.attendance.person].append(row.course)
    for taken in courses.values():
        taken.sort(key=lambda c: (c.start, c.id))
    return courses


def _pair(rule: Rule, person: str, first: Course, later: Course) -> RuleViolation:
    if rule.kind is RuleKind.NO_OVERLAP:
        vi, en = say_each(
            "violation.no-overlap",
            person=person,
            first=first.id,
            first_period=first.period.format,
            later=later.id,
            later_period=later.period.format,
            rule=rule.label,
        )
    else:
        vi, en = say_each(
            "violation.no-repeat", person=person, first=first.id, later=later.id, rule=rule.label
        )
    return RuleViolation(
        code=CODES[rule.kind],
        severity=Severity.ERROR,
        rule=rule.id,
        kind=rule.kind,
        person=person,
        course=later.id,
        other_course=first.id,
        date=later.start,
        message_vi=vi,
        message_en=en,
    )


def check_overlap(
    rule: Rule, rows: list[Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    for person, taken in _by_person(rule, rows).items():
        for index, first in enumerate(taken):
            for later in taken[index + 1 :]:
                if first.period.overlaps(later.period):
                    yield _pair(rule, person, first, later)


def _content(course: Course) -> object:
    # Without a content key, two courses teach the same content when their topics agree.
    if course.content:
        return ("content", course.content)
    if course.topics:
        return ("topics", frozenset(course.topics))
    return None


def check_repeat(
    rule: Rule, rows: list[Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    unclear: set[str] = set()
    for person, taken in _by_person(rule, rows).items():
        first_of: dict[object, Course] = {}
        for course in taken:
            key = _content(course)
            if key is None:
                if course.id not in unclear:
                    unclear.add(course.id)
                    vi, en = say_each(
                        "violation.missing-data.content", course=course.id, rule=rule.label
                    )
                    yield RuleViolation(
                        code="missing-data",
                        severity=Severity.WARNING,
                        rule=rule.id,
                        kind=rule.kind,
                        course=course.id,
                        message_vi=vi,
                        message_en=en,
                    )
                continue
            if key in first_of:
                yield _pair(rule, person, first_of[key], course)
            else:
                first_of[key] = course


# -- course size ------------------------------------------------------------------------


def check_size(
    rule: Rule, rows: list[Row], records: Records, period: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    learners: dict[str, int] = defaultdict(int)
    for row in in_scope(rule, rows):
        learners[row.course.id] += 1
    for course in records.courses:
        held = rule.in_force(course.start) and (period is None or course.start in period)
        if not held or not course_matches(rule.scope, course):
            continue
        size = learners[course.id]
        if rule.figure.assess(size) is Assessment.WITHIN:
            continue
        actual = Figure.exact(size, Unit.PERSON)
        vi, en = say_each(
            "violation.course-size",
            course=course.id,
            actual=actual.format,
            figure=rule.figure.format,
            rule=rule.label,
        )
        yield RuleViolation(
            code=CODES[rule.kind],
            severity=Severity.ERROR,
            rule=rule.id,
            kind=rule.kind,
            course=course.id,
            date=course.start,
            expected=rule.figure,
            actual=actual,
            message_vi=vi,
            message_en=en,
        )


# -- minimum study days a year ----------------------------------------------------------


def _in_force_part(rule: Rule, year: int) -> Period | None:
    part = Period.of_years(year)
    start = max(part.start, rule.valid_from) if rule.valid_from else part.start
    end = min(part.end, rule.valid_until) if rule.valid_until else part.end
    return Period(start, end) if start <= end else None


def years_of(records: Records, period: Period | None) -> tuple[int, ...]:
    if period is not None:
        return period.years
    if not records.courses:
        return ()
    first = min(c.start.year for c in records.courses)
    last = max(c.last_day.year for c in records.courses)
    return tuple(range(first, last + 1))


def _days_in(row: Row, part: Period) -> Decimal:
    inside = row.course.period.clip(part)
    if inside is None:
        return Decimal(0)
    days = Decimal(study_days_between(inside.start, inside.end))
    if row.attendance.study_days is None:
        return days
    # A learner who attended fewer days than the course is counted pro rata across years.
    total = row.course.days_of_study
    return row.attendance.study_days * days / total if total else Decimal(0)


def check_min_days(
    rule: Rule, _rows: list[Row], records: Records, period: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    minimum = rule.figure.low if rule.figure.low is not None else Decimal(0)
    # Every attendance of the year counts, not only those of courses started in force.
    resolved, _ = resolve(records)
    for year in years_of(records, period):
        part = _in_force_part(rule, year)
        if part is None or (period is not None and period.clip(part) is None):
            continue
        required = minimum * part.days / Period.of_years(year).days
        studied: dict[str, Decimal] = defaultdict(Decimal)
        for row in resolved:
            if attendance_matches(rule.scope, row.attendance, row.course, row.person):
                studied[row.attendance.person] += _days_in(row, part)
        for person in records.persons:
            if not person_matches(rule.scope, person, part.end):
                continue
            done = studied[person.id]
            if done >= required:
                continue
            yield _short(rule, person, part, done, required)


def _short(
    rule: Rule, person: Person, part: Period, done: Decimal, required: Decimal
) -> RuleViolation:
    year = part.start.year
    places = Decimal("0.01")
    need = Figure.at_least(tidy(required, places), Unit.DAY)
    actual = Figure.exact(tidy(done, places), Unit.DAY)
    vi, en = say_each(
        "violation.min-study-days",
        who=person_name(person, person.id),
        actual=actual.format,
        year=year,
        part=part.format,
        need=need.format,
        rule=rule.label,
    )
    return RuleViolation(
        code=CODES[rule.kind],
        severity=Severity.ERROR,
        rule=rule.id,
        kind=rule.kind,
        person=person.id,
        year=year,
        date=part.end,
        expected=need,
        actual=actual,
        message_vi=vi,
        message_en=en,
    )
