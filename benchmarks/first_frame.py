"""Time the first frame check of a process: ``import dtbd``, then one small frame read.

The id check over frames is a regular expression of the code points that do not show
(``records._frame_checks``); its character class is built once, on the first frame. This
times, in fresh interpreters, ``import dtbd`` and then ``frames(persons=...).unread()``
of a polars frame of three persons (polars imported before, not timed), the first and a
second time, so that a fixed cost added to the first frame of every process shows.

    python benchmarks/first_frame.py [-n 11]

Run it with the project's Python; ``--src`` (this checkout's ``src`` by default) is put on
``PYTHONPATH``. Numbers: median and best of ``-n`` runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
_IDS = {"clean ids": "p2", "an id with a newline": "p2\n"}
"""The second person's id: every id read, or one refused (the error path runs too)."""

_CHILD = """
import sys, time
t0 = time.perf_counter()
import dtbd
t1 = time.perf_counter()
import polars as pl
t1 = time.perf_counter(), t1
persons = pl.DataFrame({"id": ["p1", sys.argv[1], "p3"], "unit": ["a", "b", "c"]})
first = dtbd.frames(persons=persons).unread("persons")
t2 = time.perf_counter()
t1, imported = t1
dtbd.frames(persons=persons).unread("persons")
t3 = time.perf_counter()
import json
times = {"import": imported - t0, "first": t2 - t1, "second": t3 - t2}
print(json.dumps({**times, "refused": len(first)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=11, help="runs (default 11)")
    parser.add_argument("--src", type=Path, default=SRC)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src)}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in _IDS}
    for _ in range(args.n):  # interleaved: a busy spell of the machine falls on both
        for name, second_id in _IDS.items():
            out = subprocess.run(  # noqa: S603
                [sys.executable, "-W", "ignore", "-c", _CHILD, second_id],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs[name].append(json.loads(out))
    for name, found in runs.items():
        print(f"{name} (rows refused: {found[0]['refused']:.0f})")
        for key in ("import", "first", "second"):
            times = [r[key] * 1000 for r in found]
            median, best = statistics.median(times), min(times)
            print(f"  {key:>7}: median {median:7.1f} ms, best {best:7.1f} ms")


if __name__ == "__main__":
    main()
