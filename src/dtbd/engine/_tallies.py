"""What every engine answers: the numbers of each measure and what became of each record.

The Python engine (:mod:`dtbd.engine._python`) and the frame engine
(:mod:`dtbd.engine.frames`) both return :class:`Tallies`; :mod:`dtbd.tracking` builds every
result from them in one place, whichever engine ran.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

import attrs

from dtbd._errors import RecordProblem
from dtbd.engine._reported import Reported, ReportedUse
from dtbd.measures._measure import Measure

__all__ = [
    "Amount",
    "Engine",
    "MoneySources",
    "RecordSummary",
    "TableSummary",
    "Tallies",
    "Tally",
]


@attrs.frozen
class Amount:
    """A measured value: a sum or count, or for a share its numerator and denominator."""

    numerator: Decimal
    denominator: Decimal | None

    @property
    def value(self) -> Decimal | None:
        """The number itself; a share in percent, ``None`` over an empty population."""
        if self.denominator is None:
            return self.numerator
        if self.denominator == 0:
            return None
        return self.numerator * 100 / self.denominator


@attrs.frozen
class Tally:
    """One measure's numbers as of a date: the whole window and each calendar year."""

    target_id: str
    total: Amount
    years: tuple[tuple[int, Amount], ...]
    has_data: bool
    """Whether the records hold any row this measure reads (else: unable to assess)."""
    course_sizes: tuple[tuple[str, int], ...]
    """Courses counted by a COURSES measure with the number of attendance rows of each."""

    def year(self, year: int) -> Amount:
        """The amount of one calendar year of the window."""
        for number, amount in self.years:
            if number == year:
                return amount
        raise KeyError(f"{year} is not a year of the window of target {self.target_id!r}")


@attrs.frozen(repr=False)
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
    duplicates: int = 0
    """Rows that repeat an earlier one (its id, or every field of an attendance), among
    the malformed: a copy that would have counted twice."""

    def __repr__(self) -> str:
        return f"<TableSummary: {self.counts()}>"

    def counts(self) -> str:
        """The number of rows in each group, in a line: "459 read, 400 counted, …"."""
        return (
            f"{self.read} read, {self.counted} counted, {self.malformed} malformed, "
            f"{self.after_as_of} after as_of, {self.outside_windows} outside windows, "
            f"{self.unmatched} unmatched"
        )


@attrs.frozen
class MoneySources:
    """Where the money of the courses dated on or before ``as_of`` came from.

    Each course's money has one source (``docs/records.md``, "Money: one source per
    course"): the spending lines that name it, else its own ``cost``, else its
    attendances' costs. The costs passed over for a better source are counted here, so
    that money given twice shows instead of counting twice.
    """

    from_spending: int = 0
    """Courses some spending line names: their money is those lines."""
    from_cost: int = 0
    """Courses no spending line names, whose money is their ``cost``."""
    from_attendances: int = 0
    """Courses with neither, whose money is the sum of their attendances' ``cost``."""
    costs_ignored: int = 0
    """Courses whose ``cost`` was not read because spending lines name them."""
    attendance_costs_ignored: int = 0
    """Counted attendance rows whose ``cost`` was not read because their course has
    spending lines or a ``cost``."""


@attrs.frozen(repr=False)
class RecordSummary:
    """What became of the records, table by table."""

    persons: TableSummary
    courses: TableSummary
    attendances: TableSummary
    spending: TableSummary
    money: MoneySources = MoneySources()
    """Which source each course's money came from, and the costs passed over."""

    def __repr__(self) -> str:
        tables = ("persons", "courses", "attendances", "spending")
        shown = "; ".join(
            f"{name} {getattr(self, name).counts()}" for name in tables if getattr(self, name).read
        )
        return f"<RecordSummary: {shown or 'no rows read'}>"

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
class Tallies:
    """An engine's answer: a tally per target id and what became of every record."""

    tallies: Mapping[str, Tally]
    records: RecordSummary
    reported: Mapping[str, Reported] = attrs.field(factory=dict)
    """What units' reports added to each measure (``docs/submissions.md``); empty without."""
    reports: ReportedUse | None = None
    """What became of the report rows; ``None`` when no reports were given."""

    def __getitem__(self, target_id: str) -> Tally:
        """The tally of the measure of ``target_id``."""
        return self.tallies[target_id]


RecordsT_contra = TypeVar("RecordsT_contra", contravariant=True)


class Engine(Protocol[RecordsT_contra]):
    """An engine: runs measures over its kind of records as of a date, in one pass.

    ``Engine[Records | LoadedRecords]`` is the Python engine, ``Engine[FrameRecords]``
    the frame engine (``tests/typing`` holds both to this signature).
    """

    def __call__(
        self, measures: Sequence[Measure], records: RecordsT_contra, as_of: dt.date, /
    ) -> Tallies:
        """The tallies of ``measures`` over ``records``; records after ``as_of`` do not count."""
        ...
