"""A roll-up by unit over frames whose members are found in the frames, not in Python.

:mod:`dtbd.tracking._grouped` measures a breakdown in passes from groups whose ids were
listed in Python (:func:`dtbd.tracking._groups.members_of`): every person and course read
into an object, every (person, course) pair collected, a set of ids per unit. At 10.000
units and millions of persons that listing, not the measuring, took most of the time.
Here only the distinct values of the roster's ``unit`` column come to Python: each
value's home unit and its ancestors (:func:`dtbd.tracking._groups.home_unit`), so that a
pass gets a small table of (unit value, group) per depth of the tree, and the frame
engine joins it to the roster, the roster to the attendances, the attendances' courses
to the courses. The groups hold the rows :func:`members_of` gives them:

- a unit's group: the persons whose home unit is in its subtree, their attendances, the
  courses they attended, no payment;
- the unknown group (key ``None``, in the first pass): the persons with no home unit,
  their attendances, the courses they attended, the courses no rostered person attended
  and those a payment names, every payment.

Each person is in one unit per depth, so a pass of one depth repeats no attendance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._batch import shared
from dtbd.engine.frames._grouping import GROUP
from dtbd.engine.frames._run import run_frames_grouped
from dtbd.records._frame_counts import readable, row_counts
from dtbd.records._frames import FrameRecords
from dtbd.tracking._groups import Members, home_unit
from dtbd.tracking._run import _evaluation, _measures_of, _plan

if TYPE_CHECKING:
    from dtbd.model._scheme import Scheme
    from dtbd.model._units import UnitId, UnitTree
    from dtbd.results._evaluation import Evaluation

__all__ = ["finds_units_in_frames", "measured_by_unit"]

_VALUE = "_unit_value"


def finds_units_in_frames(frames: FrameRecords, found: Sequence[Members]) -> bool:
    """Whether the groups' members can be found in ``frames``: a roster with units, units."""
    persons = frames.persons
    return (
        persons is not None
        and frames.courses is not None
        and "unit" in persons.collect_schema()
        and any(m.unit is not None for m in found)
    )


def _homes(
    persons: nw.LazyFrame[Any], tree: UnitTree, on: dt.date
) -> dict[object, tuple[UnitId, ...]]:
    """Each distinct ``unit`` of the roster with its home unit's chain, home first."""
    values = persons.select("unit").unique().collect()["unit"].to_list()
    chains: dict[object, tuple[UnitId, ...]] = {}
    for value in values:
        # as the dict reader reads the cell: stripped text, a blank one no unit
        text = value.strip() if isinstance(value, str) else None
        home = home_unit(tree, text or None, on)
        chains[value] = () if home is None else (home, *(a.id for a in tree.ancestors(home)))
    return chains


def _table(frame: nw.LazyFrame[Any], columns: dict[str, list[Any]]) -> nw.LazyFrame[Any]:
    """A small lazy table in ``frame``'s engine."""
    return nw.from_dict(columns, backend=frame.implementation).lazy()


def _pass_members(
    frames: FrameRecords,
    pairs: list[tuple[object, int]],
    unknown: tuple[int, list[object]] | None,
) -> FrameRecords:
    """The frames of one pass: each row with the group of its person's unit at that depth.

    ``pairs`` are (unit value, group); ``unknown`` the unknown group's position and the
    unit values that have no home (a null unit has none either).
    """
    persons, courses, attendances = frames.persons, frames.courses, frames.attendances
    assert persons is not None  # noqa: S101  -- finds_units_in_frames
    assert courses is not None  # noqa: S101
    unit_type = persons.collect_schema()["unit"]
    membership = _table(
        persons, {_VALUE: [v for v, _ in pairs], GROUP: [g for _, g in pairs]}
    ).with_columns(nw.col(_VALUE).cast(unit_type), nw.col(GROUP).cast(nw.Int64()))
    # the roster's ids are unique here (a repeated id is a refused row): no id is joined twice
    # the same columns in the same order on each part: pandas stacks no other frames
    columns = [*persons.collect_schema(), GROUP]
    grouped = [
        persons.join(membership, left_on="unit", right_on=_VALUE, how="inner").select(columns)
    ]
    if unknown is not None:
        group, homeless = unknown
        without = nw.col("unit").is_null()
        if homeless:
            without = without | nw.col("unit").is_in(homeless)
        grouped.append(persons.filter(without).with_columns(_lit_group(group)).select(columns))
    roster = grouped[0] if len(grouped) == 1 else nw.concat(grouped, how="vertical")
    attended = None
    if attendances is not None:
        members = roster.select(nw.col("id").alias("person"), GROUP)
        attended = attendances.join(members, on="person", how="inner")
        chosen = attended.select(nw.col("course").alias("id"), GROUP).unique()
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


def _lit_group(group: int) -> Any:  # noqa: ANN401  -- a narwhals expression
    return nw.lit(group, dtype=nw.Int64()).alias(GROUP)


def _unknown_courses(frames: FrameRecords, theirs: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """The courses of the unknown group that no unknown person attended (``theirs``).

    Those no rostered person attended and those a payment names, each once; the courses
    unknown persons attended come with their attendances.
    """
    persons, courses, attendances = frames.persons, frames.courses, frames.attendances
    assert persons is not None  # noqa: S101  -- finds_units_in_frames
    assert courses is not None  # noqa: S101
    rest = courses
    if attendances is not None:
        rostered = attendances.join(
            persons.select(nw.col("id").alias("person")), on="person", how="semi"
        ).select(nw.col("course").alias("id"))
        rest = courses.join(rostered.unique(), on="id", how="anti")
    if frames.spending is not None:
        named = frames.spending.select(nw.col("course").alias("id"))
        paid = courses.join(named.filter(~nw.col("id").is_null()).unique(), on="id", how="semi")
        # a course both unattended and paid for is one row of the group
        more = paid.join(rest.select("id"), on="id", how="anti")
        rest = nw.concat([rest, more.select(rest.collect_schema().names())], how="vertical")
    return rest.join(theirs, on="id", how="anti")


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
    frames = readable(frames, row_counts(frames))
    assert frames.persons is not None  # noqa: S101  -- finds_units_in_frames
    chains = _homes(frames.persons, tree, on)
    position = {m.key: i for i, (m, _) in enumerate(found) if m.unit is not None}
    depth = {m.key: d for m, d in found if m.unit is not None}
    unknown = next((i for i, (m, _) in enumerate(found) if m.unit is None), None)
    passes: dict[int, list[tuple[object, int]]] = defaultdict(list)
    for value, chain in chains.items():
        for unit in chain:
            if unit in position:
                passes[depth[unit]].append((value, position[unit]))
    homeless = [v for v, chain in chains.items() if not chain and v is not None]
    plan = _plan(scheme, day)
    measures = _measures_of(plan)
    by_depth: dict[int, list[int]] = defaultdict(list)
    for i, (m, d) in enumerate(found):
        if m.unit is not None:
            by_depth[d].append(i)
    first = min(by_depth, default=0)
    if unknown is not None:
        by_depth[first].append(unknown)
    done: dict[int, Evaluation] = {}
    for d in sorted(by_depth):
        groups = by_depth[d]
        extra = (unknown, homeless) if unknown is not None and d == first else None
        pass_frames = _pass_members(frames, passes.get(d, []), extra)
        # each group's courses are its attendances' (and the unknown group's others)
        tallies = run_frames_grouped(
            measures, pass_frames, day, groups, whole_courses=frames.courses
        )
        done |= {i: _evaluation(plan, tallies[i], day) for i in groups}
    return dict(sorted(done.items()))
