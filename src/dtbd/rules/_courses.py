"""Checks on courses: overlaps, repeats of the same content, course sizes, study days a year."""

from __future__ import annotations

import functools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from dtbd.figures._figure import Assessment, Figure
from dtbd.figures._units import Qualifier, Unit
from dtbd.model._calendar import study_days_between
from dtbd.model._period import Period
from dtbd.model._rules import Rule, RuleKind
from dtbd.records._records import Records
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._match import COURSE_FIELDS, course_place, person_place, place
from dtbd.rules._rows import (
    CODES,
    Row,
    count_unknown,
    gap_findings,
    missing_on,
    person_name,
    placed,
    resolve,
    tidy,
)
from dtbd.words import say_each

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dtbd.model._people import Course, Person

__all__ = [
    "check_min_days",
    "check_overlap",
    "check_repeat",
    "check_size",
    "dated",
    "pair_violation",
    "period_words",
    "same_content",
    "years_of",
]


def dated(course: Course) -> bool:
    """Whether the records say when the course ends: an end date or a number of study days."""
    return course.end is not None or course.study_days is not None


def _by_person(rule: Rule, rows: list[Row]) -> tuple[dict[str, list[Course]], list[RuleViolation]]:
    """Each person's courses in the rule's scope, and the rows the scope cannot place."""
    courses: dict[str, list[Course]] = defaultdict(list)
    unsure: list[tuple[Row, tuple[str, ...]]] = []
    for row, gaps in placed(rule, rows):
        if gaps:
            unsure.append((row, gaps))
        elif row.course not in courses[row.attendance.person]:
            courses[row.attendance.person].append(row.course)
    for taken in courses.values():
        taken.sort(key=lambda c: (c.start, c.id))
    return courses, gap_findings(rule, unsure)


@functools.lru_cache(maxsize=4096)
def period_words(period: Period, locale: str) -> str:
    """A course's days in words, written once for the many pairs it is in (babel is slow)."""
    return period.format(locale)


def _pair(
    rule: Rule,
    person: str,
    first: Course,
    later: Course,
    periods: tuple[Period, Period] | None = None,
) -> RuleViolation:
    if rule.kind is RuleKind.NO_OVERLAP:
        first_period, later_period = periods or (first.period, later.period)
        vi, en = say_each(
            "violation.no-overlap",
            person=person,
            first=first.id,
            first_period=functools.partial(period_words, first_period),
            later=later.id,
            later_period=functools.partial(period_words, later_period),
            rule=rule.label,
        )
    else:
        vi, en = say_each(
            "violation.no-repeat", person=person, first=first.id, later=later.id, rule=rule.label
        )
    return pair_violation(rule, person, first, later, (vi, en))


def pair_violation(  # noqa: PLR0913  -- the pair, its words and, across schemes, both schemes
    rule: Rule,
    person: str,
    first: Course,
    later: Course,
    message: tuple[str, str],
    *,
    schemes: tuple[str, str] | None = None,
) -> RuleViolation:
    """The violation of ``rule`` by ``person``'s ``later`` course against ``first``.

    ``message`` is its text in Vietnamese and English; ``schemes`` the later course's
    scheme and the other one, when the rule looks across schemes.
    """
    scheme, other_scheme = schemes or (None, None)
    return RuleViolation(
        code=CODES[rule.kind],
        severity=Severity.ERROR,
        rule=rule.id,
        kind=rule.kind,
        person=person,
        course=later.id,
        other_course=first.id,
        scheme=scheme,
        other_scheme=other_scheme,
        date=later.start,
        message_vi=message[0],
        message_en=message[1],
    )


def check_overlap(
    rule: Rule, rows: list[Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    by_person, unsure = _by_person(rule, rows)
    yield from unsure
    undated: set[str] = set()
    # A course's days are worked out once (its end from study days reads the holiday
    # calendar), not once per pair of courses of every person who took it.
    periods: dict[str, Period] = {}
    for person, taken in by_person.items():
        # A course with no end date and no study days has no known extent: it is
        # reported once and compared with nothing.
        for course in taken:
            if not dated(course) and course.id not in undated:
                undated.add(course.id)
                yield missing_on(rule, "end", course=course.id)
        known = [course for course in taken if dated(course)]
        spans = [periods.get(c.id) or periods.setdefault(c.id, c.period) for c in known]
        # Sorted by start: the courses that overlap one are those that start before it
        # ends, all next to it; the sweep stops at the first that starts after.
        for index, span in enumerate(spans):
            for later in range(index + 1, len(known)):
                if spans[later].start > span.end:
                    break
                yield _pair(rule, person, known[index], known[later], (span, spans[later]))


def same_content(course: Course) -> object:
    """What two courses share when they teach the same content; ``None`` if unknown."""
    # Without a content key, two courses teach the same content when their topics agree.
    if course.content:
        return ("content", course.content)
    if course.topics:
        return ("topics", frozenset(course.topics))
    return None


def check_repeat(
    rule: Rule, rows: list[Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    by_person, unsure = _by_person(rule, rows)
    yield from unsure
    unclear: set[str] = set()
    for person, taken in by_person.items():
        first_of: dict[object, Course] = {}
        for course in taken:
            key = same_content(course)
            if key is None:
                if course.id not in unclear:
                    unclear.add(course.id)
                    yield missing_on(rule, "content", course=course.id)
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
    known: dict[str, int] = defaultdict(int)
    unsure: dict[str, int] = defaultdict(int)
    blank: list[tuple[Row, tuple[str, ...]]] = []
    for row, gaps in placed(rule, rows):
        if not gaps:
            known[row.course.id] += 1
        elif not COURSE_FIELDS & set(gaps):
            # A learner who may be outside the scope: the size becomes a range.
            unsure[row.course.id] += 1
            blank.append((row, gaps))
    yield from gap_findings(rule, blank)
    for course in records.courses:
        held = rule.in_force(course.start) and (period is None or course.start in period)
        course_blank = course_place(rule.scope, course)
        if not held or course_blank is None:
            continue
        if course_blank:
            yield from (missing_on(rule, gap, course=course.id) for gap in course_blank)
            continue
        size, more = known[course.id], unsure[course.id]
        verdicts = {rule.figure.assess(size), rule.figure.assess(size + more)}
        if verdicts == {Assessment.WITHIN}:
            continue
        actual = Figure(size, size + more, qualifier=Qualifier.EXACT, unit=Unit.PERSON)
        if len(verdicts) > 1:
            # The learners the scope cannot place could decide it either way.
            yield count_unknown(rule, course.id, actual, more, course.start)
            continue
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
    last = rule.last_day
    start = max(part.start, rule.valid_from) if rule.valid_from else part.start
    end = min(part.end, last) if last else part.end
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


def _studied(
    rule: Rule, rows: list[Row], part: Period
) -> tuple[dict[str, Decimal], dict[str, list[tuple[Row, tuple[str, ...]]]]]:
    """Each person's known study days in ``part``, and the rows that may add to them.

    A row adds unknown days when its course has no end and no study days, or when the
    scope cannot place it for a blank field.
    """
    studied: dict[str, Decimal] = defaultdict(Decimal)
    unknown: dict[str, list[tuple[Row, tuple[str, ...]]]] = defaultdict(list)
    for row in rows:
        gaps = place(rule.scope, row.attendance, row.course, row.person)
        if gaps is None:
            continue
        blank = gaps if dated(row.course) else (*gaps, "end")
        if not blank:
            studied[row.attendance.person] += _days_in(row, part)
        elif row.course.period.clip(part) is not None:
            unknown[row.attendance.person].append((row, blank))
    return studied, unknown


def check_min_days(
    rule: Rule, _rows: list[Row], records: Records, period: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    minimum = rule.figure.low if rule.figure.low is not None else Decimal(0)
    # Every attendance of the year counts, not only those of courses started in force.
    resolved, _ = resolve(records)
    unsure: dict[tuple[str, str], tuple[Row, tuple[str, ...]]] = {}
    blank: dict[tuple[str, str], RuleViolation] = {}
    for year in years_of(records, period):
        part = _in_force_part(rule, year)
        if part is None or (period is not None and period.clip(part) is None):
            continue
        required = minimum * part.days / Period.of_years(year).days
        studied, unknown = _studied(rule, resolved, part)
        for person in records.persons:
            person_blank = person_place(rule.scope, person, part.end)
            if person_blank is None:
                continue
            for field in person_blank:
                blank.setdefault((person.id, field), missing_on(rule, field, person=person.id))
            done = studied[person.id]
            if person_blank or done >= required:
                continue
            if unknown[person.id]:
                # Short on what is known, but courses of unknown length or scope might
                # make up the days: reported as missing data, never as a breach.
                for row, gaps in unknown[person.id]:
                    unsure.setdefault((person.id, row.course.id), (row, gaps))
                continue
            yield _short(rule, person, part, done, required)
    yield from blank.values()
    yield from gap_findings(rule, unsure.values())


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
