"""The readers of record fields: one function per kind of value, each refusing in words.

Each takes what a dict, a CSV cell or a spreadsheet cell holds and returns the model's
value, or raises :class:`BadValueError` with a message that says what to write instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from dtbd._limits import MAX_STUDY_DAYS, MAX_TEXT_CHARS, date_problem, number_problem, shown
from dtbd.model._period import DATE_FORMS, to_date

__all__ = [
    "TIME_ZONE",
    "UNSEEN",
    "BadValueError",
    "Parse",
    "check_id_text",
    "read_category",
    "read_date",
    "read_days",
    "read_list",
    "read_number",
    "read_text",
    "read_whole",
    "too_long",
    "unseen_name",
    "unseen_ranges",
]

Parse = Callable[[object], object]


class BadValueError(ValueError):
    """A field value that cannot be read; the message says what to write instead.

    ``code`` is the problem's stable code (docs/errors.md).
    """

    def __init__(self, message: str, *, code: str = "record.value.invalid") -> None:
        super().__init__(message)
        self.code = code


def too_long(text: str) -> str:
    """Why a cell of ``text`` (over :data:`~dtbd._limits.MAX_TEXT_CHARS`) is refused."""
    return (
        f"a text of {len(text):,} characters; at most {MAX_TEXT_CHARS:,} are taken in a "
        "cell; see the limits: `dtbd help records`"
    )


def read_text(value: object) -> object:
    if not isinstance(value, str):
        raise BadValueError(f"expected text, got {type(value).__name__} {shown(value)}")
    return value.strip()


UNSEEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})
"""The Unicode categories of an id's characters that do not show or move the text:
control, format, line and paragraph separators, private use, surrogates, unassigned;
and every space (``Zs``) but the space itself."""


def _unseen(char: str) -> bool:
    """A character that does not show or moves the text: control, format, odd spaces."""
    kind = unicodedata.category(char)
    return kind in UNSEEN or (kind == "Zs" and char != " ")


_NAMELESS = {
    "Cn": "a code point Unicode has not assigned",
    "Co": "a private-use character",
    "Cs": "a lone surrogate",
}


def unseen_name(char: str) -> str:
    """``char`` for a message: ``U+200B ZERO WIDTH SPACE``, ``U+000A control character``."""
    kind = unicodedata.category(char)
    return f"U+{ord(char):04X} {unicodedata.name(char, _NAMELESS.get(kind, 'control character'))}"


def unseen_ranges() -> tuple[tuple[int, int], ...]:
    """Every code point :func:`_unseen` refuses, as inclusive (first, last) ranges.

    A scan of all of Unicode (about 0.3 s): ``scripts/unicode_hidden.py`` keeps its
    result per Unicode version in ``records._unicode_hidden``, which the frame reader reads.
    """
    found: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if not _unseen(chr(code)):
            continue
        if found and found[-1][1] == code - 1:
            found[-1] = (found[-1][0], code)
        else:
            found.append((code, code))
    return tuple(found)


def check_id_text(value: object) -> None:
    """An id: text without control or invisible characters (a newline, U+200B, NBSP).

    Such a character makes two ids that look the same differ, so an attendance would
    silently match no person; it is refused, never stripped.
    """
    if isinstance(value, str):
        hidden = dict.fromkeys(c for c in value if _unseen(c))
        if hidden:
            names = ", ".join(unseen_name(c) for c in hidden)
            raise BadValueError(
                f"the id {shown(value)} holds characters that do not show ({names}); "
                "retype it with letters, digits, '.', '_', '-' or '/'",
                code="record.id.invalid",
            )


TIME_ZONE = (
    "a datetime with a time zone; records take days, and a zone can move a time to "
    "another day: give dates, not datetimes"
)
"""Why a datetime with a time zone is refused, on every path (dicts, files, frames)."""


def read_date(value: object) -> object:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Which day it is depends on the zone it is seen from (Hà Nội or UTC): no guess.
        raise BadValueError(TIME_ZONE)
    if isinstance(value, dt.datetime) and value.time() != dt.time(0, 0):
        # A datetime at midnight is a day (Excel and pandas give those); one with a time
        # would be cut to its day without a word.
        raise BadValueError(
            f"{value.isoformat()} has a time of day; records take days: give the date only "
            f"({value.date().isoformat()})"
        )
    if isinstance(value, (dt.date, str)):
        try:
            day = to_date(value)
        except ValueError as error:
            raise BadValueError(str(error)) from None
        if problem := date_problem(day):
            raise BadValueError(f"{problem}; see the limits: `dtbd help records`")
        return day
    raise BadValueError(f"{shown(value)} is not a date; write it as {DATE_FORMS}")


def read_number(value: object) -> Decimal:
    if isinstance(value, (bool, float)):
        raise BadValueError(
            f"{value!r} is not an exact number; write it as text ('2.5') or a whole number"
        )
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise BadValueError(
                f"{value!r} is not a number; write digits only, e.g. 11000000000"
            ) from None
    else:
        raise BadValueError(f"expected a number, got {type(value).__name__} {value!r}")
    if problem := number_problem(number):
        written = str(value)
        shown = repr(written if len(written) <= 40 else f"{written[:20]}…")
        raise BadValueError(f"{shown} {problem}; see the limits: `dtbd help records`")
    if number < 0:
        raise BadValueError(f"{value!r} is negative; amounts and days are never below zero")
    return number


def read_whole(value: object) -> object:
    number = read_number(value)
    if number != number.to_integral_value():
        raise BadValueError(f"{value!r} must be a whole number")
    return int(number)


def read_days(read: Parse) -> Parse:
    def parse(value: object) -> object:
        days = read(value)
        assert isinstance(days, (int, Decimal))  # noqa: S101  -- read returns a number
        if days > MAX_STUDY_DAYS:
            raise BadValueError(
                f"{value!r} study days is more than {MAX_STUDY_DAYS} (ten years); "
                "see the limits: `dtbd help records`"
            )
        return days

    return parse


def read_list(value: object) -> object:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value)
    raise BadValueError(f"expected a list of words separated by ';', got {value!r}")


def read_category(kind: type[enum.Enum]) -> Parse:
    def parse(value: object) -> object:
        if isinstance(value, kind):
            return value
        text = value.strip() if isinstance(value, str) else value
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise BadValueError(
                f"unknown {kind.__name__} {value!r}; use one of {allowed}"
            ) from None

    return parse
