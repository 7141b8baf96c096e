"""A filled form as Markdown and as a self-contained HTML page, with the .xlsx's numbers.

The form's own words are Vietnamese, as the official form; the words around it (the
list of records not classifiable) follow ``locale``. Every text is escaped: user text
cannot inject markup, and a Markdown cell cannot run as a spreadsheet formula.
"""

from __future__ import annotations

from pathlib import Path

from dtbd._errors import FileFormatError
from dtbd._safe_text import markdown_text
from dtbd.display._style import e
from dtbd.figures._format import format_number
from dtbd.forms._fill import FilledForm
from dtbd.forms._layout import (
    HEADER_ROWS,
    fields,
    header_spans,
    label_cells,
    numbers_row,
    provenance,
    title,
)
from dtbd.words import say

__all__ = ["form_html", "form_markdown", "write_form"]

_INDENT = "\u2003"
"""An em space per indent level: Markdown keeps it where it drops leading spaces."""

_CSS = """<style>
body{font-family:"Times New Roman",serif;font-size:13px;color:#111;background:#fff}
.dtbd-form table{border-collapse:collapse}
.dtbd-form th,.dtbd-form td{border:1px solid #555;padding:.2em .45em}
.dtbd-form th{text-align:center;vertical-align:middle;font-weight:600;max-width:7em}
.dtbd-form td.num{min-width:3.5em}
.dtbd-form td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.dtbd-form tr.numbers th{font-style:italic;font-weight:400}
.dtbd-form tr.strong td{font-weight:600}
.dtbd-form .top{display:flex;justify-content:space-between;text-align:center;font-weight:600}
.dtbd-form .sign{display:flex;justify-content:space-around;text-align:center;margin-top:1em}
.dtbd-form small{color:#666}
.dtbd-form td.code{text-align:center}
.dtbd-form p.note{font-style:italic;color:#9c0006}
</style>"""


def _numbers(filled: FilledForm, code: str, locale: str) -> list[str]:
    """A row's numbers as text; a caption row's cells are blank."""
    if code not in filled.cells:
        return [""] * len(filled.form.columns)
    return [format_number(filled.cell(code, c.number), locale) for c in filled.form.columns]


def _flat_heads(filled: FilledForm) -> list[str]:
    """One heading per column: the labels over it, top to bottom, and its number."""
    form = filled.form
    labels = len(form.label_numbers)
    parts: list[list[str]] = [[] for _ in range(labels + len(form.columns))]
    for span in header_spans(form):
        for column in range(span.column, span.column + span.columns):
            parts[column].append(span.text)
    return [
        ": ".join(p) + (f" ({n})" if i >= labels or form.shows_codes else "")
        for i, (p, n) in enumerate(zip(parts, numbers_row(form), strict=True))
    ]


def _unclassified_rows(filled: FilledForm, locale: str) -> tuple[list[str], list[list[str]]]:
    heads = [say(f"forms.unclassified.{k}", locale) for k in ("kind", "id", "reason")]
    rows = [
        [say(f"forms.kind.{u.kind}", locale), u.id, u.reason_in(locale)]
        for u in filled.unclassified
    ]
    return heads, rows


def form_markdown(filled: FilledForm, locale: str = "vi") -> str:
    """The filled form as a Markdown document: title, table, records not classified."""
    form = filled.form
    heads = _flat_heads(filled)
    blocks = [fields(filled, form.corner)]
    if "{unit}" in form.issuer_label:  # the issuer's block is the unit: said first, in bold
        head = f"**{markdown_text(filled.unit_name)}** · "
    else:
        head, blocks = "", [fields(filled, form.issuer_label), *blocks]
    said = [markdown_text(line) for block in blocks for line in block.splitlines() if line]
    lines = [
        f"# {markdown_text(title(filled))}",
        "",
        head + " · ".join(said),
        "",
        *([f"> {markdown_text(form.note)}", ""] if form.note else []),
        "| " + " | ".join(markdown_text(h) for h in heads) + " |",
        "| " + " | ".join(["---"] * len(form.label_numbers) + ["---:"] * len(form.columns)) + " |",
    ]
    for row in form.rows:
        tt, label, *code = label_cells(form, row)
        label = _INDENT * row.indent + markdown_text(label)
        cells = [markdown_text(tt), label, *map(markdown_text, code)]
        lines.append("| " + " | ".join([*cells, *_numbers(filled, row.code, locale)]) + " |")
    count = filled.unclassified_count
    lines += ["", f"## {say('forms.unclassified.title', locale, count=count)}", ""]
    if filled.unclassified:
        names, rows = _unclassified_rows(filled, locale)
        lines.append("| " + " | ".join(names) + " |")
        lines.append("| --- | --- | --- |")
        lines.extend("| " + " | ".join(markdown_text(c) for c in r) + " |" for r in rows)
    else:
        lines.append(say("forms.unclassified.none", locale))
    lines += ["", f"<small>{markdown_text(provenance(filled))}</small>", ""]
    return "\n".join(lines)


def _html_head(filled: FilledForm) -> str:
    grid: dict[int, list[str]] = {r: [] for r in range(HEADER_ROWS)}
    for span in header_spans(filled.form):
        spans = f' rowspan="{span.rows}"' if span.rows > 1 else ""
        spans += f' colspan="{span.columns}"' if span.columns > 1 else ""
        grid[span.row].append(f"<th{spans}>{e(span.text)}</th>")
    numbers = numbers_row(filled.form)
    rows = ["<tr>" + "".join(cells) + "</tr>" for cells in grid.values()]
    rows.append('<tr class="numbers">' + "".join(f"<th>{e(n)}</th>" for n in numbers) + "</tr>")
    return "<thead>" + "".join(rows) + "</thead>"


def _html_body(filled: FilledForm, locale: str) -> str:
    rows = []
    spanned = 0
    for row in filled.form.rows:
        strong = row.indent == 0 or bool(row.tt and row.tt_rows == 1)
        cells = []
        if spanned == 0:
            span = f' rowspan="{row.tt_rows}"' if row.tt_rows > 1 else ""
            cells.append(f"<td{span}>{e(row.tt)}</td>")
            spanned = row.tt_rows
        spanned -= 1
        pad = f' style="padding-left:{0.45 + 1.2 * row.indent:.2f}em"'
        cells.append(f"<td{pad}>{e(row.label)}</td>")
        cells.extend(f'<td class="code">{e(c)}</td>' for c in label_cells(filled.form, row)[2:])
        cells.extend(f'<td class="num">{e(n)}</td>' for n in _numbers(filled, row.code, locale))
        opening = '<tr class="strong">' if strong else "<tr>"
        rows.append(opening + "".join(cells) + "</tr>")
    return "<tbody>" + "".join(rows) + "</tbody>"


def form_html(filled: FilledForm, locale: str = "vi") -> str:
    """The filled form as a self-contained HTML page (inline CSS, no network)."""
    form = filled.form
    issuer = e(fields(filled, form.issuer_label, filled.unit_name.upper())).replace("\n", "<br>")
    corner = e(fields(filled, form.corner)).replace("\n", "<br>")
    top = (
        f'<div class="top"><div>{issuer}</div><div>{e(title(filled))}</div>'
        f"<div>{corner}</div></div>"
    )
    if form.note:
        top += f'<p class="note">{e(form.note)}</p>'
    table = f"<table>{_html_head(filled)}{_html_body(filled, locale)}</table>"
    signs = "".join(
        f"<div><b>{e(s.title)}</b><br><i>{e(s.note)}</i></div>" for s in form.signatures
    )
    count = filled.unclassified_count
    names, rows = _unclassified_rows(filled, locale)
    listed = (
        "<table><thead><tr>" + "".join(f"<th>{e(n)}</th>" for n in names) + "</tr></thead>"
        "<tbody>"
        + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
        + "</tbody></table>"
        if rows
        else f"<p>{e(say('forms.unclassified.none', locale))}</p>"
    )
    body = (
        f'<div class="dtbd-form">{top}{table}<p style="text-align:right"><i>'
        f'{e(form.place_date)}</i></p><div class="sign">{signs}</div>'
        f"<h2>{e(say('forms.unclassified.title', locale, count=count))}</h2>{listed}"
        f"<p><small>{e(provenance(filled))}</small></p></div>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{e(locale)}"><head><meta charset="utf-8">'
        f"<title>{e(title(filled))}</title>{_CSS}</head><body>{body}</body></html>\n"
    )


def write_form(filled: FilledForm, path: str | Path, locale: str = "vi") -> Path:
    """Write the filled form to ``path``, as .xlsx, .md or .html by its suffix.

    Raises:
        FileFormatError: the suffix is none of the three.
    """
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix == ".xlsx":
        from dtbd.forms._xlsx import form_xlsx  # noqa: PLC0415  -- openpyxl only here

        path.write_bytes(form_xlsx(filled))
    elif suffix in (".md", ".markdown"):
        path.write_text(form_markdown(filled, locale), encoding="utf-8", newline="\n")
    elif suffix in (".html", ".htm"):
        path.write_text(form_html(filled, locale), encoding="utf-8", newline="\n")
    else:
        message = (
            f"{path}: write a form as .xlsx, .md or .html (got {path.suffix or 'no suffix'!r})"
        )
        raise FileFormatError(message)
    return path
