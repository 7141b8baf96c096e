"""The subcommands: each reads its arguments, calls the library and returns a report.

A command returns ``(title, blocks, data, failed)``: ``failed`` is true when an
error-severity finding or violation exists (``--strict`` turns it into exit code 1).

Each command imports the library layers it uses when it runs (the command line is the
top layer, so nothing imports it back): ``dtbd --help`` and ``dtbd catalog`` do not
pay for the progress engine, the rules or the example generator.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtbd.cli._budget import run_budget
from dtbd.cli._draft import run_draft
from dtbd.cli._form import run_form
from dtbd.cli._parser import DEMO_AS_OF, DEMO_IDS
from dtbd.cli._report import run_report
from dtbd.cli._text import Block, Heading, Paragraph, Table
from dtbd.cli._validate import run_validate
from dtbd.words import say

if TYPE_CHECKING:
    from dtbd.cli._input import SchemeSource
    from dtbd.records._records import Records
    from dtbd.results._breakdown import Breakdown

__all__ = ["COMMANDS", "Report"]

Report = tuple[str, list[Block], dict[str, Any], bool]


def _name(source: SchemeSource) -> str:
    document = source.scheme.citation.document
    return f"{document} ({source.name})" if document else source.name


def run_catalog(args: argparse.Namespace) -> Report:
    """``dtbd catalog``: the five built-in schemes."""
    from dtbd import catalog
    from dtbd.cli._reports import catalog_report

    blocks, data = catalog_report(args.locale)
    return say("cli.catalog.title", args.locale, version=catalog.version()), blocks, data, False


def run_show(args: argparse.Namespace) -> Report:
    """``dtbd show ID|FILE``: a scheme's citation, targets, budget and rules."""
    from dtbd.cli._input import resolve
    from dtbd.cli._reports import show_report

    source = resolve(args.scheme)
    blocks, data = show_report(source, args.locale)
    return f"{source.scheme.title} ({source.name})", blocks, data, False


def run_audit(args: argparse.Namespace) -> Report:
    """``dtbd audit ID|FILE [--units FILE]``: the plan's own arithmetic, shares' units too."""
    from dtbd.auditing._audit import audit
    from dtbd.cli._input import resolve
    from dtbd.cli._reports import audit_report

    source = resolve(args.scheme)
    units = None
    if args.units is not None:
        from dtbd.files._units import load_units

        units = load_units(args.units)
    result = audit(source.scheme, units=units)
    blocks, data = audit_report(source, result, args.locale)
    title = say("cli.audit.title", args.locale, name=_name(source))
    return title, blocks, data, not result.ok


def _records_for(args: argparse.Namespace, source: SchemeSource) -> tuple[Records, dict[str, Any]]:
    from dtbd import catalog
    from dtbd.cli._input import CliInputError, read
    from dtbd.cli._progress import records_info

    if args.records is not None:
        records = read(args.records)
        return records, records_info(records, "file", args.records)
    actual = catalog.actuals(source.catalog_id) if source.catalog_id else None
    if actual is None:
        raise CliInputError("cli.error.no_actuals", name=source.name)
    return actual, records_info(actual, "actuals")


def _breakdown(
    args: argparse.Namespace, source: SchemeSource, records: Records, as_of: dt.date
) -> Breakdown | None:
    """``--by``: the scheme measured per group, its groups read on ``--on`` (or ``as_of``)."""
    if args.by is None:
        return None
    from dtbd.cli._input import CliInputError, parse_date
    from dtbd.tracking._breakdown import breakdown

    on = parse_date(args.on) if args.on is not None else None
    units = None
    if args.by in {"unit", "unit_level"}:
        if args.units is None:
            raise CliInputError("cli.error.by_units", by=args.by)
        from dtbd.files._units import load_units

        units = load_units(args.units)
    levels = None if args.levels is None else [v.strip() for v in args.levels.split(",")]
    return breakdown(source.scheme, records, as_of, args.by, units=units, on=on, levels=levels)


def run_progress(args: argparse.Namespace) -> Report:
    """``dtbd progress ID|FILE``: every target against records or the reported actuals."""
    from dtbd.cli._input import latest_date, parse_date, resolve
    from dtbd.cli._progress import progress_report, with_findings
    from dtbd.figures._format import format_date
    from dtbd.tracking._run import evaluate

    if len(args.scheme) > 1:
        from dtbd.cli._progress_several import run_progress_several

        return run_progress_several(args)
    source = resolve(args.scheme[0])
    # A bad --as-of is reported before anything is read: it is the cheaper mistake to fix.
    given = parse_date(args.as_of) if args.as_of is not None else None
    records, info = _records_for(args, source)
    as_of: dt.date
    if given is not None:
        as_of, origin = given, "option"
    else:
        latest = latest_date(records)
        as_of, origin = (
            (latest, "latest_record") if latest else (source.scheme.period.end, "period_end")
        )
    result = _breakdown(args, source, records, as_of)
    evaluation = evaluate(source.scheme, records, as_of) if result is None else result.total
    blocks, data = progress_report(source, evaluation, info, origin, args.locale)
    blocks, data = with_findings(blocks, data, evaluation, args.locale)
    if result is not None:
        from dtbd.cli._breakdown import breakdown_report

        more, data["breakdown"] = breakdown_report(result, args.locale)
        blocks = [*blocks, *more]
    date = format_date(as_of, args.locale)
    return (
        say("cli.progress.title", args.locale, date=date, name=_name(source)),
        blocks,
        data,
        False,
    )


def run_check(args: argparse.Namespace) -> Report:
    """``dtbd check ID|FILE … --records PATH``: one or several schemes' rules over the records."""
    from dtbd.cli._input import read, resolve
    from dtbd.cli._progress import records_info
    from dtbd.cli._reports import check_report
    from dtbd.rules._check import check

    if len(args.scheme) > 1:
        from dtbd.cli._check_several import run_check_several

        return run_check_several(args)
    source = resolve(args.scheme[0])
    records = read(args.records)
    violations = check(source.scheme, records)
    info = records_info(records, "file", args.records)
    blocks, data = check_report(source, violations, info, args.locale)
    failed = data["summary"]["errors"] > 0
    return say("cli.check.title", args.locale, name=_name(source)), blocks, data, failed


def _refuse_to_overwrite(out: Path, *, force: bool) -> None:
    """Stop before writing when ``out`` already holds a file ``dtbd example`` writes."""
    from dtbd.cli._input import CliInputError
    from dtbd.records._dicts import TABLES

    if force or not out.is_dir():
        return
    names = [*(f"{name}.csv" for name in TABLES), "units.toml"]
    existing = [name for name in names if (out / name).exists()]
    if existing:
        raise CliInputError("cli.error.out_exists", out=out, files=", ".join(existing))


def run_example(args: argparse.Namespace) -> Report:
    """``dtbd example ID --out DIR``: the example records written as CSV files.

    Files of the same names already in ``DIR`` are refused unless ``--force`` is given.
    """
    from dtbd.cli._input import parse_date, resolve
    from dtbd.cli._progress import records_info
    from dtbd.examples._records import example_records, write_records_csv

    source = resolve(args.scheme)
    as_of = parse_date(args.as_of) if args.as_of is not None else None
    out = Path(args.out)
    _refuse_to_overwrite(out, force=args.force)
    from dtbd.examples._units import example_units
    from dtbd.files._units import save_units

    records = example_records(source.scheme, seed=args.seed, as_of=as_of, scale=args.scale)
    written = write_records_csv(records, out)
    sizes = records_info(records, "example")
    files = {name: {"path": str(path), "rows": sizes[name]} for name, path in written.items()}
    # the units the example persons work in, for `dtbd progress … --by unit --units`
    units = example_units()
    save_units(units, out / "units.toml")
    files["units"] = {"path": str(out / "units.toml"), "rows": len(units)}
    rows = tuple((name, str(f["path"]), str(f["rows"])) for name, f in files.items())
    headers = tuple(say(c, args.locale) for c in ("cli.col.table", "cli.col.file", "cli.col.rows"))
    intro = say("cli.example.intro", args.locale, seed=args.seed, name=source.name, out=args.out)
    blocks: list[Block] = [Paragraph(intro), Table(headers, rows, right=frozenset({2}))]
    data = {
        "scheme": source.scheme.id,
        "source": source.name,
        "seed": args.seed,
        "as_of": as_of.isoformat() if as_of else None,
        "scale": args.scale,
        "synthetic": True,
        "directory": str(args.out),
        "files": files,
    }
    return say("cli.example.title", args.locale, name=source.name), blocks, data, False


def _demo_one(
    scheme_id: str, as_of: dt.date, seed: int, locale: str
) -> tuple[list[Block], dict[str, Any], bool]:
    from dtbd.auditing._audit import audit
    from dtbd.cli._input import resolve
    from dtbd.cli._progress import progress_report, records_info, with_findings
    from dtbd.cli._reports import audit_report, check_report
    from dtbd.examples._records import example_records
    from dtbd.rules._check import check
    from dtbd.tracking._run import evaluate

    source = resolve(scheme_id)
    scheme = source.scheme
    result = audit(scheme)
    records = example_records(scheme, seed=seed, as_of=as_of)
    info = records_info(records, "example")
    evaluation = evaluate(scheme, records, as_of)
    violations = check(scheme, records)
    audit_blocks, audit_data = audit_report(source, result, locale)
    progress_blocks, progress_data = with_findings(
        *progress_report(source, evaluation, info, "option", locale), evaluation, locale
    )
    check_blocks, check_data = check_report(source, violations, info, locale)
    title = say(
        "cli.demo.scheme",
        locale,
        document=scheme.citation.document or scheme.id,
        title=scheme.title,
    )
    blocks: list[Block] = [
        Heading(title, 2),
        Heading(say("cli.demo.audit", locale), 3),
        *audit_blocks,
        Heading(say("cli.demo.progress", locale), 3),
        *progress_blocks,
        Heading(say("cli.demo.check", locale), 3),
        *check_blocks,
    ]
    data = {
        "scheme": scheme.id,
        "audit": audit_data,
        "progress": progress_data,
        "check": check_data,
    }
    failed = not result.ok or check_data["summary"]["errors"] > 0
    return blocks, data, failed


def _demo_rollup(
    scheme_id: str, as_of: dt.date, seed: int, locale: str
) -> tuple[list[Block], dict[str, Any]]:
    """A short roll-up by unit: the province and its departments against example shares.

    Only the first target given shares is measured, and only two levels are shown (each
    still rolled up over its subtree), so the roll-up costs a fraction of the demo.
    """
    import attrs

    from dtbd.cli._breakdown import breakdown_report
    from dtbd.cli._input import resolve
    from dtbd.examples._records import example_records
    from dtbd.examples._units import example_assigned, example_units
    from dtbd.tracking._breakdown import breakdown

    scheme = resolve(scheme_id).scheme
    shared = example_assigned(scheme)
    target = next((t for t in shared.targets if t.assigned), None)
    if target is None:
        return [], {}
    one = attrs.evolve(shared, targets=(attrs.evolve(target, parts=()),), budget=None, rules=())
    records = example_records(scheme, seed=seed, as_of=as_of)
    result = breakdown(
        one, records, as_of, "unit", units=example_units(), levels=("province", "department")
    )
    blocks, data = breakdown_report(result, locale)
    intro = say("cli.demo.rollup.intro", locale, label=target.label)
    heading = Heading(say("cli.demo.rollup", locale), 2)
    return [heading, Paragraph(intro), *blocks], {"scheme": scheme.id, **data}


def run_demo(args: argparse.Namespace) -> Report:
    """``dtbd demo``: audit, progress and rule check of two plans on example records."""
    from dtbd import catalog
    from dtbd.cli._input import parse_date
    from dtbd.figures._format import format_date

    as_of: dt.date = parse_date(args.as_of) if args.as_of is not None else DEMO_AS_OF
    date = format_date(as_of, args.locale)
    blocks: list[Block] = [
        Paragraph(say("cli.demo.intro", args.locale, date=date, seed=args.seed))
    ]
    parts, failed = [], False
    for scheme_id in args.schemes or DEMO_IDS:
        more, data, bad = _demo_one(scheme_id, as_of, args.seed, args.locale)
        blocks += more
        parts.append(data)
        failed = failed or bad
    rolled, rollup = _demo_rollup((args.schemes or DEMO_IDS)[0], as_of, args.seed, args.locale)
    blocks += rolled
    data = {
        "as_of": as_of.isoformat(),
        "seed": args.seed,
        "synthetic": True,
        "catalog_version": catalog.version(),
        "schemes": parts,
        "rollup": rollup,
    }
    return say("cli.demo.title", args.locale), [*blocks, *_next_steps(args.locale)], data, failed


def _next_steps(locale: str) -> list[Block]:
    """What to try after the demo: the other language, JSON, the example files, the help."""
    other = "en" if locale == "vi" else "vi"
    scheme, folder = DEMO_IDS[0], say("cli.demo.next.dir", locale)
    rows = (
        (f"dtbd demo --locale {other}", "locale"),
        ("dtbd demo --format json", "json"),
        (f"dtbd example {scheme} --out {folder}", "example"),
        (f"dtbd progress {scheme} --records {folder}", "progress"),
        ("dtbd help", "help"),
    )
    headers = (say("cli.col.command", locale), say("cli.col.what", locale))
    table = Table(headers, tuple((c, say(f"cli.demo.next.{key}", locale)) for c, key in rows))
    return [Heading(say("cli.demo.next", locale), 2), table]


def run_help(args: argparse.Namespace) -> Report:
    """``dtbd help [TOPIC]``: the list of documentation topics, or one page."""
    from dtbd.cli._help import run_help as help_report

    return help_report(args)


COMMANDS = {
    "catalog": run_catalog,
    "show": run_show,
    "audit": run_audit,
    "progress": run_progress,
    "check": run_check,
    "budget": run_budget,
    "report": run_report,
    "validate": run_validate,
    "example": run_example,
    "demo": run_demo,
    "help": run_help,
    "draft": run_draft,
    "form": run_form,
}
"""Each subcommand's function, by name."""
