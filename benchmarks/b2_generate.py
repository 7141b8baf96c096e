"""Second benchmark's data: a national roster and denormalised attendances (seeded, vectorised).

Written independently of ``generate.py`` and of another shape. At ``--scale 1``:

- **persons.parquet**: 3 million persons on the roster, integer ids (``Int64``, not
  consecutive), birth dates 1961-2003, ``Enum`` columns for gender, category and level, a
  ``Categorical`` unit (63 provinces × 12 agencies), qualifications as ``;`` text. About a
  third of them attend anything in 2020-2026.
- **attendances.parquet**: about 20 million rows, one per person and course, each carrying
  its course's attributes (no courses table): integer ``course`` ids (``Int32``),
  ``start``, ``end``, ``course_study_days``, ``activity``/``format``/``location`` as
  ``Enum``, ``lead`` and ``content`` as ``Categorical``, ``topics`` as ``;`` text, the
  course's ``course_cost`` (the same on each of its rows, null for a tenth of the courses)
  and this attendance's own ``cost`` (null for most rows), ``outcome`` as ``Enum``.

Course sizes are lognormal (median 16, a long tail of online courses with thousands),
persons attend with a skew (a few attend dozens of courses, most once or twice), a
twentieth of the courses start in 2020 and a hundredth in 2026 (outside the window and
after the evaluation date), and the rows come course by course, as class lists are typed.

    python benchmarks/b2_generate.py --scale 0.05 --out benchmarks/data/b2-0.05
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

PERSONS = 3_000_000
ATTENDANCES = 20_000_000
ATTENDING = 0.34  # the share of the roster that attends at all
EPOCH = dt.date(1970, 1, 1)

GENDERS = pl.Enum(["female", "male"])
CATEGORIES = pl.Enum(["cadre", "civil_servant", "public_employee", "commune_cadre",
                      "part_time_commune", "council_delegate"])  # fmt: skip
CATEGORY_WEIGHTS = [0.06, 0.22, 0.48, 0.12, 0.08, 0.04]
LEVELS = pl.Enum(["central", "province", "district", "commune"])
LEVEL_WEIGHTS = [0.08, 0.32, 0.30, 0.30]
ACTIVITIES = pl.Enum(["fostering", "training"])
FORMATS = pl.Enum(["full_time", "part_time", "online"])
LOCATIONS = pl.Enum(["domestic", "abroad"])
OUTCOMES = pl.Enum(["completed", "enrolled", "failed", "withdrawn"])
PROVINCES = [f"{n:02d}" for n in range(1, 64)]
AGENCIES = [
    "snv",
    "stc",
    "skhdt",
    "stp",
    "syt",
    "sgd",
    "stnmt",
    "sxd",
    "sct",
    "snn",
    "ubnd",
    "hdnd",
]
UNITS = [f"{p}-{a}" for p in PROVINCES for a in AGENCIES]
LEADS = [f"{a}-{p}" for a in ("bnv", "btc", "btp", "hvctqg", "snv") for p in ("a", "b", "c")] + [
    "hv-hanh-chinh", "truong-chinh-tri", "dai-hoc-luat", "dai-hoc-ktqd", "trung-tam-tin-hoc",
]  # fmt: skip
TOPICS = ["qlnn", "ly-luan", "chuyen-doi-so", "tin-hoc", "ngoai-ngu", "phap-luat",
          "dao-duc-cong-vu", "lanh-dao", "tai-chinh-cong", "dat-dai", "y-te", "giao-duc",
          "quoc-phong", "dan-toc"]  # fmt: skip
CONTENTS = 900  # content keys: courses teaching the same programme share one
QUALIFICATIONS = [None, None, None, None, "dai-hoc", "thac-si", "tien-si",
                  "cao-cap-ly-luan", "thac-si;cao-cap-ly-luan", "trung-cap-ly-luan"]  # fmt: skip


def _days(day: dt.date) -> int:
    return (day - EPOCH).days


def _choose(
    rng: np.random.Generator, values: list[str | None], size: int, p: list[float] | None = None
) -> pl.Series:
    """``size`` draws from ``values`` as text (gathered in polars, never Python objects)."""
    return pl.Series(values, dtype=pl.String).gather(rng.choice(len(values), size=size, p=p))


def _persons(rng: np.random.Generator, n: int) -> pl.DataFrame:
    ids = 790_000_000 + rng.permutation(n).astype(np.int64) * 7 + rng.integers(7, size=n)
    born = rng.integers(_days(dt.date(1961, 1, 1)), _days(dt.date(2003, 12, 31)), size=n)
    return pl.DataFrame(
        {
            "id": pl.Series(ids, dtype=pl.Int64),
            "birth_date": pl.Series(born.astype(np.int32)).cast(pl.Date),
            "gender": _choose(rng, list(GENDERS.categories), n).cast(GENDERS),
            "category": _choose(rng, list(CATEGORIES.categories), n, CATEGORY_WEIGHTS).cast(
                CATEGORIES
            ),
            "level": _choose(rng, list(LEVELS.categories), n, LEVEL_WEIGHTS).cast(LEVELS),
            "unit": _choose(rng, UNITS, n).cast(pl.Categorical),
            "qualifications": _choose(rng, QUALIFICATIONS, n),
        }
    )


def _course_sizes(rng: np.random.Generator, n_att: int) -> np.ndarray:
    """Lognormal course sizes adding up to ``n_att`` (the last course cut to fit)."""
    sizes = np.ceil(rng.lognormal(2.8, 1.25, size=max(n_att // 10, 20))).astype(np.int64)
    sizes = np.minimum(sizes, 6000)
    ends = np.cumsum(sizes)
    count = int(np.searchsorted(ends, n_att)) + 1
    sizes = sizes[:count]
    sizes[-1] -= int(ends[count - 1]) - n_att
    return sizes[sizes > 0]


def _courses(rng: np.random.Generator, n: int) -> pl.DataFrame:
    """Each course's attributes, one row per course in order of start."""
    year = rng.choice(np.arange(2020, 2027), size=n,
                      p=[0.05, 0.17, 0.19, 0.19, 0.20, 0.19, 0.01])  # fmt: skip
    first = np.array([_days(dt.date(int(y), 1, 1)) for y in range(2020, 2027)])
    start = np.sort(first[year - 2020] + rng.integers(0, 365, size=n))
    days = np.minimum(np.ceil(rng.exponential(6.0, size=n)), 120).astype(np.int32)
    n_topics = rng.choice([1, 2, 3], size=n, p=[0.55, 0.35, 0.10])
    picks = rng.integers(len(TOPICS), size=(n, 3))
    names = np.array(TOPICS, dtype=object)
    topics = names[picks[:, 0]]
    for k in (1, 2):
        more = (n_topics > k) & (picks[:, k] != picks[:, 0])
        topics = np.where(more, topics + ";" + names[picks[:, k]], topics)
    cost = pl.Series(rng.integers(5, 800, size=n).astype(np.int64) * 1_000_000)
    contents = [f"nd{k:04d}" for k in range(CONTENTS)]
    return pl.DataFrame(
        {
            "start": pl.Series(start.astype(np.int32)).cast(pl.Date),
            "course_study_days": days,
            "activity": _choose(rng, ["fostering", "training"], n, [0.8, 0.2]).cast(ACTIVITIES),
            "format": _choose(
                rng, ["full_time", "part_time", "online"], n, [0.5, 0.35, 0.15]
            ).cast(FORMATS),
            "location": _choose(rng, ["domestic", "abroad"], n, [0.97, 0.03]).cast(LOCATIONS),
            "lead": _choose(rng, LEADS, n).cast(pl.Categorical),
            "topics": pl.Series(topics, dtype=pl.String),
            "content": pl.Series(contents, dtype=pl.String)
            .gather(rng.zipf(1.3, size=n) % CONTENTS)
            .cast(pl.Categorical),
            "course_cost": cost.set(pl.Series(rng.random(n) < 0.1), None),  # type: ignore[arg-type]
        }
    )


def _attendees(rng: np.random.Generator, n_persons: int, n_att: int) -> np.ndarray:
    """Row indices into the roster, one per attendance: a skewed draw from the attenders."""
    attenders = rng.choice(n_persons, size=max(int(n_persons * ATTENDING), 1), replace=False)
    weights = rng.lognormal(0.0, 1.0, size=attenders.size)
    cumulative = np.cumsum(weights)
    drawn = np.searchsorted(cumulative, rng.random(n_att) * cumulative[-1])
    return attenders[np.minimum(drawn, attenders.size - 1)]


def generate(scale: float, seed: int = 12) -> dict[str, pl.DataFrame]:
    """The roster and the attendances at ``scale`` (1 = national), the same for one seed."""
    rng = np.random.default_rng(seed)
    n_persons = max(int(PERSONS * scale), 30)
    n_att = max(int(ATTENDANCES * scale), 200)
    persons = _persons(rng, n_persons)
    sizes = _course_sizes(rng, n_att)
    courses = _courses(rng, sizes.size).with_row_index("n")
    which = pl.Series(np.repeat(np.arange(sizes.size, dtype=np.int64), sizes))
    rows = pl.DataFrame(
        {
            "person": persons["id"].gather(_attendees(rng, n_persons, n_att)),
            "n": which.cast(pl.UInt32),
            "outcome": _choose(rng, list(OUTCOMES.categories), n_att, [0.9, 0.03, 0.04, 0.03]),
            "per_diem": rng.integers(2, 400, size=n_att).astype(np.int64) * 50_000,
            "paid": rng.random(n_att) < 0.35,
        }
    ).unique(["n", "person"], keep="first", maintain_order=True)
    after = pl.col("start") >= dt.date(2026, 1, 1)
    attendances = rows.join(courses, on="n", how="left", maintain_order="left").select(
        "person",
        (100_000 + pl.col("n").cast(pl.Int32) * 3).alias("course"),
        "start",
        (pl.col("start") + pl.duration(days=pl.col("course_study_days") - 1)).alias("end"),
        "course_study_days", "activity", "format", "location", "lead", "topics", "content",
        "course_cost",
        pl.when(pl.col("paid")).then(pl.col("per_diem")).alias("cost"),
        # A course of 2026 has not happened by the evaluation date: its rows are enrolled.
        pl.when(after).then(pl.lit("enrolled")).otherwise(pl.col("outcome")).cast(OUTCOMES)
        .alias("outcome"),
    )  # fmt: skip
    return {"persons": persons, "attendances": attendances}


def write(tables: dict[str, pl.DataFrame], out: Path) -> None:
    """Write each table as ``out/<table>.parquet``."""
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_parquet(out / f"{name}.parquet")


def main() -> None:
    """Command line: ``--scale``, ``--seed`` and ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data/b2-small"))
    args = parser.parse_args()
    write(generate(args.scale, args.seed), args.out)


if __name__ == "__main__":
    main()
