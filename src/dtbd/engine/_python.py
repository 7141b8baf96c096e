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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from dtbd._errors import RecordProblem
from dtbd.engine._bookkeeping import TableUse, summary
from dtbd.engine._money import course_money, money_counts
from dtbd.engine._predicates import passes as _passes
from dtbd.engine._predicates import side_passes as _side_passes
from dtbd.engine._tallies import Amount, MoneySources, RecordSummary, Tallies, Tally
from dtbd.measures._measure import Measure, Side, reference_date
from dtbd.model._people import Attendance, Course, Person
from dtbd.model._period import Period, to_date
from dtbd.model._target import Count, ShareBasis
from dtbd.records._dicts import TABLES, LoadedRecords
from dtbd.records._records import Records

__all__ = ["run_measures"]


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
        # Counted attendance rows holding a cost, per course id: a course's money when
        # neither a spending line nor its own cost gives it (engine/_money.py).
        self.attendance_costs: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
        self.costs_dated = False
        self.money = MoneySources()

    def row(self, table: str, index: int) -> int:
        numbers = self.rows.get(table)
        return numbers[index] if numbers is not None else index + 1

    def problem(
        self, table: str, index: int, field: str | None, message: str, first: int | None = None
    ) -> None:
        self.bad[table].add(index)
        code = "record.row.duplicate" if first is not None else "record.reference.unknown"
        self.problems.append(
            RecordProblem(
                table, self.row(table, index), field, message, duplicate_of=first, code=code
            )
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
            if att.cost is not None:
                self.attendance_costs[course.id].append((index, att.cost))
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
                m = state.measure
                if m.count is Count.SPENDING and money_counts(m, line.budget_line, course, day):
                    _add(state, day.year, line.amount)
                    self.counted["spending"].add(index)
                    if course is not None:
                        self.counted["courses"].add(self.course_index[course.id])

    def costs(self) -> None:
        """Money of the courses no spending line names: their costs or their attendances'."""
        if not any(s.measure.count is Count.SPENDING for s in self.states):
            return  # the money sources are told only where some target counts money
        found, self.money = course_money(self.records, self.attendance_costs, self.as_of)
        for money in found:
            day = to_date(money.course.start)
            self.costs_dated = True
            for state in self.states:
                m = state.measure
                if m.count is Count.SPENDING and money_counts(m, None, money.course, day):
                    _add(state, day.year, money.amount)
                    self.counted["courses"].add(money.index)
                    self.counted["attendances"].update(money.rows)

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
            has_data = (
                self.dated[table]
                or (m.count is Count.COURSES and self.dated["attendances"])
                or (m.count is Count.SPENDING and self.costs_dated)
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
    run.costs()
    run.shares()
    tables = {}
    # The units' reports (``submissions``) are counted apart, by engine._mixed.
    for t in ("persons", "courses", "attendances", "spending"):
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
    return Tallies(tallies, RecordSummary(**tables, money=run.money))
