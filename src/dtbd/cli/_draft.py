"""``dtbd draft TEXT_FILE --out scheme.toml``: a scheme file drafted from a plan's text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dtbd.words import say

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from dtbd.cli._text import Block

__all__ = ["draft_options", "run_draft"]


def draft_options(command: argparse.ArgumentParser, text: Callable[[str], str]) -> None:
    """The argument and options of ``dtbd draft``."""
    command.add_argument("text_file", metavar=text("metavar.path"), help=text("help.text_file"))
    command.add_argument("--out", metavar=text("metavar.path"), help=text("help.draft_out"))
    command.add_argument("--id", default="draft", help=text("help.draft_id"))


def run_draft(args: argparse.Namespace) -> tuple[str, list[Block], dict[str, object], bool]:
    """Read the text, draft the scheme file, write it to ``--out`` (or print it).

    Answers a ``Report`` of ``dtbd.cli._commands``, which imports this module.
    """
    from dtbd.cli._input import CliInputError
    from dtbd.cli._text import Paragraph, Table
    from dtbd.extracting._draft import draft_scheme
    from dtbd.extracting._extract import extract

    path = Path(args.text_file)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CliInputError("cli.error.text_not_utf8", path=path, at=error.start) from None
    drafted = draft_scheme(text, scheme_id=args.id, source=str(path))
    candidates = extract(text)
    targets = [c for c in candidates if c.is_target]
    unsure = [c for c in targets if c.confidence < 0.8]
    if args.out:
        out = Path(args.out)
        if out.exists() and not args.force:
            raise CliInputError("cli.error.out_exists", out=out, files=out.name)
        out.write_text(drafted, encoding="utf-8")
    rows = tuple(
        (c.quote, c.counts.value if c.counts else "", f"{c.confidence:.1f}") for c in targets
    )
    headers = tuple(
        say(k, args.locale) for k in ("cli.col.figure", "cli.col.counts", "cli.col.confidence")
    )
    intro = say(
        "cli.draft.intro",
        args.locale,
        targets=len(targets),
        unsure=len(unsure),
        out=args.out or "-",
    )
    blocks: list[Block] = [Paragraph(intro), Table(headers, rows, right=frozenset({2}))]
    if not args.out:
        blocks.append(Paragraph(drafted))
    data = {
        "text": str(path),
        "out": args.out,
        "targets": len(targets),
        "uncertain": len(unsure),
        "candidates": [
            {
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
                "counts": c.counts.value if c.counts else None,
                "confidence": c.confidence,
                "reason": c.reason,
            }
            for c in candidates
        ],
    }
    return say("cli.draft.title", args.locale, name=path.name), blocks, data, False
