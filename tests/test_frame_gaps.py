"""Frames with gaps: blank cells in every nullable column, on every engine, as in Python.

pandas holds a gap as ``None``, ``NaN`` or ``NaT``, dates as ``datetime.date`` objects,
``datetime64`` of any unit or pyarrow ``date32``; polars and DuckDB as null. Every engine
gives the Python engine's ``evaluate``, ``progress`` and ``check`` over the same rows, and
a row that cannot be read is reported by its row and field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
import polars as pl
import pytest

from dtbd import (
    Figure,
    RecordError,
    Scheme,
    Scope,
    Target,
    Window,
    check,
    evaluate,
    example_records,
    progress,
)
from dtbd.catalog import load
from dtbd.records._frame_columns import REQUIRED
from dtbd.records._frames import COLUMNS, frames
from test_frames import ENGINES, _cell, _without_row_lists

_DTYPES = {"date": pl.Date, "whole": pl.Int64, "money": pl.Int64, "number": pl.Float64}

Rows = dict[str, list[dict[str, object]]]


def _tables(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-table summaries of a result dict (beside them, ``money``: its sources)."""
    return [t for name, t in result["records"].items() if name != "money"]


def _dict_rows(records: Any) -> Rows:
    return {
        table: [
            {c: _dict_cell(getattr(r, c, None)) for c in columns} for r in getattr(records, table)
        ]
        for table, columns in COLUMNS.items()
    }


def _dict_cell(value: object) -> object:
    # Exact numbers stay Decimal for the dict reader (it refuses floats); frames get _cell.
    return value if isinstance(value, Decimal) else _cell(value)


def _with_gaps(rows: Rows) -> Rows:
    """Every nullable column blank on every third row (shifted per column)."""
    out: Rows = {}
    for table, items in rows.items():
        nullable = [c for c in COLUMNS[table] if c not in REQUIRED[table]]
        out[table] = [
            {c: None if c in nullable and (i + nullable.index(c)) % 3 == 0 else v
             for c, v in item.items()}
            for i, item in enumerate(items)
        ]  # fmt: skip
    return out


def polars_frames(rows: Rows) -> dict[str, pl.DataFrame]:
    """Dict rows as polars frames of the documented types (a blank cell is null)."""
    return {
        table: pl.DataFrame(
            {c: [_cell(item.get(c)) for item in items] for c in COLUMNS[table]},
            schema={c: _DTYPES.get(k, pl.String) for c, k in COLUMNS[table].items()},
        )
        for table, items in rows.items()
    }


def _blank(index: int) -> object:
    return (None, float("nan"), pd.NaT)[index % 3]


def _pandas(dates: str, *, dask: bool = False) -> Callable[[dict[str, pl.DataFrame]], Any]:
    """pandas frames whose gaps are None, NaN or NaT and whose dates are of ``dates``."""

    def convert(tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
        out = {}
        for name, frame in tables.items():
            df = frame.to_pandas(use_pyarrow_extension_array=True)
            for column, kind in COLUMNS[name].items():
                values = frame[column].to_list()
                if kind == "date" and dates == "object":
                    cells = [v if v is not None else _blank(i) for i, v in enumerate(values)]
                    df[column] = pd.Series(cells, dtype=object)
                elif kind == "date" and dates == "date32":
                    df[column] = pd.array(values, dtype="date32[pyarrow]")
                elif kind == "date":
                    df[column] = pd.to_datetime(pd.Series(values, dtype=object)).astype(dates)
                elif kind in ("text", "enum", "list") and dates == "object":
                    cells = [v if v is not None else _blank(i)
                             for i, v in enumerate(values)]  # fmt: skip
                    df[column] = pd.Series(cells, dtype=object)
            out[name] = df
        if dask:
            import dask.dataframe as dd

            return {k: dd.from_pandas(v, npartitions=2) for k, v in out.items()}
        return out

    return convert


GAP_ENGINES: dict[str, Callable[[dict[str, pl.DataFrame]], Any]] = {
    **ENGINES,
    "pandas-objects": _pandas("object"),
    "pandas-datetime64[ms]": _pandas("datetime64[ms]"),
    "pandas-datetime64[us]": _pandas("datetime64[us]"),
    "pandas-datetime64[ns]": _pandas("datetime64[ns]"),
    "pandas-date32": _pandas("date32"),
}
if "dask" in ENGINES:
    GAP_ENGINES["dask-objects"] = _pandas("object", dask=True)

BASE = load("hanoi-2022-2025")
GAP_SCHEME = Scheme(
    "khoang-trong",
    "Kế hoạch có ô trống",
    BASE.period,
    targets=(
        *BASE.targets,
        Target("tre", "Người dưới 40 tuổi", Figure.parse("5 người"), scope=Scope(under_age=40)),
        Target("nu", "Lượt của nữ", Figure.parse("5 lượt"), scope=Scope(gender="female")),
        Target("cong-chuc", "Công chức mỗi năm", Figure.parse("2 người"),
               scope=Scope(categories=("civil_servant",)), window=Window(cadence="per_year")),
        Target("ngay", "Ngày học bồi dưỡng", Figure.parse("50 ngày"),
               scope=Scope(activity="fostering")),
        Target("khoa", "Khóa trong nước", Figure.parse("3 khóa"),
               scope=Scope(location="domestic")),
    ),
    rules=(*BASE.rules, *load("qd-1641-2022").rules),
)  # fmt: skip
GAP_ROWS = _with_gaps(_dict_rows(example_records(BASE, scale=0.1)))
AS_OF = dt.date(2025, 6, 30)


def _tables(engine: str, rows: Rows = GAP_ROWS) -> Any:
    return GAP_ENGINES[engine](polars_frames(rows))


def _slow_on_dask(engine: str, *, keep: str = "") -> None:
    if engine.startswith("dask") and engine != keep:
        pytest.skip("dask builds this plan in minutes; pandas runs the same code path")


def _unordered_problems(result: dict[str, Any]) -> dict[str, Any]:
    # A lazy frame has no row order: its problems carry row 0 (docs/frames.md).
    for table in _tables(result):
        table["problems"] = sorted(
            (p["table"], p["field"], p["message"]) for p in table["problems"]
        )
    return result


@pytest.mark.parametrize("engine", sorted(GAP_ENGINES))
def test_evaluate_over_frames_with_gaps_equals_python_engine(engine: str) -> None:
    """Blank cells in every nullable column: the same evaluation on every engine."""
    _slow_on_dask(engine, keep="dask-objects")
    expected = _without_row_lists(evaluate(GAP_SCHEME, GAP_ROWS, AS_OF).to_dict())
    assert any(t["achieved"] != "0" for t in expected["targets"].values())
    got = _without_row_lists(evaluate(GAP_SCHEME, _tables(engine), AS_OF).to_dict())
    assert got == expected


@pytest.mark.parametrize("engine", sorted(GAP_ENGINES))
def test_progress_over_frames_with_gaps_equals_python_engine(engine: str) -> None:
    """An age target over birth dates with gaps: the same progress on every engine."""
    _slow_on_dask(engine)
    target = GAP_SCHEME.targets[-5]
    expected = progress(target, GAP_ROWS, AS_OF, period=GAP_SCHEME.period)
    got = progress(target, _tables(engine), AS_OF, period=GAP_SCHEME.period)
    assert got.to_dict() == expected.to_dict()


@pytest.mark.parametrize("engine", sorted(GAP_ENGINES))
def test_check_over_frames_with_gaps_equals_python_engine(engine: str) -> None:
    """Rule checks over frames with gaps: the violations found over the rows themselves."""
    expected = [v.to_dict() for v in check(GAP_SCHEME, GAP_ROWS)]
    assert any(v["code"] == "missing-data" for v in expected)
    got = [v.to_dict() for v in check(GAP_SCHEME, _tables(engine))]
    key = sorted if engine in ("polars-lazy", "duckdb", "dask", "dask-objects") else list
    assert key(map(repr, got)) == key(map(repr, expected))


BAD_ROWS: Rows = {
    "persons": [
        {"id": "p1", "birth_date": dt.date(1980, 1, 2), "gender": "female"},
        {"id": None, "birth_date": dt.date(1990, 1, 1)},
        {"id": "p3", "gender": "nu"},
    ],
    "courses": [
        {"id": "k1", "start": dt.date(2024, 3, 4), "study_days": 5},
        {"id": "k2", "start": None},
        {"id": "k3", "start": dt.date(2024, 4, 1), "study_days": 0},
        {"id": None, "start": dt.date(2024, 5, 1)},
    ],
    "attendances": [
        {"person": "p1", "course": "k1"},
        {"person": None, "course": "k1"},
        {"person": "p1", "course": None},
        {"person": "p1", "course": "k2"},
        {"person": "p1", "course": "k1", "outcome": "xong"},
    ],
    "spending": [
        {"id": "s1", "date": dt.date(2024, 3, 4), "amount": 100, "course": "k1"},
        {"id": "s2", "date": None, "amount": 5},
        {"id": "s3", "date": dt.date(2024, 3, 4), "amount": None},
        {"id": "s4", "date": dt.date(2024, 3, 4), "amount": -5},
    ],
}
BAD_SCHEME = Scheme(
    "hong",
    "Kế hoạch",
    BASE.period,
    targets=(
        Target("luot", "Lượt", Figure.parse("3 lượt")),
        Target("nguoi", "Người", Figure.parse("3 người"), scope=Scope(under_age=50)),
        Target("tien", "Kinh phí", Figure.parse("100 đồng")),
    ),
)


def _where(result: dict[str, Any]) -> dict[str, Any]:
    return {
        name: (t["read"], t["malformed"], [(p["row"], p["field"]) for p in t["problems"]])
        for name, t in result["records"].items()
        if name != "money"
    }


@pytest.mark.parametrize("engine", ["polars", "pandas", "pandas-objects", "pyarrow"])
def test_rows_that_cannot_be_read_are_reported_by_row_and_field(engine: str) -> None:
    """Blank required cells, an unknown category, no study day, a negative amount.

    Each is a problem named by its 1-based row and field, as the Python engine names it,
    and the row counts for nothing; check() refuses the records naming them.
    """
    expected = evaluate(BAD_SCHEME, BAD_ROWS, AS_OF).to_dict()
    got = evaluate(BAD_SCHEME, _tables(engine, BAD_ROWS), AS_OF).to_dict()
    assert _where(got) == _where(expected)
    assert _where(got)["persons"][2] == [(2, "id"), (3, "gender")]
    assert {k: t["achieved"] for k, t in got["targets"].items()} == {
        k: t["achieved"] for k, t in expected["targets"].items()
    }
    with pytest.raises(RecordError) as raised:
        check(load("qd-1641-2022").rules, _tables(engine, BAD_ROWS))
    named = {(p.table, p.row, p.field) for p in raised.value.problems}
    assert {("persons", 2, "id"), ("courses", 2, "start"), ("spending", 4, "amount")} <= named


def test_text_that_is_no_date_is_reported_not_raised() -> None:
    """A date column of text: a cell that is no date is a bad row, not a parser error."""
    courses = pl.DataFrame({"id": ["k1", "k2", "k3"], "start": ["2024-03-04", "31/02/2024", None]})
    attendances = pl.DataFrame({"person": ["p1", "p2"], "course": ["k1", "k2"]})
    records = frames(courses=courses, attendances=attendances)
    got = evaluate(BAD_SCHEME, records, AS_OF).records
    assert [(p.row, p.field) for p in got.courses.problems] == [(2, "start"), (3, "start")]
    assert got.attendances.counted == 1
    assert [(p.row, p.field) for p in got.attendances.problems] == [(2, "course")]


def test_an_object_column_of_dates_is_read_cell_by_cell() -> None:
    """pandas ``object`` dates: date objects, ISO or d/m/y text, gaps; others are bad rows."""
    courses = pd.DataFrame(
        {
            "id": ["k1", "k2", "k3", "k4", "k5"],
            "start": [dt.date(2024, 3, 4), "2024-03-05", "6/3/2024", None, 17],
        }
    )
    got = evaluate(BAD_SCHEME, {"courses": courses}, AS_OF).records.courses
    assert got.read == 5
    assert [(p.row, p.field) for p in got.problems] == [(4, "start"), (5, "start")]
