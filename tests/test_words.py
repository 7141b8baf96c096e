"""Every text shown to people exists in both languages, with the same fields."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dtbd._codes import PROBLEM_CODES
from dtbd.figures._units import Qualifier, Unit
from dtbd.results._finding import Severity
from dtbd.results._progress import Status
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


# -- the keys the code says, against the tables ------------------------------------------

SRC = Path(__file__).parent.parent / "src" / "dtbd"
# The command line's keys are held to its code by the cli branch's own test, the problem
# codes' sentences (``code.<code>``) to dtbd._codes by tests/test_codes.py.
CHECKED = sorted({key.split(".", 1)[0] for key in WORDS["vi"]} - {"cli", "code"})
_KEY = re.compile(rf"^(?:{'|'.join(map(re.escape, CHECKED))})\.[\w.-]+$")


CODES = frozenset(PROBLEM_CODES)


def _sources() -> list[Path]:
    skip = {SRC / "cli", SRC / "words"}
    return [p for p in sorted(SRC.rglob("*.py")) if not any(d in p.parents for d in skip)]


def _keys_in_code() -> tuple[set[str], set[str]]:
    """Every key literal in dtbd's code, and every f-string key as a regular expression."""
    literals: set[str] = set()
    patterns: set[str] = set()
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # The pieces of an f-string are constants too; they are read with their f-string.
        pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                # A problem code (figure.unreadable) is not a key, though it may look like one.
                if id(node) not in pieces and _KEY.match(node.value) and node.value not in CODES:
                    literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and _KEY.match(f"{first.value}x"):
                    patterns.add(
                        "".join(
                            re.escape(v.value) if isinstance(v, ast.Constant) else r"[^.]+"
                            for v in node.values
                        )
                    )
    return literals, patterns


def test_the_code_finds_the_keys_it_says():
    literals, patterns = _keys_in_code()
    assert {"finding.parts-below-total", "violation.missing-data"} <= literals
    assert r"display\.status\.[^.]+" in patterns


@pytest.mark.parametrize("locale", LOCALES)
def test_every_key_the_code_says_is_in_the_table(locale):
    literals, patterns = _keys_in_code()
    assert literals - set(WORDS[locale]) == set()
    unmatched = [p for p in patterns if not any(re.fullmatch(p, k) for k in WORDS[locale])]
    assert not unmatched


def test_no_key_outside_cli_is_unused():
    literals, patterns = _keys_in_code()
    dead = [
        key
        for key in WORDS["vi"]
        if not key.startswith(("cli.", "code."))
        and key not in literals
        and not any(re.fullmatch(p, key) for p in patterns)
    ]
    assert not dead, f"words no code says: {dead}"


def test_every_status_and_severity_has_a_word_and_no_more():
    # The display builds these keys from the enum values, so hold the two to each other.
    values = {s.value for s in Status} | {s.value for s in Severity}
    keys = {
        k.removeprefix("display.status.") for k in WORDS["vi"] if k.startswith("display.status.")
    }
    assert keys == values


def test_every_counted_unit_and_qualifier_has_its_words():
    # dtbd.figures builds these keys from the enum values; money and shares take no word.
    units = {u.value for u in Unit} - {Unit.VND.value, Unit.PERCENT.value}
    wanted = {f"figure.unit.{u}.{form}" for u in units for form in ("one", "other")}
    wanted |= {f"figure.qualifier.{q.value}" for q in Qualifier if q is not Qualifier.EXACT}
    assert wanted <= set(WORDS["vi"])
    built = {k for k in WORDS["vi"] if k.startswith(("figure.unit.", "figure.qualifier."))}
    assert built - wanted == {"figure.qualifier.less_than.age"}


def test_both_languages_list_the_keys_in_the_same_order():
    assert list(WORDS["vi"]) == list(WORDS["en"])
