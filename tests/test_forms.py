"""Biểu số 10-BTCTW: the form as data, filled from records, written as .xlsx, Markdown, HTML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dtbd
from dtbd import (
    Attendance,
    Course,
    FormFileError,
    FormFillError,
    OrgUnit,
    Period,
    Person,
    Records,
    SubmissionRow,
    UnitTree,
    fill_form,
    form_html,
    form_markdown,
    form_xlsx,
    load_form,
    read_form,
)
from html_table import tables

FORM = load_form("10-BTCTW")

UNITS = UnitTree(
    [
        OrgUnit("hy", "Tỉnh ủy Hưng Yên", "province"),
        OrgUnit("so-nv", "Sở Nội vụ", "department", parent="hy"),
        OrgUnit("h1", "Huyện ủy A", "district", parent="hy"),
        OrgUnit("x1", "Đảng ủy xã B", "commune", parent="h1"),
        OrgUnit("other", "Tỉnh ủy khác", "province"),
    ]
)


def _course(id_: str, content: str | None, activity: str = "fostering", **more: object) -> Course:
    return Course(id_, start=more.pop("start", "2024-03-04"), content=content,
                  activity=activity, **more)  # type: ignore[arg-type]  # fmt: skip


RECORDS = Records(
    persons=[
        Person("a", unit="so-nv", tags=["leader"]),
        Person("b", unit="hy"),
        Person("c", unit="h1", tags=["leader", "qp-an-2"]),
        Person("d", unit="x1", tags=["qp-an-4"]),
        Person("e", unit="nowhere"),
        Person("f", unit="other"),
        Person("g", unit="h1", level="district"),
    ],
    courses=[
        _course("ths-nn", "thac-sy", "training", location="abroad", lead="hy"),
        _course("ths-nn2", "thac-sy", "training", location="abroad", lead="hy"),
        _course("ths-lk", "thac-sy", "training", topics=["lien-ket"], lead="hy"),
        _course("cc-tt", "cao-cap-llct", "training", format="full_time", lead="hy"),
        _course("cc-nofmt", "cao-cap-llct", "training", lead="hy"),
        _course("tc-ktt", "trung-cap-llct", "training", format="part_time", lead="h1"),
        _course("qlnn", "quan-ly-nha-nuoc", lead="h1"),
        _course("qpan", "quoc-phong-an-ninh", lead="hy"),
        _course("tin-hoc", "tin-hoc", lead="x1"),
        _course("blank", None, lead="hy"),
        _course("llct-x", None, "training", lead="hy"),
        _course("old", "thac-sy", "training", start="2023-05-02", lead="hy"),
    ],
    attendances=[
        Attendance("a", "ths-nn"),
        Attendance("a", "ths-nn2"),
        Attendance("b", "ths-lk"),
        Attendance("c", "cc-tt"),
        Attendance("g", "tc-ktt"),
        Attendance("d", "tc-ktt"),
        Attendance("a", "qlnn"),
        Attendance("b", "qlnn"),
        Attendance("c", "qpan"),
        Attendance("d", "qpan"),
        Attendance("a", "tin-hoc"),
        # not classifiable, each for its own reason
        Attendance("b", "qpan"),
        Attendance("b", "blank"),
        Attendance("c", "llct-x"),
        Attendance("e", "qlnn"),
        Attendance("d", "qlnn", outcome="withdrawn"),
        Attendance("b", "ghost"),
        Attendance("c", "cc-nofmt"),
        # not this report's: another province, another year
        Attendance("f", "qlnn"),
        Attendance("a", "old"),
    ],
)

# Every non-zero cell, counted by hand from RECORDS: row → {column: count}.
EXPECTED = {
    "I": {3: 5, 4: 2, 5: 1, 6: 2, 7: 1, 8: 1, 9: 5, 10: 4, 11: 1},
    "I.1": {3: 2, 4: 2, 5: 1, 9: 3, 10: 3},
    "I.1.thac-sy": {3: 2, 4: 2, 5: 1, 9: 3, 10: 3},
    "I.1.thac-sy.ngoai-nuoc": {3: 1, 4: 1, 5: 1, 9: 2, 10: 2},
    "I.1.thac-sy.lien-ket": {3: 1, 4: 1, 9: 1, 10: 1},
    "I.2": {3: 3, 6: 2, 7: 1, 8: 1, 9: 2, 10: 1, 11: 1},
    "I.2.trung-cap-llct": {3: 2, 6: 1, 8: 1, 9: 1, 11: 1},
    "I.2.trung-cap-llct.khong-tap-trung": {3: 2, 6: 1, 8: 1, 9: 1, 11: 1},
    "I.2.cao-cap-llct": {3: 1, 6: 1, 7: 1, 9: 1, 10: 1},
    "I.2.cao-cap-llct.tap-trung": {3: 1, 6: 1, 7: 1, 9: 1, 10: 1},
    "II": {3: 4, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1, 9: 2, 10: 1, 11: 1},
    "II.3": {3: 2, 4: 2, 5: 1, 9: 1, 11: 1},
    "II.3.trong-nuoc": {3: 2, 4: 2, 5: 1, 9: 1, 11: 1},
    "II.6": {3: 1, 4: 1, 5: 1},
    "II.8": {3: 2, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1},
    "II.8.doi-tuong-2": {3: 1, 6: 1, 7: 1, 9: 1, 10: 1},
    "II.8.doi-tuong-4": {3: 1, 8: 1, 9: 1, 10: 1},
}


@pytest.fixture(scope="module")
def filled() -> dtbd.FilledForm:
    return fill_form(FORM, RECORDS, unit="hy", year=2024, units=UNITS)


def test_every_cell_is_the_count_made_by_hand(filled):
    """Each of the 43 × 9 cells equals the hand count; every cell not listed is 0."""
    for row in FORM.rows:
        for column in FORM.columns:
            want = EXPECTED.get(row.code, {}).get(column.number, 0)
            assert filled.cell(row.code, column.number) == want, (row.code, column.number)


def test_every_record_is_counted_once_or_listed_with_its_reason(filled):
    """11 attendances counted; the planted ones listed, each with the reason; none dropped."""
    assert filled.counted == 11
    reasons = {u.id: u.reason for u in filled.unclassified}
    assert "Quốc phòng - An ninh" in reasons["b @ qpan"]
    assert "no content" in reasons["b @ blank"]
    assert "no qualification level" in reasons["c @ llct-x"]
    assert "not in the tree" in reasons["e @ qlnn"]
    assert "withdrew" in reasons["d @ qlnn"]
    assert "'ghost' is not in the records" in reasons["b @ ghost"]
    assert "format not given" in reasons["c @ cc-nofmt"]
    assert "commune" in reasons["tin-hoc"]
    for course in ("blank", "llct-x", "cc-nofmt"):  # no learner counted: no class either
        assert "none of its learners is counted" in reasons[course]
    assert filled.unclassified_count == len(reasons) == 11


def test_records_of_other_units_and_years_are_not_this_report(filled):
    ids = {u.id for u in filled.unclassified}
    assert "f @ qlnn" not in ids
    assert "a @ old" not in ids
    other = fill_form(FORM, RECORDS, unit="other", year=2024, units=UNITS)
    assert other.cell("II.3.trong-nuoc", 4) == 1
    assert other.cell("II", 3) == 1


def test_a_district_report_counts_its_own_units_only():
    district = fill_form(FORM, RECORDS, unit="h1", year=2024, units=UNITS)
    assert district.cell("I.2", 3) == 3  # c, g and d of the commune under it
    assert district.cell("I.1", 3) == 0
    assert district.unit_name == "Huyện ủy A"


def test_without_a_unit_tree_a_person_needs_a_level():
    records = Records(
        persons=[Person("p", level="commune"), Person("q")],
        courses=[_course("th", "tin-hoc")],
        attendances=[Attendance("p", "th"), Attendance("q", "th")],
    )
    filled = fill_form(FORM, records, unit="xa", year=2024)
    assert filled.cell("II.6", 8) == 1
    assert [u.id for u in filled.unclassified] == ["q @ th", "th"]
    assert "no 'level'" in filled.unclassified[0].reason


def test_a_period_other_than_a_year_is_stated_in_the_title():
    half = Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    filled = fill_form(FORM, RECORDS, unit="hy", period=half, units=UNITS)
    assert "TỪ NGÀY 01/01/2024 ĐẾN NGÀY 30/06/2024" in form_markdown(filled)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"unit": "hy"}, "'year' or its 'period'"),
        ({"unit": "hy", "year": 2024, "period": Period.of_years(2024)}, "one of the two"),
        ({"unit": "nowhere", "year": 2024}, "not in the unit tree"),
    ],
)
def test_a_form_that_cannot_be_filled_says_why(kwargs, message):
    with pytest.raises(FormFillError, match=message) as caught:
        fill_form(FORM, RECORDS, units=UNITS, **kwargs)
    assert isinstance(caught.value, ValueError)


def test_a_form_file_with_mistakes_names_the_file_and_each_place(tmp_path: Path):
    text = (Path(dtbd.forms.__file__).parent / "data" / "10-btctw.toml").read_text("utf-8")
    text = text.replace('code = "I.1"\n', 'code = "I"\n').replace("count_unit", "count_units")
    text = text.replace('activity = "fostering"', 'activity = "fostring"', 1)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormFileError) as caught:
        read_form(path)
    message = str(caught.value)
    assert str(path) in message
    assert "count_units" in message
    assert "did you mean 'count_unit'" in message
    assert "rows[" in message
    assert "fostring" in message
    text = text.replace("count_units", "count_unit").replace("fostring", "fostering")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormFileError, match=r"rows\[1\]\.code: the code 'I' is used twice"):
        read_form(path)


def test_the_packaged_form_is_found_by_code_and_date():
    """No date of issue is recorded for 10-BTCTW: it is in force on any date, not guessed."""
    assert "10-BTCTW" in dtbd.form_codes()
    assert FORM.valid_from is None
    assert FORM.valid_until is None
    assert dtbd.form_for("10-btctw", dt.date(2025, 1, 1)) is FORM
    with pytest.raises(KeyError, match="the forms are 10-BTCTW, dtbd-BNV-luot"):
        load_form("99-XYZ")


def test_a_form_is_filled_only_for_a_period_it_is_in_force():
    revised = attrs.evolve(FORM, valid_from=dt.date(2026, 1, 1))
    assert not revised.in_force(dt.date(2025, 12, 31))
    with pytest.raises(FormFillError, match="valid from 2026-01-01, not for 2025-01-01"):
        fill_form(revised, RECORDS, unit="hy", year=2025, units=UNITS)
    ended = attrs.evolve(FORM, valid_until=dt.date(2023, 12, 31))
    with pytest.raises(FormFillError, match=r"valid from … to 2023-12-31"):
        fill_form(ended, RECORDS, unit="hy", year=2024, units=UNITS)


def test_every_section_leaf_has_a_classifier_that_no_other_leaf_shares():
    """The leaves of a section split it: no two have the same match."""
    for section in FORM.sections:
        leaves = [r.match for r in FORM.rows if r.leaf and r.section == section]
        assert len(leaves) == len(set(leaves)), section


@st.composite
def _records(draw: st.DrawFn) -> Records:
    units = ["hy", "so-nv", "h1", "x1", "nowhere"]
    contents = [None, "dai-hoc", "thac-sy", "cao-cap-llct", "ngoai-ngu", "quoc-phong-an-ninh"]
    tags = ["leader", "qp-an-1", "qp-an-3", "lien-ket"]
    persons = [
        Person(f"p{i}", unit=draw(st.sampled_from(units)),
               tags=draw(st.lists(st.sampled_from(tags), max_size=2, unique=True)))
        for i in range(draw(st.integers(1, 6)))
    ]  # fmt: skip
    courses = [
        Course(
            f"c{i}",
            start=dt.date(2024, draw(st.integers(1, 12)), 1),
            activity=draw(st.sampled_from(["training", "fostering"])),
            content=draw(st.sampled_from(contents)),
            location=draw(st.sampled_from(["domestic", "abroad"])),
            format=draw(st.sampled_from([None, "full_time", "online"])),
            topics=draw(st.lists(st.sampled_from(tags), max_size=1)),
            lead=draw(st.sampled_from([None, "hy", "h1", "x1"])),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    pairs = st.tuples(st.sampled_from(persons), st.sampled_from(courses))
    chosen = draw(st.lists(pairs, max_size=12))
    return Records(persons, courses, [Attendance(p.id, c.id) for p, c in chosen])


@settings(max_examples=60, deadline=None)
@given(_records())
def test_formulas_and_subsets_hold_and_no_attendance_is_lost(records):
    """3 = 4 + 6 + 8, 9 = 10 + 11, 'trong đó' ≤ its column; counted + listed = all."""
    filled = fill_form(FORM, records, unit="hy", year=2024, units=UNITS)
    for row in FORM.rows:
        cell = filled.cells[row.code]
        assert cell[3] == cell[4] + cell[6] + cell[8]
        assert cell[9] == cell[10] + cell[11]
        assert cell[5] <= cell[4]
        assert cell[7] <= cell[6]
    listed = [u for u in filled.unclassified if u.kind == "attendance"]
    assert filled.counted + len(listed) == len(records.attendances)


def _sheet(filled: dtbd.FilledForm) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(form_xlsx(filled)))[FORM.code]


def test_the_xlsx_has_the_layouts_merged_header_and_live_formulas(filled):
    sheet = _sheet(filled)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A4:A6", "B4:B6", "C4:H4", "I4:K4", "C5:C6", "D5:E5", "F5:G5", "H5:H6"} <= merged
    assert "A10:A21" in merged  # "chia ra" over the twelve rows of đào tạo chuyên môn
    assert [sheet.cell(7, c).value for c in (1, 3, 9)] == ["1", "3=4+6+8", "9=10+11"]
    first = 8
    for offset, row in enumerate(FORM.rows):
        at = first + offset
        assert sheet.cell(at, 2).value == row.label
        assert sheet.cell(at, 3).value == f"=D{at}+F{at}+H{at}"
        assert sheet.cell(at, 9).value == f"=J{at}+K{at}"
        for column in FORM.columns:
            if column.sum:
                continue
            value = sheet.cell(at, column.number).value
            assert type(value) is int
            assert value == filled.cell(row.code, column.number)
    assert sheet.freeze_panes == "C8"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)  # 9 is A4
    assert sheet.print_area.startswith("'10-BTCTW'!$A$1:$K$")


def test_html_and_markdown_show_the_numbers_of_the_filled_form(filled):
    table = tables(form_html(filled))[0]
    body = table[4:]
    markdown = [line for line in form_markdown(filled).splitlines() if line.startswith("| ")]
    md_body = [line.split(" | ")[-9:] for line in markdown[2 : 2 + len(FORM.rows)]]
    for row, cells, md in zip(FORM.rows, body, md_body, strict=True):
        want = [str(filled.cell(row.code, c.number)) for c in FORM.columns]
        assert cells[-9:] == want
        assert [m.strip(" |") for m in md] == want


def test_user_text_cannot_run_as_a_formula_or_inject_markup():
    units = UnitTree([OrgUnit("u", '=HYPERLINK("http://x")<script>', "province")])
    filled = fill_form(FORM, Records(), unit="u", year=2024, units=units)
    assert _sheet(filled).cell(1, 1).value.startswith("'=HYPERLINK")
    assert "<script>" not in form_html(filled)
    assert "&lt;script&gt;" in form_markdown(filled)


def test_two_runs_give_the_same_bytes_dated_from_the_period(filled):
    again = fill_form(FORM, RECORDS, unit="hy", year=2024, units=UNITS)
    first, second = form_xlsx(filled), form_xlsx(again)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2025-01-01T00:00:00Z" in core
    assert form_html(filled) == form_html(again)
    assert form_markdown(filled) == form_markdown(again)


def test_each_output_states_versions_period_and_the_digest_of_the_inputs(filled):
    for text in (form_markdown(filled), form_html(filled, "en")):
        assert f"dtbd {dtbd.__version__}" in text
        assert dtbd.catalog.version() in text
        assert "2024-01-01 – 2024-12-31" in text
        assert filled.digest in text
    changed = Records(
        persons=RECORDS.persons,
        courses=RECORDS.courses,
        attendances=(*RECORDS.attendances[:-3], Attendance("c", "cc-nofmt", study_days=2),
                     *RECORDS.attendances[-2:]),
    )  # fmt: skip
    other = fill_form(FORM, changed, unit="hy", year=2024, units=UNITS)
    assert other.digest != filled.digest
    shuffled = Records(RECORDS.persons[::-1], RECORDS.courses[::-1], RECORDS.attendances[::-1])
    assert fill_form(FORM, shuffled, unit="hy", year=2024, units=UNITS).digest == filled.digest


UNITS_REPORTING = UnitTree(
    [
        *UNITS.units,
        OrgUnit("h2", "Huyện ủy C", "district", parent="hy"),
        OrgUnit("x2", "Đảng ủy xã D", "commune", parent="h2"),
    ]
)

SUBMISSIONS = [
    SubmissionRow("h2", year=2024, activity="fostering", content="tin-hoc", persons=10,
                  courses=2),
    SubmissionRow("x2", year=2024, activity="fostering", content="quan-ly-nha-nuoc",
                  location="abroad", persons=3),
    # listed, each for its own reason
    SubmissionRow("h2", year=2024, activity="fostering", content="tin-hoc", gender="female",
                  persons=4),
    SubmissionRow("h2", year=2024, activity="fostering", content="quoc-phong-an-ninh",
                  persons=5),
    SubmissionRow("h1", year=2024, activity="fostering", content="tin-hoc", persons=7),
    SubmissionRow("x2", start="2024-07-01", end="2025-06-30", activity="fostering",
                  content="tin-hoc", persons=1),
    SubmissionRow("x2", year=2024, activity="training", content="cao-cap-llct", persons=2),
    # another year: not this report
    SubmissionRow("h2", year=2023, activity="fostering", content="tin-hoc", persons=9),
]  # fmt: skip


def test_units_reported_rows_add_to_the_cells_they_can_say():
    """Persons to the unit's level, classes to its column; the rest listed with the reason."""
    records = Records(
        RECORDS.persons, RECORDS.courses, RECORDS.attendances, submissions=SUBMISSIONS
    )
    filled = fill_form(FORM, records, unit="hy", year=2024, units=UNITS_REPORTING)
    plus = {
        ("II.6", 3): 10, ("II.6", 6): 10, ("II.6", 9): 2, ("II.6", 11): 2,
        ("II.3.ngoai-nuoc", 3): 3, ("II.3.ngoai-nuoc", 8): 3,
        ("II.3", 3): 3, ("II.3", 8): 3,
        ("II", 3): 13, ("II", 6): 10, ("II", 8): 3, ("II", 9): 2, ("II", 11): 2,
    }  # fmt: skip
    for row in FORM.rows:
        for column in FORM.columns:
            want = EXPECTED.get(row.code, {}).get(column.number, 0)
            want += plus.get((row.code, column.number), 0)
            assert filled.cell(row.code, column.number) == want, (row.code, column.number)
    assert filled.reported == 2
    reasons = {u.id: u.reason for u in filled.unclassified if u.kind == "reported"}
    assert "breakdown row (gender female)" in reasons["submissions[2] (h2)"]
    assert "Quốc phòng - An ninh" in reasons["submissions[3] (h2)"]
    assert "person-level records" in reasons["submissions[4] (h1)"]
    assert "not within the report's" in reasons["submissions[5] (x2)"]
    assert "format not given" in reasons["submissions[6] (x2)"]
    assert len(reasons) == 5


def test_a_form_file_that_cannot_be_read_says_so_with_its_path(tmp_path: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text("code = \n", encoding="utf-8")
    for path in (broken, tmp_path / "missing.toml"):
        with pytest.raises(FormFileError, match="cannot read the file") as caught:
            read_form(path)
        assert str(path) in str(caught.value)


def test_write_form_picks_the_format_by_suffix_and_refuses_others(filled, tmp_path: Path):
    assert dtbd.write_form(filled, tmp_path / "f.md").read_text("utf-8").startswith("# THỐNG")
    assert dtbd.write_form(filled, tmp_path / "f.xlsx").read_bytes() == form_xlsx(filled)
    with pytest.raises(dtbd.FileFormatError, match=r"\.xlsx, \.md or \.html \(got '\.csv'\)"):
        dtbd.write_form(filled, tmp_path / "f.csv")


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_every_kind_of_record_not_classifiable_has_its_word(locale):
    from typing import get_args, get_type_hints

    from dtbd.words import say

    kinds = get_args(get_type_hints(dtbd.Unclassified)["kind"])
    assert kinds == ("attendance", "course", "reported")
    assert all(say(f"forms.kind.{kind}", locale) for kind in kinds)


def _table(objects: tuple[object, ...], names: list[str]) -> list[dict[str, object]]:
    """Rows as a record file has them: enums by value, lists joined by ';'."""
    out = []
    for item in objects:
        row = {}
        for name in names:
            value = getattr(item, name)
            if isinstance(value, tuple):
                value = ";".join(value) or None
            row[name] = getattr(value, "value", value)
        out.append(row)
    return out


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb"])
def test_dataframes_of_any_engine_fill_the_same_cells(filled, engine):
    """The same records as polars, pandas or DuckDB frames: the same cells, list, digest."""
    from dtbd import frames

    tables = {
        "persons": _table(RECORDS.persons, ["id", "unit", "level", "tags"]),
        "courses": _table(
            RECORDS.courses,
            ["id", "start", "activity", "content", "location", "format", "topics", "lead"],
        ),
        "attendances": _table(RECORDS.attendances, ["person", "course", "outcome"]),
    }
    pd = pytest.importorskip("pandas")
    if engine == "polars":
        pl = pytest.importorskip("polars")
        given = {name: pl.DataFrame(rows) for name, rows in tables.items()}
    elif engine == "pandas":
        given = {name: pd.DataFrame(rows) for name, rows in tables.items()}
    else:
        duckdb = pytest.importorskip("duckdb")
        connection = duckdb.connect()
        given = {}
        for name, rows in tables.items():
            connection.register(f"{name}_df", pd.DataFrame(rows))
            given[name] = connection.sql(f"select * from {name}_df")  # noqa: S608  -- test names
    other = fill_form(FORM, frames(**given), unit="hy", year=2024, units=UNITS)
    assert other.cells == filled.cells
    assert other.unclassified == filled.unclassified
    assert other.digest == filled.digest
