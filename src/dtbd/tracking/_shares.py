"""Each unit's progress against its share of a target (*tiến độ theo chỉ tiêu được giao*).

A unit's share is measured over the same rows as the unit's group of a breakdown by unit
(its subtree), by the same pace and status as the whole target
(:func:`~dtbd.tracking._build.build_progress`), with the share's figure in place of the
target's and, for a share of one year, that year's part of the window. A share has no
baseline of its own: the target's baseline is the whole's, not a unit's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from dtbd.engine._tallies import Amount, Tally
from dtbd.figures._figure import Figure
from dtbd.figures._format import format_date
from dtbd.figures._units import Unit
from dtbd.measures._measure import compile_measure
from dtbd.model._assigned import Assignment
from dtbd.model._period import Period
from dtbd.model._scheme import Scheme
from dtbd.model._target import Cadence, Count, Target, Window
from dtbd.model._units import UnitId, UnitTree
from dtbd.results._breakdown import Breakdown, UnitShare
from dtbd.results._evaluation import Evaluation
from dtbd.results._finding import Finding, Severity
from dtbd.results._progress import Progress, Status
from dtbd.tracking._build import build_progress
from dtbd.words import say_each

__all__ = ["assigned_shares", "share_progress", "with_shares"]


def _measured(p: Progress) -> bool:
    """Whether the records held rows of the kind ``p``'s target counts (its tally had data)."""
    return p.status is not Status.UNABLE_TO_ASSESS or bool(p.numerator) or bool(p.denominator)


def _tally(p: Progress, share: Assignment, *, has_data: bool) -> Tally:
    years = tuple((y.year, Amount(y.numerator, y.denominator)) for y in p.yearly)
    if share.year is not None:
        amount = dict(years)[share.year]
        return Tally(p.target_id, amount, ((share.year, amount),), has_data, ())
    total = Amount(p.numerator, p.denominator)
    if p.cadence is Cadence.PER_YEAR and p.counts is not Count.SHARE:
        # the current period's numbers are one year's: the window's is every year's
        total = Amount(sum((a.numerator for _, a in years), Decimal(0)), None)
    return Tally(p.target_id, total, years, has_data, ())


def share_progress(  # noqa: PLR0913  -- a share, the unit's numbers and the whole's
    target: Target,
    share: Assignment,
    group: Progress,
    *,
    whole: Progress,
    period: Period,
    as_of: dt.date,
    carried_from: tuple[UnitId, ...] = (),
) -> UnitShare:
    """``group``'s progress (a unit's rows) against ``share``, paced as the whole target.

    ``target`` is as its scheme resolves it (:meth:`~dtbd.Scheme.effective`) and
    ``period`` the scheme's. ``whole`` is the target over every record: a unit with no
    rows of its own is at 0 of its share when the records hold rows of the kind the
    target counts. ``carried_from`` names the ended units whose shares ``share`` holds.
    """
    window = target.window
    if share.year is not None:
        part = group.window.year(share.year)
        assert part is not None  # noqa: S101  -- a scheme refuses a share outside its window
        window = Window(Cadence.TOTAL, part.start, part.end)
    shared = attrs.evolve(
        target, figure=share.figure, parts=(), assigned=(), baseline=None,
        course_size=None, window=window, breakdown=False,
    )  # fmt: skip
    measure = compile_measure(shared, period)
    tally = _tally(group, share, has_data=_measured(whole) or _measured(group))
    built = build_progress(shared, measure, tally, as_of)
    return UnitShare(
        group.target_id, share.unit, share.year, share.figure, built, carried_from
    )  # fmt: skip


def assigned_shares(scheme: Scheme) -> Iterator[tuple[str, Assignment]]:
    """Every share of every target of ``scheme``: (target id, share), in tree order."""
    for target in scheme.all_targets():
        for share in target.assigned:
            yield target.id, share


@attrs.frozen
class _Carry:
    """Where the shares to units not shown went: carried, or a finding saying why not."""

    shares: dict[tuple[str, UnitId | None, int | None], tuple[Assignment, tuple[UnitId, ...]]]
    """(target, unit, year) → the share measured there and the ended units it holds."""
    findings: list[Finding]


def _carry(
    scheme: Scheme, assigned: Sequence[tuple[str, Assignment]], result: Breakdown,
    units: UnitTree,
) -> _Carry:  # fmt: skip
    """Each share at the unit that stands for its unit on ``result.on``, or a finding."""
    resolved = scheme.resolved()
    # (type, id): the unit 1 and the unit "1" are two units
    shown = {(type(g.key), g.key) for g in result.groups if g.key is not None}
    found = _Carry({}, [])
    for target_id, share in assigned:
        target = resolved.target(target_id)
        unit = share.unit
        carried: tuple[UnitId, ...] = ()
        if unit is not None and (type(unit), unit) not in shown:
            if unit not in units:
                found.findings.append(_finding("assigned-unit-unknown", target, unit, result))
                continue
            heirs = [u.id for u in units.map_to(unit, result.on)]
            code = _not_carried(target, share.figure, heirs, shown)
            if code is not None:
                found.findings.append(_finding(code, target, unit, result, heirs))
                continue
            carried, unit = (unit,), heirs[0]
        key = (target_id, unit, share.year)
        if key in found.shares:
            before, held = found.shares[key]
            summed = attrs.evolve(before, figure=before.figure + share.figure)
            found.shares[key] = (summed, held + carried)
        else:
            found.shares[key] = (attrs.evolve(share, unit=unit), carried)
    return found


def _not_carried(
    target: Target, figure: Figure, heirs: Sequence[UnitId], shown: set[tuple[type, UnitId]]
) -> str | None:
    """Why a share to a unit not shown cannot be carried to its heir, or ``None``."""
    if len(heirs) > 1:
        return "share-unit-split"
    if not heirs or (type(heirs[0]), heirs[0]) not in shown:
        return "share-unit-not-shown"
    if target.counts is Count.SHARE or figure.unit is Unit.PERCENT:
        return "share-percent-not-carried"
    return None


_SEVERITY = {
    "assigned-unit-unknown": Severity.ERROR,
    "share-unit-not-shown": Severity.WARNING,
    "share-unit-split": Severity.WARNING,
    "share-percent-not-carried": Severity.WARNING,
}


def _finding(
    code: str, target: Target, unit: UnitId, result: Breakdown, heirs: Sequence[UnitId] = ()
) -> Finding:
    # the audit's words for a unit the tree lacks (dtbd.audit also says the other spelling)
    vi, en = say_each(
        f"finding.{code}",
        label=target.label,
        unit=unit,
        hint="",
        heirs=", ".join(map(str, heirs)),
        date=lambda locale: format_date(result.on, locale),
    )
    return Finding(
        code=code, severity=_SEVERITY[code], targets=(target.id,),
        expected=target.figure, message_vi=vi, message_en=en,
    )  # fmt: skip


def with_shares(scheme: Scheme, result: Breakdown, units: UnitTree, as_of: dt.date) -> Breakdown:
    """``result`` (by unit) with each group's shares, the shares of years, their findings.

    A share to a unit that merged into another is measured at that unit (:func:`_carry`).
    """
    assigned = list(assigned_shares(scheme))
    if not assigned:
        return result
    whole = result.total.targets
    resolved = scheme.resolved()
    carry = _carry(scheme, assigned, result, units)

    def measured(evaluation: Evaluation, unit: UnitId | None) -> tuple[UnitShare, ...]:
        return tuple(
            share_progress(
                resolved.target(target_id),
                share,
                evaluation[target_id],
                whole=whole[target_id],
                period=resolved.period,
                as_of=as_of,
                carried_from=held,
            )
            for (target_id, at, _year), (share, held) in carry.shares.items()
            if at == unit and type(at) is type(unit)
        )

    groups = tuple(
        g if g.key is None else attrs.evolve(g, shares=measured(g.evaluation, g.key))
        for g in result.groups
    )
    return attrs.evolve(
        result,
        groups=groups,
        shares=measured(result.total, None),
        findings=tuple(carry.findings),
    )
