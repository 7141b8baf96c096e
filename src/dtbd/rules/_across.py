"""Rules that look across schemes: the same content, or the same days, under another scheme.

1641's "chưa tham gia … Chương trình, Đề án … có cùng nội dung … trong cùng giai đoạn"
and Hà Nội's "không cử … cùng một thời điểm … thuộc chương trình, kế hoạch, đề án khác
nhau" are about a person's courses under other schemes too. A no-repeat or no-overlap
rule names them in ``across``; checked with those schemes, an attendance under the
rule's scheme is compared with the same person's courses that only the other scheme
covers (the courses both cover are already compared by the rule's own check).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING

from dtbd.model._rules import Rule, RuleKind
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._courses import dated, pair_violation, period_words, same_content
from dtbd.rules._reach import covered
from dtbd.rules._rows import CODES, Row, missing_on, placed, resolve
from dtbd.words import say_each

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from dtbd.model._people import Course
    from dtbd.model._period import Period
    from dtbd.model._scheme import Scheme
    from dtbd.records._records import Records

__all__ = ["across_not_given", "check_across"]


def across_not_given(rule: Rule, scheme_ids: Iterable[str]) -> RuleViolation:
    """The warning that ``rule`` looks across schemes that were not checked with it."""
    ids = tuple(scheme_ids)
    vi, en = say_each(
        "violation.across-not-given", rule=rule.label, schemes=", ".join(ids), first=ids[0]
    )
    return RuleViolation(
        code="across-not-given",
        severity=Severity.WARNING,
        rule=rule.id,
        kind=rule.kind,
        message_vi=vi,
        message_en=en,
    )


def _rows(rule: Rule, records: Records, period: Period | None) -> list[Row]:
    """The attendances of courses the rule is in force on (and inside ``period``)."""
    rows, _unknown = resolve(records)
    return [
        r
        for r in rows
        if rule.in_force(r.course.start) and (period is None or r.course.start in period)
    ]


def _courses(rule: Rule, rows: Iterable[Row]) -> dict[str, list[Course]]:
    """Each person's courses the rule's scope takes for certain, by start."""
    taken: dict[str, list[Course]] = defaultdict(list)
    for row, gaps in placed(rule, rows):
        if not gaps and row.course not in taken[row.attendance.person]:
            taken[row.attendance.person].append(row.course)
    for courses in taken.values():
        courses.sort(key=lambda c: (c.start, c.id))
    return taken


def check_across(
    rule: Rule,
    under: tuple[str, Records],
    others: Mapping[str, Scheme],
    records: Records,
    period: Period | None,
) -> Iterator[RuleViolation]:
    """``rule`` of a scheme against each person's courses under the schemes ``others``.

    ``under`` is the rule's scheme's id and the records of the courses it covers (all
    of them with ``all_courses``); ``period`` is its period, the "same period" of both
    courses. The other scheme's courses are those it covers
    (:func:`~dtbd.rules._reach.covered`) that start in it, less the rule's scheme's own,
    which its own check already compares. A person's course of the other scheme that
    the rule cannot read (no content, no end) is ``missing-data``, once, when the person
    has a course of the rule's scheme to compare it with.
    """
    scheme_id, mine = under
    own = {c.id for c in mine.courses}
    mine_by = _courses(rule, _rows(rule, mine, period))
    unclear: set[str] = set()
    for other_id, other in others.items():
        theirs = covered(other, records, period)[0]
        rows = [r for r in _rows(rule, theirs, period) if r.course.id not in own]
        for person, taken in _courses(rule, rows).items():
            sent = mine_by.get(person)
            if not sent:
                continue
            pairs = _repeats if rule.kind is RuleKind.NO_REPEAT else _overlaps
            for first, later, blank in pairs(sent, taken):
                if first is None:
                    if later.id not in unclear:
                        unclear.add(later.id)
                        yield missing_on(rule, blank, course=later.id)
                    continue
                yield _across(rule, person, (scheme_id, later), (other_id, first))


Pair = tuple["Course | None", "Course", str]
"""An earlier course (under the other scheme) and the later one; or ``None`` and a course
of the other scheme the rule cannot read, with the blank field."""


def _repeats(sent: list[Course], taken: list[Course]) -> Iterator[Pair]:
    """Each course sent on whose content the person already took under the other scheme."""
    readable = []
    for course in taken:
        if same_content(course) is None:
            yield None, course, "content"
        else:
            readable.append(course)
    for later in sent:
        key = same_content(later)
        # A course of the rule's scheme with no content is reported by its own check.
        first = next((c for c in readable if same_content(c) == key), None)
        if key is not None and first is not None and first.start <= later.start:
            yield first, later, ""


def _overlaps(sent: list[Course], taken: list[Course]) -> Iterator[Pair]:
    """Each course sent on that shares a day with one of the other scheme's."""
    known = []
    for course in taken:
        if dated(course):
            known.append(course)
        else:
            yield None, course, "end"
    for later in (c for c in sent if dated(c)):
        span = later.period
        for first in known:
            other = first.period
            if other.start <= span.end and span.start <= other.end:
                yield first, later, ""


def _across(
    rule: Rule, person: str, under: tuple[str, Course], other: tuple[str, Course]
) -> RuleViolation:
    (scheme_id, later), (other_id, first) = under, other
    fields: dict[str, object] = {
        "person": person,
        "first": first.id,
        "later": later.id,
        "scheme": scheme_id,
        "other": other_id,
        "rule": rule.label,
    }
    if rule.kind is RuleKind.NO_OVERLAP:
        fields["first_period"] = functools.partial(period_words, first.period)
        fields["later_period"] = functools.partial(period_words, later.period)
    message = say_each(f"violation.{CODES[rule.kind]}.across", **fields)
    return pair_violation(rule, person, first, later, message, schemes=(scheme_id, other_id))
