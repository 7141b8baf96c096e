"""Documents for the command line: headings, paragraphs and tables, as terminal text or Markdown.

A terminal aligns columns by *display width*, not by code points: Vietnamese written in
decomposed form ("ê" + "̀") has more code points than columns, and East Asian wide
characters take two columns. Text is NFC-normalised first, then measured with
:mod:`unicodedata` (combining marks 0 columns, wide and full-width characters 2).

>>> import unicodedata
>>> decomposed = unicodedata.normalize("NFD", "Bồi dưỡng")
>>> len(decomposed), display_width(decomposed), display_width("khoảng 15–17 người")
(14, 9, 18)

On a terminal of known width the tables are fitted into it: the widest columns give up
columns first, down to their longest word, and their cells wrap. Without a width (output
to a file or a pipe) the layout is the stable one: each column as wide as its longest
cell or its cap. Colour, when the terminal allows it, marks only the tone of a cell
(a severity, a status) and never changes the layout. Why this is written by hand rather
than with a library is measured in docs/cli.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Literal

import attrs

from dtbd._safe_text import markdown_text

__all__ = [
    "Heading",
    "Paragraph",
    "Preformatted",
    "Table",
    "Tone",
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
"""Paragraphs and headings are wrapped to this many columns, or to a narrower terminal."""
MIN_COLUMN = 3
"""A table column is never made narrower than this, even if its words must be cut."""

Tone = Literal["good", "warn", "bad"]
"""What a coloured cell says: done or on track, needs attention, wrong or far behind."""
_ANSI: dict[Tone, str] = {"good": "\x1b[32m", "warn": "\x1b[33m", "bad": "\x1b[31m"}
_RESET = "\x1b[0m"


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
    wrap onto more lines, as they do when the terminal is narrower than the table.
    Markdown never wraps and has no colour.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()
    widths: tuple[int | None, ...] = ()
    tones: tuple[Tone | None, ...] = ()
    """Each row's tone, given to its cell in column ``toned`` where colour is allowed."""
    toned: int = 0


@attrs.frozen
class Preformatted:
    """dtbd's own text (a page of its documentation), printed as written in both renderers.

    Neither wrapped nor escaped: it never holds a user's text, and its Markdown is meant
    to stay Markdown.
    """

    text: str


Block = Heading | Paragraph | Table | Preformatted


def _column_widths(table: Table, width: int | None) -> list[int]:
    columns = [(h, *(row[i] for row in table.rows)) for i, h in enumerate(table.headers)]
    widths = []
    for index, cells in enumerate(columns):
        cap = table.widths[index] if index < len(table.widths) else None
        natural = max(display_width(c) for c in cells)
        widths.append(min(natural, cap) if cap else natural)
    if width is None:
        return widths
    room = width - 2 * (len(widths) - 1)
    words = [
        max((display_width(w) for c in cells for w in c.split()), default=0) for cells in columns
    ]
    # Cells wrap at spaces down to their longest word; only a very narrow terminal cuts words.
    _shrink(widths, [min(w, f) for w, f in zip(widths, words, strict=True)], room)
    _shrink(widths, [min(w, MIN_COLUMN) for w in widths], room)
    return widths


def _shrink(widths: list[int], floors: Sequence[int], room: int) -> None:
    """Narrow the columns until they fit in ``room``, none below its floor.

    Each column gives up the same share of its slack (its width above its floor), so a
    long label column gives most and short number columns little; the columns' order of
    slack breaks the ties of rounding.
    """
    slack = [w - f for w, f in zip(widths, floors, strict=True)]
    take = min(sum(widths) - room, sum(slack))
    if take <= 0:
        return
    cuts = [s * take // sum(slack) for s in slack]
    by_slack_left = sorted(range(len(slack)), key=lambda i: cuts[i] - slack[i])
    for index in by_slack_left[: take - sum(cuts)]:
        cuts[index] += 1
    for index, cut in enumerate(cuts):
        widths[index] -= cut


def _text_table(table: Table, width: int | None, *, color: bool) -> list[str]:
    widths = _column_widths(table, width)

    def lines_of(cells: Sequence[str], tone: Tone | None = None) -> list[str]:
        wrapped = [wrap(cell, widths[i]) for i, cell in enumerate(cells)]
        lines = []
        for n in range(max(len(w) for w in wrapped)):
            parts = []
            for i, w in enumerate(wrapped):
                piece = w[n] if n < len(w) else ""
                padded = pad(piece, widths[i], right=i in table.right)
                if color and tone is not None and i == table.toned and piece:
                    padded = padded.replace(piece, f"{_ANSI[tone]}{piece}{_RESET}", 1)
                parts.append(padded)
            lines.append("  ".join(parts).rstrip())
        return lines

    tones = table.tones + (None,) * (len(table.rows) - len(table.tones))
    rule = "  ".join("─" * w for w in widths)
    return [
        *lines_of(table.headers),
        rule,
        *(
            line
            for row, tone in zip(table.rows, tones, strict=True)
            for line in lines_of(row, tone)
        ),
    ]


def render_text(blocks: Sequence[Block], *, width: int | None = None, color: bool = False) -> str:
    """The document for a terminal: underlined headings, wrapped paragraphs, aligned tables.

    Args:
        blocks: the document.
        width: the terminal's columns; ``None`` (unknown) gives the stable layout.
        color: whether cells with a tone are coloured (ANSI codes).
    """
    prose = TEXT_WIDTH if width is None else max(MIN_COLUMN, min(width, TEXT_WIDTH))
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Heading):
            lines = wrap(block.text, prose)
            rule = _RULES.get(block.level, "┄") * max(display_width(line) for line in lines)
            out += [*lines, rule]
        elif isinstance(block, Paragraph):
            out += wrap(block.text, prose)
        elif isinstance(block, Preformatted):
            out += block.text.splitlines()
        else:
            out += _text_table(block, width, color=color)
    return "\n".join(out) + "\n"


def _md_cell(text: str, *, number: bool = False) -> str:
    return markdown_text(unicodedata.normalize("NFC", text), number=number)


def render_markdown(blocks: Sequence[Block]) -> str:
    r"""The document as Markdown: ``#`` headings, paragraphs, pipe tables.

    Every heading, paragraph and cell may hold a user's text, and each goes through
    :func:`dtbd._safe_text.markdown_text`: ``&``, ``<``, ``>`` become entities (a
    ``<script>`` in a label shows as text), ``|`` and ``\`` are escaped, a line break
    becomes a space and a leading ``=``, ``+``, ``-`` or ``@`` gets a backslash (not shown,
    but a table pasted into a spreadsheet does not run). The numbers of a right-aligned
    column keep their minus sign as it is.

    >>> print(render_markdown([Heading("<b>|", 1), Table(("a",), (("=1",), ("-2",)))]), end="")
    # &lt;b&gt;\|
    <BLANKLINE>
    | a |
    | --- |
    | \=1 |
    | \-2 |
    """
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_md_cell(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(_md_cell(block.text))
        elif isinstance(block, Preformatted):
            out.append(block.text)
        else:
            aligns = ["---:" if i in block.right else "---" for i in range(len(block.headers))]
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append("| " + " | ".join(aligns) + " |")
            out += [
                "| "
                + " | ".join(_md_cell(c, number=i in block.right) for i, c in enumerate(row))
                + " |"
                for row in block.rows
            ]
    return "\n".join(out) + "\n"


def render_html(blocks: Sequence[Block], *, lang: str = "vi") -> str:
    """The document as a page of HTML: headings, paragraphs, tables; every text escaped.

    >>> print(render_html([Heading("<b>", 1), Table(("a",), (("1",),))]), end="")
    <!DOCTYPE html>
    <html lang="vi"><head><meta charset="utf-8"><title>&lt;b&gt;</title></head><body>
    <h1>&lt;b&gt;</h1>
    <table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
    </body></html>
    """
    from html import escape

    def text(value: str) -> str:
        return escape(unicodedata.normalize("NFC", value))

    def cells(tag: str, row: Sequence[str], right: frozenset[int]) -> str:
        # Numbers with their unit ("49,509 tỷ đồng") stay on one line in a body cell.
        nowrap = ";white-space:nowrap" if tag == "td" else ""
        right_style = f' style="text-align:right;padding-left:.75em{nowrap}"'
        return "".join(
            f"<{tag}{right_style if i in right else ''}>{text(c)}</{tag}>"
            for i, c in enumerate(row)
        )

    title = next((b.text for b in blocks if isinstance(b, Heading)), "dtbd")
    out = [
        "<!DOCTYPE html>",
        (
            f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{text(title)}</title></head><body>"
        ),
    ]
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            out.append(f"<h{level}>{text(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{text(block.text)}</p>")
        elif isinstance(block, Preformatted):
            out.append(f"<pre>{text(block.text)}</pre>")
        else:
            head = f"<thead><tr>{cells('th', block.headers, block.right)}</tr></thead>"
            body = "".join(f"<tr>{cells('td', row, block.right)}</tr>" for row in block.rows)
            out.append(f"<table>{head}<tbody>{body}</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
