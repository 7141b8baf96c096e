"""Small attrs validators shared by the model classes."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

from dtbd._limits import shown

__all__ = [
    "check_id",
    "check_unique_ids",
    "enum_value",
    "non_empty_text",
    "optional_id",
    "to_tuple",
]

E = TypeVar("E", bound=enum.Enum)

# Matched whole (fullmatch): "$" alone lets a trailing newline through.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-/]*")


def check_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id is a non-empty word of letters, digits, ``.``, ``_``, ``-`` or ``/``."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(
            f"'{attribute.name}' must be an id of letters, digits, '.', '_', '-' or '/' "
            f"starting with a letter or digit (got {shown(value)}), e.g. 'dao-tao-cap-xa'"
        )


def optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Like :func:`check_id`, but ``None`` is allowed."""
    if value is not None:
        check_id(instance, attribute, value)


def non_empty_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A label or title must say something."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{attribute.name}' must be a non-empty text (got {shown(value)})")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable for a tuple field; a lone string is one item, not its letters."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def check_unique_ids(what: str, ids: Iterable[str]) -> None:
    """Refuse the same id twice among ``what`` (targets, budget lines, rules, …)."""
    seen: set[str] = set()
    repeated: list[str] = []
    for item in ids:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    if repeated:
        raise ValueError(
            f"duplicate {what} id{'s' if len(repeated) > 1 else ''} "
            f"{', '.join(map(repr, repeated))}: give each one its own id"
        )


def enum_value(kind: type[E], value: object) -> E:
    """Turn ``value`` (a member or its value) into a member of ``kind``, or say what is allowed."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in kind)
        raise ValueError(f"unknown {kind.__name__} {shown(value)}; use one of {allowed}") from None
