"""Schemes (*Đề án*, *Kế hoạch*, *Chương trình*): the document that holds the targets."""

from __future__ import annotations

import enum

import attrs

from dtbd._validators import check_id, check_unique_ids, enum_value, non_empty_text, to_tuple
from dtbd.model._budget import Budget
from dtbd.model._period import Period
from dtbd.model._rules import Rule
from dtbd.model._sources import Citation
from dtbd.model._target import Cadence, Target

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


@attrs.frozen
class Scheme:
    """A scheme: its document, period, targets, budget and rules.

    Ids are unique across the whole scheme (targets and their parts, budget lines,
    rules), and every reference (a budget line's ``target``, a target's ``delivers``)
    names a target that exists.
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
