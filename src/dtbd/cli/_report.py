"""``dtbd report ID|FILE --records DIR --out FILE``: a scheme's progress report as a document."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from dtbd.cli._input import CliInputError, latest_date, parse_date, read, resolve
from dtbd.cli._progress import records_info
from dtbd.cli._text import Block, Paragraph, Table
from dtbd.words import say

__all__ = ["run_report"]


def run_report(args: argparse.Namespace) -> tuple[str, list[Block], dict[str, Any], bool]:
    """Write the report to ``--out`` (its suffix names the format) and say what was written.

    The date is ``--as-of``, else the latest date in the records, else the scheme's end.
    """
    from dtbd.documents._report import REPORT_FORMATS, progress_report

    out = Path(args.out)
    kind = REPORT_FORMATS.get(out.suffix.lower())
    if kind is None:
        raise CliInputError(
            "cli.error.report_suffix", path=args.out, known=", ".join(REPORT_FORMATS)
        )
    if not out.parent.is_dir():
        raise CliInputError("cli.error.report_folder", path=args.out, folder=str(out.parent))
    source = resolve(args.scheme)
    given = parse_date(args.as_of) if args.as_of is not None else None
    records = read(args.records)
    as_of: dt.date = given or latest_date(records) or source.scheme.period.end
    units = None
    if args.units is not None:
        from dtbd.files._units import load_units

        units = load_units(args.units)
    report = progress_report(source.scheme, records, as_of, units=units, source=source.name)
    report.save(out, args.locale)
    made = report.provenance
    data = {
        "scheme": source.scheme.id,
        "source": source.name,
        "as_of": as_of.isoformat(),
        "records": records_info(records, "file", args.records),
        "out": str(out),
        "format": kind,
        "dtbd_version": made.dtbd_version,
        "catalog_version": made.catalog_version,
        "digest": made.digest,
    }
    rows = (
        (say("cli.report.file", args.locale), str(out)),
        (say("cli.report.format", args.locale), kind),
        (say("report.field.digest", args.locale), made.digest),
    )
    headers = (say("report.col.field", args.locale), say("report.col.value", args.locale))
    blocks: list[Block] = [Paragraph(say("cli.report.written", args.locale)), Table(headers, rows)]
    title = say("cli.report.title", args.locale, name=source.name)
    return title, blocks, data, False
