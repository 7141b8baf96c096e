"""What a part inherits from its parent: window, cadence, scope, population and basis.

A part ("trong đó …") says only how it differs from its parent. Resolving a scheme's
targets writes out what each one counts in full: a part with no window takes its parent's
resolved window (cadence included); a part's open window ends are its parent's ends; each
scope field a part leaves empty is its parent's, and one it sets must narrow the parent's
(a subset of its values, the same single value, a lower age limit, a higher lowest age,
a later first or an earlier last birth year, ages read on the same date). Every window comes out
closed, its open ends taken from the scheme's period. :meth:`dtbd.Scheme.resolved` and
:meth:`dtbd.Scheme.effective` are the front doors; every consumer (measures, progress,
the audit, the command line) reads targets through them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from dtbd._codes import SchemeProblem
from dtbd._errors import DtbdError
from dtbd.model._period import Period
from dtbd.model._scope import Scope
from dtbd.model._target import Count, ShareBasis, Target, Window

__all__ = ["PartsError", "resolve_targets"]


class PartsError(DtbdError, ValueError):
    """Targets that cannot be measured as written: parts that contradict their parents.

    Attributes:
        problems: ``(top, path, message)`` for each mistake: the index of the top-level
            target in the scheme, the path inside it (``parts[1].window``, or ``""`` for
            the top-level target itself) and what to change.
    """

    code = "scheme.parts"
    problems: tuple[tuple[int, str, str], ...]  # type: ignore[assignment]  # kept as before codes

    def __init__(self, problems: Sequence[tuple[int, str, str]]) -> None:
        self.problems = tuple(problems)
        lines = [f"targets[{top}]{_dotted(path)}: {message}" for top, path, message in problems]
        super().__init__("\n".join(lines))

    def readable(self) -> tuple[SchemeProblem, ...]:
        """Each mistake as a problem with its code, at ``targets[top].path``."""
        return tuple(
            SchemeProblem(self.code, f"{where}: {message}", path=where)
            for where, message in (
                (f"targets[{top}]{_dotted(path)}", message) for top, path, message in self.problems
            )
        )


def _dotted(path: str) -> str:
    return f".{path}" if path else ""


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _span(window: Window) -> str:
    return f"{window.start} to {window.end}"


@attrs.define
class _Resolver:
    period: Period
    top: int = 0
    problems: list[tuple[int, str, str]] = attrs.Factory(list)

    def problem(self, path: str, message: str) -> None:
        self.problems.append((self.top, path, message))

    def target(self, target: Target, parent: Target | None, path: str) -> Target:
        """``target`` with what it inherits written out, its parts resolved below it."""
        window = self.window(target, parent, path)
        scope = target.scope
        population = target.population
        basis = target.basis
        if parent is not None:
            scope = self.scope(parent.scope, target.scope, _join(path, "scope"), target, parent)
            if target.population is None:
                population = parent.population
            elif parent.population is not None:
                where = _join(path, "population")
                population = self.scope(
                    parent.population, target.population, where, target, parent
                )
            if parent.basis is ShareBasis.QUALIFIED:
                basis = ShareBasis.QUALIFIED
        if (
            target.counts is Count.SHARE
            and basis is ShareBasis.QUALIFIED
            and not scope.qualifications
        ):
            self.problem(
                _join(path, "scope.qualifications"),
                f"target {target.id!r} is a share of qualified persons (basis = 'qualified') "
                "but names no qualification, so nobody could count; add the qualifications "
                "that count (scope.qualifications = ['thac-si']) or set basis = 'attended'",
            )
        resolved = attrs.evolve(
            target, window=window, scope=scope, population=population, basis=basis, parts=()
        )
        parts = tuple(
            self.target(part, resolved, _join(path, f"parts[{index}]"))
            for index, part in enumerate(target.parts)
        )
        return attrs.evolve(resolved, parts=parts) if parts else resolved

    def window(self, target: Target, parent: Target | None, path: str) -> Window:
        """The target's window, closed: open ends from its parent's, else the period's."""
        own = target.window
        if parent is None:
            start, end = own.start or self.period.start, own.end or self.period.end
            if end < start:
                self.problem(
                    _join(path, "window"),
                    f"target {target.id!r} has an open window that would run from {start} to "
                    f"{end}, backwards, because the scheme's period is {self.period.start} to "
                    f"{self.period.end}; give the window both its 'start' and its 'end'",
                )
                end = start
            return Window(own.cadence, start, end)
        outer = parent.window
        if own == Window():
            return outer
        if outer.start is None or outer.end is None:  # a parent is resolved before its parts
            raise AssertionError(f"parent {parent.id!r} was not resolved")
        start, end = own.start or outer.start, own.end or outer.end
        if start < outer.start or end > outer.end or end < start:
            self.problem(
                _join(path, "window"),
                f"part {target.id!r} runs from {start} to {end}, outside its parent "
                f"{parent.id!r} ({_span(outer)}); narrow the part's window to lie within its "
                "parent's, or leave 'window' out to take the parent's",
            )
            return outer
        return Window(own.cadence, start, end)

    def scope(self, outer: Scope, inner: Scope, path: str, part: Target, parent: Target) -> Scope:
        """The part's scope field by field: the parent's where empty, narrowed where set."""
        merged: dict[str, Any] = {}
        for field in attrs.fields(Scope):
            mine, theirs = getattr(inner, field.name), getattr(outer, field.name)
            merged[field.name] = mine if mine not in ((), None) else theirs
            if mine in ((), None) or theirs in ((), None):
                continue
            if isinstance(mine, tuple):
                outside = [v for v in mine if v not in theirs]
                narrows = not outside
                said = ", ".join(_text(v) for v in outside)
            elif field.name in _AT_MOST:
                narrows, said = mine <= theirs, str(mine)
            elif field.name in _AT_LEAST:
                narrows, said = mine >= theirs, str(mine)
            else:
                narrows, said = mine == theirs, _text(mine)
            if not narrows:
                allowed = ", ".join(_text(v) for v in _items(theirs))
                self.problem(
                    _join(path, field.name),
                    f"part {part.id!r} names {said}, outside its parent {parent.id!r} "
                    f"({field.name} {allowed}); a part can only narrow its parent's "
                    f"{field.name}: name some of the parent's, or leave it out to take them",
                )
        ages = outer.under_age is not None or outer.from_age is not None
        if inner.age_on is not None and outer.age_on is None and ages:
            self.problem(
                _join(path, "age_on"),
                f"part {part.id!r} reads ages on {inner.age_on.isoformat()}, but its parent "
                f"{parent.id!r} reads its ages at each course's start; give the parent the "
                "same 'age_on', or leave 'age_on' out of the part",
            )
            merged["age_on"] = None
        try:
            return Scope(**merged)
        except (TypeError, ValueError) as error:
            self.problem(
                path,
                f"part {part.id!r} within its parent {parent.id!r} lets nobody through: {error}",
            )
            return outer


_AT_MOST = frozenset({"under_age", "born_until"})
"""Scope fields a part narrows by naming a number no greater than its parent's."""
_AT_LEAST = frozenset({"from_age", "born_from"})
"""Scope fields a part narrows by naming a number no smaller than its parent's."""


def _items(value: object) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else (value,)


def _text(value: object) -> str:
    return repr(getattr(value, "value", value))


def resolve_targets(targets: Sequence[Target], period: Period) -> tuple[Target, ...]:
    """The targets with every inherited window, scope, population and basis written out.

    Raises:
        PartsError: a part's window lies outside its parent's, a part's scope contradicts
            its parent's, or a share of qualified persons names no qualification; every
            such mistake is listed with its path.
    """
    resolver = _Resolver(period)
    resolved = []
    for index, target in enumerate(targets):
        resolver.top = index
        resolved.append(resolver.target(target, None, ""))
    if resolver.problems:
        raise PartsError(resolver.problems)
    return tuple(resolved)
