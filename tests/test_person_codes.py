"""Person codes: each flag read back from its code the same way on every engine's arithmetic."""

from __future__ import annotations

from typing import Any

import duckdb
import narwhals.stable.v2 as nw
import pandas as pd
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd.engine.frames._codes import BITS, WIDE_BITS, PersonCodes

_FLAGS = tuple(f"f{i}" for i in range(WIDE_BITS + 3))


def _frame(engine: str, codes: list[int], column: str) -> nw.LazyFrame[Any]:
    if engine == "polars":
        return nw.from_native(pl.DataFrame({column: codes}, schema={column: pl.Int64}).lazy())
    if engine == "pandas":
        return nw.from_native(pd.DataFrame({column: pd.Series(codes, dtype="int64")})).lazy()
    connection = duckdb.connect()
    table = pl.DataFrame({column: codes}, schema={column: pl.Int64}).to_arrow()
    return nw.from_native(connection.from_arrow(table))


@settings(max_examples=40, deadline=None)
@given(
    codes=st.lists(st.integers(0, 2**WIDE_BITS - 1), min_size=1, max_size=20),
    form=st.sampled_from(["bitwise", "modulo", "difference"]),
)
def test_a_flag_read_from_its_code_is_the_bit_a_plain_shift_reads(
    codes: list[int], form: str
) -> None:
    person_codes = PersonCodes(
        _FLAGS[:WIDE_BITS], bits=WIDE_BITS, modulo=form == "modulo", bitwise=form == "bitwise"
    )
    frame = _frame("polars", codes, "person_code0")
    read = frame.select(**{name: person_codes.flag(name) for name in _FLAGS[:WIDE_BITS]})
    rows = read.collect().rows()
    expected = [tuple((code >> bit) & 1 == 1 for bit in range(WIDE_BITS)) for code in codes]
    assert rows == expected


@settings(max_examples=20, deadline=None)
@given(codes=st.lists(st.integers(0, 2**BITS - 1), min_size=1, max_size=20))
def test_pandas_and_duckdb_read_the_same_flags_as_polars(codes: list[int]) -> None:
    names = _FLAGS[:BITS]
    by_engine = {}
    for engine in ("polars", "pandas", "duckdb"):
        person_codes = PersonCodes(
            names, bits=BITS, modulo=engine != "pandas", bitwise=engine == "polars"
        )
        frame = _frame(engine, codes, "person_code0")
        read = frame.select(**{name: person_codes.flag(name) for name in names})
        by_engine[engine] = sorted(read.collect().rows())
    assert by_engine["pandas"] == by_engine["polars"] == by_engine["duckdb"]


def test_flags_past_one_column_go_to_the_next_code_column() -> None:
    person_codes = PersonCodes(_FLAGS, bits=WIDE_BITS)
    assert person_codes.bits["f0"] == ("person_code0", 0)
    assert person_codes.bits[f"f{WIDE_BITS}"] == ("person_code1", 0)
    assert person_codes.columns == ["person_code0", "person_code1"]
