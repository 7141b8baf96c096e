"""Audit of a budget: its lines against its totals, each line against its parts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.figures._compare import Direction, difference, direction, overlaps, sum_figures
from dtbd.results._finding import Finding, Severity

if TYPE_CHECKING:
    from dtbd.figures._figure import Figure
    from dtbd.model._budget import Budget, BudgetLine

__all__ = ["budget_findings"]


def budget_findings(budget: Budget) -> list[Finding]:
    """Budget lines against the budget's totals, and each line against its own parts."""
    findings: list[Finding] = []
    priced = [line for line in budget.lines if line.amount is not None]
    if priced:
        computed = sum_figures([line.amount for line in priced if line.amount is not None])
        ids = tuple(line.id for line in priced)
        if budget.total is not None:
            findings.append(_lines_vs(budget.total, computed, ids, overall=False))
        if budget.overall is not None:
            findings.append(_lines_vs(budget.overall, computed, ids, overall=True))
    for line in budget.walk():
        findings.extend(_line_parts(line))
    return findings


def _lines_vs(stated: Figure, computed: Figure, ids: tuple[str, ...], *, overall: bool) -> Finding:
    where = direction(computed, stated)
    consistent = overlaps(computed, stated)
    what_vi, what_en = ("tổng kinh phí", "overall budget") if overall else ("kinh phí", "budget")
    if where is Direction.ABOVE and not consistent:
        severity, vi_v, en_v = Severity.ERROR, "vượt", "above"
    elif where is Direction.BELOW and overall:
        severity, vi_v, en_v = Severity.INFO, "chỉ là một phần của", "only part of"
    elif consistent:
        severity, vi_v, en_v = Severity.INFO, "khớp với", "consistent with"
    else:
        severity, vi_v, en_v = Severity.ERROR, "thấp hơn", "short of"
    return Finding(
        code="budget-lines-vs-overall" if overall else "budget-lines-vs-total",
        severity=severity,
        budget_lines=ids,
        expected=stated,
        computed=computed,
        difference=difference(computed, stated),
        message_vi=f"Các dòng kinh phí cộng lại {computed.format('vi')}: {vi_v} {what_vi} "
        f"{stated.format('vi')}.",
        message_en=f"The budget lines add up to {computed.format('en')}: {en_v} the {what_en} "
        f"of {stated.format('en')}.",
    )


def _line_parts(line: BudgetLine) -> list[Finding]:
    priced = [part for part in line.parts if part.amount is not None]
    if line.amount is None or not priced:
        return []
    computed = sum_figures([part.amount for part in priced if part.amount is not None])
    consistent = overlaps(computed, line.amount)
    vi_v, en_v = ("khớp với", "consistent with") if consistent else ("không khớp với", "not")
    gap = difference(computed, line.amount)
    gap_vi = f" (chênh {gap.format('vi')})" if gap else ""
    gap_en = f" (a gap of {gap.format('en')})" if gap else ""
    return [
        Finding(
            code="budget-parts-vs-line",
            severity=Severity.INFO if consistent else Severity.ERROR,
            budget_lines=(line.id, *(part.id for part in priced)),
            expected=line.amount,
            computed=computed,
            difference=gap,
            operands=tuple(part.amount for part in priced if part.amount is not None),
            message_vi=f"Các phần của dòng «{line.label}» cộng lại {computed.format('vi')}, {vi_v} {line.amount.format('vi')}{gap_vi}.",  # noqa: E501
            message_en=f"The parts of the line “{line.label}” add up to {computed.format('en')}, {en_v} {line.amount.format('en')}{gap_en}.",  # noqa: E501
        )
    ]
