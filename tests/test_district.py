"""District targets and the end of the district level (30/6/2025): later records still
count, and the evaluation says how many, target by target."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dtbd import Figure, Period, Scheme, Scope, Target
from dtbd.cli._main import main
from dtbd.records._dicts import records_from_dicts
from dtbd.tracking._run import evaluate

SCHEME = Scheme(
    "huyen",
    "Kế hoạch bồi dưỡng cấp tỉnh, cấp huyện",
    Period.of_years(2024, 2026),
    targets=(
        Target(
            "tinh-huyen",
            "Cấp tỉnh, cấp huyện",
            Figure.parse("100 lượt"),
            scope=Scope(activity="fostering", levels=("province", "district")),
            parts=(
                Target(
                    "huyen",
                    "Cấp huyện",
                    Figure.parse("40 lượt"),
                    scope=Scope(levels=("district",)),
                ),
            ),
        ),
        Target("tinh", "Cấp tỉnh", Figure.parse("50 lượt"), scope=Scope(levels=("province",))),
        Target(
            "ty-le",
            "Tỷ lệ cấp huyện được bồi dưỡng",
            Figure.parse("80%"),
            scope=Scope(levels=("district",)),
        ),
    ),
)

RECORDS = records_from_dicts(
    persons=[
        {"id": "h1", "level": "district"},
        {"id": "h2", "level": "district"},
        {"id": "t1", "level": "province"},
    ],
    courses=[
        {"id": "truoc", "start": "2025-06-30", "activity": "fostering"},
        {"id": "sau", "start": "2025-07-01", "activity": "fostering"},
        {"id": "sau-nua", "start": "2026-03-02", "activity": "fostering"},
    ],
    attendances=[
        {"person": "h1", "course": "truoc"},
        {"person": "h1", "course": "sau"},
        {"person": "h2", "course": "sau"},
        {"person": "t1", "course": "sau"},
        {"person": "h2", "course": "sau-nua"},
    ],
)


def _found(evaluation):
    return {f.targets: f.computed.low for f in evaluation.findings}


def test_district_records_after_the_level_ended_count_and_are_a_finding():
    as_of = dt.date(2026, 12, 31)
    evaluation = evaluate(SCHEME, RECORDS, as_of)
    assert evaluation["tinh-huyen"].achieved == 5  # still counted, every one
    assert evaluation["huyen"].achieved == 4
    # three district attendances on courses begun after 30/6/2025, for the parent and the part
    assert _found(evaluation) == {("tinh-huyen",): 3, ("huyen",): 3}
    (finding, _) = evaluation.findings
    assert finding.code == "district-level-ended"
    assert finding.severity.value == "warning"
    assert "“tinh-huyen”" in finding.message_en
    assert "30 June 2025" in finding.message_en
    assert "30 tháng 6 năm 2025" in finding.message_vi


def test_as_of_a_date_before_the_level_ended_there_is_no_finding():
    assert evaluate(SCHEME, RECORDS, dt.date(2025, 6, 30)).findings == ()


def test_only_what_is_counted_by_the_date_is_said():
    assert _found(evaluate(SCHEME, RECORDS, dt.date(2025, 12, 31))) == {
        ("tinh-huyen",): 2,
        ("huyen",): 2,
    }


def test_targets_that_do_not_name_the_district_level_and_shares_are_not_looked_at():
    """'tinh' is province only; the share reads a roster, not dated records."""
    targets = {
        t for f in evaluate(SCHEME, RECORDS, dt.date(2026, 12, 31)).findings for t in f.targets
    }
    assert targets == {"tinh-huyen", "huyen"}


def test_a_part_inherits_the_district_level_from_its_parent():
    """A part with no levels of its own is a district target when its parent is."""
    part = Target("con", "Con", Figure.parse("10 lượt"))
    whole = Target(
        "cha", "Cha", Figure.parse("20 lượt"), scope=Scope(levels=("district",)), parts=(part,)
    )
    scheme = Scheme("s", "S", Period.of_years(2024, 2026), targets=(whole,))
    assert _found(evaluate(scheme, RECORDS, dt.date(2026, 12, 31))) == {("cha",): 3, ("con",): 3}


def test_the_findings_are_in_the_plain_dict():
    data = evaluate(SCHEME, RECORDS, dt.date(2026, 12, 31)).to_dict()
    assert [f["targets"] for f in data["findings"]] == [["tinh-huyen"], ["huyen"]]
    assert data["findings"][0]["computed"]["low"] == "3"


def test_the_frame_engine_finds_the_same():
    pl = pytest.importorskip("polars")
    from dtbd.records._frames import frames

    tables = frames(
        persons=pl.DataFrame([{"id": p.id, "level": p.level.value} for p in RECORDS.persons]),
        courses=pl.DataFrame(
            [{"id": c.id, "start": c.start, "activity": c.activity.value} for c in RECORDS.courses]
        ),
        attendances=pl.DataFrame(
            [{"person": a.person, "course": a.course} for a in RECORDS.attendances]
        ),
    )
    as_of = dt.date(2026, 12, 31)
    found = evaluate(SCHEME, tables, as_of).findings
    assert found == evaluate(SCHEME, RECORDS, as_of).findings
    assert len(found) == 2


COURSES_SCHEME = Scheme(
    "khoa",
    "Lớp cho mọi cấp",
    Period.of_years(2024, 2026),
    targets=(
        Target(
            "lop",
            "Lớp mọi cấp",
            Figure.parse("3 lớp"),
            scope=Scope(levels=("central", "province", "district", "commune")),
        ),
    ),
)


@pytest.mark.parametrize("scheme", [SCHEME, COURSES_SCHEME], ids=["attendances", "courses"])
@pytest.mark.parametrize("as_of", [dt.date(2025, 12, 31), dt.date(2026, 12, 31)])
def test_the_check_runs_with_the_scheme_and_leaves_the_records_summary_as_it_was(scheme, as_of):
    """One run serves the targets and the district check: its rows are the targets' own."""
    from dtbd.engine._run import run
    from dtbd.measures._measure import compile_scheme

    evaluation = evaluate(scheme, RECORDS, as_of)
    assert evaluation.findings
    assert evaluation.records == run(compile_scheme(scheme.resolved()), RECORDS, as_of).records


def test_dtbd_progress_prints_the_finding_and_puts_it_in_its_json(capsys, tmp_path):
    """The catalog's Hưng Yên plan on its example records as of the end of 2025."""
    out = tmp_path / "records"
    assert main(["example", "hung-yen-171-2023", "--out", str(out), "--as-of", "2025-12-31"]) == 0
    capsys.readouterr()
    argv = ["progress", "hung-yen-171-2023", "--records", str(out), "--as-of", "2025-12-31"]
    assert main([*argv, "--locale", "en"]) == 0
    assert "[district-level-ended]" in capsys.readouterr().out
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in data["findings"]] == ["district-level-ended"]
    assert data["findings"][0]["targets"] == ["boi-duong-tinh-huyen"]
