"""Time a roll-up by unit: dtbd's ``breakdown(by="unit")`` against a hand-written polars query.

A province's tree of units (one province, ``--districts`` districts, communes under them
up to ``--units`` units in all) and ``generate.py``'s records at ``--scale`` with every
person placed in a commune. Three targets are measured per unit, rolled up the tree: the
lượt of fostering courses, the distinct persons trained and the distinct women trained.
The hand-written query gives each person's ancestors one column per depth, and per depth
one ``group_by`` of the attendances joined to the persons and courses: a person trained in
two communes of one district counts once for the district, as dtbd counts them.

Both sides' numbers are compared unit by unit before anything is timed. Runs are
interleaved (dtbd, then the query, then again) and the medians printed, in seconds.

    python benchmarks/rollup.py --units 10000 --scale 1      # 20 M attendances
    python benchmarks/rollup.py --units 200 --scale 0.01 -n 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from decimal import Decimal
from typing import Any

import numpy as np
import polars as pl
from generate import generate

from dtbd import OrgUnit, Period, Scheme, Scope, Target, UnitTree, breakdown

AS_OF = dt.date(2025, 12, 31)
TARGETS = ("luot-boi-duong", "nguoi", "nguoi-nu")


def tree(units: int, districts: int) -> UnitTree:
    """One province, ``districts`` districts and communes spread over them: ``units`` in all."""
    communes = max(units - districts - 1, districts)
    found = [OrgUnit("tinh", "Tỉnh mẫu", "province")]
    found += [
        OrgUnit(f"h{d:03d}", f"Huyện {d}", "district", parent="tinh") for d in range(districts)
    ]
    found += [
        OrgUnit(f"x{c:05d}", f"Xã {c}", "commune", parent=f"h{c % districts:03d}")
        for c in range(communes)
    ]
    return UnitTree(tuple(found))


def scheme() -> Scheme:
    """Three targets: lượt of fostering courses, persons trained, women trained."""
    period = Period.of_years(2021, 2025)
    targets = (
        Target("luot-boi-duong", "Lượt bồi dưỡng", None, counts="attendances",
               scope=Scope(activity="fostering")),
        Target("nguoi", "Người được đào tạo, bồi dưỡng", None, counts="persons"),
        Target("nguoi-nu", "Nữ được đào tạo, bồi dưỡng", None, counts="persons",
               scope=Scope(gender="female")),
    )  # fmt: skip
    return Scheme("rollup", "Roll-up benchmark", period, targets=targets)


def records(scale: float, units: UnitTree, seed: int = 2025) -> dict[str, pl.DataFrame]:
    """``generate.py``'s tables at ``scale``, each person placed in one commune at random."""
    tables = generate(scale, seed)
    communes = np.array([u.id for u in units.units if u.level.value == "commune"], dtype=object)
    rng = np.random.default_rng(seed + 1)
    persons = tables["persons"]
    placed = pl.Series("unit", communes[rng.integers(len(communes), size=persons.height)])
    tables["persons"] = persons.with_columns(placed)
    return {t: tables[t] for t in ("persons", "courses", "attendances")}


def handwritten(tables: dict[str, pl.DataFrame], units: UnitTree) -> dict[str, tuple[int, ...]]:
    """Each unit's three numbers: per depth of the tree, one group-by over the joined rows."""
    parent = {u.id: u.parent for u in units.units}
    depth_of: dict[str, list[str]] = {}
    for unit in units.units:
        line, at = [unit.id], unit.parent
        while at is not None:
            line.append(at)
            at = parent[at]
        depth_of[unit.id] = line[::-1]
    deepest = max(len(line) for line in depth_of.values())
    ancestry = pl.DataFrame(
        {
            "unit": list(depth_of),
            **{
                f"d{d}": [line[d] if d < len(line) else None for line in depth_of.values()]
                for d in range(deepest)
            },
        }
    ).lazy()
    joined = (
        tables["attendances"].lazy()
        .join(tables["persons"].lazy().select("id", "unit", "gender"),
              left_on="person", right_on="id")
        .join(tables["courses"].lazy().select("id", "activity"), left_on="course", right_on="id")
        .join(ancestry, on="unit")
    )  # fmt: skip
    aggs = [
        (pl.col("activity") == "fostering").sum().alias("luot-boi-duong"),
        pl.col("person").n_unique().alias("nguoi"),
        pl.col("person").filter(pl.col("gender") == "female").n_unique().alias("nguoi-nu"),
    ]
    queries = [
        joined.filter(pl.col(f"d{d}").is_not_null())
        .group_by(pl.col(f"d{d}").alias("key"))
        .agg(aggs)
        for d in range(deepest)
    ]
    found: dict[str, tuple[int, ...]] = {}
    for frame in pl.collect_all(queries):
        for row in frame.iter_rows(named=True):
            found[row["key"]] = tuple(int(row[t]) for t in TARGETS)
    return found


def expanded(tables: dict[str, pl.DataFrame], units: UnitTree) -> dict[str, tuple[int, ...]]:
    """The same numbers from one ``group_by``: each person's row repeated for each ancestor.

    The other shape a grouped plan can take (issue 14): a small persons × depth table
    joined in, instead of one pass per depth.
    """
    parent = {u.id: u.parent for u in units.units}
    pairs: list[tuple[str, str]] = []
    for unit in units.units:
        at: str | None = unit.id
        while at is not None:
            pairs.append((unit.id, at))
            at = parent[at]
    above = pl.DataFrame(pairs, schema=["unit", "key"], orient="row").lazy()
    persons = tables["persons"].lazy().select("id", "unit", "gender").join(above, on="unit")
    joined = (
        tables["attendances"].lazy()
        .join(persons, left_on="person", right_on="id")
        .join(tables["courses"].lazy().select("id", "activity"), left_on="course", right_on="id")
    )  # fmt: skip
    counted = joined.group_by("key").agg(
        (pl.col("activity") == "fostering").sum().alias("luot-boi-duong"),
        pl.col("person").n_unique().alias("nguoi"),
        pl.col("person").filter(pl.col("gender") == "female").n_unique().alias("nguoi-nu"),
    )
    return {
        row["key"]: tuple(int(row[t]) for t in TARGETS)
        for row in counted.collect().iter_rows(named=True)
    }


def with_dtbd(tables: dict[str, pl.DataFrame], units: UnitTree) -> dict[str, tuple[int, ...]]:
    """Each unit's three numbers from ``dtbd.breakdown(by="unit")`` on lazy polars frames."""
    lazy = {t: frame.lazy() for t, frame in tables.items()}
    result = breakdown(scheme(), lazy, AS_OF, "unit", units=units)
    found: dict[str, tuple[int, ...]] = {}
    for group in result.groups:
        if group.key is None:
            continue
        values = [group.evaluation[t].achieved for t in TARGETS]
        if all(v in (None, Decimal(0)) for v in values):
            continue  # a unit with no attendance: the query has no row for it
        found[str(group.key)] = tuple(int(v or 0) for v in values)
    return found


def main() -> None:
    """Compare the two sides' numbers, then time them interleaved."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("-n", type=int, default=3, help="timed runs of each side")
    parser.add_argument(
        "--queries-only", action="store_true", help="time the hand-written queries, not dtbd"
    )
    args = parser.parse_args()
    units = tree(args.units, args.districts)
    tables = records(args.scale, units)
    print(
        f"{len(units.units)} units, {tables['persons'].height:,} persons, "
        f"{tables['attendances'].height:,} attendances, {tables['courses'].height:,} courses"
    )
    sides: dict[str, Any] = {} if args.queries_only else {"dtbd polars (lazy)": with_dtbd}
    sides |= {"hand-written polars": handwritten, "hand-written, expanded": expanded}
    answers = {name: side(tables, units) for name, side in sides.items()}
    first = answers["hand-written polars"]
    for name, other in answers.items():
        if other != first:
            wrong = sorted(k for k in first.keys() | other.keys() if first.get(k) != other.get(k))
            raise SystemExit(f"{name} differs on {len(wrong)} units, e.g. {wrong[:5]}")
    print(f"numbers equal on all {len(first)} units with attendances")
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(args.n):
        for name, side in sides.items():
            began = time.perf_counter()
            side(tables, units)
            times[name].append(time.perf_counter() - began)
    base = statistics.median(times["hand-written polars"])
    for name, spent in times.items():
        middle = statistics.median(spent)
        print(f"{name:22} median {middle:8.3f} s  best {min(spent):8.3f} s  {middle / base:6.1f}×")


if __name__ == "__main__":
    main()
