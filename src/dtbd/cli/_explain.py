"""Bad input explained in the language of ``--locale``: what is wrong, where, and the fix.

The command line's own messages are keys of :mod:`dtbd.words`. The library's exception
texts are part of its Python API and stay in English; here they get a lead and a fix in
the language asked, around the English detail.
"""

from __future__ import annotations

from dtbd import catalog
from dtbd._errors import DtbdError, SchemeFileError
from dtbd.catalog import UnknownSchemeError
from dtbd.cli._input import CliInputError
from dtbd.words import say

__all__ = ["explain"]


def explain(error: DtbdError | OSError, locale: str) -> str:
    """The message for ``error`` in ``locale``, naming the file, path or row and the fix."""
    if isinstance(error, CliInputError):
        return error.explain(locale)
    if isinstance(error, OSError):
        where = error.filename if error.filename is not None else say("cli.error.a_file", locale)
        return say(
            "cli.error.unreadable",
            locale,
            where=where,
            reason=error.strerror or error,
            ids=", ".join(catalog.ids()),
        )
    if isinstance(error, UnknownSchemeError):
        return say("cli.error.unknown_id", locale, detail=error)
    if isinstance(error, SchemeFileError):
        return say("cli.error.scheme_file", locale, detail=error)
    return say("cli.error.other", locale, detail=error)
