"""Schemes (*Đề án*, *Kế hoạch*, *Chương trình*): the document that holds the targets."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from dtbd._validators import check_id, check_unique_ids, enum_value, non_empty_text, to_tuple
from dtbd.model._budget import Budget
from dtbd.model._inherit import resolve_targets
from dtbd.model._period import Period
from dtbd.model._rules import Rule
from dtbd.model._sources import Citation
from dtbd.model._target import Cadence, Target, short_label

__all__ = ["Scheme", "SchemeKind"]


def _as_scheme_kind(value: object) -> SchemeKind:
    return enum_value(SchemeKind, value)


class SchemeKind(enum.Enum):
    """The kind of document a scheme is."""

    SCHEME = "scheme"
    """*Đề án*."""
    PLAN = "plan"
    """*Kế hoạch*."""
    PROGRAMME = "programme"
    """*Chương trình*."""
    RESOLUTION = "resolution"
    """*Nghị quyết*."""


@attrs.frozen(repr=False)
class Scheme:
    """A scheme: its document, period, targets, budget and rules.

    Ids are unique across the whole scheme (targets and their parts, budget lines,
    rules), and every reference (a budget line's ``target``, a target's ``delivers``)
    names a target that exists. A part inherits its parent's window, cadence, scope,
    population and basis unless it says otherwise, and may only narrow them
    (:meth:`resolved`); a part that would reach outside its parent is refused.
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=non_empty_text)
    period: Period
    kind: SchemeKind = attrs.field(default=SchemeKind.SCHEME, converter=_as_scheme_kind)
    citation: Citation = attrs.Factory(Citation)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=to_tuple)
    budget: Budget | None = None
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=to_tuple)
    notes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        every = self.all_targets()
        check_unique_ids("target", (t.id for t in every))
        check_unique_ids("rule", (r.id for r in self.rules))
        ids = {t.id for t in every}
        for target in every:
            if target.delivers is not None and target.delivers not in ids:
                raise ValueError(
                    f"target {target.id!r} 'delivers' {target.delivers!r}, which is not a "
                    f"target of the scheme; use one of {sorted(ids)}"
                )
        _check_no_delivery_circle(every)
        for target in self._resolve():
            self._check_assigned_years(target)
            if target.window.cadence is Cadence.PER_YEAR:
                window = target.window.within(self.period)
                if window.start < self.period.start or window.end > self.period.end:
                    raise ValueError(
                        f"target {target.id!r} is per year from {window.start} to "
                        f"{window.end}, outside the scheme's period {self.period.start} to "
                        f"{self.period.end}; narrow the target's window"
                    )
        if self.budget is not None:
            for line in self.budget.walk():
                if line.target is not None and line.target not in ids:
                    raise ValueError(
                        f"budget line {line.id!r} pays for target {line.target!r}, which is "
                        f"not a target of the scheme; use one of {sorted(ids)}"
                    )

    def __repr__(self) -> str:
        lines = 0 if self.budget is None else len(self.budget.walk())
        return (
            f"<Scheme {self.id} {short_label(self.title)!r}: {self.kind.value}, "
            f"{self.period.start.isoformat()} to {self.period.end.isoformat()}, "
            f"{len(self.all_targets())} targets ({len(self.targets)} top-level), "
            f"{lines} budget lines, {len(self.rules)} rules>"
        )

    def to_html(self, locale: str = "vi") -> str:
        """The scheme as HTML: its document, period, targets indented by part, budget, rules."""
        from dtbd.display._scheme_html import scheme_html  # noqa: PLC0415  -- display loads on use

        return scheme_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _check_assigned_years(self, target: Target) -> None:
        window = target.window.within(self.period)
        for index, assignment in enumerate(target.assigned):
            year = assignment.year
            if year is not None and not window.start.year <= year <= window.end.year:
                raise ValueError(
                    f"target {target.id!r}: assigned[{index}] is for {year}, outside the "
                    f"target's window {window.start} to {window.end}; give a year of the "
                    "window"
                )

    def _resolve(self) -> tuple[Target, ...]:
        resolved = resolve_targets(self.targets, self.period)
        return tuple(t for top in resolved for t in top.walk())

    def resolved(self) -> Scheme:
        """The scheme with what every target inherits written out, windows closed.

        A part with no window takes its parent's (its cadence too); a part's open window
        ends are its parent's; a scope field a part leaves empty is its parent's; a part
        of a share takes its parent's population when it has none, and of a share of
        qualified persons is one too. Top-level windows get the scheme's period for their
        open ends. Measures, progress, the audit and the command line read targets this
        way; ``scheme.resolved().resolved() == scheme.resolved()``.

        >>> from dtbd import Figure, Period, Scope, Target, Window
        >>> part = Target("xa", "Cấp xã", Figure.parse("khoảng 40 người"))
        >>> whole = Target(
        ...     "tong", "Tổng", Figure.parse("100 người"), scope=Scope(activity="fostering"),
        ...     window=Window("per_year", "2022-01-01", "2025-12-31"), parts=[part],
        ... )
        >>> s = Scheme("s", "S", Period.of_years(2022, 2030), targets=[whole])
        >>> s.effective("xa").window
        Window(cadence=<Cadence.PER_YEAR: 'per_year'>, start=Date(2022, 1, 1), end=Date(2025, 12, 31))
        >>> s.effective("xa").scope.activity
        <Activity.FOSTERING: 'fostering'>
        """  # noqa: E501  -- a doctest line
        return attrs.evolve(self, targets=resolve_targets(self.targets, self.period))

    def effective(self, target_id: str) -> Target:
        """The target (or part) ``target_id`` as :meth:`resolved` writes it out.

        Raises:
            KeyError: no target has that id; the message lists the ids there are.
        """
        return self.resolved().target(target_id)

    def all_targets(self) -> tuple[Target, ...]:
        """Every target of the scheme, parts included, depth first."""
        return tuple(t for top in self.targets for t in top.walk())

    def target(self, target_id: str) -> Target:
        """The target (or part) with the id ``target_id``.

        Raises:
            KeyError: no target has that id; the message lists the ids there are.
        """
        for target in self.all_targets():
            if target.id == target_id:
                return target
        known = ", ".join(t.id for t in self.all_targets())
        raise KeyError(f"scheme {self.id!r} has no target {target_id!r}; its targets: {known}")


def _check_no_delivery_circle(targets: Iterable[Target]) -> None:
    """Refuse targets that deliver each other in a circle (a → b → a, or a → a).

    A target's courses deliver another target's people; a circle has no end to count
    towards. Each target names at most one, so following each chain once finds every
    circle in time linear in the targets.
    """
    delivers = {t.id: t.delivers for t in targets if t.delivers is not None}
    done: set[str] = set()
    for start in delivers:
        path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in delivers and node not in done:
            if node in path:
                circle = [*list(path)[path[node] :], node]
                raise ValueError(
                    f"targets deliver each other in a circle: {' → '.join(circle)}; a target's "
                    "courses deliver another target's people, never back: remove one 'delivers'"
                )
            path[node] = len(path)
            node = delivers[node]
        done.update(path)
