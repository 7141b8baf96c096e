"""Run the examples in the docs (Markdown) and in docstrings as tests."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

_OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

pytest_collect_file = (
    Sybil(
        parsers=[PythonCodeBlockParser(doctest_optionflags=_OPTIONS)],
        patterns=["*.md"],
        path="docs",
    )
    + Sybil(
        parsers=[DocTestParser(optionflags=_OPTIONS)],
        patterns=["*.py"],
        path="src",
    )
).pytest()

