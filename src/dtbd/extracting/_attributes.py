"""What a figure counts and of whom, when, led by whom: read from the words around it."""

from __future__ import annotations

import functools
import re

from dtbd.extracting._candidate import Timing
from dtbd.extracting._lexicon import (
    ACTIVITY_WORDS,
    ASPIRATION_WORDS,
    CATEGORY_WORDS,
    LEAD_AGENCY_HEADS,
    LEADERSHIP_WORDS,
    LEVEL_WORDS,
    LOCATION_WORDS,
    PER_YEAR_WORDS,
    REPORTED_WORDS,
)
from dtbd.model._categories import Activity, Level, Location, StaffCategory
from dtbd.model._target import Cadence

__all__ = [
    "activity_of",
    "aspirational",
    "categories_of",
    "lead_of",
    "leadership_of",
    "levels_of",
    "location_of",
    "noun_phrase_end",
    "reported",
    "timing_of",
]

_DASH = r"\s*[-‐‑–—−]\s*"
_PERIOD = re.compile(
    r"(?:giai đoạn|thời kỳ|từ năm|từ|trong)\s+(?:\d+\s+năm\s+)?(?:từ\s+)?(?:năm\s+)?"
    rf"((?:19|20)\d\d)(?:{_DASH}|\s+(?:đến|tới)\s+(?:năm\s+)?)((?:19|20)\d\d)"
)
_TERM = re.compile(
    rf"nhiệm kỳ\s+((?:19|20)\d\d){_DASH}((?:19|20)\d\d)|(?:trong|mỗi|một)\s+nhiệm kỳ"
)
_DEADLINE = re.compile(r"(?:đến|tới|trước|đến hết|hết)\s+(?:hết\s+)?năm\s+((?:19|20)\d\d)")
_YEAR = re.compile(r"(?:trong\s+)?năm\s+((?:19|20)\d\d)")
# The noun phrase of a figure ends at a clause mark or a word that starts a new clause.
_PHRASE_END = re.compile(
    r"\s*[;:(\n|]|\.(?:\s|$)|\s+(?:trong đó|với|để|đi|sang|tại|theo|nhằm|được|đạt|có|"
    r"về|từ|đến|trở lên|hằng năm|hàng năm|mỗi năm|phấn đấu|kinh phí)\b"
)
_MAX_PHRASE = 90
_HEADS = "|".join(re.escape(h) for h in LEAD_AGENCY_HEADS)
_NAME = r"[^\W\d_][^,.;:()\n]{0,50}?"
_LEAD = re.compile(
    rf"((?:{_HEADS})\s+{_NAME})\s+(?:sẽ\s+|cũng\s+sẽ\s+|là cơ quan\s+|được giao\s+)?"
    r"(?:chủ trì|có chỉ tiêu|được giao chỉ tiêu)"
    rf"|chủ trì[:,]?\s+((?:{_HEADS})\s+[^,.;()\n]{{1,50}})"
)


def noun_phrase_end(lower: str, start: int, limit: int) -> int:
    """Where the noun phrase that starts at ``start`` ends (before ``limit``)."""
    stop = _PHRASE_END.search(lower, start, min(limit, start + _MAX_PHRASE))
    end = stop.start() if stop else min(limit, start + _MAX_PHRASE)
    if stop is None and end < limit:
        end = lower.rfind(" ", start, end) if " " in lower[start:end] else end
    return end


@functools.cache
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def _matched(words: tuple[tuple[str, object], ...], text: str) -> list[object]:
    found, rest = [], f" {text} "
    for word, value in words:
        pattern = _word_pattern(word)
        if word in rest and pattern.search(rest):
            rest = pattern.sub(" ", rest)
            if value not in found:
                found.append(value)
    return found


def categories_of(phrase: str) -> tuple[StaffCategory, ...]:
    """The staff categories the phrase names ("cán bộ, công chức cấp xã": commune cadres)."""
    return tuple(v for v in _matched(CATEGORY_WORDS, phrase) if isinstance(v, StaffCategory))


def levels_of(phrase: str) -> tuple[Level, ...]:
    """The levels of government the phrase names."""
    return tuple(v for v in _matched(LEVEL_WORDS, phrase) if isinstance(v, Level))


def leadership_of(phrase: str) -> bool:
    """Whether the phrase makes the persons leaders or managers."""
    return any(w in phrase and _word_pattern(w).search(phrase) for w in LEADERSHIP_WORDS)


def location_of(clause: str) -> Location | None:
    """Abroad or at home, if the clause says."""
    found = [v for v in _matched(LOCATION_WORDS, clause) if isinstance(v, Location)]
    return found[0] if len(found) == 1 else None


def activity_of(clause: str) -> Activity | None:
    """Training or fostering, if the clause names one and not both."""
    found = {v for v in _matched(ACTIVITY_WORDS, clause) if isinstance(v, Activity)}
    return found.pop() if len(found) == 1 else None


def timing_of(clause: str, sentence: str) -> Timing:
    """The time the clause (else its sentence) gives: a period, a deadline, a cadence."""
    for text in (clause, sentence):
        cadence = Cadence.TOTAL
        if any(word in text for word in PER_YEAR_WORDS):
            cadence = Cadence.PER_YEAR
        if term := _TERM.search(text):
            start, end = term.group(1), term.group(2)
            return Timing(Cadence.PER_TERM, _year(start), _year(end), term.group())
        if period := _PERIOD.search(text):
            return Timing(cadence, _year(period.group(1)), _year(period.group(2)), period.group())
        if deadline := _DEADLINE.search(text):
            return Timing(cadence, None, _year(deadline.group(1)), deadline.group())
        if year := _YEAR.search(text):
            return Timing(cadence, _year(year.group(1)), _year(year.group(1)), year.group())
        if cadence is Cadence.PER_YEAR:
            words = next(word for word in PER_YEAR_WORDS if word in text)
            return Timing(cadence, text=words)
    return Timing()


def _year(text: str | None) -> int | None:
    return None if text is None else int(text)


def lead_of(sentence: str) -> str | None:
    """The agency that leads, as named ("Sở Nội vụ" of "Sở Nội vụ sẽ chủ trì cử …")."""
    match = _LEAD.search(sentence)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).strip()


def reported(before: str) -> bool:
    """Whether the words before the figure in its clause report it as done ("đã …")."""
    lowered = before.lower()
    return any(w in lowered and _word_pattern(w).search(lowered) for w in REPORTED_WORDS)


def aspirational(before: str) -> bool:
    """Whether the words before the figure in its sentence ask to strive for it."""
    lowered = before.lower()
    return any(word in lowered for word in ASPIRATION_WORDS)
