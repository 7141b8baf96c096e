r"""User text made safe to write: spreadsheet cells that cannot run, Markdown that cannot inject.

A label, id, title or note comes from whoever wrote the scheme or the records, and dtbd
writes it into files other programs open. Two things can go wrong there, and every writer
goes through this module for both:

- **Spreadsheet formulas** (OWASP "CSV Injection"). Excel, LibreOffice and Google Sheets
  run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula, and a leading tab
  or carriage return hides such a cell's first character. OWASP's advice is to write such
  a cell with a single quote in front, which a spreadsheet shows as text:
  :func:`spreadsheet_cell` does that, and :func:`restore_cell` (used by dtbd's CSV reader)
  takes the quote off again. A text that already begins with quotes before one of those
  characters gets one more, so reading back always gives the original text.
- **Markdown and HTML**. :func:`markdown_text` escapes ``&``, ``<`` and ``>`` as entities
  (a ``<script>`` shows as text), the table's ``|`` and the backslash with a backslash,
  turns line breaks into spaces (a cell or heading stays on its line), and puts a
  backslash before a leading formula character, which a Markdown viewer does not show
  but which keeps a pasted table from running in a spreadsheet.

>>> spreadsheet_cell("=cmd|' /C calc'!A0"), spreadsheet_cell("Đào tạo")
("'=cmd|' /C calc'!A0", 'Đào tạo')
>>> restore_cell(spreadsheet_cell("-1")), restore_cell(spreadsheet_cell("'+1"))
('-1', "'+1")
>>> markdown_text("<script>alert(1)</script> a|b")
'&lt;script&gt;alert(1)&lt;/script&gt; a\\|b'
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "markdown_text", "restore_cell", "spreadsheet_cell"]

FORMULA_STARTS = frozenset("=+-@\t\r")
"""A spreadsheet cell beginning with one of these may be run as a formula (OWASP)."""

_QUOTE = "'"
_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\r": " ",
        "\n": " ",
        "\t": " ",
    }
)


def _needs_quote(text: str) -> bool:
    """Whether ``text``, once its leading quotes are set aside, starts like a formula."""
    return text.lstrip(_QUOTE)[:1] in FORMULA_STARTS


def spreadsheet_cell(text: str) -> str:
    r"""``text`` as a spreadsheet cell that is never run as a formula.

    A text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, possibly
    after single quotes, gets one single quote in front; any other text is unchanged.
    Apply it to text only: a number written as a number (``-150000``) is not a formula.

    >>> spreadsheet_cell("@SUM(A1)"), spreadsheet_cell("\t=1"), spreadsheet_cell("a-b")
    ("'@SUM(A1)", "'\t=1", 'a-b')
    """
    return _QUOTE + text if _needs_quote(text) else text


def restore_cell(cell: str) -> str:
    """The text :func:`spreadsheet_cell` was given, from the cell it wrote.

    The one single quote is taken off only where :func:`spreadsheet_cell` puts one (before
    a formula character, possibly after more quotes); a cell like ``'t is`` is unchanged.

    >>> restore_cell("'=1"), restore_cell("''=1"), restore_cell("'t is")
    ('=1', "'=1", "'t is")
    """
    return cell[1:] if cell[:1] == _QUOTE and _needs_quote(cell[1:]) else cell


def markdown_text(text: str, *, number: bool = False) -> str:
    r"""``text`` for a Markdown heading, paragraph or table cell: shown as written, never run.

    Args:
        text: the text, from dtbd's words or from a user's scheme or records.
        number: the text is a number dtbd formatted (a right-aligned column): its leading
            ``-`` is a minus sign and is left alone.

    >>> markdown_text("=1+1"), markdown_text("-5", number=True), markdown_text("a\nb & c")
    ('\\=1+1', '-5', 'a b &amp; c')
    """
    escaped = text.translate(_MARKDOWN).strip()
    return "\\" + escaped if not number and escaped[:1] in FORMULA_STARTS else escaped
