"""A report as Markdown: headings, paragraphs, pipe tables; the chart as a table of its bars.

Every text goes through :func:`dtbd._safe_text.markdown_text` (HTML escaped, a leading
``=``, ``+``, ``-`` or ``@`` of a user's text neutralised).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from dtbd._safe_text import markdown_text
from dtbd.display._html import share_cell
from dtbd.documents._parts import Bars, Grid, Section, Text
from dtbd.words import say

__all__ = ["markdown_report"]


def _md(text: str, *, number: bool = False) -> str:
    return markdown_text(unicodedata.normalize("NFC", text), number=number)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numbers: frozenset[int],
           depths: Sequence[int] = ()) -> list[str]:  # fmt: skip
    aligns = ["---:" if i in numbers else "---" for i in range(len(headers))]
    out = ["| " + " | ".join(_md(h) for h in headers) + " |", "| " + " | ".join(aligns) + " |"]
    for r, row in enumerate(rows):
        cells = [_md(c, number=i in numbers) for i, c in enumerate(row)]
        if depths and depths[r]:
            # A part under its target: non-breaking spaces, which a table cell keeps.
            cells[0] = "\u00a0\u00a0" * depths[r] + "– " + cells[0]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _bars(chart: Bars, locale: str) -> list[str]:
    none = say("display.none", locale)
    heads = (say("display.head.target", locale), say("display.head.share", locale),
             chart.due_label)  # fmt: skip
    rows = [
        (bar.label, bar.shown, none if bar.due is None else share_cell(bar.due, locale))
        for bar in chart.bars
    ]
    return [f"*{_md(chart.title)}*", "", *_table(heads, rows, frozenset({1, 2}),
                                                 [b.depth for b in chart.bars])]  # fmt: skip


def markdown_report(found: tuple[Section, ...], locale: str) -> str:
    """The sections in Markdown, the first one's title as the document's ``#`` heading."""
    out: list[str] = []
    for index, section in enumerate(found):
        if out:
            out.append("")
        out.append(f"{'#' if index == 0 else '##'} {_md(section.title)}")
        for part in section.parts:
            out.append("")
            if isinstance(part, Text):
                out.append(f"**{_md(part.text)}**" if part.strong else _md(part.text))
            elif isinstance(part, Grid):
                out += _table(part.headers, part.rows, part.numbers, part.depths)
            else:
                out += _bars(part, locale)
    return "\n".join(out) + "\n"
