"""Audit of a plan's own figures: parts against totals, capacity, budget, cost per person."""

from __future__ import annotations

from dtbd.auditing._assigned import assigned_findings
from dtbd.auditing._assigned_units import assigned_unit_findings
from dtbd.auditing._budget import budget_findings
from dtbd.auditing._capacity import capacity_findings
from dtbd.auditing._costs import cost_findings
from dtbd.auditing._parts import parts_findings
from dtbd.model._scheme import Scheme
from dtbd.model._units import UnitTree
from dtbd.results._audit import Audit
from dtbd.results._finding import Finding

__all__ = ["audit"]


def audit(scheme: Scheme, *, units: UnitTree | None = None) -> Audit:
    """Check a scheme's own figures against each other.

    Parts against their totals, the shares assigned to units and years against the
    target's figure, course capacity against the target it delivers, budget
    lines against the budget's totals and their own parts, and the cost per person of
    every budget line tied to a count. docs/audit.md lists every code and its severity.

    With ``units``, each share assigned to a unit is checked against the tree: the unit
    exists in it, and existed over the whole time of the share (docs/units.md).

    Raises:
        TypeError: ``scheme`` is not a :class:`~dtbd.Scheme`, or ``units`` not a
            :class:`~dtbd.UnitTree`.
    """
    if not isinstance(scheme, Scheme):
        raise TypeError(
            f"audit() takes a dtbd.Scheme, got {type(scheme).__name__}; load one with "
            "dtbd.load_scheme(path) or build it with Scheme(id, title, period, …)"
        )
    if units is not None and not isinstance(units, UnitTree):
        raise TypeError(
            f"audit(units=…) takes a dtbd.UnitTree, got {type(units).__name__}; load one "
            "with dtbd.load_units(path)"
        )
    # parts as the scheme resolves them: a per-year parent's part is per year too
    scheme = scheme.resolved()
    findings: list[Finding] = []
    every = scheme.all_targets()
    by_id = {target.id: target for target in every}
    for target in every:
        findings.extend(parts_findings(target))
        findings.extend(assigned_findings(target))
        if units is not None:
            window = target.window.within(scheme.period)
            findings.extend(assigned_unit_findings(target, window, units))
        findings.extend(capacity_findings(scheme, target, by_id))
    if scheme.budget is not None:
        findings.extend(budget_findings(scheme.budget))
        findings.extend(cost_findings(scheme, scheme.budget))
    return Audit(scheme.id, tuple(findings))
