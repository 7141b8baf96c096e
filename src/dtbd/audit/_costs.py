"""Audit of cost per person: a budget line's amount over the head count of its target."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from dtbd.figures._compare import divide
from dtbd.figures._figure import Figure
from dtbd.model._target import Count
from dtbd.results._finding import Finding, Severity

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
    for line in budget.walk():
        if line.target is None:
            continue
        target = scheme.target(line.target)
        if target.counts not in {Count.PERSONS, Count.ATTENDANCES}:
            continue
        each_vi, each_en = ("mỗi lượt", "per attendance")
        if target.counts is Count.PERSONS:
            each_vi, each_en = ("mỗi người", "per person")
        cost = None
        if line.amount is not None and target.figure is not None:
            cost = divide(line.amount, target.figure)
        if cost is None or line.amount is None or target.figure is None:
            findings.append(
                Finding(
                    code="cost-per-person-unavailable",
                    severity=Severity.INFO,
                    targets=(target.id,),
                    budget_lines=(line.id,),
                    message_vi=f"Không tính được chi phí {each_vi} của dòng «{line.label}»: thiếu số tiền hoặc số người có giới hạn.",  # noqa: E501
                    message_en=f"The cost {each_en} of the line “{line.label}” cannot be worked out: the amount or a bounded head count is missing.",  # noqa: E501
                )
            )
            continue
        findings.append(
            Finding(
                code="cost-per-person",
                severity=Severity.INFO,
                targets=(target.id,),
                budget_lines=(line.id,),
                computed=cost,
                operands=(line.amount, target.figure),
                message_vi=f"«{line.label}»: {line.amount.format('vi')} cho "
                f"{target.figure.format('vi')}, {each_vi} {_approx(cost, 'vi')}.",
                message_en=f"“{line.label}”: {line.amount.format('en')} for "
                f"{target.figure.format('en')}, {_approx(cost, 'en')} {each_en}.",
            )
        )
    return findings
