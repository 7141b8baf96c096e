"""`dtbd progress A B … --records DIR`: several schemes over the same records files."""

from __future__ import annotations

import json

import pytest

from dtbd.cli._main import main
from dtbd.examples._csv import write_records_csv
from test_schemes import RECORDS

SCHEMES = ("qd-1641-2022", "hanoi-2022-2025")


@pytest.fixture(scope="module")
def records_dir(tmp_path_factory):
    """The few records of test_schemes as CSV files."""
    out = tmp_path_factory.mktemp("schemes")
    write_records_csv(RECORDS, out)
    return out


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_progress_of_two_schemes_in_json_is_a_list_of_each_schemes_report(capsys, records_dir):
    """One date and records for all; each scheme's report as `dtbd progress` gives it alone."""
    argv = ("--records", str(records_dir), "--as-of", "2025-06-30", "--format", "json")
    code, out, err = run(capsys, "progress", *SCHEMES, *argv)
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["as_of", "as_of_from", "records", "schemes"]
    assert (data["as_of"], data["as_of_from"]) == ("2025-06-30", "option")
    assert [s["scheme"] for s in data["schemes"]] == list(SCHEMES)
    for scheme_id, part in zip(SCHEMES, data["schemes"], strict=True):
        _, alone, _ = run(capsys, "progress", scheme_id, *argv)
        assert part["targets"] == json.loads(alone)["targets"]
    hanoi = data["schemes"][1]["targets"]
    assert hanoi["noi-vu-do-thi"]["achieved"] == "2"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_progress_of_two_schemes_prints_a_section_per_scheme(capsys, records_dir, fmt, locale):
    """Each scheme under its own heading, after the note on the one pass."""
    code, out, err = run(
        capsys, "progress", *SCHEMES, "--records", str(records_dir), "--format", fmt,
        "--locale", locale,
    )  # fmt: skip
    assert code == 0, err
    assert out.index("1641/QĐ-TTg (qd-1641-2022)") < out.rindex("hanoi-2022-2025\n")
    note = "trong một lượt" if locale == "vi" else "in one pass"
    assert note in out


def test_progress_of_two_schemes_needs_records(capsys):
    """Each text's reported actuals are its own: several schemes need --records."""
    code, _, err = run(capsys, "progress", *SCHEMES, "--locale", "en")
    assert code == 3
    assert "2 schemes are measured over one set of records: add --records DIR" in err


def test_progress_of_two_schemes_refuses_by(capsys, records_dir):
    """--by takes one scheme; the error says how to get each breakdown."""
    code, _, err = run(
        capsys, "progress", *SCHEMES, "--records", str(records_dir), "--by", "gender",
        "--locale", "en",
    )  # fmt: skip
    assert code == 3
    assert "--by gender takes one scheme" in err


def test_progress_of_one_scheme_twice_names_both(capsys, records_dir):
    """The same scheme given twice is refused, naming both arguments and the id."""
    code, _, err = run(
        capsys, "progress", SCHEMES[0], SCHEMES[0], "--records", str(records_dir),
        "--locale", "en",
    )  # fmt: skip
    assert code == 3
    assert "qd-1641-2022 and qd-1641-2022 are both the scheme qd-1641-2022" in err
