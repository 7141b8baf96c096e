"""Golden audit snapshots of every catalog entry, their key numbers by hand, and a smoke test."""

from __future__ import annotations

import difflib
import importlib.util
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from dtbd import audit, catalog, check, evaluate, example_records

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
REGENERATE = "python scripts/generate_snapshots.py"


def _script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_snapshots", ROOT / "scripts" / "generate_snapshots.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _script()


def _stored(scheme_id: str) -> dict[str, Any]:
    path = SNAPSHOTS / f"{scheme_id}.audit.json"
    assert path.is_file(), f"no snapshot {path}; write it with `{REGENERATE}`"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _number(figure: dict[str, Any], end: str = "low") -> Decimal:
    return Decimal(figure[end])


def _one(data: dict[str, Any], code: str, **match: object) -> dict[str, Any]:
    found = [
        f
        for f in data["findings"]
        if f["code"] == code and all(f[key] == value for key, value in match.items())
    ]
    assert len(found) == 1, f"expected one {code} {match}, got {found}"
    return found[0]


def test_snapshots_cover_every_catalog_entry_and_nothing_else():
    """One snapshot file per catalog id: a new entry needs its snapshot written."""
    files = sorted(p.name for p in SNAPSHOTS.glob("*.audit.json"))
    assert files == sorted(f"{i}.audit.json" for i in catalog.ids())


@pytest.mark.parametrize("scheme_id", catalog.ids())
def test_audit_matches_its_golden_snapshot(scheme_id):
    """The audit of each entry is what was reviewed and committed."""
    current = GENERATE.render(GENERATE.snapshot(scheme_id))
    stored = (SNAPSHOTS / f"{scheme_id}.audit.json").read_text(encoding="utf-8")
    if current != stored:
        diff = "".join(
            difflib.unified_diff(
                stored.splitlines(keepends=True),
                current.splitlines(keepends=True),
                fromfile=f"tests/snapshots/{scheme_id}.audit.json (committed)",
                tofile=f"audit(catalog.load({scheme_id!r})) (now)",
            )
        )
        pytest.fail(
            f"the audit of {scheme_id} differs from its snapshot:\n{diff}\nIf the change "
            f"is intended, regenerate with `{REGENERATE}`, review the diff and commit it."
        )


def test_snapshot_carries_the_catalog_version():
    """A snapshot names the catalog data it was made from."""
    for scheme_id in catalog.ids():
        assert _stored(scheme_id)["catalog_version"] == catalog.version()
        assert _stored(scheme_id)["scheme"] == scheme_id


def test_hung_yen_leaves_390_attendances_unallocated():
    """37.000 lượt bồi dưỡng against 1.236 + 300 + 35.074 = 36.610: 390 lượt nobody has."""
    data = _stored("hung-yen-171-2023")
    finding = _one(data, "parts-below-total", severity="warning")
    parts = 1236 + 300 + 35074
    assert _number(finding["expected"]) == 37000
    assert _number(finding["computed"]) == parts == 36610
    assert _number(finding["difference"]) == 37000 - parts == 390
    assert finding["difference"]["unit"] == "attendance"
    assert "390 lượt" in finding["message_vi"]


def test_hung_yen_training_parts_leave_about_90_for_the_part_by_need():
    """Khoảng 2.800 against khoảng 160 + khoảng 2.550: about 90 for the part with no number."""
    data = _stored("hung-yen-171-2023")
    finding = _one(data, "parts-below-total", severity="info")
    assert _number(finding["computed"]) == 160 + 2550
    assert _number(finding["difference"]) == 2800 - 2710
    assert finding["difference"]["qualifier"] == "about"
    assert len(data["findings"]) == 3


def test_1641_capacity_is_about_180_to_204_against_about_180_to_200():
    """About 4 courses a year × about 15–17 people × 3 years (2023–2025)."""
    finding = _one(_stored("qd-1641-2022"), "capacity-range")
    assert finding["severity"] == "info"
    years = len(range(2023, 2026))
    assert (_number(finding["computed"]), _number(finding["computed"], "high")) == (
        4 * 15 * years,
        4 * 17 * years,
    )
    assert (_number(finding["expected"]), _number(finding["expected"], "high")) == (180, 200)
    assert finding["computed"]["qualifier"] == finding["expected"]["qualifier"] == "about"


def test_hanoi_2022_study_tours_add_to_more_than_87_4_against_nearly_90_billion():
    """11 + hơn 18 + 18 + 3,6 + 18,4 + hơn 18,4 = hơn 87,4 tỷ, consistent with gần 90 tỷ."""
    data = _stored("hanoi-2022-2025")
    lines = [_one(data, "budget-parts-vs-line", budget_lines=b) for b in _budget_groups(data)]
    tours = next(f for f in lines if f["expected"]["qualifier"] == "nearly")
    billion = Decimal(10) ** 9
    parts = [Decimal(n) for n in ("11", "18", "18", "3.6", "18.4", "18.4")]
    assert _number(tours["computed"]) == sum(parts) * billion == Decimal("87.4") * billion
    assert tours["computed"]["qualifier"] == "more_than"
    assert _number(tours["expected"]) == 90 * billion
    assert tours["severity"] == "info"


def test_hanoi_2022_postgraduate_is_9_6_plus_52_equals_61_6_billion():
    """Đào tạo sau đại học: 9,6 tỷ abroad + 52 tỷ at home = 61,6 tỷ, as stated."""
    data = _stored("hanoi-2022-2025")
    billion = Decimal(10) ** 9
    lines = [_one(data, "budget-parts-vs-line", budget_lines=b) for b in _budget_groups(data)]
    postgraduate = next(f for f in lines if _number(f["expected"]) == Decimal("61.6") * billion)
    assert [_number(o) for o in postgraduate["operands"]] == [
        Decimal("9.6") * billion,
        52 * billion,
    ]
    assert _number(postgraduate["computed"]) == (Decimal("9.6") + 52) * billion


def test_hanoi_2022_home_affairs_costs_about_183_3_million_a_person():
    """11 tỷ đồng for 60 people: 183.333.333 đồng each, rounded half up to the đồng."""
    data = _stored("hanoi-2022-2025")
    costs = [f for f in data["findings"] if f["code"] == "cost-per-person"]
    eleven = next(f for f in costs if f["operands"][0]["low"] == "11000000000")
    assert _number(eleven["operands"][1]) == 60
    assert _number(eleven["computed"]) == (Decimal(11 * 10**9) / 60).quantize(Decimal(1))
    assert "183,3 triệu" in eleven["message_vi"]


def test_hanoi_2016_leaders_abroad_are_84_of_400():
    """The one numbered part (84 abroad) of the 400 leaders leaves 316 without a part."""
    data = _stored("hanoi-2016-2020")
    (finding,) = [f for f in data["findings"] if f["targets"][:1] == ["lanh-dao-so-huyen"]]
    assert (_number(finding["expected"]), _number(finding["computed"])) == (400, 84)
    assert _number(finding["difference"]) == 400 - 84


def test_hcmc_shares_are_not_summed():
    """Sixteen share targets of different populations: nothing to add up."""
    assert _stored("hcmc-2021-2025")["findings"] == []


def _budget_groups(data: dict[str, Any]) -> list[list[str]]:
    return [f["budget_lines"] for f in data["findings"] if f["code"] == "budget-parts-vs-line"]


@pytest.mark.parametrize("scheme_id", catalog.ids())
def test_every_entry_loads_audits_evaluates_and_checks(scheme_id):
    """Smoke test: each entry runs through audit, example records, evaluate and check."""
    scheme = catalog.load(scheme_id)
    assert audit(scheme).scheme == scheme_id
    as_of = scheme.period.end
    records = example_records(scheme, seed=3, as_of=as_of, scale=0.1)
    evaluation = evaluate(scheme, records, as_of)
    assert set(evaluation.targets) == {t.id for t in scheme.all_targets()}
    json.dumps(evaluation.to_dict(), ensure_ascii=False)
    for violation in check(scheme.rules, records, period=scheme.period):
        assert violation.message_vi
        assert violation.message_en
