"""``dtbd help [TOPIC]``: the documentation pages, from wherever dtbd is installed.

A wheel carries the pages of ``docs/`` as ``dtbd/help/`` (``pyproject.toml``'s
``force-include``); a source checkout (an editable install, the tests) reads them from the
repository's ``docs/`` folder. A topic is a page's file name without ``.md``: ``dtbd help
records`` prints ``records.md``. Error messages name a topic (``dtbd help records``), never
a path of the repository, so that they hold for an installed package too.

>>> "records" in topics() and "index" not in topics()
True
>>> title("records")
'Records: what was done'
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtbd.cli._text import Paragraph, Preformatted, Table
from dtbd.words import say

if TYPE_CHECKING:
    import argparse
    from importlib.resources.abc import Traversable

    from dtbd.cli._text import Block

__all__ = ["HELP_PACKAGE_DIR", "pages", "run_help", "text", "title", "topics"]

HELP_PACKAGE_DIR = "help"
"""The folder inside the installed package that holds the pages (see ``pyproject.toml``)."""
_NOT_TOPICS = frozenset({"index"})
"""Pages of the site that are no topic: the home page only links to the others."""


def pages() -> Traversable:
    """The folder of the pages: ``dtbd/help`` when installed, else the checkout's ``docs/``."""
    installed = resources.files("dtbd").joinpath(HELP_PACKAGE_DIR)
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "docs"


def topics(folder: Traversable | None = None) -> tuple[str, ...]:
    """The topics, in alphabetical order: each ``.md`` page but the site's home page."""
    found = folder if folder is not None else pages()
    if not found.is_dir():
        return ()
    names = (p.name.removesuffix(".md") for p in found.iterdir() if p.name.endswith(".md"))
    return tuple(sorted(n for n in names if n not in _NOT_TOPICS))


def text(topic: str, folder: Traversable | None = None) -> str:
    """The page of ``topic`` as written (Markdown)."""
    found = folder if folder is not None else pages()
    return found.joinpath(f"{topic}.md").read_text(encoding="utf-8")


def title(topic: str, folder: Traversable | None = None) -> str:
    """The page's first ``#`` heading, or the topic itself when it has none."""
    for line in text(topic, folder).splitlines():
        if line.startswith("# "):
            return line.removeprefix("# ").strip()
    return topic


def _unknown(topic: str, known: tuple[str, ...]) -> Exception:
    from dtbd.cli._input import CliInputError

    close = difflib.get_close_matches(topic, known, n=1)
    if close:
        return CliInputError("cli.error.help_topic_close", topic=topic, close=close[0])
    return CliInputError("cli.error.help_topic", topic=topic, topics=", ".join(known))


def _listing(known: tuple[str, ...], locale: str) -> tuple[list[Block], dict[str, Any]]:
    headers = (say("cli.col.topic", locale), say("cli.col.title", locale))
    rows = tuple((name, title(name)) for name in known)
    blocks: list[Block] = [Paragraph(say("cli.help_topics.intro", locale)), Table(headers, rows)]
    return blocks, {"topics": [{"topic": n, "title": t} for n, t in rows]}


def run_help(args: argparse.Namespace) -> tuple[str, list[Block], dict[str, Any], bool]:
    """``dtbd help [TOPIC]``: the list of topics, or one page.

    A page is printed as written, its first heading as the report's title; ``--format
    json`` gives ``{topic, title, text}`` (the whole page) or ``{topics: [{topic, title}]}``.
    """
    known = topics()
    if args.topic is None:
        blocks, data = _listing(known, args.locale)
        return say("cli.help_topics.title", args.locale), blocks, data, False
    if args.topic not in known:
        raise _unknown(args.topic, known)
    page = text(args.topic)
    heading = title(args.topic)
    lines = page.splitlines()
    body = "\n".join(lines[1:] if lines and lines[0] == f"# {heading}" else lines).strip("\n")
    blocks = [Preformatted(body)]
    data = {"topic": args.topic, "title": heading, "text": page}
    return heading, blocks, data, False
