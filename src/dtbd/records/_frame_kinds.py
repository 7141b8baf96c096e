"""Columns of record frames read as their kind, whatever dtype a file reader gave them.

``pd.read_csv``, ``pl.read_csv``/``scan_csv``, ``duckdb.read_csv`` and
``pyarrow.csv.read_csv`` guess each column's dtype from its cells: an empty column comes
as float (pandas), text (polars, DuckDB) or null (PyArrow); whole numbers with gaps come
as float (pandas); dates may stay text. Each column is converted here to the dtype the
engine reads, by narwhals expressions that stay lazy: a cell that does not convert is
null, and a condition with its reason (``records._frame_cells``) refuses its row. A column
that already has its kind's dtype gets nothing added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from dtbd._errors import DtbdError, RecordError, RecordProblem
from dtbd._limits import FIRST_DATE, LAST_DATE, MAX_INTEGER_DIGITS

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = ["TYPES", "convert", "engine_errors", "kind_ok"]

TYPES = {
    "key": "text, an integer of any width or a categorical (an id; whole floats too)",
    "text": "text (string)",
    "enum": "text (string)",
    "date": "a date (or text such as 2025-03-16 or 16/03/2025)",
    "list": "text separated by ';' or a list of text",
    "whole": "a whole number (integer, or a float or text of one)",
    "number": "a number (integer, decimal, float, or text of one)",
    "money": "whole đồng (integer or decimal; a float or text of whole đồng)",
}
"""What each kind of column accepts, as error messages say it."""

# Non-capturing groups: pandas warns on a ``contains`` pattern with groups.
_NUMBER = r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$"
_WHOLE = r"^\s*[+-]?\d+(?:\.0*)?\s*$"
_ISO = r"^\d{4}-\d{1,2}-\d{1,2}$"
_DMY = r"^\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}$"
_WORDS = r"^(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}$"
_EXACT = 2**53
"""Integers beyond this are not all exact in a float: such a float may be a rounded value."""


_ACCEPTED = {
    # Ids are kept as given: integers of any width, text, categoricals; pandas' floats
    # (integers with gaps) are read as whole numbers.
    "key": ("String", "Categorical", "Enum", "Object", "numeric"),
    # pandas keeps text with gaps (None, NaN) in ``object`` columns: read as text. A
    # numeric column is text of digits (ids) or an empty column a reader made float.
    "text": ("String", "Categorical", "Enum", "Object", "numeric"),
    "enum": ("String", "Categorical", "Enum", "Object", "numeric"),
    "list": ("String", "List", "Object", "numeric"),
    "date": ("Date", "Datetime", "String", "numeric"),
    "whole": ("String", "integer", "float"),
    "number": ("String", "numeric"),
    "money": ("String", "integer", "float", "Decimal"),
}


def kind_ok(kind: str, dtype: Any) -> bool:  # noqa: ANN401  -- a narwhals dtype
    """Whether a column of ``dtype`` can be read as ``kind`` (converted if need be)."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if dtype == nw.Unknown:  # PyArrow's null type (an empty column) among others
        return True
    if kind == "list" and dtype == nw.List:
        # A list of numbers or dates is no list of words: its items would match no topic.
        inner = getattr(dtype, "inner", nw.String)
        return inner in (nw.String, nw.Categorical, nw.Enum, nw.Unknown)
    tests = {"numeric": dtype.is_numeric, "integer": dtype.is_integer, "float": dtype.is_float}
    return any(
        tests[name]() if name in tests else dtype == getattr(nw, name) for name in _ACCEPTED[kind]
    )


def as_is(kind: str, name: str, dtype: Any, *, empty_is_null: bool = False) -> Any:  # noqa: ANN401, PLR0911  -- narwhals; one case each
    """Column ``name`` as the engine reads it when ``dtype`` is its kind's own, else ``None``.

    Nothing is added to such a column but the casts the engine always made, and, with
    ``empty_is_null`` (PyArrow, whose CSV reader reads an empty text cell as ``""``), a
    null for an empty text, as the dict reader reads a blank cell.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    raw = nw.col(name)
    if kind == "date" and dtype == nw.Date:
        return raw.cast(nw.Datetime())
    if kind == "date" and dtype == nw.Datetime:
        # A day: a datetime at midnight is one; one with a time of day is refused beside
        # this (``records._frame_checks``), as the dict reader refuses it.
        return raw.dt.truncate("1d")
    if kind == "list" and dtype == nw.List:
        return raw
    if kind == "key":
        return _key_as_is(raw, dtype, empty_is_null=empty_is_null)
    texts = (nw.String, nw.Categorical, nw.Enum, nw.Object)
    if kind in ("text", "enum", "list") and dtype in texts:
        return (
            nw.when(raw != "").then(raw.cast(nw.String()))
            if empty_is_null
            else raw.cast(nw.String())
        )
    if kind not in ("whole", "number", "money") or dtype in (nw.String, nw.Unknown):
        return None
    if kind == "number" or dtype.is_integer() or (kind == "money" and dtype == nw.Decimal):
        return raw
    return None


def _key_as_is(raw: Any, dtype: Any, *, empty_is_null: bool) -> Any:  # noqa: ANN401  -- narwhals
    """An id column kept as it is: integers and categoricals untouched, no cast to text."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if dtype == nw.String:
        return nw.when(raw != "").then(raw) if empty_is_null else raw
    if dtype.is_integer() or dtype in (nw.Categorical, nw.Enum):
        return raw
    return None


def convert(  # noqa: PLR0913, PLR0911  -- the column, its dtype, where conditions go; a case each
    kind: str,
    name: str,
    dtype: Any,  # noqa: ANN401  -- a narwhals dtype
    *,
    pandas_like: bool,
    conditions: list[tuple[Any, str]],
    stages: list[dict[str, Any]],
) -> Any:  # noqa: ANN401  -- a narwhals expression
    """Column ``name`` converted to its kind's dtype (when :func:`as_is` gives none).

    Appends the conditions (with reasons) that refuse a row, and the helper columns to
    compute first, stage by stage (``with_columns``). ``pandas_like`` says the frame is
    pandas or Dask: numpy columns hold no null integer, so whole numbers become exact
    floats there, not integers.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    # Text is rewritten with ``str.replace_all`` and anchored patterns only: narwhals'
    # DuckDB backend has no ``str.replace``, and an anchored pattern matches once anyway.
    raw = nw.col(name)
    if kind == "key":
        return _key(raw, dtype, pandas_like=pandas_like, conditions=conditions)
    if kind in ("text", "enum", "list"):
        if dtype.is_float():
            # A float column of text is digits with gaps, or no text at all: 7.0 was "7".
            return nw.when(~raw.is_nan()).then(raw.cast(nw.String()).str.replace_all(r"\.0$", ""))
        return raw.cast(nw.String())
    if kind == "date":
        if dtype == nw.String:
            return _day_text(name, conditions, stages)
        if dtype == nw.Unknown:
            return raw.cast(nw.Datetime())
        # A numeric column: empty, as pandas reads an empty one; any number is no date.
        conditions.append((~raw.is_null(), "date"))
        return nw.lit(None, dtype=nw.Datetime())
    return _number(kind, raw, dtype, pandas_like=pandas_like, conditions=conditions)


def _key(
    raw: Any,  # noqa: ANN401  -- a narwhals expression
    dtype: Any,  # noqa: ANN401  -- a narwhals dtype
    *,
    pandas_like: bool,
    conditions: list[tuple[Any, str]],
) -> Any:  # noqa: ANN401  -- a narwhals expression
    """An id column from pandas' objects, a null column, or floats of whole numbers."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    if dtype in (nw.Object, nw.Unknown):  # text with gaps; a null column
        return raw.cast(nw.String())
    # Floats (or decimals) of ids: whole numbers, as pandas reads integers with gaps;
    # kept exact floats on pandas and Dask, integers elsewhere.
    number = raw if dtype.is_float() else raw.cast(nw.Float64())
    return _number("whole", number, nw.Float64(), pandas_like=pandas_like, conditions=conditions)


def _number(
    kind: str,
    raw: Any,  # noqa: ANN401  -- a narwhals expression
    dtype: Any,  # noqa: ANN401  -- a narwhals dtype
    *,
    pandas_like: bool,
    conditions: list[tuple[Any, str]],
) -> Any:  # noqa: ANN401  -- a narwhals expression
    """A number column from text, a float or a null column."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    whole = kind in ("whole", "money")
    target = nw.Float64() if pandas_like or not whole else nw.Int64()
    if dtype == nw.String:
        text = raw.str.strip_chars()
        # More digits than an amount may have would overflow an engine's integer cast.
        long = text.str.contains(rf"\d{{{MAX_INTEGER_DIGITS + 1}}}").fill_null(value=False)
        number = text.str.contains(_NUMBER).fill_null(value=False) & ~long
        conditions.append((~raw.is_null() & (text != "") & ~number & ~long, "not_number"))
        conditions.append((long, "too_long"))
        if not whole:
            return nw.when(number).then(text).cast(nw.Float64())
        fit = number & text.str.contains(_WHOLE).fill_null(value=False)
        conditions.append((number & ~fit, "not_whole"))
        value = nw.when(fit).then(text.str.replace_all(r"\.0*$", "")).cast(target)
        if target == nw.Float64:
            conditions.append((value.abs() > _EXACT, "inexact"))
        return value
    if whole and dtype.is_float():
        fit = (raw.round(0) == raw) & (raw.abs() <= _EXACT)
        conditions.append((~raw.is_null() & (raw.round(0) != raw), "not_whole"))
        conditions.append((raw.abs() > _EXACT, "inexact"))
        return nw.when(fit).then(raw).cast(target)
    return raw.cast(target)  # a null column (PyArrow's null type)


def _day_text(name: str, conditions: list[tuple[Any, str]], stages: list[dict[str, Any]]) -> Any:  # noqa: ANN401
    """Text dates as ``dtbd.parse_date`` reads them: ISO, day/month/year, or in words.

    Datetimes at midnight, not dates: pandas has no date dtype, and a day compares the
    same. The text is rewritten as zero-padded ISO, its day checked against its month and
    the stated years, and only then parsed, so that no parser meets text it would refuse.
    Each rewriting step is a helper column of its own stage, so that no expression repeats
    the steps before it.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    helper = f"_dtbd_day_{name}_"

    def step(stage: int, part: str, expr: Any) -> None:  # noqa: ANN401
        stages.extend({} for _ in range(stage + 1 - len(stages)))
        stages[stage][helper + part] = expr

    def col(part: str) -> Any:  # noqa: ANN401
        return nw.col(helper + part)

    raw = nw.col(name)
    step(0, "text", raw.str.strip_chars().str.to_lowercase())
    text = col("text")
    # Day first: leading words off, every other run of non-digits a "-": "d-m-yyyy".
    step(1, "dmy", text.str.replace_all(r"^\D+", "").str.replace_all(r"\D+", "-"))
    step(1, "iso", _pad(text, r"^\d{4}-\d-", 5))
    step(2, "dmy", _pad(col("dmy"), r"^\d-", 0))
    step(2, "iso", _pad(col("iso"), r"^\d{4}-\d\d-\d$", 8))
    step(3, "dmy", _pad(col("dmy"), r"^\d\d-\d-", 3))
    parts = col("dmy")
    from_dmy = nw.concat_str(
        [
            parts.str.slice(6, 4),
            nw.lit("-"),
            parts.str.slice(3, 2),
            nw.lit("-"),
            parts.str.slice(0, 2),
        ]
    )
    iso = text.str.contains(_ISO).fill_null(value=False)
    dmy = (text.str.contains(_DMY) | text.str.contains(_WORDS)).fill_null(value=False)
    step(4, "day", nw.when(iso).then(col("iso")).otherwise(nw.when(dmy).then(from_dmy)))
    day = col("day")
    year, month, date = (day.str.slice(*at).cast(nw.Float64()) for at in ((0, 4), (5, 2), (8, 2)))
    # Leap years and short months from the digits: no engine-specific modulo or casts.
    fours = [f"{n:02d}" for n in range(0, 100, 4)]
    decade, century = day.str.slice(2, 2), day.str.slice(0, 2)
    leap = decade.is_in(fours) & ((decade != "00") | century.is_in(fours))
    last = (
        nw.when(month == 2)
        .then(nw.when(leap).then(29).otherwise(28))
        .otherwise(
            nw.when(day.str.slice(5, 2).is_in(["04", "06", "09", "11"])).then(30).otherwise(31)
        )
    )
    valid = (
        (month >= 1) & (month <= 12) & (date >= 1) & (date <= last)
        & (year >= FIRST_DATE.year) & (year <= LAST_DATE.year)
    ).fill_null(value=False)  # fmt: skip
    step(5, "ok", valid)
    conditions.append((~raw.is_null() & (text != "") & ~col("ok"), "date"))
    return nw.when(col("ok")).then(day).str.to_datetime("%Y-%m-%d")


def _pad(text: Any, shape: str, at: int) -> Any:  # noqa: ANN401  -- narwhals expressions
    """``text`` with a "0" put in at ``at`` where it matches ``shape`` (a one-digit part)."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    padded = nw.concat_str([text.str.slice(0, at), nw.lit("0"), text.str.slice(at)])
    return nw.when(text.str.contains(shape).fill_null(value=False)).then(padded).otherwise(text)


@contextmanager
def engine_errors(checked: Mapping[str, nw.LazyFrame[Any]]) -> Iterator[None]:
    """Turn an engine's error while reading the frames into a RecordError naming the column.

    The conversions above meet no cell an engine refuses; should one still fail (a dtype
    narwhals does not know, an engine's own limit), each table's columns are collected one
    by one, on this error path only, to name the table and column that fail.

    Raises:
        RecordError: a column of ``checked`` cannot be read by its engine.
    """
    try:
        yield
    except DtbdError:
        raise
    except Exception as error:
        problem = _failing_column(checked)
        if problem is None:
            raise
        raise RecordError([problem]) from error


def _failing_column(checked: Mapping[str, nw.LazyFrame[Any]]) -> RecordProblem | None:
    for table, frame in checked.items():
        for name in frame.collect_schema():
            try:
                frame.select(name).collect()
            except Exception as error:  # noqa: BLE001  -- any engine's error, named below
                what = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
                field = name.removeprefix("_unread_raw_").removeprefix("_unread_")
                message = f"the {table} column cannot be read by its dataframe engine ({what})"
                code = "record.file.unreadable"
                return RecordProblem(table, 0, field or None, message, code=code)
    return None
