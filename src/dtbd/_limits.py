"""The largest numbers and the range of dates dtbd takes in, each with its reason.

Every edge where a number comes in (a figure phrase, a ``Figure``, a scheme file, a record,
``--scale``) refuses what lies outside these limits with a message that names the place
and the limit, so that nothing downstream meets a number it cannot format or sum exactly.
``docs/figures.md`` states them for people.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from decimal import Decimal

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_FILE_BYTES",
    "MAX_FRACTION_DIGITS",
    "MAX_INTEGER_DIGITS",
    "MAX_NESTING",
    "MAX_SCALE",
    "MAX_SHOWN",
    "MAX_STUDY_DAYS",
    "MAX_TARGETS",
    "MAX_TEXT_CHARS",
    "MAX_VALUES",
    "MAX_YAML_ALIASES",
    "SUM_PRECISION",
    "date_problem",
    "number_problem",
    "shown",
]

MAX_INTEGER_DIGITS = 18
"""Digits before the decimal point of a figure or an amount: below 10¹⁸.

The state budget of Vietnam is about 2 × 10¹⁵ đồng a year (16 digits); 18 digits leave a
hundredfold margin over it, so no real scheme is refused, while 10¹⁸ is far from the
sizes at which formatting or summing could go wrong.
"""

MAX_FRACTION_DIGITS = 6
"""Digits after the decimal point: texts write "3,6 %" or "0,5 ngày", never more than 6.

Money is whole đồng in any case. With 18 digits before, a number has at most 24
significant digits, which the default decimal context (28) holds exactly.
"""

SUM_PRECISION = 40
"""Significant digits of the decimal context in which dtbd sums amounts.

A sum of fewer than 10¹⁶ terms, each below 10¹⁸ with at most 6 decimals, is below 10³⁴
with at most 6 decimals: 40 digits hold it exactly, so no đồng is lost within the limits.
(Whole đồng, as amounts are, fit the default 28 digits for fewer than 10¹⁰ terms.)
"""

MAX_STUDY_DAYS = 3_660
"""Study days of one course or attendance: at most ten years of calendar days.

The longest training a scheme funds, a doctorate, takes four to five years.
"""

FIRST_DATE = dt.date(1900, 1, 1)
"""The earliest date taken in: before the birth of anyone still in service."""

LAST_DATE = dt.date(2200, 12, 31)
"""The latest date taken in: schemes plan a few years ahead, 2200 is a typo's ceiling."""

MAX_SCALE = 100.0
"""The largest ``--scale`` of example records: 100 × the built-in sizes is already
hundreds of thousands of rows, more than any province holds."""


# -- scheme files ------------------------------------------------------------------------

MAX_FILE_BYTES = 10_000_000
"""The largest scheme file read: 10 MB. The biggest built-in scheme is under 40 kB."""

MAX_NESTING = 32
"""Lists and tables inside each other in a scheme file: a scheme with parts of parts of
parts is about 8 deep; deeper is a broken or hostile file, and Python's parsers would
run out of stack (``RecursionError``) near 1,000."""

MAX_TARGETS = 10_000
"""Targets of one scheme file, parts included: a national scheme has a few hundred."""

MAX_TEXT_CHARS = 10_000
"""Characters of one text (a title, a label, a note) or key: the longest in the
catalog is under 700."""

MAX_VALUES = 1_000_000
"""Values (tables, lists, texts, numbers) in a scheme file, YAML aliases expanded: 10,000
targets of 100 values each. A "billion laughs" file (aliases of aliases) is refused
here, while it is read, before it has been expanded."""

MAX_YAML_ALIASES = 1_000
"""Aliases (``*name``) in a YAML scheme file: enough to reuse a scope in every target."""

MAX_SHOWN = 80
"""Characters of a value quoted in an error message; a longer one is cut in the middle."""


def _shortener() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxstring = short.maxother = short.maxlong = MAX_SHOWN
    short.maxlevel, short.maxdict, short.maxlist, short.maxtuple = 2, 4, 6, 6
    short.maxset = short.maxfrozenset = 6
    return short


_SHORT = _shortener()


def shown(value: object) -> str:
    """``repr(value)`` cut to about :data:`MAX_SHOWN` characters, for an error message.

    Every message that quotes what a person wrote goes through here, so that a
    megabyte-long label or a table of ten thousand entries gives a message of one line.

    >>> shown("Đào tạo")
    "'Đào tạo'"
    >>> len(shown("x" * 10_000)) <= 80
    True
    >>> shown(10**5000)
    '<a whole number of more than 4300 digits>'
    """
    try:
        return _SHORT.repr(value)
    except ValueError:  # int() refuses to write over 4300 digits
        if isinstance(value, int):
            return "<a whole number of more than 4300 digits>"
        return f"<{type(value).__name__}>"


def _fraction_digits(number: Decimal) -> int:
    """Digits after the decimal point of a finite number, trailing zeros aside.

    Read from the number's tuple, so that ``1E+999999999`` costs no more than ``1``
    (``normalize()`` would round to the context and ``format()`` would write every digit).
    """
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101  -- callers pass finite numbers
    if exponent >= -MAX_FRACTION_DIGITS:
        return max(-exponent, 0)  # the common case, without counting zeros
    if not any(digits):
        return 0
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(-(exponent + zeros), 0)


def number_problem(number: Decimal) -> str | None:
    """What is wrong with ``number`` against the limits, or ``None`` if it is within them.

    >>> number_problem(Decimal("272300000000")) is None
    True
    >>> number_problem(Decimal("1e100"))
    'has 101 digits before the decimal point; at most 18 are taken (below 10^18)'
    """
    if not number.is_finite():
        return "is not a finite number"
    before = number.adjusted() + 1 if number else 0
    if before > MAX_INTEGER_DIGITS:
        return (
            f"has {before} digits before the decimal point; at most {MAX_INTEGER_DIGITS} "
            f"are taken (below 10^{MAX_INTEGER_DIGITS})"
        )
    if (after := _fraction_digits(number)) > MAX_FRACTION_DIGITS:
        return (
            f"has {after} digits after the decimal point; at most {MAX_FRACTION_DIGITS} are taken"
        )
    return None


def date_problem(day: dt.date) -> str | None:
    """What is wrong with ``day`` against the limits, or ``None`` if it is within them."""
    if not FIRST_DATE <= day <= LAST_DATE:
        return f"{day.isoformat()} is outside the dates taken in, {FIRST_DATE} to {LAST_DATE}"
    return None
