"""``progress --by``: a table of every target per group and year, and its JSON."""

from __future__ import annotations

from typing import Any

from dtbd.cli._text import Block, Heading, Paragraph, Table
from dtbd.display._breakdown import dimension_label
from dtbd.display._rollup import RollupTable, group_rows, share_rows
from dtbd.figures._format import format_date
from dtbd.results._breakdown import Breakdown, BreakdownGroup, UnitShare
from dtbd.tracking._groups import COURSE_SIDE
from dtbd.words import say

__all__ = ["breakdown_report"]


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
        "shares": [_share_data(s) for s in group.shares],
    }


def _share_data(share: UnitShare) -> dict[str, Any]:
    """A share's numbers as :meth:`UnitShare.to_dict` writes them, without the full progress."""
    data = share.to_dict()
    p = share.progress
    data["share_of_low"] = None if p.share_of_low is None else str(p.share_of_low)
    del data["progress"]
    return data


def _table(t: RollupTable, widths: tuple[int | None, ...]) -> Table:
    return Table(t.headers, t.rows, right=t.numbers, widths=widths)


def breakdown_report(result: Breakdown, locale: str) -> tuple[list[Block], dict[str, Any]]:
    """A row per group and target: the window's number, then each year's own number.

    By unit, a second table gives each unit's progress against its shares, then the
    shares no unit shows.
    """
    table = _table(group_rows(result, locale), (24, 30))
    by = dimension_label(result.by, locale)
    date = format_date(result.on, locale)
    rule = "cli.breakdown.rule.courses" if result.by in COURSE_SIDE else "cli.breakdown.rule"
    blocks: list[Block] = [
        Heading(say("cli.breakdown.heading", locale, by=by, date=date)),
        table,
        Paragraph(say(rule, locale)),
    ]
    shares = share_rows(result, locale)
    if shares.rows:
        blocks += [Heading(say("rollup.shares.heading", locale), 3), _table(shares, (24, 30))]
    blocks += [
        Paragraph(
            f"{say(f'cli.severity.{f.severity.value}', locale)}: {f.message(locale)} [{f.code}]"
        )
        for f in result.findings
    ]
    data = {
        "by": result.by,
        "on": result.on.isoformat(),
        "groups": [_group_data(g) for g in result.groups],
        "shares": [_share_data(s) for s in result.shares],
        "findings": [f.to_dict() for f in result.findings],
    }
    return blocks, data
