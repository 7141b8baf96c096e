"""The reporting year (15/12 of the year before to 14/12) of a form and of `dtbd form`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import dtbd
from dtbd import (
    Attendance,
    Course,
    FormFileError,
    Period,
    Person,
    Records,
    fill_form,
    form_markdown,
    load_form,
    read_form,
    save_units,
    write_records_csv,
)
from dtbd.cli._main import main
from test_forms import UNITS

FORM = load_form("10-BTCTW")

# Two courses of the same row, one a week before the calendar year 2025 and one a week
# before its end: the reporting year 2025 (15/12/2024 – 14/12/2025) holds the first only.
RECORDS = Records(
    persons=[Person("a", unit="so-nv"), Person("b", unit="hy")],
    courses=[
        Course("dec-2024", start="2024-12-20", content="tin-hoc", lead="hy"),
        Course("dec-2025", start="2025-12-20", content="tin-hoc", lead="hy"),
    ],
    attendances=[Attendance("a", "dec-2024"), Attendance("b", "dec-2025")],
)


def test_the_reporting_year_runs_from_15_december_of_the_year_before_to_14_december():
    year = Period.reporting_year(2025)
    assert (year.start, year.end) == (dt.date(2024, 12, 15), dt.date(2025, 12, 14))
    assert year.days == 365
    assert year.reporting == 2025
    assert Period.of_years(2025).reporting is None
    assert Period(dt.date(2024, 12, 15), dt.date(2026, 12, 14)).reporting is None


@pytest.mark.parametrize("year", [1999, 2024, 2025, 2100])
def test_each_day_is_in_exactly_one_reporting_year(year):
    """Consecutive reporting years meet without a gap or an overlap."""
    this, following = Period.reporting_year(year), Period.reporting_year(year + 1)
    assert following.start - this.end == dt.timedelta(days=1)


def test_a_calendar_form_given_a_reporting_period_counts_its_days_and_says_them():
    filled = fill_form(FORM, RECORDS, unit="hy", period=Period.reporting_year(2025), units=UNITS)
    assert filled.cell("II.6", 3) == 1  # the course of 20/12/2024 only
    assert "NĂM 2025 (TỪ NGÀY 15/12/2024 ĐẾN NGÀY 14/12/2025)" in form_markdown(filled)
    calendar = fill_form(FORM, RECORDS, unit="hy", year=2025, units=UNITS)
    assert calendar.cell("II.6", 3) == 1  # the course of 20/12/2025 only
    assert "NĂM 2025" in form_markdown(calendar)
    assert "15/12/2024" not in form_markdown(calendar)


def test_a_form_of_reporting_years_reads_year_as_a_reporting_year(tmp_path: Path):
    text = (Path(dtbd.forms.__file__).parent / "data" / "10-btctw.toml").read_text("utf-8")
    path = tmp_path / "reporting.toml"
    text = text.replace('count_unit = "Người"', 'count_unit = "Người"\nyear = "reporting"')
    path.write_text(text, encoding="utf-8")
    form = read_form(path)
    assert form.year == "reporting"
    filled = fill_form(form, RECORDS, unit="hy", year=2025, units=UNITS)
    assert filled.period == Period.reporting_year(2025)
    assert filled.cell("II.6", 3) == 1
    assert attrs.evolve(form, year="calendar").year == "calendar"


def test_a_form_file_with_an_unknown_year_convention_names_the_key(tmp_path: Path):
    text = (Path(dtbd.forms.__file__).parent / "data" / "10-btctw.toml").read_text("utf-8")
    path = tmp_path / "bad.toml"
    text = text.replace('count_unit = "Người"', 'count_unit = "Người"\nyear = "fiscal"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormFileError, match="year") as caught:
        read_form(path)
    assert "fiscal" in str(caught.value)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    write_records_csv(RECORDS, tmp_path / "records")
    save_units(UNITS, tmp_path / "units.toml")
    return tmp_path


def _form(capsys: pytest.CaptureFixture[str], inputs: Path, *more: str) -> tuple[int, str]:
    code = main([
        "form", "10-BTCTW", "--records", str(inputs / "records"), "--units",
        str(inputs / "units.toml"), "--unit", "hy", "--format", "json", *more,
    ])  # fmt: skip
    out, err = capsys.readouterr()
    return code, out + err


def test_the_command_counts_a_reporting_year_when_asked(capsys, inputs):
    import json

    code, out = _form(capsys, inputs, "--year", "2025", "--reporting-year")
    assert code == 0, out
    data = json.loads(out)
    assert data["period"] == {"start": "2024-12-15", "end": "2025-12-14"}
    assert data["counted"] == 1


def test_the_reporting_year_option_needs_a_year_and_no_dates(capsys, inputs):
    code, out = _form(capsys, inputs, "--reporting-year", "--from", "2025-01-01", "--to",
                      "2025-06-30")  # fmt: skip
    assert code == 3  # the input is wrong, as for --year given with --from and --to
    assert "--reporting-year" in out
    assert "Traceback" not in out
