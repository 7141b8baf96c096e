"""PySpark in local mode: every catalog scheme gives the Python engine's results.

One SparkSession (``local[2]``, two shuffle partitions, no UI, quiet log) serves the whole
file: starting the JVM costs seconds, and each query a second or so more. The tests skip
with the reason where PySpark or Java is missing; ``.ci/run`` installs Java when it can.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pendulum
import polars as pl
import pytest

from dtbd import Scheme, check, evaluate, example_records, frames, progress
from dtbd.catalog import ids, load
from test_frames import PERIOD, RECORDS, YOUNG, _without_row_lists, polars_tables

if importlib.util.find_spec("pyspark") is None:
    pytest.skip(
        "PySpark is not installed: pip install 'dtbd[spark]' (CI installs the test group)",
        allow_module_level=True,
    )

_SPARK_TYPES = {pl.Date: "date", pl.Int64: "bigint", pl.Float64: "double", pl.String: "string"}


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local SparkSession for every test of the run, stopped at the end."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip(
            "Java is not installed, and PySpark needs it: apt-get install default-jre-headless "
            "(.ci/run does so where it can)"
        )
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("dtbd-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        # Python workers (createDataFrame from rows) run this Python, not the first on PATH.
        .config("spark.pyspark.python", sys.executable)
        .config("spark.ui.showConsoleProgress", "false")
        # Small data: re-planning between stages and compiling whole stages to Java
        # cost more than they save here.
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.codegen.wholeStage", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("OFF")
    yield session
    session.stop()


def spark_tables(spark: Any, tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
    """Polars frames as Spark DataFrames with the same column types (no pandas between)."""
    found = {}
    for name, frame in tables.items():
        schema = ", ".join(f"`{c}` {_SPARK_TYPES[t]}" for c, t in frame.schema.items())
        found[name] = spark.createDataFrame(frame.rows(), schema=schema)
    return found


@pytest.mark.parametrize("scheme_id", ids())
def test_evaluate_over_spark_equals_python_engine(spark: Any, scheme_id: str) -> None:
    """Every catalog scheme over its example records: the same evaluation dict."""
    scheme = load(scheme_id)
    records = example_records(scheme, scale=0.3)
    as_of = pendulum.date(2024, 6, 30)
    expected = _without_row_lists(evaluate(scheme, records, as_of).to_dict())
    tables = spark_tables(spark, polars_tables(records))
    assert _without_row_lists(evaluate(scheme, tables, as_of).to_dict()) == expected


def test_progress_over_spark_reads_age_on_the_course_start(spark: Any) -> None:
    """'a' turns 45 on 5 March 2024: counted on k1 (4 March), not on k2; 'b' counts once."""
    tables = spark_tables(spark, polars_tables(RECORDS))
    as_of = pendulum.date(2025, 1, 1)
    got = progress(YOUNG, tables, as_of, period=PERIOD)
    assert got.achieved == Decimal(2)
    assert got.to_dict() == progress(YOUNG, RECORDS, as_of, period=PERIOD).to_dict()


def test_bad_rows_over_spark_are_named_by_table_and_field_with_row_zero(spark: Any) -> None:
    """A lazy frame has no row order: an unknown person and course are problems at row 0."""
    scheme = Scheme("s", "Kế hoạch", PERIOD, targets=(YOUNG,))
    as_of = pendulum.date(2025, 1, 1)
    expected = evaluate(scheme, RECORDS, as_of).records.attendances.problems
    summary = evaluate(scheme, spark_tables(spark, polars_tables(RECORDS)), as_of).records
    got = summary.attendances.problems
    # by row, then field: a lazy frame numbers every row 0 (engine/frames/_tables.py)
    assert [(p.row, p.field) for p in got] == [(0, "course"), (0, "person")]
    assert sorted(p.message for p in got) == sorted(p.message for p in expected)
    assert summary.attendances.malformed == 2


def test_unreadable_cells_of_spark_frames_are_refused_with_their_reason(spark: Any) -> None:
    """Text dates are read as parse_date reads them; a 31 February and a category are not."""
    courses = pl.DataFrame(
        {
            "id": ["k1", "k2", "k3", "k4"],
            "start": ["16/03/2025", "2024-3-4", "31/02/2024", "2024-05-06"],
            "activity": ["training", "fostering", "fostering", "party"],
        }
    )
    read = frames(courses=spark_tables(spark, {"courses": courses})["courses"])
    problems = read.unread("courses")
    assert [(p.row, p.field) for p in problems] == [(0, "start"), (0, "activity")]
    assert "'31/02/2024' is not a date" in problems[0].message
    assert "unknown Activity 'party'" in problems[1].message
    good = read.courses.collect().rows(named=True)  # type: ignore[union-attr]
    assert [(r["id"], r["start"].date()) for r in good] == [
        ("k1", dt.date(2025, 3, 16)),
        ("k2", dt.date(2024, 3, 4)),
    ]


def test_check_over_spark_finds_the_same_violations(spark: Any) -> None:
    """Rule checks collect the Spark frames and find what they find over the records."""
    scheme = load("qd-1641-2022")
    records = example_records(scheme, scale=0.3)
    expected = [v.to_dict() for v in check(scheme.rules, records)]
    assert expected
    tables = spark_tables(spark, polars_tables(records))
    assert [v.to_dict() for v in check(scheme.rules, tables)] == expected


def test_spark_session_time_zone_far_from_the_drivers_moves_no_day(spark: Any) -> None:
    """Dates stay calendar days when the session's zone is not the Python process's."""
    tables = spark_tables(spark, polars_tables(RECORDS))
    # A course on the as-of day counts; one the day after does not, whatever the zone.
    as_of = pendulum.date(2024, 3, 4)
    expected = progress(YOUNG, RECORDS, as_of, period=PERIOD).to_dict()
    assert expected["achieved"] == "1"  # 'a' on k1, 4 March; k2 (5 March) is after
    zone = spark.conf.get("spark.sql.session.timeZone")
    try:
        for far in ("Pacific/Kiritimati", "Etc/GMT+12"):
            spark.conf.set("spark.sql.session.timeZone", far)
            assert progress(YOUNG, tables, as_of, period=PERIOD).to_dict() == expected, far
    finally:
        spark.conf.set("spark.sql.session.timeZone", zone)


def test_a_spark_timestamp_course_start_is_refused_as_a_datetime_with_a_zone(spark: Any) -> None:
    """A Spark TIMESTAMP is an instant shown in the session's zone: no day without a guess."""
    courses = spark.createDataFrame(
        [("k1", dt.datetime(2024, 3, 4))],  # noqa: DTZ001  -- Spark reads it in its zone
        schema="id string, start timestamp",
    )
    (problem,) = frames(courses=courses).unread("courses")
    assert (problem.row, problem.field) == (0, "start")
    assert problem.message.endswith("give dates, not datetimes")


def test_spark_frames_refuse_an_id_with_an_unassigned_code_point(spark: Any) -> None:
    """Java's regex takes the id class as Rust's and RE2 do, supplementary planes included."""
    persons = spark.createDataFrame(
        [("p1",), ("p\u0378",), ("p\U0003fffd",), ("\u00e1",)], schema="id string"
    )
    problems = frames(persons=persons).unread("persons")
    named = sorted(p.message.split("(")[1].split(")")[0] for p in problems)
    assert named == [
        "U+0378 a code point Unicode has not assigned",
        "U+3FFFD a code point Unicode has not assigned",
    ]
