"""The text as read: NFC, with a map back to the user's own string, and its sentences."""

from __future__ import annotations

import bisect
import re
import unicodedata

import attrs

__all__ = ["Text"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|\n+|\s+\|\s*")


def _normalised(original: str) -> tuple[str, tuple[int, ...]]:
    """NFC of ``original`` and, for each index of it (and its end), the original index.

    The text is composed one starter and its combining marks at a time, which is what NFC
    does for Vietnamese; so every span between starters maps back exactly.
    """
    if unicodedata.is_normalized("NFC", original):
        return original, tuple(range(len(original) + 1))
    pieces: list[str] = []
    starts: list[int] = []
    at = 0
    for index in range(1, len(original) + 1):
        if index < len(original) and unicodedata.combining(original[index]):
            continue
        piece = unicodedata.normalize("NFC", original[at:index])
        pieces.append(piece)
        starts.extend([at] * len(piece))
        at = index
    starts.append(len(original))
    return "".join(pieces), tuple(starts)


@attrs.frozen
class Text:
    """A plan's text: the string as given, its NFC form and the sentences of that form."""

    original: str
    nfc: str = attrs.field(init=False)
    lower: str = attrs.field(init=False, repr=False)
    """The NFC text in lower case, index for index (a letter whose lower case is longer,
    as "İ", stays as it is)."""
    _starts: tuple[int, ...] = attrs.field(init=False, repr=False)
    sentences: tuple[tuple[int, int], ...] = attrs.field(init=False, repr=False)
    _sentence_starts: tuple[int, ...] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        nfc, starts = _normalised(self.original)
        object.__setattr__(self, "nfc", nfc)
        lower = nfc.lower()
        if len(lower) != len(nfc):
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in nfc)
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "_starts", starts)
        bounds, at = [], 0
        for match in _SENTENCE_END.finditer(nfc):
            after = nfc[match.end() : match.end() + 1]
            if "\n" not in match.group() and "|" not in match.group() and after.islower():
                continue  # "Singapore… về kinh nghiệm": the sentence goes on
            if match.start() > at:
                bounds.append((at, match.start()))
            at = match.end()
        if at < len(nfc):
            bounds.append((at, len(nfc)))
        object.__setattr__(self, "sentences", tuple(bounds))
        object.__setattr__(self, "_sentence_starts", tuple(start for start, _ in bounds))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original string's span of the NFC span ``start:end``."""
        return self._starts[start], self._starts[end]

    def sentence_of(self, at: int) -> tuple[int, int]:
        """The NFC span of the sentence around index ``at``."""
        index = bisect.bisect_right(self._sentence_starts, at) - 1
        if index >= 0:
            start, end = self.sentences[index]
            if at < end:
                return start, end
        return at, at
