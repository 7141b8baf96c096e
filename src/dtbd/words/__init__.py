"""Words: every text dtbd shows to people, one keyed table per language.

``_vi.py`` and ``_en.py`` hold the same keys (a test holds them to it), each a template
whose ``{fields}`` are filled by :meth:`str.format`. Keys are grouped by who shows them:
``cli.``, ``display.``, ``finding.``, ``violation.``. Numbers, dates and figures are
formatted by babel before they are put in (``dtbd.figures._format``); these are only the
words around them.

>>> say("cli.status.behind"), say("cli.status.behind", "en")
('chậm, cần đẩy nhanh', 'behind')
>>> say("cli.progress.year", "en", year=2025)
'year 2025'
"""

from __future__ import annotations

from dtbd.words._en import WORDS as _EN
from dtbd.words._vi import WORDS as _VI

__all__ = ["LOCALES", "WORDS", "check_locale", "say"]

LOCALES = ("vi", "en")
"""The languages dtbd writes: Vietnamese (the default) and English."""

WORDS: dict[str, dict[str, str]] = {"vi": _VI, "en": _EN}
"""Each language's table: key → template."""


def check_locale(locale: str) -> str:
    """``locale`` itself when dtbd writes it; a clear error naming the choices otherwise."""
    if locale not in WORDS:
        raise ValueError(f"unsupported locale {locale!r}; pass locale='vi' or locale='en'")
    return locale


def say(key: str, locale: str = "vi", /, **fields: object) -> str:
    """The text of ``key`` in ``locale`` with its ``{fields}`` filled in."""
    text = WORDS[check_locale(locale)][key]
    return text.format(**fields) if fields else text
