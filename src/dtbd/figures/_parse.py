"""Reading Vietnamese figure phrases: "khoảng 15 - 17 người", "hơn 272,3 tỷ đồng".

A phrase is ``[qualifier words] number [range separator number] [scale] unit [trở lên]``.
The vocabulary lives in the tables below, so that a new word is one line of data.

Numbers follow the Vietnamese convention: "." groups thousands and "," marks decimals.
A dot must be followed by exactly three digits ("1.236" is 1236, "37.000" is 37000);
"2.5" is refused rather than guessed, since it is either a typo for "2,5" or for "2.500".

"khoảng hơn 18 tỷ đồng" (seed 003) reads as *more than* 18 tỷ: the hedge "khoảng" adds
nothing that can be checked, while "hơn" sets a bound, so the stricter word wins.
"từ 20 người" without "đến" reads as *at least* 20, like "từ 20 người trở lên". A scale
needs its unit: "11 tỷ" is refused, "11 tỷ đồng" is read.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

from dtbd._errors import FigureParseError
from dtbd._limits import number_problem
from dtbd.figures._units import Qualifier, Unit

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["QUALIFIER_WORDS", "SCALE_WORDS", "SUFFIX_WORDS", "UNIT_WORDS", "read_figure"]

QUALIFIER_WORDS: dict[str, Qualifier] = {
    "khoảng": Qualifier.ABOUT,
    "khoảng chừng": Qualifier.ABOUT,
    "chừng": Qualifier.ABOUT,
    "xấp xỉ": Qualifier.ABOUT,
    "trên dưới": Qualifier.ABOUT,
    "gần": Qualifier.NEARLY,
    "hơn": Qualifier.MORE_THAN,
    "trên": Qualifier.MORE_THAN,
    "nhiều hơn": Qualifier.MORE_THAN,
    "ít nhất": Qualifier.AT_LEAST,
    "tối thiểu": Qualifier.AT_LEAST,
    "không dưới": Qualifier.AT_LEAST,
    "không ít hơn": Qualifier.AT_LEAST,
    "tối đa": Qualifier.AT_MOST,
    "không quá": Qualifier.AT_MOST,
    "không vượt quá": Qualifier.AT_MOST,
    "không nhiều hơn": Qualifier.AT_MOST,
    "dưới": Qualifier.LESS_THAN,
    "ít hơn": Qualifier.LESS_THAN,
    "chưa đến": Qualifier.LESS_THAN,
    "chưa tới": Qualifier.LESS_THAN,
}
"""Words before the number and the qualifier each states."""

_FROM_WORD = "từ"  # "từ 15 đến 17" (a range) or "từ 20 người trở lên" (at least)

SUFFIX_WORDS: dict[str, Qualifier] = {
    "trở lên": Qualifier.AT_LEAST,
    "trở xuống": Qualifier.AT_MOST,
}
"""Words after the unit: "từ 20 người trở lên", "45 tuổi trở xuống"."""

SCALE_WORDS: dict[str, int] = {
    "nghìn tỷ": 10**12,
    "ngàn tỷ": 10**12,
    "nghìn tỉ": 10**12,
    "ngàn tỉ": 10**12,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "triệu": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
}
"""Words that multiply the number: "272,3 tỷ đồng" is 272 300 000 000 đồng."""

_PERSON_WORDS = (
    "người",
    "cán bộ",
    "công chức",
    "viên chức",
    "học viên",
    "đại biểu",
    "lãnh đạo",
    "giảng viên",
    "trưởng phòng",
    "phó trưởng phòng",
    "chủ tịch",
    "phó chủ tịch",
)

UNIT_WORDS: dict[str, Unit] = {
    **dict.fromkeys(_PERSON_WORDS, Unit.PERSON),
    "lượt": Unit.ATTENDANCE,
    **{f"lượt {word}": Unit.ATTENDANCE for word in _PERSON_WORDS},
    **dict.fromkeys(
        (
            *("khóa", "khoá", "lớp", "khóa học", "khoá học", "lớp học"),
            *("khóa bồi dưỡng", "khoá bồi dưỡng", "lớp bồi dưỡng"),
            *("khóa đào tạo", "khoá đào tạo", "lớp đào tạo"),
        ),
        Unit.COURSE,
    ),
    "chuyên đề": Unit.TOPIC,
    "%": Unit.PERCENT,
    "phần trăm": Unit.PERCENT,
    "ngày": Unit.DAY,
    "tiết": Unit.LESSON,
    "năm": Unit.YEAR,
    "tuổi": Unit.AGE,
    "lần": Unit.TIMES,
    "nhóm": Unit.GROUP,
    **dict.fromkeys(("đồng", "vnđ", "vnd", "đ"), Unit.VND),
}
"""Unit words (lower case) after the number. A list of person words counts persons:
"cán bộ, công chức, viên chức"."""

# "lượt cán bộ" and the like, left out of the error message's list of units.
_PERSON_ATTENDANCE = frozenset(f"lượt {word}" for word in _PERSON_WORDS[1:])

_EXPECTED = (
    "expected a number such as '37.000' followed by a unit such as 'lượt', 'người', "
    "'tỷ đồng', '%', optionally after a qualifier such as 'khoảng', 'hơn', 'ít nhất'"
)


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that "lượt người" wins over "lượt" and "trên dưới" over "trên".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_QUALIFIER = re.compile(rf"({_alternation([*QUALIFIER_WORDS, _FROM_WORD])})(?:\s+|(?=\d))")
_NUMBER_TOKEN = re.compile(r"\d[\d.,]*")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_RANGE_SEPARATOR = re.compile(r"\s*[-‐‑–—−]\s*|\s+(?:đến|tới)\s+")
_SUFFIX = re.compile(rf"\s*\b({_alternation(SUFFIX_WORDS)})$")
_SCALE = re.compile(rf"({_alternation(SCALE_WORDS)})(?=$|[\s,])\s*")
_UNIT = re.compile(rf"({_alternation(UNIT_WORDS)})(?=$|[\s,/])")
_MORE_PERSONS = re.compile(rf"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:{_alternation(_PERSON_WORDS)})")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip().rstrip(".;:,").strip().lower()


def _number(text: str, token: str) -> Decimal:
    if not _NUMBER.fullmatch(token):
        raise FigureParseError(
            text,
            f"{token!r} is not a number as Vietnamese texts write it: '.' groups thousands "
            "in threes (37.000) and ',' marks decimals (3,6)",
        )
    return Decimal(token.replace(".", "").replace(",", "."))


def _scaled(number: Decimal, scale: int) -> Decimal:
    # "1,5 nghìn" is Decimal('1500'), not Decimal('1500.0') nor Decimal('1.5E+3').
    if scale == 1:
        return number
    number *= scale
    return number.quantize(Decimal(1)) if number == int(number) else number.normalize()


def _check_limits(text: str, *numbers: Decimal) -> None:
    for number in numbers:
        if problem := number_problem(number):
            raise FigureParseError(text, f"the number {problem}")


def _scaled_within_limits(
    text: str, low: Decimal, high: Decimal, scale: int
) -> tuple[Decimal, Decimal]:
    """Both ends times the scale, refused beyond the limits.

    Checked before scaling too, so that a number of thousands of digits is never multiplied.
    """
    _check_limits(text, low, high)
    if scale == 1:
        return low, high
    low, high = _scaled(low, scale), _scaled(high, scale)
    _check_limits(text, low, high)
    return low, high


def _read_unit(text: str, rest: str) -> tuple[int, Unit]:
    """The scale and unit of what follows the number ("tỷ đồng", "lượt người", "%")."""
    scale = 1
    if match := _SCALE.match(rest):
        scale = SCALE_WORDS[match.group(1)]
        rest = rest[match.end() :]
    if not rest:
        raise FigureParseError(
            text, "expected a unit after the number, such as 'lượt', 'người', 'tỷ đồng', '%'"
        )
    match = _UNIT.match(rest)
    if match is None:
        known = ", ".join(repr(word) for word in UNIT_WORDS if word not in _PERSON_ATTENDANCE)
        raise FigureParseError(
            text,
            f"unknown unit {rest!r}; known units: {known} "
            "(money may take a scale first: 'tỷ đồng', 'triệu đồng', 'nghìn đồng')",
        )
    unit = UNIT_WORDS[match.group(1)]
    rest = rest[match.end() :]
    if unit in {Unit.PERSON, Unit.ATTENDANCE}:
        while more := _MORE_PERSONS.match(rest):
            rest = rest[more.end() :]
    if rest:
        raise FigureParseError(
            text, f"unexpected words {rest.strip()!r} after the unit; write the figure alone"
        )
    return scale, unit


def _qualifier(text: str, words: list[str], *, is_range: bool, suffix: str | None) -> Qualifier:
    """The qualifier stated by the words around the number (see the module notes)."""
    stated = [QUALIFIER_WORDS[w] for w in words if w != _FROM_WORD]
    if len(stated) > 1 and stated[0] is Qualifier.ABOUT:
        stated = stated[1:]  # "khoảng hơn 18 tỷ" is "hơn 18 tỷ"
    if len(stated) > 1:
        raise FigureParseError(text, f"the qualifiers {' '.join(words)!r} contradict each other")
    if suffix is not None:
        if stated or is_range:
            raise FigureParseError(
                text, f"{suffix!r} cannot follow a range or another qualifier; write it alone"
            )
        return SUFFIX_WORDS[suffix]
    if is_range:
        qualifier = stated[0] if stated else Qualifier.EXACT
        if qualifier not in {Qualifier.EXACT, Qualifier.ABOUT, Qualifier.NEARLY}:
            raise FigureParseError(
                text, "a range takes only 'khoảng' or 'gần' before it ('khoảng 15 - 17 người')"
            )
        return qualifier
    if stated:
        return stated[0]
    return Qualifier.AT_LEAST if _FROM_WORD in words else Qualifier.EXACT


def read_figure(text: str) -> tuple[Decimal | None, Decimal | None, Qualifier, Unit]:
    """Read a figure phrase into ``(low, high, qualifier, unit)``.

    >>> read_figure("hơn 272,3 tỷ đồng")
    (Decimal('272300000000'), None, <Qualifier.MORE_THAN: 'more_than'>, <Unit.VND: 'vnd'>)
    >>> read_figure("khoảng từ 15 - 17 cán bộ")[:3]
    (Decimal('15'), Decimal('17'), <Qualifier.ABOUT: 'about'>)

    Raises:
        FigureParseError: the text is not a figure phrase; the message quotes it.
        TypeError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"a figure phrase must be a string, got {type(text).__name__}")
    rest = _normalise(text)
    words: list[str] = []
    while match := _QUALIFIER.match(rest):
        words.append(match.group(1))
        rest = rest[match.end() :]
    token = _NUMBER_TOKEN.match(rest)
    if token is None:
        raise FigureParseError(text, _EXPECTED)
    low = high = _number(text, token.group().rstrip(".,"))
    rest = rest[len(token.group().rstrip(".,")) :]
    is_range = False
    if (separator := _RANGE_SEPARATOR.match(rest)) and (
        second := _NUMBER_TOKEN.match(rest, separator.end())
    ):
        high = _number(text, second.group())
        rest = rest[second.end() :]
        is_range = True
    suffix = None
    if match := _SUFFIX.search(rest):
        suffix = match.group(1)
        rest = rest[: match.start()]
    scale, unit = _read_unit(text, rest.strip())
    if low > high:
        raise FigureParseError(text, f"the range starts above its end ({low} > {high})")
    low, high = _scaled_within_limits(text, low, high, scale)
    if unit is Unit.VND and (low != int(low) or high != int(high)):
        raise FigureParseError(text, "money must be a whole number of đồng")
    qualifier = _qualifier(text, words, is_range=is_range and low != high, suffix=suffix)
    if qualifier in {Qualifier.AT_LEAST, Qualifier.MORE_THAN}:
        return low, None, qualifier, unit
    if qualifier in {Qualifier.AT_MOST, Qualifier.LESS_THAN}:
        return None, high, qualifier, unit
    return low, high, qualifier, unit
