"""Rows of results as a pandas or polars frame, numbers kept exact.

A ``Decimal`` stays a ``Decimal`` (pandas ``object``, polars ``Decimal``) and a date a
plain ``datetime.date``; pandas and polars are optional extras, imported when asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from dtbd._extras import require

if TYPE_CHECKING:
    from dtbd.figures._figure import Figure

__all__ = ["Backend", "Column", "Kind", "build_frame", "figure_end"]

Backend = Literal["pandas", "polars"]
Kind = Literal["text", "decimal", "int", "date", "bool"]
Column = tuple[str, Kind, Callable[[Any], object]]


def figure_end(end: str) -> Callable[[Figure | None], Decimal | None]:
    """A getter of a figure's ``"low"`` or ``"high"`` end (``None`` for no figure)."""
    return lambda f: None if f is None else getattr(f, end)


def _plain(value: object) -> object:
    # pendulum dates subclass date; frames want the plain type.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return value


def _scale(values: Iterable[object]) -> int:
    """Decimal places of the most precise value: polars' Decimal needs one scale."""
    scale = 0
    for value in values:
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int):
                scale = max(scale, -exponent)
    return scale


def build_frame(columns: Sequence[Column], items: Iterable[object], backend: Backend) -> Any:  # noqa: ANN401  -- a pandas or polars frame
    """A frame with a column per ``columns`` entry and a row per item, numbers exact."""
    data = {name: [] for name, _kind, _get in columns}  # type: dict[str, list[object]]
    for item in items:
        for name, _kind, get in columns:
            data[name].append(_plain(get(item)))
    if backend == "pandas":
        pandas = require("pandas", "pandas", "to_frame(backend='pandas')")
        # Decimals and dates stay Python objects (object dtype): exact, as the model has them.
        dtypes = {"decimal": object, "date": object, "int": "Int64", "bool": bool, "text": None}
        return pandas.DataFrame(
            {name: pandas.Series(data[name], dtype=dtypes[kind]) for name, kind, _g in columns}
        )
    if backend == "polars":
        polars = require("polars", "polars", "to_frame(backend='polars')")
        types = {
            "text": polars.String, "int": polars.Int64, "date": polars.Date,
            "bool": polars.Boolean,
        }  # fmt: skip
        schema = {
            name: polars.Decimal(38, _scale(data[name])) if kind == "decimal" else types[kind]
            for name, kind, _get in columns
        }
        return polars.DataFrame(data, schema=schema)
    raise ValueError(f"unknown backend {backend!r}; pass backend='pandas' or backend='polars'")
