"""The largest numbers and the range of dates dtbd takes in, each with its reason.

Every edge where a number comes in (a figure phrase, a ``Figure``, a scheme file, a record,
``--scale``) refuses what lies outside these limits with a message that names the place
and the limit, so that nothing downstream meets a number it cannot format or sum exactly.
``docs/figures.md`` states them for people.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_FRACTION_DIGITS",
    "MAX_INTEGER_DIGITS",
    "MAX_SCALE",
    "MAX_STUDY_DAYS",
    "SUM_PRECISION",
    "date_problem",
    "number_problem",
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
