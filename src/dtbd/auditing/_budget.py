"""Audit of a budget: its lines against its totals, each line against its parts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.figures._compare import Direction, difference, direction, overlaps, sum_figures
from dtbd.results._finding import Finding, Severity
from dtbd.words import phrase, say_each

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
    if where is Direction.ABOVE and not consistent:
        severity, verdict = Severity.ERROR, "finding.budget-lines.above"
    elif where is Direction.BELOW and overall:
        severity, verdict = Severity.INFO, "finding.budget-lines.part-of"
    elif consistent:
        severity, verdict = Severity.INFO, "finding.budget-lines.consistent"
    else:
        severity, verdict = Severity.ERROR, "finding.budget-lines.short"
    vi, en = say_each(
        "finding.budget-lines-vs-overall" if overall else "finding.budget-lines-vs-total",
        computed=computed.format,
        verdict=phrase(verdict),
        stated=stated.format,
    )
    return Finding(
        code="budget-lines-vs-overall" if overall else "budget-lines-vs-total",
        severity=severity,
        budget_lines=ids,
        expected=stated,
        computed=computed,
        difference=difference(computed, stated),
        message_vi=vi,
        message_en=en,
    )


def _line_parts(line: BudgetLine) -> list[Finding]:
    priced = [part for part in line.parts if part.amount is not None]
    if line.amount is None or not priced:
        return []
    computed = sum_figures([part.amount for part in priced if part.amount is not None])
    consistent = overlaps(computed, line.amount)
    gap = difference(computed, line.amount)
    vi, en = say_each(
        "finding.budget-parts-vs-line",
        line=line.label,
        computed=computed.format,
        verdict=phrase(
            "finding.budget-parts-vs-line.consistent"
            if consistent
            else "finding.budget-parts-vs-line.inconsistent"
        ),
        amount=line.amount.format,
        gap=phrase("finding.budget-parts-vs-line.gap", gap=gap.format) if gap else "",
    )
    return [
        Finding(
            code="budget-parts-vs-line",
            severity=Severity.INFO if consistent else Severity.ERROR,
            budget_lines=(line.id, *(part.id for part in priced)),
            expected=line.amount,
            computed=computed,
            difference=gap,
            operands=tuple(part.amount for part in priced if part.amount is not None),
            message_vi=vi,
            message_en=en,
        )
    ]
