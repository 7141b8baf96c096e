"""Comparing figures: which side one lies on, whether two meet, their gap, money per head.

Plan audits compare what a plan's figures give (a sum of parts, a capacity) with what
it states; these helpers keep ranges and qualifiers ("khoảng", "hơn") exact throughout.
"""

from __future__ import annotations

import enum
import functools
import operator
from decimal import ROUND_HALF_UP, Decimal

from dtbd.figures._figure import Figure
from dtbd.figures._units import Qualifier, Unit

__all__ = ["Direction", "difference", "direction", "divide", "overlaps", "sum_figures"]

# Which qualifiers make an open gap or quotient strict ("hơn", "dưới") rather than inclusive.
_STRICT_BELOW = {Qualifier.MORE_THAN}
_STRICT_ABOVE = {Qualifier.LESS_THAN}


class Direction(enum.Enum):
    """Where a computed figure lies against a stated one, before any tolerance."""

    SAME = "same"
    """Every value of the computed figure is a value of the stated one."""
    BELOW = "below"
    ABOVE = "above"


def _raw(figure: Figure) -> tuple[Decimal, Decimal | None]:
    return (figure.low if figure.low is not None else Decimal(0), figure.high)


def _middle(figure: Figure) -> Decimal:
    low, high = _raw(figure)
    if high is None:
        return low
    if figure.low is None:
        return high
    return (low + high) / 2


def direction(computed: Figure, stated: Figure) -> Direction:
    """SAME when ``computed`` lies inside ``stated`` as written, else BELOW or ABOVE.

    Off the stated figure, the side is that of the computed figure's middle (its bound,
    for an open figure) against the stated figure's middle.
    """
    c_low, c_high = _raw(computed)
    s_low, s_high = _raw(stated)
    fits_top = s_high is None or (c_high is not None and c_high <= s_high)
    if c_low >= s_low and fits_top:
        return Direction.SAME
    return Direction.BELOW if _middle(computed) < _middle(stated) else Direction.ABOVE


def overlaps(computed: Figure, stated: Figure) -> bool:
    """Whether the two figures share a value once approximate ones take their tolerance.

    "khoảng" widens both ends by :data:`dtbd.ABOUT_TOLERANCE`, "gần" the lower end;
    touching ends count as shared.
    """
    c_low, c_high = computed.acceptance()
    s_low, s_high = stated.acceptance()
    return (s_high is None or c_low <= s_high) and (c_high is None or s_low <= c_high)


def difference(computed: Figure, stated: Figure) -> Figure | None:
    """The gap between two figures of one unit, or ``None`` where it is not defined.

    Defined for two single numbers (exact, or "about" when either is approximate) and
    for figures that do not meet as written: from the nearer ends to the farther ends,
    open where an end is open. Overlapping ranges have no single gap.
    """
    where = direction(computed, stated)
    if where is Direction.SAME:
        return None
    larger, smaller = (stated, computed) if where is Direction.BELOW else (computed, stated)
    approximate = larger.qualifier.is_approximate or smaller.qualifier.is_approximate
    if larger.value is not None and smaller.value is not None:
        gap = larger.value - smaller.value
        qualifier = Qualifier.ABOUT if approximate else Qualifier.EXACT
        return Figure(gap, gap, qualifier=qualifier, unit=larger.unit)
    l_low, l_high = _raw(larger)
    s_low, s_high = _raw(smaller)
    if s_high is None or l_low <= s_high:
        return None
    low = l_low - s_high
    if l_high is None:
        strict = larger.qualifier in _STRICT_BELOW or smaller.qualifier in _STRICT_ABOVE
        qualifier = Qualifier.MORE_THAN if strict else Qualifier.AT_LEAST
        return Figure(low, None, qualifier=qualifier, unit=larger.unit)
    qualifier = Qualifier.ABOUT if approximate else Qualifier.EXACT
    return Figure(low, l_high - s_low, qualifier=qualifier, unit=larger.unit)


def divide(amount: Figure, count: Figure) -> Figure | None:
    """Money per head: ``amount`` over ``count``, rounded half up to the whole đồng.

    Ends divide crosswise (the lowest cost is the lowest amount over the highest count);
    an end that cannot be bounded stays open, and ``None`` means neither end can be.

    >>> divide(Figure.exact(11_000_000_000, Unit.VND), Figure.exact(60, Unit.PERSON)).low
    Decimal('183333333')
    """
    a_low, a_high = _raw(amount)
    c_low, c_high = _raw(count)
    low = a_low / c_high if c_high and a_low else None
    high = a_high / c_low if a_high is not None and c_low else None
    if low is None and high is None:
        return None
    low = None if low is None else low.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    high = None if high is None else high.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if high is None:
        strict = amount.qualifier in _STRICT_BELOW or count.qualifier in _STRICT_ABOVE
        qualifier = Qualifier.MORE_THAN if strict else Qualifier.AT_LEAST
    elif low is None:
        strict = amount.qualifier in _STRICT_ABOVE or count.qualifier in _STRICT_BELOW
        qualifier = Qualifier.LESS_THAN if strict else Qualifier.AT_MOST
    elif amount.qualifier.is_approximate or count.qualifier.is_approximate:
        qualifier = Qualifier.ABOUT
    else:
        qualifier = Qualifier.EXACT
    return Figure(low, high, qualifier=qualifier, unit=Unit.VND)


def sum_figures(figures: list[Figure]) -> Figure:
    """The sum of figures of one unit, ranges adding end to end."""
    return functools.reduce(operator.add, figures)
