"""Each command's result twice: as a document for people and as JSON-ready data.

A builder returns ``(blocks, data)``; the blocks carry no heading of their own, so that
``dtbd demo`` can nest them. The data's keys are in a stated order (docs/cli.md); its
numbers are the exact ones, the blocks show them rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dtbd import catalog
from dtbd.cli._format import figure_cell, short_date, short_period, window_cell, with_baseline
from dtbd.cli._text import Block, Paragraph, Table, Tone
from dtbd.display._scheme_html import rule_kind
from dtbd.display._scope import birth_words
from dtbd.words import say

if TYPE_CHECKING:
    # Only named in annotations: `dtbd catalog` need not import the audit or the rules.
    from dtbd.cli._input import SchemeSource
    from dtbd.model._scheme import Scheme
    from dtbd.model._scope import Scope
    from dtbd.results._audit import Audit
    from dtbd.results._finding import Finding
    from dtbd.results._violation import RuleViolation

__all__ = [
    "SEVERITY_TONES",
    "audit_report",
    "catalog_report",
    "check_report",
    "show_report",
    "source_data",
]

MESSAGE_WIDTH = 80
"""Terminal width of a finding's or violation's sentence."""
SEVERITY_TONES: dict[str, Tone] = {"error": "bad", "warning": "warn"}
"""The colour of a severity on a terminal; an info has none."""


def source_data(source: SchemeSource) -> dict[str, Any]:
    """The keys every scheme report starts with: id, title, where it came from."""
    return {
        "scheme": source.scheme.id,
        "title": source.scheme.title,
        "source": source.name,
        "catalog_version": source.catalog_version,
    }


def _or_none(text: str | None, locale: str) -> str:
    return text or say("cli.none", locale)


def catalog_report(locale: str) -> tuple[list[Block], dict[str, Any]]:
    """Every catalog entry: id, document, issuer, period, number of targets, actuals."""
    rows, entries = [], []
    for scheme_id in catalog.ids():
        scheme = catalog.load(scheme_id)
        cited = scheme.citation
        has_actuals = catalog.actuals(scheme_id) is not None
        count = len(scheme.all_targets())
        rows.append(
            (
                scheme_id,
                _or_none(cited.document, locale),
                _or_none(cited.issuer, locale),
                short_period(scheme.period, locale),
                str(count),
                say("cli.yes" if has_actuals else "cli.no", locale),
            )
        )
        entries.append(
            {
                "id": scheme_id,
                "title": scheme.title,
                "kind": scheme.kind.value,
                "document": cited.document,
                "issuer": cited.issuer,
                "issued": cited.issued.isoformat() if cited.issued else None,
                "period": {
                    "start": scheme.period.start.isoformat(),
                    "end": scheme.period.end.isoformat(),
                },
                "targets": count,
                "rules": len(scheme.rules),
                "actuals": has_actuals,
            }
        )
    columns = (
        "cli.col.id",
        "cli.col.document",
        "cli.col.issuer",
        "cli.col.period",
        "cli.col.targets",
        "cli.col.actuals",
    )
    table = Table(
        tuple(say(c, locale) for c in columns),
        tuple(rows),
        right=frozenset({4}),
        widths=(None, None, 24),
    )
    blocks: list[Block] = [Paragraph(say("cli.catalog.intro", locale)), table]
    return blocks, {"catalog_version": catalog.version(), "schemes": entries}


def _with_births(label: str, scope: Scope, locale: str) -> str:
    """A target's label with its scope's ages and birth years: "… (sinh từ năm 1979)"."""
    born = birth_words(scope, locale)
    return f"{label} ({born})" if born else label


def _indented(label: str, depth: int) -> str:
    return f"{'  ' * depth}– {label}" if depth else label


def show_report(source: SchemeSource, locale: str) -> tuple[list[Block], dict[str, Any]]:
    """A scheme in brief: its citation, targets, assignments, budget lines and rules.

    The data is the scheme in the file format (``dtbd audit`` reads it back).
    """
    scheme = source.scheme
    cited = scheme.citation
    issued = short_date(cited.issued, locale) if cited.issued else say("cli.none", locale)
    blocks: list[Block] = [
        Paragraph(
            say(
                "cli.show.cited",
                locale,
                document=_or_none(cited.document, locale),
                issuer=_or_none(cited.issuer, locale),
                issued=issued,
                period=short_period(scheme.period, locale),
            )
        ),
        _targets_table(scheme, locale),
    ]
    if any(target.assigned for target in scheme.all_targets()):
        blocks += [
            Paragraph(say("cli.show.assigned", locale) + ":"),
            _assigned_table(scheme, locale),
        ]
    if scheme.budget is not None:
        blocks += _budget_blocks(scheme, locale)
    if scheme.rules:
        rules = tuple(
            (
                rule.label,
                rule_kind(rule, locale),
                figure_cell(rule.figure, locale) if rule.figure else "",
            )
            for rule in scheme.rules
        )
        headers = tuple(say(c, locale) for c in ("cli.col.rule", "cli.col.kind", "cli.col.figure"))
        blocks += [
            Paragraph(say("cli.show.rules", locale) + ":"),
            Table(headers, rules, widths=(50,)),
        ]
    from dtbd.files._convert import converter

    data: dict[str, Any] = converter().unstructure(scheme)
    return blocks, data


def _targets_table(scheme: Scheme, locale: str) -> Table:
    rows = []

    def walk(targets: tuple[Any, ...], depth: int) -> None:
        for target in targets:
            rows.append(
                (
                    _indented(_with_births(target.label, target.scope, locale), depth),
                    target.id,
                    with_baseline(
                        figure_cell(target.figure, locale), target.baseline, target.unit, locale
                    ),
                    say(f"cli.counts.{target.counts.value}", locale),
                    window_cell(target, scheme, locale),
                )
            )
            walk(target.parts, depth + 1)

    walk(scheme.targets, 0)
    columns = (
        "cli.col.target",
        "cli.col.id",
        "cli.col.figure",
        "cli.col.counts",
        "cli.col.window",
    )
    return Table(tuple(say(c, locale) for c in columns), tuple(rows), widths=(40, 22, 22))


def _assigned_table(scheme: Scheme, locale: str) -> Table:
    """Each share of a target given to a unit, a year or a unit in a year."""
    none = say("cli.none", locale)
    rows = tuple(
        (
            target.label,
            none if share.unit is None else str(share.unit),
            none if share.year is None else str(share.year),
            figure_cell(share.figure, locale),
        )
        for target in scheme.all_targets()
        for share in target.assigned
    )
    columns = ("cli.col.target", "cli.col.unit", "cli.col.year", "cli.col.figure")
    return Table(tuple(say(c, locale) for c in columns), rows, widths=(40, 22, 6, 22))


def _budget_blocks(scheme: Scheme, locale: str) -> list[Block]:
    budget = scheme.budget
    if budget is None:
        return []
    rows = [
        (_indented(line.label, depth), line.id, figure_cell(line.amount, locale))
        for line, depth in _lines(budget.lines, 0)
    ]
    totals = say(
        "cli.show.budget_totals",
        locale,
        total=figure_cell(budget.total, locale) if budget.total else say("cli.none", locale),
        overall=figure_cell(budget.overall, locale) if budget.overall else say("cli.none", locale),
    )
    headers = tuple(say(c, locale) for c in ("cli.col.line", "cli.col.id", "cli.col.amount"))
    return [
        Paragraph(f"{say('cli.show.budget', locale)}: {totals}"),
        Table(headers, tuple(rows), widths=(50, 22)),
    ]


def _lines(lines: tuple[Any, ...], depth: int) -> list[tuple[Any, int]]:
    found = []
    for line in lines:
        found.append((line, depth))
        found += _lines(line.parts, depth + 1)
    return found


def _sentences(items: Sequence[Finding | RuleViolation], locale: str) -> Table:
    """A table of findings or violations, each severity in its colour."""
    headers = (say("cli.col.severity", locale), say("cli.col.message", locale))
    return Table(
        headers,
        _sentence_rows(items, locale),
        widths=(None, MESSAGE_WIDTH),
        tones=tuple(SEVERITY_TONES.get(item.severity.value) for item in items),
    )


def _sentence_rows(
    items: Sequence[Finding | RuleViolation], locale: str
) -> tuple[tuple[str, str], ...]:
    return tuple(
        (
            say(f"cli.severity.{item.severity.value}", locale),
            f"{item.message(locale)} [{item.code}]",
        )
        for item in items
    )


def audit_report(
    source: SchemeSource, result: Audit, locale: str
) -> tuple[list[Block], dict[str, Any]]:
    """The findings of a plan audit, one sentence each, with a count by severity."""
    summary = {
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "infos": len(result.infos),
    }
    blocks: list[Block] = [Paragraph(say("cli.audit.intro", locale))]
    if result.findings:
        blocks.append(_sentences(result.findings, locale))
        blocks.append(Paragraph(say("cli.audit.summary", locale, **summary)))
    else:
        blocks.append(Paragraph(say("cli.audit.none", locale)))
    data = {**source_data(source), "summary": summary, "findings": result.to_dict()["findings"]}
    return blocks, data


def check_report(
    source: SchemeSource,
    violations: tuple[RuleViolation, ...],
    records: dict[str, Any],
    locale: str,
) -> tuple[list[Block], dict[str, Any]]:
    """Rule violations, one sentence each; ``records`` describes the records checked."""
    scheme = source.scheme
    severities = [v.severity.value for v in violations]
    summary = {
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "infos": severities.count("info"),
        "missing_data": sum(1 for v in violations if v.code == "missing-data"),
    }
    blocks: list[Block] = []
    if not scheme.rules:
        blocks.append(Paragraph(say("cli.check.no_rules", locale)))
    else:
        labels = "; ".join(f"{rule.label} ({rule.id})" for rule in scheme.rules)
        blocks.append(Paragraph(say("cli.check.intro", locale, rules=labels)))
        if violations:
            blocks.append(_sentences(violations, locale))
            notes = len(violations) - summary["errors"] - summary["missing_data"]
            counts = {"errors": summary["errors"], "missing": summary["missing_data"]}
            blocks.append(Paragraph(say("cli.check.summary", locale, **counts, notes=notes)))
        else:
            blocks.append(Paragraph(say("cli.check.none", locale)))
    data = {
        **source_data(source),
        "records": records,
        "period": {"start": scheme.period.start.isoformat(), "end": scheme.period.end.isoformat()},
        "rules": [rule.id for rule in scheme.rules],
        "summary": summary,
        "violations": [v.to_dict() for v in violations],
    }
    return blocks, data
