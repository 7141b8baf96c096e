"""Targets (*chỉ tiêu*): what a scheme promises, what it counts and over which time."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from dtbd._validators import (
    check_id,
    check_unique_ids,
    enum_value,
    non_empty_text,
    optional_id,
    to_tuple,
)
from dtbd.figures._figure import Figure
from dtbd.figures._units import Unit
from dtbd.model._assigned import Assignment, assignment_problems
from dtbd.model._baseline import Baseline
from dtbd.model._period import Period, optional_date
from dtbd.model._scope import Scope
from dtbd.model._sources import Quote

__all__ = ["Cadence", "Count", "ShareBasis", "Target", "Window", "short_label"]


def _as_cadence(value: object) -> Cadence:
    return enum_value(Cadence, value)


def _as_count(value: object) -> Count:
    return enum_value(Count, value)


def _as_share_basis(value: object) -> ShareBasis:
    return enum_value(ShareBasis, value)


class Count(enum.Enum):
    """What a target counts in the records."""

    ATTENDANCES = "attendances"
    """Person-times (*lượt*): every attendance counts, the same person again included."""
    PERSONS = "persons"
    """Distinct persons (*người*) who attended at least once."""
    COURSES = "courses"
    """Courses held (*khóa*, *lớp*)."""
    SPENDING = "spending"
    """Money spent, in VND."""
    STUDY_DAYS = "study_days"
    """Study days summed over attendances."""
    SHARE = "share"
    """A share of a population of persons, in percent (numerator over denominator)."""

    @property
    def unit(self) -> Unit:
        """The unit a figure of this count must have."""
        return _COUNT_UNITS[self]

    @classmethod
    def for_unit(cls, unit: Unit) -> Count:
        """The count a figure of ``unit`` stands for (lượt → attendances, người → persons)."""
        for count, count_unit in _COUNT_UNITS.items():
            if count_unit is unit:
                return count
        raise ValueError(
            f"a target cannot count {unit.value!r} figures; targets count attendances (lượt), "
            "persons (người), courses (khóa), money (đồng), study days (ngày) or a share (%)"
        )


_COUNT_UNITS = {
    Count.ATTENDANCES: Unit.ATTENDANCE,
    Count.PERSONS: Unit.PERSON,
    Count.COURSES: Unit.COURSE,
    Count.SPENDING: Unit.VND,
    Count.STUDY_DAYS: Unit.DAY,
    Count.SHARE: Unit.PERCENT,
}


class ShareBasis(enum.Enum):
    """What puts a person in the numerator of a share target."""

    ATTENDED = "attended"
    """Attended at least once in the window ("được bồi dưỡng … hằng năm")."""
    QUALIFIED = "qualified"
    """Holds one of the scope's qualifications at the date ("có trình độ thạc sĩ")."""


class Cadence(enum.Enum):
    """How a target's window repeats."""

    TOTAL = "total"
    """Once over the whole window: "đến năm 2025", "giai đoạn 2023 - 2025"."""
    PER_YEAR = "per_year"
    """Every calendar year of the window: "mỗi năm", "hằng năm"."""
    PER_TERM = "per_term"
    """Once per term of office (*nhiệm kỳ*): the window is the term."""


def _window_order(instance: Window, _a: attrs.Attribute[Any], end: dt.date | None) -> None:
    if instance.start is not None and end is not None and end < instance.start:
        raise ValueError(
            f"a window's 'end' {end.isoformat()} is before its 'start' "
            f"{instance.start.isoformat()}; check the two dates"
        )
    if instance.cadence is Cadence.PER_TERM and (instance.start is None or end is None):
        raise ValueError("a per-term window needs the term's 'start' and 'end'")


@attrs.frozen
class Window:
    """The time a target covers; open ends fall back to the scheme's period."""

    cadence: Cadence = attrs.field(default=Cadence.TOTAL, converter=_as_cadence)
    start: dt.date | None = attrs.field(default=None, converter=optional_date)
    end: dt.date | None = attrs.field(
        default=None, converter=optional_date, validator=_window_order
    )

    def within(self, period: Period) -> Period:
        """The window as a period, its open ends taken from ``period`` (the scheme's)."""
        return Period(self.start or period.start, self.end or period.end)


def _figure_fits_count(instance: Target, _a: attrs.Attribute[Any], _counts: Count) -> None:
    figure = instance.figure
    if figure is not None and figure.unit is not instance.counts.unit:
        raise ValueError(
            f"target {instance.id!r}: its figure is in {figure.unit.value} but it counts "
            f"{instance.counts.value}, which needs {instance.counts.unit.value}; "
            "change 'counts' or the figure's unit"
        )


def _default_count(instance: Target) -> Count:
    figure = instance.figure
    if figure is None:
        raise ValueError(
            f"target {instance.id!r} has no figure, so it must say what it 'counts' "
            "(attendances, persons, courses, spending, study_days or share)"
        )
    return Count.for_unit(figure.unit)


def _course_size(instance: Target, _a: attrs.Attribute[Any], size: Figure | None) -> None:
    if size is None:
        return
    if instance.counts is not Count.COURSES:
        raise ValueError(
            f"target {instance.id!r}: 'course_size' belongs to a target that counts courses"
        )
    if size.unit is not Unit.PERSON:
        raise ValueError(
            f"target {instance.id!r}: 'course_size' must count persons (got {size.unit.value})"
        )


def _baseline_fits(instance: Target, _a: attrs.Attribute[Any], baseline: Baseline | None) -> None:
    if baseline is None:
        return
    where = f"target {instance.id!r}: its baseline"
    window = instance.window
    if window.cadence is Cadence.PER_YEAR:
        raise ValueError(
            f"{where} cannot apply to a per-year target, whose every year starts afresh; "
            "give the baseline to a target over the whole window or a term"
        )
    if instance.counts is Count.SHARE and baseline.value > 100:
        raise ValueError(f"{where} is {baseline.value}%, above 100%; write the share in percent")
    if window.end is not None and baseline.date >= window.end:
        raise ValueError(
            f"{where} is dated {baseline.date.isoformat()}, not before the window's end "
            f"{window.end.isoformat()}; date it when the value was measured"
        )
    if (
        instance.counts is not Count.SHARE
        and window.start is not None
        and baseline.date < window.start - dt.timedelta(days=1)
        and baseline.value != 0
    ):
        raise ValueError(
            f"{where} is dated {baseline.date.isoformat()}, before the window opens on "
            f"{window.start.isoformat()}, when a count is 0; date it within the window"
        )


def short_label(label: str, width: int = 60) -> str:
    """A label for a one-line ``repr``: cut to ``width`` characters with "…"."""
    return label if len(label) <= width else label[: width - 1] + "…"


@attrs.frozen(repr=False)
class Target:
    """A target (*chỉ tiêu*): a figure, what it counts, which records, over which time.

    A target is a tree: ``parts`` break it down ("trong đó …"). A part may have no
    number ("theo nhu cầu"): its ``figure`` is ``None`` and ``note`` says why.

    >>> from dtbd import Figure
    >>> t = Target("boi-duong", "Bồi dưỡng đến năm 2025", Figure.parse("37.000 lượt"))
    >>> t.counts
    <Count.ATTENDANCES: 'attendances'>
    """

    id: str = attrs.field(validator=check_id)
    label: str = attrs.field(validator=non_empty_text)
    figure: Figure | None = None
    counts: Count = attrs.field(
        default=attrs.Factory(_default_count, takes_self=True),
        converter=_as_count,
        validator=_figure_fits_count,
    )
    scope: Scope = attrs.Factory(Scope)
    window: Window = attrs.Factory(Window)
    parts: tuple[Target, ...] = attrs.field(default=(), converter=to_tuple)
    breakdown: bool = True
    """Whether the parts break the whole down and should add up to it; ``False`` when
    they only single out some of it ("400 cán bộ …; trong đó sẽ chọn cử 84 học viên …
    đi học tập kinh nghiệm quốc tế")."""
    lead: str | None = None
    """The agency that leads (*chủ trì*) the target."""
    aspirational: bool = False
    """*phấn đấu*: the text asks to strive for the figure."""
    course_size: Figure | None = attrs.field(default=None, validator=_course_size)
    """For a target that counts courses: the size each course should have."""
    delivers: str | None = attrs.field(default=None, validator=optional_id)
    """For a target that counts courses: the target whose persons the courses train."""
    population: Scope | None = None
    """For a share: who makes up the denominator (the scope's person fields if unset)."""
    basis: ShareBasis = attrs.field(default=ShareBasis.ATTENDED, converter=_as_share_basis)
    baseline: Baseline | None = attrs.field(default=None, validator=_baseline_fits)
    """Where the value stood on a date before or in the window; progress is paced from it."""
    note: str | None = None
    quote: Quote | None = None
    assigned: tuple[Assignment, ...] = attrs.field(default=(), converter=to_tuple)
    """Shares of the figure given to units, years or units in a year (*giao chỉ tiêu*)."""

    def __attrs_post_init__(self) -> None:
        if problems := assignment_problems(self.counts.unit, self.assigned):
            raise ValueError(f"target {self.id!r}: " + "; ".join(problems))
        for index, part in enumerate(self.parts):
            if part.counts is not self.counts:
                raise ValueError(
                    f"target {self.id!r}: parts[{index}] ({part.id!r}) counts "
                    f"{part.counts.value} but its parent counts {self.counts.value}; "
                    "a part must be in its parent's unit"
                )
        check_unique_ids("target", (t.id for t in self.walk()))

    def __repr__(self) -> str:
        figure = "no figure" if self.figure is None else self.figure.format("en")
        parts = len(self.walk()) - 1
        return (
            f"<Target {self.id} {short_label(self.label)!r}: {figure}, counts "
            f"{self.counts.value}, {self.window.cadence.value}, {parts} parts>"
        )

    def to_html(self, locale: str = "vi") -> str:
        """The target and its parts as an indented HTML table (escaped, through babel)."""
        from dtbd.display._scheme_html import target_html  # noqa: PLC0415  -- display loads on use

        return target_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def walk(self) -> tuple[Target, ...]:
        """This target and every part below it, depth first."""
        return (self, *(t for part in self.parts for t in part.walk()))

    @property
    def unit(self) -> Unit:
        """The unit of the target's figure (or of what it counts)."""
        return self.counts.unit
