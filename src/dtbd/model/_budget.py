"""Money: budget lines a scheme plans, and spending recorded against them."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from dtbd._validators import (
    check_id,
    check_unique_ids,
    enum_value,
    non_empty_text,
    optional_id,
    to_tuple,
)
from dtbd.figures._figure import Figure, to_decimal
from dtbd.figures._units import Unit
from dtbd.model._period import to_date
from dtbd.model._sources import Quote

__all__ = ["Budget", "BudgetLine", "FundingSource", "Spending"]


def _as_optional_funding_source(value: object) -> FundingSource | None:
    return None if value is None else enum_value(FundingSource, value)


class FundingSource(enum.Enum):
    """Where the money comes from (*nguồn kinh phí*)."""

    CENTRAL_BUDGET = "central_budget"
    """*ngân sách trung ương*."""
    LOCAL_BUDGET = "local_budget"
    """*ngân sách địa phương* (province or city budget, *ngân sách thành phố*)."""
    AGENCY = "agency"
    """The sending agency's own funds."""
    SPONSOR = "sponsor"
    """Grants and sponsorship, domestic or foreign (*tài trợ*)."""
    LEARNER = "learner"
    """Paid by the learner."""
    OTHER = "other"
    """Other lawful sources (*nguồn hợp pháp khác*)."""


def _money_figure(_i: object, attribute: attrs.Attribute[Any], value: Figure | None) -> None:
    if value is not None and value.unit is not Unit.VND:
        raise ValueError(
            f"'{attribute.name}' must be an amount of money in đồng (got a figure in "
            f"{value.unit.value}); write it like '11 tỷ đồng'"
        )


def _year(_i: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 1945 <= value <= 2100:
        raise ValueError(f"'{attribute.name}' must be a calendar year (got {value})")


@attrs.frozen
class BudgetLine:
    """A planned amount: "Sở Nội vụ … 60 cán bộ (kinh phí 11 tỷ đồng)".

    ``target`` names the target the money pays for, so that cost per person can be
    worked out; ``parts`` break the line down ("61,6 tỷ đồng, trong đó … 9,6 tỷ …
    52 tỷ").
    """

    id: str = attrs.field(validator=check_id)
    label: str = attrs.field(validator=non_empty_text)
    amount: Figure | None = attrs.field(validator=_money_figure)
    source: FundingSource | None = attrs.field(default=None, converter=_as_optional_funding_source)
    year: int | None = attrs.field(default=None, validator=_year)
    target: str | None = attrs.field(default=None, validator=optional_id)
    lead: str | None = None
    parts: tuple[BudgetLine, ...] = attrs.field(default=(), converter=to_tuple)
    quote: Quote | None = None

    def __attrs_post_init__(self) -> None:
        check_unique_ids("budget line", (part.id for part in self.parts))

    def walk(self) -> tuple[BudgetLine, ...]:
        """This line and every line below it, depth first."""
        return (self, *(line for part in self.parts for line in part.walk()))


@attrs.frozen
class Budget:
    """A scheme's funding: its stated total(s) and the lines that make them up.

    A text may state a headline ("gần 90 tỷ đồng") beside a grand total ("hơn 272,3 tỷ
    đồng"); ``total`` is the sum the lines should make, ``overall`` the larger envelope
    that also covers what is not broken down.
    """

    total: Figure | None = attrs.field(default=None, validator=_money_figure)
    overall: Figure | None = attrs.field(default=None, validator=_money_figure)
    source: FundingSource | None = attrs.field(default=None, converter=_as_optional_funding_source)
    lines: tuple[BudgetLine, ...] = attrs.field(default=(), converter=to_tuple)
    quote: Quote | None = None

    def __attrs_post_init__(self) -> None:
        check_unique_ids("budget line", (line.id for line in self.walk()))

    def walk(self) -> tuple[BudgetLine, ...]:
        """Every budget line, parts included, depth first."""
        return tuple(line for top in self.lines for line in top.walk())


def _non_negative_money(value: object) -> Decimal:
    amount = to_decimal(value)
    if amount < 0:
        raise ValueError(f"'amount' must not be negative (got {amount}); record refunds apart")
    if amount != amount.to_integral_value():
        raise ValueError(f"'amount' must be whole đồng (got {amount})")
    return amount


@attrs.frozen
class Spending:
    """Money actually spent: one payment or one settled line (*quyết toán*)."""

    id: str = attrs.field(validator=check_id)
    date: dt.date = attrs.field(converter=to_date)
    amount: Decimal = attrs.field(converter=_non_negative_money)
    budget_line: str | None = attrs.field(default=None, validator=optional_id)
    course: str | None = attrs.field(default=None, validator=optional_id)
    source: FundingSource | None = attrs.field(default=None, converter=_as_optional_funding_source)
    description: str | None = None
    unit: str | None = None
    """The unit of organisation that spent the money (*đơn vị sử dụng*), as the staff
    file names units (``Person.unit``): budget execution by unit reads it first."""
