"""Screens: frames that show in one pass that a table refuses no row.

A table is screened on polars and DuckDB (:class:`Screen`): when no cell is unread and the
hashes of its keys are all distinct, no row repeats another and none is refused, found in
one pass without the group-by over the keys (counting the rows of ``benchmarks/``' first
data set at 0.25, 5 million attendances: 1.9 s to 1.3 s). Two rows of equal hashes, or
one bad cell, and the rows are counted exactly: a hash collision costs the exact count,
never a wrong one.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from functools import reduce
from typing import TYPE_CHECKING, Any

import attrs

from dtbd.records._frame_cells import BAD
from dtbd.records._frame_checks import KEYS
from dtbd.records._frame_keys import cast_keys

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["Screen", "Screened", "screen_all", "screenable", "screened"]

_N = "_dtbd_n_"
_BAD = "_dtbd_bad_n_"
_HASHES = "_dtbd_hashes_"


@attrs.frozen
class Screen:
    """A frame that shows at a glance that a table refuses no row.

    ``frame`` holds the ``_unread`` column of its cells and the ``keys`` typed (cast as
    ``table``'s are): with no cell unread and no keys given twice, it refuses none.
    A ``kept`` screen's frame is computed once and kept on polars (:class:`Screened`): the
    courses carried on attendance rows, whose distinct rows are the courses table when
    clean.
    """

    table: str
    frame: nw.LazyFrame[Any]
    keys: tuple[str, ...]
    kept: bool = False


@attrs.frozen
class Screened:
    """What the screens of the tables found: each table's rows when clean, the frames kept.

    ``rows`` names each screened table whose screens (those given with it) all show no
    refused row; ``kept`` holds each kept screen's frame, computed (polars).
    """

    rows: Mapping[str, int]
    kept: Mapping[str, nw.LazyFrame[Any]]


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
    # The courses carried on attendance rows are screened with them, not again alone.
    covered = {s.table for screens in given.values() for s in screens}
    for name, frame in cells.items():
        if name not in found and name not in covered and screenable(frame):
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


def screen_all(screens: Mapping[str, tuple[Screen, ...]]) -> Screened:
    """Every table's screens counted together (one ``collect_all`` on polars).

    A table given with several screens (the attendances and the courses they carry) is
    clean when all of them are; its rows are its first screen's, the others' rows are
    their own tables'.
    """
    flat = [s for given in screens.values() for s in given]
    counted, kept = _counts(flat)
    rows: dict[str, int] = {}
    start = 0
    for given in screens.values():
        found = counted[start : start + len(given)]
        start += len(given)
        if given and all(not bad and hashes == n for n, bad, hashes in found):
            rows |= {s.table: n for s, (n, _, _) in zip(given, found, strict=True)}
    return Screened(rows, kept)


def _counts(screens: list[Screen]) -> tuple[list[tuple[int, int, int]], dict[str, Any]]:
    """Each screen's rows, rows with a cell unread and distinct hashes of its keys; the kept.

    On polars every screen is one query of a ``collect_all``, a kept screen's frame among
    them. The keys' hash is each key column's hash (seeded by its place) combined by xor:
    4 keys of 5 million rows in 0.19 s, where the hash of their struct took 0.35 s.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    found: dict[int, tuple[int, int, int]] = {}
    kept: dict[str, Any] = {}
    polars_screens = [(i, s) for i, s in enumerate(screens) if s.frame.implementation.is_polars()]
    if polars_screens:
        import polars as pl  # noqa: PLC0415  -- the screens' own engine

        queries = [
            nw.to_native(s.frame) if s.kept else _polars_counts(nw.to_native(s.frame), _keys(s))
            for _, s in polars_screens
        ]
        for (i, screen), result in zip(polars_screens, pl.collect_all(queries), strict=True):
            if screen.kept:
                kept[screen.table] = nw.from_native(result.lazy())
                result = _polars_counts(result.lazy(), _keys(screen)).collect()  # noqa: PLW2901
            found[i] = _ints(result.row(0))
    for i, screen in enumerate(screens):
        if i in found:
            continue
        # A DuckDB screen keeps nothing: the courses' query over a materialised relation
        # took 5.3 s where over the relation it was 0.8 s (second benchmark at 0.25).
        relation: Any = nw.to_native(screen.frame)
        # DuckDB's hash takes the key columns as they are, nulls and -0.0 as polars does.
        quoted = ", ".join('"' + k.replace('"', '""') + '"' for k in _keys(screen))
        found[i] = _ints(
            relation.aggregate(
                f'count(*), sum(CAST("{BAD}" AS BIGINT)), count(DISTINCT hash({quoted}))'
            ).fetchall()[0]
        )
    return [found[i] for i in range(len(screens))], kept


def _keys(screen: Screen) -> list[str]:
    return [k for k in screen.keys if k in screen.frame.collect_schema()]


def _polars_counts(frame: Any, keys: list[str]) -> Any:  # noqa: ANN401  -- polars frames
    import polars as pl  # noqa: PLC0415  -- the screen's own engine

    hashes = [pl.col(k).hash(seed=i) for i, k in enumerate(keys)]
    combined = reduce(operator.xor, hashes) if hashes else pl.lit(0)
    return frame.select(
        pl.len().alias(_N), pl.col(BAD).sum().alias(_BAD), combined.n_unique().alias(_HASHES)
    )


def _ints(row: tuple[Any, ...]) -> tuple[int, int, int]:
    n, bad, hashes = (int(v or 0) for v in row)
    return n, bad, hashes
