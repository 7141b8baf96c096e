"""Record files: CSV, Parquet and Excel, user headers renamed to the record fields.

A workbook holds one sheet per table (:mod:`dtbd.records._workbook`); a folder holds
``<table>.csv`` or ``<table>.parquet`` (:mod:`dtbd.records._tables`). Headers go through
a ``columns`` mapping (such as :data:`VIETNAMESE_HEADERS`) and the words of category
columns through a ``values`` mapping (:data:`VIETNAMESE_VALUES`, on by default), so a
sheet written as "Họ và tên, Giới tính: Nữ" reads as ``name``, ``gender: female``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal, overload

import attrs

from dtbd._extras import MissingExtraError
from dtbd.records._dicts import TABLES, LoadedRecords, OnError, finish
from dtbd.records._headers import check_columns
from dtbd.records._records import Records
from dtbd.records._tables import Read, files_problem, read_csv, read_parquet
from dtbd.records._words import (
    SHEET_NAMES,
    VIETNAMESE_HEADERS,
    VIETNAMESE_VALUES,
    Columns,
    Values,
    key,
)
from dtbd.records._workbook import SheetProblem, read_workbook

# The public names of record files are named here too: dtbd/__init__.py and the
# notebooks page import them from this module.
__all__ = [
    "SHEET_NAMES",
    "VIETNAMESE_HEADERS",
    "VIETNAMESE_VALUES",
    "MissingExtraError",
    "SheetProblem",
    "Source",
    "read_files",
    "read_records",
    "table_files",
]


_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet")
_NAMED = "name each file after its table ({tables}; .csv, .tsv, .txt or .parquet)"


def _table_of(path: Path) -> str | None:
    """The table a file's name says: ``persons.csv``, or Vietnamese, ``cán bộ.csv``."""
    return SHEET_NAMES.get(key(path.stem))


def _folder(folder: Path) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        table = _table_of(path)
        if table is None or path.suffix.lower() not in _SUFFIXES or not path.is_file():
            continue
        if table in paths:
            raise files_problem(
                f"{folder} holds both {paths[table].name} and {path.name} for the "
                f"{table} table; keep one"
            )
        paths[table] = path
    if not paths:
        names = ", ".join(f"{name}.csv" for name in TABLES)
        raise files_problem(f"{folder} holds none of {names} (or the same .parquet)")
    return paths


def table_files(
    source: str | Path | Mapping[str, str | Path] | Iterable[str | Path],
) -> dict[str, Path]:
    """Each table's file in a folder, a list of files or a ``{table: path}`` mapping.

    Raises:
        RecordError: a file is named after no table, or two files hold one table.
    """
    if isinstance(source, Mapping):
        paths = {str(name): Path(path) for name, path in source.items()}
    elif isinstance(source, (str, Path)) and Path(source).is_dir():
        paths = _folder(Path(source))
    else:
        single = [source] if isinstance(source, (str, Path)) else list(source)
        paths = {}
        for path in map(Path, single):
            table = _table_of(path) or path.stem
            if table in paths:
                raise files_problem(f"{paths[table]} and {path} both hold {table}; keep one")
            paths[table] = path
    unknown = sorted(set(paths) - set(TABLES))
    if unknown:
        named = _NAMED.format(tables=", ".join(TABLES))
        message = f"unknown table(s) {', '.join(unknown)}; {named}, or give an .xlsx workbook"
        raise files_problem(message)
    for path in paths.values():
        if path.suffix.lower() not in _SUFFIXES:
            raise files_problem(
                f"cannot read {path}: a table file ends in .csv, .tsv, .txt or .parquet"
            )
    return paths


def read_files(
    source: str | Path | Mapping[str, str | Path] | Iterable[str | Path],
    *,
    columns: Columns | None = None,
    values: Values | None = None,
    encoding: str | None = None,
) -> dict[str, Read]:
    """Each table's records, source row numbers and problems, from any record files.

    The engine of :func:`dtbd.read_records`, which documents ``source``.
    """
    columns = VIETNAMESE_HEADERS if columns is None else columns
    check_columns(columns)
    words: Values = VIETNAMESE_VALUES if values is None else values
    words = {field: {key(k): v for k, v in mapping.items()} for field, mapping in words.items()}
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() in {".xlsx", ".xlsm"}:
        return _in_file(read_workbook(Path(source), columns, words), Path(source))
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() == ".xls":
        raise files_problem(f"{source} is an old .xls workbook; save it as .xlsx in Excel")
    tables: dict[str, Read] = {}
    paths = table_files(source)
    for name, path in paths.items():
        if path.suffix.lower() == ".parquet":
            read = read_parquet(name, path, columns, words)
        else:
            read = read_csv(name, path, columns, words, encoding)
        if name == "attendances" and "courses" in read and "courses" in paths:
            raise files_problem(
                f"{path} carries course columns and {paths['courses']} is a courses table "
                "too; give a course's attributes in one place: drop the course columns from "
                "the attendances, or leave out the courses file"
            )
        tables |= _in_file(read, path)
    return tables


def _in_file(tables: dict[str, Read], path: Path) -> dict[str, Read]:
    """The tables with each problem naming the file it is in (its location's first part)."""
    return {
        name: (good, rows, [attrs.evolve(p, file=str(path)) for p in bad])
        for name, (good, rows, bad) in tables.items()
    }


Source = str | Path | Mapping[str, str | Path] | Iterable[str | Path]
"""Where records are: a folder, a workbook, a list of files or ``{table: path}``."""


@overload
def read_records(
    source: Source,
    *,
    on_error: Literal["raise"] = ...,
    columns: Mapping[str, str | Mapping[str, str]] | None = ...,
    values: Mapping[str, Mapping[str, str]] | None = ...,
    encoding: str | None = ...,
) -> Records: ...


@overload
def read_records(
    source: Source,
    *,
    on_error: Literal["report"],
    columns: Mapping[str, str | Mapping[str, str]] | None = ...,
    values: Mapping[str, Mapping[str, str]] | None = ...,
    encoding: str | None = ...,
) -> LoadedRecords: ...


def read_records(
    source: Source,
    *,
    on_error: OnError = "raise",
    columns: Mapping[str, str | Mapping[str, str]] | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
    encoding: str | None = None,
) -> Records | LoadedRecords:
    """Read the record tables from CSV or Parquet files or from an Excel workbook.

    ``source`` is a folder holding some of ``persons``, ``courses``, ``attendances``,
    ``spending`` and units' reports, ``submissions`` (docs/submissions.md), as ``.csv``
    (``.tsv``, ``.txt``) or ``.parquet``, or the same under a
    Vietnamese name of :data:`dtbd.records._read.SHEET_NAMES` (``cán bộ.csv``); an
    ``.xlsx`` workbook with one sheet per table (sheet names in ``SHEET_NAMES``); one
    table file or a list of them (the file name says the table); or a mapping
    ``{"courses": path, …}``. Headers are the field names of ``docs/records.md`` or the
    Vietnamese headers of :data:`~dtbd.records._read.VIETNAMESE_HEADERS` (the default
    ``columns``; give your own mapping to rename others, ``{}`` for field names only).
    Words in category columns go through ``values`` (by default the Vietnamese words of
    :data:`~dtbd.records._read.VIETNAMESE_VALUES`: "Nữ" reads as ``female``).

    A text file is decoded by its BOM (UTF-8 or UTF-16, as Excel writes them), else as
    UTF-8, unless ``encoding`` is given; its separator is the one of ``,``, ``;``, tab
    and ``|`` that the header line holds. It is read strictly (docs/records.md, "How
    files are read").

    Row numbers in problems count data rows from 1 in CSV and Parquet (the header is
    row 0); in a workbook they are the rows Excel shows, with the sheet's name.

    Raises:
        RecordError: with ``on_error="raise"``, every bad row and header at once.
        MissingExtraError: Parquet or Excel is read without its optional package.
    """
    tables = read_files(source, columns=columns, values=values, encoding=encoding)
    return finish({name: tables.get(name, ([], [], [])) for name in TABLES}, on_error)
