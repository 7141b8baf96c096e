"""The ids that join two record frames, made to join as they are given.

Ids are kept in the dtype the user gave them (``records._frame_kinds``): integers of any
width, text, categoricals. The columns that join — an attendance's ``person`` with the
persons' ``id``, an attendance's and a spending row's ``course`` with the courses' ``id`` —
must then be of one kind. Two integer widths are widened to one (pandas and Dask join
them as they are), a categorical meets text as the engine joins it, and an empty column
takes the other side's dtype; integers
against text are refused, naming both columns: ``7`` and ``"07"`` would silently not
match, and which one the user meant is theirs to say.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["LINKS", "cast_keys", "key_casts"]

LINKS: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (("attendances", "person"), ("persons", "id")),
    (("attendances", "course"), ("courses", "id")),
    (("spending", "course"), ("courses", "id")),
)
"""Each column holding another table's id, with that table's id column."""


def _family(dtype: Any) -> str:  # noqa: ANN401  -- a narwhals dtype
    return "number" if dtype.is_numeric() else "text"


def _shown(table: str, column: str, headers: Mapping[str, Mapping[str, str]]) -> str:
    header = headers.get(table, {}).get(column)
    return f"{table} column {header!r} ({column})" if header else f"{table} column {column!r}"


def cast_keys(
    frames: Mapping[str, nw.LazyFrame[Any]], casts: Mapping[tuple[str, str], Any]
) -> dict[str, nw.LazyFrame[Any]]:
    """``frames`` with each (table, column) of ``casts`` cast to its dtype."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    cast = dict(frames)
    for (table, column), dtype in casts.items():
        if table in cast:
            cast[table] = cast[table].with_columns(nw.col(column).cast(dtype))
    return cast


def key_casts(
    checked: Mapping[str, nw.LazyFrame[Any]],
    given: Mapping[str, Mapping[str, Any]],
    headers: Mapping[str, Mapping[str, str]],
    error: type[Exception],
) -> dict[tuple[str, str], Any]:
    """The dtype each id column that joins is cast to, where the dtypes of a link differ.

    ``given`` holds the dtype each user's column came in (renamed) and ``headers`` the
    user's name of each renamed column, for the message. Same-dtype ids (the usual case)
    are left untouched: no cast.

    Raises:
        error: a link's two columns both hold ids, one of integers, one of text (the
            caller's ``FrameColumnError``).
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    casts: dict[tuple[str, str], Any] = {}
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for foreign, primary in LINKS:
        if foreign[0] in checked and primary[0] in checked:
            groups.setdefault(primary, [primary]).append(foreign)
    for columns in groups.values():
        dtypes = {c: checked[c[0]].collect_schema()[c[1]] for c in columns}
        if len(set(map(str, dtypes.values()))) == 1:
            continue
        # A column of no id at all (an empty column a reader typed as it guessed) takes
        # the dtype of the others; a scan of that one column, on this path only.
        full = [c for c in columns if checked[c[0]].select(nw.col(c[1]).count()).collect().item()]
        kinds = {_family(dtypes[c]) for c in full}
        if len(kinds) > 1:
            number = next(c for c in full if _family(dtypes[c]) == "number")
            text = next(c for c in full if _family(dtypes[c]) == "text")
            raise error(_mismatch(number, text, given, headers))
        first = checked[columns[0][0]]
        target = _target([dtypes[c] for c in full], first) if full else None
        for table, column in columns:
            if target is None or not _needs_cast(dtypes[table, column], target, first):
                continue
            numpy = first.implementation.is_pandas_like() or first.implementation.is_dask()
            if numpy and ((table, column) not in full or target.is_numeric()):
                # pandas and Dask join integers of two widths (and floats) as they are, and
                # numpy holds no null integer: a cast would fail on a gap.
                continue
            casts[table, column] = target
    return casts


def _needs_cast(dtype: Any, target: Any, frame: nw.LazyFrame[Any]) -> bool:  # noqa: ANN401
    """Whether a column of ``dtype`` is cast to ``target`` to join."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    # PyArrow joins text only of one width: a categorical's values may be large_string,
    # the other side string. Both narwhals call String, so both are cast.
    return bool(dtype != target) or (target == nw.String and frame.implementation.is_pyarrow())


def _target(dtypes: list[Any], frame: nw.LazyFrame[Any]) -> Any:  # noqa: ANN401  -- a dtype
    """The one dtype ids of ``dtypes`` (all integers or all text) are joined in."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if len({str(d) for d in dtypes}) == 1:
        return dtypes[0]
    if dtypes[0].is_numeric():
        # pandas' exact floats of whole ids (a column with gaps) meet integers as floats.
        return nw.Float64() if any(d.is_float() for d in dtypes) else nw.Int64()
    if frame.implementation.is_polars() and {str(d) for d in dtypes} == {"Categorical", "String"}:
        # polars joins a categorical only with a categorical: the text side becomes one.
        return nw.Categorical()
    return nw.String()


def _mismatch(
    number: tuple[str, str],
    text: tuple[str, str],
    given: Mapping[str, Mapping[str, Any]],
    headers: Mapping[str, Mapping[str, str]],
) -> str:
    return (
        f"{_shown(*number, headers)} holds ids of type {given[number[0]][number[1]]} but "
        f"{_shown(*text, headers)} holds ids of type {given[text[0]][text[1]]}; ids that join "
        "must be of one kind (integers as 7 and text as '07' would not match). Give both "
        "columns the same type: cast the text to integers (polars: pl.col(...).cast(pl.Int64), "
        "pandas: .astype('int64')) when every id is digits, else the integers to text "
        "(pl.col(...).cast(pl.String), .astype(str))"
    )
