"""Stated quantities: a number or range, a qualifier and a unit."""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation, localcontext
from typing import TYPE_CHECKING, Any

import attrs

from dtbd._errors import UnitMismatchError
from dtbd._limits import SUM_PRECISION, number_problem
from dtbd.figures._format import format_quantity
from dtbd.figures._parse import read_figure
from dtbd.figures._units import Qualifier, Unit

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "ABOUT_TOLERANCE",
    "Assessment",
    "Figure",
    "format_figure",
    "parse_figure",
    "to_decimal",
]

ABOUT_TOLERANCE = Decimal("0.10")
"""Relative tolerance of "about" (*khoảng*) and "nearly" (*gần*) figures: 10 %.

"khoảng 2.800 lượt" is met by 2.520 to 3.080; "gần 90 tỷ đồng" by 81 to 90 tỷ.
"""

# Units that count repetitions of something else, strongest first: 4 courses × 15 people
# is people, and 4 courses a year × 3 years is courses, not years.
_MULTIPLIER_UNITS = (frozenset({Unit.YEAR, Unit.TIMES}), frozenset({Unit.COURSE}))


class Assessment(enum.Enum):
    """Where a value falls against a figure."""

    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


def to_decimal(value: object) -> Decimal:
    """Turn an int, a Decimal or a numeric string into a ``Decimal``; refuse floats.

    Floats are refused because ``0.1`` is not ``Decimal("0.1")``: money must be exact.
    """
    if isinstance(value, bool):
        raise TypeError(f"expected a number, got the boolean {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise TypeError(
            f"got the float {value!r}: write the number as a string or a Decimal "
            "(Decimal('272.3')) so that it stays exact"
        )
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    raise TypeError(f"expected a number, got {type(value).__name__} {value!r}")


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value)


def _check_bounds(instance: Figure, _attribute: attrs.Attribute[Any], _value: object) -> None:
    low, high, qualifier = instance.low, instance.high, instance.qualifier
    for name, number in (("low", low), ("high", high)):
        if number is None:
            continue
        if not number.is_finite():
            raise ValueError(f"'{name}' must be a finite number (got {number})")
        if problem := number_problem(number):
            raise ValueError(f"'{name}' {problem}; see the limits: `dtbd help figures`")
        if number < 0:
            raise ValueError(f"'{name}' must not be negative (got {number}); figures are counts")
        if instance.unit is Unit.VND and number != number.to_integral_value():
            raise ValueError(
                f"'{name}' must be whole đồng (got {number}); round the amount to the đồng"
            )
    if low is not None and high is not None and low > high:
        raise ValueError(f"'low' must be ≤ 'high' (got {low} > {high}); swap the two ends")
    needs = {
        Qualifier.EXACT: (True, True),
        Qualifier.ABOUT: (True, True),
        Qualifier.NEARLY: (True, True),
        Qualifier.AT_LEAST: (True, False),
        Qualifier.MORE_THAN: (True, False),
        Qualifier.AT_MOST: (False, True),
        Qualifier.LESS_THAN: (False, True),
    }[qualifier]
    has = (low is not None, high is not None)
    if has != needs:
        want = {
            (True, True): "both 'low' and 'high' (equal for a single number)",
            (True, False): "'low' only ('high' is open)",
            (False, True): "'high' only ('low' is open)",
        }[needs]
        raise ValueError(f"a figure qualified {qualifier.value!r} needs {want}; got {has}")


@attrs.frozen(order=False)
class Figure:
    """A stated quantity: one number or a range, a qualifier and a unit.

    ``low`` and ``high`` are equal for a single number, ``low < high`` for a range, and
    ``None`` for an open end ("hơn 18 tỷ đồng" has no ``high``). Percentages keep the
    written number (80 for 80 %); money is whole VND.

    >>> Figure.parse("khoảng 15 - 17 người")
    Figure(low=Decimal('15'), high=Decimal('17'), qualifier=<Qualifier.ABOUT: 'about'>, unit=<Unit.PERSON: 'person'>)
    """  # noqa: E501  -- a doctest repr is one line

    low: Decimal | None = attrs.field(converter=_optional_decimal)
    high: Decimal | None = attrs.field(converter=_optional_decimal)
    qualifier: Qualifier = attrs.field(
        validator=attrs.validators.instance_of(Qualifier), kw_only=True
    )
    unit: Unit = attrs.field(
        validator=[attrs.validators.instance_of(Unit), _check_bounds], kw_only=True
    )

    # -- named constructors -------------------------------------------------------------

    @classmethod
    def exact(cls, value: object, unit: Unit) -> Figure:
        """A single exact number: ``Figure.exact(37000, Unit.ATTENDANCE)``."""
        number = to_decimal(value)
        return cls(number, number, qualifier=Qualifier.EXACT, unit=unit)

    @classmethod
    def between(
        cls, low: object, high: object, unit: Unit, *, qualifier: Qualifier = Qualifier.EXACT
    ) -> Figure:
        """A range, exact ("15 - 17") or approximate ("khoảng 15 - 17")."""
        return cls(low, high, qualifier=qualifier, unit=unit)

    @classmethod
    def about(cls, value: object, unit: Unit) -> Figure:
        """An approximate number, *khoảng*."""
        number = to_decimal(value)
        return cls(number, number, qualifier=Qualifier.ABOUT, unit=unit)

    @classmethod
    def at_least(cls, value: object, unit: Unit) -> Figure:
        """An open range from the number up, *ít nhất*."""
        return cls(value, None, qualifier=Qualifier.AT_LEAST, unit=unit)

    @classmethod
    def more_than(cls, value: object, unit: Unit) -> Figure:
        """An open range strictly above the number, *hơn*."""
        return cls(value, None, qualifier=Qualifier.MORE_THAN, unit=unit)

    @classmethod
    def at_most(cls, value: object, unit: Unit) -> Figure:
        """An open range up to the number, *tối đa*."""
        return cls(None, value, qualifier=Qualifier.AT_MOST, unit=unit)

    @classmethod
    def less_than(cls, value: object, unit: Unit) -> Figure:
        """An open range strictly below the number, *dưới*."""
        return cls(None, value, qualifier=Qualifier.LESS_THAN, unit=unit)

    @classmethod
    def parse(cls, text: str, *, money: bool = False) -> Figure:
        """Read a Vietnamese figure phrase: ``Figure.parse("hơn 272,3 tỷ đồng")``.

        ``money=True`` reads a scale without a unit as đồng ("90 tỷ" in a sentence about
        money).

        Raises:
            FigureParseError: the text is not a figure phrase; the message quotes it.
        """
        low, high, qualifier, unit = read_figure(text, money=money)
        return cls(low, high, qualifier=qualifier, unit=unit)

    # -- shape --------------------------------------------------------------------------

    @property
    def is_range(self) -> bool:
        """Whether both ends are given and differ ("15 - 17")."""
        return self.low is not None and self.high is not None and self.low < self.high

    @property
    def is_open(self) -> bool:
        """Whether one end is open ("hơn", "ít nhất", "dưới", "tối đa")."""
        return self.low is None or self.high is None

    @property
    def value(self) -> Decimal | None:
        """The single number of a non-range figure with both ends, else ``None``."""
        if self.low is not None and self.low == self.high:
            return self.low
        return None

    def acceptance(self, tolerance: Decimal = ABOUT_TOLERANCE) -> tuple[Decimal, Decimal | None]:
        """The interval of values that meet the figure, as ``(lowest, highest)``.

        ``highest`` is ``None`` when there is no upper bound. Strict bounds ("hơn",
        "dưới") are reported as their number; :meth:`assess` keeps them strict.
        "About" widens both ends by ``tolerance`` (relative); "nearly" widens only the
        lower end.
        """
        low = self.low if self.low is not None else Decimal(0)
        high = self.high
        if self.qualifier is Qualifier.ABOUT:
            low, high = low * (1 - tolerance), (high * (1 + tolerance) if high else high)
        elif self.qualifier is Qualifier.NEARLY:
            low = low * (1 - tolerance)
        return low, high

    def assess(self, value: object, *, tolerance: Decimal = ABOUT_TOLERANCE) -> Assessment:
        """Say whether ``value`` is below, within or above the figure.

        "About" and "nearly" figures accept values within ``tolerance`` (10 % by default,
        :data:`ABOUT_TOLERANCE`); "at least" and "more than" have no ABOVE, "at most" and
        "less than" no BELOW beyond zero.

        >>> Figure.parse("khoảng 15 - 17 người").assess(18)
        <Assessment.WITHIN: 'within'>
        >>> Figure.parse("hơn 18 tỷ đồng").assess(18_000_000_000)
        <Assessment.BELOW: 'below'>
        """
        number = to_decimal(value)
        low, high = self.acceptance(tolerance)
        below = number <= low if self.qualifier is Qualifier.MORE_THAN else number < low
        if high is None:
            above = False
        elif self.qualifier is Qualifier.LESS_THAN:
            above = number >= high
        else:
            above = number > high
        if below:
            return Assessment.BELOW
        if above:
            return Assessment.ABOVE
        return Assessment.WITHIN

    # -- arithmetic ---------------------------------------------------------------------

    def __add__(self, other: object) -> Figure:
        """Add two figures of one unit, keeping the qualifier honest.

        exact + about = about; range + range = range; more than + exact = more than;
        an open upper end stays open. Counts and money are never negative, so an open
        lower end ("tối đa 5") adds as zero.
        """
        if not isinstance(other, Figure):
            return NotImplemented
        if other.unit is not self.unit:
            raise UnitMismatchError(
                f"cannot add {other.unit.value} to {self.unit.value}: "
                "figures must share a unit to be added"
            )
        return _combine((self, other), self.unit, lambda a, b: a + b)

    def __radd__(self, other: object) -> Figure:
        # sum() starts from 0; let it through so that sum(figures) works.
        if other == 0:
            return self
        return NotImplemented

    def __mul__(self, other: object) -> Figure:
        """Multiply by a number or by a figure: 4 khóa × 15 - 17 người = 60 - 68 người.

        One of two figures must count repetitions (courses, years, times); the product
        takes the other's unit.
        """
        if isinstance(other, Figure):
            return _combine((self, other), _product_unit(self, other), lambda a, b: a * b)
        if isinstance(other, (int, Decimal)) and not isinstance(other, bool):
            factor = Figure.exact(other, Unit.TIMES)
            return _combine((self, factor), self.unit, lambda a, b: a * b)
        return NotImplemented

    __rmul__ = __mul__

    def __str__(self) -> str:
        return self.format()

    def format(self, locale: str = "vi") -> str:
        """The figure in words, through babel: "khoảng 15–17 người", "about 15–17 people".

        >>> Figure.parse("hơn 272,3 tỷ đồng").format()
        'hơn 272,3 tỷ đồng'
        >>> Figure.parse("hơn 272,3 tỷ đồng").format(locale="en")
        'more than VND 272.3 billion'
        """
        return format_figure(self, locale=locale)


def format_figure(figure: Figure, locale: str = "vi") -> str:
    """A figure in words: "khoảng 15–17 người", "more than VND 272.3 billion".

    The Vietnamese form reads back to the same figure with :func:`dtbd.parse_figure`.
    """
    return format_quantity(figure.low, figure.high, figure.qualifier, figure.unit, locale)


def _product_unit(first: Figure, second: Figure) -> Unit:
    """The unit of a product: the unit of the factor that is not counting repetitions."""
    for multipliers in _MULTIPLIER_UNITS:
        if second.unit in multipliers:
            return first.unit
        if first.unit in multipliers:
            return second.unit
    raise UnitMismatchError(
        f"cannot multiply {first.unit.value} by {second.unit.value}: one of the "
        "two must count courses, years or times"
    )


def _combine(figures: Iterable[Figure], unit: Unit, op: Any) -> Figure:  # noqa: ANN401
    """Combine two figures end by end; the qualifier follows the weakest statement."""
    first, second = figures
    # Exact: two numbers within the limits (24 digits each) never round in 40 digits; a
    # result beyond the limits is refused by Figure, not rounded into a wrong figure.
    with localcontext(prec=SUM_PRECISION):
        low = op(first.low or Decimal(0), second.low or Decimal(0))
        high = None if first.high is None or second.high is None else op(first.high, second.high)
    quals = {first.qualifier, second.qualifier}
    lower_open_strict = Qualifier.MORE_THAN in quals
    upper_strict = Qualifier.LESS_THAN in quals
    if high is None:
        qualifier = Qualifier.MORE_THAN if lower_open_strict else Qualifier.AT_LEAST
        return Figure(low, None, qualifier=qualifier, unit=unit)
    # An open lower end that stays at zero ("tối đa 5" × 3, "tối đa 3" + "tối đa 4") is
    # still open: the result is "at most", not a range from zero. Not when "about" or
    # "nearly" is in the sum: an "at most" cannot carry them, and dropping them here made
    # the sum depend on the order of its terms (about 0 + at most 0, then + 0.01).
    vague = bool(quals & {Qualifier.ABOUT, Qualifier.NEARLY})
    if low == 0 and (first.low is None or second.low is None) and not vague:
        qualifier = Qualifier.LESS_THAN if upper_strict else Qualifier.AT_MOST
        return Figure(None, high, qualifier=qualifier, unit=unit)
    # "About" may fall on either side, so it wins; "gần 90" + 10 is still a little below
    # 100 and never above it, so "nearly" survives exact and closed-above parts.
    if Qualifier.ABOUT in quals:
        qualifier = Qualifier.ABOUT
    elif Qualifier.NEARLY in quals:
        qualifier = Qualifier.NEARLY
    else:
        qualifier = Qualifier.EXACT
    return Figure(low, high, qualifier=qualifier, unit=unit)


def parse_figure(text: str, *, money: bool = False) -> Figure:
    """Read a Vietnamese figure phrase into a :class:`Figure`.

    Digits ("37.000", "272,3 tỷ", "2 tỷ 500 triệu"), number words ("tám nghìn", "hai
    trăm") and units of heads, degrees ("25 thạc sĩ"), money and time ("khoảng 2 tuần",
    "4 tháng"). ``money=True`` says the sentence is about money: "90 tỷ" is then đồng.

    >>> parse_figure("37.000 lượt")
    Figure(low=Decimal('37000'), high=Decimal('37000'), qualifier=<Qualifier.EXACT: 'exact'>, unit=<Unit.ATTENDANCE: 'attendance'>)

    Raises:
        FigureParseError: the text is not a figure phrase; the message quotes it and
            says what was expected.
    """  # noqa: E501  -- a doctest repr is one line
    return Figure.parse(text, money=money)
