"""Ages in whole years: one formula, the same on the Python engine and every frame engine.

The reference is the plain calendar formula, ``on.year - born.year`` less one while that
year's birthday is still to come. Someone born on 29 February is a year older on 1 March in
a common year.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import narwhals.stable.v2 as nw
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import Figure, Period, Person, Scheme, Scope, Target, age_on, evaluate
from dtbd.engine.frames._exprs import day_number, predicate, years_before, younger_at
from dtbd.measures._measure import Filter, Op, Side
from dtbd.model._calendar import is_study_day, study_days_between
from dtbd.model._period import to_date
from dtbd.records._dicts import records_from_dicts
from strategies import birthdays
from test_frames import ENGINES, polars_tables


def reference_age(born: dt.date, on: dt.date) -> int:
    """Whole years from the calendar parts, as a person would count them."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_age_on_the_day_before_a_birthday_in_a_30_day_month() -> None:
    """The issue's case: 39 on 5 September 2023 for a birth on 6 September 1983."""
    assert age_on(dt.date(1983, 9, 6), dt.date(2023, 9, 5)) == 39
    assert age_on(dt.date(1983, 9, 6), dt.date(2023, 9, 6)) == 40


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (dt.date(2023, 2, 28), 42),
        (dt.date(2023, 3, 1), 43),
        (dt.date(2024, 2, 28), 43),
        (dt.date(2024, 2, 29), 44),
        (dt.date(2024, 3, 1), 44),
    ],
)
def test_born_on_29_february_turns_older_on_1_march_of_a_common_year(
    on: dt.date, age: int
) -> None:
    """The 29 February convention: 28 February is still the day before the birthday."""
    assert age_on(dt.date(1980, 2, 29), on) == age


@settings(max_examples=500)
@given(birthdays())
def test_age_on_equals_the_calendar_formula(pair: tuple[dt.date, dt.date]) -> None:
    """age_on, Person.age_on and the formula agree on every drawn birth date and day."""
    born, on = pair
    assert age_on(born, on) == reference_age(born, on)
    assert Person("p", birth_date=born).age_on(on) == reference_age(born, on)


@settings(max_examples=300)
@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.integers(0, 80))
def test_years_before_is_the_last_birth_date_of_that_age(day: dt.date, years: int) -> None:
    """Born on the cutoff one is ``years`` old on ``day``; born a day later, younger."""
    cutoff = years_before(day, years)
    assert reference_age(cutoff, day) == years
    assert reference_age(cutoff + dt.timedelta(days=1), day) < years


def _rows(pairs: list[tuple[dt.date, dt.date]]) -> pl.DataFrame:
    def stamp(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day)  # noqa: DTZ001  -- a calendar day

    return pl.DataFrame(
        {
            "row": list(range(len(pairs))),
            "born": [stamp(b) for b, _ in pairs],
            "on": [stamp(o) for _, o in pairs],
        }
    )


def _native(engine: str, frame: pl.DataFrame) -> Any:
    # ENGINES converts a dict of tables: the age rows travel as one table.
    return ENGINES[engine]({"rows": frame})["rows"]


def _younger_column(engine: str, frame: pl.DataFrame, expr: Any) -> list[bool]:
    lazy = nw.from_native(_native(engine, frame)).lazy()
    got = lazy.select("row", young=expr.fill_null(value=False)).collect().sort("row")
    return [bool(v) for v in got["young"].to_list()]


# Day numbers as floats on every engine, as 32-bit integers where integers hold gaps.
_EXACT = [(e, False) for e in sorted(ENGINES)] + [
    (e, True) for e in sorted(ENGINES) if e in ("polars", "polars-lazy", "duckdb")
]


@pytest.mark.parametrize(("engine", "exact"), _EXACT)
@settings(max_examples=15, deadline=None)
@given(st.lists(birthdays(), min_size=1, max_size=40), st.integers(0, 3))
def test_age_at_each_rows_date_on_every_engine_equals_the_formula(
    engine: str, exact: bool, pairs: list[tuple[dt.date, dt.date]], spread: int
) -> None:
    """The frame engine's age at each course start, from the day numbers yyyymmdd."""
    years = max(reference_age(*pairs[0]) + spread - 1, 1)
    expected = [born <= on and reference_age(born, on) < years for born, on in pairs]
    expr = younger_at(day_number("born", exact=exact), years, day_number("on", exact=exact))
    assert _younger_column(engine, _rows(pairs), expr) == expected


@pytest.mark.parametrize("engine", sorted(ENGINES))
@settings(max_examples=15, deadline=None)
@given(st.lists(birthdays(), min_size=1, max_size=40), st.integers(0, 3))
def test_age_at_one_reference_date_on_every_engine_equals_the_formula(
    engine: str, pairs: list[tuple[dt.date, dt.date]], spread: int
) -> None:
    """An age read at one date (a share's population): the cutoff the engine derives."""
    on = pairs[0][1]
    years = max(reference_age(pairs[0][0], on) + spread - 1, 1)
    expected = [born <= on and reference_age(born, on) < years for born, _ in pairs]
    flt = Filter(Side.PERSON, "birth_date", Op.YOUNGER_THAN, (years,))
    frame = _rows(pairs).rename({"born": "person_birth_date"})
    assert _younger_column(engine, frame, predicate(flt, on)) == expected


_BIRTHS = [
    dt.date(1980, 2, 29), dt.date(1979, 2, 28), dt.date(1979, 3, 1), dt.date(1983, 9, 6),
    dt.date(1983, 9, 5), dt.date(1983, 4, 30), dt.date(1983, 5, 1), dt.date(1983, 6, 30),
    dt.date(1983, 11, 30), dt.date(1983, 12, 31), dt.date(1984, 1, 1), dt.date(1984, 3, 31),
]  # fmt: skip


def _edge_records() -> tuple[Scheme, Any, dict[int, int]]:
    """Persons whose one course starts the day before, of or after a birthday.

    Each birthday's age is its own target's limit (the unit names the limit), so every
    row sits on the edge of its target; returns the scheme, the records and the count
    the formula gives per limit.
    """
    persons, courses, attendances, expected = [], [], [], {}
    for index, born in enumerate(_BIRTHS):
        for year in (2023, 2024, 2025):
            day = min(born.day, 28) if (born.month, born.day) == (2, 29) else born.day
            birthday = dt.date(year, born.month, day)
            if (born.month, born.day) == (2, 29) and year == 2024:
                birthday = dt.date(2024, 2, 29)
            for shift in (-1, 0, 1):
                on = birthday + dt.timedelta(days=shift)
                limit = year - born.year
                key = f"{index}-{year}-{shift}"
                persons.append({"id": key, "birth_date": born, "unit": f"u{limit}"})
                courses.append({"id": key, "start": on})
                attendances.append({"person": key, "course": key})
                expected[limit] = expected.get(limit, 0) + (reference_age(born, on) < limit)
    targets = tuple(
        Target(
            f"duoi-{limit}",
            f"Bồi dưỡng người dưới {limit} tuổi",
            Figure.parse("1 người"),
            scope=Scope(under_age=limit, units=(f"u{limit}",)),
        )
        for limit in sorted(expected)
    )
    scheme = Scheme("tuoi", "Kế hoạch", Period.of_years(2022, 2026), targets=targets)
    records = records_from_dicts(persons=persons, courses=courses, attendances=attendances)
    return scheme, records, expected


@pytest.mark.parametrize("engine", ["python", *sorted(ENGINES)])
def test_age_limits_around_birthdays_match_the_formula_on_every_engine(engine: str) -> None:
    """Under-N targets over birthdays ± 1 day: the formula's counts on every engine."""
    scheme, records, expected = _edge_records()
    tables = records if engine == "python" else ENGINES[engine](polars_tables(records))
    got = evaluate(scheme, tables, dt.date(2026, 12, 31))
    assert {int(k.split("-")[1]): got[k].achieved for k in got.targets} == {
        limit: Decimal(n) for limit, n in expected.items()
    }


# Other date arithmetic that goes through pendulum dates and decides a number.


@settings(max_examples=300)
@given(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)), st.integers(0, 4000))
def test_period_days_and_date_differences_equal_plain_date_arithmetic(
    start: dt.date, length: int
) -> None:
    """Period.days and pendulum date differences (pace, elapsed days) are plain days."""
    end = start + dt.timedelta(days=length)
    assert Period(start, end).days == length + 1
    assert (to_date(end) - to_date(start)).days == length


@settings(max_examples=60, deadline=None)
@given(st.dates(dt.date(2016, 1, 1), dt.date(2026, 12, 31)), st.integers(0, 60))
def test_study_days_between_counts_the_working_days_one_by_one(
    start: dt.date, length: int
) -> None:
    """Study days between two pendulum dates: each day counted with plain dates."""
    end = start + dt.timedelta(days=length)
    plain = sum(is_study_day(start + dt.timedelta(days=k)) for k in range(length + 1))
    assert study_days_between(start, end) == plain
