"""Every error dtbd raises derives from :class:`DtbdError`.

Each concrete error is also a built-in exception (``ValueError`` or ``TypeError``), so
code that already catches those keeps working, and each carries structured attributes
beside a message that says what to do about it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, ClassVar

import attrs

from dtbd._codes import Location, Problem, Readable, SchemeProblem, check_code, scheme_problems
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
    """Base class of every error raised by dtbd.

    Every error has its problems for a program to read: :attr:`problems` (each with a
    stable ``code``, a ``location``, the ``value`` and a sentence in each language, see
    docs/errors.md) and :meth:`to_dict`.
    """

    code: ClassVar[str]
    """The stable code of the error's problems, when it has no list of its own."""

    @functools.cached_property
    def problems(self) -> tuple[Readable, ...]:
        """What is wrong: one problem with the error's code, unless the error lists more."""
        return (Problem(self.code, detail=str(self)),)

    def readable(self) -> tuple[Readable, ...]:
        """The problems as objects with a code (an error may keep other shapes in ``problems``)."""
        return self.problems

    def to_dict(self, locale: str = "vi") -> dict[str, Any]:
        """A JSON-ready dict: the error's type and message, and each problem's dict."""
        return {
            "error": type(self).__name__,
            "message": str(self),
            "problems": [problem.to_dict(locale) for problem in self.readable()],
        }


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
        self.problems = (Problem(self.code, value=text, detail=str(self)),)

    code = "figure.unreadable"


class UnitMismatchError(DtbdError, TypeError):
    """Two figures of different units were combined, or compared with the wrong measure."""

    code = "figure.unit-mismatch"


class FileFormatError(DtbdError, ValueError):
    """An unknown file format was asked for."""

    code = "file.format.unknown"


class SchemeFileError(DtbdError, ValueError):
    """A scheme file (TOML, JSON or YAML) has mistakes.

    All mistakes of a file are collected; each names its path inside the file, such as
    ``targets[2].parts[0].figure``.

    Attributes:
        source: the file path, or ``"<string>"`` for text.
        problems: one line per mistake, each a :class:`~dtbd.SchemeProblem` (a ``str``
            with a ``code``, ``location`` and ``value``).
    """

    code = "scheme.value.invalid"
    problems: tuple[SchemeProblem, ...]

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(p.at(source) for p in scheme_problems(self.code, problems))
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''} in the scheme file"
        super().__init__("\n  ".join([head + ":", *self.problems]))


@attrs.frozen
class RecordProblem(Readable):
    """One bad record: which table, which row (1-based, header excluded), which field, what.

    ``duplicate_of`` is the row that this one repeats (the same id, or the same
    attendance in every field), ``None`` for any other mistake. ``code`` is the stable
    code (docs/errors.md), ``value`` the cell shortened, ``file`` the file when known.
    """

    table: str
    row: int
    field: str | None
    message: str
    duplicate_of: int | None = attrs.field(default=None, kw_only=True)
    code: str = attrs.field(kw_only=True, validator=lambda _, __, code: check_code(code))
    value: str | None = attrs.field(default=None, kw_only=True)
    # Where the rows came from is not part of what is wrong with them.
    file: str | None = attrs.field(default=None, kw_only=True, eq=False)

    @property
    def location(self) -> Location:
        """``(file, table, row, field)``; the file is ``None`` for rows not read from a file."""
        return (self.file, self.table, self.row, self.field)

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

    code = "record.value.invalid"
    problems: tuple[RecordProblem, ...]

    def __init__(self, problems: Sequence[RecordProblem]) -> None:
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems[:20]]
        if len(self.problems) > 20:
            lines.append(f"... and {len(self.problems) - 20} more")
        super().__init__("bad records:\n  " + "\n  ".join(lines))
