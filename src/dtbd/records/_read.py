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

from dtbd._extras import MissingExtraError
from dtbd.records._dicts import TABLES
from dtbd.records._headers import check_columns
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
    "read_files",
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
