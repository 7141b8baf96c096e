"""A target's progress as a matplotlib chart: the one place numbers become floats, as pixels."""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dtbd._extras import require
from dtbd.figures._figure import format_figure
from dtbd.figures._format import format_count, format_number
from dtbd.figures._units import Unit
from dtbd.model._target import Cadence, Count
from dtbd.results._progress import PaceMethod
from dtbd.words import say

if TYPE_CHECKING:
    from dtbd.figures._figure import Figure
    from dtbd.results._progress import Progress

__all__ = ["date_axis", "legend_below", "number_axis", "plot_progress", "wrapped"]

_DAY = dt.timedelta(days=1)
_STEPS = 24
"""Points on a compound-growth path."""


def _f(value: Decimal | None) -> float:
    # The one place a number becomes a float: a position on the chart, never a result.
    return float(value or 0)


def wrapped(text: str, width: int = 60) -> str:
    """``text`` broken into lines of at most ``width`` characters, for a title or a label."""
    return textwrap.fill(text, width=width, break_long_words=False) or text


# Month numbers, not names: matplotlib's month names are English whatever the chart's
# language. A tick shows the year at January and the month elsewhere ("2024", "04", "07").
_FORMATS = {
    "vi": (
        ["%Y", "%m", "%d/%m", "%H:%M", "%H:%M", "%S.%f"],
        ["", "%Y", "%m/%Y", "%d/%m", "%H:%M", "%H:%M"],
        ["", "%Y", "%m/%Y", "%d/%m/%Y", "%d/%m/%Y", "%d/%m/%Y %H:%M"],
    ),
    "en": (
        ["%Y", "%m", "%d %b", "%H:%M", "%H:%M", "%S.%f"],
        ["", "%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M"],
        ["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y %H:%M"],
    ),
}


def date_axis(axis: Any, locale: str) -> None:  # noqa: ANN401  -- a matplotlib Axis
    """Thin a date axis to at most 7 ticks, written concisely with month numbers."""
    dates = require("matplotlib.dates", "plot", "Progress.plot()")
    locator = dates.AutoDateLocator(minticks=3, maxticks=7)
    formats, zero, offset = _FORMATS["en" if locale.startswith("en") else "vi"]
    axis.set_major_locator(locator)
    axis.set_major_formatter(
        dates.ConciseDateFormatter(
            locator, formats=formats, zero_formats=zero, offset_formats=offset
        )
    )


def number_axis(axis: Any, locale: str) -> None:  # noqa: ANN401  -- a matplotlib Axis
    """Write an axis' numbers with the locale's separators: "2.500" in vi, "2,500" in en."""
    ticker = require("matplotlib.ticker", "plot", "plot()")

    def shown(value: float, _position: object) -> str:
        # A tick is a float position; six places are more than any tick has.
        return format_number(Decimal(f"{float(value):.6f}").normalize() + 0, locale)

    axis.set_major_formatter(ticker.FuncFormatter(shown))


def legend_below(ax: Any, handles: list[Any] | None = None) -> None:  # noqa: ANN401  -- matplotlib Axes
    """The legend under the axis' label, where it covers neither bars nor lines."""
    transforms = require("matplotlib.transforms", "plot", "plot()")
    # A fixed distance in points below the axes, whatever their height: below the label.
    below = transforms.offset_copy(ax.transAxes, fig=ax.figure, y=-34, units="points")
    extra = {} if handles is None else {"handles": handles}
    ax.legend(
        **extra, fontsize="small", loc="upper center", bbox_to_anchor=(0.5, 0),
        bbox_transform=below, ncol=3, frameon=False,
    )  # fmt: skip


def _words(locale: str) -> dict[str, str]:
    keys = ("achieved", "pace", "band", "forecast", "per_year", "target")
    return {key: say(f"display.legend.{key}", locale) for key in keys}


def plot_progress(p: Progress, ax: Any = None, locale: str = "vi") -> Any:  # noqa: ANN401  -- matplotlib Axes, an optional extra
    """Draw a target's progress on ``ax`` (a new figure's axes if ``None``); returns the axes.

    A per-year target draws a bar per year (its own value: a count or a share) against
    the per-year figure (a band for a range), with the current year's forecast as an
    outline. Any other target draws its value over time — the running total of a count,
    the level of a share — from its start (the baseline, or 0 when the window opens),
    the path required from there to the figure, and the forecast. A share's axis runs
    from 0 to 100 %.
    """
    # Every word is looked up first, so an unknown locale is refused before any drawing.
    words = _words(locale)
    if ax is None:
        pyplot = require("matplotlib.pyplot", "plot", "Progress.plot()")
        _figure, ax = pyplot.subplots(layout="constrained")
    ax.set_title(wrapped(p.label), fontsize="medium")
    if p.cadence is Cadence.PER_YEAR and p.periods:
        _per_period(ax, p, words, locale)
    else:
        _over_time(ax, p, words, locale)
    if p.unit is Unit.PERCENT:
        # 0–100 %, with room above for a target of 100 % to show.
        ax.set_ylim(0, 104)
        ax.set_yticks(range(0, 101, 20))
        ax.set_ylabel("%")
    else:
        ax.set_ylabel(_unit_label(p.unit, locale))
    number_axis(ax.yaxis, locale)
    legend_below(ax)
    ax.grid(axis="y", alpha=0.3)
    return ax


def _per_period(ax: Any, p: Progress, words: dict[str, str], locale: str) -> None:  # noqa: ANN401
    years = [y.year or y.window.start.year for y in p.periods]
    ax.bar(years, [_f(y.achieved) for y in p.periods], label=words["achieved"])
    current = next((y for y in p.periods if y.window == p.period), None)
    if current is not None and current.forecast is not None and p.as_of < current.window.end:
        ax.bar(
            [current.year], [_f(current.forecast)], fill=False, linestyle=":",
            label=words["forecast"],
        )  # fmt: skip
    if p.figure is not None:
        _level(ax, p.figure, words["per_year"], locale)
    ax.set_xticks(years)


def _level(ax: Any, figure: Figure, label: str, locale: str) -> None:  # noqa: ANN401
    low, high = figure.low, figure.high
    if low is not None and high is not None and low != high:
        ax.axhspan(
            _f(low),
            _f(high),
            alpha=0.2,
            color="C3",
            label=f"{label}: {format_figure(figure, locale)}",
        )
    else:
        ax.axhline(_f(low if low is not None else high), linestyle="--", color="C3", label=label)


def _over_time(ax: Any, p: Progress, words: dict[str, str], locale: str) -> None:  # noqa: ANN401
    start, end = p.window.start, p.window.end
    now = min(max(p.as_of, start), end)
    origin = (p.baseline.date, p.baseline.value) if p.baseline else (start - _DAY, Decimal(0))
    share = p.counts is Count.SHARE
    if share or p.baseline is not None:
        points = [origin, (now, p.achieved)]
    else:
        # A count's running total at each year's end (or the date), from 0 at the start.
        points = [(start - _DAY, Decimal(0))]
        points += [
            (min(y.window.end, now), y.cumulative) for y in p.yearly if y.window.start <= now
        ]
    ax.plot(
        [d for d, _ in points], [_f(v) for _, v in points], marker="o", label=words["achieved"]
    )
    figure = p.figure
    if (
        figure is not None
        and figure.low is not None
        and p.pace_method is not PaceMethod.NEEDS_BASELINE
    ):
        low, high = figure.low, figure.high
        if high is not None and high != low:
            ax.fill_between(
                [origin[0], end], [_f(origin[1]), _f(low)], [_f(origin[1]), _f(high)],
                alpha=0.2, label=f"{words['band']}: {format_figure(figure, locale)}",
            )  # fmt: skip
        days, value = _path(p, origin, low)
        ax.plot(days, value, linestyle="--", label=words["pace"])
    elif figure is not None:
        _level(ax, figure, words["target"], locale)
    if p.forecast is not None and p.as_of < end:
        ax.plot(
            [now, end], [_f(p.achieved), _f(p.forecast)], linestyle=":", label=words["forecast"]
        )
    ax.axvline(now, color="grey", linewidth=0.5)
    date_axis(ax.xaxis, locale)


def _path(
    p: Progress, origin: tuple[dt.date, Decimal | None], low: Decimal
) -> tuple[list[dt.date], list[float]]:
    """The path the target requires from its start: a line, or a growth curve."""
    day0, value0 = origin
    start = _f(value0)
    end = p.window.end
    if p.pace_method is not PaceMethod.COMPOUND_GROWTH or not start:
        return [day0, end], [start, _f(low)]
    span = (end - day0).days
    days = [day0 + dt.timedelta(days=span * i // _STEPS) for i in range(_STEPS + 1)]
    ratio = _f(low) / start
    return days, [start * ratio ** ((d - day0).days / span) for d in days]


def _unit_label(unit: Unit, locale: str) -> str:
    words = format_count(2, unit, locale)
    return words.split(" ", 1)[1] if " " in words else words
