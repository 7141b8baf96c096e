"""Share populations: who is in a share's population, and the roster's counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import all_of, any_of, buckets, count_if, prefixed
from dtbd.measures._measure import Filter, Measure, Op, Side, reference_date
from dtbd.model._target import ShareBasis

if TYPE_CHECKING:
    from dtbd.engine.frames._plan import Plan
    from dtbd.model._period import Period

__all__ = ["population", "roster_counts"]


def population(plan: Plan, m: Measure, period: Period, *, flags: bool = False) -> Any:  # noqa: ANN401
    """Whether a person (joined row, by flags, or roster row) is in a share's population."""
    assert m.share is not None  # noqa: S101  -- only called for shares
    on = reference_date(period, plan.as_of)
    return plan.flagged(m.share.population, on) if flags else all_of(m.share.population, on)


def roster_counts(plan: Plan) -> nw.LazyFrame[Any]:
    """One row over the persons table: each share's population, its qualified holders."""
    assert plan.frames.persons is not None  # noqa: S101  -- checked by the caller
    persons = prefixed(plan.frames.persons, "person")
    exprs, members = [], []
    for i, m in enumerate(plan.measures):
        if m.share is None:
            continue
        for b, period in buckets(m):
            if period.start > plan.as_of:
                continue
            # Flag columns: each distinct predicate is evaluated once over the roster.
            members_of = population(plan, m, period, flags=True)
            members.append(members_of)
            exprs.append(count_if(members_of).alias(f"m{i}_{b}_den"))
            if m.share.basis is ShareBasis.QUALIFIED:
                quals = Filter(Side.PERSON, "qualifications", Op.OVERLAPS, m.share.qualifications)
                held = plan.flag(quals, plan.as_of)
                exprs.append(count_if(members_of & held).alias(f"m{i}_{b}"))
    exprs.append(count_if(any_of(members)).alias("p_members"))
    flags = plan.flag_exprs[Side.PERSON]
    persons = persons.with_columns(**flags) if flags else persons
    return persons.select(exprs)
