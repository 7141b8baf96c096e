"""Results as HTML for notebooks: progress, evaluations, audits, rule violations.

Targets are indented by part, a per-year target has a row per year under it, a status is
a coloured badge explained by a legend, and every number is rounded as the command line's
table rounds it (:mod:`dtbd.display._numbers`). Every text is escaped; numbers, dates and
figures go through babel. Why the HTML is built by hand: :mod:`dtbd.display._style`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dtbd.display._numbers import (
    period_label,
    records_lines,
    short_date,
    shown_count,
    shown_share,
    status_notes,
)
from dtbd.display._style import badge, e, legend, table, view
from dtbd.figures._figure import format_figure
from dtbd.figures._format import format_date, format_number
from dtbd.model._target import Cadence, Count
from dtbd.results._progress import Progress, Status
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

    from dtbd.figures._units import Unit
    from dtbd.results._audit import Audit
    from dtbd.results._evaluation import Evaluation
    from dtbd.results._progress import PeriodProgress
    from dtbd.results._violation import RuleViolation

__all__ = [
    "PROGRESS_HEADS",
    "audit_html",
    "evaluation_html",
    "figure_text",
    "progress_cells",
    "progress_html",
    "share_cell",
    "violations_html",
]

_INDENT = 1.4
"""Em of indentation per level of parts."""


def share_cell(value: Decimal | None, locale: str) -> str:
    """A share of the plan to a tenth of a percent, as the command line's table shows it."""
    return shown_share(value, locale, none=say("display.none", locale))


def _heads(keys: Iterable[str], locale: str, numbers: frozenset[int] = frozenset()) -> str:
    cells = "".join(
        f'<th class="num">{e(say(k, locale))}</th>'
        if i in numbers
        else f"<th>{e(say(k, locale))}</th>"
        for i, k in enumerate(keys)
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _row(cells: Sequence[str], numbers: frozenset[int], cls: str = "") -> str:
    tds = "".join(
        f'<td class="num">{c}</td>' if i in numbers else f"<td>{c}</td>"
        for i, c in enumerate(cells)
    )
    return f'<tr class="{cls}">{tds}</tr>' if cls else f"<tr>{tds}</tr>"


def _needed(p: Progress | PeriodProgress, unit: Unit, locale: str, *, per_period: bool) -> str:
    """What is still needed: a period's shortfall, or a yearly rate over the years left."""
    none = say("display.none", locale)
    if per_period:
        return shown_count(p.remaining_low, unit, locale, needed=True, none=none)
    rate = p.required_per_year_remaining
    if rate is None:
        return none
    amount = shown_count(rate, unit, locale, needed=True)
    return say("display.rate.per_year", locale, amount=amount)


def figure_text(p: Progress, locale: str) -> str:
    """A target's figure as the tables write it ("mỗi năm 4 khóa"), or "by need"."""
    if p.figure is None:
        return say("display.by_need", locale)
    text = format_figure(p.figure, locale)
    if p.cadence is Cadence.PER_YEAR:
        text = say("cli.per_year", locale, years=text)
    return text


def _figure_cell(p: Progress, locale: str) -> str:
    cell = e(figure_text(p, locale))
    if p.baseline is not None:
        value = shown_count(p.baseline.value, p.unit, locale)
        date = short_date(p.baseline.date, locale)
        cell += f"<br><small>{e(say('display.baseline', locale, value=value, date=date))}</small>"
    return cell


def progress_cells(
    p: Progress | PeriodProgress, unit: Unit, locale: str, *, per_period: bool
) -> list[str]:
    """The numbers of a target or period as text: achieved, share, due, needed, forecast."""
    none = say("display.none", locale)
    return [
        shown_count(p.achieved, unit, locale, none=none),
        share_cell(p.share_of_low, locale),
        shown_count(p.expected, unit, locale, none=none),
        _needed(p, unit, locale, per_period=per_period),
        shown_count(p.forecast, unit, locale, none=none),
    ]


def _status(p: Progress | PeriodProgress, locale: str) -> str:
    """A status badge, with the periods missed or the missing baseline after it."""
    # A whole window that is missed needs no note naming it: only a year among years does.
    several = isinstance(p, Progress) and len(p.periods) > 1
    notes = status_notes(p, "", locale).strip() if several or p.status is not Status.MISSED else ""
    return badge(p.status.value, locale) + (f" <small>{e(notes)}</small>" if notes else "")


PROGRESS_HEADS = (
    "display.head.target",
    "display.head.figure",
    "display.head.achieved",
    "display.head.share",
    "display.head.expected",
    "display.head.required",
    "display.head.forecast",
    "display.head.status",
)
_NUMBERS = frozenset({2, 3, 4, 5, 6})


def _target_rows(p: Progress, depth: int, locale: str) -> list[str]:
    """A target's row, indented ``depth`` levels, and a row per year of a per-year target."""
    per_period = p.cadence is Cadence.PER_YEAR
    pad = f' style="padding-left:{depth * _INDENT:.1f}em"' if depth else ""
    label = f"<div{pad}>{e(p.label)} <small>{e(p.target_id)}</small></div>"
    numbers = [e(c) for c in progress_cells(p, p.unit, locale, per_period=per_period)]
    rows = [_row([label, _figure_cell(p, locale), *numbers, _status(p, locale)], _NUMBERS,
                 "" if depth else "top")]  # fmt: skip
    if not per_period:
        return rows
    inner = f' style="padding-left:{(depth + 1) * _INDENT:.1f}em"'
    for y in p.periods:
        year = say("cli.progress.year", locale, year=period_label(y.window, locale))
        figure = (
            say("display.by_need", locale) if y.figure is None else format_figure(y.figure, locale)
        )
        cells = [e(c) for c in progress_cells(y, p.unit, locale, per_period=True)]
        rows.append(
            _row(
                [f"<div{inner}>{e(year)}</div>", e(figure), *cells, _status(y, locale)],
                _NUMBERS,
                "period",
            )
        )
    return rows


def depths(targets: Iterable[Progress]) -> dict[str, int]:
    """How deep each target lies among parts (0 for a top-level one), from ``Progress.parts``."""
    depth: dict[str, int] = {}
    for p in targets:
        depth.setdefault(p.target_id, 0)
        for part in p.parts:
            depth[part] = depth[p.target_id] + 1
    return depth


def _statuses(progresses: Iterable[Progress]) -> list[str]:
    shown: list[str] = []
    for p in progresses:
        shown.append(p.status.value)
        if p.cadence is Cadence.PER_YEAR:
            shown += [y.status.value for y in p.periods]
    return shown


def _caption(name: str, as_of: dt.date, locale: str) -> str:
    date = format_date(as_of, locale)
    return (
        f"{name} · {say('display.head.as_of', locale)} {date}"
        if name
        else f"{say('display.head.as_of', locale)} {date}"
    )


def progress_html(p: Progress, locale: str = "vi") -> str:
    """One target's progress as HTML: its row, each year of a per-year target, the legend.

    A target over a whole window also gets a table of what was done in each calendar
    year (and the running total of a count).
    """
    check_locale(locale)
    shown = table(
        _heads(PROGRESS_HEADS, locale, _NUMBERS),
        _target_rows(p, 0, locale),
        _caption("", p.as_of, locale),
    )
    parts = [shown]
    if p.cadence is not Cadence.PER_YEAR and p.yearly:
        # A share is never summed: its years have no running total.
        share = p.counts is Count.SHARE
        keys = (
            "display.head.year",
            "display.head.done_in_year",
            *(() if share else ("display.head.cumulative",)),
        )
        rows = [
            _row(
                [
                    e(y.year),
                    e(shown_count(y.achieved, p.unit, locale, none=say("display.none", locale))),
                    *([] if share else [e(shown_count(y.cumulative, p.unit, locale))]),
                ],
                frozenset({1, 2}),
                "period",
            )
            for y in p.yearly
        ]
        parts.append(table(_heads(keys, locale, frozenset({1, 2})), rows))
    parts.append(legend(_statuses([p]), locale))
    return view(*parts)


def _records_line(e_: Evaluation, locale: str) -> str:
    parts = records_lines(e_.records, locale)
    shown = "<br>".join(e(p) for p in parts) or e(say("display.none", locale))
    return f"<p><b>{e(say('display.head.records', locale))}</b><br>{shown}</p>"


def evaluation_html(ev: Evaluation, locale: str = "vi") -> str:
    """Every target of an evaluation, parts indented, years under per-year targets; records."""
    check_locale(locale)
    depth = depths(ev.targets.values())
    rows = [r for p in ev.targets.values() for r in _target_rows(p, depth[p.target_id], locale)]
    shown = table(
        _heads(PROGRESS_HEADS, locale, _NUMBERS), rows, _caption(ev.scheme_id, ev.as_of, locale)
    )
    findings = [f"{badge(f.severity.value, locale)} {e(f.message(locale))}" for f in ev.findings]
    notes = f"<p>{'<br>'.join(findings)}</p>" if findings else ""
    return view(
        shown, notes, legend(_statuses(ev.targets.values()), locale), _records_line(ev, locale)
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


def _severity_counts(values: Sequence[str], locale: str) -> str:
    shown = [
        f"{badge(s, locale)} {format_number(values.count(s), locale)}"
        for s in ("error", "warning", "info")
        if s in values
    ]
    return f"<p>{' '.join(shown)}</p>" if shown else ""


def audit_html(a: Audit, locale: str = "vi") -> str:
    """An audit's findings as HTML: a count per severity, then a row per finding."""
    check_locale(locale)
    rows = [
        _row(
            [
                badge(f.severity.value, locale),
                f"<code>{e(f.code)}</code>",
                e(", ".join(f.targets + f.budget_lines)),
                e(f.message(locale)),
            ],
            frozenset(),
        )
        for f in a.findings
    ]
    severities = [f.severity.value for f in a.findings]
    return view(
        f"<h4>{e(a.scheme)}</h4>",
        _severity_counts(severities, locale),
        table(_heads(_AUDIT_HEADS, locale), rows),
    )


def violations_html(violations: Iterable[RuleViolation], locale: str = "vi") -> str:
    """Rule violations (from :func:`dtbd.check`) as HTML: a count per severity, a row each."""
    check_locale(locale)
    found = tuple(violations)
    rows = [
        _row(
            [
                badge(v.severity.value, locale),
                f"<code>{e(v.code)}</code>",
                e(v.rule or ""),
                e(v.person or ""),
                e(v.course or ""),
                e(v.message(locale)),
            ],
            frozenset(),
        )
        for v in found
    ]
    severities = [v.severity.value for v in found]
    return view(
        _severity_counts(severities, locale), table(_heads(_VIOLATION_HEADS, locale), rows)
    )
