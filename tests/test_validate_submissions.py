"""Validation rules on units' reports: each rule failing with its cells, and passing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from dtbd import (
    Assignment,
    Figure,
    Period,
    Records,
    Scheme,
    Scope,
    Severity,
    SubmissionRow,
    Target,
    validate_submissions,
)


def _row(unit: str = "so-y-te", **fields: object) -> SubmissionRow:
    fields.setdefault("year", 2024)
    fields.setdefault("activity", "fostering")
    return SubmissionRow(unit, **fields)  # type: ignore[arg-type]


def _rules(*rows: SubmissionRow) -> list[str]:
    return [v.rule for v in validate_submissions(list(rows)).violations]


def test_attendances_below_persons_is_named_with_its_unit_period_and_cells():
    (violation,) = validate_submissions([_row(attendances=10, persons=12)]).violations
    assert violation.rule == "attendances-at-least-persons"
    assert violation.importance is Severity.ERROR
    assert (violation.unit, violation.start, violation.end) == (
        "so-y-te",
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert (violation.left_cells, violation.operator.value, violation.right_cells) == (
        "attendances",
        ">=",
        "persons",
    )
    assert (violation.left, violation.right, violation.rows) == (10, 12, (1,))
    assert violation.line == (("activity", "fostering"),)
    assert "so-y-te" in violation.message("vi")
    assert "số lượt = 10 phải ≥ số người = 12" in violation.message("vi")
    assert "attendances = 10 must be ≥ persons = 12" in violation.message("en")


def test_attendances_at_least_persons_passes():
    assert _rules(_row(attendances=12, persons=12)) == []


def test_a_cell_given_in_two_rows_is_named_with_both_rows():
    """Two total rows, or two "of which women" rows, of one line would be added up."""
    found = validate_submissions(
        [
            _row(attendances=100),
            _row(gender="female", attendances=40),
            _row(attendances=100),
            _row(gender="female", attendances=40),
            _row(gender="female", attendances=40),
            _row(activity="training", attendances=100),
        ]
    ).violations
    repeated = [(v.left_cells, v.left, v.rows) for v in found if v.rule == "one-row-per-cell"]
    assert repeated == [
        ("rows", Decimal(2), (1, 3)),
        ("rows [gender=female]", Decimal(3), (2, 4, 5)),
    ]
    assert "merge them" in found[0].message("en")
    assert "gộp hoặc xóa dòng thừa" in found[0].message_vi


def test_one_row_per_cell_passes_on_different_lines_periods_and_breakdowns():
    assert (
        _rules(
            _row(attendances=100),
            _row(year=2025, attendances=100),
            _row(format="online", attendances=100),
            _row(gender="female", attendances=40),
            _row(gender="male", attendances=60),
            _row("so-tc", attendances=100),
        )
        == []
    )


def test_an_of_which_above_its_total_fails_and_within_it_passes():
    total = _row(attendances=100, persons=80)
    over = _row(gender="female", attendances=95, persons=90)
    (violation,) = validate_submissions([total, over]).violations
    assert violation.rule == "part-at-most-total"
    assert violation.left_cells == "persons [gender=female]"
    assert (violation.left, violation.right, violation.rows) == (90, 80, (2, 1))
    assert _rules(total, _row(gender="female", attendances=60, persons=50)) == []
    assert _rules(total, _row(minority=True, attendances=60, persons=50)) == []


def test_an_of_which_is_held_to_its_own_lines_total_only():
    training = _row(activity="training", attendances=5, persons=5)
    women = _row(gender="female", attendances=60, persons=50)
    assert _rules(training, women) == []


def test_parts_of_every_value_must_add_up_to_the_total():
    total = _row(attendances=100)
    women, men = _row(gender="female", attendances=60), _row(gender="male", attendances=30)
    (violation,) = validate_submissions([total, women, men]).violations
    assert violation.rule == "parts-equal-total"
    assert violation.operator.value == "=="
    assert (violation.left, violation.right, violation.rows) == (90, 100, (2, 3, 1))
    assert _rules(total, women, _row(gender="male", attendances=40)) == []


def test_parts_of_some_values_must_not_exceed_the_total():
    total = _row(persons=50)
    parts = [_row(category="cadre", persons=30), _row(category="civil_servant", persons=25)]
    (violation,) = validate_submissions([total, *parts]).violations
    assert (violation.rule, violation.operator.value) == ("parts-equal-total", "<=")
    assert (violation.left, violation.right) == (55, 50)
    # some categories only, below the total: others may make up the rest
    assert _rules(total, _row(category="cadre", persons=30)) == []


def test_a_cumulative_figure_below_an_earlier_one_fails():
    half = _row("so-tc", year=None, start="2024-01-01", end="2024-06-30", attendances=40)
    year = _row("so-tc", year=None, start="2024-01-01", end="2024-12-31", attendances=35)
    (violation,) = validate_submissions([half, year]).violations
    assert violation.rule == "not-below-earlier"
    assert (violation.left, violation.right, violation.rows) == (35, 40, (2, 1))
    assert violation.left_cells == "attendances to 2024-12-31"
    after = _row("so-tc", year=None, start="2024-01-01", end="2024-12-31", attendances=41)
    assert _rules(half, after) == []
    # two years reported each on its own are not a cumulative series
    assert _rules(_row("so-tc", attendances=40), _row("so-tc", year=2025, attendances=5)) == []


def _scheme() -> Scheme:
    target = Target(
        "boi-duong",
        "Bồi dưỡng",
        Figure.parse("300 lượt"),
        scope=Scope(activity="fostering"),
        assigned=[Assignment(Figure.parse("100 lượt"), unit="so-y-te")],
    )
    return Scheme("kh", "Kế hoạch", Period.of_years(2024, 2025), targets=[target])


def test_a_units_total_above_its_assigned_share_is_a_warning():
    rows = [_row(attendances=80), _row(year=2025, attendances=40)]
    (violation,) = validate_submissions(rows, _scheme()).violations
    assert (violation.rule, violation.importance) == ("assigned", Severity.WARNING)
    assert (violation.target, violation.left, violation.right) == ("boi-duong", 120, 100)
    assert (violation.start, violation.end) == (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    assert validate_submissions(rows, _scheme()).ok  # warnings only
    assert validate_submissions(rows[:1], _scheme()).violations == ()


def test_a_share_not_reached_is_a_warning_once_its_period_is_over():
    rows = [_row(attendances=80)]
    assert validate_submissions(rows, _scheme(), as_of=dt.date(2025, 6, 30)).violations == ()
    (violation,) = validate_submissions(rows, _scheme(), as_of=dt.date(2026, 1, 1)).violations
    assert (violation.operator.value, violation.left, violation.right) == (">=", 80, 100)


def test_validation_reads_records_and_gives_json_ready_dicts():
    records = Records(submissions=[_row(attendances=1, persons=2)])
    result = validate_submissions(records)
    assert not result.ok
    data = json.loads(json.dumps(result.to_dict()))
    assert data["rows"] == 1
    assert data["ok"] is False
    (violation,) = data["violations"]
    assert violation["rule"] == "attendances-at-least-persons"
    assert (violation["left"], violation["right"], violation["operator"]) == ("1", "2", ">=")
    assert violation["start"] == "2024-01-01"


@pytest.mark.parametrize("count", ["attendances", "persons", "courses", "cost"])
def test_every_count_is_held_to_its_total(count):
    total, part = _row(**{count: 10}), _row(gender="female", **{count: Decimal(11)})
    (violation,) = validate_submissions([total, part]).violations
    assert violation.left_cells == f"{count} [gender=female]"


def test_the_command_line_lists_each_violation_and_fails_under_strict(tmp_path, capsys):
    from dtbd.cli._main import main

    (tmp_path / "báo cáo đơn vị.csv").write_text(
        "Đơn vị,Năm,Loại hình,Số lượt,Số người\nso-y-te,2024,Bồi dưỡng,100,110\n",
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["rows"], data["ok"]) == (1, False)
    assert [v["rule"] for v in data["violations"]] == ["attendances-at-least-persons"]
    assert main(["validate", str(tmp_path), "--strict", "--locale", "en"]) == 1
    out = capsys.readouterr().out
    assert "attendances = 100 must be ≥ persons = 110" in out


def test_the_example_reports_hold_the_two_planted_mistakes_and_are_reproducible():
    import attrs

    from dtbd import example_records, example_submissions
    from dtbd.catalog import load

    scheme = load("hung-yen-171-2023")
    reports = example_submissions(scheme)
    assert reports == example_submissions(scheme)
    assert reports != example_submissions(scheme, seed=1)
    rules = [(v.rule, v.unit) for v in validate_submissions(reports).violations]
    assert rules == [
        ("attendances-at-least-persons", "bao-cao-1"),
        ("part-at-most-total", "bao-cao-2"),
    ]
    every = {r.start for r in reports}
    assert all(day in scheme.period for day in every)
    persons_units = {p.unit for p in example_records(scheme).persons}
    assert not persons_units & {r.unit for r in reports}
    records = attrs.evolve(example_records(scheme), submissions=reports)
    assert len(records.submissions) == len(reports)
