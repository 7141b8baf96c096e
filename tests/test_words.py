"""Every text shown to people exists in both languages, with the same fields."""

from __future__ import annotations

import string

import pytest

from dtbd.words import LOCALES, WORDS, say


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_key_exists_in_every_language():
    vi, en = WORDS["vi"], WORDS["en"]
    assert set(vi) - set(en) == set(), "keys missing in _en.py"
    assert set(en) - set(vi) == set(), "keys missing in _vi.py"
    assert set(LOCALES) == set(WORDS)


@pytest.mark.parametrize("key", sorted(WORDS["vi"]))
def test_each_key_takes_the_same_fields_in_every_language(key):
    assert _fields(WORDS["vi"][key]) == _fields(WORDS["en"][key])


def test_no_text_is_empty():
    empty = [(locale, k) for locale, table in WORDS.items() for k, v in table.items() if not v]
    assert not empty


def test_an_unknown_locale_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="locale='vi' or locale='en'"):
        say("cli.yes", "fr")


def test_fields_are_filled_in_the_language_asked():
    assert say("cli.progress.year", "vi", year=2025) == "năm 2025"
    assert say("cli.progress.year", "en", year=2025) == "year 2025"
