"""A rule broken, or a record a rule could not be checked on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from dtbd._codes import Location, Problem, check_code
from dtbd._limits import shown
from dtbd.figures._figure import Figure
from dtbd.model._people import Course, Person
from dtbd.model._rules import RuleKind
from dtbd.results._finding import Severity, stable_dict

_PERSON_FIELDS = frozenset(attrs.fields_dict(Person)) - frozenset(attrs.fields_dict(Course))

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

    @property
    def problem_code(self) -> str:
        """The stable code of :data:`~dtbd.PROBLEM_CODES`: ``rule.`` and :attr:`code`."""
        return check_code("rule." + self.code)

    @property
    def location(self) -> Location:
        """``(table, row, field)``: what the rule knows of where the records break it.

        The table is ``persons`` or ``courses`` when one record is at fault (a blank
        ``field`` says whose), ``attendances`` for a person's attendance of a course; the
        row is that record's id, ``"person/course"`` for an attendance; ``None`` where
        nothing is known (a rule not run at all).
        """
        person, course = self.person, self.course
        if self.field is not None and person and course:
            person, course = (person, None) if self.field in _PERSON_FIELDS else (None, course)
        if person and course:
            return ("attendances", f"{person}/{course}", self.field)
        if person:
            return ("persons", person, self.field)
        if course:
            return ("courses", course, self.field)
        return ("persons", None, None) if self.code == "persons-missing" else (None, None, None)

    @property
    def value(self) -> str | None:
        """What the records show, shortened: the id that matches nothing, or the figure."""
        raw = self._raw_value()
        return None if raw is None else shown(raw)

    def _raw_value(self) -> str | None:
        if self.code == "unknown-person":
            return self.person
        if self.code == "unknown-course":
            return self.course
        return None if self.actual is None else self.actual.format("vi")

    def problem(self) -> Problem:
        """The violation as a :class:`~dtbd.Problem`: code, location, value, the sentence."""
        return Problem(self.problem_code, self.location, self._raw_value(), self.message_en)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field as a key (``None`` when empty).

        Beside the fields: ``problem_code``, ``location`` (a list) and ``value``, as
        every problem of dtbd gives them (docs/errors.md).
        """
        result = stable_dict(self)
        result["problem_code"] = self.problem_code
        result["location"] = list(self.location)
        result["value"] = self.value
        return result
