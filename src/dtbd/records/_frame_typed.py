"""A record column as the engine reads it, and the conditions that refuse its cells."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dtbd.records._frame_cells import ENUMS, object_flag, zone_flag
from dtbd.records._frame_checks import cell_checks, long_text
from dtbd.records._frame_columns import COLUMNS, DEFAULTS, REQUIRED
from dtbd.records._frame_kinds import as_is, convert

__all__ = ["set_aside", "typed_column"]


def set_aside(name: str, schema: Mapping[str, Any]) -> list[tuple[Any, str]]:
    """The conditions of a date column's cells set aside before typing, first of all.

    ``object_dates`` marks the object cells that are no date, ``zoned_dates`` the
    datetimes with a time zone; a zone is named before anything else of the cell.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    flags = ((zone_flag(name), "time_zone"), (object_flag(name), "date"))
    return [(nw.col(flag), code) for flag, code in flags if flag in schema]


def typed_column(  # noqa: PLR0913  -- the column, its dtype and what it is read beside
    table: str,
    name: str,
    dtype: Any,  # noqa: ANN401  -- a narwhals dtype
    typed: Mapping[str, Any],
    *,
    pandas_like: bool,
    pyarrow: bool,
    stages: list[dict[str, Any]],
) -> tuple[Any, list[tuple[Any, str]], bool]:
    """A column as the engine reads it, the conditions refusing a row, whether converted.

    A column not of its kind's dtype is converted (``records._frame_kinds``).
    """
    kind = COLUMNS[table][name]
    conditions: list[tuple[Any, str]] = []
    col = as_is(kind, name, dtype, empty_is_null=pyarrow)
    converted = col is None
    if converted:
        col = convert(
            kind, name, dtype, pandas_like=pandas_like, conditions=conditions, stages=stages
        )
    col = cell_checks(name, kind, dtype, col, conditions=conditions)
    fixed = _fixed_categories(dtype)
    values = [str(member.value) for member in ENUMS.get((table, name), ())]
    # An enum column holds only its dtype's categories: when each is a value the field
    # takes, no cell can be refused for its text, and the cells need not be read to say
    # so (0.15 s over 5 million attendances' outcomes).
    fits = fixed is not None and bool(values) and set(fixed) <= set(values)
    if not fits and (long := long_text(name, dtype)):  # first: the dict reader reads no further
        conditions.insert(0, long)  # counted from the text as given, or kept raw if converted
    # A datetime's own text names its time of day in the message.
    converted = converted or any(code == "time_of_day" for _, code in conditions)
    if (table, name) in ENUMS and not fits:
        conditions.append((~col.is_null() & ~col.is_in(values), "category"))
    if (table, name) in DEFAULTS:
        col = col.fill_null(DEFAULTS[(table, name)])
    if name in REQUIRED[table]:
        conditions.append((col.is_null(), "missing"))
    if kind in ("whole", "number", "money"):
        conditions.append((col < 0, "negative"))
    if (table, name) == ("courses", "study_days"):
        conditions.append((col < 1, "no_days"))
    if (table, name) == ("courses", "end"):
        conditions.append((col < typed["start"], "before_start"))
    return col, conditions, converted


def _fixed_categories(dtype: Any) -> tuple[str, ...] | None:  # noqa: ANN401  -- a narwhals dtype
    """The categories of an enum dtype (polars' ``Enum``, DuckDB's ``ENUM``), else ``None``."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    categories = getattr(dtype, "categories", None) if dtype == nw.Enum else None
    return None if categories is None else tuple(str(c) for c in categories)
