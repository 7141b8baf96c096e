"""A Department of Home Affairs' year, end to end: units over the reform, person lists from
some units, reports from others with planted mistakes, two schemes over the same records,
every engine. The checks are those the issue on units names: roll-ups equal the totals,
no person counted twice up the tree, every validation failure named, the same numbers on
the Python engine and on polars, DuckDB and pandas frames.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from breakdown_data import AS_OF, ON, SCHEME, UNITS, records
from dtbd import (
    Records,
    SubmissionRow,
    breakdown,
    evaluate,
    loads_scheme,
    validate_submissions,
)
from test_frames import polars_tables
from test_submissions import _ENGINES as ENGINES
from test_submissions import _report_frame

# Two units send totals instead of lists: Sở Tài chính (in the tree since 2024 under the
# province) and the new commune Xã Bến, which sent nobody's name. Two mistakes are
# planted: Xã Bến's lượt below its người, and an "of which women" above its total.
REPORTS = (
    SubmissionRow("xa-ben", year=2025, activity="fostering", attendances=12, persons=15),
    SubmissionRow("so-y-te-cu", year=2025, activity="fostering", attendances=30, persons=20),
    SubmissionRow("so-y-te-cu", year=2025, activity="fostering", gender="female",
                  attendances=35, persons=18),
    SubmissionRow("xa-ben", year=2026, activity="fostering", attendances=8, persons=8),
)  # fmt: skip

SECOND = loads_scheme("""
id = "boi-duong-nam"
title = "Kế hoạch bồi dưỡng hằng năm"
period = {start = "2025-01-01", end = "2026-12-31"}

[[targets]]
id = "luot-nam"
label = "Mỗi năm 10 lượt"
figure = "10 lượt"
window = {cadence = "per_year"}

[[targets]]
id = "nguoi-nam"
label = "Người được bồi dưỡng"
figure = "10 người"
""")

COUNTED = ("luot", "nguoi", "ngay", "kinh-phi")
"""What adds up over units: each person is in one group; a course with learners of two
units counts in both (docs/units.md), so classes are left out of the sums."""


def province() -> Records:
    """breakdown_data's records with the units' reports added."""
    return attrs.evolve(records(), submissions=REPORTS)


def frames(engine: str) -> dict[str, Any]:
    tables = polars_tables(records())
    return {**ENGINES[engine](tables), "submissions": _report_frame(REPORTS)}


def _numbers(evaluation: Any) -> dict[str, Decimal | None]:
    return {t: evaluation[t].numerator for t in COUNTED}


@pytest.fixture(scope="module")
def rolled():
    return breakdown(SCHEME, province(), AS_OF, "unit", units=UNITS, on=ON)


def test_the_roll_up_adds_up_to_the_total(rolled) -> None:
    """The province and the unknown row hold every lượt, person, day and đồng of the total."""
    for target in COUNTED:
        province_part = rolled["hy"].evaluation[target].numerator
        assert province_part + rolled[None].evaluation[target].numerator == (
            rolled.total[target].numerator
        ), target


def test_reports_count_where_they_were_sent_and_up_the_tree(rolled) -> None:
    """Xã Bến's 12 + 8 lượt are its own and the province's; the old Sở's are unknown."""
    assert rolled["xa-ben"].evaluation["luot"].numerator == 20
    assert rolled[None].evaluation["luot"].numerator >= 30
    learners = breakdown(SCHEME, records(), AS_OF, "unit", units=UNITS, on=ON)
    assert rolled["hy"].evaluation["luot"].numerator == (
        learners["hy"].evaluation["luot"].numerator + 20
    )


def test_no_person_counts_twice_up_the_tree(rolled) -> None:
    """p1 took two courses: one person at Sở Y tế and at the province, not two."""
    learners = breakdown(SCHEME, records(), AS_OF, "unit", units=UNITS, on=ON)
    assert learners["so-y-te"].evaluation["nguoi"].numerator == 1
    assert learners["so-y-te"].evaluation["luot"].numerator == 2
    # The province's learners are distinct: p1, p2, p3, p4, p5, p7 (p6's unit is unknown).
    assert learners["hy"].evaluation["nguoi"].numerator == 6
    assert rolled["xa-ben"].evaluation["nguoi"].numerator == 15 + 8


def test_every_planted_mistake_is_named_with_its_unit_period_and_cells() -> None:
    found = validate_submissions(province(), SCHEME).violations
    named = {(v.rule, v.unit, v.start, v.left_cells, v.right_cells) for v in found}
    assert (
        "attendances-at-least-persons", "xa-ben", dt.date(2025, 1, 1), "attendances", "persons",
    ) in named  # fmt: skip
    assert (
        "part-at-most-total", "so-y-te-cu", dt.date(2025, 1, 1),
        "attendances [gender=female]", "attendances",
    ) in named  # fmt: skip
    assert all(v.message_vi and v.message_en for v in found)


def test_two_schemes_over_the_same_records_are_each_what_it_alone_gives() -> None:
    both = evaluate([SCHEME, SECOND], province(), AS_OF)
    for scheme in (SCHEME, SECOND):
        alone = evaluate(scheme, province(), AS_OF)
        assert both[scheme.id].to_dict()["targets"] == alone.to_dict()["targets"], scheme.id


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_engine_gives_the_python_engines_roll_up(engine, rolled) -> None:
    got = breakdown(SCHEME, frames(engine), AS_OF, "unit", units=UNITS, on=ON)
    assert [g.key for g in got.groups] == [g.key for g in rolled.groups]
    assert _numbers(got.total) == _numbers(rolled.total)
    for group in rolled.groups:
        assert _numbers(got[group.key].evaluation) == _numbers(group.evaluation), group.key


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_engine_gives_both_schemes_the_python_engines_numbers(engine) -> None:
    expected = evaluate([SCHEME, SECOND], province(), AS_OF)
    got = evaluate([SCHEME, SECOND], frames(engine), AS_OF)
    for scheme in (SCHEME, SECOND):
        for target, progress in expected[scheme.id].targets.items():
            assert got[scheme.id][target].achieved == progress.achieved, (scheme.id, target)
