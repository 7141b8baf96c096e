"""Screens: frames that show in one pass that a table refuses no row.

A table is screened on polars and DuckDB (:class:`Screen`): when no cell is unread and the
hashes of its keys are all distinct, no row repeats another and none is refused, found in
one pass without the group-by over the keys (counting the rows of ``benchmarks/``' first
data set at 0.25, 5 million attendances: 1.9 s to 1.3 s). Two rows of equal hashes, or
one bad cell, and the rows are counted exactly: a hash collision costs the exact count,
never a wrong one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from dtbd.records._frame_cells import BAD
from dtbd.records._frame_checks import KEYS
from dtbd.records._frame_keys import cast_keys

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["Screen", "clean", "screenable", "screened"]

_N = "_dtbd_n_"
_BAD = "_dtbd_bad_n_"
_HASHES = "_dtbd_hashes_"


@attrs.frozen
class Screen:
    """A frame that shows at a glance that a table refuses no row.

    ``frame`` holds the ``_unread`` column of its cells and the ``keys`` typed (cast as
    ``table``'s are): with no cell unread and no keys given twice, it refuses none.
    """

    table: str
    frame: nw.LazyFrame[Any]
    keys: tuple[str, ...]


def screened(
    cells: Mapping[str, nw.LazyFrame[Any]],
    given: Mapping[str, tuple[Screen, ...]],
    casts: Mapping[tuple[str, str], Any],
    fields: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, tuple[Screen, ...]]:
    """Each table's screens (polars, DuckDB): its checked cells by its keys, or ``given``.

    The ``given`` screens' keys are cast as their table's (``cells`` are cast already).
    A key column the table did not come with (``fields``, the columns it came with) is
    null on every row and tells no two rows apart: it is not hashed (an attendance's
    study days and cost, when not given: 0.06 s of 0.29 s over 5 million rows).
    """
    found = {
        name: tuple(
            attrs.evolve(s, frame=cast_keys({s.table: s.frame}, casts)[s.table]) for s in screens
        )
        for name, screens in given.items()
    }
    for name, frame in cells.items():
        if name not in found and screenable(frame):
            found[name] = (Screen(name, frame, KEYS[name]),)
    came = fields or {}
    return {
        name: tuple(
            attrs.evolve(s, keys=tuple(k for k in s.keys if k in came.get(s.table, (k,))))
            for s in screens
        )
        for name, screens in found.items()
    }


def screenable(frame: nw.LazyFrame[Any]) -> bool:
    """Whether ``frame``'s engine hashes rows for a screen: polars and DuckDB."""
    return bool(frame.implementation.is_polars() or frame.implementation.is_duckdb())


def clean(screens: tuple[Screen, ...]) -> int | None:
    """The rows of the first screen when every screen shows no refused row, else ``None``."""
    rows = []
    for screen in screens:
        n, bad, hashes = _counts(screen)
        if bad or hashes != n:
            return None
        rows.append(n)
    return rows[0] if rows else None


def _counts(screen: Screen) -> tuple[int, int, int]:
    """A screen's rows, rows with a cell unread, and distinct hashes of its keys."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    native: Any = nw.to_native(screen.frame)
    keys = [k for k in screen.keys if k in screen.frame.collect_schema()]
    if screen.frame.implementation.is_duckdb():
        # DuckDB's hash takes the key columns as they are, nulls and -0.0 as polars does.
        quoted = ", ".join('"' + k.replace('"', '""') + '"' for k in keys)
        found = native.aggregate(
            f'count(*), sum(CAST("{BAD}" AS BIGINT)), count(DISTINCT hash({quoted}))'
        ).fetchall()[0]
    else:
        import polars as pl  # noqa: PLC0415  -- the screen's own engine

        found = (
            native.select(
                pl.len().alias(_N),
                pl.col(BAD).sum().alias(_BAD),
                pl.struct(keys).hash().n_unique().alias(_HASHES),
            )
            .collect()
            .row(0)
        )
    n, bad, hashes = (int(v or 0) for v in found)
    return n, bad, hashes
