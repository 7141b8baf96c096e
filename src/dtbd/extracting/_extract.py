"""``dtbd.extract``: every quantitative statement of a plan, as typed candidates."""

from __future__ import annotations

import re

import attrs

from dtbd.extracting import _attributes as read
from dtbd.extracting._candidate import Candidate, Timing
from dtbd.extracting._find import Found, find_figures
from dtbd.extracting._lexicon import COURSE_WORDS, PARENT_WORDS, SINGLING_WORDS
from dtbd.extracting._text import Text
from dtbd.model._target import Count

__all__ = ["extract"]

_PARENT = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in PARENT_WORDS) + r")(?!\w)")
_BULLET = re.compile(r"\n\s*(?:[-+•*–]|[a-zđ]\)|\d+[.)])\s")
_EACH_COURSE = re.compile(
    r"(?<!\w)mỗi\s+(?:" + "|".join(re.escape(w) for w in COURSE_WORDS) + r")(?:\s+\S+){0,2}\s*$"
)
_LEAD_IN = re.compile(r"(?:[\s,]|[-+•*–](?=\s)|[a-zđ]\)|\d{1,2}[.)](?=\s)|(?:và|hoặc)(?=\s))+")
_TAIL = re.compile(r"(?:[\s,]+(?:và|hoặc))?[\s,]*$")
_LABEL_WORDS = 4
_CLAUSE_START = re.compile(r"[;:]\s*|\n")


def _counts(found: Found, before: str) -> Count | None:
    """What a target of the figure counts, if it can be a target.

    The size of each course ("mỗi khóa có khoảng 15 - 17 cán bộ") is a course's, not a
    target's: it counts nothing.
    """
    if _EACH_COURSE.search(before):
        return None
    try:
        return Count.for_unit(found.figure.unit)
    except ValueError:
        return None


def _confidence(
    found: Found, counts: Count | None, *, headline: bool, done: bool
) -> tuple[float, str]:
    """How sure the reading is and why: the first of the doubts that holds, in order."""
    unit = found.figure.unit.value
    doubts = (
        (done, 0.4, "reported as done ('đã …'): an actual for records, not a target"),
        (counts is None, 0.3, f"a figure in {unit}s, which no target counts (a detail)"),
        (found.money_by_context, 0.6, "a scale without 'đồng', read as money from the sentence"),
        (headline, 0.5, "in a headline: it may repeat a figure of the body"),
        (counts is Count.STUDY_DAYS, 0.5, "days: the length of a course as often as a target"),
        (found.in_words, 0.8, "a number written in words"),
    )
    for holds, confidence, reason in doubts:
        if holds:
            return confidence, reason
    return 0.9, "a figure with its unit, in a sentence of the plan"


def _is_headline(sentence: str) -> bool:
    letters = [c for c in sentence if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _candidate(text: Text, found: Found, before: int, after: int) -> Candidate:
    """The candidate of a figure, read from the words around it.

    Its words reach back to ``before`` and on to ``after`` at most, the ends of the
    figures either side, so that "cấp tỉnh 300 lượt, cấp huyện 500 lượt" gives each
    figure its own level.
    """
    nfc, lower = text.nfc, text.lower
    sentence_start, sentence_end = text.sentence_of(found.start)
    own_start = max(sentence_start, before)
    marks = list(_CLAUSE_START.finditer(nfc, own_start, found.start))
    clause_start = marks[-1].end() if marks else own_start
    if lead_in := _LEAD_IN.match(lower, clause_start, found.start):
        clause_start = lead_in.end()  # "a) ", "- ", ", và " open the clause, not its words
    limit = min(sentence_end, after)
    phrase_end = max(found.end, read.noun_phrase_end(lower, found.end, limit))
    comma = nfc.rfind(",", found.end, phrase_end)
    if after < sentence_end and comma >= 0 and len(nfc[comma:after].split()) <= _LABEL_WORDS:
        phrase_end = comma  # "300 lượt, cấp huyện 500 lượt": "cấp huyện" labels the next
    if tail := _TAIL.search(lower, found.end, phrase_end):
        phrase_end = tail.start()  # "30 tiến sĩ và 120 thạc sĩ": "và" joins the next
    who = lower[found.number_start : phrase_end]
    if not read.categories_of(who):
        who = f"{lower[clause_start : found.start]} {who}"  # "cấp xã khoảng 160 lượt người"
    clause = lower[clause_start:phrase_end]
    sentence = nfc[sentence_start:sentence_end]
    counts = _counts(found, lower[clause_start : found.start])
    done = read.reported(nfc[sentence_start : found.start])
    confidence, reason = _confidence(found, counts, headline=_is_headline(sentence), done=done)
    start, end = text.span(found.start, found.end)
    quote_start, quote_end = text.span(clause_start, phrase_end)
    return Candidate(
        figure=found.figure,
        quote=text.original[start:end],
        start=start,
        end=end,
        clause=text.original[quote_start:quote_end],
        clause_start=quote_start,
        clause_end=quote_end,
        counts=counts,
        of_whom=nfc[found.end : phrase_end].strip(" ,"),
        categories=read.categories_of(who),
        levels=read.levels_of(who),
        leadership=read.leadership_of(who),
        location=read.location_of(lower[sentence_start:sentence_end]),
        activity=read.activity_of(clause),
        timing=read.timing_of(clause, lower[sentence_start:sentence_end]),
        lead=read.lead_of(sentence),
        aspirational=read.aspirational(nfc[sentence_start : found.start]),
        reported=done,
        confidence=confidence,
        reason=reason,
    )


def _runs_on(text: Text, whole: Found, part: Found) -> bool:
    """Whether ``part`` stands in the breakdown that opens after ``whole``.

    It does in the same sentence, and on bulleted lines ("- cấp tỉnh 300 lượt;") that
    follow the whole's line with only bulleted lines between.
    """
    sentence_start, sentence_end = text.sentence_of(whole.start)
    if (sentence_start, sentence_end) == text.sentence_of(part.start):
        return True
    if not text.nfc[sentence_start:sentence_end].rstrip().endswith(":"):
        return False  # only a list announced by its colon goes on past its sentence
    lines = text.nfc[whole.end : part.start].split("\n")[1:]
    return bool(lines) and all(_BULLET.match(f"\n{line}") for line in lines)


def _opens_breakdown(text: Text, hit: Found) -> bool:
    sentence_end = text.sentence_of(hit.start)[1]
    return bool(_PARENT.search(text.lower, hit.end, sentence_end))


def _singled_out_of(
    text: Text, linked: list[Candidate], found: list[Found], index: int
) -> int | None:
    """The whole that a sentence beginning "Riêng …" singles a part out of.

    It is the last figure before the sentence, if it counts the same and is not smaller.
    """
    start, _ = text.sentence_of(found[index].start)
    if not text.lower.startswith(SINGLING_WORDS, start):
        return None
    for earlier in range(index - 1, -1, -1):
        if found[earlier].end <= start and text.sentence_of(found[earlier].start)[1] < start:
            whole = linked[earlier]
            if whole.counts is linked[index].counts and _fits(linked[index], whole):
                return earlier
            return None
    return None


def _with_parents(text: Text, candidates: list[Candidate], found: list[Found]) -> list[Candidate]:
    """Link each figure of a breakdown ("trong đó", "gồm", "chia ra") to its whole.

    A breakdown opens after a figure when one of the words follows it in its sentence and
    runs on through that sentence and the bulleted lines after it; its parts count the
    same thing as the whole and none is above it. A part may open a breakdown of its own
    ("61,6 tỷ đồng, trong đó … 9,6 tỷ đồng").
    """
    linked = list(candidates)
    open_wholes: list[int] = []
    for index, hit in enumerate(found):
        candidate = linked[index]
        while open_wholes:
            whole = linked[open_wholes[-1]]
            if (
                candidate.counts is whole.counts
                and _fits(candidate, whole)
                and _runs_on(text, found[open_wholes[-1]], hit)
            ):
                break
            open_wholes.pop()
        singled = None if open_wholes else _singled_out_of(text, linked, found, index)
        if singled is not None:
            open_wholes.append(singled)  # "Riêng đào tạo sau đại học, … 61,6 tỷ đồng"
        if open_wholes:
            whole = linked[open_wholes[-1]]
            timing = whole.timing if candidate.timing == Timing() else candidate.timing
            candidate = linked[index] = attrs.evolve(
                candidate,
                parent=open_wholes[-1],
                aspirational=candidate.aspirational or whole.aspirational,
                reported=candidate.reported or whole.reported,
                timing=timing,
            )
        if candidate.is_target and _opens_breakdown(text, hit):
            open_wholes.append(index)
    return linked


def _fits(part: Candidate, whole: Candidate) -> bool:
    low, high = part.figure.low or part.figure.high, whole.figure.high or whole.figure.low
    return low is None or high is None or low <= high


def extract(text: str) -> tuple[Candidate, ...]:
    """Every quantitative statement of a plan's text, as typed candidates, in text order.

    Spans index ``text`` as given, NFC or not. References, dates and page furniture
    ("Nghị định số 89/2021/NĐ-CP", "Điều 5", "ngày 15/3/2023", "Lượt xem: 39") are left out.

    >>> found = extract("Phấn đấu đến năm 2025 bồi dưỡng 37.000 lượt cán bộ, công chức.")
    >>> [(c.quote, c.of_whom, c.counts.value, c.timing.end_year, c.aspirational) for c in found]
    [('37.000 lượt', 'cán bộ, công chức', 'attendances', 2025, True)]

    Raises:
        TypeError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"a plan's text must be a string, got {type(text).__name__}")
    read_text = Text(text)
    found = find_figures(read_text)
    ends = [0, *(hit.end for hit in found)]
    starts = [*(hit.start for hit in found[1:]), len(read_text.nfc)]
    candidates = [
        _candidate(read_text, hit, before, after)
        for hit, before, after in zip(found, ends, starts, strict=False)
    ]
    return tuple(_with_parents(read_text, candidates, found))
