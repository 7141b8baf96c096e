"""Cells of record frames that cannot be read: marked in columns, reported by row and field.

A row of a frame is refused for what the dict reader refuses it for (``records._dicts``): a
required cell missing, a date that is not one, a category not among its values, a negative
number, no study day, an end before the start, and what ``records._frame_checks`` adds
(hidden ids, a time of day, the limits, repeated rows). Each field that can fail gets a column
``_unread_<field>`` holding the reason (null when the cell reads); the engines count and
skip such rows and, only when there are some, collect them to name each one.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dtbd._errors import RecordProblem
from dtbd._limits import MAX_INTEGER_DIGITS
from dtbd.model._budget import FundingSource
from dtbd.model._categories import (
    Activity,
    CourseFormat,
    Gender,
    Level,
    Location,
    Outcome,
    StaffCategory,
)
from dtbd.model._period import DATE_FORMS, parse_date
from dtbd.records._frame_checks import FIRST, MESSAGES, repeat_problem

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = [
    "BAD",
    "ENUMS",
    "id_text",
    "is_frame",
    "object_dates",
    "object_flag",
    "object_lists",
    "plain_cell",
    "raw_name",
    "reason",
    "table_mapping",
    "unread_name",
    "unread_problems",
    "zone_flag",
    "zoned_dates",
]

ENUMS: Mapping[tuple[str, str], type[enum.Enum]] = {
    ("persons", "gender"): Gender,
    ("persons", "category"): StaffCategory,
    ("persons", "level"): Level,
    ("courses", "activity"): Activity,
    ("courses", "format"): CourseFormat,
    ("courses", "location"): Location,
    ("attendances", "outcome"): Outcome,
    ("spending", "source"): FundingSource,
}
"""The category columns and the values each may hold."""

BAD = "_unread"
"""The column saying that some cell of the row cannot be read."""

_OBJECT_FLAG = "_object_date_unread_"
_ZONE_FLAG = "_zoned_date_unread_"


def unread_name(field: str) -> str:
    """The column of the reason a row's ``field`` cannot be read (null when it can)."""
    return f"{BAD}_{field}"


def raw_name(field: str) -> str:
    """The column holding a converted ``field``'s cells as the user gave them, as text."""
    return f"{BAD}_raw_{field}"


def reason(conditions: Iterable[tuple[Any, str]]) -> Any:  # noqa: ANN401  -- a narwhals expression
    """The first reason whose condition holds, else null: one ``when`` per condition."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    found: Any = nw.lit(None, dtype=nw.String())
    for condition, code in reversed(list(conditions)):
        found = nw.when(condition.fill_null(value=False)).then(nw.lit(code)).otherwise(found)
    return found


def _day(value: object) -> tuple[dt.datetime | None, bool]:
    """One object cell as a day (``None`` when blank) and whether it cannot be read."""
    if value is None or (isinstance(value, (float, dt.date)) and value != value):  # noqa: PLR0124  -- NaN, NaT
        return None, False
    if isinstance(value, str) and not value.strip():
        return None, False
    if isinstance(value, dt.datetime) and (
        value.tzinfo is not None or value.time() != dt.time(0, 0)
    ):
        return None, True  # a time of day or a zone: no day without a guess, as in the dicts
    if isinstance(value, (dt.date, str)):
        try:
            day = parse_date(value) if isinstance(value, str) else value
        except ValueError:
            return None, True
        return dt.datetime(day.year, day.month, day.day), False  # noqa: DTZ001  -- a calendar day
    return None, True


def _convert(series: Any) -> tuple[list[dt.datetime | None], list[bool]]:  # noqa: ANN401
    cells = [_day(v) for v in series]
    return [day for day, _ in cells], [bad for _, bad in cells]


def object_dates(frame: nw.LazyFrame[Any], dates: Iterable[str]) -> nw.LazyFrame[Any]:
    """A pandas or Dask frame with its object-typed ``dates`` read cell by cell.

    pandas keeps ``datetime.date`` objects (and mixed text, ``None``, ``NaN``) in an
    ``object`` column, which no dataframe expression reads. Each such column becomes a
    datetime column (text read as :func:`~dtbd.parse_date` reads it) beside a boolean
    column marking the cells that are not dates. Other frames come back as they are.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    implementation = frame.implementation
    if not (implementation.is_pandas() or implementation.is_dask()):
        return frame
    schema = frame.collect_schema()
    objects = [name for name in dates if schema.get(name) == nw.Object]
    if not objects:
        return frame

    # ``type(series)`` is pandas' Series (a Dask partition is a pandas one): no import.
    def days(series: Any) -> Any:  # noqa: ANN401
        return type(series)(_convert(series)[0], index=series.index, dtype="datetime64[us]")

    def flags(series: Any) -> Any:  # noqa: ANN401
        return type(series)(_convert(series)[1], index=series.index, dtype=bool)

    native = frame.to_native()
    new: dict[str, Any] = {}
    for name in objects:
        for column, read, dtype in (
            (name, days, "datetime64[us]"),
            (object_flag(name), flags, bool),
        ):
            if implementation.is_dask():
                new[column] = native[name].map_partitions(read, meta=(column, dtype))
            else:
                new[column] = read(native[name])
    read_frame: nw.LazyFrame[Any] = nw.from_native(native.assign(**new)).lazy()
    return read_frame


def object_flag(name: str) -> str:
    """The column :func:`object_dates` marks a date column's unreadable cells in."""
    return f"{_OBJECT_FLAG}{name}"


def zone_flag(name: str) -> str:
    """The column :func:`zoned_dates` marks a date column's cells with a time zone in."""
    return f"{_ZONE_FLAG}{name}"


def zoned_dates(frame: nw.LazyFrame[Any], dates: Iterable[str]) -> nw.LazyFrame[Any]:
    """``frame`` with each of its ``dates`` that holds datetimes with a time zone set aside.

    Which day such a datetime falls on depends on the zone it is seen from, so its cells
    are refused (``_values.TIME_ZONE``), as the dict reader refuses them: the column
    becomes an empty one of naive datetimes (no engine compares a zoned datetime with a
    naive day limit), beside a boolean column (:func:`zone_flag`) marking the cells that
    held one. pandas and Dask columns are set aside natively: a Dask zoned column has no
    narwhals dtype (``Unknown``), so it is told by its pandas dtype's ``tz``, and pandas
    cannot cast a zoned column to a naive one.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    schema = frame.collect_schema()
    present = [name for name in dates if name in schema]
    if frame.implementation.is_pandas_like() or frame.implementation.is_dask():
        native = frame.to_native()
        zoned = [n for n in present if getattr(native[n].dtype, "tz", None) is not None]
        if not zoned:
            return frame
        new = {zone_flag(n): native[n].notnull() for n in zoned}
        new |= {n: native[n].dt.tz_localize(None).where(native[n].isnull()) for n in zoned}
        native_frame: nw.LazyFrame[Any] = nw.from_native(native.assign(**new)).lazy()
        return native_frame
    zoned = [
        n
        for n in present
        if schema[n] == nw.Datetime and getattr(schema[n], "time_zone", None) is not None
    ]
    if not zoned:
        return frame
    flags = [(~nw.col(n).is_null()).alias(zone_flag(n)) for n in zoned]
    empty = [nw.lit(None, dtype=nw.Datetime()).alias(n) for n in zoned]
    return frame.with_columns(flags).with_columns(empty)


def _items(value: object) -> list[object] | None:
    """The items of a list cell (a list, a tuple, a numpy array from Parquet), else ``None``."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if type(value).__name__ == "ndarray":  # numpy is pandas' dependency, not dtbd's
        return list(value.tolist())  # type: ignore[attr-defined]
    return None


def _joined(value: object) -> object:
    """A cell of lists as the dict reader reads a list of words: joined with ``;``."""
    items = _items(value)
    return value if items is None else ";".join(map(str, items)) or None


def _not_words(value: object) -> bool:
    items = _items(value)
    return items is not None and not all(isinstance(i, str) for i in items)


def object_lists(
    frame: nw.LazyFrame[Any], lists: Iterable[str]
) -> tuple[nw.LazyFrame[Any], list[str]]:
    """``frame`` with pandas' and Dask's ``object`` list columns read as lists of words.

    polars and DuckDB type a list column (``List(String)``); pandas keeps each cell's
    Python list in an ``object`` column, which read as text would be the list's ``repr``
    ("['a', 'b']", one topic). Such a cell is joined with ``;`` as a list of words is;
    the columns whose lists hold other things than words (numbers, dates) are returned,
    to be refused as polars' ``List(Int64)`` is.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if not frame.implementation.is_pandas_like():
        # Dask's from_pandas makes object columns text itself ("dataframe.convert-string"),
        # lists included, before dtbd sees them
        return frame, []
    native = frame.to_native()
    objects = [n for n in lists if n in native.columns and native[n].dtype == object]
    listed = [n for n in objects if native[n].map(lambda v: _items(v) is not None).any()]
    wrong = [n for n in listed if native[n].map(_not_words).any()]
    # object, as given: pandas would infer a dtype from what map returns (NaT: datetimes)
    new = {n: native[n].map(_joined).astype(object) for n in listed if n not in wrong}
    if not new:
        return frame, wrong
    joined: nw.LazyFrame[Any] = nw.from_native(native.assign(**new)).lazy()
    return joined, wrong


def plain_cell(value: object) -> object:
    """A cell as the dict reader takes it: dates as dates, floats as numbers, gaps as None.

    A whole float becomes an integer, any other float its text (the dict reader refuses
    floats, which are not exact).
    """
    if isinstance(value, (float, Decimal, dt.date)) and value != value:  # noqa: PLR0124  -- NaN, NaT
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float):
        # A whole float is an integer a pandas column with gaps made float: 1000.0 is 1000.
        return int(value) if value.is_integer() else repr(value)
    return value


def id_text(value: object) -> str:
    """An id as the user wrote it, whatever its dtype: ``123`` (or pandas' ``123.0``) is '123'."""
    return str(plain_cell(value))


_CODES = {
    "missing": "record.field.missing",
    "before_start": "record.row.invalid",
    "hidden_id": "record.id.invalid",
    "long_text": "record.value.too-long",
}
"""The problem code of a reason a frame's cell is unread, as the dict reader gives it;
every other reason is a cell that cannot be read."""


def _message(table: str, field: str, code: str, row: Mapping[str, Any]) -> str:
    value = row.get(field)
    given = row.get(raw_name(field))
    messages: dict[str, Callable[[], str]] = {
        "missing": lambda: "missing; this column is required",
        "date": lambda: (
            f"{given!r} is not a date; write it as {DATE_FORMS}"
            if isinstance(given, str)
            else "not a date; give a date column, or text such as 2025-03-16 or 16/03/2025"
        ),
        "not_number": lambda: f"{given!r} is not a number; write digits only, e.g. 11000000000",
        "not_whole": lambda: f"{given!r} must be a whole number",
        "too_long": lambda: (
            f"{str(given)[:20] + '…'!r} has more than {MAX_INTEGER_DIGITS} digits; "
            "see the limits: `dtbd help records`"
        ),
        "inexact": lambda: (
            f"{given!r} is too large to be exact in a float column; read the file with "
            "pandas' dtype_backend='pyarrow' so that whole numbers stay integers"
        ),
        "category": lambda: _unknown(ENUMS[table, field], value),
        "negative": lambda: f"{value!r} is negative; amounts and days are never below zero",
        "no_days": lambda: f"'study_days' must be a whole number ≥ 1 (got {value!r})",
        "before_start": lambda: (
            f"course {id_text(row.get('id'))!r}: 'end' {_iso(value)} is before 'start' "
            f"{_iso(row.get('start'))}; check the two dates"
        ),
    }
    if code in MESSAGES:
        return MESSAGES[code](value, given)
    return messages[code]()


def _unknown(kind: type[enum.Enum], value: object) -> str:
    allowed = ", ".join(str(m.value) for m in kind)
    return f"unknown {kind.__name__} {value!r}; use one of {allowed}"


def _iso(value: object) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)


def unread_problems(
    table: str, rows: Iterable[tuple[int, Mapping[str, Any]]], fields: Iterable[str]
) -> list[RecordProblem]:
    """A problem for each unreadable cell of the collected ``rows`` (number, row)."""
    fields = tuple(fields)
    found = []
    for number, row in rows:
        if repeated := repeat_problem(table, row):
            first = row[FIRST] and int(row[FIRST])
            where, said = repeated
            kind = "record.id.duplicate" if where == "id" else "record.row.duplicate"
            found.append(RecordProblem(table, number, where, said, duplicate_of=first, code=kind))
        for field in fields:
            code = row.get(unread_name(field))
            if isinstance(code, str):  # pandas gives NaN for a null text
                message = _message(table, field, code, row)
                found.append(
                    RecordProblem(
                        table,
                        number,
                        field,
                        message,
                        code=_CODES.get(code, "record.value.invalid"),
                    )
                )
    return found


def table_mapping(
    columns: Mapping[str, str] | Mapping[str, Mapping[str, str]] | None, table: str
) -> Mapping[str, str]:
    """The header mapping of one table: a flat mapping, or the table's entry of a nested one."""
    if not columns:
        return {}
    if all(isinstance(v, str) for v in columns.values()):
        return columns  # type: ignore[return-value]
    per_table = columns.get(table, {})
    return per_table if isinstance(per_table, Mapping) else {}


_PLAIN_MODULES = frozenset({"builtins", "dtbd"})
"""Top-level packages whose objects are never frames: lists, tuples, dicts, model objects."""


def is_frame(table: object) -> bool:
    """Whether ``table`` is a dataframe narwhals reads (not a list of dicts or model objects)."""
    # A mapping of tables may also hold lists of dicts or model objects: those are read
    # by the record readers, not by the frame engine. Saying so from the type's package
    # keeps narwhals unloaded for them; anything else is asked of narwhals, since its
    # plugins may claim a type of any package (a check of sys.modules for pandas or polars
    # would miss those).
    if type(table).__module__.partition(".")[0] in _PLAIN_MODULES:
        return False
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    return nw.from_native(table, pass_through=True) is not table
