"""The number of a figure phrase: digits, digits with scales, or words.

"37.000", "272,3 tỷ", "2 tỷ 500 triệu" (scales highest first, each after its own number),
"8 ngàn", "tám nghìn", "hai trăm". The text given is normalised (lower case, one space).
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from dtbd._errors import FigureParseError
from dtbd._limits import number_problem, shown
from dtbd.figures._numberwords import NUMBER_WORDS, parse_number_words

__all__ = ["SCALE_WORDS", "Amount", "read_amount"]

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

_NUMBER_TOKEN = re.compile(r"\d[\d.,]*")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_SCALE = re.compile(
    "("
    + "|".join(re.escape(w) for w in sorted(SCALE_WORDS, key=len, reverse=True))
    + r")(?=$|[\s,.;:)])"
)
_NEXT_PART = re.compile(r" (\d[\d.,]*) ")
_WORD = re.compile(r"[^\W\d_]+")


@attrs.frozen
class Amount:
    """A number read from the start of a phrase.

    Attributes:
        value: the number, scales applied.
        scale: the last scale word's factor ("17 tỷ": 10⁹), or ``None`` without one.
        end: where the number ends in the phrase read.
    """

    value: Decimal
    scale: int | None
    end: int


def _check(text: str, number: Decimal) -> Decimal:
    if problem := number_problem(number):
        raise FigureParseError(text, f"the number {problem}")
    return number


def _digits(text: str, token: str) -> Decimal:
    if not _NUMBER.fullmatch(token):
        raise FigureParseError(
            text,
            f"{shown(token)} is not a number as Vietnamese texts write it: '.' groups thousands "
            "in threes (37.000) and ',' marks decimals (3,6)",
        )
    return _check(text, Decimal(token.replace(".", "").replace(",", ".")))


def scaled(number: Decimal, scale: int) -> Decimal:
    """``number × scale``, whole when it is whole: "1,5 nghìn" is 1500, not 1500.0."""
    if scale == 1:
        return number
    number *= scale
    return number.quantize(Decimal(1)) if number == int(number) else number.normalize()


def _scale_at(rest: str, at: int) -> tuple[int, int] | None:
    """The scale word at ``at`` (after one optional space) and where it ends."""
    start = at + 1 if rest[at : at + 1] == " " else at
    match = _SCALE.match(rest, start)
    return (SCALE_WORDS[match.group(1)], match.end()) if match else None


def _read_digits(text: str, rest: str, start: int) -> Amount | None:
    token = _NUMBER_TOKEN.match(rest, start)
    if token is None:
        return None
    written = token.group().rstrip(".,")
    value = _digits(text, written)
    end = start + len(written)
    found = _scale_at(rest, end)
    if found is None:
        return Amount(value, None, end)
    scale, end = found
    value = _check(text, scaled(value, scale))
    # "2 tỷ 500 triệu": a further number with a smaller scale adds to the first.
    while (part := _NEXT_PART.match(rest, end)) and (
        (more := _scale_at(rest, part.end() - 1)) and more[0] < scale
    ):
        scale, end = more
        value = _check(text, value + scaled(_digits(text, part.group(1).rstrip(".,")), scale))
    return Amount(value, scale, end)


def _read_words(text: str, rest: str, start: int) -> Amount | None:
    spans: list[tuple[int, int]] = []
    at = start
    while (word := _WORD.match(rest, at)) and word.group() in NUMBER_WORDS:
        spans.append(word.span())
        if rest[word.end() : word.end() + 1] != " ":
            break
        at = word.end() + 1
    # The longest run of words that is a number: "hai mươi năm" is 20 and then "năm" (years).
    for count in range(len(spans), 0, -1):
        words = rest[start : spans[count - 1][1]]
        try:
            value = parse_number_words(words)
        except ValueError:
            continue
        last = words.rsplit(" ", 1)[-1]
        return Amount(_check(text, value), SCALE_WORDS.get(last), spans[count - 1][1])
    return None


def read_amount(text: str, rest: str, start: int = 0) -> Amount | None:
    """The number at ``rest[start:]`` in digits or in words, or ``None`` if none is there.

    ``text`` is the phrase as given, quoted by errors.

    >>> read_amount("", "2 tỷ 500 triệu đồng")
    Amount(value=Decimal('2500000000'), scale=1000000, end=14)
    >>> read_amount("", "tám nghìn người").value
    Decimal('8000')
    """
    return _read_digits(text, rest, start) or _read_words(text, rest, start)
