"""The pace of one value against one figure over one window, and the status it gives.

The formulas are in ``docs/progress.md``; in short, with the window ``[start, end]``
and ``as_of``: expected = low end × share of the window elapsed, required per year =
what remains of the low end ÷ calendar years left, pace ratio = observed rate ÷
required rate, cut at 0.95 and 0.60 (the Open SDG progress method).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from dtbd.figures._figure import Assessment, Figure
from dtbd.model._period import Period
from dtbd.results._progress import Status

__all__ = ["BEHIND_RATIO", "ON_TRACK_RATIO", "calendar_years", "pace", "pace_status", "quantized"]

ON_TRACK_RATIO = Decimal("0.95")
"""Observed rate ÷ required rate at or above which a target is on track (Open SDG)."""
BEHIND_RATIO = Decimal("0.60")
"""Ratio at or above which a target is behind (needs acceleration); below it, off track."""


def quantized(value: Decimal | None, places: int = 2) -> Decimal | None:
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
class Pace:
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
) -> Pace:
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
    return Pace(
        figure, achieved, window, as_of, expected, gap, remaining_low, remaining_high,
        _percent(achieved, low), _percent(achieved, high),
        fraction, years_elapsed, years_remaining, observed, required, ratio, forecast,
    )  # fmt: skip


def pace_status(p: Pace, *, has_data: bool) -> Status:  # noqa: PLR0911  -- a decision table
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
