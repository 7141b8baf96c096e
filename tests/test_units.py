"""Units of organisation: the tree, its dates, the reform of 1/7/2025 and unit files."""

from __future__ import annotations

import datetime as dt
import json
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from tests.strategies import REFORM_DAY, reformed_unit_trees

from dtbd import (
    DtbdError,
    FileFormatError,
    MissingExtraError,
    OrgUnit,
    UnitLevel,
    UnitTree,
    UnitTreeError,
    dump_units,
    load_units,
    loads_units,
    save_units,
    vietnam_units,
)
from dtbd.files._divisions import units_from_divisions

BEFORE = dt.date(2024, 6, 1)
AFTER = dt.date(2026, 1, 1)
LAST_OLD = dt.date(2025, 6, 30)


def _reform() -> UnitTree:
    """Hưng Yên and Thái Bình merged into the new Hưng Yên; a district and its communes went."""
    return UnitTree(
        [
            OrgUnit("hy-cu", "Tỉnh Hưng Yên (cũ)", "province", end=LAST_OLD, successors=["hy"]),
            OrgUnit("tb", "Tỉnh Thái Bình", "province", end=LAST_OLD, successors=["hy"]),
            OrgUnit("hy", "Tỉnh Hưng Yên", "province", start=REFORM_DAY),
            OrgUnit("so-y-te-cu", "Sở Y tế (cũ)", "department", parent="hy-cu", end=LAST_OLD,
                    successors=["so-y-te"]),
            OrgUnit("so-y-te", "Sở Y tế", "department", parent="hy", start=REFORM_DAY),
            OrgUnit("kim-dong", "UBND huyện Kim Động", "district", parent="hy-cu", end=LAST_OLD),
            OrgUnit("xa-a", "Xã A", "commune", parent="kim-dong", end=LAST_OLD,
                    successors=["xa-moi"]),
            OrgUnit("xa-b", "Xã B", "commune", parent="kim-dong", end=LAST_OLD,
                    successors=["xa-moi", "xa-ben"]),
            OrgUnit("xa-moi", "Xã Kim Động", "commune", parent="hy", start=REFORM_DAY),
            OrgUnit("xa-ben", "Xã Bến", "commune", parent="hy", start=REFORM_DAY),
        ]
    )  # fmt: skip


def _ids(units: tuple[OrgUnit, ...] | UnitTree) -> list[str | int]:
    return [unit.id for unit in units]


def test_a_merged_commune_maps_to_the_commune_that_took_it_over():
    tree = _reform()
    assert _ids(tree.map_to("xa-a", on=AFTER)) == ["xa-moi"]


def test_a_split_commune_maps_to_every_commune_that_took_a_part():
    assert _ids(_reform().map_to("xa-b", on=AFTER)) == ["xa-moi", "xa-ben"]


def test_a_unit_in_force_maps_to_itself_and_one_that_ended_without_successor_to_nothing():
    tree = _reform()
    assert _ids(tree.map_to("xa-a", on=BEFORE)) == ["xa-a"]
    assert tree.map_to("kim-dong", on=AFTER) == ()
    assert tree.map_to("xa-moi", on=BEFORE) == ()


def test_ancestors_on_a_date_are_the_structure_then():
    tree = _reform()
    assert _ids(tree.ancestors("xa-a")) == ["kim-dong", "hy-cu"]
    # the district ended without successor; the old province is in the new one
    assert _ids(tree.ancestors("xa-a", on=AFTER)) == ["hy"]
    assert _ids(tree.ancestors("xa-a", on=BEFORE)) == ["kim-dong", "hy-cu"]


def test_descendants_on_a_date_hold_only_the_units_in_force():
    tree = _reform()
    assert _ids(tree.descendants("hy-cu")) == ["so-y-te-cu", "kim-dong", "xa-a", "xa-b"]
    assert _ids(tree.descendants("hy", on=AFTER)) == ["so-y-te", "xa-moi", "xa-ben"]
    assert tree.descendants("hy-cu", on=AFTER) == ()


def test_at_a_date_is_the_structure_in_force_on_it():
    tree = _reform()
    assert _ids(tree.at(AFTER)) == ["hy", "so-y-te", "xa-moi", "xa-ben"]
    assert _ids(tree.at(BEFORE).roots()) == ["hy-cu", "tb"]
    assert _ids(tree.at(LAST_OLD)) == _ids(tree.at(BEFORE))


def test_units_take_number_codes_and_say_a_text_id_is_not_its_number():
    tree = UnitTree([OrgUnit(31, "Thành phố Hải Phòng", UnitLevel.PROVINCE)])
    assert tree[31].level is UnitLevel.PROVINCE
    with pytest.raises(KeyError, match=r"'31' is not 31"):
        tree["31"]


def test_every_mistake_in_the_units_is_reported_at_once_with_its_place():
    with pytest.raises(UnitTreeError) as caught:
        UnitTree(
            [
                OrgUnit("a", "A", parent="b"),
                OrgUnit("b", "B", parent="a"),
                OrgUnit("c", "C", parent="missing"),
                OrgUnit("a", "A again"),
                OrgUnit("d", "D", successors=["c"]),
                OrgUnit("e", "E", end="2020-12-31", successors=["f"]),
                OrgUnit("f", "F", start="2022-01-01"),
                OrgUnit("g", "G", parent="f", start="2021-01-01"),
            ]
        )
    problems = caught.value.problems
    assert isinstance(caught.value, DtbdError)
    assert len(problems) == 6, problems
    assert problems[0].startswith("units[0] (id 'a'), 'parent': the parents make a cycle")
    assert "units[2] (id 'c'), 'parent': no unit has the id 'missing'" in problems[1]
    assert "units[3] (id 'a'), 'id': the id 'a' is used twice" in problems[2]
    assert "units[4] (id 'd'), 'end': a unit with successors has ended" in problems[3]
    assert "does not exist on 2021-01-01, the day after this unit ends" in problems[4]
    assert "units[7] (id 'g'), 'parent': the parent 'f' existed 2022-01-01 to …" in problems[5]


def test_a_unit_checks_its_own_fields():
    with pytest.raises(ValueError, match=r"'end' 2020-01-01 is before its 'start'"):
        OrgUnit("a", "A", start="2021-01-01", end="2020-01-01")
    with pytest.raises(ValueError, match=r"'id' must be a unit id, a text or a whole number"):
        OrgUnit(True, "A")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"without spaces around it"):
        OrgUnit("a", "A", parent=" b")
    with pytest.raises(ValueError, match=r"unknown UnitLevel 'tinh'"):
        OrgUnit("a", "A", "tinh")


def test_a_tree_refuses_what_is_not_a_unit():
    with pytest.raises(TypeError, match=r"units\[0\] is a dict, not a dtbd.OrgUnit"):
        UnitTree([{"id": "a", "name": "A"}])  # type: ignore[list-item]


def test_succeeded_on_is_the_day_after_the_end():
    assert _reform()["xa-a"].succeeded_on == REFORM_DAY
    assert _reform()["kim-dong"].succeeded_on is None


@settings(deadline=None)  # a shared machine: no timing in tests
@given(reformed_unit_trees())
def test_the_structure_on_a_date_holds_every_unit_in_force_and_no_other(tree: UnitTree) -> None:
    for day in (BEFORE, LAST_OLD, REFORM_DAY, AFTER):
        assert set(_ids(tree.at(day))) == {u.id for u in tree if u.in_force(day)}


@settings(deadline=None)  # a shared machine: no timing in tests
@given(reformed_unit_trees())
def test_every_unit_maps_to_units_in_force_and_keeps_its_place_while_in_force(
    tree: UnitTree,
) -> None:
    for unit in tree:
        mapped = tree.map_to(unit.id, AFTER)
        assert all(u.in_force(AFTER) for u in mapped)
        assert all(a.in_force(AFTER) for a in tree.ancestors(unit.id, on=AFTER))
        if unit.in_force(AFTER):
            assert mapped == (unit,)
            assert tree.ancestors(unit.id, on=AFTER) == tree.ancestors(unit.id)
        elif unit.successors:
            assert _ids(mapped) == list(unit.successors)


@settings(deadline=None)  # a shared machine: no timing in tests
@given(reformed_unit_trees())
def test_the_roots_and_their_descendants_are_every_unit_once(tree: UnitTree) -> None:
    below = [u for root in tree.roots() for u in (root, *tree.descendants(root.id))]
    assert sorted(map(str, _ids(tuple(below)))) == sorted(map(str, _ids(tree)))


TOML = """
[[units]]
id = "hy"
name = "Tỉnh Hưng Yên"
level = "province"
start = 2025-07-01

[[units]]
id = "so-y-te"
name = "Sở Y tế"
level = "department"
parent = "hy"
start = "2025-07-01"
"""


def test_a_toml_unit_file_reads_into_a_tree():
    tree = loads_units(TOML)
    assert tree["so-y-te"].start == REFORM_DAY
    assert _ids(tree.children("hy")) == ["so-y-te"]


def test_a_json_unit_file_reads_number_codes_as_numbers():
    text = json.dumps({"units": [{"id": 33, "name": "Tỉnh Hưng Yên", "level": "province"}]})
    assert loads_units(text, "json")[33].name == "Tỉnh Hưng Yên"


def test_a_csv_unit_file_reads_successors_and_number_codes(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "id,name,level,parent,start,end,successors\n"
        "33,Tỉnh Hưng Yên,province,,2025-07-01,,\n"
        "34,Tỉnh Thái Bình,province,,,30/06/2025,33\n"
        "12345,Xã Cũ,commune,34,,30/06/2025,12346; 12347\n"
        "12346,Xã Mới,commune,33,01/07/2025,,\n"
        "12347,Xã Bên,commune,33,01/07/2025,,\n",
        encoding="utf-8",
    )
    tree = load_units(path, int_ids=True)
    assert _ids(tree.map_to(12345, on=AFTER)) == [12346, 12347]
    assert _ids(tree.ancestors(12345, on=AFTER)) == [33]
    assert load_units(path)["12345"].successors == ("12346", "12347")


def test_every_mistake_of_a_csv_unit_file_names_its_row_id_and_column(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "id,name,level,parent,end,successors\n"
        "hy,Tỉnh Hưng Yên,province,,,\n"
        "x,,communee,hy,2025-13-01,\n"
        "y,Xã Y,commune,hy,2025-06-30,z\n",
        encoding="utf-8",
    )
    with pytest.raises(UnitTreeError) as caught:
        load_units(path)
    assert caught.value.source == str(path)
    assert caught.value.problems[:3] == (
        "row 3 (id 'x'), 'name': required but missing; add it",
        (
            "row 3 (id 'x'), 'level': unknown UnitLevel 'communee'; use one of 'central', "
            "'province', 'department', 'district', 'commune', 'unit'"
        ),
        caught.value.problems[2],
    )
    assert caught.value.problems[2].startswith("row 3 (id 'x'), 'end': '2025-13-01' is not a day")
    assert caught.value.problems[3].startswith(
        "row 4 (id 'y'), 'successors': no unit has the id 'z'"
    )
    assert len(caught.value.problems) == 4


def test_a_csv_unit_file_with_unknown_or_missing_columns_says_which():
    with pytest.raises(UnitTreeError) as caught:
        loads_units("ma,ten\n1,A\n", "csv")
    assert caught.value.problems == (
        "row 1: unknown column 'ma'",
        "row 1: unknown column 'ten'",
        "row 1: the column 'id' is missing; add it",
        "row 1: the column 'name' is missing; add it",
        "row 1: the columns of a unit file are id, name, level, parent, start, end, successors",
    )


def test_a_toml_unit_file_names_the_path_of_each_mistake():
    text = TOML + '\n[[units]]\nid = "x"\nnam = "X"\nparent = 7\n\n[[units]]\nid = 1.5\n'
    with pytest.raises(UnitTreeError) as caught:
        loads_units(text, source="units.toml")
    problems = caught.value.problems
    assert problems[0].startswith("units[2] (id 'x'), 'nam': unknown field; the fields are id")
    assert problems[1] == "units[2] (id 'x'), 'name': required but missing; add it"
    assert problems[2] == "units[3], 'name': required but missing; add it"
    assert problems[3].startswith("units[3], 'id': 'id' must be a unit id")
    assert str(caught.value).startswith("units.toml: 4 problems in the units:")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("units = 3", "units: expected a list of tables, got 3"),
        ('name = "x"', "(top level): a unit file holds one list 'units' (got 'name')"),
        ("units = [3]", "units[0]: expected a table of unit fields, got int"),
        ("[[units]\n", "not valid TOML"),
    ],
)
def test_a_unit_file_of_the_wrong_shape_says_what_it_should_hold(text, problem):
    with pytest.raises(UnitTreeError) as caught:
        loads_units(text)
    assert caught.value.problems[0].startswith(problem)


def test_a_unit_file_of_an_unknown_format_is_refused(tmp_path):
    with pytest.raises(FileFormatError, match=r"name the unit file with one of \.toml"):
        load_units(tmp_path / "units.xlsx")
    with pytest.raises(FileFormatError, match=r"use 'toml', 'json', 'yaml' or 'csv'"):
        loads_units("", "xml")
    with pytest.raises(FileFormatError, match=r"use 'toml', 'json', 'yaml' or 'csv'"):
        dump_units(_reform(), "xml")
    with pytest.raises(FileFormatError, match=r"name the unit file with one of"):
        save_units(_reform(), tmp_path / "units.txt")


def test_a_unit_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes("id,name\nhy,Tỉnh Hưng Yên\n".encode("utf-16"))
    with pytest.raises(UnitTreeError, match=r"not UTF-8 text"):
        load_units(path)


# Vietnam's divisions (vietnam-provinces): records shaped as the package gives them


def _division(code: int, name: str, **fields: object) -> SimpleNamespace:
    return SimpleNamespace(code=code, name=name, **fields)


def test_divisions_become_old_units_that_end_before_the_reform_and_name_their_successors():
    new_province = _division(33, "Tỉnh Hưng Yên")
    new_wards = [
        _division(12000, "Xã Kim Động", province_code=33),
        _division(12001, "Xã Bến", province_code=33),
    ]
    old_wards = [
        _division(1234, "Xã A", district_code=77),
        _division(1235, "Xã B", district_code=77),
    ]
    tree = units_from_divisions(
        [new_province],
        new_wards,
        old_provinces=[_division(33, "Tỉnh Hưng Yên"), _division(34, "Tỉnh Thái Bình")],
        old_districts=[_division(77, "Huyện Kim Động", province_code=33)],
        old_wards=old_wards,
        province_sources={33: [_division(33, ""), _division(34, "")]},
        ward_sources={12000: old_wards, 12001: [old_wards[1]]},
    )
    assert tree["33"].start == REFORM_DAY
    assert (tree["cu-33"].end, tree["cu-077"].level) == (LAST_OLD, UnitLevel.DISTRICT)
    assert _ids(tree.map_to("cu-34", on=AFTER)) == ["33"]
    assert _ids(tree.map_to("cu-01235", on=AFTER)) == ["12000", "12001"]
    assert _ids(tree.ancestors("cu-01234")) == ["cu-077", "cu-33"]
    assert _ids(tree.ancestors("cu-01234", on=AFTER)) == ["33"]
    assert tree.map_to("cu-077", on=AFTER) == ()


def test_vietnam_units_without_the_package_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "vietnam_provinces", None)
    with pytest.raises(MissingExtraError, match=r"vietnam-provinces|dtbd\[divisions\]"):
        vietnam_units()


def test_vietnam_units_hold_the_34_provinces_after_the_reform_and_the_63_before():
    pytest.importorskip("vietnam_provinces.legacy")
    tree = vietnam_units()
    after = tree.at(AFTER)
    assert sum(u.level is UnitLevel.PROVINCE for u in after) == 34
    assert sum(u.level is UnitLevel.PROVINCE for u in tree.at(BEFORE)) == 63
    assert not any(u.level is UnitLevel.DISTRICT for u in after)
    # Bà Rịa - Vũng Tàu (77) went into Hồ Chí Minh City (79)
    assert [u.name for u in tree.map_to("cu-77", on=AFTER)] == ["Thành phố Hồ Chí Minh"]
    split = [u for u in tree if u.level is UnitLevel.COMMUNE and len(u.successors) > 1]
    assert split
    assert all(len(tree.map_to(u.id, on=AFTER)) > 1 for u in split)


@pytest.mark.parametrize("form", ["toml", "json", "yaml", "csv"])
@settings(deadline=None)  # the first example loads the file libraries
@given(tree=reformed_unit_trees())
def test_a_unit_file_written_reads_back_as_the_same_tree(form: str, tree: UnitTree) -> None:
    numbered = any(isinstance(unit.id, int) for unit in tree)
    assert loads_units(dump_units(tree, form), form, int_ids=numbered) == tree


def test_a_csv_unit_file_quotes_a_name_that_starts_like_a_formula(tmp_path):
    tree = UnitTree([OrgUnit("x", "=HYPERLINK(1)", "unit")])
    path = tmp_path / "units.csv"
    save_units(tree, path)
    assert "'=HYPERLINK(1)" in path.read_text(encoding="utf-8")
    assert load_units(path) == tree


def test_a_yaml_unit_file_reads_its_dates():
    tree = loads_units("units:\n- {id: hy, name: Tỉnh Hưng Yên, start: 2025-07-01}\n", "yaml")
    assert tree["hy"].start == REFORM_DAY
