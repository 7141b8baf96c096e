"""The Home Affairs breakdown of lượt trained (dtbd-BNV-luot): counted by hand, cell by cell."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dtbd
from dtbd import (
    Attendance,
    Course,
    OrgUnit,
    Person,
    Records,
    SubmissionRow,
    UnitTree,
    fill_form,
    form_html,
    form_markdown,
    form_xlsx,
    load_form,
)
from test_forms import _table

FORM = load_form("dtbd-BNV-luot")

UNITS = UnitTree(
    [
        OrgUnit("tinh", "UBND tỉnh Hưng Yên", "province"),
        OrgUnit("so-nv", "Sở Nội vụ", "department", parent="tinh"),
        OrgUnit("h1", "UBND huyện A", "district", parent="tinh"),
        OrgUnit("x1", "UBND xã B", "commune", parent="h1"),
        OrgUnit("h2", "UBND huyện C", "district", parent="tinh"),
        OrgUnit("x2", "UBND xã D", "commune", parent="h2"),
    ]
)


def _course(id_: str, activity: str, content: str | None, start: str, **more: object) -> Course:
    return Course(id_, start=start, activity=activity, content=content, **more)  # type: ignore[arg-type]


RECORDS = Records(
    persons=[
        Person("a", unit="so-nv", category="civil_servant", gender="female", ethnicity="Kinh"),
        Person("b", unit="so-nv", category="public_employee", gender="male", ethnicity="Tày"),
        Person("c", unit="h1", category="cadre", gender="female", ethnicity="Thái"),
        Person("d", unit="x1", category="commune_cadre", gender="male", ethnicity="Kinh"),
        Person("e", unit="x1", category="part_time_commune", gender="female"),
        Person("f", unit="so-nv"),
        Person("g", unit="h1", category="council_delegate"),
    ],
    courses=[
        _course("qlnn", "fostering", "quan-ly-nha-nuoc", "2024-03-04", location="domestic"),
        _course("tin", "fostering", "tin-hoc", "2024-05-06", location="domestic"),
        _course("ths", "training", "thac-sy", "2024-09-01", location="abroad"),
        _course("llct", "training", "trung-cap-llct", "2024-04-01", location="domestic"),
        _course("blank", "fostering", None, "2024-06-03"),
        _course("odd", "fostering", "ky-nang-mem", "2024-06-10", location="domestic"),
        # the reporting year 2024 runs from 15/12/2023 to 14/12/2024
        _course("late", "fostering", "tin-hoc", "2024-12-20", location="domestic"),
        _course("early", "fostering", "tin-hoc", "2023-12-20", location="domestic"),
    ],
    attendances=[
        Attendance("a", "qlnn"),
        Attendance("a", "tin"),
        Attendance("b", "qlnn"),
        Attendance("c", "llct"),
        Attendance("d", "tin"),
        Attendance("e", "qlnn"),
        Attendance("g", "ths"),
        Attendance("b", "early"),
        Attendance("a", "ths"),
        # not classifiable, each for its own reason
        Attendance("f", "qlnn"),
        Attendance("c", "blank"),
        Attendance("d", "odd"),
        Attendance("b", "tin", outcome="withdrawn"),
        # the next reporting year's
        Attendance("e", "late"),
    ],
)

# Every non-zero cell, counted by hand from RECORDS (lượt: a on three courses is 3).
EXPECTED = {
    "01": {1: 9, 2: 1, 3: 3, 4: 2, 5: 1, 6: 2, 7: 5, 8: 3},
    "03": {1: 5, 3: 3, 4: 2, 7: 3, 8: 2},
    "04": {1: 2, 2: 1, 6: 1, 7: 1, 8: 1},
    "05": {1: 2, 5: 1, 6: 1, 7: 1},
    "06": {1: 3, 2: 1, 3: 1, 6: 1, 7: 2, 8: 1},
    "07": {1: 2, 3: 1, 6: 1, 7: 1},
    "08": {1: 1, 2: 1, 7: 1, 8: 1},
    "09": {1: 6, 3: 2, 4: 2, 5: 1, 6: 1, 7: 3, 8: 2},
    "12": {1: 3, 3: 1, 4: 1, 6: 1, 7: 2, 8: 1},
    "15": {1: 3, 3: 1, 4: 1, 5: 1, 7: 1, 8: 1},
    "18": {1: 7, 2: 1, 3: 2, 4: 2, 5: 1, 6: 1, 7: 4, 8: 3},
    "19": {1: 2, 3: 1, 6: 1, 7: 1},
}


def _counted_rows(form: dtbd.Form) -> list[dtbd.FormRow]:
    return [r for r in form.rows if not r.caption]


@pytest.fixture(scope="module")
def filled() -> dtbd.FilledForm:
    return fill_form(FORM, RECORDS, unit="tinh", year=2024, units=UNITS)


def test_every_cell_is_the_count_of_attendances_made_by_hand(filled):
    for row in _counted_rows(FORM):
        for column in FORM.columns:
            want = EXPECTED.get(row.code, {}).get(column.number, 0)
            assert filled.cell(row.code, column.number) == want, (row.code, column.number)
    assert filled.period == dtbd.Period.reporting_year(2024)


def test_a_caption_row_has_no_numbers(filled):
    captions = [r.code for r in FORM.rows if r.caption]
    assert captions == ["cap", "noi-dung", "noi-hoc"]
    assert not set(captions) & set(filled.cells)


def test_every_attendance_is_counted_or_listed_with_its_reason(filled):
    assert filled.counted == 9
    reasons = {u.id: u.reason for u in filled.unclassified}
    assert "no staff 'category'" in reasons["f @ qlnn"]
    assert "no content" in reasons["c @ blank"]
    assert "'ky-nang-mem'" in reasons["d @ odd"]
    assert "withdrew" in reasons["b @ tin"]
    assert len(reasons) == filled.unclassified_count == 4
    vi = {u.id: u.reason_in("vi") for u in filled.unclassified}
    assert "không có nội dung bồi dưỡng" in vi["c @ blank"]


def test_a_form_file_of_the_home_affairs_conventions_is_data():
    """Lettered label columns, data columns from 1, formulas as the circulars write them."""
    assert dtbd.form_codes() == ("10-BTCTW", "dtbd-BNV-luot")
    assert FORM.label_numbers == ("A", "B", "C")
    assert [FORM.heading(c) for c in FORM.columns][:2] == ["1=(2+3+4+5+6)", "2"]
    assert FORM.year == "reporting"
    assert "không phải biểu mẫu chính thức" in FORM.note
    assert "không phải biểu mẫu ban hành" in FORM.source


@st.composite
def _records(draw: st.DrawFn) -> Records:
    units = ["so-nv", "h1", "x1", "x2", "nowhere"]
    categories = [None, "cadre", "civil_servant", "public_employee", "commune_cadre",
                  "part_time_commune", "council_delegate"]  # fmt: skip
    contents = [None, "thac-sy", "cu-nhan-llct", "ngoai-ngu", "tin-hoc", "khac"]
    persons = [
        Person(
            f"p{i}", unit=draw(st.sampled_from(units)),
            category=draw(st.sampled_from(categories)),
            gender=draw(st.sampled_from([None, "female", "male"])),
            ethnicity=draw(st.sampled_from([None, "Kinh", "Mường", "01", "05"])),
        )
        for i in range(draw(st.integers(1, 6)))
    ]  # fmt: skip
    courses = [
        Course(
            f"c{i}",
            start=dt.date(2024, draw(st.integers(1, 12)), draw(st.integers(1, 28))),
            activity=draw(st.sampled_from(["training", "fostering"])),
            content=draw(st.sampled_from(contents)),
            location=draw(st.sampled_from(["domestic", "abroad"])),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    pairs = st.tuples(st.sampled_from(persons), st.sampled_from(courses))
    chosen = draw(st.lists(pairs, max_size=14))
    return Records(persons, courses, [Attendance(p.id, c.id) for p, c in chosen])


@settings(max_examples=60, deadline=None)
@given(_records())
def test_each_split_adds_up_to_the_total_and_no_attendance_is_lost(records):
    """1 = 2+…+6, Nữ and DTTS ≤ 1; by level, by content, by location each adds up to row 01."""
    filled = fill_form(FORM, records, unit="tinh", year=2024, units=UNITS)
    for row in _counted_rows(FORM):
        cell = filled.cells[row.code]
        assert cell[1] == sum(cell[n] for n in (2, 3, 4, 5, 6))
        assert cell[7] <= cell[1]
        assert cell[8] <= cell[1]
    total = filled.cells["01"]
    for section in FORM.sections:
        leaves = [r.code for r in FORM.rows if r.leaf and r.section == section]
        for column in FORM.columns:
            parts = sum(filled.cells[code][column.number] for code in leaves)
            assert parts == total[column.number]
    in_period = [
        a for a in records.attendances
        if records.course_by_id[a.course].start in filled.period
    ]  # fmt: skip
    listed = [u for u in filled.unclassified if u.kind == "attendance"]
    assert filled.counted + len(listed) == len(in_period)
    assert total[1] == filled.counted


_BY_UNIT = {"start": "2023-12-15", "end": "2024-12-14", "activity": "fostering",
            "content": "tin-hoc", "location": "domestic"}  # fmt: skip
SUBMISSIONS = [
    SubmissionRow("h2", category="civil_servant", attendances=10, **_BY_UNIT),
    SubmissionRow("h2", category="public_employee", attendances=4, **_BY_UNIT),
    SubmissionRow("h2", gender="female", attendances=6, **_BY_UNIT),
    SubmissionRow("h2", minority=True, attendances=2, **_BY_UNIT),
    SubmissionRow("h2", attendances=14, **_BY_UNIT),
    SubmissionRow("h2", category="civil_servant", gender="female", attendances=3, **_BY_UNIT),
    SubmissionRow("x2", start="2023-12-15", end="2024-12-14", activity="training",
                  content="thac-sy", location="abroad", category="cadre", attendances=1),
    SubmissionRow("h1", category="cadre", attendances=5, **_BY_UNIT),
    SubmissionRow("h2", age_band="≤ 40", attendances=3, **_BY_UNIT),
    SubmissionRow("h2", category="civil_servant", persons=3, **_BY_UNIT),
    SubmissionRow("h2", start="2023-12-15", end="2024-12-14", activity="fostering",
                  content="tin-hoc", category="civil_servant", attendances=2),
]  # fmt: skip


def test_units_reported_rows_fill_the_columns_of_exactly_their_part():
    """A row by category to its column, 'of which women' to Nữ; a total or a mixed part listed."""
    records = Records(RECORDS.persons, RECORDS.courses, RECORDS.attendances,
                      submissions=SUBMISSIONS)  # fmt: skip
    filled = fill_form(FORM, records, unit="tinh", year=2024, units=UNITS)
    line = {1: 14, 3: 10, 4: 4, 7: 6, 8: 2}  # h2's rows 0 to 3, district, tin học, domestic
    abroad = {1: 1, 2: 1}  # x2's row 6, commune, thạc sỹ, abroad
    plus = dict.fromkeys(("04", "09", "15", "18"), line)
    plus |= dict.fromkeys(("05", "06", "07", "19"), abroad)
    plus["01"] = {n: line.get(n, 0) + abroad.get(n, 0) for n in range(1, 9)}
    for row in _counted_rows(FORM):
        for column in FORM.columns:
            want = EXPECTED.get(row.code, {}).get(column.number, 0)
            want += plus.get(row.code, {}).get(column.number, 0)
            assert filled.cell(row.code, column.number) == want, (row.code, column.number)
    assert filled.reported == 5
    reasons = {u.id: u.reason for u in filled.unclassified if u.kind == "reported"}
    assert "a total row" in reasons["submissions[4] (h2)"]
    assert "split by 'category'" in reasons["submissions[4] (h2)"]
    assert "gender female, category civil_servant" in reasons["submissions[5] (h2)"]
    assert "person-level records" in reasons["submissions[7] (h1)"]
    assert "breakdown row (age_band ≤ 40)" in reasons["submissions[8] (h2)"]
    assert "none of the counts the form reads (attendances)" in reasons["submissions[9] (h2)"]
    assert "does not say 'domestic' or 'abroad'" in reasons["submissions[10] (h2)"]
    assert len(reasons) == 6


@pytest.mark.parametrize("engine", ["polars", "pandas"])
def test_dataframes_fill_the_same_cells(filled, engine):
    tables = {
        "persons": _table(RECORDS.persons, ["id", "unit", "category", "gender", "ethnicity"]),
        "courses": _table(RECORDS.courses, ["id", "start", "activity", "content", "location"]),
        "attendances": _table(RECORDS.attendances, ["person", "course", "outcome"]),
    }
    library = pytest.importorskip(engine)
    given_ = {name: library.DataFrame(rows) for name, rows in tables.items()}
    other = fill_form(FORM, dtbd.frames(**given_), unit="tinh", year=2024, units=UNITS)
    assert other.cells == filled.cells
    assert other.unclassified == filled.unclassified
    assert other.digest == filled.digest


def test_the_xlsx_has_lettered_label_columns_row_codes_and_live_formulas(filled):
    sheet = openpyxl.load_workbook(io.BytesIO(form_xlsx(filled)))[FORM.code]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "không phải biểu mẫu chính thức" in sheet["A4"].value
    header = {sheet.cell(row=8, column=n).value for n in range(1, 12)}
    assert {"A", "B", "C", "1=(2+3+4+5+6)", "8"} <= header
    first = 9
    assert (sheet.cell(first, 2).value, sheet.cell(first, 3).value) == ("TỔNG SỐ", "01")
    assert sheet.cell(first, 4).value == "=E9+F9+G9+H9+I9"
    assert sheet.cell(first, 5).value == 1
    assert isinstance(sheet.cell(first, 10).value, int)
    caption = first + 1
    assert sheet.cell(caption, 2).value == "Chia theo cấp hành chính"
    assert sheet.cell(caption, 3).value is None
    assert sheet.cell(caption, 4).value is None
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A5:A7", "B5:B7", "C5:C7", "D5:D7", "E5:I5", "J5:K5", "E6:E7"} <= merged
    assert sheet.freeze_panes == "D9"
    assert any("Đơn vị nhận báo cáo: …………" in t for t in texts)
    assert any("Ngày nhận báo cáo: …………" in t for t in texts)


def test_the_header_fields_are_filled_from_the_arguments_given():
    filled = fill_form(FORM, RECORDS, unit="tinh", year=2024, units=UNITS,
                       recipient="Bộ Nội vụ", received="15/01/2025")  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(form_xlsx(filled)))[FORM.code]
    corner = sheet.cell(1, 9).value
    assert corner.splitlines() == [
        "Đơn vị báo cáo: UBND tỉnh Hưng Yên", "Đơn vị nhận báo cáo: Bộ Nội vụ",
        "Đvt: Lượt người",
    ]  # fmt: skip
    assert sheet["A1"].value.splitlines()[1] == "Ngày nhận báo cáo: 15/01/2025"
    assert "Đơn vị nhận báo cáo: Bộ Nội vụ" in form_markdown(filled)
    assert "Ngày nhận báo cáo: 15/01/2025" in form_html(filled)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_markdown_and_html_say_the_layout_is_not_official_and_show_the_codes(filled, locale):
    markdown = form_markdown(filled, locale)
    html = form_html(filled, locale)
    for text in (markdown, html):
        assert "không phải biểu mẫu chính thức" in text
    table = [line for line in markdown.splitlines() if line.startswith("| ")]
    head = "| STT (A) | Chỉ tiêu (B) | Mã số (C) | Tổng số lượt (1=(2+3+4+5+6))"
    assert table[0].startswith(head)
    assert table[2].split(" | ")[2:4] == ["01", "9"]
    assert '<td class="code">01</td><td class="num">9</td>' in html


def test_user_text_in_the_header_fields_cannot_run_as_a_formula_or_inject_markup():
    filled = fill_form(FORM, RECORDS, unit="tinh", year=2024, units=UNITS,
                       recipient='=HYPERLINK("x")', received="<script>")  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(form_xlsx(filled)))[FORM.code]
    assert "'=HYPERLINK" in sheet.cell(1, 9).value
    assert "<script>" not in form_html(filled)
    assert "&lt;script&gt;" in form_markdown(filled)


def test_two_runs_give_the_same_bytes(filled):
    again = fill_form(FORM, RECORDS, unit="tinh", year=2024, units=UNITS)
    assert form_xlsx(again) == form_xlsx(filled)
    assert form_html(again) == form_html(filled)


@pytest.fixture(scope="module")
def form_inputs(tmp_path_factory):
    from dtbd import save_units, write_records_csv

    folder = tmp_path_factory.mktemp("bnv")
    records = Records(RECORDS.persons, RECORDS.courses, RECORDS.attendances,
                      submissions=SUBMISSIONS)  # fmt: skip
    write_records_csv(records, folder / "records")
    save_units(UNITS, folder / "units.toml")
    return folder


def test_form_list_names_both_forms_and_says_which_is_not_official(capsys):
    from test_cli import run_json

    data = run_json(capsys, "form", "--list")
    notes = {f["code"]: f["note"] for f in data["forms"]}
    assert notes["10-BTCTW"] is None
    assert "không phải biểu mẫu chính thức" in notes["dtbd-BNV-luot"]


@pytest.mark.parametrize("suffix", [".xlsx", ".md", ".html"])
def test_the_cli_fills_the_form_from_files_with_the_library_s_numbers(capsys, form_inputs, suffix):
    from test_cli import run_json

    out = form_inputs / f"bnv{suffix}"
    data = run_json(
        capsys, "form", "dtbd-BNV-luot", "--records", str(form_inputs / "records"),
        "--units", str(form_inputs / "units.toml"), "--unit", "tinh", "--year", "2024",
        "--recipient", "Bộ Nội vụ", "--out", str(out),
    )  # fmt: skip
    records = dtbd.read_records(form_inputs / "records")
    library = fill_form(FORM, records, unit="tinh", year=2024, units=UNITS)
    assert data["cells"] == {
        row: {str(c): n for c, n in line.items()} for row, line in library.cells.items()
    }
    assert data["header"] == {"recipient": "Bộ Nội vụ"}
    assert "không phải biểu mẫu chính thức" in data["note"]
    assert len(data["unclassified"]) == library.unclassified_count == 10
    assert out.stat().st_size > 0


def test_the_cli_table_shows_the_codes_and_the_note(capsys, form_inputs):
    from test_cli import run

    code, out, err = run(
        capsys, "form", "dtbd-BNV-luot", "--records", str(form_inputs / "records"),
        "--units", str(form_inputs / "units.toml"), "--unit", "tinh", "--year", "2024",
        "--format", "markdown",
    )  # fmt: skip
    assert code == 0, err
    assert "không phải biểu mẫu chính thức" in out
    assert "| Mã số |" in out
    assert "1=(2+3+4+5+6)" in out
