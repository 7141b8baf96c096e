"""Numbers, money, percentages, dates and figures for people, in Vietnamese or English.

Everything goes through babel (CLDR data); the words of the domain (units, qualifiers,
the currency) are ``figure.*`` keys of :mod:`dtbd.words`. Vietnamese is the default;
``locale="en"`` gives English.

Money is shown in the largest CLDR "long" compact scale (triệu, tỷ, nghìn tỷ / million,
billion, trillion) with as many decimals as the amount needs, up to three: "272,3 tỷ
đồng", "272,35 tỷ đồng". An amount that needs more ("1.234.567.891 đồng") is written out
in full, so what is printed is always the exact amount and reads back to it.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from dtbd.figures._units import Qualifier, Unit
from dtbd.words import say

# babel's modules (~15 ms to import) are loaded by the functions that format, so that
# parsing a figure or building a model object does not load them.
if TYPE_CHECKING:
    import datetime as dt

    from babel import Locale

__all__ = [
    "LOCALES",
    "format_count",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_quantity",
]

LOCALES = ("vi", "en")
"""The locales dtbd formats in."""

RANGE_DASH = "–"
"""Ranges are printed with an en dash: "15–17 người"."""

MAX_MONEY_DECIMALS = 3
"""Most decimals shown in a compact amount ("1,234 tỷ"); beyond that it is written out."""

# English says "under 45 years of age" but "less than VND 90 billion".
_QUALIFIER_OVERRIDES: dict[tuple[Qualifier, Unit], str] = {
    (Qualifier.LESS_THAN, Unit.AGE): "figure.qualifier.less_than.age",
}

# The official date style of Decree 30/2020/NĐ-CP: days below 10 and the months January
# and February take a leading zero ("ngày 05 tháng 02 năm 2024", "ngày 17 tháng 11 năm
# 2023"). CLDR's Vietnamese "long" date ("17 tháng 11, 2023") is not that style, so the
# pattern is built from CLDR fields here. English follows the day-month-year order of the
# source documents.
_DATE_PATTERNS = {
    "vi": ("'ngày' dd 'tháng' MM 'năm' y", "'ngày' dd 'tháng' M 'năm' y"),
    "en": ("d MMMM y", "d MMMM y"),
}


def _check_locale(locale: str) -> str:
    if locale not in LOCALES:
        raise ValueError(
            f"unsupported locale {locale!r}: dtbd formats in 'vi' (Vietnamese) and "
            "'en' (English); pass locale='vi' or locale='en'"
        )
    return locale


def _check_number(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(
            f"expected an int or a Decimal, got {type(value).__name__} {value!r}; "
            "write the number as Decimal('272.3') so that it stays exact"
        )
    return Decimal(value)


@functools.cache
def _babel_locale(locale: str) -> Locale:
    from babel import Locale  # noqa: PLC0415  -- see the imports

    return Locale.parse(locale)


def format_number(value: int | Decimal, locale: str = "vi") -> str:
    """A number with the locale's separators, keeping every written decimal.

    >>> format_number(37000), format_number(37000, "en")
    ('37.000', '37,000')
    >>> format_number(Decimal("272.3"))
    '272,3'
    """
    from babel.numbers import format_decimal  # noqa: PLC0415  -- see the imports

    number = _check_number(value)
    return format_decimal(number, locale=_check_locale(locale), decimal_quantization=False)


def _money_scale(amount: Decimal) -> int:
    """The CLDR compact scale babel picks for ``amount``: 10⁶, 10⁹ or 10¹²; 1 below 10⁶."""
    if amount < 10**6:
        return 1
    digits = len(str(int(amount)))
    return int(10 ** (3 * min((digits - 1) // 3, 4)))


def _decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _money_amounts(low: Decimal, high: Decimal, locale: str) -> str:
    """Amounts without the currency, exact: '272,3 tỷ', '11–18 tỷ', '500.000'."""
    scale = _money_scale(high)
    decimals = max(_decimals(low / scale), _decimals(high / scale))
    if scale == 1 or decimals > MAX_MONEY_DECIMALS:
        return _numbers(low, high, locale)
    if low == high:
        from babel.numbers import format_compact_decimal  # noqa: PLC0415  -- see the imports

        return format_compact_decimal(
            high, format_type="long", locale=locale, fraction_digits=decimals
        )
    pattern = _babel_locale(locale).compact_decimal_formats["long"]["other"][str(scale)]
    word = pattern.pattern.lstrip("0").strip()
    return f"{_numbers(low / scale, high / scale, locale)} {word}"


def _money(low: Decimal, high: Decimal, locale: str) -> str:
    # The currency goes after the amount in Vietnamese and before it in English.
    return say("figure.money", locale, amounts=_money_amounts(low, high, locale))


def _numbers(low: Decimal, high: Decimal, locale: str) -> str:
    if low == high:
        return format_number(high, locale)
    return f"{format_number(low, locale)}{RANGE_DASH}{format_number(high, locale)}"


def format_money(amount: int | Decimal, locale: str = "vi") -> str:
    """An amount of VND, in the largest scale that shows it exactly.

    >>> format_money(Decimal("272300000000")), format_money(272_300_000_000, "en")
    ('272,3 tỷ đồng', 'VND 272.3 billion')
    >>> format_money(183_300_000), format_money(500_000), format_money(500_000, "en")
    ('183,3 triệu đồng', '500.000 đồng', 'VND 500,000')
    """
    number = _check_number(amount)
    return _money(number, number, _check_locale(locale))


def format_percent(value: int | Decimal, locale: str = "vi") -> str:
    """A percentage given as its written number: 80 is "80%".

    >>> format_percent(80), format_percent(Decimal("12.5"), "en")
    ('80%', '12.5%')
    """
    from babel.numbers import format_percent as babel_format_percent  # noqa: PLC0415  -- see the imports

    number = _check_number(value)
    return babel_format_percent(
        number / 100, locale=_check_locale(locale), decimal_quantization=False
    )


def _percent(low: Decimal, high: Decimal, locale: str) -> str:
    if low == high:
        return format_percent(high, locale)
    return f"{format_number(low, locale)}{RANGE_DASH}{format_percent(high, locale)}"


def format_date(day: dt.date, locale: str = "vi") -> str:
    """A date as official texts write it.

    >>> import datetime as dt
    >>> format_date(dt.date(2023, 11, 17)), format_date(dt.date(2023, 11, 17), "en")
    ('ngày 17 tháng 11 năm 2023', '17 November 2023')
    >>> format_date(dt.date(2025, 2, 8))
    'ngày 08 tháng 02 năm 2025'
    """
    from babel.dates import format_date as babel_format_date  # noqa: PLC0415  -- see the imports

    padded, plain = _DATE_PATTERNS[_check_locale(locale)]
    pattern = padded if day.month in {1, 2} else plain
    return babel_format_date(day, pattern, locale=locale)


def _amount(low: Decimal, high: Decimal, unit: Unit, locale: str) -> str:
    if unit is Unit.VND:
        return _money(low, high, locale)
    if unit is Unit.PERCENT:
        return _percent(low, high, locale)
    # The plural follows the number as printed: Decimal("1.0") prints as "1", so "1 person".
    # Vietnamese nouns do not inflect: both of its forms are the same word.
    shown = int(high) if high == int(high) else high.normalize()
    form = "one" if _babel_locale(locale).plural_form(shown) == "one" else "other"
    word = say(f"figure.unit.{unit.value}.{form}", locale)
    return f"{_numbers(low, high, locale)} {word}"


def format_count(value: int | Decimal, unit: Unit, locale: str = "vi") -> str:
    """A number with its unit: "37.000 lượt", "37,000 person-times".

    >>> format_count(37000, Unit.ATTENDANCE), format_count(37000, Unit.ATTENDANCE, "en")
    ('37.000 lượt', '37,000 person-times')
    >>> format_count(1, Unit.PERSON, "en"), format_count(80, Unit.PERCENT)
    ('1 person', '80%')
    """
    number = _check_number(value)
    return _amount(number, number, unit, _check_locale(locale))


def format_quantity(
    low: Decimal | None, high: Decimal | None, qualifier: Qualifier, unit: Unit, locale: str = "vi"
) -> str:
    """A stated quantity in words: its qualifier, its number or range, its unit.

    :func:`dtbd.format_figure` formats a :class:`~dtbd.Figure` through it.

    >>> format_quantity(Decimal(15), Decimal(17), Qualifier.ABOUT, Unit.PERSON)
    'khoảng 15–17 người'
    """
    locale = _check_locale(locale)
    ends = [end for end in (low, high) if end is not None]
    text = _amount(ends[0], ends[-1], unit, locale)
    if qualifier is Qualifier.EXACT:
        return text
    key = _QUALIFIER_OVERRIDES.get((qualifier, unit), f"figure.qualifier.{qualifier.value}")
    return f"{say(key, locale)} {text}"
