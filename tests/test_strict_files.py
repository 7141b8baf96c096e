"""Record files read strictly, by read_records and by the CLI alike (issues 11 and 13).

Every file here is made in the test (plain text, openpyxl, pyarrow): what Excel writes in
a Vietnamese office reads, and what a lenient reader would read wrong is refused with its
line, its sheet and cell, or the encodings tried.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtbd import RecordError
from dtbd.cli._main import EXIT_BAD_INPUT, EXIT_OK, main
from dtbd.records._read import read_records
from strategies import cell_texts, file_bytes, separators, text_encodings

openpyxl = pytest.importorskip("openpyxl")
parquet = pytest.importorskip("pyarrow.parquet")
pyarrow = pytest.importorskip("pyarrow")

SCHEME = "qd-1641-2022"
EXCEL_DAY = dt.datetime(2024, 3, 4)  # noqa: DTZ001 -- Excel has no time zones
EXCEL_TIME = dt.datetime(2024, 3, 4, 8, 30)  # noqa: DTZ001


def book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def rewrite_sheet(path: Path, change: Callable[[bytes], bytes]) -> Path:
    """The workbook with its first sheet's XML changed, as another program might write it."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def with_saved_results(path: Path, results: dict[str, str]) -> Path:
    """The workbook with each formula's result saved, as Excel saves it on closing."""

    def save(sheet: bytes) -> bytes:
        # openpyxl writes an empty value as <v /> with the standard library's XML writer
        # and as <v></v> with lxml (which python-docx brings): both are Excel's "no result".
        for formula, value in results.items():
            new = f"<f>{formula}</f><v>{value}</v>".encode()
            for old in (f"<f>{formula}</f><v />", f"<f>{formula}</f><v></v>"):
                sheet = sheet.replace(old.encode(), new)
        return sheet

    return rewrite_sheet(path, save)


def cli(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> tuple[int, str, str]:
    code = main(["progress", SCHEME, "--records", str(path), "--locale", "en", *options])
    out, err = capsys.readouterr()
    return code, out, err


def counted(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, ...]:
    """The persons, courses and attendances ``dtbd progress --format json`` read."""
    code, out, err = cli(capsys, path, "--format", "json")
    assert (code, err) == (EXIT_OK, "")
    records = json.loads(out)["records"]
    return tuple(records[table] for table in ("persons", "courses", "attendances"))


# What Excel writes reads


def test_semicolon_csv_as_excel_writes_it_in_a_vietnamese_locale(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_text("id;start;cost\nk1;16/03/2024;1500000\n", encoding="utf-8-sig")
    course = read_records(path).courses[0]
    assert (course.id, course.start, course.cost) == ("k1", pendulum.date(2024, 3, 16), 1500000)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_unicode_text_of_excel_utf16_with_tabs_reads(tmp_path: Path, codec: str) -> None:
    """Excel's "Unicode text": UTF-16 with its BOM, cells separated by tabs."""
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "persons.txt"
    path.write_bytes(bom + "Mã cán bộ\tHọ và tên\tGiới tính\np1\tLê Thị B\tNữ\n".encode(codec))
    person = read_records(path).persons[0]
    assert (person.id, person.name, person.gender.value) == ("p1", "Lê Thị B", "female")


def test_vietnamese_headers_and_file_names_read_without_any_option(tmp_path: Path) -> None:
    (tmp_path / "khóa học.csv").write_text(
        "STT,Mã lớp,Ngày bắt đầu,Loại hình\n1,k1,16/03/2024,Đào tạo\n", encoding="utf-8"
    )
    course = read_records(tmp_path).courses[0]
    assert (course.id, course.activity.value) == ("k1", "training")


def test_field_names_only_when_columns_is_empty(tmp_path: Path) -> None:
    (tmp_path / "courses.csv").write_text("Mã lớp,Ngày bắt đầu\nk1,2024-01-02\n")
    with pytest.raises(RecordError, match="unknown column"):
        read_records(tmp_path, columns={})


def test_a_short_row_reads_its_missing_cells_as_empty(tmp_path: Path) -> None:
    """Missing trailing cells are empty cells: kept if optional, refused if required."""
    path = tmp_path / "courses.csv"
    path.write_text("id,start,title\nk1,2024-01-02\nk2\n", encoding="utf-8")
    loaded = read_records(path, on_error="report")
    assert [c.title for c in loaded.records.courses] == [None]
    assert [(p.row, p.field) for p in loaded.problems] == [(2, "start")]


def test_empty_cells_after_the_last_column_are_read_past(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_text("id,start\nk1,2024-01-02,,\n,,,\n", encoding="utf-8")
    assert [c.id for c in read_records(path).courses] == ["k1"]


def test_workbook_dates_as_dates_or_text_and_numbers_as_typed(tmp_path: Path) -> None:
    """An Excel date or a dd/mm/yyyy text; 0.1 as Decimal('0.1'); a formula's saved result."""
    path = book(
        tmp_path / "du-lieu.xlsx",
        {
            "Khóa học": [
                ["Mã lớp", "Ngày bắt đầu", "Kinh phí"],
                ["k1", EXCEL_DAY, "=1+2"],
                ["k2", "16/03/2024", 150000000],
            ],
            "Học viên": [
                ["Mã cán bộ", "Mã lớp", "Số ngày học"],
                ["p1", "k1", 0.1],
                ["p2", "k2", 2.675],
            ],
        },
    )
    with_saved_results(path, {"1+2": "3"})
    records = read_records(path)
    assert [c.start for c in records.courses] == [
        pendulum.date(2024, 3, 4),
        pendulum.date(2024, 3, 16),
    ]
    assert [c.cost for c in records.courses] == [3, 150000000]
    assert [a.study_days for a in records.attendances] == [Decimal("0.1"), Decimal("2.675")]


def test_a_workbook_date_with_a_time_of_day_is_refused_with_its_cell(tmp_path: Path) -> None:
    """Records take days: 08:30 in a date cell is refused (docs/records.md), not cut off."""
    path = book(
        tmp_path / "du-lieu.xlsx",
        {"Khóa học": [["Mã lớp", "Ngày bắt đầu"], ["k1", EXCEL_TIME]]},
    )
    loaded = read_records(path, on_error="report")
    assert loaded.records.courses == ()
    (problem,) = loaded.problems
    assert "'Khóa học' row 2" in str(problem)
    assert "time of day" in str(problem)


def test_a_single_parquet_file_named_after_its_table(tmp_path: Path) -> None:
    path = tmp_path / "courses.parquet"
    parquet.write_table(pyarrow.table({"Mã lớp": ["k1"], "Ngày bắt đầu": ["2024-01-02"]}), path)
    assert [c.id for c in read_records(path).courses] == ["k1"]


@given(
    names=st.lists(cell_texts, min_size=1, max_size=5),
    separator=separators,
    encoding=text_encodings,
)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_written_by_a_csv_writer_reads_back(
    tmp_path: Path, names: list[str], separator: str, encoding: str
) -> None:
    """Any separator, UTF-8 with or without a BOM or UTF-16: the cells come back as written."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=separator)
    writer.writerow(["id", "name"])
    writer.writerows([f"p{i}", name] for i, name in enumerate(names))
    path = tmp_path / "persons.csv"
    path.write_bytes(stream.getvalue().encode(encoding))
    persons = read_records(path).persons
    assert [p.name for p in persons] == [name.strip() or None for name in names]


# What would be read wrong is refused, with its line


def _text(text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "courses.csv"
        path.write_text(text, encoding="utf-8")
        return path

    return make


def _bytes(data: bytes, name: str = "courses.csv") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _sheet(rows: list[list[object]]) -> Callable[[Path], Path]:
    return lambda folder: book(folder / "du-lieu.xlsx", {"courses": rows})


def _not_a_workbook(folder: Path) -> Path:
    path = folder / "du-lieu.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return path


def _broken_sheet(folder: Path) -> Path:
    path = book(folder / "du-lieu.xlsx", {"courses": [["id", "start"], ["k1", "2024-01-02"]]})
    return rewrite_sheet(path, lambda sheet: sheet[:-40])


LONG = "x" * (csv.field_size_limit() + 1)

BROKEN: dict[str, tuple[Callable[[Path], Path], int, str]] = {
    # name: (how to make the file, the problem's row, words of its message)
    "more cells than the header": (
        _text("id,start\nk1,2024-01-02\nk2,2024-01-03,extra\n"),
        2,
        "line 3 has 3 cells but the header has 2: 'extra' is under no header",
    ),
    "a blank header": (
        _text("id,,start\nk1,x,2024-01-02\n"),
        0,
        "column 2 has no header",
    ),
    "a quote never closed": (
        _text('id,start,title\nk1,2024-01-02,ok\nk2,2024-01-03,"Lớp\nk3,2024-01-04,x\n'),
        2,
        "a quote opened on line 3 is never closed",
    ),
    "a quote that swallows rows": (
        _text('id,start,title\nk1,2024-01-02,"Lớp\nk2,2024-01-03,x\nk3,2024-01-04,y"\n'),
        1,
        "a quote opened on line 2 closes on line 4",
    ),
    "text after a closing quote": (
        _text('id,start,title\nk1,2024-01-02,"Lớp" A\n'),
        1,
        "line 2: ',' expected after '\"'",
    ),
    "a cell over the limit": (
        _text(f"id,start,title\nk1,2024-01-02,ok\nk2,2024-01-03,{LONG}\n"),
        2,
        "the row on line 3 has a cell longer than",
    ),
    "two separators as often": (
        _text("id,start;title\nk1,2024-01-02;x\n"),
        0,
        "cannot tell the separator: the header line (line 1) holds 1 ',' and 1 ';'",
    ),
    "not UTF-8": (
        _bytes(b"id,start,title\nk1,2024-01-02,L\xf4p\n"),
        0,
        "byte 0xf4 on line 2 is not text in utf-8; tried UTF-8 (with or without a BOM) and UTF-16",
    ),
    "binary": (
        _bytes(b"\x00\x01\x02\x03\x89PNG\x00"),
        0,
        "line 1 holds a NUL byte: this is not a text file",
    ),
    "a workbook named .csv": (
        _bytes(b"PK\x03\x04\x14\x00\x00\x00"),
        0,
        "this is a zip file (an Excel workbook?), not text",
    ),
    "an empty file": (_bytes(b""), 0, "the file is empty"),
    "a formula without its result": (
        _sheet([["id", "start", "cost"], ["k1", "2024-01-02", "=1+2"]]),
        2,
        "cell C2: a formula whose result was never saved",
    ),
    "a value under a blank header": (
        _sheet([["id", "start", None], ["k1", "2024-01-02", "ghi chú"]]),
        2,
        "cell C2: 'ghi chú' is in a column with no header",
    ),
    "a zip that is not a workbook": (_not_a_workbook, 0, "cannot read the workbook"),
    "an empty workbook file": (_bytes(b"", "du-lieu.xlsx"), 0, "File is not a zip file"),
    "a workbook cut short": (_broken_sheet, 0, "cannot read the workbook"),
    "a corrupt Parquet file": (
        _bytes(b"PAR1 not really PAR1", "courses.parquet"),
        0,
        "as Parquet",
    ),
    "an empty Parquet file": (_bytes(b"", "courses.parquet"), 0, "as Parquet"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_read_records_refuses_with_the_row_and_the_line(tmp_path: Path, case: str) -> None:
    make, row, words = BROKEN[case]
    path = make(tmp_path)
    with pytest.raises(RecordError) as caught:
        read_records(path)
    assert [p.row for p in caught.value.problems] == [row]
    assert words in caught.value.problems[0].message
    assert "columns=" not in str(caught.value)


@pytest.mark.parametrize("case", BROKEN)
def test_cli_refuses_with_one_message_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    make, _, words = BROKEN[case]
    path = make(tmp_path)
    code, out, err = cli(capsys, path)
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert err.startswith("dtbd: error: the records in ")
    assert "Traceback" not in err
    assert f"{path}" in err
    assert words in err
    assert "columns=" not in err


def test_report_mode_keeps_the_good_rows_beside_a_broken_one(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_text("id,start\nk1,2024-01-02\nk2,2024-01-03,extra\nk3,2024-01-04\n")
    loaded = read_records(path, on_error="report")
    assert [c.id for c in loaded.records.courses] == ["k1", "k3"]
    assert [p.row for p in loaded.problems] == [2]


def test_an_explicit_encoding_is_used_and_named(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_bytes("id,start,title\nk1,2024-01-02,Lớp\n".encode("utf-16-le"))
    with pytest.raises(RecordError, match="is not text in ascii; tried 'ascii'"):
        read_records(path, encoding="ascii")
    assert read_records(path, encoding="utf-16-le").courses[0].title == "Lớp"


@given(data=file_bytes)
@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_file_makes_read_records_raise_anything_but_a_record_error(
    tmp_path: Path, data: bytes
) -> None:
    for name in ("courses.csv", "courses.parquet", "du-lieu.xlsx"):
        path = tmp_path / name
        path.write_bytes(data)
        with contextlib.suppress(RecordError):
            read_records(path, on_error="report")


# The CLI reads what read_records reads


def test_cli_reads_a_workbook_with_vietnamese_sheets_and_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = book(
        tmp_path / "du-lieu.xlsx",
        {
            "Khóa học": [["Mã lớp", "Ngày bắt đầu"], ["k1", "16/03/2024"]],
            "Học viên": [["Mã cán bộ", "Mã lớp"], ["p1", "k1"]],
            "Hướng dẫn": [["a sheet of notes"]],
        },
    )
    assert counted(capsys, path) == (0, 1, 1)


@pytest.mark.parametrize("form", ["folder", "file"])
def test_cli_reads_parquet_as_a_folder_or_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    path = tmp_path / "courses.parquet"
    parquet.write_table(pyarrow.table({"id": ["k1", "k2"], "start": ["2024-01-02"] * 2}), path)
    assert counted(capsys, tmp_path if form == "folder" else path) == (0, 2, 0)


def test_cli_reads_semicolons_and_vietnamese_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "courses.csv").write_text(
        "Mã lớp;Ngày bắt đầu;Kinh phí\nk1;16/03/2024;1000\n", encoding="utf-8-sig"
    )
    assert counted(capsys, tmp_path) == (0, 1, 0)


def test_cli_names_the_sheet_and_the_header_of_a_bad_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = book(
        tmp_path / "du-lieu.xlsx",
        {"Khóa học": [["Mã lớp", "Ngày bắt đầu"], ["k1", "31/02/2024"]]},
    )
    code, _, err = cli(capsys, path)
    assert code == EXIT_BAD_INPUT
    assert "(rows as Excel numbers them)" in err
    assert f"{path} sheet 'Khóa học' row 2, column 'Ngày bắt đầu': " in err


def test_cli_unknown_header_advises_no_python_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "courses.csv").write_text("Mã lớp,Ngày khai mạc\nk1,2024-01-02\n")
    code, _, err = cli(capsys, tmp_path)
    assert code == EXIT_BAD_INPUT
    assert f"{tmp_path / 'courses.csv'} header, field 'Ngày khai mạc': unknown column" in err
    assert "Vietnamese headers that `dtbd help records` lists" in err
    assert "columns=" not in err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_cli_reads_utf8_with_or_without_a_bom_and_utf16(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    text = "Mã cán bộ\tHọ và tên\tGiới tính\np1\tLê Thị B\tNữ\n"
    (tmp_path / "cán bộ.txt").write_bytes(text.encode(encoding))
    assert counted(capsys, tmp_path) == (1, 0, 0)


def _header_only(kind: str, folder: Path) -> Path:
    if kind == "xlsx":
        return book(folder / "du-lieu.xlsx", {"courses": [["id", "start"]]})
    path = folder / f"courses.{kind}"
    if kind == "parquet":
        empty = pyarrow.table({"id": pyarrow.array([], pyarrow.string()), "start": []})
        parquet.write_table(empty, path)
    else:
        path.write_text("id,start\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx", "parquet"])
def test_a_header_only_table_is_empty_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = _header_only(kind, tmp_path)
    assert read_records(path).courses == ()
    assert counted(capsys, path) == (0, 0, 0)


def test_blank_lines_before_the_header_are_read_past(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_text("\n\nid;start\nk1;2024-01-02\nk2;31/02/2024\n", encoding="utf-8")
    loaded = read_records(path, on_error="report")
    assert [c.id for c in loaded.records.courses] == ["k1"]
    assert [p.row for p in loaded.problems] == [2]


def test_a_sheet_that_states_too_small_a_size_loses_no_cell(tmp_path: Path) -> None:
    """Some programs write a wrong <dimension>; openpyxl's read-only mode trusts it."""
    path = book(
        tmp_path / "du-lieu.xlsx",
        {
            "courses": [
                ["id", "start", "title"],
                ["k1", "2024-01-02", "a"],
                ["k2", "2024-01-03", "b"],
            ]
        },
    )

    def shrink(sheet: bytes) -> bytes:
        assert re.search(rb'<dimension ref="A1:C3" ?/>', sheet)
        return sheet.replace(b'<dimension ref="A1:C3"', b'<dimension ref="A1:B2"')

    rewrite_sheet(path, shrink)
    assert [(c.id, c.title) for c in read_records(path).courses] == [("k1", "a"), ("k2", "b")]
