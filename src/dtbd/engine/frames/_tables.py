"""What became of each table's rows over frames: counts and the bad rows' problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from dtbd._errors import RecordProblem
from dtbd.engine._tallies import TableSummary
from dtbd.engine.frames._grouping import GROUP, grouped
from dtbd.records._frame_cells import id_text

if TYPE_CHECKING:
    from dtbd.engine.frames._plan import Plan

__all__ = ["table_counts"]


_REPEATS = frozenset({"record.row.duplicate", "record.id.duplicate"})


def _summary(  # noqa: PLR0913, PLR0917  -- the six counts of one table, in their order
    read: int,
    counted: int,
    after_as_of: int,
    outside_windows: int,
    unmatched: int,
    problems: tuple[RecordProblem, ...],
    unread: tuple[int, tuple[RecordProblem, ...]] = (0, ()),
) -> TableSummary:
    """A table's summary from its counts: frames give no row numbers for the groups.

    ``unread`` is the number of rows that could not be read and their problems (a row
    may have several); each of the other ``problems`` is one bad row.
    """
    every = unread[1] + problems
    return TableSummary(
        read=read, counted=counted, malformed=unread[0] + len(problems),
        after_as_of=after_as_of, outside_windows=outside_windows, unmatched=unmatched,
        after_as_of_rows=(), outside_window_rows=(), unmatched_rows=(),
        problems=every,
        # A repeated row has one repeat problem (a lazy frame numbers its rows 0).
        duplicates=sum(1 for p in every if p.code in _REPEATS),
    )  # fmt: skip


def _problems(plan: Plan, frame: nw.LazyFrame[Any], table: str) -> tuple[RecordProblem, ...]:
    """The bad rows of a table (collected only when there are some)."""
    numbered = table in plan.frames.numbered
    prefix = "attendance" if table == "attendances" else "spending"
    columns = [f"{prefix}_course"]
    if table == "attendances":
        columns += ["attendance_person", "bad_course"]
    if numbered:
        columns.append(f"{prefix}_row_number" if table == "spending" else "row_number")
    rows = frame.filter(nw.col("bad")).select(columns).collect().rows(named=True)
    found = []
    for row in rows:
        number = int(row[columns[-1]]) + 1 if numbered else 0
        if table == "spending" or row["bad_course"]:
            what = f"course {id_text(row[f'{prefix}_course'])!r} is not in the courses"
            found.append(
                RecordProblem(table, number, "course", what, code="record.reference.unknown")
            )
        else:
            what = f"person {id_text(row['attendance_person'])!r} is not in the persons"
            found.append(
                RecordProblem(table, number, "person", what, code="record.reference.unknown")
            )
    # by row, then by field and text: a lazy frame numbers every row 0, and its rows
    # come in the order its engine joined them, not always the same
    return tuple(sorted(found, key=lambda p: (p.row, p.field, p.message)))


def table_counts(
    plan: Plan,
    values: dict[str, Any],
    joined: nw.LazyFrame[Any] | None,
    spent: nw.LazyFrame[Any] | None,
    group: int | None = None,
) -> dict[str, TableSummary]:
    """Each table's counts from the run's values (and its problems, if it has bad rows).

    In a grouped run, ``group``'s counts and problems.
    """

    def get(name: str) -> int:
        return int(values.get(name) or 0)

    values["p_counted"] = get("p_members") + get("p_att_only")

    read = plan.read if group is None else plan.group_read[group]
    sizes = {name: read[name] - plan.unread[name] for name in read}

    def unread(table: str) -> tuple[int, tuple[RecordProblem, ...]]:
        # The rows refused on reading are collected only when there are some.
        count = plan.unread[table]
        return count, tuple(plan.frames.unread(table)) if count else ()

    tables = {
        "persons": _summary(
            read["persons"], get("p_counted"), 0, 0, sizes["persons"] - get("p_counted"), (),
            unread("persons"),
        ),
        "courses": _summary(
            read["courses"], get("c_counted"), get("c_after"), get("c_outside"),
            get("c_unmatched"), (), unread("courses"),
        ),
    }  # fmt: skip
    for name, key, whole in (("attendances", "a", joined), ("spending", "s", spent)):
        problems: tuple[RecordProblem, ...] = ()
        if whole is not None and get(f"{key}_bad"):
            # only then the group's rows: a filter per group of 10.000 costs seconds
            mine = (
                whole.filter(nw.col(GROUP) == group)
                if group is not None and grouped(whole)
                else whole
            )
            problems = _problems(plan, mine, name)
        tables[name] = _summary(
            read[name], get(f"{key}_counted"), get(f"{key}_after"), get(f"{key}_outside"),
            get(f"{key}_unmatched"), problems, unread(name),
        )  # fmt: skip
    return tables
