"""The ``dtbd`` command line: a thin shell over the library (see docs/cli.md).

>>> main(["catalog", "--format", "json"])  # doctest: +ELLIPSIS
{
  "catalog_version": "...",
  "schemes": [
...
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from dtbd import catalog
from dtbd._errors import DtbdError, SchemeFileError
from dtbd.catalog import UnknownSchemeError
from dtbd.cli._commands import COMMANDS, DEMO_AS_OF, DEMO_IDS, DEMO_SEED, Report
from dtbd.cli._text import Heading, render_markdown, render_text
from dtbd.figures._format import LOCALES

__all__ = ["EXIT_BAD_INPUT", "EXIT_FOUND_ERRORS", "EXIT_OK", "main"]

EXIT_OK = 0
"""Everything ran; with ``--strict``, nothing of error severity was found."""
EXIT_FOUND_ERRORS = 1
"""``--strict`` and an error-severity finding or rule violation exists."""
EXIT_BAD_INPUT = 2
"""Bad input: unknown id, unreadable or malformed file or records, bad date or option."""

_SCHEME_HELP = "a catalog id (see `dtbd catalog`) or a scheme file (.toml, .json, .yaml)"
_DATE_HELP = "a date: 2025-12-31, 31/12/2025, 31-12-2025 or 'ngày 31 tháng 12 năm 2025'"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--locale", choices=LOCALES, default="vi", help="language (default vi)")
    common.add_argument(
        "--format",
        choices=("table", "json", "markdown"),
        default="table",
        help="table for a terminal (default), json for programs, markdown for reports",
    )
    strict = argparse.ArgumentParser(add_help=False)
    strict.add_argument(
        "--strict", action="store_true", help="exit 1 when an error-severity result exists"
    )
    parser = argparse.ArgumentParser(
        prog="dtbd",
        description="Training schemes of Vietnam's public servants: catalog, plan audit, "
        "progress, rule checks.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("catalog", parents=[common], help="list the built-in schemes")
    for name, help_text, parents in (
        ("show", "a scheme's targets, budget and rules", [common]),
        ("audit", "check the plan's own arithmetic", [common, strict]),
        ("progress", "measure every target against records", [common]),
        ("check", "check records against the scheme's rules", [common, strict]),
        ("example", "write example records as CSV files", [common]),
    ):
        command = sub.add_parser(name, parents=parents, help=help_text)
        command.add_argument("scheme", metavar="ID|FILE", help=_SCHEME_HELP)
        if name in {"progress", "check"}:
            command.add_argument(
                "--records",
                required=name == "check",
                metavar="PATH",
                help="a folder of persons/courses/attendances/spending.csv, or one such file",
            )
        if name in {"progress", "example"}:
            command.add_argument("--as-of", metavar="DATE", help=_DATE_HELP)
        if name == "example":
            command.add_argument("--out", required=True, metavar="DIR", help="folder to write")
            command.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
            command.add_argument("--scale", type=float, default=1.0, help="size (default 1)")
    demo = sub.add_parser("demo", parents=[common, strict], help="the main job on example data")
    demo.add_argument(
        "schemes", nargs="*", metavar="ID", help=f"schemes (default {' '.join(DEMO_IDS)})"
    )
    demo.add_argument("--as-of", metavar="DATE", help=f"{_DATE_HELP} (default {DEMO_AS_OF})")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, help="random seed (default 0)")
    return parser


def _explain(error: DtbdError | OSError) -> str:
    if isinstance(error, OSError):
        where = error.filename if error.filename is not None else "a file"
        return (
            f"cannot use {where}: {error.strerror or error}. Check that the path exists "
            "and can be read (or, for --out, written), or give a catalog id "
            f"({', '.join(catalog.ids())})."
        )
    if isinstance(error, UnknownSchemeError):
        return (
            f"{error}. Run `dtbd catalog` to see them, or give the path of a scheme file "
            "(.toml, .json or .yaml)."
        )
    if isinstance(error, SchemeFileError):
        return (
            f"{error}\nFix each field named above and run again; `dtbd show ID --format "
            "json` prints a correct scheme file to start from."
        )
    return str(error)


def _render(report: Report, output: str) -> str:
    title, blocks, data, _failed = report
    if output == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    document = [Heading(title, 1), *blocks]
    return render_markdown(document) if output == "markdown" else render_text(document)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``dtbd`` with ``argv`` (default: the process's arguments); return the exit code.

    Bad input (an unknown id, an unreadable or malformed file, a bad date) is reported
    on stderr in one paragraph naming the file, path or row and the fix, with exit
    code 2; anything else that goes wrong is a bug and raises.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage and the problem
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    try:
        report = COMMANDS[args.command](args)
        sys.stdout.write(_render(report, args.format))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (DtbdError, OSError) as error:
        sys.stderr.write(f"dtbd: error: {_explain(error)}\n")
        return EXIT_BAD_INPUT
    failed = report[3]
    return EXIT_FOUND_ERRORS if getattr(args, "strict", False) and failed else EXIT_OK
