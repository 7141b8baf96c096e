"""Example spending: budget lines and money targets paid over courses, a cost on every course.

Every payment is one a measure can read: it names a budget line of the scheme, or it pays
a course a money target's course filters take in. A scheme with neither a budget line
nor a money target gets no payments (each course still carries its cost), because a
payment there would only be a row "matching no target".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from dtbd.examples._scope import course_in, figure_amount
from dtbd.examples._targets import slices
from dtbd.measures._measure import Side, scope_filters
from dtbd.model._budget import BudgetLine, FundingSource, Spending
from dtbd.model._categories import Activity, Location
from dtbd.model._period import Period, to_date
from dtbd.model._target import Count

if TYPE_CHECKING:
    from dtbd.examples._draft import Draft
    from dtbd.examples._scope import DraftCourse
    from dtbd.model._scheme import Scheme
    from dtbd.model._scope import Scope

__all__ = ["run_money"]


def pay(  # noqa: PLR0913  -- the draft, then a payment's own fields
    draft: Draft,
    day: dt.date,
    amount: Decimal,
    *,
    line: str | None = None,
    course: DraftCourse | None = None,
    source: FundingSource | None = None,
) -> None:
    # Whole thousands of đồng, as payments are booked.
    amount = (amount / 1000).quantize(Decimal(1)) * 1000
    if amount <= 0:
        return
    if course is not None:
        course.cost += amount
    draft.spending.append(
        Spending(
            f"vd-s{len(draft.spending) + 1:06d}",
            day,
            amount,
            budget_line=line,
            course=None if course is None else course.id,
            source=source,
            description="Chi phí mẫu (dữ liệu tổng hợp)",
        )
    )


def spread(  # noqa: PLR0913  -- the draft, then what to pay and how to book it
    draft: Draft,
    total: Decimal,
    span: Period,
    courses: list[DraftCourse],
    *,
    line: str | None = None,
    source: FundingSource | None = None,
) -> None:
    """Pay ``total`` over the courses (by size) or, without courses, each quarter."""
    if courses:
        seats = sum(len(c.learners) for c in courses) or 1
        for course in courses:
            share = total * len(course.learners) / seats
            pay(draft, course.end, share, line=line, course=course, source=source)
        return
    dom = draft.domain(span)
    if dom is None:
        return
    days = [
        d
        for y in dom.years
        for m in (3, 6, 9, 12)
        if (d := dt.date(y, m, 30 if m in {6, 9} else 31)) in dom
    ] or [to_date(dom.end)]
    for day in days:
        pay(draft, day, total / len(days), line=line, source=source)


def run_money(draft: Draft) -> None:
    """Spending against the budget lines and money targets; a cost on every course."""
    paid = pay_lines(draft)
    for target in draft.scheme.all_targets():
        value = figure_amount(target.figure)
        if target.counts is not Count.SPENDING or target.id in paid or value is None:
            continue
        if _person_only(target.scope):
            continue  # a payment has no learner: no spending row can pass person filters
        for span, share in slices(draft, target):
            total = value * Decimal(str(round(draft.factors[target.id] * share, 4)))
            courses = [c for c in draft.courses if course_in(target.scope, c) and c.start in span]
            spread(draft, total, span, courses[:50])
    for course in draft.courses:
        if course.cost == 0:
            cost_course(draft, course)


def pay_lines(draft: Draft) -> set[str]:
    """Pay each budget line in part; return the targets the lines pay for."""
    by_target: dict[str, list[DraftCourse]] = {}
    for course in draft.courses:
        by_target.setdefault(course.target, []).append(course)
    paid: set[str] = set()
    budget = draft.scheme.budget
    for line, target_id in _leaf_lines(draft.scheme):
        value = figure_amount(line.amount)
        if value is None:
            continue
        span = draft.period if line.year is None else Period.of_years(line.year)
        factor = draft.factors.get(target_id or "", draft.rng.uniform(0.5, 1.0))
        total = value * Decimal(str(round(factor * draft.elapsed(span), 4)))
        courses: list[DraftCourse] = []
        if target_id is not None:
            paid.add(target_id)
            ids = [t.id for t in draft.scheme.target(target_id).walk()]
            ids += [t.id for t in draft.scheme.all_targets() if t.delivers in ids]
            courses = [c for i in ids for c in by_target.get(i, []) if c.start in span]
        source = line.source or (budget.source if budget else None)
        spread(draft, total, span, courses, line=line.id, source=source)
    return paid


def cost_course(draft: Draft, course: DraftCourse) -> None:
    """A usual cost for a course no budget line or money target paid (no payment row)."""
    # Thousands of đồng per learner: a study visit abroad, a degree, a short course.
    per_head = {
        Location.ABROAD: 150_000,
        Location.DOMESTIC: 40_000 if course.activity is Activity.TRAINING else 3_000,
    }[course.location]
    course.cost = Decimal(per_head * draft.rng.randint(800, 1200)) * len(course.learners)


def _person_only(scope: Scope) -> bool:
    """Whether a money target's filters are all on persons or attendances (none on courses).

    The engine counts a payment without a budget line only through its course, so such
    a target can count no payment (see ``engine/_python.py``, ``_spending_counts``).
    """
    filters = scope_filters(scope)
    return bool(filters) and all(f.side is not Side.COURSE for f in filters)


def _leaf_lines(scheme: Scheme) -> list[tuple[BudgetLine, str | None]]:
    """The budget lines without parts, each with the target it (or a parent) pays for."""
    found: list[tuple[BudgetLine, str | None]] = []

    def walk(line: BudgetLine, target: str | None) -> None:
        target = line.target or target
        if not line.parts:
            found.append((line, target))
        for part in line.parts:
            walk(part, target)

    for line in scheme.budget.lines if scheme.budget else ():
        walk(line, None)
    return found
