"""``dtbd check A B … --records DIR``: several schemes' rules over the same records.

Each scheme's rules are checked on the courses it covers, and a no-repeat or no-overlap
rule whose ``across`` names another of the schemes also compares each attendance with the
person's courses under that scheme (:func:`dtbd.check` with a list, docs/schemes.md).
"""

from __future__ import annotations

import argparse
from typing import Any

from dtbd.cli._input import CliInputError, SchemeSource, read, resolve
from dtbd.cli._progress import records_info
from dtbd.cli._reports import check_report
from dtbd.cli._text import Block, Heading, Paragraph
from dtbd.rules._check import check
from dtbd.words import say

__all__ = ["run_check_several", "unique_sources"]


def unique_sources(arguments: list[str]) -> list[SchemeSource]:
    """The schemes named on the command line, refused when two are the same scheme."""
    sources = [resolve(argument) for argument in arguments]
    seen: dict[str, SchemeSource] = {}
    for source in sources:
        if (first := seen.setdefault(source.scheme.id, source)) is not source:
            raise CliInputError(
                "cli.error.same_scheme", first=first.name, second=source.name, id=source.scheme.id
            )
    return sources


def _label(source: SchemeSource) -> str:
    document = source.scheme.citation.document
    return f"{document} ({source.name})" if document else source.name


def run_check_several(
    args: argparse.Namespace,
) -> tuple[str, list[Block], dict[str, Any], bool]:
    """Each scheme's violations, under its own heading; the summary adds them all up."""
    locale = args.locale
    sources = unique_sources(args.scheme)
    records = read(args.records)
    info = records_info(records, "file", args.records)
    violations = check([s.scheme for s in sources], records)
    count = len(sources)
    blocks: list[Block] = [Paragraph(say("cli.check.several", locale, count=count))]
    parts = []
    for source in sources:
        own = tuple(v for v in violations if v.scheme == source.scheme.id)
        more, data = check_report(source, own, info, locale)
        blocks += [Heading(_label(source), 2), *more]
        parts.append(data)
    summary = {
        key: sum(part["summary"][key] for part in parts)
        for key in ("errors", "warnings", "infos", "missing_data")
    }
    data = {"records": info, "summary": summary, "schemes": parts}
    names = ", ".join(s.name for s in sources)
    title = say("cli.check.title.several", locale, count=count, names=names)
    return title, blocks, data, summary["errors"] > 0
