"""Audit of a plan's own figures: parts against totals, capacity, budget, cost per person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

from dtbd.audit._budget import budget_findings
from dtbd.audit._capacity import capacity_findings
from dtbd.audit._costs import cost_findings
from dtbd.audit._parts import parts_findings
from dtbd.display._frames import audit_frame
from dtbd.display._html import audit_html
from dtbd.model._scheme import Scheme
from dtbd.results._finding import Finding, Severity, stable_dict

if TYPE_CHECKING:
    from collections.abc import Iterator

# Finding, Severity and stable_dict live in dtbd.results._finding; they are named here too because
# dtbd/__init__.py and dtbd.rules._check import them from this module.
__all__ = ["Audit", "Finding", "Severity", "audit", "stable_dict"]


@attrs.frozen
class Audit:
    """The findings of :func:`audit` on one scheme, in the order of the scheme's text."""

    scheme: str
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Findings of severity error."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings of severity warning."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """Findings of severity info."""
        return self._of(Severity.INFO)

    @property
    def ok(self) -> bool:
        """Whether no finding is an error."""
        return not self.errors

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """Findings with the given code, e.g. ``"parts-below-total"``."""
        return tuple(f for f in self.findings if f.code == code)

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{"scheme": …, "findings": [{"code": …, …}, …]}``.

        Every finding has every key of :meth:`Finding.to_dict`, in the same order.
        """
        return {"scheme": self.scheme, "findings": [f.to_dict() for f in self.findings]}

    def to_html(self, locale: str = "vi") -> str:
        """The findings as an HTML table, sentences in ``locale``."""
        return audit_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A pandas or polars frame, a row per finding; numbers stay exact ``Decimal``."""
        return audit_frame(self.findings, backend)


def audit(scheme: Scheme) -> Audit:
    """Check a scheme's own figures against each other.

    Parts against their totals, course capacity against the target it delivers, budget
    lines against the budget's totals and their own parts, and the cost per person of
    every budget line tied to a count. docs/audit.md lists every code and its severity.

    Raises:
        TypeError: ``scheme`` is not a :class:`~dtbd.Scheme`.
    """
    if not isinstance(scheme, Scheme):
        raise TypeError(
            f"audit() takes a dtbd.Scheme, got {type(scheme).__name__}; load one with "
            "dtbd.load_scheme(path) or build it with Scheme(id, title, period, …)"
        )
    findings: list[Finding] = []
    for target in scheme.all_targets():
        findings.extend(parts_findings(target))
        findings.extend(capacity_findings(scheme, target))
    if scheme.budget is not None:
        findings.extend(budget_findings(scheme.budget))
        findings.extend(cost_findings(scheme, scheme.budget))
    return Audit(scheme.id, tuple(findings))
