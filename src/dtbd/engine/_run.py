"""One front door to both engines: frames go to the frame engine, the rest to Python's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dtbd.engine._python import run_measures
from dtbd.engine._tallies import Tallies
from dtbd.measures._measure import Measure
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._frames import FrameRecords, as_frames

__all__ = ["run"]


def run(
    measures: Sequence[Measure], records: RecordsLike | FrameRecords, as_of: dt.date
) -> Tallies:
    """The tallies of ``measures`` over ``records`` as of a date, by the engine that fits.

    Dataframes (a :class:`~dtbd.FrameRecords` or a mapping of frames) run as lazy
    narwhals queries; everything else is coerced to records and runs in Python. Both
    engines give the same numbers.
    """
    if (frames := as_frames(records)) is not None:
        # The frame engine pulls in narwhals' expression machinery: load it when used.
        from dtbd.engine.frames._run import run_frames  # noqa: PLC0415

        return run_frames(measures, frames, as_of)
    return run_measures(measures, coerce_records(records), as_of)
