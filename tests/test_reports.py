"""A scheme's progress report: the same numbers in every format, bytes that repeat, provenance."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from dtbd import (
    OrgUnit,
    Person,
    ProgressReport,
    Records,
    UnitTree,
    __version__,
    catalog,
    check,
    evaluate,
    input_digest,
    progress_report,
)
from dtbd.cli._main import main
from dtbd.display._numbers import shown_count
from dtbd.documents._parts import Bars, Grid
from dtbd.examples._csv import write_records_csv
from dtbd.examples._records import example_records
from html_table import tables as html_tables

docx = pytest.importorskip("docx")

SCHEME = catalog.load("hung-yen-171-2023")
AS_OF = dt.date(2025, 6, 30)
RECORDS = example_records(SCHEME, seed=0, scale=0.1)


@pytest.fixture(scope="module")
def report() -> ProgressReport:
    return progress_report(SCHEME, RECORDS, AS_OF, source="hung-yen-171-2023")


def _grids(report: ProgressReport, locale: str) -> list[Grid]:
    return [p for s in report.sections(locale) for p in s.parts if isinstance(p, Grid)]


def _docx_tables(data: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def _markdown_tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(set(c) <= {"-", ":"} for c in cells):
                tables[-1].append([c.replace("\u00a0", "").removeprefix("– ") for c in cells])
        previous = line
    return tables


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_every_format_shows_the_same_cells(report: ProgressReport, locale: str) -> None:
    """The tables of the HTML page, the Word document and the Markdown hold the same text."""
    expected = [[list(g.headers), *map(list, g.rows)] for g in _grids(report, locale)]
    assert html_tables(report.to_html(locale)) == expected
    assert _docx_tables(report.to_docx(locale)) == expected
    # Markdown escapes what a reader would see unescaped; the chart is one more table.
    shown = _markdown_tables(report.to_markdown(locale))
    unescaped = [[[c.replace("\\", "") for c in row] for row in t] for t in shown]
    assert [t for t in unescaped if t[0] in [e[0] for e in expected]] == expected


def test_the_progress_table_holds_what_evaluate_gives(report: ProgressReport) -> None:
    """Each target's achieved cell is evaluate()'s number, written as the tables write it."""
    evaluation = evaluate(SCHEME, RECORDS, AS_OF)
    progress = next(g for g in _grids(report, "vi") if g.toned == 7)
    for row, p in zip(progress.rows, evaluation.targets.values(), strict=True):
        assert row[0] == p.label
        assert row[2] == shown_count(p.achieved, p.unit, "vi", none="—")


def test_the_chart_has_a_bar_per_target_at_its_share(report: ProgressReport) -> None:
    """The chart's bars are the shares of the progress table; the SVG draws one per target."""
    (chart,) = [p for s in report.sections("vi") for p in s.parts if isinstance(p, Bars)]
    evaluation = report.evaluation
    assert [b.achieved for b in chart.bars] == [
        p.share_of_low for p in evaluation.targets.values()
    ]
    page = report.to_html("vi")
    assert page.count("<rect ") == sum(1 for b in chart.bars if b.achieved is not None)
    assert "<script" not in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")


@pytest.mark.parametrize("kind", ["html", "markdown", "docx"])
def test_the_same_inputs_give_the_same_bytes(report: ProgressReport, kind: str) -> None:
    """No clock and no random order: a second report of the same records is byte-identical."""
    again = progress_report(SCHEME, RECORDS, AS_OF, source="hung-yen-171-2023")
    write = {"html": "to_html", "markdown": "to_markdown", "docx": "to_docx"}[kind]
    assert getattr(report, write)("vi") == getattr(again, write)("vi")


def test_the_report_states_its_provenance(report: ProgressReport) -> None:
    """dtbd's and the catalog's versions, the as-of day and the inputs' digest are written."""
    made = report.provenance
    assert (made.dtbd_version, made.catalog_version) == (__version__, catalog.version())
    assert made.digest == input_digest(SCHEME, RECORDS)
    assert re.fullmatch(r"[0-9a-f]{64}", made.digest)
    for text in (report.to_html("en"), report.to_markdown("en")):
        assert made.digest in text
        assert catalog.version() in text
        assert "2025-06-30" in text


def test_the_digest_ignores_row_order_and_sees_a_changed_cell() -> None:
    """Rows in another order are the same records; one changed birth date is not."""
    shuffled = attrs.evolve(RECORDS, persons=tuple(reversed(RECORDS.persons)))
    assert input_digest(SCHEME, shuffled) == input_digest(SCHEME, RECORDS)
    first = RECORDS.persons[0]
    changed = attrs.evolve(first, birth_date=dt.date(1970, 1, 1))
    edited = attrs.evolve(RECORDS, persons=(changed, *RECORDS.persons[1:]))
    assert input_digest(SCHEME, edited) != input_digest(SCHEME, RECORDS)


def test_dataframes_give_the_same_report_as_records() -> None:
    """Polars frames of the same rows give the same page, digest included."""
    pytest.importorskip("polars")
    from test_frames import polars_tables

    frames = polars_tables(RECORDS)
    from_frames = progress_report(SCHEME, frames, AS_OF, source="hung-yen-171-2023")
    from_records = progress_report(SCHEME, RECORDS, AS_OF, source="hung-yen-171-2023")
    assert from_frames.to_html("vi") == from_records.to_html("vi")


def test_violations_are_counted_by_rule_and_code() -> None:
    """The rules section has a row per rule and code, with check()'s count."""
    scheme = catalog.load("qd-1641-2022")
    records = example_records(scheme, seed=0, scale=0.3)
    found = progress_report(scheme, records, dt.date(2025, 12, 31))
    expected = Counter((v.rule or "", v.code) for v in check(scheme, records))
    assert expected
    labels = {r.id: r.label for r in scheme.rules}
    grid = next(g for g in _grids(found, "en") if g.toned == 2)
    shown = {(row[0], row[1]): int(row[3].replace(",", "")) for row in grid.rows}
    assert shown == {
        (labels.get(rule, rule) or "—", code): n for (rule, code), n in expected.items()
    }


def test_units_give_a_rolled_up_table_with_the_total() -> None:
    """With units, each unit's achieved is its subtree's, and the last row is the whole."""
    units = UnitTree(
        (
            OrgUnit("tinh", "Tỉnh", "province"),
            OrgUnit("so-a", "Sở A", "department", parent="tinh"),
            OrgUnit("so-b", "Sở B", "department", parent="tinh"),
        )
    )
    persons = tuple(
        attrs.evolve(p, unit="so-a" if i % 2 else "so-b") for i, p in enumerate(RECORDS.persons)
    )
    records = attrs.evolve(RECORDS, persons=persons)
    found = progress_report(SCHEME, records, AS_OF, units=units)
    grid = next(g for g in _grids(found, "vi") if g.headers[0] == "Đơn vị")
    assert [row[0] for row in grid.rows] == ["Tỉnh", "Sở A", "Sở B", "Tổng số (mọi bản ghi)"]
    assert grid.depths == (0, 1, 1, 0)
    assert grid.rows[0][2:] == grid.rows[-1][2:]
    first = next(iter(found.evaluation.targets.values()))
    parts = [
        found.breakdown[k].evaluation.targets[first.target_id].achieved for k in ("so-a", "so-b")
    ]
    assert sum(v or Decimal(0) for v in parts) == first.achieved


def test_unreadable_rows_are_listed_with_their_table_and_row(tmp_path: Path) -> None:
    """A row that cannot be read is in the records section, with its row number."""
    write_records_csv(RECORDS, tmp_path)
    path = tmp_path / "persons.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    bad = ["x"] * len(header)
    bad[header.index("id")] = "vd-hong"
    bad[header.index("birth_date")] = "31/02/1980"
    path.write_text("\n".join([*lines, ",".join(bad)]) + "\n", encoding="utf-8")
    found = progress_report(SCHEME, tmp_path, AS_OF)
    grid = next(g for g in _grids(found, "en") if g.headers[0] == "Table")
    assert any(row[1] == format(len(lines), ",") for row in grid.rows)


def test_hostile_labels_are_escaped_in_html_and_markdown() -> None:
    """A scheme title with a script and a formula shows as text in both formats."""
    scheme = attrs.evolve(SCHEME, title="<script>alert(1)</script> =cmd|' /C calc'!A0")
    found = progress_report(scheme, Records(persons=[Person("a")]), AS_OF)
    page = found.to_html("vi")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    text = found.to_markdown("vi")
    assert "<script>" not in text
    assert "\\=cmd" not in text.split("|")[0]
    assert "&lt;script&gt;" in text


def test_save_picks_the_format_by_suffix_and_refuses_others(
    report: ProgressReport, tmp_path: Path
) -> None:
    assert report.save(tmp_path / "r.docx").read_bytes() == report.to_docx()
    assert report.save(tmp_path / "r.md", "en").read_text(encoding="utf-8") == report.to_markdown(
        "en"
    )
    with pytest.raises(ValueError, match=r"r\.pdf: a report is written as \.html"):
        report.save(tmp_path / "r.pdf")


def test_the_command_line_writes_the_report_and_says_its_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dtbd report` writes the file its --out names; JSON gives the digest of the API's."""
    write_records_csv(RECORDS, tmp_path / "records")
    out = tmp_path / "bao-cao.html"
    argv = ["report", "hung-yen-171-2023", "--records", str(tmp_path / "records")]
    code = main([*argv, "--as-of", "2025-06-30", "--out", str(out), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    expected = progress_report(SCHEME, tmp_path / "records", AS_OF, source="hung-yen-171-2023")
    assert data["digest"] == expected.provenance.digest
    assert out.read_text(encoding="utf-8") == expected.to_html("vi")
    code = main([*argv, "--out", str(tmp_path / "r.pdf"), "--locale", "en"])
    assert code == 3
    assert "give --out one of those suffixes" in capsys.readouterr().err
