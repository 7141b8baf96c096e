"""Both benchmarks side by side: dtbd, the hand-written queries and the floor, at several scales.

    python benchmarks/compare.py                      # 0.05, 0.25 and 1; 3 repeats
    python benchmarks/compare.py --scales 0.05 --repeat 2 --variants dtbd-polars,hand-polars

The first benchmark is ``generate.py``/``scheme.py``/``handwritten.py`` (text ids, four
tables), the second ``b2_generate.py``/``b2_scheme.toml``/``b2_handwritten.py`` (integer
ids, categoricals, denormalised attendances). Data is generated once per benchmark and
scale into ``benchmarks/data/b1-<scale>`` and ``b2-<scale>`` (git-ignored; delete a folder
to make it again).

Every run of a variant is its own subprocess (``--child``), so its peak resident memory
(``VmHWM``) is its own: the child loads the Parquet files (not timed), then times one
evaluation. Runs are interleaved: each round runs every variant once, in an order turned
by one each round (A B C, B C A, C A B …), so a slow minute of a shared machine or the
memory the kernel is still reclaiming after a large variant falls on all of them. The
tables give the median and the fastest of the repeats, the median peak memory, and each
variant's ratio to the hand-written polars query; every variant's numbers are checked
equal to it target by target (the first differences are printed). A growth table then
gives, per variant, the time and memory at the largest scale over the smallest, and dtbd's
ratio to the hand-written query at each scale.

This is a new script rather than more of ``run.py``: ``run.py`` times one benchmark's
variants on one folder (and its functions are imported by the tests and here); this one
drives two benchmarks, several scales, interleaving and the growth, which would have
doubled ``run.py``.

Targets the installed dtbd cannot read yet (scope fields other branches add) are left out
of the second benchmark on every side and named in the output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

HERE = Path(__file__).parent
AS_OF = dt.date(2025, 12, 31)
REFERENCE = "hand-polars"

# variant key -> (label, benchmarks it applies to)
VARIANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dtbd-polars": ("dtbd on polars", ("b1", "b2")),
    "dtbd-duckdb": ("dtbd on DuckDB", ("b1", "b2")),
    "dtbd-polars-4t": ("dtbd on polars, 4 tables built first", ("b2",)),
    "dtbd-duckdb-4t": ("dtbd on DuckDB, 4 tables built first", ("b2",)),
    "hand-polars": ("hand-written polars", ("b1", "b2")),
    "hand-polars-wide": ("hand-written polars, selects one by one", ("b2",)),
    "hand-polars-one_join": ("hand-written polars, all on the join", ("b2",)),
    "hand-polars-by_year": ("hand-written polars, group_by year", ("b2",)),
    "hand-polars-by_person": ("hand-written polars, group_by person", ("b2",)),
    "hand-duckdb": ("hand-written DuckDB", ("b1",)),
    "floor-scan": ("floor: one scan of the columns read", ("b1", "b2")),
    "floor-join": ("floor: the join of the columns read", ("b1", "b2")),
}
DEFAULT = ("dtbd-polars", "dtbd-duckdb", "dtbd-polars-4t", "dtbd-duckdb-4t", "hand-polars",
           "hand-duckdb", "floor-scan", "floor-join")  # fmt: skip


# -- data -------------------------------------------------------------------------------
def folder(data: Path, bench: str, scale: float) -> Path:
    """Where a benchmark's data at ``scale`` lives."""
    return data / f"{bench}-{scale:g}"


def ensure_data(data: Path, bench: str, scale: float) -> Path:
    """Generate the data once (in a subprocess, so the parent stays small)."""
    out = folder(data, bench, scale)
    if not (out / "attendances.parquet").exists():
        script = HERE / ("generate.py" if bench == "b1" else "b2_generate.py")
        print(f"generating {out} …", flush=True)
        subprocess.run(  # noqa: S603  -- our own script
            [sys.executable, str(script), "--scale", str(scale), "--out", str(out)], check=True
        )
    return out


def _tables(path: Path) -> dict[str, pl.DataFrame]:
    return {p.stem: pl.read_parquet(p) for p in sorted(path.glob("*.parquet"))}


def _duckdb(frames: dict[str, pl.DataFrame]) -> Any:  # noqa: ANN401
    import duckdb  # noqa: PLC0415  -- the variant's own engine

    con = duckdb.connect()
    for name, frame in frames.items():
        con.register(f"{name}_arrow", frame.to_arrow())
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_arrow")  # noqa: S608
        con.unregister(f"{name}_arrow")
    return con


# -- the floors of the first benchmark ---------------------------------------------------
def _b1_floor(tables: dict[str, pl.DataFrame], *, join: bool) -> int:
    from b2_handwritten import summed  # noqa: PLC0415

    rows = tables["attendances"].lazy().select("person", "course", "outcome")
    if join:
        courses = (
            tables["courses"]
            .lazy()
            .select(
                "id", "start", "study_days", "activity", "format", "location", "lead", "topics"
            )
        )
        persons = (
            tables["persons"]
            .lazy()
            .select("id", "birth_date", "gender", "category", "level", "unit", "qualifications")
        )
        rows = rows.join(courses, left_on="course", right_on="id").join(
            persons, left_on="person", right_on="id"
        )
    schema = rows.collect_schema()
    return len(rows.select(summed(c, schema[c]) for c in schema).collect().columns)


def _nothing(_columns: int) -> dict[Any, Any]:
    """A floor's numbers: none to compare (it computes no target)."""
    return {}


# -- one run ----------------------------------------------------------------------------
def _prepare(bench: str, variant: str, path: Path) -> Callable[[], dict[Any, Any]]:
    """Load what ``variant`` needs (not timed); return the timed evaluation."""
    from run import dtbd_numbers  # noqa: PLC0415

    import dtbd  # noqa: PLC0415

    tables = _tables(path)
    if bench == "b1":
        import handwritten  # noqa: PLC0415
        from scheme import scheme  # noqa: PLC0415

        chosen_scheme = scheme()
        by_engine = {
            "hand-polars": lambda: handwritten.polars_numbers(tables, AS_OF),
            "floor-scan": lambda: _nothing(_b1_floor(tables, join=False)),
            "floor-join": lambda: _nothing(_b1_floor(tables, join=True)),
        }
        dtbd_frames = tables
    else:
        import b2_handwritten  # noqa: PLC0415
        from b2_scheme import scheme  # noqa: PLC0415
        from b2_shapes import native, three_tables  # noqa: PLC0415

        chosen_scheme = scheme()
        ids = [t.id for t in chosen_scheme.all_targets()]
        by_engine = {
            "floor-scan": lambda: _nothing(b2_handwritten.floor_scan(tables)),
            "floor-join": lambda: _nothing(b2_handwritten.floor_join(tables)),
        }
        for form in ("wide", "one_join", "by_year", "by_person", ""):
            key = f"hand-polars-{form}" if form else "hand-polars"
            by_engine[key] = lambda form=form: b2_handwritten.polars_numbers(
                tables, AS_OF, ids, form=form or "collect_all"
            )
        dtbd_frames = three_tables(tables) if variant.endswith("-4t") else native(tables)
    if variant in by_engine:
        return by_engine[variant]
    if variant == "hand-duckdb":
        import handwritten  # noqa: PLC0415

        con = _duckdb(tables)
        return lambda: handwritten.duckdb_numbers(con, AS_OF)
    if variant.startswith("dtbd-duckdb"):
        con = _duckdb(dtbd_frames)
        relations = {name: con.table(name) for name in dtbd_frames}
        return lambda: dtbd_numbers(dtbd.evaluate(chosen_scheme, relations, AS_OF))
    return lambda: dtbd_numbers(dtbd.evaluate(chosen_scheme, dtbd_frames, AS_OF))


def _child(bench: str, variant: str, path: Path) -> None:
    from run import listed, peak_rss, rss  # noqa: PLC0415

    try:
        evaluate = _prepare(bench, variant, path)
        loaded = rss()
        began = time.perf_counter()
        numbers = evaluate()
        seconds = time.perf_counter() - began
    except Exception as error:  # noqa: BLE001  -- reported in the table, not fatal
        print(json.dumps({"error": f"{type(error).__name__}: {error}"[:300]}))
        return
    found = {"seconds": seconds, "peak": peak_rss(), "loaded": loaded, "numbers": listed(numbers)}
    print(json.dumps(found))


def run_once(bench: str, variant: str, path: Path, timeout: float) -> dict[str, Any]:
    """One run of one variant in its own process."""
    command = [sys.executable, __file__, "--child", bench, variant, str(path)]
    try:
        out = subprocess.run(  # noqa: S603  -- our own script
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:g} s"}
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        return {"error": f"exit {out.returncode}: {out.stderr.strip()[-300:]}"}
    return json.loads(lines[-1])


# -- the tables -------------------------------------------------------------------------
def differences(numbers: list[list[Any]], reference: list[list[Any]], first: int = 5) -> list[str]:
    """The first targets whose numbers differ from the reference's, as lines of text."""
    mine = {(r[0], r[1]): (r[2], r[3]) for r in numbers}
    theirs = {(r[0], r[1]): (r[2], r[3]) for r in reference}
    keys = sorted(set(mine) | set(theirs), key=lambda k: (k[0], k[1]))
    found = [f"{k[0]} {k[1] or 'total'}: {mine.get(k)} against {theirs.get(k)}"
             for k in keys if mine.get(k) != theirs.get(k)]  # fmt: skip
    return [*found[:first], *([f"… {len(found) - first} more"] if len(found) > first else [])]


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median and min seconds, median peak and work memory of a variant's good runs."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return {"error": runs[-1]["error"]}
    return {
        "median": statistics.median(r["seconds"] for r in good),
        "min": min(r["seconds"] for r in good),
        "peak": statistics.median(r["peak"] for r in good),
        "work": statistics.median(r["peak"] - r["loaded"] for r in good),
        "runs": len(good),
        "numbers": good[0]["numbers"],
    }


def print_table(bench: str, scale: float, results: dict[str, dict[str, Any]]) -> bool:
    """One benchmark at one scale; returns whether every variant's numbers are equal."""
    reference = results.get(REFERENCE, {})
    base = reference.get("median")
    print(f"\n{bench} at scale {scale:g}  (ratios to {VARIANTS[REFERENCE][0]})")
    print(f"{'variant':<42}{'median s':>10}{'min s':>8}{'× hand':>8}{'peak MiB':>10}"
          f"{'× hand':>8}{'work MiB':>10}  numbers")  # fmt: skip
    equal = True
    for variant, r in results.items():
        label = VARIANTS[variant][0]
        if "error" in r:
            print(f"{label:<42}  failed: {r['error']}")
            equal = False
            continue
        ratio = f"{r['median'] / base:>8.2f}" if base else f"{'':>8}"
        peak = f"{r['peak'] / reference['peak']:>8.2f}" if base else f"{'':>8}"
        check, diff = "—", []
        if variant.startswith(("dtbd", "hand")) and "numbers" in reference:
            diff = differences(r["numbers"], reference["numbers"])
            check = "equal" if not diff else "DIFFER, first:"
            equal = equal and not diff
        print(
            f"{label:<42}{r['median']:>10.2f}{r['min']:>8.2f}{ratio}"
            f"{r['peak'] / 2**20:>10,.0f}{peak}{r['work'] / 2**20:>10,.0f}  {check}"
        )
        for line in diff:
            print(f"    {line}")
    return equal


def print_growth(bench: str, by_scale: dict[float, dict[str, dict[str, Any]]]) -> None:
    """Time and memory from the smallest scale to the largest, per variant."""
    scales = sorted(by_scale)
    if len(scales) < 2:
        return
    low, high = scales[0], scales[-1]
    print(f"\n{bench}: growth from scale {low:g} to {high:g} (the data grows {high / low:g}×)")
    heads = "".join(f"{f'× hand @{s:g}':>14}" for s in scales)
    print(f"{'variant':<42}{'time ×':>8}{'peak ×':>8}{'work ×':>8}{heads}")
    for variant in by_scale[high]:
        a, b = by_scale[low].get(variant, {}), by_scale[high][variant]
        if "median" not in a or "median" not in b:
            continue
        ratios = ""
        for s in scales:
            r, hand = by_scale[s].get(variant, {}), by_scale[s].get(REFERENCE, {})
            ok = "median" in r and "median" in hand
            ratios += f"{r['median'] / hand['median']:>14.2f}" if ok else f"{'':>14}"
        work = b["work"] / a["work"] if a["work"] > 0 else float("nan")
        print(f"{VARIANTS[variant][0]:<42}{b['median'] / a['median']:>8.1f}"
              f"{b['peak'] / a['peak']:>8.1f}{work:>8.1f}{ratios}")  # fmt: skip


def main() -> None:
    """Command line: ``--scales``, ``--repeat``, ``--variants``, ``--benchmarks``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="0.05,0.25,1", help="comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each variant")
    parser.add_argument("--variants", default=",".join(DEFAULT),
                        help=f"comma-separated, of: {', '.join(VARIANTS)}")  # fmt: skip
    parser.add_argument("--benchmarks", default="b1,b2")
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds a run may take")
    parser.add_argument("--json", type=Path, help="write every run here (after each scale)")
    parser.add_argument("--report", type=Path, nargs="+", help="print the tables of saved runs")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        bench, variant, path = args.child
        _child(bench, variant, Path(path))
        return
    if args.report:
        runs: Runs = {}
        for saved in args.report:
            for bench, by in json.loads(saved.read_text()).items():
                runs.setdefault(bench, {}).update({float(s): r for s, r in by.items()})
        equal = report(runs)
    else:
        chosen = args.variants.split(",")
        if unknown := [v for v in chosen if v not in VARIANTS]:
            parser.error(f"unknown variants {unknown}; choose from {', '.join(VARIANTS)}")
        if REFERENCE not in chosen:
            chosen.insert(0, REFERENCE)  # the numbers and ratios are checked against it
        _note_dropped()
        scales = [float(s) for s in args.scales.split(",")]
        equal = measure(args, args.benchmarks.split(","), scales, chosen)
    if not equal:
        sys.exit("some variants failed or their numbers differ (see above)")


Runs = dict[str, dict[float, dict[str, list[dict[str, Any]]]]]


def measure(args: argparse.Namespace, benches: list[str], scales: list[float],
            chosen: list[str]) -> bool:  # fmt: skip
    """Run every variant ``args.repeat`` times, interleaved; print the tables as they come."""
    all_runs: Runs = {}
    equal = True
    for bench in benches:
        variants = [v for v in chosen if bench in VARIANTS[v][1]]
        for scale in scales:
            path = ensure_data(args.data, bench, scale)
            runs: dict[str, list[dict[str, Any]]] = {v: [] for v in variants}
            for round_ in range(args.repeat):
                turn = round_ % len(variants)
                for variant in variants[turn:] + variants[:turn]:
                    runs[variant].append(run_once(bench, variant, path, args.timeout))
            all_runs.setdefault(bench, {})[scale] = runs
            results = {v: summarise(runs[v]) for v in variants}
            equal = print_table(bench, scale, results) and equal
            sys.stdout.flush()
            if args.json:
                args.json.write_text(json.dumps({b: {str(s): r for s, r in by.items()}
                                                 for b, by in all_runs.items()}))  # fmt: skip
        print_growth(bench, {s: {v: summarise(r) for v, r in by.items()}
                             for s, by in all_runs[bench].items()})  # fmt: skip
    return equal


def report(all_runs: Runs) -> bool:
    """The tables and the growth of saved runs."""
    equal = True
    for bench, by_scale in all_runs.items():
        summaries = {s: {v: summarise(r) for v, r in by.items()} for s, by in by_scale.items()}
        for scale in sorted(summaries):
            equal = print_table(bench, scale, summaries[scale]) and equal
        print_growth(bench, summaries)
    return equal


def _note_dropped() -> None:
    from b2_scheme import supported  # noqa: PLC0415

    _, dropped = supported()
    if dropped:
        print(f"b2: the installed dtbd lacks scope fields of {len(dropped)} targets, left out "
              f"on every side: {', '.join(sorted(dropped))}")  # fmt: skip


if __name__ == "__main__":
    main()
