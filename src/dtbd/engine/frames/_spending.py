"""The spending table's plan: lines joined with their course, summed per money measure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import (
    FALSE,
    TRUE,
    any_of,
    lit_day,
    one_if,
    pandas_like,
    prefixed,
    within,
)
from dtbd.engine.frames._grouping import GROUP, grouped, join
from dtbd.engine.frames._sums import by_year
from dtbd.measures._measure import Filter, Side
from dtbd.model._target import Count

if TYPE_CHECKING:
    from dtbd.engine.frames._batch import Batch
    from dtbd.engine.frames._plan import Plan
    from dtbd.measures._measure import Measure

__all__ = ["spending", "spending_measure", "spending_sums"]


def spending(plan: Plan) -> nw.LazyFrame[Any] | None:
    """Spending joined with its course, with validity flags."""
    frames = plan.frames
    if frames.spending is None:
        return None
    spent = prefixed(frames.spending, "spending")
    money = [(i, m) for i, m in enumerate(plan.measures) if m.count is Count.SPENDING]
    # Each course filter of a money measure once per course, before the join: not once
    # per spending line and measure (a topic's pattern over millions of lines).
    flags = sorted({plan.flag_name(f, "course_start") for _, m in money for f in _course(m)})
    if frames.courses is not None and plan.sizes["courses"]:
        courses = plan.courses().drop("_true")
        course_flags = {name: plan.flag_exprs[Side.COURSE][name] for name in flags}
        courses = courses.with_columns(course_found=nw.lit(1), **course_flags)
        spent = join(spent, courses, left_on="spending_course", right_on="course_id").with_columns(
            course_id=nw.col("spending_course")
        )
        bad = nw.col("spending_course").is_null().__invert__() & nw.col("course_found").is_null()
        if grouped(spent) and plan.empty_groups["courses"]:
            # a group without courses reads its payments as a run without a courses
            # table does: a payment's course is then no unknown reference
            bad = bad & ~nw.col(GROUP).is_in(sorted(plan.empty_groups["courses"]))
    else:
        spent = spent.with_columns(
            # a float null, not an integer one: pandas' int64 cannot hold a null
            course_found=nw.lit(None, dtype=nw.Float64()),
            course_start=nw.lit(None, dtype=nw.Datetime()),
            # the line's own course, as after the join: a typed null would not join with
            # a courses table whose ids are Arrow's large strings (pandas on pyarrow)
            course_id=nw.col("spending_course"),
            **{f"course_{c}": nw.lit(None, dtype=nw.String())
               for c in ("activity", "location", "country", "format", "topics", "lead")},
            **{name: nw.lit(value=False) for name in flags},
        )  # fmt: skip
        bad = FALSE
    after = ~bad & (nw.col("spending_date") > lit_day(plan.as_of))
    spent = spent.with_columns(
        bad=bad, after=after, valid=~bad & ~after, year=nw.col("spending_date").dt.year()
    )
    conds = {f"c{i}": spending_measure(plan, m) for i, m in money}
    if conds:
        spent = spent.with_columns(**conds)
    windows = {m.window for m in plan.measures}
    return spent.with_columns(
        counted=any_of([nw.col(c) for c in conds]),
        in_window=nw.col("valid") & any_of([within("spending_date", w) for w in windows]),
    )


def _course(m: Measure) -> list[Filter]:
    return [f for f in m.filters if f.side is Side.COURSE]


def spending_measure(plan: Plan, m: Measure) -> Any:  # noqa: ANN401
    """Whether a spending row counts for a money measure (the Python engine's rule).

    The course filters are read from the flag columns joined with the course.
    """
    in_lines = (
        nw.col("spending_budget_line").is_in(list(m.budget_lines)).fill_null(value=False)
        if m.budget_lines
        else FALSE
    )
    course_filters = _course(m)
    if course_filters:
        rest = nw.col("course_found").is_null().__invert__() & plan.flagged(
            course_filters, "course_start"
        )
    else:
        rest = FALSE if m.budget_lines or m.filters else TRUE
    return nw.col("valid") & within("spending_date", m.window) & (in_lines | rest)


def spending_sums(plan: Plan, batch: Batch, spent: nw.LazyFrame[Any]) -> None:
    """Each money measure and the row bookkeeping, summed per year into ``batch``.

    One column per measure, not per measure and bucket: a year's sum is its bucket.
    """
    rows = {
        f"m{i}": nw.when(nw.col(f"c{i}")).then(nw.col("spending_amount")).otherwise(0)
        for i, m in enumerate(plan.measures)
        if m.count is Count.SPENDING
    }
    counted, in_window = nw.col("counted"), nw.col("in_window")
    flags = {
        "s_valid": nw.col("valid"),
        "s_bad": nw.col("bad"),
        "s_after": nw.col("after"),
        "s_counted": counted,
        "s_unmatched": in_window & ~counted,
        "s_outside": ~nw.col("bad") & ~nw.col("after") & ~in_window,
    }
    plain = pandas_like(spent)
    rows |= {name: one_if(cond, plain=plain) for name, cond in flags.items()}
    by_year(batch, spent, rows, plan.measures)
