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


@pytest.fixture(scope="module")
def across_files(tmp_path_factory):
    """1641 with its no-repeat rule looking across Hà Nội's plan, both as scheme files, and
    the records of test_check_across (k0 under Hà Nội, k1 under 1641) as CSV files."""
    from dtbd.files._scheme_files import save_scheme
    from test_check_across import HANOI, NATIONAL_ACROSS
    from test_check_across import RECORDS as ACROSS_RECORDS

    out = tmp_path_factory.mktemp("across")
    save_scheme(NATIONAL_ACROSS, out / "national.toml")
    save_scheme(HANOI, out / "hanoi.toml")
    write_records_csv(ACROSS_RECORDS, out / "records")
    return out


def test_check_of_two_schemes_finds_what_check_of_the_list_finds(capsys, across_files):
    """`dtbd check A B` gives each scheme's violations, the repeat across schemes among them."""
    from dtbd import check
    from test_check_across import HANOI, NATIONAL_ACROSS
    from test_check_across import RECORDS as ACROSS_RECORDS

    files = (str(across_files / "national.toml"), str(across_files / "hanoi.toml"))
    argv = ("--records", str(across_files / "records"), "--format", "json")
    code, out, err = run(capsys, "check", *files, *argv)
    assert code == 0, err
    data = json.loads(out)
    assert [s["scheme"] for s in data["schemes"]] == ["qd-1641-2022", "hanoi-2022-2025"]
    expected = [v.to_dict() for v in check([NATIONAL_ACROSS, HANOI], ACROSS_RECORDS)]
    assert [v for s in data["schemes"] for v in s["violations"]] == sorted(
        expected, key=lambda v: v["scheme"] != "qd-1641-2022"
    )
    (across,) = [v for v in data["schemes"][0]["violations"] if v["other_scheme"]]
    assert (across["person"], across["course"], across["other_course"]) == ("p1", "k1", "k0")
    for key in ("errors", "warnings", "infos", "missing_data"):
        assert data["summary"][key] == sum(s["summary"][key] for s in data["schemes"])


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_check_of_two_schemes_prints_a_section_per_scheme_and_strict_fails(
    capsys, across_files, locale
):
    """Each scheme under its own heading; --strict exits 1 on the repeat across schemes."""
    files = (str(across_files / "national.toml"), str(across_files / "hanoi.toml"))
    argv = ("--records", str(across_files / "records"), "--locale", locale)
    code, out, err = run(capsys, "check", *files, *argv, "--strict")
    assert code == 1, err
    text = " ".join(out.split())
    assert text.index("national.toml)") < text.rindex("hanoi.toml")
    words = "thuộc hanoi-2022-2025" if locale == "vi" else "under hanoi-2022-2025"
    assert words in text


def test_check_of_one_scheme_twice_names_both(capsys, records_dir):
    """The same scheme given twice to check is refused as progress refuses it."""
    code, _, err = run(
        capsys, "check", SCHEMES[0], SCHEMES[0], "--records", str(records_dir), "--locale", "en"
    )
    assert code == 3
    assert "qd-1641-2022 and qd-1641-2022 are both the scheme qd-1641-2022" in err


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_show_names_the_schemes_a_rule_looks_across(capsys, across_files, locale):
    """`dtbd show` and the notebook view say which schemes a no-repeat rule looks across."""
    from dtbd.display._scheme_html import scheme_html
    from test_check_across import NATIONAL_ACROSS

    code, out, err = run(capsys, "show", str(across_files / "national.toml"), "--locale", locale)
    assert code == 0, err
    words = "xét cả các khóa thuộc" if locale == "vi" else "looks across"
    assert f"{words} hanoi-2022-2025" in " ".join(out.split())
    assert f"{words} hanoi-2022-2025" in scheme_html(NATIONAL_ACROSS, locale)
