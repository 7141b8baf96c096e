"""Rule checks: every rule kind against records worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import (
    DECREE_101_MIN_FOSTERING,
    Attendance,
    Course,
    Figure,
    Gender,
    Period,
    Person,
    Qualifier,
    Rule,
    RuleKind,
    Scope,
    Unit,
)
from dtbd.records._records import Records
from dtbd.results._finding import Severity
from dtbd.results._violation import RuleViolation
from dtbd.rules._check import check

D = pendulum.date
UNDER_45 = Rule("tre", RuleKind.AGE_LIMIT, "Trẻ (dưới 45 tuổi)", Figure.less_than(45, Unit.AGE))


def records(courses, persons, pairs) -> Records:
    return Records(
        persons=persons,
        courses=courses,
        attendances=[Attendance(p, c) for p, c in pairs],
    )


def codes(found: tuple[RuleViolation, ...]) -> list[str]:
    return [v.code for v in found]


# -- age --------------------------------------------------------------------------------


def age_records() -> Records:
    course = Course("k1", start=D(2024, 3, 1), end=D(2024, 3, 20))
    persons = [
        Person("p46", name="Nguyễn Văn A", birth_date=D(1977, 12, 1)),
        Person("p44", birth_date=D(1979, 3, 2)),
        Person("p45", birth_date=D(1979, 3, 1)),  # 45th birthday on the course start
        Person("p-no-date"),
    ]
    return records([course], persons, [(p.id, "k1") for p in persons])


def test_age_limit_flags_a_learner_aged_46_at_the_course_start():
    found = check([UNDER_45], age_records())
    v = next(v for v in found if v.person == "p46")
    assert v.code == "age-limit"
    assert v.kind is RuleKind.AGE_LIMIT
    assert v.severity is Severity.ERROR
    assert v.actual == Figure.exact(46, Unit.AGE)
    assert v.expected == Figure.less_than(45, Unit.AGE)
    assert v.date == D(2024, 3, 1)
    assert v.course == "k1"
    assert "Nguyễn Văn A" in v.message_vi
    assert "46" in v.message_en


def test_under_45_means_younger_than_45_on_the_day():
    """44 passes; 45 on the course's first day does not."""
    people = {v.person for v in check([UNDER_45], age_records()) if v.code == "age-limit"}
    assert people == {"p46", "p45"}


def test_a_learner_without_birth_date_is_reported_not_passed():
    found = check([UNDER_45], age_records())
    missing = [v for v in found if v.code == "missing-data"]
    assert [v.person for v in missing] == ["p-no-date"]
    assert missing[0].severity is Severity.WARNING


def test_age_limit_can_be_read_at_the_rule_reference_date():
    """Born 1 Jun 1978: 44 on 1 Jan 2023 (the rule's date), though 45 at the course start."""
    rule = Rule(
        "tre-2023",
        RuleKind.AGE_LIMIT,
        "Dưới 45 tuổi tại 01/01/2023",
        Figure.less_than(45, Unit.AGE),
        reference="date",
        reference_date=D(2023, 1, 1),
    )
    data = records(
        [Course("k1", start=D(2024, 3, 1))],
        [Person("p", birth_date=D(1978, 6, 1))],
        [("p", "k1")],
    )
    assert check([rule], data) == ()
    assert codes(check([UNDER_45], data)) == ["age-limit"]


def test_rules_skip_courses_outside_their_scope_and_validity():
    scoped = Rule(
        "tre-bd",
        RuleKind.AGE_LIMIT,
        "Trẻ",
        Figure.less_than(45, Unit.AGE),
        scope=Scope(activity="fostering"),
        valid_until=D(2023, 12, 31),
    )
    data = records(
        [
            Course("train", start=D(2023, 3, 1), activity="training"),
            Course("late", start=D(2024, 3, 1)),
            Course("ok", start=D(2023, 5, 2)),
        ],
        [Person("old", birth_date=D(1960, 1, 1))],
        [("old", "train"), ("old", "late"), ("old", "ok")],
    )
    found = check([scoped], data)
    assert [v.course for v in found if v.code != "not-in-force"] == ["ok"]
    (late,) = (v for v in found if v.code == "not-in-force")
    assert late.actual == Figure.exact(1, Unit.COURSE)


def test_period_limits_the_courses_checked():
    data = age_records()
    assert check([UNDER_45], data, period=Period.of_years(2023)) == ()


def test_unknown_person_and_course_ids_are_reported_once():
    data = records(
        [Course("k1", start=D(2024, 3, 1))],
        [Person("p", birth_date=D(1990, 1, 1))],
        [("ghost", "k1"), ("p", "nowhere")],
    )
    found = check([UNDER_45, DECREE_101_MIN_FOSTERING], data)
    # k1 starts after Decree 101's last day: said once, after the unknown ids.
    assert codes(found) == ["unknown-person", "unknown-course", "not-in-force"]
    assert found[0].person == "ghost"
    assert found[1].course == "nowhere"
    assert found[0].rule is None
    assert found[0].severity is Severity.ERROR


def test_no_rules_check_nothing():
    assert check([], age_records()) == ()


# -- shares in a cohort -----------------------------------------------------------------


def cohort(females: int, males: int, unknown: int = 0, tagged: int = 0) -> Records:
    persons = [Person(f"f{i}", gender="female") for i in range(females)]
    persons += [
        Person(f"m{i}", gender="male", tags=("excellent",) if i < tagged else ())
        for i in range(males)
    ]
    persons += [Person(f"u{i}") for i in range(unknown)]
    return records([Course("k1", start=D(2024, 3, 1))], persons, [(p.id, "k1") for p in persons])


FEMALE_30 = Rule(
    "nu-30",
    RuleKind.GENDER_SHARE,
    "Nữ ít nhất 30 %",
    Figure.at_least(30, Unit.PERCENT),
    gender="female",
)


def test_gender_share_below_the_figure_is_a_violation():
    """2 women of 10 learners = 20 % against at least 30 %."""
    (v,) = check([FEMALE_30], cohort(2, 8))
    assert v.code == "gender-share"
    assert v.course == "k1"
    assert v.actual == Figure.exact(20, Unit.PERCENT)
    assert "2/10" in v.message_vi


def test_gender_share_at_the_figure_passes():
    """3 of 10 = 30 %: at least 30 % is met."""
    assert check([FEMALE_30], cohort(3, 7)) == ()


def test_gender_share_that_unknown_genders_could_decide_is_missing_data():
    """2 women, 6 men, 2 of unknown gender: 20 % to 40 %, so it cannot be decided.

    Each learner without a gender is reported too, naming the person and the field.
    """
    *blank, v = check([FEMALE_30], cohort(2, 6, unknown=2))
    assert [(b.code, b.person, b.field) for b in blank] == [
        ("missing-data", "u0", "gender"),
        ("missing-data", "u1", "gender"),
    ]
    assert v.code == "missing-data"
    assert (v.course, v.person, v.field) == ("k1", None, None)
    assert v.actual == Figure.between(20, 40, Unit.PERCENT)


def test_gender_share_a_blank_gender_cannot_decide_still_reports_the_blank():
    """7 women, 2 men, 1 unknown: 70 % to 80 % meets at least 30 % either way.

    The course passes, but the learner without a gender is not passed silently.
    """
    (v,) = check([FEMALE_30], cohort(7, 2, unknown=1))
    assert (v.code, v.person, v.course, v.field) == ("missing-data", "u0", "k1", "gender")


def test_priority_share_counts_learners_with_a_priority_tag():
    """1 excellent-rated learner of 4 = 25 % against at least 50 %."""
    rule = Rule(
        "uu-tien",
        RuleKind.PRIORITY_SHARE,
        "Ưu tiên xuất sắc",
        Figure.at_least(50, Unit.PERCENT),
        tags=("excellent",),
    )
    (v,) = check([rule], cohort(0, 4, tagged=1))
    assert v.code == "priority-share"
    assert v.actual == Figure.exact(25, Unit.PERCENT)


def test_share_is_rounded_to_a_tenth_for_display_only():
    """1 of 3 = 33,3 % shown; the exact third is what is compared."""
    rule = Rule(
        "nu-1-3",
        RuleKind.GENDER_SHARE,
        "Nữ",
        Figure.at_least(Decimal("33.34"), Unit.PERCENT),
        gender="female",
    )
    (v,) = check([rule], cohort(1, 2))
    assert v.actual == Figure.exact(Decimal("33.3"), Unit.PERCENT)


# -- overlap and repeat -----------------------------------------------------------------

NO_OVERLAP = Rule("khong-trung", RuleKind.NO_OVERLAP, "Không học hai lớp cùng lúc")
NO_REPEAT = Rule("khong-lap", RuleKind.NO_REPEAT, "Không học lại cùng nội dung")


def test_one_person_in_two_overlapping_courses_is_a_violation():
    data = records(
        [
            Course("k1", start=D(2024, 3, 1), end=D(2024, 3, 15)),
            Course("k2", start=D(2024, 3, 10), end=D(2024, 3, 20)),
            Course("k3", start=D(2024, 3, 21), end=D(2024, 3, 22)),
        ],
        [Person("p")],
        [("p", "k1"), ("p", "k2"), ("p", "k3")],
    )
    (v,) = check([NO_OVERLAP], data)
    assert (v.code, v.person, v.other_course, v.course) == ("no-overlap", "p", "k1", "k2")


def test_course_given_by_study_days_overlaps_by_its_computed_last_day():
    """32 study days from 16 Mar 2018 end on 3 May 2018, so a course on 2 May overlaps."""
    data = records(
        [
            Course("hn-2", start=D(2018, 3, 16), study_days=32),
            Course("k", start=D(2018, 5, 2), end=D(2018, 5, 2)),
        ],
        [Person("p")],
        [("p", "hn-2"), ("p", "k")],
    )
    assert codes(check([NO_OVERLAP], data)) == ["no-overlap"]


def test_course_without_end_or_study_days_is_missing_data_for_no_overlap():
    """A course with a start alone has no known extent: reported once, compared with none."""
    data = records(
        [Course("k1", start=D(2024, 3, 1), end=D(2024, 3, 15)), Course("k2", start=D(2024, 3, 4))],
        [Person("p"), Person("q")],
        [("p", "k1"), ("p", "k2"), ("q", "k2")],
    )
    (v,) = check([NO_OVERLAP], data)
    assert (v.code, v.course, v.person, v.field) == ("missing-data", "k2", None, "end")
    assert v.severity is Severity.WARNING


def repeat_records() -> Records:
    return records(
        [
            Course("a-2023", start=D(2023, 4, 3), content="qlnn-nuoc-ngoai"),
            Course("a-2024", start=D(2024, 4, 1), content="qlnn-nuoc-ngoai"),
            Course("t-2023", start=D(2023, 6, 5), topics=("do-thi", "so-hoa")),
            Course("t-2024", start=D(2024, 6, 3), topics=("so-hoa", "do-thi")),
            Course("blank", start=D(2024, 9, 3)),
        ],
        [Person("p")],
        [("p", "a-2023"), ("p", "a-2024"), ("p", "t-2023"), ("p", "t-2024"), ("p", "blank")],
    )


def test_same_content_taken_twice_is_a_violation():
    found = check([NO_REPEAT], repeat_records())
    pairs = [(v.other_course, v.course) for v in found if v.code == "no-repeat"]
    assert pairs == [("a-2023", "a-2024"), ("t-2023", "t-2024")]


def test_course_without_content_or_topics_is_reported_for_no_repeat():
    found = check([NO_REPEAT], repeat_records())
    assert [(v.code, v.course) for v in found if v.code == "missing-data"] == [
        ("missing-data", "blank")
    ]


def test_no_repeat_looks_only_inside_the_period():
    found = check([NO_REPEAT], repeat_records(), period=Period.of_years(2024))
    assert "no-repeat" not in codes(found)


# -- course size ------------------------------------------------------------------------


def sized(*sizes: int) -> Records:
    courses = [Course(f"k{n}", start=D(2024, 3, 1)) for n in sizes]
    persons = [Person(f"p{i}") for i in range(max(sizes))]
    pairs = [(f"p{i}", f"k{n}") for n in sizes for i in range(n)]
    return records(courses, persons, pairs)


def test_course_size_outside_15_to_17_is_a_violation():
    rule = Rule(
        "quy-mo",
        RuleKind.COURSE_SIZE,
        "Mỗi khóa 15 - 17 người",
        Figure.between(15, 17, Unit.PERSON),
    )
    found = check([rule], sized(14, 16, 18))
    assert [(v.course, v.actual) for v in found] == [
        ("k14", Figure.exact(14, Unit.PERSON)),
        ("k18", Figure.exact(18, Unit.PERSON)),
    ]


def test_about_course_size_accepts_18_within_tolerance():
    """Khoảng 15 - 17 accepts 13,5 to 18,7 learners."""
    rule = Rule(
        "quy-mo",
        RuleKind.COURSE_SIZE,
        "Mỗi khóa khoảng 15 - 17 người",
        Figure.between(15, 17, Unit.PERSON, qualifier=Qualifier.ABOUT),
    )
    assert [v.course for v in check([rule], sized(13, 14, 18, 19))] == ["k13", "k19"]


def test_course_without_learners_has_size_zero():
    rule = Rule("quy-mo", RuleKind.COURSE_SIZE, "15 - 17", Figure.between(15, 17, Unit.PERSON))
    data = Records(courses=[Course("empty", start=D(2024, 3, 1))])
    (v,) = check([rule], data)
    assert v.actual == Figure.exact(0, Unit.PERSON)


# -- minimum study days a year ----------------------------------------------------------


def test_decree_101_flags_three_study_days_in_2019():
    """Mon 4 – Wed 6 Mar 2019 is 3 study days against at least 5."""
    data = records(
        [
            Course("short", start=D(2019, 3, 4), end=D(2019, 3, 6)),
            Course("week", start=D(2019, 3, 4), end=D(2019, 3, 8)),
        ],
        [Person("p3"), Person("p5")],
        [("p3", "short"), ("p5", "week")],
    )
    (v,) = check([DECREE_101_MIN_FOSTERING], data)
    assert (v.code, v.person, v.year) == ("min-study-days", "p3", 2019)
    assert v.actual == Figure.exact(3, Unit.DAY)
    assert v.expected == Figure.at_least(5, Unit.DAY)


def test_decree_101_checks_a_roster_person_with_no_course_at_all():
    data = records([Course("week", start=D(2019, 3, 4), end=D(2019, 3, 8))], [Person("idle")], [])
    (v,) = check([DECREE_101_MIN_FOSTERING], data)
    assert v.actual == Figure.exact(0, Unit.DAY)


def test_decree_101_prorates_2021_to_the_days_it_was_in_force():
    """1 Jan – 9 Dec 2021 is 343 of 365 days: 5 × 343 / 365 = 4,70 days needed.

    A week of study from 13 Dec 2021 falls after the rule ended and does not count.
    """
    data = records(
        [
            Course("late", start=D(2021, 12, 13), end=D(2021, 12, 17)),
            Course("four", start=D(2021, 3, 1), end=D(2021, 3, 4)),
            Course("five", start=D(2021, 3, 1), end=D(2021, 3, 5)),
        ],
        [Person("late-p"), Person("four-p"), Person("five-p")],
        [("late-p", "late"), ("four-p", "four"), ("five-p", "five")],
    )
    notice, *found = check([DECREE_101_MIN_FOSTERING], data)
    assert [(v.person, v.actual) for v in found] == [
        ("late-p", Figure.exact(0, Unit.DAY)),
        ("four-p", Figure.exact(4, Unit.DAY)),
    ]
    assert found[0].expected == Figure.at_least(Decimal("4.70"), Unit.DAY)
    assert found[0].date == D(2021, 12, 9)
    assert (notice.code, notice.actual) == ("not-in-force", Figure.exact(1, Unit.COURSE))


def test_decree_101_does_not_apply_after_2021_and_says_so_once():
    """Courses after 9 Dec 2021 are not checked; one notice counts them and names Decree 89."""
    data = records(
        [
            Course("k", start=D(2022, 3, 1), end=D(2022, 3, 2)),
            Course("k2", start=D(2023, 3, 1), end=D(2023, 3, 2)),
        ],
        [Person("p")],
        [("p", "k"), ("p", "k2")],
    )
    (v,) = check([DECREE_101_MIN_FOSTERING], data, period=Period.of_years(2022, 2023))
    assert (v.code, v.severity, v.rule) == ("not-in-force", Severity.INFO, "nd-101-2017-mot-tuan")
    assert (v.actual, v.date) == (Figure.exact(2, Unit.COURSE), D(2021, 12, 9))
    assert "89/2021/NĐ-CP" in v.message_vi
    assert "89/2021/NĐ-CP removed it" in v.message_en


def test_decree_101_with_a_period_checks_each_year_of_it():
    """2017 (from 15 Oct: 78 days, 1,07 needed) and 2018 (5 needed) for an idle person."""
    data = Records(persons=[Person("idle")])
    found = check([DECREE_101_MIN_FOSTERING], data, period=Period.of_years(2017, 2018))
    assert [(v.year, v.expected) for v in found] == [
        (2017, Figure.at_least(Decimal("1.07"), Unit.DAY)),
        (2018, Figure.at_least(5, Unit.DAY)),
    ]


def test_attended_study_days_fewer_than_the_course_count():
    data = Records(
        persons=[Person("p")],
        courses=[Course("week", start=D(2019, 3, 4), end=D(2019, 3, 8))],
        attendances=[Attendance("p", "week", study_days=2)],
    )
    (v,) = check([DECREE_101_MIN_FOSTERING], data)
    assert v.actual == Figure.exact(2, Unit.DAY)


def test_min_study_days_scope_limits_the_roster():
    rule = Rule(
        "cc",
        RuleKind.MIN_STUDY_DAYS,
        "Công chức",
        Figure.at_least(5, Unit.DAY),
        scope=Scope(categories=("civil_servant",)),
    )
    data = Records(
        persons=[Person("cc", category="civil_servant"), Person("vc", category="public_employee")]
    )
    found = check([rule], data, period=Period.of_years(2024))
    assert [v.person for v in found] == ["cc"]


# -- output -----------------------------------------------------------------------------


def test_violation_to_dict_has_stable_keys():
    (v,) = check([FEMALE_30], cohort(2, 8))
    data = v.to_dict()
    assert list(data) == [
        "code",
        "severity",
        "rule",
        "kind",
        "person",
        "course",
        "other_course",
        "scheme",
        "other_scheme",
        "field",
        "year",
        "date",
        "expected",
        "actual",
        "message_vi",
        "message_en",
        "problem_code",
        "location",
        "value",
    ]
    assert (data["problem_code"], data["location"], data["value"]) == (
        "rule.gender-share",
        ["courses", "k1", None],
        "'20%'",
    )
    assert data["kind"] == "gender_share"
    assert data["actual"]["low"] == "20"
    assert data["person"] is None
    assert v.message("en") == v.message_en


def test_female_gender_enum_is_matched():
    (v,) = check([FEMALE_30], cohort(1, 9))
    assert FEMALE_30.gender is Gender.FEMALE
    assert v.actual == Figure.exact(10, Unit.PERCENT)


def test_check_refuses_records_that_are_not_records():
    with pytest.raises(TypeError, match="record 0 is a dict; an iterable of records holds"):
        check([UNDER_45], [{"person": "p"}])


def test_check_takes_a_mapping_of_tables_of_dicts():
    (v,) = check(
        [UNDER_45],
        {
            "persons": [{"id": "p1", "birth_date": "01/01/1970"}],
            "courses": [{"id": "c1", "start": "2024-03-04"}],
            "attendances": [{"person": "p1", "course": "c1"}],
        },
    )
    assert v.person == "p1"


def test_check_refuses_rows_it_cannot_read_and_names_them():
    from dtbd import RecordError

    with pytest.raises(RecordError, match="courses row 1, field 'start'"):
        check([UNDER_45], {"courses": [{"id": "c1", "start": "cuối năm"}]})


def test_check_refuses_a_rule_that_is_not_a_rule():
    with pytest.raises(TypeError, match=r"rules\[1\]"):
        check([UNDER_45, "tre"], age_records())


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=1, max_value=30))
def test_gender_share_breach_matches_the_count(women, size):
    """A breach of at least 30 % exactly when 100 × women / learners < 30."""
    women = min(women, size)
    found = check([FEMALE_30], cohort(women, size - women))
    assert bool(found) == (Decimal(100) * women / size < 30)


def test_check_takes_a_scheme_and_checks_its_rules_over_its_period():
    """check(scheme, records) is check(scheme.rules, records, period=scheme.period)."""
    from dtbd import catalog, example_records, example_violations

    scheme = catalog.load("qd-1641-2022")
    data = example_records(scheme, seed=0)
    assert check(scheme, data) == check(scheme.rules, data, period=scheme.period)
    planted = {p.rule for p in example_violations(scheme, seed=0)}
    assert planted
    assert planted <= {v.rule for v in check(scheme, data)}
