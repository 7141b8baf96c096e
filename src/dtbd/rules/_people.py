"""Checks on who is sent: age limits and the shares of women or of priority groups."""

from __future__ import annotations

import functools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from dtbd.figures._figure import Assessment, Figure
from dtbd.figures._format import format_date
from dtbd.figures._units import Qualifier, Unit
from dtbd.model._period import Period
from dtbd.model._rules import AgeReference, Rule, RuleKind
from dtbd.records._records import Records
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._rows import (
    CODES,
    PERCENT_PLACES,
    Row,
    count_unknown,
    gap_findings,
    person_name,
    placed,
    tidy,
)
from dtbd.words import say_each

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dtbd.model._people import Person

__all__ = ["check_age", "check_share"]


def check_age(
    rule: Rule, rows: list[Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    seen: set[tuple[str, str]] = set()
    for row, gaps in placed(rule, rows):
        person = row.person
        if person is None:
            continue  # reported once as unknown-person
        on = rule.reference_date if rule.reference is AgeReference.DATE else row.course.start
        assert on is not None  # noqa: S101  -- Rule's validator requires a reference_date
        no_age = person.birth_date is None or person.birth_date > on
        blank = (*gaps, "birth_date") if no_age and "birth_date" not in gaps else gaps
        if blank:
            # The rule may not apply, or the age is unknown: reported, never judged.
            yield from gap_findings(rule, [(row, blank)], seen)
            continue
        age = person.age_on(on)
        if rule.figure.assess(age) is Assessment.WITHIN:
            continue
        actual = Figure.exact(age, Unit.AGE)
        vi, en = say_each(
            "violation.age-limit",
            who=person_name(person, person.id),
            actual=actual.format,
            on=functools.partial(format_date, on),
            course=row.course.id,
            rule=rule.label,
            figure=rule.figure.format,
        )
        yield RuleViolation(
            code=CODES[rule.kind],
            severity=Severity.ERROR,
            rule=rule.id,
            kind=rule.kind,
            person=person.id,
            course=row.course.id,
            date=on,
            expected=rule.figure,
            actual=actual,
            message_vi=vi,
            message_en=en,
        )


# -- shares in a cohort -----------------------------------------------------------------


def check_share(
    rule: Rule, rows: list[Row], _r: Records, _p: Period | None
) -> Iterator[RuleViolation]:
    assert rule.figure is not None  # noqa: S101  -- Rule's validator requires it
    cohorts: dict[str, list[tuple[Row, tuple[str, ...]]]] = defaultdict(list)
    unsure: list[tuple[Row, tuple[str, ...]]] = []
    for row, gaps in placed(rule, rows):
        person = row.person
        no_gender = (
            rule.kind is RuleKind.GENDER_SHARE and person is not None and person.gender is None
        )
        blank = (*gaps, "gender") if no_gender and "gender" not in gaps else gaps
        if blank:
            unsure.append((row, blank))
        cohorts[row.course.id].append((row, blank))
    yield from gap_findings(rule, unsure)
    for course_id, learners in cohorts.items():
        yes = unknown = 0
        for row, gaps in learners:
            # A learner who may be outside the scope, or whose gender is not recorded,
            # could fall either way: the share becomes a range.
            if row.person is None or gaps:
                unknown += 1
            elif _counts(rule, row.person):
                yes += 1
        size = len(learners)
        low, high = (Decimal(100) * yes / size, Decimal(100) * (yes + unknown) / size)
        verdicts = {rule.figure.assess(low), rule.figure.assess(high)}
        if verdicts == {Assessment.WITHIN}:
            continue
        shown = [tidy(v, PERCENT_PLACES) for v in (low, high)]
        actual = Figure(shown[0], shown[1], qualifier=Qualifier.EXACT, unit=Unit.PERCENT)
        # Unknown learners could fall either way unless both ends miss on one side.
        if len(verdicts) > 1:
            yield count_unknown(rule, course_id, actual, unknown)
            continue
        vi, en = say_each(
            "violation.share",
            course=course_id,
            yes=yes,
            size=size,
            actual=actual.format,
            rule=rule.label,
            figure=rule.figure.format,
        )
        yield RuleViolation(
            code=CODES[rule.kind],
            severity=Severity.ERROR,
            rule=rule.id,
            kind=rule.kind,
            course=course_id,
            expected=rule.figure,
            actual=actual,
            message_vi=vi,
            message_en=en,
        )


def _counts(rule: Rule, person: Person) -> bool:
    if rule.kind is RuleKind.GENDER_SHARE:
        return person.gender is rule.gender
    return bool(set(rule.tags) & set(person.tags))


# -- overlap and repeat, per person -----------------------------------------------------
