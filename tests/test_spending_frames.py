"""Spending given without courses, and a group with no course: every engine sums it alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pendulum
import pytest

import dtbd
from dtbd import Figure, Period, Target, catalog, records_from_dicts
from dtbd.engine._python import run_measures
from dtbd.engine.frames._run import run_frames
from dtbd.measures._measure import compile_measure
from dtbd.records._frames import frames
from test_frames import ENGINES, polars_tables

AS_OF = pendulum.date(2025, 6, 30)
MONEY = compile_measure(
    Target("money", "Kinh phí", Figure.parse("1 tỷ đồng")), Period.of_years(2023, 2025)
)


@pytest.mark.parametrize("engine", ["python", *sorted(ENGINES)])
def test_payments_without_a_courses_table_are_summed_on_every_engine(engine: str) -> None:
    """Two payments and no courses table: 1 500 đồng, on pandas too (an integer null broke it)."""
    records = records_from_dicts(
        spending=[
            {"id": "s1", "date": "2024-05-01", "amount": "1000"},
            {"id": "s2", "date": "2025-02-01", "amount": "500"},
        ],
    )
    if engine == "python":
        tallies = run_measures((MONEY,), records, AS_OF)
    else:
        tallies = run_frames((MONEY,), frames(**ENGINES[engine](polars_tables(records))), AS_OF)
    assert tallies["money"].total.value == Decimal(1500)


def test_a_breakdown_by_unit_of_frames_read_by_pandas_with_an_empty_spending_file(
    tmp_path: Path,
) -> None:
    """The tutorial's path: CSV files read with pd.read_csv, an empty spending.csv."""
    scheme = catalog.load("hung-yen-171-2023")
    records = dtbd.example_records(scheme, seed=0)
    written = dtbd.write_records_csv(records, tmp_path)
    tables = {name: pd.read_csv(path) for name, path in written.items()}
    assert len(tables["spending"]) == 0
    units = dtbd.example_units()
    as_of = dt.date(2025, 6, 30)
    levels = ["province", "district"]
    from_pandas = dtbd.breakdown(scheme, tables, as_of, "unit", units=units, levels=levels)
    from_records = dtbd.breakdown(scheme, records, as_of, "unit", units=units, levels=levels)
    assert from_pandas.to_dict() == from_records.to_dict()
