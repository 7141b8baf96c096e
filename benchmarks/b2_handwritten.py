"""The second benchmark's numbers, hand-written in plain polars; and the floor.

The query an analyst who knows polars well would write for ``b2_scheme.toml`` over the
roster and the denormalised attendances of ``b2_generate.py``:

- every predicate is computed once, as a boolean column, on the table it reads: a
  person's category, unit or qualification on the 3 million roster rows (then joined),
  a course's activity or topic on the attendance rows, where its course's attributes
  already are;
- the attendance rows are filtered to the window once and read in one ``select`` for
  every target that needs no person field (attendances, distinct persons, study days,
  courses and money, the money of a course counted on its first row only, found once by
  ``is_first_distinct``); the targets that filter by a person's field or age read the
  join of only the columns they need with the roster's flags, again in one ``select``;
  the roster's own targets (the shares' denominators, the qualified shares) one more;
- aggregates are ``sum`` of a flag, ``filter(...).sum()`` and ``filter(...).n_unique()``.

Forms tried (``form=``), timed by ``compare.py`` at scale 0.05 (1 million attendances,
150,000 persons; 3 interleaved runs, median and fastest) on a 2-core machine loaded by
seven other jobs (load average 14), so only the order is to be trusted; the lead
engineer re-measures on a quiet machine:

- ``"collect_all"`` (the default): the three lazy frames collected together by
  ``pl.collect_all``, so polars shares the window filter and the row flags between them:
  3.31 s (2.67 s);
- ``"wide"``: the same three selects collected one after the other: 4.00 s (3.76 s);
- ``"one_join"``: every row target on the join (one select), as the first benchmark's
  query does: 4.65 s (4.56 s);
- ``"by_year"``: per-year targets by ``group_by("year")`` (one aggregate per target, not
  one per target and year), whole-window targets in a select: 5.10 s (4.97 s);
- ``"by_person"``: the person-filtered targets reduced per person by one
  ``group_by("person")`` over the rows (``any``/``sum`` of each row part), then only one
  row a person joined with the roster's flags. At scale 0.25 (4.7 million rows in the
  window; load average 21) it took 24.1 s (20.0 s) against ``"collect_all"``'s 25.0 s
  (24.8 s): within the noise, so not the default.

Where the time goes, at 0.25 on that machine: the select over the rows 21 s, the one over
the join 36 s, of which materialising the join (the rows' flags and masks included) 24 s
and the 83 ``filter(...).n_unique()`` 11.7 s against 0.4 s for the 26 other aggregates.
polars 2 runs ``collect`` on its streaming engine by default (and has no
``LazyFrame.profile()`` any more); ``engine="in-memory"`` was slower here (the join's
select 6.7-9.0 s against 4.1-5.5 s at 0.05).

Before any of those, the list filters: a regex per topic over every row
(``str.contains("(^|;)(qlnn)(;|$)")``, 0.35 s a topic at 0.05) made the flags of the rows
1.87 s; one bit mask a row, looked up from the few thousand distinct topic lists
(``replace_strict``), makes them 0.29 s. The floor at 0.05: one scan 0.08 s, the join of
the columns read 0.78 s.

The floor is what no evaluation can avoid: :func:`floor_scan` reads every attendance
column the scheme reads once (a sum or a distinct count each), :func:`floor_join` joins
those columns with the roster columns read and sums them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import polars as pl
from b2_scheme import targets

START, END = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
YEARS = tuple(range(START.year, END.year + 1))
Numbers = dict[tuple[str, int], tuple[str, str | None]]

COURSE_FIELDS = {"activity": "activity", "location": "location", "formats": "format",
                 "leads": "lead", "topics": "topics"}  # fmt: skip
PERSON_FIELDS = {"categories": "category", "levels": "level", "units": "unit",
                 "gender": "gender", "qualifications": "qualifications"}  # fmt: skip
AGE_FIELDS = ("under_age", "from_age", "born_from", "born_until")
LISTS = ("topics", "qualifications")


def _listed(value: Any) -> list[Any]:  # noqa: ANN401
    return list(value) if isinstance(value, list) else [value]


def _match(column: str, values: list[Any]) -> pl.Expr:
    if len(values) == 1:
        return (pl.col(column) == values[0]).fill_null(value=False)
    return pl.col(column).is_in(values).fill_null(value=False)


def _age(born: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Whole years from ``born`` to ``day``: less one if the birthday is still to come."""
    before = (day.dt.month().cast(pl.Int32) * 100 + day.dt.day()) < (
        born.dt.month().cast(pl.Int32) * 100 + born.dt.day()
    )
    return day.dt.year().cast(pl.Int32) - born.dt.year().cast(pl.Int32) - before.cast(pl.Int32)


def _age_filter(field: str, value: int, day: pl.Expr) -> pl.Expr:
    born = pl.col("birth_date")
    if field == "under_age":
        return (born <= day) & (_age(born, day) < value)
    if field == "from_age":
        return _age(born, day) >= value
    year = born.dt.year()
    return year >= value if field == "born_from" else year <= value


class _Flags:
    """Named boolean columns, one per distinct predicate."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.exprs: dict[str, pl.Expr] = {}
        self.lists: dict[str, dict[str, int]] = {}
        self._names: dict[str, str] = {}

    def name(self, key: str, expr: pl.Expr) -> str:
        if key not in self._names:
            self._names[key] = f"{self.prefix}{len(self._names)}"
            self.exprs[self._names[key]] = expr
        return self._names[key]

    def listed(self, column: str, values: list[str]) -> str:
        """A flag of a ``;`` list column holding one of ``values``: a bit of its mask."""
        bits = self.lists.setdefault(column, {})
        key = ";".join(sorted(values))
        if key not in bits:
            bits[key] = len(bits)
            if len(bits) > 63:
                raise ValueError(f"more than 63 filters on {column}")
        mask = pl.col(f"mask_{column}")
        return self.name(f"{column}~{key}", (mask & (1 << bits[key])) != 0)

    def masks(self, frame: pl.DataFrame) -> dict[str, pl.Expr]:
        """Each list column as a bit mask, one bit per filter on it, from its distinct values.

        The text is split and tested once per distinct value (a few thousand), then every
        row looks its mask up (``replace_strict``): one hash lookup a row instead of one
        regex scan a row for each filter.
        """
        found: dict[str, pl.Expr] = {}
        for column, bits in self.lists.items():
            distinct = frame[column].drop_nulls().unique()
            masks = []
            for text in distinct:
                words = set(text.split(";"))
                masks.append(sum(1 << b for key, b in bits.items() if words & set(key.split(";"))))
            found[f"mask_{column}"] = pl.col(column).replace_strict(
                distinct, masks, default=0, return_dtype=pl.Int64
            )
        return found


class _Plan:
    """The aggregates of every target, sorted by the table they read."""

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.rows = _Flags("r")  # on the attendance rows: course and attendance fields
        self.roster = _Flags("p")  # on the roster: person fields and birth-year filters
        self.joined = _Flags("j")  # on the join: ages at the course start
        self.on_rows: list[pl.Expr] = []
        self.on_join: list[pl.Expr] = []
        # The same targets as on_join, their condition kept in a row and a person part.
        self.split: list[tuple[str, str, list[pl.Expr], list[pl.Expr]]] = []
        self.on_roster: list[pl.Expr] = []

    @staticmethod
    def _flag(flags: _Flags, column: str, values: list[Any]) -> str:
        if column in LISTS:
            return flags.listed(column, values)
        return flags.name(f"{column}={values}", _match(column, values))

    def course_cond(self, scope: dict[str, Any]) -> list[pl.Expr]:
        """The flags of a scope's course and attendance fields."""
        cond = []
        for field, column in COURSE_FIELDS.items():
            if field in scope:
                values = _listed(scope[field])
                cond.append(pl.col(self._flag(self.rows, column, values)))
        if "outcomes" in scope:
            values = _listed(scope["outcomes"])
            cond.append(pl.col(self.rows.name(f"outcome={values}", _match("outcome", values))))
        return cond

    def person_cond(self, scope: dict[str, Any], day: dt.date | None) -> list[pl.Expr]:
        """Person fields and ages: at the course start (``day`` None) or at ``day``."""
        parts: list[pl.Expr] = []
        for field, column in PERSON_FIELDS.items():
            if field in scope:
                values = _listed(scope[field])
                parts.append(pl.col(self._flag(self.roster, column, values)))
        for field in AGE_FIELDS:
            if field not in scope:
                continue
            value = int(scope[field])
            if field.startswith("born") or day is not None:
                when = pl.lit(day) if day is not None else pl.lit(None)
                flag = _age_filter(field, value, when)
                parts.append(pl.col(self.roster.name(f"{field}={value}@{day}", flag)))
            else:
                flag = _age_filter(field, value, pl.col("start"))
                parts.append(pl.col(self.joined.name(f"{field}={value}", flag)))
        return parts


def _buckets(target: dict[str, Any]) -> tuple[int, ...]:
    return YEARS if target["per_year"] else (0,)


def _in(year: int) -> pl.Expr:
    return [pl.col("year") == year] if year else []


def _all(parts: list[pl.Expr]) -> pl.Expr | None:
    """The parts and-ed together; None for no part (every row)."""
    if not parts:
        return None
    cond = parts[0]
    for part in parts[1:]:
        cond &= part
    return cond


def _count(parts: list[pl.Expr]) -> pl.Expr:
    cond = _all(parts)
    return pl.len() if cond is None else cond.sum()


def _where(column: str, parts: list[pl.Expr]) -> pl.Expr:
    cond = _all(parts)
    return pl.col(column) if cond is None else pl.col(column).filter(cond)


def _reference(year: int, as_of: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31) if year else END, as_of)


def _row_aggregate(count: str, cond: list[pl.Expr]) -> pl.Expr:
    if count == "attendances":
        return _count(cond)
    if count == "study_days":
        return _where("course_study_days", cond).sum()
    return _where("person", cond).n_unique()  # persons, a share's numerator


def _plan(as_of: dt.date, chosen: Iterable[str] | None, *, grouped: bool = False) -> _Plan:
    """Every target's aggregates; ``grouped``: a per-year row target's once, for a group_by."""
    plan = _Plan(as_of)
    wanted = None if chosen is None else set(chosen)
    for target in targets():
        if wanted is not None and target["id"] not in wanted:
            continue
        if grouped and target["per_year"] and target["counts"] != "share":
            _add(plan, target, f"{target['id']}|*", 0)
            continue
        for year in _buckets(target):
            _add(plan, target, f"{target['id']}|{year}", year)
    return plan


def _add(plan: _Plan, target: dict[str, Any], name: str, year: int) -> None:
    scope, count = target["scope"], target["counts"]
    if count == "share":
        _add_share(plan, target, name, year)
        return
    course = plan.course_cond(scope) + _in(year)
    person = plan.person_cond(scope, None)
    if count in ("courses", "spending"):
        if person:
            raise ValueError(f"{target['id']}: a course or money target reads no person field")
        first = [pl.col("first"), *course]
        if count == "courses":
            plan.on_rows.append(_count(first).alias(name))
        else:
            # One source per course, as dtbd counts money: the course's cost, else the
            # sum of its attendances' costs.
            uncosted = [pl.col("course_cost").is_null(), *course]
            money = _where("course_cost", first).sum() + _where("cost", uncosted).sum()
            plan.on_rows.append(money.alias(name))
    elif person:
        plan.on_join.append(_row_aggregate(count, course + person).alias(name))
        plan.split.append((name, count, course, person))
    else:
        plan.on_rows.append(_row_aggregate(count, course).alias(name))


def _add_share(plan: _Plan, target: dict[str, Any], name: str, year: int) -> None:
    """A share: its population (ages at the bucket's reference date) and its numerator."""
    scope = target["scope"]
    reference = _reference(year, plan.as_of)
    qualified = target["basis"] == "qualified"
    held = {k: v for k, v in scope.items() if k != "qualifications"} if qualified else scope
    population = plan.person_cond(held, reference)
    plan.on_roster.append(_count(population).alias(f"{name}|den"))
    if qualified:
        quals = plan.person_cond({"qualifications": scope["qualifications"]}, reference)
        plan.on_roster.append(_count(population + quals).alias(name))
    else:
        cond = plan.course_cond(scope) + _in(year) + population
        plan.on_join.append(_where("person", cond).n_unique().alias(name))
        plan.split.append((name, "persons", plan.course_cond(scope) + _in(year), population))


ROW_COLUMNS = ("person", "course", "start", "course_study_days", "activity", "location",
               "format", "lead", "topics", "outcome", "course_cost", "cost")  # fmt: skip


def _frames(tables: dict[str, pl.DataFrame], plan: _Plan) -> tuple[pl.LazyFrame, ...]:
    end = min(END, plan.as_of)
    rows = (
        tables["attendances"].lazy()
        .select(ROW_COLUMNS)
        .filter(pl.col("start").is_between(START, end))
        .with_columns(**plan.rows.masks(tables["attendances"]))
        .select("person", "start", "course_study_days", "course_cost", "cost",
                year=pl.col("start").dt.year(), first=pl.col("course").is_first_distinct(),
                **plan.rows.exprs)
    )  # fmt: skip
    roster_columns = ["id", "birth_date", *PERSON_FIELDS.values()]
    roster = (
        tables["persons"].lazy().select(roster_columns)
        .with_columns(**plan.roster.masks(tables["persons"]))
        .with_columns(**plan.roster.exprs)
    )  # fmt: skip
    needed = sorted({c for e in plan.on_join for c in e.meta.root_names()} | {"person", "year"})
    join_rows = [c for c in needed if c in plan.rows.exprs or c in ("person", "year",
                 "course_study_days")]  # fmt: skip
    joined = (
        rows.select(*join_rows, "start")
        .join(roster.select("id", "birth_date", *plan.roster.exprs), left_on="person",
              right_on="id", how="inner")
        .with_columns(**plan.joined.exprs)
    )  # fmt: skip
    return rows, joined, roster


def _numbers(row: dict[str, Any]) -> Numbers:
    found: Numbers = {}
    for key, value in row.items():
        if key.endswith("|den"):
            continue
        target, year = key.split("|")
        den = row.get(f"{key}|den")
        found[(target, int(year))] = (str(int(value or 0)), None if den is None else str(den))
    return found


def _selects(plan: _Plan, frames: tuple[pl.LazyFrame, ...]) -> list[pl.LazyFrame]:
    rows, joined, roster = frames
    pairs = ((rows, plan.on_rows), (joined, plan.on_join), (roster, plan.on_roster))
    return [frame.select(aggs) for frame, aggs in pairs if aggs]


def _wide(plan: _Plan, frames: tuple[pl.LazyFrame, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for query in _selects(plan, frames):
        row |= query.collect().row(0, named=True)
    return row


def _collect_all(plan: _Plan, frames: tuple[pl.LazyFrame, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for frame in pl.collect_all(_selects(plan, frames)):
        row |= frame.row(0, named=True)
    return row


def _one_join(plan: _Plan, frames: tuple[pl.LazyFrame, ...]) -> dict[str, Any]:
    rows, _, roster = frames
    joined = rows.join(roster.select("id", "birth_date", *plan.roster.exprs), left_on="person",
                       right_on="id", how="inner").with_columns(**plan.joined.exprs)  # fmt: skip
    row = joined.select(plan.on_rows + plan.on_join).collect().row(0, named=True)
    if plan.on_roster:
        row |= roster.select(plan.on_roster).collect().row(0, named=True)
    return row


def _by_year(plan: _Plan, frames: tuple[pl.LazyFrame, ...]) -> dict[str, Any]:
    """Per-year aggregates (no year test: the group is the year) by ``group_by("year")``."""
    rows, joined, roster = frames
    found: list[pl.LazyFrame] = []
    for frame, aggs in ((rows, plan.on_rows), (joined, plan.on_join)):
        totals = [a for a in aggs if not a.meta.output_name().endswith("|*")]
        yearly = [a for a in aggs if a.meta.output_name().endswith("|*")]
        if totals:
            found.append(frame.select(totals))
        if yearly:
            found.append(frame.group_by("year").agg(yearly))
    if plan.on_roster:
        found.append(roster.select(plan.on_roster))
    row: dict[str, Any] = {}
    for frame in pl.collect_all(found):
        if "year" not in frame.columns:
            row |= frame.row(0, named=True)
            continue
        for record in frame.iter_rows(named=True):
            year = record.pop("year")
            row |= {f"{name[:-2]}|{year}": value for name, value in record.items()}
        for name in frame.columns[1:]:
            for year in YEARS:
                row.setdefault(f"{name[:-2]}|{year}", 0)
    return row


def _by_person(plan: _Plan, frames: tuple[pl.LazyFrame, ...]) -> dict[str, Any]:
    """The person-filtered targets from one ``group_by("person")`` of the rows, not a join.

    A person's fields are the same on all their rows, so each target's row part (course,
    attendance and year flags) is reduced per person first (``any`` for distinct persons,
    ``sum`` for attendances and study days), and only that one row a person is joined with
    the roster's flags. Targets with an age at the course start (it needs the birth date
    on every row) stay on the join.
    """
    rows, joined, roster = frames
    reduced: dict[str, pl.Expr] = {}
    final: list[pl.Expr] = []
    on_join: list[pl.Expr] = []
    for name, count, row_part, person_part in plan.split:
        roots = {r for e in row_part + person_part for r in e.meta.root_names()}
        if roots & set(plan.joined.exprs):
            on_join.append(_row_aggregate(count, row_part + person_part).alias(name))
            continue
        key = f"{count}:{[str(e) for e in row_part]}"
        column = f"g{len(reduced)}" if key not in reduced else None
        if column is not None:
            cond = _all(row_part)
            if count == "persons":
                agg = pl.lit(value=True) if cond is None else cond.any()
            elif count == "attendances":
                agg = pl.len() if cond is None else cond.sum()
            else:
                agg = _where("course_study_days", row_part).sum()
            reduced[key] = agg.alias(column)
        column = reduced[key].meta.output_name()
        person = _all(person_part)
        if count == "persons":
            value = pl.col(column) if person is None else pl.col(column) & person
            final.append(value.sum().alias(name))
        else:
            final.append(_where(column, person_part).sum().alias(name))
    per_person = rows.group_by("person").agg(reduced.values())
    flags = roster.select("id", *plan.roster.exprs)
    queries = [rows.select(plan.on_rows)] if plan.on_rows else []
    queries.append(per_person.join(flags, left_on="person", right_on="id").select(final))
    if on_join:
        queries.append(joined.select(on_join))
    if plan.on_roster:
        queries.append(roster.select(plan.on_roster))
    row: dict[str, Any] = {}
    for frame in pl.collect_all(queries):
        row |= frame.row(0, named=True)
    return row


FORMS: dict[str, Callable[[_Plan, tuple[pl.LazyFrame, ...]], dict[str, Any]]] = {
    "wide": _wide, "collect_all": _collect_all, "one_join": _one_join, "by_year": _by_year,
    "by_person": _by_person,
}  # fmt: skip


def polars_numbers(
    tables: dict[str, pl.DataFrame],
    as_of: dt.date,
    chosen: Iterable[str] | None = None,
    form: str = "collect_all",
) -> Numbers:
    """The numbers of the targets ``chosen`` (all when None), keyed (target id, year 0 or Y)."""
    plan = _plan(as_of, chosen, grouped=form == "by_year")
    return _numbers(FORMS[form](plan, _frames(tables, plan)))


def summed(column: str, dtype: pl.DataType) -> pl.Expr:
    """One number from a column, read whole: a sum of its values, codes or text lengths."""
    col = pl.col(column)
    if dtype == pl.String:
        return col.str.len_bytes().sum()
    if isinstance(dtype, (pl.Enum, pl.Categorical)):
        return col.to_physical().sum()
    if dtype == pl.Date:
        return col.cast(pl.Int32).sum()
    return col.sum()


ROSTER_COLUMNS = ("id", "birth_date", *PERSON_FIELDS.values())


def floor_scan(tables: dict[str, pl.DataFrame]) -> int:
    """Floor 1: every attendance column the scheme reads, each read once (one select)."""
    frame = tables["attendances"].lazy().select(ROW_COLUMNS)
    schema = frame.collect_schema()
    sums = frame.select(summed(c, schema[c]) for c in ROW_COLUMNS).collect()
    return len(sums.columns)


def floor_join(tables: dict[str, pl.DataFrame]) -> int:
    """Floor 2: the attendance columns read, joined with the roster columns read, summed."""
    rows = tables["attendances"].lazy().select(ROW_COLUMNS)
    roster = tables["persons"].lazy().select(ROSTER_COLUMNS)
    joined = rows.join(roster, left_on="person", right_on="id", how="inner")
    schema = joined.collect_schema()
    sums = joined.select(summed(c, schema[c]) for c in schema).collect()
    return len(sums.columns)
