"""Where one evaluation's time goes: the stages of dtbd's frame engine, timed.

One evaluation of a benchmark's scheme over one data folder (``compare.py`` writes them),
on polars frames or DuckDB relations, with its stages timed from outside the engine:
counting each table's rows (the screens), the joined attendances computed once, the
rest of the plan built in Python, and each of the run's queries collected one after the
other (polars would run them together with ``collect_all``; one by one, each query's
time is its own). polars 2.2 has no ``LazyFrame.profile()``; for DuckDB, ``--explain``
prints ``EXPLAIN ANALYZE`` of the slowest query.

    python benchmarks/stages.py b2 benchmarks/data/b2-0.25 [--engine duckdb] [--explain]

Nothing here is a test: the times are of this machine, this once.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))


def _frames(bench: str, path: Path, engine: str) -> tuple[Any, dict[str, Any]]:
    from compare import _duckdb, _tables  # noqa: PLC0415  -- the benchmark's own loaders

    tables = _tables(path)
    if bench == "b1":
        from scheme import scheme  # noqa: PLC0415

        frames: dict[str, Any] = dict(tables)
    else:
        from b2_scheme import scheme  # noqa: PLC0415
        from b2_shapes import native  # noqa: PLC0415

        frames = native(tables)
    if engine == "duckdb":
        con = _duckdb(frames)
        frames = {name: con.table(name) for name in frames}
    return scheme(), frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", choices=("b1", "b2"))
    parser.add_argument("data", type=Path)
    parser.add_argument("--engine", choices=("polars", "duckdb"), default="polars")
    parser.add_argument("--explain", action="store_true", help="DuckDB: EXPLAIN ANALYZE")
    parser.add_argument("--plans", action="store_true", help="each query's optimised plan")
    args = parser.parse_args()

    import narwhals.stable.v2 as nw  # noqa: PLC0415
    from compare import AS_OF  # noqa: PLC0415

    import dtbd  # noqa: PLC0415
    import dtbd.engine.frames._batch as batch  # noqa: PLC0415
    import dtbd.engine.frames._plan as plan  # noqa: PLC0415
    import dtbd.engine.frames._run as run  # noqa: PLC0415

    scheme, frames = _frames(args.bench, args.data, args.engine)
    times: dict[str, float] = {}
    queries: list[tuple[float, Any]] = []

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*given: Any, **named: Any) -> Any:  # noqa: ANN401
            began = time.perf_counter()
            found = function(*given, **named)
            times[name] = times.get(name, 0.0) + time.perf_counter() - began
            return found

        return wrapper

    collect = batch.collect_together

    def one_by_one(frames: list[Any]) -> list[Any]:
        found = []
        for frame in frames:
            began = time.perf_counter()
            found += collect([frame])
            queries.append((time.perf_counter() - began, frame))
        return found

    # The engine's own functions, wrapped where the run looks them up.
    counts = "read_counts" if hasattr(plan, "read_counts") else "row_counts"
    setattr(plan, counts, timed("rows counted (screens)", getattr(plan, counts)))
    run.shared = timed("joined attendances computed", batch.shared)
    run._queries = timed("plan built (joined included)", run._queries)  # noqa: SLF001
    batch.collect_together = one_by_one
    began = time.perf_counter()
    dtbd.evaluate(scheme, frames, AS_OF)
    total = time.perf_counter() - began
    times["plan built (joined included)"] -= times.get("joined attendances computed", 0.0)
    for name, seconds in times.items():
        print(f"{name:34s} {seconds:7.3f} s")
    for i, (seconds, frame) in enumerate(queries):
        # The query's first output columns say which it is: m… the targets' numbers,
        # a_… the attendances' bookkeeping, k… money, c… courses, p… the roster.
        names = ", ".join(frame.collect_schema().names()[:4])
        print(f"{'query ' + str(i):34s} {seconds:7.3f} s   {names} …")
    print(f"{'evaluation':34s} {total:7.3f} s")
    for i, (_, frame) in enumerate(queries if args.plans else []):
        native = nw.to_native(frame)
        plan_text = native.explain()  # polars and DuckDB relations both explain
        print(f"-- query {i}\n{plan_text}")
    if args.explain and args.engine == "duckdb" and queries:
        _, slowest = max(queries, key=lambda q: q[0])
        relation = nw.to_native(slowest)
        print(relation.query("q", "EXPLAIN ANALYZE SELECT * FROM q").fetchall()[0][1])


if __name__ == "__main__":
    main()
