"""Short forms for table cells: dates, periods, rounded values, target windows.

Everything still goes through babel; these only choose the precision a table shows.
The JSON output carries the exact numbers.

>>> from decimal import Decimal
>>> from dtbd import Unit
>>> cell(Decimal("2136.08"), Unit.ATTENDANCE), cell(Decimal("49.59"), Unit.PERCENT, "en")
('2.136 lượt', '49.6%')
>>> cell(Decimal("87412345678"), Unit.VND), cell(None, Unit.PERSON)
('87,412 tỷ đồng', '—')
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as babel_format_date

from dtbd.display._numbers import shown_count, shown_share
from dtbd.figures._figure import Figure
from dtbd.figures._format import format_count
from dtbd.figures._units import Unit
from dtbd.model._baseline import Baseline
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._target import Cadence, Target
from dtbd.words import say

__all__ = [
    "cell",
    "figure_cell",
    "percent_cell",
    "short_date",
    "short_period",
    "window_cell",
    "with_baseline",
]

_MILLION = Decimal(1_000_000)


def short_date(day: dt.date, locale: str = "vi") -> str:
    """A date for a table cell: "31/12/2025", "31 Dec 2025"."""
    pattern = "dd/MM/y" if locale == "vi" else "d MMM y"
    return str(babel_format_date(day, pattern, locale=locale))


def short_period(period: Period, locale: str = "vi") -> str:
    """A period for a table cell: "17/11/2023–31/12/2025"."""
    return f"{short_date(period.start, locale)}–{short_date(period.end, locale)}"


def _tidy(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def rounded(value: Decimal, unit: Unit) -> Decimal:
    """``value`` at the precision a table shows for ``unit``.

    Money to the million đồng (whole đồng below a million), percentages to a tenth,
    counts to a whole number from 100 up and to a tenth below.
    """
    if unit is Unit.VND:
        step = _MILLION if abs(value) >= _MILLION else Decimal(1)
        return (value / step).quantize(Decimal(1), ROUND_HALF_UP) * step
    places = Decimal(1) if unit is not Unit.PERCENT and abs(value) >= 100 else Decimal("0.1")
    return _tidy(value.quantize(places, ROUND_HALF_UP))


def cell(value: Decimal | None, unit: Unit, locale: str = "vi") -> str:
    """A measured value with its unit, rounded for a table; "—" when there is none."""
    if value is None:
        return say("cli.none", locale)
    return format_count(rounded(value, unit), unit, locale)


def percent_cell(value: Decimal | None, locale: str = "vi") -> str:
    """A percentage of the plan, to a tenth; "—" when there is none."""
    return shown_share(value, locale, none=say("cli.none", locale))


def figure_cell(figure: Figure | None, locale: str = "vi") -> str:
    """A stated figure in words, or "theo nhu cầu" when the text gives no number."""
    return say("cli.by_need", locale) if figure is None else figure.format(locale)


def window_cell(target: Target, scheme: Scheme, locale: str = "vi") -> str:
    """When a target is due: "đến 31/12/2025" or "mỗi năm 2024–2025".

    A part is due when the scheme resolves it to be: its parent's window, if it has none.
    """
    target = scheme.effective(target.id)
    window = target.window.within(scheme.period)
    if target.window.cadence is Cadence.PER_YEAR:
        years = f"{window.start.year}–{window.end.year}"
        if window.start.year == window.end.year:
            years = str(window.start.year)
        return say("cli.per_year", locale, years=years)
    return say("cli.until", locale, date=short_date(window.end, locale))


def with_baseline(shown: str, baseline: Baseline | None, unit: Unit, locale: str) -> str:
    """A figure's cell with the target's baseline after it: "40% (từ 38%, 01/01/2023)"."""
    if baseline is None:
        return shown
    value = shown_count(baseline.value, unit, locale)
    date = short_date(baseline.date, locale)
    return say("cli.baseline", locale, figure=shown, value=value, date=date)
