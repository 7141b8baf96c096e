"""Numbers of progress as a report writes them: whole people, percentages to a tenth.

A result keeps its exact values (``to_dict``, ``to_frame``); tables and charts show them
rounded the way a progress report would: no one writes "37,1 người" still needed. The
command line's table, the notebook's HTML and ``print`` all round through these functions.

>>> from decimal import Decimal
>>> from dtbd import Unit
>>> shown_count(Decimal("37.1"), Unit.PERSON, "vi", needed=True)
'38 người'
>>> shown_count(Decimal("37.1"), Unit.PERSON, "en"), shown_count(Decimal("49.58"), Unit.PERCENT)
('37 people', '49,6%')
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from dtbd.figures._format import format_count, format_number, format_percent
from dtbd.figures._units import Unit
from dtbd.results._progress import PaceMethod, PeriodProgress, Progress, Status
from dtbd.words import say

if TYPE_CHECKING:
    from dtbd.engine._tallies import RecordSummary
    from dtbd.model._period import Period

__all__ = [
    "DISCRETE",
    "period_label",
    "quantized_share",
    "records_lines",
    "report_value",
    "short_date",
    "shown_count",
    "shown_share",
    "status_notes",
]

DISCRETE = frozenset(
    {Unit.ATTENDANCE, Unit.PERSON, Unit.COURSE, Unit.TOPIC, Unit.TIMES, Unit.GROUP}
)
"""Units counted in whole things: a report shows them as whole numbers."""
_MILLION = Decimal(1_000_000)
_TENTH = Decimal("0.1")


def report_value(value: Decimal, unit: Unit, *, needed: bool = False) -> Decimal:
    """``value`` rounded as a report shows it; what is still ``needed`` is rounded up.

    Whole things (lượt, người, khóa, …) to a whole number (what is needed rounded up:
    37,1 người still needed are 38), money to the million đồng (whole đồng below a
    million), percentages and days to a tenth.
    """
    rounding = ROUND_CEILING if needed and unit in DISCRETE else ROUND_HALF_UP
    if unit is Unit.VND:
        step = _MILLION if abs(value) >= _MILLION else Decimal(1)
        return (value / step).quantize(Decimal(1), rounding) * step
    step = Decimal(1) if unit in DISCRETE else _TENTH
    rounded = value.quantize(step, rounding)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded


def shown_count(
    value: Decimal | None, unit: Unit, locale: str = "vi", *, needed: bool = False, none: str = "–"
) -> str:
    """``value`` with its unit, rounded as a report shows it; ``none`` when there is none."""
    if value is None:
        return none
    return format_count(report_value(value, unit, needed=needed), unit, locale)


def quantized_share(value: Decimal | None) -> Decimal | None:
    """A percentage to a tenth, as a report shows it."""
    return None if value is None else report_value(value, Unit.PERCENT)


def shown_share(value: Decimal | None, locale: str = "vi", *, none: str = "–") -> str:
    """A share of the plan as a report shows it, to a tenth of a percent: "40,6%".

    >>> shown_share(Decimal("40.625")), shown_share(Decimal("68.5"), "en"), shown_share(None)
    ('40,6%', '68.5%', '–')
    """
    shown = quantized_share(value)
    return none if shown is None else format_percent(shown, locale)


def short_date(day: dt.date, locale: str = "vi") -> str:
    """A date for a table cell: "31/12/2025", "31 Dec 2025"."""
    from babel.dates import format_date  # noqa: PLC0415  -- babel loads with the first table

    pattern = "dd/MM/y" if locale == "vi" else "d MMM y"
    return str(format_date(day, pattern, locale=locale))


def period_label(period: Period, locale: str = "vi") -> str:
    """A period by its year when it lies in one ("2024"), else by its two dates."""
    if period.start.year == period.end.year:
        return str(period.start.year)
    return f"{short_date(period.start, locale)}–{short_date(period.end, locale)}"


def status_notes(p: Progress | PeriodProgress, word: str, locale: str) -> str:
    """A status ``word`` with the periods already missed or the missing baseline after it."""
    missed = p.periods_missed if isinstance(p, Progress) else ()
    if missed:
        periods = ", ".join(period_label(period, locale) for period in missed)
        word = say("display.missed_periods", locale, status=word, periods=periods)
    if p.pace_method is PaceMethod.NEEDS_BASELINE and p.status is Status.UNABLE_TO_ASSESS:
        word = say("display.no_baseline", locale, status=word)
    return word


def records_lines(summary: RecordSummary, locale: str) -> list[str]:
    """A line for each table that had rows: read, counted, malformed, left out and why."""
    return [
        say(
            "display.records.table",
            locale,
            table=say(f"display.table.{name}", locale),
            read=format_number(s.read, locale),
            counted=format_number(s.counted, locale),
            malformed=format_number(s.malformed, locale),
            after=format_number(s.after_as_of, locale),
            outside=format_number(s.outside_windows, locale),
            unmatched=format_number(s.unmatched, locale),
        )
        for name in ("persons", "courses", "attendances", "spending")
        if (s := getattr(summary, name)).read
    ] + _money_line(summary, locale)


def _money_line(summary: RecordSummary, locale: str) -> list[str]:
    """Where the courses' money came from, when a course's or attendance's cost was read."""
    m = summary.money
    if not (m.from_cost or m.from_attendances or m.costs_ignored or m.attendance_costs_ignored):
        return []
    numbers = {
        "spending": m.from_spending, "cost": m.from_cost, "attendances": m.from_attendances,
        "ignored": m.costs_ignored, "rows_ignored": m.attendance_costs_ignored,
    }  # fmt: skip
    return [
        say(
            "display.records.money",
            locale,
            **{name: format_number(number, locale) for name, number in numbers.items()},
        )
    ]
