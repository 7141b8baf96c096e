"""Frames refuse what the dict reader refuses, in its words, on every engine (issue 13).

Each case is one table's rows: the dict reader's problems over them are the frame
reader's, table, row (0 on a lazy DuckDB relation, which has no row numbers), field and
message, and the rows refused are counted as malformed in the record summary.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any
from zoneinfo import ZoneInfo

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given, settings

from dtbd import Figure, Period, Scheme, Target, evaluate, frames, records_from_dicts
from dtbd._limits import MAX_TEXT_CHARS

ENGINES = ("polars", "pandas", "duckdb")
START = dt.date(2024, 3, 4)
HA_NOI = ZoneInfo("Asia/Ho_Chi_Minh")
COURSE = {"id": "k1", "start": START, "study_days": 5}


def _engine(engine: str, frame: pl.DataFrame) -> Any:
    if engine == "pandas":
        return frame.to_pandas()  # numpy-backed: NaN and None are gaps
    if engine == "duckdb":
        import duckdb

        # One connection: DuckDB joins relations of one connection only.
        return duckdb.default_connection().from_arrow(frame.to_arrow())
    if engine == "dask":
        import dask.dataframe as dd

        return dd.from_pandas(frame.to_pandas(), npartitions=2)
    return frame


def _tables(engine: str, given: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        name: _engine(engine, pl.DataFrame(rows, strict=False, infer_schema_length=None))
        for name, rows in given.items()
    }


def _frame_problems(engine: str, given: dict[str, list[dict[str, Any]]]) -> list[tuple[Any, ...]]:
    read = frames(**_tables(engine, given))
    return [(p.table, p.row, p.field, p.message) for t in given for p in read.unread(t)]


def _dict_problems(given: dict[str, list[dict[str, Any]]]) -> list[tuple[Any, ...]]:
    loaded = records_from_dicts(**given, on_error="report")  # type: ignore[arg-type]
    return [(p.table, p.row, p.field, p.message) for p in loaded.problems]


def _lazy_rows(problems: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The problems as a lazy relation names them: at row 0."""
    return [(table, 0, *rest) for table, _row, *rest in problems]


SAME_WORDS = {
    "a blank id": {"persons": [{"id": "p1"}, {"id": ""}]},
    "an id of spaces": {"persons": [{"id": "p1"}, {"id": "  "}]},
    "an id with a trailing newline": {"persons": [{"id": "p1\n"}]},
    "an id of a zero-width space": {"persons": [{"id": "\u200b"}]},
    "an id of a no-break space": {"persons": [{"id": "\u00a0"}]},
    "an id after a byte-order mark": {"persons": [{"id": "\ufeffp1"}]},
    "an id with an unassigned code point (U+0378)": {"persons": [{"id": "p\u03781"}]},
    "an id with a noncharacter (U+FFFF)": {"persons": [{"id": "p1\uffff"}]},
    "an id with an unassigned code point of plane 3": {"persons": [{"id": "p\U0003fffd"}]},
    "an id with the last code point (U+10FFFF)": {"persons": [{"id": "\U0010ffff"}]},
    "an attendance's course with an unassigned code point": {
        "courses": [COURSE],
        "attendances": [{"person": "p1", "course": "k1\u0870\u0378"}],
    },
    "an attendance's person with a tab": {
        "courses": [COURSE],
        "attendances": [{"person": "p\t1", "course": "k1"}],
    },
    "a negative integer id": {"persons": [{"id": 7}, {"id": -5}]},
    "a course start with a time zone": {
        "courses": [{"id": "k1", "start": dt.datetime(2024, 3, 4, tzinfo=HA_NOI)}]
    },
    "a birth date with a time zone in UTC": {
        "persons": [{"id": "p1", "birth_date": dt.datetime(1980, 5, 1, 17, tzinfo=dt.UTC)}]
    },
    "a course title over the text limit": {
        "courses": [{**COURSE, "title": "Bồi dưỡng " + "x" * MAX_TEXT_CHARS}]
    },
    "a person id over the text limit": {"persons": [{"id": "p" * (MAX_TEXT_CHARS + 1)}]},
    "a topics list over the text limit": {
        "courses": [{**COURSE, "topics": ";".join(["kỹ năng"] * 2_000)}]
    },
    "an amount of digits over the text limit": {
        "spending": [{"id": "s1", "date": START, "amount": "9" * (MAX_TEXT_CHARS + 1)}]
    },
    "a start before 1900": {"courses": [{"id": "k1", "start": dt.date(1899, 12, 31)}]},
    "a start after 2200": {"courses": [{"id": "k1", "start": dt.date(2201, 1, 1)}]},
    "a birth date before 1900": {"persons": [{"id": "p1", "birth_date": dt.date(1850, 1, 1)}]},
    "100 million study days of a course": {
        "courses": [{"id": "k1", "start": START, "study_days": 100_000_000}]
    },
    "5000 study days of an attendance": {
        "courses": [COURSE],
        "attendances": [{"person": "p1", "course": "k1", "study_days": 5000}],
    },
    "a cost of 19 digits": {"courses": [{"id": "k1", "start": START, "cost": 10**18}]},
    "a spending amount of 19 digits": {
        "spending": [{"id": "s1", "date": START, "amount": 9 * 10**18}]
    },
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", sorted(SAME_WORDS))
def test_frames_refuse_a_value_the_dict_reader_refuses_in_its_words(
    engine: str, case: str
) -> None:
    given = SAME_WORDS[case]
    expected = _dict_problems(given)
    assert expected  # the case is one the dict reader refuses
    found = _frame_problems(engine, given)
    assert found == (_lazy_rows(expected) if engine == "duckdb" else expected)


REPEATS = {
    "the same attendance twice": {
        "courses": [COURSE],
        "attendances": [{"person": "p1", "course": "k1"}, {"person": "p2", "course": "k1"}]
        + [{"person": "p1", "course": "k1"}] * 2,
    },
    "a person id twice": {"persons": [{"id": "p1", "name": "A"}, {"id": "p1", "name": "B"}]},
    "a course id twice": {"courses": [COURSE, {**COURSE, "study_days": 6}]},
    "a spending id twice": {
        "spending": [{"id": "s1", "date": START, "amount": 5}] * 2,
    },
}


@pytest.mark.parametrize("engine", ["polars", "pandas"])
@pytest.mark.parametrize("case", sorted(REPEATS))
def test_a_repeated_row_of_an_eager_frame_is_refused_naming_the_first(
    engine: str, case: str
) -> None:
    given = REPEATS[case]
    assert _frame_problems(engine, given) == _dict_problems(given)
    read = frames(**_tables(engine, given))
    table = next(iter(given)) if len(given) == 1 else "attendances"
    assert [p.duplicate_of for p in read.unread(table)] == [
        p.duplicate_of
        for p in records_from_dicts(**given, on_error="report").problems  # type: ignore[arg-type]
    ]


def test_every_row_of_a_repeated_id_in_a_lazy_relation_is_refused() -> None:
    """A relation has no first row: which of two rows of one id is right is the user's to say."""
    problems = _frame_problems("duckdb", REPEATS["a person id twice"])
    message = "duplicate id 'p1' on more than one row; give each row its own id"
    assert problems == [("persons", 0, "id", message)] * 2


def test_one_of_identical_attendance_rows_in_a_lazy_relation_is_read() -> None:
    given = REPEATS["the same attendance twice"]
    read = frames(**_tables("duckdb", given))
    kept = read.attendances
    assert kept is not None
    assert sorted(kept.collect()["person"].to_list()) == ["p1", "p2"]
    assert len(read.unread("attendances")) == 2  # the two copies of p1's row


ROUNDS = Scheme(
    "vd",
    "Kế hoạch",
    Period.of_years(2024),
    targets=(Target("luot", "Bồi dưỡng 5 lượt", Figure.parse("5 lượt")),),
)
_COUNTS = ("read", "counted", "malformed", "unmatched")


@pytest.mark.parametrize("engine", ENGINES)
def test_refused_rows_are_counted_as_malformed_in_the_record_summary(engine: str) -> None:
    given = {
        "courses": [COURSE, {"id": "k2", "start": START, "study_days": 100_000}],
        "attendances": [
            {"person": "p1", "course": "k1"},
            {"person": "p1", "course": "k1"},
            {"person": "p2\n", "course": "k1"},
            {"person": "p3", "course": "k2"},
        ],
    }
    expected = evaluate(ROUNDS, records_from_dicts(**given, on_error="report"), START)  # type: ignore[arg-type]
    found = evaluate(ROUNDS, _tables(engine, given), START)
    assert found["luot"].achieved == expected["luot"].achieved == 1
    for table in ("courses", "attendances"):
        got, want = (getattr(e.records, table) for e in (found, expected))
        assert {c: getattr(got, c) for c in _COUNTS} == {c: getattr(want, c) for c in _COUNTS}
    assert expected.records.attendances.malformed == 3


@pytest.mark.parametrize("engine", ENGINES)
def test_a_datetime_with_a_time_of_day_is_refused_naming_the_day(engine: str) -> None:
    frame = pl.DataFrame(
        {"id": ["k1", "k2"], "start": [dt.datetime(2024, 3, 4), dt.datetime(2024, 3, 4, 15, 30)]}  # noqa: DTZ001
    )
    problems = frames(courses=_engine(engine, frame)).unread("courses")
    assert [(p.row, p.field) for p in problems] == [(0 if engine == "duckdb" else 2, "start")]
    assert problems[0].message == (
        "2024-03-04T15:30:00 has a time of day; records take days: give the date only (2024-03-04)"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_inf_and_floats_of_more_than_six_decimals_are_refused_and_nan_is_a_gap(
    engine: str,
) -> None:
    study_days = [1.5, math.inf, 0.1234567, math.nan, None]
    frame = pl.DataFrame(
        {"person": ["p1", "p2", "p3", "p4", "p5"], "course": ["k1"] * 5, "study_days": study_days}
    )
    read = frames(
        courses=_engine(engine, pl.DataFrame([COURSE])), attendances=_engine(engine, frame)
    )
    problems = sorted((p.row, p.field, p.message) for p in read.unread("attendances"))
    row = (lambda n: 0) if engine == "duckdb" else (lambda n: n)
    infinite = "inf is not a finite number; write it as text ('2.5') or a whole number"
    decimals = (
        "'0.1234567' has 7 digits after the decimal point; at most 6 are taken; "
        "see the limits: `dtbd help records`"
    )
    assert problems == sorted([(row(2), "study_days", infinite), (row(3), "study_days", decimals)])
    # NaN is a gap, as None is: both rows are read, with no study days.
    assert read.attendances is not None
    assert len(read.attendances.collect()) == 3


@pytest.mark.parametrize("engine", ENGINES)
def test_an_infinite_cost_is_named_as_such_not_as_inexact(engine: str) -> None:
    frame = pl.DataFrame({"id": ["k1"], "start": [START], "cost": [math.inf]})
    (problem,) = frames(courses=_engine(engine, frame)).unread("courses")
    assert problem.field == "cost"
    assert problem.message.startswith("inf is not a finite number")


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["p1", "p2", "p3"]), st.sampled_from(["k1", "k2"])), min_size=1
    )
)
def test_repeated_attendances_count_once_on_frames_as_in_the_dict_reader(
    pairs: list[tuple[str, str]],
) -> None:
    given = {
        "courses": [COURSE, {**COURSE, "id": "k2"}],
        "attendances": [{"person": p, "course": c} for p, c in pairs],
    }
    expected = evaluate(ROUNDS, records_from_dicts(**given, on_error="report"), START)  # type: ignore[arg-type]
    found = evaluate(ROUNDS, _tables("polars", given), START)
    assert found["luot"].achieved == expected["luot"].achieved == len(set(pairs))
    got, want = found.records.attendances, expected.records.attendances
    assert {c: getattr(got, c) for c in _COUNTS} == {c: getattr(want, c) for c in _COUNTS}
    assert [p.row for p in got.problems] == [p.row for p in want.problems]


def test_dask_frames_refuse_a_hidden_id_in_the_dict_readers_words() -> None:
    pytest.importorskip("dask.dataframe")
    given = SAME_WORDS["an id with a trailing newline"]
    assert _frame_problems("dask", given) == _lazy_rows(_dict_problems(given))


def test_dask_frames_read_one_of_identical_attendance_rows() -> None:
    pytest.importorskip("dask.dataframe")
    given = REPEATS["the same attendance twice"]
    copy = "the same row as another, field for field; it would count twice: delete the copy"
    assert _frame_problems("dask", given) == [("attendances", 0, None, copy)] * 2
    found = evaluate(ROUNDS, _tables("dask", given), START)
    assert found["luot"].achieved == 2
    assert found.records.attendances.malformed == 2


def test_a_frames_record_summary_counts_the_repeated_rows_as_duplicates() -> None:
    """As the dict reader's summary does: each repeat is malformed and a duplicate."""
    import polars as pl

    from dtbd import evaluate, records_from_dicts
    from dtbd.catalog import load

    scheme = load("hung-yen-171-2023")
    persons = [{"id": "p1"}, {"id": "p2"}]
    courses = [{"id": "k1", "start": "2024-03-04", "end": "2024-03-08"}]
    attendances = [{"person": "p1", "course": "k1"}] * 3 + [{"person": "p2", "course": "k1"}]
    tables = {
        "persons": pl.DataFrame(persons),
        "courses": pl.DataFrame({"id": ["k1"], "start": [dt.date(2024, 3, 4)],
                                 "end": [dt.date(2024, 3, 8)]}),
        "attendances": pl.DataFrame(attendances),
    }  # fmt: skip
    from_frames = evaluate(scheme, tables, dt.date(2025, 6, 30)).records.attendances
    loaded = records_from_dicts(
        persons=persons, courses=courses, attendances=attendances, on_error="report"
    )
    from_dicts = evaluate(scheme, loaded, dt.date(2025, 6, 30)).records.attendances
    assert (from_frames.duplicates, from_frames.malformed) == (2, 2)
    assert (from_dicts.duplicates, from_dicts.malformed) == (2, 2)


@pytest.mark.parametrize("case", sorted(REPEATS))
def test_dask_frames_refuse_repeats_as_a_lazy_relation_does(case: str) -> None:
    """Counted by a group-by on Dask (no join back): the same problems as DuckDB's."""
    pytest.importorskip("dask.dataframe")
    given = REPEATS[case]
    assert _frame_problems("dask", given) == _frame_problems("duckdb", given)
    dask, duck = frames(**_tables("dask", given)), frames(**_tables("duckdb", given))
    for table in given:
        kept, expected = dask.table(table), duck.table(table)
        assert kept is not None
        assert expected is not None
        assert len(kept.collect()) == len(expected.collect())


ZONED = pl.DataFrame(
    {
        "id": ["k1", "k2", "k3"],
        "start": [dt.datetime(2024, 3, 4), dt.datetime(2024, 3, 5, 23), None],  # noqa: DTZ001
        "end": [dt.date(2024, 3, 8)] * 3,
    }
).with_columns(pl.col("start").dt.replace_time_zone("Asia/Ho_Chi_Minh"))
"""A course start column of datetimes in Hà Nội's zone, one row with no start."""


@pytest.mark.parametrize("engine", [*ENGINES, "lazy", "dask"])
def test_a_datetime_column_with_a_time_zone_is_refused_row_by_row(engine: str) -> None:
    """Every zoned cell is refused where it stands, the row with no start as missing."""
    if engine == "dask":
        pytest.importorskip("dask.dataframe")
    given = ZONED.lazy() if engine == "lazy" else _engine(engine, ZONED)
    read = frames(courses=given)
    problems = read.unread("courses")
    rows = [0, 0, 0] if engine in ("duckdb", "lazy", "dask") else [1, 2, 3]
    zoned = (
        "a datetime with a time zone; records take days, and a zone can move a time to "
        "another day: give dates, not datetimes"
    )
    expected = [("start", zoned), ("start", zoned), ("start", "missing; this column is required")]
    assert sorted((p.row, p.field, p.message) for p in problems) == sorted(
        (row, field, message) for row, (field, message) in zip(rows, expected, strict=True)
    )
    assert read.courses is not None
    assert len(read.courses.collect()) == 0


def test_a_course_start_with_a_time_zone_on_the_attendance_rows_is_refused() -> None:
    """Course columns carried by the attendances are checked as a courses table's."""
    rows = pl.DataFrame(
        {"person": ["p1", "p2"], "course": ["k1", "k2"], "start": [START, START]}
    ).with_columns(pl.col("start").cast(pl.Datetime("us", "Asia/Ho_Chi_Minh")))
    problems = frames(attendances=rows).unread("attendances")
    assert [(p.row, p.field) for p in problems] == [(1, "start"), (2, "start")]
    assert all(p.message.endswith("give dates, not datetimes") for p in problems)


@pytest.mark.parametrize("engine", [*ENGINES, "dask"])
def test_a_text_cell_over_the_limit_is_refused_with_the_dict_readers_code(engine: str) -> None:
    """A cell of MAX_TEXT_CHARS characters is read; one more is refused, located and coded."""
    if engine == "dask":
        pytest.importorskip("dask.dataframe")
    given = {
        "persons": [
            {"id": "p1", "unit": "u" * MAX_TEXT_CHARS},
            {"id": "p2", "unit": "u" * (MAX_TEXT_CHARS + 1)},
            {"id": "p3", "unit": " " * (MAX_TEXT_CHARS + 1)},  # blank: a gap, not a text
        ]
    }
    loaded = records_from_dicts(**given, on_error="report")  # type: ignore[arg-type]
    read = frames(**_tables(engine, given))
    found = read.unread("persons")
    lazy = engine in ("duckdb", "dask")
    assert [(p.row, p.field, p.code, p.message) for p in found] == [
        (0 if lazy else p.row, p.field, p.code, p.message) for p in loaded.problems
    ]
    assert [p.code for p in found] == ["record.value.too-long"]
    assert found[0].message.startswith("a text of 10,001 characters; at most 10,000 are taken")
    assert read.persons is not None
    assert sorted(read.persons.collect()["id"].to_list()) == ["p1", "p3"]


def test_a_datetime_with_a_time_in_a_pandas_object_column_is_refused_not_cut() -> None:
    """pandas keeps mixed dates in an object column: a time of day there is no day either."""
    import pandas as pd

    start = pd.Series(
        [dt.date(2024, 3, 4), dt.datetime(2024, 3, 4, 15, 30), "05/03/2024"],  # noqa: DTZ001
        dtype=object,
    )
    read = frames(courses=pd.DataFrame({"id": ["k1", "k2", "k3"], "start": start}))
    assert [(p.row, p.field) for p in read.unread("courses")] == [(2, "start")]
    assert read.courses is not None
    assert sorted(read.courses.collect()["id"].to_list()) == ["k1", "k3"]


def test_an_object_column_of_lists_of_words_is_read_as_the_list_not_its_repr() -> None:
    """pandas keeps Python lists in object columns: ['a', 'b'] is two topics, not one."""
    import datetime as dt

    pd = pytest.importorskip("pandas")
    from dtbd import frames

    courses = pd.DataFrame({"id": ["k1", "k2", "k3"], "start": [dt.date(2024, 3, 4)] * 3,
                            "topics": [["a", "b"], ("c",), []]})  # fmt: skip
    read = frames(courses=courses).to_records()
    assert [c.topics for c in read.courses] == [("a", "b"), ("c",), ()]


@pytest.mark.parametrize("categories", [("completed", "failed"), ("completed", "dropped")])
def test_an_enum_column_is_refused_as_its_text_whatever_its_categories(
    categories: tuple[str, str],
) -> None:
    """An enum of valid categories needs no cell read to refuse none; another is still read."""
    outcomes = ["completed", categories[1], None]
    given = {
        "courses": [COURSE],
        "attendances": [
            {"person": f"p{i}", "course": "k1", "outcome": o} for i, o in enumerate(outcomes)
        ],
    }
    tables = _tables("polars", given)
    tables["attendances"] = tables["attendances"].with_columns(
        pl.col("outcome").cast(pl.Enum(list(categories)))
    )
    for engine in ("polars", "duckdb"):
        native = (
            tables
            if engine == "polars"
            else {name: _engine("duckdb", frame) for name, frame in tables.items()}
        )
        read = frames(**native)
        found = [(p.row, p.field, p.message) for p in read.unread("attendances")]
        assert found == [
            (p.row if engine == "polars" else 0, p.field, p.message)
            for p in records_from_dicts(**given, on_error="report").problems
        ]  # type: ignore[arg-type]
        result = evaluate(ROUNDS, native, START)
        assert result.records.attendances.malformed == (categories[1] == "dropped")
