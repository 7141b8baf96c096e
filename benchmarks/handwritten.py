# ruff: noqa: E501, S608  -- SQL text is built from the benchmark's own specs, kept on one line
"""Hand-written queries computing the benchmark's numbers: one polars plan, one DuckDB SQL.

Both join attendances with courses and persons once and aggregate every target in one
``select``, the way an analyst would write it; dtbd's numbers are checked against them.
Keys are ``(target id, year)`` with year ``0`` for the whole window; values are
``(numerator, denominator)`` as text (denominator ``None`` except for shares).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from scheme import PERIOD, specs

YEARS = list(PERIOD.years)
Numbers = dict[tuple[str, int], tuple[str, str | None]]


def _buckets(spec: dict[str, Any]) -> list[int]:
    return YEARS if spec["per_year"] else [0]


# -- flags ------------------------------------------------------------------------------
# A competent analyst computes each distinct predicate once, on the table it reads (a
# course's topic on the 125,000 courses, not on 5 million joined rows), joins only the
# columns the aggregates need, and lets the aggregates read boolean columns.
def _flags(side: str) -> dict[str, tuple[str, list[str]]]:
    """Every distinct predicate of ``side`` over the specs: name -> (field, values)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for spec in specs():
        for field, values in spec[side].items():
            found.setdefault(_flag(side, field, values), (field, values))
    if side == "person":
        found.setdefault(_flag("person", "qualifications", ["thac-si"]),
                         ("qualifications", ["thac-si"]))  # fmt: skip
    return found


def _flag(side: str, field: str, values: list[str]) -> str:
    return f"{side}_{field}_{'_'.join(values)}".replace("-", "_")


def _cond_names(spec: dict[str, Any], sides: tuple[str, ...]) -> list[str]:
    return [_flag(side, f, v) for side in sides for f, v in spec[side].items()]


# -- polars -----------------------------------------------------------------------------
def _pl_flag(field: str, values: list[str]) -> pl.Expr:
    if field in ("topics", "qualifications"):
        pattern = "|".join(values)
        return pl.col(field).str.contains(f"(^|;)({pattern})(;|$)").fill_null(value=False)
    return pl.col(field).is_in(values).fill_null(value=False)


def _pl_young(under: int) -> pl.Expr:
    start, born = pl.col("start"), pl.col("birth_date")
    before = (start.dt.month().cast(pl.Int32) * 100 + start.dt.day()) < (
        born.dt.month().cast(pl.Int32) * 100 + born.dt.day()
    )
    age = start.dt.year().cast(pl.Int32) - born.dt.year() - before.cast(pl.Int32)
    return (born <= start) & (age < under)


def _pl_cond(spec: dict[str, Any], sides: tuple[str, ...]) -> pl.Expr:
    cond = pl.lit(value=True)
    for name in _cond_names(spec, sides):
        cond &= pl.col(name)
    if spec["under"] is not None and "person" in sides:
        cond &= _pl_young(spec["under"])
    return cond


def polars_numbers(tables: dict[str, pl.DataFrame], as_of: dt.date) -> Numbers:
    """The numbers with polars: one lazy plan per table, one collect each."""
    flags = {side: _flags(side) for side in ("course", "person", "attendance")}

    def flagged(frame: pl.LazyFrame, side: str, keep: list[str]) -> pl.LazyFrame:
        return frame.select(*keep, **{n: _pl_flag(f, v) for n, (f, v) in flags[side].items()})

    courses = flagged(tables["courses"].lazy().filter(pl.col("start") <= as_of), "course",
                      ["id", "start", "study_days"])  # fmt: skip
    persons = flagged(tables["persons"].lazy(), "person", ["id", "birth_date"])
    att = flagged(tables["attendances"].lazy(), "attendance", ["person", "course"])
    joined = (
        att.join(courses, left_on="course", right_on="id")
        .join(persons, left_on="person", right_on="id")
        .with_columns(year=pl.col("start").dt.year())
    )
    joined_aggs, course_aggs, spend_aggs, person_aggs = _pl_aggs()
    spending = tables["spending"].lazy().filter(pl.col("date") <= as_of).select("course", "amount")
    spending = spending.join(courses.drop("start"), left_on="course", right_on="id")
    row: dict[str, Any] = {}
    for frame, aggs in ((joined, joined_aggs), (courses, course_aggs),
                        (spending, spend_aggs), (persons, person_aggs)):  # fmt: skip
        row |= frame.select(aggs).collect().row(0, named=True)
    return _numbers(row)


def _pl_aggs() -> tuple[list[pl.Expr], list[pl.Expr], list[pl.Expr], list[pl.Expr]]:
    """One aggregate per target and year, for the joined, course, spending, person plans."""
    joined_aggs: list[pl.Expr] = []
    course_aggs: list[pl.Expr] = []
    spend_aggs: list[pl.Expr] = []
    person_aggs: list[pl.Expr] = []
    sides = ("course", "person", "attendance")
    for spec in specs():
        for year in _buckets(spec):
            name = f"{spec['id']}|{year}"
            in_year = pl.col("year") == year if year else pl.lit(value=True)
            count = spec["count"]
            if count == "attendances":
                joined_aggs.append((_pl_cond(spec, sides) & in_year).sum().alias(name))
            elif count == "study_days":
                cond = _pl_cond(spec, sides) & in_year
                joined_aggs.append(pl.col("study_days").filter(cond).sum().alias(name))
            elif count == "persons":
                cond = _pl_cond(spec, sides) & in_year
                joined_aggs.append(pl.col("person").filter(cond).n_unique().alias(name))
            elif count == "courses":
                course_year = pl.col("start").dt.year() == year if year else pl.lit(value=True)
                cond = _pl_cond(spec, ("course",)) & course_year
                course_aggs.append(cond.sum().alias(name))
            elif count == "spending":
                spend_aggs.append(pl.col("amount").filter(_pl_cond(spec, ("course",))).sum()
                                  .alias(name))  # fmt: skip
            elif spec["share"] == "qualified":
                population = _pl_cond(spec, ("person",))
                held = pl.col(_flag("person", "qualifications", ["thac-si"]))
                person_aggs += [(population & held).sum().alias(name),
                                population.sum().alias(f"{name}|den")]  # fmt: skip
            else:
                cond = _pl_cond(spec, ("course", "person")) & in_year
                joined_aggs.append(pl.col("person").filter(cond).n_unique().alias(name))
                person_aggs.append(_pl_cond(spec, ("person",)).sum().alias(f"{name}|den"))
    return joined_aggs, course_aggs, spend_aggs, person_aggs


def _numbers(row: dict[str, Any]) -> Numbers:
    found: Numbers = {}
    for key, value in row.items():
        if key.endswith("|den"):
            continue
        target, year = key.split("|")
        den = row.get(f"{key}|den")
        found[(target, int(year))] = (str(int(value or 0)), None if den is None else str(den))
    return found


# -- DuckDB -----------------------------------------------------------------------------
def _sql_flag(field: str, values: list[str]) -> str:
    if field in ("topics", "qualifications"):
        return f"coalesce(regexp_matches({field}, '(^|;)({'|'.join(values)})(;|$)'), FALSE)"
    listed = ", ".join(f"'{v}'" for v in values)
    return f"coalesce({field} IN ({listed}), FALSE)"


def _sql_cond(spec: dict[str, Any], sides: tuple[str, ...]) -> str:
    parts = ["TRUE", *_cond_names(spec, sides)]
    if spec["under"] is not None and "person" in sides:
        parts.append(
            f"birth_date <= start AND (year(start) - year(birth_date) - CASE WHEN "
            f"month(start) * 100 + day(start) < month(birth_date) * 100 + day(birth_date) "
            f"THEN 1 ELSE 0 END) < {spec['under']}"
        )
    return " AND ".join(parts)


def duckdb_numbers(con: Any, as_of: dt.date) -> Numbers:  # noqa: ANN401
    """The numbers with DuckDB SQL over tables persons, courses, attendances, spending.

    Common table expressions compute each predicate once on its own table and keep only
    the columns the aggregates read; the joined rows are never stored as a table.
    """
    joined, course_q, spend_q, person_q = _sql_aggs()
    day = f"DATE '{as_of.isoformat()}'"

    def flagged(side: str) -> str:
        return ", ".join(f"{_sql_flag(f, v)} AS {n}" for n, (f, v) in _flags(side).items())

    ctes = (
        f"WITH c AS (SELECT id, start, study_days, {flagged('course')} FROM courses "
        f"WHERE start <= {day}), "
        f"p AS (SELECT id, birth_date, {flagged('person')} FROM persons), "
        f"a AS (SELECT person, course, {flagged('attendance')} FROM attendances), "
        f"j AS (SELECT a.*, c.*, p.*, year(c.start) AS year FROM a JOIN c ON a.course = c.id "
        f"JOIN p ON a.person = p.id) "
    )
    queries = [
        f"{ctes} SELECT {', '.join(joined)} FROM j",
        f"{ctes} SELECT {', '.join(course_q)} FROM c",
        f"{ctes} SELECT {', '.join(spend_q)} FROM spending s JOIN c ON s.course = c.id WHERE s.date <= {day}",
        f"{ctes} SELECT {', '.join(person_q)} FROM p",
    ]
    row: dict[str, Any] = {}
    for query in queries:
        result = con.execute(query)
        names = [d[0] for d in result.description]
        row |= dict(zip(names, result.fetchall()[0], strict=True))
    return _numbers(row)


def _sql_aggs() -> tuple[list[str], list[str], list[str], list[str]]:
    """One aggregate per target and year, for the joined, course, spending, person queries."""
    joined: list[str] = []
    course_q: list[str] = []
    spend_q: list[str] = []
    person_q: list[str] = []
    sides = ("course", "person", "attendance")
    for spec in specs():
        for year in _buckets(spec):
            name = f'"{spec["id"]}|{year}"'
            in_year = f"year = {year}" if year else "TRUE"
            count = spec["count"]
            cond = f"{_sql_cond(spec, sides)} AND {in_year}"
            if count == "attendances":
                joined.append(f"count(*) FILTER (WHERE {cond}) AS {name}")
            elif count == "study_days":
                joined.append(f"sum(study_days) FILTER (WHERE {cond}) AS {name}")
            elif count == "persons":
                joined.append(f"count(DISTINCT person) FILTER (WHERE {cond}) AS {name}")
            elif count == "courses":
                course_year = f"year(start) = {year}" if year else "TRUE"
                course_cond = f"{_sql_cond(spec, ('course',))} AND {course_year}"
                course_q.append(f"count(*) FILTER (WHERE {course_cond}) AS {name}")
            elif count == "spending":
                spend_q.append(
                    f"sum(amount) FILTER (WHERE {_sql_cond(spec, ('course',))}) AS {name}"
                )
            elif spec["share"] == "qualified":
                population = _sql_cond(spec, ("person",))
                held = _flag("person", "qualifications", ["thac-si"])
                person_q += [f"count(*) FILTER (WHERE {population} AND {held}) AS {name}",
                             f'count(*) FILTER (WHERE {population}) AS "{spec["id"]}|{year}|den"']  # fmt: skip
            else:
                share_cond = f"{_sql_cond(spec, ('course', 'person'))} AND {in_year}"
                joined.append(f"count(DISTINCT person) FILTER (WHERE {share_cond}) AS {name}")
                person_q.append(f'count(*) FILTER (WHERE {_sql_cond(spec, ("person",))}) AS "{spec["id"]}|{year}|den"')  # fmt: skip
    return joined, course_q, spend_q, person_q
