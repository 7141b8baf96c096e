"""Records as dataframes: any frame narwhals reads, renamed and checked, kept lazy.

The four tables of ``docs/records.md`` (persons, courses, attendances, spending) may be
pandas, polars (eager or lazy), PyArrow, DuckDB, Dask or PySpark frames. They are wrapped
as narwhals lazy frames, their columns renamed with a mapping (Vietnamese headers such as
"Họ và tên" → ``name``), checked for presence and type, and never collected here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from dtbd._errors import DtbdError, RecordProblem
from dtbd.records._denormal import carried_columns, refused, row_problems, split
from dtbd.records._dicts import TABLES, _read_numbered, finish
from dtbd.records._frame_cells import (
    BAD,
    is_frame,
    object_dates,
    object_lists,
    plain_cell,
    raw_name,
    reason,
    table_mapping,
    unread_name,
    zoned_dates,
)
from dtbd.records._frame_checks import nan_as_gap, repeats
from dtbd.records._frame_columns import COLUMNS, DATES, DEFAULTS, REQUIRED
from dtbd.records._frame_keys import cast_keys, key_casts
from dtbd.records._frame_kinds import TYPES, engine_errors, kind_ok
from dtbd.records._frame_screens import Screen, screened
from dtbd.records._frame_typed import set_aside, typed_column
from dtbd.records._records import Records

# narwhals (~70 ms to import) is loaded by the functions that wrap frames, so that records
# given as Python objects never load it; the annotations here are only read by type checkers.
if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["COLUMNS", "FrameColumnError", "FrameRecords", "as_frames", "frames"]

_TABLES = ("persons", "courses", "attendances", "spending")


class FrameColumnError(DtbdError, ValueError):
    """A frame lacks a required column or holds a column of the wrong type."""

    code = "record.frame.column"


def _normal(
    table: str, frame: nw.LazyFrame[Any], found: list[str], headers: Mapping[str, str], *keep: str
) -> nw.LazyFrame[Any]:
    """The frame with every known column present, typed as the engine reads it.

    Beside them, a column ``_unread_<field>`` per field that can fail names why a row's
    cell cannot be read (``records._frame_cells``), and ``_unread`` says whether any does;
    a converted column keeps its cells as text in ``_unread_raw_<field>`` for the messages.
    ``found`` are the user's columns and ``headers`` the user's name of each renamed one;
    the columns ``keep`` are passed through as they are.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    frame = zoned_dates(nan_as_gap(frame, COLUMNS[table]), DATES[table])
    lists = [name for name, kind in COLUMNS[table].items() if kind == "list"]
    frame, not_words = object_lists(frame, lists)
    schema = frame.collect_schema()
    missing = [c for c in REQUIRED[table] if c not in schema]
    wrong = [
        f"{_header(name, headers)} is {dtype}, expected {TYPES[COLUMNS[table][name]]}"
        for name, dtype in schema.items()
        if name in COLUMNS[table]
        and not kind_ok(COLUMNS[table][name], dtype)
        and name not in not_words
    ] + [
        f"{_header(name, headers)} is List of other things than words (an object column of "
        f"lists), expected {TYPES['list']}"
        for name in not_words
    ]
    if missing or wrong:
        expected = ", ".join(
            f"{c}{'*' if c in REQUIRED[table] else ''} ({TYPES[k]})"
            for c, k in COLUMNS[table].items()
        )
        problems = [f"missing column {c!r}" for c in missing] + wrong
        raise FrameColumnError(
            f"{table} frame: {'; '.join(problems)}. Expected columns (* required): {expected}. "
            f"Found: {', '.join(found)}; rename columns with columns={{'Họ và tên': 'name'}}"
        )
    typed: dict[str, Any] = {}
    unread: dict[str, Any] = {}
    raws: dict[str, Any] = {}
    stages: list[dict[str, Any]] = []  # helper columns a conversion computes first
    pandas_like = frame.implementation.is_pandas_like() or frame.implementation.is_dask()
    pyarrow = frame.implementation.is_pyarrow()
    for name, kind in COLUMNS[table].items():
        if name not in schema:
            default = DEFAULTS.get((table, name))
            # Float, not Int64, for an absent number: numpy-backed pandas (and Dask) cannot
            # hold a null integer. The column is all null, so no value is ever inexact.
            dtype: Any = nw.Float64() if kind in ("whole", "number", "money") else nw.String()
            if kind == "date":
                dtype = nw.Datetime()
            typed[name] = nw.lit(default, dtype=dtype)
            continue
        col, conditions, converted = typed_column(
            table,
            name,
            schema[name],
            typed,
            pandas_like=pandas_like,
            pyarrow=pyarrow,
            stages=stages,
        )
        typed[name] = col
        if converted and conditions:
            raws[raw_name(name)] = nw.col(name).cast(nw.String())
        conditions[:0] = set_aside(name, schema)
        if conditions:
            unread[unread_name(name)] = reason(conditions)
    exprs = [col.alias(name) for name, col in typed.items()]
    exprs += [expr.alias(name) for name, expr in (unread | raws).items()]
    if "row_number" in schema:
        exprs.append(nw.col("row_number"))
    exprs += [nw.col(name) for name in keep]
    flags = [~nw.col(name).is_null() for name in unread]
    for stage in stages:
        frame = frame.with_columns(**stage)
    return frame.select(exprs).with_columns(
        nw.any_horizontal(*flags, ignore_nulls=True).alias(BAD)
    )


def _header(name: str, headers: Mapping[str, str]) -> str:
    """A column as the user names it: ``'Số ngày' (study_days)`` when renamed."""
    return f"{headers[name]!r} ({name})" if name in headers else repr(name)


def _wrap(native: object, table: str) -> tuple[nw.LazyFrame[Any], bool]:
    """A narwhals lazy frame of ``native`` and whether it came eager (rows numbered)."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    try:
        frame = nw.from_native(native)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            f"{table}: expected a dataframe (pandas, polars, PyArrow, DuckDB, Dask, PySpark), "
            f"got {type(native).__name__}"
        ) from None
    if isinstance(frame, nw.DataFrame):
        return frame.with_row_index("row_number").lazy(), True
    return frame, False


@attrs.frozen
class FrameRecords:
    """The four record tables as narwhals lazy frames, renamed and checked.

    Build it with :func:`frames`. Each table is ``None`` when not given, and holds the
    rows that can be read; ``checked`` holds every row, with the columns that say why a
    row cannot be read (``_unread_<field>``, ``_unread``). ``numbered`` names the tables
    that came eager and so carry a 0-based ``row_number`` column: their bad rows are
    reported by row number.
    """

    persons: nw.LazyFrame[Any] | None = None
    courses: nw.LazyFrame[Any] | None = None
    attendances: nw.LazyFrame[Any] | None = None
    spending: nw.LazyFrame[Any] | None = None
    numbered: frozenset[str] = frozenset()
    native: object = None
    """One of the user's frames, so that results can be given back in the same engine."""
    checked: Mapping[str, nw.LazyFrame[Any]] = attrs.field(factory=dict, repr=False)
    carried: tuple[str, ...] = ()
    """The course columns the attendances carried; the courses come from them."""
    cells: Mapping[str, nw.LazyFrame[Any]] = attrs.field(factory=dict, repr=False)
    """Every row with its cells checked (``_unread``), before the check for repeats."""
    plain: Mapping[str, nw.LazyFrame[Any]] = attrs.field(factory=dict, repr=False)
    """Each table's typed columns without any check: the table, when no row is refused."""
    screens: Mapping[str, tuple[Screen, ...]] = attrs.field(factory=dict, repr=False)
    """Frames that show at a glance that a table refuses no row (``_frame_screens``)."""
    given: Mapping[str, frozenset[str]] = attrs.field(factory=dict, repr=False)
    """The record fields each table came with (renamed); a table not named here, all."""

    def has(self, table: str, field: str) -> bool:
        """Whether ``table`` came with the column ``field`` (not a column of gaps made for it)."""
        return field in self.given.get(table, (field,))

    def table(self, name: str) -> nw.LazyFrame[Any] | None:
        """The lazy frame of one table (``persons``, ``courses``, …) or ``None``."""
        frame: nw.LazyFrame[Any] | None = getattr(self, name)
        return frame

    def narrowed(self, **tables: nw.LazyFrame[Any] | None) -> FrameRecords:
        """These frames with ``tables`` put in, read as given (no checked, plain or screen)."""
        changed: dict[str, Any] = {**tables, "checked": {}, "cells": {}, "plain": {}}
        return attrs.evolve(self, **changed, screens={})

    def unread(self, name: str) -> list[RecordProblem]:
        """The problems of the rows of table ``name`` that cannot be read (collects them)."""
        import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

        frame = self.checked.get(name)
        if frame is None:
            return []
        with engine_errors(self.checked):
            rows = frame.filter(nw.col(BAD)).collect().rows(named=True)
        numbered = name in self.numbered
        numbers = [int(r["row_number"]) + 1 if numbered else 0 for r in rows]
        return row_problems(name, zip(numbers, rows, strict=True), self.carried)

    def to_records(self) -> Records:
        """Collect the frames into :class:`~dtbd.Records` (for the rule checks).

        This reads every row into Python objects: fine for a province's records, not
        for a national roll-up. Blank cells (``None``, ``NaN``, ``NaT``) are missing
        values, as in the dict reader.

        Raises:
            RecordError: some rows cannot be read; each is named by table, row (from 1
                for a frame that came eager, 0 for a lazy one) and field.
        """
        tables: dict[str, tuple[list[object], list[int], list[RecordProblem]]] = {}
        for name in _TABLES:
            frame = self.checked.get(name, self.table(name))
            if frame is None:
                tables[name] = ([], [], [])
                continue
            with engine_errors(self.checked):
                rows = frame.collect().rows(named=True)
            numbered = name in self.numbered
            numbers = [int(r["row_number"]) + 1 if numbered else 0 for r in rows]
            problems = row_problems(name, zip(numbers, rows, strict=True), self.carried)
            good = [
                (number, {k: plain_cell(v) for k, v in row.items() if k in COLUMNS[name]})
                for number, row in zip(numbers, rows, strict=True)
                if not row.get(BAD)
            ]
            read = _read_numbered(
                TABLES[name], ((n, {k: v for k, v in r.items() if v is not None}) for n, r in good)
            )
            tables[name] = (read[0], read[1], problems + read[2])
        records = finish(tables, "raise")
        assert isinstance(records, Records)  # noqa: S101  -- "raise" gives Records
        return records


def frames(
    persons: object = None,
    courses: object = None,
    attendances: object = None,
    spending: object = None,
    *,
    columns: Mapping[str, str] | Mapping[str, Mapping[str, str]] | None = None,
) -> FrameRecords:
    """Records given as dataframes of any engine narwhals supports, lazy ones kept lazy.

    ``columns`` renames the user's columns to the record format: one mapping for every
    table (a header absent from a table is skipped) or one per table name.

    >>> import polars as pl
    >>> staff = pl.DataFrame({"Mã": ["p1"], "Họ và tên": ["Nguyễn Văn A"], "Đơn vị": ["UBND"]})
    >>> headers = {"Mã": "id", "Họ và tên": "name", "Đơn vị": "unit"}
    >>> records = frames(persons=staff, columns=headers)
    >>> records.persons.collect()["name"].to_list()
    ['Nguyễn Văn A']

    Raises:
        FrameColumnError: a required column is missing or a column has the wrong type;
            the message lists the expected columns and types.
    """
    given = {"persons": persons, "courses": courses, "attendances": attendances}
    given["spending"] = spending
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    tables: dict[str, nw.LazyFrame[Any] | None] = {}
    checked: dict[str, nw.LazyFrame[Any]] = {}
    given_dtypes: dict[str, Mapping[str, Any]] = {}
    given_fields: dict[str, frozenset[str]] = {}
    all_headers: dict[str, Mapping[str, str]] = {}
    numbered = set()
    native = None
    carried: tuple[str, ...] = ()
    plain: dict[str, nw.LazyFrame[Any]] = {}
    screens: dict[str, tuple[Screen, ...]] = {}
    for name, value in given.items():
        if value is None:
            tables[name] = None
            continue
        native = native if native is not None else value
        frame, eager = _wrap(value, name)
        mapping = table_mapping(columns, name)
        schema = frame.collect_schema()
        renames = {old: new for old, new in mapping.items() if old in schema}
        found = [c for c in schema if not (eager and c == "row_number")]
        headers = {new: old for old, new in renames.items() if new != old}
        read = object_dates(frame.rename(renames), DATES[name])
        given_dtypes[name], all_headers[name] = read.collect_schema(), headers
        given_fields[name] = frozenset(given_dtypes[name])
        if eager:
            numbered.add(name)
        if name == "attendances" and (carried := carried_columns(given_dtypes[name])):
            # Course attributes on the attendance rows: the courses come from them.
            if why := refused(carried, found, courses=courses is not None):
                raise FrameColumnError(why)
            parts, plain, screens["attendances"] = split(read, found, headers, _normal)
            checked |= parts
            given_dtypes["courses"] = {"id": given_dtypes[name]["course"]}
            all_headers["courses"] = {}
            continue
        checked[name] = _normal(name, read, found, headers)
    # Ids are kept as given; the columns that join are made to join (or refused).
    casts = key_casts(checked, given_dtypes, all_headers, FrameColumnError)
    plain = cast_keys({name: plain.get(name, frame) for name, frame in checked.items()}, casts)
    cells = cast_keys(checked, casts)
    checked = dict(cells)
    for name, frame in cells.items():
        if not (name == "courses" and carried):  # courses from attendances: one per id
            checked[name] = repeats(frame, name, BAD, numbered=name in numbered)
        own = [*COLUMNS[name], *(["row_number"] if name in numbered else [])]
        tables[name] = checked[name].filter(~nw.col(BAD)).select(own)
        plain[name] = plain[name].select(own)
    return FrameRecords(
        **tables,
        numbered=frozenset(numbered),
        native=native,
        checked=checked,
        carried=carried,
        cells=cells,
        plain=plain,
        screens=screened(cells, screens, casts, given_fields),
        given=given_fields,
    )


def as_frames(records: object) -> FrameRecords | None:
    """``records`` as :class:`FrameRecords` if they are frames, else ``None``.

    Frames are a :class:`FrameRecords` or a mapping of table names to dataframes
    (``{"persons": df, "attendances": df2}``).
    """
    if isinstance(records, FrameRecords):
        return records
    if (
        isinstance(records, Mapping)
        and records
        and set(records) <= set(_TABLES)
        and all(is_frame(table) for table in records.values())
    ):
        return frames(**records)
    return None
