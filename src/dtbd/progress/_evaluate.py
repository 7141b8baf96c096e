"""A whole scheme measured as of a date: every target's progress and what became of each row."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from dtbd._errors import RecordProblem
from dtbd.display._frames import evaluation_frame
from dtbd.display._html import evaluation_html
from dtbd.engine._python import TableUse, run_measures, unused
from dtbd.measures._measure import compile_scheme
from dtbd.model._period import to_date
from dtbd.model._scheme import Scheme
from dtbd.progress._progress import (
    Progress,
    build_progress,
    delivering,
    records_and_rows,
)
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import TABLES, LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.results._dict import results_dict

__all__ = ["Evaluation", "RecordSummary", "TableSummary", "evaluate"]


@attrs.frozen
class TableSummary:
    """What became of the rows of one table; row numbers are the source's (1-based).

    Every row read is in exactly one group: malformed, after ``as_of``, outside every
    target's window, matching no target, or counted.
    """

    read: int
    counted: int
    malformed: int
    after_as_of: int
    outside_windows: int
    unmatched: int
    after_as_of_rows: tuple[int, ...]
    outside_window_rows: tuple[int, ...]
    unmatched_rows: tuple[int, ...]
    problems: tuple[RecordProblem, ...]


@attrs.frozen
class RecordSummary:
    """What became of the records, table by table."""

    persons: TableSummary
    courses: TableSummary
    attendances: TableSummary
    spending: TableSummary

    @property
    def problems(self) -> tuple[RecordProblem, ...]:
        """Every malformed row of every table."""
        return (
            *self.persons.problems,
            *self.courses.problems,
            *self.attendances.problems,
            *self.spending.problems,
        )


@attrs.frozen
class Evaluation:
    """A scheme's progress as of a date: every target (in tree order) and the records."""

    scheme_id: str
    as_of: dt.date
    targets: dict[str, Progress]
    records: RecordSummary

    def __getitem__(self, target_id: str) -> Progress:
        """The progress of the target (or part) ``target_id``."""
        try:
            return self.targets[target_id]
        except KeyError:
            known = ", ".join(self.targets)
            raise KeyError(
                f"no target {target_id!r} in this evaluation; there are {known}"
            ) from None

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as plain dicts (keys documented in ``docs/progress.md``)."""
        result: dict[str, Any] = results_dict(self)
        return result

    def to_html(self, locale: str = "vi") -> str:
        """Every target as one HTML table (escaped; numbers and dates through babel)."""
        return evaluation_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A pandas or polars frame, a row per target; numbers stay exact ``Decimal``."""
        return evaluation_frame(self, backend)


def _summary(
    size: int,
    use: TableUse,
    rows: tuple[int, ...] | None,
    read_problems: tuple[RecordProblem, ...],
    *,
    dated: bool,
) -> TableSummary:
    def number(index: int) -> int:
        return rows[index] if rows is not None else index + 1

    unmatched, outside = unused(use, size)
    if not dated:
        # A person has no date: one counted by no target is unmatched, never "outside".
        unmatched, outside = sorted(unmatched + outside), []
    problems = (*read_problems, *use.problems)
    refused = len({p.row for p in read_problems if p.row > 0})  # row 0 is the header
    return TableSummary(
        read=size + refused,
        counted=len(use.counted),
        malformed=refused + len(use.bad),
        after_as_of=len(use.after_as_of),
        outside_windows=len(outside),
        unmatched=len(unmatched),
        after_as_of_rows=tuple(sorted(number(i) for i in use.after_as_of)),
        outside_window_rows=tuple(number(i) for i in outside),
        unmatched_rows=tuple(number(i) for i in unmatched),
        problems=problems,
    )


def evaluate(
    scheme: Scheme,
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
) -> Evaluation:
    """Measure every target of ``scheme`` over ``records`` as of a date, in one pass.

    ``records`` may be ``Records``, model objects, a mapping of tables of dicts, a folder
    of CSV files (see ``docs/records.md``) or dataframes (a :class:`~dtbd.FrameRecords`
    or a mapping of table names to frames, see ``docs/frames.md``). Records dated after
    ``as_of`` do not count; rows that name an unknown course or person are reported as
    malformed, with their row numbers, beside the rows the reader already refused (when ``records``
    come from ``on_error="report"``).
    """
    day = to_date(as_of)
    if (frames := as_frames(records)) is not None:
        from dtbd.engine.frames._run import evaluate_frames  # noqa: PLC0415  -- imports this module

        return evaluate_frames(scheme, frames, day)
    records = coerce_records(records)
    data, rows = records_and_rows(records)
    read_problems = records.problems if isinstance(records, LoadedRecords) else ()
    measures = compile_scheme(scheme)
    by_id = {m.target_id: m for m in measures}
    run = run_measures(measures, data, day, rows=rows)
    targets: dict[str, Progress] = {}
    for target in scheme.all_targets():
        courses = delivering(scheme, target)
        delivery = None
        if courses is not None:
            delivery = (courses, by_id[courses.id], run.tallies[courses.id])
        tally = run.tallies[target.id]
        targets[target.id] = build_progress(
            target, by_id[target.id], tally, day, delivery=delivery
        )
    sizes = {
        "persons": len(data.persons),
        "courses": len(data.courses),
        "attendances": len(data.attendances),
        "spending": len(data.spending),
    }
    summaries = {
        name: _summary(
            sizes[name],
            run.use[name],
            rows.get(name),
            tuple(p for p in read_problems if p.table == name),
            dated=name != "persons",
        )
        for name in TABLES
    }
    return Evaluation(scheme.id, day, targets, RecordSummary(**summaries))
