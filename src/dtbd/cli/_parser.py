"""The argument parser of ``dtbd``, built in the language of ``--locale``.

The help must be in the language asked, so :func:`locale_of` reads ``--locale`` from the
arguments first and :func:`parse` then builds the parser in that language. The global
options (``--locale``, ``--format``, ``--no-color``, ``--debug``) are accepted before or
after the command: the top-level parser holds their defaults, and each command's copy
has ``default=SUPPRESS``, so that an option absent after the command does not overwrite
the value given before it (or its default). No parser accepts abbreviations.

Only argparse, the standard library and :mod:`dtbd.words` are imported here: ``dtbd
--help`` must not pay for the library's layers.

>>> args = parse(["--locale", "en", "catalog", "--format", "json"])
>>> args.command, args.locale, args.format, args.no_color
('catalog', 'en', 'json', False)
>>> parse(["catalog", "--locale", "en"]).locale
'en'
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import NoReturn

from dtbd._limits import MAX_SCALE
from dtbd._version import __version__
from dtbd.cli._argparse_words import speaking
from dtbd.cli._exit import EXIT_CODES, EXIT_USAGE
from dtbd.words import LOCALES, say

__all__ = ["DEMO_AS_OF", "DEMO_IDS", "DEMO_SEED", "FORMATS", "build", "locale_of", "parse"]

DEMO_IDS = ("hung-yen-171-2023", "qd-1641-2022")
"""The plans ``dtbd demo`` shows: Hưng Yên's 390 unallocated lượt, then 1641's rules."""
DEMO_AS_OF = dt.date(2025, 6, 30)
"""The demo's fixed date, mid-way through the last year of both plans (never the clock)."""
DEMO_SEED = 0
"""The demo's fixed seed for the example records."""
FORMATS = ("table", "json", "markdown", "html")
BREAKDOWNS = (
    "unit", "unit_level", "gender", "minority", "ethnicity", "age", "category", "level",
    "leadership", "position", "qualification", "content", "location", "format", "activity",
    "year",
)  # fmt: skip
"""What ``progress --by`` takes: ``dtbd.BREAKDOWNS``, written out so that parsing loads
no library code (tests/test_breakdown.py holds the two equal)."""
"""The output formats: for a terminal, for programs, for reports."""
BUDGET_BY = ("line", "year", "source", "unit")
"""What ``budget --by`` takes: ``dtbd.EXECUTION_BY``, written out (tests/test_execution.py)."""

_WITH_SCHEME = ("show", "audit", "progress", "check", "example", "budget", "report")


def locale_of(argv: Sequence[str]) -> str:
    """The language asked for with ``--locale`` in ``argv``; "vi" when none is valid.

    The last ``--locale`` wins, as in argparse; ``--`` ends the options.

    >>> locale_of(["catalog", "--locale", "en"]), locale_of(["--locale=en"]), locale_of([])
    ('en', 'en', 'vi')
    """
    found = "vi"
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        value = None
        if argument == "--locale" and index + 1 < len(argv):
            value = argv[index + 1]
        elif argument.startswith("--locale="):
            value = argument.partition("=")[2]
        if value in LOCALES:
            found = value
    return found


def _asks_json(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for ``--format json`` (the last ``--format`` wins)."""
    found = False
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--format" and index + 1 < len(argv):
            found = argv[index + 1] == "json"
        elif argument.startswith("--format="):
            found = argument.partition("=")[2] == "json"
    return found


class _Formatter(argparse.HelpFormatter):
    """argparse's layout, except that a paragraph of several lines (a list) is kept as written.

    A one-line paragraph (a description) is wrapped to the terminal as argparse does;
    examples and the table of exit codes keep their lines, so that a command can be
    copied whole.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            lines = paragraph.splitlines()
            if len(lines) > 1:
                paragraphs.append("\n".join(indent + line for line in lines))
            else:
                paragraphs.append(
                    textwrap.fill(
                        paragraph, width, initial_indent=indent, subsequent_indent=indent
                    )
                )
        return "\n\n".join(paragraphs)


def _examples(key: str, locale: str) -> str:
    lines = say(key, locale).splitlines()
    return f"{say('cli.help.examples', locale)}:\n" + "\n".join(f"  {line}" for line in lines)


def _epilog(locale: str) -> str:
    codes = "\n".join(f"  {code}  {say(key, locale)}" for code, key in EXIT_CODES)
    return "\n\n".join(
        (
            f"{say('cli.exit.title', locale)}:\n{codes}",
            _examples("cli.help.dtbd.examples", locale),
            say("cli.help.more", locale),
        )
    )


def _global_options(parser: argparse.ArgumentParser, locale: str, *, top: bool) -> None:
    """Add the options every command takes; only the top-level parser gives defaults."""
    defaults: dict[str, object] = {"locale": "vi", "format": "table", "flag": False}
    if not top:
        defaults = dict.fromkeys(defaults, argparse.SUPPRESS)
    group = parser.add_argument_group(say("cli.help.global_options", locale))
    group.add_argument(
        "--locale",
        choices=LOCALES,
        default=defaults["locale"],
        help=say("cli.help.locale", locale),
    )
    group.add_argument(
        "--format",
        choices=FORMATS,
        default=defaults["format"],
        help=say("cli.help.format", locale),
    )
    for option, key in (("--no-color", "cli.help.no_color"), ("--debug", "cli.help.debug")):
        group.add_argument(
            option, action="store_true", default=defaults["flag"], help=say(key, locale)
        )


def _scale(locale: str) -> Callable[[str], float]:
    """The type of ``--scale``: a number in (0, MAX_SCALE], refused in ``locale`` otherwise."""

    def scale(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and 0 < value <= MAX_SCALE):
            raise argparse.ArgumentTypeError(
                say("cli.error.scale", locale, value=text, limit=f"{MAX_SCALE:g}")
            )
        return value

    return scale


def _scheme_argument(
    command: argparse.ArgumentParser, name: str, text: Callable[..., str]
) -> None:
    """The ``ID|FILE`` argument of commands that read a scheme; progress and check take more."""
    if name == "progress":
        # Several schemes are measured over the same records in one pass.
        command.add_argument(
            "scheme", nargs="+", metavar=text("metavar.scheme"), help=text("help.scheme.progress")
        )
    elif name == "check":
        # Several schemes are checked together, rules looking across them.
        command.add_argument(
            "scheme", nargs="+", metavar=text("metavar.scheme"), help=text("help.scheme.check")
        )
    elif name in _WITH_SCHEME:
        command.add_argument("scheme", metavar=text("metavar.scheme"), help=text("help.scheme"))


def _command_options(command: argparse.ArgumentParser, name: str, locale: str) -> None:
    """Add the arguments and options of the command ``name``."""

    def text(key: str, **fields: object) -> str:
        return say(f"cli.{key}", locale, **fields)

    _scheme_argument(command, name, text)
    if name in {"progress", "check", "budget", "report"}:
        command.add_argument(
            "--records",
            required=name in {"check", "budget", "report"},
            metavar=text("metavar.path"),
            help=text("help.records"),
        )
    if name in {"progress", "example", "budget", "report"}:
        command.add_argument("--as-of", metavar=text("metavar.date"), help=text("help.as_of"))
    if name == "report":
        command.add_argument(
            "--out", required=True, metavar=text("metavar.file"), help=text("help.out.report")
        )
        command.add_argument(
            "--units", metavar=text("metavar.file"), help=text("help.units.report")
        )
    _budget_options(command, name, text)
    if name == "example":
        command.add_argument(
            "--out", required=True, metavar=text("metavar.dir"), help=text("help.out")
        )
        command.add_argument("--force", action="store_true", help=text("help.force"))
        command.add_argument(
            "--seed", type=int, default=0, metavar="N", help=text("help.seed", default=0)
        )
        command.add_argument(
            "--scale", type=_scale(locale), default=1.0, metavar="X", help=text("help.scale")
        )
    if name == "demo":
        command.add_argument(
            "schemes",
            nargs="*",
            metavar=text("metavar.id"),
            help=text("help.schemes", ids=" ".join(DEMO_IDS)),
        )
        command.add_argument(
            "--as-of",
            metavar=text("metavar.date"),
            help=text("help.as_of_demo", default=DEMO_AS_OF.isoformat()),
        )
        command.add_argument(
            "--seed",
            type=int,
            default=DEMO_SEED,
            metavar="N",
            help=text("help.seed", default=DEMO_SEED),
        )
    if name == "audit":
        command.add_argument("--units", metavar=text("metavar.file"), help=text("help.units"))
    if name == "progress":
        command.add_argument(
            "--by", choices=BREAKDOWNS, metavar=text("metavar.by"), help=text("help.by")
        )
        command.add_argument(
            "--units", metavar=text("metavar.file"), help=text("help.units.progress")
        )
        command.add_argument("--on", metavar=text("metavar.date"), help=text("help.on"))
        command.add_argument("--levels", metavar=text("metavar.levels"), help=text("help.levels"))
    if name in {"audit", "check", "demo", "validate"}:
        command.add_argument("--strict", action="store_true", help=text("help.strict"))
    _document_options(command, name, text)


def _budget_options(command: argparse.ArgumentParser, name: str, text: Callable[..., str]) -> None:
    """Add the options of ``budget``: what its rows are."""
    if name == "budget":
        command.add_argument(
            "--by", choices=BUDGET_BY, default="line", metavar=text("metavar.by"),
            help=text("help.by.budget"),
        )  # fmt: skip


def _document_options(
    command: argparse.ArgumentParser, name: str, text: Callable[..., str]
) -> None:
    """Add the arguments of the commands that read or print documents: help, draft, validate."""
    if name == "validate":
        command.add_argument("records", metavar=text("metavar.path"), help=text("help.reports"))
        command.add_argument(
            "--scheme", metavar=text("metavar.scheme"), help=text("help.scheme.validate")
        )
        command.add_argument(
            "--as-of", metavar=text("metavar.date"), help=text("help.as_of.validate")
        )
    if name == "help":
        command.add_argument(
            "topic", nargs="?", metavar=text("metavar.topic"), help=text("help.topic")
        )
    if name == "form":
        from dtbd.cli._form import form_options

        form_options(command, text)
    if name == "draft":
        from dtbd.cli._draft import draft_options

        draft_options(command, text)
        command.add_argument("--force", action="store_true", help=text("help.force"))


class _Parser(argparse.ArgumentParser):
    """argparse's parser, which can say a usage error as JSON on stdout too."""

    json_locale: str | None = None
    """The language of a usage error's JSON, when ``--format json`` was asked."""

    def error(self, message: str) -> NoReturn:
        """The usage and the error on stderr, as argparse does; before them, the JSON."""
        if self.json_locale is not None:
            sys.stdout.write(usage_json(message, self.json_locale))
        super().error(message)


def usage_json(message: str, locale: str) -> str:
    """A usage error as ``--format json`` gives it (exit 2), with the code ``cli.usage``."""
    # Late: the parser costs argparse and the words only, a JSON usage error attrs too.
    from dtbd._codes import Problem

    problem = Problem("cli.usage", detail=message).to_dict(locale)
    found = {"exit": EXIT_USAGE, "message": message, "problems": [problem]}
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"


def build(locale: str, *, json_errors: bool = False) -> argparse.ArgumentParser:
    """The parser of ``dtbd`` with every help text in ``locale``.

    argparse's own words ("usage:", its errors) follow ``locale`` only while the parser
    runs inside :func:`dtbd.cli._argparse_words.speaking`, as :func:`parse` does. With
    ``json_errors``, a usage error is also written on stdout as JSON (:func:`usage_json`).
    """
    parser = _Parser(
        prog="dtbd",
        description=say("cli.help.dtbd", locale),
        epilog=_epilog(locale),
        formatter_class=_Formatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"dtbd {__version__}",
        help=say("cli.help.version", locale),
    )
    _global_options(parser, locale, top=True)
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar=say("cli.metavar.command", locale),
        title=say("cli.help.commands", locale),
    )
    fields = {
        "ids": ", ".join(DEMO_IDS),
        "date": DEMO_AS_OF.isoformat(),
        "seed": DEMO_SEED,
    }
    for name in (
        "catalog",
        "show",
        "audit",
        "progress",
        "check",
        "budget",
        "report",
        "validate",
        "example",
        "demo",
        "help",
        "draft",
        "form",
    ):
        command = commands.add_parser(
            name,
            help=say(f"cli.help.{name}", locale),
            description=say(f"cli.help.{name}.description", locale, **fields),
            epilog=_examples(f"cli.help.{name}.examples", locale),
            formatter_class=_Formatter,
            allow_abbrev=False,
        )
        _command_options(command, name, locale)
        _global_options(command, locale, top=False)
        if json_errors:
            command.json_locale = locale
    if json_errors:
        parser.json_locale = locale
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace | int:
    """The arguments of ``argv`` parsed in the language of its ``--locale``.

    Returns:
        The parsed arguments, or the exit code when argparse has answered already:
        0 after ``--help`` or ``--version``, 2 after a usage error (printed on stderr
        with the usage).
    """
    locale = locale_of(argv)
    with speaking(locale):
        parser = build(locale, json_errors=_asks_json(argv))
        try:
            return parser.parse_args(argv)
        except SystemExit as stop:
            return stop.code if isinstance(stop.code, int) else EXIT_USAGE
