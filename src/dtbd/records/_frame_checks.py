"""What the dict reader refuses, refused in record frames too, by lazy expressions.

The frame reader (``records._frames``) types each column; this module adds the checks
of the values themselves that ``records._values`` makes cell by cell: ids with
characters that do not show or below zero, a blank id, a datetime with a time of day,
dates and study days beyond ``_limits``, amounts of too many digits, floats of too many
decimals or no finite value, and rows that repeat an earlier one. Each is a condition
with a reason (``records._frame_cells``), so a row that fails is counted as malformed
and named by row and field, in the dict reader's words. NaN in a float column is a gap,
as in the dict reader. Repeated rows are found with a window over the id (one pass).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from dtbd._limits import (
    FIRST_DATE,
    LAST_DATE,
    MAX_FRACTION_DIGITS,
    MAX_INTEGER_DIGITS,
    MAX_STUDY_DAYS,
    MAX_TEXT_CHARS,
    date_problem,
    number_problem,
    shown,
)
from dtbd.records._values import TIME_ZONE, too_long, unseen_name, unseen_ranges

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = [
    "FIRST",
    "KEYS",
    "MESSAGES",
    "cell_checks",
    "long_text",
    "nan_as_gap",
    "repeat_problem",
    "repeats",
]

_SURROGATES = (0xD800, 0xDFFF)
"""Left out of the id check's class: no Arrow string holds one, and Rust's regex (polars)
and RE2 (DuckDB) take no pattern that names them."""


def _char(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else chr(code)


@functools.cache
def hidden_class() -> str:
    r"""The regex class of the code points an id may not hold, built once per process.

    The categories ``_values._unseen`` refuses (control, format, separators, private
    use, unassigned, spaces but the space) for the running Python's Unicode version,
    read from the table ``scripts/unicode_hidden.py`` writes (a few hundred ranges);
    a version the table lacks is scanned from ``unicodedata`` instead (about 0.3 s,
    once), and ``tests/test_unicode_hidden.py`` fails until the table has it. ``\xHH``
    below U+0100 and the characters themselves above: the one spelling Python's re
    (pandas), Rust's regex (polars), RE2 (DuckDB) and Java's (Spark) share.
    """
    import unicodedata  # noqa: PLC0415  -- with the first frame

    from dtbd.records._unicode_hidden import HIDDEN  # noqa: PLC0415  -- with the first frame

    ranges = HIDDEN.get(unicodedata.unidata_version) or unseen_ranges()
    low, high = _SURROGATES
    parts = []
    for first, last in ranges:
        # A range over the surrogates keeps its parts on either side.
        for a, b in ((first, min(last, low - 1)), (max(first, high + 1), last)):
            if a <= b:
                parts.append(f"{_char(a)}-{_char(b)}" if a < b else _char(a))
    return "[" + "".join(parts) + "]"


_BLANK = r"^[ \t\r\n]*$"
"""Only ASCII white space is blank, as in the dict reader: a lone NBSP is a hidden id."""

_FIRST = dt.datetime(FIRST_DATE.year, FIRST_DATE.month, FIRST_DATE.day)  # noqa: DTZ001  -- a day
_AFTER_LAST = dt.datetime(LAST_DATE.year, LAST_DATE.month, LAST_DATE.day) + dt.timedelta(1)  # noqa: DTZ001
_LARGEST = 10**MAX_INTEGER_DIGITS

FIRST = "_dtbd_first_"
"""The column of a repeated row: the row it repeats (1-based, 0 in a lazy frame)."""
_GOOD = "_dtbd_good_"
_ORDER = "_dtbd_order_"

KEYS = {
    "persons": ("id",),
    "courses": ("id",),
    "spending": ("id",),
    "attendances": ("person", "course", "outcome", "study_days", "cost"),
}
"""The columns whose values make two rows the same: the id, or every attendance field."""


def nan_as_gap(frame: nw.LazyFrame[Any], columns: Mapping[str, str]) -> nw.LazyFrame[Any]:
    """``frame`` with NaN in its float ``columns`` as null: a gap, as the dict reader says.

    pandas reads NaN as a gap already; polars and DuckDB keep it as a number, which every
    comparison after this would have to step round.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if frame.implementation.is_pandas_like() or frame.implementation.is_dask():
        return frame
    schema = frame.collect_schema()
    floats = [c for c in columns if c in schema and schema[c].is_float()]
    if not floats:
        return frame
    return frame.with_columns(
        nw.when(~nw.col(c).is_nan()).then(nw.col(c)).alias(c) for c in floats
    )


def cell_checks(
    name: str,
    kind: str,
    dtype: Any,  # noqa: ANN401  -- a narwhals dtype
    col: Any,  # noqa: ANN401  -- a narwhals expression
    *,
    conditions: list[tuple[Any, str]],
) -> Any:  # noqa: ANN401  -- a narwhals expression
    """Column ``col`` with a blank id as a gap; the conditions of the dict reader's limits.

    A finite-number check goes first, so that ``inf`` is named as such, not as inexact.
    """
    if kind == "key":
        return _key_checks(dtype, col, conditions)
    if kind == "date":
        _date_checks(name, dtype, col, conditions)
    elif kind in ("whole", "number", "money"):
        _number_checks(name, kind, dtype, col, conditions)
    return col


def long_text(name: str, dtype: Any) -> tuple[Any, str] | None:  # noqa: ANN401  -- a narwhals dtype
    """The condition of a text cell over ``MAX_TEXT_CHARS``, as the dict reader's, or ``None``.

    Any column of text, whatever its kind (an id, a date or an amount as text too), as
    the dict reader measures every text cell before reading it; a blank cell is a gap.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if dtype not in (nw.String, nw.Categorical, nw.Enum, nw.Object):
        return None
    text = nw.col(name).cast(nw.String())
    return (text.str.len_chars() > MAX_TEXT_CHARS) & ~text.str.contains(_BLANK), "long_text"


def _key_checks(dtype: Any, col: Any, conditions: list[tuple[Any, str]]) -> Any:  # noqa: ANN401
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if dtype.is_numeric():
        conditions.append((col < 0, "negative_id"))
        return col
    text = col.cast(nw.String())
    conditions.append((text.str.contains(hidden_class()), "hidden_id"))
    return nw.when(~text.str.contains(_BLANK)).then(col)


def _date_checks(name: str, dtype: Any, col: Any, conditions: list[tuple[Any, str]]) -> None:  # noqa: ANN401
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    raw = nw.col(name)
    if dtype == nw.Datetime:
        # NaT differs from itself in pandas: a gap is no time of day.
        day = raw.dt.truncate("1d")
        conditions.append((~raw.is_null() & (raw != day), "time_of_day"))
    if dtype in (nw.Date, nw.Datetime):
        conditions.append(((col < _FIRST) | (col >= _AFTER_LAST), "date_range"))


def _number_checks(
    name: str,
    kind: str,
    dtype: Any,  # noqa: ANN401
    col: Any,  # noqa: ANN401
    conditions: list[tuple[Any, str]],
) -> None:
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    raw = nw.col(name)
    # A gap compares as NaN in pandas (``!=`` holds): every check asks for a value first.
    given = ~col.is_null()
    if dtype.is_float():
        conditions.insert(0, (~raw.is_null() & (raw.abs() == float("inf")), "not_finite"))
        if kind == "number":  # whole numbers and money say "must be a whole number"
            conditions.append((given & (col.round(MAX_FRACTION_DIGITS) != col), "decimals"))
    if dtype.is_numeric():
        # A float limit for a float column: PyArrow compares a float with no large integer.
        largest = float(_LARGEST) if dtype.is_float() else _LARGEST
        conditions.append((given & (col.abs() >= largest), "digits"))
    if name == "study_days":
        conditions.append((given & (col > MAX_STUDY_DAYS), "too_many_days"))


def _number_text(value: object) -> str:
    """A number's limit problem, as ``_values.read_number`` words it."""
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        return f"{shown(value)} is not a number; write digits only, e.g. 11000000000"
    written = str(value)
    quoted = repr(written if len(written) <= 40 else f"{written[:20]}…")
    return f"{quoted} {number_problem(number)}; see the limits: `dtbd help records`"


def _day(value: object) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)


def _iso_time(given: object) -> str:
    """An engine's text of a datetime as ``datetime.isoformat`` writes it (the dict reader's)."""
    text = str(given).strip().replace(" ", "T", 1)
    return re.sub(r"\.0*$", "", text)


def _outside(value: object) -> str:
    day = value.date() if isinstance(value, dt.datetime) else value
    problem = date_problem(day) if isinstance(day, dt.date) else None
    return f"{problem or shown(value)}; see the limits: `dtbd help records`"


MESSAGES: Mapping[str, Callable[[object, object], str]] = {
    "negative_id": lambda value, _given: (
        f"'id' must be an id of letters, digits, '.', '_', '-' or '/' starting with a "
        f"letter or digit (got {shown(str(value))}), e.g. 'dao-tao-cap-xa'"
    ),
    "hidden_id": lambda value, _given: (
        "the id "
        + shown(value)
        + " holds characters that do not show ("
        + ", ".join(_hidden_names(str(value)))
        + "); retype it with letters, digits, '.', '_', '-' or '/'"
    ),
    "time_of_day": lambda value, given: (
        f"{_iso_time(given)} has a time of day; records take days: give the date only "
        f"({_day(value)})"
    ),
    "time_zone": lambda _value, _given: TIME_ZONE,
    "long_text": lambda value, given: too_long(given if isinstance(given, str) else str(value)),
    "date_range": lambda value, _given: _outside(value),
    "not_finite": lambda value, given: (
        f"{given if isinstance(given, str) else repr(value)} is not a finite number; "
        "write it as text ('2.5') or a whole number"
    ),
    "decimals": lambda value, _given: _number_text(value),
    "digits": lambda value, _given: _number_text(value),
    "too_many_days": lambda value, _given: (
        f"{value!r} study days is more than {MAX_STUDY_DAYS} (ten years); "
        "see the limits: `dtbd help records`"
    ),
}
"""The message of each reason above, from the cell's value and its text as given."""


def _hidden_names(text: str) -> list[str]:
    from dtbd.records._values import _unseen  # noqa: PLC0415  -- the dict reader's test

    hidden = dict.fromkeys(c for c in text if _unseen(c))
    return [unseen_name(c) for c in hidden]


def repeats(
    frame: nw.LazyFrame[Any], table: str, bad: str, *, numbered: bool
) -> nw.LazyFrame[Any]:
    """``frame`` with a row that repeats an earlier readable one marked ``bad``.

    ``FIRST`` holds the row it repeats. In a frame that came eager (numbered rows) the
    first row of an id is read and the later ones refused, as in the dict reader; a lazy
    frame has no first row, so every row of a repeated id is refused (which one is right
    is the user's to say), but of attendance rows that agree in every field one is read,
    as they are one attendance.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    keys = [k for k in KEYS[table] if k in frame.collect_schema()]
    good = ~nw.col(bad)
    if frame.implementation.is_dask():
        return _dask_repeats(frame, keys, bad, attendances=table == "attendances")
    if not numbered and table != "attendances":
        # No first row: every readable row of a repeated id.
        frame = frame.with_columns(nw.when(good).then(nw.lit(1)).alias(_GOOD))
        many = nw.col(_GOOD).sum().over(*keys) > 1
        frame = frame.with_columns(nw.when(good & many).then(nw.lit(0)).alias(FIRST))
        return frame.with_columns((nw.col(bad) | ~nw.col(FIRST).is_null()).alias(bad))
    if numbered:
        order = nw.col("row_number")
    else:  # identical rows are one attendance: the first of them in some order is read
        frame = frame.with_row_index(_ORDER, order_by=keys)
        order = nw.col(_ORDER)
    frame = frame.with_columns(nw.when(good).then(order).alias(_GOOD))
    first = nw.col(_GOOD).min().over(*keys)
    shown_first = first + 1 if numbered else nw.lit(0)
    frame = frame.with_columns(nw.when(good & (order != first)).then(shown_first).alias(FIRST))
    return frame.with_columns((nw.col(bad) | ~nw.col(FIRST).is_null()).alias(bad))


def _dask_repeats(
    frame: nw.LazyFrame[Any], keys: list[str], bad: str, *, attendances: bool
) -> nw.LazyFrame[Any]:
    """:func:`repeats` on Dask: counted by a group-by, marked back by value.

    A window or a join back on the keys leaves repeated index labels that later steps
    cannot align, so the repeated keys are counted by a group-by, collected (one row per
    repeated key, a small result) and marked with ``is_in``. Of identical attendance
    rows the one first in the frame's order is read.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    # The keys as one text, so that a row is matched against a list (no join).
    key = nw.concat_str(
        [nw.col(k).cast(nw.String()).fill_null("\x1e") for k in keys], separator="\x1f"
    )
    frame = frame.with_columns(key.alias(_GOOD))
    # Numbered in the frame's own order, partition by partition, not sorted: sorting
    # moves rows between partitions, and a frame whose partitions repeat index labels (a
    # concatenation, a join) then cannot take the numbers back ("cannot reindex on an
    # axis with duplicate labels").
    native = frame.to_native()
    native = native.assign(**{_ORDER: 1})
    native = native.assign(**{_ORDER: native[_ORDER].cumsum() - 1})
    frame = nw.from_native(native).lazy()
    counted = (
        frame.filter(~nw.col(bad))
        .group_by(_GOOD)
        .agg(nw.len().alias(FIRST), nw.col(_ORDER).min())
        .filter(nw.col(FIRST) > 1)
        .collect()
    )
    copy = ~nw.col(bad) & nw.col(_GOOD).is_in(counted[_GOOD].to_list())
    if attendances:
        copy = copy & ~nw.col(_ORDER).is_in(counted[_ORDER].to_list())
    frame = frame.with_columns(nw.when(copy).then(nw.lit(0)).alias(FIRST))
    return frame.with_columns((nw.col(bad) | copy).alias(bad))


def repeat_problem(table: str, row: Mapping[str, Any]) -> tuple[str | None, str] | None:
    """The field and message of a repeated row, ``None`` for a row that repeats none."""
    first = row.get(FIRST)
    if first is None or first != first:  # noqa: PLR0124  -- pandas' NaN for a gap
        return None
    if table == "attendances":
        if first:
            return None, (
                f"the same row as row {int(first)}, field for field; it would count "
                "twice: delete the copy"
            )
        return None, (
            "the same row as another, field for field; it would count twice: delete the copy"
        )
    key = shown(_id_text(row.get("id")))
    if first:
        return "id", f"duplicate id {key} (first on row {int(first)}); give each row its own id"
    return "id", f"duplicate id {key} on more than one row; give each row its own id"


def _id_text(value: object) -> str:
    """An id as the user wrote it: pandas' float ``7.0`` of an integer id is '7'."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
