"""Figures reported by units (``submissions``): read, measured beside person records, mixed."""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from typing import Any

import attrs
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import submission_rows

from dtbd import (
    Assignment,
    Figure,
    Gender,
    Period,
    RecordError,
    Records,
    Scheme,
    Scope,
    SubmissionRow,
    Target,
    evaluate,
    progress,
    read_records,
    records_from_dicts,
)

AS_OF = dt.date(2025, 6, 30)


def persons_text(result: object) -> str:
    from dtbd.display._text import progress_text

    return progress_text(result, "en")  # type: ignore[arg-type]


def _scheme() -> Scheme:
    fostering = Scope(activity="fostering")
    targets = [
        Target("boi-duong", "Bồi dưỡng", Figure.parse("300 lượt"), scope=fostering,
               assigned=[Assignment(Figure.parse("100 lượt"), unit="so-y-te")]),
        Target("nguoi", "Người được bồi dưỡng", Figure.parse("200 người"), scope=fostering),
        Target("nu", "Nữ", Figure.parse("100 lượt"), scope=Scope(activity="fostering",
               gender="female")),
        Target("tre", "Dưới 40 tuổi", Figure.parse("50 lượt"), scope=Scope(under_age=40)),
        Target("lop", "Số lớp", Figure.parse("10 lớp"), scope=fostering),
    ]  # fmt: skip
    return Scheme("kh", "Kế hoạch", Period.of_years(2024, 2025), targets=targets)


PERSONS = [
    {"id": "p1", "unit": "so-noi-vu", "gender": "female", "birth_date": "1990-01-01"},
    {"id": "p2", "unit": "so-noi-vu", "gender": "male", "birth_date": "1970-01-01"},
]
COURSES = [{"id": "k1", "start": "2024-03-04", "end": "2024-03-08", "activity": "fostering"}]
ATTENDANCES = [{"person": "p1", "course": "k1"}, {"person": "p2", "course": "k1"}]
SUBMISSIONS = [
    # so-noi-vu sent its learners for 2024: its report for 2024 is set aside
    {"unit": "so-noi-vu", "year": 2024, "activity": "fostering", "attendances": 50,
     "persons": 40, "courses": 3},
    # so-y-te sent only totals, with an "of which women" row
    {"unit": "so-y-te", "year": 2024, "activity": "fostering", "attendances": 120,
     "persons": 95, "courses": 4},
    {"unit": "so-y-te", "year": 2024, "activity": "fostering", "gender": "female",
     "attendances": 70, "persons": 60, "courses": 4},
    # so-gd-dt says no activity: it cannot answer a fostering target
    {"unit": "so-gd-dt", "year": 2025, "attendances": 30, "persons": 30},
]  # fmt: skip


def _records() -> Records:
    return records_from_dicts(
        persons=PERSONS, courses=COURSES, attendances=ATTENDANCES, submissions=SUBMISSIONS
    )


def test_a_unit_that_sent_learners_is_counted_from_them_and_its_report_is_set_aside():
    result = evaluate(_scheme(), _records(), AS_OF)
    # 2 attendances of so-noi-vu's learners + 120 reported by so-y-te; not + 50
    assert result.targets["boi-duong"].achieved == 122
    assert result.targets["lop"].achieved == 1 + 4
    set_aside = [f for f in result.findings if f.code == "report-set-aside"]
    assert len(set_aside) == 1
    assert "so-noi-vu" in set_aside[0].message_en
    assert "set aside" in set_aside[0].message_en


def test_the_same_unit_in_another_period_is_counted_from_its_report():
    submissions = [*SUBMISSIONS, {"unit": "so-noi-vu", "year": 2025, "activity": "fostering",
                                  "attendances": 9, "persons": 9}]  # fmt: skip
    records = records_from_dicts(
        persons=PERSONS, courses=COURSES, attendances=ATTENDANCES, submissions=submissions
    )
    assert evaluate(_scheme(), records, AS_OF).targets["boi-duong"].achieved == 122 + 9


def test_without_reports_the_results_carry_no_report_part():
    records = records_from_dicts(persons=PERSONS, courses=COURSES, attendances=ATTENDANCES)
    result = evaluate(_scheme(), records, AS_OF)
    assert result.targets["boi-duong"].achieved == 2
    assert result.targets["boi-duong"].reported is None
    assert result.targets["boi-duong"].to_dict()["reported"] is None


def test_persons_from_reports_are_summed_and_the_result_says_so():
    result = evaluate(_scheme(), _records(), AS_OF)
    persons = result.targets["nguoi"]
    assert persons.achieved == 2 + 95
    assert persons.reported is not None
    assert persons.reported.persons_summed
    assert persons.reported.total == 95
    assert persons.reported.units == ("so-y-te",)
    summed = [f for f in result.findings if f.code == "report-persons-summed"]
    assert [f.targets for f in summed] == [("nguoi",)]
    assert persons.to_dict()["reported"]["persons_summed"] is True
    assert "of which 95 persons from units' reports (units: 1), summed" in persons_text(persons)
    assert "of which 95" not in persons_text(result.targets["lop"])


def test_a_breakdown_target_reads_the_of_which_row_not_the_total():
    result = evaluate(_scheme(), _records(), AS_OF)
    # p1 (female) from the person records, 70 women from so-y-te's "of which" row
    assert result.targets["nu"].achieved == 1 + 70


def test_a_target_a_report_cannot_answer_names_the_unit_and_counts_none_of_it():
    result = evaluate(_scheme(), _records(), AS_OF)
    young = result.targets["tre"]
    assert young.achieved == 1  # p1 alone: reports carry no birth dates
    assert young.reported is not None
    assert set(young.reported.not_measurable) == {
        ("so-y-te", "birth_date"),
        ("so-gd-dt", "birth_date"),
    }
    # so-gd-dt's row states no activity: not 0 and not all for a fostering target
    assert ("so-gd-dt", "activity") in result.targets["boi-duong"].reported.not_measurable
    codes = [(f.code, f.targets) for f in result.findings if f.code == "report-not-measurable"]
    assert ("report-not-measurable", ("boi-duong",)) in codes


def test_a_breakdown_the_unit_did_not_give_is_not_measurable_rather_than_zero():
    rows = [SubmissionRow("so-tc", year=2024, activity="fostering", attendances=40)]
    result = evaluate(_scheme(), Records(submissions=rows), AS_OF)
    assert result.targets["boi-duong"].achieved == 40
    assert result.targets["nu"].reported.not_measurable == (("so-tc", "gender"),)
    assert result.targets["nu"].achieved == 0
    # only an "of which" row and no total: the line's total is unknown, not zero
    women = [SubmissionRow("so-tc", year=2024, activity="fostering", gender="female",
                           attendances=40)]  # fmt: skip
    alone = evaluate(_scheme(), Records(submissions=women), AS_OF)
    assert alone.targets["boi-duong"].reported.not_measurable == (("so-tc", "gender"),)
    assert alone.targets["nu"].achieved == 40
    # a count the unit did not report is not measurable either
    assert result.targets["nguoi"].reported.not_measurable == (("so-tc", "persons"),)


def test_rows_are_dated_by_their_start_and_fall_in_the_year_they_start():
    rows = [
        SubmissionRow("a", start="2024-11-01", end="2025-02-28", activity="fostering",
                      attendances=10),
        SubmissionRow("a", year=2025, activity="fostering", attendances=5),
        SubmissionRow("a", year=2026, activity="fostering", attendances=7),
    ]  # fmt: skip
    result = progress(_scheme().targets[0], Records(submissions=rows), AS_OF, scheme=_scheme())
    assert result.achieved == 15
    assert [(y.year, y.achieved) for y in result.yearly] == [(2024, 10), (2025, 5)]


def test_a_report_row_checks_its_period_and_counts():
    with pytest.raises(ValueError, match="no period"):
        SubmissionRow("a", attendances=1)
    with pytest.raises(ValueError, match="not within the 'year' 2024"):
        SubmissionRow("a", year=2024, start="2023-01-01", end="2023-12-31", attendances=1)
    with pytest.raises(ValueError, match="reports nothing"):
        SubmissionRow("a", year=2024)
    with pytest.raises(ValueError, match="'minority' must be yes or no"):
        SubmissionRow("a", year=2024, minority="maybe", persons=1)
    assert SubmissionRow("a", year=2024, minority="có", persons=1).minority is True


def test_vietnamese_headers_and_words_are_read_from_a_folder(tmp_path):
    (tmp_path / "báo cáo đơn vị.csv").write_text(
        "STT,Đơn vị,Năm,Loại hình,Giới tính,Số lượt,Số người,Số lớp,Kinh phí\n"
        "1,so-y-te,2024,Bồi dưỡng,,120,95,4,150000000\n"
        "2,so-y-te,2024,Bồi dưỡng,Nữ,70,60,4,\n",
        encoding="utf-8",
    )
    records = read_records(tmp_path)
    total, women = records.submissions
    assert (total.unit, total.year, total.activity.value) == ("so-y-te", 2024, "fostering")
    assert (total.attendances, total.persons, total.courses) == (120, 95, 4)
    assert total.cost == Decimal(150000000)
    assert women.gender is Gender.FEMALE
    assert evaluate(_scheme(), tmp_path, AS_OF).targets["boi-duong"].achieved == 120


def test_a_bad_cell_is_located_by_file_row_and_field(tmp_path):
    (tmp_path / "submissions.csv").write_text(
        "unit,year,activity,luot,nguoi\nso-y-te,2024,fostering,12a,5\n", encoding="utf-8"
    )
    with pytest.raises(RecordError) as caught:
        read_records(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.table, problem.row, problem.field) == ("submissions", 1, "attendances")
    assert "not a number" in problem.message


def test_bad_rows_read_leniently_are_named_and_the_good_ones_count(tmp_path):
    (tmp_path / "submissions.csv").write_text(
        "unit,year,activity,attendances\nso-y-te,2024,fostering,12\nso-tc,2024,hoc,3\n",
        encoding="utf-8",
    )
    loaded = read_records(tmp_path, on_error="report")
    assert [(p.row, p.field) for p in loaded.problems] == [(2, "activity")]
    for records in (loaded, tmp_path):
        result = evaluate(_scheme(), records, AS_OF)
        assert result.targets["boi-duong"].achieved == 12
        (refused,) = [f for f in result.findings if f.code == "report-malformed"]
        assert "Row 2" in refused.message_en
        assert "activity" in refused.message_en


def _frames(make: Any) -> dict[str, Any]:
    tables = {
        "persons": pl.DataFrame(
            {
                "id": ["p1", "p2"],
                "unit": ["so-noi-vu", "so-noi-vu"],
                "gender": ["female", "male"],
                "birth_date": [dt.date(1990, 1, 1), dt.date(1970, 1, 1)],
            }
        ),
        "courses": pl.DataFrame(
            {
                "id": ["k1"],
                "start": [dt.date(2024, 3, 4)],
                "end": [dt.date(2024, 3, 8)],
                "activity": ["fostering"],
            }
        ),
        "attendances": pl.DataFrame({"person": ["p1", "p2"], "course": ["k1", "k1"]}),
        "submissions": pl.DataFrame(SUBMISSIONS),
    }
    return make(tables)


def _duckdb(tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    return {name: con.from_arrow(frame.to_arrow()) for name, frame in tables.items()}


_ENGINES: dict[str, Any] = {
    "polars": lambda t: t,
    "polars-lazy": lambda t: {k: v.lazy() for k, v in t.items()},
    "pandas": lambda t: {k: v.to_pandas(use_pyarrow_extension_array=True) for k, v in t.items()},
}
if importlib.util.find_spec("duckdb"):
    _ENGINES["duckdb"] = _duckdb


@pytest.mark.parametrize("engine", sorted(_ENGINES))
def test_frames_give_the_python_engines_numbers_with_reports(engine):
    expected = evaluate(_scheme(), _records(), AS_OF)
    got = evaluate(_scheme(), _frames(_ENGINES[engine]), AS_OF)
    for target_id, wanted in expected.targets.items():
        assert got.targets[target_id].achieved == wanted.achieved, target_id
        assert got.targets[target_id].reported == wanted.reported, target_id
    assert [f.code for f in got.findings] == [f.code for f in expected.findings]


def _report_frame(rows: tuple[SubmissionRow, ...]) -> pl.DataFrame:
    columns = [f.name for f in attrs.fields(SubmissionRow) if f.name not in ("start", "end")]

    def cell(value: object) -> object:
        return getattr(value, "value", value) if not isinstance(value, Decimal) else int(value)

    data = {c: [cell(getattr(r, c)) for r in rows] for c in columns}
    return pl.DataFrame(data, schema=dict.fromkeys(columns, pl.String), strict=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(submission_rows(units=("so-noi-vu", "u2", "u3")), max_size=8))
def test_reports_count_the_same_on_the_python_engine_and_on_frames(rows):
    """Any report rows, mixed with one unit's learners: both engines give the same numbers."""
    rows = tuple(dict.fromkeys(rows))  # the reader refuses a row repeated field for field
    python = Records(
        persons=_records().persons, courses=_records().courses,
        attendances=_records().attendances, submissions=rows,
    )  # fmt: skip
    tables = _frames(lambda t: t)
    tables["submissions"] = _report_frame(rows)
    expected = evaluate(_scheme(), python, AS_OF)
    got = evaluate(_scheme(), tables, AS_OF)
    for target_id, wanted in expected.targets.items():
        assert got.targets[target_id].numerator == wanted.numerator, target_id
        assert got.targets[target_id].reported == wanted.reported, target_id


@pytest.mark.skipif(not importlib.util.find_spec("openpyxl"), reason="needs openpyxl")
def test_a_workbook_sheet_of_reports_is_read_with_its_rows_named(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Báo cáo đơn vị"
    sheet.append(["Đơn vị", "Năm", "Loại hình", "Số lượt", "Số người"])
    sheet.append(["so-y-te", 2024, "Bồi dưỡng", 120, 95])
    sheet.append(["so-tc", 2024, "Bồi dưỡng", "x", 3])
    book.save(tmp_path / "bao-cao.xlsx")
    loaded = read_records(tmp_path / "bao-cao.xlsx", on_error="report")
    assert [r.attendances for r in loaded.records.submissions] == [120]
    (problem,) = loaded.problems
    assert (problem.table, problem.row, problem.field) == ("submissions", 3, "attendances")
