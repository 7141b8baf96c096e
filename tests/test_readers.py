"""dtbd's own CSV files, read by each library's default reader, evaluate as read_records does.

``pd.read_csv``, ``pl.read_csv``, ``pl.scan_csv``, ``duckdb.read_csv`` and
``pyarrow.csv.read_csv`` guess dtypes: an empty column comes as float, text or null, whole
numbers with gaps as float, dates as text. ``dtbd.frames`` converts each column to its
kind lazily and refuses what does not convert, naming the row and the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import (
    Figure,
    FrameColumnError,
    Period,
    RecordError,
    Scheme,
    Target,
    check,
    evaluate,
    example_records,
    frames,
    progress,
    read_records,
)
from dtbd.catalog import ids, load
from dtbd.examples._csv import write_records_csv
from dtbd.records import _frame_kinds

TABLES = ("persons", "courses", "attendances", "spending")
AS_OF = dt.date(2025, 6, 30)
_ROW_LISTS = ("after_as_of_rows", "outside_window_rows", "unmatched_rows")


def _tables(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-table summaries of a result dict (beside them, ``money``: its sources)."""
    return [t for name, t in result["records"].items() if name != "money"]


def _pandas(path: Path) -> Any:
    return pytest.importorskip("pandas").read_csv(path)


def _polars(path: Path) -> Any:
    return pl.read_csv(path)


def _polars_lazy(path: Path) -> Any:
    return pl.scan_csv(path)


def _duckdb(path: Path) -> Any:
    return pytest.importorskip("duckdb").read_csv(str(path))


def _pyarrow(path: Path) -> Any:
    pytest.importorskip("pyarrow")
    from pyarrow import csv

    return csv.read_csv(path)


READERS: dict[str, Callable[[Path], Any]] = {
    "pandas": _pandas,
    "polars": _polars,
    "polars-lazy": _polars_lazy,
    "duckdb": _duckdb,
    "pyarrow": _pyarrow,
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each catalog scheme's example records, written as ``dtbd example --out`` writes them."""
    folders = {}
    for scheme_id in ids():
        folder = tmp_path_factory.mktemp(scheme_id)
        write_records_csv(example_records(load(scheme_id), scale=0.05), folder)
        folders[scheme_id] = folder
    return folders


def _read(reader: str, folder: Path) -> Any:
    return frames(**{name: READERS[reader](folder / f"{name}.csv") for name in TABLES})


def _without_row_lists(result: dict[str, Any]) -> dict[str, Any]:
    # Frames leave the row lists empty (docs/frames.md): millions of numbers at scale.
    for table in _tables(result):
        for key in _ROW_LISTS:
            table.pop(key)
    return result


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("scheme_id", ids())
def test_default_readers_evaluate_as_read_records(
    written: dict[str, Path], scheme_id: str, reader: str
) -> None:
    """evaluate, progress and check over each reader's frames equal the read_records path."""
    scheme, folder = load(scheme_id), written[scheme_id]
    records = read_records(folder)
    expected = _without_row_lists(evaluate(scheme, records, AS_OF).to_dict())
    got = _without_row_lists(evaluate(scheme, _read(reader, folder), AS_OF).to_dict())
    assert got == expected
    target = scheme.targets[0]
    assert (
        progress(target, _read(reader, folder), AS_OF, scheme=scheme).to_dict()
        == progress(target, records, AS_OF, scheme=scheme).to_dict()
    )
    if scheme.rules:
        assert check(scheme.rules, _read(reader, folder)) == check(scheme.rules, records)


def _courses(**columns: object) -> pl.DataFrame:
    base = {"id": ["k1", "k2", "k3"], "start": ["2024-03-04", "2024-03-05", "2024-03-06"]}
    return pl.DataFrame(base | columns)


def _problems(records: Any, table: str) -> list[tuple[int, str | None, str]]:
    return [(p.row, p.field, p.message) for p in records.unread(table)]


def _blank(value: object) -> object:
    return None if value is None or value != value else value  # noqa: PLR0124  -- NaN, NaT


def test_an_all_null_column_of_any_dtype_is_null_of_its_kind() -> None:
    """pandas' float, polars' text and PyArrow's null all read as an empty column."""
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    empty = [None, None, None]
    known = {"id": ["k1", "k2", "k3"], "start": ["2024-03-04"] * 3}
    blank = ("lead", "study_days", "end")
    for table in (
        pd.DataFrame(known | {c: [float("nan")] * 3 for c in blank}),
        pl.DataFrame(known).with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in blank),
        pa.table(known | {c: pa.nulls(3) for c in blank}),
    ):
        records = frames(courses=table)
        read = records.courses.collect()
        cells = {c: [_blank(v) for v in read[c].to_list()] for c in ("lead", "study_days", "end")}
        assert cells == {"lead": empty, "study_days": empty, "end": empty}
        assert records.unread("courses") == []


def test_text_of_digits_where_a_number_is_expected_is_converted() -> None:
    """Digits (with spaces, or a decimal for attendance days) read as the numbers."""
    courses = frames(courses=_courses(study_days=["3", " 4 ", None], cost=["1000", "0", "7"]))
    read = courses.courses.collect()  # type: ignore[union-attr]
    assert read["study_days"].to_list() == [3, 4, None]
    assert read["cost"].to_list() == [1000, 0, 7]
    attendances = frames(
        attendances=pl.DataFrame(
            {"person": ["p1", "p2"], "course": ["k1", "k1"], "study_days": ["1.5", "2"]}
        )
    )
    assert attendances.attendances.collect()["study_days"].to_list() == [1.5, 2.0]  # type: ignore[union-attr]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**17), min_size=1, max_size=5))
def test_digit_strings_convert_to_the_same_integers(amounts: list[int]) -> None:
    """Any whole amount written as digits reads back as the same integer, exactly."""
    spending = pl.DataFrame(
        {
            "id": [f"s{i}" for i in range(len(amounts))],
            "date": ["2024-01-02"] * len(amounts),
            "amount": [str(a) for a in amounts],
        }
    )
    read = frames(spending=spending).spending.collect()  # type: ignore[union-attr]
    assert read["amount"].to_list() == amounts


def test_text_that_is_no_number_refuses_its_row_naming_row_and_column() -> None:
    """A cell that does not convert is a bad row: its row (from 1), column and text."""
    records = frames(courses=_courses(study_days=["3", "ba", "4.5"], cost=["1", "2", "1" * 25]))
    assert _problems(records, "courses") == [
        (2, "study_days", "'ba' is not a number; write digits only, e.g. 11000000000"),
        (3, "study_days", "'4.5' must be a whole number"),
        (
            3,
            "cost",
            "'11111111111111111111…' has more than 18 digits; see the limits: `dtbd help records`",
        ),
    ]
    with pytest.raises(
        RecordError, match=r"courses row 2, field 'study_days': 'ba' is not a number"
    ):
        check(load("qd-1641-2022").rules, records)


@settings(max_examples=30, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_written_dates_read_as_the_same_day(day: dt.date) -> None:
    """ISO, day/month/year (padded or not, with / - .) and words all read as the day."""
    forms = [
        day.isoformat(),
        f"{day.year}-{day.month}-{day.day}",
        day.strftime("%d/%m/%Y"),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"ngày {day.day} tháng {day.month} năm {day.year}",
    ]
    courses = pl.DataFrame({"id": [f"k{i}" for i in range(len(forms))], "start": forms})
    read = frames(courses=courses).courses.collect()  # type: ignore[union-attr]
    assert [d.date() for d in read["start"].to_list()] == [day] * len(forms)


def test_a_date_that_cannot_be_read_refuses_its_row() -> None:
    """No day of the calendar, a month 13, a year beyond the limits, words: each row named."""
    courses = pl.DataFrame(
        {"id": ["k1", "k2", "k3", "k4", "k5"],
         "start": ["2024-02-29", "29/02/2023", "2024-13-01", "01/01/2201", "sớm"]}
    )  # fmt: skip
    records = frames(courses=courses)
    assert [(row, field) for row, field, _ in _problems(records, "courses")] == [
        (2, "start"), (3, "start"), (4, "start"), (5, "start"),
    ]  # fmt: skip
    assert _problems(records, "courses")[0][2].startswith(
        "'29/02/2023' is not a date; write it as"
    )


def test_a_float_of_whole_numbers_where_an_integer_is_expected_is_converted() -> None:
    """pandas makes integers with gaps float: whole ones read, a fraction refuses its row."""
    pd = pytest.importorskip("pandas")
    courses = pd.DataFrame(
        {"id": ["k1", "k2", "k3"], "start": ["2024-03-04"] * 3,
         "study_days": [3.0, float("nan"), 2.5], "cost": [1000.0, 2.0**60, float("nan")]}
    )  # fmt: skip
    records = frames(courses=courses)
    assert [(row, field) for row, field, _ in _problems(records, "courses")] == [
        (2, "cost"), (3, "study_days"),
    ]  # fmt: skip
    assert "too large to be exact in a float column" in _problems(records, "courses")[0][2]
    assert records.courses.collect()["study_days"].to_list() == [3.0]  # type: ignore[union-attr]
    spent = pl.DataFrame({"id": ["s1", "s2"], "date": ["2024-01-02"] * 2, "amount": [1.0, 1.5]})
    assert _problems(frames(spending=spent), "spending") == [
        (2, "amount", "'1.5' must be a whole number")
    ]
    assert frames(spending=spent).spending.collect()["amount"].to_list() == [1]  # type: ignore[union-attr]


def test_an_engine_error_on_reading_is_a_record_error_naming_the_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should an engine still refuse a converted cell, the error names table and column."""
    monkeypatch.setattr(_frame_kinds, "MAX_INTEGER_DIGITS", 40)
    spent = pl.DataFrame({"id": ["s1"], "date": ["2024-01-02"], "amount": ["9" * 30]})
    scheme = Scheme("vd", "Kế hoạch", Period.of_years(2024), targets=(
        Target("tien", "Kinh phí", Figure.parse("100 đồng")),))  # fmt: skip
    with pytest.raises(
        RecordError, match=r"spending row 0, field 'amount': .*cannot be read"
    ) as raised:
        evaluate(scheme, frames(spending=spent), AS_OF)
    assert not isinstance(raised.value.__cause__, RecordError)


def test_column_errors_name_the_users_columns_not_internal_ones() -> None:
    """A wrong dtype is named as the user's header; an eager frame's row number is not listed."""
    courses = pl.DataFrame({"id": ["k1"], "start": ["2024-03-04"], "Số ngày": [True]})
    with pytest.raises(FrameColumnError) as raised:
        frames(courses=courses, columns={"Số ngày": "study_days"})
    message = str(raised.value)
    assert "'Số ngày' (study_days) is Boolean" in message
    assert "Found: id, start, Số ngày;" in message
    assert "row_number" not in message
    assert "_unread" not in message


def test_a_column_of_its_kinds_dtype_gets_no_conversion() -> None:
    """Typed columns keep the plan they had: no helper column, no kept text of a cell.

    An integer id: a text id is searched for characters that do not show (``str.``).
    """
    typed = pl.LazyFrame(
        {"id": [1], "start": [dt.date(2024, 3, 4)], "study_days": [3], "cost": [1000]}
    )
    texts = pl.LazyFrame({"id": ["k1"], "start": ["04/03/2024"], "study_days": ["3"]})
    assert not [c for c in frames(courses=typed).checked["courses"].collect_schema() if "raw" in c]
    assert "str." not in frames(courses=typed).courses.to_native().explain()  # type: ignore[union-attr]
    assert "str." in frames(courses=texts).courses.to_native().explain()  # type: ignore[union-attr]
    converted = frames(courses=texts).checked["courses"].collect_schema()
    assert [c for c in converted if "raw" in c] == ["_unread_raw_start", "_unread_raw_study_days"]
