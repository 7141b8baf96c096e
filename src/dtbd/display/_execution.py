"""A budget execution as a table: text for ``print``, HTML for notebooks, a typed frame.

The cells round as every other view rounds (:mod:`dtbd.display._numbers`): money to the
million đồng, the execution rate to a tenth of a percent. The exact amounts are in
``to_dict()`` and ``to_frame()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dtbd.display._dataframe import Backend, Column, build_frame, figure_end
from dtbd.display._numbers import shown_count, shown_share
from dtbd.display._style import e, table, view
from dtbd.figures._format import format_date, format_number
from dtbd.figures._units import Unit
from dtbd.words import check_locale, say

if TYPE_CHECKING:
    from dtbd.results._execution import BudgetExecution, ExecutionRow

__all__ = [
    "execution_frame",
    "execution_heads",
    "execution_html",
    "execution_rows",
    "execution_text",
    "row_label",
]

_MONEY_HEADS = (
    "execution.head.planned",
    "execution.head.spent",
    "execution.head.remaining",
    "execution.head.rate",
    "execution.head.payments",
)
_COST_HEADS = (
    "execution.head.persons",
    "execution.head.attendances",
    "execution.head.cost_per_person",
    "execution.head.cost_per_attendance",
    "execution.head.planned_cost",
)


def row_label(by: str, row: ExecutionRow, locale: str = "vi") -> str:
    """A row's name for people: a line's label, "Năm 2024", a funding source, a unit."""
    if row.key is None:
        return say(f"execution.none.{by}", locale)
    if by == "line":
        return f"{'  ' * row.depth}{row.label}"
    if by == "year":
        return say("execution.year", locale, year=row.key)
    if by == "source":
        return say(f"execution.source.{row.key}", locale)
    return str(row.key)


def execution_heads(ex: BudgetExecution, locale: str = "vi") -> tuple[str, ...]:
    """The column heads of the execution's table (a line's costs only by line)."""
    keys = (f"execution.by.{ex.by}", *_MONEY_HEADS, *(_COST_HEADS if ex.by == "line" else ()))
    return tuple(say(k, locale) for k in keys)


def _money(value: Any, locale: str) -> str:  # noqa: ANN401  -- a Decimal or None
    return shown_count(value, Unit.VND, locale, none=say("display.none", locale))


def _cells(ex: BudgetExecution, row: ExecutionRow, locale: str) -> tuple[str, ...]:
    none = say("display.none", locale)
    cells = (
        row_label(ex.by, row, locale),
        _money(row.planned, locale),
        _money(row.spent, locale),
        _money(row.remaining, locale),
        shown_share(row.rate, locale, none=none),
        format_number(row.payments, locale),
    )
    if ex.by != "line":
        return cells
    planned = none
    if row.planned_cost is not None:
        per = say(f"execution.per.{row.planned_cost_per}", locale)
        planned = f"{row.planned_cost.format(locale)} {per}"
    return (
        *cells,
        none if row.persons is None else format_number(row.persons, locale),
        none if row.attendances is None else format_number(row.attendances, locale),
        _money(row.cost_per_person, locale),
        _money(row.cost_per_attendance, locale),
        planned,
    )


def execution_rows(ex: BudgetExecution, locale: str = "vi") -> list[tuple[str, ...]]:
    """The table's rows as text: each row, the total, then the unmatched payments."""
    width = len(execution_heads(ex, locale))
    none = say("display.none", locale)
    rows = [_cells(ex, row, locale) for row in ex.rows]
    total = (
        say("execution.total", locale),
        _money(ex.planned, locale),
        _money(ex.spent, locale),
        _money(ex.remaining, locale),
        shown_share(ex.rate, locale, none=none),
        format_number(sum(r.payments for r in ex.rows if r.depth == 0), locale),
    )
    unmatched = (
        say("execution.unmatched", locale),
        none,
        _money(ex.unmatched.amount, locale),
        none,
        none,
        format_number(ex.unmatched.payments, locale),
    )
    pad = (none,) * (width - len(total))
    return [*rows, (*total, *pad), (*unmatched, *pad)]


def execution_notes(ex: BudgetExecution, locale: str = "vi") -> list[str]:
    """The sentences under the table: what matched no line, what came after the date."""
    notes = []
    if ex.unmatched.payments:
        unknown = ", ".join(ex.unmatched.unknown_lines) or say("display.none", locale)
        notes.append(
            say(
                "execution.note.unmatched", locale,
                count=format_number(ex.unmatched.payments, locale),
                amount=_money(ex.unmatched.amount, locale),
                no_line=format_number(ex.unmatched.no_line, locale), unknown=unknown,
            )
        )  # fmt: skip
    if ex.later:
        notes.append(
            say(
                "execution.note.later", locale, count=format_number(ex.later, locale),
                amount=_money(ex.later_amount, locale), date=format_date(ex.as_of, locale),
            )
        )  # fmt: skip
    if ex.unread:
        notes.append(say("execution.note.unread", locale, count=format_number(ex.unread, locale)))
    if ex.by == "year" and any(r.key is None for r in ex.rows):
        notes.append(say("execution.note.whole_period", locale))
    return notes


def _caption(ex: BudgetExecution, locale: str) -> str:
    return say(
        "execution.caption", locale, scheme=ex.scheme_id, date=format_date(ex.as_of, locale)
    )


def execution_text(ex: BudgetExecution, locale: str = "vi") -> str:
    """The caption, a line per row (label: spent / planned, rate), the total and notes."""
    check_locale(locale)
    lines = [_caption(ex, locale)]
    shown = execution_rows(ex, locale)
    for cells in shown[:-1]:
        label, planned, spent, remaining, rate, payments = cells[:6]
        lines.append(
            say(
                "execution.line", locale, label=label, planned=planned, spent=spent,
                remaining=remaining, rate=rate, payments=payments,
            )
        )  # fmt: skip
    label, _planned, spent, _remaining, _rate, payments = shown[-1][:6]
    lines.append(
        say("execution.line.unmatched", locale, label=label, spent=spent, payments=payments)
    )
    lines += [f"! {note}" for note in execution_notes(ex, locale)]
    return "\n".join(lines)


def execution_html(ex: BudgetExecution, locale: str = "vi") -> str:
    """The execution as an HTML table, every text escaped; the notes under it."""
    check_locale(locale)
    heads = execution_heads(ex, locale)
    numbers = range(1, len(heads))
    head = "".join(
        f'<th class="num">{e(h)}</th>' if i in numbers else f"<th>{e(h)}</th>"
        for i, h in enumerate(heads)
    )
    rows = []
    shown = execution_rows(ex, locale)
    for index, cells in enumerate(shown):
        tds = "".join(
            f'<td class="num">{e(c)}</td>' if i in numbers else f"<td>{e(c)}</td>"
            for i, c in enumerate(cells)
        )
        cls = ' class="total"' if index >= len(shown) - 2 else ""
        rows.append(f"<tr{cls}>{tds}</tr>")
    notes = execution_notes(ex, locale)
    said = f"<p>{'<br>'.join(e(n) for n in notes)}</p>" if notes else ""
    return view(table(f"<thead><tr>{head}</tr></thead>", rows, e(_caption(ex, locale))), said)


_Row = tuple[str, "ExecutionRow | None", "BudgetExecution"]

_COLUMNS: tuple[Column, ...] = (
    ("row", "text", lambda r: r[0]),
    ("key", "text", lambda r: None if r[1] is None or r[1].key is None else str(r[1].key)),
    ("label", "text", lambda r: None if r[1] is None else r[1].label),
    ("parent", "text", lambda r: None if r[1] is None else r[1].parent),
    ("depth", "int", lambda r: None if r[1] is None else r[1].depth),
    ("planned", "decimal", lambda r: _of(r, "planned")),
    ("spent", "decimal", lambda r: _of(r, "spent")),
    ("remaining", "decimal", lambda r: _of(r, "remaining")),
    ("rate", "decimal", lambda r: _of(r, "rate")),
    ("payments", "int", lambda r: _of(r, "payments")),
    ("target", "text", lambda r: None if r[1] is None else r[1].target),
    ("persons", "int", lambda r: None if r[1] is None else r[1].persons),
    ("attendances", "int", lambda r: None if r[1] is None else r[1].attendances),
    ("cost_per_person", "decimal", lambda r: None if r[1] is None else r[1].cost_per_person),
    ("cost_per_attendance", "decimal",
     lambda r: None if r[1] is None else r[1].cost_per_attendance),
    ("planned_cost_low", "decimal",
     lambda r: None if r[1] is None else figure_end("low")(r[1].planned_cost)),
    ("planned_cost_high", "decimal",
     lambda r: None if r[1] is None else figure_end("high")(r[1].planned_cost)),
    ("planned_cost_per", "text", lambda r: None if r[1] is None else r[1].planned_cost_per),
)  # fmt: skip


def _of(r: _Row, name: str) -> object:
    kind, row, ex = r
    if row is not None:
        return getattr(row, name)
    if kind == "unmatched":
        return {"planned": None, "spent": ex.unmatched.amount, "remaining": None,
                "rate": None, "payments": ex.unmatched.payments}[name]  # fmt: skip
    payments = sum(x.payments for x in ex.rows if x.depth == 0)
    return {"planned": ex.planned, "spent": ex.spent, "remaining": ex.remaining,
            "rate": ex.rate, "payments": payments}[name]  # fmt: skip


def _frame_rows(ex: BudgetExecution) -> Iterator[_Row]:
    for row in ex.rows:
        yield ex.by, row, ex
    yield "total", None, ex
    yield "unmatched", None, ex


def execution_frame(ex: BudgetExecution, backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per row of the execution (``row`` is ``by``), then ``total`` and ``unmatched``.

    Amounts and the rate are exact decimal columns; ``key`` is the row's key as text
    (a year too, so that one column holds every kind of key).
    """
    return build_frame(_COLUMNS, _frame_rows(ex), backend)
