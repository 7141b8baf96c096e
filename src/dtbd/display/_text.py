"""Results as a few lines of plain text, for ``print``: a line per target, not every row.

The numbers are rounded as every other view rounds them (:mod:`dtbd.display._numbers`);
the exact ones, and the row numbers behind the record counts, are in ``to_dict()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.display._html import depths, share_cell
from dtbd.display._numbers import period_label, records_lines, shown_count, status_notes
from dtbd.figures._format import format_date, format_number
from dtbd.model._target import Cadence
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    from dtbd.figures._units import Unit
    from dtbd.results._evaluation import Evaluation
    from dtbd.results._progress import PeriodProgress, Progress

__all__ = ["evaluation_text", "progress_text"]


def _line(label: str, p: Progress | PeriodProgress, unit: Unit, locale: str) -> str:
    figure = say("display.by_need", locale) if p.figure is None else p.figure.format(locale)
    achieved = shown_count(p.achieved, unit, locale, none=say("display.none", locale))
    status = status_notes(p, say(f"display.status.{p.status.value}", locale), locale)
    share = share_cell(p.share_of_low, locale)
    return f"{label}: {achieved} / {figure} ({share}) — {status}"


def _lines(p: Progress, depth: int, locale: str) -> list[str]:
    lines = [_line(f"{'  ' * depth}{p.label} [{p.target_id}]", p, p.unit, locale)]
    if p.cadence is Cadence.PER_YEAR:
        for y in p.periods:
            year = say("cli.progress.year", locale, year=period_label(y.window, locale))
            lines.append(_line(f"{'  ' * (depth + 1)}· {year}", y, p.unit, locale))
    return lines


def progress_text(p: Progress, locale: str = "vi") -> str:
    """A target's line (and a line per year of a per-year target), dated."""
    check_locale(locale)
    head = f"{say('display.head.as_of', locale)} {format_date(p.as_of, locale)}"
    lines = [head, *_lines(p, 0, locale)]
    reported = p.reported
    if reported is not None and reported.rows:
        key = "display.reported.summed" if reported.persons_summed else "display.reported"
        total = format_number(reported.total, locale)
        lines.append(f"  {say(key, locale, total=total, units=len(reported.units))}")
    return "\n".join(lines)


def evaluation_text(ev: Evaluation, locale: str = "vi") -> str:
    """The scheme and date, a line per target (parts indented), then the records in counts."""
    check_locale(locale)
    head = f"{ev.scheme_id} · {say('display.head.as_of', locale)} {format_date(ev.as_of, locale)}"
    depth = depths(ev.targets.values())
    lines = [head]
    lines += [line for p in ev.targets.values() for line in _lines(p, depth[p.target_id], locale)]
    lines += [f"! {f.message(locale)}" for f in ev.findings]
    lines.append(f"{say('display.head.records', locale)}:")
    lines += [f"  {line}" for line in records_lines(ev.records, locale)]
    return "\n".join(lines)
