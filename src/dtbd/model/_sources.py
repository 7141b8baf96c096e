"""Where a scheme's facts come from: the document and the quoted sentence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from dtbd.model._period import optional_date

__all__ = ["Citation", "Quote"]


def _span_order(instance: Quote, _a: attrs.Attribute[Any], end: int) -> None:
    if instance.start < 0 or end < instance.start:
        raise ValueError(
            f"a quote's span must satisfy 0 ≤ start ≤ end (got {instance.start}..{end})"
        )


@attrs.frozen
class Quote:
    """The sentence a fact was read from, and its character span in the source text.

    ``text == source_text[start:end]``.
    """

    text: str
    start: int
    end: int = attrs.field(validator=_span_order)


@attrs.frozen
class Citation:
    """The document a scheme is written in: number, issuer, dates, and where it was read."""

    document: str | None = None
    """Document number, e.g. ``1641/QĐ-TTg`` or ``171/KH-UBND``."""
    issuer: str | None = None
    issued: dt.date | None = attrs.field(default=None, converter=optional_date)
    published: dt.date | None = attrs.field(default=None, converter=optional_date)
    """When the text read was published (a news item may be later than the document)."""
    text: str | None = None
    """The source text's file or address."""
    title: str | None = None
