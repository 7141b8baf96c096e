"""Time dtbd.evaluate on Dask and on PySpark (local mode) over the first benchmark's data.

The data are ``benchmarks/generate.py``'s tables at ``--scale`` (0.25 by default), written
as Parquet once (or read from ``--data``). Each engine runs in its own subprocess, reads
the Parquet files lazily (``dd.read_parquet``, ``spark.read.parquet``) and times one
evaluation; its numbers are checked equal to ``handwritten.polars_numbers``. Peak RSS is
the subprocess's own, plus, for Spark, that of its JVM (the driver, which runs the
executors in local mode): the sum of the two peaks.

    python benchmarks/cluster.py --scale 0.05
    python benchmarks/cluster.py --data benchmarks/data/quarter --engines spark
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl
from generate import generate, write
from handwritten import polars_numbers
from run import AS_OF, TABLES, dtbd_numbers, listed, peak_rss
from scheme import scheme

import dtbd

ENGINES = ("dask", "spark")


def _dask(data: Path, _memory: str) -> dict[str, Any]:
    import dask.dataframe as dd  # noqa: PLC0415  -- the variant's own engine

    # Arrow dtypes: integer columns with gaps stay integers, text stays Arrow strings.
    return {
        name: dd.read_parquet(data / f"{name}.parquet", dtype_backend="pyarrow") for name in TABLES
    }


def _spark(data: Path, memory: str) -> dict[str, Any]:
    from pyspark.sql import SparkSession  # noqa: PLC0415  -- the variant's own engine

    cores = os.cpu_count() or 2
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("dtbd-benchmark")
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(2 * cores))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return {name: session.read.parquet(str(data / f"{name}.parquet")) for name in TABLES}


def _children_peak() -> int:
    """The peak RSS (VmHWM) of this process's children, in bytes: Spark's JVM."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(os.getpid()) and "VmHWM" in fields:
            total += int(fields["VmHWM"].split()[0]) * 1024
    return total


def _child(engine: str, data: Path, memory: str) -> None:
    frames = {"dask": _dask, "spark": _spark}[engine](data, memory)
    began = time.perf_counter()
    numbers = dtbd_numbers(dtbd.evaluate(scheme(), frames, AS_OF))
    seconds = time.perf_counter() - began
    peak = peak_rss() + _children_peak()
    print(json.dumps({"seconds": seconds, "peak": peak, "numbers": listed(numbers)}))


def main() -> None:
    """Run each engine in a subprocess, check its numbers and print seconds and memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--data", type=Path, help="Parquet files of generate.py (else made)")
    parser.add_argument("--engines", nargs="*", default=list(ENGINES), choices=ENGINES)
    parser.add_argument("--memory", default="4g", help="Spark's driver memory (local mode)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.data, args.memory)
        return
    with tempfile.TemporaryDirectory(prefix="dtbd-cluster-") as scratch:
        data = args.data
        if data is None:
            data = Path(scratch)
            write(generate(args.scale, args.seed), data)
        tables = {name: pl.read_parquet(data / f"{name}.parquet") for name in TABLES}
        expected = sorted(listed(polars_numbers(tables, AS_OF)))
        rows = {name: frame.height for name, frame in tables.items()}
        del tables
        print(f"data: {data if args.data else f'scale {args.scale}'}; rows: {rows}")
        print(f"{'engine':<8}{'seconds':>10}{'peak RSS MiB':>14}  numbers equal")
        failed = False
        for engine in args.engines:
            out = subprocess.run(  # noqa: S603  -- our own script
                [sys.executable, __file__, "--data", str(data), "--memory", args.memory,
                 "--child", engine],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            found = json.loads(out.stdout.strip().splitlines()[-1])
            equal = sorted(found["numbers"]) == expected
            failed = failed or not equal
            print(f"{engine:<8}{found['seconds']:>10.2f}{found['peak'] / 2**20:>14,.0f}  {equal}")
    if failed:
        sys.exit("an engine's numbers differ from the hand-written polars query's")


if __name__ == "__main__":
    main()
