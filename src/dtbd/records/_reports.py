"""Units' reports (the ``submissions`` table) taken out of any records, as Python rows.

Reports are small — a few rows per unit and year — so a report given as a dataframe is
collected and read by the dict reader, with the same headers, words and row-numbered
problems; the person-level tables stay frames for the frame engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import attrs

from dtbd._errors import RecordProblem
from dtbd.model._submission import SubmissionRow
from dtbd.records._dicts import TABLES, LoadedRecords, _read_numbered
from dtbd.records._frame_cells import is_frame, plain_cell
from dtbd.records._headers import header_fields, numbered_rows
from dtbd.records._records import Records
from dtbd.records._words import VIETNAMESE_HEADERS, VIETNAMESE_VALUES, key

__all__ = ["Reports", "reports_of", "split_reports"]

_TABLE = "submissions"


@attrs.frozen
class Reports:
    """Report rows, their source row numbers and the problems of the rows refused."""

    rows: tuple[SubmissionRow, ...] = ()
    numbers: tuple[int, ...] = ()
    problems: tuple[RecordProblem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rows or self.problems)


def reports_of(records: Records | LoadedRecords) -> Reports:
    """The report rows of records already read."""
    if isinstance(records, LoadedRecords):
        own = tuple(p for p in records.problems if p.table == _TABLE)
        numbers = records.rows.get(_TABLE)
        rows = records.records.submissions
        return Reports(rows, tuple(numbers) if numbers else tuple(range(1, len(rows) + 1)), own)
    return Reports(records.submissions, tuple(range(1, len(records.submissions) + 1)))


def _gap(value: object) -> bool:
    """Whether a frame's cell is missing: ``None``, NaN, or pandas' ``NA``."""
    try:
        return value is None or bool(value != value)  # noqa: PLR0124  -- NaN is not itself
    except TypeError:  # pandas.NA has no truth value
        return True


def _frame_reports(frame: object) -> Reports:
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    data: Any = nw.from_native(cast("Any", frame))
    collected = data.collect() if isinstance(data, nw.LazyFrame) else data
    names = header_fields(_TABLE, VIETNAMESE_HEADERS)
    problems: list[RecordProblem] = []
    fields: list[str | None] = []
    for column in collected.columns:
        field = names.get(key(column))
        if field is None:
            known = ", ".join(TABLES[_TABLE].fields)
            message = f"unknown column; the columns are {known} or their Vietnamese headers"
            problems.append(
                RecordProblem(_TABLE, 0, str(column), message, code="record.column.unknown")
            )
        fields.append(field or None)
    if problems:
        return Reports(problems=tuple(problems))
    cells = (
        (number, [None if _gap(value) else plain_cell(value) for value in row])
        for number, row in enumerate(collected.rows(), start=1)
    )
    words = {field: {key(k): v for k, v in m.items()} for field, m in VIETNAMESE_VALUES.items()}
    good, numbers, bad = _read_numbered(
        TABLES[_TABLE], numbered_rows(_TABLE, fields, cells, words)
    )
    rows = tuple(row for row in good if isinstance(row, SubmissionRow))
    return Reports(rows, tuple(numbers), tuple(bad))


def split_reports(records: Any) -> tuple[Any, Reports | None]:  # noqa: ANN401  -- any records
    """``records`` without a ``submissions`` frame, and that frame's rows.

    Only a mapping of tables that gives ``submissions`` as a dataframe is split (the
    other tables then go to the frame engine); anything else comes back as it is, with
    ``None``: its reports, if any, are read with the rest (``Records.submissions``).
    """
    if isinstance(records, Mapping) and _TABLE in records and is_frame(records[_TABLE]):
        rest = {name: table for name, table in records.items() if name != _TABLE}
        return rest, _frame_reports(records[_TABLE])
    return records, None
