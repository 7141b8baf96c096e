"""Audit of a target's parts against its total ("trong đó": the parts of 37.000 lượt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.figures._compare import Direction, difference, direction, overlaps, sum_figures
from dtbd.model._target import Count
from dtbd.results._finding import Finding, Severity

if TYPE_CHECKING:
    from dtbd.figures._figure import Figure
    from dtbd.model._target import Target

__all__ = ["parts_findings"]


def _f(figure: Figure | None, locale: str) -> str:
    return "?" if figure is None else figure.format(locale)


def _tolerance_note(direction_: Direction, *, consistent: bool) -> tuple[str, str]:
    if direction_ is Direction.SAME or not consistent:
        return "", ""
    return (
        " (trong phạm vi sai số của số ước lượng hoặc khoảng số)",
        " (within the tolerance of an approximate figure or range)",
    )


def parts_findings(target: Target) -> list[Finding]:
    """Findings on a target's parts against its total, and on each part without a number."""
    # Shares of different populations do not add up, so their parts are not summed.
    if not target.parts or target.counts is Count.SHARE:
        return []
    findings = [_without_number(target, part) for part in target.parts if part.figure is None]
    numbered = [part for part in target.parts if part.figure is not None]
    if target.figure is None or not numbered:
        return findings
    stated = target.figure
    computed = sum_figures([part.figure for part in numbered if part.figure is not None])
    ids = (target.id, *(part.id for part in numbered))
    where = direction(computed, stated)
    consistent = overlaps(computed, stated)
    gap = difference(computed, stated)
    spare = len(numbered) < len(target.parts)
    spare_labels = ", ".join(part.label for part in target.parts if part.figure is None)
    vi_note, en_note = _tolerance_note(where, consistent=consistent)
    if where is Direction.SAME:
        code, severity = "parts-match-total", Severity.INFO
        vi = f"Các phần của «{target.label}» cộng lại {_f(computed, 'vi')}, khớp với tổng {_f(stated, 'vi')}."  # noqa: E501
        en = f"The parts of “{target.label}” add up to {_f(computed, 'en')}, matching the total of {_f(stated, 'en')}."  # noqa: E501
    elif where is Direction.BELOW and not target.breakdown:
        code, severity = "parts-single-out", Severity.INFO
        vi = f"Các phần của «{target.label}» ({_f(computed, 'vi')}) chỉ nêu riêng một phần của tổng {_f(stated, 'vi')}, không nhằm cộng đủ tổng."  # noqa: E501
        en = f"The parts of “{target.label}” ({_f(computed, 'en')}) single out some of the total of {_f(stated, 'en')}; they are not meant to add up to it."  # noqa: E501
    elif where is Direction.BELOW:
        code = "parts-below-total"
        severity = Severity.INFO if spare or consistent else Severity.WARNING
        if spare:
            rest_vi = (
                f": còn tối đa {_f(gap, 'vi')} cho phần không có số ({spare_labels})"
                if gap
                else ""
            )
            rest_en = (
                f": at most {_f(gap, 'en')} is left for the part without a number ({spare_labels})"
                if gap
                else ""
            )
        else:
            rest_vi = f": {_f(gap, 'vi')} chưa được phân bổ" if gap else ""
            rest_en = f": {_f(gap, 'en')} not allocated" if gap else ""
        vi = f"Các phần của «{target.label}» cộng lại {_f(computed, 'vi')}, thấp hơn tổng {_f(stated, 'vi')}{rest_vi}{vi_note}."  # noqa: E501
        en = f"The parts of “{target.label}” add up to {_f(computed, 'en')}, below the total of {_f(stated, 'en')}{rest_en}{en_note}."  # noqa: E501
    else:
        code = "parts-above-total"
        severity = Severity.INFO if consistent else Severity.ERROR
        over_vi = f", vượt {_f(gap, 'vi')}" if gap else ""
        over_en = f", {_f(gap, 'en')} over" if gap else ""
        vi = f"Các phần của «{target.label}» cộng lại {_f(computed, 'vi')}, cao hơn tổng {_f(stated, 'vi')}{over_vi}{vi_note}."  # noqa: E501
        en = f"The parts of “{target.label}” add up to {_f(computed, 'en')}, above the total of {_f(stated, 'en')}{over_en}{en_note}."  # noqa: E501
    findings.append(
        Finding(
            code=code,
            severity=severity,
            targets=ids,
            expected=stated,
            computed=computed,
            difference=gap,
            operands=tuple(part.figure for part in numbered if part.figure is not None),
            message_vi=vi,
            message_en=en,
        )
    )
    return findings


def _without_number(target: Target, part: Target) -> Finding:
    # The note is free text in whatever language its author wrote, so it is not spliced
    # into the two sentences; the finding names the part and the reader can look it up.
    return Finding(
        code="part-without-number",
        severity=Severity.INFO,
        targets=(target.id, part.id),
        expected=target.figure,
        message_vi=f"Phần «{part.label}» của «{target.label}» không có số.",
        message_en=f"The part “{part.label}” of “{target.label}” has no number.",
    )
