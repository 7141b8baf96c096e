"""Screens: frames that show in one pass that a table refuses no row.

A table is screened on polars (:class:`Screen`): when no cell is unread and the
hashes of its keys are all distinct, no row repeats another and none is refused, found in
one pass without the group-by (0.5 s, not 1.5 s, on ``benchmarks/``' 5 million
attendances). Two rows of equal hashes, or one bad cell, and the rows are counted exactly:
a hash collision costs the exact count, never a wrong one.
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

__all__ = ["Screen", "clean", "screened"]

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
) -> dict[str, tuple[Screen, ...]]:
    """Each polars table's screens: its checked cells by its keys, or those ``given``.

    The ``given`` screens' keys are cast as their table's (``cells`` are cast already).
    """
    found = {
        name: tuple(
            attrs.evolve(s, frame=cast_keys({s.table: s.frame}, casts)[s.table]) for s in screens
        )
        for name, screens in given.items()
    }
    for name, frame in cells.items():
        if name not in found and frame.implementation.is_polars():
            found[name] = (Screen(name, frame, KEYS[name]),)
    return found


def clean(screens: tuple[Screen, ...]) -> int | None:
    """The rows of the first screen when every screen shows no refused row, else ``None``."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame
    import polars as pl  # noqa: PLC0415  -- screens are made of polars frames only

    rows = []
    for screen in screens:
        frame = nw.to_native(screen.frame)
        keys = [k for k in screen.keys if k in frame.collect_schema()]
        found = frame.select(
            pl.len().alias(_N),
            pl.col(BAD).sum().alias(_BAD),
            pl.struct(keys).hash().n_unique().alias(_HASHES),
        ).collect()
        n, bad, hashes = found.row(0)
        if bad or hashes != n:
            return None
        rows.append(int(n))
    return rows[0] if rows else None
