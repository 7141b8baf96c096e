"""``dtbd form``: the statistics forms dtbd ships, and one filled from records.

``dtbd form --list`` lists them; ``dtbd form 10-BTCTW --records DIR --unit U --year 2024
[--units FILE] [--out FILE.xlsx|.md|.html]`` fills one (docs/forms.md) and writes it, or
shows its rows when there is no ``--out``. The library loads when the command runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dtbd.cli._text import Block, Paragraph, Table
from dtbd.words import say

if TYPE_CHECKING:
    import argparse

    from dtbd.forms._fill import FilledForm
    from dtbd.model._period import Period

__all__ = ["form_options", "run_form"]


def form_options(command: argparse.ArgumentParser, text: Callable[..., str]) -> None:
    """Add the arguments of ``dtbd form``."""
    command.add_argument(
        "code", nargs="?", metavar=text("metavar.form"), help=text("help.form.code")
    )
    command.add_argument("--list", action="store_true", help=text("help.form.list"))
    command.add_argument("--records", metavar=text("metavar.path"), help=text("help.records"))
    command.add_argument("--unit", metavar=text("metavar.id"), help=text("help.form.unit"))
    command.add_argument("--year", type=int, metavar="N", help=text("help.form.year"))
    command.add_argument("--reporting-year", action="store_true",
                         help=text("help.form.reporting_year"))  # fmt: skip
    command.add_argument("--from", dest="start", metavar=text("metavar.date"),
                         help=text("help.form.from"))  # fmt: skip
    command.add_argument("--to", dest="end", metavar=text("metavar.date"),
                         help=text("help.form.to"))  # fmt: skip
    command.add_argument("--units", metavar=text("metavar.file"), help=text("help.units.form"))
    command.add_argument("--recipient", metavar=text("metavar.text"),
                         help=text("help.form.recipient"))  # fmt: skip
    command.add_argument("--received", metavar=text("metavar.text"),
                         help=text("help.form.received"))  # fmt: skip
    command.add_argument("--out", metavar=text("metavar.file"), help=text("help.form.out"))


def _list(locale: str) -> tuple[str, list[Block], dict[str, Any], bool]:
    from dtbd.forms._form import form_codes, load_form

    forms = [load_form(code) for code in form_codes()]
    heads = tuple(say(f"cli.form.column.{k}", locale) for k in ("code", "valid", "source"))
    rows = tuple(
        (
            f.code,
            f"{f.valid_from or '…'} – {f.valid_until or '…'}",
            f.source + (f" — {f.note}" if f.note else ""),
        )
        for f in forms
    )
    data = {
        "forms": [
            {"code": f.code,
             "valid_from": f.valid_from.isoformat() if f.valid_from else None,
             "valid_until": f.valid_until.isoformat() if f.valid_until else None,
             "source": f.source,
             "note": f.note or None}
            for f in forms
        ]
    }  # fmt: skip
    return say("cli.form.list.title", locale), [Table(heads, rows)], data, False


def _period(args: argparse.Namespace) -> Period | None:
    from dtbd.cli._input import CliInputError, parse_date
    from dtbd.model._period import Period

    if args.reporting_year:
        if args.year is None or args.start is not None or args.end is not None:
            raise CliInputError("cli.error.form_reporting_year")
        return Period.reporting_year(args.year)
    if args.start is None and args.end is None:
        return None
    if args.start is None or args.end is None or args.year is not None:
        raise CliInputError("cli.error.form_period")
    return Period(parse_date(args.start, option="--from"), parse_date(args.end, option="--to"))


def _filled(args: argparse.Namespace) -> FilledForm:
    from dtbd.cli._input import CliInputError, read
    from dtbd.forms._fill import fill_form
    from dtbd.forms._form import form_codes, form_for, load_form

    missing = [o for o, v in (("--records", args.records), ("--unit", args.unit)) if v is None]
    period = _period(args)
    if period is None and args.year is None:
        missing.append("--year")
    if missing:
        raise CliInputError("cli.error.form_needs", options=", ".join(missing))
    try:
        load_form(args.code)
    except KeyError:
        raise CliInputError(
            "cli.error.form_unknown", code=args.code, codes=", ".join(form_codes())
        ) from None
    start = period.start if period is not None else _first_day(args.year)
    try:
        form = form_for(args.code, start)
    except KeyError:
        raise CliInputError("cli.error.form_not_in_force", code=args.code, date=start) from None
    units = None
    if args.units is not None:
        from dtbd.files._units import load_units

        units = load_units(args.units)
    records = read(args.records)
    year = None if period is not None else args.year
    return fill_form(
        form, records, unit=args.unit, year=year, period=period, units=units,
        recipient=args.recipient, received=args.received,
    )  # fmt: skip


def _first_day(year: int) -> dt.date:
    return dt.date(year, 1, 1)


def _rows(filled: FilledForm, locale: str) -> Table:
    from dtbd.figures._format import format_number

    form = filled.form
    labels = (form.tt_header, form.label_header, form.code_header)[: len(form.label_numbers)]
    heads = (*labels, *(form.heading(c) for c in form.columns))
    rows = tuple(
        (
            row.tt if row.tt_rows == 1 else "",
            "  " * row.indent + row.label,
            *(row.code for _ in labels[2:]),
            *(
                "" if row.caption else format_number(filled.cell(row.code, c.number), locale)
                for c in form.columns
            ),
        )
        for row in form.rows
    )
    widths = (8, 40, 6)[: len(labels)]
    return Table(heads, rows, right=frozenset(range(len(labels), len(heads))), widths=widths)


def run_form(args: argparse.Namespace) -> tuple[str, list[Block], dict[str, Any], bool]:
    """``dtbd form``: the list of forms, or one filled from records and written."""
    from dtbd.cli._input import CliInputError
    from dtbd.forms._layout import provenance, title

    locale = args.locale
    if args.list or args.code is None:
        if args.code is not None:
            raise CliInputError("cli.error.form_list_and_code")
        return _list(locale)
    filled = _filled(args)
    blocks: list[Block] = [
        Paragraph(
            say("cli.form.counted", locale, counted=filled.counted, reported=filled.reported,
                unclassified=filled.unclassified_count)
        )
    ]  # fmt: skip
    if filled.form.note:
        blocks.insert(0, Paragraph(filled.form.note))
    if args.out is not None:
        from dtbd.forms._text import write_form

        path = write_form(filled, args.out, locale)
        blocks.append(Paragraph(say("cli.form.written", locale, path=str(path))))
    else:
        blocks.append(_rows(filled, locale))
    if filled.unclassified:
        from dtbd.cli._input import SHOWN_PROBLEMS

        heads = tuple(say(f"forms.unclassified.{k}", locale) for k in ("kind", "id", "reason"))
        shown = filled.unclassified[:SHOWN_PROBLEMS]
        rows = tuple(
            (say(f"forms.kind.{u.kind}", locale), u.id, u.reason_in(locale)) for u in shown
        )
        blocks.append(Table(heads, rows, widths=(10, 24, None)))
        if (more := filled.unclassified_count - len(shown)) > 0:
            blocks.append(Paragraph(say("cli.form.more", locale, count=more)))
    blocks.append(Paragraph(provenance(filled)))
    data = {
        "form": filled.form.code,
        "unit": filled.unit,
        "period": {"start": filled.period.start.isoformat(), "end": filled.period.end.isoformat()},
        "cells": {row: {str(c): n for c, n in line.items()} for row, line in filled.cells.items()},
        "counted": filled.counted,
        "reported": filled.reported,
        "unclassified": [
            {
                "kind": u.kind,
                "id": u.id,
                "reason": u.reason_in(locale),
                "reasons": {"vi": u.reason_in("vi"), "en": u.reason},
            }
            for u in filled.unclassified
        ],
        "digest": filled.digest,
        "note": filled.form.note or None,
        "header": dict(filled.header),
        "out": args.out,
    }
    heading = f"{filled.form.code}: {title(filled)} — {filled.unit_name}"
    return heading, blocks, data, False
