"""What was done: the records a scheme is measured against."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property

import attrs

from dtbd._validators import check_unique_ids, to_tuple
from dtbd.model._budget import Spending
from dtbd.model._people import Attendance, Cohort, Course, Person
from dtbd.model._submission import SubmissionRow
from dtbd.records._synthetic import marked_synthetic

__all__ = ["Records"]


@attrs.frozen(slots=False, repr=False)
class Records:
    """Persons, courses, attendances, spending and units' reports, as the model's objects.

    Ids are unique within each table. References are not checked here, so that a
    calculator can report an attendance of an unknown course as a problem row instead
    of refusing the whole data set.

    ``slots=False`` so that the lookup tables can be cached on first use.
    """

    persons: tuple[Person, ...] = attrs.field(default=(), converter=to_tuple)
    courses: tuple[Course, ...] = attrs.field(default=(), converter=to_tuple)
    attendances: tuple[Attendance, ...] = attrs.field(default=(), converter=to_tuple)
    spending: tuple[Spending, ...] = attrs.field(default=(), converter=to_tuple)
    submissions: tuple[SubmissionRow, ...] = attrs.field(default=(), converter=to_tuple)
    """Figures units reported instead of lists of learners (docs/submissions.md)."""

    def __attrs_post_init__(self) -> None:
        check_unique_ids("person", (p.id for p in self.persons))
        check_unique_ids("course", (c.id for c in self.courses))
        check_unique_ids("spending", (s.id for s in self.spending))

    @classmethod
    def from_cohorts(
        cls,
        cohorts: Iterable[Cohort],
        persons: Iterable[Person] = (),
        spending: Iterable[Spending] = (),
    ) -> Records:
        """Records built from cohorts: their courses and their attendances."""
        cohorts = tuple(cohorts)
        return cls(
            persons=tuple(persons),
            courses=tuple(c.course for c in cohorts),
            attendances=tuple(a for c in cohorts for a in c.attendances),
            spending=tuple(spending),
        )

    @cached_property
    def person_by_id(self) -> Mapping[str, Person]:
        """Persons by id."""
        return {p.id: p for p in self.persons}

    @cached_property
    def course_by_id(self) -> Mapping[str, Course]:
        """Courses by id."""
        return {c.id: c for c in self.courses}

    def __repr__(self) -> str:
        reported = f", {len(self.submissions)} reported rows" if self.submissions else ""
        return (
            f"<Records: {len(self.persons)} persons, {len(self.courses)} courses, "
            f"{len(self.attendances)} attendances, {len(self.spending)} payments{reported}>"
        )

    @cached_property
    def synthetic(self) -> bool:
        """Whether these are synthetic example records: a person tagged ``synthetic``.

        :func:`dtbd.example_records` tags every person it invents, and the tag is a
        value of the persons table's ``tags`` column, so records read back from the CSV
        files of ``dtbd example`` (or a workbook saved from them) are still marked.
        """
        return marked_synthetic(self.persons)

    def __len__(self) -> int:
        tables = (self.persons, self.courses, self.attendances, self.spending, self.submissions)
        return sum(map(len, tables))
