"""Audit of assignments against a unit tree: each share goes to a unit that existed then.

A share given to a unit no tree knows is an error (a typo, or a unit left out of the
tree); a share given to a unit that did not exist over the whole time of the share (its
year, or the target's window) is a warning: a 2025 plan that assigns the district of
Kim Động, which ended on 30 June 2025, names the units that took over what it did.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dtbd.figures._format import format_date
from dtbd.results._finding import Finding, Severity
from dtbd.words import Field, phrase, say_each

if TYPE_CHECKING:
    from dtbd.model._assigned import Assignment
    from dtbd.model._period import Period
    from dtbd.model._target import Target
    from dtbd.model._units import OrgUnit, UnitId, UnitTree

__all__ = ["assigned_unit_findings"]


def _span_of(share: Assignment, window: Period) -> tuple[dt.date, dt.date]:
    if share.year is None:
        return window.start, window.end
    return max(window.start, dt.date(share.year, 1, 1)), min(
        window.end, dt.date(share.year, 12, 31)
    )


def _other_spelling(unit_id: UnitId) -> UnitId | None:
    """The same code written the other way: 31 for '31', '31' for 31."""
    if isinstance(unit_id, int):
        return str(unit_id)
    return int(unit_id) if unit_id.isdigit() else None


def _day(day: dt.date | None) -> Field:
    if day is None:
        return "…"
    return lambda locale: format_date(day, locale)


def assigned_unit_findings(target: Target, window: Period, units: UnitTree) -> list[Finding]:
    """Findings on ``target``'s shares whose unit ``units`` lacks or did not have then.

    ``window`` is the target's window with its open ends closed (the scheme's period).
    """
    findings = []
    for share in target.assigned:
        if share.unit is None:
            continue
        if share.unit not in units:
            hint: Field = ""
            if (other := _other_spelling(share.unit)) in units:
                hint = phrase("finding.assigned-unit-unknown.spelling", other=repr(other))
            vi, en = say_each(
                "finding.assigned-unit-unknown", label=target.label, unit=share.unit, hint=hint
            )
            findings.append(_finding("assigned-unit-unknown", Severity.ERROR, target, vi, en))
            continue
        unit = units[share.unit]
        start, end = _span_of(share, window)
        if unit.in_force(start) and unit.in_force(end):
            continue
        findings.append(_not_in_force(target, unit, start, end, units))
    return findings


def _not_in_force(
    target: Target, unit: OrgUnit, start: dt.date, end: dt.date, units: UnitTree
) -> Finding:
    later = units.map_to(unit.id, end)
    successors: Field = ""
    if later:
        names = ", ".join(str(u.id) for u in later)
        successors = phrase("finding.assigned-unit-not-in-force.successors", units=names)
    vi, en = say_each(
        "finding.assigned-unit-not-in-force",
        label=target.label,
        unit=unit.id,
        unit_start=_day(unit.start),
        unit_end=_day(unit.end),
        start=_day(start),
        end=_day(end),
        successors=successors,
    )
    return _finding("assigned-unit-not-in-force", Severity.WARNING, target, vi, en)


def _finding(code: str, severity: Severity, target: Target, vi: str, en: str) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        targets=(target.id,),
        expected=target.figure,
        message_vi=vi,
        message_en=en,
    )
