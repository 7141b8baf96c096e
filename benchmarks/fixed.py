"""Time dtbd's fixed costs: what an evaluation costs besides the data.

A province's 10,000 attendances (``generate.py`` at scale 0.0005) are evaluated for the
101-target benchmark scheme (``scheme.py``) and for each catalog scheme, on polars eager
frames, polars lazy frames, DuckDB relations and the Python engine (tables of dicts).
Runs are interleaved (one of each variant, then again), so that a busy spell of a shared
machine falls on all of them alike; medians and bests are printed, in seconds.

*plan* is the evaluation's time outside polars' collects: everything dtbd does to build
the queries, read the results and build the progress, on polars frames. Every collect
(``LazyFrame.collect`` and ``collect_all``) is timed and subtracted.

The whole-process rows run fresh interpreters: ``import dtbd``, ``from dtbd import
evaluate, load_scheme`` and a script that reads the province's Parquet files and
evaluates the benchmark scheme (a user's first evaluation, start-up included).

``--nodes`` counts instead of timing, which a loaded machine cannot disturb: the narwhals
expression nodes one evaluation parses (nested nodes included), the collects it runs
(a polars ``collect_all`` is one, its queries counted beside it) and how often it
resolves a scheme, on polars eager frames and DuckDB relations.

    python benchmarks/fixed.py [-n 7] [--processes 7] [--variant "polars eager" ...]
    python benchmarks/fixed.py --nodes [--scheme benchmark --scheme b2 ...]

Run it with ``PYTHONPATH`` set to the sources to time, and ``--src`` the same for the
whole processes (this checkout's ``src`` by default).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
from generate import generate
from scheme import scheme

import dtbd
from dtbd import Scheme, catalog

AS_OF = dt.date(2025, 12, 31)
SCALE = 0.0005  # 10,000 attendances, 1,250 persons, 250 courses
HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

_collecting = [0.0]


@contextlib.contextmanager
def timed_collects() -> Iterator[list[float]]:
    """Add the seconds polars spends collecting (lazy frames, ``collect_all``) to a counter."""
    originals = (pl.LazyFrame.collect, pl.collect_all)

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                _collecting[0] += time.perf_counter() - began

        return timed

    pl.LazyFrame.collect = wrap(originals[0])  # type: ignore[method-assign]
    pl.collect_all = wrap(originals[1])
    try:
        yield _collecting
    finally:
        pl.LazyFrame.collect, pl.collect_all = originals  # type: ignore[method-assign]


def variants(tables: dict[str, pl.DataFrame]) -> dict[str, Callable[[], Any]]:
    """The records each engine reads, made once (making them is not timed)."""
    import duckdb  # noqa: PLC0415  -- the DuckDB variant's own engine

    con = duckdb.connect()
    relations = {name: con.from_arrow(frame.to_arrow()) for name, frame in tables.items()}
    dicts = {name: frame.to_dicts() for name, frame in tables.items()}
    lazy = {name: frame.lazy() for name, frame in tables.items()}
    return {
        "polars eager": lambda: tables,
        "polars lazy": lambda: lazy,
        "duckdb": lambda: relations,
        "python (dicts)": lambda: dicts,
    }


def chosen_schemes(ids: list[str] | None = None) -> dict[str, Scheme]:
    """The benchmark schemes (``benchmark``, ``b2``) and the catalog's, or those of ``ids``."""
    schemes = {
        "benchmark": scheme(),
        "b2": dtbd.load_scheme(HERE / "b2_scheme.toml"),
    }
    schemes |= {scheme_id: catalog.load(scheme_id) for scheme_id in catalog.ids()}
    return {k: v for k, v in schemes.items() if not ids or k.split()[0] in ids}


@contextlib.contextmanager
def counted() -> Iterator[collections.Counter[str]]:
    """Count narwhals expression nodes parsed, collects run and schemes resolved."""
    import narwhals._duckdb.dataframe as duck  # noqa: PLC0415  -- narwhals' own backends
    import narwhals._polars.dataframe as polars_frames  # noqa: PLC0415
    import narwhals.expr as nw_expr  # noqa: PLC0415

    found: collections.Counter[str] = collections.Counter()
    parse = nw_expr.evaluate_nodes

    def nodes(chain: Any, ns: Any) -> Any:  # noqa: ANN401
        found["nodes"] += len(chain)  # nested expressions come back through here
        return parse(chain, ns)

    def counting(key: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
            found[key] += 1
            if key == "collects" and function is originals["collect_all"]:
                found["queries in collect_all"] += len(args[0])
            return function(*args, **kwargs)

        return wrapped

    originals: dict[str, Any] = {
        "polars": polars_frames.PolarsLazyFrame.collect,
        "duckdb": duck.DuckDBLazyFrame.collect,
        "collect_all": pl.collect_all,
        "resolved": Scheme.resolved,
    }
    nw_expr.evaluate_nodes = nodes  # type: ignore[assignment]
    polars_frames.PolarsLazyFrame.collect = counting("collects", originals["polars"])  # type: ignore[method-assign]
    duck.DuckDBLazyFrame.collect = counting("collects", originals["duckdb"])  # type: ignore[method-assign]
    pl.collect_all = counting("collects", originals["collect_all"])
    Scheme.resolved = counting("resolved", originals["resolved"])  # type: ignore[method-assign]
    try:
        yield found
    finally:
        nw_expr.evaluate_nodes = parse
        polars_frames.PolarsLazyFrame.collect = originals["polars"]  # type: ignore[method-assign]
        duck.DuckDBLazyFrame.collect = originals["duckdb"]  # type: ignore[method-assign]
        pl.collect_all = originals["collect_all"]
        Scheme.resolved = originals["resolved"]  # type: ignore[method-assign]


def node_counts(ids: list[str] | None = None) -> None:
    """Print what one evaluation parses and runs, per scheme, on polars and on DuckDB."""
    tables = generate(SCALE)
    made = {k: v for k, v in variants(tables).items() if k in ("polars eager", "duckdb")}
    print("one evaluation each: narwhals nodes parsed, collects (queries in collect_all),")
    print("schemes resolved")
    print(f"{'scheme':<30}", *(f"{v:>28}" for v in made))
    for name, chosen in chosen_schemes(ids).items():
        targets = len(chosen.resolved().all_targets())
        cells = []
        for records in made.values():
            dtbd.evaluate(chosen, records(), AS_OF)  # the first run loads and caches
            with counted() as found:
                dtbd.evaluate(chosen, records(), AS_OF)
            queries = found["queries in collect_all"]
            runs = f"{found['collects']}" + (f" ({queries})" if queries else "")
            cells.append(f"{found['nodes']:>7,} {runs:>11} {found['resolved']:>6}")
        print(f"{name[:22] + f' ({targets})':<30}", *(f"{c:>28}" for c in cells))


def in_process(n: int, only: list[str] | None = None, ids: list[str] | None = None) -> None:
    """Evaluate every scheme on every variant, interleaved; print medians and bests."""
    tables = generate(SCALE)
    schemes = chosen_schemes(ids)
    made = {k: v for k, v in variants(tables).items() if not only or k in only}
    times: dict[tuple[str, str], list[float]] = {}
    plans: dict[str, list[float]] = {}
    with timed_collects() as collecting:
        for round_ in range(n + 1):  # the first round is unmeasured: imports, caches
            for name, chosen in schemes.items():
                for variant, records in made.items():
                    collecting[0] = 0.0
                    began = time.perf_counter()
                    dtbd.evaluate(chosen, records(), AS_OF)
                    seconds = time.perf_counter() - began
                    if round_:
                        times.setdefault((name, variant), []).append(seconds)
                        if variant.startswith("polars eager"):
                            plans.setdefault(name, []).append(seconds - collecting[0])
    rows = {k: v.height for k, v in tables.items()}
    print(f"in-process, {n} interleaved runs, {rows}, seconds (median / best)")
    print(f"{'scheme':<26} {'plan':>13}", *(f"{v:>15}" for v in made))
    for name, chosen in schemes.items():
        plan = plans.get(name, [float("nan")])
        cells = [f"{statistics.median(plan):.3f} {min(plan):.3f}"]
        cells += [
            f"{statistics.median(times[name, v]):.3f} {min(times[name, v]):.3f}" for v in made
        ]
        count = len(chosen.resolved().all_targets())
        print(f"{name[:20] + f' ({count})':<26} {cells[0]:>13}", *(f"{c:>15}" for c in cells[1:]))


EVALUATE = """
import datetime as dt, sys
sys.path.insert(0, {here!r})
import polars as pl
from scheme import scheme
import dtbd
tables = {{n: pl.read_parquet({data!r} + f"/{{n}}.parquet")
          for n in ("persons", "courses", "attendances", "spending")}}
dtbd.evaluate(scheme(), tables, dt.date(2025, 12, 31))
"""


def whole_processes(n: int, src: Path = SRC) -> None:
    """Fresh interpreters: imports, and a first evaluation from Parquet files."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    with tempfile.TemporaryDirectory() as data:
        for name, frame in generate(SCALE).items():
            frame.write_parquet(Path(data) / f"{name}.parquet")
        commands = {
            "pass": "pass",
            "import dtbd": "import dtbd",
            "from dtbd import evaluate, load_scheme": "from dtbd import evaluate, load_scheme",
            "import polars, narwhals, dtbd": "import polars, narwhals, dtbd",
            "read + evaluate (polars)": EVALUATE.format(here=str(HERE), data=data),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(n + 1):
            for name, code in commands.items():
                began = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], env=env, check=True)  # noqa: S603
                if round_:
                    times[name].append(time.perf_counter() - began)
    print(f"whole processes, {n} interleaved runs each, seconds (median / best)")
    for name, runs in times.items():
        print(f"{name:<42} {statistics.median(runs):>7.3f} {min(runs):>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=7, help="in-process runs of each (7)")
    parser.add_argument("--processes", type=int, default=7, help="runs of each process (7)")
    parser.add_argument(
        "--variant", action="append", help="only these in-process variants (repeatable)"
    )
    parser.add_argument(
        "--scheme", action="append", help="only these schemes: benchmark or a catalog id"
    )
    parser.add_argument("--src", type=Path, default=SRC, help="the dtbd sources (this checkout's)")
    parser.add_argument(
        "--nodes", action="store_true", help="count nodes, collects and resolutions; no timing"
    )
    args = parser.parse_args()
    print(f"{sys.executable} ({sys.version.split()[0]}), {dtbd.__file__}")
    if args.nodes:
        node_counts(args.scheme)
        return
    print(f"load {os.getloadavg()}")
    in_process(args.n, args.variant, args.scheme)
    whole_processes(args.processes, args.src)
    print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
