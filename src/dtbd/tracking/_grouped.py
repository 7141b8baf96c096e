"""A breakdown over frames measured in passes: each pass one grouped run of the frame engine.

The reference (``_breakdown._per_group_frames``) runs one evaluation per group over a
lazy filter of the frames; with thousands of units that is thousands of evaluations.
Here the groups are packed into *passes* in which no attendance is in two groups (by a
person's or a course's attribute one pass; by unit one pass per depth of the tree, where
each person is in at most one unit's subtree), each table's rows get the key of their
group at that pass by a join with a small table of (id, group), and one grouped run
(:func:`dtbd.engine.frames._run.run_frames_grouped`) gives every group's tallies. A row
of a small table in several groups of a pass (a course attended from two units) is
repeated, once per group; a table every group of a pass reads whole (the roster, by a
course attribute) is not grouped at all. The evaluations equal the reference's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._grouping import GROUP
from dtbd.engine.frames._run import run_frames_grouped
from dtbd.records._frame_counts import read_counts
from dtbd.records._frames import FrameRecords
from dtbd.tracking._groups import Members
from dtbd.tracking._run import _evaluation, _measures_of, _plan

if TYPE_CHECKING:
    from dtbd.model._scheme import Scheme
    from dtbd.results._evaluation import Evaluation

__all__ = ["groups_in_passes", "measured_in_passes", "takes_passes"]

_ID = "_group_id"
_IDS = {"persons": "id", "courses": "id", "spending": "id"}


def takes_passes(frames: FrameRecords) -> bool:
    """Whether the frames' engine runs a breakdown in passes (polars, eager or lazy).

    The other engines keep the reference: one evaluation per group (docs/units.md).
    """
    tables = [frames.table(t) for t in ("persons", "courses", "attendances", "spending")]
    given = [t for t in tables if t is not None]
    return frames.attendances is not None and all(
        t.implementation.is_polars() or t.implementation.is_pandas() for t in given
    )


def _picked(m: Members) -> frozenset[str] | None:
    """The ids that choose the group's attendances (``None``: every attendance)."""
    return m.persons if m.pick == "person" else m.courses if m.pick == "course" else None


def groups_in_passes(found: Sequence[Members]) -> list[list[int]]:
    """The groups (by position) packed into passes in which no attendance is in two groups.

    Each group goes into the first pass whose groups pick none of its persons (or
    courses): by a person's attribute every person is in one group, so one pass; by
    unit a unit's subtree meets its ancestors' and not its cousins', so one pass per
    depth. A group of every attendance has a pass of its own.
    """
    # each pass: its groups, the ids they pick, and how they pick (persons or courses)
    passes: list[tuple[list[int], set[str], str]] = []
    for index, m in enumerate(found):
        picked = _picked(m)
        if picked is None:
            passes.append(([index], set(), "all"))
            continue
        for members, used, pick in passes:
            if pick == m.pick and used.isdisjoint(picked):
                members.append(index)
                used.update(picked)
                break
        else:
            passes.append(([index], set(picked), m.pick))
    return [members for members, _, _ in passes]


def _membership(frame: nw.LazyFrame[Any], pairs: dict[str, list[Any]]) -> nw.LazyFrame[Any]:
    """A lazy frame of (id, group) in ``frame``'s engine, joinable with it."""
    table = nw.from_dict(pairs, backend=frame.implementation).lazy()
    return table.with_columns(nw.col(_ID).cast(nw.String()), nw.col(GROUP).cast(nw.Int64()))


def _grouped_table(
    frame: nw.LazyFrame[Any] | None,
    column: str,
    groups: Sequence[tuple[int, frozenset[str] | None]],
    *,
    shared: bool = False,
) -> nw.LazyFrame[Any] | None:
    """``frame``'s rows of each group, with the group's key; ``None`` ids: every row.

    Matched on the id's text, as the reference's filter (``is_in`` on the ids cast to
    text). With ``shared``, a table every group reads whole is left without groups: the
    roster, which only the attendances' join and the roster's counts read.
    """
    if frame is None:
        return None
    if shared and all(ids is None for _, ids in groups):
        return frame
    parts = [
        frame.with_columns(**{GROUP: nw.lit(g, dtype=nw.Int64())})
        for g, ids in groups
        if ids is None
    ]
    pairs: dict[str, list[Any]] = {_ID: [], GROUP: []}
    for g, ids in groups:
        if ids:
            pairs[_ID].extend(sorted(ids))
            pairs[GROUP].extend([g] * len(ids))
    if pairs[_ID] or not parts:
        keyed = frame.with_columns(**{_ID: nw.col(column).cast(nw.String())})
        member = keyed.join(_membership(frame, pairs), on=_ID, how="inner").drop(_ID)
        parts.append(member)
    return parts[0] if len(parts) == 1 else nw.concat(parts, how="vertical")


def _pass_frames(
    frames: FrameRecords, found: Sequence[Members], members: list[int]
) -> FrameRecords:
    """The frames of one pass: each table's rows keyed by their group (its position)."""
    chosen = [(i, found[i]) for i in members]
    spending = [(i, m.spending) for i, m in chosen]
    picks = {m.pick for _, m in chosen}
    assert len(picks) == 1  # noqa: S101  -- a breakdown's groups pick attendances one way
    by = "person" if picks == {"person"} else "course"
    return frames.narrowed(
        persons=_grouped_table(
            frames.persons, "id", [(i, m.persons) for i, m in chosen], shared=True
        ),
        courses=_grouped_table(frames.courses, "id", [(i, m.courses) for i, m in chosen]),
        attendances=_grouped_table(frames.attendances, by, [(i, _picked(m)) for i, m in chosen]),
        # no payment in any group of the pass: no spending table, as the reference runs it
        spending=None
        if all(ids == frozenset() for _, ids in spending)
        else _grouped_table(frames.spending, "id", spending),
    )


def measured_in_passes(
    scheme: Scheme, frames: FrameRecords, day: dt.date, found: Sequence[Members]
) -> dict[int, Evaluation]:
    """Each group's evaluation by position in ``found`` (in that order), one run per pass."""
    plan = _plan(scheme, day)
    measures = _measures_of(plan)
    # a table with no refused row is read as its typed columns, without the checks
    frames, _ = read_counts(frames)
    done: dict[int, Evaluation] = {}
    for members in groups_in_passes(found):
        tallies = run_frames_grouped(measures, _pass_frames(frames, found, members), day, members)
        done |= {i: _evaluation(plan, tallies[i], day) for i in members}
    return dict(sorted(done.items()))
