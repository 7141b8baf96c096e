"""The cells of dtbd's HTML tables as plain text, read with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif tag == "style":
            self._style = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "style":
            self._style = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._style:
            self._cell.append(data)


def tables(html: str) -> list[list[list[str]]]:
    """Every table of ``html``: its rows (head row first), each a list of cell texts."""
    parser = _Cells()
    parser.feed(html)
    return parser.tables


def rows(html: str) -> list[list[str]]:
    """The rows of the first table of ``html``, head row first."""
    return tables(html)[0]
