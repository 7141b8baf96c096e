"""Rows counted once per table: the polars and DuckDB screens give the exact counts (issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import narwhals.stable.v2 as nw
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import frames
from dtbd.records._frame_counts import read_counts, readable, row_counts
from test_frames import ENGINES

_DAY = dt.date(2024, 3, 4)

# Few distinct values, so that repeats, refused cells and disagreeing courses are common.
_persons = st.lists(st.sampled_from([1, 2, 3, -1]), min_size=1, max_size=6)
_attendance = st.tuples(
    st.sampled_from([1, 2, 3, -2]),  # person (a negative id is refused)
    st.sampled_from([10, 11, 12]),  # course
    st.sampled_from(["completed", "failed", "lost"]),  # outcome ("lost" is refused)
    st.sampled_from([0, 5]),  # days after the first start: two starts of a course disagree
    st.sampled_from(["fostering", "training", "visit"]),  # activity ("visit" is refused)
)
_attendances = st.lists(_attendance, min_size=1, max_size=8)


def _exact(records: object) -> dict[str, tuple[int, int]]:
    """The counts without the screens: the group-by over every table's keys."""
    return row_counts(attrs.evolve(records, screens={}))


# polars eager (rows numbered), polars lazy (ids), DuckDB relations (ids).
_SHAPES = st.sampled_from(["eager", "lazy", *(["duckdb"] if "duckdb" in ENGINES else [])])


def _shaped(tables: dict[str, pl.DataFrame], shape: str) -> dict[str, object]:
    if shape == "duckdb":
        return ENGINES["duckdb"](tables)
    if shape == "lazy":
        return {name: frame.lazy() for name, frame in tables.items()}
    return dict(tables)


def _tables(
    persons: list[int], rows: list[tuple[int, int, str, int, str]]
) -> dict[str, pl.DataFrame]:
    people = pl.DataFrame({"id": persons, "name": [f"N{p}" for p in persons]})
    attendances = pl.DataFrame(
        {
            "person": [r[0] for r in rows],
            "course": [r[1] for r in rows],
            "outcome": [r[2] for r in rows],
            "start": [_DAY + dt.timedelta(days=r[3]) for r in rows],
            "activity": [r[4] for r in rows],
        }
    )
    return {"persons": people, "attendances": attendances}


@settings(max_examples=60, deadline=None)
@given(persons=_persons, rows=_attendances, shape=_SHAPES)
def test_screened_counts_equal_the_exact_counts_of_attendances_carrying_their_courses(
    persons: list[int], rows: list[tuple[int, int, str, int, str]], shape: str
) -> None:
    records = frames(**_shaped(_tables(persons, rows), shape))
    assert records.screens["attendances"]
    assert row_counts(records) == _exact(records)


def _rows(frame: nw.LazyFrame[Any]) -> list[tuple[Any, ...]]:
    return sorted(frame.collect().rows(), key=repr)


@settings(max_examples=60, deadline=None)
@given(persons=_persons, rows=_attendances, shape=_SHAPES)
def test_courses_kept_by_their_screen_are_the_courses_read_without_it(
    persons: list[int], rows: list[tuple[int, int, str, int, str]], shape: str
) -> None:
    records = frames(**_shaped(_tables(persons, rows), shape))
    found, counts = read_counts(records)
    unscreened = attrs.evolve(records, screens={})
    expected = readable(unscreened, row_counts(unscreened))
    assert counts == row_counts(unscreened)
    for name in ("persons", "courses", "attendances"):
        table, other = found.table(name), expected.table(name)
        assert table is not None
        assert other is not None
        assert table.collect_schema() == other.collect_schema()
        assert _rows(table) == _rows(other)


@settings(max_examples=60, deadline=None)
@given(persons=_persons, rows=_attendances, shape=_SHAPES)
def test_screened_counts_equal_the_exact_counts_of_separate_tables(
    persons: list[int], rows: list[tuple[int, int, str, int, str]], shape: str
) -> None:
    tables = _tables(persons, rows)
    tables["courses"] = pl.DataFrame({"id": [10, 11, 12, 12], "start": [_DAY] * 4})
    tables["attendances"] = tables["attendances"].drop("start", "activity")
    records = frames(**_shaped(tables, shape))
    assert set(records.screens) == {"persons", "courses", "attendances"}
    assert row_counts(records) == _exact(records)


@pytest.mark.parametrize("shape", ["eager", "lazy", "duckdb"])
def test_a_clean_table_is_counted_by_its_screen_and_a_repeated_row_refused_by_the_exact_count(
    shape: str,
) -> None:
    if shape not in ENGINES and shape == "duckdb":
        pytest.skip("duckdb is not installed")
    people = pl.DataFrame({"id": [1, 2], "name": ["A", "B"]})
    courses = pl.DataFrame({"id": [10], "start": [_DAY]})
    once = pl.DataFrame({"person": [1, 2], "course": [10, 10]})
    twice = pl.DataFrame({"person": [1, 1, 2], "course": [10, 10, 10]})
    given = {"persons": people, "courses": courses}
    clean = frames(**_shaped({**given, "attendances": once}, shape))
    repeated = row_counts(frames(**_shaped({**given, "attendances": twice}, shape)))
    assert set(clean.screens) == {"persons", "courses", "attendances"}
    assert row_counts(clean)["attendances"] == (2, 0)
    # The second row of person 1 at course 10 is the same attendance given twice.
    assert repeated["attendances"] == (3, 1)


def test_two_equal_hashes_send_the_table_to_the_exact_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dtbd.records._frame_counts as counts
    import dtbd.records._frame_screens as screens

    people = pl.DataFrame({"id": [1, 2], "name": ["A", "B"]})
    courses = pl.DataFrame({"id": [10], "start": [_DAY]})
    once = pl.DataFrame({"person": [1, 2], "course": [10, 10]})
    records = frames(persons=people, courses=courses, attendances=once)
    exact: list[str] = []
    checked_counts = counts._checked_counts

    def collided(given: list[screens.Screen]) -> tuple[list[tuple[int, int, int]], dict[str, Any]]:
        # As if two different keys had hashed alike: one hash fewer than rows, no bad cell.
        found = []
        for screen in given:
            n = int(nw.to_native(screen.frame).select(pl.len()).collect().item())
            found.append((n, 0, n - 1))
        return found, {}

    def counted(frame: nw.LazyFrame[Any], table: str, *, numbered: bool) -> tuple[int, int]:
        exact.append(table)
        return checked_counts(frame, table, numbered=numbered)

    monkeypatch.setattr(screens, "_counts", collided)
    monkeypatch.setattr(counts, "_checked_counts", counted)
    assert row_counts(records)["attendances"] == (2, 0)
    assert set(exact) == {"persons", "courses", "attendances"}
