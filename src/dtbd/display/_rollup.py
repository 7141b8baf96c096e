"""A breakdown as tables for people: the groups' numbers and each unit's share.

The command line's table, Markdown and HTML, and :meth:`dtbd.Breakdown.to_html` /
:meth:`~dtbd.Breakdown.to_markdown` all take their cells from here, so that every
output shows the same numbers, rounded as every other table of dtbd rounds them
(:mod:`dtbd.display._numbers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dtbd._safe_text import markdown_text
from dtbd.display._breakdown import dimension_label, group_label
from dtbd.display._numbers import shown_count, shown_share
from dtbd.display._style import badge, e, legend, table, view
from dtbd.figures._figure import format_figure
from dtbd.figures._format import format_date
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    from dtbd.results._breakdown import Breakdown, BreakdownGroup, UnitShare
    from dtbd.results._progress import Progress

__all__ = ["RollupTable", "breakdown_html", "breakdown_markdown", "group_rows", "share_rows"]


@attrs.frozen
class RollupTable:
    """A table's headers, rows of text cells, the columns of numbers, each row's depth.

    A unit's name is marked "– " for each level it lies below the top, in every output.

    ``statuses`` holds, per row, the enum value of the status its last cell names (or
    ``None``): HTML shows it as a badge.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers: frozenset[int]
    depths: tuple[int, ...]
    statuses: tuple[str | None, ...] = ()


def _years(b: Breakdown) -> tuple[int, ...]:
    return tuple(sorted({y.year for p in b.total.targets.values() for y in p.yearly}))


def _achieved(p: Progress, years: tuple[int, ...], locale: str) -> tuple[str, ...]:
    none = say("cli.none", locale)
    own = {y.year: y.achieved for y in p.yearly}
    return (
        shown_count(p.achieved, p.unit, locale, none=none),
        *(shown_count(own[y], p.unit, locale, none=none) if y in own else none for y in years),
    )


def _named(b: Breakdown, group: BreakdownGroup, locale: str) -> str:
    # a unit's depth as the progress table marks a part: "– " a level, in every output
    return f"{'– ' * group.depth}{group_label(b.by, group, locale)}"


def group_rows(b: Breakdown, locale: str = "vi") -> RollupTable:
    """A row per group and target: the window's number, then each year's own number."""
    years = _years(b)
    rows: list[tuple[str, ...]] = []
    depths: list[int] = []
    for group in b.groups:
        name = _named(b, group, locale)
        for index, p in enumerate(group.evaluation.targets.values()):
            rows.append((name if index == 0 else "", p.label, *_achieved(p, years, locale)))
            depths.append(group.depth)
    heads = (
        say("cli.col.group", locale),
        say("cli.col.target", locale),
        say("cli.col.achieved", locale),
        *(say("cli.progress.year", locale, year=y) for y in years),
    )
    return RollupTable(heads, tuple(rows), frozenset(range(2, len(heads))), tuple(depths))


def _share_row(name: str, label: str, share: UnitShare, locale: str) -> tuple[str, ...]:
    p = share.progress
    none = say("cli.none", locale)
    if share.year is not None:
        label = f"{label} ({say('cli.progress.year', locale, year=share.year)})"
    figure = format_figure(share.figure, locale)
    if share.carried_from:
        units = ", ".join(map(str, share.carried_from))
        figure += " " + say("rollup.shares.carried", locale, units=units)
    return (
        name,
        label,
        figure,
        shown_count(p.achieved, p.unit, locale, none=none),
        shown_share(p.share_of_low, locale, none=none),
        say(f"display.status.{p.status.value}", locale),
    )


def _groups_with_shares(b: Breakdown) -> list[tuple[BreakdownGroup | None, tuple[UnitShare, ...]]]:
    found: list[tuple[BreakdownGroup | None, tuple[UnitShare, ...]]] = []
    if b.shares:
        found.append((None, b.shares))
    found += [(g, g.shares) for g in b.groups if g.shares]
    return found


def share_rows(b: Breakdown, locale: str = "vi") -> RollupTable:
    """A row per share assigned: the unit, the target, the share, achieved, %, status.

    The shares of a year given to no unit come first, under the name of the whole.
    """
    rows: list[tuple[str, ...]] = []
    depths: list[int] = []
    statuses: list[str | None] = []
    for group, shares in _groups_with_shares(b):
        name = say("rollup.whole", locale) if group is None else _named(b, group, locale)
        for index, share in enumerate(shares):
            label = b.total[share.target_id].label
            rows.append(_share_row(name if index == 0 else "", label, share, locale))
            depths.append(0 if group is None else group.depth)
            statuses.append(share.status.value)
    heads = tuple(
        say(k, locale)
        for k in (
            "cli.col.group", "cli.col.target", "rollup.col.share", "cli.col.achieved",
            "rollup.col.share_done", "cli.col.status",
        )
    )  # fmt: skip
    return RollupTable(heads, tuple(rows), frozenset({3, 4}), tuple(depths), tuple(statuses))


def _heading(b: Breakdown, locale: str) -> str:
    by = dimension_label(b.by, locale)
    return say("cli.breakdown.heading", locale, by=by, date=format_date(b.on, locale))


def _html_table(t: RollupTable, locale: str, caption: str = "") -> str:
    head = "".join(
        f'<th class="num">{e(h)}</th>' if i in t.numbers else f"<th>{e(h)}</th>"
        for i, h in enumerate(t.headers)
    )
    body = []
    for row_index, row in enumerate(t.rows):
        status = t.statuses[row_index] if t.statuses else None
        cells = []
        for i, cell in enumerate(row):
            shown = e(cell)
            if status is not None and i == len(row) - 1:
                shown = badge(status, locale)
            cells.append(
                f'<td class="num">{shown}</td>' if i in t.numbers else f"<td>{shown}</td>"
            )
        body.append(f"<tr>{''.join(cells)}</tr>")
    return table(f"<thead><tr>{head}</tr></thead>", body, caption)


def breakdown_html(b: Breakdown, locale: str = "vi") -> str:
    """The breakdown as HTML: the groups' numbers, each unit's share, findings, legend."""
    check_locale(locale)
    parts = [_html_table(group_rows(b, locale), locale, _heading(b, locale))]
    shares = share_rows(b, locale)
    if shares.rows:
        parts.append(f"<h4>{e(say('rollup.shares.heading', locale))}</h4>")
        parts.append(_html_table(shares, locale))
    findings = [f"{badge(f.severity.value, locale)} {e(f.message(locale))}" for f in b.findings]
    if findings:
        parts.append(f"<p>{'<br>'.join(findings)}</p>")
    parts.append(legend([s for s in shares.statuses if s is not None], locale))
    return view(*parts)


def _markdown_table(t: RollupTable) -> list[str]:
    aligns = ["---:" if i in t.numbers else "---" for i in range(len(t.headers))]
    lines = ["| " + " | ".join(markdown_text(h) for h in t.headers) + " |"]
    lines.append("| " + " | ".join(aligns) + " |")
    for row in t.rows:
        cells = [markdown_text(c, number=i in t.numbers) for i, c in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def breakdown_markdown(b: Breakdown, locale: str = "vi") -> str:
    """The breakdown as Markdown: a heading, the groups' table, the shares' table, findings."""
    check_locale(locale)
    lines = [
        f"### {markdown_text(_heading(b, locale))}",
        "",
        *_markdown_table(group_rows(b, locale)),
    ]
    shares = share_rows(b, locale)
    if shares.rows:
        lines += ["", f"#### {markdown_text(say('rollup.shares.heading', locale))}", ""]
        lines += _markdown_table(shares)
    for f in b.findings:
        severity = say(f"cli.severity.{f.severity.value}", locale)
        lines += ["", markdown_text(f"{severity}: {f.message(locale)} [{f.code}]")]
    return "\n".join(lines) + "\n"
