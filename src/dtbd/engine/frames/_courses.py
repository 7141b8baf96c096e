"""The courses table's plan: course-table measures, counted courses and course sizes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import (
    all_of,
    any_of,
    lit_day,
    one_if,
    pandas_like,
    via_attendances,
    within,
)
from dtbd.engine.frames._grouping import GROUP, group_keys, join
from dtbd.engine.frames._join import id_key
from dtbd.engine.frames._sums import by_year
from dtbd.model._target import Count
from dtbd.records._frame_cells import id_text
from dtbd.records._frame_distinct import distinct

if TYPE_CHECKING:
    from dtbd.engine.frames._batch import Batch
    from dtbd.engine.frames._plan import Plan
    from dtbd.measures._measure import Measure

__all__ = ["course_counts_table", "course_measure", "course_sizes", "course_table"]


def course_measure(plan: Plan, m: Measure) -> Any:  # noqa: ANN401
    """Whether a course row is counted by a course-table COURSES measure."""
    return (
        (nw.col("course_start") <= lit_day(plan.as_of))
        & within("course_start", m.window)
        & all_of(m.filters, "course_start")
    )


def course_table(plan: Plan) -> list[Measure]:
    """The COURSES measures read from the courses table itself."""
    return [m for m in plan.measures if m.count is Count.COURSES and not via_attendances(m)]


def _marked(
    frame: nw.LazyFrame[Any], marks: nw.LazyFrame[Any] | None, key: str, mark: str
) -> nw.LazyFrame[Any]:
    """``frame`` with a 0/1 column ``mark``: whether its ``key`` is among ``marks``' keys."""
    if marks is None:
        return frame.with_columns(**{mark: nw.lit(0)})
    marks = distinct(
        marks.select(nw.col(key).alias(f"{mark}_key"), *group_keys(marks))
    ).with_columns(**{mark: nw.lit(1)})
    return join(frame, marks, left_on=key, right_on=f"{mark}_key").with_columns(
        nw.col(mark).fill_null(0)
    )


def course_counts_table(
    plan: Plan,
    batch: Batch,
    joined: nw.LazyFrame[Any] | None,
    spent: nw.LazyFrame[Any] | None,
    costs: nw.LazyFrame[Any] | None = None,
) -> None:
    """The courses table's measures and bookkeeping, summed per year into ``batch``.

    ``costs`` are the courses with their money sources (``_costs.cost_courses``): a
    course whose cost or attendances' costs some money measure counts is counted.
    """
    assert plan.frames.courses is not None  # noqa: S101  -- checked by the caller
    courses = plan.courses()
    by_att = None
    if joined is not None:
        by_att = joined.filter(nw.col("counted_att"))
    by_spending = None
    money = [m for m in plan.measures if m.count is Count.SPENDING]
    if spent is not None and money:
        by_spending = spent.filter(
            nw.col("course_found").is_null().__invert__() & nw.col("counted")
        )
    key = "course_id"
    if by_att is not None and not plan.joins_whole_courses:
        # The same integer code as the join's: the marks hash integers, not ids. (A join
        # with the whole courses coded them there: the ids are marked as they are.)
        courses = courses.with_columns(course_key=id_key(courses, "course_id"))
        key = "course_key"
    courses = _marked(courses, by_att, key, "c_att")
    courses = _marked(courses, by_spending, "course_id", "c_spent")
    by_costs = None if costs is None else costs.filter(nw.col("k_counted"))
    courses = _marked(courses, by_costs, "course_id", "c_money")
    own = course_table(plan)
    # Each measure's condition and the year become columns, computed once: every
    # bucket and the bookkeeping then read them by name, which keeps the plan small.
    conds = {f"k{j}": course_measure(plan, m) for j, m in enumerate(own)}
    after = nw.col("course_start") > lit_day(plan.as_of)
    windows = {m.window for m in plan.measures}
    courses = courses.with_columns(
        course_year=nw.col("course_start").dt.year(),
        c_is_after=after,
        c_in_window=~after & any_of([within("course_start", w) for w in windows]),
        **conds,
    )
    after, in_window = nw.col("c_is_after"), nw.col("c_in_window")
    counted = (
        (nw.col("c_att") == 1)
        | (nw.col("c_spent") == 1)
        | (nw.col("c_money") == 1)
        | any_of([nw.col(k) for k in conds])
    )
    # Summed per year, then per bucket from the years: one column per measure, not per
    # measure and bucket (a year's count is its year's sum).
    rows = {f"m{plan.measures.index(m)}": nw.col(f"k{j}") for j, m in enumerate(own)}
    rows |= {
        "c_dated": ~after,
        "c_after": after,
        "c_counted": counted,
        "c_unmatched": ~counted & ~after & in_window,
        "c_outside": ~counted & ~after & ~in_window,
    }
    plain = pandas_like(courses)
    ones = {name: one_if(cond, plain=plain) for name, cond in rows.items()}
    by_year(batch, courses.with_columns(year=nw.col("course_year")), ones, plan.measures)


def course_sizes(
    plan: Plan, m: Measure, joined: nw.LazyFrame[Any]
) -> dict[int | None, tuple[tuple[str, int], ...]]:
    """Attendance rows of each course a COURSES measure counts (for course-size checks).

    By group of a grouped run (a group with no such course is missing), else under
    ``None``.
    """
    if via_attendances(m):
        chosen = joined.filter(nw.col(f"c{plan.measures.index(m)}"))
    else:
        assert plan.frames.courses is not None  # noqa: S101  -- a course measure has courses
        chosen = plan.courses().filter(course_measure(plan, m))
    keys = ["course_id", *group_keys(joined)]
    ids = distinct(chosen.select(*keys[:1], *group_keys(chosen)))
    counts = joined.filter(nw.col("valid")).group_by(*keys).agg(nw.len().alias("n"))
    rows = join(ids, counts, left_on=keys[:1], right_on=keys[:1]).with_columns(
        nw.col("n").fill_null(0)
    )
    found: dict[int | None, list[tuple[str, int]]] = {}
    for row in rows.collect().rows(named=True):
        # Ids as the user's text: an integer id 7 is the Python engine's "7".
        found.setdefault(row.get(GROUP), []).append((id_text(row["course_id"]), int(row["n"])))
    return {group: tuple(sorted(sizes)) for group, sizes in found.items()}
