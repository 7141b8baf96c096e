"""Attendances joined once with their course's and person's flag columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import narwhals.stable.v2 as nw

from dtbd.engine.frames._codes import WIDE_BITS, PersonCodes
from dtbd.engine.frames._days import with_course_days
from dtbd.engine.frames._exprs import (
    FALSE,
    any_of,
    buckets,
    conjunction,
    day_column,
    day_number,
    lit_day,
    pandas_like,
    via_attendances,
    within,
)
from dtbd.engine.frames._grouping import group_keys, join
from dtbd.engine.frames._shares import population, population_flags
from dtbd.measures._measure import Side
from dtbd.model._target import Count

if TYPE_CHECKING:
    from dtbd.engine.frames._plan import Plan

__all__ = ["Accepting", "accepting", "id_key", "joined_attendances"]


@attrs.frozen
class Accepting:
    """Per-person columns to join, and the row conditions that read them.

    ``counts`` says whether some measure other than a share counts the row (a course
    counted through attendances), ``counted`` whether any measure does (the row
    bookkeeping); ``columns`` are computed on the roster and joined to the rows.
    """

    columns: dict[str, Any]
    counts: Any
    counted: Any


def accepting(plan: Plan) -> Accepting:
    """For each row part, whether some measure with it takes the row's person.

    A part some measure reads with no person filter takes everyone: it needs no column.
    ``person_members`` is membership of any share's population. Registers every row
    part and person flag first, then fixes the person codes.
    """
    counting: dict[str, list[Any]] = {}
    sharing: dict[str, list[Any]] = {}
    everyone: set[str] = set()
    # Each distinct population once: a share's buckets mostly have the same one.
    populations: dict[tuple[str, ...], None] = {}
    for m in plan.measures:
        if not via_attendances(m):
            continue
        part = plan.row_part(m)
        names = plan.person_part(m)
        person = conjunction([nw.col(name) for name in names])
        if m.share is None:
            counting.setdefault(part, []).append(person)
            if not names:
                everyone.add(part)
            continue
        populations.update(
            (population_flags(plan, m, period), None)
            for _, period in buckets(m)
            if period.start <= plan.as_of
        )
        if m.window.start <= plan.as_of:
            whole = population(plan, m, m.window, flags=True)
            sharing.setdefault(part, []).append(conjunction([person, whole]))
    plan.pack_persons()
    columns = {
        "person_members": any_of([conjunction([nw.col(f) for f in p]) for p in populations])
    }
    counts: list[Any] = []
    counted: list[Any] = []
    for part in plan.row_exprs:
        for found, name, into in (
            (counting.get(part, []), f"person_counts_{part}", counts),
            (counting.get(part, []) + sharing.get(part, []), f"person_counted_{part}", counted),
        ):
            if part in everyone:
                into.append(nw.col(part))
            elif found:
                columns[name] = any_of(found)
                into.append(nw.col(part) & nw.col(name))
    return Accepting(columns, any_of(counts), any_of(counted))


def _day_numbers(plan: Plan, frame: nw.LazyFrame[Any]) -> dict[str, Any]:
    """The day numbers of the dates of ``frame`` that an age per row reads (:func:`day_column`)."""
    exact = not pandas_like(frame)
    names = frame.collect_schema().names()
    return {
        day_column(c): day_number(c, exact=exact) for c in sorted(plan.day_columns) if c in names
    }


def _courses_side(plan: Plan, att: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    assert plan.frames.courses is not None  # noqa: S101  -- checked by the caller
    courses = plan.course_attributes()
    days = any(m.count is Count.STUDY_DAYS for m in plan.measures)
    keyed = _keyed(courses, "course_id", "course_key")
    flags = plan.flag_exprs[Side.COURSE]
    # On polars the course flags are packed into codes, as the persons' are: 24 flags
    # gathered for 5 million rows as booleans took 0.27 s, as one integer 0.09 s, and
    # read back by a bitwise and 0.05 s.
    codes = PersonCodes(tuple(flags), bits=WIDE_BITS, bitwise=True, prefix="course_code")
    packed = bool(flags) and courses.implementation.is_polars()
    courses = with_course_days(courses, count=days)
    if packed:
        courses = courses.with_columns(**flags)
    courses = courses.select(
        "course_id", "course_start", "course_end", "_true", "course_days", *group_keys(courses),
        **keyed, **_day_numbers(plan, courses), **(codes.encode() if packed else flags),
    ).drop("_true").with_columns(course_found=nw.lit(1))  # fmt: skip
    joined = join(att, courses, left_on="attendance_course", right_on="course_id")
    ids = nw.col("attendance_course")
    joined = joined.with_columns(course_id=ids, **({} if keyed else {"course_key": ids}))
    if packed:
        joined = joined.with_columns(**codes.filled()).with_columns(**codes.flags())
        joined = joined.drop(*codes.columns)
    return joined


def _keyed(frame: nw.LazyFrame[Any], column: str, key: str) -> dict[str, Any]:
    """The key column ``key`` to join from ``frame``, or none when the ids are integers.

    Integer ids are their own key: the attendances' own column then serves, and no copy
    is gathered by the join (two columns of 5 million rows on ``benchmarks/``). A row of
    an id with no match is never counted, whichever key it carries.
    """
    if frame.collect_schema()[column].is_integer():
        return {}
    return {key: id_key(frame, column)}


def _persons_side(
    plan: Plan, joined: nw.LazyFrame[Any], accepts: dict[str, Any]
) -> tuple[nw.LazyFrame[Any], Any]:
    """``joined`` with each row's person code and per-person columns; missing persons."""
    persons_flags = plan.flag_exprs[Side.PERSON]
    if not plan.has_roster or plan.frames.persons is None:
        # No roster: every person flag is false, and the per-person columns are read
        # from those false flags on each row.
        # The person dates an age reads: no day, as the courses' are already joined.
        present = set(joined.collect_schema().names())
        days = {
            name: nw.lit(None, dtype=nw.Float64())
            for name in map(day_column, plan.day_columns)
            if name not in present
        }
        joined = joined.with_columns(
            person_birth_date=nw.lit(None, dtype=nw.Datetime()),
            **{name: nw.lit(value=False) for name in persons_flags},
            **days,
        ).with_columns(**plan.codes.constant(), **accepts)
        return joined, FALSE
    persons = plan.flagged_persons()
    keyed = _keyed(persons, "person_id", "person_key")
    persons = persons.select(
        "person_id", "person_birth_date", *group_keys(persons), **keyed,
        **_day_numbers(plan, persons), **plan.codes.encode(), **accepts,
    ).with_columns(person_found=nw.lit(1))  # fmt: skip
    joined = join(joined, persons, left_on="attendance_person", right_on="person_id")
    if not keyed:
        joined = joined.with_columns(person_key=nw.col("attendance_person"))
    plan.person_key = "person_key"
    # A person missing from the roster joins nulls: accepted by no measure, no flag set.
    joined = joined.with_columns(
        **{name: nw.col(name).fill_null(value=False).cast(nw.Boolean()) for name in accepts},
        **plan.codes.filled(),
    )
    return joined, nw.col("person_found").is_null()


def joined_attendances(plan: Plan) -> nw.LazyFrame[Any] | None:
    """Attendances joined with their course's flags and their person's codes.

    The joined rows carry each distinct window and row part, the bookkeeping flags,
    and ``counted_att`` / ``counted``: whether some measure (other than a share, or
    any) counts the row, read from the row parts and the per-person columns of
    :func:`accepting`.
    """
    frames = plan.frames
    if frames.attendances is None or frames.courses is None:
        return None
    accepts = accepting(plan)
    att = frames.attendances.with_columns(_true=nw.lit(value=True)).rename(
        {
            "person": "attendance_person", "course": "attendance_course",
            "outcome": "attendance_outcome", "study_days": "attendance_study_days",
            "cost": "attendance_cost",
        }
    )  # fmt: skip
    if plan.flag_exprs[Side.ATTENDANCE]:
        att = att.with_columns(**plan.flag_exprs[Side.ATTENDANCE])
    joined = _courses_side(plan, att)
    joined, missing_person = _persons_side(plan, joined, accepts.columns)
    joined = joined.with_columns(person_id=nw.col("attendance_person"))
    bad_course = nw.col("course_found").is_null()
    bad = bad_course | missing_person
    after = ~bad & (nw.col("course_start") > lit_day(plan.as_of))
    joined = joined.with_columns(
        bad_course=bad_course, bad_person=~bad_course & missing_person, bad=bad,
        after=after, valid=~bad & ~after, year=nw.col("course_start").dt.year(),
    )  # fmt: skip
    # One column per distinct window (valid rows dated inside it), then one per distinct
    # row part: most measures share both, and conditions then only read booleans.
    if plan.window_names:  # none when every measure reads another table (money alone)
        joined = joined.with_columns(
            **{
                name: nw.col("valid") & within("course_start", window)
                for window, name in plan.window_names.items()
            }
        )
    if plan.row_exprs:
        joined = joined.with_columns(**plan.row_exprs)
    per_row = {
        # Distinct courses and course sizes need a course measure's whole condition.
        f"c{i}": conjunction([nw.col(plan.row_part(m)), *plan.codes.all_set(plan.person_part(m))])
        for i, m in enumerate(plan.measures)
        if m.count is Count.COURSES and via_attendances(m)
    }
    if per_row:
        joined = joined.with_columns(**per_row)
    windows = {m.window for m in plan.measures}
    joined = joined.with_columns(
        counted_att=accepts.counts,
        counted=accepts.counted,
        in_window=nw.col("valid") & any_of([within("course_start", w) for w in windows]),
        # A row's study days: its own, else its course's (one column where two were kept).
        row_days=nw.col("attendance_study_days")
        .cast(nw.Float64())
        .fill_null(nw.col("course_days")),
    )
    # The columns only read to compute the ones above: a frame computed once for the
    # run's queries (``_batch.shared``) would hold them for nothing, 160 of 590 MB on
    # ``benchmarks/``' second data set, and 120 MB more since the course start and the
    # two study-day columns became the year, the windows and ``row_days``.
    inputs = {*plan.flag_names.values(), "course_found", "person_found", "person_birth_date"}
    inputs |= {"course_end", "attendance_outcome", *map(day_column, plan.day_columns)}
    inputs |= {"course_start", "course_days", "attendance_study_days"}
    return joined.drop(*(c for c in joined.collect_schema() if c in inputs))


def id_key(frame: nw.LazyFrame[Any], column: str) -> Any:  # noqa: ANN401
    """An integer key per distinct id, so that group-bys hash integers, not strings.

    Integer ids are their own key. Other ids get a code: equal ids get equal codes (a
    dense rank), so a duplicated id stays one group; a row whose id found no match has a
    null code, and such rows are never counted. A categorical is ranked by its text
    (pandas ranks no categorical), on the persons or courses table only. Dask has no
    rank: there the id itself is the key.
    """
    dtype = frame.collect_schema()[column]
    col = nw.col(column)
    if dtype.is_integer():
        return col
    native = frame.implementation
    if dtype in (nw.Categorical, nw.Enum) and not native.is_polars():
        col = col.cast(nw.String())
    if native.is_polars() or native.is_duckdb() or native.is_pandas() or native.is_pyarrow():
        return col.rank("dense")
    return col
