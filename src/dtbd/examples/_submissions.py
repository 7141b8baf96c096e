"""Synthetic units' reports for a scheme, with two planted mistakes the validation finds.

:func:`example_submissions` invents three reporting units (``bao-cao-1`` … ``bao-cao-3``,
none of them a unit of :func:`dtbd.example_records`' persons, so nothing is set aside)
and, for each year of the scheme's period and each activity its targets count, a total
row and an "of which women" row. Two rows are wrong on purpose: one reports fewer lượt
than người, one more women than its total (docs/submissions.md).
"""

from __future__ import annotations

import random

from dtbd.measures._measure import Side, compile_scheme
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._submission import SubmissionRow

__all__ = ["EXAMPLE_REPORTING_UNITS", "example_submissions"]

EXAMPLE_REPORTING_UNITS = ("bao-cao-1", "bao-cao-2", "bao-cao-3")
"""The invented units that report figures instead of learners."""


def _activities(scheme: Scheme) -> list[str]:
    found = {
        str(value)
        for m in compile_scheme(scheme)
        for f in m.filters
        if f.side is Side.COURSE and f.field == "activity"
        for value in f.values
    }
    return sorted(found) or ["fostering"]


def example_submissions(scheme: Scheme, *, seed: int = 0) -> tuple[SubmissionRow, ...]:
    """Report rows of three invented units for every year of ``scheme``'s period.

    Each row's period is the part of its calendar year inside the scheme's period, so
    that it is dated inside the targets' windows. The same scheme and seed give the same
    rows. The first unit's first row has fewer lượt than người and the second unit's
    last "of which women" row is above its total: ``validate_submissions`` names both.
    """
    rng = random.Random(seed)  # noqa: S311  -- reproducible sample data, not secrets
    rows: list[SubmissionRow] = []
    years = [p for y in scheme.period.years if (p := scheme.period.year(y)) is not None]
    for unit in EXAMPLE_REPORTING_UNITS:
        for part in years:
            for activity in _activities(scheme):
                rows.extend(_line(unit, part, activity, rng))
    first = next(i for i, r in enumerate(rows) if r.unit == EXAMPLE_REPORTING_UNITS[0])
    wrong = rows[first]
    rows[first] = SubmissionRow(
        wrong.unit, start=wrong.start, end=wrong.end, activity=wrong.activity,
        attendances=wrong.persons, persons=(wrong.persons or 0) + 7,
        courses=wrong.courses, cost=wrong.cost,
    )  # fmt: skip
    last = max(i for i, r in enumerate(rows) if r.unit == EXAMPLE_REPORTING_UNITS[1])
    women, total = rows[last], rows[last - 1]
    rows[last] = SubmissionRow(
        women.unit, start=women.start, end=women.end, activity=women.activity,
        gender="female", attendances=(total.attendances or 0) + 5, persons=women.persons,
    )  # fmt: skip
    return tuple(rows)


def _line(unit: str, part: Period, activity: str, rng: random.Random) -> list[SubmissionRow]:
    persons = rng.randint(20, 120)
    attendances = persons + rng.randint(0, persons // 2)
    women = rng.randint(persons // 3, persons * 2 // 3)
    courses = rng.randint(1, 6)
    cost = courses * rng.randint(20, 90) * 1_000_000
    start, end = part.start, part.end
    return [
        SubmissionRow(unit, start=start, end=end, activity=activity, attendances=attendances,
                      persons=persons, courses=courses, cost=cost),
        SubmissionRow(unit, start=start, end=end, activity=activity, gender="female",
                      attendances=women + women // 4, persons=women),
    ]  # fmt: skip
