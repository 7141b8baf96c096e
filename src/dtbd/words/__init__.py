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

from collections.abc import Callable

from dtbd.words._en import WORDS as _EN
from dtbd.words._vi import WORDS as _VI

__all__ = ["LOCALES", "WORDS", "Field", "check_locale", "phrase", "say", "say_each"]

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


Field = object | Callable[[str], object]
"""A value put into a template: the same in every language, or a callable of the locale
(``figure.format``, ``lambda locale: format_date(day, locale)``) for one formatted in it."""


def _filled(fields: dict[str, Field], locale: str) -> dict[str, object]:
    return {name: value(locale) if callable(value) else value for name, value in fields.items()}


def phrase(key: str, /, **fields: Field) -> Callable[[str], str]:
    """``key`` with its fields, as a callable of the locale: a piece put into a sentence.

    >>> year = phrase("cli.progress.year", year=2025)
    >>> year("vi"), year("en")
    ('năm 2025', 'year 2025')
    """
    return lambda locale: say(key, locale, **_filled(fields, locale))


def say_each(key: str, /, **fields: Field) -> tuple[str, str]:
    """The text of ``key`` in Vietnamese and in English, each field filled in its language.

    A field that is a callable is called with the locale, so a figure is formatted in the
    language of the sentence it goes into (pass ``figure.format``, or a :func:`phrase`).

    >>> say_each("cli.progress.year", year=lambda locale: 2025)
    ('năm 2025', 'year 2025')
    """
    vi, en = (say(key, locale, **_filled(fields, locale)) for locale in LOCALES)
    return vi, en
