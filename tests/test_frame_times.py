"""Datetimes with a time of day are read as their calendar day on every engine."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dtbd import Figure, Scheme, Target, Window, evaluate, records_from_dicts
from dtbd.model._period import Period
from test_frames import ENGINES

SCHEME = Scheme(
    "x",
    "Bồi dưỡng năm 2024",
    Period.of_years(2024),
    targets=[
        Target(
            "luot",
            "100 lượt năm 2024",
            Figure.parse("100 lượt"),
            window=Window(start="2024-01-01", end="2024-12-31"),
        )
    ],
)
# The last course starts in the afternoon of the window's last day: it is in the window.
STARTS = [dt.datetime(2024, 3, 1, 8, 0), dt.datetime(2024, 12, 31, 15, 30)]  # noqa: DTZ001  -- naive, as a spreadsheet's
AS_OF = dt.date(2024, 12, 31)


def _frames() -> dict[str, pl.DataFrame]:
    return {
        "courses": pl.DataFrame(
            {"id": ["k1", "k2"], "start": STARTS, "end": STARTS},
            schema={"id": pl.String, "start": pl.Datetime("us"), "end": pl.Datetime("us")},
        ),
        "attendances": pl.DataFrame(
            {"person": ["p1", "p2", "p3"], "course": ["k1", "k2", "k2"]},
        ),
    }


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_course_starting_in_the_afternoon_of_the_last_day_counts_on_every_engine(engine):
    """A datetime column's time of day is dropped, as the dict reader drops it."""
    by_dicts = records_from_dicts(
        courses=[
            {"id": f"k{i + 1}", "start": s.date(), "end": s.date()} for i, s in enumerate(STARTS)
        ],
        attendances=[
            {"person": p, "course": c} for p, c in (("p1", "k1"), ("p2", "k2"), ("p3", "k2"))
        ],
    )
    expected = evaluate(SCHEME, by_dicts, AS_OF)
    assert expected["luot"].achieved == 3
    found = evaluate(SCHEME, ENGINES[engine](_frames()), AS_OF)
    assert found.to_dict()["targets"] == expected.to_dict()["targets"]
