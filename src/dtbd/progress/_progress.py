"""Progress of one target as of a date: achieved, pace, what remains, status.

The formulas are in ``docs/progress.md``; in short, with the window ``[start, end]``
and ``as_of``: expected = low end × share of the window elapsed, required per year =
what remains of the low end ÷ calendar years left, pace ratio = observed rate ÷
required rate, cut at 0.95 and 0.60 (the Open SDG progress method).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

import attrs

from dtbd.display._frames import progress_frame
from dtbd.display._html import progress_html
from dtbd.display._plot import plot_progress
from dtbd.engine._python import Amount, EngineRun, Tally, run_measures
from dtbd.figures._figure import Assessment, Figure
from dtbd.figures._units import Unit
from dtbd.measures._measure import Measure, compile_measure
from dtbd.model._period import Period, to_date
from dtbd.model._scheme import Scheme
from dtbd.model._target import Cadence, Count, Target
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._records import Records
from dtbd.results._dict import results_dict

__all__ = [
    "BEHIND_RATIO",
    "ON_TRACK_RATIO",
    "CourseSize",
    "Progress",
    "Status",
    "YearProgress",
    "progress",
]

ON_TRACK_RATIO = Decimal("0.95")
"""Observed rate ÷ required rate at or above which a target is on track (Open SDG)."""
BEHIND_RATIO = Decimal("0.60")
"""Ratio at or above which a target is behind (needs acceleration); below it, off track."""


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
    """No figure ("theo nhu cầu") or no records of the kind the target counts yet."""


@attrs.frozen
class CourseSize:
    """A course whose number of learners falls outside the target's per-course figure."""

    course: str
    size: int
    assessment: Assessment


@attrs.frozen
class YearProgress:
    """Progress within one calendar year of a per-year target ("mỗi năm", "hằng năm")."""

    year: int
    window: Period
    status: Status
    achieved: Decimal | None
    numerator: Decimal
    denominator: Decimal | None
    expected: Decimal | None
    gap: Decimal | None
    remaining_low: Decimal | None
    remaining_high: Decimal | None
    share_of_low: Decimal | None
    share_of_high: Decimal | None
    pace_ratio: Decimal | None
    forecast: Decimal | None


@attrs.frozen
class Progress:
    """Progress of a target as of a date; every number is documented in ``docs/progress.md``.

    For a per-year target, ``figure`` is the implied total (per-year figure × years) and
    the numbers are over the whole window, except for a share, whose numbers are those of
    the latest year begun; ``years`` holds each year.
    """

    target_id: str
    label: str
    counts: Count
    unit: Unit
    cadence: Cadence
    figure: Figure | None
    per_year_figure: Figure | None
    window: Period
    as_of: dt.date
    status: Status
    achieved: Decimal | None
    numerator: Decimal
    denominator: Decimal | None
    share_of_low: Decimal | None
    share_of_high: Decimal | None
    elapsed: Decimal
    expected: Decimal | None
    gap: Decimal | None
    remaining_low: Decimal | None
    remaining_high: Decimal | None
    years_elapsed: Decimal
    years_remaining: Decimal
    observed_per_year: Decimal | None
    required_per_year: Decimal | None
    required_per_course: Decimal | None
    pace_ratio: Decimal | None
    forecast: Decimal | None
    years: tuple[YearProgress, ...]
    courses_outside_size: tuple[CourseSize, ...]
    aspirational: bool
    parts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The progress as a plain dict (Decimal as text, dates ISO, enums by value)."""
        result: dict[str, Any] = results_dict(self)
        return result

    def to_html(self, locale: str = "vi") -> str:
        """The progress as an HTML table (escaped; numbers and dates through babel)."""
        return progress_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A one-row pandas or polars frame; numbers stay exact ``Decimal``."""
        return progress_frame([self], backend)

    def plot(self, ax: Any = None, locale: str = "vi") -> Any:  # noqa: ANN401  -- matplotlib Axes
        """Draw achieved against the steady pace (needs ``pip install 'dtbd[plot]'``)."""
        return plot_progress(self, ax, locale)


def _q(value: Decimal | None, places: int = 2) -> Decimal | None:
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -places:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _year_length(year: int) -> int:
    return Period.of_years(year).days


def calendar_years(window: Period, as_of: dt.date) -> tuple[Decimal, Decimal]:
    """Calendar years of ``window`` elapsed by ``as_of`` (included) and left after it.

    Each day weighs 1/365 or 1/366 of its year, so 2023–2025 as of 30 June 2024 is
    1 + 182/366 years elapsed and 184/366 + 1 left.
    """
    elapsed, left = Decimal(0), Decimal(0)
    for year in window.years:
        part = window.year(year)
        if part is None:
            continue
        length = Decimal(_year_length(year))
        if as_of < part.start:
            left += part.days / length
        elif as_of >= part.end:
            elapsed += part.days / length
        else:
            done = (as_of - part.start).days + 1
            elapsed += done / length
            left += (part.days - done) / length
    return elapsed, left


@attrs.frozen
class _Pace:
    figure: Figure | None
    achieved: Decimal | None
    window: Period
    as_of: dt.date
    expected: Decimal | None
    gap: Decimal | None
    remaining_low: Decimal | None
    remaining_high: Decimal | None
    share_of_low: Decimal | None
    share_of_high: Decimal | None
    elapsed: Decimal
    years_elapsed: Decimal
    years_remaining: Decimal
    observed: Decimal | None
    required: Decimal | None
    ratio: Decimal | None
    forecast: Decimal | None


def _percent(achieved: Decimal | None, end: Decimal | None) -> Decimal | None:
    if achieved is None or end is None or end == 0:
        return None
    return achieved * 100 / end


def pace(
    figure: Figure | None,
    achieved: Decimal | None,
    window: Period,
    as_of: dt.date,
    *,
    by_years: bool = False,
) -> _Pace:
    """The pace numbers of one value against one figure over one window."""
    years_elapsed, years_remaining = calendar_years(window, as_of)
    started = as_of >= window.start
    if not started:
        fraction = Decimal(0)
    elif by_years:
        fraction = years_elapsed / (years_elapsed + years_remaining)
    else:
        fraction = Decimal((min(as_of, window.end) - window.start).days + 1) / window.days
    low = figure.low if figure else None
    high = figure.high if figure else None
    goal = low if low is not None else high
    expected = goal * fraction if goal is not None else None
    gap = achieved - expected if achieved is not None and expected is not None else None
    remaining_low = (
        max(low - achieved, Decimal(0)) if low is not None and achieved is not None else None
    )
    remaining_high = (
        max(high - achieved, Decimal(0)) if high is not None and achieved is not None else None
    )
    observed = achieved / years_elapsed if achieved is not None and years_elapsed else None
    required = None
    if remaining_low is not None:
        required = remaining_low / years_remaining if years_remaining else None
    ratio = observed / required if observed is not None and required else None
    forecast = None
    if started and observed is not None and achieved is not None:
        forecast = achieved + observed * years_remaining
    return _Pace(
        figure, achieved, window, as_of, expected, gap, remaining_low, remaining_high,
        _percent(achieved, low), _percent(achieved, high),
        fraction, years_elapsed, years_remaining, observed, required, ratio, forecast,
    )  # fmt: skip


def _status(p: _Pace, *, has_data: bool) -> Status:  # noqa: PLR0911  -- a decision table
    """The status of one value from its pace numbers (see ``docs/progress.md``)."""
    figure, achieved, window, as_of = p.figure, p.achieved, p.window, p.as_of
    ratio, required = p.ratio, p.required
    if as_of < window.start:
        return Status.NOT_STARTED
    if figure is None or achieved is None or not has_data:
        return Status.UNABLE_TO_ASSESS
    over = as_of >= window.end
    assessment = figure.assess(achieved)
    if assessment is Assessment.ABOVE:
        return Status.EXCEEDED
    if assessment is Assessment.WITHIN:
        # An "at most" is only met once the window closes; until then it can still be broken.
        return Status.MET if over or figure.low is not None else Status.ON_TRACK
    if over:
        return Status.MISSED
    if not required or ratio is None:
        # Nothing or almost nothing left to do ("hơn" its bound by one), or nothing done yet.
        return Status.ON_TRACK if not required else Status.OFF_TRACK
    if ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK
    if ratio >= BEHIND_RATIO:
        return Status.BEHIND
    return Status.OFF_TRACK


def _scaled(figure: Figure | None, times: int) -> Figure | None:
    if figure is None:
        return None
    low = figure.low * times if figure.low is not None else None
    high = figure.high * times if figure.high is not None else None
    return Figure(low, high, qualifier=figure.qualifier, unit=figure.unit)


def _year_progress(
    figure: Figure | None, window: Period, amount: Amount, as_of: dt.date, *, has_data: bool
) -> YearProgress:
    p = pace(figure, amount.value, window, as_of)
    return YearProgress(
        year=window.start.year, window=window, status=_status(p, has_data=has_data),
        achieved=_q(amount.value),
        numerator=amount.numerator, denominator=amount.denominator, expected=_q(p.expected),
        gap=_q(p.gap), remaining_low=_q(p.remaining_low), remaining_high=_q(p.remaining_high),
        share_of_low=_q(p.share_of_low), share_of_high=_q(p.share_of_high),
        pace_ratio=_q(p.ratio, 4), forecast=_q(p.forecast),
    )  # fmt: skip


_SEVERITY = (Status.OFF_TRACK, Status.BEHIND, Status.UNABLE_TO_ASSESS, Status.EXCEEDED)


def _combined(years: tuple[YearProgress, ...], window: Period, as_of: dt.date) -> Status:
    """The status of a per-year target from its years' statuses."""
    begun = [y.status for y in years if y.status is not Status.NOT_STARTED]
    if not begun:
        return Status.NOT_STARTED
    if as_of >= window.end:
        for status in (Status.MISSED, Status.UNABLE_TO_ASSESS, Status.EXCEEDED):
            if status in begun:
                return status
        return Status.MET
    # A year already missed cannot be made up: the target is off track until it closes.
    begun = [Status.OFF_TRACK if s is Status.MISSED else s for s in begun]
    for status in _SEVERITY:
        if status in begun:
            return status
    return Status.ON_TRACK


def _outside_sizes(target: Target, tally: Tally) -> tuple[CourseSize, ...]:
    if target.course_size is None:
        return ()
    found = []
    for course, size in tally.course_sizes:
        if size == 0:
            continue  # no attendance rows: the course's size is unknown, not zero
        assessment = target.course_size.assess(size)
        if assessment is not Assessment.WITHIN:
            found.append(CourseSize(course, size, assessment))
    return tuple(found)


def build_progress(
    target: Target,
    measure: Measure,
    tally: Tally,
    as_of: dt.date,
    *,
    delivery: tuple[Target, Measure, Tally] | None = None,
) -> Progress:
    """Progress of ``target`` from its measure's tally (the engine's output)."""
    window = measure.window
    per_year = target.window.cadence is Cadence.PER_YEAR
    years: tuple[YearProgress, ...] = ()
    if per_year:
        years = tuple(
            _year_progress(target.figure, part, tally.year(y), as_of, has_data=tally.has_data)
            for y in window.years
            if (part := window.year(y)) is not None
        )
    figure, amount = target.figure, tally.total
    if per_year and target.counts is Count.SHARE:
        current = [y for y in years if y.window.start <= as_of] or list(years[:1])
        latest = current[-1]
        amount = Amount(latest.numerator, latest.denominator)
        p = pace(figure, amount.value, latest.window, as_of)
    else:
        if per_year:
            figure = _scaled(figure, len(years))
            amount = Amount(sum((tally.year(y.year).numerator for y in years), Decimal(0)), None)
        p = pace(figure, amount.value, window, as_of, by_years=per_year)
    status = _combined(years, window, as_of) if per_year else _status(p, has_data=tally.has_data)
    if target.figure is None or not tally.has_data:
        status = Status.NOT_STARTED if as_of < window.start else Status.UNABLE_TO_ASSESS
    return Progress(
        target_id=target.id, label=target.label, counts=target.counts, unit=target.unit,
        cadence=target.window.cadence, figure=figure,
        per_year_figure=target.figure if per_year else None, window=window, as_of=as_of,
        status=status, achieved=_q(amount.value), numerator=amount.numerator,
        denominator=amount.denominator, share_of_low=_q(p.share_of_low),
        share_of_high=_q(p.share_of_high), elapsed=_q(p.elapsed, 4) or Decimal(0),
        expected=_q(p.expected), gap=_q(p.gap), remaining_low=_q(p.remaining_low),
        remaining_high=_q(p.remaining_high), years_elapsed=_q(p.years_elapsed, 4) or Decimal(0),
        years_remaining=_q(p.years_remaining, 4) or Decimal(0),
        observed_per_year=_q(p.observed), required_per_year=_q(p.required),
        required_per_course=_q(_per_course(p.remaining_low, delivery, as_of)),
        pace_ratio=_q(p.ratio, 4), forecast=_q(p.forecast), years=years,
        courses_outside_size=_outside_sizes(target, tally), aspirational=target.aspirational,
        parts=tuple(part.id for part in target.parts),
    )  # fmt: skip


def _per_course(
    remaining: Decimal | None, delivery: tuple[Target, Measure, Tally] | None, as_of: dt.date
) -> Decimal | None:
    """Persons still needed per course still planned, for a target delivered by courses."""
    if remaining is None or delivery is None:
        return None
    courses, measure, tally = delivery
    if courses.figure is None or courses.figure.low is None or as_of >= measure.window.end:
        return None
    planned = courses.figure.low
    if courses.window.cadence is Cadence.PER_YEAR:
        planned *= len(measure.window.years)
    left = planned - tally.total.numerator
    return remaining / left if left > 0 else None


def delivering(scheme: Scheme | None, target: Target) -> Target | None:
    """The courses target of ``scheme`` whose courses deliver ``target``'s persons, if any."""
    if scheme is None:
        return None
    return next((t for t in scheme.all_targets() if t.delivers == target.id), None)


def records_and_rows(
    records: Records | LoadedRecords,
) -> tuple[Records, dict[str, tuple[int, ...]]]:
    """The records and their source row numbers (empty when not read from a source)."""
    if isinstance(records, LoadedRecords):
        return records.records, dict(records.rows)
    if isinstance(records, Records):
        return records, {}
    raise TypeError(
        f"expected Records or LoadedRecords, got {type(records).__name__}; build them with "
        "dtbd.records_from_dicts(...) or dtbd.read_records(path)"
    )


def progress(
    target: Target,
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
    *,
    scheme: Scheme | None = None,
    period: Period | None = None,
) -> Progress:
    """Progress of one target over ``records`` as of a date (records after it do not count).

    The target's open window ends come from ``period`` or ``scheme.period``; ``scheme``
    also links budget lines (for money targets) and courses targets that deliver this one.

    Raises:
        ValueError: the window is open and neither ``scheme`` nor ``period`` is given.
    """
    day = to_date(as_of)
    if (frames := as_frames(records)) is not None:
        from dtbd.engine.frames._run import progress_frames  # noqa: PLC0415  -- imports this module

        return progress_frames(target, frames, day, scheme=scheme, period=period)
    data, rows = records_and_rows(coerce_records(records))
    measure = compile_measure(target, period, scheme=scheme)
    measures = [measure]
    courses = delivering(scheme, target)
    if courses is not None:
        measures.append(compile_measure(courses, period, scheme=scheme))
    run: EngineRun = run_measures(measures, data, day, rows=rows)
    delivery = None
    if courses is not None:
        delivery = (courses, measures[1], run.tallies[courses.id])
    return build_progress(target, measure, run.tallies[target.id], day, delivery=delivery)
