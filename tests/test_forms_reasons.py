"""A record a form leaves out says why in the language of the output: vi and en."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from dtbd import fill_form, form_markdown, form_xlsx, save_units, write_records_csv
from dtbd.cli._main import main
from dtbd.words._en import WORDS as EN
from dtbd.words._vi import WORDS as VI
from test_forms import FORM, RECORDS, UNITS


@pytest.fixture(scope="module")
def filled():
    return fill_form(FORM, RECORDS, unit="hy", year=2024, units=UNITS)


def test_every_reason_has_its_words_in_both_languages():
    reasons = {k for k in EN if k.startswith("forms.reason.")}
    assert reasons == {k for k in VI if k.startswith("forms.reason.")}
    assert len(reasons) > 20


def test_each_left_out_record_says_why_in_vietnamese_and_in_english(filled):
    by_id = {u.id: u for u in filled.unclassified}
    withdrawn = by_id["d @ qlnn"]
    assert withdrawn.reason == "withdrew from the course (outcome 'withdrawn')"
    assert withdrawn.reason_in("vi") == "đã bỏ học (kết quả 'withdrawn')"
    assert by_id["b @ ghost"].reason_in("vi") == "không có khóa học 'ghost' trong dữ liệu"
    assert by_id["b @ blank"].reason_in("vi").startswith("không có nội dung bồi dưỡng")
    assert by_id["c @ llct-x"].reason_in("vi").startswith("không có trình độ đào tạo")
    assert all(u.reason_in("vi") != u.reason for u in filled.unclassified)


def test_the_vietnamese_outputs_list_the_reasons_in_vietnamese(filled):
    assert "đã bỏ học (kết quả 'withdrawn')" in form_markdown(filled)
    assert "withdrew from the course" in form_markdown(filled, "en")
    book = openpyxl.load_workbook(io.BytesIO(form_xlsx(filled)))
    reasons = [row[2] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert "đã bỏ học (kết quả 'withdrawn')" in reasons


def test_the_command_gives_the_reason_in_its_locale_and_both_in_json(capsys, tmp_path):
    write_records_csv(RECORDS, tmp_path / "records")
    save_units(UNITS, tmp_path / "units.toml")
    code = main([
        "form", "10-BTCTW", "--records", str(tmp_path / "records"), "--units",
        str(tmp_path / "units.toml"), "--unit", "hy", "--year", "2024", "--format", "json",
    ])  # fmt: skip
    assert code == 0
    rows = {u["id"]: u for u in json.loads(capsys.readouterr().out)["unclassified"]}
    assert rows["d @ qlnn"]["reason"] == "đã bỏ học (kết quả 'withdrawn')"
    assert rows["d @ qlnn"]["reasons"]["en"] == "withdrew from the course (outcome 'withdrawn')"
