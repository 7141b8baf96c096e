"""Vietnam's administrative divisions as units, from the ``vietnam-provinces`` package.

The package (extra ``dtbd[divisions]``) holds the statistics office's lists: the 34
provinces and 3 321 communes in force since 1 July 2025, the 63 provinces, 696 districts
and 10 051 communes before, and which new unit took over each old one (440 old communes
were split between new ones). :func:`vietnam_units` turns them into a
:class:`~dtbd.UnitTree` whose old units end on 30 June 2025 and name their successors,
so that a 2024 record of an old commune maps to the 2026 commune (``map_to``).

Ids are the statistics office's codes as text, zero-padded as it writes them:
provinces in two digits (``"33"``), districts in three, communes in five (``"12345"``);
the units before the reform carry the prefix ``legacy_prefix`` (``"cu-33"``), because
the office gave some old and new units the same code. A province's departments are in
no package: add them to your own unit file with a province's code as ``parent``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from typing import Any

from dtbd._extras import MissingExtraError, require
from dtbd.model._units import OrgUnit, UnitLevel, UnitTree

__all__ = ["REFORM_STARTS", "units_from_divisions", "vietnam_units"]

REFORM_STARTS = dt.date(2025, 7, 1)
"""The day the 34 provinces and two-level local government came into force."""

_LAST_OLD_DAY = REFORM_STARTS - dt.timedelta(days=1)


def _code(value: Any, digits: int) -> str:  # noqa: ANN401  -- an int or an int enum
    return f"{int(getattr(value, 'value', value)):0{digits}d}"


def vietnam_units(*, legacy: bool = True, legacy_prefix: str = "cu-") -> UnitTree:
    """The provinces and communes of Vietnam, after the 2025 reform and (``legacy``) before.

    Raises:
        MissingExtraError: the package ``vietnam-provinces`` is not installed (it needs
            Python 3.12 or later): ``pip install 'dtbd[divisions]'``.
    """
    purpose = "dtbd.vietnam_units()"
    try:
        package = require("vietnam_provinces", "divisions", purpose)
    except MissingExtraError:
        if sys.version_info >= (3, 12):
            raise
        version = ".".join(map(str, sys.version_info[:2]))
        raise MissingExtraError(
            f"{purpose} needs the package 'vietnam-provinces', whose versions with the "
            f"2025 reform need Python 3.12 or later (this is Python {version}); build the "
            "units from your own file with dtbd.load_units(path) instead"
        ) from None
    provinces = list(package.Province.iter_all())
    wards = list(package.Ward.iter_all())
    if not legacy:
        return units_from_divisions(provinces, wards)
    old = require("vietnam_provinces.legacy", "divisions", purpose)
    return units_from_divisions(
        provinces,
        wards,
        old_provinces=old.Province.iter_all(),
        old_districts=old.District.iter_all(),
        old_wards=old.Ward.iter_all(),
        province_sources={p.code: p.get_legacy_sources() for p in provinces},
        ward_sources={w.code: w.get_legacy_sources() for w in wards},
        legacy_prefix=legacy_prefix,
    )


def units_from_divisions(  # noqa: PLR0913  -- the package's five lists and two tables
    provinces: Iterable[Any],
    wards: Iterable[Any],
    *,
    old_provinces: Iterable[Any] = (),
    old_districts: Iterable[Any] = (),
    old_wards: Iterable[Any] = (),
    province_sources: dict[Any, Iterable[Any]] | None = None,
    ward_sources: dict[Any, Iterable[Any]] | None = None,
    legacy_prefix: str = "cu-",
) -> UnitTree:
    """Units from division records as ``vietnam-provinces`` shapes them.

    A province has ``name`` and ``code``; a new ward ``province_code``; an old district
    ``province_code``; an old ward ``district_code``. ``province_sources`` and
    ``ward_sources`` map a new unit's code to the old units it was formed from.
    """
    units = [
        OrgUnit(_code(p.code, 2), p.name, UnitLevel.PROVINCE, start=REFORM_STARTS)
        for p in provinces
    ]
    units += [
        OrgUnit(
            _code(w.code, 5),
            w.name,
            UnitLevel.COMMUNE,
            parent=_code(w.province_code, 2),
            start=REFORM_STARTS,
        )
        for w in wards
    ]
    takers = _takers(province_sources or {}, 2) | _takers(ward_sources or {}, 5)

    def old(code: Any, digits: int) -> str:  # noqa: ANN401
        return legacy_prefix + _code(code, digits)

    def succeeded(code: str, digits: int) -> list[str]:
        return takers.get((code, digits), [])

    for p in old_provinces:
        code = _code(p.code, 2)
        units.append(
            OrgUnit(old(p.code, 2), p.name, UnitLevel.PROVINCE, end=_LAST_OLD_DAY,
                    successors=succeeded(code, 2))
        )  # fmt: skip
    units += [
        OrgUnit(old(d.code, 3), d.name, UnitLevel.DISTRICT, parent=old(d.province_code, 2),
                end=_LAST_OLD_DAY)
        for d in old_districts
    ]  # fmt: skip
    for w in old_wards:
        code = _code(w.code, 5)
        units.append(
            OrgUnit(old(w.code, 5), w.name, UnitLevel.COMMUNE, parent=old(w.district_code, 3),
                    end=_LAST_OLD_DAY, successors=succeeded(code, 5))
        )  # fmt: skip
    return UnitTree(units)


def _takers(sources: dict[Any, Iterable[Any]], digits: int) -> dict[tuple[str, int], list[str]]:
    """Old code → the new codes formed from it, in the order of the new units."""
    found: dict[tuple[str, int], list[str]] = {}
    for new_code, olds in sources.items():
        for source in olds:
            found.setdefault((_code(source.code, digits), digits), []).append(
                _code(new_code, digits)
            )
    return found
