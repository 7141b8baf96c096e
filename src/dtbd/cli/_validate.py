"""``dtbd validate PATH [--scheme ID|FILE] [--as-of DATE]``: the rules on units' reports.

The records' ``submissions`` table (docs/submissions.md) is checked by
:func:`dtbd.validate_submissions`; a table lists each failed comparison, JSON gives every
violation's dict. The library loads when the command runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dtbd.cli._text import Block, Paragraph, Table
from dtbd.words import say

if TYPE_CHECKING:
    import argparse

    from dtbd.results._validation import Validation

__all__ = ["run_validate", "validation_report"]


def validation_report(
    result: Validation, path: str, locale: str
) -> tuple[list[Block], dict[str, Any]]:
    """The violations as a table and a sentence each; the data as ``Validation.to_dict``."""
    from dtbd.cli._format import short_date
    from dtbd.cli._reports import SEVERITY_TONES

    blocks: list[Block] = [Paragraph(say("cli.validate.intro", locale, rows=result.rows))]
    if not result.rows:
        blocks = [Paragraph(say("cli.validate.no_rows", locale, path=path))]
    elif not result.violations:
        blocks.append(Paragraph(say("cli.check.none", locale)))
    else:
        heads = ("unit", "period", "rule", "left", "operator", "right", "rows")
        rows = tuple(
            (
                v.unit,
                f"{short_date(v.start, locale)}–{short_date(v.end, locale)}",
                v.rule,
                f"{v.left_cells} = {v.left}",
                v.operator.value,
                f"{v.right_cells} = {v.right}",
                ", ".join(map(str, v.rows)),
            )
            for v in result.violations
        )
        blocks.append(
            Table(
                tuple(say(f"cli.validate.column.{h}", locale) for h in heads),
                rows,
                tones=tuple(SEVERITY_TONES.get(v.importance.value) for v in result.violations),
                toned=2,
            )
        )
        blocks += [Paragraph(f"[{v.rule}] {v.message(locale)}") for v in result.violations]
    return blocks, {"path": path, **result.to_dict()}


def run_validate(args: argparse.Namespace) -> tuple[str, list[Block], dict[str, Any], bool]:
    """Read the records at ``args.records`` and run the validation rules on their reports."""
    from dtbd.auditing._validate import validate_submissions
    from dtbd.cli._input import parse_date, read, resolve

    as_of = parse_date(args.as_of) if args.as_of is not None else None
    scheme = resolve(args.scheme).scheme if args.scheme is not None else None
    records = read(args.records)
    result = validate_submissions(records, scheme, as_of=as_of)
    blocks, data = validation_report(result, args.records, args.locale)
    title = say("cli.validate.title", args.locale, path=args.records)
    return title, blocks, data, not result.ok
