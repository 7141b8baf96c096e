"""A scheme's progress report: :func:`progress_report` and the :class:`ProgressReport` it gives.

One report holds what a province attaches to its report on a scheme: the scheme and its
source, the audit of the plan, each target's progress with a chart, the roll-up by unit
(given the units), the rule violations counted by rule, the records not counted and
why, the year convention, and where the numbers came from (:mod:`._provenance`). It is
written as a self-contained HTML page, a Word document or Markdown, in Vietnamese or
English, and the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dtbd.auditing._audit import audit
from dtbd.documents._provenance import Provenance
from dtbd.model._period import to_date
from dtbd.model._scheme import Scheme
from dtbd.model._units import UnitTree
from dtbd.records._coerce import RecordsLike, coerce_records
from dtbd.records._dicts import LoadedRecords
from dtbd.records._frames import FrameRecords, as_frames
from dtbd.records._records import Records
from dtbd.results._audit import Audit
from dtbd.results._breakdown import Breakdown
from dtbd.results._evaluation import Evaluation
from dtbd.results._violation import RuleViolation
from dtbd.rules._check import check
from dtbd.tracking._breakdown import breakdown
from dtbd.tracking._run import evaluate
from dtbd.words import check_locale

if TYPE_CHECKING:
    from dtbd.documents._parts import Section

__all__ = ["REPORT_FORMATS", "ProgressReport", "progress_report"]

REPORT_FORMATS = {".html": "html", ".htm": "html", ".docx": "docx", ".md": "markdown"}
"""The file suffixes :meth:`ProgressReport.save` writes, and the format of each."""


@attrs.frozen(repr=False)
class ProgressReport:
    """A scheme's progress report, ready to be written: see :func:`progress_report`."""

    scheme: Scheme
    as_of: dt.date
    evaluation: Evaluation
    audit: Audit
    violations: tuple[RuleViolation, ...]
    provenance: Provenance
    breakdown: Breakdown | None = None
    """The roll-up by unit, when the units were given."""
    source: str | None = None
    """Where the scheme came from (a catalog id, a file), as the report states it."""

    def __repr__(self) -> str:
        return (
            f"<ProgressReport {self.scheme.id} as of {self.as_of.isoformat()}: "
            f"{len(self.evaluation.targets)} targets, {len(self.violations)} violations>"
        )

    def sections(self, locale: str = "vi") -> tuple[Section, ...]:
        """The report's sections in ``locale``: what every format shows."""
        from dtbd.documents._sections import sections  # noqa: PLC0415  -- a renderer loads when used

        check_locale(locale)
        return sections(self, locale)

    def to_html(self, locale: str = "vi") -> str:
        """A self-contained HTML page: inline style and SVG chart, nothing fetched."""
        from dtbd.documents._html_page import html_page  # noqa: PLC0415  -- a renderer loads when used

        return html_page(self.sections(locale), locale)

    def to_markdown(self, locale: str = "vi") -> str:
        """The report as Markdown (the chart as a table of its numbers)."""
        from dtbd.documents._markdown import markdown_report  # noqa: PLC0415  -- a renderer loads when used

        return markdown_report(self.sections(locale), locale)

    def to_docx(self, locale: str = "vi") -> bytes:
        """The report as a Word document (python-docx; the chart drawn by matplotlib)."""
        from dtbd.documents._docx import docx_report  # noqa: PLC0415  -- a renderer loads when used

        return docx_report(self.sections(locale), locale, self.as_of)

    def save(self, path: str | Path, locale: str = "vi") -> Path:
        """Write the report to ``path``, in the format its suffix names (.html, .docx, .md).

        Raises:
            ValueError: the suffix is none of those.
        """
        out = Path(path)
        kind = REPORT_FORMATS.get(out.suffix.lower())
        if kind is None:
            known = ", ".join(REPORT_FORMATS)
            raise ValueError(f"{out}: a report is written as {known}; name the file so")
        if kind == "docx":
            out.write_bytes(self.to_docx(locale))
        else:
            text = self.to_html(locale) if kind == "html" else self.to_markdown(locale)
            out.write_text(text, encoding="utf-8")
        return out


def _plain(
    records: RecordsLike | FrameRecords,
) -> tuple[Records | LoadedRecords | FrameRecords, Records]:
    """The records to measure (loaded once) and the same as Python objects for the digest."""
    frames = as_frames(records)
    if frames is not None:
        return frames, frames.to_records()
    loaded = coerce_records(records)
    return loaded, loaded.records if isinstance(loaded, LoadedRecords) else loaded


def progress_report(
    scheme: Scheme,
    records: RecordsLike | FrameRecords,
    as_of: dt.date | str,
    *,
    units: UnitTree | None = None,
    source: str | None = None,
) -> ProgressReport:
    """Measure ``scheme`` over ``records`` as of ``as_of`` and gather its report.

    The records are read once (a folder, a mapping of tables, dataframes) and measured
    with :func:`dtbd.evaluate`, audited with :func:`dtbd.audit` (with ``units``, the
    shares given to units are held to the tree), checked with :func:`dtbd.check` and,
    with ``units``, broken down by unit with :func:`dtbd.breakdown`. docs/reports.md
    shows a report and says what each section holds.
    """
    day = to_date(as_of)
    measured, plain = _plain(records)
    if units is not None:
        rolled = breakdown(scheme, measured, day, "unit", units=units)
        evaluation = rolled.total
    else:
        rolled, evaluation = None, evaluate(scheme, measured, day)
    return ProgressReport(
        scheme=scheme,
        as_of=day,
        evaluation=evaluation,
        audit=audit(scheme, units=units),
        # The rules read the rows that could be read; the others are listed in the report.
        violations=check(scheme, plain),
        provenance=Provenance.of(scheme, plain, day),
        breakdown=rolled,
        source=source,
    )
