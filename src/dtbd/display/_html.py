"""Results as HTML tables for notebooks: progress, evaluations, audits, rule violations.

Every text is escaped and every number formatted through babel (:mod:`dtbd.figures._format`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dtbd.figures._figure import format_figure
from dtbd.figures._format import (
    format_count,
    format_date,
    format_number,
    format_percent,
)
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    from decimal import Decimal

    from dtbd.figures._units import Unit
    from dtbd.results._audit import Audit
    from dtbd.results._evaluation import Evaluation
    from dtbd.results._progress import Progress
    from dtbd.results._violation import RuleViolation

__all__ = ["audit_html", "evaluation_html", "progress_html", "violations_html"]


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _amount(value: Decimal | None, unit: Unit, locale: str) -> str:
    if value is None:
        return "–"
    return format_count(value, unit, locale)


def _share(value: Decimal | None, locale: str) -> str:
    return "–" if value is None else format_percent(value, locale)


def _status(value: str, locale: str) -> str:
    """The readable word of a progress status or a severity (its enum value)."""
    return say(f"display.status.{value}", locale)


def _heads(keys: Iterable[str], locale: str) -> list[str]:
    return [say(key, locale) for key in keys]


def _table(heads: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    """An HTML table; ``heads`` and ``caption`` are escaped here, cells must be already."""
    head = "".join(f"<th>{_e(h)}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f'<table class="dtbd">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _progress_cells(p: Progress, locale: str) -> list[str]:
    figure = "–" if p.figure is None else _e(format_figure(p.figure, locale))
    return [
        f"{_e(p.label)}<br><small>{_e(p.target_id)}</small>",
        figure,
        _e(_amount(p.achieved, p.unit, locale)),
        _e(_share(p.share_of_low, locale)),
        _e(_amount(p.expected, p.unit, locale)),
        _e(_amount(p.gap, p.unit, locale)),
        _e(_amount(p.required_per_year_remaining, p.unit, locale)),
        _e(_amount(p.forecast, p.unit, locale)),
        _e(_status(p.status.value, locale)),
    ]


_PROGRESS_HEADS = (
    "display.head.target",
    "display.head.figure",
    "display.head.achieved",
    "display.head.share",
    "display.head.expected",
    "display.head.gap",
    "display.head.required",
    "display.head.forecast",
    "display.head.status",
)
_YEAR_HEADS = (
    "display.head.year",
    "display.head.figure",
    "display.head.achieved",
    "display.head.share",
    "display.head.status",
)
_AUDIT_HEADS = (
    "display.head.severity",
    "display.head.code",
    "display.head.target",
    "display.head.message",
)
_VIOLATION_HEADS = (
    "display.head.severity",
    "display.head.code",
    "display.head.rule",
    "display.head.person",
    "display.head.course",
    "display.head.message",
)
_TABLE_NAMES = (
    "display.table.persons",
    "display.table.courses",
    "display.table.attendances",
    "display.table.spending",
)


def progress_html(p: Progress, locale: str = "vi") -> str:
    """One target's progress as an HTML table, with a row per year for a per-year target."""
    check_locale(locale)
    caption = f"{say('display.head.as_of', locale)} {format_date(p.as_of, locale)}"
    html_ = _table(_heads(_PROGRESS_HEADS, locale), [_progress_cells(p, locale)], caption)
    if not p.years:
        return html_
    figure = p.per_year_figure
    years = [
        [
            _e(y.year),
            "–" if figure is None else _e(format_figure(figure, locale)),
            _e(_amount(y.achieved, p.unit, locale)),
            _e(_share(y.share_of_low, locale)),
            _e(_status(y.status.value, locale)),
        ]
        for y in p.years
    ]
    return html_ + _table(_heads(_YEAR_HEADS, locale), years)


def evaluation_html(e: Evaluation, locale: str = "vi") -> str:
    """Every target of an evaluation as one HTML table, and a line on the records."""
    check_locale(locale)
    caption = f"{e.scheme_id} · {say('display.head.as_of', locale)} {format_date(e.as_of, locale)}"
    rows = [_progress_cells(p, locale) for p in e.targets.values()]
    table = _table(_heads(_PROGRESS_HEADS, locale), rows, caption)
    tables = (e.records.persons, e.records.courses, e.records.attendances, e.records.spending)
    counted, malformed = say("display.head.counted", locale), say("display.head.malformed", locale)
    parts = [
        f"{name}: {format_number(s.counted, locale)} {counted}, "
        f"{format_number(s.malformed, locale)} {malformed}"
        for name, s in zip(_heads(_TABLE_NAMES, locale), tables, strict=True)
        if s.read
    ]
    summary = f"<p>{_e(say('display.head.records', locale))}: {_e('; '.join(parts) or '–')}</p>"
    return table + summary


def audit_html(a: Audit, locale: str = "vi") -> str:
    """An audit's findings as an HTML table: severity, code, targets, the sentence."""
    check_locale(locale)
    rows = [
        [
            _e(_status(f.severity.value, locale)),
            _e(f.code),
            _e(", ".join(f.targets + f.budget_lines)),
            _e(f.message(locale)),
        ]
        for f in a.findings
    ]
    return _table(_heads(_AUDIT_HEADS, locale), rows, a.scheme)


def violations_html(violations: Iterable[RuleViolation], locale: str = "vi") -> str:
    """Rule violations (from :func:`dtbd.check`) as an HTML table."""
    check_locale(locale)
    rows = [
        [
            _e(_status(v.severity.value, locale)),
            _e(v.code),
            _e(v.rule or ""),
            _e(v.person or ""),
            _e(v.course or ""),
            _e(v.message(locale)),
        ]
        for v in violations
    ]
    return _table(_heads(_VIOLATION_HEADS, locale), rows)
