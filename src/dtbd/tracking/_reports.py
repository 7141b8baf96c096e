"""What measuring units' reports turned up: rows set aside, units not measurable, sums.

Each is a :class:`~dtbd.Finding` of the evaluation (``docs/submissions.md``): a unit that
sent both person records and a report for one period (its report is set aside), a report
row that could not be read, a unit whose report cannot answer a target, and a target
whose persons were summed over rows.
"""

from __future__ import annotations

import functools

import attrs

from dtbd.engine._tallies import Tallies
from dtbd.figures._figure import Figure
from dtbd.figures._format import format_date, format_number
from dtbd.figures._units import Unit
from dtbd.results._finding import Finding, Severity
from dtbd.words import say_each

__all__ = ["report_findings"]


def _finding(code: str, severity: Severity, targets: tuple[str, ...], **fields: object) -> Finding:
    vi, en = say_each(f"finding.{code}", **fields)
    return Finding(code=code, severity=severity, targets=targets, message_vi=vi, message_en=en)


def report_findings(tallies: Tallies) -> tuple[Finding, ...]:
    """The findings of the report rows in ``tallies``; none without reports."""
    use = tallies.reports
    if use is None:
        return ()
    found = [
        _finding(
            "report-set-aside",
            Severity.WARNING,
            (),
            unit=unit,
            start=functools.partial(format_date, start),
            end=functools.partial(format_date, end),
        )
        for unit, start, end in use.set_aside
    ]
    found += [
        _finding(
            "report-malformed",
            Severity.WARNING,
            (),
            row=problem.row,
            field=problem.field or "-",
            problem=problem.message,
        )
        for problem in use.problems
    ]
    for target_id, reported in tallies.reported.items():
        for unit, column in reported.not_measurable:
            found.append(
                _finding(
                    "report-not-measurable",
                    Severity.WARNING,
                    (target_id,),
                    target=target_id,
                    unit=unit,
                    column=column,
                )
            )
        if reported.persons_summed:
            finding = _finding(
                "report-persons-summed",
                Severity.INFO,
                (target_id,),
                target=target_id,
                count=functools.partial(format_number, reported.total),
                units=len(reported.units),
            )
            total = Figure.exact(reported.total, Unit.PERSON)
            found.append(attrs.evolve(finding, computed=total))
    return tuple(found)
