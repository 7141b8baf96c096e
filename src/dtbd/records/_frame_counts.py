"""Each record table's rows and refused rows counted once; clean tables read without checks.

A checked table (``FrameRecords.table``) computes every cell's conditions and a window
over its keys for the rows that repeat another (``records._frame_checks.repeats``) in
every query that reads it: on 5 million attendances the window alone costs more than the
hand-written query it stands beside (``docs/performance.md``). Most tables have no
refused row. So a run counts each table once, the refused cells by a sum and the repeats
by one group-by over the keys (the same count as the window's, without numbering a row),
and reads a table with no refused row as its typed columns only (``FrameRecords.plain``).
A table with refused rows is read checked, so that they are left out and named. On
polars and DuckDB a table is screened first (``records._frame_screens``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from dtbd.records._frame_cells import BAD
from dtbd.records._frame_checks import KEYS
from dtbd.records._frame_screens import Screened, screen_all

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

    from dtbd.records._frames import FrameRecords

__all__ = ["read_counts", "readable", "row_counts"]

_TABLES = ("persons", "courses", "attendances", "spending")
_N = "_dtbd_n_"
_GOOD = "_dtbd_good_n_"


def row_counts(frames: FrameRecords) -> dict[str, tuple[int, int]]:
    """Each table's rows and the rows refused (cells that cannot be read, repeats).

    The counts equal those of the checked tables: a repeat is refused where
    ``repeats`` refuses it (every readable row of a repeated id in a lazy table of ids, the
    later rows of a key elsewhere).
    """
    return _counted(frames, screen_all(frames.screens))


def read_counts(frames: FrameRecords) -> tuple[FrameRecords, dict[str, tuple[int, int]]]:
    """:func:`row_counts`, and ``frames`` read as :func:`readable` reads them.

    The courses carried on attendance rows are the distinct rows their screen kept, when
    it shows none refused: read once, not found again from every attendance row by
    each query that reads the courses (three on ``benchmarks/``' second data set).
    """
    screened = screen_all(frames.screens)
    counts = _counted(frames, screened)
    found = readable(frames, counts)
    if frames.carried and "courses" in screened.kept and not counts["attendances"][1]:
        plain = found.plain["courses"].collect_schema().names()
        kept = screened.kept["courses"].select(plain)
        found = attrs.evolve(found, courses=kept, plain={**found.plain, "courses": kept})
    return found, counts


def _counted(frames: FrameRecords, screened: Screened) -> dict[str, tuple[int, int]]:
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    counts: dict[str, tuple[int, int]] = {}
    # Attendances first: the courses carried on them are counted as the run will read them.
    for name in ("attendances", "persons", "courses", "spending"):
        carried = name == "courses" and bool(frames.carried)
        if name in screened.rows and (carried or name in frames.cells):
            counts[name] = (screened.rows[name], 0)
            continue
        cells = None if carried else frames.cells.get(name)
        if cells is not None:
            counts[name] = _checked_counts(cells, name, numbered=name in frames.numbered)
            continue
        # One course per id of the attendances: none repeats, none is refused.
        frame = frames.table(name)
        if carried and counts["attendances"][1] == 0:
            frame = frames.plain.get(name, frame)
        rows = 0 if frame is None else frame.select(nw.len().alias(_N)).collect().item()
        counts[name] = (int(rows), 0)
    return {name: counts[name] for name in _TABLES}


def _checked_counts(frame: nw.LazyFrame[Any], table: str, *, numbered: bool) -> tuple[int, int]:
    """A checked table's rows and refused rows, by one group-by over its keys."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    keys = [k for k in KEYS[table] if k in frame.collect_schema()]
    # pandas, PyArrow and Dask aggregate a column, not an expression: the flag first.
    per_key = (
        frame.select(*keys, (~nw.col(BAD)).cast(nw.Int64()).alias(_GOOD))
        .group_by(keys, drop_null_keys=False)
        .agg(nw.len().alias(_N), nw.col(_GOOD).sum())
    )
    found = (
        per_key.select(
            nw.col(_N).sum().alias("rows"),
            nw.col(_GOOD).sum().alias("good"),
            (nw.col(_GOOD) > 0).cast(nw.Int64()).sum().alias("keys"),
            nw.when(nw.col(_GOOD) > 1).then(nw.col(_GOOD)).otherwise(0).sum().alias("many"),
        )
        .collect()
        .rows(named=True)
    )
    if not found or not found[0]["rows"]:
        return 0, 0
    row = {k: int(v or 0) for k, v in found[0].items()}
    # Rows of one key: the first is read where rows are numbered or are attendances (one
    # attendance given twice), every one is refused in a lazy table of ids.
    repeated = row["good"] - row["keys"] if numbered or table == "attendances" else row["many"]
    return row["rows"], row["rows"] - row["good"] + repeated


def readable(frames: FrameRecords, counts: dict[str, tuple[int, int]]) -> FrameRecords:
    """``frames`` with each table that refuses no row read as its typed columns only.

    The courses that come from the attendances' columns are plain when the attendances
    are. ``checked`` is kept, to name the refused rows of the other tables.
    """
    refusing_none = {name for name, (_, refused) in counts.items() if not refused}
    if frames.carried and "attendances" not in refusing_none:
        refusing_none.discard("courses")
    swap: dict[str, Any] = {n: frames.plain[n] for n in refusing_none if n in frames.plain}
    return attrs.evolve(frames, **swap) if swap else frames
