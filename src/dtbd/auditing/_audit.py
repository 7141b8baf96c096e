"""Audit of a plan's own figures: parts against totals, capacity, budget, cost per person."""

from __future__ import annotations

from dtbd.auditing._budget import budget_findings
from dtbd.auditing._capacity import capacity_findings
from dtbd.auditing._costs import cost_findings
from dtbd.auditing._parts import parts_findings
from dtbd.model._scheme import Scheme
from dtbd.results._audit import Audit
from dtbd.results._finding import Finding

__all__ = ["audit"]


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
    # parts as the scheme resolves them: a per-year parent's part is per year too
    scheme = scheme.resolved()
    findings: list[Finding] = []
    every = scheme.all_targets()
    by_id = {target.id: target for target in every}
    for target in every:
        findings.extend(parts_findings(target))
        findings.extend(capacity_findings(scheme, target, by_id))
    if scheme.budget is not None:
        findings.extend(budget_findings(scheme.budget))
        findings.extend(cost_findings(scheme, scheme.budget))
    return Audit(scheme.id, tuple(findings))
