"""The progress report: every target's achievement, pace and status, and the records used."""

from __future__ import annotations

from typing import Any

from dtbd.cli._format import figure_cell, percent_cell, with_baseline
from dtbd.cli._input import SchemeSource
from dtbd.cli._reports import source_data
from dtbd.cli._text import Block, Paragraph, Table, Tone
from dtbd.display._numbers import period_label, shown_count, status_notes
from dtbd.figures._format import format_date, format_number
from dtbd.figures._units import Unit
from dtbd.model._target import Cadence, Target
from dtbd.records._records import Records
from dtbd.results._evaluation import Evaluation
from dtbd.results._progress import PeriodProgress, Progress
from dtbd.words import say

__all__ = [
    "STATUS_COLUMN",
    "STATUS_TONES",
    "RecordsInfo",
    "progress_report",
    "records_info",
    "with_findings",
]

RecordsInfo = dict[str, Any]
"""``{kind, path, synthetic, persons, courses, attendances, spending}``: see docs/cli.md."""


def records_info(records: Records, kind: str, path: str | None = None) -> RecordsInfo:
    """What the records are ("actuals", "example" or "file") and how many rows each table has."""
    return {
        "kind": kind,
        "path": path,
        "synthetic": kind == "example" or records.synthetic,
        "persons": len(records.persons),
        "courses": len(records.courses),
        "attendances": len(records.attendances),
        "spending": len(records.spending),
    }


STATUS_TONES: dict[str, Tone] = {
    "met": "good",
    "exceeded": "good",
    "on_track": "good",
    "behind": "warn",
    "off_track": "bad",
    "missed": "bad",
}
"""The colour of a status on a terminal; "not started" and "cannot assess" have none."""
STATUS_COLUMN = 6
"""The progress table's column of statuses, the one coloured."""


def _status(p: Progress | PeriodProgress, locale: str) -> str:
    """A status in words, with the periods already missed or the missing baseline."""
    return status_notes(p, say(f"cli.status.{p.status.value}", locale), locale)


def _needed(p: Progress | PeriodProgress, unit: Unit, locale: str, *, per_period: bool) -> str:
    """A period's own shortfall, or the yearly rate still needed over the years left."""
    none = say("cli.none", locale)
    if per_period:
        return shown_count(p.remaining_low, unit, locale, needed=True, none=none)
    if p.required_per_year_remaining is None:
        return none
    amount = shown_count(p.required_per_year_remaining, unit, locale, needed=True)
    return say("cli.rate.per_year", locale, amount=amount)


def _numbers(
    p: Progress | PeriodProgress, unit: Unit, locale: str, *, per_period: bool
) -> tuple[str, ...]:
    none = say("cli.none", locale)
    return (
        shown_count(p.achieved, unit, locale, none=none),
        percent_cell(p.share_of_low, locale),
        shown_count(p.expected, unit, locale, none=none),
        _needed(p, unit, locale, per_period=per_period),
        _status(p, locale),
    )


def _row(label: str, p: Progress, locale: str) -> tuple[str, ...]:
    per_year = p.cadence is Cadence.PER_YEAR
    shown = figure_cell(p.figure, locale)
    if per_year and p.figure is not None:
        shown = say("cli.per_year", locale, years=shown)
    shown = with_baseline(shown, p.baseline, p.unit, locale)
    return (label, shown, *_numbers(p, p.unit, locale, per_period=per_year))


def _rows(
    targets: tuple[Target, ...], evaluation: Evaluation, locale: str
) -> tuple[list[tuple[str, ...]], list[Tone | None]]:
    """The table's rows, with the tone of each row's status."""
    rows: list[tuple[str, ...]] = []
    tones: list[Tone | None] = []

    def walk(level: tuple[Target, ...], depth: int) -> None:
        for target in level:
            p = evaluation[target.id]
            label = f"{'  ' * depth}– {target.label}" if depth else target.label
            rows.append(_row(label, p, locale))
            tones.append(STATUS_TONES.get(p.status.value))
            if p.cadence is Cadence.PER_YEAR:
                for period in p.periods:
                    year = say("cli.progress.year", locale, year=period_label(period.window))
                    rows.append(
                        (
                            f"{'  ' * (depth + 1)}· {year}",
                            figure_cell(period.figure, locale),
                            *_numbers(period, p.unit, locale, per_period=True),
                        )
                    )
                    tones.append(STATUS_TONES.get(period.status.value))
            walk(target.parts, depth + 1)

    walk(targets, 0)
    return rows, tones


def progress_report(
    source: SchemeSource,
    evaluation: Evaluation,
    records: RecordsInfo,
    as_of_from: str,
    locale: str,
) -> tuple[list[Block], dict[str, Any]]:
    """Every target as of the evaluation's date, then what became of the records."""
    kind = records["kind"]
    marked = "_synthetic" if kind == "file" and records["synthetic"] else ""
    where = say(f"cli.source.{kind}{marked}", locale, path=records["path"])
    counts = {
        k: format_number(records[k], locale)
        for k in ("persons", "courses", "attendances", "spending")
    }
    date = format_date(evaluation.as_of, locale)
    columns = (
        "cli.col.target",
        "cli.col.figure",
        "cli.col.achieved",
        "cli.col.share",
        "cli.col.expected",
        "cli.col.required",
        "cli.col.status",
    )
    rows, tones = _rows(source.scheme.targets, evaluation, locale)
    table = Table(
        tuple(say(c, locale) for c in columns),
        tuple(rows),
        right=frozenset({2, 3, 4, 5}),
        widths=(30, 16, None, None, None, None, 12),
        tones=tuple(tones),
        toned=STATUS_COLUMN,
    )
    summary = evaluation.records
    tables = (summary.persons, summary.courses, summary.attendances, summary.spending)
    unused = {
        "malformed": sum(t.malformed for t in tables),
        "after": sum(t.after_as_of for t in tables),
        "outside": sum(t.outside_windows for t in tables),
        "unmatched": sum(t.unmatched for t in tables),
    }
    blocks: list[Block] = [
        Paragraph(say("cli.progress.records", locale, source=where, date=date, **counts)),
        table,
        Paragraph(say("cli.progress.legend", locale)),
        *([Paragraph(say("cli.progress.actuals", locale))] if kind == "actuals" else []),
        Paragraph(say("cli.progress.unused", locale, **unused)),
    ]
    evaluated = evaluation.to_dict()
    data = {
        **source_data(source),
        "as_of": evaluation.as_of.isoformat(),
        "as_of_from": as_of_from,
        "records": records,
        "targets": evaluated["targets"],
        "record_summary": evaluated["records"],
    }
    return blocks, data


def with_findings(
    blocks: list[Block], data: dict[str, Any], evaluation: Evaluation, locale: str
) -> tuple[list[Block], dict[str, Any]]:
    """The progress report with what the counting turned up: a line and a dict per finding."""
    said = [
        Paragraph(
            f"{say(f'cli.severity.{f.severity.value}', locale)}: {f.message(locale)} [{f.code}]"
        )
        for f in evaluation.findings
    ]
    return [*blocks, *said], {**data, "findings": [f.to_dict() for f in evaluation.findings]}
