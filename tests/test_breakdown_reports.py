"""Breakdowns over units' reports: a report row counts in its unit and up the tree, once."""

from __future__ import annotations

import pytest

from dtbd import OrgUnit, SubmissionRow, UnitTree, breakdown
from test_submissions import _ENGINES, AS_OF, _frames, _records, _scheme

UNITS = UnitTree(
    (
        OrgUnit("tinh", "Tỉnh", "province"),
        OrgUnit("so-noi-vu", "Sở Nội vụ", "department", parent="tinh"),
        OrgUnit("so-y-te", "Sở Y tế", "department", parent="tinh"),
        OrgUnit("so-gd-dt", "Sở Giáo dục và Đào tạo", "department", parent="tinh"),
    )
)
TARGETS = ("boi-duong", "nguoi", "nu", "lop")


def _numbers(result, key):
    group = result[key].evaluation
    return {t: (group[t].achieved, group[t].reported) for t in TARGETS}


@pytest.fixture(scope="module")
def by_unit():
    return breakdown(_scheme(), _records(), AS_OF, "unit", units=UNITS)


def test_the_province_holds_what_the_reports_and_the_learners_give_together(by_unit) -> None:
    """The root's numbers are the total's: learners of one unit, reports of another."""
    total = by_unit.total
    expected = {t: (total[t].achieved, total[t].reported) for t in TARGETS}
    assert _numbers(by_unit, "tinh") == expected


def test_a_unit_that_reported_totals_counts_its_report(by_unit) -> None:
    """Sở Y tế sent 120 lượt, 95 people, of whom 70 lượt by women, in 4 classes."""
    y_te = by_unit["so-y-te"].evaluation
    assert (y_te["boi-duong"].achieved, y_te["nu"].achieved, y_te["lop"].achieved) == (120, 70, 4)


def test_a_unit_that_sent_learners_is_counted_from_them_not_from_its_report(by_unit) -> None:
    """Sở Nội vụ's 2024 report is set aside in its own group as in the total."""
    noi_vu = by_unit["so-noi-vu"].evaluation
    assert noi_vu["boi-duong"].achieved == 2
    assert noi_vu["boi-duong"].reported is None or not noi_vu["boi-duong"].reported.units


def test_the_departments_add_up_to_the_province_for_attendance_counts(by_unit) -> None:
    departments = ("so-noi-vu", "so-y-te", "so-gd-dt")
    assert sum(by_unit[d].evaluation["boi-duong"].achieved for d in departments) == (
        by_unit["tinh"].evaluation["boi-duong"].achieved
    )


def test_a_report_of_a_unit_outside_the_tree_is_in_the_unknown_group() -> None:
    records = _records()
    stray = SubmissionRow("so-khac", year=2024, activity="fostering", attendances=9, persons=9)
    records = type(records)(**{**records.__dict__, "submissions": (*records.submissions, stray)})
    result = breakdown(_scheme(), records, AS_OF, "unit", units=UNITS)
    assert result[None].evaluation["boi-duong"].achieved == 9
    assert result["tinh"].evaluation["boi-duong"].achieved == 122
    assert result.total["boi-duong"].achieved == 131


@pytest.mark.parametrize("by", ["gender", "category", "content"])
def test_by_an_attribute_no_report_row_can_say_the_rows_are_in_the_unknown_group(by) -> None:
    """A report is not a person: its figures stay whole in the unknown group."""
    result = breakdown(_scheme(), _records(), AS_OF, by)
    unknown = result[None].evaluation["boi-duong"].achieved
    named = sum(g.evaluation["boi-duong"].achieved for g in result.groups if g.key is not None)
    assert unknown >= 120
    assert named + unknown == result.total["boi-duong"].achieved


def test_by_unit_level_and_by_year_the_rows_count_where_they_say() -> None:
    by_level = breakdown(_scheme(), _records(), AS_OF, "unit_level", units=UNITS)
    assert by_level["department"].evaluation["boi-duong"].achieved == 122
    by_year = breakdown(_scheme(), _records(), AS_OF, "year")
    assert by_year[2024].evaluation["boi-duong"].achieved == 122


@pytest.mark.parametrize("engine", sorted(_ENGINES))
def test_frames_with_a_reports_frame_break_down_as_records_do(engine, by_unit) -> None:
    got = breakdown(_scheme(), _frames(_ENGINES[engine]), AS_OF, "unit", units=UNITS)
    assert [g.key for g in got.groups] == [g.key for g in by_unit.groups]
    for group in by_unit.groups:
        assert _numbers(got, group.key) == _numbers(by_unit, group.key), group.key
