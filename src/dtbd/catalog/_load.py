"""Reading the catalog's package files: schemes, their source texts and reported actuals."""

from __future__ import annotations

import difflib
import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from dtbd._codes import Problem
from dtbd._errors import DtbdError, SchemeFileError
from dtbd.catalog._records import ActualsFile, to_records
from dtbd.files._convert import converter, describe_errors
from dtbd.files._scheme_files import loads_scheme

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from dtbd.model._scheme import Scheme
    from dtbd.model._sources import Quote
    from dtbd.records._records import Records

__all__ = [
    "CATALOG_VERSION",
    "IDS",
    "UnknownSchemeError",
    "actuals",
    "ids",
    "load",
    "quotes",
    "source_text",
    "version",
]

CATALOG_VERSION = "2026.12.1"
"""The catalog's data version, year.month.serial: raise it whenever a data file changes."""

IDS = (
    "qd-1641-2022",
    "hanoi-2016-2020",
    "hung-yen-171-2023",
    "hanoi-2022-2025",
    "hcmc-2021-2025",
)
"""The entries, in the order of their source texts (seeds 000 to 004)."""


class UnknownSchemeError(DtbdError, KeyError):
    """No catalog entry has the id asked for.

    Attributes:
        scheme_id: the id as given.
        suggestion: the closest id, if one is close.
    """

    code = "scheme.unknown"

    def __init__(self, scheme_id: str) -> None:
        self.scheme_id = scheme_id
        close = difflib.get_close_matches(scheme_id, IDS, n=1)
        self.suggestion = close[0] if close else None
        hint = f"did you mean {self.suggestion!r}? " if self.suggestion else ""
        self.message = (
            f"the catalog has no scheme {scheme_id!r}; {hint}its ids are {', '.join(IDS)}"
        )
        super().__init__(self.message)
        self.problems = (Problem(self.code, value=scheme_id, detail=self.message),)

    def __str__(self) -> str:
        # KeyError would show the message in quotes, as if it were the missing key.
        return self.message


def _data() -> Traversable:
    return resources.files("dtbd.catalog").joinpath("data")


def _known(scheme_id: str) -> str:
    if scheme_id not in IDS:
        raise UnknownSchemeError(scheme_id)
    return scheme_id


def ids() -> tuple[str, ...]:
    """The ids of the catalog's schemes.

    >>> ids()[0]
    'qd-1641-2022'
    """
    return IDS


def version() -> str:
    """The catalog's data version (``year.month.serial``), to cite beside results."""
    return CATALOG_VERSION


@cache
def load(scheme_id: str) -> Scheme:
    """The catalog's scheme ``scheme_id``, read once and kept.

    >>> load("hung-yen-171-2023").citation.document
    '171/KH-UBND'

    Raises:
        UnknownSchemeError: no entry has that id; the message lists the ids and the
            closest one ("did you mean …").
    """
    name = _known(scheme_id)
    text = _data().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return loads_scheme(text, "toml", source=f"dtbd.catalog:{name}.toml")


@cache
def source_text(scheme_id: str) -> str:
    """The published text the entry was read from, as it was published.

    Every quote of the entry is ``source_text(id)[quote.start:quote.end]``.

    Raises:
        UnknownSchemeError: no entry has that id.
    """
    name = _known(scheme_id)
    return _data().joinpath("sources", f"{name}.txt").read_text(encoding="utf-8")


@cache
def _actuals_file(scheme_id: str) -> ActualsFile | None:
    name = _known(scheme_id)
    path = _data().joinpath(f"{name}.records.toml")
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    try:
        return converter().structure(data, ActualsFile)
    except Exception as exc:
        raise SchemeFileError(f"dtbd.catalog:{name}.records.toml", describe_errors(exc)) from exc


@cache
def actuals(scheme_id: str) -> Records | None:
    """What the entry's text reports as done, as records; ``None`` if it reports nothing.

    Learners the text only counts ("90 học viên") get placeholder ids.

    >>> records = actuals("hanoi-2016-2020")
    >>> len(records.courses), len(records.attendances)
    (2, 180)

    Raises:
        UnknownSchemeError: no entry has that id.
    """
    file = _actuals_file(scheme_id)
    return None if file is None else to_records(file)


def quotes(scheme_id: str) -> tuple[tuple[str, Quote], ...]:
    """Every quote of the entry and of its actuals, each with where it stands.

    The place reads like a path in the file: ``targets[0].parts[1]``, ``budget.lines[0]``,
    ``rules[1]``, ``actuals.cohorts[0].quotes[2]``.
    """
    scheme = load(scheme_id)
    found: list[tuple[str, Quote]] = []

    def walk_targets(prefix: str, targets: tuple[object, ...]) -> None:
        for index, target in enumerate(targets):
            place = f"{prefix}[{index}]"
            quote = getattr(target, "quote", None)
            if quote is not None:
                found.append((place, quote))
            walk_targets(f"{place}.parts", getattr(target, "parts", ()))

    walk_targets("targets", scheme.targets)
    found.extend((f"rules[{i}]", r.quote) for i, r in enumerate(scheme.rules) if r.quote)
    if scheme.budget is not None:
        if scheme.budget.quote is not None:
            found.append(("budget", scheme.budget.quote))
        walk_targets("budget.lines", scheme.budget.lines)
    file = _actuals_file(scheme_id)
    for i, cohort in enumerate(file.cohorts if file else ()):
        found.extend((f"actuals.cohorts[{i}].quotes[{j}]", q) for j, q in enumerate(cohort.quotes))
    return tuple(found)
