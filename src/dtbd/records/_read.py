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
]


_SUFFIXES = (".csv", ".parquet")


def _paths(
    source: str | Path | Mapping[str, str | Path] | Iterable[str | Path],
) -> dict[str, Path]:
    if isinstance(source, Mapping):
        paths = {str(name): Path(path) for name, path in source.items()}
    elif isinstance(source, (str, Path)) and Path(source).is_dir():
        paths = {}
        for name in TABLES:
            found = [
                Path(source) / f"{name}{s}"
                for s in _SUFFIXES
                if (Path(source) / f"{name}{s}").exists()
            ]
            if len(found) > 1:
                raise files_problem(
                    f"{source} holds both {found[0].name} and {found[1].name}; keep one"
                )
            paths.update({name: found[0]} if found else {})
        if not paths:
            names = ", ".join(f"{name}.csv" for name in TABLES)
            raise files_problem(f"{source} holds none of {names} (or the same .parquet)")
    else:
        single = [source] if isinstance(source, (str, Path)) else list(source)
        paths = {Path(path).stem: Path(path) for path in single}
    unknown = sorted(set(paths) - set(TABLES))
    if unknown:
        names = ", ".join(TABLES)
        message = (
            f"unknown table(s) {', '.join(unknown)}; name the files {names} (.csv or .parquet)"
        )
        raise files_problem(message)
    for path in paths.values():
        if path.suffix.lower() not in _SUFFIXES:
            raise files_problem(f"cannot read {path}: a table file ends in .csv or .parquet")
    return paths


def read_files(
    source: str | Path | Mapping[str, str | Path] | Iterable[str | Path],
    *,
    columns: Columns | None = None,
    values: Values | None = None,
    encoding: str = "utf-8-sig",
) -> dict[str, Read]:
    """Each table's records, source row numbers and problems, from any record files.

    The engine of :func:`dtbd.read_records`, which documents ``source``.
    """
    check_columns(columns)
    words: Values = VIETNAMESE_VALUES if values is None else values
    words = {field: {key(k): v for k, v in mapping.items()} for field, mapping in words.items()}
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() in {".xlsx", ".xlsm"}:
        return read_workbook(Path(source), columns, words)
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() == ".xls":
        raise files_problem(f"{source} is an old .xls workbook; save it as .xlsx in Excel")
    tables: dict[str, Read] = {}
    for name, path in _paths(source).items():
        if path.suffix.lower() == ".parquet":
            tables[name] = read_parquet(name, path, columns, words)
        else:
            tables[name] = read_csv(name, path, columns, words, encoding)
    return tables


Source = str | Path | Mapping[str, str | Path] | Iterable[str | Path]
"""Where records are: a folder, a workbook, a list of files or ``{table: path}``."""


@overload
def read_records(
    source: Source,
    *,
    on_error: Literal["raise"] = ...,
    columns: Mapping[str, str | Mapping[str, str]] | None = ...,
    values: Mapping[str, Mapping[str, str]] | None = ...,
    encoding: str = ...,
) -> Records: ...


@overload
def read_records(
    source: Source,
    *,
    on_error: Literal["report"],
    columns: Mapping[str, str | Mapping[str, str]] | None = ...,
    values: Mapping[str, Mapping[str, str]] | None = ...,
    encoding: str = ...,
) -> LoadedRecords: ...


def read_records(
    source: Source,
    *,
    on_error: OnError = "raise",
    columns: Mapping[str, str | Mapping[str, str]] | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
    encoding: str = "utf-8-sig",
) -> Records | LoadedRecords:
    """Read the four record tables from CSV or Parquet files or from an Excel workbook.

    ``source`` is a folder holding some of ``persons``, ``courses``, ``attendances``
    and ``spending`` as ``.csv`` or ``.parquet``; an ``.xlsx`` workbook with one sheet
    per table (sheet names in :data:`dtbd.records._read.SHEET_NAMES`); a list of table
    files (the file name says the table); or a mapping ``{"courses": path, …}``.
    Headers are the field names of ``docs/records.md``, or any header ``columns``
    renames (:data:`~dtbd.records._read.VIETNAMESE_HEADERS`, for one). Words in
    category columns go through ``values`` (by default the Vietnamese words of
    :data:`~dtbd.records._read.VIETNAMESE_VALUES`: "Nữ" reads as ``female``).

    Row numbers in problems count data rows from 1 in CSV and Parquet (the header is
    row 0); in a workbook they are the rows Excel shows, with the sheet's name.

    Raises:
        RecordError: with ``on_error="raise"``, every bad row and header at once.
        MissingExtraError: Parquet or Excel is read without its optional package.
    """
    tables = read_files(source, columns=columns, values=values, encoding=encoding)
    return finish({name: tables.get(name, ([], [], [])) for name in TABLES}, on_error)
