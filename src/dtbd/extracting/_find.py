"""Finding the figure phrases of a text: where each number starts and how far it reads."""

from __future__ import annotations

import re

import attrs

from dtbd._errors import FigureParseError
from dtbd.extracting._lexicon import FURNITURE_AFTER, FURNITURE_BEFORE, MONEY_WORDS
from dtbd.extracting._text import Text
from dtbd.figures._amounts import SCALE_WORDS
from dtbd.figures._figure import Figure
from dtbd.figures._numberwords import NUMBER_WORDS
from dtbd.figures._parse import QUALIFIER_WORDS, UNIT_WORDS

__all__ = ["Found", "find_figures"]

_MAX_WORDS = 12  # a figure phrase is short: "khoảng từ 15 - 17 cán bộ, công chức, viên chức"
_WORD = re.compile(r"[^\W_]+|%")
_DIGIT_START = re.compile(r"(?<![\w/.,\-])\d")
_LEFT_WORDS = tuple(sorted([*QUALIFIER_WORDS, "từ"], key=len, reverse=True))
# A figure has a unit (or, about money, a scale) within a few words of its number: a
# number with neither near it is not tried at all.
_UNIT_NEAR = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(w) for w in sorted({*UNIT_WORDS, *SCALE_WORDS}, key=len, reverse=True))
    + r")(?!\w)|%"
)
_NEAR = 60
_FURNITURE = re.compile(
    r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in FURNITURE_BEFORE) + r")\s*[:.]?\s*$"
)


@attrs.frozen
class Found:
    """A figure phrase at ``start:end`` of the NFC text; ``number_start`` is its number's."""

    figure: Figure
    start: int
    end: int
    number_start: int
    in_words: bool
    money_by_context: bool


def _number_starts(lower: str) -> list[tuple[int, bool]]:
    starts = [(m.start(), False) for m in _DIGIT_START.finditer(lower)]
    previous_end = -2
    for word in _WORD.finditer(lower):
        if word.group() in NUMBER_WORDS:
            if word.start() != previous_end + 1:
                starts.append((word.start(), True))
            previous_end = word.end()
    return sorted(starts)


def _word_ends(lower: str, start: int, limit: int) -> list[int]:
    ends = [m.end() for m in _WORD.finditer(lower, start, limit)][: _MAX_WORDS + 4]
    return ends[::-1]


def _left_starts(lower: str, at: int) -> list[int]:
    """Starts of qualifier words right before ``at`` ("khoảng từ 15"), farthest first."""
    starts = [at]
    for _ in range(2):
        here = starts[-1]
        for word in _LEFT_WORDS:
            begin = here - len(word) - 1
            if (
                begin >= 0
                and lower[begin:here] == f"{word} "
                and (begin == 0 or not lower[begin - 1].isalnum())
            ):
                starts.append(begin)
                break
    return starts[::-1]


def _read(phrase: str, *, money: bool) -> Figure | None:
    try:
        return Figure.parse(phrase, money=money)
    except (FigureParseError, ValueError):
        return None


def _at(nfc: str, lower: str, start: int, limit: int, *, money: bool) -> Found | None:
    if not _UNIT_NEAR.search(lower, start, min(limit, start + _NEAR)):
        return None
    ends = _word_ends(lower, start, limit)
    words = not lower[start].isdigit()
    for left in _left_starts(lower, start):
        for by_context in (False, True) if money else (False,):
            read = [(end, f) for end in ends if (f := _read(nfc[left:end], money=by_context))]
            if read:
                # The shortest phrase is the figure ("400 cán bộ" of "400 cán bộ, công chức
                # lãnh đạo"), unless more words change it ("45 tuổi trở xuống").
                end, figure = read[-1] if read[-1][1] == read[0][1] else read[0]
                if lower.startswith(" người", end) and _read(
                    nfc[left : end + 6], money=by_context
                ):
                    end += 6  # "lượt người" (person-times) is one term
                return Found(figure, left, end, start, words, money_by_context=by_context)
    return None


def _is_furniture(lower: str, hit: Found, sentence_start: int, sentence_end: int) -> bool:
    """A figure alone on its line ("100%" under "Lượt xem: 39") or a page counter."""
    alone = lower[sentence_start:sentence_end].strip(" .:|") == lower[hit.start : hit.end]
    after = lower[hit.end : hit.end + 20].lstrip()
    return alone or after.startswith(FURNITURE_AFTER)


def find_figures(text: Text) -> list[Found]:
    """Every figure phrase of the text, left to right, references and dates left out."""
    nfc, lower, sentences = text.nfc, text.lower, text.sentences
    found: list[Found] = []
    for sentence_start, sentence_end in sentences:
        sentence = lower[sentence_start:sentence_end]
        money = any(word in sentence for word in MONEY_WORDS)
        reached = sentence_start
        for start, _ in _number_starts(sentence):
            at = sentence_start + start
            if at < reached or _FURNITURE.search(lower[max(0, at - 16) : at]):
                continue
            hit = _at(nfc, lower, at, sentence_end, money=money)
            if hit is None or _is_furniture(lower, hit, sentence_start, sentence_end):
                continue
            found.append(hit)
            reached = hit.end
    return found
