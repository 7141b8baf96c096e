"""A target's baseline: where its value stood on a date, the start of its pace.

A baseline is what IATI results call a ``baseline`` (a value and its date) and what the
Open SDG progress measure starts from (its base year's value). Progress is paced from it:
the rate observed since the baseline against the rate required from the baseline to the
target (``docs/progress.md``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from dtbd.figures._figure import Figure, to_decimal
from dtbd.model._period import to_date
from dtbd.model._sources import Quote

__all__ = ["Baseline"]


def _baseline_value(value: object) -> Decimal:
    """A number in the target's unit, from a number or a one-number figure ("38%")."""
    if isinstance(value, str):
        try:
            number = to_decimal(value)
        except ValueError:
            value = Figure.parse(value)
        else:
            value = number
    if isinstance(value, Figure):
        if value.low is None or value.low != value.high:
            raise ValueError(
                f"a baseline is one number, got the figure {str(value)!r}; give the value "
                "it stood at, such as '38%' or Decimal('38')"
            )
        value = value.low
    number = to_decimal(value)
    if not number.is_finite() or number < 0:
        raise ValueError(f"a baseline's value must be a number of 0 or more, got {value!r}")
    return number


@attrs.frozen
class Baseline:
    """Where a target's value stood on a date: its number and the date it was measured.

    ``value`` is in the target's unit (a share in percent: ``38`` for 38 %); a figure of
    one number is taken for its number. A value on a date is the value at the end of
    that day, as ``as_of`` is.

    >>> Baseline("38%", "2023-12-31")
    Baseline(value=Decimal('38'), date=Date(2023, 12, 31), note=None, quote=None)
    """

    value: Decimal = attrs.field(converter=_baseline_value)
    date: dt.date = attrs.field(converter=to_date)
    note: str | None = None
    """Where the number comes from ("Báo cáo số 12/BC-SNV ngày 05/01/2024")."""
    quote: Quote | None = None
