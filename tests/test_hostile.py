"""A corpus of bad input (tests/hostile/): every case is one DtbdError, or exit 3 and one
message from the command line, never a traceback, and every case finishes.

Each case runs under a SIGALRM guard: a case that hangs (a parser expanding aliases, a
rule comparing every pair) fails as a hang instead of stalling the run. The guard is a
ceiling far above any case's cost, not a timing test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import mangled

from dtbd import (
    PROBLEM_CODES,
    DtbdError,
    RecordError,
    SchemeFileError,
    dump_scheme,
    evaluate,
    load_scheme,
    loads_scheme,
    parse_figure,
    read_records,
    records_from_dicts,
)
from dtbd.cli._main import EXIT_BAD_INPUT, main
from dtbd.files._scheme_files import FORMATS

HOSTILE = Path(__file__).resolve().parent / "hostile"
SCHEMES = sorted((HOSTILE / "schemes").iterdir())
RECORDS = sorted(p for p in (HOSTILE / "records").iterdir() if p.is_dir())
PHRASES = [
    line.encode("ascii").decode("unicode_escape")
    for line in (HOSTILE / "phrases.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
]
CEILING = 30  # seconds: a case that has not finished by then hangs
# CI-sized budgets; HYPOTHESIS_PROFILE=long runs a hundred times as many (docs/errors.md).
EXAMPLES = 20_000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 200


class CaseHangsError(Exception):
    """A case ran past :data:`CEILING`."""


@contextmanager
def finishes(seconds: int = CEILING) -> Iterator[None]:
    """Fail a case that runs past ``seconds`` (SIGALRM), then restore the old handler."""

    def hang(_signum: int, _frame: object) -> None:
        raise CaseHangsError(f"the case did not finish in {seconds} s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def one_message(err: str) -> None:
    """What the command line printed on stderr: one error, no traceback."""
    assert "Traceback" not in err
    assert err.count("dtbd: ") == 1, err
    assert len(err) < 5_000, "a message quotes the input shortened"


def readable(error: DtbdError) -> None:
    """Each problem has a code of the registry, a location, a short value, and goes to JSON."""
    data = error.to_dict()
    json.dumps(data)
    for problem in data["problems"]:
        assert problem["code"] in PROBLEM_CODES, problem
        assert problem["location"], problem
        assert problem["value"] is None or len(problem["value"]) < 200, problem


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.name)
def test_a_bad_scheme_file_is_one_scheme_file_error(path: Path) -> None:
    """load_scheme and loads_scheme refuse the file with a SchemeFileError, never another."""
    with finishes(), pytest.raises(SchemeFileError) as caught:
        load_scheme(path)
    assert all(len(problem) < 1_000 for problem in caught.value.problems)
    readable(caught.value)
    with finishes(), pytest.raises(SchemeFileError):
        loads_scheme(path.read_bytes(), FORMATS[path.suffix])


@pytest.mark.parametrize("command", ["show", "audit"])
@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.name)
def test_the_command_line_refuses_a_bad_scheme_file_in_one_message(
    path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``dtbd show FILE`` and ``dtbd audit FILE``: exit 3, one message, no traceback."""
    with finishes():
        code = main([command, str(path)])
    assert code == EXIT_BAD_INPUT
    one_message(capsys.readouterr().err)


@pytest.mark.parametrize("folder", RECORDS, ids=lambda p: p.name)
def test_bad_record_files_are_a_record_error(folder: Path) -> None:
    """read_records refuses each folder with a RecordError naming the table and row."""
    with finishes(), pytest.raises(RecordError) as caught:
        read_records(folder)
    assert all(problem.table for problem in caught.value.problems)
    readable(caught.value)


@pytest.mark.parametrize("folder", RECORDS, ids=lambda p: p.name)
def test_progress_from_bad_records_is_one_message(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``dtbd progress FILE --records DIR``: exit 3, one message, no traceback."""
    with finishes():
        code = main(["progress", str(HOSTILE / "scheme.toml"), "--records", str(folder)])
    assert code == EXIT_BAD_INPUT
    one_message(capsys.readouterr().err)


@pytest.mark.parametrize("phrase", PHRASES, ids=range(len(PHRASES)))
def test_a_bad_figure_phrase_is_a_figure_parse_error(phrase: str) -> None:
    """parse_figure refuses each phrase of tests/hostile/phrases.txt with a DtbdError."""
    with finishes(), pytest.raises(DtbdError) as caught:
        parse_figure(phrase)
    assert isinstance(caught.value, ValueError)
    assert len(str(caught.value)) < 1_000


BAD_DICTS: dict[str, dict[str, Any]] = {
    "the same attendance twice": {
        "courses": [{"id": "k1", "start": "2024-03-04"}],
        "attendances": [{"person": "p1", "course": "k1"}] * 2,
    },
    "an id with a trailing newline": {"persons": [{"id": "p1\n"}]},
    "an id with a zero-width space": {"attendances": [{"person": "p1\u200b", "course": "k1"}]},
    "an id of a lone no-break space": {"persons": [{"id": "\u00a0"}]},
    "an id with a control character": {"persons": [{"id": "p\x1b1"}]},
    "a course start with a time of day": {
        "courses": [{"id": "k1", "start": dt.datetime(2024, 3, 4, 15, 30)}]  # noqa: DTZ001
    },
    "a row that is not a mapping": {"persons": [["p1", "An"]]},
    "a key that is not a text": {"persons": [{1: "p1"}]},
    "a 5,000-digit amount": {
        "spending": [{"id": "s1", "date": "2024-03-04", "amount": "9" * 5000}]
    },
}


@pytest.mark.parametrize("tables", BAD_DICTS.values(), ids=BAD_DICTS)
def test_bad_dicts_are_a_record_error_naming_the_row(tables: dict[str, Any]) -> None:
    """records_from_dicts refuses each case, naming table and row, nothing silently kept."""
    with finishes(), pytest.raises(RecordError) as caught:
        records_from_dicts(**tables)
    assert all(problem.row >= 1 for problem in caught.value.problems)
    readable(caught.value)


def test_a_repeated_attendance_is_counted_once_and_reported_as_a_duplicate() -> None:
    """Read leniently, the copy is dropped and the summary counts it among the malformed."""
    loaded = records_from_dicts(**BAD_DICTS["the same attendance twice"], on_error="report")
    (problem,) = loaded.problems
    assert (problem.row, problem.duplicate_of) == (2, 1)
    scheme = load_scheme(HOSTILE / "scheme.toml")
    summary = evaluate(scheme, loaded, dt.date(2025, 12, 31)).records.attendances
    assert (summary.read, summary.counted, summary.malformed, summary.duplicates) == (2, 1, 1, 1)


def test_a_repeated_attendance_in_records_built_by_hand_counts_once() -> None:
    """Records made from model objects skip the reader; the engine reports the copy."""
    from dtbd import Attendance, Course, Records

    records = Records(
        courses=[Course("k1", dt.date(2024, 3, 4))],
        attendances=[Attendance("p1", "k1")] * 3,
    )
    scheme = load_scheme(HOSTILE / "scheme.toml")
    result = evaluate(scheme, records, dt.date(2025, 12, 31))
    assert result.targets["luot"].numerator == 1
    assert result.records.attendances.duplicates == 2
    assert [p.duplicate_of for p in result.records.attendances.problems] == [1, 1]


GOOD = load_scheme(HOSTILE / "scheme.toml")
TEXTS = {fmt: dump_scheme(GOOD, fmt) for fmt in ("toml", "json", "yaml")}


def _loads_or_dtbd_error(text: str | bytes, fmt: str) -> None:
    with suppress(DtbdError):
        loads_scheme(text, fmt)


@pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
@settings(max_examples=EXAMPLES, deadline=None)
@given(data=st.data())
def test_loads_scheme_on_any_text_raises_only_dtbd_errors(fmt: str, data: st.DataObject) -> None:
    """Arbitrary text, mangled good files and arbitrary bytes: a scheme or a DtbdError."""
    text = data.draw(st.one_of(st.text(), mangled(TEXTS[fmt])))
    with finishes():
        _loads_or_dtbd_error(text, fmt)
    with finishes():
        _loads_or_dtbd_error(data.draw(st.binary()), fmt)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="0123456789.,- %khoảngtừđếnngườilượttỷđồng ")))
def test_parse_figure_on_any_text_raises_only_dtbd_errors(text: str) -> None:
    """parse_figure returns a figure or raises a DtbdError that is a ValueError."""
    refused: DtbdError | None = None
    with finishes():
        try:
            parse_figure(text)
        except DtbdError as exc:
            refused = exc
    assert refused is None or isinstance(refused, ValueError)


CLI = [
    line
    for line in (HOSTILE / "cli.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize("line", CLI)
def test_a_bad_command_line_argument_is_one_message_and_exit_2_or_3(
    line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tests/hostile/cli.txt: bad --as-of, --scale, --records, --format: no traceback."""
    import shlex

    records = tmp_path / "records"
    records.mkdir()
    (records / "persons.csv").write_text("id\np1\n", encoding="utf-8")
    argv = [
        a.replace("RECORDS", str(records)).replace("OUT", str(tmp_path / "out"))
        for a in shlex.split(line)
    ]
    with finishes():
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
    assert code in (2, EXIT_BAD_INPUT), line
    err = capsys.readouterr().err
    if code == EXIT_BAD_INPUT:
        one_message(err)
    else:  # a usage error: the usage, then one line naming the argument
        assert "Traceback" not in err
        assert err.strip().splitlines()[-1].startswith("dtbd"), err
        assert len(err) < 5_000
    assert not (tmp_path / "out").exists()  # nothing written on a refusal


def _workbook(tmp: Path, sheets: dict[str, list[list[Any]]], merged: tuple[str, ...] = ()) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in merged:
            sheet.merge_cells(cells)
    path = tmp / "records.xlsx"
    book.save(path)
    return path


def _cache_formulas(path: Path, value: str) -> None:
    """Give every formula the saved result Excel would write (openpyxl writes none)."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            parts[name] = book.read(name)
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            parts[name] = data.replace(b"<v></v>", f"<v>{value}</v>".encode())
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)


COURSE_HEAD = ["id", "start", "cost"]
WORKBOOKS: dict[str, tuple[dict[str, list[list[Any]]], tuple[str, ...], str | None]] = {
    # name: sheets, merged ranges, the problem's words (None: read right)
    "a merged header over a filled column": (
        {"persons": [["id", "Họ và tên", None], ["p1", "An", "x"]]},
        ("B1:C1",),
        "is in a column with no header",
    ),
    "a merged header over an empty column": (
        {"persons": [["id", "Họ và tên", None], ["p1", "An", None]]},
        ("B1:C1",),
        None,
    ),
    "a unit merged over three data rows": (
        {"persons": [["id", "unit"], ["p1", "Sở"], ["p2", None], ["p3", None]]},
        ("B2:B4",),
        "cells B2:B4 are merged",
    ),
    "a heading row merged across the columns": (
        {"persons": [["id", "unit"], ["Khối Đảng", None], ["p1", "Sở"]]},
        ("A2:B2",),
        "cells A2:B2 are merged",
    ),
    "a formula without a saved result": (
        {"courses": [COURSE_HEAD, ["k1", "2024-03-04", "=2+3"]]},
        (),
        "a formula whose result was never saved",
    ),
    "a number stored as text": (
        {"courses": [COURSE_HEAD, ["k1", "2024-03-04", "1500000"]]},
        (),
        None,
    ),
    "a number with thousands dots stored as text": (
        {"courses": [COURSE_HEAD, ["k1", "2024-03-04", "1.500.000"]]},
        (),
        "'1.500.000' is not a number",
    ),
    "a date as a serial number": (
        {"courses": [["id", "start"], ["k1", 45356]]},
        (),
        "45356 is not a date",
    ),
    "a date as Vietnamese text": ({"courses": [["id", "start"], ["k1", "04/03/2024"]]}, (), None),
    "an impossible date as text": (
        {"courses": [["id", "start"], ["k1", "31/02/2024"]]},
        (),
        "31/02/2024",
    ),
}


@pytest.mark.parametrize("case", sorted(WORKBOOKS))
def test_a_hostile_workbook_is_read_right_or_refused_at_its_cell(
    case: str, tmp_path: Path
) -> None:
    """Merged cells, formulas, numbers as text, dates as serials or text: never a guess."""
    pytest.importorskip("openpyxl")
    sheets, merged, said = WORKBOOKS[case]
    path = _workbook(tmp_path, sheets, merged)
    table = next(iter(sheets))
    rows = sheets[table][1:]
    if said is None:
        with finishes():
            records = read_records(path)
        assert len(getattr(records, table)) == len(rows)  # nothing dropped
        return
    with finishes(), pytest.raises(RecordError) as caught:
        read_records(path)
    readable(caught.value)
    assert any(said in str(problem) for problem in caught.value.problems), caught.value
    assert all(problem.row >= 2 for problem in caught.value.problems)


def test_a_formula_with_its_saved_result_is_read_as_that_result(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = _workbook(tmp_path, {"courses": [COURSE_HEAD, ["k1", "2024-03-04", "=2+3"]]})
    _cache_formulas(path, "5")
    (course,) = read_records(path).courses
    assert course.cost == 5


def test_the_courses_read_from_text_cells_have_their_values(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    sheets = {"courses": [COURSE_HEAD, ["k1", "04/03/2024", "1500000"]]}
    (course,) = read_records(_workbook(tmp_path, sheets)).courses
    assert (course.start, course.cost) == (dt.date(2024, 3, 4), 1_500_000)


WRONG_DTYPES: dict[str, tuple[str, dict[str, list[Any]], str]] = {
    # name: table, columns, what the error says
    "an id column of floats with a fraction": (
        "persons",
        {"id": [1.0, 2.5]},
        "must be a whole number",
    ),
    "a date column of strings that are no dates": (
        "courses",
        {"id": ["k1", "k2"], "start": ["2024-03-04", "mai"]},
        "'mai' is not a date",
    ),
    "a bool amount": (
        "spending",
        {"id": ["s1"], "date": [dt.date(2024, 3, 4)], "amount": [True]},
        "spending frame: 'amount' is Boolean",
    ),
    "a list column of numbers as topics": (
        "courses",
        {"id": ["k1"], "start": [dt.date(2024, 3, 4)], "topics": [[1, 2]]},
        "courses frame: 'topics' is List",
    ),
}


@pytest.mark.parametrize("engine", ["polars", "pandas", "duckdb", "dask"])
@pytest.mark.parametrize("case", sorted(WRONG_DTYPES))
def test_a_frame_of_a_wrong_dtype_is_refused_naming_the_column_or_the_row(
    case: str, engine: str
) -> None:
    """A whole column of the wrong type is a FrameColumnError; a bad cell a row problem."""
    import polars as pl

    from dtbd import FrameColumnError, frames
    from test_frame_refusals import _engine

    if engine == "dask":
        pytest.importorskip("dask.dataframe")
    if engine == "dask" and "list column" in case:
        # dask.dataframe.from_pandas turns object lists into their text itself
        # ("dataframe.convert-string"): dtbd never sees a list there
        pytest.xfail("Dask's from_pandas has made the lists text before dtbd reads them")
    table, columns, said = WRONG_DTYPES[case]
    native = _engine(engine, pl.DataFrame(columns, strict=False))
    if " frame: " in said:  # a whole column of the wrong type
        with finishes(), pytest.raises(FrameColumnError, match=re.escape(said)):
            frames(**{table: native})
        return
    with finishes():
        read = frames(**{table: native})
        problems = read.unread(table)
    assert any(said in problem.message for problem in problems), problems
    kept = read.table(table)
    assert kept is not None
    assert len(kept.collect()) == len(next(iter(columns.values()))) - len(problems)
