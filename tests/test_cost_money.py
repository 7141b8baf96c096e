"""Money from a course's cost or an attendance's cost: one source per course, every engine.

A course that a spending line names gets its money from the spending lines; one no line
names gets its ``cost``; one with neither gets its attendances' costs (docs/records.md,
"Money: one source per course"). The same spending written any of the three ways gives
the same numbers on the Python engine and on every frame library.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import (
    Figure,
    MoneySources,
    Period,
    RecordError,
    Records,
    Scheme,
    Scope,
    Status,
    Target,
    Window,
    evaluate,
    example_records,
    read_records,
    records_from_dicts,
)
from dtbd.catalog import ids, load
from dtbd.engine._python import run_measures
from dtbd.engine.frames._run import run_frames
from dtbd.measures._measure import Measure, compile_measure
from dtbd.model._budget import Spending
from dtbd.model._people import Attendance, Course
from dtbd.model._target import Cadence
from dtbd.records._frames import frames
from test_frames import ENGINES, polars_tables

AS_OF = pendulum.date(2025, 6, 30)
PERIOD = Period.of_years(2023, 2025)


def _at_course_start(records: Records) -> Records:
    """The records with every spending line of a course dated at its course's start.

    A course's cost is dated at the course start: this is the spending-table form that
    the cost forms must equal, bucket by bucket.
    """
    starts = {c.id: c.start for c in records.courses}
    spending = [
        attrs.evolve(s, date=starts[s.course]) if s.course in starts else s
        for s in records.spending
    ]
    return attrs.evolve(records, spending=tuple(spending))


def _movable(records: Records) -> dict[str, Decimal]:
    """Per course: the sum of its spending lines, for courses all of whose lines have no
    budget line (a cost has none, so only such lines can move into it unchanged)."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    booked: set[str] = set()
    for line in records.spending:
        if line.course is None:
            continue
        sums[line.course] += line.amount
        if line.budget_line is not None:
            booked.add(line.course)
    return {c: amount for c, amount in sums.items() if c not in booked}


def into_course_costs(records: Records, only: set[str] | None = None) -> Records:
    """Each movable course's spending lines (of the courses ``only`` names) as its ``cost``."""
    moved = _movable(records)
    if only is not None:
        moved = {c: amount for c, amount in moved.items() if c in only}
    courses = [attrs.evolve(c, cost=moved.get(c.id, c.cost)) for c in records.courses]
    spending = [s for s in records.spending if s.course not in moved]
    return attrs.evolve(records, courses=tuple(courses), spending=tuple(spending))


def into_attendance_costs(records: Records) -> Records:
    """Each movable course's spending lines split over its attendances' ``cost``.

    A course without attendances keeps the money as its own cost.
    """
    moved = _movable(records)
    by_course: dict[str, list[int]] = defaultdict(list)
    for index, att in enumerate(records.attendances):
        by_course[att.course].append(index)
    attendances = list(records.attendances)
    courses = []
    for course in records.courses:
        rows = by_course.get(course.id, [])
        if course.id not in moved or not rows:
            courses.append(attrs.evolve(course, cost=moved.get(course.id, course.cost)))
            continue
        courses.append(attrs.evolve(course, cost=None))
        share, rest = divmod(moved[course.id], len(rows))
        for n, index in enumerate(rows):
            cost = share + (rest if n == 0 else 0)
            attendances[index] = attrs.evolve(attendances[index], cost=cost)
    spending = [s for s in records.spending if s.course not in moved]
    return attrs.evolve(
        records, courses=tuple(courses), attendances=tuple(attendances), spending=tuple(spending)
    )


FORMS = {"course costs": into_course_costs, "attendance costs": into_attendance_costs}
_COURSE_FIELDS = ("activity", "location", "countries", "formats", "topics", "leads")


def with_money_targets(scheme: Scheme) -> Scheme:
    """``scheme`` with a money target over each top target's window and course scope.

    The catalog's schemes set no money target; these make their example records carry
    spending lines paid for courses, which the forms below move into costs. Two more
    count all money, in total and per year.
    """
    money = [
        Target(
            f"money-{t.id}",
            f"Kinh phí cho {t.label}",
            Figure.parse("1 tỷ đồng"),
            scope=Scope(**{f: getattr(t.scope, f) for f in _COURSE_FIELDS}),
            window=t.window,
        )
        for t in scheme.targets
    ]
    per_year = Window(cadence=Cadence.PER_YEAR)
    money.append(Target("money-all", "Kinh phí", Figure.parse("5 tỷ đồng")))
    money.append(Target("money-year", "Mỗi năm", Figure.parse("1 tỷ đồng"), window=per_year))
    # Without its budget lines: a line booked to one would keep its course's money in
    # the spending table (a cost has no budget line), so nothing could move.
    return attrs.evolve(scheme, targets=(*scheme.targets, *money), budget=None)


@functools.cache
def _catalog(scheme_id: str) -> tuple[Scheme, Records]:
    scheme = with_money_targets(load(scheme_id))
    return scheme, _at_course_start(example_records(scheme, scale=0.3))


@functools.cache
def _expected(scheme_id: str) -> dict[str, Any]:
    scheme, records = _catalog(scheme_id)
    targets: dict[str, Any] = evaluate(scheme, records, AS_OF).to_dict()["targets"]
    return targets


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("engine", ["python", *sorted(ENGINES)])
@pytest.mark.parametrize("scheme_id", ids())
def test_spending_moved_into_costs_gives_the_spending_tables_numbers(
    scheme_id: str, engine: str, form: str
) -> None:
    """Every catalog scheme: its spending as course or attendance costs, the same targets."""
    if engine == "dask":
        # Left open on issue 12: with the money targets added, a query of this run goes
        # past the recursion limit of Dask's planner (hcmc-2021-2025); the Dask path of
        # the costs is held to the Python engine by the small records below.
        pytest.skip("Dask's planner recurses past Python's limit on these plans (issue 12)")
    scheme, records = _catalog(scheme_id)
    moved = FORMS[form](records)
    assert len(moved.spending) < len(records.spending)
    given = moved if engine == "python" else ENGINES[engine](polars_tables(moved))
    got = evaluate(scheme, given, AS_OF).to_dict()["targets"]
    assert got == _expected(scheme_id)


@pytest.mark.parametrize("scheme_id", ids())
def test_the_moved_costs_are_what_the_money_targets_count(scheme_id: str) -> None:
    """Erasing the moved costs changes the money targets: the test above can fail."""
    scheme, records = _catalog(scheme_id)
    moved = into_course_costs(records)
    erased = attrs.evolve(moved, courses=tuple(attrs.evolve(c, cost=None) for c in moved.courses))
    expected, without = _expected(scheme_id), evaluate(scheme, erased, AS_OF).to_dict()["targets"]
    assert Decimal(expected["money-all"]["achieved"]) > 0
    assert without["money-all"]["achieved"] != expected["money-all"]["achieved"]


def _records() -> Records:
    return records_from_dicts(
        persons=[{"id": "a"}, {"id": "b"}],
        courses=[
            {"id": "k1", "start": "2024-03-04", "cost": "1000", "activity": "training"},
            {"id": "k2", "start": "2024-03-05", "cost": "500"},
            {"id": "k3", "start": "2025-04-01"},
            {"id": "k4", "start": "2026-01-05", "cost": "7000"},
        ],
        attendances=[
            {"person": "a", "course": "k3", "cost": "70"},
            {"person": "b", "course": "k3", "cost": "30"},
            {"person": "a", "course": "k1", "cost": "99"},
            {"person": "a", "course": "k2"},
        ],
        spending=[{"id": "s1", "date": "2024-05-01", "amount": "400", "course": "k2"}],
    )


def _measure(target_id: str, scope: Scope | None = None) -> Measure:
    target = Target(target_id, "Kinh phí", Figure.parse("1 tỷ đồng"), scope=scope or Scope())
    return compile_measure(target, PERIOD)


MEASURES = (
    _measure("all"),
    _measure("fostering", Scope(activity="fostering")),
    _measure("women", Scope(gender="female")),
)


@pytest.mark.parametrize("engine", ["python", *sorted(ENGINES)])
def test_each_course_takes_one_source_on_every_engine(engine: str) -> None:
    """k2's cost is passed over for its spending line, k1's attendance cost for its cost.

    k1: cost 1 000 (its attendance's 99 ignored); k2: the line's 400 (its cost 500
    ignored); k3: its attendances' 70 + 30; k4 starts after ``as_of``.
    """
    records = _records()
    if engine == "python":
        tallies = run_measures(MEASURES, records, AS_OF)
    else:
        tallies = run_frames(MEASURES, frames(**ENGINES[engine](polars_tables(records))), AS_OF)
    assert tallies["all"].total.value == Decimal(1500)
    assert [(y, a.value) for y, a in tallies["all"].years] == [
        (2023, Decimal(0)),
        (2024, Decimal(1400)),
        (2025, Decimal(100)),
    ]
    assert tallies["fostering"].total.value == Decimal(500)
    # Money is per course: a person filter selects no money, from any source.
    assert tallies["women"].total.value == Decimal(0)
    assert tallies.records.money == MoneySources(
        from_spending=1, from_cost=1, from_attendances=1, costs_ignored=1,
        attendance_costs_ignored=1,
    )  # fmt: skip
    courses, attendances = tallies.records.courses, tallies.records.attendances
    assert (courses.counted, courses.after_as_of) == (3, 1)
    # k3's two rows count through their costs; k1's and k2's rows count for nothing.
    assert (attendances.counted, attendances.unmatched) == (2, 2)


def test_money_from_costs_alone_is_assessed() -> None:
    """Without a spending table, course costs are data: the target is not unassessable."""
    scheme = Scheme(
        "s", "Đề án", PERIOD, targets=(Target("m", "Kinh phí", Figure.parse("3 nghìn đồng")),)
    )
    records = attrs.evolve(_records(), spending=())
    result = evaluate(scheme, records, AS_OF)
    assert result.targets["m"].achieved == Decimal(1000 + 500 + 100)
    assert result.targets["m"].status is not Status.UNABLE_TO_ASSESS
    assert result.to_dict()["records"]["money"]["from_cost"] == 2


def test_without_a_money_target_no_sources_are_told() -> None:
    target = Target("n", "Lượt", Figure.parse("2 lượt"))
    tallies = run_measures([compile_measure(target, PERIOD)], _records(), AS_OF)
    assert tallies.records.money == MoneySources()


# Large whole amounts: a float sum would lose the last đồng (2**53 + 1 is not a float).
_BIG = 2**53 + 1


@pytest.mark.parametrize("dtype", [pl.Int64, pl.Decimal(38, 0)])
@pytest.mark.parametrize("engine", ["polars", "polars-lazy", "pandas", "pyarrow", "duckdb"])
def test_frame_cost_sums_are_exact(engine: str, dtype: Any) -> None:
    if engine not in ENGINES:
        pytest.skip(f"{engine} is not installed")
    courses = [Course(f"k{i}", start=dt.date(2024, 3, 4)) for i in range(3)]
    attendances = [Attendance(f"p{i}", f"k{i % 3}", cost=_BIG) for i in range(6)]
    records = Records((), tuple(courses), tuple(attendances), ())
    tables = polars_tables(records)
    tables["attendances"] = tables["attendances"].with_columns(pl.col("cost").cast(dtype))
    tallies = run_frames([MEASURES[0]], frames(**ENGINES[engine](tables)), AS_OF)
    assert tallies["all"].total.value == Decimal(_BIG) * 6


def test_attendance_cost_is_read_from_files_under_its_vietnamese_header(tmp_path: Any) -> None:
    (tmp_path / "courses.csv").write_text("Mã lớp,Ngày bắt đầu\nk1,04/03/2024\n", "utf-8")
    (tmp_path / "attendances.csv").write_text(
        "Mã học viên,Mã lớp,Kinh phí\na,k1,1500000\nb,k1,\n", "utf-8"
    )
    records = read_records(tmp_path)
    assert [a.cost for a in records.attendances] == [Decimal(1500000), None]


def test_negative_attendance_cost_is_refused_naming_row_and_field() -> None:
    with pytest.raises(RecordError) as error:
        records_from_dicts(
            courses=[{"id": "k1", "start": "2024-03-04"}],
            attendances=[{"person": "a", "course": "k1", "cost": "-5"}],
        )
    (problem,) = error.value.problems
    assert (problem.table, problem.row, problem.field) == ("attendances", 1, "cost")


_COURSES = st.lists(
    st.tuples(
        st.sampled_from(["fostering", "training"]),
        st.dates(dt.date(2022, 6, 1), dt.date(2026, 6, 1)),
        st.lists(st.integers(0, 10**15), min_size=1, max_size=3),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(courses=_COURSES, as_of=st.dates(dt.date(2023, 1, 1), dt.date(2026, 1, 1)))
def test_moving_a_courses_spending_into_its_cost_changes_no_money_total(
    courses: list[tuple[str, dt.date, list[int], bool]], as_of: dt.date
) -> None:
    """Any courses, any lines at their start: a course's lines or its cost, the same totals."""
    built, lines = [], []
    for i, (activity, start, amounts, _) in enumerate(courses):
        built.append(Course(f"k{i}", start=start, activity=activity))
        lines += [
            Spending(f"s{i}-{j}", start, Decimal(a), course=f"k{i}") for j, a in enumerate(amounts)
        ]
    before = Records((), tuple(built), (), tuple(lines))
    moved = {f"k{i}" for i, (*_, move) in enumerate(courses) if move}
    after = into_course_costs(before, only=moved)
    assert {s.course for s in after.spending} == {c.id for c in built} - moved
    first, second = run_measures(MEASURES, before, as_of), run_measures(MEASURES, after, as_of)
    for m in MEASURES:
        assert first[m.target_id] == second[m.target_id]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_attendances_without_a_cost_column_count_as_costs_of_none(engine: str) -> None:
    """No ``cost`` column: the same money, sources and rows as the Python engine without costs."""
    records = _records()
    costless = attrs.evolve(
        records, attendances=[attrs.evolve(a, cost=None) for a in records.attendances]
    )
    expected = run_measures(MEASURES, costless, AS_OF)
    tables = polars_tables(records)
    tables["attendances"] = tables["attendances"].drop("cost")
    given = frames(**ENGINES[engine](tables))
    assert not given.has("attendances", "cost")
    assert given.has("attendances", "person")
    tallies = run_frames(MEASURES, given, AS_OF)
    for m in MEASURES:
        assert tallies[m.target_id].total.value == expected[m.target_id].total.value
        assert tallies[m.target_id].years == expected[m.target_id].years
    assert tallies.records.money == expected.records.money
    assert tallies.records.money.from_attendances == 0
    counts = ("read", "counted", "malformed", "after_as_of", "outside_windows", "unmatched")
    got, want = tallies.records.attendances, expected.records.attendances
    assert [getattr(got, c) for c in counts] == [getattr(want, c) for c in counts]
