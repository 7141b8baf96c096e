"""``progress --by``: a table of every target per group and year, and its JSON."""

from __future__ import annotations

from typing import Any

from dtbd.cli._text import Block, Heading, Paragraph, Table
from dtbd.display._breakdown import dimension_label, group_label
from dtbd.display._numbers import shown_count
from dtbd.figures._format import format_date
from dtbd.results._breakdown import Breakdown, BreakdownGroup
from dtbd.results._progress import Progress
from dtbd.tracking._groups import COURSE_SIDE
from dtbd.words import say

__all__ = ["breakdown_report"]


def _cells(p: Progress, years: tuple[int, ...], locale: str) -> tuple[str, ...]:
    none = say("cli.none", locale)
    own = {y.year: y.achieved for y in p.yearly}
    return (
        shown_count(p.achieved, p.unit, locale, none=none),
        *(shown_count(own[y], p.unit, locale, none=none) if y in own else none for y in years),
    )


def _group_data(group: BreakdownGroup) -> dict[str, Any]:
    return {
        "key": group.key,
        "name": group.name,
        "level": group.level,
        "parent": group.parent,
        "depth": group.depth,
        "targets": {
            target_id: {
                "achieved": None if p.achieved is None else str(p.achieved),
                "numerator": str(p.numerator),
                "denominator": None if p.denominator is None else str(p.denominator),
                "yearly": [
                    {
                        "year": y.year,
                        "achieved": None if y.achieved is None else str(y.achieved),
                        "cumulative": None if y.cumulative is None else str(y.cumulative),
                    }
                    for y in p.yearly
                ],
            }
            for target_id, p in group.evaluation.targets.items()
        },
    }


def breakdown_report(result: Breakdown, locale: str) -> tuple[list[Block], dict[str, Any]]:
    """A row per group and target: the window's number, then each year's own number."""
    years = tuple(sorted({y.year for p in result.total.targets.values() for y in p.yearly}))
    rows: list[tuple[str, ...]] = []
    for group in result.groups:
        name = f"{'  ' * group.depth}{group_label(result.by, group, locale)}"
        for index, p in enumerate(group.evaluation.targets.values()):
            rows.append((name if index == 0 else "", p.label, *_cells(p, years, locale)))
    heads = (
        say("cli.col.group", locale),
        say("cli.col.target", locale),
        say("cli.col.achieved", locale),
        *(say("cli.progress.year", locale, year=y) for y in years),
    )
    table = Table(heads, tuple(rows), right=frozenset(range(2, len(heads))), widths=(24, 30))
    by = dimension_label(result.by, locale)
    date = format_date(result.on, locale)
    rule = "cli.breakdown.rule.courses" if result.by in COURSE_SIDE else "cli.breakdown.rule"
    blocks: list[Block] = [
        Heading(say("cli.breakdown.heading", locale, by=by, date=date)),
        table,
        Paragraph(say(rule, locale)),
    ]
    data = {
        "by": result.by,
        "on": result.on.isoformat(),
        "groups": [_group_data(g) for g in result.groups],
    }
    return blocks, data
