"""Costs linear in the input: each case at 1x and 10x its size, interleaved, medians and ratio.

A cost that grows linearly shows a ratio near 10; one that grows with the square, near
100. The runs of the two sizes alternate (1x, 10x, 1x, ...) so that a slow spell of the
machine falls on both. Run by hand; the numbers go to docs/performance.md.

    PYTHONPATH=src python benchmarks/costs.py [--repeat 5] [--quick]

Cases:

- ``errors``: loading a scheme file of N targets with one duplicate id (the error path
  collects every mistake, so it checks every target), N = 100 and 1,000;
- ``evaluate``: ``dtbd.evaluate`` of N flat targets over the same records, N = 400 and
  4,000;
- ``audit``: ``dtbd.audit`` of N targets with two parts each and a budget line per
  target, N = 200 and 2,000;
- ``overlap``: ``dtbd.check`` of one ``no_overlap`` rule over A attendances (persons in
  20 courses each, some overlapping), A = 20,000 and 200,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

import dtbd
from dtbd import (
    Attendance,
    Budget,
    BudgetLine,
    Course,
    Figure,
    Period,
    Person,
    Records,
    Rule,
    Scheme,
    Target,
)

Case = Callable[[int], Callable[[], object]]


def errors(n: int) -> Callable[[], object]:
    lines = ['id = "s"', 'title = "S"', 'period = { start = "2023-01-01", end = "2025-12-31" }']
    for i in range(n):
        lines += ["[[targets]]", f'id = "t{i}"', f'label = "T {i}"', 'figure = "100 người"']
    lines[-3] = 'id = "t0"'  # the last target repeats the first one's id
    text = "\n".join(lines)

    def run() -> object:
        try:
            dtbd.loads_scheme(text)
        except dtbd.SchemeFileError as exc:
            return exc.problems
        raise AssertionError("the duplicate was not found")

    return run


def evaluate(n: int) -> Callable[[], object]:
    targets = [Target(f"t{i}", f"T {i}", Figure.parse("100 lượt")) for i in range(n)]
    scheme = Scheme("s", "S", Period.of_years(2023, 2025), targets=targets)
    records = dtbd.example_records(Scheme("s", "S", scheme.period, targets=targets[:3]))
    return lambda: dtbd.evaluate(scheme, records, dt.date(2025, 6, 30))


def audit(n: int) -> Callable[[], object]:
    targets = [
        Target(
            f"t{i}",
            f"T {i}",
            Figure.parse("100 lượt"),
            parts=[
                Target(f"t{i}a", "A", Figure.parse("40 lượt")),
                Target(f"t{i}b", "B", Figure.parse("70 lượt")),
            ],
        )
        for i in range(n)
    ]
    lines = [BudgetLine(f"l{i}", "L", Figure.parse("1 tỷ đồng"), target=f"t{i}") for i in range(n)]
    budget = Budget(Figure.parse(f"{n} tỷ đồng"), lines=lines)
    scheme = Scheme("s", "S", Period.of_years(2023, 2025), targets=targets, budget=budget)
    return lambda: dtbd.audit(scheme)


def overlap(attendances: int) -> Callable[[], object]:
    per_person, courses_n = 20, 400
    start = dt.date(2023, 1, 1)
    courses = [
        Course(f"k{j}", start + dt.timedelta(days=2 * j), study_days=3) for j in range(courses_n)
    ]
    persons = attendances // per_person
    records = Records(
        persons=[Person(f"p{i}") for i in range(persons)],
        courses=courses,
        attendances=[
            Attendance(f"p{i}", f"k{(i * 7 + 3 * j) % courses_n}")
            for i in range(persons)
            for j in range(per_person)
        ],
    )
    rule = Rule("r", "no_overlap", "Không học hai chương trình cùng lúc")
    return lambda: dtbd.check([rule], records)


CASES: dict[str, tuple[Case, int]] = {
    "errors": (errors, 100),
    "evaluate": (evaluate, 400),
    "audit": (audit, 200),
    "overlap": (overlap, 20_000),
}


def _seconds(run: Callable[[], object]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def measure(case: Case, size: int, repeat: int) -> tuple[float, float]:
    """Median seconds at ``size`` and at ten times it, the runs interleaved."""
    small, large = case(size), case(10 * size)
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(repeat):
        times[False].append(_seconds(small))
        times[True].append(_seconds(large))
    return statistics.median(times[False]), statistics.median(times[True])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a tenth of each size")
    parser.add_argument("cases", nargs="*", metavar="case", help=", ".join(CASES))
    args = parser.parse_args()
    if unknown := set(args.cases) - set(CASES):
        known = ", ".join(CASES)
        parser.error(f"unknown case {', '.join(sorted(unknown))}; the cases are {known}")
    print(f"{'case':<10} {'1x':>10} {'10x':>10} {'ratio':>7}")
    for name in args.cases or CASES:
        case, size = CASES[name]
        size = max(size // 10, 10) if args.quick else size
        one, ten = measure(case, size, args.repeat)
        print(f"{name:<10} {one:>9.3f}s {ten:>9.3f}s {ten / one:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
