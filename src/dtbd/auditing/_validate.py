"""Validation rules on what units report (DHIS2-style): left side, operator, right side.

Each rule compares cells of one unit's report (``docs/submissions.md`` gives each with
a worked example):

- ``attendances-at-least-persons``: a row's lượt ≥ its người (each person is one lượt at
  least);
- ``part-at-most-total``: a row with a breakdown ("of which women") ≤ the line's total
  row, count by count;
- ``parts-equal-total``: the rows of one breakdown column add up to the total: = when
  they give every value of the column (male and female), ≤ when they give some;
- ``not-below-earlier``: rows of one line and breakdown from the same start date are a
  cumulative series (*lũy kế*): a later end's figure ≥ an earlier end's;
- ``one-row-per-cell``: a line's total, or one breakdown value of it, is given in one row;
  a second row with the same cells would be added to the first by every measure;
- ``assigned``: a unit's reported total for a target against the share the scheme
  assigned it (``Target.assigned``): above the share, or below it once its period is
  over, is a warning.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

import attrs

from dtbd.engine._reported import measure_reported
from dtbd.figures._figure import Assessment, Figure
from dtbd.figures._format import format_date, format_number
from dtbd.measures._measure import compile_scheme
from dtbd.model._categories import Gender, Level, StaffCategory
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._submission import COUNTS, LINE, SubmissionRow
from dtbd.records._coerce import coerce_records
from dtbd.records._reports import Reports, reports_of, split_reports
from dtbd.results._finding import Severity
from dtbd.results._validation import Operator, Validation, ValidationViolation
from dtbd.words import say, say_each

__all__ = ["validate_submissions"]

_ALL_VALUES: dict[str, frozenset[object]] = {
    "gender": frozenset(Gender),
    "minority": frozenset({True, False}),
    "category": frozenset(StaffCategory),
    "level": frozenset(Level),
}
"""The values that make a breakdown column complete; age bands have no fixed set."""

Numbered = tuple[int, SubmissionRow]


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))


def _line(row: SubmissionRow) -> tuple[tuple[str, str], ...]:
    return tuple((c, _text(getattr(row, c))) for c in LINE if getattr(row, c) is not None)


Side = tuple[str, Callable[[str], str]]
"""A rule's side: the cells it reads as a code (``persons [gender=female]``), and the same
said in a language."""

_SYMBOLS = {Operator.EQUAL: "=", Operator.AT_LEAST: "≥", Operator.AT_MOST: "≤"}


def _cells(count: str, breakdown: Iterable[tuple[str, object]] = ()) -> Side:
    parts = ", ".join(f"{c}={_text(v)}" for c, v in breakdown)

    def label(locale: str) -> str:
        name = say(f"validation.count.{count}", locale)
        return f"{name} [{parts}]" if parts else name

    return (f"{count} [{parts}]" if parts else count), label


def _sum_of(count: str, column: str) -> Side:
    def label(locale: str) -> str:
        return say("validation.sum", locale, count=_cells(count)[1](locale), column=column)

    return f"sum of {count} by {column}", label


def _until(count: str, breakdown: Iterable[tuple[str, object]], day: dt.date) -> Side:
    code, named = _cells(count, breakdown)

    def label(locale: str) -> str:
        return say("validation.until", locale, cells=named(locale), day=format_date(day, locale))

    return f"{code} to {day.isoformat()}", label


def _word(code: str) -> Side:
    return code, lambda locale: say(f"validation.side.{code}", locale)


def _violation(  # noqa: PLR0913  -- a violation's every part
    rule: str,
    row: SubmissionRow,
    cells: tuple[Side, Operator, Side],
    values: tuple[Decimal, Decimal],
    rows: Sequence[int],
    *,
    importance: Severity = Severity.ERROR,
    target: str | None = None,
) -> ValidationViolation:
    (left_cells, left_label), operator, (right_cells, right_label) = cells
    left, right = values
    assert row.start is not None  # noqa: S101  -- validated
    assert row.end is not None  # noqa: S101  -- validated
    start, end = row.start, row.end
    vi, en = say_each(
        f"validation.{rule}",
        unit=row.unit,
        start=lambda locale: format_date(start, locale),
        end=lambda locale: format_date(end, locale),
        left_cells=left_label,
        right_cells=right_label,
        left=lambda locale: format_number(left, locale),
        right=lambda locale: format_number(right, locale),
        operator=_SYMBOLS[operator],
        target=target or "",
    )
    return ValidationViolation(
        rule=rule, importance=importance, unit=row.unit, start=start, end=end,
        line=_line(row), left_cells=left_cells, operator=operator, right_cells=right_cells,
        left=left, right=right, rows=tuple(rows), target=target, message_vi=vi, message_en=en,
    )  # fmt: skip


def _persons(numbered: Sequence[Numbered]) -> list[ValidationViolation]:
    found = []
    for number, row in numbered:
        luot, nguoi = row.attendances, row.persons
        if luot is not None and nguoi is not None and luot < nguoi:
            cells = (
                _cells("attendances", row.breakdown),
                Operator.AT_LEAST,
                _cells("persons", row.breakdown),
            )
            values = (Decimal(luot), Decimal(nguoi))
            found.append(_violation("attendances-at-least-persons", row, cells, values, [number]))
    return found


def _repeated(lines: dict[tuple[object, ...], list[Numbered]]) -> list[ValidationViolation]:
    found = []
    for rows in lines.values():
        cells: dict[tuple[tuple[str, object], ...], list[Numbered]] = defaultdict(list)
        for number, row in rows:
            cells[row.breakdown].append((number, row))
        for breakdown, same in cells.items():
            if len(same) > 1:
                sides = (_cells("rows", breakdown), Operator.EQUAL, _word("one"))
                values = (Decimal(len(same)), Decimal(1))
                numbers = [n for n, _ in same]
                found.append(_violation("one-row-per-cell", same[0][1], sides, values, numbers))
    return found


def _parts(lines: dict[tuple[object, ...], list[Numbered]]) -> list[ValidationViolation]:
    found = []
    for rows in lines.values():
        totals = [(n, r) for n, r in rows if not r.breakdown]
        if not totals:
            continue
        total_row, total = totals[0][0], totals[0][1]
        by_column: dict[str, list[Numbered]] = defaultdict(list)
        for number, row in rows:
            for count in COUNTS:
                part, whole = getattr(row, count), getattr(total, count)
                if row.breakdown and part is not None and whole is not None and part > whole:
                    cells = (_cells(count, row.breakdown), Operator.AT_MOST, _cells(count))
                    values = (Decimal(part), Decimal(whole))
                    found.append(
                        _violation("part-at-most-total", row, cells, values, [number, total_row])
                    )
            if len(row.breakdown) == 1:
                by_column[row.breakdown[0][0]].append((number, row))
        for column, parts in by_column.items():
            if len(parts) > 1:  # one part alone is an "of which", checked above
                found.extend(_sum(column, parts, total_row, total))
    return found


def _sum(
    column: str, parts: Sequence[Numbered], total_row: int, total: SubmissionRow
) -> list[ValidationViolation]:
    given = {getattr(row, column) for _, row in parts}
    complete = column in _ALL_VALUES and given >= _ALL_VALUES[column]
    operator = Operator.EQUAL if complete else Operator.AT_MOST
    found = []
    for count in COUNTS:
        values = [getattr(row, count) for _, row in parts]
        whole = getattr(total, count)
        if whole is None or any(v is None for v in values):
            continue
        summed = Decimal(sum(values))
        if not operator.holds(summed, Decimal(whole)):
            cells = (_sum_of(count, column), operator, _cells(count))
            numbers = [n for n, _ in parts] + [total_row]
            found.append(
                _violation("parts-equal-total", total, cells, (summed, Decimal(whole)), numbers)
            )
    return found


def _cumulative(numbered: Sequence[Numbered]) -> list[ValidationViolation]:
    series: dict[tuple[object, ...], list[Numbered]] = defaultdict(list)
    for number, row in numbered:
        line = (row.unit, row.start, *(getattr(row, c) for c in LINE), row.breakdown)
        series[line].append((number, row))
    found = []
    for rows in series.values():
        ordered = sorted(rows, key=lambda item: item[1].period.end)
        for (n0, before), (n1, after) in itertools.pairwise(ordered):
            if before.end == after.end:
                continue
            for count in COUNTS:
                early, late = getattr(before, count), getattr(after, count)
                if early is not None and late is not None and late < early:
                    cells = (
                        _until(count, after.breakdown, after.period.end),
                        Operator.AT_LEAST,
                        _until(count, before.breakdown, before.period.end),
                    )
                    values = (Decimal(late), Decimal(early))
                    found.append(_violation("not-below-earlier", after, cells, values, [n1, n0]))
    return found


def _assigned(
    scheme: Scheme, numbered: Sequence[Numbered], as_of: dt.date | None
) -> list[ValidationViolation]:
    measures = {m.target_id: m for m in compile_scheme(scheme)}
    found = []
    for target in scheme.resolved().all_targets():
        for share in target.assigned:
            if share.unit is None:
                continue
            measure = measures[target.id]
            window = measure.window if share.year is None else measure.window.year(share.year)
            if window is None:
                continue
            rows = [(n, r) for n, r in numbered if r.unit == str(share.unit)]
            if not rows:
                continue
            day = as_of or window.end
            reported, _ = measure_reported(
                [attrs.evolve(measure, window=window)], [r for _, r in rows], {}, day
            )
            got = reported[target.id]
            if not got.rows:
                continue
            found.extend(
                _against(
                    target.id, figure=share.figure, total=got.total, window=window,
                    as_of=as_of, rows=rows,
                )
            )  # fmt: skip
    return found


def _against(  # noqa: PLR0913  -- the share, what was reported and when
    target_id: str,
    *,
    figure: object,
    total: Decimal,
    window: Period,
    as_of: dt.date | None,
    rows: Sequence[Numbered],
) -> list[ValidationViolation]:
    assert isinstance(figure, Figure)  # noqa: S101  -- an Assignment's figure
    assessment = figure.assess(total)
    over = assessment is Assessment.ABOVE
    short = assessment is Assessment.BELOW and as_of is not None and as_of >= window.end
    if not (over or short):
        return []
    bound = figure.high if over else figure.low
    assert bound is not None  # noqa: S101  -- a figure is above or below a stated end
    operator = Operator.AT_MOST if over else Operator.AT_LEAST
    first = rows[0][1]
    row = attrs.evolve(first, year=None, start=window.start, end=window.end)
    cells = (_word("reported"), operator, _word("assigned"))
    return [
        _violation(
            "assigned", row, cells, (total, bound), [n for n, _ in rows],
            importance=Severity.WARNING, target=target_id,
        )
    ]  # fmt: skip


def _reports(records: object) -> Reports:
    if isinstance(records, Reports):
        return records
    if isinstance(records, (list, tuple)) and all(isinstance(r, SubmissionRow) for r in records):
        return Reports(tuple(records), tuple(range(1, len(records) + 1)))
    rest, split = split_reports(records)
    return split if split is not None else reports_of(coerce_records(rest))


def validate_submissions(
    records: object, scheme: Scheme | None = None, *, as_of: dt.date | None = None
) -> Validation:
    """Run the validation rules on units' reports; one violation per failed comparison.

    ``records`` are report rows (:class:`~dtbd.SubmissionRow`), records holding them
    (``Records.submissions``, a folder with ``submissions.csv``, a mapping with a
    ``submissions`` table or frame). With ``scheme``, each unit's total for a target is
    also held to its assigned share; with ``as_of``, a share whose period is over must
    be reached. See ``docs/submissions.md``.
    """
    reports = _reports(records)
    numbered = list(zip(reports.numbers, reports.rows, strict=True))
    lines: dict[tuple[object, ...], list[Numbered]] = defaultdict(list)
    for number, row in numbered:
        lines[row.line].append((number, row))
    found = [*_persons(numbered), *_repeated(lines), *_parts(lines), *_cumulative(numbered)]
    if scheme is not None:
        found.extend(_assigned(scheme, numbered, as_of))
    return Validation(len(numbered), tuple(found))
