"""Several schemes measured in one pass: their measures side by side, ids kept apart.

Two schemes may both have a target ``dao-tao``; an engine keys its tallies by measure id
and refuses two measures with one id. Each scheme's measures therefore run under a key
of their own (:func:`namespaced`), and the tallies are given back under the user's ids
(:func:`original_id`); no key made here is ever shown.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from dtbd._errors import DtbdError
from dtbd._limits import shown
from dtbd.measures._measure import Measure
from dtbd.model._scheme import Scheme

__all__ = ["DuplicateSchemeError", "namespaced", "original_id", "unique_schemes"]

_SEPARATOR = "\x1f"
"""Between a scheme's position and a target id: a control character no id may hold."""


class DuplicateSchemeError(DtbdError, ValueError):
    """Two schemes given together have the same id, so their results could not be told apart.

    Attributes:
        scheme_id: the id both have.
        positions: where each stands in what was given (0-based).
    """

    code = "scheme.duplicate"

    def __init__(
        self, scheme_id: str, positions: tuple[int, int], titles: tuple[str, str]
    ) -> None:
        self.scheme_id = scheme_id
        self.positions = positions
        first, second = positions
        super().__init__(
            f"schemes[{first}] ({shown(titles[0])}) and schemes[{second}] ({shown(titles[1])}) "
            f"both have the id {shown(scheme_id)}; give each scheme its own id "
            "(attrs.evolve(scheme, id=...)) or pass it once"
        )


def unique_schemes(schemes: Iterable[Scheme]) -> tuple[Scheme, ...]:
    """``schemes`` as a tuple, each a :class:`~dtbd.Scheme` with an id of its own.

    Raises:
        DuplicateSchemeError: two schemes have the same id (both are named).
        TypeError: an item is not a scheme.
        ValueError: no scheme is given.
    """
    given = tuple(schemes)
    if not given:
        raise ValueError("no scheme given; pass one scheme or a list of schemes")
    seen: dict[str, int] = {}
    for index, scheme in enumerate(given):
        if not isinstance(scheme, Scheme):
            raise TypeError(
                f"schemes[{index}] is a {type(scheme).__name__}, not a dtbd.Scheme; load it "
                "with dtbd.load_scheme or dtbd.catalog.load"
            )
        if scheme.id in seen:
            first = seen[scheme.id]
            raise DuplicateSchemeError(
                scheme.id, (first, index), (given[first].title, scheme.title)
            )
        seen[scheme.id] = index
    return given


def _prefix(position: int) -> str:
    return f"{position}{_SEPARATOR}"


def namespaced(position: int, measures: Iterable[Measure]) -> tuple[Measure, ...]:
    """The measures of the scheme at ``position`` under keys no other scheme's can take."""
    prefix = _prefix(position)
    return tuple(attrs.evolve(m, target_id=prefix + m.target_id) for m in measures)


def original_id(position: int, key: str) -> str | None:
    """The user's target id of a :func:`namespaced` key, if the key is of ``position``."""
    prefix = _prefix(position)
    return key[len(prefix) :] if key.startswith(prefix) else None
