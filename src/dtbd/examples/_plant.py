"""Rule violations planted in the example data on purpose, for the checks to find."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import TYPE_CHECKING

import attrs

from dtbd.examples._courses import fill
from dtbd.examples._draft import PlantedViolation
from dtbd.examples._people import new_person
from dtbd.examples._scope import course_in, max_age, merge_scopes
from dtbd.model._calendar import is_study_day
from dtbd.model._categories import Gender
from dtbd.model._period import to_date
from dtbd.model._rules import AgeReference, Rule, RuleKind

if TYPE_CHECKING:
    from dtbd.examples._draft import Draft
    from dtbd.examples._scope import DraftCourse

__all__ = ["plant"]


def plant(draft: Draft) -> None:
    """Break each rule of the scheme once, on purpose, and note where."""
    used: set[str] = set()
    planters = {
        RuleKind.AGE_LIMIT: plant_age,
        RuleKind.NO_OVERLAP: plant_overlap,
        RuleKind.NO_REPEAT: plant_repeat,
        RuleKind.COURSE_SIZE: plant_size,
    }
    for rule in draft.scheme.rules:
        planter = planters.get(rule.kind)
        if planter is not None:
            planter(draft, rule, used)


def candidates(draft: Draft, rule: Rule, used: set[str]) -> list[DraftCourse]:
    found = [
        c
        for c in draft.courses
        if c.id not in used and c.learners and rule.in_force(c.start) and course_in(rule.scope, c)
    ]
    return sorted(found, key=lambda c: (c.start, c.id))


def swap(draft: Draft, course: DraftCourse, pid: str) -> None:
    """Put ``pid`` in the first seat of ``course``, in place of its learner."""
    old = course.learners[0]
    draft.busy[old].remove(course)
    course.learners[0] = pid
    draft.busy[pid].append(course)
    if not draft.busy[old] and not any(old in roster for roster in draft.rosters.values()):
        # Left with no course and in no share's roster, the person would be a row that
        # counts for nothing: the data set leaves them out (ids stay as numbered).
        draft.dropped.add(old)


def clone(draft: Draft, course: DraftCourse, start: dt.date, content: str) -> DraftCourse | None:
    """A copy of ``course`` from ``start`` with fresh learners, if it fits the dates."""
    while not is_study_day(start):
        start += dt.timedelta(days=1)
    end = draft.end_of(start, course.study_days)
    if start < draft.period.start or end > draft.horizon:
        return None
    copy = dataclasses.replace(
        course, id=f"vd-c{len(draft.courses) + 1:06d}", start=start, end=end, learners=[]
    )
    copy.content = content
    draft.courses.append(copy)
    fill(draft, copy, max(len(course.learners) - 1, 1), ("planted", copy.id), 0.0)
    return copy


def plant_age(draft: Draft, rule: Rule, used: set[str]) -> None:
    limit = max_age(rule.figure)
    courses = candidates(draft, rule, used)
    if limit is None or not courses:
        return
    course = courses[draft.rng.randrange(len(courses))]
    ref = rule.reference_date if rule.reference is AgeReference.DATE else course.start
    assert ref is not None  # noqa: S101  -- a date reference comes with its date
    merged = merge_scopes(rule.scope, course.scope)
    scope = attrs.evolve(
        merged, under_age=None, age_on=merged.age_on if merged.from_age is not None else None
    )
    person = new_person(draft, scope, None, gender=rule.scope.gender or Gender.MALE)
    person = attrs.evolve(person, birth_date=draft.born(limit + 3, to_date(ref)))
    draft.persons[person.id] = person
    swap(draft, course, person.id)
    used.add(course.id)
    draft.planted.append(
        PlantedViolation(
            rule.id,
            rule.kind,
            (person.id,),
            (course.id,),
            f"{person.name}, {limit + 3} tuổi, học khóa {course.id} (tối đa {limit} tuổi)",
        )
    )


def plant_overlap(draft: Draft, rule: Rule, used: set[str]) -> None:
    courses = candidates(draft, rule, used)
    pair = next(
        (
            (a, b, pid)
            for i, a in enumerate(courses)
            for b in courses[i + 1 : i + 20]
            if b.start <= a.end and b.content != a.content
            for pid in a.learners[:3]
            if pid not in b.learners
        ),
        None,
    )
    first = _template(draft, rule, courses)
    if pair is None and first is not None:
        pair = _with_copy(draft, first, first.start, f"{first.content}-b")
    _seat_twice(draft, rule, used, pair, "{pid} học cùng lúc hai khóa {first} và {second}")


def plant_repeat(draft: Draft, rule: Rule, used: set[str]) -> None:
    courses = candidates(draft, rule, used)
    pair = next(
        (
            (a, b, pid)
            for i, a in enumerate(courses)
            for b in courses[i + 1 :]
            if b.content == a.content and b.start > a.end
            for pid in a.learners[:3]
            if pid not in b.learners
        ),
        None,
    )
    first = _template(draft, rule, courses)
    if pair is None and first is not None:
        pair = _with_copy(draft, first, first.end + dt.timedelta(days=14), first.content)
    _seat_twice(draft, rule, used, pair, "{pid} học lại nội dung {content} ở khóa {second}")


Pair = tuple["DraftCourse", "DraftCourse", str]
"""Two courses and the person to seat on both."""


def _template(draft: Draft, rule: Rule, courses: list[DraftCourse]) -> DraftCourse | None:
    """The course to copy for a pair: the first unused one, else one not planted too big.

    In a small data set every course may carry a violation already; a copy of one planted
    too big or too small would break the course size once more, unplanted.
    """
    if courses:
        return courses[0]
    sized = {c for v in draft.planted if v.kind is RuleKind.COURSE_SIZE for c in v.courses}
    spare = [
        c
        for c in draft.courses
        if c.learners and c.id not in sized and rule.in_force(c.start) and course_in(rule.scope, c)
    ]
    return min(spare, key=lambda c: (c.start, c.id)) if spare else None


def _with_copy(draft: Draft, first: DraftCourse, start: dt.date, content: str) -> Pair | None:
    """``first``, a copy of it from ``start`` and a learner of ``first`` not planted already."""
    planted = {pid for v in draft.planted for pid in v.persons}
    pid = next((p for p in first.learners if p not in planted), None)
    copy = None if pid is None else clone(draft, first, start, content)
    return None if copy is None or pid is None else (first, copy, pid)


def _seat_twice(draft: Draft, rule: Rule, used: set[str], pair: Pair | None, note: str) -> None:
    """Put the person of ``pair`` on its second course too, and note it in ``note``'s words."""
    if pair is None:
        return
    first, second, pid = pair
    swap(draft, second, pid)
    used.update((first.id, second.id))
    words = note.format(pid=pid, first=first.id, second=second.id, content=first.content)
    draft.planted.append(
        PlantedViolation(rule.id, rule.kind, (pid,), (first.id, second.id), words)
    )


def plant_size(draft: Draft, rule: Rule, used: set[str]) -> None:
    courses = candidates(draft, rule, used)
    figure = rule.figure
    if not courses or figure is None:
        return
    course = courses[draft.rng.randrange(len(courses))]
    low, high = figure.acceptance()
    if high is not None:
        fill(draft, course, math.floor(high) + 3 - len(course.learners), ("planted", rule.id), 0)
    elif low >= 3:
        for pid in course.learners[math.ceil(low) - 2 :]:
            draft.busy[pid].remove(course)
        del course.learners[math.ceil(low) - 2 :]
    else:
        return
    used.add(course.id)
    size = len(course.learners)
    draft.planted.append(
        PlantedViolation(
            rule.id,
            rule.kind,
            (),
            (course.id,),
            f"khóa {course.id} có {size} học viên, ngoài quy mô {figure.format()}",
        )
    )
