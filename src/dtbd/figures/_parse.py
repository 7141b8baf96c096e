"""Reading Vietnamese figure phrases: "khoảng 15 - 17 người", "hơn 272,3 tỷ đồng".

A phrase is ``[qualifier words] number [range separator number] [scale] unit [trở lên]``.
The vocabulary lives in the tables below, so that a new word is one line of data.

Numbers follow the Vietnamese convention: "." groups thousands and "," marks decimals.
A dot must be followed by exactly three digits ("1.236" is 1236, "37.000" is 37000);
"2.5" is refused rather than guessed, since it is either a typo for "2,5" or for "2.500".

"khoảng hơn 18 tỷ đồng" (seed 003) reads as *more than* 18 tỷ: the hedge "khoảng" adds
nothing that can be checked, while "hơn" sets a bound, so the stricter word wins.
"từ 20 người" without "đến" reads as *at least* 20, like "từ 20 người trở lên". A scale
needs its unit: "11 tỷ" is refused, "11 tỷ đồng" is read, and so is "11 tỷ" with ``money=True``
(the sentence is about money). Digits, compound scales and words: ``_amounts.py``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

from dtbd._errors import FigureParseError
from dtbd._limits import shown
from dtbd.figures._amounts import SCALE_WORDS, read_amount, scaled
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
    # degrees and callings counted as heads: "5 tiến sĩ", "25 thạc sĩ"
    *("tiến sĩ", "tiến sỹ", "thạc sĩ", "thạc sỹ", "cử nhân", "kỹ sư", "bác sĩ"),
    *("nghiên cứu sinh", "sinh viên", "chuyên gia", "giáo viên", "nhà giáo"),
    *("bí thư", "phó bí thư", "giám đốc", "phó giám đốc", "trưởng ban", "phó trưởng ban"),
    *("đảng viên", "trí thức", "nhân sự"),
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
    "tháng": Unit.MONTH,
    "tuần": Unit.WEEK,
    "tuổi": Unit.AGE,
    "lần": Unit.TIMES,
    "nhóm": Unit.GROUP,
    **dict.fromkeys(("đồng", "vnđ", "vnd", "đ"), Unit.VND),
}
"""Unit words (lower case) after the number. A list of person words counts persons:
"cán bộ, công chức, viên chức"."""

# "lượt cán bộ" and the like, left out of the error message's list of units.
_PERSON_ATTENDANCE = frozenset(f"lượt {word}" for word in _PERSON_WORDS[1:])

# One word for each unit, so that the message stays a line however many nouns of persons
# ("cán bộ", "thạc sĩ", "giám đốc") the grammar knows.
_FIRST_WORDS = {unit: word for word, unit in reversed(UNIT_WORDS.items())}
_KNOWN_UNITS = (
    ", ".join(repr(word) for word in UNIT_WORDS if _FIRST_WORDS[UNIT_WORDS[word]] == word)
    + ", or a noun of persons such as 'cán bộ', 'công chức', 'thạc sĩ'"
)

_EXPECTED = (
    "expected a number such as '37.000' followed by a unit such as 'lượt', 'người', "
    "'tỷ đồng', '%', optionally after a qualifier such as 'khoảng', 'hơn', 'ít nhất'"
)


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that "lượt người" wins over "lượt" and "trên dưới" over "trên".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_QUALIFIER = re.compile(rf"({_alternation([*QUALIFIER_WORDS, _FROM_WORD])})(?:\s+|(?=\d))")
_RANGE_SEPARATOR = re.compile(r"\s*[-‐‑–—−]\s*|\s+(?:đến|tới)\s+")
_SUFFIX = re.compile(rf"\s*\b({_alternation(SUFFIX_WORDS)})$")
_UNIT = re.compile(rf"({_alternation(UNIT_WORDS)})(?=$|[\s,/])")
_MORE_PERSONS = re.compile(rf"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:{_alternation(_PERSON_WORDS)})")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip().rstrip(".;:,").strip().lower()


def _read_unit(text: str, rest: str, *, scaled: bool, money: bool) -> Unit:
    """The unit of what follows the number ("đồng", "lượt người", "%")."""
    if not rest:
        if scaled and money:
            return Unit.VND  # "kinh phí 11 tỷ": the sentence is about money
        raise FigureParseError(
            text, "expected a unit after the number, such as 'lượt', 'người', 'tỷ đồng', '%'"
        )
    match = _UNIT.match(rest)
    if match is None:
        raise FigureParseError(
            text,
            f"unknown unit {shown(rest)}; known units: {_KNOWN_UNITS} "
            "(money may take a scale first: 'tỷ đồng', 'triệu đồng', 'nghìn đồng')",
        )
    unit = UNIT_WORDS[match.group(1)]
    rest = rest[match.end() :]
    if unit in {Unit.PERSON, Unit.ATTENDANCE}:
        while more := _MORE_PERSONS.match(rest):
            rest = rest[more.end() :]
    if rest.startswith("/"):
        raise FigureParseError(
            text,
            f"unexpected words {shown(rest)} after the unit: they make a rate (per "
            f"{shown(rest[1:].strip())}), not a figure; write the number and its unit alone "
            "('60 người') and the 'per' in the target's words",
        )
    if rest:
        raise FigureParseError(
            text, f"unexpected words {shown(rest.strip())} after the unit; write the figure alone"
        )
    return unit


def _qualifier(text: str, words: list[str], *, is_range: bool, suffix: str | None) -> Qualifier:
    """The qualifier stated by the words around the number (see the module notes)."""
    stated = [QUALIFIER_WORDS[w] for w in words if w != _FROM_WORD]
    if len(stated) > 1 and stated[0] is Qualifier.ABOUT:
        stated = stated[1:]  # "khoảng hơn 18 tỷ" is "hơn 18 tỷ"
    if len(stated) > 1:
        raise FigureParseError(
            text, f"the qualifiers {shown(' '.join(words))} contradict each other"
        )
    if suffix is not None:
        if stated or is_range:
            raise FigureParseError(
                text, f"{shown(suffix)} cannot follow a range or another qualifier; write it alone"
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


def _read_numbers(text: str, rest: str) -> tuple[Decimal, Decimal, int | None, int, bool]:
    """Both ends, the last scale, where they end and whether a range was written."""
    first = read_amount(text, rest)
    if first is None:
        raise FigureParseError(text, _EXPECTED)
    if (separator := _RANGE_SEPARATOR.match(rest, first.end)) and (
        second := read_amount(text, rest, separator.end())
    ):
        low = first.value
        if first.scale is None and second.scale is not None:
            low = scaled(low, second.scale)  # "15 - 17 tỷ đồng": the scale is written once
        return low, second.value, second.scale, second.end, True
    return first.value, first.value, first.scale, first.end, False


def read_figure(
    text: str, *, money: bool = False
) -> tuple[Decimal | None, Decimal | None, Qualifier, Unit]:
    """Read a figure phrase into ``(low, high, qualifier, unit)``.

    ``money`` says that the sentence is about money, so that a scale without a unit is
    đồng: "11 tỷ" is refused alone and read as 11 tỷ đồng with ``money=True``.

    >>> read_figure("hơn 272,3 tỷ đồng")
    (Decimal('272300000000'), None, <Qualifier.MORE_THAN: 'more_than'>, <Unit.VND: 'vnd'>)
    >>> read_figure("khoảng từ 15 - 17 cán bộ")[:3]
    (Decimal('15'), Decimal('17'), <Qualifier.ABOUT: 'about'>)
    >>> read_figure("2 tỷ 500 triệu", money=True)[:2]
    (Decimal('2500000000'), Decimal('2500000000'))

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
    low, high, scale, at, is_range = _read_numbers(text, rest)
    rest = rest[at:]
    suffix = None
    if match := _SUFFIX.search(rest):
        suffix = match.group(1)
        rest = rest[: match.start()]
    unit = _read_unit(text, rest.strip(), scaled=scale is not None, money=money)
    if low > high:
        raise FigureParseError(text, f"the range starts above its end ({low} > {high})")
    if unit is Unit.VND and (low != int(low) or high != int(high)):
        raise FigureParseError(text, "money must be a whole number of đồng")
    qualifier = _qualifier(text, words, is_range=is_range and low != high, suffix=suffix)
    if qualifier in {Qualifier.AT_LEAST, Qualifier.MORE_THAN}:
        return low, None, qualifier, unit
    if qualifier in {Qualifier.AT_MOST, Qualifier.LESS_THAN}:
        return None, high, qualifier, unit
    return low, high, qualifier, unit
