"""Audit of course capacity: courses × size × years against the target the courses deliver."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from dtbd.figures._compare import difference, overlaps
from dtbd.figures._figure import Figure
from dtbd.figures._units import Unit
from dtbd.model._target import Cadence, Count
from dtbd.results._finding import Finding, Severity
from dtbd.words import Field, phrase, say_each

if TYPE_CHECKING:
    from collections.abc import Callable

    from dtbd.model._scheme import Scheme
    from dtbd.model._target import Target

__all__ = ["capacity_findings"]


def capacity_findings(
    scheme: Scheme, target: Target, targets: Mapping[str, Target] | None = None
) -> list[Finding]:
    """Courses × size (× years) of a course target against the target its courses deliver.

    ``targets`` are the scheme's targets by id, made once by a caller that checks them
    all (a search of the scheme per target would cost the square of the targets).
    """
    size, courses = target.course_size, target.figure
    if target.delivers is None or size is None or courses is None:
        return []
    delivered = targets[target.delivers] if targets else scheme.target(target.delivers)
    if delivered.figure is None:
        return []
    ids = (target.id, delivered.id)
    if delivered.counts not in {Count.PERSONS, Count.ATTENDANCES}:
        vi, en = say_each("finding.capacity-unit", label=target.label, delivered=delivered.label)
        return [
            Finding(
                code="capacity-unit",
                severity=Severity.ERROR,
                targets=ids,
                expected=delivered.figure,
                message_vi=vi,
                message_en=en,
            )
        ]
    operands = [courses, size]
    capacity = courses * size
    if target.window.cadence is Cadence.PER_YEAR:
        years = Figure.exact(len(target.window.within(scheme.period).years), Unit.YEAR)
        operands.append(years)
        capacity = capacity * years
    stated = delivered.figure
    if delivered.window.cadence is Cadence.PER_YEAR:
        stated = stated * len(delivered.window.within(scheme.period).years)
    # A seat on a course is one attendance (lượt); for a persons target it is one person.
    capacity = attrs.evolve(capacity, unit=stated.unit)
    consistent = overlaps(capacity, stated)
    verdict = (
        "finding.capacity-range.consistent"
        if consistent
        else "finding.capacity-range.inconsistent"
    )
    vi, en = say_each(
        "finding.capacity-range",
        label=target.label,
        product=lambda locale: " × ".join(f.format(locale) for f in operands),
        capacity=capacity.format,
        stated=stated.format,
        delivered=delivered.label,
        verdict=phrase(verdict),
        ends=_ends_outside(capacity, stated),
    )
    return [
        Finding(
            code="capacity-range",
            severity=Severity.INFO if consistent else Severity.ERROR,
            targets=ids,
            expected=stated,
            computed=capacity,
            difference=difference(capacity, stated),
            operands=tuple(operands),
            message_vi=vi,
            message_en=en,
        )
    ]


def _ends_outside(computed: Figure, stated: Figure) -> Field:
    ends: list[Callable[[str], str]] = []
    unit = computed.unit
    if computed.high is not None and stated.high is not None and computed.high > stated.high:
        top, limit = Figure.exact(computed.high, unit), Figure.exact(stated.high, unit)
        ends.append(phrase("finding.capacity-range.top-above", top=top.format, limit=limit.format))
    if computed.high is None and stated.high is not None:
        ends.append(phrase("finding.capacity-range.no-top"))
    low, stated_low = computed.low, stated.low
    if low is not None and stated_low is not None and low < stated_low:
        bottom, limit = Figure.exact(low, unit), Figure.exact(stated_low, unit)
        ends.append(
            phrase("finding.capacity-range.bottom-below", bottom=bottom.format, limit=limit.format)
        )
    if not ends:
        return ""
    return lambda locale: "; " + ", ".join(end(locale) for end in ends)
