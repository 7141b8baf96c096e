"""Run the examples in the README, the docs (Markdown) and docstrings as tests."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser
from sybil.sybil import SybilCollection

_OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

pytest_collect_file = SybilCollection(
    [
        Sybil(
            parsers=[PythonCodeBlockParser(doctest_optionflags=_OPTIONS)],
            patterns=["*.md"],
            path="docs",
        ),
        Sybil(
            parsers=[PythonCodeBlockParser(doctest_optionflags=_OPTIONS)],
            patterns=["README.md"],
        ),
        Sybil(
            parsers=[DocTestParser(optionflags=_OPTIONS)],
            patterns=["*.py"],
            path="src",
        ),
    ]
).pytest()
