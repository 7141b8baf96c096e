"""A progress report's sections, in one language: what the three renderers all show.

The numbers are written by the same functions as the notebook views and the command
line's tables (:mod:`dtbd.display._html`, :mod:`dtbd.display._numbers`), so a report
and ``dtbd progress`` never disagree on a cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dtbd.display._html import PROGRESS_HEADS, depths, figure_text, progress_cells, share_cell
from dtbd.display._numbers import period_label, records_lines, short_date, shown_count
from dtbd.display._style import TONES
from dtbd.documents._parts import Bar, Bars, Grid, Part, ReportData, Section, Text
from dtbd.figures._format import format_date, format_number
from dtbd.model._target import Cadence
from dtbd.words import say

if TYPE_CHECKING:
    from dtbd.results._progress import Progress

__all__ = ["sections"]

_UNIT_COLUMNS = 6
"""Top-level targets shown per unit: a wider table does not fit an A4 page."""
_PROBLEMS_SHOWN = 50
"""Rows of the table of unreadable records; the count says how many there are in all."""


def sections(report: ReportData, locale: str) -> tuple[Section, ...]:
    """Every section of ``report`` in ``locale``, in the order a reader needs them."""
    found = [
        _identity(report, locale),
        _audit(report, locale),
        _progress(report, locale),
    ]
    if report.breakdown is not None:
        found.append(_units(report, locale))
    found += [_violations(report, locale), _records(report, locale), _provenance(report, locale)]
    return tuple(found)


def title(report: ReportData, locale: str) -> str:
    """The report's title: the scheme's document, or its title when it cites none."""
    scheme = report.scheme
    name = scheme.citation.document or scheme.title
    return say("report.title", locale, name=name)


def _identity(report: ReportData, locale: str) -> Section:
    scheme, cited = report.scheme, report.scheme.citation
    none = say("display.none", locale)
    rows = [
        (say("report.field.scheme", locale), f"{scheme.title} ({scheme.id})"),
        (say("report.field.document", locale), cited.document or none),
        (say("report.field.issuer", locale), cited.issuer or none),
        (
            say("report.field.issued", locale),
            format_date(cited.issued, locale) if cited.issued else none,
        ),
        (say("report.field.period", locale), period_label(scheme.period, locale)),
        (say("report.field.source", locale), report.source or none),
        (say("report.field.as_of", locale), format_date(report.as_of, locale)),
        (say("report.field.years", locale), say("report.years", locale)),
    ]
    headers = (say("report.col.field", locale), say("report.col.value", locale))
    return Section(title(report, locale), (Grid(headers, tuple(rows)),))


def _severity_line(severities: Sequence[str], locale: str, none_key: str) -> Text:
    if not severities:
        return Text(say(none_key, locale))
    counts = Counter(severities)
    shown = ", ".join(
        f"{say(f'display.status.{s}', locale)}: {format_number(counts[s], locale)}"
        for s in ("error", "warning", "info")
        if counts[s]
    )
    return Text(shown, strong=True)


def _audit(report: ReportData, locale: str) -> Section:
    findings = report.audit.findings
    parts: list[Part] = [Text(say("report.audit.intro", locale))]
    parts.append(_severity_line([f.severity.value for f in findings], locale, "report.audit.none"))
    if findings:
        heads = ("display.head.severity", "display.head.code", "display.head.target",
                 "display.head.message")  # fmt: skip
        rows = tuple(
            (
                say(f"display.status.{f.severity.value}", locale),
                f.code,
                ", ".join(f.targets + f.budget_lines),
                f.message(locale),
            )
            for f in findings
        )
        tones = tuple(TONES[f.severity.value] for f in findings)
        parts.append(Grid(_heads(heads, locale), rows, tones=tones, toned=0))
    return Section(say("report.audit", locale), tuple(parts))


def _heads(keys: Sequence[str], locale: str) -> tuple[str, ...]:
    return tuple(say(k, locale) for k in keys)


def _status(p: Progress, locale: str) -> str:
    return say(f"display.status.{p.status.value}", locale)


def _progress(report: ReportData, locale: str) -> Section:
    targets = list(report.evaluation.targets.values())
    depth = depths(targets)
    rows, depths_of, tones = [], [], []
    for p in targets:
        per_period = p.cadence is Cadence.PER_YEAR
        cells = progress_cells(p, p.unit, locale, per_period=per_period)
        rows.append((p.label, figure_text(p, locale), *cells, _status(p, locale)))
        depths_of.append(depth[p.target_id])
        tones.append(TONES[p.status.value])
    grid = Grid(
        _heads(PROGRESS_HEADS, locale), tuple(rows), frozenset({2, 3, 4, 5, 6}),
        tuple(depths_of), tuple(tones), toned=7,
    )  # fmt: skip
    chart = Bars(
        say("report.chart", locale, date=short_date(report.as_of, locale)),
        tuple(_bar(p, depth[p.target_id], locale) for p in targets),
        say("display.plot.due", locale),
        say("display.plot.share_axis", locale),
    )
    intro = Text(say("report.progress.intro", locale, date=format_date(report.as_of, locale)))
    return Section(say("report.progress", locale), (intro, grid, chart))


def _bar(p: Progress, depth: int, locale: str) -> Bar:
    low = None if p.figure is None else p.figure.low
    due = None
    if p.expected is not None and low:
        due = p.expected * 100 / low
    label = p.label
    if p.cadence is Cadence.PER_YEAR:
        label += f" ({say('cli.progress.year', locale, year=period_label(p.period, locale))})"
    shown = _status(p, locale) if p.share_of_low is None else share_cell(p.share_of_low, locale)
    return Bar(label, p.share_of_low, due, TONES[p.status.value], shown, depth)


def _units(report: ReportData, locale: str) -> Section:
    found = report.breakdown
    assert found is not None  # noqa: S101  -- called only with a breakdown
    depth = depths(found.total.targets.values())
    top = [p for p in found.total.targets.values() if depth[p.target_id] == 0]
    shown = top[:_UNIT_COLUMNS]
    named = (say("report.col.unit", locale), say("report.col.level", locale))
    headers = (*named, *(p.label for p in shown))
    rows, levels = [], []
    for group in found.groups:
        values = [group.evaluation.targets[p.target_id].achieved for p in shown]
        if group.key is None and not any(values):
            continue  # no record lacks a unit: the group is empty
        unknown = say("report.units.unknown", locale)
        name = group.name or (unknown if group.key is None else str(group.key))
        level = say(f"report.level.{group.level}", locale) if group.level else ""
        none = say("display.none", locale)
        cells = [
            shown_count(v, p.unit, locale, none=none) for v, p in zip(values, shown, strict=True)
        ]
        rows.append((name, level, *cells))
        levels.append(group.depth)
    total = tuple(
        shown_count(p.achieved, p.unit, locale, none=say("display.none", locale)) for p in shown
    )
    rows.append((say("report.units.total", locale), "", *total))
    levels.append(0)
    numbers = frozenset(range(2, 2 + len(shown)))
    grid = Grid(headers, tuple(rows), numbers, tuple(levels))
    parts: list[Part] = [Text(say("report.units.intro", locale)), grid]
    if len(top) > len(shown):
        left = format_number(len(top) - len(shown), locale)
        parts.append(Text(say("report.units.more", locale, shown=len(shown), left=left)))
    return Section(say("report.units", locale), tuple(parts))


def _violations(report: ReportData, locale: str) -> Section:
    found = report.violations
    parts: list[Part] = [
        _severity_line([v.severity.value for v in found], locale, "report.rules.none")
    ]
    unread = len(report.evaluation.records.problems)
    if unread:
        parts.append(Text(say("report.rules.unread", locale, count=format_number(unread, locale))))
    if found:
        labels = {rule.id: rule.label for rule in report.scheme.rules}
        counts = Counter((v.rule or "", v.code, v.severity.value) for v in found)
        rows = tuple(
            (labels.get(rule, rule) or say("display.none", locale), code,
             say(f"display.status.{severity}", locale), format_number(count, locale))
            for (rule, code, severity), count in sorted(counts.items())
        )  # fmt: skip
        keys = ("display.head.rule", "display.head.code", "display.head.severity",
                "report.col.count")  # fmt: skip
        heads = tuple(say(k, locale) for k in keys)
        tones = tuple(TONES[severity] for (_, _, severity) in sorted(counts))
        parts.append(Grid(heads, rows, frozenset({3}), tones=tones, toned=2))
    return Section(say("report.rules", locale), tuple(parts))


def _records(report: ReportData, locale: str) -> Section:
    summary = report.evaluation.records
    parts: list[Part] = [Text(line) for line in records_lines(summary, locale)]
    problems = summary.problems
    if not parts:
        parts.append(Text(say("report.records.none", locale)))
    if problems:
        parts.append(
            Text(
                say("report.records.problems", locale, count=format_number(len(problems), locale))
            )
        )
        keys = ("report.col.table", "report.col.row", "report.col.column", "display.head.message")
        heads = tuple(say(k, locale) for k in keys)
        rows = tuple(
            (say(f"display.table.{p.table}", locale), format_number(p.row, locale),
             p.field or "", p.message)
            for p in problems[:_PROBLEMS_SHOWN]
        )  # fmt: skip
        parts.append(Grid(heads, rows, frozenset({1})))
    return Section(say("report.records", locale), tuple(parts))


def _provenance(report: ReportData, locale: str) -> Section:
    made = report.provenance
    rows = (
        (say("report.field.dtbd", locale), made.dtbd_version),
        (say("report.field.catalog", locale), made.catalog_version),
        (say("report.field.as_of", locale), made.as_of.isoformat()),
        (say("report.field.digest", locale), made.digest),
    )
    headers = (say("report.col.field", locale), say("report.col.value", locale))
    return Section(say("report.provenance", locale), (Text(say("report.provenance.intro", locale)),
                                              Grid(headers, rows)))  # fmt: skip
