"""Rule checks: who was sent against a scheme's or a law's rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from dtbd._errors import RecordError
from dtbd.audit._audit import Severity, stable_dict
from dtbd.figures._figure import Assessment, Figure
from dtbd.figures._format import format_date
from dtbd.figures._units import Qualifier, Unit
from dtbd.model._calendar import study_days_between
from dtbd.model._period import Period
from dtbd.model._rules import AgeReference, Rule, RuleKind
from dtbd.model._scheme import Scheme
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._records import Records
from dtbd.rules._match import attendance_matches, course_matches, person_matches

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from dtbd.model._people import Attendance, Course, Person

__all__ = ["RuleViolation", "check"]


@attrs.frozen(kw_only=True)
class RuleViolation:
    """A rule broken, or a record a rule could not be checked on.

    ``code`` says which: the rule kind's own code (``age-limit``, ``gender-share``,
    ``priority-share``, ``no-overlap``, ``no-repeat``, ``course-size``,
    ``min-study-days``) for a breach, ``missing-data`` when a record lacks what the rule
    needs, ``unknown-person`` / ``unknown-course`` for an attendance whose ids match no
    record (then ``rule`` and ``kind`` are ``None``). ``expected`` is the rule's figure,
    ``actual`` what the records show.
    """

    code: str
    severity: Severity
    rule: str | None
    kind: RuleKind | None
    person: str | None = None
    course: str | None = None
    other_course: str | None = None
    """The earlier or overlapping course, for no-overlap and no-repeat."""
    year: int | None = None
    date: dt.date | None = None
    """The date the numbers were read at (an age's reference date)."""
    expected: Figure | None = None
    actual: Figure | None = None
    message_vi: str
    message_en: str

    def message(self, locale: str = "vi") -> str:
        """The sentence in Vietnamese (``"vi"``) or English (any ``"en…"`` locale)."""
        return self.message_en if locale.startswith("en") else self.message_vi

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field as a key (``None`` when empty)."""
        return stable_dict(self)


_CODES = {kind: kind.value.replace("_", "-") for kind in RuleKind}
_PERCENT_PLACES = Decimal("0.1")


def _tidy(number: Decimal, places: Decimal) -> Decimal:
    """Round half up for display, without trailing zeros: 20 rather than 20.0."""
    rounded = number.quantize(places, rounding=ROUND_HALF_UP)
    whole = rounded.to_integral_value()
    return whole if rounded == whole else rounded.normalize()


@attrs.frozen
class _Row:
    attendance: Attendance
    course: Course
    person: Person | None


def check(
    rules: Iterable[Rule] | Scheme,
    records: RecordsLike | FrameRecords,
    *,
    period: Period | None = None,
) -> tuple[RuleViolation, ...]:
    """Check records against rules; every breach and every uncheckable record is returned.

    A rule looks at courses that start on a day it is in force (and inside ``period``
    when given) and at the attendances and persons its scope lets through. docs/rules.md
    says how each kind is checked. Given a :class:`~dtbd.Scheme` instead of rules, its
    rules are checked over its period (unless ``period`` says otherwise).

    Raises:
        RecordError: some rows of ``records`` cannot be read (each is named).
        TypeError: ``records`` are none of the accepted shapes or a rule is not a
            :class:`~dtbd.Rule`.
    """
    if (frames := as_frames(records)) is not None:
        # Rule checks compare rows with each other: they run over the collected records.
        records = frames.to_records()
    loaded = coerce_records(records)
    if isinstance(loaded, LoadedRecords):
        # A rule cannot be checked on a row it cannot read; refuse rather than skip it.
        if loaded.problems:
            raise RecordError(loaded.problems)
        loaded = loaded.records
    records = loaded
    if isinstance(rules, Scheme):
        period = period or rules.period
        rules = rules.rules
    rules = tuple(rules)
    for index, rule in enumerate(rules):
        if not isinstance(rule, Rule):
            raise TypeError(
                f"rules[{index}] is a {type(rule).__name__}, not a dtbd.Rule; load rules "
                "with the scheme or build them with Rule(id, kind, label, figure)"
            )
    if not rules:
        return ()
    rows, found = _resolve(records)
    for rule in rules:
        chosen = [
            r
            for r in rows
            if rule.in_force(r.course.start) and (period is None or r.course.start in period)
        ]
        found.extend(_KINDS[rule.kind](rule, chosen, records, period))
    return tuple(found)


def _who(person: Person | None, person_id: str) -> str:
    return f"{person.name} ({person_id})" if person is not None and person.name else person_id


def _resolve(records: Records) -> tuple[list[_Row], list[RuleViolation]]:
    rows: list[_Row] = []
    problems: list[RuleViolation] = []
    for index, attendance in enumerate(records.attendances):
        course = records.course_by_id.get(attendance.course)
        person = records.person_by_id.get(attendance.person)
        if person is None:
            problems.append(_unknown("person", attendance.person, index, attendance))
        if course is None:
            problems.append(_unknown("course", attendance.course, index, attendance))
            continue
        rows.append(_Row(attendance, course, person))
    return rows, problems


def _unknown(what: str, ident: str, index: int, attendance: Attendance) -> RuleViolation:
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


def _in_scope(rule: Rule, rows: Iterable[_Row]) -> list[_Row]:
    return [r for r in rows if attendance_matches(rule.scope, r.attendance, r.course, r.person)]


def _missing(rule: Rule, row: _Row, what_vi: str, what_en: str) -> RuleViolation:
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


def _age(rule: Rule, rows: list[_Row], _r: Records, _p: Period | None) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    for row in _in_scope(rule, rows):
        person = row.person
        if person is None:
            continue  # reported once as unknown-person
        on = rule.reference_date if rule.reference is AgeReference.DATE else row.course.start
        assert on is not None  # noqa: S101  -- Rule's validator requires a reference_date
        if person.birth_date is None or person.birth_date > on:
            yield _missing(rule, row, "ngày sinh (hoặc ngày sinh sau ngày xét)", "birth date")
            continue
        age = person.age_on(on)
        if rule.figure.assess(age) is Assessment.WITHIN:
            continue
        actual = Figure.exact(age, Unit.AGE)
        who = _who(person, person.id)
        yield RuleViolation(
            code=_CODES[rule.kind],
            severity=Severity.ERROR,
            rule=rule.id,
            kind=rule.kind,
            person=person.id,
            course=row.course.id,
            date=on,
            expected=rule.figure,
            actual=actual,
            message_vi=f"{who} đủ {actual.format('vi')} vào {format_date(on, 'vi')} (khóa "
            f"{row.course.id}), không đạt «{rule.label}» ({rule.figure.format('vi')}).",
            message_en=f"{who} is {actual.format('en')} on {format_date(on, 'en')} (course "
            f"{row.course.id}), against “{rule.label}” ({rule.figure.format('en')}).",
        )


# -- shares in a cohort -----------------------------------------------------------------


def _share(
    rule: Rule, rows: list[_Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    cohorts: dict[str, list[_Row]] = defaultdict(list)
    for row in _in_scope(rule, rows):
        cohorts[row.course.id].append(row)
    for course_id, learners in cohorts.items():
        yes = unknown = 0
        for row in learners:
            person = row.person
            if person is None or (rule.kind is RuleKind.GENDER_SHARE and person.gender is None):
                unknown += 1
            elif _counts(rule, person):
                yes += 1
        size = len(learners)
        low, high = (Decimal(100) * yes / size, Decimal(100) * (yes + unknown) / size)
        verdicts = {rule.figure.assess(low), rule.figure.assess(high)}
        if verdicts == {Assessment.WITHIN}:
            continue
        shown = [_tidy(v, _PERCENT_PLACES) for v in (low, high)]
        actual = Figure(shown[0], shown[1], qualifier=Qualifier.EXACT, unit=Unit.PERCENT)
        # Unknown learners could fall either way unless both ends miss on one side.
        if len(verdicts) > 1:
            yield _share_unknown(rule, course_id, actual, unknown)
            continue
        yield RuleViolation(
            code=_CODES[rule.kind],
            severity=Severity.ERROR,
            rule=rule.id,
            kind=rule.kind,
            course=course_id,
            expected=rule.figure,
            actual=actual,
            message_vi=f"Khóa {course_id}: {yes}/{size} học viên, tỷ lệ {actual.format('vi')}, "
            f"không đạt «{rule.label}» ({rule.figure.format('vi')}).",
            message_en=f"Course {course_id}: {yes} of {size} learners, a share of "
            f"{actual.format('en')}, against “{rule.label}” ({rule.figure.format('en')}).",
        )


def _counts(rule: Rule, person: Person) -> bool:
    if rule.kind is RuleKind.GENDER_SHARE:
        return person.gender is rule.gender
    return bool(set(rule.tags) & set(person.tags))


def _share_unknown(rule: Rule, course_id: str, actual: Figure, unknown: int) -> RuleViolation:
    return RuleViolation(
        code="missing-data",
        severity=Severity.WARNING,
        rule=rule.id,
        kind=rule.kind,
        course=course_id,
        expected=rule.figure,
        actual=actual,
        message_vi=f"Khóa {course_id}: {unknown} học viên thiếu dữ liệu, tỷ lệ trong khoảng "
        f"{actual.format('vi')}; không kết luận được về «{rule.label}».",
        message_en=f"Course {course_id}: {unknown} learners lack data, so the share lies in "
        f"{actual.format('en')}; “{rule.label}” cannot be decided.",
    )


# -- overlap and repeat, per person -----------------------------------------------------


def _by_person(rule: Rule, rows: list[_Row]) -> dict[str, list[Course]]:
    courses: dict[str, list[Course]] = defaultdict(list)
    for row in _in_scope(rule, rows):
        if row.course not in courses[row.attendance.person]:
            courses[row.attendance.person].append(row.course)
    for taken in courses.values():
        taken.sort(key=lambda c: (c.start, c.id))
    return courses


def _pair(rule: Rule, person: str, first: Course, later: Course) -> RuleViolation:
    if rule.kind is RuleKind.NO_OVERLAP:
        vi = (
            f"{person} học cùng lúc hai khóa {first.id} ({first.period.format('vi')}) và "
            f"{later.id} ({later.period.format('vi')}), trái «{rule.label}»."
        )
        en = (
            f"{person} attends the courses {first.id} ({first.period.format('en')}) and "
            f"{later.id} ({later.period.format('en')}) at the same time, against “{rule.label}”."
        )
    else:
        vi = (
            f"{person} học lại nội dung của khóa {first.id} ở khóa {later.id}, "
            f"trái «{rule.label}»."
        )
        en = (
            f"{person} takes the content of course {first.id} again on course {later.id}, "
            f"against “{rule.label}”."
        )
    return RuleViolation(
        code=_CODES[rule.kind],
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


def _overlap(
    rule: Rule, rows: list[_Row], _r: Records, _p: Period | None
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


def _repeat(
    rule: Rule, rows: list[_Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    unclear: set[str] = set()
    for person, taken in _by_person(rule, rows).items():
        first_of: dict[object, Course] = {}
        for course in taken:
            key = _content(course)
            if key is None:
                if course.id not in unclear:
                    unclear.add(course.id)
                    yield RuleViolation(
                        code="missing-data",
                        severity=Severity.WARNING,
                        rule=rule.id,
                        kind=rule.kind,
                        course=course.id,
                        message_vi=f"Khóa {course.id} không ghi nội dung hay chuyên đề: không "
                        f"kiểm tra được «{rule.label}».",
                        message_en=f"Course {course.id} records neither content nor topics: "
                        f"“{rule.label}” cannot be checked on it.",
                    )
                continue
            if key in first_of:
                yield _pair(rule, person, first_of[key], course)
            else:
                first_of[key] = course


# -- course size ------------------------------------------------------------------------


def _size(
    rule: Rule, rows: list[_Row], records: Records, period: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    learners: dict[str, int] = defaultdict(int)
    for row in _in_scope(rule, rows):
        learners[row.course.id] += 1
    for course in records.courses:
        held = rule.in_force(course.start) and (period is None or course.start in period)
        if not held or not course_matches(rule.scope, course):
            continue
        size = learners[course.id]
        if rule.figure.assess(size) is Assessment.WITHIN:
            continue
        actual = Figure.exact(size, Unit.PERSON)
        yield RuleViolation(
            code=_CODES[rule.kind],
            severity=Severity.ERROR,
            rule=rule.id,
            kind=rule.kind,
            course=course.id,
            date=course.start,
            expected=rule.figure,
            actual=actual,
            message_vi=f"Khóa {course.id} có {actual.format('vi')}, ngoài quy mô "
            f"{rule.figure.format('vi')} («{rule.label}»).",
            message_en=f"Course {course.id} has {actual.format('en')}, outside the size "
            f"{rule.figure.format('en')} (“{rule.label}”).",
        )


# -- minimum study days a year ----------------------------------------------------------


def _in_force_part(rule: Rule, year: int) -> Period | None:
    part = Period.of_years(year)
    start = max(part.start, rule.valid_from) if rule.valid_from else part.start
    end = min(part.end, rule.valid_until) if rule.valid_until else part.end
    return Period(start, end) if start <= end else None


def _years(records: Records, period: Period | None) -> tuple[int, ...]:
    if period is not None:
        return period.years
    if not records.courses:
        return ()
    first = min(c.start.year for c in records.courses)
    last = max(c.last_day.year for c in records.courses)
    return tuple(range(first, last + 1))


def _days_in(row: _Row, part: Period) -> Decimal:
    inside = row.course.period.clip(part)
    if inside is None:
        return Decimal(0)
    days = Decimal(study_days_between(inside.start, inside.end))
    if row.attendance.study_days is None:
        return days
    # A learner who attended fewer days than the course is counted pro rata across years.
    total = row.course.days_of_study
    return row.attendance.study_days * days / total if total else Decimal(0)


def _min_days(
    rule: Rule, _rows: list[_Row], records: Records, period: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    minimum = rule.figure.low if rule.figure.low is not None else Decimal(0)
    # Every attendance of the year counts, not only those of courses started in force.
    resolved, _ = _resolve(records)
    for year in _years(records, period):
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
    need = Figure.at_least(_tidy(required, places), Unit.DAY)
    actual = Figure.exact(_tidy(done, places), Unit.DAY)
    who = _who(person, person.id)
    return RuleViolation(
        code=_CODES[rule.kind],
        severity=Severity.ERROR,
        rule=rule.id,
        kind=rule.kind,
        person=person.id,
        year=year,
        date=part.end,
        expected=need,
        actual=actual,
        message_vi=f"{who} học {actual.format('vi')} trong năm {year} "
        f"({part.format('vi')}), cần {need.format('vi')} theo «{rule.label}».",
        message_en=f"{who} studied {actual.format('en')} in {year} ({part.format('en')}), "
        f"needing {need.format('en')} under “{rule.label}”.",
    )


_KINDS = {
    RuleKind.AGE_LIMIT: _age,
    RuleKind.GENDER_SHARE: _share,
    RuleKind.PRIORITY_SHARE: _share,
    RuleKind.NO_OVERLAP: _overlap,
    RuleKind.NO_REPEAT: _repeat,
    RuleKind.COURSE_SIZE: _size,
    RuleKind.MIN_STUDY_DAYS: _min_days,
}
