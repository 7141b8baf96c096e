"""One table per file: CSV and Parquet record files read into records and problems."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from dtbd._errors import RecordError, RecordProblem
from dtbd._extras import require
from dtbd._safe_text import restore_cell
from dtbd.records._dicts import TABLES, _read_numbered
from dtbd.records._headers import map_headers, numbered_rows

if TYPE_CHECKING:
    from pathlib import Path

    from dtbd.records._words import Columns, Values

__all__ = ["Read", "files_problem", "read_csv", "read_parquet"]

Read = tuple[list[object], list[int], list[RecordProblem]]
"""A table's good records, their source row numbers and the problems of the bad rows."""


def files_problem(message: str) -> RecordError:
    """The error for files that cannot be read as records at all (not one bad row)."""
    return RecordError([RecordProblem("files", 0, None, message)])


def read_csv(
    table: str, path: Path, columns: Columns | None, values: Values, encoding: str
) -> Read:
    try:
        with path.open(encoding=encoding, newline="") as stream:
            reader = csv.reader(stream)
            headers = next(reader, [])
            fields, problems = map_headers(table, headers, columns)
            if problems:
                return [], [], problems
            # A cell dtbd wrote with a ``'`` against CSV injection reads back as written.
            rows = ([restore_cell(cell) for cell in row] for row in reader)
            found = numbered_rows(table, fields, enumerate(rows, start=1), values)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return [], [], [RecordProblem(table, 0, None, f"cannot read {path}: {error}")]
    return _read_numbered(TABLES[table], found)


def read_parquet(table: str, path: Path, columns: Columns | None, values: Values) -> Read:
    """One table from a Parquet file (needs the ``parquet`` extra)."""
    parquet = require("pyarrow.parquet", "parquet", "Reading Parquet files")
    try:
        data = parquet.read_table(path)
    except (OSError, ValueError) as error:
        return [], [], [RecordProblem(table, 0, None, f"cannot read {path}: {error}")]
    fields, problems = map_headers(table, data.column_names, columns)
    if problems:
        return [], [], problems
    raw = ((number, row.values()) for number, row in enumerate(data.to_pylist(), start=1))
    return _read_numbered(TABLES[table], numbered_rows(table, fields, raw, values))
