"""Reported actuals: classes a source text says were held, as records file entries.

A text reports a class as a course and a number of learners ("90 học viên"), never
their names; the entry keeps exactly that, and :func:`to_records` makes one placeholder
person per learner so that the measures can count them.
"""

from __future__ import annotations

import attrs

from dtbd._validators import check_id
from dtbd.model._categories import Level, Outcome, StaffCategory
from dtbd.model._people import Cohort, Course, Person
from dtbd.model._sources import Quote
from dtbd.records._records import Records

__all__ = ["ActualsFile", "Learners", "ReportedCohort", "to_records"]


def _positive(_i: object, _a: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or value < 1:
        raise ValueError(f"'count' must be a whole number of learners ≥ 1 (got {value!r})")


@attrs.frozen
class Learners:
    """The anonymous learners of a reported class: how many, and what the text says of them.

    Their ids are ``<id_prefix>-001`` … in order, placeholders for persons the text
    does not name.
    """

    count: int = attrs.field(validator=_positive)
    id_prefix: str = attrs.field(validator=check_id)
    outcome: Outcome = Outcome.COMPLETED
    category: StaffCategory | None = None
    level: Level | None = None
    tags: tuple[str, ...] = ()

    def person_ids(self) -> tuple[str, ...]:
        """The placeholder ids: ``hn1720-lop1-hv-001`` to ``hn1720-lop1-hv-090``."""
        width = max(3, len(str(self.count)))
        return tuple(f"{self.id_prefix}-{n:0{width}d}" for n in range(1, self.count + 1))

    def persons(self) -> tuple[Person, ...]:
        """One person per learner, with only what the text says of them."""
        return tuple(
            Person(pid, category=self.category, level=self.level, tags=self.tags)
            for pid in self.person_ids()
        )


@attrs.frozen
class ReportedCohort:
    """A class the text reports: the course, its learners, and the sentences saying so."""

    course: Course
    learners: Learners
    note: str | None = None
    quotes: tuple[Quote, ...] = ()

    def cohort(self) -> Cohort:
        """The course with its placeholder learners."""
        return Cohort.from_learners(self.course, self.learners.person_ids(), self.learners.outcome)


@attrs.frozen
class ActualsFile:
    """A ``<id>.records.toml`` file: the classes a scheme's text reports as done."""

    cohorts: tuple[ReportedCohort, ...] = ()
    notes: tuple[str, ...] = ()


def to_records(actuals: ActualsFile) -> Records:
    """The reported classes as :class:`~dtbd.Records`: courses, persons, attendances."""
    return Records.from_cohorts(
        (entry.cohort() for entry in actuals.cohorts),
        persons=(p for entry in actuals.cohorts for p in entry.learners.persons()),
    )
