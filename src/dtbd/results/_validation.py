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

from dtbd._codes import Location, Problem, check_code
from dtbd._limits import shown
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

    @property
    def problem_code(self) -> str:
        """The stable code of :data:`~dtbd.PROBLEM_CODES`: ``validation.`` and :attr:`rule`."""
        return check_code("validation." + self.rule)

    @property
    def location(self) -> Location:
        """``("submissions", row, cells)``: the first source row and the left side's cells."""
        return ("submissions", self.rows[0] if self.rows else None, self.left_cells)

    @property
    def value(self) -> str:
        """The left side's value, shortened, as the rule found it."""
        return shown(str(self.left))

    def problem(self) -> Problem:
        """The violation as a :class:`~dtbd.Problem`: code, location, value, the sentence."""
        return Problem(self.problem_code, self.location, str(self.left), self.message_en)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field as a key, and the problem's three.

        ``problem_code``, ``location`` (a list) and ``value``, as every problem of dtbd
        gives them (docs/errors.md).
        """
        result = stable_dict(self)
        result["problem_code"] = self.problem_code
        result["location"] = list(self.location)
        result["value"] = self.value
        return result


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
        result["violations"] = [violation.to_dict() for violation in self.violations]
        result["ok"] = self.ok
        return result
