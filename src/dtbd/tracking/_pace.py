"""The pace of one value against one figure over one window, and the status it gives.

The method is Open SDG's progress measure (``sdg-build``'s ``ProgressMeasure.py``): the
rate observed since the baseline over the rate required from the baseline to the target
over the whole window, cut at 0.95 and 0.60. Rates are linear by days for counts and for
shares that start from zero, compound yearly growth for a share with a baseline above zero;
``docs/progress.md`` has the formulas and where dtbd departs from Open SDG.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from dtbd.figures._figure import Assessment, Figure
from dtbd.model._baseline import Baseline
from dtbd.model._period import Period
from dtbd.results._progress import PaceMethod, Status

__all__ = [
    "BEHIND_RATIO",
    "ON_TRACK_RATIO",
    "Pace",
    "calendar_years",
    "pace",
    "pace_status",
    "quantized",
]

ON_TRACK_RATIO = Decimal("0.95")
"""Observed rate ÷ required rate at or above which a target is on track (Open SDG)."""
BEHIND_RATIO = Decimal("0.60")
"""Ratio at or above which a target is behind (needs acceleration); below it, off track."""
_HUNDRED = Decimal(100)
_DAY = dt.timedelta(days=1)


def quantized(value: Decimal | None, places: int = 2) -> Decimal | None:
    """``value`` rounded half-even to ``places`` decimals (kept as is if it has fewer)."""
    if value is None:
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return value.quantize(Decimal(1))  # 1E+2 is written 100
    if isinstance(exponent, int) and exponent >= -places:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _year_length(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def _days(later: dt.date, earlier: dt.date) -> int:
    """Days from ``earlier`` to ``later``, counted on the ordinals.

    pendulum's subtraction builds an Interval (about 0.1 ms each); a hundred targets'
    pace numbers took 0.2 s of them.
    """
    return later.toordinal() - earlier.toordinal()


@functools.lru_cache(maxsize=4096)  # the same for every unit of a roll-up
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
            done = _days(as_of, part.start) + 1
            elapsed += done / length
            left += (part.days - done) / length
    return elapsed, left


@attrs.frozen
class Pace:
    """The exact pace numbers of one value (``docs/progress.md`` defines each)."""

    figure: Figure | None
    achieved: Decimal | None
    window: Period
    as_of: dt.date
    start_value: Decimal
    start_date: dt.date
    method: PaceMethod
    expected: Decimal | None
    gap: Decimal | None
    remaining_low: Decimal | None
    remaining_high: Decimal | None
    share_of_low: Decimal | None
    share_of_high: Decimal | None
    elapsed: Decimal
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
    ratio: Decimal | None
    forecast: Decimal | None


def _percent(achieved: Decimal | None, end: Decimal | None) -> Decimal | None:
    if achieved is None or end is None or end == 0:
        return None
    return achieved * 100 / end


def _per(amount: Decimal | None, time: Decimal | int) -> Decimal | None:
    return amount / time if amount is not None and time else None


def _method(
    figure: Figure | None, start: Decimal, *, share: bool, holdings: bool, baseline: bool
) -> PaceMethod:
    if figure is None or figure.low is None:
        return PaceMethod.NONE  # no number, or an "at most", which is kept, not paced
    if holdings and not baseline:
        return PaceMethod.NEEDS_BASELINE  # a share already held does not start from zero
    if share and start > 0:
        return PaceMethod.COMPOUND_GROWTH
    return PaceMethod.LINEAR


def _growth(end: Decimal, start: Decimal, years: Decimal) -> Decimal | None:
    """Compound yearly growth from ``start`` to ``end`` over ``years`` (Open SDG's CAGR)."""
    if not years or start <= 0 or end < 0:
        return None
    return (end / start) ** (1 / years) - 1


def pace(  # noqa: PLR0913  -- the numbers of one documented table
    figure: Figure | None,
    achieved: Decimal | None,
    window: Period,
    as_of: dt.date,
    *,
    baseline: Baseline | None = None,
    share: bool = False,
    holdings: bool = False,
) -> Pace:
    """The pace numbers of one value against one figure over one window.

    Without a baseline the value starts at 0 at the end of the day before the window
    opens; ``share`` caps the forecast at 100 %; ``holdings`` (a share of qualifications
    held) has no pace without a baseline.
    """
    start_value = baseline.value if baseline else Decimal(0)
    start_date = baseline.date if baseline else window.start - _DAY
    method = _method(
        figure, start_value, share=share, holdings=holdings, baseline=baseline is not None
    )
    end, day = window.end, min(as_of, window.end)
    started = as_of >= window.start
    elapsed = Decimal(_days(day, window.start) + 1) / window.days if started else Decimal(0)
    days_elapsed = max(0, _days(day, start_date))
    days_total = max(0, _days(end, start_date))
    days_remaining = max(0, _days(end, max(as_of, start_date)))
    span = Period(start_date + _DAY, end) if start_date < end else window
    years_elapsed, years_remaining = calendar_years(span, as_of)
    years_total = years_elapsed + years_remaining
    low = figure.low if figure else None
    high = figure.high if figure else None

    remaining_low = (
        max(low - achieved, Decimal(0)) if low is not None and achieved is not None else None
    )
    remaining_high = (
        max(high - achieved, Decimal(0)) if high is not None and achieved is not None else None
    )
    paced = method in (PaceMethod.LINEAR, PaceMethod.COMPOUND_GROWTH)
    gained = achieved - start_value if achieved is not None and paced and started else None
    needed = low - start_value if low is not None and paced else None
    observed_growth = required_growth = expected = ratio = forecast = None
    observed_per_day = _per(gained, days_elapsed)
    required_per_day = _per(needed, days_total)
    if method is PaceMethod.LINEAR and needed is not None:
        expected = start_value + needed * days_elapsed / days_total if days_total else low
        if observed_per_day is not None and required_per_day and required_per_day > 0:
            ratio = observed_per_day / required_per_day
        if observed_per_day is not None and achieved is not None:
            forecast = achieved + observed_per_day * days_remaining
    elif method is PaceMethod.COMPOUND_GROWTH and low is not None:
        required_growth = _growth(low, start_value, years_total)
        expected = start_value * (low / start_value) ** (years_elapsed / years_total)
        if started and achieved is not None:
            observed_growth = _growth(achieved, start_value, years_elapsed)
        if observed_growth is not None and required_growth:
            ratio = observed_growth / abs(required_growth)
        if observed_growth is not None and achieved is not None:
            forecast = achieved * (1 + observed_growth) ** years_remaining
    if share and forecast is not None:
        forecast = min(forecast, _HUNDRED)
    gap = achieved - expected if achieved is not None and expected is not None else None
    return Pace(
        figure, achieved, window, as_of, start_value, start_date, method, expected, gap,
        remaining_low, remaining_high, _percent(achieved, low), _percent(achieved, high),
        elapsed, days_elapsed, days_total, days_remaining, years_elapsed, years_remaining,
        observed_per_day, required_per_day, _per(remaining_low, days_remaining),
        _per(gained, years_elapsed), _per(needed, years_total),
        _per(remaining_low, years_remaining), observed_growth, required_growth, ratio, forecast,
    )  # fmt: skip


def pace_status(p: Pace, *, has_data: bool) -> Status:  # noqa: PLR0911  -- a decision table
    """The status of one value from its pace numbers (see ``docs/progress.md``)."""
    figure, achieved, window, as_of = p.figure, p.achieved, p.window, p.as_of
    if as_of < window.start:
        return Status.NOT_STARTED
    if figure is None or achieved is None or not has_data:
        return Status.UNABLE_TO_ASSESS
    assessment = figure.assess(achieved)
    # Open SDG: a target already achieved is achieved, whatever its rate.
    if assessment is Assessment.ABOVE:
        return Status.EXCEEDED
    if assessment is Assessment.WITHIN:
        # An "at most" is only met once the window closes; until then it can still be broken.
        return Status.MET if as_of >= window.end or figure.low is not None else Status.ON_TRACK
    if as_of >= window.end:
        return Status.MISSED
    if p.method is PaceMethod.NEEDS_BASELINE or (p.ratio is None and p.days_elapsed == 0):
        return Status.UNABLE_TO_ASSESS  # where the value started is unknown, or just now
    if p.ratio is None:
        return Status.OFF_TRACK  # already at the target at the baseline, below it now
    if p.ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK
    if p.ratio >= BEHIND_RATIO:
        return Status.BEHIND
    return Status.OFF_TRACK
