"""Rows of results as a pandas or polars frame, with numeric columns that stay exact.

A ``Decimal`` column is a decimal column — polars ``Decimal``, pandas Arrow
``decimal128`` (``pd.ArrowDtype``) — so that ``df.plot()``, ``sum`` and ``mean`` see
numbers and each value reads back as the ``Decimal`` it was; a count is an integer column,
a date a date column (polars ``Date``, pandas Arrow ``date32``) whose values read back as
``datetime.date``. A column's scale is that of its most precise value, within the 38
digits of ``decimal128``: a value with more digits than fit is rounded (half even) to the
38th — far below any figure a report shows. pandas and polars are optional extras
(pandas' Arrow types need pyarrow, which ``dtbd[pandas]`` installs), imported when asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import TYPE_CHECKING, Any, Literal

from dtbd._extras import require

if TYPE_CHECKING:
    from dtbd.figures._figure import Figure

__all__ = ["DIGITS", "Backend", "Column", "Kind", "build_frame", "decimal_type", "figure_end"]

Backend = Literal["pandas", "polars"]
Kind = Literal["text", "decimal", "int", "date", "bool"]
Column = tuple[str, Kind, Callable[[Any], object]]

DIGITS = 38
"""The precision of a decimal column: Arrow's ``decimal128`` and polars' ``Decimal`` hold 38."""


def figure_end(end: str) -> Callable[[Figure | None], Decimal | None]:
    """A getter of a figure's ``"low"`` or ``"high"`` end (``None`` for no figure)."""
    return lambda f: None if f is None else getattr(f, end)


def _plain(value: object) -> object:
    # pendulum dates subclass date; frames want the plain type.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return value


def decimal_type(values: Iterable[Decimal | None]) -> tuple[int, int]:
    """The (precision, scale) of a decimal column for ``values``: 38 digits, the finest scale.

    The scale is the most decimal places any value has, less what the largest value's
    whole digits need of the 38.

    >>> decimal_type([Decimal("598.91"), Decimal("1200"), None])
    (38, 2)
    >>> decimal_type([Decimal("87412345678"), Decimal("0.1234567890123456789012345678901")])
    (38, 27)
    """
    places = whole = 0
    for value in values:
        if value is None:
            continue
        _sign, digits, exponent = value.as_tuple()
        if not isinstance(exponent, int):  # NaN and infinity: no result holds them
            continue
        places = max(places, -exponent)
        whole = max(whole, len(digits) + exponent)
    return DIGITS, max(0, min(places, DIGITS - whole))


def _fit(values: list[object], scale: int) -> list[object]:
    """Each decimal at ``scale`` places (exactly, unless it has more than the column holds)."""
    step = Decimal(1).scaleb(-scale)
    # A context of the column's own precision, whatever the caller's (28 digits by default).
    context = Context(prec=DIGITS, rounding=ROUND_HALF_EVEN)
    return [v.quantize(step, context=context) if isinstance(v, Decimal) else v for v in values]


def build_frame(columns: Sequence[Column], items: Iterable[object], backend: Backend) -> Any:  # noqa: ANN401  -- a pandas or polars frame
    """A frame with a column per ``columns`` entry and a row per item, numbers exact."""
    data = {name: [] for name, _kind, _get in columns}  # type: dict[str, list[object]]
    for item in items:
        for name, _kind, get in columns:
            data[name].append(_plain(get(item)))
    scales = {
        name: decimal_type(v for v in data[name] if isinstance(v, Decimal))[1]
        for name, kind, _get in columns
        if kind == "decimal"
    }
    for name, scale in scales.items():
        data[name] = _fit(data[name], scale)
    if backend == "pandas":
        return _pandas(columns, data, scales)
    if backend == "polars":
        polars = require("polars", "polars", "to_frame(backend='polars')")
        types = {
            "text": polars.String, "int": polars.Int64, "date": polars.Date,
            "bool": polars.Boolean,
        }  # fmt: skip
        schema = {
            name: polars.Decimal(DIGITS, scales[name]) if kind == "decimal" else types[kind]
            for name, kind, _get in columns
        }
        return polars.DataFrame(data, schema=schema)
    raise ValueError(f"unknown backend {backend!r}; pass backend='pandas' or backend='polars'")


def _pandas(
    columns: Sequence[Column], data: dict[str, list[object]], scales: dict[str, int]
) -> Any:  # noqa: ANN401  -- a pandas frame
    pandas = require("pandas", "pandas", "to_frame(backend='pandas')")
    arrow = require("pyarrow", "pandas", "to_frame(backend='pandas')")

    def series(name: str, kind: Kind) -> Any:  # noqa: ANN401  -- a pandas Series
        if kind == "decimal":
            kind_of = arrow.decimal128(DIGITS, scales[name])
        elif kind == "date":
            kind_of = arrow.date32()
        else:
            dtype = {"int": "Int64", "bool": "boolean", "text": None}[kind]
            return pandas.Series(data[name], dtype=dtype)
        return pandas.Series(
            arrow.array(data[name], type=kind_of), dtype=pandas.ArrowDtype(kind_of)
        )

    return pandas.DataFrame({name: series(name, kind) for name, kind, _get in columns})
