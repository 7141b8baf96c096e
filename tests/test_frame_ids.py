"""Ids of any key type in frames: integers, text and categoricals kept as given.

The frame engine joins and groups the ids in the dtype the user gave them and shows each
as the user's id; its results equal the Python engine's over the same records with the
ids as text (``str(7)``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import hypothesis.strategies as st
import pendulum
import polars as pl
import pytest
from hypothesis import given, settings
from tests.strategies import integer_ids
from tests.test_frames import ENGINES, _without_row_lists, polars_tables

from dtbd import Figure, FrameColumnError, Period, Scheme, Target, check, evaluate, example_records
from dtbd.catalog import ids, load
from dtbd.records._dicts import records_from_dicts
from dtbd.records._frames import frames
from dtbd.records._records import Records

AS_OF = pendulum.date(2024, 6, 30)
_DASK_SCHEMES = ("hanoi-2022-2025",)
_KEYS = {
    "persons": ("id",),
    "courses": ("id",),
    "attendances": ("person", "course"),
    "spending": ("id", "course"),
}
"""The id columns of each table (``courses.target`` stays text)."""


def _numbered(records: Records) -> Records:
    """``records`` with every person, course and spending id the text of an integer.

    The integers start at 0 (the model's ids start with a letter or digit, so a negative
    one has no text to compare with), and persons and courses share no numbers, so that
    a join on the wrong column would show.
    """
    persons = sorted({p.id for p in records.persons} | {a.person for a in records.attendances})
    courses = sorted(
        {c.id for c in records.courses}
        | {a.course for a in records.attendances}
        | {s.course for s in records.spending if s.course is not None}
    )
    person_number = {old: str(i) for i, old in enumerate(persons)}
    course_number = {old: str(10_000 + 7 * i) for i, old in enumerate(courses)}
    spent = {s.id: str(5_000_000 + i) for i, s in enumerate(records.spending)}
    return Records(
        persons=[attrs.evolve(p, id=person_number[p.id]) for p in records.persons],
        courses=[attrs.evolve(c, id=course_number[c.id]) for c in records.courses],
        attendances=[
            attrs.evolve(a, person=person_number[a.person], course=course_number[a.course])
            for a in records.attendances
        ],
        spending=[
            attrs.evolve(
                s,
                id=spent[s.id],
                course=None if s.course is None else course_number[s.course],
            )
            for s in records.spending
        ],
    )


def _keyed(tables: dict[str, pl.DataFrame], dtypes: dict[tuple[str, str], Any]) -> None:
    """Cast the id columns of ``tables`` (text of integers) in place, to ``dtypes``."""
    for (table, column), dtype in dtypes.items():
        tables[table] = tables[table].with_columns(pl.col(column).cast(dtype))


def _all(dtype: Any) -> dict[tuple[str, str], Any]:
    return {(t, c): dtype for t, columns in _KEYS.items() for c in columns}


def _evaluated(scheme: Scheme, tables: dict[str, Any]) -> dict[str, Any]:
    return _without_row_lists(evaluate(scheme, tables, AS_OF).to_dict())


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("scheme_id", ids())
def test_integer_ids_give_the_python_engines_results_on_their_text(
    engine: str, scheme_id: str
) -> None:
    """Every catalog scheme over Int64 ids equals the Python engine over ``str(id)``."""
    if engine == "dask" and scheme_id not in _DASK_SCHEMES:
        pytest.skip("dask plans are slow to build: one scheme with spending covers its path")
    scheme = load(scheme_id)
    records = _numbered(example_records(scheme, scale=0.3))
    expected = _without_row_lists(evaluate(scheme, records, AS_OF).to_dict())
    tables = polars_tables(records)
    _keyed(tables, _all(pl.Int64))
    assert _evaluated(scheme, ENGINES[engine](tables)) == expected


def test_integer_ids_are_not_cast_to_text() -> None:
    """The id columns keep their integer dtype: no cast to text on the way in."""
    records = _numbered(example_records(load("hanoi-2022-2025"), scale=0.3))
    tables = polars_tables(records)
    _keyed(tables, _all(pl.Int32))
    read = frames(**{name: frame.lazy() for name, frame in tables.items()})
    for table, columns in _KEYS.items():
        schema = read.table(table).collect_schema()  # type: ignore[union-attr]
        assert {str(schema[c]) for c in columns} == {"Int32"}, table


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_categorical_ids_give_the_python_engines_results(engine: str) -> None:
    """Categorical ids (polars Categorical, pandas category, Arrow dictionary) join."""
    scheme = load("hanoi-2022-2025")
    records = example_records(scheme, scale=0.3)
    expected = _without_row_lists(evaluate(scheme, records, AS_OF).to_dict())
    tables = polars_tables(records)
    _keyed(tables, _all(pl.Categorical))
    assert _evaluated(scheme, ENGINES[engine](tables)) == expected


MIXED = {
    ("persons", "id"): pl.Int32,
    ("attendances", "person"): pl.Int64,
    ("courses", "id"): pl.UInt16,
    ("attendances", "course"): pl.Int64,
    ("spending", "course"): pl.UInt32,
    ("spending", "id"): pl.UInt64,
}


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_ids_of_two_integer_widths_join(engine: str) -> None:
    """Int32 persons against Int64 attendances (UInt16 courses …) give the same results."""
    scheme = load("hanoi-2022-2025")
    records = _numbered(example_records(scheme, scale=0.3))
    expected = _without_row_lists(evaluate(scheme, records, AS_OF).to_dict())
    tables = polars_tables(records)
    _keyed(tables, MIXED)
    assert _evaluated(scheme, ENGINES[engine](tables)) == expected


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_categorical_ids_against_text_ids_join(engine: str) -> None:
    """A categorical persons.id meets text attendances.person (and the other way round)."""
    scheme = load("hanoi-2022-2025")
    records = example_records(scheme, scale=0.3)
    expected = _without_row_lists(evaluate(scheme, records, AS_OF).to_dict())
    tables = polars_tables(records)
    _keyed(tables, {("persons", "id"): pl.Categorical, ("attendances", "course"): pl.Categorical})
    assert _evaluated(scheme, ENGINES[engine](tables)) == expected


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_integer_ids_against_text_ids_are_refused_naming_both_columns(engine: str) -> None:
    """persons.id Int64 against attendances.person text: both tables, headers, dtypes."""
    persons = pl.DataFrame({"Mã cán bộ": [1, 2]})
    courses = pl.DataFrame({"id": ["k1"], "start": [dt.date(2024, 3, 4)]})
    attendances = pl.DataFrame({"Mã người học": ["1", "2"], "course": ["k1", "k1"]})
    tables = ENGINES[engine]({"persons": persons, "courses": courses, "attendances": attendances})
    headers = {"persons": {"Mã cán bộ": "id"}, "attendances": {"Mã người học": "person"}}
    with pytest.raises(FrameColumnError) as error:
        frames(**tables, columns=headers)
    message = str(error.value)
    assert "persons column 'Mã cán bộ' (id) holds ids of type Int64" in message
    assert "attendances column 'Mã người học' (person) holds ids of type String" in message
    assert "cast" in message


def test_an_empty_id_column_takes_the_other_sides_type() -> None:
    """A spending.course column of no id (a reader's null or float guess) joins integers."""
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    courses = {"id": [10, 11], "start": [dt.date(2024, 3, 4)] * 2}
    spending = {"id": [1, 2], "date": [dt.date(2024, 3, 4)] * 2, "amount": [100, 200]}
    for tables in (
        (pd.DataFrame(courses), pd.DataFrame(spending | {"course": [float("nan")] * 2})),
        (pa.table(courses), pa.table(spending | {"course": pa.nulls(2)})),
        (
            pl.DataFrame(courses),
            pl.DataFrame(
                spending | {"course": [None, None]}, schema_overrides={"course": pl.String}
            ),
        ),
    ):
        read = frames(courses=tables[0], spending=tables[1])
        cells = read.spending.collect()["course"].to_list()  # type: ignore[union-attr]
        assert len(cells) == 2
        assert all(v is None or v != v for v in cells)  # noqa: PLR0124  -- None or NaN
        assert read.unread("spending") == []


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_whole_float_ids_read_as_integers_and_show_as_the_users_ids(engine: str) -> None:
    """pandas reads integer ids with gaps as floats: 7.0 is the id 7, shown as '7'."""
    courses = pl.DataFrame(
        {"id": [7.0, 8.0], "start": [dt.date(2024, 3, 4)] * 2, "end": [dt.date(2024, 3, 1)] * 2}
    )
    read = frames(courses=ENGINES[engine]({"courses": courses})["courses"])
    problems = [str(p) for p in read.unread("courses")]
    assert problems
    assert all("course '7'" in p or "course '8'" in p for p in problems), problems


def test_course_sizes_show_integer_ids_as_text() -> None:
    """Course sizes (read by the course-size checks) name course 10000, not 10000.0."""
    from dtbd.engine.frames._run import run_frames
    from dtbd.measures._measure import compile_scheme

    scheme = load("qd-1641-2022")
    records = _numbered(example_records(scheme, scale=0.3))
    tables = polars_tables(records)
    _keyed(tables, _all(pl.Float64))
    pandas = {name: frame.to_pandas() for name, frame in tables.items()}
    measures = compile_scheme(scheme)
    by_frames = run_frames(measures, frames(**pandas), AS_OF)
    by_text = run_frames(measures, frames(**polars_tables(records)), AS_OF)
    sizes = [t.course_sizes for t in by_frames.tallies.values() if t.course_sizes]
    assert sizes
    assert sizes == [t.course_sizes for t in by_text.tallies.values() if t.course_sizes]


def test_rule_checks_over_integer_ids_equal_those_over_text_ids() -> None:
    """check() collects the frames: integer ids become the model's text ids."""
    scheme = load("qd-1641-2022")
    records = _numbered(example_records(scheme, scale=0.3))
    tables = polars_tables(records)
    _keyed(tables, _all(pl.Int64))
    expected = [v.to_dict() for v in check(scheme.rules, records)]
    assert expected
    assert [v.to_dict() for v in check(scheme.rules, tables)] == expected


def test_an_integer_id_in_a_dict_is_read_as_its_text() -> None:
    """records_from_dicts: the model's ids are text; an int id is read as its digits."""
    records = records_from_dicts(
        persons=[{"id": 7}],
        courses=[{"id": 0, "start": "2024-03-04"}],
        attendances=[{"person": 7, "course": 0}],
    )
    assert (records.persons[0].id, records.courses[0].id) == ("7", "0")
    assert (records.attendances[0].person, records.attendances[0].course) == ("7", "0")


PERSONS = Target("nguoi", "Bồi dưỡng 3 người", Figure.parse("3 người"))
ROUNDS = Target("luot", "Bồi dưỡng 5 lượt", Figure.parse("5 lượt"))
SMALL = Scheme("vd", "Kế hoạch", Period.of_years(2024), targets=(PERSONS, ROUNDS))


@settings(max_examples=15, deadline=None)
@given(
    people=st.lists(integer_ids, min_size=1, max_size=6, unique=True),
    picks=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 2)), max_size=12),
)
def test_any_integer_ids_count_as_their_text(
    people: list[int], picks: list[tuple[int, int]]
) -> None:
    """Ids from 0 to 2⁶² count as the Python engine counts their text."""
    text = str
    course_ids = [0, 1, 2**62]  # may share numbers with persons: tables are apart
    attendances = list(dict.fromkeys((people[i % len(people)], course_ids[k]) for i, k in picks))
    # An attendance of a person not on the roster: an id no person has, so no copy of a pick.
    attendances.append((next(i for i in range(len(people) + 1) if i not in people), 0))
    start = dt.date(2024, 3, 4)
    expected = evaluate(
        SMALL,
        records_from_dicts(
            persons=[{"id": text(p)} for p in people],
            courses=[{"id": text(c), "start": start} for c in course_ids],
            attendances=[{"person": text(p), "course": text(c)} for p, c in attendances],
        ),
        dt.date(2024, 12, 31),
    ).to_dict()
    tables = {
        "persons": pl.DataFrame({"id": people}, schema={"id": pl.Int64}),
        "courses": pl.DataFrame({"id": course_ids, "start": [start] * 3}),
        "attendances": pl.DataFrame(
            {"person": [p for p, _ in attendances], "course": [c for _, c in attendances]},
            schema={"person": pl.Int64, "course": pl.Int64},
        ),
    }
    got = evaluate(SMALL, tables, dt.date(2024, 12, 31)).to_dict()
    assert got["targets"] == expected["targets"]
    for table in ("persons", "courses", "attendances"):
        # The counts: the messages name the ids in each engine's words.
        assert {k: v for k, v in got["records"][table].items() if isinstance(v, int)} == {
            k: v for k, v in expected["records"][table].items() if isinstance(v, int)
        }


DAYS = Target("ngay", "Bồi dưỡng 10.000 ngày học", Figure.parse("10000 ngày"))
DAYS_SCHEME = Scheme("vd", "Kế hoạch", Period.of_years(2020, 2024), targets=(DAYS,))


def _many_dates() -> Records:
    """1.826 courses on as many distinct start dates, none stating its study days."""
    first = dt.date(2020, 1, 1)
    starts = [first + dt.timedelta(days=i) for i in range(1826)]
    return records_from_dicts(
        persons=[{"id": "p1"}],
        courses=[
            {"id": f"k{i}", "start": day, "end": day + dt.timedelta(days=i % 9)}
            for i, day in enumerate(starts)
        ],
        attendances=[{"person": "p1", "course": f"k{i}"} for i in range(1826)],
    )


@pytest.mark.parametrize("engine", [e for e in ("polars", "duckdb") if e in ENGINES])
def test_study_days_of_1826_distinct_dates_equal_the_python_engine(engine: str) -> None:
    """The study-days lookup is a join: no expression per date (DuckDB's RecursionError)."""
    records = _many_dates()
    expected = evaluate(DAYS_SCHEME, records, dt.date(2025, 1, 1))
    got = evaluate(DAYS_SCHEME, ENGINES[engine](polars_tables(records)), dt.date(2025, 1, 1))
    assert got["ngay"].achieved == expected["ngay"].achieved
    assert got["ngay"].achieved > Decimal(1826)
    assert _without_row_lists(got.to_dict()) == _without_row_lists(expected.to_dict())
