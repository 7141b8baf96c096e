"""Assignments (*giao chỉ tiêu*): a target's figure split over units, years, or both.

A province's plan gives each department its share of a target ("Sở Y tế: 120 lượt"), and
a yearly plan gives each year its share ("năm 2024: 12.000 lượt"). Each share is an
:class:`Assignment` on the target; :func:`dtbd.audit` adds them up against the target
as it does a "trong đó".

>>> from dtbd import Figure
>>> Assignment(Figure.parse("120 lượt"), unit="so-y-te", year=2024)
Assignment(figure=Figure(...), unit='so-y-te', year=2024, note=None)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from dtbd._limits import FIRST_DATE, LAST_DATE
from dtbd.figures._figure import Figure
from dtbd.figures._units import Unit
from dtbd.model._units import UnitId, check_unit_id

__all__ = ["Assignment", "assignment_problems"]


def _unit(_instance: object, _a: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_unit_id(value, "unit")


def _year(instance: Assignment, _a: attrs.Attribute[Any], year: int | None) -> None:
    if year is not None and (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not FIRST_DATE.year <= year <= LAST_DATE.year
    ):
        raise ValueError(
            f"an assignment's 'year' must be a year from {FIRST_DATE.year} to "
            f"{LAST_DATE.year}, written as a whole number (got {year!r})"
        )
    if year is None and instance.unit is None:
        raise ValueError(
            "an assignment gives a share to a 'unit', a 'year' or a unit in a year: "
            "give at least one of them"
        )


def _figure(_instance: object, _a: attrs.Attribute[Any], figure: object) -> None:
    if not isinstance(figure, Figure):
        raise TypeError(
            f"an assignment's 'figure' must be a dtbd.Figure (got {type(figure).__name__}); "
            "write it as a phrase such as '120 lượt'"
        )


@attrs.frozen
class Assignment:
    """A share of a target given (*giao*) to a unit, to a year, or to a unit in a year.

    ``unit`` is the id of a unit of organisation (:class:`~dtbd.OrgUnit`), as the
    scheme's unit tree has it; ``year`` a calendar year of the target's window. The
    figure is in the target's unit.
    """

    figure: Figure = attrs.field(validator=_figure)
    unit: UnitId | None = attrs.field(default=None, validator=_unit)
    year: int | None = attrs.field(default=None, validator=_year)
    note: str | None = None

    @property
    def key(self) -> tuple[UnitId | None, int | None]:
        """What the share is given to: ``(unit, year)``, either may be ``None``."""
        return (self.unit, self.year)


def _named(assignment: Assignment) -> str:
    parts = []
    if assignment.unit is not None:
        parts.append(f"unit {assignment.unit!r}")
    if assignment.year is not None:
        parts.append(f"year {assignment.year}")
    return " in ".join(parts)


def assignment_problems(unit: Unit, assigned: Sequence[Assignment]) -> list[str]:
    """Why ``assigned`` cannot be the shares of a target in ``unit``: one line each.

    Each share is in the target's unit, and no unit, year or unit in a year has two.
    """
    problems: list[str] = []
    seen: set[tuple[UnitId | None, int | None]] = set()
    for index, assignment in enumerate(assigned):
        if not isinstance(assignment, Assignment):
            kind = type(assignment).__name__
            problems.append(f"assigned[{index}] is a {kind}, not a dtbd.Assignment")
            continue
        if assignment.figure.unit is not unit:
            problems.append(
                f"assigned[{index}] ({_named(assignment)}) is in {assignment.figure.unit.value}"
                f" but the target counts {unit.value}; write the share in {unit.value}"
            )
        if assignment.key in seen:
            problems.append(
                f"assigned[{index}] gives {_named(assignment)} a second share; "
                "merge the two into one"
            )
        seen.add(assignment.key)
    return problems
