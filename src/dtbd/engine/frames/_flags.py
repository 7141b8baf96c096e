"""Filter flag columns: each distinct predicate computed once, on its own table.

Person and course predicates run over the persons and courses tables (far fewer rows
than attendances) and join as booleans; birth years and ages at a fixed date are person
flags too, and only an age read at each course's start needs the joined row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import narwhals.stable.v2 as nw

from dtbd.engine.frames._exprs import conjunction, day_column, predicate, younger_at
from dtbd.measures._measure import Filter, Op, Side

__all__ = ["Flags"]


class Flags:
    """The flag columns of one run, per table side, registered on first use."""

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        # The date columns an age per row reads as day numbers (on each one's own table).
        self.day_columns: set[str] = set()
        self.flag_names: dict[tuple[Filter, object], str] = {}
        self.flag_exprs: dict[Side, dict[str, Any]] = {side: {} for side in Side}

    def flag(self, flt: Filter, on: dt.date | str) -> Any:  # noqa: ANN401
        """A filter as a column of its own table, computed once before the join."""
        if flt.per_row and isinstance(on, str):
            self.day_columns |= {flt.column, on}
            aged = younger_at(
                nw.col(day_column(flt.column)),
                int(flt.values[0]),
                nw.col(day_column(on)),
                older=flt.op is Op.AT_LEAST_AGE,
            )
            return aged.fill_null(value=False)
        return nw.col(self.flag_name(flt, on))

    def flag_name(self, flt: Filter, on: dt.date | str) -> str:
        """The name of a filter's flag column, registered on first use.

        ``on`` matters only to an age read at no fixed date of its own (a population's
        reference date then); birth years and ages at ``Filter.on`` are one person flag.
        """
        key = (flt, on if flt.per_row else None)
        name = self.flag_names.get(key)
        if name is None:
            name = self.flag_names[key] = f"f{len(self.flag_names)}"
            self.flag_exprs[flt.side][name] = predicate(flt, on)
        return name

    def flagged(self, filters: Iterable[Filter], on: dt.date | str) -> Any:  # noqa: ANN401
        """The conjunction of ``filters`` as flag columns."""
        return conjunction([self.flag(flt, on) for flt in filters])

    def split(self, filters: Iterable[Filter]) -> tuple[tuple[Filter, ...], tuple[str, ...]]:
        """``filters`` split into those read per row and the person flag columns.

        A person's flags are the same on all their rows, so a distinct count needs only
        the row part inside the per-person group; the person part is applied after.
        """
        per_row, person = [], []
        for flt in filters:
            if flt.side is Side.PERSON and not flt.per_row:
                person.append(self.flag_name(flt, self.as_of))
            else:
                per_row.append(flt)
        return tuple(per_row), tuple(person)
