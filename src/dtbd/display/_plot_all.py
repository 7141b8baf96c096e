"""Every target of an evaluation in one chart: a bullet per target, achieved against due.

Each target is a row, parts indented under it: a bar of what is achieved as a share of
the figure (its low end), coloured by status as the HTML badges are, and a tick at what
is due by now as a share of the figure — for a count from zero, the share of the time
elapsed. A per-year target shows its current year. Rows without a number (no figure,
nothing to count yet) say so in place of a bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dtbd._extras import require
from dtbd.display._html import depths, share_cell
from dtbd.display._numbers import period_label, short_date
from dtbd.display._plot import legend_below, number_axis, wrapped
from dtbd.display._style import TONES
from dtbd.model._target import Cadence
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    from decimal import Decimal

    from dtbd.results._evaluation import Evaluation
    from dtbd.results._progress import Progress

__all__ = ["plot_evaluation"]

COLOURS = {"good": "#2ea043", "warn": "#d4961a", "bad": "#dc3532", "none": "#8c8c8c"}
"""The tones of :data:`dtbd.display._style.TONES` as solid colours, the badges' borders."""
_WIDTH = 42
"""Characters per line of a target's label."""
_CAP = 150.0
"""Bars stop at 150 %: a target far above its figure still leaves the others readable."""


def _share(value: Decimal | None, low: Decimal | None) -> float | None:
    # Numbers become floats here only as positions on the chart, never as results.
    if value is None or low is None or low == 0:
        return None
    return float(value * 100 / low)


def _label(p: Progress, depth: int, locale: str) -> str:
    label = p.label
    if p.cadence is Cadence.PER_YEAR:
        label += f" ({say('cli.progress.year', locale, year=period_label(p.period, locale))})"
    # Tick labels are right-aligned, where leading spaces do not show: a part is marked.
    return wrapped(f"{'– ' * depth}{label}", _WIDTH)


def plot_evaluation(ev: Evaluation, ax: Any = None, locale: str = "vi") -> Any:  # noqa: ANN401  -- matplotlib Axes, an optional extra
    """Draw every target of ``ev`` as a bullet on ``ax`` (a new figure's if ``None``)."""
    check_locale(locale)
    targets = list(ev.targets.values())
    depth = depths(targets)
    labels = [_label(p, depth[p.target_id], locale) for p in targets]
    if ax is None:
        pyplot = require("matplotlib.pyplot", "plot", "Evaluation.plot()")
        height = 1.2 + sum(0.22 * (label.count("\n") + 1) + 0.12 for label in labels)
        _figure, ax = pyplot.subplots(figsize=(9, max(3.0, height)), layout="constrained")
    rows = range(len(targets))
    low = [None if p.figure is None else p.figure.low for p in targets]
    achieved = [None if p.share_of_low is None else float(p.share_of_low) for p in targets]
    due = [_share(p.expected, lo) for p, lo in zip(targets, low, strict=True)]
    colours = [COLOURS[TONES[p.status.value]] for p in targets]
    ax.barh(
        list(rows),
        [min(a or 0.0, _CAP) for a in achieved],
        color=colours,
        height=0.55,
        alpha=0.85,
    )
    marks = [(row, d) for row, d in zip(rows, due, strict=True) if d is not None]
    ax.scatter(
        [min(d, _CAP) for _, d in marks],
        [row for row, _ in marks],
        marker="|",
        s=500,
        linewidths=2.5,
        color="black",
        zorder=3,
        label=say("display.plot.due", locale),
    )
    for row, p, a, d in zip(rows, targets, achieved, due, strict=True):
        shown = say(f"display.status.{p.status.value}", locale)
        text = shown if a is None else share_cell(p.share_of_low, locale)
        ax.annotate(
            text,
            (min(max(a or 0.0, d or 0.0), _CAP), row),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize="small",
        )
    ax.axvline(100, color="grey", linewidth=0.8, linestyle="--")
    ax.set_yticks(list(rows), labels, fontsize="small")
    for tick, p in zip(ax.get_yticklabels(), targets, strict=True):
        if not depth[p.target_id]:
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    widest = max([100.0, *(a for a in achieved if a is not None), *(d for d in due if d)])
    ax.set_xlim(0, min(widest, _CAP) + 22)
    ax.set_xlabel(say("display.plot.share_axis", locale))
    number_axis(ax.xaxis, locale)
    title = say(
        "display.plot.title", locale, scheme=ev.scheme_id, date=short_date(ev.as_of, locale)
    )
    ax.set_title(wrapped(title, 80), fontsize="medium")
    patches = require("matplotlib.patches", "plot", "Evaluation.plot()")
    seen = [s for s in TONES if s in {p.status.value for p in targets}]
    handles = [
        patches.Patch(color=COLOURS[TONES[s]], label=say(f"display.status.{s}", locale))
        for s in seen
    ]
    due_handles, _ = ax.get_legend_handles_labels()
    legend_below(ax, [*handles, *due_handles])
    ax.grid(axis="x", alpha=0.3)
    return ax
