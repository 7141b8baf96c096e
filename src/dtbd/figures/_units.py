"""Units and qualifiers of stated figures."""

from __future__ import annotations

import enum

__all__ = ["Qualifier", "Unit"]


class Unit(enum.Enum):
    """What a figure counts or measures.

    The value is the stable identifier used in files and JSON.
    """

    ATTENDANCE = "attendance"
    """Person-times, *lượt* / *lượt người*: one person on three courses is 3."""
    PERSON = "person"
    """Distinct persons, *người* / *cán bộ* / *học viên* as a head count."""
    COURSE = "course"
    """Courses or classes, *khóa* / *lớp*."""
    TOPIC = "topic"
    """Topics of a course programme, *chuyên đề*."""
    VND = "vnd"
    """Money in whole Vietnamese đồng, *đồng*."""
    PERCENT = "percent"
    """A share written as a percentage: 80 means 80 %."""
    DAY = "day"
    """Days (study days of a course), *ngày*."""
    LESSON = "lesson"
    """Teaching periods, *tiết* (45 minutes)."""
    YEAR = "year"
    """A duration in years, *năm*."""
    MONTH = "month"
    """A duration in months, *tháng* ("bồi dưỡng 4 tháng")."""
    WEEK = "week"
    """A duration in weeks, *tuần* ("khoảng 2 tuần")."""
    AGE = "age"
    """Age in whole years, *tuổi*."""
    TIMES = "times"
    """A number of occurrences, *lần* ("ít nhất 1 lần trong nhiệm kỳ")."""
    GROUP = "group"
    """Groups of tasks or solutions, *nhóm*."""

    @property
    def is_money(self) -> bool:
        """Whether amounts of this unit are money (whole VND)."""
        return self is Unit.VND


class Qualifier(enum.Enum):
    """How a figure's number is meant: exactly, about, at least, and so on.

    A range (``low < high``) is written with :attr:`EXACT` ("15 - 17") or :attr:`ABOUT`
    ("khoảng 15 - 17").
    """

    EXACT = "exact"
    """The number as written, or every value of a range."""
    ABOUT = "about"
    """*khoảng*: within a tolerance either side."""
    NEARLY = "nearly"
    """*gần*: a little below the number, never above it."""
    AT_LEAST = "at_least"
    """*ít nhất*, *tối thiểu*, *từ … trở lên*: the number or more."""
    MORE_THAN = "more_than"
    """*hơn*, *trên*: strictly more than the number."""
    AT_MOST = "at_most"
    """*tối đa*, *không quá*: the number or less."""
    LESS_THAN = "less_than"
    """*dưới*: strictly less than the number."""

    @property
    def is_approximate(self) -> bool:
        """Whether the figure is only approximate (*khoảng*, *gần*)."""
        return self in {Qualifier.ABOUT, Qualifier.NEARLY}
