"""``dtbd budget SCHEME --records DIR``: the plan's money against the payments."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from dtbd.cli._text import Block, Paragraph, Table
from dtbd.words import say

__all__ = ["run_budget"]


def run_budget(args: argparse.Namespace) -> tuple[str, list[Block], dict[str, Any], bool]:
    """Planned, spent, remaining and the execution rate by line, year, source or unit.

    Answers a ``Report`` of ``dtbd.cli._commands``, which imports this module.
    """
    from dtbd.cli._input import latest_date, parse_date, read, resolve
    from dtbd.cli._progress import records_info
    from dtbd.display._execution import execution_heads, execution_notes, execution_rows
    from dtbd.figures._format import format_date
    from dtbd.tracking._execution import budget_execution

    source = resolve(args.scheme)
    given = parse_date(args.as_of) if args.as_of is not None else None
    records = read(args.records)
    as_of: dt.date = given or latest_date(records) or source.scheme.period.end
    result = budget_execution(source.scheme, records, as_of, args.by)
    heads = execution_heads(result, args.locale)
    table = Table(
        heads,
        tuple(execution_rows(result, args.locale)),
        right=frozenset(range(1, len(heads))),
        widths=(32,),
    )
    blocks: list[Block] = [table, *(Paragraph(n) for n in execution_notes(result, args.locale))]
    if source.scheme.budget is None:
        blocks.insert(0, Paragraph(say("cli.budget.no_budget", args.locale)))
    data = {
        "scheme": source.scheme.id,
        "source": source.name,
        "records": records_info(records, "file", args.records),
        "execution": result.to_dict(),
    }
    document = source.scheme.citation.document
    name = f"{document} ({source.name})" if document else source.name
    title = say("cli.budget.title", args.locale, name=name, date=format_date(as_of, args.locale))
    return title, blocks, data, False
