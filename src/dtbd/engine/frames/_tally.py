"""A measure's tally read from the run's collected values."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dtbd.engine._tallies import Amount, Tally
from dtbd.engine.frames._exprs import via_attendances
from dtbd.model._target import Count, ShareBasis

if TYPE_CHECKING:
    from dtbd.measures._measure import Measure

__all__ = ["tally"]


def _number(value: object) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, float):
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    return Decimal(str(value))


def _distinct(values: dict[str, Any], name: str) -> int:
    return int(values.get(name) or 0)


def tally(
    i: int, m: Measure, values: dict[str, Any], sizes: tuple[tuple[str, int], ...] = ()
) -> Tally:
    """The tally of measure number ``i``: its total, its years and whether data exists.

    ``sizes`` are the attendance rows of each course it counts (a course-size check's).
    """

    def amount(bucket: int | None) -> Amount:
        name = f"m{i}_{bucket}"
        if m.count is Count.SHARE:
            if m.share is not None and m.share.basis is ShareBasis.QUALIFIED:
                hits = int(values.get(name) or 0)
            else:
                hits = _distinct(values, name)
            return Amount(Decimal(hits), Decimal(int(values.get(f"{name}_den") or 0)))
        if m.count in (Count.PERSONS, Count.COURSES) and via_attendances(m):
            return Amount(Decimal(_distinct(values, name)), None)
        return Amount(_number(values.get(name)), None)

    years = tuple((y, amount(y)) for y in m.window.years)
    total = amount(None)
    attended = bool(values.get("a_valid"))
    if m.count is Count.SHARE:
        qualified = m.share is not None and m.share.basis is ShareBasis.QUALIFIED
        has_data = bool(total.denominator) and (qualified or attended)
    elif m.count is Count.COURSES:
        has_data = bool(values.get("c_dated")) or attended
    elif m.count is Count.SPENDING:
        # Spending lines, or a course's money read from its or its attendances' costs.
        has_data = bool(values.get("s_valid")) or bool(values.get("k_valid"))
    else:
        has_data = attended
    return Tally(m.target_id, total, years, has_data, sizes)
