"""What the command line reads: a scheme by catalog id or file, records, dates.

Every mistake becomes a :class:`CliInputError` (or a library :class:`~dtbd.DtbdError`)
whose message names the file, path or row and says what to write instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import attrs
import pendulum

from dtbd import catalog
from dtbd._errors import DtbdError, RecordError, RecordProblem
from dtbd.files._scheme_files import load_scheme
from dtbd.model._period import parse_date as read_date
from dtbd.model._scheme import Scheme
from dtbd.records._dicts import TABLES
from dtbd.records._read import read_records, table_files
from dtbd.records._records import Records
from dtbd.records._workbook import SheetProblem
from dtbd.words import say

__all__ = [
    "SHOWN_PROBLEMS",
    "CliInputError",
    "RecordsInputError",
    "SchemeSource",
    "latest_date",
    "parse_date",
    "read",
    "resolve",
]

SCHEME_SUFFIXES = (".toml", ".json", ".yaml", ".yml")


SHOWN_PROBLEMS = 20
"""How many bad rows a records error lists before "… and N more"."""


class CliInputError(DtbdError, ValueError):
    """A command-line argument cannot be used; the message says what to give instead.

    The message is a key of :mod:`dtbd.words` and its fields, so that the command line
    shows it in the language of ``--locale``; ``str()`` gives the English text.

    Attributes:
        key: the message's key in :mod:`dtbd.words`.
        fields: the values put into it.
    """

    code = "cli.argument"

    def __init__(self, key: str, /, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(self.explain("en"))

    def explain(self, locale: str) -> str:
        """The message in ``locale``."""
        return say(self.key, locale, **self.fields)


class RecordsInputError(CliInputError):
    """Records with mistakes: each bad row with its file, row number and field.

    Attributes:
        path: the ``--records`` argument as given.
        problems: every bad row found.
    """

    problems: tuple[RecordProblem, ...]

    def __init__(self, path: str, problems: Sequence[RecordProblem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        # A workbook's rows are numbered as Excel shows them, a file's from 1 after the header.
        book = Path(path).suffix.lower() in {".xlsx", ".xlsm"}
        super().__init__("cli.error.records_sheets" if book else "cli.error.records", path=path)

    def readable(self) -> tuple[RecordProblem, ...]:
        """The problems, each naming the file it is in."""
        files = _files(Path(self.path))
        return tuple(
            attrs.evolve(p, file=p.file or files.get(p.table, self.path)) for p in self.problems
        )

    def explain(self, locale: str) -> str:
        """The message in ``locale``: at most :data:`SHOWN_PROBLEMS` rows, then a count."""
        files = _files(Path(self.path))
        lines = [_where(p, files, self.path, locale) for p in self.problems[:SHOWN_PROBLEMS]]
        more = len(self.problems) - SHOWN_PROBLEMS
        if more > 0:
            lines.append(say("cli.error.records_more", locale, count=more))
        return say(self.key, locale, path=self.path, problems="\n  ".join(lines))


def parse_date(text: str, *, option: str = "--as-of") -> pendulum.Date:
    """A date written in ISO or in a Vietnamese day/month/year form (:func:`dtbd.parse_date`).

    Raises:
        CliInputError: the text is not a date; the message names the option.
    """
    try:
        return read_date(text)
    except ValueError as error:
        raise CliInputError("cli.error.bad_date", option=option, detail=error) from None


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
                "cli.error.folder_given", path=argument, ids=", ".join(catalog.ids())
            )
        return SchemeSource(load_scheme(path), path=path)
    return SchemeSource(catalog.load(argument), catalog_id=argument)


def read(path_text: str) -> Records:
    """Records as :func:`dtbd.read_records` reads them: a folder, a workbook or one file.

    Raises:
        CliInputError: the path does not exist.
        RecordsInputError: rows are malformed (every bad row is listed with its file,
            row number and field).
    """
    path = Path(path_text)
    if not path.exists():
        raise CliInputError("cli.error.no_records_path", path=path_text)
    try:
        return read_records(path)
    except RecordError as error:
        raise RecordsInputError(path_text, error.problems) from None


def _files(path: Path) -> dict[str, str]:
    """The file each table of a folder was read from (none for a workbook or one file)."""
    if not path.is_dir():
        return {}
    # The folder was read, so its files are named after tables; a refusal names the folder.
    with contextlib.suppress(RecordError):
        return {name: str(file) for name, file in table_files(path).items()}
    return {}


def _where(problem: RecordProblem, files: dict[str, str], path: str, locale: str) -> str:
    """The problem with the file it is in: "dir/courses.csv row 2, field 'start': …"."""
    file = files.get(problem.table, path)
    if isinstance(problem, SheetProblem):
        file += " " + say("cli.error.record_sheet", locale, sheet=repr(problem.sheet))
    if problem.table not in TABLES or (problem.row == 0 and not problem.field):
        return say("cli.error.record_file", locale, file=file, message=problem.message)
    row = (
        say("cli.error.record_header", locale)
        if problem.row == 0
        else say("cli.error.record_row", locale, row=problem.row)
    )
    field = ""
    if isinstance(problem, SheetProblem) and problem.column:
        field = say("cli.error.record_column", locale, column=repr(problem.column))
    elif problem.field:
        field = say("cli.error.record_field", locale, field=repr(problem.field))
    return say(
        "cli.error.record_where", locale, file=file, row=row, field=field, message=problem.message
    )


def latest_date(records: Records) -> dt.date | None:
    """The latest date in the records: a course's start or a payment; ``None`` if none."""
    days = [c.start for c in records.courses] + [s.date for s in records.spending]
    return max(days) if days else None
