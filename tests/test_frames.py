"""Dataframes in: the same results as over Python objects, through every installed engine."""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pendulum
import polars as pl
import pytest

from dtbd import (
    Figure,
    Period,
    Scheme,
    Scope,
    Target,
    Window,
    check,
    evaluate,
    example_records,
    progress,
)
from dtbd.catalog import ids, load
from dtbd.records._dicts import records_from_dicts
from dtbd.records._frames import COLUMNS, FrameColumnError, frames
from dtbd.records._records import Records

_DTYPES = {"date": pl.Date, "whole": pl.Int64, "money": pl.Int64, "number": pl.Float64}


def _tables(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-table summaries of a result dict (beside them, ``money``: its sources)."""
    return [t for name, t in result["records"].items() if name != "money"]


def _cell(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return ";".join(value) or None
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def polars_tables(records: Records) -> dict[str, pl.DataFrame]:
    """The records as four polars frames in the documented column format."""
    tables = {}
    for table, columns in COLUMNS.items():
        rows = getattr(records, table)
        data = {c: [_cell(getattr(r, c, None)) for r in rows] for c in columns}
        schema = {c: _DTYPES.get(kind, pl.String) for c, kind in columns.items()}
        tables[table] = pl.DataFrame(data, schema=schema)
    return tables


def _duckdb(tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    return {name: con.from_arrow(frame.to_arrow()) for name, frame in tables.items()}


def _dask(tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
    import dask.dataframe as dd

    # Arrow-backed pandas keeps integer columns with gaps as integers (not float).
    return {
        name: dd.from_pandas(frame.to_pandas(use_pyarrow_extension_array=True), npartitions=2)
        for name, frame in tables.items()
    }


ENGINES: dict[str, Callable[[dict[str, pl.DataFrame]], dict[str, Any]]] = {
    "polars": lambda t: t,
    "polars-lazy": lambda t: {k: v.lazy() for k, v in t.items()},
    # Arrow-backed pandas: plain pandas turns integer columns with gaps into float.
    "pandas": lambda t: {k: v.to_pandas(use_pyarrow_extension_array=True) for k, v in t.items()},
    "pyarrow": lambda t: {k: v.to_arrow() for k, v in t.items()},
}
if importlib.util.find_spec("duckdb"):
    ENGINES["duckdb"] = _duckdb
if importlib.util.find_spec("dask") and importlib.util.find_spec("dask.dataframe"):
    ENGINES["dask"] = _dask

# Dask builds and runs each plan slowly (about 30 s of CPU a catalog scheme): every
# scheme at one as-of date, not two.
_DASK_AS_OF = pendulum.date(2024, 6, 30)
# Half a minute of planning each on Dask; these two cover its paths (money, study days,
# ages at the course start) within the suite's time, beside the Dask cases of the ids,
# course-columns, costs and birth-year tests.
_DASK_SCHEMES = ("qd-1641-2022", "hanoi-2022-2025")
_ROW_LISTS = ("after_as_of_rows", "outside_window_rows", "unmatched_rows")


def _without_row_lists(result: dict[str, Any]) -> dict[str, Any]:
    for table in _tables(result):
        for key in _ROW_LISTS:
            table.pop(key)
    return result


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("scheme_id", ids())
@pytest.mark.parametrize("as_of", [pendulum.date(2024, 6, 30), pendulum.date(2026, 1, 1)])
def test_evaluate_over_frames_equals_python_engine(
    engine: str, scheme_id: str, as_of: dt.date
) -> None:
    """Every catalog scheme over its example records gives the same evaluation dict."""
    if engine == "dask" and (as_of != _DASK_AS_OF or scheme_id not in _DASK_SCHEMES):
        pytest.skip("dask plans are slow to build: two schemes run at one as-of date")
    scheme = load(scheme_id)
    records = example_records(scheme, scale=0.3)
    expected = _without_row_lists(evaluate(scheme, records, as_of).to_dict())
    tables = ENGINES[engine](polars_tables(records))
    got = _without_row_lists(evaluate(scheme, tables, as_of).to_dict())
    assert got == expected


PERIOD = Period.of_years(2023, 2025)
YOUNG = Target(
    "tre",
    "Bồi dưỡng 3 người dưới 45 tuổi",
    Figure.parse("3 người"),
    scope=Scope(activity="fostering", under_age=45, topics=("ngoai-ngu",)),
)
RECORDS = records_from_dicts(
    persons=[
        {"id": "a", "birth_date": "1979-03-05", "category": "civil_servant"},
        {"id": "b", "birth_date": "1990-01-01"},
    ],
    courses=[
        {"id": "k1", "start": "2024-03-04", "topics": "tin-hoc; ngoai-ngu"},
        {"id": "k2", "start": "2024-03-05", "topics": "ngoai-ngu"},
        {"id": "k3", "start": "2024-04-01", "topics": "luat"},
    ],
    attendances=[
        {"person": "a", "course": "k1"},
        {"person": "a", "course": "k2"},
        {"person": "b", "course": "k3"},
        {"person": "b", "course": "k2"},
        {"person": "ghost", "course": "k1"},
        {"person": "b", "course": "nowhere"},
    ],
)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_progress_over_frames_reads_age_on_the_course_start(engine: str) -> None:
    """'a' turns 45 on 5 March 2024: counted on k1 (4 March), not on k2; 'b' counts once."""
    tables = ENGINES[engine](polars_tables(RECORDS))
    got = progress(YOUNG, tables, pendulum.date(2025, 1, 1), period=PERIOD)
    assert got.achieved == Decimal(2)
    assert (
        got.to_dict()
        == progress(YOUNG, RECORDS, pendulum.date(2025, 1, 1), period=PERIOD).to_dict()
    )


LEAP_RECORDS = records_from_dicts(
    persons=[
        {"id": "p1", "birth_date": "1980-02-29"},  # 44 on 29/2/2024
        {"id": "p2", "birth_date": "1979-02-28"},  # 45 on 29/2/2024
        {"id": "p3", "birth_date": "1979-03-01"},  # 44 on 29/2/2024
        {"id": "p4", "birth_date": "1978-02-28"},  # 45 on 28/2/2023
        {"id": "p5", "birth_date": "1979-03-01"},  # 45 on 1/3/2024
        {"id": "p6", "birth_date": "1980-02-29"},  # 45 on 1/3/2025, 44 on 28/2/2025
        {"id": "p7", "birth_date": "1980-02-29"},
    ],
    courses=[
        {"id": "leap", "start": "2024-02-29", "topics": "ngoai-ngu"},
        {"id": "march", "start": "2024-03-01", "topics": "ngoai-ngu"},
        {"id": "feb", "start": "2023-02-28", "topics": "ngoai-ngu"},
        {"id": "feb25", "start": "2025-02-28", "topics": "ngoai-ngu"},
        {"id": "mar25", "start": "2025-03-01", "topics": "ngoai-ngu"},
    ],
    attendances=[
        {"person": "p1", "course": "leap"},
        {"person": "p2", "course": "leap"},
        {"person": "p3", "course": "leap"},
        {"person": "p4", "course": "feb"},
        {"person": "p5", "course": "march"},
        {"person": "p6", "course": "mar25"},
        {"person": "p7", "course": "feb25"},
    ],
)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_age_at_course_start_around_29_february_matches_python_engine(engine: str) -> None:
    """Birthdays on and around 29 February: p1, p3 and p7 are under 45, on every engine."""
    tables = ENGINES[engine](polars_tables(LEAP_RECORDS))
    as_of = pendulum.date(2025, 12, 31)
    expected = progress(YOUNG, LEAP_RECORDS, as_of, period=PERIOD)
    assert expected.achieved == Decimal(3)
    assert progress(YOUNG, tables, as_of, period=PERIOD).to_dict() == expected.to_dict()


def test_bad_rows_of_eager_frames_are_reported_by_row_number() -> None:
    """An unknown person and an unknown course are malformed, named by their 1-based row."""
    scheme = Scheme("s", "Kế hoạch", PERIOD, targets=(YOUNG,))
    summary = evaluate(scheme, polars_tables(RECORDS), pendulum.date(2025, 1, 1)).records
    assert [(p.row, p.field) for p in summary.attendances.problems] == [
        (5, "person"),
        (6, "course"),
    ]


def test_columns_mapping_renames_vietnamese_headers() -> None:
    """Vietnamese headers map to the record format's names."""
    staff = pl.DataFrame(
        {
            "Mã": ["p1"],
            "Họ và tên": ["Nguyễn Thị B"],
            "Ngày sinh": [dt.date(1985, 2, 1)],
            "Giới tính": ["female"],
            "Đơn vị": ["Sở Nội vụ"],
        }
    )
    mapping = {
        "Mã": "id",
        "Họ và tên": "name",
        "Ngày sinh": "birth_date",
        "Giới tính": "gender",
        "Đơn vị": "unit",
    }
    row = frames(persons=staff, columns=mapping).persons.collect().rows(named=True)[0]  # type: ignore[union-attr]
    assert (row["name"], row["gender"], row["unit"]) == ("Nguyễn Thị B", "female", "Sở Nội vụ")


def test_missing_column_error_lists_the_expected_columns() -> None:
    """A frame without a required column is refused with the expected columns named."""
    with pytest.raises(FrameColumnError, match=r"missing column 'start'.*id\* \(text"):
        frames(courses=pl.DataFrame({"id": ["k1"]}))


def test_fractional_float_money_is_refused() -> None:
    """Money as a float of a fraction is refused by row: amounts are whole đồng."""
    spent = pl.DataFrame({"id": ["s1"], "date": [dt.date(2024, 1, 2)], "amount": [1.5]})
    assert [(p.row, p.field) for p in frames(spending=spent).unread("spending")] == [(1, "amount")]
    with pytest.raises(FrameColumnError, match="'amount' is Boolean, expected whole đồng"):
        frames(spending=spent.with_columns(amount=pl.lit(value=True)))


def test_lazy_input_is_not_collected_by_frames() -> None:
    """Wrapping a polars LazyFrame keeps it lazy."""
    lazy = pl.LazyFrame({"id": ["p1"]})
    native = frames(persons=lazy).persons.to_native()  # type: ignore[union-attr]
    assert isinstance(native, pl.LazyFrame)


def test_check_over_frames_finds_the_same_violations() -> None:
    """Rule checks over frames give the violations found over the records themselves."""
    scheme = load("qd-1641-2022")
    records = example_records(scheme, scale=0.3)
    tables = polars_tables(records)
    expected = [v.to_dict() for v in check(scheme.rules, records)]
    assert expected
    assert [v.to_dict() for v in check(scheme.rules, tables)] == expected


def test_small_benchmark_numbers_equal_hand_written_queries() -> None:
    """The benchmark at a tiny scale: dtbd on polars and DuckDB equals both hand queries."""
    import sys
    from pathlib import Path

    duckdb = pytest.importorskip("duckdb")
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from generate import generate
    from handwritten import duckdb_numbers, polars_numbers
    from run import AS_OF, dtbd_numbers
    from scheme import scheme

    tables = generate(0.0005, seed=7)
    con = duckdb.connect()
    for name, frame in tables.items():
        con.register(f"{name}_arrow", frame.to_arrow())
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_arrow")  # noqa: S608
    hand = polars_numbers(tables, AS_OF)
    assert duckdb_numbers(con, AS_OF) == hand
    assert dtbd_numbers(evaluate(scheme(), tables, AS_OF)) == hand
    relations = {name: con.table(name) for name in tables}
    assert dtbd_numbers(evaluate(scheme(), relations, AS_OF)) == hand


SHARED = Scheme(
    "chung",
    "Kế hoạch bồi dưỡng",
    PERIOD,
    targets=(
        Target("nam-cs", "Công chức bồi dưỡng mỗi năm", Figure.parse("1 người"),
               scope=Scope(activity="fostering", categories=("civil_servant",)),
               window=Window(cadence="per_year")),
        Target("nam", "Người bồi dưỡng mỗi năm", Figure.parse("2 người"),
               scope=Scope(activity="fostering"), window=Window(cadence="per_year")),
        YOUNG,
    ),
)  # fmt: skip


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_measures_sharing_course_filters_keep_their_own_person_filters(engine: str) -> None:
    """Two head counts with the same course filters and different person filters differ."""
    tables = ENGINES[engine](polars_tables(RECORDS))
    as_of = pendulum.date(2025, 1, 1)
    got = evaluate(SHARED, tables, as_of)
    in_2024 = [[y.achieved for y in got[t].periods if y.year == 2024] for t in ("nam-cs", "nam")]
    assert in_2024 == [[Decimal(1)], [Decimal(2)]]
    expected = _without_row_lists(evaluate(SHARED, RECORDS, as_of).to_dict())
    found = _without_row_lists(got.to_dict())
    if engine in ("polars-lazy", "duckdb", "dask"):
        # A lazy frame has no row order: its problems carry row 0 (docs/frames.md).
        for summary in (expected, found):
            for table in _tables(summary):
                table["problems"] = sorted(p["message"] for p in table["problems"])
    assert found == expected


UNITS = [f"U{k:02d}" for k in range(70)]
UNIT_RECORDS = records_from_dicts(
    persons=[
        {"id": f"p{k}", "birth_date": "1985-01-01", "unit": UNITS[k % 70]} for k in range(140)
    ]
    + [{"id": "nowhere", "birth_date": "1985-01-01"}],
    courses=[{"id": "k1", "start": "2024-03-04"}, {"id": "k2", "start": "2025-05-06"}],
    attendances=[{"person": f"p{k}", "course": "k1" if k % 3 else "k2"} for k in range(0, 140, 2)]
    + [{"person": "p1", "course": "k2"}, {"person": "nowhere", "course": "k1"}],
)
UNIT_SCHEME = Scheme(
    "don-vi",
    "Kế hoạch theo đơn vị",
    PERIOD,
    targets=tuple(
        Target(
            f"luot-{unit}", f"Lượt của {unit}", Figure.parse("2 lượt"), scope=Scope(units=(unit,))
        )
        for unit in UNITS
    )
    + tuple(
        Target(
            f"nguoi-{unit}",
            f"Người của {unit}",
            Figure.parse("1 người"),
            scope=Scope(units=(unit,)),
        )
        for unit in UNITS[:10]
    ),
)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_more_person_filters_than_one_code_holds_match_python_engine(engine: str) -> None:
    """70 unit filters need two person codes (over 62 or 48 bits): same numbers everywhere."""
    if engine == "dask":
        pytest.skip("dask builds this 80-target plan in 45 s; pandas covers the same path")
    as_of = pendulum.date(2025, 12, 31)
    expected = _without_row_lists(evaluate(UNIT_SCHEME, UNIT_RECORDS, as_of).to_dict())
    achieved = {
        u: expected["targets"][f"luot-{u}"]["achieved"] for u in ("U00", "U01", "U64", "U69")
    }
    assert achieved == {"U00": "2", "U01": "1", "U64": "2", "U69": "0"}
    tables = ENGINES[engine](polars_tables(UNIT_RECORDS))
    assert _without_row_lists(evaluate(UNIT_SCHEME, tables, as_of).to_dict()) == expected


NO_ROSTER = records_from_dicts(
    courses=[
        {"id": "k1", "start": "2024-03-04", "activity": "fostering"},
        {"id": "k2", "start": "2025-05-06", "activity": "training", "study_days": 5},
    ],
    attendances=[
        {"person": "a", "course": "k1"},
        {"person": "b", "course": "k1"},
        {"person": "a", "course": "k2"},
    ],
)
NO_ROSTER_SCHEME = Scheme(
    "khong-danh-sach",
    "Kế hoạch không có danh sách cán bộ",
    PERIOD,
    targets=(
        Target("luot", "Lượt bồi dưỡng", Figure.parse("3 lượt"),
               scope=Scope(activity="fostering")),
        Target("nguoi", "Người học", Figure.parse("2 người")),
        Target("cong-chuc", "Công chức", Figure.parse("1 người"),
               scope=Scope(categories=("civil_servant",))),
        Target("ngay", "Ngày học", Figure.parse("5 ngày"), scope=Scope(activity="training")),
    ),
)  # fmt: skip


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_frames_without_a_persons_table_match_python_engine(engine: str) -> None:
    """No roster: persons count by their ids and a category filter matches nobody."""
    as_of = pendulum.date(2025, 12, 31)
    expected = _without_row_lists(evaluate(NO_ROSTER_SCHEME, NO_ROSTER, as_of).to_dict())
    achieved = {t: expected["targets"][t]["achieved"] for t in ("luot", "nguoi", "cong-chuc")}
    assert achieved == {"luot": "2", "nguoi": "2", "cong-chuc": "0"}
    tables = ENGINES[engine](polars_tables(NO_ROSTER))
    tables = {name: frame for name, frame in tables.items() if name != "persons"}
    got = _without_row_lists(evaluate(NO_ROSTER_SCHEME, tables, as_of).to_dict())
    assert got == expected


@pytest.mark.parametrize("scheme_id", ids())
def test_both_engines_answer_with_the_same_tallies(scheme_id: str) -> None:
    """One interface: the Python and the frame engine return equal Tallies for a scheme."""
    from dtbd.engine._python import run_measures
    from dtbd.engine._run import run
    from dtbd.engine._tallies import Tallies
    from dtbd.engine.frames._run import run_frames
    from dtbd.measures._measure import compile_scheme

    scheme = load(scheme_id)
    records = example_records(scheme, scale=0.3)
    measures = compile_scheme(scheme)
    as_of = pendulum.date(2024, 6, 30)
    by_objects = run_measures(measures, records, as_of)
    by_frames = run_frames(measures, frames(**polars_tables(records)), as_of)
    assert isinstance(by_objects, Tallies)
    assert isinstance(by_frames, Tallies)
    assert dict(by_frames.tallies) == dict(by_objects.tallies)
    counts = ("read", "counted", "malformed", "after_as_of", "outside_windows", "unmatched")
    for table in ("persons", "courses", "attendances", "spending"):
        framed, plain = getattr(by_frames.records, table), getattr(by_objects.records, table)
        assert [getattr(framed, c) for c in counts] == [getattr(plain, c) for c in counts]
    assert run(measures, records, as_of) == by_objects
