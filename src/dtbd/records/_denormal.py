"""Attendances that carry their course's attributes: the courses table derived from them.

Many registers keep one table of attendances, each row with its course's start, end,
activity, topics and so on, and no courses table. Such a row holds the course's fields
under their own names (``start``, ``topics``…), except where the attendance has a field of
the same name: the course's ``study_days`` and ``cost`` are ``course_study_days`` and
``course_cost`` (:data:`CARRIED`). The course id is the attendance's ``course``.

From such rows come two tables, both lazy: the courses, one row per course id, and the
attendances without the course columns. Rows of one course that disagree on an attribute
(two starts for course 17) are not resolved: each is an unreadable attendance row whose
problem names the course, the column, the values and the rows (``docs/records.md``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dtbd._errors import RecordProblem
from dtbd.model._people import Course
from dtbd.records._dicts import TABLES, _read_numbered, _read_row
from dtbd.records._frame_cells import BAD, object_dates, raw_name, unread_name, unread_problems
from dtbd.records._frame_checks import KEYS
from dtbd.records._frame_distinct import distinct, one_per_key
from dtbd.records._frame_screens import Screen, screenable

if TYPE_CHECKING:
    import narwhals.stable.v2 as nw

__all__ = [
    "CARRIED",
    "CONFLICT",
    "carried_columns",
    "conflict_message",
    "refused",
    "row_problems",
    "split",
]

# ``cost`` is an attendance's own cost (issue 12) even where the attendances table has no
# such column yet: a course's cost on an attendance row is always ``course_cost``.
_OWN = frozenset(TABLES["attendances"].fields) | {"cost"}

CARRIED: Mapping[str, str] = {
    (f"course_{field}" if field in _OWN else field): field
    for field in TABLES["courses"].fields
    if field != "id"
}
"""A course column on an attendance row → the courses table's field it gives."""

CONFLICT = "conflict"
"""The reason of a course cell whose course's rows disagree on it."""

_COURSE_BAD = f"{BAD}_course_cells"  # dropped with the other ``_unread`` columns
_COUNT = f"{BAD}_n_"
_ASIDE = "_dtbd_own_"
_AGGREGATES = ("min", "max", "count")

Normal = Callable[..., "nw.LazyFrame[Any]"]
"""``records._frames._normal``: a frame typed and checked as one table."""


def carried_columns(schema: Iterable[str]) -> tuple[str, ...]:
    """The course columns among an attendance frame's (renamed) columns."""
    return tuple(name for name in schema if name in CARRIED)


def refused(carried: Sequence[str], found: Sequence[str], *, courses: bool) -> str | None:
    """Why attendances carrying course columns cannot be read, or ``None`` if they can."""
    if courses:
        return (
            f"attendances frame: it carries course columns ({', '.join(carried)}) and a "
            "courses table is given too; give a course's attributes in one place: drop "
            "these columns from the attendances, or leave out the courses table"
        )
    if "start" in carried:
        return None
    return (
        f"attendances frame: it carries course columns ({', '.join(carried)}) but no "
        "'start'; a course on the attendance rows needs its start date. Found: "
        f"{', '.join(found)}; rename columns with columns={{'Ngày bắt đầu': 'start'}}"
    )


def split(
    read: nw.LazyFrame[Any],
    found: Sequence[str],
    headers: Mapping[str, str],
    normal: Normal,
) -> tuple[dict[str, nw.LazyFrame[Any]], dict[str, nw.LazyFrame[Any]], tuple[Screen, ...]]:
    """The checked attendances (course columns kept) and the courses derived from them.

    ``read`` is the renamed attendance frame. Its course cells are typed and checked as a
    courses table's (``normal("courses", …)``), then its own cells as an attendance's;
    a row whose course cells cannot be read, or whose course's rows disagree, is refused
    (``_unread``). The courses are the rows of readable, agreeing course cells, one per id.
    Second, the same two tables for records with no refused row, without the checks;
    third, the screens that show no row is refused (:class:`Screen`): the attendances'
    own cells, and each course's distinct cells checked once (one per id: no conflict).

    Raises:
        FrameColumnError: course columns without ``start``, or a column of a wrong type.
    """
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    schema = read.collect_schema()
    carried = carried_columns(schema)
    aside = [own for own in sorted(_OWN) if own in schema and own in TABLES["courses"].fields]
    aside_as = [_ASIDE + own for own in aside]
    keep = [name for name in schema if name in _OWN and name not in aside]
    course_view = (
        object_dates(read, ["start", "end"])
        .rename({own: _ASIDE + own for own in aside})
        .rename({column: CARRIED[column] for column in carried if column != CARRIED[column]})
        .with_columns(id=nw.col("course"))
    )
    course_headers = {CARRIED.get(k, k): v for k, v in headers.items()}
    try:
        courses = normal("courses", course_view, list(found), course_headers, *keep, *aside_as)
    except ValueError as error:  # FrameColumnError: its course columns, named as such
        text = str(error)
        if not text.startswith("courses frame: "):
            raise
        what = text.removeprefix("courses frame: ")
        raise type(error)(f"attendances frame, its course columns: {what}") from None
    names = {field: column for column, field in CARRIED.items()}
    back: dict[str, str] = {_ASIDE + own: own for own in aside} | {BAD: _COURSE_BAD}
    for field, column in names.items():
        back |= {field: column, unread_name(field): unread_name(column)}
        back |= {raw_name(field): raw_name(column)}
    own_view = courses.drop(
        [c for c in ("id", unread_name("id"), raw_name("id")) if c in courses.collect_schema()]
    )
    own_view = own_view.rename(
        {k: v for k, v in back.items() if k in own_view.collect_schema() and k != v}
    )
    course_columns = [c for c in own_view.collect_schema() if c not in _OWN and c != "row_number"]
    checked = normal("attendances", own_view, list(found), headers, *course_columns)
    columns = tuple(names.values())
    attendances, courses = _conflicts(checked, columns)
    # When no row is refused, the attendances are their typed columns and the courses one
    # row per id, typed after it is picked: every row of a course types to the same cells
    # then, and 137 thousand rows are typed, not 5 million (0.5 s to 0.2 s, issue 12).
    fields = [c for c in course_view.collect_schema() if c in TABLES["courses"].fields]
    cells = course_view.select(fields)
    given = (list(found), course_headers)
    first = normal("courses", one_per_key(cells, ["id"]), *given)
    plain = {"attendances": checked, "courses": first}
    return (
        {"attendances": attendances, "courses": courses},
        plain,
        _screens(read, checked, cells, normal, given),
    )


def _screens(
    read: nw.LazyFrame[Any],
    checked: nw.LazyFrame[Any],
    course_cells: nw.LazyFrame[Any],
    normal: Normal,
    found: tuple[list[str], Mapping[str, str]],
) -> tuple[Screen, ...]:
    """The attendances' own cells, and each course's distinct cells checked once.

    The courses' cells of ``benchmarks/``' 5 million rows take 0.9 s to check; their
    137 thousand distinct rows, with the ``unique`` that finds them, 0.25 s. polars and
    DuckDB only: other engines would find the distinct rows eagerly (pandas), or not at
    all (lists).
    """
    if not screenable(read):
        return ()
    combos = normal("courses", distinct(course_cells), *found)
    return (
        Screen("attendances", checked, KEYS["attendances"]),
        Screen("courses", combos, ("id",), kept=True),
    )


def _conflicts(
    checked: nw.LazyFrame[Any], columns: tuple[str, ...]
) -> tuple[nw.LazyFrame[Any], nw.LazyFrame[Any]]:
    """Rows of a course that disagree on ``columns`` marked; the courses, one per id."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    readable = ~nw.col(_COURSE_BAD) & ~nw.col("course").is_null()
    schema = checked.collect_schema()
    # Two values differ when the least and the greatest do, or some cells are blank and
    # some not; aggregations every engine runs per partition and combines (a partitioned
    # n_unique need not). A list column has no order: its distinct values are counted.
    aggregations = [nw.len().alias(_COUNT)]
    for c in columns:
        if schema[c] == nw.List:
            aggregations.append(nw.col(c).n_unique().alias(f"{_COUNT}u_{c}"))
            continue
        aggregations += [getattr(nw.col(c), f)().alias(f"{_COUNT}{f}_{c}") for f in _AGGREGATES]

    def differ(c: str) -> Any:  # noqa: ANN401  -- whether the course's rows disagree on c
        if schema[c] == nw.List:
            return nw.col(f"{_COUNT}u_{c}") > 1
        low, high, filled = (nw.col(f"{_COUNT}{f}_{c}") for f in _AGGREGATES)
        # All blank agrees (pandas finds NaT != NaT): only filled cells are compared.
        return (filled > 0) & ((low != high) | (filled < nw.col(_COUNT)))

    counts = (
        checked.filter(readable)
        .group_by("course")
        .agg(aggregations)
        .select("course", *(differ(c).fill_null(value=False).alias(_COUNT + c) for c in columns))
    )
    marked = checked.join(counts, on="course", how="left")
    clash = {c: nw.col(_COUNT + c).fill_null(value=False) for c in columns}

    def cell(column: str) -> Any:  # noqa: ANN401  -- the reason a cell cannot be read
        name = unread_name(column)
        return nw.col(name) if name in schema else nw.lit(None, dtype=nw.String())

    marked = marked.with_columns(
        **{
            unread_name(c): nw.when(clash[c] & cell(c).is_null())
            .then(nw.lit(CONFLICT))
            .otherwise(cell(c))
            for c in columns
        },
        **{
            BAD: nw.col(BAD)
            | nw.col(_COURSE_BAD)
            | nw.any_horizontal(*clash.values(), ignore_nulls=True)
        },
    ).drop([_COUNT + c for c in columns])
    agreeing = readable & ~nw.any_horizontal(
        *(nw.col(unread_name(c)) == CONFLICT for c in columns), ignore_nulls=True
    ).fill_null(value=False)
    return marked, _courses(marked.filter(agreeing), columns)


def _courses(rows: nw.LazyFrame[Any], columns: tuple[str, ...]) -> nw.LazyFrame[Any]:
    """The courses of attendance ``rows`` that agree on their course: one per id."""
    import narwhals.stable.v2 as nw  # noqa: PLC0415  -- loaded with the first frame

    picked = rows.select(
        nw.col("course").alias("id"), *(nw.col(c).alias(CARRIED[c]) for c in columns)
    )
    return one_per_key(picked, ["id"]).with_columns(nw.lit(value=False).alias(BAD))


def _shown(value: object) -> str:
    """A course cell as a conflict names it: the same for a frame's cell and a record's."""
    if isinstance(value, dt.date):  # a frame's datetime at midnight is its day
        return value.isoformat()[:10]
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, tuple):
        return repr(";".join(map(str, value)))
    if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124  -- NaN
        return "blank"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def conflict_message(course: object, column: str, rows: Sequence[tuple[int, object]]) -> str:
    """The problem of a course whose rows give ``column`` different values."""
    by_value: dict[str, list[int]] = {}
    for number, value in rows:
        by_value.setdefault(_shown(value), []).append(number)

    def where(numbers: list[int]) -> str:
        if not any(numbers):
            return f"{len(numbers)} row{'s' if len(numbers) > 1 else ''}"
        return f"row{'s' if len(numbers) > 1 else ''} {', '.join(map(str, sorted(numbers)))}"

    # The engines give rows in no fixed order after the join back: values are named from
    # the first row that holds them (by value, where rows are not numbered).
    named = sorted(by_value.items(), key=lambda item: (min(item[1]), item[0]))
    values = "; ".join(f"{value} ({where(numbers)})" for value, numbers in named)
    return (
        f"course {course!r} has {len(by_value)} different {column!r} values on its rows: "
        f"{values}; give each course one {column!r} on all its rows, or a courses table"
    )


def row_problems(
    table: str, rows: Iterable[tuple[int, Mapping[str, Any]]], carried: Sequence[str]
) -> list[RecordProblem]:
    """A problem for each unreadable cell of collected rows (number, row) of ``table``.

    ``carried`` are the course columns the attendances carried: their problems too.
    """
    rows = list(rows)
    found = unread_problems(table, rows, TABLES[table].fields)
    if table == "attendances" and carried:
        found = sorted([*found, *_course_problems(rows)], key=lambda p: p.row)
    return found


def _course_problems(rows: Sequence[tuple[int, Mapping[str, Any]]]) -> list[RecordProblem]:
    """The course cells' problems of collected bad attendance rows (number, row).

    A cell that cannot be read is named as the courses table would name it; a conflict
    names the course, the column, each value and its rows.
    """
    found: list[RecordProblem] = []
    fields = [f for f in TABLES["courses"].fields if f != "id"]
    clashes: dict[tuple[object, str], list[tuple[int, object]]] = {}
    for number, row in rows:
        view: dict[str, Any] = {"id": row.get("course")}
        for column, field in CARRIED.items():
            code = row.get(unread_name(column))
            if code == CONFLICT:
                clashes.setdefault((row.get("course"), column), []).append(
                    (number, row.get(column))
                )
                continue
            view |= {field: row.get(column), unread_name(field): code}
            view[raw_name(field)] = row.get(raw_name(column))
        for problem in unread_problems("courses", [(number, view)], fields):
            column = next(c for c, f in CARRIED.items() if f == problem.field)
            found.append(
                RecordProblem("attendances", number, column, problem.message, code=problem.code)
            )
    for (course, column), cells in clashes.items():
        message = conflict_message(course, column, cells)
        found += [_conflict(number, column, message) for number, _ in cells]
    return found


Read = tuple[list[object], list[int], list[RecordProblem]]


def read_rows(
    table: str, fields: Iterable[str | None], rows: Iterable[tuple[int, Mapping[str, object]]]
) -> dict[str, Read]:
    """A file's numbered rows (field → cell) as records: the courses too if carried.

    ``fields`` are the file's columns as fields: attendances with course columns among
    them give the attendances and the courses derived from them, as frames do.
    """
    carried = [field for field in fields if field in CARRIED]
    if table != "attendances" or not carried:
        return {table: _read_numbered(TABLES[table], rows)}
    own: list[tuple[int, dict[str, object]]] = []
    by_id: dict[str, list[tuple[int, Course]]] = {}
    found: list[RecordProblem] = []
    for number, item in rows:
        course = {CARRIED[k]: v for k, v in item.items() if k in CARRIED}
        own.append((number, {k: v for k, v in item.items() if k not in CARRIED}))
        if "course" not in item:
            continue  # the attendance reader says the course is missing
        record, problems = _read_row(TABLES["courses"], number, {"id": item["course"], **course})
        names = {field: column for column, field in CARRIED.items()} | {"id": "course"}
        found += [
            RecordProblem(
                "attendances", p.row, names.get(p.field or "", p.field), p.message, code=p.code
            )
            for p in problems
        ]
        if isinstance(record, Course):
            by_id.setdefault(record.id, []).append((number, record))
    courses: list[object] = []
    first: list[int] = []
    for entries in by_id.values():
        clashes = _clashes(entries)
        found += clashes
        if not clashes:
            courses.append(entries[0][1])
            first.append(entries[0][0])
    refused = {p.row for p in found}
    good, numbers, bad = _read_numbered(
        TABLES["attendances"], (r for r in own if r[0] not in refused)
    )
    problems = sorted([*found, *bad], key=lambda p: p.row)
    return {"attendances": (good, numbers, problems), "courses": (courses, first, [])}


def _conflict(number: int, column: str, message: str) -> RecordProblem:
    """A course's column that its attendance rows give differently: the row contradicts."""
    return RecordProblem("attendances", number, column, message, code="record.row.invalid")


def _clashes(entries: Sequence[tuple[int, Course]]) -> list[RecordProblem]:
    """A problem per row and column where the rows of one course disagree."""
    found = []
    for column, field in CARRIED.items():
        cells = [(number, getattr(record, field)) for number, record in entries]
        if len({_shown(value) for _, value in cells}) > 1:
            message = conflict_message(entries[0][1].id, column, cells)
            found += [_conflict(number, column, message) for number, _ in cells]
    return found
