"""Example courses: dates, format and size inside a scope, seats filled with people."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from dtbd.examples._people import new_person
from dtbd.examples._scope import DraftCourse, course_in
from dtbd.examples._words import ABROAD, TOPICS
from dtbd.model._calendar import is_study_day
from dtbd.model._categories import Activity, CourseFormat, Location
from dtbd.model._period import to_date
from dtbd.model._rules import RuleKind
from dtbd.model._target import Count

if TYPE_CHECKING:
    from dtbd.examples._draft import Draft
    from dtbd.figures._figure import Figure
    from dtbd.model._period import Period
    from dtbd.model._scope import Scope
    from dtbd.model._target import Target

__all__ = ["fill", "new_course", "run_courses", "size_of"]


def new_course(draft: Draft, target: Target, scope: Scope, dom: Period) -> DraftCourse | None:
    """A course inside ``scope``'s course fields, held within ``dom``; None if none fits."""
    rng = draft.rng
    activity = scope.activity or Activity.FOSTERING
    location = scope.location or (Location.ABROAD if scope.countries else Location.DOMESTIC)
    country = None
    if location is Location.ABROAD:
        country = rng.choice(scope.countries or tuple(ABROAD))
    if scope.formats:
        form = rng.choice(scope.formats)
    elif location is Location.ABROAD:
        form = CourseFormat.FULL_TIME
    else:
        weights = (3, 2, 1) if activity is Activity.TRAINING else (6, 2, 2)
        form = rng.choices(tuple(CourseFormat), weights)[0]
    if activity is Activity.TRAINING:
        days = rng.randint(40, 120)
    elif location is Location.ABROAD:
        days = rng.randint(10, 20)
    else:
        days = rng.randint(1, 3) if form is CourseFormat.ONLINE else rng.randint(2, 10)
    first, last = to_date(dom.start), to_date(dom.end)
    for _ in range(8):
        slack = (last - first).days - math.ceil(days * 1.6)
        start = first + dt.timedelta(days=rng.randint(0, max(slack, 0)))
        while not is_study_day(start) and start <= last:
            start += dt.timedelta(days=1)
        if start > last:
            return None
        end = draft.end_of(start, days)
        if end <= last:
            topics = [t for t in TOPICS if t not in draft.reserved] or ["general-knowledge"]
            topic = rng.choice(scope.topics or tuple(topics))
            course = DraftCourse(
                f"vd-c{len(draft.courses) + 1:06d}",
                start,
                end,
                days,
                activity,
                form,
                location,
                country,
                rng.choice(scope.leads) if scope.leads else target.lead,
                topic,
                f"{topic}-{rng.randint(1, 6):02d}",
                target.id,
                scope,
                [],
            )
            draft.courses.append(course)
            return course
        days = max(1, days // 2)
    return None


def size_of(draft: Draft, course: DraftCourse, stated: Figure | None) -> int:
    """A cohort size: as the target states, else usual for the kind of course."""
    if stated is not None and stated.low is not None:
        low, high = int(stated.low), int(stated.high or stated.low + 5)
    elif course.location is Location.ABROAD:
        low, high = 15, 20
    elif course.activity is Activity.TRAINING:
        low, high = 20, 35
    elif course.format is CourseFormat.ONLINE:
        low, high = 80, 150
    else:
        low, high = 40, 80
    for rule in draft.scheme.rules:
        if rule.kind is RuleKind.COURSE_SIZE and course_in(rule.scope, course):
            fig = rule.figure
            assert fig is not None  # noqa: S101  -- a course-size rule has a figure
            low = max(low, math.ceil(fig.low)) if fig.low is not None else low
            high = min(high, int(fig.high)) if fig.high is not None else high
            low = min(low, high)
    return draft.rng.randint(low, high)


def fill(draft: Draft, course: DraftCourse, size: int, key: object, reuse: float) -> None:
    """Seat ``size`` learners: some from the pool ``key`` when free, the rest new."""
    pool = draft.pools.setdefault(key, [])
    cap = draft.age_cap(course)
    want = round(size * reuse) if pool else 0
    chosen: list[str] = []
    if want:
        start, count = draft.pointer.get(key, 0), len(pool)
        tries = min(count, 4 * want + 10)
        for step in range(tries):
            pid = pool[(start + step) % count]
            if pid not in chosen and draft.free(pid, course, cap):
                chosen.append(pid)
                if len(chosen) >= want:
                    break
        draft.pointer[key] = (start + tries) % count
    while len(chosen) < size:
        person = new_person(draft, course.scope, cap)
        pool.append(person.id)
        chosen.append(person.id)
    draft.join(course, chosen)


def run_courses(  # noqa: PLR0913  -- the draft, then the old method's five
    draft: Draft, target: Target, scope: Scope, dom: Period, goal: float, *, key: object
) -> int:
    """Courses for ``target`` in ``dom`` until ``goal`` (in the target's count) is met."""
    count = target.counts
    reuse = {
        Count.ATTENDANCES: 0.45,
        Count.STUDY_DAYS: 0.45,
        Count.PERSONS: 0.08,
    }.get(count, 0.0)
    if (scope.activity or Activity.FOSTERING) is Activity.TRAINING:
        reuse = min(reuse, 0.05)
    done, seated = 0.0, 0
    while done < goal:
        course = new_course(draft, target, scope, dom)
        if course is None:
            break
        size = size_of(draft, course, target.course_size)
        if count in {Count.ATTENDANCES, Count.PERSONS} and goal - done < size:
            size = max(math.ceil(goal - done), min(size, 5))
        fill(draft, course, size, key, reuse)
        seated += size
        done += {Count.COURSES: 1, Count.STUDY_DAYS: size * course.study_days}.get(count, size)
    return seated
