"""Headers and cells of record files: user headers renamed to record fields, cells made exact."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from dtbd._errors import RecordProblem
from dtbd.records._denormal import CARRIED
from dtbd.records._dicts import TABLES, _list, _text
from dtbd.records._words import SKIP, Columns, Values, key

__all__ = [
    "blank_cell",
    "cell",
    "check_columns",
    "header_fields",
    "map_headers",
    "numbered_rows",
]


def check_columns(columns: Columns | None) -> None:
    """Refuse a mapping to a field no table has, naming the header and the fields."""
    known = {field for table in TABLES.values() for field in table.fields} | {SKIP, *CARRIED}
    for header, target in (columns or {}).items():
        pairs = target.items() if isinstance(target, Mapping) else [(header, target)]
        if isinstance(target, Mapping) and header not in TABLES:
            raise ValueError(f"columns[{header!r}] is a table mapping but no table is named so")
        for name, field in pairs:
            if field not in known:
                raise ValueError(
                    f"columns maps {name!r} to {field!r}, which is no record field; "
                    f"the fields are {', '.join(sorted(known - {SKIP}))}, or '' to drop it"
                )


def header_fields(table: str, columns: Columns | None) -> dict[str, str]:
    """Normalised header → field of ``table``: its own field names, then ``columns``."""
    fields = _fields(table)
    result = {key(field): field for field in fields}
    for header, target in (columns or {}).items():
        if isinstance(target, str) and (target in fields or target == SKIP):
            result[key(header)] = target
    own = (columns or {}).get(table)
    if isinstance(own, Mapping):
        result.update({key(header): field for header, field in own.items()})
    return result


def _fields(table: str) -> list[str]:
    """The columns a file of ``table`` may have: attendances may carry their courses'."""
    own = list(TABLES[table].fields)
    return own + [c for c in CARRIED if c not in own] if table == "attendances" else own


def map_headers(
    table: str,
    headers: Iterable[object],
    columns: Columns | None,
    header_row: int = 0,
    *,
    blank: bool = True,
) -> tuple[list[str | None], list[RecordProblem]]:
    """The field of each header (``None``: not read) and a problem for each bad header.

    A blank header is read past when ``blank`` (a sheet's empty columns), else refused
    with its column number (a file's header names every column).
    """
    names = header_fields(table, columns)
    fields: list[str | None] = []
    problems: list[RecordProblem] = []
    seen: dict[str, object] = {}
    for number, header in enumerate(headers, start=1):
        if header is None or not str(header).strip():
            fields.append(None)
            if not blank:
                message = (
                    f"column {number} has no header; name it (the columns are "
                    f"{', '.join(TABLES[table].fields)}) or delete the column"
                )
                problems.append(
                    RecordProblem(table, header_row, None, message, code="record.column.blank")
                )
            continue
        field = names.get(key(header))
        if field is None:
            known = ", ".join(TABLES[table].fields)
            message = (
                f"unknown column; the columns are {known}, "
                "or the Vietnamese headers that `dtbd help records` lists"
            )
            problems.append(
                RecordProblem(
                    table, header_row, str(header).strip(), message, code="record.column.unknown"
                )
            )
        elif field in seen:
            message = f"column {header!r} and column {seen[field]!r} both give {field!r}"
            problems.append(
                RecordProblem(table, header_row, field, message, code="record.column.repeated")
            )
        elif field:
            seen[field] = header
        fields.append(field or None)
    for field in TABLES[table].required:
        if field not in seen:
            message = "required column missing from the header"
            problems.append(
                RecordProblem(table, header_row, field, message, code="record.column.missing")
            )
    return fields, problems


def cell(table: str, field: str, value: object, values: Values) -> object:
    """One cell as the record reader takes it: words mapped, spreadsheet numbers exact.

    A spreadsheet stores every number as a float: it is read as the shortest decimal that
    gives that float back (``0.1`` as ``Decimal('0.1')``), which is what was typed.
    """
    if isinstance(value, str):
        words = values.get(field)
        return words.get(key(value), value) if words else value
    parse = TABLES["courses"].fields[CARRIED[field]] if field in CARRIED else None
    text_field = (parse or TABLES[table].fields[field]) in (_text, _list)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return repr(value) if text_field else Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool) and text_field:
        return str(value)
    return value


def blank_cell(value: object) -> bool:
    """Whether a cell holds nothing: ``None`` or text of spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def numbered_rows(
    table: str,
    fields: list[str | None],
    raw: Iterable[tuple[int, Iterable[object]]],
    values: Values,
) -> list[tuple[int, dict[str, object]]]:
    """The numbered rows with a cell, each as field → cell; empty rows are left out.

    An empty cell (``None`` or ``""``) is a missing value, as if the column were absent;
    a cell of spaces is blank to the record reader too.
    """
    found = []
    for number, cells in raw:
        item = {
            field: cell(table, field, value, values)
            for field, value in zip(fields, cells, strict=False)
            if field is not None and value is not None and value != ""
        }
        if item:
            found.append((number, item))
    return found
