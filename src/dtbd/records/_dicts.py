"""Records in: dicts, model objects or CSV files, every bad row reported with its number."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

import attrs

from dtbd._errors import RecordError, RecordProblem
from dtbd._limits import MAX_TEXT_CHARS, shown
from dtbd.model._budget import FundingSource, Spending
from dtbd.model._categories import (
    Activity,
    CourseFormat,
    Gender,
    Level,
    Location,
    Outcome,
    StaffCategory,
)
from dtbd.model._people import Attendance, Course, Person
from dtbd.model._submission import SubmissionRow
from dtbd.records._records import Records
from dtbd.records._values import BadValueError as _BadValueError
from dtbd.records._values import Parse as _Parse
from dtbd.records._values import check_id_text as _check_id_text
from dtbd.records._values import read_category as _category
from dtbd.records._values import read_date as _date
from dtbd.records._values import read_days as _days
from dtbd.records._values import read_list as _list
from dtbd.records._values import read_number as _number
from dtbd.records._values import read_text as _text
from dtbd.records._values import read_whole as _whole
from dtbd.records._values import too_long as _too_long

# _list and _text are read by the header mapping (records/_headers.py).
__all__ = ["TABLES", "LoadedRecords", "_list", "_text", "records_from_dicts"]

OnError = Literal["raise", "report"]


@attrs.frozen
class LoadedRecords:
    """Records read leniently (``on_error="report"``): the good rows and the bad ones.

    ``rows`` gives, per table, the source row number of each record kept (data rows from
    1 in CSV and Parquet; the row Excel shows in a workbook, where the header is row 1),
    so that later reports name the row the user wrote.
    """

    records: Records
    problems: tuple[RecordProblem, ...]
    rows: Mapping[str, tuple[int, ...]]


@attrs.frozen
class _Table:
    name: str
    model: type[Any]
    fields: Mapping[str, _Parse]
    required: tuple[str, ...]
    key: str | None
    ids: frozenset[str] = frozenset()
    """Columns that hold ids (of this row or of another table's): no hidden characters."""


TABLES: Mapping[str, _Table] = {
    table.name: table
    for table in (
        _Table(
            "persons",
            Person,
            {
                "id": _text,
                "name": _text,
                "birth_date": _date,
                "gender": _category(Gender),
                "category": _category(StaffCategory),
                "level": _category(Level),
                "position": _text,
                "unit": _text,
                "qualifications": _list,
                "tags": _list,
                "ethnicity": _text,
            },
            ("id",),
            "id",
            frozenset({"id"}),
        ),
        _Table(
            "courses",
            Course,
            {
                "id": _text,
                "start": _date,
                "end": _date,
                "study_days": _days(_whole),
                "title": _text,
                "activity": _category(Activity),
                "format": _category(CourseFormat),
                "location": _category(Location),
                "country": _text,
                "place": _text,
                "provider": _text,
                "lead": _text,
                "topics": _list,
                "content": _text,
                "cost": _number,
                "target": _text,
            },
            ("id", "start"),
            "id",
            frozenset({"id", "target"}),
        ),
        _Table(
            "attendances",
            Attendance,
            {
                "person": _text,
                "course": _text,
                "outcome": _category(Outcome),
                "study_days": _days(_number),
                "cost": _number,
            },
            ("person", "course"),
            None,
            frozenset({"person", "course"}),
        ),
        _Table(
            "spending",
            Spending,
            {
                "id": _text,
                "date": _date,
                "amount": _number,
                "budget_line": _text,
                "course": _text,
                "source": _category(FundingSource),
                "description": _text,
                "unit": _text,
            },
            ("id", "date", "amount"),
            "id",
            frozenset({"id", "budget_line", "course"}),
        ),
        _Table(
            "submissions",
            SubmissionRow,
            {
                "unit": _text,
                "year": _whole,
                "start": _date,
                "end": _date,
                "activity": _category(Activity),
                "format": _category(CourseFormat),
                "location": _category(Location),
                "content": _text,
                "gender": _category(Gender),
                "minority": _text,
                "category": _category(StaffCategory),
                "level": _category(Level),
                "age_band": _text,
                "attendances": _whole,
                "persons": _whole,
                "courses": _whole,
                "cost": _number,
            },
            ("unit",),
            None,
            frozenset({"unit"}),
        ),
    )
}
"""The record tables, their columns (the model's field names) and required columns:
persons, courses, attendances and spending, and the figures units report
(``submissions``, docs/submissions.md)."""


def _is_blank(value: object) -> bool:
    # Only ASCII white space is blank: a cell of a lone NBSP or zero-width space is a
    # value that does not show, which the id check refuses.
    return value is None or (isinstance(value, str) and not value.strip(" \t\r\n"))


def _read_fields(
    table: _Table, row: int, item: Mapping[Any, object]
) -> tuple[dict[str, object], list[RecordProblem]]:
    """The readable fields of one mapping row, and a problem for each unreadable one."""
    problems: list[RecordProblem] = []
    values: dict[str, object] = {}
    for key, raw in item.items():
        if _is_blank(raw):
            continue
        if key not in table.fields:
            known = ", ".join(table.fields)
            message = f"unknown column {key!r}; the columns are {known}"
            problems.append(
                RecordProblem(table.name, row, str(key), message, code="record.column.unknown")
            )
            continue
        if isinstance(raw, str) and len(raw) > MAX_TEXT_CHARS:
            # Whatever the column: a cell this long is a file read wrong (a column of
            # another table, a whole paragraph pasted), and no message should quote it all.
            problems.append(
                RecordProblem(
                    table.name,
                    row,
                    key,
                    _too_long(raw),
                    code="record.value.too-long",
                    value=shown(raw),
                )
            )
            continue
        # An integer id (a frame's, a spreadsheet's) is its digits: the model's ids are text.
        integer = isinstance(raw, numbers.Integral) and not isinstance(raw, bool)
        cell = str(raw) if key in table.ids and integer else raw
        try:
            if key in table.ids:
                _check_id_text(cell)
            values[key] = table.fields[key](cell)
        except _BadValueError as bad:
            problems.append(
                RecordProblem(table.name, row, key, str(bad), code=bad.code, value=shown(raw))
            )
    return values, problems


def _read_row(table: _Table, row: int, item: object) -> tuple[object | None, list[RecordProblem]]:
    """One row as a model object, or the problems that stop it."""
    if isinstance(item, table.model):
        return item, []
    if not isinstance(item, Mapping):
        message = f"expected a {table.model.__name__} or a mapping of its fields, got {item!r}"
        return None, [RecordProblem(table.name, row, None, message, code="record.row.invalid")]
    values, problems = _read_fields(table, row, item)
    for name in table.required:
        if name not in values and not any(p.field == name for p in problems):
            problems.append(
                RecordProblem(
                    table.name,
                    row,
                    name,
                    "missing; this column is required",
                    code="record.field.missing",
                )
            )
    if problems:
        return None, problems
    try:
        return table.model(**values), []
    except (ValueError, TypeError) as error:
        # Cross-field checks of the model (an end before the start, a bad id).
        field = next((name for name in values if f"'{name}'" in str(error)), None)
        return None, [RecordProblem(table.name, row, field, str(error), code="record.row.invalid")]


def _read_table(
    table: _Table, items: Iterable[object], first_row: int = 1
) -> tuple[list[object], list[int], list[RecordProblem]]:
    return _read_numbered(table, enumerate(items, start=first_row))


def _read_numbered(
    table: _Table, items: Iterable[tuple[int, object]]
) -> tuple[list[object], list[int], list[RecordProblem]]:
    """Rows with their source numbers (a file skips blank lines) as records and problems."""
    good: list[object] = []
    rows: list[int] = []
    problems: list[RecordProblem] = []
    seen: dict[object, int] = {}
    for row, item in items:
        record, found = _read_row(table, row, item)
        problems.extend(found)
        if record is None:
            continue
        # A table without ids (attendances) repeats a row when every field is the same.
        key = record if table.key is None else getattr(record, table.key)
        if key in seen:
            problems.append(_repeated(table, row, seen[key], record))
            continue
        seen[key] = row
        good.append(record)
        rows.append(row)
    return good, rows, problems


def _repeated(table: _Table, row: int, first: int, record: object) -> RecordProblem:
    if table.key is None:
        message = (
            f"the same row as row {first}, field for field; it would count twice: delete the copy"
        )
        return RecordProblem(
            table.name, row, None, message, duplicate_of=first, code="record.row.duplicate"
        )
    key = getattr(record, table.key)
    message = f"duplicate id {shown(key)} (first on row {first}); give each row its own id"
    return RecordProblem(
        table.name,
        row,
        table.key,
        message,
        duplicate_of=first,
        code="record.id.duplicate",
        value=shown(key),
    )


def finish(
    tables: Mapping[str, tuple[list[object], list[int], list[RecordProblem]]], on_error: OnError
) -> Records | LoadedRecords:
    if on_error not in ("raise", "report"):
        raise ValueError(f"'on_error' must be 'raise' or 'report' (got {on_error!r})")
    empty: tuple[list[object], list[int], list[RecordProblem]] = ([], [], [])
    tables = {name: tables.get(name, empty) for name in TABLES}
    problems = tuple(p for name in TABLES for p in tables[name][2])
    records = Records(
        persons=tables["persons"][0],
        courses=tables["courses"][0],
        attendances=tables["attendances"][0],
        spending=tables["spending"][0],
        submissions=tables["submissions"][0],
    )
    if on_error == "raise":
        if problems:
            raise RecordError(problems)
        return records
    rows = {name: tuple(tables[name][1]) for name in TABLES}
    return LoadedRecords(records, problems, rows)


@overload
def records_from_dicts(
    *,
    persons: Iterable[object] = ...,
    courses: Iterable[object] = ...,
    attendances: Iterable[object] = ...,
    spending: Iterable[object] = ...,
    submissions: Iterable[object] = ...,
    on_error: Literal["raise"] = ...,
) -> Records: ...


@overload
def records_from_dicts(
    *,
    persons: Iterable[object] = ...,
    courses: Iterable[object] = ...,
    attendances: Iterable[object] = ...,
    spending: Iterable[object] = ...,
    submissions: Iterable[object] = ...,
    on_error: Literal["report"],
) -> LoadedRecords: ...


def records_from_dicts(  # noqa: PLR0913  -- one argument per table
    *,
    persons: Iterable[object] = (),
    courses: Iterable[object] = (),
    attendances: Iterable[object] = (),
    spending: Iterable[object] = (),
    submissions: Iterable[object] = (),
    on_error: OnError = "raise",
) -> Records | LoadedRecords:
    """Records from dicts with the documented field names, or from model objects.

    Dates may be ``date`` objects, ISO text or Vietnamese ``dd/mm/yyyy``; lists
    (topics, qualifications, tags) lists or text separated by ``;``.

    >>> records = records_from_dicts(
    ...     courses=[{"id": "k1", "start": "16/03/2018", "study_days": 32}],
    ...     attendances=[{"person": "p1", "course": "k1"}],
    ... )
    >>> records.courses[0].start
    Date(2018, 3, 16)

    Raises:
        RecordError: with ``on_error="raise"`` (the default), every bad row at once.
            With ``on_error="report"`` the good records come back in a
            :class:`LoadedRecords` beside the problems instead.
    """
    given = {"persons": persons, "courses": courses, "attendances": attendances}
    given["spending"] = spending
    given["submissions"] = submissions
    tables = {name: _read_table(TABLES[name], items) for name, items in given.items()}
    return finish(tables, on_error)
