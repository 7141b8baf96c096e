"""Generate a national-scale synthetic record set as Parquet (seeded, vectorised).

At ``--scale 1``: 2.5 million persons, 20 million attendances over 2021-2025, 500,000
courses and one spending line per course. ``--scale 0.01`` makes a small version fast.

    python benchmarks/generate.py --scale 1 --out benchmarks/data/full
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

PERSONS = 2_500_000
ATTENDANCES = 20_000_000
PER_COURSE = 40
START = dt.date(2021, 1, 1)
DAYS = (dt.date(2025, 12, 31) - START).days + 1
EPOCH_1966 = (dt.date(1966, 1, 1) - dt.date(1970, 1, 1)).days

CATEGORIES = ["cadre", "civil_servant", "public_employee", "commune_cadre",
              "part_time_commune", "council_delegate"]  # fmt: skip
LEVELS = ["central", "province", "district", "commune"]
UNITS = [f"T{n:02d}" for n in range(1, 64)]
TOPICS = ["luat", "tin-hoc", "ngoai-ngu", "quan-ly", "ly-luan", "dao-duc", "so-hoa",
          "tai-chinh", "y-te", "giao-duc"]  # fmt: skip
LEADS = ["so-noi-vu", "so-tai-chinh", "so-khcn", "so-gddt", "so-y-te", "so-tu-phap",
         "so-tnmt", "so-xay-dung", "so-cong-thuong", "so-nnptnt"]  # fmt: skip
QUALIFICATIONS = ["", "", "", "thac-si", "ly-luan-cao-cap", "thac-si;ly-luan-cao-cap", "tin-hoc"]


def _pick(rng: np.random.Generator, choices: list[str], size: int) -> pl.Series:
    return pl.Series(np.array(choices, dtype=object)[rng.integers(len(choices), size=size)])


def _ids(prefix: str, numbers: pl.Expr, width: int) -> pl.Expr:
    return pl.lit(prefix) + numbers.cast(pl.String).str.zfill(width)


def generate(scale: float, seed: int = 2025) -> dict[str, pl.DataFrame]:
    """The four tables at ``scale`` (1 = national), the same for the same seed."""
    rng = np.random.default_rng(seed)
    n_persons = max(int(PERSONS * scale), 10)
    n_att = max(int(ATTENDANCES * scale), 40)
    n_courses = max(n_att // PER_COURSE, 5)
    born = rng.integers(-365 * 45, 365 * 15, size=n_persons)  # days after 1966-01-01
    persons = pl.DataFrame(
        {
            "n": np.arange(n_persons),
            "birth_date": pl.Series(born).cast(pl.Int32) + EPOCH_1966,
            "gender": _pick(rng, ["female", "male"], n_persons),
            "category": _pick(rng, CATEGORIES, n_persons),
            "level": _pick(rng, LEVELS, n_persons),
            "unit": _pick(rng, UNITS, n_persons),
            "qualifications": _pick(rng, QUALIFICATIONS, n_persons),
        }
    ).select(
        _ids("p", pl.col("n"), 8).alias("id"),
        pl.col("birth_date").cast(pl.Date),
        "gender", "category", "level", "unit",
        pl.when(pl.col("qualifications") == "").then(None).otherwise(pl.col("qualifications"))
        .alias("qualifications"),
    )  # fmt: skip
    first = rng.integers(len(TOPICS), size=n_courses)
    second = rng.integers(len(TOPICS), size=n_courses)
    topics = np.array(TOPICS, dtype=object)
    courses = pl.DataFrame(
        {
            "n": np.arange(n_courses),
            "start": pl.Series(rng.integers(0, DAYS, size=n_courses)).cast(pl.Int32)
            + (START - dt.date(1970, 1, 1)).days,
            "study_days": rng.integers(1, 31, size=n_courses),
            "activity": _pick(rng, ["fostering"] * 7 + ["training"] * 3, n_courses),
            "format": _pick(rng, ["full_time", "part_time", "online"], n_courses),
            "location": _pick(rng, ["domestic"] * 19 + ["abroad"], n_courses),
            "lead": _pick(rng, LEADS, n_courses),
            "t1": pl.Series(topics[first]),
            "t2": pl.Series(topics[second]),
            "two": rng.random(n_courses) < 0.3,
        }
    ).select(
        _ids("k", pl.col("n"), 7).alias("id"),
        pl.col("start").cast(pl.Date),
        "study_days", "activity", "format", "location",
        pl.when(pl.col("location") == "abroad").then(pl.lit("JP")).alias("country"),
        "lead",
        pl.when(pl.col("two")).then(pl.col("t1") + ";" + pl.col("t2")).otherwise(pl.col("t1"))
        .alias("topics"),
    )  # fmt: skip
    attendances = (
        pl.DataFrame(
            {
                "p": rng.integers(n_persons, size=n_att),
                "c": rng.integers(n_courses, size=n_att),
                "outcome": _pick(rng, ["completed"] * 18 + ["withdrawn", "failed"], n_att),
            }
        )
        .select(
            _ids("p", pl.col("p"), 8).alias("person"),
            _ids("k", pl.col("c"), 7).alias("course"),
            "outcome",
        )
        .unique(["person", "course"], keep="first", maintain_order=True)
    )
    # A person attends a course once: a second draw of the pair would be a copied row,
    # which dtbd refuses (docs/records.md), and the hand-written queries would count.
    spending = courses.select(
        _ids("s", pl.int_range(pl.len()), 7).alias("id"),
        pl.col("start").alias("date"),
        (pl.Series(rng.integers(10, 500, size=n_courses)) * 1_000_000).alias("amount"),
        pl.col("id").alias("course"),
    )
    return {
        "persons": persons,
        "courses": courses,
        "attendances": attendances,
        "spending": spending,
    }


def write(tables: dict[str, pl.DataFrame], out: Path) -> None:
    """Write each table as ``out/<table>.parquet``."""
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_parquet(out / f"{name}.parquet")


def main() -> None:
    """Command line: ``--scale`` and ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data/small"))
    args = parser.parse_args()
    write(generate(args.scale, args.seed), args.out)


if __name__ == "__main__":
    main()
