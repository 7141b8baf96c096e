"""Selection and attendance rules, as data with the dates they apply."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
import pendulum

from dtbd._validators import (
    check_id,
    enum_value,
    non_empty_text,
    to_tuple,
)
from dtbd.figures._figure import Figure
from dtbd.figures._units import Qualifier, Unit
from dtbd.model._categories import Gender, as_optional_gender
from dtbd.model._period import optional_date, to_date
from dtbd.model._scope import Scope
from dtbd.model._sources import Quote

__all__ = ["DECREE_101_MIN_FOSTERING", "AgeReference", "Rule", "RuleKind"]


def _as_age_reference(value: object) -> AgeReference:
    return enum_value(AgeReference, value)


def _as_rule_kind(value: object) -> RuleKind:
    return enum_value(RuleKind, value)


class RuleKind(enum.Enum):
    """What a rule checks."""

    AGE_LIMIT = "age_limit"
    """Every learner's age at a reference date satisfies ``figure`` ("dưới 45 tuổi")."""
    GENDER_SHARE = "gender_share"
    """The share of ``gender`` in each cohort satisfies ``figure`` (percent)."""
    PRIORITY_SHARE = "priority_share"
    """The share of learners with one of ``tags`` in each cohort satisfies ``figure``."""
    NO_OVERLAP = "no_overlap"
    """Nobody attends two courses that overlap in time."""
    NO_REPEAT = "no_repeat"
    """Nobody takes the same content twice in the period."""
    COURSE_SIZE = "course_size"
    """Each course's number of learners satisfies ``figure`` (persons)."""
    MIN_STUDY_DAYS = "min_study_days"
    """Each person in scope studies at least ``figure`` days a calendar year."""


_FIGURE_UNIT = {
    RuleKind.AGE_LIMIT: Unit.AGE,
    RuleKind.GENDER_SHARE: Unit.PERCENT,
    RuleKind.PRIORITY_SHARE: Unit.PERCENT,
    RuleKind.COURSE_SIZE: Unit.PERSON,
    RuleKind.MIN_STUDY_DAYS: Unit.DAY,
}


_ACROSS_KINDS = frozenset({RuleKind.NO_REPEAT, RuleKind.NO_OVERLAP})
"""The kinds that compare two courses of a person, and so can compare across schemes."""


def _check_across(instance: Rule, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for scheme_id in value:
        check_id(instance, attribute, scheme_id)
    if len(set(value)) != len(value):
        raise ValueError(f"'{attribute.name}' names a scheme twice: {', '.join(value)}")


class AgeReference(enum.Enum):
    """The date an age limit is read at."""

    COURSE_START = "course_start"
    """The first day of the course (the default)."""
    DATE = "date"
    """The rule's ``reference_date``."""


def _check_rule(instance: Rule, _a: attrs.Attribute[Any], _value: object) -> None:
    kind, figure = instance.kind, instance.figure
    unit = _FIGURE_UNIT.get(kind)
    if unit is None:
        if figure is not None:
            raise ValueError(f"rule {instance.id!r}: a {kind.value} rule takes no 'figure'")
    elif figure is None:
        raise ValueError(
            f"rule {instance.id!r}: a {kind.value} rule needs a 'figure' in {unit.value}"
        )
    elif figure.unit is not unit:
        raise ValueError(
            f"rule {instance.id!r}: a {kind.value} rule's figure must be in {unit.value} "
            f"(got {figure.unit.value})"
        )
    if kind is RuleKind.GENDER_SHARE and instance.gender is None:
        raise ValueError(f"rule {instance.id!r}: a gender_share rule needs a 'gender'")
    if kind is RuleKind.PRIORITY_SHARE and not instance.tags:
        raise ValueError(f"rule {instance.id!r}: a priority_share rule needs 'tags'")
    if instance.reference is AgeReference.DATE and instance.reference_date is None:
        raise ValueError(
            f"rule {instance.id!r}: 'reference' is 'date', so give a 'reference_date'"
        )
    if instance.across and kind not in _ACROSS_KINDS:
        raise ValueError(
            f"rule {instance.id!r}: only a no_repeat or no_overlap rule looks 'across' "
            f"other schemes, not a {kind.value} rule; remove 'across'"
        )
    if (
        instance.valid_from is not None
        and instance.valid_until is not None
        and instance.valid_until < instance.valid_from
    ):
        raise ValueError(
            f"rule {instance.id!r}: 'valid_until' {instance.valid_until} is before "
            f"'valid_from' {instance.valid_from}"
        )


@attrs.frozen
class Rule:
    """A rule a scheme or a law sets on who is sent and how.

    Rules are data: a kind, a figure where the kind needs one, a scope of the persons
    and courses it applies to, and the dates it is in force.

    >>> from dtbd import Figure
    >>> Rule("tre", RuleKind.AGE_LIMIT, "Trẻ (dưới 45 tuổi)", Figure.parse("dưới 45 tuổi")).figure.high
    Decimal('45')
    """  # noqa: E501  -- a doctest line

    id: str = attrs.field(validator=check_id)
    kind: RuleKind = attrs.field(converter=_as_rule_kind)
    label: str = attrs.field(validator=non_empty_text)
    figure: Figure | None = None
    scope: Scope = attrs.Factory(Scope)
    gender: Gender | None = attrs.field(default=None, converter=as_optional_gender)
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    reference: AgeReference = attrs.field(
        default=AgeReference.COURSE_START, converter=_as_age_reference
    )
    reference_date: dt.date | None = attrs.field(default=None, converter=optional_date)
    valid_from: dt.date | None = attrs.field(default=None, converter=optional_date)
    valid_until: dt.date | None = attrs.field(
        default=None, converter=optional_date, validator=_check_rule
    )
    law: str | None = None
    """The legal basis, e.g. ``101/2017/NĐ-CP``."""
    ended_by: str | None = None
    """The act that ended the rule on ``valid_until``, e.g. ``89/2021/NĐ-CP``."""
    across: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_check_across)
    """The schemes (by id) a no-repeat or no-overlap rule also looks at: a person's
    courses under them count against the courses under this rule's scheme
    (:func:`~dtbd.check` given several schemes, docs/schemes.md)."""
    note: str | None = None
    """How the rule was read from the text: its scope, an exception, a choice made."""
    quote: Quote | None = None

    @property
    def levels_end(self) -> dt.date | None:
        """The last day of the levels of government the scope names, if all have ended.

        A rule scoped to the district level alone (``levels=["district"]``) ends with it on
        30 June 2025; a rule naming a level that still exists does not end with the levels.
        """
        ends = [level.valid_until for level in self.scope.levels]
        if not ends or None in ends:
            return None
        return max(end for end in ends if end is not None)

    @property
    def last_day(self) -> dt.date | None:
        """The rule's last day in force: ``valid_until`` or the end of its levels, if earlier.

        >>> DECREE_101_MIN_FOSTERING.last_day
        Date(2021, 12, 9)
        >>> Rule("huyen", "no_overlap", "Cấp huyện", scope=Scope(levels=["district"])).last_day
        Date(2025, 6, 30)
        """
        ends = [day for day in (self.valid_until, self.levels_end) if day is not None]
        return min(ends) if ends else None

    def in_force(self, on: dt.date) -> bool:
        """Whether the rule applies on the date ``on`` (from ``valid_from`` to ``last_day``)."""
        day = to_date(on)
        if self.valid_from is not None and day < self.valid_from:
            return False
        last = self.last_day
        return last is None or day <= last


DECREE_101_MIN_FOSTERING = Rule(
    "nd-101-2017-mot-tuan",
    RuleKind.MIN_STUDY_DAYS,
    "Bồi dưỡng tối thiểu 01 tuần (05 ngày, 40 tiết) mỗi năm",
    Figure(5, None, qualifier=Qualifier.AT_LEAST, unit=Unit.DAY),
    valid_from=pendulum.date(2017, 10, 15),
    valid_until=pendulum.date(2021, 12, 9),
    law="101/2017/NĐ-CP",
    ended_by="89/2021/NĐ-CP",
)
"""Decree 101/2017/NĐ-CP: at least one week (5 days, 40 periods) of fostering a year.

In force from 15 October 2017; Decree 89/2021/NĐ-CP removed the yearly minimum from
10 December 2021, so the rule's last day is 9 December 2021.
"""
