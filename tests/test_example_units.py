"""The example province's units, its example shares, and `dtbd example` writing units.toml."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dtbd import (
    UnitLevel,
    audit,
    breakdown,
    catalog,
    evaluate,
    example_records,
    example_units,
    load_units,
)
from dtbd.cli._main import main
from dtbd.examples._units import example_assigned

AS_OF = dt.date(2025, 6, 30)


def test_every_unit_an_example_person_works_in_is_in_the_tree() -> None:
    scheme = catalog.load("hung-yen-171-2023")
    records = example_records(scheme, seed=3, as_of=AS_OF, scale=0.05)
    tree = example_units()
    units = {p.unit for p in records.persons}
    assert units
    assert not {u for u in units if u not in tree} - {"Bộ Nội vụ", "Bộ Tài chính"}


def test_the_districts_end_on_30_june_2025_and_their_communes_merge() -> None:
    tree = example_units()
    districts = [u for u in tree if u.level is UnitLevel.DISTRICT]
    assert len(districts) == 3
    assert {u.end for u in districts} == {dt.date(2025, 6, 30)}
    merged = tree.map_to("UBND xã An Bình", dt.date(2026, 1, 1))
    assert [u.id for u in merged] == ["UBND xã Đông Hưng"]
    assert tree.map_to("UBND xã Tân Phú", dt.date(2026, 1, 1)) == merged
    assert tree.at(dt.date(2026, 1, 1)).roots()[0].id == "UBND tỉnh"


def test_example_shares_go_to_the_departments_and_stay_within_the_target() -> None:
    scheme = catalog.load("hung-yen-171-2023")
    assert not any(t.assigned for t in scheme.all_targets())  # the catalog text is kept
    shared = example_assigned(scheme)
    (target,) = [t for t in shared.all_targets() if t.assigned]
    assert {a.unit for a in target.assigned} <= {u.id for u in example_units()}
    assert sum(a.figure.low for a in target.assigned) <= target.figure.high
    codes = {f.code for f in audit(shared, units=example_units()).findings}
    assert "assigned-unit-unknown" not in codes
    assert example_assigned(shared) is shared


def test_a_roll_up_of_the_example_gives_the_same_total_as_the_evaluation() -> None:
    scheme = example_assigned(catalog.load("hung-yen-171-2023"))
    records = example_records(scheme, seed=3, as_of=AS_OF, scale=0.05)
    result = breakdown(scheme, records, AS_OF, "unit", units=example_units())
    whole = evaluate(scheme, records, AS_OF)
    top = result["UBND tỉnh"].evaluation
    unknown = result[None].evaluation
    for target_id, p in whole.targets.items():
        assert top[target_id].numerator + unknown[target_id].numerator == p.numerator
    assert [s.unit for s in result["Sở Y tế"].shares]


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_dtbd_example_writes_the_units_beside_the_records(tmp_path, capsys, locale) -> None:
    out = tmp_path / "du-lieu"
    argv = ["example", "hung-yen-171-2023", "--out", str(out), "--scale", "0.05",
            "--format", "json", "--locale", locale]  # fmt: skip
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"]["units"]["path"] == str(out / "units.toml")
    assert load_units(out / "units.toml") == example_units()
    # the records read back and roll up by those units on the command line
    code = main(["progress", "hung-yen-171-2023", "--records", str(out), "--by", "unit",
                 "--units", str(out / "units.toml"), "--format", "json"])  # fmt: skip
    assert code == 0
    groups = json.loads(capsys.readouterr().out)["breakdown"]["groups"]
    assert groups[0]["key"] == "UBND tỉnh"
    # a second run refuses to overwrite, naming units.toml too
    assert main(argv) != 0
    assert "units.toml" in capsys.readouterr().err
