"""Hostile text (formulas, HTML, table breakers) is written inert by every export path.

The export paths are: ``write_records_csv`` (and ``dtbd example``, which calls it) and the
Markdown of every command (``--format markdown``). dtbd writes no XLSX (it only reads
workbooks), ``dump_scheme``/``save_scheme`` write scheme files (TOML, JSON, YAML) rather
than spreadsheets, and the HTML views already escape.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import example_records, read_records, save_scheme, write_records_csv
from dtbd._safe_text import FORMULA_STARTS, markdown_text, restore_cell, spreadsheet_cell
from dtbd.catalog import load
from dtbd.cli._main import main
from dtbd.examples._csv import _cell
from dtbd.model._people import Person
from dtbd.records._records import Records

HOSTILE = (
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "<script>alert(1)</script>",
    "a|b",
    "first line\n=second line",
    "'=already quoted",
)

# Any text, control characters and the quote included, so that the edges are drawn often.
_ANY_TEXT = st.text(st.sampled_from([*FORMULA_STARTS, "'", "a", "|", "<", "\n", " ", "ệ"]))
_TEXT_FIELDS = {
    "persons": ("name", "position", "unit", "qualifications", "tags"),
    "courses": ("title", "place", "provider", "lead", "topics", "content"),
    "spending": ("description",),
}


def _hostile(i: int) -> str:
    return HOSTILE[i % len(HOSTILE)]


def _hostile_records(records: Records) -> Records:
    persons = [
        attrs.evolve(p, name=_hostile(i), unit=_hostile(i + 1), tags=(_hostile(i + 2), "x"))
        for i, p in enumerate(records.persons)
    ]
    courses = [
        attrs.evolve(c, title=_hostile(i), topics=(_hostile(i + 3),), content=_hostile(i + 4))
        for i, c in enumerate(records.courses)
    ]
    spending = [attrs.evolve(s, description=_hostile(i)) for i, s in enumerate(records.spending)]
    return attrs.evolve(records, persons=persons, courses=courses, spending=spending)


def _trimmed(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, tuple):
        return tuple(item.strip() for item in value if item.strip())
    return value


def _as_read(rows: tuple[object, ...], table: str) -> list[object]:
    """The rows as every record reader gives text back: trimmed, blank as not recorded."""
    fields = _TEXT_FIELDS[table]
    return [attrs.evolve(row, **{f: _trimmed(getattr(row, f)) for f in fields}) for row in rows]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Records]:
    """A scheme file whose title and labels are hostile, and its hostile records as CSV."""
    scheme = load("hanoi-2022-2025")  # targets, budget lines and a rule
    assert scheme.budget is not None
    scheme = attrs.evolve(
        scheme,
        title="<script>alert(1)</script> | =1",
        citation=attrs.evolve(scheme.citation, title="=HYPERLINK(1)"),
        targets=[attrs.evolve(t, label=_hostile(i)) for i, t in enumerate(scheme.targets)],
        rules=[attrs.evolve(r, label=_hostile(i + 6)) for i, r in enumerate(scheme.rules)],
        budget=attrs.evolve(
            scheme.budget,
            lines=[
                attrs.evolve(b, label=_hostile(i + 6)) for i, b in enumerate(scheme.budget.lines)
            ],
        ),
    )
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.toml"
    save_scheme(scheme, path)
    records = _hostile_records(example_records(scheme, seed=3))
    write_records_csv(records, folder / "records")
    return path, folder / "records", records


def test_records_csv_has_no_live_formula_and_reads_back_the_hostile_text(hostile) -> None:
    """Every text cell starting like a formula is quoted; read_records gives the original."""
    _, directory, records = hostile
    for table, fields in _TEXT_FIELDS.items():
        with (directory / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        cells = [row[field] for row in rows for field in fields]
        assert any(cell.startswith("'") for cell in cells), table
        assert not [cell for cell in cells if cell[:1] in FORMULA_STARTS], table
    again = read_records(directory)
    assert list(again.persons) == _as_read(records.persons, "persons")
    assert list(again.courses) == _as_read(records.courses, "courses")
    assert list(again.spending) == _as_read(records.spending, "spending")


def test_numbers_and_dates_are_written_as_they_are_and_text_is_quoted() -> None:
    """A number is a number cell: a minus sign gets no quote; the same text does."""
    assert _cell(Decimal(-150000)) == "-150000"
    assert _cell(-1) == "-1"
    assert _cell(dt.date(2024, 3, 16)) == "2024-03-16"
    assert _cell("-150000") == "'-150000"
    assert _cell(("=a", "b")) == "'=a;b"


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _assert_inert_markdown(out: str) -> None:
    assert "<" not in out
    assert "\t" not in out
    assert "\r" not in out
    table_width = None
    for line in out.splitlines():
        if not line.startswith("|"):
            table_width = None
            words = line.lstrip("#").strip()
            assert words[:1] not in FORMULA_STARTS, line
            continue
        cells = _UNESCAPED_PIPE.split(line)[1:-1]
        # A '|' or a line break in a cell would change the row's number of cells.
        table_width = table_width or len(cells)
        assert len(cells) == table_width, line
        for cell in (c.strip() for c in cells):
            live = cell[:1] in "=+@" or (cell[:1] == "-" and not re.match(r"-[\d.,\s%]*$", cell))
            assert not live or set(cell) <= {"-", ":"}, line


@pytest.mark.parametrize("command", ["show", "audit", "progress", "check"])
def test_markdown_of_every_command_shows_hostile_labels_as_text(hostile, capsys, command):
    """Labels, titles and records' text come out escaped, never as HTML or a formula."""
    path, directory, _ = hostile
    argv = [command, str(path), "--format", "markdown", "--locale", "en"]
    if command in {"progress", "check"}:
        argv += ["--records", str(directory)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    _assert_inert_markdown(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    if command == "show":
        assert "a\\|b" in out
        assert "| \\=cmd\\|' /C calc'!A0 |" in out


@pytest.mark.parametrize("command", ["catalog", "demo"])
def test_markdown_of_the_built_in_data_is_inert_too(capsys, command):
    """The commands on built-in data go through the same escaping."""
    assert main([command, "--format", "markdown"]) == 0
    _assert_inert_markdown(capsys.readouterr().out)


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_text_is_neutralised_and_restored(text: str) -> None:
    """The OWASP characters get a quote; the Markdown form has no HTML and no line break."""
    cell = spreadsheet_cell(text)
    assert cell[:1] not in FORMULA_STARTS
    assert restore_cell(cell) == text
    shown = markdown_text(text)
    assert not {"<", ">", "\n", "\r", "\t"} & set(shown)
    assert shown[:1] not in FORMULA_STARTS


@given(_ANY_TEXT)
def test_neutralising_then_reading_back_gives_the_original(text: str) -> None:
    """restore_cell undoes spreadsheet_cell for every text, and the cell is never live."""
    cell = spreadsheet_cell(text)
    assert restore_cell(cell) == text
    assert cell[:1] not in FORMULA_STARTS
    assert cell == text or cell == "'" + text


@given(_ANY_TEXT)
def test_markdown_text_never_leaves_html_a_pipe_or_a_line_break(text: str) -> None:
    """No tag can open, no cell can split, no line can break; a formula start is escaped."""
    shown = markdown_text(text)
    assert not {"<", ">", "\n", "\r", "\t"} & set(shown)
    assert not _UNESCAPED_PIPE.search(shown.replace("\\\\", ""))
    assert shown[:1] not in FORMULA_STARTS


@given(st.lists(_ANY_TEXT, min_size=1, max_size=3))
def test_hostile_names_round_trip_through_the_csv_writer_and_reader(names: list[str]) -> None:
    """write_records_csv then read_records gives back each name as the reader takes text.

    Every record reader trims a text and reads a blank one as not recorded; a quote dtbd
    wrote against CSV injection changes nothing of that.
    """
    persons = tuple(Person(id=f"p{i}", name=name) for i, name in enumerate(names))
    with tempfile.TemporaryDirectory() as folder:
        write_records_csv(Records(persons=persons), Path(folder))
        again = read_records(Path(folder)).persons
    assert [p.name for p in again] == [name.strip() or None for name in names]
