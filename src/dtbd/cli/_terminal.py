"""What the terminal allows: how wide the output may be, and whether it may have colour.

Width: ``COLUMNS`` when set (as :func:`shutil.get_terminal_size` reads it), otherwise
the size of the terminal that standard output is; ``None`` when output goes to a file
or a pipe, where the layout is the stable one of docs/cli.md. The stream written to is
asked itself, not the process's original standard output, so that captured output
never takes the width of the terminal that happens to run the tests.

Colour: only on a terminal, never with ``--no-color`` or a non-empty ``NO_COLOR``
(https://no-color.org), nor on a ``TERM=dumb`` terminal.

>>> import io
>>> terminal_width(io.StringIO(), {}), terminal_width(io.StringIO(), {"COLUMNS": "60"})
(None, 60)
>>> wants_color(io.StringIO(), {}, no_color=False)
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

__all__ = ["terminal_width", "wants_color"]


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty()) if callable(isatty) else False


def terminal_width(stream: TextIO, environ: Mapping[str, str]) -> int | None:
    """The columns output to ``stream`` may use; ``None`` when unknown (not a terminal)."""
    columns = environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not _is_terminal(stream):
        return None
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError):
        return None
    return size.columns or None


def wants_color(stream: TextIO, environ: Mapping[str, str], *, no_color: bool) -> bool:
    """Whether output to ``stream`` may be coloured."""
    if no_color or environ.get("NO_COLOR", "") or environ.get("TERM") == "dumb":
        return False
    return _is_terminal(stream)
