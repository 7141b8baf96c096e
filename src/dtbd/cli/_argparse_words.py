"""argparse's own words ("usage:", "options:", its error messages) in the language asked.

argparse looks every fixed text up through gettext: it calls the ``_`` and ``ngettext``
it imported from :mod:`gettext` (Python 3.11 to 3.13 alike). :func:`speaking` puts a
translation whose catalog is :mod:`dtbd.words` in their place for as long as the parser
is built and runs, and puts gettext's functions back afterwards, even when argparse
exits: nothing outside that block sees it. The command line runs in one thread, which
is what makes the swap safe. A text a later Python adds, or one a user cannot meet
with dtbd's parser, stays in English.

>>> import argparse
>>> with speaking("vi"):
...     print(argparse.ArgumentParser(prog="dtbd").format_usage(), end="")
cách dùng: dtbd [-h]
>>> print(argparse.ArgumentParser(prog="dtbd").format_usage(), end="")
usage: dtbd [-h]
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

from dtbd.words import say

__all__ = ["MESSAGES", "PLURALS", "speaking"]

MESSAGES: dict[str, tuple[str, dict[str, str]]] = {
    "usage: ": ("cli.argparse.usage", {}),
    "positional arguments": ("cli.argparse.positionals", {}),
    "options": ("cli.argparse.options", {}),
    "show this help message and exit": ("cli.argparse.help", {}),
    "%(prog)s: error: %(message)s\n": (
        "cli.argparse.error",
        {"prog": "%(prog)s", "message": "%(message)s"},
    ),
    "argument %(argument_name)s: %(message)s": (
        "cli.argparse.argument",
        {"argument": "%(argument_name)s", "message": "%(message)s"},
    ),
    "the following arguments are required: %s": ("cli.argparse.required", {"arguments": "%s"}),
    "one of the arguments %s is required": ("cli.argparse.one_required", {"arguments": "%s"}),
    "unrecognized arguments: %s": ("cli.argparse.unrecognized", {"arguments": "%s"}),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "cli.argparse.invalid_choice",
        {"value": "%(value)r", "choices": "%(choices)s"},
    ),
    "invalid %(type)s value: %(value)r": (
        "cli.argparse.invalid_value",
        {"type": "%(type)s", "value": "%(value)r"},
    ),
    "expected one argument": ("cli.argparse.expected_one", {}),
    "expected at most one argument": ("cli.argparse.expected_at_most_one", {}),
    "expected at least one argument": ("cli.argparse.expected_at_least_one", {}),
    "ambiguous option: %(option)s could match %(matches)s": (
        "cli.argparse.ambiguous",
        {"option": "%(option)s", "matches": "%(matches)s"},
    ),
    "not allowed with argument %s": ("cli.argparse.not_allowed_with", {"argument": "%s"}),
    "ignored explicit argument %r": ("cli.argparse.ignored_value", {"value": "%r"}),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "cli.argparse.unknown_command",
        {"command": "%(parser_name)r", "choices": "%(choices)s"},
    ),
}
"""argparse's message → (its key in :mod:`dtbd.words`, each field as argparse fills it in).

argparse fills its messages with ``%``; the words are :meth:`str.format` templates, so a
field is given back the ``%`` placeholder argparse expects.
"""

PLURALS: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("expected %s argument", "expected %s arguments"): (
        "cli.argparse.expected_count",
        {"count": "%s"},
    ),
}
"""argparse's (singular, plural) → (key stem: ``.one`` or ``.other`` is added, fields)."""


class _Words(gettext.NullTranslations):
    """A gettext translation of argparse's messages read from :mod:`dtbd.words`."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.locale = locale

    def gettext(self, message: str) -> str:
        found = MESSAGES.get(message)
        if found is None:
            return message
        key, fields = found
        return say(key, self.locale, **fields)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = PLURALS.get((msgid1, msgid2))
        if found is None:
            return msgid1 if n == 1 else msgid2
        stem, fields = found
        return say(f"{stem}.{'one' if n == 1 else 'other'}", self.locale, **fields)


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """Within the block, argparse writes its own words in ``locale`` ("vi" or "en")."""
    names = vars(argparse)
    saved = names["_"], names["ngettext"]
    words = _Words(locale)
    names["_"], names["ngettext"] = words.gettext, words.ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved
