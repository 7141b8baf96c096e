"""One run's plan state: the measures, the frames, their flags, windows and row parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._batch import collect_together
from dtbd.engine.frames._codes import BITS, WIDE_BITS, PersonCodes
from dtbd.engine.frames._exprs import prefixed
from dtbd.engine.frames._flags import Flags
from dtbd.engine.frames._grouping import GROUP, grouped
from dtbd.measures._measure import Measure, Side
from dtbd.model._period import Period
from dtbd.records._frame_counts import read_counts, readable
from dtbd.records._frames import FrameRecords

__all__ = ["Plan"]

_TABLES = ("persons", "courses", "attendances", "spending")


class Plan(Flags):
    """One run's lazy plans; :func:`dtbd.engine.frames._run.run_frames` is its front door.

    A measure counted through attendances is split in two: its *row part* (window,
    course and attendance filters, an age read at each course's start) is a boolean
    column of the joined rows, shared by every measure with the same part; its *person
    part* (the other person filters) is read from the person codes, after summing or
    grouping, not on every row.
    """

    def __init__(
        self,
        measures: Sequence[Measure],
        frames: FrameRecords,
        as_of: dt.date,
        groups: Sequence[int] | None = None,
        *,
        whole_courses: nw.LazyFrame[Any] | None = None,
    ) -> None:
        super().__init__(as_of)
        # Rows read and rows that cannot be read, per table; ``sizes`` are the rows left.
        # A grouped run's tables are read as given: their rows are counted per group.
        self.group_read: dict[int, dict[str, int]] = {}
        self.empty_groups: dict[str, frozenset[int]] = {}
        if groups is None:
            frames, counts = read_counts(frames)
        else:
            counts = self._count_groups(frames, groups)
            frames = readable(frames, counts)
        self.read = {name: n for name, (n, _) in counts.items()}
        self.unread = {name: refused for name, (_, refused) in counts.items()}
        self.sizes = {name: self.read[name] - self.unread[name] for name in self.read}
        self.measures, self.frames = measures, frames
        self.window_names: dict[Period, str] = {}
        self.row_names: dict[object, str] = {}
        self.row_exprs: dict[str, Any] = {}
        self.codes = PersonCodes(())
        # The column distinct persons are grouped by: the roster's integer code once
        # the persons are joined, else the id itself.
        self.person_key = "person_id"
        self.empty_groups = {name: self.empty_groups.get(name, frozenset()) for name in self.read}
        self._persons: tuple[nw.LazyFrame[Any], frozenset[str]] | None = None
        self._courses: nw.LazyFrame[Any] | None = None
        self._whole_courses = whole_courses

    def _count_groups(
        self, frames: FrameRecords, groups: Sequence[int]
    ) -> dict[str, tuple[int, int]]:
        """Each group's rows per table, and each table's rows, none refused.

        A table without groups is every group's; a grouped run reads the rows that could
        be read only. The tables are counted in one batch, which polars runs together.
        """
        self.group_read = {g: {} for g in groups}
        names = [name for name in _TABLES if frames.table(name) is not None]
        queries = []
        for name in names:
            frame = frames.table(name)
            assert frame is not None  # noqa: S101  -- chosen above
            if grouped(frame):
                queries.append(frame.group_by(GROUP).agg(_n=nw.len()))
            else:
                queries.append(frame.select(_n=nw.len()))
        found = dict(zip(names, collect_together(queries), strict=True))
        totals: dict[str, tuple[int, int]] = {}
        for name in _TABLES:
            result = found.get(name)
            counts = dict.fromkeys(groups, 0)
            if result is not None and GROUP in result.columns:
                counts |= {int(g): int(n) for g, n in result.select(GROUP, "_n").rows()}
                total = int(result["_n"].sum())
            else:
                total = 0 if result is None else int(result["_n"][0])
                counts = dict.fromkeys(groups, total)
            for g in groups:
                self.group_read[g][name] = counts[g]
            self.empty_groups[name] = frozenset(g for g in groups if not counts[g])
            totals[name] = (total, 0)
        return totals

    @property
    def has_roster(self) -> bool:
        """Whether a persons table with rows is joined to the attendances."""
        return self.frames.persons is not None and bool(self.sizes["persons"])

    def window(self, m: Measure) -> Any:  # noqa: ANN401
        """The column of valid attendance rows dated inside the measure's window."""
        name = self.window_names.setdefault(m.window, f"w{len(self.window_names)}")
        return nw.col(name)

    def row_part(self, m: Measure) -> str:
        """The name of the measure's row-part column, registered on first use."""
        per_row, _ = self.split(m.filters)
        key = (m.window, per_row)
        name = self.row_names.get(key)
        if name is None:
            name = self.row_names[key] = f"r_part{len(self.row_names)}"
            self.row_exprs[name] = self.window(m) & self.flagged(per_row, "course_start")
        return name

    def person_part(self, m: Measure) -> tuple[str, ...]:
        """The person flag columns the measure reads (beside its row part)."""
        return self.split(m.filters)[1]

    def courses(self) -> nw.LazyFrame[Any]:
        """The prefixed courses table (:func:`prefixed`), made once for every plan that reads it.

        One frame, not one per reader: DuckDB binds each step of a relation when it is
        made, and polars' ``collect_all`` finds the readers' common scan.
        """
        assert self.frames.courses is not None  # noqa: S101  -- checked by the callers
        if self._courses is None:
            self._courses = prefixed(self.frames.courses, "course")
        return self._courses

    @property
    def joins_whole_courses(self) -> bool:
        """Whether the attendances are joined with the whole courses, not the group's."""
        return self._whole_courses is not None

    def course_attributes(self) -> nw.LazyFrame[Any]:
        """The prefixed courses the attendances are joined with.

        In a grouped run whose groups each hold the courses of their attendances, the
        whole courses table, ungrouped: a course's columns are the same in every group,
        and a join on the id alone is cheaper than on (id, group) over a courses table
        repeated per group (10.000 communes repeat 50.000 courses 2 million times).
        """
        if self._whole_courses is None:
            return self.courses()
        return prefixed(self._whole_courses, "course")

    def flagged_persons(self) -> nw.LazyFrame[Any]:
        """The prefixed persons table with every person flag registered so far.

        Made once and extended: narwhals parses a frame's expressions when the frame is
        made, so the join and the roster's counts share one parse of the flags.
        """
        assert self.frames.persons is not None  # noqa: S101  -- checked by the callers
        flags = self.flag_exprs[Side.PERSON]
        if self._persons is None:
            persons = prefixed(self.frames.persons, "person")
            self._persons = (persons.with_columns(**flags) if flags else persons, frozenset(flags))
        persons, done = self._persons
        missing = {name: expr for name, expr in flags.items() if name not in done}
        return persons.with_columns(**missing) if missing else persons

    def pack_persons(self) -> None:
        """Fix the person codes: every person flag registered so far gets its bit."""
        persons = self.frames.persons
        native = None if persons is None else persons.implementation
        wide = native is not None and (native.is_polars() or native.is_duckdb())
        self.codes = PersonCodes(
            tuple(self.flag_exprs[Side.PERSON]),
            bits=WIDE_BITS if wide else BITS,
            modulo=wide or (native is not None and native.is_spark_like()),
            bitwise=native is not None and native.is_polars(),
        )
