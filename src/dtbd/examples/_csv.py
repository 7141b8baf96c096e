"""Records written as CSV files, one per table, in the form read_records reads back."""

from __future__ import annotations

import csv
import datetime as dt
import enum
from decimal import Decimal
from pathlib import Path

import attrs

from dtbd._safe_text import spreadsheet_cell
from dtbd.model._budget import Spending
from dtbd.model._people import Attendance, Course, Person
from dtbd.model._submission import SubmissionRow
from dtbd.records._records import Records

__all__ = ["write_records_csv"]


def _cell(value: object) -> str:
    """The CSV cell of a field's value; text that could run as a formula gets a ``'``."""
    if isinstance(value, str | tuple):
        return spreadsheet_cell(_text(value))
    return _text(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ";".join(_text(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_records_csv(records: Records, directory: Path) -> dict[str, Path]:
    """Write records as ``persons.csv``, ``courses.csv``, ``attendances.csv``, ``spending.csv``.

    Units' reports, when the records hold some, go to ``submissions.csv`` too.

    The columns are the model's field names, in order; lists are joined with ``;``,
    dates are ISO (``2024-03-16``), money is whole đồng without separators, and an
    empty cell means "not recorded". A text cell that begins with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is written with a ``'`` in front, as OWASP advises
    against CSV injection, so a spreadsheet shows it as text; numbers are written as
    numbers. The files are UTF-8 and read back with :func:`dtbd.read_records`, which
    takes that ``'`` off again. ``directory`` is created if needed; existing files of
    those names are replaced.

    Returns:
        The path written for each table, by table name.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[type, tuple[object, ...]]] = {
        "persons": (Person, records.persons),
        "courses": (Course, records.courses),
        "attendances": (Attendance, records.attendances),
        "spending": (Spending, records.spending),
    }
    if records.submissions:  # units' reports, written only when there are some
        tables["submissions"] = (SubmissionRow, records.submissions)
    written: dict[str, Path] = {}
    for name, (model, rows) in tables.items():
        columns = [field.name for field in attrs.fields(model)]
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(columns)
            writer.writerows([_cell(getattr(row, c)) for c in columns] for row in rows)
        written[name] = path
    return written
