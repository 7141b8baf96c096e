"""Documents for the command line: headings, paragraphs and tables, as terminal text or Markdown.

A terminal aligns columns by *display width*, not by code points: Vietnamese written in
decomposed form ("ê" + "̀") has more code points than columns, and East Asian wide
characters take two columns. Text is NFC-normalised first, then measured with
:mod:`unicodedata` (combining marks 0 columns, wide and full-width characters 2).

>>> import unicodedata
>>> decomposed = unicodedata.normalize("NFD", "Bồi dưỡng")
>>> len(decomposed), display_width(decomposed), display_width("khoảng 15–17 người")
(14, 9, 18)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import attrs

__all__ = [
    "Heading",
    "Paragraph",
    "Table",
    "display_width",
    "pad",
    "render_markdown",
    "render_text",
    "wrap",
]

_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})
_WIDE = frozenset({"W", "F"})
_RULES = {1: "═", 2: "─"}
TEXT_WIDTH = 88
"""Paragraphs are wrapped to this many columns in the terminal."""


def _char_width(char: str) -> int:
    if unicodedata.category(char) in _ZERO_WIDTH:
        return 0
    return 2 if unicodedata.east_asian_width(char) in _WIDE else 1


def display_width(text: str) -> int:
    """The number of terminal columns ``text`` takes once NFC-normalised.

    >>> display_width("Hà Nội"), display_width("日本")
    (6, 4)
    """
    return sum(_char_width(c) for c in unicodedata.normalize("NFC", text))


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` (NFC) padded with spaces to ``width`` columns, on the right or the left.

    >>> pad("Đạt", 5) + "|", pad("37.000", 8, right=True)
    ('Đạt  |', '  37.000')
    """
    text = unicodedata.normalize("NFC", text)
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def _split_word(word: str, width: int) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and display_width(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns, at spaces where possible.

    >>> wrap("khoảng 4 khóa × khoảng 15–17 người", 16)
    ['khoảng 4 khóa ×', 'khoảng 15–17', 'người']
    """
    lines: list[str] = []
    for paragraph in unicodedata.normalize("NFC", text).split("\n"):
        line = ""
        for word in paragraph.split():
            for piece in _split_word(word, width) if display_width(word) > width else [word]:
                candidate = f"{line} {piece}" if line else piece
                if display_width(candidate) <= width:
                    line = candidate
                else:
                    lines.append(line)
                    line = piece
        lines.append(line)
    return lines


@attrs.frozen
class Heading:
    """A section title; level 1 is the report's, level 2 a section's."""

    text: str
    level: int = 2


@attrs.frozen
class Paragraph:
    """A short explanation, wrapped in the terminal."""

    text: str


@attrs.frozen
class Table:
    """Rows of cells under headers; ``right`` marks the columns of numbers.

    ``widths`` caps a column's width in the terminal (``None``: no cap); longer cells
    wrap onto more lines. Markdown never wraps.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()
    widths: tuple[int | None, ...] = ()


Block = Heading | Paragraph | Table


def _column_widths(table: Table) -> list[int]:
    widths = []
    for index, header in enumerate(table.headers):
        cap = table.widths[index] if index < len(table.widths) else None
        natural = max(display_width(c) for c in (header, *(r[index] for r in table.rows)))
        widths.append(min(natural, cap) if cap else natural)
    return widths


def _text_table(table: Table) -> list[str]:
    widths = _column_widths(table)

    def lines_of(cells: Sequence[str]) -> list[str]:
        wrapped = [wrap(cell, widths[i]) for i, cell in enumerate(cells)]
        height = max(len(w) for w in wrapped)
        return [
            "  ".join(
                pad(w[n] if n < len(w) else "", widths[i], right=i in table.right)
                for i, w in enumerate(wrapped)
            ).rstrip()
            for n in range(height)
        ]

    rule = "  ".join("─" * w for w in widths)
    return [
        *lines_of(table.headers),
        rule,
        *(line for row in table.rows for line in lines_of(row)),
    ]


def render_text(blocks: Sequence[Block]) -> str:
    """The document for a terminal: underlined headings, wrapped paragraphs, aligned tables."""
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Heading):
            lines = wrap(block.text, TEXT_WIDTH)
            rule = _RULES.get(block.level, "┄") * max(display_width(line) for line in lines)
            out += [*lines, rule]
        elif isinstance(block, Paragraph):
            out += wrap(block.text, TEXT_WIDTH)
        else:
            out += _text_table(block)
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("|", r"\|").replace("\n", " ")


def render_markdown(blocks: Sequence[Block]) -> str:
    """The document as Markdown: ``#`` headings, paragraphs, pipe tables."""
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_md_cell(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(unicodedata.normalize("NFC", block.text))
        else:
            aligns = ["---:" if i in block.right else "---" for i in range(len(block.headers))]
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append("| " + " | ".join(aligns) + " |")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
    return "\n".join(out) + "\n"
