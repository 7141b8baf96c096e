"""What :func:`dtbd.extract` returns: a quantitative statement of a plan, read and typed."""

from __future__ import annotations

import attrs

from dtbd.figures._figure import Figure
from dtbd.model._categories import Activity, Level, Location, StaffCategory
from dtbd.model._target import Cadence, Count

__all__ = ["Candidate", "Timing"]


@attrs.frozen
class Timing:
    """When a statement holds, as the text says it.

    Attributes:
        cadence: once over the window, every year ("hằng năm", "mỗi năm") or per term.
        start_year: the first year of a period ("giai đoạn 2023 – 2025"), if said.
        end_year: the deadline or last year ("đến năm 2025"), if said.
        text: the words it was read from, or ``None`` when the sentence says no time.
    """

    cadence: Cadence = Cadence.TOTAL
    start_year: int | None = None
    end_year: int | None = None
    text: str | None = None


@attrs.frozen
class Candidate:
    """One figure of a plan's text with what it counts, of whom, when and how sure.

    ``start``/``end`` index the string as given (``text[start:end] == quote``), even when
    it was not NFC; ``clause_start``/``clause_end`` span the figure with its noun phrase
    and the words before it in its clause, the quote a draft target cites.

    Attributes:
        figure: the figure read (qualifier, range and unit).
        quote: the figure phrase as written.
        counts: what a target of it would count, or ``None`` for a figure that is no
            target (an age, a number of topics, a duration).
        of_whom: the noun phrase after the figure ("cán bộ, công chức cấp xã").
        parent: the index (in the list :func:`~dtbd.extract` returns) of the figure whose
            breakdown this one is ("trong đó", "gồm", "chia ra"), or ``None``.
        lead: the agency that leads it ("Sở Nội vụ" of "Sở Nội vụ chủ trì").
        aspirational: the sentence asks to strive for it ("phấn đấu").
        reported: the words say it was done ("đã đào tạo được 90 học viên"): an actual
            for records, not a target.
        confidence: from 0 to 1; ``reason`` says what lowered it.
    """

    figure: Figure
    quote: str
    start: int
    end: int
    clause: str
    clause_start: int
    clause_end: int
    counts: Count | None
    of_whom: str = ""
    categories: tuple[StaffCategory, ...] = ()
    levels: tuple[Level, ...] = ()
    leadership: bool = False
    location: Location | None = None
    activity: Activity | None = None
    timing: Timing = attrs.Factory(Timing)
    parent: int | None = None
    lead: str | None = None
    aspirational: bool = False
    reported: bool = False
    confidence: float = 1.0
    reason: str = "a figure with its unit, in a sentence of the plan"

    @property
    def is_target(self) -> bool:
        """Whether the figure can be a target: it counts something records can count."""
        return self.counts is not None
