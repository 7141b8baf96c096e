"""Which courses a check reaches: those a scheme covers, those a rule is in force on.

What a check leaves out it says once, as a notice, rather than silently: the courses
outside a scheme's targets, the courses before a rule's first or after its last day,
and the person rules not run for want of a persons table.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from dtbd.figures._figure import Figure
from dtbd.figures._format import format_date
from dtbd.figures._units import Unit
from dtbd.model._rules import Rule, RuleKind
from dtbd.model._target import Count, ShareBasis
from dtbd.records._records import Records
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._match import course_matches, course_place, scope_has_person_fields
from dtbd.words import phrase, say_each

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from dtbd.model._people import Course
    from dtbd.model._period import Period
    from dtbd.model._scheme import Scheme
    from dtbd.model._scope import Scope

__all__ = ["covered", "needs_persons", "not_in_force", "persons_missing"]

_PERSON_KINDS = frozenset(
    {
        RuleKind.AGE_LIMIT,
        RuleKind.GENDER_SHARE,
        RuleKind.PRIORITY_SHARE,
        RuleKind.MIN_STUDY_DAYS,
    }
)


def needs_persons(rule: Rule) -> bool:
    """Whether the rule reads the persons table: its kind does, or its scope's person fields."""
    return rule.kind in _PERSON_KINDS or scope_has_person_fields(rule.scope)


def persons_missing(rules: Iterable[Rule]) -> RuleViolation:
    """The one notice that the person rules were not run: the records have no persons."""
    ids = ", ".join(rule.id for rule in rules)
    return _notice("persons-missing", None, say_each("violation.persons-missing", rules=ids))


# -- what a scheme covers ---------------------------------------------------------------


def _covering(scheme: Scheme) -> list[tuple[Scope, Period]]:
    """The course scope and window of each target that counts what courses deliver."""
    return [
        (target.scope, target.window.within(scheme.period))
        for target in scheme.all_targets()
        if target.counts is not Count.SPENDING
        and not (target.counts is Count.SHARE and target.basis is ShareBasis.QUALIFIED)
    ]


def covered(
    scheme: Scheme, records: Records, period: Period | None
) -> tuple[Records, list[RuleViolation]]:
    """The records narrowed to the courses the scheme covers, and a notice of the others.

    A course is covered when it starts inside the window of one of the scheme's targets
    that count attendances, persons, courses, study days or an attended share, and its
    fields pass that target's course fields (activity, location, countries, formats,
    topics, leads). A scheme with no such target covers every course. Attendances of
    uncovered courses go with them; those of unknown courses stay, to be reported.
    """
    covering = _covering(scheme)
    if not covering:
        return records, []

    def covers(course: Course) -> bool:
        return any(
            course.start in window and course_matches(scope, course) for scope, window in covering
        )

    kept = tuple(c for c in records.courses if covers(c))
    if len(kept) == len(records.courses):
        return records, []
    left = [c for c in records.courses if not covers(c)]
    counted = [c for c in left if period is None or c.start in period]
    ids = {c.id for c in left}
    narrowed = Records(
        persons=records.persons,
        courses=kept,
        attendances=tuple(a for a in records.attendances if a.course not in ids),
        spending=records.spending,
    )
    if not counted:
        return narrowed, []
    courses = Figure.exact(len(counted), Unit.COURSE)
    texts = say_each("violation.outside-scheme", courses=courses.format)
    return narrowed, [_notice("outside-scheme", None, texts, actual=courses)]


# -- the days a rule is in force --------------------------------------------------------


def not_in_force(rule: Rule, records: Records, period: Period | None) -> Iterator[RuleViolation]:
    """A notice for the courses of the rule's scope that start before or after its days.

    Counted are the courses whose fields the rule's scope does not rule out and that
    start inside ``period`` (when given) but before ``valid_from`` or after
    :attr:`~dtbd.Rule.last_day`.
    """
    first, last = rule.valid_from, rule.last_day
    if first is None and last is None:
        return
    before = after = 0
    for course in records.courses:
        if (period is not None and course.start not in period) or course_place(
            rule.scope, course
        ) is None:
            continue
        if first is not None and course.start < first:
            before += 1
        elif last is not None and course.start > last:
            after += 1
    if before and first is not None:
        courses = Figure.exact(before, Unit.COURSE)
        texts = say_each(
            "violation.not-in-force.before",
            rule=rule.label,
            courses=courses.format,
            first=functools.partial(format_date, first),
        )
        yield _notice("not-in-force", rule, texts, actual=courses, on=first)
    if after and last is not None:
        courses = Figure.exact(after, Unit.COURSE)
        texts = say_each(
            "violation.not-in-force.after",
            rule=rule.label,
            courses=courses.format,
            last=functools.partial(format_date, last),
            why=_why_ended(rule),
        )
        yield _notice("not-in-force", rule, texts, actual=courses, on=last)


def _why_ended(rule: Rule) -> Callable[[str], str]:
    if rule.valid_until is not None and rule.valid_until == rule.last_day:
        if rule.ended_by:
            return phrase("violation.ended.law", law=rule.ended_by)
        return phrase("violation.ended.date")
    return phrase("violation.ended.district")


_SEVERITY = {
    "outside-scheme": Severity.INFO,
    "not-in-force": Severity.INFO,
    # A rule not run at all is a gap in the check, not only a note on its reach.
    "persons-missing": Severity.WARNING,
}


def _notice(
    code: str,
    rule: Rule | None,
    texts: tuple[str, str],
    *,
    actual: Figure | None = None,
    on: dt.date | None = None,
) -> RuleViolation:
    return RuleViolation(
        code=code,
        severity=_SEVERITY[code],
        rule=None if rule is None else rule.id,
        kind=None if rule is None else rule.kind,
        date=on,
        actual=actual,
        message_vi=texts[0],
        message_en=texts[1],
    )
