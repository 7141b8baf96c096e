"""What the command line reads: a scheme by catalog id or file, records, dates.

Every mistake becomes a :class:`CliInputError` (or a library :class:`~dtbd.DtbdError`)
whose message names the file, path or row and says what to write instead.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pendulum

from dtbd import catalog
from dtbd._errors import DtbdError, RecordError, RecordProblem
from dtbd.files._scheme_files import load_scheme
from dtbd.model._period import parse_date as read_date
from dtbd.model._scheme import Scheme
from dtbd.records._dicts import TABLES
from dtbd.records._read import read_records
from dtbd.records._records import Records

__all__ = ["CliInputError", "SchemeSource", "latest_date", "parse_date", "read", "resolve"]

SCHEME_SUFFIXES = (".toml", ".json", ".yaml", ".yml")


class CliInputError(DtbdError, ValueError):
    """A command-line argument cannot be used; the message says what to give instead."""


def parse_date(text: str, *, option: str = "--as-of") -> pendulum.Date:
    """A date written in ISO or in a Vietnamese day/month/year form (:func:`dtbd.parse_date`).

    Raises:
        CliInputError: the text is not a date; the message names the option.
    """
    try:
        return read_date(text)
    except ValueError as error:
        raise CliInputError(f"{option} {error}") from None


@attrs.frozen
class SchemeSource:
    """A scheme and where it came from: a catalog id or a file."""

    scheme: Scheme
    catalog_id: str | None = None
    path: Path | None = None

    @property
    def name(self) -> str:
        """The catalog id or the file path, as the user wrote it."""
        return self.catalog_id if self.catalog_id is not None else str(self.path)

    @property
    def catalog_version(self) -> str | None:
        """The catalog's data version for a catalog entry, ``None`` for a file."""
        return catalog.version() if self.catalog_id is not None else None


def resolve(argument: str) -> SchemeSource:
    """The scheme an ``ID|FILE`` argument names.

    A catalog id wins; anything that looks like a path (a scheme suffix, a ``/``, or an
    existing file) is read as a scheme file; anything else is an unknown id, and the
    error suggests the closest one.

    Raises:
        UnknownSchemeError: no catalog id and no file of that name.
        SchemeFileError: the file has mistakes.
        OSError: the file cannot be read.
    """
    if argument in catalog.ids():
        return SchemeSource(catalog.load(argument), catalog_id=argument)
    path = Path(argument)
    if path.suffix.lower() in SCHEME_SUFFIXES or "/" in argument or path.exists():
        if path.is_dir():
            raise CliInputError(
                f"{argument} is a folder; give a scheme file (.toml, .json or .yaml) or a "
                f"catalog id ({', '.join(catalog.ids())})"
            )
        return SchemeSource(load_scheme(path), path=path)
    return SchemeSource(catalog.load(argument), catalog_id=argument)


def read(path_text: str) -> Records:
    """Records from a folder of CSV files, or from one CSV file named after its table.

    Raises:
        CliInputError: the path does not exist, or a row is malformed (every bad row
            is listed with its table, row number and field).
    """
    path = Path(path_text)
    if not path.exists():
        raise CliInputError(
            f"--records {path_text}: no such file or folder; give a folder holding "
            "persons.csv, courses.csv, attendances.csv and/or spending.csv (write an "
            "example with `dtbd example ID --out DIR`)"
        )
    try:
        return read_records(path if path.is_dir() else [path])
    except RecordError as error:
        lines = "\n  ".join(_where(p, path) for p in error.problems[:20])
        more = len(error.problems) - 20
        tail = f"\n  … and {more} more" if more > 0 else ""
        raise CliInputError(
            f"the records in {path_text} have mistakes (rows count from 1 after the "
            f"header):\n  {lines}{tail}\nFix these cells (docs/records.md lists each "
            "column and its format) and run again."
        ) from None


def _where(problem: RecordProblem, path: Path) -> str:
    """The problem with the file it is in: "dir/courses.csv row 2, field 'start': …"."""
    if problem.table not in TABLES:
        return str(problem)
    file = path / f"{problem.table}.csv" if path.is_dir() else path
    field = f", field {problem.field!r}" if problem.field else ""
    row = "header" if problem.row == 0 else f"row {problem.row}"
    return f"{file} {row}{field}: {problem.message}"


def latest_date(records: Records) -> dt.date | None:
    """The latest date in the records: a course's start or a payment; ``None`` if none."""
    days = [c.start for c in records.courses] + [s.date for s in records.spending]
    return max(days) if days else None
