"""Money from courses' and attendances' costs over frames: the Python engine's rule.

A course that no spending line names gets its money from its ``cost``, else from the
sum of its counted attendances' ``cost`` (``dtbd.engine._money``). The attendance costs
are summed per course first (a group-by of the joined rows), then one query over the
courses table gives each money measure per bucket, the courses' sources and the
attendance rows the costs count. Sums stay in the columns' own type: integers or
decimals, never floats.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine._tallies import MoneySources
from dtbd.engine.frames._exprs import (
    FALSE,
    TRUE,
    all_of,
    any_of,
    buckets,
    lit_day,
    one_if,
    pandas_like,
    within,
)
from dtbd.engine.frames._grouping import group_keys, join
from dtbd.engine.frames._sums import by_year
from dtbd.measures._measure import Side
from dtbd.model._target import Count
from dtbd.records._frame_distinct import distinct

if TYPE_CHECKING:
    from dtbd.engine.frames._batch import Batch
    from dtbd.engine.frames._plan import Plan
    from dtbd.measures._measure import Measure

__all__ = ["cost_courses", "cost_sums", "merge_costs", "money_sources"]

_SOURCES = ("k_spending", "k_cost", "k_attendances", "k_ignored", "k_rows_ignored")


def _money(plan: Plan) -> list[tuple[int, Measure]]:
    return [(i, m) for i, m in enumerate(plan.measures) if m.count is Count.SPENDING]


def _counts(m: Measure) -> Any:  # noqa: ANN401
    """Whether a course's money (no budget line) counts for ``m`` (``money_counts``)."""
    course_filters = [f for f in m.filters if f.side is Side.COURSE]
    if course_filters:
        rule = all_of(course_filters, "course_start")
    else:
        rule = FALSE if m.budget_lines or m.filters else TRUE
    return within("course_start", m.window) & rule


def _attendance_costs(joined: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """Per course: the counted rows' costs, their number and those no other measure counts.

    One select and one group-by over the joined rows, no filter: the same depth as the
    attendances' sums, which Dask's planner can still walk.
    """
    costed = nw.col("valid") & ~nw.col("attendance_cost").is_null()
    columns = {
        "k_att_cost": nw.when(costed).then(nw.col("attendance_cost")).otherwise(0),
        "k_att_rows": nw.when(costed).then(1).otherwise(0),
        "k_att_free": nw.when(costed & ~nw.col("counted")).then(1).otherwise(0),
    }
    keys = ["k_course", *group_keys(joined)]
    if pandas_like(joined):
        rows = joined.select(*keys[1:], k_course=nw.col("course_id"), **columns)
        return rows.group_by(*keys).agg(nw.col(name).sum() for name in columns)
    keyed = joined.with_columns(k_course=nw.col("course_id"))
    return keyed.group_by(*keys).agg(expr.sum().alias(name) for name, expr in columns.items())


def cost_courses(plan: Plan, joined: nw.LazyFrame[Any] | None) -> nw.LazyFrame[Any] | None:
    """The courses table with each course's money source and each money measure's flag.

    ``None`` without a courses table or a money measure (the summary's sources are then
    left at zero, as the Python engine leaves them).
    """
    money = _money(plan)
    if plan.frames.courses is None or not money:
        return None
    courses = plan.courses()
    if plan.frames.spending is not None and plan.sizes["spending"]:
        lines = plan.frames.spending
        named = distinct(
            lines.filter(~nw.col("course").is_null()).select(
                *group_keys(lines), k_named_id=nw.col("course")
            )
        ).with_columns(k_named=nw.lit(1))
        courses = join(courses, named, left_on="course_id", right_on="k_named_id")
        is_named = ~nw.col("k_named").is_null()
    else:
        is_named = FALSE
    # Attendances given with no cost column cost nothing: no group-by of every row per
    # course to find zeros (0.3 s and more of text course ids on ``benchmarks/``' first
    # data set at scale 0.25, in each of two queries).
    if joined is not None and plan.frames.has("attendances", "cost"):
        costs = _attendance_costs(joined)
        if costs.implementation.is_dask():
            # A course's sums, collected: Dask's planner recurses past Python's limit on
            # the join graph with this group-by and the courses' columns on top of it.
            costs = costs.collect().lazy(backend=costs.implementation)
        courses = join(courses, costs, left_on="course_id", right_on="k_course")
        att_rows, att_free = nw.col("k_att_rows").fill_null(0), nw.col("k_att_free").fill_null(0)
    else:
        courses = courses.with_columns(k_att_cost=nw.lit(0))
        att_rows = att_free = nw.lit(0)
    dated = nw.col("course_start") <= lit_day(plan.as_of)
    has_cost = ~nw.col("course_cost").is_null()
    courses = courses.with_columns(
        year=nw.col("course_start").dt.year(),
        k_dated=dated,
        k_named_dated=dated & is_named,
        k_has_cost=has_cost,
        k_rows=att_rows,
        k_free=att_free,
    ).with_columns(
        k_from_cost=nw.col("k_dated") & ~nw.col("k_named_dated") & has_cost,
        k_from_att=nw.col("k_dated")
        & ~nw.col("k_named_dated")
        & ~has_cost
        & (nw.col("k_rows") > 0),
    )
    conds = {f"k{i}": _counts(m) for i, m in money}
    courses = courses.with_columns(**conds)
    return courses.with_columns(
        k_counted=(nw.col("k_from_cost") | nw.col("k_from_att"))
        & any_of([nw.col(name) for name in conds])
    )


def cost_sums(plan: Plan, batch: Batch, courses: nw.LazyFrame[Any]) -> None:
    """Each money measure's course and attendance costs and the sources, per year.

    Summed per course year, then per bucket from the years (:func:`by_year`): two
    columns per money measure, not two per measure and bucket.
    """
    rows: dict[str, Any] = {}
    for i, _ in _money(plan):
        for name, source, column in (
            ("kc", "k_from_cost", "course_cost"),
            ("ka", "k_from_att", "k_att_cost"),
        ):
            cond = nw.col(f"k{i}") & nw.col(source)
            rows[f"{name}{i}"] = nw.when(cond).then(nw.col(column)).otherwise(0)
    named, has_cost = nw.col("k_named_dated"), nw.col("k_has_cost")
    passed = nw.col("k_dated") & (named | has_cost)
    counted_att = nw.col("k_counted") & nw.col("k_from_att")
    flags = {
        "k_valid": nw.col("k_from_cost") | nw.col("k_from_att"),
        "k_spending": named,
        "k_cost": nw.col("k_from_cost"),
        "k_attendances": nw.col("k_from_att"),
        "k_ignored": named & has_cost,
    }
    plain = pandas_like(courses)
    rows |= {name: one_if(cond, plain=plain) for name, cond in flags.items()}
    rows["k_rows_ignored"] = nw.when(passed).then(nw.col("k_rows")).otherwise(0)
    rows["k_att_counted"] = nw.when(counted_att).then(nw.col("k_free")).otherwise(0)
    by_year(batch, courses, rows, plan.measures, prefixes=("kc", "ka"))


def _decimal(value: object) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, float):
        # Only a column of no costs at all is float (an absent column reads as nulls).
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    return Decimal(str(value))


def merge_costs(plan: Plan, values: dict[str, Any]) -> None:
    """Add the costs to each money measure's sums and their rows to the counted attendances."""
    if "k_valid" not in values:
        return
    for i, m in _money(plan):
        for b, _ in buckets(m):
            name = f"m{i}_{b}"
            spent = _decimal(values.get(name))
            costs = _decimal(values.get(f"kc{i}_{b}")) + _decimal(values.get(f"ka{i}_{b}"))
            values[name] = spent + costs
    extra = int(values.get("k_att_counted") or 0)
    values["a_counted"] = int(values.get("a_counted") or 0) + extra
    values["a_unmatched"] = int(values.get("a_unmatched") or 0) - extra


def money_sources(values: dict[str, Any]) -> MoneySources:
    """The summary's money sources from the run's values."""
    if "k_valid" not in values:
        return MoneySources()
    counts = [int(values.get(name) or 0) for name in _SOURCES]
    return MoneySources(*counts)
