"""Mistakes between the parts of a scheme file, every one found, in time linear in the file.

The :class:`~dtbd.Scheme` checks what spans the scheme (unique ids, references, windows
within the period, parts within their parents) but stops at its first mistake. Here each
target, rule and the budget is checked on its own, against a small scheme of its own and
the ids seen before it, so that every mistake is found and pinned to its path, and a
scheme of 1,000 targets costs 1,000 small checks, not 1,000 checks of the whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dtbd._codes import SchemeProblem
from dtbd._validators import check_unique_ids
from dtbd.files._convert import converter
from dtbd.model._budget import Budget
from dtbd.model._inherit import PartsError
from dtbd.model._period import Period
from dtbd.model._rules import Rule
from dtbd.model._scheme import Scheme, SchemeKind
from dtbd.model._target import Count, Target

__all__ = ["cross_problems"]


def _raw_ids(item: object) -> Iterator[str]:
    """The ids written in a target the converter could not read, parts included."""
    if isinstance(item, Mapping):
        if isinstance(item.get("id"), str):
            yield item["id"]
        parts = item.get("parts")
        if isinstance(parts, list):
            for part in parts:
                yield from _raw_ids(part)


def _readable(items: object, kind: type[Any]) -> tuple[list[tuple[int, Any]], list[object]]:
    """The items of a list that structure on their own, by index, and those that do not."""
    good: list[tuple[int, Any]] = []
    bad: list[object] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            good.append((index, converter().structure(item, kind)))
        except Exception:  # noqa: BLE001  -- already reported with its path
            bad.append(item)
    return good, bad


def _head(data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The scheme's own fields, if they are all readable."""
    head: dict[str, Any] = {}
    for name, kind in (("id", str), ("title", str), ("period", Period), ("kind", SchemeKind)):
        if name in data:
            try:
                head[name] = converter().structure(data[name], kind)
            except Exception:  # noqa: BLE001  -- already reported with its path
                return None
    return head if {"id", "title", "period"} <= head.keys() else None


def _stand_ins(names: Iterator[str] | list[str] | set[str]) -> list[Target]:
    """Placeholders for targets named elsewhere, so that references to them hold."""
    stand_ins: dict[str, Target] = {}
    for name in names:
        try:
            stand_ins.setdefault(name, Target(name, "(unreadable)", counts=Count.PERSONS))
        except ValueError:
            continue
    return list(stand_ins.values())


def _duplicate(what: str, clash: list[str]) -> str:
    """The scheme's own words for ids given twice."""
    try:
        check_unique_ids(what, [*clash, *clash])
    except ValueError as exc:
        return str(exc)
    raise AssertionError(clash)  # pragma: no cover -- a clash is a duplicate


def _target_problems(
    head: dict[str, Any], index: int, target: Target, named: set[str]
) -> list[SchemeProblem]:
    """The mistakes of one target in a scheme of its own, the targets it names stood in for.

    A part that contradicts its parent is pinned to its own path
    (``targets[0].parts[1].window``), every such part of the target at once.
    """
    own = {t.id for t in target.walk()}
    named_here = {t.delivers for t in target.walk() if t.delivers is not None}
    others = _stand_ins(sorted((named_here & named) - own))
    try:
        Scheme(**head, targets=(target, *others))
    except PartsError as exc:
        return [
            _at("scheme.parts", f"targets[{index}]{'.' + path if path else ''}", message)
            for _, path, message in exc.problems
        ]
    except (ValueError, TypeError) as exc:
        return [_at("scheme.target.invalid", f"targets[{index}]", str(exc))]
    return []


def _rule_problems(head: dict[str, Any], data: Mapping[str, Any]) -> list[SchemeProblem]:
    """Each rule's mistakes, a rule id given before included."""
    problems: list[SchemeProblem] = []
    rule_ids: set[str] = set()
    for index, rule in _readable(data.get("rules"), Rule)[0]:
        if rule.id in rule_ids:
            duplicate = _duplicate("rule", [rule.id])
            problems.append(_at("scheme.rule.duplicate", f"rules[{index}]", duplicate, rule.id))
            continue
        try:
            Scheme(**head, rules=(rule,))
        except (ValueError, TypeError) as exc:
            problems.append(_at("scheme.value.invalid", f"rules[{index}]", str(exc)))
        else:
            rule_ids.add(rule.id)
    return problems


def _at(code: str, path: str, message: str, value: object = None) -> SchemeProblem:
    return SchemeProblem(code, f"{path}: {message}", path=path, value=value)


def cross_problems(data: Mapping[str, Any]) -> list[SchemeProblem]:
    """Mistakes between parts of a scheme: duplicate ids, references, windows, parts.

    A target is taken when it has no mistake of its own and none of its ids was taken
    before it, in file order; ids of unreadable or refused targets stand in, so that a
    reference to one is not reported as a second mistake.
    """
    head = _head(data)
    if head is None:
        return []
    targets, unreadable = _readable(data.get("targets"), Target)
    unreadable_ids = {name for item in unreadable for name in _raw_ids(item)}
    named = unreadable_ids | {t.id for _, top in targets for t in top.walk()}
    problems: list[SchemeProblem] = []
    taken: list[Target] = []
    seen = set(unreadable_ids)
    for index, target in targets:
        ids = [t.id for t in target.walk()]
        if clash := [name for name in dict.fromkeys(ids) if name in seen]:
            duplicate = _duplicate("target", clash)
            problems.append(_at("scheme.target.duplicate", f"targets[{index}]", duplicate, clash))
        elif own := _target_problems(head, index, target, named):
            problems += own
        else:
            taken.append(target)
            seen.update(ids)
    # Refused and unreadable targets stand in for the budget, so that it is checked alone.
    standing = _stand_ins(sorted(named - {t.id for top in taken for t in top.walk()}))
    problems += _rule_problems(head, data)
    for _, budget in _readable([data["budget"]] if "budget" in data else [], Budget)[0]:
        try:
            Scheme(**head, targets=(*taken, *standing), budget=budget)
        except (ValueError, TypeError) as exc:
            problems.append(_at("scheme.budget.invalid", "budget", str(exc)))
    return problems
