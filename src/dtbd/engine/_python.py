"""The Python engine: every measure of a scheme over :class:`Records`, in one pass.

Attendances are joined to their course and person once; each joined row is then tried
against every measure. Besides the numbers, the engine keeps per-row bookkeeping
(which rows counted, which fell inside some window, which came after ``as_of``, which
name an unknown course or person) so that nothing the user gave is silently dropped.
The frame engine returns the same :class:`~dtbd.engine._tallies.Tallies` for the same
measures.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from dtbd._errors import RecordProblem
from dtbd.engine._bookkeeping import TableUse, summary
from dtbd.engine._tallies import Amount, RecordSummary, Tallies, Tally
from dtbd.measures._measure import Filter, Measure, Op, Side, reference_date
from dtbd.model._budget import Spending
from dtbd.model._people import Attendance, Course, Person, age_on
from dtbd.model._period import Period, to_date
from dtbd.model._target import Count, ShareBasis
from dtbd.records._dicts import TABLES, LoadedRecords
from dtbd.records._records import Records

__all__ = ["run_measures"]


def _value(obj: object, field: str) -> object:
    value = getattr(obj, field)
    return value.value if isinstance(value, enum.Enum) else value


def _passes(flt: Filter, obj: object | None, on: dt.date) -> bool:
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


def _side_passes(
    filters: Iterable[Filter], course: Course | None, person: Person | None, att: Attendance | None
) -> bool:
    on = course.start if course is not None else dt.date.min
    objects = {Side.COURSE: course, Side.PERSON: person, Side.ATTENDANCE: att}
    return all(_passes(f, objects[f.side], on) for f in filters)


@attrs.define
class _State:
    """Running totals of one measure, keyed by bucket (``None`` is the whole window)."""

    measure: Measure
    sums: dict[int | None, Decimal] = attrs.Factory(lambda: defaultdict(Decimal))
    ids: dict[int | None, set[str]] = attrs.Factory(lambda: defaultdict(set))
    sizes: dict[int | None, int] = attrs.Factory(dict)
    attended: list[tuple[int, str, int]] = attrs.Factory(list)

    @property
    def via_attendances(self) -> bool:
        m = self.measure
        if m.count is Count.COURSES:
            return bool(m.sides() & {Side.PERSON, Side.ATTENDANCE})
        return m.count is not Count.SPENDING


def _add(state: _State, year: int, amount: Decimal | None = None, key: str | None = None) -> None:
    for bucket in (None, year):
        if key is not None:
            state.ids[bucket].add(key)
        if amount is not None:
            state.sums[bucket] += amount


@attrs.frozen
class _Joined:
    """One attendance joined to its course and person, dated by the course start."""

    index: int
    attendance: Attendance
    course: Course
    person: Person | None
    day: dt.date


class _Run:
    """One run's working tables; :func:`run_measures` is its front door."""

    def __init__(
        self,
        measures: Sequence[Measure],
        records: Records,
        as_of: dt.date,
        rows: Mapping[str, Sequence[int]],
    ) -> None:
        self.records, self.as_of, self.rows = records, as_of, rows
        self.states = [_State(m) for m in measures]
        self.counted: dict[str, set[int]] = {t: set() for t in TABLES}
        self.in_window: dict[str, set[int]] = {t: set() for t in TABLES}
        self.after: dict[str, set[int]] = {t: set() for t in TABLES}
        self.bad: dict[str, set[int]] = {t: set() for t in TABLES}
        self.problems: list[RecordProblem] = []
        self.sizes: dict[str, int] = defaultdict(int)
        self.course_index = {c.id: i for i, c in enumerate(records.courses)}
        self.person_index = {p.id: i for i, p in enumerate(records.persons)}
        self.dated = dict.fromkeys(TABLES, False)

    def row(self, table: str, index: int) -> int:
        numbers = self.rows.get(table)
        return numbers[index] if numbers is not None else index + 1

    def problem(
        self, table: str, index: int, field: str | None, message: str, first: int | None = None
    ) -> None:
        self.bad[table].add(index)
        self.problems.append(
            RecordProblem(table, self.row(table, index), field, message, duplicate_of=first)
        )

    def _mark_window(self, table: str, index: int, day: dt.date) -> None:
        if any(day in s.measure.window for s in self.states):
            self.in_window[table].add(index)

    def attendances(self) -> None:
        courses, persons = self.records.course_by_id, self.records.person_by_id
        first: dict[Attendance, int] = {}
        for index, att in enumerate(self.records.attendances):
            if (earlier := first.setdefault(att, index)) != index:
                # Records built by hand skip the reader, which refuses such a copy.
                row = self.row("attendances", earlier)
                message = (
                    f"the same row as row {row}, field for field; it would count twice: "
                    "delete the copy"
                )
                self.problem("attendances", index, None, message, row)
                continue
            course = courses.get(att.course)
            person = persons.get(att.person)
            if course is None:
                self.problem(
                    "attendances", index, "course", f"course {att.course!r} is not in the courses"
                )
                continue
            if person is None and persons:
                self.problem(
                    "attendances", index, "person", f"person {att.person!r} is not in the persons"
                )
                continue
            day = to_date(course.start)
            if day > self.as_of:
                self.after["attendances"].add(index)
                continue
            self.dated["attendances"] = True
            self.sizes[course.id] += 1
            self._mark_window("attendances", index, day)
            for state in self.states:
                self._attendance(state, _Joined(index, att, course, person, day))

    def _attendance(self, state: _State, row: _Joined) -> None:
        index, att, course, person, day = (
            row.index,
            row.attendance,
            row.course,
            row.person,
            row.day,
        )
        m = state.measure
        if not state.via_attendances or day not in m.window:
            return
        if not _side_passes(m.filters, course, person, att):
            return
        if m.count is Count.SHARE:
            state.attended.append((index, att.person, day.year))
            return
        if m.count is Count.ATTENDANCES:
            _add(state, day.year, Decimal(1))
        elif m.count is Count.PERSONS:
            _add(state, day.year, key=att.person)
        elif m.count is Count.COURSES:
            _add(state, day.year, key=course.id)
            self.counted["courses"].add(self.course_index[course.id])
        else:
            days = att.study_days if att.study_days is not None else Decimal(course.days_of_study)
            _add(state, day.year, days)
        self.counted["attendances"].add(index)
        self.counted["courses"].add(self.course_index[course.id])
        if att.person in self.person_index:
            self.counted["persons"].add(self.person_index[att.person])

    def courses(self) -> None:
        for index, course in enumerate(self.records.courses):
            day = to_date(course.start)
            if day > self.as_of:
                self.after["courses"].add(index)
                continue
            self.dated["courses"] = True
            self._mark_window("courses", index, day)
            for state in self.states:
                m = state.measure
                if m.count is not Count.COURSES or state.via_attendances or day not in m.window:
                    continue
                if _side_passes(m.filters, course, None, None):
                    _add(state, day.year, key=course.id)
                    self.counted["courses"].add(index)

    def spending(self) -> None:
        courses = self.records.course_by_id
        for index, line in enumerate(self.records.spending):
            course = courses.get(line.course) if line.course else None
            if line.course and course is None and courses:
                self.problem(
                    "spending", index, "course", f"course {line.course!r} is not in the courses"
                )
                continue
            day = to_date(line.date)
            if day > self.as_of:
                self.after["spending"].add(index)
                continue
            self.dated["spending"] = True
            self._mark_window("spending", index, day)
            for state in self.states:
                if state.measure.count is Count.SPENDING and self._spending_counts(
                    state.measure, line, course, day
                ):
                    _add(state, day.year, line.amount)
                    self.counted["spending"].add(index)
                    if course is not None:
                        self.counted["courses"].add(self.course_index[course.id])

    @staticmethod
    def _spending_counts(m: Measure, line: Spending, course: Course | None, day: dt.date) -> bool:
        if day not in m.window:
            return False
        if line.budget_line is not None and line.budget_line in m.budget_lines:
            return True
        course_filters = [f for f in m.filters if f.side is Side.COURSE]
        if course_filters:
            return course is not None and _side_passes(course_filters, course, None, None)
        return not m.budget_lines and not m.filters

    def shares(self) -> None:
        for state in self.states:
            share = state.measure.share
            if share is None:
                continue
            for bucket, period in _buckets(state.measure):
                if period.start > self.as_of:
                    continue
                on = reference_date(period, self.as_of)
                attended = {p for _, p, y in state.attended if bucket is None or y == bucket}
                population = {
                    i
                    for i, p in enumerate(self.records.persons)
                    if all(_passes(f, p, on) for f in share.population)
                }
                if share.basis is ShareBasis.QUALIFIED:
                    wanted = set(share.qualifications)
                    hits = {
                        i
                        for i in population
                        if wanted & set(self.records.persons[i].qualifications)
                    }
                else:
                    hits = {i for i in population if self.records.persons[i].id in attended}
                state.sums[bucket] = Decimal(len(hits))
                state.sizes[bucket] = len(population)
                self.counted["persons"].update(population)
                if bucket is None:
                    members = {self.records.persons[i].id for i in population}
                    self.counted["attendances"].update(
                        i for i, p, _ in state.attended if p in members
                    )

    def tally(self, state: _State) -> Tally:
        m = state.measure

        def amount(bucket: int | None) -> Amount:
            if m.count is Count.SHARE:
                size = state.sizes.get(bucket, 0)
                return Amount(state.sums.get(bucket, Decimal(0)), Decimal(size))
            if m.count in (Count.PERSONS, Count.COURSES):
                return Amount(Decimal(len(state.ids.get(bucket, ()))), None)
            return Amount(state.sums.get(bucket, Decimal(0)), None)

        years = tuple((y, amount(y)) for y in m.window.years)
        sizes: tuple[tuple[str, int], ...] = ()
        if m.count is Count.COURSES:
            sizes = tuple((c, self.sizes.get(c, 0)) for c in sorted(state.ids.get(None, ())))
        total = amount(None)
        if m.count is Count.SHARE:
            has_data = bool(total.denominator) and (
                (m.share is not None and m.share.basis is ShareBasis.QUALIFIED)
                or self.dated["attendances"]
            )
        else:
            table = {Count.COURSES: "courses", Count.SPENDING: "spending"}.get(
                m.count, "attendances"
            )
            has_data = self.dated[table] or (
                m.count is Count.COURSES and self.dated["attendances"]
            )
        return Tally(m.target_id, total, years, has_data, sizes)


def _buckets(m: Measure) -> list[tuple[int | None, Period]]:
    buckets: list[tuple[int | None, Period]] = [(None, m.window)]
    for year in m.window.years:
        part = m.window.year(year)
        if part is not None:
            buckets.append((year, part))
    return buckets


def _records_and_rows(
    records: Records | LoadedRecords,
) -> tuple[Records, Mapping[str, tuple[int, ...]], tuple[RecordProblem, ...]]:
    """The records, their source row numbers and the rows the reader already refused."""
    if isinstance(records, LoadedRecords):
        return records.records, records.rows, records.problems
    if isinstance(records, Records):
        return records, {}, ()
    raise TypeError(
        f"expected Records or LoadedRecords, got {type(records).__name__}; build them with "
        "dtbd.records_from_dicts(...) or dtbd.read_records(path)"
    )


def run_measures(
    measures: Iterable[Measure], records: Records | LoadedRecords, as_of: dt.date
) -> Tallies:
    """Run ``measures`` over ``records`` as of a date, all in one pass over each table.

    Rows are numbered as the source numbered them (:class:`~dtbd.LoadedRecords` keeps
    them), from 1 otherwise; rows the reader refused count as malformed.
    """
    measures = tuple(measures)
    seen: set[str] = set()
    for m in measures:
        if m.target_id in seen:
            raise ValueError(f"two measures for target {m.target_id!r}; give each target one")
        seen.add(m.target_id)
    data, rows, read_problems = _records_and_rows(records)
    run = _Run(measures, data, to_date(as_of), rows)
    run.attendances()
    run.courses()
    run.spending()
    run.shares()
    tables = {}
    for t in TABLES:
        use = TableUse(
            counted=frozenset(run.counted[t] - run.bad[t]),
            in_window=frozenset(run.in_window[t]),
            after_as_of=frozenset(run.after[t]),
            bad=frozenset(run.bad[t]),
            problems=tuple(p for p in run.problems if p.table == t),
        )
        tables[t] = summary(
            len(getattr(data, t)),
            use,
            rows.get(t),
            tuple(p for p in read_problems if p.table == t),
            dated=t != "persons",
        )
    tallies = {s.measure.target_id: run.tally(s) for s in run.states}
    return Tallies(tallies, RecordSummary(**tables))
