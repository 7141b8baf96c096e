"""Synthetic example records for a scheme: made-up people, courses and spending.

Everything here is invented (*dữ liệu mẫu*): names are drawn from short lists of common
Vietnamese names, every person carries the tag ``synthetic`` and every id starts with
``vd-`` (*ví dụ*). The data follows the scheme's targets and rules so that progress and
rule checks have something to show, and a few rule violations are planted on purpose
(:func:`example_violations` lists them).
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import TYPE_CHECKING

from dtbd.examples._csv import write_records_csv
from dtbd.examples._draft import Draft, PlantedViolation
from dtbd.examples._money import run_money
from dtbd.examples._plant import plant
from dtbd.examples._targets import own_amounts, roster, run_share, run_target
from dtbd.examples._words import ABROAD, PLACES, PROVIDER_ABROAD, PROVIDERS, TOPIC_LABELS
from dtbd.model._categories import Activity, Location, Outcome
from dtbd.model._people import Attendance, Course
from dtbd.model._period import to_date
from dtbd.model._target import Count
from dtbd.records._records import Records

if TYPE_CHECKING:
    from dtbd.model._scheme import Scheme

# write_records_csv lives in dtbd.examples._csv; dtbd/__init__.py and the command line
# import it from here.
__all__ = [
    "PlantedViolation",
    "example_records",
    "example_violations",
    "write_records_csv",
]


def _build(draft: Draft) -> tuple[Records, tuple[PlantedViolation, ...]]:
    """Generate everything: targets first, then violations, then money."""
    rng = draft.rng
    targets = draft.scheme.all_targets()
    offset = rng.randrange(2)
    for index, target in enumerate(targets):
        on_track = (index + offset) % 2 == 0
        draft.factors[target.id] = rng.uniform(1.0, 1.1) if on_track else rng.uniform(0.5, 0.9)
    own = own_amounts(draft)
    # Courses that deliver a person target go first, shares last: their rosters
    # take in everyone generated before.
    order = sorted(
        targets,
        key=lambda t: (
            t.counts is not Count.COURSES or t.delivers is None,
            t.counts is Count.SHARE,
        ),
    )
    shares = [t for t in order if t.counts is Count.SHARE and own.get(t.id, 0) > 0]
    for target in order:
        if target.counts is not Count.SHARE and own.get(target.id, 0) > 0:
            run_target(draft, target, own[target.id])
    # Every roster before any numerator: a later roster may add to an earlier population.
    populations = [roster(draft, t) for t in shares]
    for target, population in zip(shares, populations, strict=True):
        run_share(draft, target, float(own[target.id]), population)
    plant(draft)
    run_money(draft)
    return _records(draft), tuple(draft.planted)


def _records(draft: Draft) -> Records:
    rng = draft.rng
    courses, attendances = [], []
    for number, c in enumerate(draft.courses, start=1):
        abroad = c.location is Location.ABROAD
        kind = "Đào tạo" if c.activity is Activity.TRAINING else "Bồi dưỡng"
        courses.append(
            Course(
                c.id,
                start=c.start,
                end=c.end,
                study_days=c.study_days,
                title=f"[Dữ liệu mẫu] {kind} {TOPIC_LABELS.get(c.topic, c.topic)} {number}",
                activity=c.activity,
                format=c.format,
                location=c.location,
                country=c.country,
                place=ABROAD.get(c.country or "", c.country) if abroad else rng.choice(PLACES),
                provider=PROVIDER_ABROAD if abroad else rng.choice(PROVIDERS[c.activity]),
                lead=c.lead,
                topics=(c.topic,),
                content=c.content,
                cost=c.cost,
                target=c.target,
            )
        )
        for pid in c.learners:
            draw = rng.random()
            outcome = (
                Outcome.WITHDRAWN
                if draw < 0.03
                else Outcome.FAILED
                if draw < 0.05
                else Outcome.COMPLETED
            )
            attendances.append(Attendance(pid, c.id, outcome))
    persons = tuple(p for p in draft.persons.values() if p.id not in draft.dropped)
    return Records(persons, courses, attendances, draft.spending)


@lru_cache(maxsize=4)
def _example(
    scheme: Scheme, seed: int, as_of: dt.date | None, scale: float
) -> tuple[Records, tuple[PlantedViolation, ...]]:
    if not (isinstance(scale, (int, float)) and 0 < scale < math.inf):
        raise ValueError(f"'scale' must be a positive number such as 0.1 or 1.0 (got {scale!r})")
    # records follow the targets as measured: parts with what they inherit
    return _build(Draft(scheme.resolved(), seed, as_of, float(scale)))


def example_records(
    scheme: Scheme, *, seed: int = 0, as_of: dt.date | None = None, scale: float = 1.0
) -> Records:
    """Synthetic records (*dữ liệu mẫu*) that follow a scheme's targets and rules.

    The same ``scheme``, ``seed``, ``as_of`` and ``scale`` always give the same records;
    nothing reads the clock or the global random generator. Courses fall inside the
    scheme's period, up to ``as_of`` when given, otherwise through two thirds of it.
    Some targets come out on track and some behind (about 50-90 % of the figure due by
    then); a share is drawn afresh for each year around its figure, and some units send
    a bigger share of their people than others. Payments are made only for budget lines
    and money targets. ``scale`` multiplies every amount (0.1 for a quick look). Every
    person is tagged ``synthetic`` (so :attr:`Records.synthetic` is true, read back from
    CSV files too) and every id starts with ``vd-``. A few rule violations are planted
    on purpose: :func:`example_violations` lists them.

    Raises:
        ValueError: ``scale`` is not a positive number.
    """
    day = None if as_of is None else to_date(as_of)
    return _example(scheme, seed, day, scale)[0]


def example_violations(
    scheme: Scheme, *, seed: int = 0, as_of: dt.date | None = None, scale: float = 1.0
) -> tuple[PlantedViolation, ...]:
    """The rule violations planted in :func:`example_records` with the same arguments.

    One per rule of the scheme that the data can break: a person over an age limit on a
    course the limit applies to, a person on two courses at once, the same content taken
    twice, a course bigger (or smaller) than its allowed size.
    """
    day = None if as_of is None else to_date(as_of)
    return _example(scheme, seed, day, scale)[1]
