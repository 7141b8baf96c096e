"""A unit's share of a target (*chỉ tiêu được giao*) and its progress against it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from dtbd.figures._figure import Figure
from dtbd.model._units import UnitId
from dtbd.results._dict import results_dict
from dtbd.results._progress import Progress, Status

__all__ = ["UnitShare"]


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
            "progress": self.progress.to_dict(),
        }
