"""Share populations: who is in a share's population, and the roster's counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._batch import Finish, first_of
from dtbd.engine.frames._exprs import (
    all_of,
    any_of,
    buckets,
    conjunction,
    one_if,
    pandas_like,
)
from dtbd.engine.frames._grouping import sums
from dtbd.measures._measure import Filter, Measure, Op, Side, reference_date
from dtbd.model._target import ShareBasis

if TYPE_CHECKING:
    from dtbd.engine.frames._plan import Plan
    from dtbd.model._period import Period

__all__ = ["population", "population_flags", "roster_counts"]


def population_flags(plan: Plan, m: Measure, period: Period) -> tuple[str, ...]:
    """The person flag columns of a share's population over ``period``, each once, sorted.

    Equal tuples are the same population: without an age filter every bucket of a
    share has the one population, and its conditions are built once.
    """
    assert m.share is not None  # noqa: S101  -- only called for shares
    on = reference_date(period, plan.as_of)
    return tuple(sorted({plan.flag_name(f, on) for f in m.share.population}))


def population(plan: Plan, m: Measure, period: Period, *, flags: bool = False) -> Any:  # noqa: ANN401
    """Whether a person (joined row, by flags, or roster row) is in a share's population."""
    assert m.share is not None  # noqa: S101  -- only called for shares
    if flags:
        return conjunction([nw.col(name) for name in population_flags(plan, m, period)])
    return all_of(m.share.population, reference_date(period, plan.as_of))


def roster_counts(
    plan: Plan,
) -> tuple[nw.LazyFrame[Any], Finish]:
    """One row over the persons table: each share's population, its qualified holders.

    Each distinct population (and population with a qualification) is counted once;
    the finish names the counts for every share and bucket that reads them.
    """
    assert plan.frames.persons is not None  # noqa: S101  -- checked by the caller
    counts: dict[tuple[str, ...], str] = {}
    names: dict[str, str] = {}

    def counted(flags: tuple[str, ...]) -> str:
        return counts.setdefault(flags, f"n{len(counts)}")

    for i, m in enumerate(plan.measures):
        if m.share is None:
            continue
        for b, period in buckets(m):
            if period.start > plan.as_of:
                continue
            members_of = population_flags(plan, m, period)
            names[f"m{i}_{b}_den"] = counted(members_of)
            if m.share.basis is ShareBasis.QUALIFIED:
                quals = Filter(Side.PERSON, "qualifications", Op.OVERLAPS, m.share.qualifications)
                held = plan.flag_name(quals, plan.as_of)
                names[f"m{i}_{b}"] = counted(tuple(sorted({*members_of, held})))
    members = [conjunction([nw.col(flag) for flag in key]) for key in counts]
    persons = plan.flagged_persons()
    plain = pandas_like(persons)
    ones = {
        n: one_if(conjunction([nw.col(f) for f in key]), plain=plain) for key, n in counts.items()
    }
    ones["p_members"] = one_if(any_of(members), plain=plain)

    def finish(rows: list[dict[str, Any]]) -> dict[str, Any]:
        row = first_of(rows)
        return {"p_members": row.get("p_members")} | {
            name: row.get(column) for name, column in names.items()
        }

    return sums(persons, ones), finish
