"""Delimited text read strictly: encoding by its BOM, separator from the header line.

What Excel writes is read as it is written: UTF-8 with or without a BOM, UTF-16 with its
BOM (Excel's "Unicode text"), ``,`` or ``;`` (Excel in a Vietnamese locale) or a tab
between cells. Nothing is dropped without a word: a row with more cells than the header,
a quote left open (which would swallow the rows after it), a cell over the CSV reader's
size limit and bytes that are not text are each a problem that names its line.
"""

from __future__ import annotations

import codecs
import csv
import io

import attrs

__all__ = ["SEPARATORS", "Table", "UnreadableError", "decode", "read_table", "separator"]

SEPARATORS = ",;\t|"
"""The cell separators a record file may use, one per file."""

_TRIED = "UTF-8 (with or without a BOM) and UTF-16 (by its BOM)"
_SAVE_AS = 'save it from Excel as "CSV UTF-8"'
_NAMES = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}
_HEADER_SCAN = 65536


class UnreadableError(ValueError):
    """The file cannot be read as a table at all; the message names the line and the fix."""


def decode(data: bytes, encoding: str | None = None) -> str:
    """The text of a record file: by its BOM, else UTF-8; or in ``encoding`` when given.

    Raises:
        UnreadableError: the bytes are not text in the encodings tried (named with the line
            of the first bad byte), or the file is a workbook or a binary file.
    """
    if encoding is not None:
        codec, tried = encoding, repr(encoding)
    elif data.startswith(codecs.BOM_UTF8):
        codec, tried = "utf-8-sig", _TRIED
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec, tried = "utf-16", _TRIED
    else:
        codec, tried = "utf-8", _TRIED
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableError(
            "this is a zip file (an Excel workbook?), not text; a workbook is read when its "
            "name ends in .xlsx, or save each sheet from Excel as CSV UTF-8"
        )
    if encoding is None and codec != "utf-16" and b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise UnreadableError(
            f"line {line} holds a NUL byte: this is not a text file (tried {tried}); {_SAVE_AS}"
        )
    try:
        text = data.decode(codec)
    except LookupError:
        raise UnreadableError(f"{encoding!r} is not an encoding Python knows") from None
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(codec, errors="replace").count("\n") + 1
        raise UnreadableError(
            f"byte 0x{data[error.start]:02x} on line {line} is not text in {codec}; "
            f"tried {tried}; {_SAVE_AS}"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UnreadableError(
            f"line {line} holds a NUL byte: this is not a text file (tried {tried}); {_SAVE_AS}"
        )
    return text


def separator(text: str) -> str:
    """The separator of the header line: the one of ``,;<tab>|`` it holds most, outside quotes.

    The header line is the first line that is not blank. A header of one column holds
    none: ``,`` is taken.

    Raises:
        UnreadableError: two separators are found as often as each other.
    """
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    # A header line is short; a quote left open in it must not make this read the file.
    for char in text.lstrip("\r\n")[:_HEADER_SCAN]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    most = max(counts.values())
    tied = [s for s, n in counts.items() if n == most]
    if most and len(tied) > 1:
        found = " and ".join(f"{most} {_NAMES[s]}" for s in tied)
        raise UnreadableError(
            f"cannot tell the separator: the header line (line 1) holds {found}; "
            f"separate the cells with one of {', '.join(_NAMES.values())} only"
        )
    return max(counts, key=lambda s: counts[s]) if most else ","


@attrs.frozen
class Table:
    """A delimited file's header, its data rows and the problems of its broken rows.

    ``rows`` holds ``(row, cells)``, rows counted from 1 after the header as in every
    record problem; ``problems`` holds ``(row, message)``, each message naming its line.
    """

    header: list[str]
    rows: list[tuple[int, list[str]]]
    problems: list[tuple[int, str]]


def read_table(text: str, delimiter: str) -> Table:
    """Every row of ``text``, refusing what a lenient CSV reader would read wrong.

    A row with more non-empty cells than the header, a quote that opens a cell and never
    closes, a quoted cell that takes in lines with as many separators as a row (in a
    table of three columns or more), and a cell over the reader's limit are problems of
    their row; a short row is kept (its missing cells are empty, checked like any empty
    cell). Blank lines before the header are read past.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    problems: list[tuple[int, str]] = []
    number, last = -1, 0
    while True:
        first = last + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            number += 1
            problem, go_on = _broken(text, first, reader.line_num, str(error), delimiter)
            problems.append((max(number, 0), problem))
            last = reader.line_num
            if not go_on or header is None:
                break
            continue
        number += 1
        last = reader.line_num
        if header is None:
            # Blank lines before the header are read past; rows count from the header.
            header, number = (cells, 0) if cells else (None, -1)
            continue
        # Only a row longer than the header or spread over lines can be broken.
        problem = (
            _row_problem(header, cells, first, last, delimiter)
            if len(cells) > len(header) or last > first
            else ""
        )
        if problem:
            problems.append((number, problem))
        elif cells:
            rows.append((number, cells[: len(header)]))
    return Table(header or [], rows, problems)


def _row_problem(header: list[str], cells: list[str], first: int, last: int, sep: str) -> str:
    extra = [cell for cell in cells[len(header) :] if cell.strip()]
    if extra:
        return (
            f"line {first} has {len(cells)} cells but the header has {len(header)}: "
            f"{extra[0]!r} is under no header; remove the extra cells or name their column"
        )
    for index, cell in enumerate(cells):
        inner = cell.splitlines()
        if (
            len(header) > 2
            and len(inner) > 1
            and any(part.count(sep) >= len(header) - 1 for part in inner[1:])
        ):
            opened = first + sum(c.count("\n") for c in cells[:index])
            return (
                f"a quote opened on line {opened} closes on line {last}: the lines between, "
                "which look like rows, were read as one cell; close the quote on its own line"
            )
    return ""


def _broken(text: str, first: int, line: int, error: str, sep: str) -> tuple[str, bool]:
    """The message of a row the CSV reader refused, and whether the rows after it can be read."""
    fatal = "field limit" in error or "end of data" in error
    opened = _open_quote(text, first) if fatal else None
    if "field limit" in error and opened is None:
        limit = csv.field_size_limit()
        message = (
            f"the row on line {first} has a cell longer than {limit} characters, the most "
            "a CSV cell may hold; the rows after it were not read"
        )
        return message, False
    if fatal:
        message = (
            f"a quote opened on line {opened or first} is never closed, so every line after "
            "it would be read into one cell; close it or remove it"
        )
        return message, False
    message = (
        f"line {line}: {error} (a quote must enclose the whole cell, and a quote inside a "
        f'quoted cell is written twice: "a ""b"" c"); separator {_NAMES[sep]}'
    )
    return message, True


def _open_quote(text: str, first: int) -> int | None:
    """The line of the quote left open in the row that starts on line ``first``, if any."""
    lines = text.splitlines(keepends=True)[first - 1 :]
    inside, opened, closed_at = False, None, -2
    position = 0
    for number, line in enumerate(lines, start=first):
        start = line.find('"')
        while start != -1:
            at = position + start
            if inside:
                inside, closed_at = False, at
            else:
                inside = True
                # A doubled quote inside a quoted cell closes and opens at once: no new cell.
                opened = opened if at == closed_at + 1 else number
            start = line.find('"', start + 1)
        position += len(line)
    return opened if inside else None
