"""Audit of a target's assignments (*giao chỉ tiêu*) against its figure, as parts are.

The shares given to units add up to the target's figure; so do the shares given to
years, for a target over the whole window (a per-year target's figure is each year's,
so each year's share is held to it alone). Shares of units in one year add up to that
year's share, or to the figure of a per-year target; shares of one unit over the years
add up to that unit's share. Each sum is compared as the parts of a "trong đó" are
(:mod:`dtbd.auditing._parts`): above is an error (a note if the figures' qualifiers let
them meet), below a warning (likewise), equal a note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from dtbd.figures._compare import Direction, difference, direction, overlaps, sum_figures
from dtbd.model._target import Cadence, Count
from dtbd.results._finding import Finding, Severity
from dtbd.words import Field, phrase, say_each

if TYPE_CHECKING:
    from dtbd.figures._figure import Figure
    from dtbd.model._assigned import Assignment
    from dtbd.model._target import Target

__all__ = ["assigned_findings"]

_CODES = {
    Direction.SAME: ("assigned-match-total", "finding.assigned-match-total"),
    Direction.BELOW: ("assigned-below-total", "finding.assigned-below-total"),
    Direction.ABOVE: ("assigned-above-total", "finding.assigned-above-total"),
}


def _shares(assigned: Sequence[Assignment], name: Callable[[Assignment], object]) -> Field:
    """The shares as "so-y-te: 120 lượt; so-noi-vu: 200 lượt", each figure in its language."""

    def written(locale: str) -> str:
        return "; ".join(f"{name(a)}: {a.figure.format(locale)}" for a in assigned)

    return written


def _by_unit(assignment: Assignment) -> object:
    return assignment.unit


def _by_year(assignment: Assignment) -> object:
    return assignment.year


def _by_cell(assignment: Assignment) -> object:
    return f"{assignment.unit} {assignment.year}"


def assigned_findings(target: Target) -> list[Finding]:
    """Findings on ``target``'s assignments against its figure and against each other.

    ``target`` is as the scheme resolves it (its window's cadence written out). Shares
    of a share target (a percentage) are not added up: each unit's share is a share of
    its own people.
    """
    if not target.assigned or target.counts is Count.SHARE:
        return []
    return [*_against_figure(target), *_cells_by_year(target), *_cells_by_unit(target)]


def _split(target: Target) -> tuple[list[Assignment], list[Assignment], list[Assignment]]:
    """The shares of units alone, of years alone, and of units in a year."""
    assigned = target.assigned
    units = [a for a in assigned if a.year is None]
    years = [a for a in assigned if a.unit is None]
    cells = [a for a in assigned if a.unit is not None and a.year is not None]
    return units, years, cells


def _per_year(target: Target) -> bool:
    return target.window.cadence is Cadence.PER_YEAR


def _against_figure(target: Target) -> list[Finding]:
    figure = target.figure
    if figure is None:
        return []
    units, years, cells = _split(target)
    total = phrase("finding.assigned.total", figure=figure.format)
    findings = []
    if units:
        over = phrase("finding.assigned.units", shares=_shares(units, _by_unit))
        findings.append(_compare(target, units, figure, over, total))
    if _per_year(target):
        for share in years:
            over = phrase("finding.assigned.year", year=share.year)
            findings.append(_compare(target, [share], figure, over, total))
        return findings
    if years:
        over = phrase("finding.assigned.years", shares=_shares(years, _by_year))
        findings.append(_compare(target, years, figure, over, total))
    if cells and not units and not years:
        over = phrase("finding.assigned.cells", shares=_shares(cells, _by_cell))
        findings.append(_compare(target, cells, figure, over, total))
    return findings


def _cells_by_year(target: Target) -> list[Finding]:
    """Shares of units in each year against that year's share (or a per-year figure)."""
    _, years, cells = _split(target)
    year_of = {a.year: a.figure for a in years}
    findings = []
    for year in sorted({a.year for a in cells if a.year is not None}):
        stated = year_of.get(year)
        whole: Field = phrase("finding.assigned.year-total", year=year, figure=_format(stated))
        if stated is None and _per_year(target) and target.figure is not None:
            stated = target.figure
            whole = phrase("finding.assigned.total", figure=stated.format)
        if stated is not None:
            in_year = [a for a in cells if a.year == year]
            shares = _shares(in_year, _by_unit)
            over = phrase("finding.assigned.units-in-year", year=year, shares=shares)
            findings.append(_compare(target, in_year, stated, over, whole))
    return findings


def _cells_by_unit(target: Target) -> list[Finding]:
    """A unit's shares over the years against its share of a target over the window."""
    units, _, cells = _split(target)
    if _per_year(target):
        return []
    unit_of = {a.unit: a.figure for a in units}
    findings = []
    for unit in dict.fromkeys(a.unit for a in cells if a.unit in unit_of):
        of_unit = [a for a in cells if a.unit == unit]
        stated = unit_of[unit]
        whole = phrase("finding.assigned.unit-total", unit=unit, figure=stated.format)
        shares = _shares(of_unit, _by_year)
        over = phrase("finding.assigned.years-of-unit", unit=unit, shares=shares)
        findings.append(_compare(target, of_unit, stated, over, whole))
    return findings


def _format(figure: Figure | None) -> Field:
    return "?" if figure is None else figure.format


def _compare(
    target: Target, shares: Sequence[Assignment], stated: Figure, over: Field, whole: Field
) -> Finding:
    """One sum of shares against what it should make, as the parts audit compares them."""
    computed = sum_figures([a.figure for a in shares])
    where = direction(computed, stated)
    consistent = overlaps(computed, stated)
    gap = difference(computed, stated)
    code, key = _CODES[where]
    note: Field = ""
    rest: Field = ""
    if where is not Direction.SAME and consistent:
        note = phrase("finding.parts-total.tolerance")
    if where is Direction.SAME:
        severity = Severity.INFO
    elif where is Direction.BELOW:
        severity = Severity.INFO if consistent else Severity.WARNING
        rest = phrase("finding.parts-below-total.rest", gap=gap.format) if gap else ""
    else:
        severity = Severity.INFO if consistent else Severity.ERROR
        rest = phrase("finding.parts-above-total.over", gap=gap.format) if gap else ""
    vi, en = say_each(
        key, label=target.label, over=over, computed=computed.format, stated=whole, rest=rest,
        note=note,
    )  # fmt: skip
    return Finding(
        code=code,
        severity=severity,
        targets=(target.id,),
        expected=stated,
        computed=computed,
        difference=gap,
        operands=tuple(a.figure for a in shares),
        message_vi=vi,
        message_en=en,
    )
