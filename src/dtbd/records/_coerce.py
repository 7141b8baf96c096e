"""Accept records the way users hold them: objects, dicts, a mapping of tables, files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from dtbd.model._budget import Spending
from dtbd.model._people import Attendance, Cohort, Course, Person
from dtbd.records._dicts import TABLES, LoadedRecords, records_from_dicts
from dtbd.records._records import Records

__all__ = ["RecordsLike", "coerce_records"]

RecordsLike = (
    Records
    | LoadedRecords
    | str
    | Path
    | Mapping[str, Iterable[object]]
    | Iterable[Person | Course | Attendance | Spending | Cohort]
)
"""Everything the calculators take as records.

- ``Records`` or ``LoadedRecords`` as they are;
- a path: a folder of ``persons.csv``, ``courses.csv``, ``attendances.csv``,
  ``spending.csv`` (read leniently, so bad rows are reported with their row numbers);
- a mapping from table name to rows (dicts with the documented field names, or model
  objects): ``{"courses": [...], "attendances": [...]}``;
- an iterable of model objects of any kind, mixed (``Person``, ``Course``,
  ``Attendance``, ``Spending``, ``Cohort``).
"""


def coerce_records(records: object) -> Records | LoadedRecords:
    """Turn any :data:`RecordsLike` into ``Records`` (or ``LoadedRecords`` with row numbers).

    Raises:
        RecordError: rows of a mapping cannot be read (each row is named).
        TypeError: ``records`` is none of the accepted shapes; the message lists them.
    """
    if isinstance(records, (Records, LoadedRecords)):
        return records
    if isinstance(records, (str, Path)):
        # The file readers (CSV, Parquet, Excel) load with the first path given, not with
        # every evaluate() of records already in memory.
        from dtbd.records._read import read_records  # noqa: PLC0415

        return read_records(records, on_error="report")
    if isinstance(records, Mapping):
        unknown = sorted(set(map(str, records)) - set(TABLES))
        if unknown:
            raise TypeError(
                f"unknown record table{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                f"the tables are {', '.join(TABLES)}"
            )
        return records_from_dicts(**{str(k): v for k, v in records.items()}, on_error="report")
    if isinstance(records, Iterable) and not isinstance(records, (bytes, dict)):
        return _from_objects(records)
    raise TypeError(
        f"cannot read records from {type(records).__name__}; pass dtbd.Records, a folder of "
        "CSV files, a mapping of tables ({'courses': [...], 'attendances': [...]}) or an "
        "iterable of Person, Course, Attendance, Spending and Cohort objects"
    )


def _from_objects(objects: Iterable[object]) -> Records:
    persons: list[Person] = []
    courses: list[Course] = []
    attendances: list[Attendance] = []
    spending: list[Spending] = []
    for index, item in enumerate(objects):
        if isinstance(item, Person):
            persons.append(item)
        elif isinstance(item, Course):
            courses.append(item)
        elif isinstance(item, Attendance):
            attendances.append(item)
        elif isinstance(item, Spending):
            spending.append(item)
        elif isinstance(item, Cohort):
            courses.append(item.course)
            attendances.extend(item.attendances)
        else:
            raise TypeError(
                f"record {index} is a {type(item).__name__}; an iterable of records holds "
                "Person, Course, Attendance, Spending or Cohort objects (use a mapping of "
                "tables for dicts)"
            )
    return Records(persons, courses, attendances, spending)
