"""An example province's units, the ones example persons work in, and shares assigned to them.

The tree holds the units :func:`dtbd.example_records` gives its persons, by the same ids
(their names), placed as a province places them: departments (*sở*) and the hospitals and
schools under them, three districts that end on 30/6/2025 and their communes, merged on
1/7/2025 into new communes under the province, as the district level ended on
30/6/2025. The shares (:func:`example_assigned`) exist only in example data: the
catalog keeps its documents' texts as they were issued.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

import attrs

from dtbd.figures._figure import Figure
from dtbd.model._assigned import Assignment
from dtbd.model._categories import DISTRICT_LEVEL_ENDS
from dtbd.model._scheme import Scheme
from dtbd.model._target import Count, Target
from dtbd.model._units import OrgUnit, UnitLevel, UnitTree

__all__ = ["EXAMPLE_PROVINCE", "example_assigned", "example_units"]

EXAMPLE_PROVINCE = "UBND tỉnh"
"""The id of the example tree's root, the province's People's Committee."""

_LAST_DISTRICT_DAY = DISTRICT_LEVEL_ENDS
_FIRST_NEW_DAY = DISTRICT_LEVEL_ENDS + dt.timedelta(days=1)

_DEPARTMENTS = {
    "Sở Nội vụ": (),
    "Sở Tài chính": (),
    "Sở Y tế": ("Bệnh viện Đa khoa tỉnh", "Trung tâm Y tế huyện"),
    "Sở Giáo dục và Đào tạo": ("Trường THPT số 2", "Trường Mầm non Hoa Sen"),
}
_DISTRICTS = {
    # district: its communes, each with the new commune it merged into
    "UBND huyện Đông Hưng": (
        ("UBND xã An Bình", "UBND xã Đông Hưng"),
        ("UBND xã Tân Phú", "UBND xã Đông Hưng"),
    ),
    "UBND thị xã Phú Bình": (("UBND phường Hòa Lạc", "UBND phường Phú Bình"),),
    "UBND huyện Tân Yên": (("UBND xã Phú Lộc", "UBND xã Tân Yên"),),
}
_SHARES = {"Sở Giáo dục và Đào tạo": 40, "Sở Y tế": 40, "Sở Nội vụ": 5, "Sở Tài chính": 5}
"""Percent of a target given to each department; the rest is left to the communes."""


def example_units() -> UnitTree:
    """A small province's units over the reform of 1/7/2025, as example persons have them.

    Its departments and the units under them, three districts that end on 30/6/2025
    and their four communes, merged on 1/7/2025 into three new communes under the
    province. Ids are the units' names, as :func:`dtbd.example_records` writes them.
    """
    units = [OrgUnit(EXAMPLE_PROVINCE, "UBND tỉnh (ví dụ)", UnitLevel.PROVINCE)]
    for department, below in _DEPARTMENTS.items():
        units.append(OrgUnit(department, department, UnitLevel.DEPARTMENT, EXAMPLE_PROVINCE))
        units += [OrgUnit(u, u, UnitLevel.UNIT, department) for u in below]
    merged = dict.fromkeys(new for communes in _DISTRICTS.values() for _, new in communes)
    units += [
        OrgUnit(new, new, UnitLevel.COMMUNE, EXAMPLE_PROVINCE, start=_FIRST_NEW_DAY)
        for new in merged
    ]
    for district, communes in _DISTRICTS.items():
        units.append(
            OrgUnit(district, district, UnitLevel.DISTRICT, EXAMPLE_PROVINCE,
                    end=_LAST_DISTRICT_DAY)
        )  # fmt: skip
        units += [
            OrgUnit(old, old, UnitLevel.COMMUNE, district, end=_LAST_DISTRICT_DAY,
                    successors=(new,))
            for old, new in communes
        ]  # fmt: skip
    return UnitTree(units)


def _shared(target: Target) -> Target:
    assert target.figure is not None  # noqa: S101  -- chosen for its figure
    whole = target.figure.low or target.figure.high
    assert whole is not None  # noqa: S101  -- a figure has a number at one end at least
    assigned = tuple(
        Assignment(
            Figure.exact((whole * percent / 100).quantize(Decimal(1), ROUND_DOWN), target.unit),
            unit=unit,
            note="ví dụ: phần giao cho đơn vị (dữ liệu mẫu, không có trong văn bản)",
        )
        for unit, percent in _SHARES.items()
    )
    return attrs.evolve(target, assigned=assigned)


def example_assigned(scheme: Scheme) -> Scheme:
    """``scheme`` with example shares of a target given to the example departments.

    When no target of ``scheme`` has shares, its first top-level target that counts
    attendances or persons with a number gets 40 % to each of the Sở Giáo dục và Đào
    tạo and the Sở Y tế and 5 % to each of the Sở Nội vụ and the Sở Tài chính; a scheme
    with shares, or with no such target, is returned as it is.
    """
    if any(t.assigned for t in scheme.all_targets()):
        return scheme
    for index, target in enumerate(scheme.targets):
        figure = target.figure
        if (
            target.counts in {Count.ATTENDANCES, Count.PERSONS}
            and figure is not None
            and (figure.low or figure.high)
        ):
            targets = (*scheme.targets[:index], _shared(target), *scheme.targets[index + 1 :])
            return attrs.evolve(scheme, targets=targets)
    return scheme
