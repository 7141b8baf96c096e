"""Stable problem codes: what a program reads of every problem dtbd reports.

Each problem (a mistake in a scheme or unit file, a bad record, a refused argument)
carries a dotted **code** that stays the same from release to release
(``record.id.duplicate``), its **location** as a tuple (the file, then the table, row and
field of a record, or the path inside a scheme file), the offending **value** shortened
by :func:`dtbd._limits.shown`, and the code's sentence in Vietnamese and English. The
sentences are keyed ``code.<code>`` in :mod:`dtbd.words`; docs/errors.md lists the codes.

>>> problem_message("record.row.duplicate", "en")
'A row repeats an earlier one and would count twice: delete the copy.'
>>> problem_message("record.row.duplicate")
'Dòng giống hệt một dòng trước, sẽ bị đếm hai lần: xóa bản sao.'
>>> problem = SchemeProblem("scheme.key.missing", "period: required but missing; add it")
>>> problem.code, problem.location, problem == "period: required but missing; add it"
('scheme.key.missing', (None, 'period'), True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self

import attrs

from dtbd._limits import shown
from dtbd.words import LOCALES, WORDS, say

__all__ = ["PROBLEM_CODES", "Location", "Problem", "Readable", "SchemeProblem", "problem_message"]

PROBLEM_CODES: tuple[str, ...] = tuple(
    key.removeprefix("code.") for key in WORDS["en"] if key.startswith("code.")
)
"""Every problem code dtbd reports, in the order of docs/errors.md."""

_KNOWN = frozenset(PROBLEM_CODES)

Location = tuple[str | int | None, ...]
"""Where a problem is: ``(file, path)`` in a scheme file, ``(file, table, row, field)`` for
a record; ``None`` for a part that is not known (a file read from a string)."""


def check_code(code: str) -> str:
    """``code`` itself when it is in :data:`PROBLEM_CODES`; a ``ValueError`` otherwise."""
    if code not in _KNOWN:
        raise ValueError(f"unknown problem code {code!r}; add it to dtbd.words (code.{code})")
    return code


def problem_message(code: str, locale: str = "vi") -> str:
    """The sentence of ``code`` in ``locale``: what is wrong and what to do."""
    return say("code." + check_code(code), locale)


def _location(parts: Iterable[str | int | None]) -> Location:
    return tuple(parts)


def _shown(value: object) -> str | None:
    return None if value is None else shown(value)


class Readable:
    """What every problem gives a program: code, location, value, sentences, a dict.

    A subclass has ``code``, ``location``, ``value`` (shortened) and ``detail`` (the
    English line of the error message, with the specifics: a "did you mean", a limit).
    """

    code: str
    value: str | None

    @property
    def location(self) -> Location:
        """Where the problem is; see :data:`Location`."""
        raise NotImplementedError  # pragma: no cover -- every subclass says

    @property
    def detail(self) -> str:
        """The problem's full English line, as the error message shows it."""
        return str(self)

    def explain(self, locale: str = "vi") -> str:
        """The code's sentence in ``locale`` (``"vi"`` or ``"en"``)."""
        return problem_message(self.code, locale)

    def messages(self) -> dict[str, str]:
        """The code's sentence in every language dtbd writes."""
        return {locale: self.explain(locale) for locale in LOCALES}

    def to_dict(self, locale: str = "vi") -> dict[str, Any]:
        """A JSON-ready dict: code, location, value, message (in ``locale``), both, detail."""
        return {
            "code": self.code,
            "location": list(self.location),
            "value": self.value,
            "message": self.explain(locale),
            "messages": self.messages(),
            "detail": self.detail,
        }


@attrs.frozen
class Problem(Readable):
    """A problem with no richer type: the single problem of an error such as a bad figure."""

    code: str = attrs.field(validator=lambda _, __, code: check_code(code))
    location: Location = attrs.field(default=(), converter=_location)
    value: str | None = attrs.field(default=None, converter=_shown)
    detail: str = ""


class SchemeProblem(str, Readable):  # noqa: SLOT000  -- str takes no non-empty __slots__
    """One line of a :class:`~dtbd.SchemeFileError`: the text it always was, and its code.

    It is a ``str`` because the problems of a scheme file were lines of text before they
    had codes, and code that compares or searches them keeps working.
    """

    code: str
    path: str
    source: str | None
    value: str | None

    def __new__(
        cls,
        code: str,
        line: str,
        *,
        path: str | None = None,
        value: object = None,
        source: str | None = None,
    ) -> Self:
        """A problem line with its code (checked against :data:`PROBLEM_CODES`).

        Args:
            code: one of :data:`PROBLEM_CODES`.
            line: the English line, ``"path: what is wrong"``.
            path: the place in the file (``targets[2].parts[0].figure``; ``""`` for the
                whole file); by default the line's part before ``": "``.
            value: what the file holds there, shortened for the message.
            source: the file, set by the error that lists the problem.
        """
        self = super().__new__(cls, line)
        self.code = check_code(code)
        self.path = line.partition(": ")[0] if path is None else path
        self.value = _shown(value)
        self.source = source
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Copies and pickles keep the code, path, value and file."""
        return (_restored, (str(self), dict(vars(self))))

    @property
    def location(self) -> Location:
        """``(file, path)``; the file is ``None`` until the error naming it is built."""
        return (self.source, self.path)

    def at(self, source: str) -> SchemeProblem:
        """The same problem in the file ``source``."""
        return _restored(str(self), {**vars(self), "source": source})


def _restored(line: str, fields: dict[str, Any]) -> SchemeProblem:
    problem = str.__new__(SchemeProblem, line)
    vars(problem).update(fields)
    return problem


def scheme_problems(code: str, lines: Iterable[str]) -> list[SchemeProblem]:
    """Lines that already are problems keep their code; plain lines get ``code``."""
    return [
        line if isinstance(line, SchemeProblem) else SchemeProblem(code, line) for line in lines
    ]
