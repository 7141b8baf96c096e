"""A scheme and its targets as HTML for notebooks: the document, targets by part, budget, rules.

Built like the results' views (:mod:`dtbd.display._html`, style in
:mod:`dtbd.display._style`): parts indented under their target, every text escaped,
numbers, dates and figures through babel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd.display._numbers import short_date
from dtbd.display._scope import birth_words
from dtbd.display._style import e, table, view
from dtbd.figures._format import format_date
from dtbd.model._target import Cadence
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    from dtbd.model._budget import Budget, BudgetLine
    from dtbd.model._period import Period
    from dtbd.model._rules import Rule
    from dtbd.model._scheme import Scheme
    from dtbd.model._target import Target

__all__ = ["scheme_html", "target_html"]

_INDENT = 1.4
"""Em of indentation per level of parts."""


def _pad(depth: int) -> str:
    return f' style="padding-left:{depth * _INDENT:.1f}em"' if depth else ""


def _when(target: Target, period: Period | None, locale: str) -> str:
    """When a target is due: "đến 31/12/2025", "mỗi năm 2024–2025"; "–" when unknown."""
    window = target.window
    start = window.start or (period.start if period else None)
    end = window.end or (period.end if period else None)
    if window.cadence is Cadence.PER_YEAR:
        years = "" if start is None or end is None else f"{start.year}–{end.year}"
        if start is not None and end is not None and start.year == end.year:
            years = str(start.year)
        return say("cli.per_year", locale, years=years).strip()
    if end is None:
        return say("display.none", locale)
    return say("cli.until", locale, date=short_date(end, locale))


def _target_rows(target: Target, depth: int, period: Period | None, locale: str) -> list[str]:
    figure = (
        say("display.by_need", locale) if target.figure is None else target.figure.format(locale)
    )
    marks = [say("display.scheme.aspirational", locale)] if target.aspirational else []
    if born := birth_words(target.scope, locale):
        marks.append(born)
    if target.parts and not target.breakdown:
        marks.append(say("display.scheme.not_breakdown", locale))
    if target.note:
        marks.append(target.note)
    cells = (
        f"<div{_pad(depth)}>{e(target.label)} <small>{e(target.id)}</small></div>",
        e(figure),
        e(say(f"cli.counts.{target.counts.value}", locale)),
        e(_when(target, period, locale)),
        e("; ".join(marks)),
    )
    row = (
        f'<tr class="{"" if depth else "top"}">'
        + "".join(f"<td>{c}</td>" for c in cells)
        + "</tr>"
    )
    return [
        row,
        *(r for part in target.parts for r in _target_rows(part, depth + 1, period, locale)),
    ]


_TARGET_HEADS = (
    "display.head.target",
    "display.head.figure",
    "cli.col.counts",
    "display.scheme.when",
    "display.scheme.notes",
)


def _targets_table(targets: tuple[Target, ...], period: Period | None, locale: str) -> str:
    head = "".join(f"<th>{e(say(k, locale))}</th>" for k in _TARGET_HEADS)
    rows = "".join(r for t in targets for r in _target_rows(t, 0, period, locale))
    return table(f"<thead><tr>{head}</tr></thead>", rows, say("display.scheme.targets", locale))


def target_html(target: Target, locale: str = "vi") -> str:
    """A target and its parts as an HTML table, parts indented (open window ends as "–")."""
    check_locale(locale)
    return view(_targets_table((target,), None, locale))


def _budget_rows(line: BudgetLine, depth: int, locale: str) -> list[str]:
    amount = say("display.none", locale) if line.amount is None else line.amount.format(locale)
    cells = (
        f"<div{_pad(depth)}>{e(line.label)} <small>{e(line.id)}</small></div>",
        f'<span style="white-space:nowrap">{e(amount)}</span>',
        e("" if line.year is None else line.year),
        e(line.target or ""),
    )
    row = "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    return [row, *(r for part in line.parts for r in _budget_rows(part, depth + 1, locale))]


def _budget_table(budget: Budget, locale: str) -> str:
    heads = (
        "display.scheme.budget_line",
        "display.scheme.amount",
        "display.head.year",
        "display.head.target",
    )
    head = "".join(f"<th>{e(say(k, locale))}</th>" for k in heads)
    rows = "".join(r for line in budget.lines for r in _budget_rows(line, 0, locale))
    caption = say("display.scheme.budget", locale)
    if budget.total is not None:
        caption += f": {budget.total.format(locale)}"
    return table(f"<thead><tr>{head}</tr></thead>", rows, caption)


def rule_kind(rule: Rule, locale: str) -> str:
    """A rule's kind, with the schemes it looks across when it names any."""
    if not rule.across:
        return rule.kind.value
    schemes = ", ".join(rule.across)
    return f"{rule.kind.value} · {say('display.rule.across', locale, schemes=schemes)}"


def scheme_html(scheme: Scheme, locale: str = "vi") -> str:
    """A scheme as HTML: title and document, then its targets by part, budget lines, rules."""
    check_locale(locale)
    citation = scheme.citation
    about = [say(f"display.scheme.kind.{scheme.kind.value}", locale)]
    about += [text for text in (citation.document, citation.issuer) if text]
    if citation.issued is not None:
        about.append(format_date(citation.issued, locale))
    period = say(
        "display.scheme.period",
        locale,
        start=short_date(scheme.period.start, locale),
        end=short_date(scheme.period.end, locale),
    )
    head = (
        f"<h4>{e(scheme.title)} <small>{e(scheme.id)}</small></h4>"
        f"<p>{e(' · '.join(about))}<br>{e(period)}</p>"
    )
    parts = [head, _targets_table(scheme.resolved().targets, scheme.period, locale)]
    if scheme.budget is not None and scheme.budget.lines:
        parts.append(_budget_table(scheme.budget, locale))
    if scheme.rules:
        heads = ("display.head.rule", "cli.col.kind", "display.head.message")
        head_row = "".join(f"<th>{e(say(k, locale))}</th>" for k in heads)
        rows = "".join(
            f"<tr><td><code>{e(r.id)}</code></td><td>{e(rule_kind(r, locale))}</td>"
            f"<td>{e(r.label)}</td></tr>"
            for r in scheme.rules
        )
        caption = say("display.scheme.rules", locale)
        parts.append(table(f"<thead><tr>{head_row}</tr></thead>", rows, caption))
    return view(*parts)
