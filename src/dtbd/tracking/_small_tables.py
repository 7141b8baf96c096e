"""The small tables of a breakdown over frames, read as objects to find its groups.

A breakdown by a person's or a course's attribute lists each group's ids from the persons,
courses and payments (:func:`dtbd.tracking._groups.members_of`); over frames those
tables are collected here, with only the columns the breakdown reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from dtbd.records._frame_distinct import distinct
from dtbd.records._frames import FrameRecords
from dtbd.records._records import Records
from dtbd.tracking._groups import PERSON_SIDE

__all__ = ["pairs_of", "small_tables"]

_FRAME_TABLES = ("persons", "courses", "attendances", "spending")

_READ = {
    "persons": {
        "unit": ("unit",), "unit_level": ("unit",), "gender": ("gender",),
        "minority": ("ethnicity",), "ethnicity": ("ethnicity",), "age": ("birth_date",),
        "category": ("category",), "level": ("level",), "leadership": ("position",),
        "position": ("position",), "qualification": ("qualifications",),
    },
    "courses": {
        "content": ("content",), "location": ("location",), "format": ("format",),
        "activity": ("activity",), "year": ("start",),
    },
}  # fmt: skip
"""The columns beside the ids that a breakdown ``by`` reads from each small table."""

_ALWAYS = {
    "persons": ("id",),
    "courses": ("id", "start"),
    "spending": ("id", "course", "date", "amount"),
}


def small_tables(frames: FrameRecords, by: str) -> Records:
    """The persons (for a person attribute), courses and payments of frames, as objects.

    Only the columns the breakdown reads (the ids, the attribute, a course's start and a
    payment's date, which the objects need): a roster's names, dates and lists read into
    objects for nothing were most of a breakdown's time at 50,000 persons.
    """
    wanted = {"courses", "spending"} | ({"persons"} if by in PERSON_SIDE else set())
    tables: dict[str, Any] = {}
    for name in _FRAME_TABLES:
        frame = frames.table(name) if name in wanted else None
        if frame is not None:
            # an eager frame's rows keep their numbers, for the problems that name them
            read = ("row_number", *_ALWAYS[name], *_READ.get(name, {}).get(by, ()))
            frame = frame.select(c for c in dict.fromkeys(read) if c in frame.collect_schema())
        tables[name] = frame
    return attrs.evolve(frames, **tables, checked={}).to_records()


def pairs_of(frames: FrameRecords, by: str, small: Records) -> Sequence[tuple[str, str]]:
    """The distinct (person, course) ids of the attendances, as text, for a person attribute."""
    if by not in PERSON_SIDE or frames.attendances is None or not small.persons:
        return ()
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    text = [nw.col(c).cast(nw.String) for c in ("person", "course")]
    rows = distinct(frames.attendances.select(*text)).collect().rows()
    return [(str(person), str(course)) for person, course in rows]
