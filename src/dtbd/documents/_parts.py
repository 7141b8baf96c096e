"""The pieces of a report document, written once and rendered to HTML, .docx and Markdown.

A report is a tuple of :class:`Section`; each holds paragraphs (:class:`Text`), tables
(:class:`Grid`) and bullet charts (:class:`Bars`). Every number is formatted text by the
time it is a part, so that the three renderers show the same characters.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from dtbd.documents._provenance import Provenance
    from dtbd.model._scheme import Scheme
    from dtbd.results._audit import Audit
    from dtbd.results._breakdown import Breakdown
    from dtbd.results._evaluation import Evaluation
    from dtbd.results._violation import RuleViolation

__all__ = ["Bar", "Bars", "Grid", "Part", "ReportData", "Section", "Text"]


class ReportData(Protocol):
    """What the sections are written from: a :class:`dtbd.ProgressReport`'s fields."""

    @property
    def scheme(self) -> Scheme: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def evaluation(self) -> Evaluation: ...
    @property
    def audit(self) -> Audit: ...
    @property
    def violations(self) -> tuple[RuleViolation, ...]: ...
    @property
    def provenance(self) -> Provenance: ...
    @property
    def breakdown(self) -> Breakdown | None: ...
    @property
    def source(self) -> str | None: ...


@attrs.frozen
class Text:
    """A paragraph; ``strong`` for a sentence that leads its section."""

    text: str
    strong: bool = False


@attrs.frozen
class Grid:
    """A table: headers, rows of text cells, the columns of numbers and each row's depth.

    ``depths`` indent a row's first cell (a part under its target); ``tones`` colour
    a row's ``toned`` cell as a status or a severity ("good", "warn", "bad", "none").
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers: frozenset[int] = frozenset()
    depths: tuple[int, ...] = ()
    tones: tuple[str | None, ...] = ()
    toned: int = -1


@attrs.frozen
class Bar:
    """One target in a bullet chart: achieved and due as a % of its figure's low end."""

    label: str
    achieved: Decimal | None
    due: Decimal | None
    tone: str
    shown: str
    """The text beside the bar: the share achieved as the tables write it, or the status."""
    depth: int = 0


@attrs.frozen
class Bars:
    """A bullet chart: a bar per target, a tick at what is due, a line at 100 %."""

    title: str
    bars: tuple[Bar, ...]
    due_label: str
    axis_label: str


Part = Text | Grid | Bars


@attrs.frozen
class Section:
    """A titled part of the report."""

    title: str
    parts: tuple[Part, ...]
