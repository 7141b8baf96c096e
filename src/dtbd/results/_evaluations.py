"""Several schemes measured together over the same records: an evaluation per scheme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

from dtbd.engine._tallies import RecordSummary
from dtbd.results._dict import results_dict
from dtbd.results._evaluation import Evaluation

__all__ = ["Evaluations"]


@attrs.frozen(repr=False, eq=True)
class Evaluations(Mapping[str, Evaluation]):
    """The evaluations of several schemes as of one date, by scheme id, in the order given.

    A read-only mapping: ``evaluations["qd-1641-2022"]`` is that scheme's
    :class:`Evaluation`, with the numbers ``evaluate`` gives it alone. ``records`` is
    what became of the rows in the one pass over them: a row is counted when a target of
    any of the schemes counted it, unmatched when none did; each evaluation carries the
    same summary (docs/schemes.md).
    """

    as_of: dt.date
    evaluations: dict[str, Evaluation]
    records: RecordSummary

    def __getitem__(self, scheme_id: str) -> Evaluation:
        """The evaluation of the scheme ``scheme_id``."""
        try:
            return self.evaluations[scheme_id]
        except KeyError:
            known = ", ".join(self.evaluations)
            raise KeyError(f"no scheme {scheme_id!r} was evaluated; there are {known}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.evaluations)

    def __len__(self) -> int:
        return len(self.evaluations)

    def __repr__(self) -> str:
        schemes = ", ".join(f"{k} ({len(e.targets)} targets)" for k, e in self.items())
        return f"<Evaluations as of {self.as_of.isoformat()}: {schemes}>"

    def __str__(self) -> str:
        """Each scheme's summary for ``print``, one after the other."""
        return "\n\n".join(str(e) for e in self.values())

    def to_dict(self) -> dict[str, Any]:
        """``{as_of, schemes: {id: evaluation dict}, records}`` (docs/schemes.md)."""
        return {
            "as_of": self.as_of.isoformat(),
            "schemes": {k: e.to_dict() for k, e in self.items()},
            "records": results_dict(self.records),
        }

    def to_html(self, locale: str = "vi") -> str:
        """Each scheme's table, one after the other (escaped; numbers through babel)."""
        return "\n".join(e.to_html(locale) for e in self.values())

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """One frame of every scheme's rows: a ``scheme_id`` column, then an evaluation's."""
        from dtbd.display._frames import evaluations_frame  # noqa: PLC0415  -- display loads on use

        return evaluations_frame(self, backend)
