"""A whole scheme measured as of a date: every target's progress and what became of each row."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Literal

import attrs

from dtbd.engine._tallies import RecordSummary
from dtbd.results._dict import results_dict
from dtbd.results._finding import Finding
from dtbd.results._progress import Progress, Status

__all__ = ["Evaluation"]


@attrs.frozen(repr=False)
class Evaluation:
    """A scheme's progress as of a date: every target (in tree order) and the records.

    ``findings`` are what the counting itself turned up and a reader should know: a
    district target that counted courses begun after the district level ended
    (code ``district-level-ended``, docs/progress.md).
    """

    scheme_id: str
    as_of: dt.date
    targets: dict[str, Progress]
    records: RecordSummary
    findings: tuple[Finding, ...] = ()

    def __getitem__(self, target_id: str) -> Progress:
        """The progress of the target (or part) ``target_id``."""
        try:
            return self.targets[target_id]
        except KeyError:
            known = ", ".join(self.targets)
            raise KeyError(
                f"no target {target_id!r} in this evaluation; there are {known}"
            ) from None

    def __repr__(self) -> str:
        counts = Counter(p.status for p in self.targets.values())
        statuses = ", ".join(f"{counts[s]} {s.value}" for s in Status if counts[s])
        summary = self.records
        tables = (summary.persons, summary.courses, summary.attendances, summary.spending)
        read = sum(t.read for t in tables)
        return (
            f"<Evaluation {self.scheme_id} as of {self.as_of.isoformat()}: "
            f"{len(self.targets)} targets ({statuses or 'none'}), {read} records read, "
            f"{len(self.findings)} findings>"
        )

    def __str__(self) -> str:
        """A compact summary for ``print``: a line per target, then what the records gave."""
        from dtbd.display._text import evaluation_text  # noqa: PLC0415  -- display loads on use

        return evaluation_text(self)

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as plain dicts (keys documented in ``docs/progress.md``)."""
        result: dict[str, Any] = results_dict(self)
        return result

    def to_html(self, locale: str = "vi") -> str:
        """Every target as one HTML table (escaped; numbers and dates through babel)."""
        from dtbd.display._html import evaluation_html  # noqa: PLC0415  -- display loads on use

        return evaluation_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A pandas or polars frame, a row per target and period; exact decimal columns."""
        from dtbd.display._frames import evaluation_frame  # noqa: PLC0415  -- display loads on use

        return evaluation_frame(self, backend)

    def plot(self, ax: Any = None, locale: str = "vi") -> Any:  # noqa: ANN401  -- matplotlib Axes
        """Every target as a bar of % achieved against a tick at % due by now.

        Parts are indented under their target and bars coloured by status; needs
        ``pip install 'dtbd[plot]'``. Returns the axes.
        """
        from dtbd.display._plot_all import plot_evaluation  # noqa: PLC0415  -- display loads on use

        return plot_evaluation(self, ax, locale)
