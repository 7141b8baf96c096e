"""Budget execution (*thực hiện dự toán*, *giải ngân*): :func:`budget_execution`.

The plan's money comes from the scheme's budget lines; what was spent from the payments
(the spending table) dated on or before the date, each booked to a line by its
``budget_line``. A payment that names no line, or a line the plan does not have, is
reported as unmatched, never dropped. The persons and lượt behind a line's cost are its
target's, counted by the engine the records fit (Python or frames); the payments
themselves are read into Python from either (docs/budget.md says why).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import attrs

from dtbd._errors import DtbdError
from dtbd.engine._run import run
from dtbd.figures._compare import divide
from dtbd.figures._figure import Figure
from dtbd.measures._measure import Buckets, compile_scheme
from dtbd.model._budget import Budget, BudgetLine, FundingSource, Spending
from dtbd.model._people import Course
from dtbd.model._period import to_date
from dtbd.model._scheme import Scheme
from dtbd.model._target import Count
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.results._execution import BudgetExecution, ExecutionRow, Key, UnmatchedSpending
from dtbd.tracking._pace import quantized

__all__ = ["EXECUTION_BY", "ExecutionError", "budget_execution"]

EXECUTION_BY = ("line", "year", "source", "unit")
"""What a budget execution can be broken down by."""

_TABLES = ("persons", "courses", "attendances", "spending")
_HUNDRED = Decimal(100)


class ExecutionError(DtbdError, ValueError):
    """A budget execution was asked by something other than line, year, source or unit."""

    code = "execution.by-unknown"


@attrs.frozen
class _Line:
    """A budget line with what it inherits: its parent, depth, year, source and unit."""

    line: BudgetLine
    parent: str | None
    depth: int
    year: int | None
    source: FundingSource | None
    unit: str | None


def _lines(scheme: Scheme) -> dict[str, _Line]:
    """Every budget line by id, depth first, each with its parent's year, source and unit."""
    found: dict[str, _Line] = {}
    budget = scheme.budget
    if budget is None:
        return found
    leads = {t.id: t.lead for t in scheme.all_targets()}

    def walk(line: BudgetLine, parent: _Line | None) -> None:
        unit = line.lead or (leads.get(line.target) if line.target else None)
        here = _Line(
            line,
            None if parent is None else parent.line.id,
            0 if parent is None else parent.depth + 1,
            line.year if line.year is not None else (parent.year if parent else None),
            line.source or (parent.source if parent else budget.source),
            unit or (parent.unit if parent else None),
        )
        found[line.id] = here
        for part in line.parts:
            walk(part, here)

    for top in budget.lines:
        walk(top, None)
    return found


def allocation(figure: Figure | None) -> Decimal | None:
    """The money a stated amount allocates: its upper end, or its only end ("hơn 18 tỷ")."""
    if figure is None:
        return None
    return figure.high if figure.high is not None else figure.low


def _carriers(line: BudgetLine) -> list[BudgetLine]:
    """The lines that carry ``line``'s money: its parts when every part states an amount."""
    if line.parts and all(p.amount is not None for p in line.parts):
        return [c for p in line.parts for c in _carriers(p)]
    if line.amount is not None:
        return [line]
    return [c for p in line.parts if p.amount is not None for c in _carriers(p)]


def _plan_lines(budget: Budget | None) -> list[BudgetLine]:
    return [] if budget is None else [c for top in budget.lines for c in _carriers(top)]


def _rate(spent: Decimal, planned: Decimal | None) -> Decimal | None:
    if not planned:
        return None
    return quantized(spent * _HUNDRED / planned)


def _row(
    key: Key,
    planned: Decimal | None,
    spent: Decimal,
    payments: int,
    **more: Any,  # noqa: ANN401
) -> ExecutionRow:
    remaining = None if planned is None else planned - spent
    return ExecutionRow(key, planned, spent, payments, remaining, _rate(spent, planned), **more)


def _payments(
    records: RecordsLike | FrameRecords, frames: FrameRecords | None, by: str
) -> tuple[tuple[Spending, ...], tuple[Course, ...], int, Any]:
    """The payments, the courses, the unreadable payment rows, the records to count heads in.

    The courses are read from frames for ``by="unit"`` only (their lead agencies).
    """
    if frames is None:
        coerced = coerce_records(records)
        if isinstance(coerced, LoadedRecords):
            unread = sum(p.table == "spending" for p in coerced.problems)
            return coerced.records.spending, coerced.records.courses, unread, coerced
        return coerced.spending, coerced.courses, 0, coerced
    wanted = {"spending"} | ({"courses"} if by == "unit" else set())
    tables: dict[str, Any] = {t: frames.table(t) if t in wanted else None for t in _TABLES}
    small = attrs.evolve(frames, **tables, checked={}).to_records()
    return small.spending, small.courses, len(frames.unread("spending")), frames


def _heads(
    scheme: Scheme,
    targets: Iterable[str],
    records: Any,  # noqa: ANN401  -- Records, LoadedRecords or FrameRecords
    as_of: dt.date,
) -> dict[str, tuple[int, int]]:
    """Each target's distinct persons and lượt counted as of ``as_of``, by the fitting engine."""
    wanted = set(targets)
    # A measure per head count, named apart from the target's own measure.
    measures = [
        attrs.evolve(
            m, target_id=f"{m.target_id}\x00{count.value}", count=count, unit=count.unit,
            share=None, buckets=Buckets.TOTAL,
        )
        for m in compile_scheme(scheme)
        if m.target_id in wanted
        for count in (Count.PERSONS, Count.ATTENDANCES)
    ]  # fmt: skip
    if not measures:
        return {}
    tallies = run(measures, records, as_of)

    def number(target: str, count: Count) -> int:
        value = tallies[f"{target}\x00{count.value}"].total.value
        return int(value or 0)

    return {t: (number(t, Count.PERSONS), number(t, Count.ATTENDANCES)) for t in wanted}


def _per(spent: Decimal, heads: int | None) -> Decimal | None:
    if not heads:
        return None
    return (spent / heads).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)


def budget_execution(
    scheme: Scheme,
    records: RecordsLike | FrameRecords,
    as_of: dt.date,
    by: str = "line",
) -> BudgetExecution:
    """The scheme's budget against the payments dated on or before ``as_of``, ``by`` a key.

    ``by`` is ``"line"`` (a row per budget line, parts indented under their line, a
    line's payments including its parts'), ``"year"`` (a line's year against the year of
    each payment's date), ``"source"`` (the funding source: the payment's own, else its
    line's, else the budget's) or ``"unit"`` (the unit that spent: the payment's
    ``unit``, else its course's lead agency, else its line's lead or its target's lead).
    ``records`` are any records :func:`dtbd.evaluate` takes; the numbers are the same on
    every engine. docs/budget.md gives the formulas.

    Raises:
        ExecutionError: ``by`` is not one of :data:`EXECUTION_BY`.
    """
    day = to_date(as_of)
    if by not in EXECUTION_BY:
        raise ExecutionError(
            f"cannot break a budget execution down by {by!r}; choose one of "
            f"{', '.join(EXECUTION_BY)}"
        )
    resolved = scheme.resolved()
    lines = _lines(resolved)
    frames = as_frames(records)
    payments, courses, unread, counted = _payments(records, frames, by)
    matched: list[tuple[Spending, _Line]] = []
    unmatched: list[Spending] = []
    later = [p for p in payments if p.date > day]
    for payment in payments:
        if payment.date > day:
            continue
        line = lines.get(payment.budget_line) if payment.budget_line is not None else None
        if line is None:
            unmatched.append(payment)
        else:
            matched.append((payment, line))
    plan = _plan_lines(resolved.budget)
    planned = sum((allocation(line.amount) or Decimal(0) for line in plan), Decimal(0))
    total_planned = planned if plan else None
    if by == "line":
        rows = _line_rows(resolved, lines, matched, counted, day)
    else:
        leads = {c.id: c.lead for c in courses}
        rows = _keyed_rows(by, [lines[line.id] for line in plan], matched, leads)
    spent = sum((p.amount for p, _ in matched), Decimal(0))
    # By date and id: a lazy frame gives its rows in no fixed order.
    unmatched.sort(key=lambda p: (p.date, p.id))
    unknown = tuple(dict.fromkeys(p.budget_line for p in unmatched if p.budget_line is not None))
    return BudgetExecution(
        scheme.id,
        day,
        by,
        tuple(rows),
        total_planned,
        spent,
        None if total_planned is None else total_planned - spent,
        _rate(spent, total_planned),
        UnmatchedSpending(
            sum((p.amount for p in unmatched), Decimal(0)),
            len(unmatched),
            sum(p.budget_line is None for p in unmatched),
            tuple(u for u in unknown if u is not None),
            tuple(p.id for p in unmatched),
        ),
        len(later),
        sum((p.amount for p in later), Decimal(0)),
        unread,
    )


def _line_rows(
    scheme: Scheme,
    lines: Mapping[str, _Line],
    matched: Sequence[tuple[Spending, _Line]],
    records: Any,  # noqa: ANN401
    as_of: dt.date,
) -> list[ExecutionRow]:
    """A row per budget line, depth first; a line's payments include its parts'."""
    spent: dict[str, Decimal] = defaultdict(Decimal)
    count: dict[str, int] = defaultdict(int)
    for payment, booked in matched:
        here: _Line | None = booked
        while here is not None:
            spent[here.line.id] += payment.amount
            count[here.line.id] += 1
            here = lines[here.parent] if here.parent is not None else None
    targets = {t.id: t for t in scheme.all_targets()}
    tied = [i.line.target for i in lines.values() if i.line.target in targets]
    heads = _heads(scheme, (t for t in tied if t is not None), records, as_of)
    rows = []
    for info in lines.values():
        line = info.line
        money = spent[line.id]
        persons, attendances = heads.get(line.target or "", (None, None))
        rows.append(
            _row(
                line.id, allocation(line.amount), money, count[line.id],
                label=line.label, parent=info.parent, depth=info.depth, amount=line.amount,
                target=line.target, persons=persons, attendances=attendances,
                cost_per_person=_per(money, persons),
                cost_per_attendance=_per(money, attendances),
                **_planned_cost(line, targets),
            )
        )  # fmt: skip
    return rows


def _planned_cost(line: BudgetLine, targets: Mapping[str, Any]) -> dict[str, Any]:
    """The plan's own cost per head of the line's target, as the audit works it out."""
    target = targets.get(line.target or "")
    if target is None or line.amount is None or target.figure is None:
        return {}
    per = {Count.PERSONS: "person", Count.ATTENDANCES: "attendance"}.get(target.counts)
    if per is None:
        return {}
    return {"planned_cost": divide(line.amount, target.figure), "planned_cost_per": per}


def _order(key: Key) -> tuple[int, int, str]:
    if key is None:
        return (2, 0, "")
    if isinstance(key, int):
        return (0, key, "")
    sources = [s.value for s in FundingSource]
    return (0, sources.index(key), "") if key in sources else (1, 0, key)


def _keyed_rows(
    by: str,
    plan: Sequence[_Line],
    matched: Sequence[tuple[Spending, _Line]],
    leads: Mapping[str, str | None],
) -> list[ExecutionRow]:
    """A row per year, source or unit: the plan's lines and the payments under each key."""

    def planned_key(info: _Line) -> Key:
        if by == "year":
            return info.year
        if by == "source":
            return None if info.source is None else info.source.value
        return info.unit

    def spent_key(payment: Spending, info: _Line) -> Key:
        if by == "year":
            return payment.date.year
        if by == "source":
            source = payment.source or info.source
            return None if source is None else source.value
        lead = leads.get(payment.course) if payment.course is not None else None
        return payment.unit or lead or info.unit

    planned: dict[Key, Decimal] = {}
    for info in plan:
        key = planned_key(info)
        planned[key] = planned.get(key, Decimal(0)) + (allocation(info.line.amount) or 0)
    spent: dict[Key, Decimal] = defaultdict(Decimal)
    count: dict[Key, int] = defaultdict(int)
    for payment, info in matched:
        key = spent_key(payment, info)
        spent[key] += payment.amount
        count[key] += 1
    keys = sorted({*planned, *spent}, key=_order)
    rows = [_row(k, planned.get(k), spent[k], count[k]) for k in keys]
    # The lines planned for the whole period are paid in the years the payments are
    # dated: their row has no remaining money of its own (the total has it).
    return [
        attrs.evolve(r, remaining=None, rate=None) if by == "year" and r.key is None else r
        for r in rows
    ]
