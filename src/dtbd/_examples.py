"""Synthetic example records for a scheme: made-up people, courses and spending.

Everything here is invented (*dữ liệu mẫu*): names are drawn from short lists of common
Vietnamese names, every person carries the tag ``synthetic`` and every id starts with
``vd-`` (*ví dụ*). The data follows the scheme's targets and rules so that progress and
rule checks have something to show, and a few rule violations are planted on purpose
(:func:`example_violations` lists them).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import math
import random
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import attrs

from dtbd._budget import BudgetLine, FundingSource, Spending
from dtbd._calendar import is_study_day, study_end
from dtbd._categories import (
    DISTRICT_LEVEL_ENDS,
    Activity,
    CourseFormat,
    Gender,
    Level,
    Location,
    Outcome,
    StaffCategory,
)
from dtbd._people import Attendance, Course, Person
from dtbd._period import Period, to_date
from dtbd._records import Records
from dtbd._rules import AgeReference, Rule, RuleKind
from dtbd._scope import Scope
from dtbd._target import Cadence, Count, ShareBasis, Target
from dtbd._units import Qualifier

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dtbd._figure import Figure
    from dtbd._scheme import Scheme

__all__ = [
    "SYNTHETIC_TAG",
    "PlantedViolation",
    "example_records",
    "example_violations",
    "write_records_csv",
]

SYNTHETIC_TAG = "synthetic"
"""The tag every example person carries, so synthetic rows are never taken for real."""

_FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
)
_MIDDLE = {
    Gender.MALE: ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân"],
    Gender.FEMALE: ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Thùy", "Mỹ"],
}
_GIVEN = {
    Gender.MALE: [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Trung",
        "Tuấn",
        "Việt",
    ],
    Gender.FEMALE: [
        "Anh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Nhung",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
    ],
}
# Vocabularies follow docs/catalog.md (lowercase-kebab English, agencies in Vietnamese).
_POSITIONS = {
    StaffCategory.CADRE: ("department-deputy-director", "committee-vice-chair"),
    StaffCategory.CIVIL_SERVANT: ("specialist", "specialist", "division-deputy-head"),
    StaffCategory.PUBLIC_EMPLOYEE: ("teacher", "doctor", "nurse", "engineer", "accountant"),
    StaffCategory.COMMUNE_CADRE: ("committee-vice-chair", "justice-officer", "office-officer"),
    StaffCategory.PART_TIME_COMMUNE: ("village-head",),
    StaffCategory.COUNCIL_DELEGATE: ("council-delegate",),
}
_UNITS = {
    Level.CENTRAL: ("Bộ Nội vụ", "Bộ Tài chính"),
    Level.PROVINCE: ("Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo"),
    Level.DISTRICT: ("UBND huyện Đông Hưng", "UBND huyện Tân Yên", "UBND thị xã Phú Bình"),
    Level.COMMUNE: (
        "UBND xã An Bình",
        "UBND xã Tân Phú",
        "UBND phường Hòa Lạc",
        "UBND xã Phú Lộc",
    ),
}
_SCHOOLS = (
    "Trường THPT số 2",
    "Bệnh viện Đa khoa tỉnh",
    "Trung tâm Y tế huyện",
    "Trường Mầm non Hoa Sen",
)
_CATEGORY_MIX = (
    (StaffCategory.PUBLIC_EMPLOYEE, 45),
    (StaffCategory.CIVIL_SERVANT, 33),
    (StaffCategory.COMMUNE_CADRE, 15),
    (StaffCategory.CADRE, 7),
)
_QUALIFICATIONS = (
    "university",
    "university",
    "university",
    "college",
    "master",
    "intermediate-political-theory",
)
_TOPIC_LABELS = {
    "law": "cập nhật kiến thức pháp luật",
    "public-service-ethics": "đạo đức công vụ",
    "public-service-skills": "kỹ năng thực thi công vụ",
    "management-skills": "kỹ năng lãnh đạo, quản lý",
    "professional-knowledge": "kiến thức chuyên ngành",
    "digital-skills": "kỹ năng số",
    "state-management": "quản lý nhà nước",
    "administrative-reform": "cải cách hành chính",
    "foreign-language": "ngoại ngữ",
}
_TOPICS = tuple(_TOPIC_LABELS)
_ABROAD = {
    "JP": "Tokyo",
    "KR": "Seoul",
    "SG": "Singapore",
    "AU": "Canberra",
    "DE": "Berlin",
    "FR": "Paris",
    "FI": "Helsinki",
    "NZ": "Wellington",
}
_PLACES = ("Hà Nội", "TP. Hồ Chí Minh", "Hưng Yên", "Đà Nẵng")
_PROVIDERS = {
    Activity.TRAINING: ("Học viện Chính trị quốc gia Hồ Chí Minh", "Trường Đại học Nội vụ Hà Nội"),
    Activity.FOSTERING: ("Trường Chính trị tỉnh", "Học viện Hành chính Quốc gia", "Sở Nội vụ"),
}
_PROVIDER_ABROAD = "Cơ sở đào tạo đối tác nước ngoài"


class _Pace(enum.Enum):
    ON_TRACK = "on_track"
    BEHIND = "behind"


@attrs.frozen
class PlantedViolation:
    """A rule violation put into the example data on purpose, for the checks to find.

    Attributes:
        rule: the id of the scheme's rule that is broken.
        kind: what the rule checks.
        persons: the ids of the persons involved (empty for a course-size violation).
        courses: the ids of the courses involved.
        note: what was planted, in words.
    """

    rule: str
    kind: RuleKind
    persons: tuple[str, ...]
    courses: tuple[str, ...]
    note: str


@dataclasses.dataclass(slots=True)
class _Course:
    """A course being built; turned into a :class:`Course` at the end."""

    id: str
    start: dt.date
    end: dt.date
    study_days: int
    activity: Activity
    format: CourseFormat
    location: Location
    country: str | None
    lead: str | None
    topic: str
    content: str
    target: str
    scope: Scope
    learners: list[str]
    cost: Decimal = Decimal(0)


def _amount(figure: Figure | None) -> Decimal | None:
    """The single number a figure stands for: its value, a range's middle, an open end."""
    if figure is None:
        return None
    if figure.low is not None and figure.high is not None:
        return (figure.low + figure.high) / 2
    return figure.low if figure.low is not None else figure.high


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _max_age(figure: Figure | None) -> int | None:
    """The oldest whole age an age-limit figure allows ("dưới 45 tuổi" → 44)."""
    if figure is None or figure.high is None:
        return None
    high = int(figure.high)
    return high - 1 if figure.qualifier is Qualifier.LESS_THAN else high


def _course_in(scope: Scope, course: _Course) -> bool:
    return (
        (scope.activity is None or scope.activity is course.activity)
        and (scope.location is None or scope.location is course.location)
        and (not scope.countries or course.country in scope.countries)
        and (not scope.formats or course.format in scope.formats)
        and (not scope.topics or course.topic in scope.topics)
        and (not scope.leads or course.lead in scope.leads)
    )


def _person_in(scope: Scope, person: Person, on: dt.date) -> bool:
    def any_of(wanted: tuple[object, ...], have: Iterable[object]) -> bool:
        return not wanted or any(item in wanted for item in have)

    return (
        any_of(scope.categories, (person.category,))
        and any_of(scope.levels, (person.level,))
        and any_of(scope.positions, (person.position,))
        and any_of(scope.units, (person.unit,))
        and any_of(scope.tags, person.tags)
        and any_of(scope.qualifications, person.qualifications)
        and (scope.gender is None or scope.gender is person.gender)
        and (
            scope.under_age is None
            or (person.birth_date is not None and _age(person.birth_date, on) < scope.under_age)
        )
    )


def _merge(first: Scope, second: Scope, *, skip_qualifications: bool = False) -> Scope:
    """Person fields of both scopes at once (``first`` wins where they disagree)."""

    def both(a: tuple[object, ...], b: tuple[object, ...]) -> tuple[object, ...]:
        common = tuple(x for x in a if x in b)
        return common or a or b

    ages = [age for age in (first.under_age, second.under_age) if age is not None]
    return attrs.evolve(
        first,
        categories=both(first.categories, second.categories),
        levels=both(first.levels, second.levels),
        positions=both(first.positions, second.positions),
        units=both(first.units, second.units),
        tags=both(first.tags, second.tags),
        qualifications=()
        if skip_qualifications
        else both(first.qualifications, second.qualifications),
        gender=first.gender or second.gender,
        under_age=min(ages) if ages else None,
    )


class _Builder:
    """Builds one example data set; every random choice goes through ``self.rng``."""

    def __init__(self, scheme: Scheme, seed: int, as_of: dt.date | None, scale: float) -> None:
        self.scheme = scheme
        self.period = scheme.period
        self.rng = random.Random(seed)  # noqa: S311  -- reproducible sample data, not secrets
        self.scale = scale
        if as_of is None:
            # Two thirds of the way through, so that progress has something to show.
            third = round((self.period.days - 1) * 2 / 3)
            self.horizon = to_date(self.period.start + dt.timedelta(days=third))
        else:
            self.horizon = min(to_date(as_of), to_date(self.period.end))
        refs = [r.reference_date for r in scheme.rules if r.reference_date is not None]
        # Ages are set at the latest date anyone reads them, so younger on every earlier day.
        self.age_ref = max([self.horizon, *refs])
        self.persons: dict[str, Person] = {}
        self.courses: list[_Course] = []
        self.busy: dict[str, list[_Course]] = {}
        self.pools: dict[object, list[str]] = {}
        self.pointer: dict[object, int] = {}
        self.factors: dict[str, float] = {}
        self.delivered: set[str] = set()
        self.rosters: dict[Scope, list[str]] = {}
        self.spending: list[Spending] = []
        self.planted: list[PlantedViolation] = []
        scopes = [r.scope for r in scheme.rules]
        for t in scheme.all_targets():
            scopes += [t.scope] if t.population is None else [t.scope, t.population]
        # Words the scheme's scopes look for are never given out by default, so that the
        # people and courses made for one target do not spill into another's count.
        self.reserved = {
            word for s in scopes for word in (*s.positions, *s.qualifications, *s.topics)
        }
        self._ends: dict[tuple[dt.date, int], dt.date] = {}

    # -- dates --------------------------------------------------------------------------

    def domain(self, span: Period) -> Period | None:
        """The days of ``span`` inside the scheme's period and up to the horizon."""
        start = max(to_date(span.start), to_date(self.period.start))
        end = min(to_date(span.end), to_date(self.period.end), self.horizon)
        return Period(start, end) if start <= end else None

    def elapsed(self, span: Period) -> float:
        """The share of ``span`` that lies before the horizon (0 to 1)."""
        done = (self.horizon - to_date(span.start)).days + 1
        return min(max(done / span.days, 0.0), 1.0)

    def end_of(self, start: dt.date, days: int) -> dt.date:
        key = (start, days)
        if key not in self._ends:
            self._ends[key] = study_end(start, days)
        return self._ends[key]

    # -- persons ------------------------------------------------------------------------

    def new_person(self, scope: Scope, cap: int | None, **fixed: object) -> Person:
        """A fresh person inside ``scope``'s person fields, no older than ``cap``."""
        rng = self.rng
        gender = fixed.get("gender") or scope.gender or rng.choice((Gender.FEMALE, Gender.MALE))
        assert isinstance(gender, Gender)  # noqa: S101  -- narrows the type for mypy
        mix = _CATEGORY_MIX
        category = (
            rng.choice(scope.categories)
            if scope.categories
            else rng.choices([c for c, _ in mix], [w for _, w in mix])[0]
        )
        if scope.levels:
            level = rng.choice(scope.levels)
        elif category in {StaffCategory.COMMUNE_CADRE, StaffCategory.PART_TIME_COMMUNE}:
            level = Level.COMMUNE
        elif self.horizon <= DISTRICT_LEVEL_ENDS and rng.random() < 0.4:
            level = Level.DISTRICT
        else:
            level = Level.PROVINCE
        if scope.units:
            unit = rng.choice(scope.units)
        elif category is StaffCategory.PUBLIC_EMPLOYEE:
            unit = rng.choice(_SCHOOLS)
        else:
            unit = rng.choice(_UNITS[level])
        quals = [q for q in _QUALIFICATIONS if q not in self.reserved] or ["university"]
        posts = [p for p in _POSITIONS[category] if p not in self.reserved] or ["officer"]
        qualification = rng.choice(scope.qualifications or tuple(quals))
        tags = (SYNTHETIC_TAG, rng.choice(scope.tags)) if scope.tags else (SYNTHETIC_TAG,)
        high = 58 if cap is None else cap
        if scope.under_age is not None:
            high = min(high, scope.under_age - 1)
        age = fixed.get("age")
        if not isinstance(age, int):
            age = rng.randint(min(24, high), high)
        person = Person(
            f"vd-p{len(self.persons) + 1:06d}",
            name=" ".join(
                (rng.choice(_FAMILY), rng.choice(_MIDDLE[gender]), rng.choice(_GIVEN[gender]))
            ),
            birth_date=self.born(age),
            gender=gender,
            category=category,
            level=level,
            position=rng.choice(scope.positions or tuple(posts)),
            unit=unit,
            qualifications=(qualification,),
            tags=tags,
        )
        self.persons[person.id] = person
        self.busy[person.id] = []
        return person

    def born(self, age: int, ref: dt.date | None = None) -> dt.date:
        """A birth date that makes a person exactly ``age`` on ``ref`` (the age reference)."""
        ref = ref or self.age_ref
        anchor = dt.date(ref.year - age, ref.month, min(ref.day, 28))
        day = anchor - dt.timedelta(days=self.rng.randint(1, 360))
        return day - dt.timedelta(days=1) if (day.month, day.day) == (2, 29) else day

    def age_cap(self, course: _Course) -> int | None:
        """The oldest age allowed on ``course`` by its scope and the scheme's age rules."""
        caps = [course.scope.under_age - 1] if course.scope.under_age else []
        for rule in self.scheme.rules:
            limit = _max_age(rule.figure) if rule.kind is RuleKind.AGE_LIMIT else None
            if limit is not None and _course_in(rule.scope, course):
                caps.append(limit)
        return min(caps) if caps else None

    def free(self, pid: str, course: _Course, cap: int | None) -> bool:
        """Whether ``pid`` can join ``course``: young enough, not busy, new content."""
        born = self.persons[pid].birth_date
        if cap is not None and born is not None and _age(born, self.age_ref) > cap:
            return False
        return not any(
            other.content == course.content
            or (other.start <= course.end and course.start <= other.end)
            for other in self.busy[pid]
        )

    def join(self, course: _Course, pids: Iterable[str]) -> None:
        for pid in pids:
            course.learners.append(pid)
            self.busy[pid].append(course)

    # -- courses ------------------------------------------------------------------------

    def new_course(self, target: Target, scope: Scope, dom: Period) -> _Course | None:
        """A course inside ``scope``'s course fields, held within ``dom``; None if none fits."""
        rng = self.rng
        activity = scope.activity or Activity.FOSTERING
        location = scope.location or (Location.ABROAD if scope.countries else Location.DOMESTIC)
        country = None
        if location is Location.ABROAD:
            country = rng.choice(scope.countries or tuple(_ABROAD))
        if scope.formats:
            form = rng.choice(scope.formats)
        elif location is Location.ABROAD:
            form = CourseFormat.FULL_TIME
        else:
            weights = (3, 2, 1) if activity is Activity.TRAINING else (6, 2, 2)
            form = rng.choices(tuple(CourseFormat), weights)[0]
        if activity is Activity.TRAINING:
            days = rng.randint(40, 120)
        elif location is Location.ABROAD:
            days = rng.randint(10, 20)
        else:
            days = rng.randint(1, 3) if form is CourseFormat.ONLINE else rng.randint(2, 10)
        first, last = to_date(dom.start), to_date(dom.end)
        for _ in range(8):
            slack = (last - first).days - math.ceil(days * 1.6)
            start = first + dt.timedelta(days=rng.randint(0, max(slack, 0)))
            while not is_study_day(start) and start <= last:
                start += dt.timedelta(days=1)
            if start > last:
                return None
            end = self.end_of(start, days)
            if end <= last:
                topics = [t for t in _TOPICS if t not in self.reserved] or ["general-knowledge"]
                topic = rng.choice(scope.topics or tuple(topics))
                course = _Course(
                    f"vd-c{len(self.courses) + 1:06d}",
                    start,
                    end,
                    days,
                    activity,
                    form,
                    location,
                    country,
                    rng.choice(scope.leads) if scope.leads else target.lead,
                    topic,
                    f"{topic}-{rng.randint(1, 6):02d}",
                    target.id,
                    scope,
                    [],
                )
                self.courses.append(course)
                return course
            days = max(1, days // 2)
        return None

    def size_of(self, course: _Course, stated: Figure | None) -> int:
        """A cohort size: as the target states, else usual for the kind of course."""
        if stated is not None and stated.low is not None:
            low, high = int(stated.low), int(stated.high or stated.low + 5)
        elif course.location is Location.ABROAD:
            low, high = 15, 20
        elif course.activity is Activity.TRAINING:
            low, high = 20, 35
        elif course.format is CourseFormat.ONLINE:
            low, high = 80, 150
        else:
            low, high = 40, 80
        for rule in self.scheme.rules:
            if rule.kind is RuleKind.COURSE_SIZE and _course_in(rule.scope, course):
                fig = rule.figure
                assert fig is not None  # noqa: S101  -- a course-size rule has a figure
                low = max(low, math.ceil(fig.low)) if fig.low is not None else low
                high = min(high, int(fig.high)) if fig.high is not None else high
                low = min(low, high)
        return self.rng.randint(low, high)

    def fill(self, course: _Course, size: int, key: object, reuse: float) -> None:
        """Seat ``size`` learners: some from the pool ``key`` when free, the rest new."""
        pool = self.pools.setdefault(key, [])
        cap = self.age_cap(course)
        want = round(size * reuse) if pool else 0
        chosen: list[str] = []
        if want:
            start, count = self.pointer.get(key, 0), len(pool)
            tries = min(count, 4 * want + 10)
            for step in range(tries):
                pid = pool[(start + step) % count]
                if pid not in chosen and self.free(pid, course, cap):
                    chosen.append(pid)
                    if len(chosen) >= want:
                        break
            self.pointer[key] = (start + tries) % count
        while len(chosen) < size:
            person = self.new_person(course.scope, cap)
            pool.append(person.id)
            chosen.append(person.id)
        self.join(course, chosen)

    def run_courses(
        self, target: Target, scope: Scope, dom: Period, goal: float, *, key: object
    ) -> int:
        """Courses for ``target`` in ``dom`` until ``goal`` (in the target's count) is met."""
        count = target.counts
        reuse = {
            Count.ATTENDANCES: 0.45,
            Count.STUDY_DAYS: 0.45,
            Count.PERSONS: 0.08,
        }.get(count, 0.0)
        if (scope.activity or Activity.FOSTERING) is Activity.TRAINING:
            reuse = min(reuse, 0.05)
        done, seated = 0.0, 0
        while done < goal:
            course = self.new_course(target, scope, dom)
            if course is None:
                break
            size = self.size_of(course, target.course_size)
            if count in {Count.ATTENDANCES, Count.PERSONS} and goal - done < size:
                size = max(math.ceil(goal - done), min(size, 5))
            self.fill(course, size, key, reuse)
            seated += size
            done += {Count.COURSES: 1, Count.STUDY_DAYS: size * course.study_days}.get(count, size)
        return seated

    # -- targets ------------------------------------------------------------------------

    def own_amounts(self) -> dict[str, Decimal]:
        """What each target itself adds beyond its parts ("theo nhu cầu" parts share the rest)."""
        values = {t.id: _amount(t.figure) for t in self.scheme.all_targets()}
        own: dict[str, Decimal] = {}
        for target in self.scheme.all_targets():
            value = values[target.id]
            if target.counts is Count.SHARE or not target.parts:
                if value is not None:
                    own[target.id] = value
                continue
            stated = [values[p.id] for p in target.parts]
            rest = max((value or Decimal(0)) - sum(v for v in stated if v is not None), Decimal(0))
            vague = [p for p, v in zip(target.parts, stated, strict=True) if v is None]
            for part in vague:
                values[part.id] = rest / len(vague)
            own[target.id] = Decimal(0) if vague else rest
        return own

    def slices(self, target: Target) -> list[tuple[Period, float]]:
        """The spans a target is measured over, each with the share of it already elapsed."""
        window = target.window.within(self.period)
        spans = [window]
        if target.window.cadence is Cadence.PER_YEAR:
            spans = [s for s in (window.year(y) for y in window.years) if s is not None]
        return [(span, self.elapsed(span)) for span in spans]

    def run_target(self, target: Target, amount: Decimal) -> None:
        if target.counts in {Count.SPENDING, Count.SHARE} or (
            target.counts is Count.PERSONS and target.id in self.delivered
        ):
            return
        scope, key = target.scope, cast("object", target.scope)
        if target.counts is Count.PERSONS:
            key = ("persons", target.id)
        if target.counts is Count.COURSES and target.delivers is not None:
            delivered = self.scheme.target(target.delivers)
            scope = _merge(target.scope, delivered.scope)
            scope = attrs.evolve(
                scope,
                **{
                    name: getattr(target.scope, name) or getattr(delivered.scope, name)
                    for name in ("activity", "location", "countries", "formats", "topics", "leads")
                },
            )
            key = ("courses", target.id)
            self.delivered.add(target.delivers)
        for span, share in self.slices(target):
            dom = self.domain(span)
            if dom is not None:
                goal = float(amount) * self.scale * self.factors[target.id] * share
                self.run_courses(target, scope, dom, goal, key=key)

    def roster(self, target: Target) -> Scope:
        """The population of a share target, with a roster of fresh persons the first time."""
        qualified = target.basis is ShareBasis.QUALIFIED
        population = _merge(
            target.population or Scope(), target.scope, skip_qualifications=qualified
        )
        if population not in self.rosters:
            size = max(round(self.rng.randint(200, 400) * self.scale), 10)
            self.rosters[population] = [self.new_person(population, None).id for _ in range(size)]
        return population

    def run_share(self, target: Target, figure: float, population: Scope) -> None:
        """A numerator near the figure: above it when on track, below it when not."""
        if self.factors[target.id] >= 1:
            share = min(figure * self.rng.uniform(1.0, 1.1), 100.0)
        else:
            share = figure * self.rng.uniform(0.75, 0.95)
        if target.basis is ShareBasis.QUALIFIED:
            self.share_qualified(target, population, share)
            return
        for span, _ in self.slices(target):
            dom = self.domain(span)
            if dom is not None:
                self.share_attended(target, population, share, dom)

    def share_qualified(self, target: Target, population: Scope, share: float) -> None:
        """Give the scope's qualification to enough of the population to reach ``share``."""
        wanted = target.scope.qualifications
        members = [p for p in self.persons.values() if _person_in(population, p, self.horizon)]
        if not wanted:
            return
        missing = [p for p in members if not set(p.qualifications) & set(wanted)]
        need = round(share / 100 * len(members)) - (len(members) - len(missing))
        for person in self.rng.sample(missing, min(max(need, 0), len(missing))):
            extra = (*person.qualifications, wanted[0])
            self.persons[person.id] = attrs.evolve(person, qualifications=extra)

    def share_attended(self, target: Target, population: Scope, share: float, dom: Period) -> None:
        """Send enough of the population on courses in ``dom`` to reach ``share``."""
        members = [p.id for p in self.persons.values() if _person_in(population, p, dom.end)]
        done = {
            pid
            for pid in members
            for c in self.busy[pid]
            if _course_in(target.scope, c) and dom.start <= c.start <= dom.end
        }
        need = round(share / 100 * len(members)) - len(done)
        waiting = [pid for pid in members if pid not in done]
        self.rng.shuffle(waiting)
        while need > 0 and waiting:
            course = self.new_course(target, target.scope, dom)
            if course is None:
                return
            size, cap = self.size_of(course, None), self.age_cap(course)
            seats: list[str] = []
            rest: list[str] = []
            for pid in waiting:
                if len(seats) < min(size, need) and self.free(pid, course, cap):
                    seats.append(pid)
                else:
                    rest.append(pid)
            if not seats:
                self.courses.pop()
                return
            self.join(course, seats)
            need, waiting = need - len(seats), rest

    # -- money --------------------------------------------------------------------------

    def pay(
        self,
        day: dt.date,
        amount: Decimal,
        *,
        line: str | None = None,
        course: _Course | None = None,
        source: FundingSource | None = None,
    ) -> None:
        # Whole thousands of đồng, as payments are booked.
        amount = (amount / 1000).quantize(Decimal(1)) * 1000
        if amount <= 0:
            return
        if course is not None:
            course.cost += amount
        self.spending.append(
            Spending(
                f"vd-s{len(self.spending) + 1:06d}",
                day,
                amount,
                budget_line=line,
                course=None if course is None else course.id,
                source=source,
                description="Chi phí mẫu (dữ liệu tổng hợp)",
            )
        )

    def spread(
        self,
        total: Decimal,
        span: Period,
        courses: list[_Course],
        *,
        line: str | None = None,
        source: FundingSource | None = None,
    ) -> None:
        """Pay ``total`` over the courses (by size) or, without courses, each quarter."""
        if courses:
            seats = sum(len(c.learners) for c in courses) or 1
            for course in courses:
                share = total * len(course.learners) / seats
                self.pay(course.end, share, line=line, course=course, source=source)
            return
        dom = self.domain(span)
        if dom is None:
            return
        days = [
            d
            for y in dom.years
            for m in (3, 6, 9, 12)
            if (d := dt.date(y, m, 30 if m in {6, 9} else 31)) in dom
        ] or [to_date(dom.end)]
        for day in days:
            self.pay(day, total / len(days), line=line, source=source)

    def run_money(self) -> None:
        """Spending against the budget lines and money targets; a cost on every course."""
        paid = self.pay_lines()
        for target in self.scheme.all_targets():
            value = _amount(target.figure)
            if target.counts is not Count.SPENDING or target.id in paid or value is None:
                continue
            for span, share in self.slices(target):
                total = value * Decimal(str(round(self.factors[target.id] * share, 4)))
                courses = [
                    c for c in self.courses if _course_in(target.scope, c) and c.start in span
                ]
                self.spread(total, span, courses[:50])
        for course in self.courses:
            if course.cost == 0:
                self.cost_course(course)

    def pay_lines(self) -> set[str]:
        """Pay each budget line in part; return the targets the lines pay for."""
        by_target: dict[str, list[_Course]] = {}
        for course in self.courses:
            by_target.setdefault(course.target, []).append(course)
        paid: set[str] = set()
        budget = self.scheme.budget
        for line, target_id in _leaf_lines(self.scheme):
            value = _amount(line.amount)
            if value is None:
                continue
            span = self.period if line.year is None else Period.of_years(line.year)
            factor = self.factors.get(target_id or "", self.rng.uniform(0.5, 1.0))
            total = value * Decimal(str(round(factor * self.elapsed(span), 4)))
            courses: list[_Course] = []
            if target_id is not None:
                paid.add(target_id)
                ids = [t.id for t in self.scheme.target(target_id).walk()]
                ids += [t.id for t in self.scheme.all_targets() if t.delivers in ids]
                courses = [c for i in ids for c in by_target.get(i, []) if c.start in span]
            source = line.source or (budget.source if budget else None)
            self.spread(total, span, courses, line=line.id, source=source)
        return paid

    def cost_course(self, course: _Course) -> None:
        """A usual cost for a course no budget line paid; paid as such without a budget."""
        # Thousands of đồng per learner: a study visit abroad, a degree, a short course.
        per_head = {
            Location.ABROAD: 150_000,
            Location.DOMESTIC: 40_000 if course.activity is Activity.TRAINING else 3_000,
        }[course.location]
        cost = Decimal(per_head * self.rng.randint(800, 1200)) * len(course.learners)
        if self.scheme.budget is None:
            self.pay(course.end, cost, course=course, source=FundingSource.LOCAL_BUDGET)
        else:
            course.cost = cost

    # -- planted violations -------------------------------------------------------------

    def plant(self) -> None:
        """Break each rule of the scheme once, on purpose, and note where."""
        used: set[str] = set()
        planters = {
            RuleKind.AGE_LIMIT: self.plant_age,
            RuleKind.NO_OVERLAP: self.plant_overlap,
            RuleKind.NO_REPEAT: self.plant_repeat,
            RuleKind.COURSE_SIZE: self.plant_size,
        }
        for rule in self.scheme.rules:
            planter = planters.get(rule.kind)
            if planter is not None:
                planter(rule, used)

    def candidates(self, rule: Rule, used: set[str]) -> list[_Course]:
        found = [
            c
            for c in self.courses
            if c.id not in used
            and c.learners
            and rule.in_force(c.start)
            and _course_in(rule.scope, c)
        ]
        return sorted(found, key=lambda c: (c.start, c.id))

    def swap(self, course: _Course, pid: str) -> None:
        """Put ``pid`` in the first seat of ``course``, in place of its learner."""
        old = course.learners[0]
        self.busy[old].remove(course)
        course.learners[0] = pid
        self.busy[pid].append(course)

    def clone(self, course: _Course, start: dt.date, content: str) -> _Course | None:
        """A copy of ``course`` from ``start`` with fresh learners, if it fits the dates."""
        while not is_study_day(start):
            start += dt.timedelta(days=1)
        end = self.end_of(start, course.study_days)
        if start < self.period.start or end > self.horizon:
            return None
        copy = dataclasses.replace(
            course, id=f"vd-c{len(self.courses) + 1:06d}", start=start, end=end, learners=[]
        )
        copy.content = content
        self.courses.append(copy)
        self.fill(copy, max(len(course.learners) - 1, 1), ("planted", copy.id), 0.0)
        return copy

    def plant_age(self, rule: Rule, used: set[str]) -> None:
        limit = _max_age(rule.figure)
        courses = self.candidates(rule, used)
        if limit is None or not courses:
            return
        course = courses[self.rng.randrange(len(courses))]
        ref = rule.reference_date if rule.reference is AgeReference.DATE else course.start
        assert ref is not None  # noqa: S101  -- a date reference comes with its date
        scope = attrs.evolve(_merge(rule.scope, course.scope), under_age=None)
        person = self.new_person(scope, None, gender=rule.scope.gender or Gender.MALE)
        person = attrs.evolve(person, birth_date=self.born(limit + 3, to_date(ref)))
        self.persons[person.id] = person
        self.swap(course, person.id)
        used.add(course.id)
        self.planted.append(
            PlantedViolation(
                rule.id,
                rule.kind,
                (person.id,),
                (course.id,),
                f"{person.name}, {limit + 3} tuổi, học khóa {course.id} (tối đa {limit} tuổi)",
            )
        )

    def plant_overlap(self, rule: Rule, used: set[str]) -> None:
        courses = self.candidates(rule, used)
        pair = next(
            (
                (a, b, pid)
                for i, a in enumerate(courses)
                for b in courses[i + 1 : i + 20]
                if b.start <= a.end and b.content != a.content
                for pid in a.learners[:3]
                if pid not in b.learners
            ),
            None,
        )
        if pair is None and courses:
            first = courses[0]
            copy = self.clone(first, first.start, f"{first.content}-b")
            pair = None if copy is None else (first, copy, first.learners[0])
        if pair is None:
            return
        first, second, pid = pair
        self.swap(second, pid)
        used.update((first.id, second.id))
        self.planted.append(
            PlantedViolation(
                rule.id,
                rule.kind,
                (pid,),
                (first.id, second.id),
                f"{pid} học cùng lúc hai khóa {first.id} và {second.id}",
            )
        )

    def plant_repeat(self, rule: Rule, used: set[str]) -> None:
        courses = self.candidates(rule, used)
        pair = next(
            (
                (a, b, pid)
                for i, a in enumerate(courses)
                for b in courses[i + 1 :]
                if b.content == a.content and b.start > a.end
                for pid in a.learners[:3]
                if pid not in b.learners
            ),
            None,
        )
        if pair is None and courses:
            first = courses[0]
            later = first.end + dt.timedelta(days=14)
            copy = self.clone(first, later, first.content)
            pair = None if copy is None else (first, copy, first.learners[0])
        if pair is None:
            return
        first, second, pid = pair
        self.swap(second, pid)
        used.update((first.id, second.id))
        self.planted.append(
            PlantedViolation(
                rule.id,
                rule.kind,
                (pid,),
                (first.id, second.id),
                f"{pid} học lại nội dung {first.content} ở khóa {second.id}",
            )
        )

    def plant_size(self, rule: Rule, used: set[str]) -> None:
        courses = self.candidates(rule, used)
        figure = rule.figure
        if not courses or figure is None:
            return
        course = courses[self.rng.randrange(len(courses))]
        low, high = figure.acceptance()
        if high is not None:
            self.fill(course, math.floor(high) + 3 - len(course.learners), ("planted", rule.id), 0)
        elif low >= 3:
            for pid in course.learners[math.ceil(low) - 2 :]:
                self.busy[pid].remove(course)
            del course.learners[math.ceil(low) - 2 :]
        else:
            return
        used.add(course.id)
        size = len(course.learners)
        self.planted.append(
            PlantedViolation(
                rule.id,
                rule.kind,
                (),
                (course.id,),
                f"khóa {course.id} có {size} học viên, ngoài quy mô {figure.format()}",
            )
        )

    # -- the records --------------------------------------------------------------------

    def build(self) -> tuple[Records, tuple[PlantedViolation, ...]]:
        """Generate everything: targets first, then violations, then money."""
        rng = self.rng
        targets = self.scheme.all_targets()
        offset = rng.randrange(2)
        for index, target in enumerate(targets):
            on_track = (index + offset) % 2 == 0
            self.factors[target.id] = rng.uniform(1.0, 1.1) if on_track else rng.uniform(0.5, 0.9)
        own = self.own_amounts()
        # Courses that deliver a person target go first, shares last: their rosters
        # take in everyone generated before.
        order = sorted(
            targets,
            key=lambda t: (
                t.counts is not Count.COURSES or t.delivers is None,
                t.counts is Count.SHARE,
            ),
        )
        shares = [t for t in order if t.counts is Count.SHARE and own.get(t.id, 0) > 0]
        for target in order:
            if target.counts is not Count.SHARE and own.get(target.id, 0) > 0:
                self.run_target(target, own[target.id])
        # Every roster before any numerator: a later roster may add to an earlier population.
        populations = [self.roster(t) for t in shares]
        for target, population in zip(shares, populations, strict=True):
            self.run_share(target, float(own[target.id]), population)
        self.plant()
        self.run_money()
        return self.records(), tuple(self.planted)

    def records(self) -> Records:
        rng = self.rng
        courses, attendances = [], []
        for number, c in enumerate(self.courses, start=1):
            abroad = c.location is Location.ABROAD
            kind = "Đào tạo" if c.activity is Activity.TRAINING else "Bồi dưỡng"
            courses.append(
                Course(
                    c.id,
                    start=c.start,
                    end=c.end,
                    study_days=c.study_days,
                    title=f"[Dữ liệu mẫu] {kind} {_TOPIC_LABELS.get(c.topic, c.topic)} {number}",
                    activity=c.activity,
                    format=c.format,
                    location=c.location,
                    country=c.country,
                    place=_ABROAD.get(c.country or "", c.country)
                    if abroad
                    else rng.choice(_PLACES),
                    provider=_PROVIDER_ABROAD if abroad else rng.choice(_PROVIDERS[c.activity]),
                    lead=c.lead,
                    topics=(c.topic,),
                    content=c.content,
                    cost=c.cost,
                    target=c.target,
                )
            )
            for pid in c.learners:
                draw = rng.random()
                outcome = (
                    Outcome.WITHDRAWN
                    if draw < 0.03
                    else Outcome.FAILED
                    if draw < 0.05
                    else Outcome.COMPLETED
                )
                attendances.append(Attendance(pid, c.id, outcome))
        return Records(tuple(self.persons.values()), courses, attendances, self.spending)


def _leaf_lines(scheme: Scheme) -> list[tuple[BudgetLine, str | None]]:
    """The budget lines without parts, each with the target it (or a parent) pays for."""
    found: list[tuple[BudgetLine, str | None]] = []

    def walk(line: BudgetLine, target: str | None) -> None:
        target = line.target or target
        if not line.parts:
            found.append((line, target))
        for part in line.parts:
            walk(part, target)

    for line in scheme.budget.lines if scheme.budget else ():
        walk(line, None)
    return found


@lru_cache(maxsize=4)
def _example(
    scheme: Scheme, seed: int, as_of: dt.date | None, scale: float
) -> tuple[Records, tuple[PlantedViolation, ...]]:
    if not (isinstance(scale, (int, float)) and 0 < scale < math.inf):
        raise ValueError(f"'scale' must be a positive number such as 0.1 or 1.0 (got {scale!r})")
    return _Builder(scheme, seed, as_of, float(scale)).build()


def example_records(
    scheme: Scheme, *, seed: int = 0, as_of: dt.date | None = None, scale: float = 1.0
) -> Records:
    """Synthetic records (*dữ liệu mẫu*) that follow a scheme's targets and rules.

    The same ``scheme``, ``seed``, ``as_of`` and ``scale`` always give the same records;
    nothing reads the clock or the global random generator. Courses fall inside the
    scheme's period, up to ``as_of`` when given, otherwise through two thirds of it.
    Some targets come out on track and some behind (about 50-90 % of the figure due by
    then); ``scale`` multiplies every amount (0.1 for a quick look). Every person is
    tagged :data:`SYNTHETIC_TAG` and every id starts with ``vd-``. A few rule violations
    are planted on purpose: :func:`example_violations` lists them.

    Raises:
        ValueError: ``scale`` is not a positive number.
    """
    day = None if as_of is None else to_date(as_of)
    return _example(scheme, seed, day, scale)[0]


def example_violations(
    scheme: Scheme, *, seed: int = 0, as_of: dt.date | None = None, scale: float = 1.0
) -> tuple[PlantedViolation, ...]:
    """The rule violations planted in :func:`example_records` with the same arguments.

    One per rule of the scheme that the data can break: a person over an age limit on a
    course the limit applies to, a person on two courses at once, the same content taken
    twice, a course bigger (or smaller) than its allowed size.
    """
    day = None if as_of is None else to_date(as_of)
    return _example(scheme, seed, day, scale)[1]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ";".join(_cell(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_records_csv(records: Records, directory: Path) -> dict[str, Path]:
    """Write records as ``persons.csv``, ``courses.csv``, ``attendances.csv``, ``spending.csv``.

    The columns are the model's field names, in order; lists are joined with ``;``,
    dates are ISO (``2024-03-16``), money is whole đồng without separators, and an
    empty cell means "not recorded". The files are UTF-8 and read back with
    :func:`dtbd.read_records`. ``directory`` is created if needed; existing files of
    those names are replaced.

    Returns:
        The path written for each table, by table name.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[type, tuple[object, ...]]] = {
        "persons": (Person, records.persons),
        "courses": (Course, records.courses),
        "attendances": (Attendance, records.attendances),
        "spending": (Spending, records.spending),
    }
    written: dict[str, Path] = {}
    for name, (model, rows) in tables.items():
        columns = [field.name for field in attrs.fields(model)]
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(columns)
            writer.writerows([_cell(getattr(row, c)) for c in columns] for row in rows)
        written[name] = path
    return written
