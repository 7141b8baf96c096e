"""A target's :class:`~dtbd.Progress` from its measure's tally, whichever engine ran."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dtbd.engine._tallies import Amount, Tally
from dtbd.figures._figure import Assessment, Figure
from dtbd.measures._measure import Measure
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._target import Cadence, Count, ShareBasis, Target
from dtbd.results._progress import CourseSize, Progress, Status, YearProgress
from dtbd.tracking._pace import pace, pace_status, quantized

__all__ = ["build_progress", "delivering"]


def _scaled(figure: Figure | None, times: int) -> Figure | None:
    if figure is None:
        return None
    low = figure.low * times if figure.low is not None else None
    high = figure.high * times if figure.high is not None else None
    return Figure(low, high, qualifier=figure.qualifier, unit=figure.unit)


def _year_progress(
    figure: Figure | None, window: Period, amount: Amount, as_of: dt.date, *, has_data: bool
) -> YearProgress:
    p = pace(figure, amount.value, window, as_of, share=amount.denominator is not None)
    return YearProgress(
        year=window.start.year, window=window, status=pace_status(p, has_data=has_data),
        achieved=quantized(amount.value),
        numerator=amount.numerator, denominator=amount.denominator,
        expected=quantized(p.expected), gap=quantized(p.gap),
        remaining_low=quantized(p.remaining_low), remaining_high=quantized(p.remaining_high),
        share_of_low=quantized(p.share_of_low), share_of_high=quantized(p.share_of_high),
        pace_ratio=quantized(p.ratio, 4), forecast=quantized(p.forecast),
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


def _check_baseline(target: Target, window: Period) -> None:
    """Refuse a baseline that the window, once its open ends are known, contradicts."""
    baseline = target.baseline
    if baseline is None:
        return
    if baseline.date >= window.end:
        raise ValueError(
            f"target {target.id!r}: its baseline is dated {baseline.date.isoformat()}, not "
            f"before the window's end {window.end.isoformat()}; date it when it was measured"
        )
    if target.counts is not Count.SHARE and baseline.value and baseline.date < window.start:
        raise ValueError(
            f"target {target.id!r}: its baseline is dated {baseline.date.isoformat()}, before "
            f"the window opens on {window.start.isoformat()}, when a count is 0; date it "
            "within the window"
        )


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
    _check_baseline(target, window)
    share = target.counts is Count.SHARE
    holdings = share and target.basis is ShareBasis.QUALIFIED
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
        p = pace(figure, amount.value, latest.window, as_of, share=True, holdings=holdings)
    else:
        if per_year:
            figure = _scaled(figure, len(years))
            amount = Amount(sum((tally.year(y.year).numerator for y in years), Decimal(0)), None)
        p = pace(
            figure, amount.value, window, as_of,
            baseline=target.baseline, share=share, holdings=holdings,
        )  # fmt: skip
    status = (
        _combined(years, window, as_of) if per_year else pace_status(p, has_data=tally.has_data)
    )
    if target.figure is None or not tally.has_data:
        status = Status.NOT_STARTED if as_of < window.start else Status.UNABLE_TO_ASSESS
    return Progress(
        target_id=target.id, label=target.label, counts=target.counts, unit=target.unit,
        cadence=target.window.cadence, figure=figure,
        per_year_figure=target.figure if per_year else None, window=window, as_of=as_of,
        status=status, achieved=quantized(amount.value), numerator=amount.numerator,
        denominator=amount.denominator, share_of_low=quantized(p.share_of_low),
        share_of_high=quantized(p.share_of_high), baseline=target.baseline,
        pace_method=p.method, elapsed=quantized(p.elapsed, 4) or Decimal(0),
        expected=quantized(p.expected), gap=quantized(p.gap),
        remaining_low=quantized(p.remaining_low), remaining_high=quantized(p.remaining_high),
        days_elapsed=p.days_elapsed, days_total=p.days_total, days_remaining=p.days_remaining,
        years_elapsed=quantized(p.years_elapsed, 4) or Decimal(0),
        years_remaining=quantized(p.years_remaining, 4) or Decimal(0),
        observed_per_day=quantized(p.observed_per_day),
        required_per_day=quantized(p.required_per_day),
        required_per_day_remaining=quantized(p.required_per_day_remaining),
        observed_per_year=quantized(p.observed_per_year),
        required_per_year=quantized(p.required_per_year),
        required_per_year_remaining=quantized(p.required_per_year_remaining),
        required_per_course=quantized(_per_course(p.remaining_low, delivery, as_of)),
        observed_growth=quantized(p.observed_growth, 4),
        required_growth=quantized(p.required_growth, 4),
        pace_ratio=quantized(p.ratio, 4), forecast=quantized(p.forecast), years=years,
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
