"""Time a fresh interpreter importing dtbd: the whole process, as a user waits for it.

Each command runs N times, the commands interleaved (so a busy spell of a shared machine
falls on all of them alike), and the median and best wall-clock seconds are printed.
``python -c "pass"`` is the floor: the interpreter's own start-up.

    python benchmarks/import_time.py [-n 15]

``--src`` (this checkout's ``src`` by default) is put on ``PYTHONPATH``; run it with the
project's Python.
For where the time goes, ``python -X importtime -c "import dtbd" 2> imp.txt``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (
    "pass",
    "import dtbd",
    "from dtbd import load_scheme, evaluate",
)

SRC = Path(__file__).resolve().parent.parent / "src"


def once(code: str, env: dict[str, str]) -> float:
    """Wall-clock seconds of one ``python -c code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)  # noqa: S603
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each command (15)")
    parser.add_argument(
        "--src", type=Path, default=SRC, help="the dtbd sources to time (this checkout's src)"
    )
    args = parser.parse_args()
    n = args.n
    env = {**os.environ, "PYTHONPATH": str(args.src)}
    # One unmeasured round: the first run of each pays for cold files and .pyc writing.
    for code in COMMANDS:
        once(code, env)
    times: dict[str, list[float]] = {code: [] for code in COMMANDS}
    for _ in range(n):
        for code in COMMANDS:
            times[code].append(once(code, env))
    print(f"{sys.executable} ({sys.version.split()[0]}), {args.src}, {n} runs each, seconds")
    print(f"{'command':<52} {'median':>7} {'best':>7}")
    for code, runs in times.items():
        shown = f'python -c "{code}"'
        print(f"{shown:<52} {statistics.median(runs):>7.3f} {min(runs):>7.3f}")


if __name__ == "__main__":
    main()
