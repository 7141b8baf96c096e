"""The example data while it is being built: people, courses, spending and one random source."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

import attrs

from dtbd.examples._scope import DraftCourse, course_in, max_age
from dtbd.model._calendar import study_end
from dtbd.model._people import age_on
from dtbd.model._period import Period, to_date
from dtbd.model._rules import RuleKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.model._budget import Spending
    from dtbd.model._people import Person
    from dtbd.model._scheme import Scheme
    from dtbd.model._scope import Scope

__all__ = ["Draft", "PlantedViolation"]


@attrs.frozen
class PlantedViolation:
    """A rule violation put into the example data on purpose, for the checks to find.

    Attributes:
        rule: the id of the scheme's rule that is broken.
        kind: what the rule checks.
        persons: the ids of the persons involved (empty for a course-size violation).
        courses: the ids of the courses involved.
        note: what was planted, in words.
    """

    rule: str
    kind: RuleKind
    persons: tuple[str, ...]
    courses: tuple[str, ...]
    note: str


class Draft:
    """One example data set being built; every random choice goes through ``self.rng``."""

    def __init__(self, scheme: Scheme, seed: int, as_of: dt.date | None, scale: float) -> None:
        self.scheme = scheme
        self.period = scheme.period
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311  -- reproducible sample data, not secrets
        self._unit_weights: dict[str | None, float] = {}
        self.scale = scale
        if as_of is None:
            # Two thirds of the way through, so that progress has something to show.
            third = round((self.period.days - 1) * 2 / 3)
            self.horizon = to_date(self.period.start + dt.timedelta(days=third))
        else:
            self.horizon = min(to_date(as_of), to_date(self.period.end))
        refs = [r.reference_date for r in scheme.rules if r.reference_date is not None]
        # Ages are set at the latest date anyone reads them, so younger on every earlier day.
        self.age_ref = max([self.horizon, *refs])
        self.persons: dict[str, Person] = {}
        self.courses: list[DraftCourse] = []
        self.busy: dict[str, list[DraftCourse]] = {}
        self.pools: dict[object, list[str]] = {}
        self.pointer: dict[object, int] = {}
        self.factors: dict[str, float] = {}
        self.delivered: set[str] = set()
        self.rosters: dict[Scope, list[str]] = {}
        self.spending: list[Spending] = []
        self.planted: list[PlantedViolation] = []
        self.dropped: set[str] = set()
        scopes = [r.scope for r in scheme.rules]
        for t in scheme.all_targets():
            scopes += [t.scope] if t.population is None else [t.scope, t.population]
        # Words the scheme's scopes look for are never given out by default, so that the
        # people and courses made for one target do not spill into another's count.
        self.reserved = {
            word for s in scopes for word in (*s.positions, *s.qualifications, *s.topics)
        }
        self._ends: dict[tuple[dt.date, int], dt.date] = {}

    def domain(self, span: Period) -> Period | None:
        """The days of ``span`` inside the scheme's period and up to the horizon."""
        start = max(to_date(span.start), to_date(self.period.start))
        end = min(to_date(span.end), to_date(self.period.end), self.horizon)
        return Period(start, end) if start <= end else None

    def elapsed(self, span: Period) -> float:
        """The share of ``span`` that lies before the horizon (0 to 1)."""
        done = (self.horizon - to_date(span.start)).days + 1
        return min(max(done / span.days, 0.0), 1.0)

    def unit_weight(self, unit: str | None) -> float:
        """How readily ``unit`` sends its people (0.55 to 1.45), the same for every target.

        Drawn from the seed and the unit's name alone, so a unit keeps its weight
        whatever the order in which the data is built.
        """
        if unit not in self._unit_weights:
            draw = random.Random(f"dtbd-unit:{self.seed}:{unit}")  # noqa: S311  -- as above
            self._unit_weights[unit] = draw.uniform(0.55, 1.45)
        return self._unit_weights[unit]

    def by_unit(self, persons: Iterable[Person]) -> list[Person]:
        """``persons`` in a random order that puts people of readier units first.

        A weighted draw without replacement (Efraimidis and Spirakis): each person's key
        is ``u ** (1 / weight)`` for a uniform ``u``, highest first, so taking the first
        *k* gives every unit a share that grows with its weight.
        """
        keyed = [(self.rng.random() ** (1 / self.unit_weight(p.unit)), p) for p in persons]
        keyed.sort(key=lambda pair: pair[0], reverse=True)
        return [p for _, p in keyed]

    def end_of(self, start: dt.date, days: int) -> dt.date:
        """The last day of a course of ``days`` study days from ``start`` (cached)."""
        key = (start, days)
        if key not in self._ends:
            self._ends[key] = study_end(start, days)
        return self._ends[key]

    def born(self, age: int, ref: dt.date | None = None) -> dt.date:
        """A birth date that makes a person exactly ``age`` on ``ref`` (the age reference)."""
        ref = ref or self.age_ref
        anchor = dt.date(ref.year - age, ref.month, min(ref.day, 28))
        day = anchor - dt.timedelta(days=self.rng.randint(1, 360))
        return day - dt.timedelta(days=1) if (day.month, day.day) == (2, 29) else day

    def age_cap(self, course: DraftCourse) -> int | None:
        """The oldest age allowed on ``course`` by its scope and the scheme's age rules."""
        caps = [course.scope.under_age - 1] if course.scope.under_age else []
        for rule in self.scheme.rules:
            limit = max_age(rule.figure) if rule.kind is RuleKind.AGE_LIMIT else None
            if limit is not None and course_in(rule.scope, course):
                caps.append(limit)
        return min(caps) if caps else None

    def free(self, pid: str, course: DraftCourse, cap: int | None) -> bool:
        """Whether ``pid`` can join ``course``: young enough, not busy, new content."""
        born = self.persons[pid].birth_date
        if (
            cap is not None
            and born is not None
            and born <= self.age_ref
            and age_on(born, self.age_ref) > cap
        ):
            return False
        return not any(
            other.content == course.content
            or (other.start <= course.end and course.start <= other.end)
            for other in self.busy[pid]
        )

    def join(self, course: DraftCourse, pids: Iterable[str]) -> None:
        """Seat the persons ``pids`` on ``course``."""
        for pid in pids:
            course.learners.append(pid)
            self.busy[pid].append(course)
