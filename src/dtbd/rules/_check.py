"""Rule checks: who was sent against a scheme's or a law's rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dtbd._errors import RecordError
from dtbd.measures._several import unique_schemes
from dtbd.model._period import Period
from dtbd.model._rules import Rule, RuleKind
from dtbd.model._scheme import Scheme
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._records import Records
from dtbd.results._violation import RuleViolation
from dtbd.rules._across import across_not_given, check_across
from dtbd.rules._courses import check_min_days, check_overlap, check_repeat, check_size
from dtbd.rules._people import check_age, check_share
from dtbd.rules._reach import covered, needs_persons, not_in_force, persons_missing
from dtbd.rules._rows import resolve

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


__all__ = ["check"]


def check(
    rules: Iterable[Rule] | Scheme | Sequence[Scheme],
    records: RecordsLike | FrameRecords,
    *,
    period: Period | None = None,
    all_courses: bool = False,
) -> tuple[RuleViolation, ...]:
    """Check records against rules; every breach and every uncheckable record is returned.

    A rule looks at courses that start on a day it is in force (and inside ``period``
    when given) and at the attendances and persons its scope lets through; a record
    lacking a value the rule needs is ``missing-data``, never passed. docs/rules.md says
    how each kind is checked. Given a :class:`~dtbd.Scheme` instead of rules, its rules
    are checked over its period (unless ``period`` says otherwise) on the courses the
    scheme covers, or on every course with ``all_courses=True``.

    Given a list of schemes, each scheme's rules are checked so, every violation naming
    its ``scheme``; a no-repeat or no-overlap rule whose ``across`` names another of the
    schemes also compares each attendance under its scheme with the person's courses
    under that one (``other_scheme``, docs/schemes.md). A rule that looks across a
    scheme not given says so once (``across-not-given``).

    Raises:
        RecordError: some rows of ``records`` cannot be read (each is named).
        TypeError: ``records`` are none of the accepted shapes or a rule is not a
            :class:`~dtbd.Rule`.
        DuplicateSchemeError: two of the schemes have the same id.
    """
    loaded = _records(records)
    if isinstance(rules, Scheme):
        return tuple(_check_scheme(rules, {}, loaded, period, all_courses=all_courses))
    given = tuple(rules)
    if given and all(isinstance(item, Scheme) for item in given):
        schemes = {s.id: s for s in unique_schemes(given)}  # type: ignore[arg-type]
        return _several(schemes, loaded, period, all_courses=all_courses)
    for index, rule in enumerate(given):
        if not isinstance(rule, Rule):
            raise TypeError(
                f"rules[{index}] is a {type(rule).__name__}, not a dtbd.Rule; load rules "
                "with the scheme or build them with Rule(id, kind, label, figure), or pass "
                "a list of schemes only"
            )
    return tuple(_check_rules(given, loaded, period, None, all_courses=all_courses))  # type: ignore[arg-type]


_RECORD_CODES = frozenset({"unknown-person", "unknown-course"})
"""Codes about the records themselves, the same whichever scheme is checked."""


def _several(
    schemes: Mapping[str, Scheme], loaded: Records, period: Period | None, *, all_courses: bool
) -> tuple[RuleViolation, ...]:
    """Each scheme's violations, each naming its scheme; a bad record is said once."""
    found: list[RuleViolation] = []
    said: set[RuleViolation] = set()
    for scheme in schemes.values():
        for v in _check_scheme(scheme, schemes, loaded, period, all_courses=all_courses):
            if v.code in _RECORD_CODES:
                if v not in said:
                    said.add(v)
                    found.append(v)
                continue
            found.append(attrs.evolve(v, scheme=v.scheme or scheme.id))
    return tuple(found)


def _check_scheme(
    scheme: Scheme,
    schemes: Mapping[str, Scheme],
    loaded: Records,
    period: Period | None,
    *,
    all_courses: bool,
) -> list[RuleViolation]:
    """``scheme``'s rules over its period, those that look across against ``schemes``."""
    period = period or scheme.period
    found = _check_rules(scheme.rules, loaded, period, scheme, all_courses=all_courses)
    across = [r for r in scheme.rules if r.across and (loaded.persons or not needs_persons(r))]
    if not across:
        return found
    mine = loaded if all_courses else covered(scheme, loaded, period)[0]
    for rule in across:
        others = {i: schemes[i] for i in rule.across if i in schemes and i != scheme.id}
        if missing := [i for i in rule.across if i not in others and i != scheme.id]:
            found.append(across_not_given(rule, missing))
        found.extend(check_across(rule, (scheme.id, mine), others, loaded, period))
    return found


def _check_rules(
    rules: tuple[Rule, ...],
    loaded: Records,
    period: Period | None,
    scheme: Scheme | None,
    *,
    all_courses: bool,
) -> list[RuleViolation]:
    if not rules:
        return []
    notices: list[RuleViolation] = []
    if scheme is not None and not all_courses:
        loaded, notices = covered(scheme, loaded, period)
    rows, found = resolve(loaded)
    found.extend(notices)
    if not loaded.persons and (skipped := [r for r in rules if needs_persons(r)]):
        found.append(persons_missing(skipped))
        rules = tuple(r for r in rules if r not in skipped)
    for rule in rules:
        found.extend(not_in_force(rule, loaded, period))
        chosen = [
            r
            for r in rows
            if rule.in_force(r.course.start) and (period is None or r.course.start in period)
        ]
        found.extend(_KINDS[rule.kind](rule, chosen, loaded, period))
    return found


def _records(records: RecordsLike | FrameRecords) -> Records:
    if (frames := as_frames(records)) is not None:
        # Rule checks compare rows with each other: they run over the collected records.
        records = frames.to_records()
    loaded = coerce_records(records)
    if isinstance(loaded, LoadedRecords):
        # A rule cannot be checked on a row it cannot read; refuse rather than skip it.
        if loaded.problems:
            raise RecordError(loaded.problems)
        return loaded.records
    return loaded


_KINDS = {
    RuleKind.AGE_LIMIT: check_age,
    RuleKind.GENDER_SHARE: check_share,
    RuleKind.PRIORITY_SHARE: check_share,
    RuleKind.NO_OVERLAP: check_overlap,
    RuleKind.NO_REPEAT: check_repeat,
    RuleKind.COURSE_SIZE: check_size,
    RuleKind.MIN_STUDY_DAYS: check_min_days,
}
