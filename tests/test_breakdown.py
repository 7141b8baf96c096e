"""Breakdowns by a person's or a course's attribute, on every engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from breakdown_data import AS_OF, ON, SCHEME, UNITS, records
from dtbd import AGE_BANDS, BREAKDOWNS, Person, breakdown
from dtbd.cli._parser import BREAKDOWNS as CLI_BREAKDOWNS
from dtbd.tracking._groups import COURSE_SIDE, age_band
from test_frames import ENGINES, polars_tables

PERSON_ATTRIBUTES = ("gender", "minority", "age", "category", "leadership", "ethnicity")
ADDITIVE = ("luot", "ngay", "kinh-phi")


def _numbers(result) -> list[tuple[object, dict[str, object]]]:
    """Each group's numbers: whole window and each year, for every target."""
    return [
        (
            g.key,
            {
                t: (p.numerator, p.denominator, tuple((y.year, y.numerator) for y in p.yearly))
                for t, p in g.evaluation.targets.items()
            },
        )
        for g in (*result.groups,)
    ]


@pytest.mark.parametrize("by", PERSON_ATTRIBUTES)
@pytest.mark.parametrize("target", ["luot", "nguoi", "ngay", "kinh-phi"])
def test_a_person_attribute_splits_every_count_into_parts_that_add_up(
    by: str, target: str
) -> None:
    """Each person is in exactly one group, so persons add up as attendances do."""
    result = breakdown(SCHEME, records(), AS_OF, by, on=ON)
    parts = sum(g.evaluation[target].numerator for g in result.groups)
    assert parts == result.total[target].numerator


@pytest.mark.parametrize("by", ["content", "location", "format", "year", "activity"])
@pytest.mark.parametrize("target", ADDITIVE)
def test_a_course_attribute_splits_attendances_days_and_money(by: str, target: str) -> None:
    result = breakdown(SCHEME, records(), AS_OF, by)
    parts = sum(g.evaluation[target].numerator for g in result.groups)
    assert parts == result.total[target].numerator


def test_a_person_on_courses_of_two_contents_is_in_both_groups() -> None:
    """p1 attended k1 (cai-cach) and k2 (chuyen-doi-so): persons need not add up."""
    result = breakdown(SCHEME, records(), AS_OF, "content")
    persons = {g.key: g.evaluation["nguoi"].numerator for g in result.groups}
    assert persons == {"cai-cach": 4, "chuyen-doi-so": 3, None: 3}
    assert sum(persons.values()) > result.total["nguoi"].numerator == 7


def test_women_and_men_and_those_without_a_gender() -> None:
    result = breakdown(SCHEME, records(), AS_OF, "gender")
    persons = {g.key: g.evaluation["nguoi"].numerator for g in result.groups}
    assert persons == {"female": 3, "male": 3, None: 1}


def test_kinh_by_name_or_code_is_the_majority_any_other_group_a_minority() -> None:
    assert Person("a", ethnicity="Kinh").minority is False
    assert Person("b", ethnicity="KINH ").minority is False
    assert Person("c", ethnicity="01").minority is False
    assert Person("d", ethnicity="Tày").minority is True
    assert Person("e", ethnicity="Mường").minority is True
    assert Person("f").minority is None
    result = breakdown(SCHEME, records(), AS_OF, "minority")
    persons = {g.key: g.evaluation["nguoi"].numerator for g in result.groups}
    assert persons == {"majority": 2, "minority": 2, None: 3}


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "to-40"), (40, "to-40"), (41, "over-40-to-50"), (50, "over-40-to-50"), (51, "over-50")],
)
def test_age_bands_at_their_boundaries(age: int, band: str) -> None:
    """ "Từ 40 tuổi trở xuống", "Từ trên 40 tuổi đến 50 tuổi", "Từ trên 50 tuổi"."""
    assert age_band(age) == band
    assert band in AGE_BANDS


def test_a_birthday_on_the_reference_date_counts_the_new_year_of_age() -> None:
    """p1 turns 40 and p2 turns 50 on 1 January 2026; the day before, 39 and 49."""
    on_day = breakdown(SCHEME, records(), AS_OF, "age", on=ON)
    day_before = breakdown(SCHEME, records(), AS_OF, "age", on=ON - dt.timedelta(days=1))
    assert on_day.on == ON
    assert {g.key: g.evaluation["nguoi"].numerator for g in on_day.groups} == {
        "to-40": 3,  # p1 (40 today), p4, p5 (40 since 31/12)
        "over-40-to-50": 2,  # p2 (50 today), p3 (50 since 31/12)
        "over-50": 1,  # p7
        None: 1,  # p6: no birth date
    }
    assert {g.key: g.evaluation["nguoi"].numerator for g in day_before.groups} == {
        "to-40": 3,  # p1 39, p4, p5 40 today
        "over-40-to-50": 2,  # p2 49, p3 50 today
        "over-50": 1,
        None: 1,
    }


def test_the_age_bands_move_with_the_reference_date() -> None:
    """On 31/12/2026 p3 (born 31/12/1975) is 51 and p5 (born 31/12/1985) is 41."""
    later = breakdown(SCHEME, records(), AS_OF, "age", on=dt.date(2026, 12, 31))
    persons = {g.key: g.evaluation["nguoi"].numerator for g in later.groups}
    assert persons == {"to-40": 2, "over-40-to-50": 2, "over-50": 2, None: 1}


def test_a_person_with_several_qualifications_is_in_each_of_their_groups() -> None:
    result = breakdown(SCHEME, records(), AS_OF, "qualification")
    persons = {g.key: g.evaluation["nguoi"].numerator for g in result.groups}
    assert persons == {"master": 1, "university": 1, None: 6}


def test_money_is_split_by_the_course_it_paid_for_and_by_its_date_for_years() -> None:
    by_content = breakdown(SCHEME, records(), AS_OF, "content")
    money = {g.key: g.evaluation["kinh-phi"].numerator for g in by_content.groups}
    assert money == {"cai-cach": 12_000_000, "chuyen-doi-so": 8_000_000, None: 3_000_000}
    by_year = breakdown(SCHEME, records(), AS_OF, "year")
    assert [g.key for g in by_year.groups] == [2024, 2025, 2026]
    assert by_year[2026].evaluation["kinh-phi"].numerator == Decimal(3_000_000)


def test_the_command_line_takes_every_breakdown_and_no_other() -> None:
    assert CLI_BREAKDOWNS == BREAKDOWNS
    assert set(COURSE_SIDE) < set(BREAKDOWNS)


# Not Dask: a breakdown is an evaluation per group, and each Dask evaluation takes half a
# minute to plan here; Dask's evaluate itself is compared in tests/test_frames.py.
@pytest.mark.parametrize("engine", sorted(e for e in ENGINES if e != "dask"))
@pytest.mark.parametrize("by", ["unit", "gender", "content"])
def test_every_engine_gives_the_same_groups_and_numbers(engine: str, by: str) -> None:
    want = breakdown(SCHEME, records(), AS_OF, by, units=UNITS, on=ON)
    frames = ENGINES[engine](polars_tables(records()))
    got = breakdown(SCHEME, frames, AS_OF, by, units=UNITS, on=ON)
    assert _numbers(got) == _numbers(want)
    assert got.total["nguoi"].numerator == want.total["nguoi"].numerator
