"""Record files: CSV, Parquet and Excel, user headers renamed to the record fields.

A workbook holds one sheet per table; a folder holds ``<table>.csv`` or
``<table>.parquet``. Headers go through a ``columns`` mapping (such as
:data:`VIETNAMESE_HEADERS`) and the words of category columns through a ``values``
mapping (:data:`VIETNAMESE_VALUES`, on by default), so a sheet written as "Họ và tên,
Giới tính: Nữ" reads as ``name``, ``gender: female``.
"""

from __future__ import annotations

import csv
import importlib
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import attrs

from dtbd._errors import DtbdError, RecordError, RecordProblem
from dtbd._records_io import TABLES, _list, _read_numbered, _text

__all__ = [
    "SHEET_NAMES",
    "VIETNAMESE_HEADERS",
    "VIETNAMESE_VALUES",
    "MissingExtraError",
    "SheetProblem",
    "read_files",
]

Columns = Mapping[str, str | Mapping[str, str]]
"""Header → field for every table, or table → {header → field}; ``""`` drops a column."""
Values = Mapping[str, Mapping[str, str]]
"""Field → {word as written → the category's value}."""
Read = tuple[list[object], list[int], list[RecordProblem]]

_SKIP = ""

VIETNAMESE_HEADERS: Mapping[str, Mapping[str, str]] = {
    "persons": {
        "Mã cán bộ": "id", "Mã số": "id", "Mã định danh": "id", "Họ và tên": "name",
        "Họ tên": "name", "Ngày sinh": "birth_date", "Ngày tháng năm sinh": "birth_date",
        "Giới tính": "gender", "Đối tượng": "category", "Cấp": "level",
        "Chức vụ": "position", "Đơn vị": "unit", "Đơn vị công tác": "unit",
        "Trình độ": "qualifications", "Nhãn": "tags", "STT": _SKIP, "Ghi chú": _SKIP,
    },
    "courses": {
        "Mã lớp": "id", "Mã khóa": "id", "Mã khoá": "id", "Mã số": "id",
        "Ngày bắt đầu": "start", "Ngày khai giảng": "start", "Từ ngày": "start",
        "Ngày kết thúc": "end", "Ngày bế giảng": "end", "Đến ngày": "end",
        "Số ngày học": "study_days", "Tên lớp": "title", "Tên khóa học": "title",
        "Tên khoá học": "title", "Loại hình": "activity", "Hình thức": "format",
        "Phạm vi": "location", "Quốc gia": "country", "Địa điểm": "place",
        "Cơ sở đào tạo": "provider", "Đơn vị chủ trì": "lead", "Chuyên đề": "topics",
        "Nội dung": "content", "Kinh phí": "cost", "Chi phí": "cost", "Chỉ tiêu": "target",
        "STT": _SKIP, "Ghi chú": _SKIP,
    },
    "attendances": {
        "Mã cán bộ": "person", "Mã học viên": "person", "Mã lớp": "course",
        "Mã khóa": "course", "Mã khoá": "course", "Kết quả": "outcome",
        "Số ngày học": "study_days", "Số ngày tham gia": "study_days",
        "Họ và tên": _SKIP, "Họ tên": _SKIP, "STT": _SKIP, "Ghi chú": _SKIP,
    },
    "spending": {
        "Mã chi": "id", "Mã số": "id", "Số chứng từ": "id", "Ngày": "date",
        "Ngày chi": "date", "Ngày chứng từ": "date", "Số tiền": "amount",
        "Kinh phí": "amount", "Dòng kinh phí": "budget_line", "Mã lớp": "course",
        "Nguồn kinh phí": "source", "Nguồn": "source", "Nội dung": "description",
        "Diễn giải": "description", "STT": _SKIP, "Ghi chú": _SKIP,
    },
}  # fmt: skip
"""Common Vietnamese headers of each table; pass as ``columns=`` or extend it.

``"STT"`` (row number), ``"Ghi chú"`` (notes) and, in attendances, the learner's name
map to ``""``: the column is read past.
"""

VIETNAMESE_VALUES: Values = {
    "gender": {"nam": "male", "nữ": "female"},
    "category": {
        "cán bộ": "cadre", "công chức": "civil_servant", "viên chức": "public_employee",
        "cán bộ, công chức cấp xã": "commune_cadre", "cán bộ cấp xã": "commune_cadre",
        "công chức cấp xã": "commune_cadre",
        "người hoạt động không chuyên trách": "part_time_commune",
        "đại biểu hđnd": "council_delegate", "đại biểu hội đồng nhân dân": "council_delegate",
    },
    "level": {"trung ương": "central", "tỉnh": "province", "huyện": "district", "xã": "commune"},
    "activity": {"đào tạo": "training", "bồi dưỡng": "fostering"},
    "format": {
        "tập trung": "full_time", "bán tập trung": "part_time", "vừa làm vừa học": "part_time",
        "trực tuyến": "online",
    },
    "location": {"trong nước": "domestic", "nước ngoài": "abroad"},
    "outcome": {
        "hoàn thành": "completed", "đạt": "completed", "đang học": "enrolled",
        "không đạt": "failed", "không hoàn thành": "failed", "thôi học": "withdrawn",
        "bỏ học": "withdrawn",
    },
    "source": {
        "ngân sách trung ương": "central_budget", "ngân sách địa phương": "local_budget",
        "cơ quan": "agency", "tài trợ": "sponsor", "học viên": "learner", "khác": "other",
    },
}  # fmt: skip
"""Vietnamese words of the category columns (matched ignoring case) → the enum values."""

SHEET_NAMES: Mapping[str, str] = {
    "persons": "persons", "cán bộ": "persons", "danh sách cán bộ": "persons",
    "nhân sự": "persons", "courses": "courses", "khóa học": "courses", "khoá học": "courses",
    "lớp học": "courses", "attendances": "attendances", "học viên": "attendances",
    "tham gia": "attendances", "lượt học": "attendances", "spending": "spending",
    "kinh phí": "spending", "chi tiêu": "spending",
}  # fmt: skip
"""Sheet name (any case) → table; sheets with other names (notes, totals) are read past."""


class MissingExtraError(DtbdError, ImportError):
    """An optional package is needed; the message names the extra that installs it."""


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional ``module`` or say which extra of dtbd installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs the package {module.partition('.')[0]!r}; install it with "
            f"pip install 'dtbd[{extra}]'"
        ) from None


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


def _key(text: object) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split())).casefold()


def check_columns(columns: Columns | None) -> None:
    """Refuse a mapping to a field no table has, naming the header and the fields."""
    known = {field for table in TABLES.values() for field in table.fields} | {_SKIP}
    for header, target in (columns or {}).items():
        pairs = target.items() if isinstance(target, Mapping) else [(header, target)]
        if isinstance(target, Mapping) and header not in TABLES:
            raise ValueError(f"columns[{header!r}] is a table mapping but no table is named so")
        for name, field in pairs:
            if field not in known:
                raise ValueError(
                    f"columns maps {name!r} to {field!r}, which is no record field; "
                    f"the fields are {', '.join(sorted(known - {_SKIP}))}, or '' to drop it"
                )


def header_fields(table: str, columns: Columns | None) -> dict[str, str]:
    """Normalised header → field of ``table``: its own field names, then ``columns``."""
    fields = TABLES[table].fields
    result = {_key(field): field for field in fields}
    for header, target in (columns or {}).items():
        if isinstance(target, str) and (target in fields or target == _SKIP):
            result[_key(header)] = target
    own = (columns or {}).get(table)
    if isinstance(own, Mapping):
        result.update({_key(header): field for header, field in own.items()})
    return result


def map_headers(
    table: str, headers: Iterable[object], columns: Columns | None, header_row: int = 0
) -> tuple[list[str | None], list[RecordProblem]]:
    """The field of each header (``None``: not read) and a problem for each bad header."""
    names = header_fields(table, columns)
    fields: list[str | None] = []
    problems: list[RecordProblem] = []
    seen: dict[str, object] = {}
    for header in headers:
        if header is None or not str(header).strip():
            fields.append(None)
            continue
        field = names.get(_key(header))
        if field is None:
            known = ", ".join(TABLES[table].fields)
            message = f"unknown column; the columns are {known} (or rename it with columns=)"
            problems.append(RecordProblem(table, header_row, str(header).strip(), message))
        elif field in seen:
            message = f"column {header!r} and column {seen[field]!r} both give {field!r}"
            problems.append(RecordProblem(table, header_row, field, message))
        elif field:
            seen[field] = header
        fields.append(field or None)
    for field in TABLES[table].required:
        if field not in seen:
            message = "required column missing from the header"
            problems.append(RecordProblem(table, header_row, field, message))
    return fields, problems


def cell(table: str, field: str, value: object, values: Values) -> object:
    """One cell as the record reader takes it: words mapped, spreadsheet numbers exact.

    A spreadsheet stores every number as a float: it is read as the shortest decimal that
    gives that float back (``0.1`` as ``Decimal('0.1')``), which is what was typed.
    """
    if isinstance(value, str):
        words = values.get(field)
        return words.get(_key(value), value) if words else value
    text_field = TABLES[table].fields[field] in (_text, _list)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return repr(value) if text_field else Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool) and text_field:
        return str(value)
    return value


def _rows(
    table: str,
    fields: list[str | None],
    raw: Iterable[tuple[int, Iterable[object]]],
    values: Values,
) -> list[tuple[int, dict[str, object]]]:
    rows = []
    for number, cells in raw:
        item = {
            field: cell(table, field, value, values)
            for field, value in zip(fields, cells, strict=False)
            if field is not None and value is not None
        }
        if item:
            rows.append((number, item))
    return rows


def _files_problem(message: str) -> RecordError:
    return RecordError([RecordProblem("files", 0, None, message)])


def _read_csv(
    table: str, path: Path, columns: Columns | None, values: Values, encoding: str
) -> Read:
    try:
        with path.open(encoding=encoding, newline="") as stream:
            reader = csv.reader(stream)
            headers = next(reader, [])
            fields, problems = map_headers(table, headers, columns)
            if problems:
                return [], [], problems
            rows = _rows(table, fields, enumerate(reader, start=1), values)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return [], [], [RecordProblem(table, 0, None, f"cannot read {path}: {error}")]
    return _read_numbered(TABLES[table], rows)


def _read_parquet(table: str, path: Path, columns: Columns | None, values: Values) -> Read:
    parquet = require("pyarrow.parquet", "parquet", "Reading Parquet files")
    try:
        data = parquet.read_table(path)
    except (OSError, ValueError) as error:
        return [], [], [RecordProblem(table, 0, None, f"cannot read {path}: {error}")]
    fields, problems = map_headers(table, data.column_names, columns)
    if problems:
        return [], [], problems
    raw = ((number, row.values()) for number, row in enumerate(data.to_pylist(), start=1))
    return _read_numbered(TABLES[table], _rows(table, fields, raw, values))


def _in_sheet(problem: RecordProblem, sheet: str, headers: Mapping[str, str]) -> SheetProblem:
    column = headers.get(problem.field or "", problem.field)
    return SheetProblem(
        problem.table, problem.row, problem.field, problem.message, sheet=sheet, column=column
    )


def _read_workbook(path: Path, columns: Columns | None, values: Values) -> dict[str, Read]:
    openpyxl = require("openpyxl", "excel", "Reading Excel workbooks")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise _files_problem(f"cannot read the workbook {path}: {error}") from None
    tables: dict[str, Read] = {}
    try:
        for sheet in book.worksheets:
            table = SHEET_NAMES.get(_key(sheet.title))
            if table is None:
                continue
            if table in tables:
                raise _files_problem(f"{path}: two sheets hold the {table} table; keep one")
            lines = sheet.iter_rows(values_only=True)
            headers = list(next(lines, ()))
            fields, problems = map_headers(table, headers, columns)
            written = {f: str(h).strip() for f, h in zip(fields, headers, strict=True) if f}
            if problems:
                tables[table] = ([], [], [_in_sheet(p, sheet.title, written) for p in problems])
                continue
            good, rows, bad = _read_numbered(
                TABLES[table], _rows(table, fields, enumerate(lines, start=2), values)
            )
            tables[table] = (good, rows, [_in_sheet(p, sheet.title, written) for p in bad])
    finally:
        book.close()
    if not tables:
        names = ", ".join(sorted({*TABLES, *SHEET_NAMES}))
        raise _files_problem(f"{path} has no sheet named after a table; name them {names}")
    return tables


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
                raise _files_problem(
                    f"{source} holds both {found[0].name} and {found[1].name}; keep one"
                )
            paths.update({name: found[0]} if found else {})
        if not paths:
            names = ", ".join(f"{name}.csv" for name in TABLES)
            raise _files_problem(f"{source} holds none of {names} (or the same .parquet)")
    else:
        single = [source] if isinstance(source, (str, Path)) else list(source)
        paths = {Path(path).stem: Path(path) for path in single}
    unknown = sorted(set(paths) - set(TABLES))
    if unknown:
        names = ", ".join(TABLES)
        message = (
            f"unknown table(s) {', '.join(unknown)}; name the files {names} (.csv or .parquet)"
        )
        raise _files_problem(message)
    for path in paths.values():
        if path.suffix.lower() not in _SUFFIXES:
            raise _files_problem(f"cannot read {path}: a table file ends in .csv or .parquet")
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
    words = {field: {_key(k): v for k, v in mapping.items()} for field, mapping in words.items()}
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_workbook(Path(source), columns, words)
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() == ".xls":
        raise _files_problem(f"{source} is an old .xls workbook; save it as .xlsx in Excel")
    tables: dict[str, Read] = {}
    for name, path in _paths(source).items():
        if path.suffix.lower() == ".parquet":
            tables[name] = _read_parquet(name, path, columns, words)
        else:
            tables[name] = _read_csv(name, path, columns, words, encoding)
    return tables
