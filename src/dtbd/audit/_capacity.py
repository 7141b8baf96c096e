"""Audit of course capacity: courses × size × years against the target the courses deliver."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dtbd.figures._compare import difference, overlaps
from dtbd.figures._figure import Figure
from dtbd.figures._units import Unit
from dtbd.model._target import Cadence, Count
from dtbd.results._finding import Finding, Severity

if TYPE_CHECKING:
    from dtbd.model._scheme import Scheme
    from dtbd.model._target import Target

__all__ = ["capacity_findings"]


def capacity_findings(scheme: Scheme, target: Target) -> list[Finding]:
    """Courses × size (× years) of a course target against the target its courses deliver."""
    size, courses = target.course_size, target.figure
    if target.delivers is None or size is None or courses is None:
        return []
    delivered = scheme.target(target.delivers)
    if delivered.figure is None:
        return []
    ids = (target.id, delivered.id)
    if delivered.counts not in {Count.PERSONS, Count.ATTENDANCES}:
        return [
            Finding(
                code="capacity-unit",
                severity=Severity.ERROR,
                targets=ids,
                expected=delivered.figure,
                message_vi=f"«{target.label}» đào tạo người, nhưng «{delivered.label}» không đếm người hay lượt người.",  # noqa: E501
                message_en=f"“{target.label}” trains people, but “{delivered.label}” counts neither persons nor attendances.",  # noqa: E501
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
    product = " × ".join(f.format("vi") for f in operands)
    product_en = " × ".join(f.format("en") for f in operands)
    ends_vi, ends_en = _ends_outside(capacity, stated)
    verdict_vi = "khớp (hai khoảng giao nhau)" if consistent else "không khớp"
    verdict_en = "consistent by overlap" if consistent else "inconsistent, no overlap"
    return [
        Finding(
            code="capacity-range",
            severity=Severity.INFO if consistent else Severity.ERROR,
            targets=ids,
            expected=stated,
            computed=capacity,
            difference=difference(capacity, stated),
            operands=tuple(operands),
            message_vi=f"«{target.label}»: {product} = {capacity.format('vi')}, so với {stated.format('vi')} của «{delivered.label}»: {verdict_vi}{ends_vi}.",  # noqa: E501
            message_en=f"“{target.label}”: {product_en} = {capacity.format('en')} against {stated.format('en')} for “{delivered.label}”: {verdict_en}{ends_en}.",  # noqa: E501
        )
    ]


def _ends_outside(computed: Figure, stated: Figure) -> tuple[str, str]:
    vi: list[str] = []
    en: list[str] = []
    unit = computed.unit
    if computed.high is not None and stated.high is not None and computed.high > stated.high:
        top, limit = Figure.exact(computed.high, unit), Figure.exact(stated.high, unit)
        vi.append(f"đầu trên {top.format('vi')} cao hơn {limit.format('vi')}")
        en.append(f"the top end {top.format('en')} is above {limit.format('en')}")
    if computed.high is None and stated.high is not None:
        vi.append("không có đầu trên")
        en.append("it has no top end")
    low, stated_low = computed.low, stated.low
    if low is not None and stated_low is not None and low < stated_low:
        bottom, limit = Figure.exact(low, unit), Figure.exact(stated_low, unit)
        vi.append(f"đầu dưới {bottom.format('vi')} thấp hơn {limit.format('vi')}")
        en.append(f"the bottom end {bottom.format('en')} is below {limit.format('en')}")
    if not vi:
        return "", ""
    return "; " + ", ".join(vi), "; " + ", ".join(en)
