"""A whole scheme evaluated: progress of every target and what became of every row."""

from __future__ import annotations

import pendulum

from dtbd import Figure, Period, Scheme, Scope, Target
from dtbd.records._dicts import records_from_dicts
from dtbd.results._progress import Status
from dtbd.tracking._run import evaluate

PERIOD = Period.of_years(2023, 2025)
SCHEME = Scheme(
    "hy-171",
    "Kế hoạch bồi dưỡng đến năm 2025",
    PERIOD,
    targets=(
        Target(
            "boi-duong",
            "Bồi dưỡng 10 lượt",
            Figure.parse("10 lượt"),
            scope=Scope(activity="fostering"),
            parts=(
                Target(
                    "cap-xa",
                    "Cấp xã 4 lượt",
                    Figure.parse("4 lượt"),
                    scope=Scope(activity="fostering", categories=("commune_cadre",)),
                ),
                Target(
                    "vien-chuc",
                    "Viên chức 5 lượt",
                    Figure.parse("5 lượt"),
                    scope=Scope(activity="fostering", categories=("public_employee",)),
                ),
            ),
        ),
    ),
)

RECORDS = records_from_dicts(
    persons=[
        {"id": "xa1", "category": "commune_cadre"},
        {"id": "vc1", "category": "public_employee"},
        {"id": "cc1", "category": "civil_servant"},
        {"id": "idle", "category": "civil_servant"},
    ],
    courses=[
        {"id": "k1", "start": "2024-03-04"},
        {"id": "k2", "start": "2024-04-01", "activity": "training"},
        {"id": "old", "start": "2021-05-03"},
        {"id": "late", "start": "2025-03-03"},
    ],
    attendances=[
        {"person": "xa1", "course": "k1"},
        {"person": "vc1", "course": "k1"},
        {"person": "cc1", "course": "k1"},
        {"person": "cc1", "course": "k2"},
        {"person": "vc1", "course": "old"},
        {"person": "xa1", "course": "late"},
        {"person": "xa1", "course": "nowhere"},
        {"person": "ghost", "course": "k1"},
    ],
    on_error="report",
)
AS_OF = pendulum.date(2024, 12, 31)


def test_a_total_counts_records_outside_every_part() -> None:
    """The civil servant's attendance is in neither part but counts for the total."""
    result = evaluate(SCHEME, RECORDS, AS_OF)
    assert result["boi-duong"].achieved == 3
    assert result["cap-xa"].achieved == 1
    assert result["vien-chuc"].achieved == 1
    assert result["boi-duong"].parts == ("cap-xa", "vien-chuc")


def test_targets_come_in_tree_order() -> None:
    """Parent first, then its parts depth first."""
    assert list(evaluate(SCHEME, RECORDS, AS_OF).targets) == ["boi-duong", "cap-xa", "vien-chuc"]


def test_every_attendance_row_is_accounted_for() -> None:
    """Counted 1–3; training course row 4 matches nothing; 2021 row 5 is outside; and so on."""
    summary = evaluate(SCHEME, RECORDS, AS_OF).records.attendances
    assert summary.read == 8
    assert summary.counted == 3
    assert summary.unmatched_rows == (4,)
    assert summary.outside_window_rows == (5,)
    assert summary.after_as_of_rows == (6,)
    assert [(p.row, p.field) for p in summary.problems] == [(7, "course"), (8, "person")]
    assert summary.malformed == 2
    total = summary.counted + summary.unmatched + summary.outside_windows + summary.after_as_of
    assert total + summary.malformed == summary.read


def test_persons_courses_matching_no_target_are_listed() -> None:
    """The idle civil servant attended nothing; the training course k2 counted for nothing."""
    result = evaluate(SCHEME, RECORDS, AS_OF).records
    assert result.persons.unmatched_rows == (4,)
    assert result.courses.unmatched_rows == (2,)
    assert result.courses.outside_window_rows == (3,)
    assert result.courses.after_as_of_rows == (4,)


def test_rows_refused_by_the_reader_keep_their_source_numbers() -> None:
    """A bad row 2 is reported, and row 3 (the second kept row) is still called row 3."""
    loaded = records_from_dicts(
        courses=[{"id": "k1", "start": "2024-03-04"}],
        attendances=[
            {"person": "a", "course": "k1"},
            {"person": "b", "course": "k1", "outcome": "passed"},
            {"person": "c", "course": "gone"},
        ],
        on_error="report",
    )
    summary = evaluate(SCHEME, loaded, AS_OF).records.attendances
    assert [(p.row, p.field) for p in summary.problems] == [(2, "outcome"), (3, "course")]
    assert summary.read == 3
    assert summary.malformed == 2


def test_evaluation_to_dict_has_documented_keys() -> None:
    """Targets by id, each with its status; a summary per table."""
    data = evaluate(SCHEME, RECORDS, AS_OF).to_dict()
    assert set(data) == {"scheme_id", "as_of", "targets", "records", "findings"}
    assert (
        data["targets"]["boi-duong"]["status"] == Status.OFF_TRACK.value
    )  # 1,5 a year against 7 required
    assert set(data["records"]) == {"persons", "courses", "attendances", "spending", "money"}
    assert data["records"]["attendances"]["problems"][0] == {
        "table": "attendances",
        "row": 7,
        "field": "course",
        "message": "course 'nowhere' is not in the courses",
        "duplicate_of": None,
        "code": "record.reference.unknown",
        "value": None,
        "file": None,
    }
