"""The spending table's plan: lines joined with their course, summed per money measure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import (
    FALSE,
    TRUE,
    all_of,
    any_of,
    buckets,
    count_if,
    lit_day,
    prefixed,
    within,
)
from dtbd.measures._measure import Side
from dtbd.model._target import Count

if TYPE_CHECKING:
    from dtbd.engine.frames._plan import Plan
    from dtbd.measures._measure import Measure

__all__ = ["spending", "spending_measure", "spending_sums"]


def spending(plan: Plan) -> nw.LazyFrame[Any] | None:
    """Spending joined with its course, with validity flags."""
    frames = plan.frames
    if frames.spending is None:
        return None
    spent = prefixed(frames.spending, "spending")
    if frames.courses is not None and plan.sizes["courses"]:
        courses = prefixed(frames.courses, "course").drop("_true")
        courses = courses.with_columns(course_found=nw.lit(1))
        spent = spent.join(
            courses, left_on="spending_course", right_on="course_id", how="left"
        ).with_columns(course_id=nw.col("spending_course"))
        bad = nw.col("spending_course").is_null().__invert__() & nw.col("course_found").is_null()
    else:
        spent = spent.with_columns(
            course_found=nw.lit(None, dtype=nw.Int64()),
            course_start=nw.lit(None, dtype=nw.Datetime()),
            course_id=nw.lit(None, dtype=nw.String()),
            **{f"course_{c}": nw.lit(None, dtype=nw.String())
               for c in ("activity", "location", "country", "format", "topics", "lead")},
        )  # fmt: skip
        bad = FALSE
    after = ~bad & (nw.col("spending_date") > lit_day(plan.as_of))
    spent = spent.with_columns(
        bad=bad, after=after, valid=~bad & ~after, year=nw.col("spending_date").dt.year()
    )
    money = {
        f"c{i}": spending_measure(m)
        for i, m in enumerate(plan.measures)
        if m.count is Count.SPENDING
    }
    if money:
        spent = spent.with_columns(**money)
    windows = {m.window for m in plan.measures}
    return spent.with_columns(
        counted=any_of([nw.col(c) for c in money]),
        in_window=nw.col("valid") & any_of([within("spending_date", w) for w in windows]),
    )


def spending_measure(m: Measure) -> Any:  # noqa: ANN401
    """Whether a spending row counts for a money measure (the Python engine's rule)."""
    in_lines = (
        nw.col("spending_budget_line").is_in(list(m.budget_lines)).fill_null(value=False)
        if m.budget_lines
        else FALSE
    )
    course_filters = [f for f in m.filters if f.side is Side.COURSE]
    if course_filters:
        rest = nw.col("course_found").is_null().__invert__() & all_of(
            course_filters, "course_start"
        )
    else:
        rest = FALSE if m.budget_lines or m.filters else TRUE
    return nw.col("valid") & within("spending_date", m.window) & (in_lines | rest)


def spending_sums(plan: Plan, spent: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """One row over the spending: each money measure per bucket and the row bookkeeping."""
    exprs = [
        nw.when(cond).then(nw.col("spending_amount")).otherwise(0).sum().alias(f"m{i}_{b}")
        for i, m in enumerate(plan.measures)
        if m.count is Count.SPENDING
        for base in [nw.col(f"c{i}")]
        for b, _ in buckets(m)
        for cond in [base if b is None else base & (nw.col("year") == b)]
    ]
    counted, in_window = nw.col("counted"), nw.col("in_window")
    exprs += [
        count_if(nw.col("valid")).alias("s_valid"),
        count_if(nw.col("bad")).alias("s_bad"),
        count_if(nw.col("after")).alias("s_after"),
        count_if(counted).alias("s_counted"),
        count_if(in_window & ~counted).alias("s_unmatched"),
        count_if(~nw.col("bad") & ~nw.col("after") & ~in_window).alias("s_outside"),
    ]
    return spent.select(exprs)
