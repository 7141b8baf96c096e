"""Vietnamese number words: "tám nghìn", "hai trăm", "một trăm linh năm", "hai mươi lăm".

A small strict grammar, read and written both ways (``tests/test_parse.py`` holds
``parse_number_words(format_number_words(n)) == n`` as a property).

The packages judged for this (issue 16) were not used: ``vietnam-number`` is GPL-3.0,
which an MIT library cannot take, and ``vn-numberwords`` 0.2.0 is lenient where a
reader of plans must be strict: it reads "tám xyz" as 8, "nghìn" alone as 0, "hai hai"
as 22 and "ba mươi lăm phần trăm" as 500, so a word that is not a number would
silently become one.

The grammar of a group below a thousand::

    [digit "trăm"] ( "linh"|"lẻ" digit        -- only after "trăm": 105, 501
                   | "mười" [unit-after-mười] -- 10 to 19: "mười lăm"
                   | digit "mươi" [unit-after-mươi]  -- 20 to 99: "hai mươi mốt"
                   | digit )                  -- 1 to 9, only without "trăm"

After "mười" and "mươi" five is "lăm" (or "nhăm") and never "năm": "hai mươi năm" is
twenty years, not twenty-five. Groups join with "nghìn"/"ngàn", "triệu" and "tỷ"/"tỉ", the
highest first; an inner group below a hundred may begin "không trăm" ("hai nghìn không
trăm hai mươi lăm"), and "rưỡi" after a scale adds half of it ("hai triệu rưỡi").
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["NUMBER_WORDS", "format_number_words", "parse_number_words"]

_DIGITS = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
# The units digit after "mươi": "hai mươi mốt" (21), "hai mươi tư" (24), "hai mươi lăm" (25).
_AFTER_TENS = {
    **{word: value for word, value in _DIGITS.items() if value not in {0, 5}},
    "mốt": 1,
    "tư": 4,
    "lăm": 5,
    "nhăm": 5,
}
_AFTER_TEN = {word: value for word, value in _AFTER_TENS.items() if word not in {"mốt", "tư"}}
_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_OTHERS = ("trăm", "mười", "mươi", "linh", "lẻ", "rưỡi")

NUMBER_WORDS = frozenset((*_DIGITS, *_AFTER_TENS, *_SCALES, *_OTHERS))
"""Every word that may stand in a number written in words."""


class _NotANumberError(ValueError):
    pass


def _group(words: list[str], *, inner: bool) -> int:
    """A group below a thousand; ``inner`` groups (after a scale) may say "không trăm"."""
    rest = list(words)
    hundreds = None
    if len(rest) >= 2 and rest[1] == "trăm" and rest[0] in _DIGITS:
        hundreds = _DIGITS[rest[0]]
        if hundreds == 0 and not inner:
            raise _NotANumberError("'không trăm' only stands inside a number")
        rest = rest[2:]
    if not rest:
        return (hundreds or 0) * 100
    if len(rest) == 1 and rest[0] in _DIGITS and hundreds is None:
        return _DIGITS[rest[0]]
    if rest[0] in {"linh", "lẻ"}:
        if (hundreds is None and not inner) or len(rest) != 2 or _DIGITS.get(rest[1], 0) == 0:
            raise _NotANumberError("'linh' stands between 'trăm' and a digit: 'một trăm linh năm'")
        return (hundreds or 0) * 100 + _DIGITS[rest[1]]
    return (hundreds or 0) * 100 + _tens(rest, words)


def _tens(rest: list[str], words: list[str]) -> int:
    """10 to 99: "mười lăm", "hai mươi mốt"."""
    if rest[0] == "mười":
        if len(rest) > 2 or (len(rest) == 2 and rest[1] not in _AFTER_TEN):
            raise _NotANumberError("after 'mười' comes one digit, five as 'lăm': 'mười lăm'")
        return 10 + (_AFTER_TEN[rest[1]] if len(rest) == 2 else 0)
    if len(rest) >= 2 and rest[1] == "mươi":
        tens = _DIGITS.get(rest[0], 0)
        if tens < 2 or len(rest) > 3 or (len(rest) == 3 and rest[2] not in _AFTER_TENS):
            raise _NotANumberError("'mươi' follows a digit from two to nine: 'hai mươi lăm'")
        return tens * 10 + (_AFTER_TENS[rest[2]] if len(rest) == 3 else 0)
    raise _NotANumberError(f"{' '.join(words)!r} is not a group of number words")


def _number(words: list[str], *, inner: bool = False, below: int | None = None) -> Decimal:
    present = [word for word in words if word in _SCALES]
    if not present:
        return Decimal(_group(words, inner=inner))
    top = max(_SCALES[word] for word in present)
    at = max(i for i, word in enumerate(words) if word in _SCALES and _SCALES[word] == top)
    if below is not None and top >= below:
        raise _NotANumberError("the scales must come highest first: 'hai tỷ năm trăm triệu'")
    head, tail = words[:at], words[at + 1 :]
    if not head:
        raise _NotANumberError(f"a scale word needs a number before it: 'một {words[at]}'")
    multiplier = _number(head, inner=inner, below=None if top == 10**9 else top)
    if multiplier == 0:
        raise _NotANumberError("a number of words cannot be zero times a scale")
    value = multiplier * top
    if tail[:1] == ["rưỡi"]:
        if len(tail) > 1:
            raise _NotANumberError("'rưỡi' ends the number: 'hai triệu rưỡi'")
        return value + top // 2
    if tail:
        value += _number(tail, inner=True, below=top)
    return value


def parse_number_words(text: str) -> Decimal:
    """The number that Vietnamese words write, strictly: a word that is not one refuses.

    >>> parse_number_words("tám nghìn"), parse_number_words("một trăm linh năm")
    (Decimal('8000'), Decimal('105'))
    >>> parse_number_words("hai tỷ năm trăm triệu")
    Decimal('2500000000')

    Raises:
        ValueError: the words are not a number, with the reason.
    """
    words = text.lower().split()
    if not words or any(word not in NUMBER_WORDS for word in words):
        raise ValueError(f"{text!r} is not a number written in words")
    try:
        return _number(words)
    except _NotANumberError as exc:
        raise ValueError(f"{text!r} is not a number written in words: {exc}") from None


def _format_group(value: int, *, inner: bool) -> list[str]:
    names = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
    hundreds, tens, units = value // 100, value // 10 % 10, value % 10
    words: list[str] = []
    if hundreds or inner:
        words += [names[hundreds], "trăm"]
    if tens == 0 and units:
        words += ["linh", names[units]] if words else [names[units]]
    elif tens == 1:
        words += ["mười"] + (["lăm" if units == 5 else names[units]] if units else [])
    elif tens:
        after = {1: "mốt", 4: "tư", 5: "lăm"}.get(units, names[units])
        words += [names[tens], "mươi"] + ([after] if units else [])
    return words


def format_number_words(value: int) -> str:
    """A whole number from 0 up in Vietnamese words, as official texts write them.

    >>> format_number_words(2025), format_number_words(2_500_000_000)
    ('hai nghìn không trăm hai mươi lăm', 'hai tỷ năm trăm triệu')

    Raises:
        ValueError: ``value`` is negative.
    """
    if value < 0:
        raise ValueError(f"cannot write a negative number in words: {value}")
    if value == 0:
        return "không"
    return " ".join(_format(value, inner=False))


def _format(value: int, *, inner: bool) -> list[str]:
    billions, rest = divmod(value, 10**9)
    words: list[str] = []
    if billions:
        words += [*_format(billions, inner=inner), "tỷ"]
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group, rest = divmod(rest, scale)
        if group:
            words += _format_group(group, inner=inner or bool(words))
            words += [name] if name else []
    return words
