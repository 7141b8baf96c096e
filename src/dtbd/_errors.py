"""Every error dtbd raises derives from :class:`DtbdError`.

Each concrete error is also a built-in exception (``ValueError`` or ``TypeError``), so
code that already catches those keeps working, and each carries structured attributes
beside a message that says what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from dtbd._limits import shown

__all__ = [
    "DtbdError",
    "FigureParseError",
    "FileFormatError",
    "RecordError",
    "RecordProblem",
    "SchemeFileError",
    "UnitMismatchError",
]


class DtbdError(Exception):
    """Base class of every error raised by dtbd."""


class FigureParseError(DtbdError, ValueError):
    """A figure phrase could not be read.

    Attributes:
        text: the phrase as given.
        reason: what was expected instead.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read the figure {shown(text)}: {reason}")


class UnitMismatchError(DtbdError, TypeError):
    """Two figures of different units were combined, or compared with the wrong measure."""


class FileFormatError(DtbdError, ValueError):
    """An unknown file format was asked for."""


class SchemeFileError(DtbdError, ValueError):
    """A scheme file (TOML, JSON or YAML) has mistakes.

    All mistakes of a file are collected; each names its path inside the file, such as
    ``targets[2].parts[0].figure``.

    Attributes:
        source: the file path, or ``"<string>"`` for text.
        problems: one line per mistake.
    """

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''} in the scheme file"
        super().__init__("\n  ".join([head + ":", *self.problems]))


@attrs.frozen
class RecordProblem:
    """One bad record: which table, which row (1-based, header excluded), which field, what.

    ``duplicate_of`` is the row that this one repeats (the same id, or the same
    attendance in every field), ``None`` for any other mistake.
    """

    table: str
    row: int
    field: str | None
    message: str
    duplicate_of: int | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        where = f"{self.table} row {self.row}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}"


class RecordError(DtbdError, ValueError):
    """Records (courses, attendances, persons, spending) could not be read.

    Attributes:
        problems: every bad row found, each with its table, row number and field.
    """

    def __init__(self, problems: Sequence[RecordProblem]) -> None:
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems[:20]]
        if len(self.problems) > 20:
            lines.append(f"... and {len(self.problems) - 20} more")
        super().__init__("bad records:\n  " + "\n  ".join(lines))
