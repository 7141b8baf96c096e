"""Records in from dicts, model objects and CSV files; every bad row reported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pendulum
import pytest

from dtbd import Course, Person, RecordError, RecordProblem
from dtbd.records._dicts import TABLES, LoadedRecords, records_from_dicts
from dtbd.records._read import read_records
from dtbd.records._records import Records


def test_table_columns_are_the_model_field_names() -> None:
    """The documented columns and the model never drift apart."""
    for table in TABLES.values():
        assert tuple(table.fields) == tuple(f.name for f in attrs.fields(table.model))


def test_dicts_read_vietnamese_and_iso_dates_and_semicolon_lists() -> None:
    """16/03/2018 and 2018-03-16 are one date; "a; b" is two topics."""
    records = records_from_dicts(
        persons=[{"id": "p1", "birth_date": "01/9/1980", "tags": "planned; excellent"}],
        courses=[{"id": "k1", "start": "16/03/2018", "topics": "a;b", "cost": "1500000"}],
        attendances=[{"person": "p1", "course": "k1", "study_days": "2.5"}],
        spending=[{"id": "s1", "date": "2018-03-20", "amount": 900_000_000}],
    )
    assert records.persons[0].birth_date == pendulum.date(1980, 9, 1)
    assert records.persons[0].tags == ("planned", "excellent")
    assert records.courses[0].start == pendulum.date(2018, 3, 16)
    assert records.courses[0].topics == ("a", "b")
    assert records.attendances[0].study_days == Decimal("2.5")
    assert records.spending[0].amount == 900_000_000


def test_model_objects_pass_through_beside_dicts() -> None:
    """An iterable may mix model objects and dicts."""
    records = records_from_dicts(
        persons=[Person("p1"), {"id": "p2"}], courses=[Course("k1", start="2024-01-02")]
    )
    assert [p.id for p in records.persons] == ["p1", "p2"]


BAD = {
    "persons": [{"id": "p1", "gender": "nu"}],
    "courses": [{"id": "k1", "start": "2024-01-02"}, {"id": "k2", "start": "31/02/2024"}],
    "attendances": [{"person": "p1"}, {"person": "p1", "course": "k1"}],
    "spending": [{"id": "s1", "date": "2024-02-01", "amount": "-5"}],
}


def test_every_bad_row_is_collected_into_one_error() -> None:
    """Unknown category, impossible date, missing field, negative amount: all at once."""
    with pytest.raises(RecordError) as caught:
        records_from_dicts(**BAD)
    found = {(p.table, p.row, p.field) for p in caught.value.problems}
    assert found == {
        ("persons", 1, "gender"),
        ("courses", 2, "start"),
        ("attendances", 1, "course"),
        ("spending", 1, "amount"),
    }
    assert "negative" in str(caught.value)


def test_report_mode_returns_the_good_rows_beside_the_problems() -> None:
    """Lenient reading keeps k1 and the second attendance, with their source row numbers."""
    loaded = records_from_dicts(**BAD, on_error="report")
    assert isinstance(loaded, LoadedRecords)
    assert [c.id for c in loaded.records.courses] == ["k1"]
    assert loaded.rows["attendances"] == (2,)
    assert len(loaded.problems) == 4


def test_duplicate_ids_are_reported_on_the_later_row() -> None:
    """The second p1 is refused, naming the first row, with its code and the id."""
    loaded = records_from_dicts(persons=[{"id": "p1"}, {"id": "p1"}], on_error="report")
    assert loaded.problems == (
        RecordProblem(
            "persons",
            2,
            "id",
            "duplicate id 'p1' (first on row 1); give each row its own id",
            duplicate_of=1,
            code="record.id.duplicate",
            value="'p1'",
        ),
    )


def test_floats_are_refused_because_money_must_be_exact() -> None:
    """0.1 is not exact; write "0.1"."""
    with pytest.raises(RecordError, match="exact"):
        records_from_dicts(spending=[{"id": "s1", "date": "2024-01-01", "amount": 1.5}])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_directory_reads_every_table_present(tmp_path: Path) -> None:
    """A folder with persons.csv and attendances.csv gives those tables, others empty."""
    write(
        tmp_path / "persons.csv",
        "id,name,category,qualifications\np1,Nguyễn Thị A,civil_servant,thac-si;ly-luan\n",
    )
    write(tmp_path / "courses.csv", "id,start,end,location\nk1,06/11/2017,20/12/2017,domestic\n")
    write(tmp_path / "attendances.csv", "person,course,outcome\np1,k1,completed\n")
    records = read_records(tmp_path)
    assert isinstance(records, Records)
    assert records.persons[0].qualifications == ("thac-si", "ly-luan")
    assert records.courses[0].end == pendulum.date(2017, 12, 20)
    assert records.spending == ()


def test_csv_bad_rows_carry_their_data_row_number(tmp_path: Path) -> None:
    """Row 2 of courses.csv has an unreadable date; rows count from 1 after the header."""
    path = write(tmp_path / "courses.csv", "id,start\nk1,2024-01-02\nk2,hôm qua\nk3,\n")
    loaded = read_records([path], on_error="report")
    assert [(p.row, p.field) for p in loaded.problems] == [(2, "start"), (3, "start")]
    assert loaded.rows["courses"] == (1,)


def test_csv_unknown_header_is_reported_on_row_zero(tmp_path: Path) -> None:
    """A misspelt column fails loudly instead of being ignored."""
    path = write(tmp_path / "persons.csv", "id,gendr\np1,female\n")
    with pytest.raises(RecordError) as caught:
        read_records({"persons": path})
    assert caught.value.problems[0].row == 0
    assert caught.value.problems[0].field == "gendr"


def test_a_folder_without_record_files_is_refused(tmp_path: Path) -> None:
    """The message names the files it looked for."""
    with pytest.raises(RecordError, match=r"persons\.csv"):
        read_records(tmp_path)
