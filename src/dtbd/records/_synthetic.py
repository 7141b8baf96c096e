"""The mark of synthetic example records: the tag ``synthetic`` on every invented person.

The mark lives in the data, in the persons table's ``tags`` column, so it survives
whatever carries the table: CSV files written and read back, a workbook saved from Excel,
dataframes. A data set with even one marked person is synthetic, because example rows
must never be taken for, or mixed into, what an agency did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd.model._people import Person

__all__ = ["SYNTHETIC_TAG", "marked_synthetic"]

SYNTHETIC_TAG = "synthetic"
"""The tag every example person carries, so synthetic rows are never taken for real."""


def marked_synthetic(persons: Iterable[Person]) -> bool:
    """Whether any of ``persons`` carries :data:`SYNTHETIC_TAG`."""
    return any(SYNTHETIC_TAG in person.tags for person in persons)
