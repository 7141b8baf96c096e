"""Audit of a target's parts against its total ("trong đó": the parts of 37.000 lượt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.figures._compare import Direction, difference, direction, overlaps, sum_figures
from dtbd.model._target import Count
from dtbd.results._finding import Finding, Severity
from dtbd.words import Field, phrase, say_each

if TYPE_CHECKING:
    from dtbd.figures._figure import Figure
    from dtbd.model._target import Target

__all__ = ["parts_findings"]


def _f(figure: Figure | None) -> Field:
    return "?" if figure is None else figure.format


def _tolerance_note(direction_: Direction, *, consistent: bool) -> Field:
    if direction_ is Direction.SAME or not consistent:
        return ""
    return phrase("finding.parts-total.tolerance")


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
    note = _tolerance_note(where, consistent=consistent)
    sums = {"label": target.label, "computed": _f(computed), "stated": _f(stated)}
    if where is Direction.SAME:
        code, severity = "parts-match-total", Severity.INFO
        vi, en = say_each("finding.parts-match-total", **sums)
    elif where is Direction.BELOW and not target.breakdown:
        code, severity = "parts-single-out", Severity.INFO
        vi, en = say_each("finding.parts-single-out", **sums)
    elif where is Direction.BELOW:
        code = "parts-below-total"
        severity = Severity.INFO if spare or consistent else Severity.WARNING
        rest: Field = ""
        if gap and spare:
            rest = phrase("finding.parts-below-total.rest-spare", gap=_f(gap), spare=spare_labels)
        elif gap:
            rest = phrase("finding.parts-below-total.rest", gap=_f(gap))
        vi, en = say_each("finding.parts-below-total", **sums, rest=rest, note=note)
    else:
        code = "parts-above-total"
        severity = Severity.INFO if consistent else Severity.ERROR
        over = phrase("finding.parts-above-total.over", gap=_f(gap)) if gap else ""
        vi, en = say_each("finding.parts-above-total", **sums, over=over, note=note)
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
    vi, en = say_each("finding.part-without-number", part=part.label, label=target.label)
    return Finding(
        code="part-without-number",
        severity=Severity.INFO,
        targets=(target.id, part.id),
        expected=target.figure,
        message_vi=vi,
        message_en=en,
    )
