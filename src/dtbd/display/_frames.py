"""The columns of each result's frame: a row per target, finding or rule violation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dtbd.display._dataframe import Backend, Column, build_frame, figure_end

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.results._evaluation import Evaluation
    from dtbd.results._finding import Finding
    from dtbd.results._progress import Progress
    from dtbd.results._violation import RuleViolation

__all__ = ["audit_frame", "evaluation_frame", "progress_frame", "violations_frame"]

_DAYS = ("days_elapsed", "days_total", "days_remaining")
_PROGRESS_COLUMNS: tuple[Column, ...] = (
    ("target_id", "text", lambda p: p.target_id),
    ("label", "text", lambda p: p.label),
    ("status", "text", lambda p: p.status.value),
    ("counts", "text", lambda p: p.counts.value),
    ("unit", "text", lambda p: p.unit.value),
    ("cadence", "text", lambda p: p.cadence.value),
    ("qualifier", "text", lambda p: None if p.figure is None else p.figure.qualifier.value),
    ("figure_low", "decimal", lambda p: figure_end("low")(p.figure)),
    ("figure_high", "decimal", lambda p: figure_end("high")(p.figure)),
    ("window_start", "date", lambda p: p.window.start),
    ("window_end", "date", lambda p: p.window.end),
    ("as_of", "date", lambda p: p.as_of),
    ("baseline_value", "decimal", lambda p: None if p.baseline is None else p.baseline.value),
    ("baseline_date", "date", lambda p: None if p.baseline is None else p.baseline.date),
    ("pace_method", "text", lambda p: p.pace_method.value),
    *((name, "int", lambda p, name=name: getattr(p, name)) for name in _DAYS),
    *(
        (name, "decimal", lambda p, name=name: getattr(p, name))
        for name in (
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
            "required_per_course",
            "observed_growth",
            "required_growth",
            "pace_ratio",
            "forecast",
        )
    ),
    ("aspirational", "bool", lambda p: p.aspirational),
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
    """A row per target: ids, status, figure ends, window and every number, exact."""
    return build_frame(_PROGRESS_COLUMNS, progresses, backend)


def evaluation_frame(e: Evaluation, backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per target of an evaluation, in tree order."""
    return progress_frame(e.targets.values(), backend)


def audit_frame(findings: Iterable[Finding], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per finding: code, severity, ids, figure ends and both sentences."""
    return build_frame(_FINDING_COLUMNS, findings, backend)


def violations_frame(violations: Iterable[RuleViolation], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per rule violation."""
    return build_frame(_VIOLATION_COLUMNS, violations, backend)
