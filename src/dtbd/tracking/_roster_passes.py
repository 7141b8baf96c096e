"""A breakdown over frames whose members are found in the frames, not listed in Python.

:mod:`dtbd.tracking._grouped` measures a breakdown in passes from groups whose ids were
listed in Python (:func:`dtbd.tracking._groups.members_of`): every person and course read
into an object, every (person, course) pair collected, a set of ids per group. At 10.000
units and millions of persons that listing, not the measuring, took most of the time.
Here only the distinct values of one column of the roster come to Python — a unit's
home unit and its ancestors (:func:`dtbd.tracking._groups.home_unit`), a gender's or a
category's group read by the same code as ``members_of`` — so that a pass gets a small
table of (value, group), and the frame engine joins it to the roster, the roster to the
attendances, the attendances' courses to the courses. The groups hold the rows
``members_of`` gives them:

- a group: the persons its value (or, by unit, a home unit in its subtree) puts in it,
  their attendances, the courses they attended, no payment;
- the unknown group (key ``None``, in the first pass): the persons of no group, their
  attendances, the courses they attended, the courses no rostered person attended and
  those a payment names, every payment.

By unit there is a pass per depth of the tree, where each person is in one unit; by
another attribute one pass.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._batch import shared
from dtbd.engine.frames._exprs import any_of
from dtbd.engine.frames._grouping import GROUP
from dtbd.engine.frames._run import run_frames_grouped
from dtbd.records._dicts import records_from_dicts
from dtbd.records._frame_cells import plain_cell
from dtbd.records._frame_counts import read_counts
from dtbd.records._frame_distinct import distinct
from dtbd.records._frames import FrameRecords
from dtbd.tracking._groups import Members, _person_keys, _sorted, home_unit, unit_groups
from dtbd.tracking._run import _evaluation, _measures_of, _plan

if TYPE_CHECKING:
    from dtbd.model._people import Person
    from dtbd.model._scheme import Scheme
    from dtbd.model._units import UnitId, UnitTree
    from dtbd.results._evaluation import Evaluation

__all__ = ["finds_in_frames", "measured_by_attribute", "measured_by_unit"]

_VALUE = "_roster_value"
_KEY = "_roster_key"


def finds_in_frames(frames: FrameRecords, by: str, units: UnitTree | None, on: dt.date) -> bool:
    """Whether a breakdown ``by`` can find its members in ``frames`` run in passes.

    By unit: a roster with units and units in force on ``on``; by a person's attribute
    read from one column of the roster (:data:`_COLUMNS`): a roster.
    """
    persons = frames.persons
    if persons is None or frames.courses is None:
        return False
    if by == "unit":
        return (
            units is not None
            and "unit" in persons.collect_schema()
            and bool(unit_groups(units, on))
        )
    return by in _COLUMNS


def _homes(
    persons: nw.LazyFrame[Any], tree: UnitTree, on: dt.date
) -> dict[object, tuple[UnitId, ...]]:
    """Each distinct ``unit`` of the roster with its home unit's chain, home first."""
    chains: dict[object, tuple[UnitId, ...]] = {}
    for value, person in _read(persons, "unit").items():
        home = None if person is None else home_unit(tree, person.unit, on)
        chains[value] = () if home is None else (home, *(a.id for a in tree.ancestors(home)))
    return chains


def _read(persons: nw.LazyFrame[Any], column: str) -> dict[object, Person | None]:
    """Each distinct value of ``column`` as a person of that value alone.

    Read as the dict reader reads the cell, so that its groups are :func:`members_of`'s,
    found by the same code; ``None`` for a value the reader refuses, which no row of a
    readable roster holds.
    """
    values = _distinct(persons, column)
    rows = [{"id": f"v{i}", column: plain_cell(v)} for i, v in enumerate(values)]
    read = {p.id: p for p in records_from_dicts(persons=rows, on_error="report").records.persons}
    return {v: read.get(f"v{i}") for i, v in enumerate(values)}


def _distinct(persons: nw.LazyFrame[Any], column: str) -> list[object]:
    """The distinct values of the roster's ``column``, every empty cell as ``None``.

    An absent column is every person's empty cell; pandas gives a gap as NaN, NaT or NA.
    """
    if column not in persons.collect_schema():
        return [None]
    values = distinct(persons.select(column)).collect()[column].to_list()
    return list(dict.fromkeys(None if _gap(v) else v for v in values))


def _gap(value: object) -> bool:
    """Whether a cell is empty: None, NaN, NaT or pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value)  # noqa: PLR0124  -- NaN and NaT are not themselves
    except TypeError:  # pandas' NA has no truth value
        return True


def _table(frame: nw.LazyFrame[Any], columns: dict[str, list[Any]]) -> nw.LazyFrame[Any]:
    """A small lazy table in ``frame``'s engine."""
    return nw.from_dict(columns, backend=frame.implementation).lazy()


def _pass_members(
    frames: FrameRecords,
    column: str,
    pairs: list[tuple[object, int]],
    unknown: tuple[int, list[object]] | None,
) -> FrameRecords:
    """The frames of one pass: each row with the group its person's ``column`` puts it in.

    ``pairs`` are (value, group), a null value among them; ``unknown`` the unknown
    group's position and the values that put a person in no group.
    """
    persons, courses, attendances = frames.persons, frames.courses, frames.attendances
    assert persons is not None  # noqa: S101  -- checked by the breakdown
    assert courses is not None  # noqa: S101
    value_type = persons.collect_schema()[column]
    day = value_type in (nw.Datetime, nw.Date)
    key = nw.Int64() if day else value_type
    known = [(_day_of(v) if day else v, g) for v, g in pairs if v is not None]
    membership = _table(
        persons, {_VALUE: [v for v, _ in known], GROUP: [g for _, g in known]}
    ).with_columns(nw.col(_VALUE).cast(key), nw.col(GROUP).cast(nw.Int64()))
    # the roster's ids are unique here (a repeated id is a refused row): no id is joined
    # twice; each part has the same columns in the same order, as pandas stacks them
    columns = [*persons.collect_schema(), GROUP]
    keyed = persons.with_columns(**{_KEY: _day_key(column) if day else nw.col(column)})
    grouped = [keyed.join(membership, left_on=_KEY, right_on=_VALUE, how="inner").select(columns)]
    blank = nw.col(column).is_null()
    grouped += [
        persons.filter(blank).with_columns(_lit_group(g)).select(columns)
        for v, g in pairs
        if v is None
    ]
    if unknown is not None:
        group, homeless = unknown
        # the persons of no group: an empty cell (unless it has a group) or such a value
        without = [] if any(v is None for v, _ in pairs) else [blank]
        if homeless:
            without.append(nw.col(_KEY).is_in([_day_of(v) for v in homeless] if day else homeless))
        if without:
            nobody = keyed.filter(any_of(without))
            grouped.append(nobody.with_columns(_lit_group(group)).select(columns))
    roster = grouped[0] if len(grouped) == 1 else nw.concat(grouped, how="vertical")
    attended = None
    if attendances is not None:
        members = roster.select(nw.col("id").alias("person"), GROUP)
        attended = attendances.join(members, on="person", how="inner")
        chosen = distinct(attended.select(nw.col("course").alias("id"), GROUP))
    else:
        chosen = _table(courses, {"id": [], GROUP: []}).with_columns(
            nw.col("id").cast(courses.collect_schema()["id"]), nw.col(GROUP).cast(nw.Int64())
        )
    kept = [*courses.collect_schema(), GROUP]
    taken = courses.join(chosen, on="id", how="inner").select(kept)
    spending = frames.spending
    if unknown is not None:
        group, _ = unknown
        theirs = chosen.filter(nw.col(GROUP) == group).select("id")
        rest = _unknown_courses(frames, theirs).with_columns(_lit_group(group)).select(kept)
        taken = nw.concat([taken, rest], how="vertical")
    # computed once: the run counts each table's groups, joins and sums them, and
    # each would compute the joins above again (polars; DuckDB keeps the reference)
    return frames.narrowed(
        persons=shared(roster),
        courses=shared(taken),
        attendances=None if attended is None else shared(attended),
        # a unit's group holds no payment (none names a person); the unknown group all
        spending=None
        if spending is None or unknown is None
        else spending.with_columns(_lit_group(unknown[0])),
    )


def _day_key(column: str) -> Any:  # noqa: ANN401  -- a narwhals expression
    """A date column as the number yyyymmdd: pandas joins no pyarrow timestamp with numpy's."""
    day = nw.col(column)
    # polars gives a month and a day as 8-bit integers: widened before they are scaled
    year, month, date = (
        part.cast(nw.Int64()) for part in (day.dt.year(), day.dt.month(), day.dt.day())
    )
    return year * 10_000 + month * 100 + date


def _day_of(value: object) -> int:
    """A date cell's number yyyymmdd, as :func:`_day_key` computes it in the frame."""
    day = plain_cell(value)
    assert isinstance(day, dt.date)  # noqa: S101  -- a cell of a date column
    return day.year * 10_000 + day.month * 100 + day.day


def _lit_group(group: int) -> Any:  # noqa: ANN401  -- a narwhals expression
    return nw.lit(group, dtype=nw.Int64()).alias(GROUP)


def _unknown_courses(frames: FrameRecords, theirs: nw.LazyFrame[Any] | None) -> nw.LazyFrame[Any]:
    """The courses of the unknown group that no unknown person attended (``theirs``).

    Those no rostered person attended and those a payment names, each once; the courses
    unknown persons attended come with their attendances.
    """
    persons, courses, attendances = frames.persons, frames.courses, frames.attendances
    assert persons is not None  # noqa: S101  -- checked by the breakdown
    assert courses is not None  # noqa: S101
    rest = courses
    if attendances is not None:
        rostered = attendances.join(
            persons.select(nw.col("id").alias("person")), on="person", how="semi"
        ).select(nw.col("course").alias("id"))
        rest = courses.join(distinct(rostered), on="id", how="anti")
    if frames.spending is not None:
        named = frames.spending.select(nw.col("course").alias("id"))
        paid = courses.join(distinct(named.filter(~nw.col("id").is_null())), on="id", how="semi")
        # a course both unattended and paid for is one row of the group
        more = paid.join(rest.select("id"), on="id", how="anti")
        rest = nw.concat([rest, more.select(rest.collect_schema().names())], how="vertical")
    return rest if theirs is None else rest.join(theirs, on="id", how="anti")


def measured_by_unit(  # noqa: PLR0913  -- the evaluation's arguments and the tree's
    scheme: Scheme,
    frames: FrameRecords,
    day: dt.date,
    *,
    tree: UnitTree,
    on: dt.date,
    found: Sequence[tuple[Members, int]],
) -> dict[int, Evaluation]:
    """Each group's evaluation by position in ``found``, one grouped run per depth.

    ``found`` are groups of :func:`dtbd.tracking._groups.unit_groups`, each with its
    depth in the whole tree (a ``levels=`` choice changes the groups' depths, not the
    passes), the unknown group among them.
    """
    # a table with no refused row is read as its typed columns, without the checks
    frames, _ = read_counts(frames)
    assert frames.persons is not None  # noqa: S101  -- finds_in_frames
    chains = _homes(frames.persons, tree, on)
    position: dict[object, tuple[int, int]] = {}  # a unit's group: (position, depth)
    by_depth: dict[int, list[int]] = defaultdict(list)
    unknown = None
    for i, (m, d) in enumerate(found):
        if m.unit is None:
            unknown = i
        else:
            position[m.key] = (i, d)
            by_depth[d].append(i)
    passes: dict[int, list[tuple[object, int]]] = defaultdict(list)
    for value, chain in chains.items():
        for unit in chain:
            if unit in position:
                i, d = position[unit]
                passes[d].append((value, i))
    homeless = [v for v, chain in chains.items() if not chain and v is not None]
    first = min(by_depth, default=0)
    if unknown is not None:
        by_depth[first].append(unknown)
    runs = [
        (
            by_depth[d],
            passes.get(d, []),
            (unknown, homeless) if unknown is not None and d == first else None,
        )
        for d in sorted(by_depth)
    ]
    return _measured(scheme, frames, day, "unit", runs)


Pass = tuple[list[int], list[tuple[object, int]], tuple[int, list[object]] | None]
"""One pass: its groups' positions, its (value, group) pairs, the unknown group in it."""


def _measured(
    scheme: Scheme, frames: FrameRecords, day: dt.date, column: str, runs: Sequence[Pass]
) -> dict[int, Evaluation]:
    """Each group's evaluation by position, one grouped run per pass."""
    plan = _plan(scheme, day)
    measures = _measures_of(plan)
    done: dict[int, Evaluation] = {}
    for groups, pairs, unknown in runs:
        pass_frames = _pass_members(frames, column, pairs, unknown)
        # each group's courses are its attendances' (and the unknown group's others)
        tallies = run_frames_grouped(
            measures, pass_frames, day, groups, whole_courses=frames.courses
        )
        done |= {i: _evaluation(plan, tallies[i], day) for i in groups}
    return dict(sorted(done.items()))


_COLUMNS = {
    "unit_level": "unit", "gender": "gender", "minority": "ethnicity",
    "ethnicity": "ethnicity", "age": "birth_date", "category": "category", "level": "level",
    "leadership": "position", "position": "position",
}  # fmt: skip
"""The roster column each attribute's groups are read from. Not a qualification: a
person of several is in several groups, and pandas cannot hash a list column."""


def measured_by_attribute(  # noqa: PLR0913  -- the evaluation's arguments and the attribute's
    scheme: Scheme,
    frames: FrameRecords,
    day: dt.date,
    *,
    by: str,
    on: dt.date,
    units: UnitTree | None,
) -> list[tuple[Members, Evaluation]] | None:
    """Each group of a breakdown ``by`` a person's attribute with its evaluation, in one pass.

    The groups in :func:`members_of`'s order, the unknown group last when any row falls
    in it; ``None`` for an empty roster (whose breakdown is one group of every row).
    """
    frames, counts = read_counts(frames)
    persons = frames.persons
    if persons is None or not counts["persons"][0]:
        return None
    column = _COLUMNS[by]
    person_keys = _person_keys(by, on, units)
    keys = {v: () if p is None else person_keys(p) for v, p in _read(persons, column).items()}
    order = _sorted(k for found in keys.values() for k in found)
    position = {k: i for i, k in enumerate(order)}
    pairs = [(v, position[k]) for v, found in keys.items() for k in found]
    homeless = [v for v, found in keys.items() if not found and v is not None]
    groups = [Members(k, None, None, None, "roster") for k in order]
    # the unknown group: persons of no group, payments, courses no rostered person attended
    if any(not found for found in keys.values()) or counts["spending"][0] or _unattended(frames):
        groups.append(Members(None, None, None, None, "roster"))
    unknown = len(order) if len(groups) > len(order) else None
    runs = [(list(range(len(groups))), pairs, None if unknown is None else (unknown, homeless))]
    measured = _measured(scheme, frames, day, column, runs)
    return [(m, measured[i]) for i, m in enumerate(groups)]


def _unattended(frames: FrameRecords) -> bool:
    """Whether some course was attended by no rostered person."""
    return bool(_unknown_courses(frames, None).select(nw.len()).collect().item())
