"""Excel workbooks of records: one sheet per table, problems named by sheet and header."""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

import attrs

from dtbd._errors import RecordProblem
from dtbd._extras import require
from dtbd.records._dicts import TABLES, _read_numbered
from dtbd.records._headers import map_headers, numbered_rows
from dtbd.records._tables import Read, files_problem
from dtbd.records._words import SHEET_NAMES, key

if TYPE_CHECKING:
    from collections.abc import Mapping
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
        problem.table, problem.row, problem.field, problem.message, sheet=sheet, column=column
    )


def read_workbook(path: Path, columns: Columns | None, values: Values) -> dict[str, Read]:
    """Every table of an Excel workbook, a sheet each (needs the ``excel`` extra)."""
    openpyxl = require("openpyxl", "excel", "Reading Excel workbooks")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise files_problem(f"cannot read the workbook {path}: {error}") from None
    tables: dict[str, Read] = {}
    try:
        for sheet in book.worksheets:
            table = SHEET_NAMES.get(key(sheet.title))
            if table is None:
                continue
            if table in tables:
                raise files_problem(f"{path}: two sheets hold the {table} table; keep one")
            lines = sheet.iter_rows(values_only=True)
            headers = list(next(lines, ()))
            fields, problems = map_headers(table, headers, columns)
            written = {f: str(h).strip() for f, h in zip(fields, headers, strict=True) if f}
            if problems:
                tables[table] = ([], [], [_in_sheet(p, sheet.title, written) for p in problems])
                continue
            good, rows, bad = _read_numbered(
                TABLES[table], numbered_rows(table, fields, enumerate(lines, start=2), values)
            )
            tables[table] = (good, rows, [_in_sheet(p, sheet.title, written) for p in bad])
    finally:
        book.close()
    if not tables:
        names = ", ".join(sorted({*TABLES, *SHEET_NAMES}))
        raise files_problem(f"{path} has no sheet named after a table; name them {names}")
    return tables
