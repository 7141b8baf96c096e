"""A report as a Word document: python-docx, A4 landscape, Times New Roman, the chart as PNG.

Word documents are zip files, and both python-docx and the zip module write the clock
into them (the core properties' dates, each entry's time). Both are pinned here: the
document's dates are the report's as-of day and every entry is dated 1 January 1980 (the
zip format's first day), so the same report gives the same bytes. matplotlib draws the
chart from the report's own numbers with its metadata left out.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import zipfile
from typing import Any

from dtbd._extras import require
from dtbd.display._plot import wrapped
from dtbd.display._plot_all import COLOURS
from dtbd.documents._parts import Bars, Grid, Section, Text

__all__ = ["docx_report"]

_FONT = "Times New Roman"
_SHADES = {"good": "DCEFE0", "warn": "F8EBCC", "bad": "F6D5D4"}
_ZIP_DAY = (1980, 1, 1, 0, 0, 0)


def _fonts(document: Any) -> None:  # noqa: ANN401  -- a python-docx Document
    shared = require("docx.shared", "docx", "ProgressReport.to_docx()")
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption"):
        style = document.styles[name]
        style.font.name = _FONT
        style.font.color.rgb = shared.RGBColor(0, 0, 0)
        # Word takes a run's font from the theme unless each script's slot is named.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(_qn(slot), _FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(_qn(theme), None)
    document.styles["Normal"].font.size = shared.Pt(12)


def _qn(tag: str) -> str:
    oxml = require("docx.oxml.ns", "docx", "ProgressReport.to_docx()")
    return str(oxml.qn(tag))


def _landscape(document: Any) -> None:  # noqa: ANN401
    enum = require("docx.enum.section", "docx", "ProgressReport.to_docx()")
    shared = require("docx.shared", "docx", "ProgressReport.to_docx()")
    section = document.sections[0]
    section.orientation = enum.WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = shared.Mm(297), shared.Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, shared.Mm(15))


def _shade(cell: Any, colour: str) -> None:  # noqa: ANN401  -- a python-docx cell
    oxml = require("docx.oxml", "docx", "ProgressReport.to_docx()")
    shading = oxml.OxmlElement("w:shd")
    shading.set(_qn("w:val"), "clear")
    shading.set(_qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)  # noqa: SLF001  -- python-docx has no shading API


def _grid(document: Any, grid: Grid) -> None:  # noqa: ANN401
    text = require("docx.enum.text", "docx", "ProgressReport.to_docx()")
    shared = require("docx.shared", "docx", "ProgressReport.to_docx()")
    table = document.add_table(rows=1 + len(grid.rows), cols=len(grid.headers))
    table.style = "Table Grid"
    table.autofit = False
    widths = _widths(grid)
    for index, column in enumerate(table.columns):
        # LibreOffice lays a table out by its grid's columns, Word by its cells': set both.
        column.width = shared.Mm(widths[index])
    for row_index, row in enumerate((grid.headers, *grid.rows)):
        body = row_index - 1
        for index, value in enumerate(row):
            cell = table.cell(row_index, index)
            cell.width = shared.Mm(widths[index])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.font.size = shared.Pt(10)
            if not row_index:
                run.bold = True
                _shade(cell, "EEEEEE")
            if index in grid.numbers:
                paragraph.alignment = text.WD_ALIGN_PARAGRAPH.RIGHT
            if body >= 0 and index == 0 and grid.depths and grid.depths[body]:
                paragraph.paragraph_format.left_indent = shared.Mm(4 * grid.depths[body])
            if body >= 0 and index == grid.toned and body < len(grid.tones):
                colour = _SHADES.get(grid.tones[body] or "")
                if colour:
                    _shade(cell, colour)
    document.add_paragraph()


_PAGE = 267
"""Millimetres between an A4 landscape page's margins."""


def _widths(grid: Grid) -> list[float]:
    """Column widths in mm: labels widest, then text, numbers narrowest."""
    weights = [
        3.0 if i == 0 else 1.0 if i in grid.numbers else 2.0 for i in range(len(grid.headers))
    ]
    return [_PAGE * w / sum(weights) for w in weights]


def _chart_png(chart: Bars) -> bytes:
    """The bullet chart drawn by matplotlib, from the report's numbers, without metadata."""
    require("matplotlib", "docx", "ProgressReport.to_docx()")
    import matplotlib as mpl  # noqa: PLC0415  -- an optional extra

    mpl.use("Agg")
    pyplot = require("matplotlib.pyplot", "docx", "ProgressReport.to_docx()")
    bars = chart.bars
    height = max(2.5, 0.45 * len(bars) + 1.2)
    figure, ax = pyplot.subplots(figsize=(10, height), layout="constrained")
    rows = list(range(len(bars)))
    cap = 150.0
    # Numbers become floats here only as positions on the chart, never as results.
    achieved = [min(float(b.achieved or 0), cap) for b in bars]
    ax.barh(rows, achieved, color=[COLOURS[b.tone] for b in bars], height=0.55, alpha=0.85)
    dues = [(r, min(float(b.due), cap)) for r, b in zip(rows, bars, strict=True) if b.due]
    if dues:
        ax.scatter([d for _, d in dues], [r for r, _ in dues], marker="|", s=300,
                   linewidths=2.5, color="black", zorder=3, label=chart.due_label)  # fmt: skip
    for row, bar, value in zip(rows, bars, achieved, strict=True):
        ax.annotate(bar.shown, (value, row), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize="small")  # fmt: skip
    ax.axvline(100, color="grey", linewidth=0.8, linestyle="--")
    # at most two lines of 45 characters, a longer label ending in "…", never cut mid-word
    labels = [
        wrapped(textwrap.shorten("– " * b.depth + b.label, 90, placeholder=" …"), 45) for b in bars
    ]
    ax.set_yticks(rows, labels, fontsize="small")
    ax.invert_yaxis()
    ax.set_xlim(0, cap + 20)
    ax.set_xlabel(chart.axis_label)
    if dues:
        ax.legend(loc="lower right", fontsize="small")
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=110, metadata={"Software": None})
    pyplot.close(figure)
    return out.getvalue()


def _section(document: Any, section: Section, level: int) -> None:  # noqa: ANN401
    shared = require("docx.shared", "docx", "ProgressReport.to_docx()")
    document.add_heading(section.title, level=level)
    for part in section.parts:
        if isinstance(part, Text):
            paragraph = document.add_paragraph()
            paragraph.add_run(part.text).bold = part.strong
        elif isinstance(part, Grid):
            _grid(document, part)
        else:
            document.add_paragraph(part.title, style="Caption")
            document.add_picture(io.BytesIO(_chart_png(part)), width=shared.Mm(250))


def _pinned(data: bytes) -> bytes:
    """The same zip with every entry dated :data:`_ZIP_DAY`, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            pinned = zipfile.ZipInfo(entry.filename, date_time=_ZIP_DAY)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            target.writestr(pinned, source.read(entry.filename))
    return out.getvalue()


def docx_report(found: tuple[Section, ...], locale: str, as_of: dt.date) -> bytes:
    """The sections as the bytes of a .docx file, dated ``as_of``: the same, the same bytes."""
    docx = require("docx", "docx", "ProgressReport.to_docx()")
    document = docx.Document()
    _fonts(document)
    _landscape(document)
    for index, section in enumerate(found):
        _section(document, section, 0 if index == 0 else 1)
    day = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = found[0].title
    properties.author = properties.last_modified_by = "dtbd"
    properties.created = properties.modified = day
    properties.revision = 1
    properties.language = locale
    out = io.BytesIO()
    document.save(out)
    return _pinned(out.getvalue())
