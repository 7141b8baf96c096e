"""Progress of one target as of a date, as plain data: achieved, pace, what remains, status.

Every number is defined in ``docs/progress.md``; :mod:`dtbd.tracking` computes them.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Literal

import attrs

from dtbd.engine._reported import Reported
from dtbd.figures._figure import Assessment, Figure
from dtbd.figures._units import Unit
from dtbd.model._baseline import Baseline
from dtbd.model._period import Period
from dtbd.model._target import Cadence, Count
from dtbd.results._dict import results_dict

__all__ = [
    "CourseSize",
    "PaceMethod",
    "PeriodProgress",
    "Progress",
    "Status",
    "YearAmount",
    "short_number",
]


class Status(enum.Enum):
    """Where a target stands as of a date."""

    NOT_STARTED = "not_started"
    """``as_of`` is before the window opens."""
    ON_TRACK = "on_track"
    """Observed pace ≥ 0.95 × the pace still required."""
    BEHIND = "behind"
    """Pace ratio from 0.60 to 0.95: needs acceleration (*cần đẩy nhanh*)."""
    OFF_TRACK = "off_track"
    """Pace ratio below 0.60."""
    MET = "met"
    """The achieved value meets the figure (within tolerance for *khoảng*, *gần*)."""
    EXCEEDED = "exceeded"
    """Above the figure: above a range's top, an exact number or an *at most*."""
    MISSED = "missed"
    """The window is over and the figure was not met."""
    UNABLE_TO_ASSESS = "unable_to_assess"
    """No figure ("theo nhu cầu"), no records of the kind the target counts yet, or a pace
    that cannot be judged: a share of holdings without a baseline, or ``as_of`` not after
    the baseline's date."""


class PaceMethod(enum.Enum):
    """How a target's pace is measured (``docs/progress.md``)."""

    LINEAR = "linear"
    """Rates by days, from the baseline (or from 0 when the window opens)."""
    COMPOUND_GROWTH = "compound_growth"
    """Compound yearly growth from a baseline above 0: a share with a baseline (Open SDG)."""
    NEEDS_BASELINE = "needs_baseline"
    """A share of qualifications held with no baseline: where it started is unknown."""
    NONE = "none"
    """Not paced: no figure, or an "at most" figure, which is kept rather than reached."""


@attrs.frozen
class CourseSize:
    """A course whose number of learners falls outside the target's per-course figure."""

    course: str
    size: int
    assessment: Assessment


@attrs.frozen
class PeriodProgress:
    """Progress within one period the target's figure applies to, by its own numbers.

    A per-year target ("mỗi năm", "hằng năm") has a period per calendar year of its
    window, each paced from 0 at the year's start; a per-term or whole-window target has
    one, its window, paced from its baseline. Every number is that period's own.
    """

    window: Period
    year: int | None
    """The calendar year of a per-year target's period; ``None`` for a whole window."""
    figure: Figure | None
    status: Status
    achieved: Decimal | None
    numerator: Decimal
    denominator: Decimal | None
    share_of_low: Decimal | None
    share_of_high: Decimal | None
    pace_method: PaceMethod
    elapsed: Decimal
    expected: Decimal | None
    gap: Decimal | None
    remaining_low: Decimal | None
    remaining_high: Decimal | None
    days_elapsed: int
    days_total: int
    days_remaining: int
    years_elapsed: Decimal
    years_remaining: Decimal
    observed_per_day: Decimal | None
    required_per_day: Decimal | None
    required_per_day_remaining: Decimal | None
    observed_per_year: Decimal | None
    required_per_year: Decimal | None
    required_per_year_remaining: Decimal | None
    observed_growth: Decimal | None
    required_growth: Decimal | None
    pace_ratio: Decimal | None
    forecast: Decimal | None


@attrs.frozen
class YearAmount:
    """What was done in one calendar year of a target's window, and the running total."""

    year: int
    window: Period
    achieved: Decimal | None
    """The year's own value: its count, or its share (numerator over denominator)."""
    numerator: Decimal
    denominator: Decimal | None
    cumulative: Decimal | None
    """For a count, the total from the window's start to the year's end (or ``as_of``);
    ``None`` for a share, which is never summed."""


def short_number(value: Decimal | None) -> str:
    """A number for a one-line ``repr``: to two places at most, no trailing zeros."""
    if value is None:
        return "–"
    return format(round(value, 2).normalize(), "f")


@attrs.frozen(repr=False)
class Progress:
    """Progress of a target as of a date; every number is documented in ``docs/progress.md``.

    ``periods`` are the periods the figure applies to (each year of a per-year target;
    the window of any other) and the numbers here are those of the current one: the
    latest begun by ``as_of`` (the first if none has). ``status`` weighs every period and
    ``periods_missed`` names those already missed; ``yearly`` is what was done each
    calendar year.
    """

    target_id: str
    label: str
    counts: Count
    unit: Unit
    cadence: Cadence
    figure: Figure | None
    """The figure of one period: the per-year figure of a per-year target."""
    window: Period
    period: Period
    """The window of the current period, whose numbers these are."""
    as_of: dt.date
    status: Status
    periods_missed: tuple[Period, ...]
    achieved: Decimal | None
    numerator: Decimal
    denominator: Decimal | None
    share_of_low: Decimal | None
    share_of_high: Decimal | None
    baseline: Baseline | None
    pace_method: PaceMethod
    elapsed: Decimal
    expected: Decimal | None
    gap: Decimal | None
    remaining_low: Decimal | None
    remaining_high: Decimal | None
    days_elapsed: int
    days_total: int
    days_remaining: int
    years_elapsed: Decimal
    years_remaining: Decimal
    observed_per_day: Decimal | None
    required_per_day: Decimal | None
    required_per_day_remaining: Decimal | None
    observed_per_year: Decimal | None
    required_per_year: Decimal | None
    required_per_year_remaining: Decimal | None
    required_per_course: Decimal | None
    observed_growth: Decimal | None
    required_growth: Decimal | None
    pace_ratio: Decimal | None
    forecast: Decimal | None
    periods: tuple[PeriodProgress, ...]
    yearly: tuple[YearAmount, ...]
    courses_outside_size: tuple[CourseSize, ...]
    aspirational: bool
    parts: tuple[str, ...]
    reported: Reported | None = None
    """What units' reports (``submissions``) added to ``achieved``: the total, the units,
    whether persons were summed across rows, the units not measurable
    (``docs/submissions.md``); ``None`` when the records hold no reports."""

    def __repr__(self) -> str:
        figure = "no figure" if self.figure is None else self.figure.format("en")
        periods = f", {len(self.periods)} periods" if len(self.periods) > 1 else ""
        return (
            f"<Progress {self.target_id} as of {self.as_of.isoformat()}: {self.status.value}, "
            f"achieved {short_number(self.achieved)} of {figure}{periods}>"
        )

    def __str__(self) -> str:
        """A few lines for ``print``: the target, its status and numbers, each period."""
        from dtbd.display._text import progress_text  # noqa: PLC0415  -- display loads on use

        return progress_text(self)

    def to_dict(self) -> dict[str, Any]:
        """The progress as a plain dict (Decimal as text, dates ISO, enums by value)."""
        result: dict[str, Any] = results_dict(self)
        return result

    def to_html(self, locale: str = "vi") -> str:
        """The progress as an HTML table (escaped; numbers and dates through babel)."""
        from dtbd.display._html import progress_html  # noqa: PLC0415  -- display loads on use

        return progress_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A pandas or polars frame, a row per period; exact decimal columns."""
        from dtbd.display._frames import progress_frame  # noqa: PLC0415  -- display loads on use

        return progress_frame([self], backend)

    def plot(self, ax: Any = None, locale: str = "vi") -> Any:  # noqa: ANN401  -- matplotlib Axes
        """Draw achieved against the target's pace (needs ``pip install 'dtbd[plot]'``)."""
        from dtbd.display._plot import plot_progress  # noqa: PLC0415  -- display loads on use

        return plot_progress(self, ax, locale)
