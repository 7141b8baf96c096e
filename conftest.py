"""Run the examples in the README, the docs (Markdown) and docstrings as tests.

Every test runs in a plain terminal: the shell's width and colour settings never reach it.
"""

from __future__ import annotations

import os
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

import pytest
from hypothesis import settings
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser
from sybil.sybil import SybilCollection

_OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

# CI runs every property test on the same examples, so a run fails for the code it was
# given and not for a draw; a developer's run keeps drawing new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def markdown_parsers() -> list[object]:
    """How the Python blocks of a Markdown page are run: each ```` ```python ```` block.

    A block that cannot run here (it reads a file the reader has) says so with
    ``<!-- skip: next "reason" -->`` before it; ``tests/test_docs_site.py`` fails on any
    other Python block these parsers would not collect (```` ```py ````, say).
    """
    return [PythonCodeBlockParser(doctest_optionflags=_OPTIONS), SkipParser()]


pytest_collect_file = SybilCollection(
    [
        Sybil(parsers=markdown_parsers(), patterns=["*.md"], path="docs"),
        Sybil(parsers=markdown_parsers(), patterns=["README.md"]),
        Sybil(
            parsers=[DocTestParser(optionflags=_OPTIONS)],
            patterns=["*.py"],
            path="src",
        ),
    ]
).pytest()


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the width, colour or debug settings of the shell that runs the tests.

    The command line follows ``COLUMNS``, ``NO_COLOR`` and ``DTBD_DEBUG``; a test that
    needs one sets it itself.
    """
    for name in ("COLUMNS", "NO_COLOR", "DTBD_DEBUG"):
        monkeypatch.delenv(name, raising=False)
