"""The columns of each result's frame: a row per target, finding or rule violation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dtbd.display._dataframe import Backend, Column, build_frame, figure_end

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.results._evaluation import Evaluation
    from dtbd.results._evaluations import Evaluations
    from dtbd.results._finding import Finding
    from dtbd.results._progress import PeriodProgress, Progress
    from dtbd.results._violation import RuleViolation

__all__ = [
    "audit_frame",
    "evaluation_frame",
    "evaluations_frame",
    "progress_frame",
    "violations_frame",
]

_DAYS = ("days_elapsed", "days_total", "days_remaining")
_NUMBERS = (
    "achieved",
    "numerator",
    "denominator",
    "share_of_low",
    "share_of_high",
    "elapsed",
    "expected",
    "gap",
    "remaining_low",
    "remaining_high",
    "years_elapsed",
    "years_remaining",
    "observed_per_day",
    "required_per_day",
    "required_per_day_remaining",
    "observed_per_year",
    "required_per_year",
    "required_per_year_remaining",
    "observed_growth",
    "required_growth",
    "pace_ratio",
    "forecast",
)


def _missed(p: Progress) -> str:
    return ";".join(str(w.start.year) if w.start.year == w.end.year else f"{w.start}/{w.end}"
                    for w in p.periods_missed)  # fmt: skip


def _baseline(end: str) -> Callable[[Row], object]:
    return lambda r: None if r[0].baseline is None else getattr(r[0].baseline, end)


Row = tuple["Progress", "PeriodProgress"]
"""A row of a progress frame: a target and one of its periods."""

_PROGRESS_COLUMNS: tuple[Column, ...] = (
    ("target_id", "text", lambda r: r[0].target_id),
    ("label", "text", lambda r: r[0].label),
    ("status", "text", lambda r: r[0].status.value),
    ("periods_missed", "text", lambda r: _missed(r[0])),
    ("counts", "text", lambda r: r[0].counts.value),
    ("unit", "text", lambda r: r[0].unit.value),
    ("cadence", "text", lambda r: r[0].cadence.value),
    ("window_start", "date", lambda r: r[0].window.start),
    ("window_end", "date", lambda r: r[0].window.end),
    ("as_of", "date", lambda r: r[0].as_of),
    ("baseline_value", "decimal", _baseline("value")),
    ("baseline_date", "date", _baseline("date")),
    ("period_year", "int", lambda r: r[1].year),
    ("period_start", "date", lambda r: r[1].window.start),
    ("period_end", "date", lambda r: r[1].window.end),
    ("period_status", "text", lambda r: r[1].status.value),
    ("qualifier", "text", lambda r: None if r[1].figure is None else r[1].figure.qualifier.value),
    ("figure_low", "decimal", lambda r: figure_end("low")(r[1].figure)),
    ("figure_high", "decimal", lambda r: figure_end("high")(r[1].figure)),
    ("pace_method", "text", lambda r: r[1].pace_method.value),
    *((name, "int", lambda r, name=name: getattr(r[1], name)) for name in _DAYS),
    *((name, "decimal", lambda r, name=name: getattr(r[1], name)) for name in _NUMBERS),
    (
        "required_per_course",
        "decimal",
        lambda r: r[0].required_per_course if r[1].window == r[0].period else None,
    ),
    ("aspirational", "bool", lambda r: r[0].aspirational),
)

_FINDING_COLUMNS: tuple[Column, ...] = (
    ("code", "text", lambda f: f.code),
    ("severity", "text", lambda f: f.severity.value),
    ("targets", "text", lambda f: ";".join(f.targets)),
    ("budget_lines", "text", lambda f: ";".join(f.budget_lines)),
    *(
        (
            f"{name}_{end}",
            "decimal",
            lambda f, name=name, end=end: figure_end(end)(getattr(f, name)),
        )
        for name in ("expected", "computed", "difference")
        for end in ("low", "high")
    ),
    ("message_vi", "text", lambda f: f.message_vi),
    ("message_en", "text", lambda f: f.message_en),
)

_VIOLATION_COLUMNS: tuple[Column, ...] = (
    ("code", "text", lambda v: v.code),
    ("severity", "text", lambda v: v.severity.value),
    ("rule", "text", lambda v: v.rule),
    ("kind", "text", lambda v: None if v.kind is None else v.kind.value),
    ("person", "text", lambda v: v.person),
    ("course", "text", lambda v: v.course),
    ("other_course", "text", lambda v: v.other_course),
    ("scheme", "text", lambda v: v.scheme),
    ("other_scheme", "text", lambda v: v.other_scheme),
    ("field", "text", lambda v: v.field),
    ("year", "int", lambda v: v.year),
    ("date", "date", lambda v: v.date),
    *(
        (
            f"{name}_{end}",
            "decimal",
            lambda v, name=name, end=end: figure_end(end)(getattr(v, name)),
        )
        for name in ("expected", "actual")
        for end in ("low", "high")
    ),
    ("message_vi", "text", lambda v: v.message_vi),
    ("message_en", "text", lambda v: v.message_en),
)


def progress_frame(progresses: Iterable[Progress], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per target and period: ids, statuses, figure ends, every number, exact.

    A per-year target has a row per year with that year's own numbers; any other target
    one row, its window.
    """
    rows = [(p, period) for p in progresses for period in p.periods]
    return build_frame(_PROGRESS_COLUMNS, rows, backend)


def evaluation_frame(e: Evaluation, backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per target of an evaluation, in tree order."""
    return progress_frame(e.targets.values(), backend)


_SCHEMES_COLUMNS: tuple[Column, ...] = (
    ("scheme_id", "text", lambda r: r[0]),
    *((name, kind, lambda r, get=get: get(r[1])) for name, kind, get in _PROGRESS_COLUMNS),
)


def evaluations_frame(es: Evaluations, backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per scheme, target and period: the scheme's id, then an evaluation frame's."""
    rows = [
        (scheme_id, (p, period))
        for scheme_id, e in es.items()
        for p in e.targets.values()
        for period in p.periods
    ]
    return build_frame(_SCHEMES_COLUMNS, rows, backend)


def audit_frame(findings: Iterable[Finding], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per finding: code, severity, ids, figure ends and both sentences."""
    return build_frame(_FINDING_COLUMNS, findings, backend)


def violations_frame(violations: Iterable[RuleViolation], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per rule violation."""
    return build_frame(_VIOLATION_COLUMNS, violations, backend)
