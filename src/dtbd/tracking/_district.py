"""The district level after it ended: records a district target counts past 30/6/2025.

Two-level local government began on 1 July 2025
(:data:`~dtbd.model._categories.DISTRICT_LEVEL_ENDS`).
A plan written before keeps its district targets, and its text decides what becomes of
them, so such records still count; but a course at district level that starts after
the level ended is worth a look, and the evaluation says so, target by target, with how
many attendances it counted that way.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence

import attrs

from dtbd.engine._tallies import Tallies
from dtbd.figures._figure import Figure
from dtbd.figures._format import format_date, format_number
from dtbd.figures._units import Unit
from dtbd.measures._measure import Buckets, Filter, Measure, Op, Side
from dtbd.model._categories import DISTRICT_LEVEL_ENDS, Level
from dtbd.model._period import Period
from dtbd.model._target import Count, Target
from dtbd.results._finding import Finding, Severity
from dtbd.words import say_each

__all__ = ["CODE", "district_findings", "district_measures"]

CODE = "district-level-ended"
"""The code of the finding."""

# Shares read a roster at a date and spending has no learner: neither counts attendances.
_COUNTED = frozenset({Count.ATTENDANCES, Count.PERSONS, Count.COURSES, Count.STUDY_DAYS})
_LEVEL = Filter(Side.PERSON, "level", Op.IN, (Level.DISTRICT.value,))


def _after_district(target: Target, measure: Measure, as_of: dt.date) -> Measure | None:
    """The attendances at district level, after the level ended, that ``measure`` counts."""
    first = DISTRICT_LEVEL_ENDS + dt.timedelta(days=1)
    if (
        target.counts not in _COUNTED
        or Level.DISTRICT not in target.scope.levels
        or measure.window.end < first
        or as_of < first
    ):
        return None
    filters = tuple(f for f in measure.filters if (f.side, f.field) != (Side.PERSON, "level"))
    return attrs.evolve(
        measure,
        target_id=f"{target.id}#district",
        count=Count.ATTENDANCES,
        unit=Unit.ATTENDANCE,
        window=Period(max(measure.window.start, first), measure.window.end),
        buckets=Buckets.TOTAL,
        filters=(*filters, _LEVEL),
        share=None,
        budget_lines=(),
        course_size=None,
    )


def district_measures(
    targets: Sequence[Target], measures: Mapping[str, Measure], as_of: dt.date
) -> dict[str, Measure]:
    """The measures of the district check, by the id of the target each one looks at.

    ``targets`` are resolved (a part's inherited levels included); ``measures`` are
    theirs, by target id. Only targets that name the district level and reach past the
    date get one; none do for most schemes. Each counts a subset of its target's rows
    inside its target's window, so running them with the scheme's own measures leaves
    the records' bookkeeping (counted, outside the windows) as it was: one run serves
    both.
    """
    return {
        target.id: found
        for target in targets
        if (found := _after_district(target, measures[target.id], as_of)) is not None
    }


def district_findings(asked: Mapping[str, Measure], tallies: Tallies) -> tuple[Finding, ...]:
    """A warning for each target that counts district-level courses begun after 30/6/2025.

    ``asked`` are :func:`district_measures`' measures, ``tallies`` a run that included
    them.
    """
    findings = []
    for target_id, measure in asked.items():
        count = tallies[measure.target_id].total.numerator
        if count <= 0:
            continue
        vi, en = say_each(
            f"finding.{CODE}",
            target=target_id,
            count=functools.partial(format_number, count),
            ended=functools.partial(format_date, DISTRICT_LEVEL_ENDS),
        )
        findings.append(
            Finding(
                code=CODE,
                severity=Severity.WARNING,
                targets=(target_id,),
                computed=Figure.exact(count, Unit.ATTENDANCE),
                message_vi=vi,
                message_en=en,
            )
        )
    return tuple(findings)
