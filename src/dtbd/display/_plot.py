"""A target's progress as a matplotlib chart: the one place numbers become floats, as pixels."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dtbd._extras import require
from dtbd.figures._figure import format_figure
from dtbd.figures._format import format_count
from dtbd.model._target import Cadence, Count
from dtbd.words import say

if TYPE_CHECKING:
    from decimal import Decimal

    from dtbd.figures._units import Unit
    from dtbd.results._progress import Progress

__all__ = ["plot_progress"]


def _f(value: Decimal | None) -> float:
    # The one place a number becomes a float: a position on the chart, never a result.
    return float(value or 0)


def plot_progress(p: Progress, ax: Any = None, locale: str = "vi") -> Any:  # noqa: ANN401  -- matplotlib Axes, an optional extra
    """Draw a target's progress on ``ax`` (a new figure's axes if ``None``); returns the axes.

    A per-year target (not a share) draws a bar per year against the per-year figure (a
    band for a range); any other target draws the cumulative achieved, the steady-pace
    line from the window's start to the figure at its end (a band for a range) and the
    forecast at the current pace.
    """
    # Every word is looked up first, so an unknown locale is refused before any drawing.
    achieved, pace, band, forecast, per_year = (
        say("display.legend.achieved", locale),
        say("display.legend.pace", locale),
        say("display.legend.band", locale),
        say("display.legend.forecast", locale),
        say("display.legend.per_year", locale),
    )
    if ax is None:
        pyplot = require("matplotlib.pyplot", "plot", "Progress.plot()")
        _figure, ax = pyplot.subplots()
    ax.set_title(p.label)
    if p.cadence is Cadence.PER_YEAR and p.counts is not Count.SHARE and p.years:
        years = [y.year for y in p.years]
        ax.bar(years, [_f(y.achieved) for y in p.years], label=achieved)
        figure = p.per_year_figure
        if figure is not None:
            low, high = figure.low, figure.high
            if low is not None and high is not None and low != high:
                ax.axhspan(
                    _f(low),
                    _f(high),
                    alpha=0.2,
                    label=f"{per_year}: {format_figure(figure, locale)}",
                )
            else:
                ax.axhline(_f(low if low is not None else high), linestyle="--", label=per_year)
        ax.set_xticks(years)
    else:
        start, end = p.window.start, p.window.end
        now = min(max(p.as_of, start), end)
        ax.plot([start, now], [0, _f(p.achieved)], marker="o", label=achieved)
        if p.figure is not None:
            low, high = p.figure.low, p.figure.high
            if low is not None and high is not None and low != high:
                ax.fill_between(
                    [start, end], [0, _f(low)], [0, _f(high)], alpha=0.2,
                    label=f"{band}: {format_figure(p.figure, locale)}",
                )  # fmt: skip
            ends = low if low is not None else high
            ax.plot([start, end], [0, _f(ends)], linestyle="--", label=pace)
        if p.forecast is not None and p.as_of < end:
            ax.plot([now, end], [_f(p.achieved), _f(p.forecast)], linestyle=":", label=forecast)
        ax.axvline(now, color="grey", linewidth=0.5)
    ax.set_ylabel(_unit_label(p.unit, locale))
    ax.legend()
    return ax


def _unit_label(unit: Unit, locale: str) -> str:
    words = format_count(2, unit, locale)
    return words.split(" ", 1)[1] if " " in words else words
