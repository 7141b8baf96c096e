"""Results as HTML tables for notebooks: progress, evaluations, audits, rule violations.

Every text is escaped and every number formatted through babel (:mod:`dtbd.figures._format`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dtbd.display._numbers import (
    period_label,
    quantized_share,
    short_date,
    shown_count,
    status_notes,
)
from dtbd.figures._figure import format_figure
from dtbd.figures._format import format_date, format_number, format_percent
from dtbd.model._target import Cadence, Count
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    from decimal import Decimal

    from dtbd.figures._units import Unit
    from dtbd.results._audit import Audit
    from dtbd.results._evaluation import Evaluation
    from dtbd.results._progress import PeriodProgress, Progress
    from dtbd.results._violation import RuleViolation

__all__ = ["audit_html", "evaluation_html", "progress_html", "violations_html"]


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


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


def _status_text(p: Progress | PeriodProgress, locale: str) -> str:
    """A status in words, with the periods missed or the missing baseline if any."""
    return status_notes(p, _status(p.status.value, locale), locale)


def _needed(p: Progress | PeriodProgress, unit: Unit, locale: str, *, per_period: bool) -> str:
    """What is still needed: a period's shortfall, or a yearly rate over the years left."""
    if per_period:
        return shown_count(p.remaining_low, unit, locale, needed=True)
    rate = p.required_per_year_remaining
    if rate is None:
        return "–"
    amount = shown_count(rate, unit, locale, needed=True)
    return say("display.rate.per_year", locale, amount=amount)


def _figure_text(p: Progress, locale: str) -> str:
    if p.figure is None:
        return "–"
    text = format_figure(p.figure, locale)
    if p.cadence is Cadence.PER_YEAR:
        text = say("cli.per_year", locale, years=text)
    return text


def _baseline_text(p: Progress, locale: str) -> str:
    if p.baseline is None:
        return "–"
    value = shown_count(p.baseline.value, p.unit, locale)
    return say("display.baseline", locale, value=value, date=short_date(p.baseline.date, locale))


def _numbers(
    p: Progress | PeriodProgress, unit: Unit, locale: str, *, per_period: bool
) -> list[str]:
    return [
        _e(shown_count(p.achieved, unit, locale)),
        _e(_share(quantized_share(p.share_of_low), locale)),
        _e(shown_count(p.expected, unit, locale)),
        _e(_needed(p, unit, locale, per_period=per_period)),
        _e(shown_count(p.forecast, unit, locale)),
        _e(_status_text(p, locale)),
    ]


def _progress_cells(p: Progress, locale: str) -> list[str]:
    per_period = p.cadence is Cadence.PER_YEAR
    return [
        f"{_e(p.label)}<br><small>{_e(p.target_id)}</small>",
        _e(_figure_text(p, locale)),
        _e(_baseline_text(p, locale)),
        *_numbers(p, p.unit, locale, per_period=per_period),
    ]


_PROGRESS_HEADS = (
    "display.head.target",
    "display.head.figure",
    "display.head.baseline",
    "display.head.achieved",
    "display.head.share",
    "display.head.expected",
    "display.head.required",
    "display.head.forecast",
    "display.head.status",
)
_PERIOD_HEADS = (
    "display.head.year",
    "display.head.figure",
    "display.head.achieved",
    "display.head.share",
    "display.head.expected",
    "display.head.required",
    "display.head.forecast",
    "display.head.status",
)
_YEARLY_HEADS = ("display.head.year", "display.head.done_in_year", "display.head.cumulative")
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
    """One target's progress as HTML: its row, then each period or the yearly series.

    A per-year target has a row per year, each with that year's own numbers; any other
    target has a row per calendar year of what was done in it (and the running total of
    a count).
    """
    check_locale(locale)
    caption = f"{say('display.head.as_of', locale)} {format_date(p.as_of, locale)}"
    html_ = _table(_heads(_PROGRESS_HEADS, locale), [_progress_cells(p, locale)], caption)
    if p.cadence is Cadence.PER_YEAR:
        rows = [
            [
                _e(period_label(y.window, locale)),
                "–" if y.figure is None else _e(format_figure(y.figure, locale)),
                *_numbers(y, p.unit, locale, per_period=True),
            ]
            for y in p.periods
        ]
        return html_ + _table(_heads(_PERIOD_HEADS, locale), rows)
    if not p.yearly:
        return html_
    # A share is never summed: its years have no running total.
    share = p.counts is Count.SHARE
    heads = _YEARLY_HEADS[:2] if share else _YEARLY_HEADS
    yearly = [
        [
            _e(y.year),
            _e(shown_count(y.achieved, p.unit, locale)),
            *([] if share else [_e(shown_count(y.cumulative, p.unit, locale))]),
        ]
        for y in p.yearly
    ]
    return html_ + _table(_heads(heads, locale), yearly)


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
