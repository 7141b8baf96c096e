"""What a draft can say of the document itself: its kind, number and date of issue."""

from __future__ import annotations

import datetime as dt
import re

from dtbd.extracting._lexicon import CITING_WORDS, KIND_WORDS

__all__ = ["document_of", "kind_of"]

_HEAD = 600  # the number and the date stand in the document's head
_NUMBER = re.compile(
    r"(?:^|\n)\s*Số\s*:\s*(\d+[/\-][\w/\-]+)"
    r"|(?:kế hoạch|quyết định|đề án|chương trình|nghị quyết)\s+số\s+(\d+[/\-][\w/\-]+)",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"ngày\s+(\d{1,2})\s*(?:tháng\s+|/|-)(\d{1,2})\s*(?:năm\s+|/|-)((?:19|20)\d\d)", re.IGNORECASE
)
_NEAR = 80  # how far after its number a document's date may stand
_CITING = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in CITING_WORDS) + r")(?!\w)[^\n]*?(?:\.\s|\n|$)",
    re.IGNORECASE,
)


def _own(head: str) -> str:
    """The head with what cites other documents blanked out, index for index."""
    return _CITING.sub(lambda m: " " * len(m.group()), head)


def kind_of(text: str) -> str:
    """The scheme kind the head names first ("Kế hoạch" → plan), else "plan"."""
    head = _own(text[:_HEAD]).lower()
    found = [(head.find(word), kind) for word, kind in KIND_WORDS if word in head]
    return min(found)[1] if found else "plan"


def document_of(text: str) -> tuple[str | None, dt.date | None]:
    """The document number in the head ("Số: 45/KH-UBND") and the date after it."""
    match = _NUMBER.search(_own(text[:_HEAD]))
    if match is None:
        return None, None
    number = (match.group(1) or match.group(2)).rstrip("/-.,")
    date = _DATE.search(text, match.end(), match.end() + _NEAR)
    if date is None:
        return number, None
    try:
        issued = dt.date(int(date.group(3)), int(date.group(2)), int(date.group(1)))
    except ValueError:
        return number, None
    return number, issued
