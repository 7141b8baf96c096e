"""Budget execution (*thực hiện dự toán*, *giải ngân*): the plan's money against the spent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

import attrs

from dtbd.figures._figure import Figure
from dtbd.results._dict import results_dict

__all__ = ["BudgetExecution", "ExecutionRow", "UnmatchedSpending"]

Key = str | int | None
"""A row's key: a budget line's id, a year, a funding source's value, a unit; ``None``
is the row of what the plan or the payments leave unstated (no year, no source, no unit)."""


@attrs.frozen(repr=False)
class ExecutionRow:
    """One row of a budget execution: what was planned, what was spent, what is left.

    ``planned`` is the allocation in đồng (a line's stated amount: its upper end, or its
    only end for "hơn 18 tỷ đồng"); ``None`` when the plan gives the row no money.
    ``spent`` is the sum of the payments counted in the row (``payments`` of them),
    ``remaining`` is ``planned - spent`` (below zero when overspent) and ``rate`` the
    execution rate ``spent × 100 / planned`` in percent, to two decimals (half even).

    A row by budget line also carries the line's place in the tree (``parent``,
    ``depth``), its ``label`` and the ``target`` its money pays for; then ``persons`` and
    ``attendances`` are that target's distinct persons and lượt counted as of the date,
    ``cost_per_person`` and ``cost_per_attendance`` what was spent over them (whole đồng),
    and ``planned_cost`` the plan's own cost per person (or per lượt, for a target that
    counts lượt), as ``dtbd.audit`` works it out: the line's amount over the target's
    figure.
    """

    key: Key
    planned: Decimal | None
    spent: Decimal
    payments: int
    remaining: Decimal | None
    rate: Decimal | None
    label: str | None = None
    parent: str | None = None
    depth: int = 0
    amount: Figure | None = None
    """The line's amount as the plan states it ("gần 90 tỷ đồng")."""
    target: str | None = None
    persons: int | None = None
    attendances: int | None = None
    cost_per_person: Decimal | None = None
    cost_per_attendance: Decimal | None = None
    planned_cost: Figure | None = None
    planned_cost_per: str | None = None
    """What ``planned_cost`` is per: ``"person"`` or ``"attendance"``."""

    def __repr__(self) -> str:
        return f"<ExecutionRow {self.key!r}: spent {self.spent} of {self.planned}>"


@attrs.frozen
class UnmatchedSpending:
    """The payments (dated on or before the date) that match no budget line of the plan.

    ``amount`` is their sum; ``no_line`` counts those that name no budget line,
    ``unknown_lines`` the ids named that the plan does not have; ``ids`` are every
    unmatched payment's id, in the order of the records.
    """

    amount: Decimal = Decimal(0)
    payments: int = 0
    no_line: int = 0
    unknown_lines: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


@attrs.frozen(repr=False)
class BudgetExecution:
    """A scheme's budget against its payments as of a date, by line, year, source or unit.

    Every payment dated on or before ``as_of`` is counted once: in ``spent`` (the
    payments booked to a line of the plan, spread over the rows) or in ``unmatched``;
    ``later`` and ``later_amount`` are the payments dated after ``as_of``, which do not
    count; ``unread`` are the spending rows that could not be read. ``planned`` is the
    plan's money over the lines that carry it (a line whose parts all state an amount is
    carried by its parts, so nothing is counted twice): the same total whatever ``by`` is.
    """

    scheme_id: str
    as_of: dt.date
    by: str
    rows: tuple[ExecutionRow, ...]
    planned: Decimal | None
    spent: Decimal
    remaining: Decimal | None
    rate: Decimal | None
    unmatched: UnmatchedSpending
    later: int = 0
    later_amount: Decimal = Decimal(0)
    unread: int = 0
    """Rows of the spending table that could not be read (records read with
    ``on_error="report"``, or dataframes): no amount of theirs is known, so none counts."""

    def __repr__(self) -> str:
        return (
            f"<BudgetExecution of {self.scheme_id} by {self.by} as of "
            f"{self.as_of.isoformat()}: {len(self.rows)} rows, spent {self.spent} of "
            f"{self.planned}, {self.unmatched.payments} payments unmatched>"
        )

    def __getitem__(self, key: Key) -> ExecutionRow:
        """The row with the key ``key`` (``None``: the row of what is unstated)."""
        for row in self.rows:
            if row.key == key and type(row.key) is type(key):
                return row
        known = ", ".join(repr(r.key) for r in self.rows)
        raise KeyError(f"no row {key!r} in this execution by {self.by}; there are {known}")

    @property
    def total_spent(self) -> Decimal:
        """Every payment dated on or before ``as_of``: ``spent`` and the unmatched."""
        return self.spent + self.unmatched.amount

    def to_dict(self) -> dict[str, Any]:
        """Plain data, every key every time: amounts as exact text, figures in full."""
        data: dict[str, Any] = results_dict(self)
        data["total_spent"] = str(self.total_spent)
        return data

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A row per row of the execution, then a row ``total`` and a row ``unmatched``."""
        from dtbd.display._execution import execution_frame  # noqa: PLC0415  -- display loads on use

        return execution_frame(self, backend)

    def to_html(self, locale: str = "vi") -> str:
        """The execution as an HTML table, every text escaped."""
        from dtbd.display._execution import execution_html  # noqa: PLC0415  -- display loads on use

        return execution_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        from dtbd.display._execution import execution_text  # noqa: PLC0415  -- display loads on use

        return execution_text(self)
