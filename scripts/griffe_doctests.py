"""A griffe extension for the API reference: doctests shown as code, Sphinx roles as code.

dtbd's docstrings hold doctests in their prose (``>>> parse_date("31/12/2025")``), which
the test run executes. Rendered as Markdown they would be quotes (``>``) and their output
a paragraph, and an output such as ``['2025-12-31']`` would read as a link; this extension
puts each run of doctest lines in a ``pycon`` code block when griffe loads the docstring,
and writes a Sphinx role (``:func:`~dtbd.audit```, which the docstrings use for the
reader of the source) as the code it names. mkdocs.yml loads it for mkdocstrings.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|data|attr|exc|mod|obj):`(~?)([^`]+)`")


def plain_roles(text: str) -> str:
    """``text`` with each Sphinx role written as code (``~`` keeps the last name only)."""
    return _ROLE.sub(lambda m: f"`{m[2].rsplit('.', 1)[-1] if m[1] else m[2]}`", text)


def fence_doctests(text: str) -> str:
    """``text`` with each block of doctest lines (from ``>>>`` to a blank line) fenced.

    The fence takes the indent of the block's first line, so that a doctest inside a
    section (``Examples:``) stays in it. The docs build checks the result: without the
    fences, ``--strict`` fails on the outputs that read as links.
    """
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.lstrip().startswith(">>>"):
            out.append(line)
            index += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}```pycon")
        while index < len(lines) and lines[index].strip():
            out.append(lines[index])
            index += 1
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence the doctests and plain the roles of every docstring griffe reads."""

    def on_instance(self, **kwargs: Any) -> None:  # noqa: ANN401 - griffe's hook signature
        """Rewrite the docstring of each object as it is loaded."""
        obj = kwargs["obj"]
        if obj.docstring is not None:
            obj.docstring.value = plain_roles(fence_doctests(obj.docstring.value))
