"""Audit of cost per person: a budget line's amount over the head count of its target."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from dtbd.figures._compare import divide
from dtbd.figures._figure import Figure
from dtbd.model._target import Count
from dtbd.results._finding import Finding, Severity
from dtbd.words import phrase, say_each

if TYPE_CHECKING:
    from dtbd.model._budget import Budget
    from dtbd.model._scheme import Scheme

__all__ = ["cost_findings"]


def _approx(cost: Figure, locale: str) -> str:
    """The cost to four significant digits ("≈ 183,3 triệu đồng"), the exact one beside."""

    def round4(number: Decimal | None) -> Decimal | None:
        if number is None or not number:
            return number
        places = Decimal(1).scaleb(number.adjusted() - 3)
        return number.quantize(places, rounding=ROUND_HALF_UP).quantize(Decimal(1))

    shown = Figure(round4(cost.low), round4(cost.high), qualifier=cost.qualifier, unit=cost.unit)
    if shown == cost:
        return cost.format(locale)
    return f"≈ {shown.format(locale)} ({cost.format(locale)})"


def cost_findings(scheme: Scheme, budget: Budget) -> list[Finding]:
    """The cost per person (or per attendance) of every budget line tied to a count."""
    findings: list[Finding] = []
    # made once: a search of the scheme per line cost the square of the targets
    targets = {t.id: t for t in scheme.all_targets()}
    for line in budget.walk():
        if line.target is None:
            continue
        target = targets[line.target]
        if target.counts not in {Count.PERSONS, Count.ATTENDANCES}:
            continue
        each = phrase(
            "finding.cost-per-person.each-person"
            if target.counts is Count.PERSONS
            else "finding.cost-per-person.each-attendance"
        )
        cost = None
        if line.amount is not None and target.figure is not None:
            cost = divide(line.amount, target.figure)
        if cost is None or line.amount is None or target.figure is None:
            vi, en = say_each("finding.cost-per-person-unavailable", each=each, line=line.label)
            findings.append(
                Finding(
                    code="cost-per-person-unavailable",
                    severity=Severity.INFO,
                    targets=(target.id,),
                    budget_lines=(line.id,),
                    message_vi=vi,
                    message_en=en,
                )
            )
            continue
        vi, en = say_each(
            "finding.cost-per-person",
            line=line.label,
            amount=line.amount.format,
            count=target.figure.format,
            each=each,
            cost=functools.partial(_approx, cost),
        )
        findings.append(
            Finding(
                code="cost-per-person",
                severity=Severity.INFO,
                targets=(target.id,),
                budget_lines=(line.id,),
                computed=cost,
                operands=(line.amount, target.figure),
                message_vi=vi,
                message_en=en,
            )
        )
    return findings
