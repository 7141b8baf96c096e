"""A scheme measured per group: per unit rolled up the tree, per gender, per age band.

By unit, each unit's share of a target (*chỉ tiêu được giao*) is measured too: a
:class:`UnitShare`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

import attrs

from dtbd.figures._figure import Figure
from dtbd.model._units import UnitId
from dtbd.results._dict import results_dict
from dtbd.results._evaluation import Evaluation
from dtbd.results._finding import Finding
from dtbd.results._progress import Progress, Status

__all__ = ["Breakdown", "BreakdownGroup", "UnitShare"]


@attrs.frozen(repr=False)
class UnitShare:
    """What a unit was assigned of one target, what it achieved, and where it stands.

    ``progress`` is the target's :class:`~dtbd.Progress` with the share's figure (and,
    for a share of one year, that year's part of the window): the same pace method and
    status words as the whole target's. A unit with a share and no records has 0
    achieved, not nothing.
    """

    target_id: str
    unit: UnitId | None
    """``None`` for a share of a year given to nobody in particular (the whole)."""
    year: int | None
    figure: Figure
    progress: Progress
    carried_from: tuple[UnitId, ...] = ()
    """The ended units whose shares this one holds, added to the unit's own (a commune of
    2024 merged into this one); ``()`` for a share given to the unit itself."""

    @property
    def achieved(self) -> Decimal | None:
        """What the unit achieved towards its share (its year's own, for a year's share)."""
        return self.progress.achieved

    @property
    def status(self) -> Status:
        """The share's status, in the words of :class:`~dtbd.Status`."""
        return self.progress.status

    def __repr__(self) -> str:
        year = "" if self.year is None else f" in {self.year}"
        return (
            f"<UnitShare {self.target_id} of {self.unit!r}{year}: {self.status.value}, "
            f"achieved {self.achieved} of {self.figure.format('en')}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The share as plain data: ``target_id``, ``unit``, ``year``, ``figure``, numbers.

        ``achieved`` and ``status`` are the progress's; ``progress`` is it in full.
        """
        return {
            "target_id": self.target_id,
            "unit": self.unit,
            "year": self.year,
            "figure": results_dict(self.figure),
            "achieved": None if self.achieved is None else str(self.achieved),
            "status": self.status.value,
            "carried_from": list(self.carried_from),
            "progress": self.progress.to_dict(),
        }


@attrs.frozen(repr=False)
class BreakdownGroup:
    """One group of a breakdown and the scheme's evaluation over its records.

    ``key`` is the group's value: a unit id, a category's value (``"female"``), an age
    band (``"to-40"``), a year; ``None`` is the group of records whose value is unknown
    (a person without a gender, a unit the tree lacks). For a breakdown by unit,
    ``name``, ``level``, ``parent`` and ``depth`` place the unit in the tree, and the
    evaluation is of the unit's whole subtree (rolled up), and ``shares`` the unit's
    progress against what the scheme assigns it (:class:`UnitShare`), in tree order of
    the targets.
    """

    key: str | int | None
    evaluation: Evaluation
    name: str | None = None
    level: str | None = None
    parent: UnitId | None = None
    depth: int = 0
    shares: tuple[UnitShare, ...] = ()

    def share(self, target_id: str, year: int | None = None) -> UnitShare:
        """The unit's share of ``target_id`` (of ``year``, for a share of one year).

        Raises:
            KeyError: the scheme assigns this unit no such share; the message lists those
                it has.
        """
        for share in self.shares:
            if share.target_id == target_id and share.year == year:
                return share
        year_text = "" if year is None else f" in {year}"
        known = ", ".join(
            s.target_id if s.year is None else f"{s.target_id} in {s.year}" for s in self.shares
        )
        raise KeyError(
            f"no share of {target_id!r}{year_text} is assigned to {self.key!r}; "
            f"it has {known or 'none'}"
        )

    def __repr__(self) -> str:
        return f"<BreakdownGroup {self.key!r}: {len(self.evaluation.targets)} targets>"


@attrs.frozen(repr=False)
class Breakdown:
    """A scheme's evaluation over all records and over each group's records.

    ``total`` is :func:`dtbd.evaluate` over every record; each group is measured over
    its rows alone (docs/units.md, "Roll-ups and breakdowns", says which rows each group
    holds and which numbers add up to the total). ``on`` is the day the groups were read
    at: ages for ``by="age"``, the structure of the tree for ``by="unit"``. By unit,
    ``shares`` are the shares of a year given to no unit, measured over every record,
    and ``findings`` the shares no group shows (a unit the tree lacks or that was not in
    force on ``on``).
    """

    by: str
    on: dt.date
    total: Evaluation
    groups: tuple[BreakdownGroup, ...]
    shares: tuple[UnitShare, ...] = ()
    findings: tuple[Finding, ...] = ()

    def __repr__(self) -> str:
        return (
            f"<Breakdown of {self.total.scheme_id} by {self.by} as of "
            f"{self.total.as_of.isoformat()}: {len(self.groups)} groups>"
        )

    def __getitem__(self, key: str | int | None) -> BreakdownGroup:
        """The group with the key ``key`` (``None``: the unknown group)."""
        for group in self.groups:
            if group.key == key and type(group.key) is type(key):
                return group
        known = ", ".join(repr(g.key) for g in self.groups)
        raise KeyError(f"no group {key!r} in this breakdown by {self.by}; there are {known}")

    def to_dict(self) -> dict[str, Any]:
        """The breakdown as plain dicts: ``by``, ``on``, ``total`` and ``groups``.

        Each group is ``{"key", "name", "level", "parent", "depth", "evaluation",
        "shares"}``, the evaluation as :meth:`Evaluation.to_dict` writes it and each
        share as :meth:`UnitShare.to_dict`; ``shares`` and ``findings`` at the top are
        the breakdown's own.
        """
        return {
            "scheme_id": self.total.scheme_id,
            "as_of": self.total.as_of.isoformat(),
            "by": self.by,
            "on": self.on.isoformat(),
            "total": self.total.to_dict(),
            "groups": [
                {
                    "key": g.key,
                    "name": g.name,
                    "level": g.level,
                    "parent": g.parent,
                    "depth": g.depth,
                    "evaluation": g.evaluation.to_dict(),
                    "shares": [s.to_dict() for s in g.shares],
                }
                for g in self.groups
            ],
            "shares": [s.to_dict() for s in self.shares],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A row per target × group × year (and a row per target × group for the window).

        The total is the group ``"total"``; ``year`` is empty on a window's row.
        """
        from dtbd.display._breakdown import breakdown_frame  # noqa: PLC0415  -- display loads on use

        return breakdown_frame(self, backend)

    def to_markdown(self, locale: str = "vi") -> str:
        """The breakdown as Markdown tables: each group's numbers, then each unit's share."""
        from dtbd.display._rollup import breakdown_markdown  # noqa: PLC0415  -- display loads on use

        return breakdown_markdown(self, locale)

    def to_html(self, locale: str = "vi") -> str:
        """The breakdown as HTML tables (escaped; numbers as every dtbd table rounds them)."""
        from dtbd.display._rollup import breakdown_html  # noqa: PLC0415  -- display loads on use

        return breakdown_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()
