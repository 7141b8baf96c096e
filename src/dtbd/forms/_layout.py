"""The grid of a filled form, shared by every writer: header spans, body rows, texts.

The header is three rows over the columns (TT, label and, on a form that shows them, the
rows' codes over all three; a group over its columns; a column's label over its
sublabels), then the numbers row (``3=4+6+8``, or ``A B C 1=(2+3)`` on a form of the
Home Affairs conventions). The writers (.xlsx, HTML, Markdown) draw the same cells, so
they show the same numbers.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

import attrs

from dtbd._version import __version__
from dtbd.forms._fill import FilledForm
from dtbd.forms._form import Form, FormColumn, FormRow
from dtbd.model._period import Period

__all__ = [
    "BLANK",
    "HEADER_ROWS",
    "Span",
    "fields",
    "header_spans",
    "label_cells",
    "numbers_row",
    "period_text",
    "provenance",
    "title",
]

BLANK = "…………"
"""A header field not given: a dotted line, to be written in by hand."""

HEADER_ROWS = 3
"""Rows of the header above the numbers row."""


@attrs.frozen
class Span:
    """A header cell: its top-left row and column (from 0), its spans and its text."""

    row: int
    column: int
    rows: int
    columns: int
    text: str


def header_spans(form: Form) -> tuple[Span, ...]:
    """The header cells of ``form``, row by row, as the layout merges them."""
    heads = (form.tt_header, form.label_header, form.code_header)[: len(form.label_numbers)]
    spans = [Span(0, at, 3, 1, text) for at, text in enumerate(heads)]
    index = {c.number: i + len(heads) for i, c in enumerate(form.columns)}
    grouped = {n for g in form.groups for n in g.columns}
    spans.extend(Span(0, index[g.columns[0]], 1, len(g.columns), g.label) for g in form.groups)
    columns = list(form.columns)
    at = 0
    while at < len(columns):
        column = columns[at]
        top = 1 if column.number in grouped else 0
        if column.sublabel is None:
            spans.append(Span(top, index[column.number], 3 - top, 1, column.label))
            at += 1
            continue
        run = list(itertools.takewhile(functools.partial(_same, column), columns[at:]))
        spans.append(Span(top, index[column.number], 1, len(run), column.label))
        spans.extend(Span(top + 1, index[c.number], 2 - top, 1, c.sublabel or "") for c in run)
        at += len(run)
    return tuple(sorted(spans, key=lambda s: (s.row, s.column)))


def numbers_row(form: Form) -> list[str]:
    """The numbers row under the header: ``1, 2, 3=4+6+8, …`` or ``A, B, C, 1=(2+3), …``."""
    return [*form.label_numbers, *(form.heading(c) for c in form.columns)]


def label_cells(form: Form, row: FormRow) -> list[str]:
    """The label cells of a body row: TT, label and, where the form shows them, the code."""
    cells = [row.tt, row.label]
    return [*cells, "" if row.caption else row.code] if form.shows_codes else cells


def fields(
    filled: FilledForm,
    template: str,
    unit: str | None = None,
    clean: Callable[[str], str] = str,
) -> str:
    """A header template with its fields filled in; a field not given is :data:`BLANK`.

    ``unit`` is the unit's name as the template shows it (upper case in an issuer's
    block); ``clean`` is applied to the user's texts (a writer's escaping).
    """
    form = filled.form
    given = {k: clean(v) for k, v in filled.header.items()}
    return template.format(
        unit=clean(filled.unit_name) if unit is None else unit,
        recipient=given.get("recipient", BLANK),
        received=given.get("received", BLANK),
        code=form.code,
        count_unit=form.count_unit,
    )


def _same(first: FormColumn, other: FormColumn) -> bool:
    return other.label == first.label and other.sublabel is not None


def period_text(period: Period) -> str:
    """The period as the title says it: ``NĂM 2024``, or the first and last day."""
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"NĂM {start.year}"
    if (year := period.reporting) is not None:
        return f"NĂM {year} (TỪ NGÀY 15/12/{year - 1} ĐẾN NGÀY 14/12/{year})"
    first, last = (f"{d.day:02d}/{d.month:02d}/{d.year}" for d in (period.start, period.end))
    return f"TỪ NGÀY {first} ĐẾN NGÀY {last}"


def title(filled: FilledForm) -> str:
    """The form's title for its period."""
    return filled.form.title.format(period=period_text(filled.period))


def provenance(filled: FilledForm) -> str:
    """The line every output ends with: dtbd and catalog versions, period, input digest."""
    from dtbd.catalog._load import CATALOG_VERSION  # noqa: PLC0415  -- the catalog is data

    first, last = filled.period.start.isoformat(), filled.period.end.isoformat()
    return (
        f"dtbd {__version__} · danh mục (catalog) {CATALOG_VERSION} · kỳ báo cáo "
        f"{first} – {last} · SHA-256 dữ liệu: {filled.digest}"
    )
