"""A report as one self-contained HTML page: inline style, the chart as inline SVG.

Nothing is fetched: no script, no font, no image file; the page prints on A4 landscape.
The chart is SVG written here (a bar per target, a tick at what is due, a dashed line at
100 %) rather than matplotlib's: its SVG carries an id salt and a clock unless both are
pinned, embeds every glyph as a path (about 60 kB for a ten-target chart, against 4 kB
here) and would make matplotlib a dependency of a page that needs none.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from dtbd.display._plot_all import COLOURS
from dtbd.display._style import e
from dtbd.documents._parts import Bars, Grid, Section, Text

__all__ = ["bars_svg", "html_page"]

_STYLE = """
@page{size:A4 landscape;margin:14mm}
body{font-family:"Times New Roman","Noto Serif","DejaVu Serif",serif;font-size:13pt;
color:#111;margin:1.5em auto;max-width:64em;line-height:1.4}
h1{font-size:17pt;text-align:center;text-transform:uppercase;margin:.4em 0 1em}
h2{font-size:14pt;margin:1.4em 0 .5em}
table{border-collapse:collapse;margin:.4em 0 .9em;width:100%}
th,td{border:1px solid #555;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#eee;font-weight:bold}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
th.num{text-align:right}
td:first-child{min-width:9em}
td.good{background:#dcefe0}td.warn{background:#f8ebcc}td.bad{background:#f6d5d4}
p.strong{font-weight:bold}
figure{margin:.6em 0}figcaption{font-style:italic;margin-bottom:.3em}
code{font-size:10pt;word-break:break-all}
"""

_ROW = 26
"""Height of a bar's row in the chart, in SVG units."""
_LABEL = 330
_CHARS = 44
"""Characters of a label beside its bar; the whole label is its tooltip."""
_PLOT = 520
_CAP = Decimal(150)


def _text(value: str) -> str:
    return e(unicodedata.normalize("NFC", value))


def _grid(grid: Grid) -> str:
    def cell(tag: str, index: int, value: str, row: int | None = None) -> str:
        classes = []
        if index in grid.numbers:
            classes.append("num")
        if row is not None and index == grid.toned and row < len(grid.tones):
            tone = grid.tones[row]
            if tone and tone != "none":
                classes.append(tone)
        attrs = f' class="{" ".join(classes)}"' if classes else ""
        depth = grid.depths[row] if row is not None and index == 0 and grid.depths else 0
        style = f' style="padding-left:{0.5 + 1.4 * depth:.1f}em"' if depth else ""
        return f"<{tag}{attrs}{style}>{_text(value)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(grid.headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, c, r) for i, c in enumerate(row)) + "</tr>"
        for r, row in enumerate(grid.rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _x(share: Decimal) -> str:
    return f"{_LABEL + min(share, _CAP) * _PLOT / _CAP:.1f}"


def bars_svg(chart: Bars) -> str:
    """The bullet chart as an SVG element: numbers are placed, never rounded into a result."""
    height = _ROW * len(chart.bars) + 50
    width = _LABEL + _PLOT + 80
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{_text(chart.title)}" '
        'font-family="sans-serif" font-size="12">'
    )
    out = [head]
    for row, bar in enumerate(chart.bars):
        y = 10 + row * _ROW
        label = ("– " * bar.depth) + bar.label
        short = label if len(label) <= _CHARS else label[: _CHARS - 1] + "…"
        weight = ' font-weight="bold"' if not bar.depth else ""
        out.append(
            f'<text x="{_LABEL - 8}" y="{y + 15}" text-anchor="end"{weight}>'
            f"<title>{_text(label)}</title>{_text(short)}</text>"
        )
        end = _LABEL
        if bar.achieved is not None:
            right = _x(bar.achieved)
            size = f"{float(right) - _LABEL:.1f}"
            out.append(
                f'<rect x="{_LABEL}" y="{y + 4}" width="{size}" height="14" '
                f'fill="{COLOURS[bar.tone]}" fill-opacity="0.85"/>'
            )
            end = int(float(right))
        if bar.due is not None:
            tick = _x(bar.due)
            out.append(
                f'<line x1="{tick}" x2="{tick}" y1="{y}" y2="{y + 22}" '
                'stroke="#000" stroke-width="2.5"/>'
            )
            end = max(end, int(float(tick)))
        out.append(f'<text x="{end + 5}" y="{y + 15}">{_text(bar.shown)}</text>')
    hundred = _x(Decimal(100))
    bottom = 10 + _ROW * len(chart.bars)
    out.append(
        f'<line x1="{hundred}" x2="{hundred}" y1="6" y2="{bottom}" stroke="#777" '
        'stroke-dasharray="4 3"/>'
    )
    out.append(
        f'<text x="{hundred}" y="{bottom + 16}" text-anchor="middle">100 %</text>'
        f'<line x1="{_LABEL + 20}" x2="{_LABEL + 20}" y1="{bottom + 24}" y2="{bottom + 38}" '
        'stroke="#000" stroke-width="2.5"/>'
        f'<text x="{_LABEL + 28}" y="{bottom + 36}">{_text(chart.due_label)}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def _section(section: Section, level: int) -> list[str]:
    out = [f"<h{level}>{_text(section.title)}</h{level}>"]
    for part in section.parts:
        if isinstance(part, Text):
            cls = ' class="strong"' if part.strong else ""
            out.append(f"<p{cls}>{_text(part.text)}</p>")
        elif isinstance(part, Grid):
            out.append(_grid(part))
        else:
            out.append(
                f"<figure><figcaption>{_text(part.title)}</figcaption>{bars_svg(part)}</figure>"
            )
    return out


def html_page(found: tuple[Section, ...], locale: str) -> str:
    """The report's sections as a page of HTML, the first one's title the page's; all escaped."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(locale)}"><head><meta charset="utf-8">',
        '<meta name="generator" content="dtbd">',
        f"<title>{_text(found[0].title)}</title><style>{_STYLE}</style></head><body>",
    ]
    for index, section in enumerate(found):
        out += _section(section, 1 if index == 0 else 2)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
