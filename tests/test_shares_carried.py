"""A share given to a unit that has since merged is carried to the unit that took it over."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from breakdown_data import AS_OF, ON, UNITS, records
from dtbd import breakdown, loads_scheme

CARRIED = loads_scheme("""
id = "kh-giao-cu"
title = "Kế hoạch giao chỉ tiêu 2024 - 2026, giao theo cơ cấu năm 2024"
period = {start = "2024-01-01", end = "2026-12-31"}

[[targets]]
id = "luot"
label = "Bồi dưỡng 20 lượt"
figure = "20 lượt"

[[targets.assigned]]
unit = "xa-kim-dong"
figure = "8 lượt"

[[targets.assigned]]
unit = "xa-a"
figure = "khoảng 2 lượt"

[[targets.assigned]]
unit = "xa-b"
figure = "3 lượt"

[[targets]]
id = "ngay"
label = "100 ngày học"
figure = "100 ngày"

[[targets.assigned]]
unit = "xa-a"
year = 2024
figure = "4 ngày"

[[targets]]
id = "nu"
label = "80% cán bộ nữ được bồi dưỡng"
figure = "80%"
counts = "share"
population = { gender = "female" }

[[targets.assigned]]
unit = "xa-a"
figure = "90%"
""")


@pytest.fixture(scope="module")
def after_the_reform():
    return breakdown(CARRIED, records(), AS_OF, "unit", units=UNITS, on=ON)


def test_a_merged_units_share_is_added_to_its_successors_own(after_the_reform) -> None:
    share = after_the_reform["xa-kim-dong"].share("luot")
    assert share.figure.format("vi") == "khoảng 10 lượt"  # 8 + khoảng 2: about, not exact
    assert share.carried_from == ("xa-a",)
    assert share.achieved == after_the_reform["xa-kim-dong"].evaluation["luot"].achieved


def test_a_merged_units_share_stands_alone_where_the_successor_has_none(after_the_reform):
    share = after_the_reform["xa-kim-dong"].share("ngay", year=2024)
    assert (share.figure.low, share.carried_from) == (Decimal(4), ("xa-a",))


def test_a_split_units_share_and_a_percentage_are_findings_that_say_why(after_the_reform):
    findings = {f.code: f for f in after_the_reform.findings}
    assert set(findings) == {"share-unit-split", "share-percent-not-carried"}
    split = findings["share-unit-split"].message("en")
    assert "xa-b" in split
    assert "xa-kim-dong, xa-ben" in split
    assert "does not add up" in findings["share-percent-not-carried"].message("en")
    assert "không cộng được" in findings["share-percent-not-carried"].message("vi")
    assert [s.target_id for s in after_the_reform["xa-ben"].shares] == []


def test_on_a_day_the_unit_existed_its_share_is_its_own() -> None:
    before = breakdown(CARRIED, records(), AS_OF, "unit", units=UNITS, on=dt.date(2025, 1, 1))
    share = before["xa-a"].share("luot")
    assert (share.figure.format("vi"), share.carried_from) == ("khoảng 2 lượt", ())
    assert before["xa-b"].share("luot").carried_from == ()
    # a share to a unit that starts later is not carried back: it is not shown
    (finding,) = before.findings
    assert finding.code == "share-unit-not-shown"
    assert "xa-kim-dong" in finding.message("en")


def test_the_dict_names_the_units_a_share_was_carried_from(after_the_reform) -> None:
    data = after_the_reform.to_dict()
    xa = next(g for g in data["groups"] if g["key"] == "xa-kim-dong")
    assert [(s["target_id"], s["carried_from"]) for s in xa["shares"]] == [
        ("luot", ["xa-a"]),
        ("ngay", ["xa-a"]),
    ]


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_tables_and_the_frame_say_where_a_share_was_carried_from(after_the_reform, locale):
    words = {"vi": "gồm phần giao cho xa-a", "en": "incl. the share of xa-a"}[locale]
    assert words in after_the_reform.to_markdown(locale)
    assert words in after_the_reform.to_html(locale)
    pytest.importorskip("polars")
    frame = after_the_reform.to_frame("polars")
    carried = frame.filter(frame["share_carried_from"].is_not_null())
    assert sorted(set(carried.select("group", "target_id").rows())) == [
        ("xa-kim-dong", "luot"),
        ("xa-kim-dong", "ngay"),
    ]
    assert set(carried["share_carried_from"]) == {"xa-a"}
