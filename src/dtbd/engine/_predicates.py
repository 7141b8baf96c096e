"""A measure's filters tried on Python objects: the Python engine's predicates."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from dtbd.measures._measure import Filter, Op, Side
from dtbd.model._people import Attendance, Course, Person, age_on

__all__ = ["passes", "side_passes"]


def _value(obj: object, field: str) -> object:
    value = getattr(obj, field)
    return value.value if isinstance(value, enum.Enum) else value


def passes(flt: Filter, obj: object | None, on: dt.date) -> bool:
    """Whether ``obj`` passes ``flt``; an age is read on ``on``. No object passes nothing."""
    if obj is None:
        return False
    value = _value(obj, flt.field)
    if flt.op is Op.IN:
        return value is not None and value in flt.values
    if flt.op is Op.OVERLAPS:
        return isinstance(value, tuple) and any(v in flt.values for v in value)
    return isinstance(value, dt.date) and _born(flt, value, on)


def _born(flt: Filter, born: dt.date, on: dt.date) -> bool:
    """A birth-date filter: a birth year, or an age at ``flt.on`` (else at ``on``)."""
    number = int(flt.values[0])
    if flt.op is Op.BORN_FROM:
        return born.year >= number
    if flt.op is Op.BORN_UNTIL:
        return born.year <= number
    on = flt.on if flt.on is not None else on
    if born > on:
        return False
    young = age_on(born, on) < number
    return young if flt.op is Op.YOUNGER_THAN else not young


def side_passes(
    filters: Iterable[Filter], course: Course | None, person: Person | None, att: Attendance | None
) -> bool:
    """Whether a joined row passes every filter, ages read at the course start."""
    on = course.start if course is not None else dt.date.min
    objects = {Side.COURSE: course, Side.PERSON: person, Side.ATTENDANCE: att}
    return all(passes(f, objects[f.side], on) for f in filters)
