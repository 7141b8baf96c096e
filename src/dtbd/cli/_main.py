"""The ``dtbd`` command line: a thin shell over the library (see docs/cli.md).

The arguments are parsed before anything of the library is imported: ``dtbd --help``
and a usage error cost argparse and the words only. A command imports its layers when
it runs.

>>> main(["catalog", "--format", "json"])  # doctest: +ELLIPSIS
{
  "catalog_version": "...",
  "schemes": [
...
0
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dtbd.cli._exit import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from dtbd.cli._parser import locale_of, parse
from dtbd.words import say

if TYPE_CHECKING:
    import argparse

    from dtbd._errors import DtbdError
    from dtbd.cli._commands import Report

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "main",
]


def _render(report: Report, args: argparse.Namespace) -> str:
    import json

    from dtbd.cli._terminal import terminal_width, wants_color
    from dtbd.cli._text import Heading, render_html, render_markdown, render_text

    title, blocks, data, _failed = report
    if args.format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    document = [Heading(title, 1), *blocks]
    if args.format == "markdown":
        return render_markdown(document)
    if args.format == "html":
        return render_html(document, lang=args.locale)
    return render_text(
        document,
        width=terminal_width(sys.stdout, os.environ),
        color=wants_color(sys.stdout, os.environ, no_color=args.no_color),
    )


def _run(args: argparse.Namespace) -> int:
    from dtbd._errors import DtbdError
    from dtbd.cli._commands import COMMANDS
    from dtbd.cli._explain import explain

    try:
        report = COMMANDS[args.command](args)
        sys.stdout.write(_render(report, args))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (DtbdError, OSError) as error:
        message = explain(error, args.locale)
        if args.format == "json":
            sys.stdout.write(_error_json(error, message, args.locale))
        sys.stderr.write(say("cli.error", args.locale, message=message))
        sys.stderr.write("\n")
        return EXIT_BAD_INPUT
    failed = report[3]
    return EXIT_FINDINGS if getattr(args, "strict", False) and failed else EXIT_OK


def _error_json(error: DtbdError | OSError, message: str, locale: str) -> str:
    """Bad input as ``--format json`` gives it: the message and every problem with its code."""
    import json

    from dtbd._codes import Problem
    from dtbd._errors import DtbdError as Error

    if isinstance(error, Error):
        problems = [problem.to_dict(locale) for problem in error.readable()]
    else:
        where = () if error.filename is None else (str(error.filename),)
        problem = Problem("file.cannot-open", where, detail=error.strerror or str(error))
        problems = [problem.to_dict(locale)]
    found = {"exit": EXIT_BAD_INPUT, "message": message, "problems": problems}
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"


def _one_line(text: str) -> str:
    """``text`` on one line: an exception's own line breaks become "; "."""
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def _debugging(args: argparse.Namespace | None) -> bool:
    asked = args is not None and getattr(args, "debug", False)
    return asked or os.environ.get("DTBD_DEBUG", "") not in {"", "0"}


def _report_bug(error: BaseException, locale: str, args: argparse.Namespace | None) -> None:
    """Two lines: the error, and what to report; the traceback only when debugging."""
    detail = _one_line(f"{type(error).__name__}: {error}")
    sys.stderr.write(say("cli.error.internal", locale, error=detail) + "\n")
    if _debugging(args):
        import traceback

        traceback.print_exception(error, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``dtbd`` with ``argv`` (default: the process's arguments); return the exit code.

    The codes are distinct (docs/cli.md): :data:`EXIT_OK`; :data:`EXIT_FINDINGS` under
    ``--strict``; :data:`EXIT_USAGE` when argparse refuses the command line;
    :data:`EXIT_BAD_INPUT` for an unknown id, an unreadable or malformed file or
    records, a bad date or files already in ``--out``, reported on stderr in the
    language of ``--locale``, naming the file, path or row and the fix;
    :data:`EXIT_INTERNAL` for anything else, which is a bug: a short message asks to
    report it, and the traceback follows with ``--debug`` or ``DTBD_DEBUG=1``;
    :data:`EXIT_INTERRUPTED` after Ctrl+C, with one line. No input prints a traceback.
    """
    words = sys.argv[1:] if argv is None else list(argv)
    parsed: argparse.Namespace | None = None
    try:
        got = parse(words)
        if isinstance(got, int):
            return got
        parsed = got
        return _run(parsed)
    except KeyboardInterrupt:
        sys.stderr.write(say("cli.error.interrupted", _locale(parsed, words)) + "\n")
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the last resort: a bug becomes exit 4, not a crash
        _report_bug(error, _locale(parsed, words), parsed)
        return EXIT_INTERNAL


def _locale(parsed: argparse.Namespace | None, words: Sequence[str]) -> str:
    """The locale to say a last word in, whatever went wrong before it was known."""
    if parsed is not None:
        return str(parsed.locale)
    try:
        return locale_of(words)
    except Exception:  # noqa: BLE001 - the last word must not fail too
        return "vi"
