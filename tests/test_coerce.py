"""Calculators take records as objects, dicts, a mapping of tables or a folder of CSV files."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from dtbd import (
    Attendance,
    Cohort,
    Course,
    LoadedRecords,
    Person,
    Records,
    write_records_csv,
)
from dtbd.records._coerce import coerce_records


def _course() -> Course:
    return Course("lop-1", start=pendulum.date(2024, 3, 4), study_days=5)


def test_records_pass_through_unchanged() -> None:
    records = Records(courses=[_course()])
    assert coerce_records(records) is records


def test_mixed_model_objects_are_sorted_into_tables() -> None:
    cohort = Cohort.from_learners(_course(), ["p1", "p2"])
    records = coerce_records([Person("p1"), Person("p2"), cohort])
    assert isinstance(records, Records)
    assert [p.id for p in records.persons] == ["p1", "p2"]
    assert [c.id for c in records.courses] == ["lop-1"]
    assert len(records.attendances) == 2


def test_a_mapping_of_tables_of_dicts_is_read_with_row_numbers() -> None:
    loaded = coerce_records(
        {
            "courses": [{"id": "lop-1", "start": "04/03/2024", "study_days": "5"}],
            "attendances": [
                {"person": "p1", "course": "lop-1"},
                {"person": "p2", "course": "lop-1", "outcome": "graduated"},
            ],
        }
    )
    assert isinstance(loaded, LoadedRecords)
    assert len(loaded.records.attendances) == 1
    [problem] = loaded.problems
    assert (problem.table, problem.row, problem.field) == ("attendances", 2, "outcome")


def test_a_folder_of_csv_files_is_read(tmp_path: Path) -> None:
    cohort = Cohort.from_learners(_course(), ["p1"])
    write_records_csv(Records.from_cohorts([cohort], persons=[Person("p1")]), tmp_path)
    loaded = coerce_records(tmp_path)
    assert isinstance(loaded, LoadedRecords)
    assert loaded.records.attendances == (Attendance("p1", "lop-1"),)


def test_an_unknown_table_name_is_refused_with_the_table_names() -> None:
    with pytest.raises(TypeError, match="unknown record table hoc_vien; the tables are persons"):
        coerce_records({"hoc_vien": []})


def test_an_object_that_is_not_a_record_is_refused_with_its_position() -> None:
    with pytest.raises(TypeError, match="record 1 is a dict"):
        coerce_records([Person("p1"), {"id": "p2"}])


def test_a_number_is_not_records() -> None:
    with pytest.raises(TypeError, match="cannot read records from int"):
        coerce_records(42)
