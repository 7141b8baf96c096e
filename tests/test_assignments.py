"""Targets assigned to units and years (*giao chỉ tiêu*): the data, its file and its audit."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import assignments

from dtbd import (
    Assignment,
    Figure,
    OrgUnit,
    Period,
    Scheme,
    SchemeFileError,
    Severity,
    Target,
    UnitTree,
    Window,
    audit,
    dump_scheme,
    json_schema,
    loads_scheme,
)
from dtbd.cli._main import main

FILE = """
id = "kh-2024"
title = "Kế hoạch bồi dưỡng năm 2024 - 2025"
period = {start = "2024-01-01", end = "2025-12-31"}

[[targets]]
id = "boi-duong"
label = "Bồi dưỡng cán bộ, công chức"
figure = "300 lượt"

[[targets.assigned]]
unit = "so-y-te"
figure = "120 lượt"

[[targets.assigned]]
unit = 31
figure = "180 lượt"

[[targets.assigned]]
year = 2024
figure = "100 lượt"

[[targets.assigned]]
unit = "so-y-te"
year = 2024
figure = "50 lượt"
note = "theo Kế hoạch năm 2024"
"""


def _scheme(*assigned: Assignment, figure: str = "300 lượt", per_year: bool = False) -> Scheme:
    window = Window("per_year") if per_year else Window()
    target = Target("boi-duong", "Bồi dưỡng", Figure.parse(figure), window=window,
                    assigned=assigned)  # fmt: skip
    return Scheme("kh", "Kế hoạch", Period.of_years(2024, 2025), targets=[target])


def _share(figure: str, unit: str | int | None = None, year: int | None = None) -> Assignment:
    return Assignment(Figure.parse(figure), unit=unit, year=year)


def _codes(scheme: Scheme) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in audit(scheme).findings]


def test_a_scheme_file_assigns_a_target_to_units_years_and_units_in_a_year():
    (target,) = loads_scheme(FILE).targets
    assert [a.key for a in target.assigned] == [
        ("so-y-te", None),
        (31, None),
        (None, 2024),
        ("so-y-te", 2024),
    ]
    assert target.assigned[3].note == "theo Kế hoạch năm 2024"
    assert target.assigned[1].figure == Figure.parse("180 lượt")


@pytest.mark.parametrize("form", ["toml", "json", "yaml"])
def test_assignments_come_back_from_every_file_format(form):
    scheme = loads_scheme(FILE)
    assert loads_scheme(dump_scheme(scheme, form), form) == scheme


def test_the_json_schema_describes_assignments():
    data = json.loads(dump_scheme(loads_scheme(FILE), "json"))
    jsonschema.validate(data, json_schema())
    data["targets"][0]["assigned"][0]["unti"] = "so-y-te"
    with pytest.raises(jsonschema.ValidationError, match="unti"):
        jsonschema.validate(data, json_schema())


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('year = 2024\nfigure = "100', 'year = 2027\nfigure = "100',
         "targets[0]: target 'boi-duong': assigned[2] is for 2027, outside the target's window"),
        ('figure = "180 lượt"', 'figure = "180 người"',
         "assigned[1] (unit 31) is in person but the target counts attendance"),
        ("unit = 31", 'unit = "so-y-te"',
         "assigned[1] gives unit 'so-y-te' a second share; merge the two into one"),
        ("unit = 31", "unit = true",
         "targets[0].assigned[1].unit: 'unit' must be a unit id, a text or a whole number"),
        ("unit = 31", "unti = 31", "targets[0].assigned[1]: unknown key 'unti'"),
        ("unit = 31", "", "an assignment gives a share to a 'unit', a 'year' or a unit in a"),
        ("year = 2024\nfigure", 'year = "2024"\nfigure',
         "targets[0].assigned[2].year: expected a whole number"),
    ],
)  # fmt: skip
def test_a_wrong_assignment_in_a_file_says_where_and_what_to_change(old, new, problem):
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(FILE.replace(old, new, 1))
    assert any(problem in line for line in caught.value.problems), caught.value.problems


def test_an_assignment_checks_its_own_fields():
    with pytest.raises(ValueError, match=r"'year' must be a year from 1900 to 2200"):
        Assignment(Figure.parse("5 lượt"), year=20245)
    with pytest.raises(TypeError, match=r"'figure' must be a dtbd.Figure"):
        Assignment("5 lượt", unit="a")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"is a str, not a dtbd.Assignment"):
        _scheme("a")  # type: ignore[arg-type]


def test_shares_of_units_above_the_total_are_an_error_naming_target_and_units():
    scheme = _scheme(_share("120 lượt", "so-y-te"), _share("200 lượt", "so-noi-vu"))
    (finding,) = audit(scheme).findings
    assert (finding.code, finding.severity) == ("assigned-above-total", Severity.ERROR)
    assert finding.targets == ("boi-duong",)
    assert finding.message_vi == (
        "Chỉ tiêu «Bồi dưỡng» giao cho các đơn vị (so-y-te: 120 lượt; so-noi-vu: 200 lượt) "
        "cộng lại 320 lượt, cao hơn tổng 300 lượt, vượt 20 lượt."
    )
    assert "to units (so-y-te: 120 person-times; so-noi-vu: 200 person-times)" in (
        finding.message_en
    )
    assert str(finding.difference) == "20 lượt"


def test_shares_below_the_total_are_a_warning_with_the_rest_unassigned():
    (finding,) = audit(_scheme(_share("120 lượt", "so-y-te"))).findings
    assert (finding.code, finding.severity) == ("assigned-below-total", Severity.WARNING)
    assert finding.message_vi.endswith("thấp hơn tổng 300 lượt: 180 lượt chưa được phân bổ.")


def test_shares_within_an_about_figure_are_a_note():
    scheme = _scheme(_share("320 lượt", "so-y-te"), figure="khoảng 300 lượt")
    (finding,) = audit(scheme).findings
    assert (finding.code, finding.severity) == ("assigned-above-total", Severity.INFO)
    assert "trong phạm vi sai số" in finding.message_vi


def test_shares_by_year_add_up_to_a_target_over_the_whole_window():
    scheme = _scheme(_share("100 lượt", year=2024), _share("200 lượt", year=2025))
    assert _codes(scheme) == [("assigned-match-total", "info")]
    assert "theo năm (2024: 100 lượt; 2025: 200 lượt)" in audit(scheme).findings[0].message_vi


def test_each_year_of_a_per_year_target_is_held_to_its_figure_alone():
    scheme = _scheme(_share("300 lượt", year=2024), _share("250 lượt", year=2025), per_year=True)
    assert _codes(scheme) == [
        ("assigned-match-total", "info"),
        ("assigned-below-total", "warning"),
    ]
    assert "cho năm 2025" in audit(scheme).findings[1].message_vi


def test_units_in_a_year_add_up_to_that_years_share():
    scheme = _scheme(
        _share("100 lượt", year=2024),
        _share("60 lượt", "so-y-te", 2024),
        _share("60 lượt", "so-noi-vu", 2024),
    )
    findings = audit(scheme).findings
    assert _codes(scheme) == [
        ("assigned-below-total", "warning"),
        ("assigned-above-total", "error"),
    ]
    assert findings[1].message_vi.startswith(
        "Chỉ tiêu «Bồi dưỡng» giao cho các đơn vị năm 2024 (so-y-te: 60 lượt; so-noi-vu: 60 lượt)"
        " cộng lại 120 lượt, cao hơn phần giao năm 2024 (100 lượt)"
    )


def test_units_in_a_year_of_a_per_year_target_add_up_to_its_figure():
    scheme = _scheme(_share("100 lượt", "a", 2025), _share("200 lượt", "b", 2025), per_year=True)
    assert _codes(scheme) == [("assigned-match-total", "info")]


def test_a_units_years_add_up_to_that_units_share():
    scheme = _scheme(
        _share("300 lượt", "so-y-te"),
        _share("100 lượt", "so-y-te", 2024),
        _share("150 lượt", "so-y-te", 2025),
    )
    assert _codes(scheme) == [
        ("assigned-match-total", "info"),
        ("assigned-below-total", "warning"),
    ]
    message = audit(scheme).findings[1].message_en
    assert "to so-y-te by year (2024: 100 person-times; 2025: 150 person-times)" in message
    assert "below the share of so-y-te (300 person-times): 50 person-times not allocated" in (
        message
    )


def test_shares_of_a_percentage_are_not_added_up():
    scheme = _scheme(_share("80%", "a"), _share("90%", "b"), figure="85%")
    assert _codes(scheme) == []


@settings(deadline=None)  # a shared machine: no timing in tests
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=8))
def test_shares_that_split_the_figure_exactly_match_it(numbers: list[int]) -> None:
    total = sum(numbers)
    shares = [_share(f"{n} lượt", f"don-vi-{i}") for i, n in enumerate(numbers)]
    scheme = _scheme(*shares, figure=f"{total} lượt")
    assert _codes(scheme) == [("assigned-match-total", "info")]
    more = _scheme(*shares, figure=f"{total + 1} lượt")
    assert _codes(more) == [("assigned-below-total", "warning")]


def test_units_in_a_year_alone_add_up_to_a_target_over_the_whole_window():
    scheme = _scheme(_share("100 lượt", "a", 2024), _share("150 lượt", "b", 2025))
    (finding,) = audit(scheme).findings
    assert (finding.code, finding.severity) == ("assigned-below-total", Severity.WARNING)
    assert "cho các đơn vị theo từng năm (a 2024: 100 lượt; b 2025: 150 lượt)" in (
        finding.message_vi
    )


def test_show_lists_each_share_with_its_target_unit_and_year(capsys, tmp_path):
    """`dtbd show` has a table of the assignments; its JSON is the scheme file, shares too."""
    path = tmp_path / "plan.toml"
    path.write_text(FILE, encoding="utf-8")
    assert main(["show", str(path), "--format", "markdown", "--locale", "en"]) == 0
    out = capsys.readouterr().out
    assert "Assigned to units and years:" in out
    assert "| Bồi dưỡng cán bộ, công chức | 31 | — | 180 person-times |" in out
    assert "| Bồi dưỡng cán bộ, công chức | so-y-te | 2024 | 50 person-times |" in out
    assert main(["show", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["targets"][0]["assigned"][1] == {
        "figure": {"low": "180", "high": "180", "unit": "attendance"},
        "unit": 31,
    }


def test_show_has_no_assignment_table_for_a_scheme_without_shares(capsys, tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text(FILE.split("[[targets.assigned]]", maxsplit=1)[0], encoding="utf-8")
    assert main(["show", str(path), "--locale", "en"]) == 0
    assert "Assigned to units" not in capsys.readouterr().out


def _tree() -> UnitTree:
    return UnitTree(
        [
            OrgUnit("hy", "Tỉnh Hưng Yên", "province"),
            OrgUnit("kim-dong", "UBND huyện Kim Động", "district", parent="hy", end="2025-06-30"),
            OrgUnit("xa-a", "Xã A", "commune", parent="kim-dong", end="2025-06-30",
                    successors=["xa-moi"]),
            OrgUnit("xa-moi", "Xã Kim Động", "commune", parent="hy", start="2025-07-01"),
        ]
    )  # fmt: skip


def _unit_codes(scheme: Scheme) -> list[tuple[str, str]]:
    found = audit(scheme, units=_tree()).findings
    return [(f.code, f.severity.value) for f in found if f.code.startswith("assigned-unit")]


def test_a_share_for_a_unit_the_tree_lacks_is_an_error():
    scheme = _scheme(_share("100 lượt", "so-y-tee", 2024), _share("200 lượt", "hy", 2025))
    assert _unit_codes(scheme) == [("assigned-unit-unknown", "error")]
    (finding,) = audit(scheme, units=_tree()).by_code("assigned-unit-unknown")
    assert finding.message_en == (
        "“Bồi dưỡng” is assigned to so-y-tee, which is not in the unit tree; check the unit's id."
    )


def test_a_share_for_a_unit_that_ended_within_its_year_names_the_units_that_took_over():
    scheme = _scheme(_share("100 lượt", "xa-a", 2025), _share("200 lượt", "xa-a", 2024))
    assert _unit_codes(scheme) == [("assigned-unit-not-in-force", "warning")]
    (finding,) = audit(scheme, units=_tree()).by_code("assigned-unit-not-in-force")
    assert finding.message_vi == (
        "Chỉ tiêu «Bồi dưỡng» giao cho xa-a, nhưng đơn vị này tồn tại từ … đến ngày 30 tháng 6 "
        "năm 2025, không suốt thời gian từ ngày 01 tháng 01 năm 2025 đến ngày 31 tháng 12 năm "
        "2025; đơn vị kế thừa: xa-moi."
    )


def test_a_share_without_year_is_held_to_the_targets_whole_window():
    assert _unit_codes(_scheme(_share("100 lượt", "kim-dong"))) == [
        ("assigned-unit-not-in-force", "warning")
    ]
    assert _unit_codes(_scheme(_share("100 lượt", "hy"))) == []


def test_without_a_unit_tree_the_audit_does_not_check_unit_ids():
    scheme = _scheme(_share("300 lượt", "so-y-tee"))
    assert _codes(scheme) == [("assigned-match-total", "info")]
    with pytest.raises(TypeError, match=r"audit\(units=…\) takes a dtbd.UnitTree, got list"):
        audit(scheme, units=[])  # type: ignore[arg-type]


@pytest.mark.parametrize("form", ["toml", "json", "yaml"])
@settings(deadline=None)  # the first example loads the file libraries
@given(data=st.data())
def test_any_assignments_come_back_from_a_scheme_file(form: str, data: st.DataObject) -> None:
    shares = data.draw(assignments(Figure.parse("1 lượt").unit, (2024, 2025)))
    target = Target("t", "Bồi dưỡng", Figure.parse("300 lượt"), assigned=shares)
    scheme = Scheme("kh", "Kế hoạch", Period.of_years(2024, 2025), targets=[target])
    assert loads_scheme(dump_scheme(scheme, form), form) == scheme


def test_audit_with_a_unit_file_checks_the_units_shares_go_to(capsys, tmp_path):
    """`dtbd audit FILE --units UNITS` reports a share for a unit the tree lacks."""
    scheme, units = tmp_path / "plan.toml", tmp_path / "units.csv"
    scheme.write_text(FILE, encoding="utf-8")
    units.write_text("id,name,level\nso-y-te,Sở Y tế,department\n", encoding="utf-8")
    assert main(["audit", str(scheme), "--units", str(units), "--format", "json"]) == 0
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert codes.count("assigned-unit-unknown") == 1  # 31: a number, not the text '31'
    units.write_text("id,name\nso-y-te,Sở Y tế\n31,Sở Nội vụ\n", encoding="utf-8")
    assert main(["audit", str(scheme), "--units", str(units), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    (unknown,) = (f for f in findings if f["code"] == "assigned-unit-unknown")
    assert "(the tree has '31': a number code and its text are two ids)" in unknown["message_en"]
    units.write_text("id,name,level,parent\nso-y-te,Sở Y tế,department,hy\n", encoding="utf-8")
    assert main(["audit", str(scheme), "--units", str(units), "--locale", "en"]) == 3
    assert "units.csv: 1 problem in the units" in capsys.readouterr().err
