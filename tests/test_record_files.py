"""Record files: Excel workbooks and Parquet files, header mapping, bad rows located."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import Gender, Outcome, RecordError, StaffCategory
from dtbd._extras import MissingExtraError
from dtbd.records._headers import cell
from dtbd.records._read import read_records
from dtbd.records._words import VIETNAMESE_HEADERS, VIETNAMESE_VALUES
from dtbd.records._workbook import SheetProblem

openpyxl = pytest.importorskip("openpyxl")


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


VIETNAMESE_BOOK = {
    "Cán bộ": [
        ["STT", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Đối tượng", "Đơn vị"],
        [1, 1001, "Nguyễn Thị Hoa", dt.date(1985, 3, 2), "Nữ", "Công chức", "Sở Nội vụ"],
        [2, 1002, "Trần Văn Nam", "16/03/1979", "Nam", "viên chức", "Sở Y tế"],
    ],
    "Khóa học": [
        ["Mã lớp", "Ngày bắt đầu", "Số ngày học", "Kinh phí"],
        ["k1", dt.date(2024, 3, 4), 5, 150000000],
    ],
    "Học viên": [
        ["Mã cán bộ", "Họ và tên", "Mã lớp", "Kết quả", "Số ngày học"],
        [1001, "Nguyễn Thị Hoa", "k1", "Hoàn thành", 4.5],
        [1002, "Trần Văn Nam", "k1", "hoàn thành", None],
    ],
    "Hướng dẫn": [["Sheet of notes, read past"]],
}


def test_workbook_with_vietnamese_sheets_headers_and_words_reads_every_table(
    tmp_path: Path,
) -> None:
    """Vietnamese sheet names, headers and words ("Nữ", "Công chức") become the fields."""
    path = workbook(tmp_path / "du-lieu.xlsx", VIETNAMESE_BOOK)
    records = read_records(path, columns=VIETNAMESE_HEADERS)
    hoa, nam = records.persons
    assert (hoa.id, hoa.name, hoa.unit) == ("1001", "Nguyễn Thị Hoa", "Sở Nội vụ")
    assert hoa.birth_date == pendulum.date(1985, 3, 2)
    assert (hoa.gender, nam.gender) == (Gender.FEMALE, Gender.MALE)
    assert (hoa.category, nam.category) == (
        StaffCategory.CIVIL_SERVANT,
        StaffCategory.PUBLIC_EMPLOYEE,
    )
    assert records.courses[0].start == pendulum.date(2024, 3, 4)
    assert records.courses[0].cost == Decimal(150_000_000)
    assert [a.person for a in records.attendances] == ["1001", "1002"]
    assert records.attendances[0].study_days == Decimal("4.5")
    assert records.attendances[1].outcome is Outcome.COMPLETED
    assert records.spending == ()


def test_workbook_bad_row_is_reported_with_its_sheet_and_excel_row(tmp_path: Path) -> None:
    """Row 3 as Excel shows it (header = row 1) of sheet 'Cán bộ', column 'Giới tính'."""
    sheets = {
        "Cán bộ": [
            ["Mã cán bộ", "Giới tính"],
            ["p1", "Nữ"],
            ["p2", "không rõ"],
            [None, None],
            ["p3", "Nam"],
        ]
    }
    path = workbook(tmp_path / "bad.xlsx", sheets)
    loaded = read_records(path, columns=VIETNAMESE_HEADERS, on_error="report")
    assert [p.id for p in loaded.records.persons] == ["p1", "p3"]
    assert loaded.rows["persons"] == (2, 5)
    (problem,) = loaded.problems
    assert isinstance(problem, SheetProblem)
    assert (problem.sheet, problem.row, problem.column, problem.field) == (
        "Cán bộ",
        3,
        "Giới tính",
        "gender",
    )
    assert str(problem).startswith("sheet 'Cán bộ' row 3, column 'Giới tính' (gender):")


def test_workbook_unknown_header_names_the_sheet_and_the_header_row(tmp_path: Path) -> None:
    """A header nobody maps stops the sheet with a problem on its header (row 1)."""
    path = workbook(tmp_path / "h.xlsx", {"persons": [["id", "Chức danh"], ["p1", "x"]]})
    with pytest.raises(RecordError) as caught:
        read_records(path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.field) == (0, "Chức danh")
    assert "sheet 'persons' header (row 1), column 'Chức danh'" in str(caught.value)


def test_workbook_without_a_table_sheet_is_refused_with_the_names(tmp_path: Path) -> None:
    """The message lists the sheet names it looks for."""
    path = workbook(tmp_path / "x.xlsx", {"Sheet1": [["id"], ["p1"]]})
    with pytest.raises(RecordError, match="khóa học"):
        read_records(path)


def test_columns_extend_the_vietnamese_table_for_every_table(tmp_path: Path) -> None:
    """A plain header → field entry applies to every table that has the field."""
    path = workbook(
        tmp_path / "e.xlsx", {"Cán bộ": [["Mã cán bộ", "Chức danh"], ["p1", "Chuyên viên"]]}
    )
    records = read_records(path, columns={**VIETNAMESE_HEADERS, "Chức danh": "position"})
    assert records.persons[0].position == "Chuyên viên"


def test_values_can_be_turned_off(tmp_path: Path) -> None:
    """values={} reads only the enum values themselves."""
    path = workbook(tmp_path / "v.xlsx", {"persons": [["id", "gender"], ["p1", "Nữ"]]})
    assert read_records(path).persons[0].gender is Gender.FEMALE
    assert "nữ" in VIETNAMESE_VALUES["gender"]
    with pytest.raises(RecordError, match="unknown Gender"):
        read_records(path, values={})


def test_mapping_to_an_unknown_field_is_refused() -> None:
    """A typo in columns= fails before any file is read."""
    with pytest.raises(ValueError, match="'ngay_sinh'"):
        read_records("nowhere.xlsx", columns={"Ngày sinh": "ngay_sinh"})


def test_csv_headers_go_through_columns_too(tmp_path: Path) -> None:
    """The same mapping renames CSV headers."""
    (tmp_path / "persons.csv").write_text(
        "Mã số,Họ và tên,Giới tính\np1,Lê Thị B,Nữ\n", encoding="utf-8"
    )
    records = read_records(tmp_path, columns=VIETNAMESE_HEADERS)
    assert (records.persons[0].name, records.persons[0].gender) == ("Lê Thị B", Gender.FEMALE)


def test_parquet_folder_reads_dates_decimals_and_lists(tmp_path: Path) -> None:
    """<table>.parquet files: typed columns come through exactly."""
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    parquet.write_table(
        pa.table(
            {
                "id": ["k1", "k2"],
                "start": [dt.date(2024, 1, 8), dt.date(2024, 2, 5)],
                "cost": pa.array([Decimal("1500000.5"), None], pa.decimal128(12, 1)),
                "topics": [["luật", "số hóa"], []],
            }
        ),
        tmp_path / "courses.parquet",
    )
    parquet.write_table(
        pa.table({"Mã cán bộ": ["p1", "p1"], "Mã lớp": ["k1", "k9"], "study_days": [2.5, 1.0]}),
        tmp_path / "attendances.parquet",
    )
    records = read_records(tmp_path, columns=VIETNAMESE_HEADERS)
    assert records.courses[0].start == pendulum.date(2024, 1, 8)
    assert records.courses[0].cost == Decimal("1500000.5")
    assert records.courses[0].topics == ("luật", "số hóa")
    assert [a.study_days for a in records.attendances] == [Decimal("2.5"), Decimal(1)]


def test_parquet_bad_row_is_numbered_from_one(tmp_path: Path) -> None:
    """Parquet rows count from 1, as CSV data rows do."""
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "spending.parquet"
    parquet.write_table(
        pa.table({"id": ["s1", "s2"], "date": ["2024-01-02", "2024-01-03"], "amount": [5, -5]}),
        path,
    )
    loaded = read_records([path], on_error="report")
    assert [(p.table, p.row, p.field) for p in loaded.problems] == [("spending", 2, "amount")]


def test_a_folder_with_both_csv_and_parquet_of_one_table_is_refused(tmp_path: Path) -> None:
    """Two files for one table would be ambiguous."""
    (tmp_path / "persons.csv").write_text("id\np1\n", encoding="utf-8")
    (tmp_path / "persons.parquet").write_bytes(b"")
    with pytest.raises(RecordError, match="keep one"):
        read_records(tmp_path)


def test_missing_excel_package_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without openpyxl the error says pip install 'dtbd[excel]'."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # None in sys.modules: ImportError
    with pytest.raises(MissingExtraError, match=r"pip install 'dtbd\[excel\]'"):
        read_records(tmp_path / "x.xlsx")


@given(
    st.decimals(
        min_value=0, max_value=Decimal("1e12"), places=3, allow_nan=False, allow_infinity=False
    )
)
def test_a_spreadsheet_number_reads_back_as_the_decimal_typed(typed: Decimal) -> None:
    """Up to 15 significant digits, the float Excel stores reads back as the number typed."""
    read = cell("spending", "amount", float(typed), VIETNAMESE_VALUES)
    assert read == typed


def test_a_number_in_a_text_column_reads_as_its_digits() -> None:
    """An id typed as 1001 (or stored as 1001.0) is the text '1001'."""
    assert cell("persons", "id", 1001, VIETNAMESE_VALUES) == "1001"
    assert cell("persons", "id", 1001.0, VIETNAMESE_VALUES) == "1001"
