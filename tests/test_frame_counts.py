"""Rows counted once per table: the polars screen gives the exact counts (issue 12)."""

from __future__ import annotations

import datetime as dt

import attrs
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import frames
from dtbd.records._frame_counts import row_counts

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


def _tables(persons: list[int], rows: list[tuple[int, int, str, int, str]], *, eager: bool):
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
    if eager:
        return people, attendances
    return people.lazy(), attendances.lazy()


@settings(max_examples=60, deadline=None)
@given(persons=_persons, rows=_attendances, eager=st.booleans())
def test_screened_counts_equal_the_exact_counts_of_attendances_carrying_their_courses(
    persons: list[int], rows: list[tuple[int, int, str, int, str]], *, eager: bool
) -> None:
    people, attendances = _tables(persons, rows, eager=eager)
    records = frames(persons=people, attendances=attendances)
    assert records.screens["attendances"]
    assert row_counts(records) == _exact(records)


@settings(max_examples=60, deadline=None)
@given(persons=_persons, rows=_attendances, eager=st.booleans())
def test_screened_counts_equal_the_exact_counts_of_separate_tables(
    persons: list[int], rows: list[tuple[int, int, str, int, str]], *, eager: bool
) -> None:
    people, attendances = _tables(persons, rows, eager=eager)
    courses = pl.DataFrame({"id": [10, 11, 12, 12], "start": [_DAY] * 4})
    own = attendances.drop("start", "activity")
    records = frames(persons=people, courses=courses if eager else courses.lazy(), attendances=own)
    assert set(records.screens) == {"persons", "courses", "attendances"}
    assert row_counts(records) == _exact(records)


def test_a_clean_table_is_counted_by_its_screen_and_a_repeated_row_refused_by_the_exact_count():
    people = pl.DataFrame({"id": [1, 2], "name": ["A", "B"]})
    courses = pl.DataFrame({"id": [10], "start": [_DAY]})
    once = pl.DataFrame({"person": [1, 2], "course": [10, 10]})
    twice = pl.DataFrame({"person": [1, 1, 2], "course": [10, 10, 10]})
    clean = row_counts(frames(persons=people, courses=courses, attendances=once))
    repeated = row_counts(frames(persons=people, courses=courses, attendances=twice))
    assert clean["attendances"] == (2, 0)
    # The second row of person 1 at course 10 is the same attendance given twice.
    assert repeated["attendances"] == (3, 1)
