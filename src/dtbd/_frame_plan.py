"""One run's plan state: the measures, the frames, their flags and windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import narwhals.stable.v2 as nw

from dtbd._frame_exprs import FALSE, any_of, collect_one, via_attendances
from dtbd._frame_flags import Flags
from dtbd._frames import FrameRecords
from dtbd._measure import Measure
from dtbd._period import Period
from dtbd._target import Count

__all__ = ["Plan"]


class Plan(Flags):
    """One run's lazy plans; :func:`dtbd._frame_engine.run_frames` is its front door."""

    def __init__(self, measures: Sequence[Measure], frames: FrameRecords, as_of: dt.date) -> None:
        super().__init__(as_of)
        self.measures, self.frames = measures, frames
        self.members: Any = FALSE
        self.window_names: dict[Period, str] = {}
        # The column distinct persons are grouped by: the roster's integer code once
        # the persons are joined, else the id itself.
        self.person_key = "person_id"
        self.sizes = {
            name: 0 if frame is None else int(collect_one(frame.select(nw.len().alias("n")))["n"])
            for name in ("persons", "courses", "attendances", "spending")
            for frame in [frames.table(name)]
        }

    def window(self, m: Measure) -> Any:  # noqa: ANN401
        """The column of valid attendance rows dated inside the measure's window."""
        name = self.window_names.setdefault(m.window, f"w{len(self.window_names)}")
        return nw.col(name)

    def attendance_measure(self, m: Measure) -> Any:  # noqa: ANN401
        """Whether a joined attendance row passes the measure (window, filters, validity)."""
        return self.window(m) & self.flagged(m.filters, "course_start")

    def counted_attendance(self) -> Any:  # noqa: ANN401
        """Attendance rows counted by a measure other than a share (persons, courses kept)."""
        return any_of(
            [
                nw.col(f"c{i}")
                for i, m in enumerate(self.measures)
                if via_attendances(m) and m.count is not Count.SHARE
            ]
        )
