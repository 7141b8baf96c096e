"""A rule broken, or a record a rule could not be checked on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from dtbd.figures._figure import Figure
from dtbd.model._rules import RuleKind
from dtbd.results._finding import Severity, stable_dict

__all__ = ["RuleViolation"]


@attrs.frozen(kw_only=True)
class RuleViolation:
    """A rule broken, or a record a rule could not be checked on.

    ``code`` says which: the rule kind's own code (``age-limit``, ``gender-share``,
    ``priority-share``, ``no-overlap``, ``no-repeat``, ``course-size``,
    ``min-study-days``) for a breach; ``missing-data`` when a record lacks a value the
    rule needs (``field`` names it, ``person`` and ``course`` the record); ``not-in-force``
    when the rule was not applied to courses before its first or after its last day
    (``actual`` counts them); ``outside-scheme`` for the courses a scheme does not cover;
    ``persons-missing`` when person rules were not run for want of a persons table;
    ``across-not-given`` when a rule looks across a scheme that was not checked with it;
    ``unknown-person`` / ``unknown-course`` for an attendance whose ids match no record.
    ``rule`` and ``kind`` are ``None`` for the last three. ``expected`` is the rule's
    figure, ``actual`` what the records show.
    """

    code: str
    severity: Severity
    rule: str | None
    kind: RuleKind | None
    person: str | None = None
    course: str | None = None
    other_course: str | None = None
    """The earlier or overlapping course, for no-overlap and no-repeat."""
    scheme: str | None = None
    """The scheme whose rule this is, when :func:`~dtbd.check` was given several schemes."""
    other_scheme: str | None = None
    """For a no-repeat or no-overlap rule that looks ``across`` schemes: the scheme under
    which ``other_course`` was taken (docs/schemes.md)."""
    field: str | None = None
    """For missing-data: the blank field, by its model name (``gender``, ``birth_date``,
    ``end``, ``content``, …), of the person or the course."""
    year: int | None = None
    date: dt.date | None = None
    """The date the numbers were read at (an age's reference date)."""
    expected: Figure | None = None
    actual: Figure | None = None
    message_vi: str
    message_en: str

    def message(self, locale: str = "vi") -> str:
        """The sentence in Vietnamese (``"vi"``) or English (any ``"en…"`` locale)."""
        return self.message_en if locale.startswith("en") else self.message_vi

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field as a key (``None`` when empty)."""
        return stable_dict(self)
