"""The `dtbd` command line, run in-process: every subcommand, format and locale.

Bad input and exit codes: test_cli_errors.py; options and help: test_cli_parser.py;
width and colour: test_cli_terminal.py; what a process imports: test_cli_imports.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dtbd import catalog, read_records
from dtbd.cli._input import parse_date
from dtbd.cli._main import main

FORMATS = ("table", "json", "markdown")
LOCALES = ("vi", "en")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


# Dates


@pytest.mark.parametrize(
    "text",
    [
        "2025-12-31",
        "31/12/2025",
        "31-12-2025",
        "31.12.2025",
        "ngày 31 tháng 12 năm 2025",
        "Ngày 31 tháng 12 năm 2025",
    ],
)
def test_dates_read_in_iso_and_vietnamese_forms(text):
    """Every accepted form gives 31 December 2025."""
    assert parse_date(text).isoformat() == "2025-12-31"


# catalog


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_lists_the_five_ids_in_every_format_and_locale(capsys, fmt, locale):
    """Each catalog id appears in the output."""
    code, out, _ = run(capsys, "catalog", "--format", fmt, "--locale", locale)
    assert code == 0
    for scheme_id in catalog.ids():
        assert scheme_id in out


def test_catalog_json_has_the_documented_keys(capsys):
    """catalog_version, then one entry per scheme with its citation and counts."""
    data = run_json(capsys, "catalog")
    assert list(data) == ["catalog_version", "schemes"]
    assert [s["id"] for s in data["schemes"]] == list(catalog.ids())
    assert list(data["schemes"][0]) == [
        "id",
        "title",
        "kind",
        "document",
        "issuer",
        "issued",
        "period",
        "targets",
        "rules",
        "actuals",
    ]
    hanoi = next(s for s in data["schemes"] if s["id"] == "hanoi-2016-2020")
    assert hanoi["actuals"] is True


# show


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_show_prints_targets_in_every_format_and_locale(capsys, fmt, locale):
    """The Hưng Yên plan shows its 37.000 lượt target."""
    code, out, _ = run(capsys, "show", "hung-yen-171-2023", "--format", fmt, "--locale", locale)
    assert code == 0
    assert "boi-duong-vien-chuc" in out
    if fmt != "json":
        assert ("37.000 lượt" if locale == "vi" else "37,000 person-times") in out


def test_show_json_is_a_scheme_file_that_audit_reads_back(capsys, tmp_path):
    """`dtbd show ID --format json > x.json` then `dtbd audit x.json` gives the same audit."""
    _, out, _ = run(capsys, "show", "hung-yen-171-2023", "--format", "json")
    path = tmp_path / "plan.json"
    path.write_text(out, encoding="utf-8")
    from_file = run_json(capsys, "audit", str(path))
    from_catalog = run_json(capsys, "audit", "hung-yen-171-2023")
    assert from_file["findings"] == from_catalog["findings"]
    assert from_file["source"] == str(path)
    assert from_file["catalog_version"] is None


BASELINE_SCHEME = """
id = "x"
title = "Nâng cao trình độ lãnh đạo"
period = { start = 2024-01-01, end = 2025-12-31 }

[[targets]]
id = "thac-si"
label = "40% lãnh đạo có trình độ thạc sĩ"
figure = "40%"
basis = "qualified"
scope = { qualifications = ["thac-si"] }
baseline = { value = "38", date = 2023-12-31 }
"""


def test_show_puts_a_target_s_baseline_beside_its_figure(capsys, tmp_path):
    """`dtbd show` says where a target started, as `dtbd progress` does, and in its JSON."""
    path = tmp_path / "plan.toml"
    path.write_text(BASELINE_SCHEME, encoding="utf-8")
    _, out, _ = run(capsys, "show", str(path))
    # The figure column is 22 wide, so the cell wraps after its comma.
    assert "40% (từ 38%," in out
    assert "31/12/2023)" in out
    data = run_json(capsys, "show", str(path))
    assert data["targets"][0]["baseline"] == {"value": "38", "date": "2023-12-31"}


# audit

AUDIT_KEYS = ["scheme", "title", "source", "catalog_version", "summary", "findings"]
FINDING_KEYS = [
    "code",
    "severity",
    "targets",
    "budget_lines",
    "expected",
    "computed",
    "difference",
    "operands",
    "message_vi",
    "message_en",
]


@pytest.mark.parametrize("scheme_id", catalog.ids())
def test_audit_json_of_each_entry_has_the_documented_keys(capsys, scheme_id):
    """Every entry's audit parses, with the stated keys and counts that match the findings."""
    data = run_json(capsys, "audit", scheme_id)
    assert list(data) == AUDIT_KEYS
    assert data["scheme"] == scheme_id
    assert data["catalog_version"] == catalog.version()
    for finding in data["findings"]:
        assert list(finding) == FINDING_KEYS
    severities = [f["severity"] for f in data["findings"]]
    assert data["summary"] == {
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "infos": severities.count("info"),
    }


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_audit_shows_hung_yen_390_unallocated_attendances(capsys, fmt):
    """The warning of the plan, in words, in Vietnamese and English."""
    _, out, _ = run(capsys, "audit", "hung-yen-171-2023", "--format", fmt)
    assert "390 lượt chưa được phân bổ" in " ".join(out.split())
    _, out, _ = run(capsys, "audit", "hung-yen-171-2023", "--format", fmt, "--locale", "en")
    assert "390 person-times not allocated" in " ".join(out.split())


def test_audit_json_carries_the_390(capsys):
    """The JSON has the number the table shows."""
    data = run_json(capsys, "audit", "hung-yen-171-2023")
    (warning,) = [f for f in data["findings"] if f["severity"] == "warning"]
    assert warning["difference"]["low"] == "390"


SCHEME_ABOVE = """\
id = "tren-tong"
title = "Kế hoạch thử: các phần vượt tổng"
period = { start = "2024-01-01", end = "2025-12-31" }

[[targets]]
id = "tong"
label = "Bồi dưỡng"
figure = "100 lượt"

[[targets.parts]]
id = "a"
label = "Cấp tỉnh"
figure = "80 lượt"

[[targets.parts]]
id = "b"
label = "Cấp xã"
figure = "50 lượt"
"""


def test_strict_audit_exits_1_when_parts_exceed_the_total(capsys, tmp_path):
    """80 + 50 lượt against 100 is an error: exit 0 without --strict, 1 with it."""
    path = tmp_path / "above.toml"
    path.write_text(SCHEME_ABOVE, encoding="utf-8")
    code, out, _ = run(capsys, "audit", str(path))
    assert code == 0
    assert "130 lượt" in out
    code, _, _ = run(capsys, "audit", str(path), "--strict")
    assert code == 1
    code, _, _ = run(capsys, "audit", "hung-yen-171-2023", "--strict")
    assert code == 0


# progress


def test_progress_hanoi_reads_the_180_real_learners_and_counts_none(capsys):
    """Two classes of 90 commune leaders, posts not given (one class only opened): they
    are read, and count nothing against the 1.432 commune chairs and vice-chairs."""
    data = run_json(capsys, "progress", "hanoi-2016-2020")
    assert data["records"]["kind"] == "actuals"
    assert data["records"]["synthetic"] is False
    assert data["records"]["persons"] == 180
    commune = data["targets"]["chu-tich-xa"]
    assert commune["achieved"] == "0"
    assert commune["figure"]["low"] == "1432"
    assert data["as_of"] == "2018-03-16"
    assert data["as_of_from"] == "latest_record"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("locale", LOCALES)
def test_progress_table_shows_0_against_1432(capsys, fmt, locale):
    """The table row of the commune chairs: none of the reported learners counts."""
    code, out, _ = run(capsys, "progress", "hanoi-2016-2020", "--format", fmt, "--locale", locale)
    assert code == 0
    plan = "1.432 người" if locale == "vi" else "1,432 people"
    row = next(line for line in out.splitlines() if plan in line)
    assert (" 0 người" if locale == "vi" else " 0 people") in row


def test_progress_as_of_accepts_a_vietnamese_date(capsys):
    """At the end of the window the real classes fall short: missed."""
    data = run_json(capsys, "progress", "hanoi-2016-2020", "--as-of", "ngày 31 tháng 12 năm 2020")
    assert data["as_of"] == "2020-12-31"
    assert data["as_of_from"] == "option"
    assert data["targets"]["chu-tich-xa"]["status"] == "missed"


# example, progress --records, check


@pytest.fixture(scope="module")
def example_dir(tmp_path_factory):
    """Example records of 1641 written once as CSV by `dtbd example`."""
    out = tmp_path_factory.mktemp("example")
    assert main(["example", "qd-1641-2022", "--out", str(out), "--as-of", "30/06/2025"]) == 0
    return out


def test_example_writes_four_csv_files_that_read_back_and_the_units(example_dir):
    """persons, courses, attendances and spending, readable by read_records; units.toml."""
    assert sorted(p.name for p in example_dir.iterdir()) == [
        "attendances.csv",
        "courses.csv",
        "persons.csv",
        "spending.csv",
        "units.toml",
    ]
    records = read_records(example_dir)
    assert records.attendances
    assert all(p.id.startswith("vd-") for p in records.persons)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_example_reports_its_files_in_every_format(capsys, tmp_path, fmt, locale):
    """The files written are listed with their row counts."""
    code, out, _ = run(
        capsys,
        "example",
        "qd-1641-2022",
        "--out",
        str(tmp_path),
        "--format",
        fmt,
        "--locale",
        locale,
    )
    assert code == 0
    assert "attendances.csv" in out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_progress_with_records_in_every_format(capsys, example_dir, fmt, locale):
    """Progress of 1641 over the example CSV files."""
    code, out, _ = run(
        capsys,
        "progress",
        "qd-1641-2022",
        "--records",
        str(example_dir),
        "--as-of",
        "2025-06-30",
        "--format",
        fmt,
        "--locale",
        locale,
    )
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
        assert data["records"]["kind"] == "file"
        assert set(data["targets"]) == {"boi-duong-nuoc-ngoai", "khoa-moi-nam"}
        assert list(data["record_summary"]) == [
            "persons", "courses", "attendances", "spending", "money"
        ]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_check_finds_the_planted_violations_in_every_format(capsys, example_dir, fmt, locale):
    """The age limit and the repeated content planted in the example records."""
    code, out, _ = run(
        capsys,
        "check",
        "qd-1641-2022",
        "--records",
        str(example_dir),
        "--format",
        fmt,
        "--locale",
        locale,
    )
    assert code == 0
    assert "age-limit" in out
    assert "no-repeat" in out


def test_check_json_counts_and_strict_exit(capsys, example_dir):
    """Violations are listed with every field; --strict turns errors into exit 1."""
    data = run_json(capsys, "check", "qd-1641-2022", "--records", str(example_dir))
    assert data["summary"]["errors"] == sum(v["severity"] == "error" for v in data["violations"])
    assert data["summary"]["errors"] >= 2
    assert data["rules"] == ["tre-duoi-45", "quy-mo-khoa", "khong-trung-noi-dung"]
    code, _, _ = run(capsys, "check", "qd-1641-2022", "--records", str(example_dir), "--strict")
    assert code == 1


# demo


def test_demo_shows_audit_progress_and_rules_in_vietnamese(capsys):
    """The README's main job: the 390 lượt, a progress table, the planted violations."""
    code, out, _ = run(capsys, "demo")
    assert code == 0
    flat = " ".join(out.split())
    assert "390 lượt chưa được phân bổ" in flat
    assert "ngày 30 tháng 6 năm 2025" in flat
    assert "Theo tiến độ" in out
    assert "[age-limit]" in out
    assert "dữ liệu mẫu" in flat.lower()
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("## The main job", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    lines = set(out.splitlines())
    stale = [line for line in excerpt.splitlines() if line != "…" and line not in lines]
    assert not stale, "README.md's demo excerpt is out of date"


def test_demo_json_in_english_is_stable_and_complete(capsys):
    """Fixed date and seed: the same JSON twice, one entry per demo scheme."""
    first = run_json(capsys, "demo", "--locale", "en")
    second = run_json(capsys, "demo", "--locale", "en")
    assert first == second
    assert first["as_of"] == "2025-06-30"
    assert [s["scheme"] for s in first["schemes"]] == ["hung-yen-171-2023", "qd-1641-2022"]
    assert list(first["schemes"][0]) == ["scheme", "audit", "progress", "check"]


def test_demo_markdown_of_one_scheme(capsys):
    """A chosen scheme and date, as Markdown headings and tables."""
    code, out, _ = run(
        capsys,
        "demo",
        "qd-1641-2022",
        "--as-of",
        "31/12/2024",
        "--format",
        "markdown",
        "--locale",
        "en",
    )
    assert code == 0
    assert out.startswith("# ")
    assert "| Target |" in out
    assert "31 December 2024" in out


def _readme_sessions():
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```text\n\$ dtbd (.*?)\n(.*?)```", text, re.DOTALL):
        yield pytest.param(block[0].split(), block[1], id=block[0])


@pytest.mark.parametrize(("argv", "shown"), list(_readme_sessions()))
def test_readme_shows_the_real_output_of_its_commands(capsys, argv, shown):
    """Each `$ dtbd …` block of the README is what the command prints now."""
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out == shown, "README.md is out of date: paste the command's output again"


# dtbd form (docs/forms.md)


@pytest.fixture(scope="module")
def form_inputs(tmp_path_factory):
    from dtbd import save_units, write_records_csv
    from test_forms import RECORDS, UNITS

    folder = tmp_path_factory.mktemp("form")
    write_records_csv(RECORDS, folder / "records")
    save_units(UNITS, folder / "units.toml")
    return folder


@pytest.mark.parametrize("locale", LOCALES)
def test_form_list_names_10_btctw_and_its_validity(capsys, locale):
    code, out, _ = run(capsys, "form", "--list", "--locale", locale)
    assert code == 0
    assert "10-BTCTW" in out
    assert "… – …" in out  # no date of issue recorded, none guessed


@pytest.mark.parametrize("suffix", [".xlsx", ".md", ".html"])
def test_form_writes_the_filled_form_with_the_library_s_numbers(capsys, form_inputs, suffix):
    from test_forms import EXPECTED

    out = form_inputs / f"bieu-10{suffix}"
    data = run_json(
        capsys, "form", "10-BTCTW", "--records", str(form_inputs / "records"),
        "--units", str(form_inputs / "units.toml"), "--unit", "hy", "--year", "2024",
        "--out", str(out),
    )  # fmt: skip
    assert out.stat().st_size > 0
    assert data["cells"]["I"] == {str(c): EXPECTED["I"].get(c, 0) for c in range(3, 12)}
    assert data["counted"] == 11
    assert len(data["unclassified"]) == 11


@pytest.mark.parametrize(("fmt", "locale"), [("table", "vi"), ("markdown", "en")])
def test_form_without_out_shows_the_rows_and_the_records_not_classified(
    capsys, form_inputs, fmt, locale
):
    code, out, err = run(
        capsys, "form", "10-BTCTW", "--records", str(form_inputs / "records"),
        "--units", str(form_inputs / "units.toml"), "--unit", "hy", "--year", "2024",
        "--format", fmt, "--locale", locale,
    )  # fmt: skip
    assert code == 0, err
    assert "Quốc phòng - An ninh" in out
    assert "b @ blank" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["form", "99-X", "--records", ".", "--unit", "u", "--year", "2024"], "99-X"),
        (["form", "10-BTCTW", "--unit", "u"], "--records, --year"),
        (
            [
                "form",
                "10-BTCTW",
                "--records",
                ".",
                "--unit",
                "u",
                "--year",
                "2024",
                "--from",
                "2024-01-01",
                "--to",
                "2024-06-30",
            ],
            "--from và --to",
        ),
    ],
)
def test_form_with_bad_arguments_exits_3_and_says_what_to_give(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 3
    assert message in err
    assert "Traceback" not in err


def test_form_lists_20_records_not_classifiable_in_the_terminal_and_counts_the_rest(
    capsys, tmp_path
):
    from dtbd import Attendance, Course, Person, Records, write_records_csv

    records = Records(
        persons=[Person(f"p{i}", level="province") for i in range(25)],
        courses=[Course("k", start="2024-02-01", content="bi-an")],
        attendances=[Attendance(f"p{i}", "k") for i in range(25)],
    )
    write_records_csv(records, tmp_path)
    code, out, err = run(
        capsys, "form", "10-BTCTW", "--records", str(tmp_path), "--unit", "u", "--year",
        "2024", "--locale", "en", "--format", "markdown",
    )  # fmt: skip
    assert code == 0, err
    assert "p19 @ k" in out
    assert "p20 @ k" not in out
    assert "and 6 more" in out  # 5 attendances and the class
