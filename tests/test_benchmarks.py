"""The second benchmark (benchmarks/b2_*) at a tiny scale: its data, its numbers and dtbd's.

No timings: the runner (benchmarks/compare.py) times; these check that what it times
computes the same numbers.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dtbd import Period, Scheme, Target, evaluate

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

from b2_generate import generate
from b2_handwritten import FORMS, polars_numbers
from b2_scheme import missing_fields, scheme, supported, targets
from b2_shapes import native, three_tables
from run import AS_OF, dtbd_numbers


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return generate(0.0005, seed=7)


def _ids() -> list[str]:
    return [t.id for t in scheme().all_targets()]


def test_generated_attendances_carry_their_course_and_persons_on_the_roster(
    tables: dict[str, pl.DataFrame],
) -> None:
    persons, rows = tables["persons"], tables["attendances"]
    assert persons.schema["id"] == pl.Int64
    assert rows.schema["course"] == pl.Int32
    assert isinstance(rows.schema["activity"], pl.Enum)
    assert isinstance(persons.schema["unit"], pl.Categorical)
    assert rows.select(pl.struct("person", "course").is_duplicated().any()).item() is False
    assert rows["person"].is_in(persons["id"].implode()).all()
    # Many more persons on the roster than attend.
    assert rows["person"].n_unique() < persons.height / 2
    course_columns = ["start", "end", "course_study_days", "activity", "topics", "course_cost"]
    per_course = rows.group_by("course").agg(pl.col(course_columns).n_unique())
    assert per_course.select(pl.col(course_columns).max()).row(0) == (1,) * len(course_columns)
    sizes = rows.group_by("course").len()["len"]
    assert sizes.max() > 10 * sizes.median()  # skewed: large courses and small ones


def test_generator_gives_the_same_tables_for_the_same_seed() -> None:
    first, again = generate(0.0002, seed=3), generate(0.0002, seed=3)
    assert all(first[name].equals(again[name]) for name in first)


def test_hand_written_forms_give_the_same_numbers(tables: dict[str, pl.DataFrame]) -> None:
    found = {form: polars_numbers(tables, AS_OF, form=form) for form in FORMS}
    reference = found["collect_all"]
    assert len(reference) == sum(5 if t["per_year"] else 1 for t in targets())
    assert all(numbers == reference for numbers in found.values())


def test_second_benchmark_on_four_tables_equals_the_hand_written_query(
    tables: dict[str, pl.DataFrame],
) -> None:
    """The denormalised records split into the four-table record format by hand."""
    hand = polars_numbers(tables, AS_OF, _ids())
    assert dtbd_numbers(evaluate(scheme(), three_tables(tables), AS_OF)) == hand


def test_second_benchmark_scheme_file_reads_every_target() -> None:
    if missing := missing_fields():
        pytest.skip(f"dtbd's Scope has no {', '.join(sorted(missing))} yet (issue 12, item 1)")
    assert supported()[1] == set()
    assert len(list(scheme().all_targets())) == len(targets())


def _reads_denormalised_records() -> str | None:
    """Why dtbd cannot take the benchmark's records as they are, or None if it can."""
    day = dt.date(2024, 3, 4)
    rows = pl.DataFrame({"person": [1, 2], "course": [7, 7], "start": [day, day],
                         "course_study_days": [3, 3], "course_cost": [None, None],
                         "cost": [5, 7]})  # fmt: skip
    plan = Scheme("probe", "probe", Period.of_years(2024), targets=(
        Target("luot", "probe", None, counts="attendances"),
        Target("ngay", "probe", None, counts="study_days"),
        Target("chi", "probe", None, counts="spending"),
    ))  # fmt: skip
    try:
        result = evaluate(plan, {"attendances": rows}, dt.date(2024, 12, 31))
    except Exception as error:  # noqa: BLE001  -- any refusal means: not there yet
        return f"refused: {type(error).__name__}"
    got = {t: int(result[t].achieved) for t in ("luot", "ngay", "chi")}
    if got != {"luot": 2, "ngay": 6, "chi": 12}:
        return f"read as {got}, not attendances 2, study days 6, money 12"
    return None


@pytest.mark.parametrize("engine", ["polars", "duckdb"])
def test_second_benchmark_on_denormalised_records_equals_the_hand_written_query(
    tables: dict[str, pl.DataFrame], engine: str
) -> None:
    """Integer ids, categoricals, course columns and costs on the attendance rows, as given."""
    if reason := _reads_denormalised_records():
        pytest.skip(
            "dtbd does not yet read course columns and costs on attendance rows without a "
            f"courses table (issue 12, item 1): a probe was {reason}"
        )
    frames: dict[str, Any] = native(tables)
    if engine == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        con = duckdb.connect()
        for name, frame in frames.items():
            con.register(f"{name}_arrow", frame.to_arrow())
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_arrow")  # noqa: S608
        frames = {name: con.table(name) for name in frames}
    hand = polars_numbers(tables, AS_OF, _ids())
    assert dtbd_numbers(evaluate(scheme(), frames, AS_OF)) == hand


def test_the_rollup_benchmarks_hand_written_query_gives_dtbds_numbers_per_unit() -> None:
    """benchmarks/rollup.py times two sides that agree on every unit, parents included."""
    import rollup

    units = rollup.tree(24, 3)
    tables = rollup.records(0.0002, units, seed=3)
    by_hand = rollup.handwritten(tables, units)
    assert set(by_hand) >= {"tinh", "h000", "h001", "h002"}
    assert rollup.with_dtbd(tables, units) == by_hand
    assert rollup.expanded(tables, units) == by_hand
    # Each person is in one commune: the province adds up its communes' numbers.
    communes = [k for k in by_hand if k.startswith("x")]
    for number in range(3):
        assert by_hand["tinh"][number] == sum(by_hand[k][number] for k in communes)


def test_both_spreadsheet_writers_of_the_benchmark_write_the_same_sheet() -> None:
    """benchmarks/xlsx_writers.py times openpyxl and XlsxWriter on one sheet, read back equal."""
    from xlsx_writers import read_back, write_openpyxl, write_xlsxwriter

    ours, theirs = read_back(write_openpyxl(30)), read_back(write_xlsxwriter(30))
    assert ours == theirs
    assert len(ours["cells"]) == 30
    assert ours["cells"][0][2] == "=D7+E7+F7"  # a live formula, not its value
    assert write_openpyxl(30) == write_openpyxl(30)
