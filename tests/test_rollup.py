"""Roll-ups by unit: each unit's numbers over its subtree, in the structure of a date."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breakdown_data import AS_OF, ON, SCHEME, UNITS, records
from dtbd import (
    BreakdownError,
    Records,
    UnitTree,
    breakdown,
    evaluate,
    records_from_dicts,
    save_scheme,
    save_units,
    write_records_csv,
)
from dtbd.cli._main import main
from dtbd.tracking._groups import home_unit, members_of
from strategies import REFORM_DAY, reformed_unit_trees


@pytest.fixture(scope="module")
def by_unit():
    return breakdown(SCHEME, records(), AS_OF, "unit", units=UNITS, on=ON)


def test_the_total_is_the_evaluation_without_a_breakdown(by_unit) -> None:
    """``Breakdown.total`` is ``evaluate`` over the same records, every key of it."""
    assert by_unit.total.to_dict() == evaluate(SCHEME, records(), AS_OF).to_dict()


def test_units_come_in_the_structure_of_the_day_depth_first_then_the_unknown_row(
    by_unit,
) -> None:
    """The 2026 tree: the province, its department and new communes; old units are gone."""
    assert [(g.key, g.depth, g.parent) for g in by_unit.groups] == [
        ("hy", 0, None),
        ("so-y-te", 1, "hy"),
        ("xa-kim-dong", 1, "hy"),
        ("xa-ben", 1, "hy"),
        (None, 0, None),
    ]
    assert by_unit["hy"].name == "Tỉnh Hưng Yên"
    assert by_unit["hy"].level == "province"


@pytest.mark.parametrize("target", ["luot", "nguoi", "ngay", "kinh-phi"])
def test_the_roots_and_the_unknown_row_add_up_to_the_total(by_unit, target: str) -> None:
    """Each person is in one root's subtree or unknown: persons too add up at the top."""
    parts = by_unit["hy"].evaluation[target].numerator + by_unit[None].evaluation[target].numerator
    assert parts == by_unit.total[target].numerator


def test_records_of_2024_roll_up_into_the_2026_structure(by_unit) -> None:
    """Xã A merged into Xã Kim Động: its person's 2024 course counts there, in 2024."""
    xa = by_unit["xa-kim-dong"].evaluation["luot"]
    assert xa.numerator == 4  # p2 (xa-a, merged) twice, p5 (xa-kim-dong) twice
    assert [(y.year, y.achieved) for y in xa.yearly] == [
        (2024, Decimal(1)),
        (2025, Decimal(1)),
        (2026, Decimal(2)),
    ]
    assert [y.cumulative for y in xa.yearly] == [Decimal(1), Decimal(2), Decimal(4)]


def test_a_split_unit_and_an_ended_district_count_at_the_lowest_unit_certain_to_hold_them() -> (
    None
):
    """Xã B split in two: its people count at the province; Kim Động ended: the province."""
    assert home_unit(UNITS, "xa-b", ON) == "hy"
    assert home_unit(UNITS, "kim-dong", ON) == "hy"
    assert home_unit(UNITS, "xa-a", ON) == "xa-kim-dong"
    assert home_unit(UNITS, "so-tai-chinh", ON) is None
    assert home_unit(UNITS, "xa-b", dt.date(2025, 1, 1)) == "xa-b"


def test_a_person_whose_unit_is_not_in_the_tree_is_counted_in_the_unknown_row(by_unit) -> None:
    """p6 of "so-tai-chinh" (not in the tree) attended k3: one person, one attendance."""
    unknown = by_unit[None].evaluation
    assert unknown["nguoi"].numerator == 1
    assert unknown["luot"].numerator == 1


def test_money_spent_names_no_person_and_is_in_the_unknown_row(by_unit) -> None:
    """Payments name courses, not people: all 23 million are in the unknown row."""
    assert by_unit[None].evaluation["kinh-phi"].numerator == Decimal(23_000_000)
    assert all(g.evaluation["kinh-phi"].numerator == 0 for g in by_unit.groups if g.key)


def test_a_breakdown_by_unit_without_units_is_refused() -> None:
    with pytest.raises(BreakdownError, match="units=load_units"):
        breakdown(SCHEME, records(), AS_OF, "unit")


def test_an_unknown_attribute_is_refused_with_the_choices() -> None:
    with pytest.raises(BreakdownError, match="choose one of unit, unit_level, gender"):
        breakdown(SCHEME, records(), AS_OF, "colour")


def test_a_breakdown_by_the_level_of_the_unit() -> None:
    """p2 (merged into a commune) and p5 are in communes; the rest at the province."""
    result = breakdown(SCHEME, records(), AS_OF, "unit_level", units=UNITS, on=ON)
    persons = {g.key: g.evaluation["nguoi"].numerator for g in result.groups}
    assert persons == {"commune": 2, "department": 1, "province": 3, None: 1}


def test_the_frame_has_a_row_per_target_group_and_year(by_unit) -> None:
    frame = by_unit.to_frame("polars")
    groups = 1 + len(by_unit.groups)  # the total and each group
    assert frame.height == groups * len(SCHEME.targets) * 4  # the window and three years
    xa = frame.filter(
        (frame["group"] == "xa-kim-dong")
        & (frame["target_id"] == "luot")
        & frame["year"].is_null()
    )
    assert xa["numerator"].to_list() == [Decimal(4)]


def test_the_dict_has_stable_keys(by_unit) -> None:
    data = by_unit.to_dict()
    assert list(data) == [
        "scheme_id", "as_of", "by", "on", "total", "groups", "shares", "findings",
    ]  # fmt: skip
    assert list(data["groups"][0]) == [
        "key", "name", "level", "parent", "depth", "evaluation", "shares",
    ]  # fmt: skip
    assert data["groups"][-1]["key"] is None


_PERSON_UNITS = st.sampled_from(["p0", "p1", "o0", "o1", "o2", "n0", "n1", "n2", "x", 0, 1001])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tree=reformed_unit_trees(),
    units=st.lists(_PERSON_UNITS, min_size=1, max_size=8),
    attended=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 2)), max_size=12),
)
def test_a_parent_counts_the_distinct_persons_of_its_whole_subtree(
    tree: UnitTree, units: list[object], attended: list[tuple[int, int]]
) -> None:
    """For random trees and records: a unit's persons are its own and its children's, once.

    Persons are disjoint across siblings (one home each), so a parent's distinct persons
    are the distinct persons of the union of its subtree, and the tops plus the unknown
    row give the total.
    """
    persons = [{"id": f"q{i}", "unit": str(unit)} for i, unit in enumerate(units)]
    courses = [{"id": f"k{j}", "start": f"202{4 + j // 2}-0{1 + j}-05"} for j in range(3)]
    pairs = {(f"q{i % len(units)}", f"k{j}") for i, j in attended}
    loaded = records_from_dicts(
        persons=persons,
        courses=courses,
        attendances=[{"person": p, "course": c} for p, c in sorted(pairs)],
    )
    on = REFORM_DAY + dt.timedelta(days=200)
    result = breakdown(SCHEME, loaded, AS_OF, "unit", units=tree, on=on)
    members = {
        m.key: m.persons
        for m in members_of("unit", loaded.persons, loaded.courses, (), sorted(pairs), on=on,
                            units=tree)
    }  # fmt: skip
    attendees = {p for p, _c in pairs}
    for group in result.groups:
        own = members[group.key] or frozenset()
        assert group.evaluation["nguoi"].numerator == len(own & attendees)
        if group.key is None:
            continue
        below = set().union(*(members[c.id] or () for c in tree.children(group.key, on)))
        assert below <= own
        homes = {p.id for p in loaded.persons if home_unit(tree, p.unit, on) == group.key}
        assert own == below | homes
    tops = [g for g in result.groups if g.depth == 0]
    total = sum(g.evaluation["nguoi"].numerator for g in tops)
    assert total == result.total["nguoi"].numerator == len(attendees)


def test_people_without_a_roster_go_to_the_unknown_row_whole() -> None:
    """No persons table: every attendance counts, in the unknown row, as in the total."""
    bare = Records(courses=records().courses, attendances=records().attendances)
    result = breakdown(SCHEME, bare, AS_OF, "gender")
    assert [g.key for g in result.groups] == [None]
    assert result[None].evaluation["luot"].numerator == result.total["luot"].numerator == 11


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory):
    """The scheme, units and records of these tests as the files the command line reads."""
    folder = tmp_path_factory.mktemp("rollup")
    write_records_csv(records(), folder / "records")
    save_units(UNITS, folder / "units.toml")
    save_scheme(SCHEME, folder / "scheme.toml")
    return folder


def _progress(capsys, folder, *argv: str) -> tuple[int, str, str]:
    code = main(
        [
            "progress",
            str(folder / "scheme.toml"),
            "--records",
            str(folder / "records"),
            "--as-of",
            "2026-06-30",
            *argv,
        ]
    )
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_rolls_up_by_unit_in_json(capsys, cli_files) -> None:
    code, out, err = _progress(
        capsys, cli_files, "--by", "unit", "--units", str(cli_files / "units.toml"),
        "--on", "2026-01-01", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)["breakdown"]
    assert list(data) == ["by", "on", "groups", "shares", "findings"]
    assert (data["by"], data["on"]) == ("unit", "2026-01-01")
    assert [g["key"] for g in data["groups"]] == ["hy", "so-y-te", "xa-kim-dong", "xa-ben", None]
    xa = data["groups"][2]["targets"]["luot"]
    assert list(xa) == ["achieved", "numerator", "denominator", "yearly"]
    assert [y["cumulative"] for y in xa["yearly"]] == ["1", "2", "4"]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_command_line_shows_a_breakdown_table(capsys, cli_files, fmt, locale) -> None:
    code, out, err = _progress(
        capsys, cli_files, "--by", "gender", "--format", fmt, "--locale", locale
    )
    assert code == 0, err
    women = {"vi": "Nữ", "en": "Women"}[locale]
    assert women in out
    assert {"vi": "Chia theo giới tính", "en": "By gender"}[locale] in out


def test_the_command_line_asks_for_units_to_break_down_by_unit(capsys, cli_files) -> None:
    code, _out, err = _progress(capsys, cli_files, "--by", "unit", "--locale", "en")
    assert code != 0
    assert "--units FILE" in err
