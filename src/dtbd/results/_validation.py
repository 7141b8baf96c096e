"""What units reported, checked by validation rules: one violation per failed comparison.

A validation rule compares a left side with a right side by an operator, as DHIS2's do
(``docs/submissions.md``); a violation names the rule, the unit, the period, the line and
breakdown of the cells and both values.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from dtbd.results._finding import Severity, stable_dict

__all__ = ["Operator", "Validation", "ValidationViolation"]


class Operator(enum.Enum):
    """How a rule's left side must compare with its right side."""

    EQUAL = "=="
    AT_LEAST = ">="
    AT_MOST = "<="

    def holds(self, left: Decimal, right: Decimal) -> bool:
        """Whether ``left <operator> right``."""
        if self is Operator.EQUAL:
            return left == right
        return left >= right if self is Operator.AT_LEAST else left <= right


@attrs.frozen(kw_only=True)
class ValidationViolation:
    """One failed comparison of a unit's reported cells.

    ``rule`` is the rule's code (``attendances-at-least-persons``,
    ``one-row-per-cell``, ``part-at-most-total``, ``parts-equal-total``,
    ``not-below-earlier``, ``assigned``); ``left`` and ``right`` are the two sides'
    values, ``left_cells`` and ``right_cells`` what each side reads
    (``"persons [gender=female]"``), ``rows`` the source rows of the cells.
    """

    rule: str
    importance: Severity
    unit: str
    start: dt.date
    end: dt.date
    line: tuple[tuple[str, str], ...]
    """The line columns the cells share (activity, format, location, content), as text."""
    left_cells: str
    operator: Operator
    right_cells: str
    left: Decimal
    right: Decimal
    rows: tuple[int, ...]
    target: str | None = None
    """For ``assigned``: the target whose share was assigned to the unit."""
    message_vi: str
    message_en: str

    def message(self, locale: str = "vi") -> str:
        """The sentence in Vietnamese (``"vi"``) or English (any ``"en…"`` locale)."""
        return self.message_en if locale.startswith("en") else self.message_vi

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field as a key."""
        return stable_dict(self)


@attrs.frozen
class Validation:
    """Every validation rule run on units' reports, and each comparison that failed."""

    rows: int
    """Report rows checked."""
    violations: tuple[ValidationViolation, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no rule of importance *error* failed."""
        return not any(v.importance is Severity.ERROR for v in self.violations)

    def __repr__(self) -> str:
        return f"<Validation: {self.rows} rows, {len(self.violations)} violations>"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``rows``, ``ok`` and ``violations``."""
        result = stable_dict(self)
        result["ok"] = self.ok
        return result
