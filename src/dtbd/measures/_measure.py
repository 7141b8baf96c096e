"""Measures: what a target counts, as plain data that any engine can execute.

A :class:`Measure` holds no functions: filters are ``(side, field, op, values)`` with
enum values as text, so the same measure runs over Python objects
(:mod:`dtbd.engine._python`) or, as column expressions, over a dataframe.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from dtbd._errors import UnitMismatchError
from dtbd.figures._figure import Figure
from dtbd.figures._units import Unit
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._scope import Scope
from dtbd.model._target import Cadence, Count, ShareBasis, Target

__all__ = [
    "Buckets",
    "Filter",
    "Measure",
    "Op",
    "ShareSpec",
    "Side",
    "compile_measure",
    "compile_resolved",
    "compile_scheme",
    "resolved_target",
]


class Side(enum.Enum):
    """Which record a filter looks at."""

    COURSE = "course"
    PERSON = "person"
    ATTENDANCE = "attendance"


class Op(enum.Enum):
    """How a filter compares a field with its values."""

    IN = "in"
    """The field's single value is one of ``values``."""
    OVERLAPS = "overlaps"
    """The field is a list (topics, tags, qualifications) sharing a value with ``values``."""
    YOUNGER_THAN = "younger_than"
    """The field is a birth date; the age in whole years at the reference date is below
    ``values[0]``. The reference is the filter's fixed date (:attr:`Filter.on`) when it
    has one, else the course start for an attendance and the bucket's reference date (its
    end, or ``as_of`` if earlier) for a population. A birth date after the reference, or
    none, never passes."""
    AT_LEAST_AGE = "at_least_age"
    """Like :attr:`YOUNGER_THAN`, but the age is ``values[0]`` or more."""
    BORN_FROM = "born_from"
    """The field is a birth date in the year ``values[0]`` or later."""
    BORN_UNTIL = "born_until"
    """The field is a birth date in the year ``values[0]`` or earlier."""

    @property
    def reads_age(self) -> bool:
        """Whether the filter reads an age, at a reference date."""
        return self in (Op.YOUNGER_THAN, Op.AT_LEAST_AGE)


class Buckets(enum.Enum):
    """How a measure's window is cut: one total, or one value per calendar year."""

    TOTAL = "total"
    PER_YEAR = "per_year"


@attrs.frozen
class Filter:
    """One predicate over a record, as data: ``course.activity in ("fostering",)``."""

    side: Side
    field: str
    op: Op
    values: tuple[str | int, ...]
    on: dt.date | None = None
    """An age's fixed reference date (``Scope.age_on``); ``None`` is the row's own."""

    @property
    def per_row(self) -> bool:
        """Whether the filter reads an age at each course's start, not once per record."""
        return self.op.reads_age and self.on is None

    @property
    def column(self) -> str:
        """The column of the flattened record table: ``course_activity``, ``person_level``."""
        return f"{self.side.value}_{self.field}"


@attrs.frozen
class ShareSpec:
    """A share's denominator (the population) and, for QUALIFIED, its numerator."""

    basis: ShareBasis
    population: tuple[Filter, ...]
    """Person-side filters over the roster (``Records.persons``)."""
    qualifications: tuple[str, ...]
    """QUALIFIED basis: a person counts when holding one of these."""


def _unit_fits(instance: Measure, _a: attrs.Attribute[Any], unit: Unit) -> None:
    if unit is not instance.count.unit:
        raise UnitMismatchError(
            f"measure {instance.target_id!r} counts {instance.count.value}, which is in "
            f"{instance.count.unit.value}, not {unit.value}; a money figure needs spending, a "
            "head count persons, a number of courses courses"
        )


@attrs.frozen
class Measure:
    """What to count for one target, over which records and which time.

    An engine keeps the records dated on or before ``as_of`` (an attendance is dated by
    its course's start, a spending line by its date) inside ``window`` that pass every
    filter, and aggregates by ``count``: attendances (rows), persons (distinct person
    ids), courses (distinct course ids), spending (sum of amounts: lines in
    ``budget_lines``, or of courses passing the course filters, or all when the measure
    has neither), study days (sum), or a share (see :class:`ShareSpec`).
    """

    target_id: str
    count: Count
    unit: Unit = attrs.field(validator=_unit_fits)
    window: Period
    buckets: Buckets
    filters: tuple[Filter, ...]
    share: ShareSpec | None
    budget_lines: tuple[str, ...]
    course_size: Figure | None

    def sides(self) -> frozenset[Side]:
        """The record sides the filters look at."""
        return frozenset(f.side for f in self.filters)


_COURSE_FIELDS = (
    ("activity", "activity", Op.IN),
    ("location", "location", Op.IN),
    ("countries", "country", Op.IN),
    ("formats", "format", Op.IN),
    ("topics", "topics", Op.OVERLAPS),
    ("leads", "lead", Op.IN),
)
_PERSON_FIELDS = (
    ("categories", "category", Op.IN),
    ("levels", "level", Op.IN),
    ("positions", "position", Op.IN),
    ("units", "unit", Op.IN),
    ("tags", "tags", Op.OVERLAPS),
    ("qualifications", "qualifications", Op.OVERLAPS),
    ("gender", "gender", Op.IN),
)


def _values(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, tuple) else (value,)
    return tuple(v.value if isinstance(v, enum.Enum) else str(v) for v in items if v is not None)


def scope_filters(scope: Scope, *, skip: frozenset[str] = frozenset()) -> tuple[Filter, ...]:
    """The filters a scope stands for; fields in ``skip`` are left out."""
    filters = []
    for side, table in ((Side.COURSE, _COURSE_FIELDS), (Side.PERSON, _PERSON_FIELDS)):
        for name, field, op in table:
            values = _values(getattr(scope, name))
            if values and name not in skip:
                filters.append(Filter(side, field, op, values))
    births = (
        ("under_age", Op.YOUNGER_THAN, scope.age_on),
        ("from_age", Op.AT_LEAST_AGE, scope.age_on),
        ("born_from", Op.BORN_FROM, None),
        ("born_until", Op.BORN_UNTIL, None),
    )
    for name, op, on in births:
        value = getattr(scope, name)
        if value is not None and name not in skip:
            filters.append(Filter(Side.PERSON, "birth_date", op, (value,), on))
    if scope.outcomes:
        filters.append(Filter(Side.ATTENDANCE, "outcome", Op.IN, _values(scope.outcomes)))
    return tuple(filters)


def _share(target: Target) -> tuple[tuple[Filter, ...], ShareSpec]:
    """Numerator filters and the share spec of a SHARE target."""
    qualified = target.basis is ShareBasis.QUALIFIED
    if qualified and not target.scope.qualifications:
        raise ValueError(
            f"target {target.id!r} is a share of qualified persons but its scope names no "
            "'qualifications'; add the qualification that counts (e.g. 'thac-si')"
        )
    qualifications = target.scope.qualifications if qualified else ()
    filters = scope_filters(target.scope, skip=frozenset({"qualifications"} if qualified else ()))
    if target.population is not None:
        population = tuple(f for f in scope_filters(target.population) if f.side is Side.PERSON)
        numerator = filters
    else:
        population = tuple(f for f in filters if f.side is Side.PERSON)
        numerator = tuple(f for f in filters if f.side is not Side.PERSON)
    return numerator, ShareSpec(target.basis, population, qualifications)


def _lines_for(scheme: Scheme | None, target: Target) -> tuple[str, ...]:
    if scheme is None or scheme.budget is None:
        return ()
    ids = {t.id for t in target.walk()}
    lines: list[str] = []
    for line in scheme.budget.walk():
        if line.target in ids:
            lines.extend(sub.id for sub in line.walk() if sub.id not in lines)
    return tuple(lines)


def target_window(target: Target, period: Period | None) -> Period:
    """The target's window as a period, open ends taken from ``period``.

    Raises:
        ValueError: the window has an open end and no period was given.
    """
    window = target.window
    if window.start is not None and window.end is not None:
        return Period(window.start, window.end)
    if period is None:
        raise ValueError(
            f"target {target.id!r} has an open window: pass the scheme (scheme=…) or its "
            "period (period=Period.of_years(2023, 2025))"
        )
    return window.within(period)


def resolved_target(target: Target, scheme: Scheme | None) -> Target:
    """``target`` as ``scheme`` resolves it, if it is one of the scheme's; else itself.

    A part comes back with what it inherits written out (:meth:`~dtbd.Scheme.resolved`).
    """
    if scheme is None:
        return target
    resolved = scheme.resolved()
    for candidate, written in zip(resolved.all_targets(), scheme.all_targets(), strict=True):
        if target in (written, candidate):
            return candidate
    return target


def compile_measure(
    target: Target, period: Period | None = None, *, scheme: Scheme | None = None
) -> Measure:
    """The measure of one target; its window's open ends come from ``period``.

    When ``target`` is one of ``scheme``'s, it is measured as the scheme resolves it
    (:meth:`~dtbd.Scheme.resolved`): a part with its parent's window and scope.
    """
    return _compile(resolved_target(target, scheme), period, scheme)


def _compile(target: Target, period: Period | None, scheme: Scheme | None) -> Measure:
    period = period if period is not None else (scheme.period if scheme else None)
    share: ShareSpec | None = None
    if target.counts is Count.SHARE:
        filters, share = _share(target)
    else:
        filters = scope_filters(target.scope)
    per_year = target.window.cadence is Cadence.PER_YEAR
    return Measure(
        target_id=target.id,
        count=target.counts,
        unit=target.unit,
        window=target_window(target, period),
        buckets=Buckets.PER_YEAR if per_year else Buckets.TOTAL,
        filters=filters,
        share=share,
        budget_lines=_lines_for(scheme, target) if target.counts is Count.SPENDING else (),
        course_size=target.course_size,
    )


def compile_scheme(scheme: Scheme) -> tuple[Measure, ...]:
    """The measures of every target of ``scheme``, parts included, in tree order.

    Targets are measured as :meth:`~dtbd.Scheme.resolved` writes them out: a part counts
    over its parent's window and within its parent's scope unless it narrows them.
    """
    return compile_resolved(scheme.resolved())


def compile_resolved(resolved: Scheme) -> tuple[Measure, ...]:
    """:func:`compile_scheme` of a scheme :meth:`~dtbd.Scheme.resolved` already.

    For a caller that holds the resolved scheme: resolving again gives the same scheme,
    at the cost of writing out every target once more.
    """
    return tuple(_compile(t, None, resolved) for t in resolved.all_targets())


def reference_date(bucket: Period, as_of: dt.date) -> dt.date:
    """The date ages and holdings are read at for a bucket: its end, or ``as_of`` if earlier."""
    return min(bucket.end, as_of)
