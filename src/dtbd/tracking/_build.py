"""A target's :class:`~dtbd.Progress` from its measure's tally, whichever engine ran."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from dtbd.engine._tallies import Amount, Tally
from dtbd.figures._figure import Assessment, Figure
from dtbd.measures._measure import Measure
from dtbd.model._baseline import Baseline
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._target import Cadence, Count, ShareBasis, Target
from dtbd.results._progress import (
    CourseSize,
    PeriodProgress,
    Progress,
    Status,
    YearAmount,
)
from dtbd.tracking._pace import pace, pace_status, quantized

__all__ = ["build_progress", "delivering"]


def _period(  # noqa: PLR0913  -- one period's inputs
    figure: Figure | None,
    window: Period,
    amount: Amount,
    as_of: dt.date,
    *,
    year: int | None,
    has_data: bool,
    baseline: Baseline | None,
    share: bool,
    holdings: bool,
) -> PeriodProgress:
    """One period's progress, paced from its baseline or from 0 at its start."""
    p = pace(
        figure, amount.value, window, as_of, baseline=baseline, share=share, holdings=holdings
    )
    status = pace_status(p, has_data=has_data)
    if figure is None or not has_data:
        status = Status.NOT_STARTED if as_of < window.start else Status.UNABLE_TO_ASSESS
    return PeriodProgress(
        window=window, year=year, figure=figure, status=status,
        achieved=quantized(amount.value),
        numerator=amount.numerator, denominator=amount.denominator,
        share_of_low=quantized(p.share_of_low), share_of_high=quantized(p.share_of_high),
        pace_method=p.method, elapsed=quantized(p.elapsed, 4) or Decimal(0),
        expected=quantized(p.expected), gap=quantized(p.gap),
        remaining_low=quantized(p.remaining_low), remaining_high=quantized(p.remaining_high),
        days_elapsed=p.days_elapsed, days_total=p.days_total, days_remaining=p.days_remaining,
        years_elapsed=quantized(p.years_elapsed, 4) or Decimal(0),
        years_remaining=quantized(p.years_remaining, 4) or Decimal(0),
        observed_per_day=quantized(p.observed_per_day),
        required_per_day=quantized(p.required_per_day),
        required_per_day_remaining=quantized(p.required_per_day_remaining),
        # A year's own shortfall is remaining_low: rates a year would only scale it up.
        observed_per_year=None if year else quantized(p.observed_per_year),
        required_per_year=None if year else quantized(p.required_per_year),
        required_per_year_remaining=None if year else quantized(p.required_per_year_remaining),
        observed_growth=quantized(p.observed_growth, 4),
        required_growth=quantized(p.required_growth, 4),
        pace_ratio=quantized(p.ratio, 4), forecast=quantized(p.forecast),
    )  # fmt: skip


_SEVERITY = (Status.OFF_TRACK, Status.BEHIND, Status.UNABLE_TO_ASSESS, Status.EXCEEDED)


def _combined(periods: tuple[PeriodProgress, ...], window: Period, as_of: dt.date) -> Status:
    """The status of a per-year target from its years' statuses."""
    begun = [y.status for y in periods if y.status is not Status.NOT_STARTED]
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


def _yearly(window: Period, tally: Tally, *, share: bool) -> tuple[YearAmount, ...]:
    """What was done in each calendar year, with the running total of a count."""
    rows, total = [], Decimal(0)
    for year in window.years:
        part = window.year(year)
        if part is None:
            continue
        amount = tally.year(year)
        total += amount.numerator
        rows.append(
            YearAmount(
                year,
                part,
                quantized(amount.value),
                amount.numerator,
                amount.denominator,
                None if share else total,
            )
        )
    return tuple(rows)


def _current(periods: tuple[PeriodProgress, ...], as_of: dt.date) -> PeriodProgress:
    """The latest period begun by ``as_of``, or the first if none has."""
    begun = [p for p in periods if p.window.start <= as_of]
    return begun[-1] if begun else periods[0]


_OWN = frozenset({"window", "year", "figure", "status"})
"""Fields of a period that ``Progress`` holds in its own way."""


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
    common: dict[str, Any] = {"has_data": tally.has_data, "share": share, "holdings": holdings}
    if per_year:
        periods = tuple(
            _period(target.figure, part, tally.year(y), as_of, year=y, baseline=None, **common)
            for y in window.years
            if (part := window.year(y)) is not None
        )
        status = _combined(periods, window, as_of)
    else:
        periods = (
            _period(
                target.figure,
                window,
                tally.total,
                as_of,
                year=None,
                baseline=target.baseline,
                **common,
            ),
        )
        status = periods[0].status
    if target.figure is None or not tally.has_data:
        status = Status.NOT_STARTED if as_of < window.start else Status.UNABLE_TO_ASSESS
    current = _current(periods, as_of)
    numbers = _numbers(current)
    return Progress(
        target_id=target.id, label=target.label, counts=target.counts, unit=target.unit,
        cadence=target.window.cadence, figure=target.figure, window=window,
        period=current.window, as_of=as_of, status=status,
        periods_missed=tuple(p.window for p in periods if p.status is Status.MISSED),
        baseline=target.baseline,
        required_per_course=quantized(_per_course(current, delivery, as_of)),
        periods=periods, yearly=_yearly(window, tally, share=share),
        courses_outside_size=_outside_sizes(target, tally), aspirational=target.aspirational,
        parts=tuple(part.id for part in target.parts), **numbers,
    )  # fmt: skip


def _numbers(period: PeriodProgress) -> dict[str, Any]:
    """The numbers of ``period`` that ``Progress`` repeats as its own."""
    fields = attrs.fields(PeriodProgress)
    return {f.name: getattr(period, f.name) for f in fields if f.name not in _OWN}


def _per_course(
    period: PeriodProgress, delivery: tuple[Target, Measure, Tally] | None, as_of: dt.date
) -> Decimal | None:
    """Persons still needed per course still planned, for a target delivered by courses.

    For a per-year target delivered by per-year courses, both are the current year's.
    """
    remaining = period.remaining_low
    if remaining is None or delivery is None:
        return None
    courses, measure, tally = delivery
    if courses.figure is None or courses.figure.low is None or as_of >= period.window.end:
        return None
    planned = courses.figure.low
    held = tally.total.numerator
    if courses.window.cadence is Cadence.PER_YEAR:
        if period.year is not None and period.year in measure.window.years:
            held = tally.year(period.year).numerator
        else:
            planned *= len(measure.window.years)
    left = planned - held
    return remaining / left if left > 0 else None


def delivering(scheme: Scheme | None, target: Target) -> Target | None:
    """The courses target of ``scheme`` whose courses deliver ``target``'s persons, if any."""
    if scheme is None:
        return None
    return next((t for t in scheme.all_targets() if t.delivers == target.id), None)
