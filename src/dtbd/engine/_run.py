"""One front door to both engines: frames go to the frame engine, the rest to Python's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dtbd.engine._mixed import frame_unit_dates, record_unit_dates, with_reports
from dtbd.engine._python import run_measures
from dtbd.engine._tallies import Tallies
from dtbd.measures._measure import Measure
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._reports import Reports, reports_of, split_reports

__all__ = ["run"]


def run(
    measures: Sequence[Measure],
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
    *,
    reports: Reports | None = None,
) -> Tallies:
    """The tallies of ``measures`` over ``records`` as of a date, by the engine that fits.

    Dataframes (a :class:`~dtbd.FrameRecords` or a mapping of frames) run as lazy
    narwhals queries; everything else is coerced to records and runs in Python. Both
    engines give the same numbers. Units' reports (``submissions``: a table of the
    records, or ``reports`` already split off) are added to either engine's tallies
    (:mod:`dtbd.engine._mixed`).
    """
    if reports is None:
        records, reports = split_reports(records)
    if (frames := as_frames(records)) is not None:
        # The frame engine pulls in narwhals' expression machinery: load it when used.
        from dtbd.engine.frames._run import run_frames  # noqa: PLC0415

        tallies = run_frames(measures, frames, as_of)
        if not reports:
            return tallies
        dates = frame_unit_dates(frames)
    else:
        data = coerce_records(records)
        tallies = run_measures(measures, data, as_of)
        reports = reports if reports is not None else reports_of(data)
        if not reports:
            return tallies
        dates = record_unit_dates(data.records if isinstance(data, LoadedRecords) else data)
    return with_reports(
        tallies,
        measures,
        reports.rows,
        dates,
        as_of,
        numbers=reports.numbers,
        problems=reports.problems,
    )
