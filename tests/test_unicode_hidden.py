"""The table of code points an id may not hold is what this Python's unicodedata says.

The frame reader's id check reads its ranges from ``records._unicode_hidden``, written by
``scripts/unicode_hidden.py`` per Unicode version, so that the first frame of a process
does not scan all of Unicode. These tests fail when the table is stale; a Python whose
Unicode version the table lacks (newer than 3.13) scans once instead, and the first test
says so as a skip: run the script with that Python.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from dtbd.records import _frame_checks
from dtbd.records._unicode_hidden import HIDDEN
from dtbd.records._values import _unseen, unseen_ranges

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "unicode_hidden.py"
FIX = "run `PYTHONPATH=src python scripts/unicode_hidden.py` with this Python"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unicode_hidden", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_holds_this_pythons_unicode_version_as_unicodedata_says() -> None:
    version = unicodedata.unidata_version
    if version not in HIDDEN:
        pytest.skip(f"no ranges for Unicode {version}: ids are checked by a scan; {FIX}")
    assert unseen_ranges() == HIDDEN[version], f"the ranges of Unicode {version} are stale: {FIX}"


def test_the_committed_table_is_what_the_script_writes() -> None:
    script = _script()
    written = script.write(script.known())
    assert written == script.TABLE.read_text(encoding="utf-8"), FIX


def test_the_id_class_matches_exactly_the_characters_the_dict_reader_refuses() -> None:
    """Every code point but the surrogates, which no frame engine's text holds."""
    hidden = re.compile(_frame_checks.hidden_class())
    wrong = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF
        and (hidden.fullmatch(chr(code)) is not None) != _unseen(chr(code))
    ]
    assert wrong == []


def test_a_unicode_version_the_table_lacks_is_scanned_to_the_same_class(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = _frame_checks.hidden_class()
    monkeypatch.setattr("dtbd.records._unicode_hidden.HIDDEN", {})
    _frame_checks.hidden_class.cache_clear()
    try:
        assert _frame_checks.hidden_class() == expected
    finally:
        _frame_checks.hidden_class.cache_clear()
