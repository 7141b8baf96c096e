"""The look of dtbd's HTML in a notebook: one small style sheet, badges, the status legend.

The HTML is built by hand rather than with a table library. great_tables (the first
choice, measured with ``pip install --dry-run great-tables``: 16 packages) takes only a
pandas or polars frame as its data, so showing a ``Scheme`` would need a dataframe
library — pandas and numpy, or polars — in dtbd's base install, which needs neither; it
groups rows one level deep (``groupname_col``), not a tree of parts within parts, and a
badge would be raw HTML in a cell all the same. pandas' ``Styler`` needs pandas, numpy
and jinja2 and nests rows only through a ``MultiIndex``. The views below need the
standard library's :mod:`html` and nothing else.

The style reads on JupyterLab's light and dark themes alike: text is the page's own
colour (``inherit``/``currentColor``), backgrounds are transparent, rules are
half-transparent grey and a badge is a tinted, half-transparent fill with a border of its
colour, which reads over white and over black.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from dtbd.words import say

__all__ = ["STYLE", "TONES", "badge", "e", "legend", "table", "view"]

TONES: dict[str, str] = {
    "met": "good",
    "exceeded": "good",
    "on_track": "good",
    "behind": "warn",
    "off_track": "bad",
    "missed": "bad",
    "not_started": "none",
    "unable_to_assess": "none",
    "error": "bad",
    "warning": "warn",
    "info": "none",
}
"""The colour of each status and severity: good, warn, bad, or none (grey outline)."""

STYLE = """<style>
.dtbd-view{color:inherit;background:transparent;line-height:1.35;font-size:13px}
.dtbd-view table{border-collapse:collapse;margin:.3em 0 .6em;background:transparent;
color:inherit;font-size:inherit}
.dtbd-view caption{caption-side:top;text-align:left;font-weight:600;padding:.2em 0 .4em}
.dtbd-view th{text-align:left;vertical-align:bottom;padding:.3em .6em;
border-bottom:2px solid rgba(128,128,128,.6);background:transparent;color:inherit}
.dtbd-view td{text-align:left;vertical-align:top;padding:.25em .6em;
border-bottom:1px solid rgba(128,128,128,.28);background:transparent;color:inherit}
.dtbd-view tbody tr:nth-child(odd),.dtbd-view tbody tr:nth-child(even){background:transparent}
.dtbd-view td.num,.dtbd-view th.num{text-align:right;white-space:nowrap;
font-variant-numeric:tabular-nums}
.dtbd-view tr.period td{font-size:92%;border-bottom-style:dotted}
.dtbd-view tr.top td{font-weight:600}
.dtbd-view tr.top td small,.dtbd-view tr.top td .badge{font-weight:400}
.dtbd-view small{opacity:.7}
.dtbd-view .badge{display:inline-block;padding:0 .5em;border-radius:.75em;border:1px solid;
white-space:nowrap;font-size:92%;color:inherit}
.dtbd-view .good{background:rgba(46,160,67,.2);border-color:rgba(46,160,67,.85)}
.dtbd-view .warn{background:rgba(212,150,20,.22);border-color:rgba(212,150,20,.9)}
.dtbd-view .bad{background:rgba(220,53,50,.2);border-color:rgba(220,53,50,.85)}
.dtbd-view .none{background:transparent;border-color:rgba(128,128,128,.7)}
.dtbd-view p{margin:.2em 0 .5em}
.dtbd-view .legend{font-size:88%}
.dtbd-view .legend .badge{margin:0 .2em .2em 0}
.dtbd-view code{white-space:nowrap}
.dtbd-view h4{margin:.2em 0 .3em;font-size:110%}
</style>"""


def e(text: object) -> str:
    """``text`` escaped for HTML (``None`` as nothing)."""
    return html.escape("" if text is None else str(text))


def badge(value: str, locale: str) -> str:
    """A status or severity (its enum value) as a coloured badge with its word."""
    return f'<span class="badge {TONES[value]}">{e(say(f"display.status.{value}", locale))}</span>'


def legend(statuses: Iterable[str], locale: str) -> str:
    """What each status of ``statuses`` means, each beside its badge, best first."""
    present = set(statuses)
    seen = [s for s in TONES if s in present]
    if not seen:
        return ""
    items = "".join(
        f"{badge(s, locale)} {e(say(f'display.meaning.{s}', locale))}<br>" for s in seen
    )
    return f'<p class="legend"><b>{e(say("display.legend.title", locale))}</b><br>{items}</p>'


def table(head: str, rows: Iterable[str], caption: str = "") -> str:
    """A table of a ready ``<thead>`` and rows; ``caption`` is escaped here."""
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    return f'<table class="dtbd">{cap}{head}<tbody>{"".join(rows)}</tbody></table>'


def view(*parts: str) -> str:
    """The parts of a view in one block, with the style sheet scoped to it."""
    return f'<div class="dtbd-view">{STYLE}{"".join(parts)}</div>'
