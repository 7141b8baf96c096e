"""``dtbd progress A B … --records DIR``: several schemes over the same records, in one pass."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from dtbd.cli._check_several import unique_sources
from dtbd.cli._input import CliInputError, SchemeSource, latest_date, parse_date, read
from dtbd.cli._progress import progress_report, records_info, with_findings
from dtbd.cli._text import Block, Heading, Paragraph
from dtbd.figures._format import format_date
from dtbd.tracking._run import evaluate
from dtbd.words import say

__all__ = ["run_progress_several"]


def _label(source: SchemeSource) -> str:
    document = source.scheme.citation.document
    return f"{document} ({source.name})" if document else source.name


def run_progress_several(
    args: argparse.Namespace,
) -> tuple[str, list[Block], dict[str, Any], bool]:
    """Each scheme's progress table over the one set of ``--records``, as of one date.

    The date is ``--as-of``, else the latest date in the records, else the latest end of
    the schemes' periods. ``--records`` is required (each catalog entry's reported actuals
    are its own, not shared records) and ``--by`` is not taken with several schemes.
    """
    locale = args.locale
    sources = unique_sources(args.scheme)
    given = parse_date(args.as_of) if args.as_of is not None else None
    if args.records is None:
        raise CliInputError("cli.error.several_records", count=len(sources))
    if args.by is not None:
        raise CliInputError("cli.error.several_by", by=args.by)
    records = read(args.records)
    info = records_info(records, "file", args.records)
    as_of: dt.date
    if given is not None:
        as_of, origin = given, "option"
    elif (latest := latest_date(records)) is not None:
        as_of, origin = latest, "latest_record"
    else:
        as_of, origin = max(s.scheme.period.end for s in sources), "period_end"
    evaluations = evaluate([s.scheme for s in sources], records, as_of)
    count = len(sources)
    blocks: list[Block] = [Paragraph(say("cli.progress.several", locale, count=count))]
    parts = []
    for source in sources:
        evaluation = evaluations[source.scheme.id]
        more, data = with_findings(
            *progress_report(source, evaluation, info, origin, locale), evaluation, locale
        )
        blocks += [Heading(_label(source), 2), *more]
        parts.append(data)
    data = {
        "as_of": as_of.isoformat(),
        "as_of_from": origin,
        "records": info,
        "schemes": parts,
    }
    names = ", ".join(s.name for s in sources)
    date = format_date(as_of, locale)
    title = say("cli.progress.title.several", locale, date=date, count=count, names=names)
    return title, blocks, data, False
