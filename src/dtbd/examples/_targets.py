"""Example data for each target: courses up to a share of its figure, shares of a roster."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, cast

import attrs

from dtbd.examples._courses import new_course, run_courses, size_of
from dtbd.examples._people import new_person
from dtbd.examples._scope import course_in, figure_amount, merge_scopes, person_in
from dtbd.model._scope import Scope
from dtbd.model._target import Cadence, Count, ShareBasis

if TYPE_CHECKING:
    from dtbd.examples._draft import Draft
    from dtbd.model._period import Period
    from dtbd.model._target import Target

__all__ = [
    "own_amounts",
    "roster",
    "run_share",
    "run_target",
    "share_attended",
    "share_qualified",
    "slices",
]


def own_amounts(draft: Draft) -> dict[str, Decimal]:
    """What each target itself adds beyond its parts ("theo nhu cầu" parts share the rest)."""
    values = {t.id: figure_amount(t.figure) for t in draft.scheme.all_targets()}
    own: dict[str, Decimal] = {}
    for target in draft.scheme.all_targets():
        value = values[target.id]
        if target.counts is Count.SHARE or not target.parts:
            if value is not None:
                own[target.id] = value
            continue
        stated = [values[p.id] for p in target.parts]
        rest = max((value or Decimal(0)) - sum(v for v in stated if v is not None), Decimal(0))
        vague = [p for p, v in zip(target.parts, stated, strict=True) if v is None]
        for part in vague:
            values[part.id] = rest / len(vague)
        own[target.id] = Decimal(0) if vague else rest
    return own


def slices(draft: Draft, target: Target) -> list[tuple[Period, float]]:
    """The spans a target is measured over, each with the share of it already elapsed."""
    window = target.window.within(draft.period)
    spans = [window]
    if target.window.cadence is Cadence.PER_YEAR:
        spans = [s for s in (window.year(y) for y in window.years) if s is not None]
    return [(span, draft.elapsed(span)) for span in spans]


def run_target(draft: Draft, target: Target, amount: Decimal) -> None:
    if target.counts in {Count.SPENDING, Count.SHARE} or (
        target.counts is Count.PERSONS and target.id in draft.delivered
    ):
        return
    scope, key = target.scope, cast("object", target.scope)
    if target.counts is Count.PERSONS:
        key = ("persons", target.id)
    if target.counts is Count.COURSES and target.delivers is not None:
        delivered = draft.scheme.target(target.delivers)
        scope = merge_scopes(target.scope, delivered.scope)
        scope = attrs.evolve(
            scope,
            **{
                name: getattr(target.scope, name) or getattr(delivered.scope, name)
                for name in ("activity", "location", "countries", "formats", "topics", "leads")
            },
        )
        key = ("courses", target.id)
        draft.delivered.add(target.delivers)
    for span, share in slices(draft, target):
        dom = draft.domain(span)
        if dom is not None:
            goal = float(amount) * draft.scale * draft.factors[target.id] * share
            run_courses(draft, target, scope, dom, goal, key=key)


def roster(draft: Draft, target: Target) -> Scope:
    """The population of a share target, with a roster of fresh persons the first time."""
    qualified = target.basis is ShareBasis.QUALIFIED
    population = merge_scopes(
        target.population or Scope(), target.scope, skip_qualifications=qualified
    )
    if population not in draft.rosters:
        size = max(round(draft.rng.randint(200, 400) * draft.scale), 10)
        draft.rosters[population] = [new_person(draft, population, None).id for _ in range(size)]
    return population


def run_share(draft: Draft, target: Target, figure: float, population: Scope) -> None:
    """A share drawn afresh for each span, around the figure, for the roster to reach.

    On track, every span's share is at or above the figure; behind, most fall below it.
    In a span still open the share is about the part of it elapsed, as people are still
    being sent.
    """
    rng = draft.rng
    low, high = (1.0, 1.08) if draft.factors[target.id] >= 1 else (0.8, 1.04)
    if target.basis is ShareBasis.QUALIFIED:
        # A qualification held is a state, not a flow: no pace, one draw for the window.
        share_qualified(draft, target, population, min(figure * rng.uniform(low, high), 100.0))
        return
    for span, elapsed in slices(draft, target):
        dom = draft.domain(span)
        if dom is None:
            continue
        share = min(figure * rng.uniform(low, high), 100.0)
        if elapsed < 1:
            # People are still being sent: the share so far is about the part elapsed.
            share *= min(elapsed * rng.uniform(0.97, 1.1), 1.0)
        share_attended(draft, target, population, share, dom)


def share_qualified(draft: Draft, target: Target, population: Scope, share: float) -> None:
    """Give the scope's qualification to enough of the population to reach ``share``."""
    wanted = target.scope.qualifications
    members = [p for p in draft.persons.values() if person_in(population, p, draft.horizon)]
    if not wanted:
        return
    missing = [p for p in members if not set(p.qualifications) & set(wanted)]
    need = round(share / 100 * len(members)) - (len(members) - len(missing))
    for person in draft.by_unit(missing)[: max(need, 0)]:
        extra = (*person.qualifications, wanted[0])
        draft.persons[person.id] = attrs.evolve(person, qualifications=extra)


_TRIES = 8
"""Courses in a row that may find no free person before a share stops short of its goal."""


def share_attended(
    draft: Draft, target: Target, population: Scope, share: float, dom: Period
) -> None:
    """Send enough of the population on courses in ``dom`` to reach ``share``."""
    people = [p for p in draft.persons.values() if person_in(population, p, dom.end)]
    members = [p.id for p in people]
    done = {
        pid
        for pid in members
        for c in draft.busy[pid]
        if course_in(target.scope, c) and dom.start <= c.start <= dom.end
    }
    need = round(share / 100 * len(members)) - len(done)
    waiting = [p.id for p in draft.by_unit(p for p in people if p.id not in done)]
    misses = 0
    while need > 0 and waiting and misses < _TRIES:
        course = new_course(draft, target, target.scope, dom)
        if course is None:
            return
        size, cap = size_of(draft, course, None), draft.age_cap(course)
        seats: list[str] = []
        rest: list[str] = []
        limit = min(size, need)
        for index, pid in enumerate(waiting):
            if len(seats) == limit:
                rest.extend(waiting[index:])  # a full course looks at no one further
                break
            (seats if draft.free(pid, course, cap) else rest).append(pid)
        if not seats:
            # Everyone left is busy then or took this content: another date or content may do.
            draft.courses.pop()
            misses += 1
            continue
        draft.join(course, seats)
        need, waiting = need - len(seats), rest
