"""One table per file: CSV and Parquet record files read into records and problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dtbd._errors import RecordError, RecordProblem
from dtbd._extras import require
from dtbd._safe_text import restore_cell
from dtbd.records._csv import UnreadableError, decode, read_table, separator
from dtbd.records._denormal import read_rows
from dtbd.records._dicts import TABLES
from dtbd.records._headers import map_headers, numbered_rows

if TYPE_CHECKING:
    from pathlib import Path

    from dtbd.records._words import Columns, Values

__all__ = ["Read", "files_problem", "read_csv", "read_parquet"]

Read = tuple[list[object], list[int], list[RecordProblem]]
"""A table's good records, their source row numbers and the problems of the bad rows."""


def files_problem(message: str) -> RecordError:
    """The error for files that cannot be read as records at all (not one bad row)."""
    return RecordError([RecordProblem("files", 0, None, message, code="record.file.unreadable")])


def _unreadable(table: str, message: str) -> RecordProblem:
    return RecordProblem(table, 0, None, message, code="record.file.unreadable")


def read_csv(
    table: str, path: Path, columns: Columns | None, values: Values, encoding: str | None
) -> dict[str, Read]:
    """One table from a delimited text file, read strictly (:mod:`dtbd.records._csv`).

    Attendances that carry course columns give the courses too (``records._denormal``).

    The encoding is found by the BOM (else UTF-8) unless ``encoding`` is given; the
    separator is the one of ``,;<tab>|`` the header line holds.
    """
    try:
        text = decode(path.read_bytes(), encoding)
        if not text.strip():
            known = ",".join(TABLES[table].fields)
            message = f"the file is empty; its first line is the header, such as {known}"
            empty = RecordProblem(table, 0, None, message, code="record.file.empty")
            return {table: ([], [], [empty])}
        read = read_table(text, separator(text))
    except UnreadableError as error:
        return {table: ([], [], [_unreadable(table, str(error))])}
    except OSError as error:
        return {table: ([], [], [_unreadable(table, f"cannot read {path}: {error}")])}
    fields, problems = map_headers(table, read.header, columns, blank=False)
    broken = [
        RecordProblem(table, row, None, message, code="record.row.shape")
        for row, message in read.problems
    ]
    if problems or not read.header:
        return {table: ([], [], problems + broken)}
    # A cell dtbd wrote with a ``'`` against CSV injection reads back as written.
    rows = ((row, [restore_cell(cell) for cell in cells]) for row, cells in read.rows)
    tables = read_rows(table, fields, numbered_rows(table, fields, rows, values))
    good, numbers, bad = tables[table]
    tables[table] = good, numbers, sorted([*bad, *broken], key=lambda problem: problem.row)
    return tables


# What a damaged Parquet file makes pyarrow raise (ArrowInvalid is a ValueError, an
# unsupported encoding a NotImplementedError, a truncated one an OSError).
_BROKEN_PARQUET = (OSError, ValueError, TypeError, KeyError, IndexError, NotImplementedError)


def read_parquet(
    table: str, path: Path, columns: Columns | None, values: Values
) -> dict[str, Read]:
    """One table from a Parquet file (needs the ``parquet`` extra)."""
    parquet = require("pyarrow.parquet", "parquet", "Reading Parquet files")
    try:
        data = parquet.read_table(path)
        names = data.column_names
        fields, problems = map_headers(table, names, columns, blank=False)
        if problems:
            return {table: ([], [], problems)}
        # Column by column: two columns of one name (both read past) stay two cells.
        cells = list(zip(*(column.to_pylist() for column in data.columns), strict=True))
    except _BROKEN_PARQUET as error:
        message = f"cannot read {path} as Parquet: {error}"
        return {table: ([], [], [_unreadable(table, message)])}
    raw = enumerate(cells, start=1)
    return read_rows(table, fields, numbered_rows(table, fields, raw, values))
