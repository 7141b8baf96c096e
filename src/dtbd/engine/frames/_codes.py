"""Person codes: a person's filter flags packed into a few integer columns.

A scheme of a hundred targets reads dozens of person flags (each category, unit, level
…). Carried through the join as booleans they are dozens of columns gathered for every
attendance row; packed into integers they are one or two, and attendances sharing a code
can be summed as one group before any target's condition is read. A flag is read back
with integer arithmetic, which every engine has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import narwhals.stable.v2 as nw

__all__ = ["BITS", "WIDE_BITS", "PersonCodes"]

# Bits per code column: 62 where integers stay integers (polars, DuckDB), 48 elsewhere,
# because pandas turns an integer column with a missing value (a person not in the
# roster) into float64, which is exact only below 2**53.
WIDE_BITS = 62
BITS = 48


class PersonCodes:
    """Where each person flag lives: which code column, which bit."""

    def __init__(
        self,
        flags: Sequence[str],
        *,
        bits: int = BITS,
        modulo: bool = False,
        bitwise: bool = False,
        prefix: str = "person_code",
    ) -> None:
        self.bits = {name: (f"{prefix}{i // bits}", i % bits) for i, name in enumerate(flags)}
        self.columns = sorted({column for column, _ in self.bits.values()})
        # Whether the engine has ``%`` on integers (pyarrow-backed pandas has not).
        self.modulo = modulo
        # Whether ``&`` of two integers is their bitwise and (polars); DuckDB's, through
        # narwhals, is a logical AND.
        self.bitwise = bitwise

    def encode(self) -> dict[str, Any]:
        """The code columns, computed from the flag columns on the persons table.

        The flags are predicates already false where null (``_exprs.predicate``).
        """
        parts: dict[str, list[Any]] = {column: [] for column in self.columns}
        for name, (column, bit) in self.bits.items():
            parts[column].append(nw.col(name).cast(nw.Int64()) * (1 << bit))
        return {column: nw.sum_horizontal(*terms) for column, terms in parts.items()}

    def filled(self) -> dict[str, Any]:
        """The code columns of joined rows with no person's code (none found) set to 0.

        No flag is set in 0, so :meth:`flag` reads such a row as no person filter's.
        """
        return {column: nw.col(column).fill_null(0) for column in self.columns}

    def constant(self) -> dict[str, Any]:
        """Code columns of no flag set (no roster to read flags from)."""
        return {column: nw.lit(0, dtype=nw.Int64()) for column in self.columns}

    def flag(self, name: str) -> Any:  # noqa: ANN401  -- a narwhals expression
        """Whether the flag ``name`` is set in a row's code (never null: see :meth:`filled`)."""
        column, bit = self.bits[name]
        code = nw.col(column)
        if self.bitwise:
            # One and and one comparison: 24 flags of 5 million rows read in 0.05 s, where
            # the floor division and the remainder took 0.35 s.
            return (code & (1 << bit)) != 0
        if self.modulo:
            return code // (1 << bit) % 2 == 1
        # The bit as a difference of two floor divisions: pyarrow-backed pandas has no mod.
        return code // (1 << bit) - (code // (1 << (bit + 1))) * 2 == 1

    def flags(self) -> dict[str, Any]:
        """Every flag read back from the codes, by name."""
        return {name: self.flag(name) for name in self.bits}

    def all_set(self, names: Sequence[str]) -> list[Any]:
        """The flags ``names`` read from the codes."""
        return [self.flag(name) for name in names]
