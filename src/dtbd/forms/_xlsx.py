"""A filled form as an .xlsx workbook with the official look, byte for byte the same each run.

Merged header cells as the layout spans them, the numbers row, thin borders, the header
frozen and repeated on each printed page, the print area on A4 landscape. Counts are
numbers; a sum column (``3=4+6+8``, ``9=10+11``) is a live formula over its row, and
the value dtbd checked is in :attr:`FilledForm.cells`. Text is written as text, so no
label runs as a formula; the unit's name, which comes from the user, also goes through
:func:`dtbd._safe_text.spreadsheet_cell`.

openpyxl stamps the clock into ``docProps/core.xml`` and every zip entry: the
workbook's dates are set to the day after the period ends and the zip is rewritten
with that date on every entry, so the same records give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from dtbd._extras import require
from dtbd._safe_text import spreadsheet_cell
from dtbd.forms._fill import FilledForm
from dtbd.forms._form import Form
from dtbd.forms._layout import (
    HEADER_ROWS,
    fields,
    header_spans,
    label_cells,
    numbers_row,
    provenance,
    title,
)

__all__ = ["form_xlsx", "write_form_xlsx"]

# openpyxl ships no type hints: its sheets, cells and style module are Any.
Sheet = Any
Styles = Any


def _top(form: Form) -> int:
    """The row the table's header starts on: under the title block and the note."""
    return 5 if form.note else 4


_WHY = "Writing a form as .xlsx"
_CORNER_CHARS = 24
"""The longest line two columns of numbers show in the corner block without wrapping."""
_DAY = dt.timedelta(days=1)


def _stamp(filled: FilledForm) -> dt.datetime:
    end = filled.period.end
    # openpyxl writes core.xml dates as UTC without a zone: a naive UTC time
    return dt.datetime(end.year, end.month, end.day, tzinfo=dt.UTC).replace(tzinfo=None) + _DAY


def _text(sheet: Sheet, row: int, column: int, value: str) -> Sheet:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever the text begins with
    return cell


def _merge(sheet: Sheet, row: int, column: int, rows: int, columns: int) -> None:
    if rows > 1 or columns > 1:
        sheet.merge_cells(
            start_row=row, start_column=column, end_row=row + rows - 1,
            end_column=column + columns - 1,
        )  # fmt: skip


def _title_block(sheet: Sheet, filled: FilledForm, width: int, styles: Styles) -> None:
    form = filled.form
    unit = spreadsheet_cell(filled.unit_name)
    upper = spreadsheet_cell(filled.unit_name.upper())
    issuer = fields(filled, form.issuer_label, upper, clean=spreadsheet_cell)
    code = fields(filled, form.corner, unit, clean=spreadsheet_cell)
    # two columns hold "Biểu số 10-BTCTW"; a corner of longer lines takes a third
    corner = 2 if max(map(len, code.splitlines()), default=0) <= _CORNER_CHARS else 3
    blocks = ((1, 2, issuer), (3, width - 2 - corner, title(filled)))
    for column, span, value in blocks:
        _text(sheet, 1, column, value).font = styles.Font(bold=True, size=12 if column > 1 else 11)
        _merge(sheet, 1, column, 3, span)
    _text(sheet, 1, width - corner + 1, code).font = styles.Font(bold=True)
    _merge(sheet, 1, width - corner + 1, 3, corner)
    for row in sheet.iter_rows(min_row=1, max_row=3, max_col=width):
        for cell in row:
            cell.alignment = styles.Alignment(
                horizontal="center", vertical="center", wrap_text=True
            )
    if form.note:
        note = _text(sheet, 4, 1, form.note)
        note.font = styles.Font(italic=True, color="9C0006")
        note.alignment = styles.Alignment(wrap_text=True, vertical="center")
        _merge(sheet, 4, 1, 1, width)
        sheet.row_dimensions[4].height = 30


def _header(sheet: Sheet, filled: FilledForm, styles: Styles) -> None:
    bold = styles.Font(bold=True)
    top = _top(filled.form)
    for span in header_spans(filled.form):
        cell = _text(sheet, top + span.row, span.column + 1, span.text)
        cell.font = bold
        _merge(sheet, top + span.row, span.column + 1, span.rows, span.columns)
    for index, text in enumerate(numbers_row(filled.form), 1):
        _text(sheet, top + HEADER_ROWS, index, text).font = styles.Font(italic=True)


def _body(sheet: Sheet, filled: FilledForm, styles: Styles) -> int:
    letter = require("openpyxl.utils", "excel", _WHY).get_column_letter
    form = filled.form
    labels = len(form.label_numbers)
    place = {c.number: index + labels + 1 for index, c in enumerate(form.columns)}
    first = _top(form) + HEADER_ROWS + 1
    for offset, row in enumerate(form.rows):
        at = first + offset
        strong = row.indent == 0 or bool(row.tt and row.tt_rows == 1)
        if row.tt:
            _text(sheet, at, 1, row.tt).font = styles.Font(bold=strong)
            _merge(sheet, at, 1, row.tt_rows, 1)
        label = _text(sheet, at, 2, row.label)
        label.font = styles.Font(bold=strong)
        label.alignment = styles.Alignment(indent=row.indent, wrap_text=True, vertical="center")
        for index, text in enumerate(label_cells(form, row)[2:], 3):
            _text(sheet, at, index, text).font = styles.Font(bold=strong)
        for column in form.columns:
            cell = sheet.cell(row=at, column=place[column.number])
            if row.caption:
                continue
            if column.sum:
                parts = "+".join(f"{letter(place[n])}{at}" for n in column.sum)
                cell.value = f"={parts}"
            else:
                cell.value = filled.cell(row.code, column.number)
            cell.number_format = "#,##0"
            cell.font = styles.Font(bold=strong)
    return first + len(form.rows) - 1


def _borders(sheet: Sheet, top: int, last: int, width: int, styles: Styles) -> None:
    side = styles.Side(style="thin")
    border = styles.Border(left=side, right=side, top=side, bottom=side)
    middle = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=top, max_row=last, max_col=width):
        for cell in row:
            cell.border = border
            if cell.row <= top + HEADER_ROWS or cell.column != 2:
                cell.alignment = middle


def _footer(sheet: Sheet, filled: FilledForm, last: int, width: int, styles: Styles) -> int:
    form = filled.form
    at = last + 2
    _text(sheet, at, width - 7, form.place_date).font = styles.Font(italic=True)
    _merge(sheet, at, width - 7, 1, 8)
    for signature in form.signatures:
        start, end = signature.columns[0], signature.columns[-1]
        _text(sheet, at + 1, start, signature.title).font = styles.Font(bold=True)
        _text(sheet, at + 2, start, signature.note).font = styles.Font(italic=True)
        for row in (at + 1, at + 2):
            _merge(sheet, row, start, 1, end - start + 1)
            sheet.cell(row=row, column=start).alignment = styles.Alignment(
                horizontal="center", wrap_text=True
            )
    note = _text(sheet, at + 7, 1, provenance(filled))
    note.font = styles.Font(size=8, color="666666")
    _merge(sheet, at + 7, 1, 1, width)
    return at + 7


def _page(sheet: Sheet, form: Form, last: int, width: int) -> None:
    letter = require("openpyxl.utils", "excel", _WHY).get_column_letter
    top, labels = _top(form), len(form.label_numbers)
    sheet.freeze_panes = f"{letter(labels + 1)}{top + HEADER_ROWS + 1}"
    sheet.print_area = f"A1:{letter(width)}{last}"
    sheet.print_title_rows = f"{top}:{top + HEADER_ROWS}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 42
    for index in range(3, width + 1):
        sheet.column_dimensions[letter(index)].width = 11
    for index, column in enumerate(form.columns, labels + 1):
        # a long formula ("1=(2+3+4+5+6)") on one line of the numbers row
        sheet.column_dimensions[letter(index)].width = max(11, len(form.heading(column)) + 3)
    if form.shows_codes:
        sheet.column_dimensions["C"].width = 7
    for row in range(top, top + HEADER_ROWS):
        sheet.row_dimensions[row].height = 30 if row > top else 20
    sheet.row_dimensions[top + HEADER_ROWS - 1].height = 60


def _unclassified(sheet: Sheet, filled: FilledForm, styles: Styles) -> None:
    """The records not classifiable, on a sheet of their own: ids and reasons are user text."""
    from dtbd.words import say  # noqa: PLC0415  -- words only when written

    heads = [say(f"forms.unclassified.{key}") for key in ("kind", "id", "reason")]
    for index, text in enumerate(heads, 1):
        _text(sheet, 1, index, text).font = styles.Font(bold=True)
    for at, item in enumerate(filled.unclassified, 2):
        kind = say(f"forms.kind.{item.kind}")
        for index, text in enumerate((kind, item.id, item.reason_in()), 1):
            cell = _text(sheet, at, index, spreadsheet_cell(text))
            cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
        # a spreadsheet does not grow a wrapped row by itself: about 95 characters a line
        sheet.row_dimensions[at].height = 15 * (1 + len(item.reason_in()) // 95)
    for letter, width in (("A", 14), ("B", 26), ("C", 100)):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def form_xlsx(filled: FilledForm) -> bytes:
    """The filled form as the bytes of an .xlsx workbook (the same bytes for the same form).

    Raises:
        MissingExtraError: openpyxl is not installed (``pip install 'dtbd[excel]'``).
    """
    openpyxl = require("openpyxl", "excel", _WHY)
    styles = require("openpyxl.styles", "excel", _WHY)
    writer = require("openpyxl.writer.excel", "excel", _WHY)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = filled.form.code
    form = filled.form
    width = len(form.label_numbers) + len(form.columns)
    _title_block(sheet, filled, width, styles)
    _header(sheet, filled, styles)
    last = _body(sheet, filled, styles)
    _borders(sheet, _top(form), last, width, styles)
    end = _footer(sheet, filled, last, width, styles)
    _page(sheet, form, end, width)
    _unclassified(book.create_sheet("Không phân loại được"), filled, styles)
    stamp = _stamp(filled)
    book.properties.creator = "dtbd"
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, not save_workbook, which sets 'modified' to now
        writer.ExcelWriter(book, archive).save()
    return _restamped(raw.getvalue(), stamp)


def _restamped(data: bytes, stamp: dt.datetime) -> bytes:
    """The zip ``data`` again with every entry dated ``stamp``, in the same order."""
    out = io.BytesIO()
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def write_form_xlsx(filled: FilledForm, path: str | Path) -> Path:
    """Write the filled form to ``path`` as .xlsx; returns the path."""
    path = Path(path)
    path.write_bytes(form_xlsx(filled))
    return path
