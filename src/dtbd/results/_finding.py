"""One result of a check: its code, severity, the ids and figures involved, two sentences."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from dtbd.figures._figure import Figure
from dtbd.results._dict import results_dict

__all__ = ["Finding", "Severity", "stable_dict"]


class Severity(enum.Enum):
    """How serious a finding or a rule violation is."""

    ERROR = "error"
    """The figures contradict each other (or a rule is broken)."""
    WARNING = "warning"
    """Worth a look: a remainder nobody is assigned, data that cannot be checked."""
    INFO = "info"
    """A result for the record: a check that holds, a cost per person."""


@attrs.frozen(kw_only=True)
class Finding:
    """One result of :func:`audit`: a code, a severity, the ids and numbers involved.

    ``expected`` is what the plan states (a total, a target), ``computed`` what its other
    figures give (a sum of parts, a capacity, a cost per person), ``difference`` the gap
    between the two where it is defined (both single numbers, or ranges that do not
    meet), and ``operands`` the figures ``computed`` was worked out from.
    """

    code: str
    severity: Severity
    targets: tuple[str, ...] = ()
    budget_lines: tuple[str, ...] = ()
    expected: Figure | None = None
    computed: Figure | None = None
    difference: Figure | None = None
    operands: tuple[Figure, ...] = ()
    message_vi: str
    message_en: str

    def message(self, locale: str = "vi") -> str:
        """The sentence in Vietnamese (``"vi"``) or English (any ``"en…"`` locale)."""
        return self.message_en if locale.startswith("en") else self.message_vi

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field as a key (``None`` or ``[]`` when empty).

        A figure is ``{low, high, qualifier, unit, text}``: its numbers as exact
        strings (``None`` for an open end) and its Vietnamese phrase.
        """
        return stable_dict(self)


def stable_dict(instance: Any) -> dict[str, Any]:  # noqa: ANN401  -- any attrs instance
    """Every field of an attrs result as a key (:func:`dtbd.results._dict.results_dict`)."""
    result: dict[str, Any] = results_dict(instance)
    return result
