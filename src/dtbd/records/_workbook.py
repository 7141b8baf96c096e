"""Excel workbooks of records: one sheet per table, problems named by sheet and header."""

from __future__ import annotations

import re
import zipfile
import zlib
from itertools import repeat
from typing import TYPE_CHECKING, Any

import attrs

from dtbd._errors import RecordError, RecordProblem
from dtbd._extras import require
from dtbd.records._denormal import read_rows
from dtbd.records._dicts import TABLES
from dtbd.records._headers import blank_cell, map_headers, numbered_rows
from dtbd.records._tables import Read, files_problem
from dtbd.records._words import SHEET_NAMES, key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from pathlib import Path

    from dtbd.records._words import Columns, Values

__all__ = ["SheetProblem", "read_workbook"]


@attrs.frozen
class SheetProblem(RecordProblem):
    """A bad row of a workbook: the sheet and the header as the user wrote them.

    ``row`` is the row number Excel shows (the header is row 1, reported as row 0 like
    every header problem); ``column`` is the header written in the sheet.
    """

    sheet: str
    column: str | None

    def __str__(self) -> str:
        where = f"sheet {self.sheet!r} " + (f"row {self.row}" if self.row else "header (row 1)")
        if self.column or self.field:
            where += f", column {self.column or self.field!r}"
            if self.field and self.column and self.field != self.column:
                where += f" ({self.field})"
        return f"{where}: {self.message}"


def _in_sheet(problem: RecordProblem, sheet: str, headers: Mapping[str, str]) -> SheetProblem:
    column = headers.get(problem.field or "", problem.field)
    return SheetProblem(
        problem.table,
        problem.row,
        problem.field,
        problem.message,
        sheet=sheet,
        column=column,
        duplicate_of=problem.duplicate_of,
        code=problem.code,
        value=problem.value,
    )


# What a damaged workbook makes openpyxl raise: not a zip, a zip without the parts of
# a workbook, broken XML (a SyntaxError), a truncated or corrupt member (zlib.error).
_BROKEN_BOOK = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,
)


# A formula in a sheet's XML: <f>…</f>, or <f t="shared" …/> (any namespace prefix).
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


_MERGED = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _merged_rows(sheet: Any) -> dict[int, str]:  # noqa: ANN401  -- openpyxl's sheet
    """Data rows (from 2) inside merged cells, each with the range it is part of.

    A read-only sheet gives a merged range's value in its first cell only: the other
    rows of ``B2:B4`` would be read without it, which is never what the sheet shows.
    The ranges are read from the sheet's XML (read-only openpyxl does not parse them).
    """
    with sheet._get_source() as source:  # noqa: SLF001  -- openpyxl has no public way
        xml = source.read()
    rows: dict[int, str] = {}
    for a, first, b, last in _MERGED.findall(xml):
        top, bottom = int(first), int(last or first)
        where = f"{a.decode()}{top}" + (f":{b.decode()}{bottom}" if b else "")
        for row in range(max(top, 2), bottom + 1):
            rows.setdefault(row, where)
    return rows


def _has_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula: a byte search, far cheaper than parsing twice."""
    with zipfile.ZipFile(path) as archive:
        return any(
            _FORMULA.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def read_workbook(path: Path, columns: Columns | None, values: Values) -> dict[str, Read]:
    """Every table of an Excel workbook, a sheet each (needs the ``excel`` extra).

    A workbook with formulas is read twice at once: the values Excel saved, and the
    formulas, so that a formula whose result was never saved (a file written by a program
    that does not calculate) is reported with its cell instead of being read as empty.
    """
    openpyxl = require("openpyxl", "excel", "Reading Excel workbooks")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = (
            openpyxl.load_workbook(path, read_only=True, data_only=False)
            if _has_formulas(path)
            else None
        )
    except RecordError:
        raise
    except (*_BROKEN_BOOK, openpyxl.utils.exceptions.InvalidFileException) as error:
        raise files_problem(f"cannot read the workbook {path}: {error}") from None
    try:
        tables = _tables(path, book, formulas, columns, values)
    except RecordError:
        raise
    except _BROKEN_BOOK as error:
        raise files_problem(f"cannot read the workbook {path}: {error}") from None
    finally:
        book.close()
        if formulas is not None:
            formulas.close()
    if not tables:
        names = ", ".join(sorted({*TABLES, *SHEET_NAMES}))
        raise files_problem(f"{path} has no sheet named after a table; name them {names}")
    return tables


# openpyxl ships no type hints: its workbooks are Any.
Workbook = Any


def _tables(
    path: Path, book: Workbook, formulas: Workbook | None, columns: Columns | None, values: Values
) -> dict[str, Read]:
    letter = require("openpyxl.utils", "excel", "Reading Excel workbooks").get_column_letter
    tables: dict[str, Read] = {}
    for sheet in book.worksheets:
        table = SHEET_NAMES.get(key(sheet.title))
        if table is None:
            continue
        if table in tables:
            # A courses sheet and attendances that carry their courses give it twice too.
            raise files_problem(f"{path}: two sheets hold the {table} table; keep one")
        # The size a sheet states may be wrong (too small: cells past it would be lost
        # without a word); reading every row as stored needs no size.
        sheet.reset_dimensions()
        written = repeat(())
        if formulas is not None:
            formulas[sheet.title].reset_dimensions()
            written = formulas[sheet.title].iter_rows(values_only=True)
        lines = zip(sheet.iter_rows(values_only=True), written, strict=False)
        headers = list(next(lines, ((), ()))[0])
        fields, problems = map_headers(table, headers, columns)
        named = {f: str(h).strip() for f, h in zip(fields, headers, strict=True) if f}
        if problems:
            tables[table] = ([], [], [_in_sheet(p, sheet.title, named) for p in problems])
            continue
        sheet_rows = _SheetRows(table, sheet.title, headers, fields, values, letter)
        sheet_rows.merged = _merged_rows(sheet)
        read = read_rows(table, fields, sheet_rows.read(lines))
        good, rows, bad = read.pop(table)
        found = sheet_rows.problems + [_in_sheet(p, sheet.title, named) for p in bad]
        tables[table] = (good, rows, sorted(found, key=lambda problem: problem.row))
        if set(read) & set(tables):
            raise files_problem(
                f"{path}: sheet {sheet.title!r} carries course columns and a courses sheet "
                "is given too; give a course's attributes in one place"
            )
        tables |= read  # the courses of attendances that carry them
    return tables


@attrs.define
class _SheetRows:
    """The rows of one sheet as field → cell, and the problems of cells no field takes."""

    table: str
    title: str
    headers: list[object]
    fields: list[str | None]
    values: Values
    letter: Callable[[int], str]
    problems: list[SheetProblem] = attrs.Factory(list)
    merged: dict[int, str] = attrs.Factory(dict)

    def read(
        self, lines: Iterable[tuple[Sequence[object], Sequence[object]]]
    ) -> list[tuple[int, dict[str, object]]]:
        found = []
        for number, (saved, written) in enumerate(lines, start=2):
            cells = list(saved)
            bad = False
            if number in self.merged:
                where = self.merged[number]
                message = _MERGED_CELLS.format(where=where, first=where.split(":")[0])
                self.problems.append(
                    SheetProblem(
                        self.table,
                        number,
                        None,
                        message,
                        sheet=self.title,
                        column=None,
                        code="record.row.shape",
                    )
                )
                continue
            for index, value in enumerate(cells):
                field = self.fields[index] if index < len(self.fields) else None
                formula = written[index] if index < len(written) else None
                if value is None and formula is not None:
                    message = f"{_UNSAVED} ({formula})"
                    self._problem(number, index, field, message, "record.value.invalid")
                    bad = True
                elif field is None and not blank_cell(value) and self._blank(index):
                    message = _NO_HEADER.format(value=value)
                    self._problem(number, index, None, message, "record.row.shape")
                    bad = True
            if not bad:
                found.extend(
                    numbered_rows(self.table, self.fields, [(number, cells)], self.values)
                )
        return found

    def _blank(self, index: int) -> bool:
        return index >= len(self.headers) or blank_cell(self.headers[index])

    def _problem(self, row: int, index: int, field: str | None, message: str, code: str) -> None:
        letter = self.letter(index + 1)
        header = None if self._blank(index) else str(self.headers[index]).strip()
        self.problems.append(
            SheetProblem(
                self.table,
                row,
                field,
                f"cell {letter}{row}: {message}",
                sheet=self.title,
                column=header or letter,
                code=code,
            )
        )


_UNSAVED = (
    "a formula whose result was never saved (the file was written by a program that does "
    "not calculate); open the workbook in Excel or LibreOffice and save it, or type the value"
)
_MERGED_CELLS = (
    "cells {where} are merged, and only {first} holds their value: the rows below it "
    "would be read without it; unmerge the cells and fill each one (in Excel: Merge & "
    "Center, then type or fill down the value)"
)
_NO_HEADER = "{value!r} is in a column with no header; give the column a header or clear the cell"
