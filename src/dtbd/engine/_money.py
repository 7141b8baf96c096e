"""Where each course's money comes from: spending lines, its cost or its attendances' costs.

One rule for every engine (``docs/records.md``, "Money: one source per course"): a course
that some spending line names gets its money from the spending lines only; a course no
line names gets its ``cost``; a course with neither gets the sum of its attendances'
``cost``. A course's money read from its cost or its attendances' costs is counted as one
spending line of that course with no budget line, dated at the course start. So no
money is counted twice, and moving a course's spending into its cost changes no total
dated the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from dtbd.engine._predicates import side_passes
from dtbd.engine._tallies import MoneySources
from dtbd.measures._measure import Measure, Side
from dtbd.model._people import Course
from dtbd.model._period import to_date
from dtbd.records._records import Records

__all__ = ["CourseMoney", "course_money", "money_counts"]


@attrs.frozen
class CourseMoney:
    """One course's money read from its cost (``rows`` empty) or its attendances' costs."""

    index: int
    course: Course
    amount: Decimal
    rows: tuple[int, ...]
    """The attendance rows whose costs make up ``amount``."""


def money_counts(m: Measure, budget_line: str | None, course: Course | None, day: dt.date) -> bool:
    """Whether money of ``course`` (or of none) booked to ``budget_line`` counts for ``m``.

    Money counts inside the window when it is booked to one of the measure's budget
    lines, or is paid for a course passing its course filters, or when the measure has
    neither (all money). Person and outcome filters select no money: money is per course.
    """
    if day not in m.window:
        return False
    if budget_line is not None and budget_line in m.budget_lines:
        return True
    course_filters = [f for f in m.filters if f.side is Side.COURSE]
    if course_filters:
        return course is not None and side_passes(course_filters, course, None, None)
    return not m.budget_lines and not m.filters


def course_money(
    records: Records,
    attendance_costs: Mapping[str, Sequence[tuple[int, Decimal]]],
    as_of: dt.date,
) -> tuple[list[CourseMoney], MoneySources]:
    """The money of each course dated on or before ``as_of`` that has no spending line.

    ``attendance_costs`` are, per course id, the counted attendance rows (dated on or
    before ``as_of``, with a known course and person) that hold a cost, with that cost.
    """
    named = {line.course for line in records.spending if line.course is not None}
    found: list[CourseMoney] = []
    sources = {"spending": 0, "cost": 0, "attendances": 0, "ignored": 0, "rows_ignored": 0}
    for index, course in enumerate(records.courses):
        if to_date(course.start) > as_of:
            continue
        costs = attendance_costs.get(course.id, ())
        if course.id in named or course.cost is not None:
            sources["rows_ignored"] += len(costs)
        if course.id in named:
            sources["spending"] += 1
            sources["ignored"] += course.cost is not None
        elif course.cost is not None:
            sources["cost"] += 1
            found.append(CourseMoney(index, course, course.cost, ()))
        elif costs:
            sources["attendances"] += 1
            amount = sum((cost for _, cost in costs), Decimal(0))
            found.append(CourseMoney(index, course, amount, tuple(i for i, _ in costs)))
    return found, MoneySources(
        from_spending=sources["spending"],
        from_cost=sources["cost"],
        from_attendances=sources["attendances"],
        costs_ignored=sources["ignored"],
        attendance_costs_ignored=sources["rows_ignored"],
    )
