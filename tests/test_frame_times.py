"""Datetimes at midnight are their day; one with a time of day is refused, on every engine."""

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
# The last course starts in the afternoon of the window's last day.
STARTS = [dt.datetime(2024, 3, 1, 8, 0), dt.datetime(2024, 12, 31, 15, 30)]  # noqa: DTZ001  -- naive, as a spreadsheet's
AS_OF = dt.date(2024, 12, 31)


def _frames(starts: list[dt.datetime] = STARTS) -> dict[str, pl.DataFrame]:
    return {
        "courses": pl.DataFrame(
            {"id": ["k1", "k2"], "start": starts, "end": starts},
            schema={"id": pl.String, "start": pl.Datetime("us"), "end": pl.Datetime("us")},
        ),
        "attendances": pl.DataFrame(
            {"person": ["p1", "p2", "p3"], "course": ["k1", "k2", "k2"]},
        ),
    }


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_course_starting_in_the_afternoon_is_refused_on_every_engine(engine):
    """A time of day is refused, as the dict reader refuses it, not cut to its day."""
    by_dicts = records_from_dicts(
        courses=[{"id": f"k{i + 1}", "start": s, "end": s} for i, s in enumerate(STARTS)],
        attendances=[
            {"person": p, "course": c} for p, c in (("p1", "k1"), ("p2", "k2"), ("p3", "k2"))
        ],
        on_error="report",
    )
    expected = evaluate(SCHEME, by_dicts, AS_OF)
    found = evaluate(SCHEME, ENGINES[engine](_frames()), AS_OF)
    assert found.to_dict()["targets"] == expected.to_dict()["targets"]
    courses = found.records.courses
    assert (courses.read, courses.malformed) == (2, 2)
    assert {p.field for p in courses.problems} == {"start", "end"}
    assert all("has a time of day" in p.message for p in courses.problems)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_datetime_at_midnight_is_its_day_on_every_engine(engine):
    midnight = [dt.datetime.combine(s.date(), dt.time()) for s in STARTS]
    by_dicts = records_from_dicts(
        courses=[{"id": f"k{i + 1}", "start": s.date()} for i, s in enumerate(STARTS)],
        attendances=[
            {"person": p, "course": c} for p, c in (("p1", "k1"), ("p2", "k2"), ("p3", "k2"))
        ],
    )
    expected = evaluate(SCHEME, by_dicts, AS_OF)
    assert expected["luot"].achieved == 3
    found = evaluate(SCHEME, ENGINES[engine](_frames(midnight)), AS_OF)
    assert found.to_dict()["targets"] == expected.to_dict()["targets"]
