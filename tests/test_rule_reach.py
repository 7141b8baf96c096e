"""Rules apply where the text applies them: scopes, a scheme's courses, missing data, dates.

Every expected finding below is worked out by hand from the records beside it.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
import json
from decimal import Decimal
from typing import Any

import pendulum
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import (
    DECREE_101_MIN_FOSTERING,
    Attendance,
    Course,
    Figure,
    Period,
    Person,
    Rule,
    RuleKind,
    Scheme,
    Scope,
    Target,
    Unit,
    Window,
    check,
    dump_scheme,
    loads_scheme,
)
from dtbd.catalog import load
from dtbd.cli._main import main
from dtbd.records._frames import COLUMNS
from dtbd.records._records import Records
from dtbd.results._finding import Severity

D = pendulum.date
BORN_1970 = D(1970, 1, 1)  # 54 on every 2024 course start below


def abroad(course_id: str, start: dt.date, **fields: Any) -> Course:
    return Course(
        course_id,
        start=start,
        end=start + dt.timedelta(days=11),
        location="abroad",
        country="JP",
        **fields,
    )


def home(course_id: str, start: dt.date) -> Course:
    return Course(course_id, start=start, end=start + dt.timedelta(days=4))


def attend(persons: list[Person], courses: list[Course], pairs) -> Records:
    return Records(
        persons=persons, courses=courses, attendances=[Attendance(p, c) for p, c in pairs]
    )


def seen(found) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(v.code, v.person, v.course, v.field) for v in found]


# -- qd-1641-2022: the age rule on its courses abroad, men only ----------------------------


Q1641 = load("qd-1641-2022")


def test_1641_age_rule_is_scoped_to_fostering_abroad_for_men():
    (rule,) = (r for r in Q1641.rules if r.id == "tre-duoi-45")
    assert rule.scope == Scope(activity="fostering", location="abroad", gender="male")
    assert rule.note is not None
    assert "ở nước ngoài" in rule.note
    assert "ở nước ngoài" in rule.quote.text


def test_1641_age_rule_does_not_flag_a_domestic_course():
    """A 54-year-old man on a course abroad breaks it; on a course at home he does not."""
    data = attend(
        [Person("man", gender="male", birth_date=BORN_1970)],
        [abroad("jp", D(2024, 5, 6)), home("hn", D(2024, 9, 9))],
        [("man", "jp"), ("man", "hn")],
    )
    found = check(Q1641, data, all_courses=True)
    assert [(v.code, v.course) for v in found if v.rule == "tre-duoi-45"] == [("age-limit", "jp")]


def test_1641_exempts_women_and_reports_a_blank_gender_as_missing_data():
    """Woman: exempt at any age. No gender: the rule may or may not apply, so it is reported
    as missing data on ``gender``, whatever the age, and never judged."""
    data = attend(
        [
            Person("woman", gender="female", birth_date=BORN_1970),
            Person("blank-old", birth_date=BORN_1970),
            Person("blank-young", birth_date=D(1990, 1, 1)),
        ],
        [abroad("jp", D(2024, 5, 6))],
        [("woman", "jp"), ("blank-old", "jp"), ("blank-young", "jp")],
    )
    found = [v for v in check(Q1641, data) if v.rule == "tre-duoi-45"]
    assert seen(found) == [
        ("missing-data", "blank-old", "jp", "gender"),
        ("missing-data", "blank-young", "jp", "gender"),
    ]
    assert {v.severity for v in found} == {Severity.WARNING}
    assert "giới tính" in found[0].message_vi
    assert "the gender is missing" in found[0].message_en


def test_1641_a_man_without_birth_date_is_missing_data_on_birth_date():
    data = attend([Person("man", gender="male")], [abroad("jp", D(2024, 5, 6))], [("man", "jp")])
    found = [v for v in check(Q1641, data) if v.rule == "tre-duoi-45"]
    assert seen(found) == [("missing-data", "man", "jp", "birth_date")]


def test_1641_blank_gender_and_birth_date_are_two_findings():
    data = attend([Person("blank")], [abroad("jp", D(2024, 5, 6))], [("blank", "jp")])
    found = [v for v in check(Q1641, data) if v.rule == "tre-duoi-45"]
    assert [v.field for v in found] == ["gender", "birth_date"]


@given(
    gender=st.sampled_from([None, "female", "male"]),
    age=st.integers(20, 65),
    location=st.sampled_from(["abroad", "domestic"]),
)
def test_the_men_abroad_age_rule_on_any_learner(gender, age, location):
    """Out of scope (home, a woman): nothing. A man: a breach exactly from 45. No gender:
    missing data, never a pass, never a breach."""
    start = D(2024, 5, 6)
    person = Person("p", gender=gender, birth_date=start.subtract(years=age))
    course = Course("k", start=start, end=D(2024, 5, 10), location=location)
    rule = Rule(
        "tre",
        RuleKind.AGE_LIMIT,
        "Trẻ",
        Figure.less_than(45, Unit.AGE),
        scope=Scope(location="abroad", gender="male"),
    )
    found = [v.code for v in check([rule], attend([person], [course], [("p", "k")]))]
    if location == "domestic" or gender == "female":
        assert found == []
    elif gender == "male":
        assert found == (["age-limit"] if age >= 45 else [])
    else:
        assert found == ["missing-data"]


# -- qd-1641-2022: the course size is a rule ----------------------------------------------


def test_1641_course_size_is_a_rule_check_runs():
    """'khoảng từ 15 - 17' accepts 13,5 to 18,7: 20 learners abroad is a breach, 16 is not,
    and 20 learners on a course at home are none of the rule's business."""
    (rule,) = (r for r in Q1641.rules if r.id == "quy-mo-khoa")
    assert rule.kind is RuleKind.COURSE_SIZE
    assert rule.figure == Figure.parse("khoảng 15 - 17 người")
    courses = [
        abroad("big", D(2024, 5, 6)),
        abroad("fit", D(2024, 9, 9)),
        home("hn", D(2024, 3, 4)),
    ]
    people = [Person(f"p{i}", gender="female") for i in range(20)]
    pairs = [(p.id, "big") for p in people] + [(p.id, "fit") for p in people[:16]]
    pairs += [(p.id, "hn") for p in people]
    found = [v for v in check(Q1641, attend(people, courses, pairs)) if v.rule == "quy-mo-khoa"]
    assert [(v.code, v.course, v.actual) for v in found] == [
        ("course-size", "big", Figure.exact(20, Unit.PERSON))
    ]


def test_course_size_with_learners_the_scope_cannot_place_is_a_range():
    """15–17 women: 14 women and 3 of no gender make 14 to 17, which they could decide."""
    rule = Rule(
        "nu-15-17",
        RuleKind.COURSE_SIZE,
        "Lớp nữ 15 - 17",
        Figure.between(15, 17, Unit.PERSON),
        scope=Scope(gender="female"),
    )
    people = [Person(f"f{i}", gender="female") for i in range(14)]
    people += [Person(f"u{i}") for i in range(3)]
    data = attend(people, [home("k", D(2024, 3, 4))], [(p.id, "k") for p in people])
    *blank, size = check([rule], data)
    assert [(v.person, v.field) for v in blank] == [
        ("u0", "gender"),
        ("u1", "gender"),
        ("u2", "gender"),
    ]
    assert (size.code, size.course, size.field) == ("missing-data", "k", None)
    assert size.actual == Figure.between(14, 17, Unit.PERSON)


# -- a scheme checks the courses it covers -------------------------------------------------


def abroad_scheme(rules: tuple[Rule, ...]) -> Scheme:
    return Scheme(
        id="ra-nuoc-ngoai",
        title="Bồi dưỡng ở nước ngoài",
        period=Period.of_years(2024, 2025),
        targets=(
            Target(
                "nguoi",
                "Bồi dưỡng ở nước ngoài",
                Figure.parse("40 người"),
                scope=Scope(activity="fostering", location="abroad"),
                window=Window(start=D(2024, 1, 1), end=D(2024, 12, 31)),
            ),
        ),
        rules=rules,
    )


NO_OVERLAP = Rule("khong-trung", RuleKind.NO_OVERLAP, "Không học hai lớp cùng lúc")


def test_a_scheme_checks_only_the_courses_its_targets_cover():
    """Covered: abroad and started in the target's window (2024). Not: the course at home,
    the two abroad in 2025. One overlap each for p, q, r; only p's is among covered
    courses, and one notice counts the three courses left out."""
    courses = [
        abroad("jp", D(2024, 5, 6)),
        abroad("jp2", D(2024, 5, 8)),
        home("hn", D(2024, 5, 7)),
        abroad("sg", D(2025, 3, 3)),
        abroad("sg2", D(2025, 3, 4)),
    ]
    pairs = [("p", "jp"), ("p", "jp2"), ("q", "hn"), ("q", "jp"), ("r", "sg"), ("r", "sg2")]
    data = attend([Person(x) for x in "pqr"], courses, pairs)
    found = check(abroad_scheme((NO_OVERLAP,)), data)
    assert [(v.code, v.person, v.course) for v in found] == [
        ("outside-scheme", None, None),
        ("no-overlap", "p", "jp2"),
    ]
    assert found[0].actual == Figure.exact(3, Unit.COURSE)
    assert found[0].severity is Severity.INFO
    every = check(abroad_scheme((NO_OVERLAP,)), data, all_courses=True)
    assert [(v.person, v.course) for v in every] == [("p", "jp2"), ("q", "hn"), ("r", "sg2")]


def test_a_scheme_without_course_targets_covers_every_course():
    scheme = Scheme(
        id="chi-quy-dinh", title="Quy định", period=Period.of_years(2024), rules=(NO_OVERLAP,)
    )
    data = attend(
        [Person("p")],
        [home("a", D(2024, 3, 4)), home("b", D(2024, 3, 5))],
        [("p", "a"), ("p", "b")],
    )
    assert [v.code for v in check(scheme, data)] == ["no-overlap"]


def test_rules_given_as_a_list_look_at_every_course():
    data = attend(
        [Person("p")],
        [home("a", D(2024, 3, 4)), home("b", D(2024, 3, 5))],
        [("p", "a"), ("p", "b")],
    )
    assert [v.code for v in check([NO_OVERLAP], data)] == ["no-overlap"]


# -- no persons table ---------------------------------------------------------------------


def test_without_a_persons_table_person_rules_are_not_run_and_it_is_said_once():
    """Two person rules (age, by kind; overlap scoped to men, by scope) are not run: one
    warning names them; no attendance is an unknown person; the plain overlap rule runs."""
    men_overlap = Rule(
        "nam", RuleKind.NO_OVERLAP, "Nam không học trùng", scope=Scope(gender="male")
    )
    under_45 = Rule("tre", RuleKind.AGE_LIMIT, "Trẻ", Figure.less_than(45, Unit.AGE))
    data = Records(
        courses=[home("a", D(2024, 3, 4)), home("b", D(2024, 3, 5))],
        attendances=[Attendance(p, c) for p in ("x", "y", "z") for c in ("a", "b")],
    )
    found = check([under_45, men_overlap, NO_OVERLAP], data)
    assert [v.code for v in found] == ["persons-missing", "no-overlap", "no-overlap", "no-overlap"]
    notice = found[0]
    assert (notice.rule, notice.severity) == (None, Severity.WARNING)
    assert "tre, nam" in notice.message_vi


def test_without_a_persons_table_and_no_person_rule_nothing_is_said():
    data = Records(courses=[home("a", D(2024, 3, 4))], attendances=[Attendance("x", "a")])
    assert check([NO_OVERLAP], data) == ()


# -- dates a rule is in force -------------------------------------------------------------


def test_decree_101_after_its_last_day_is_one_notice_naming_decree_89():
    """A week in March 2021 meets the 4,70 days of 2021; the three weeks of 2022–2024 are
    after 9 December 2021 and count toward nothing: one notice says so."""
    mondays = [D(2021, 3, 1), D(2022, 3, 7), D(2023, 3, 6), D(2024, 3, 4)]
    courses = [home(f"k{day.year}", day) for day in mondays]
    data = attend([Person("p")], courses, [("p", c.id) for c in courses])
    (notice,) = check([DECREE_101_MIN_FOSTERING], data, period=Period.of_years(2021, 2024))
    assert (notice.code, notice.rule) == ("not-in-force", "nd-101-2017-mot-tuan")
    assert notice.actual == Figure.exact(3, Unit.COURSE)
    assert notice.date == D(2021, 12, 9)
    assert "89/2021/NĐ-CP đã bãi bỏ" in notice.message_vi


def test_a_rule_before_its_first_day_says_how_many_courses_it_skipped():
    rule = Rule("moi", RuleKind.NO_OVERLAP, "Quy định mới", valid_from=D(2024, 7, 1))
    data = attend(
        [Person("p")],
        [home("a", D(2024, 3, 4)), home("b", D(2024, 3, 5))],
        [("p", "a"), ("p", "b")],
    )
    (v,) = check([rule], data)
    assert (v.code, v.date, v.actual) == (
        "not-in-force",
        D(2024, 7, 1),
        Figure.exact(2, Unit.COURSE),
    )
    assert "trước ngày 01 tháng 7 năm 2024" in v.message_vi


def test_a_rule_for_the_district_level_ends_on_30_june_2025():
    rule = Rule(
        "huyen",
        RuleKind.NO_OVERLAP,
        "Cán bộ cấp huyện không học trùng",
        scope=Scope(levels=["district"]),
    )
    assert rule.last_day == D(2025, 6, 30)
    assert not rule.in_force(D(2025, 7, 1))
    persons = [Person("p", level="district")]
    courses = [
        home("a", D(2025, 6, 2)),
        home("b", D(2025, 6, 3)),
        home("c", D(2025, 9, 1)),
        home("d", D(2025, 9, 2)),
    ]
    data = attend(persons, courses, [("p", c.id) for c in courses])
    found = check([rule], data)
    assert [(v.code, v.course) for v in found] == [("not-in-force", None), ("no-overlap", "b")]
    assert found[0].actual == Figure.exact(2, Unit.COURSE)
    assert "district level" in found[0].message_en


def test_a_rule_naming_the_district_among_living_levels_does_not_end():
    rule = Rule("cap", RuleKind.NO_OVERLAP, "Cấp", scope=Scope(levels=["district", "commune"]))
    assert rule.last_day is None


# -- every kind names the field it lacks ---------------------------------------------------


def test_a_course_with_a_blank_field_the_scope_names_is_reported_once():
    rule = Rule("nhat", RuleKind.NO_OVERLAP, "Khóa ở Nhật", scope=Scope(countries=["JP"]))
    course = Course("k", start=D(2024, 3, 4), end=D(2024, 3, 8), location="abroad")
    data = attend([Person("p"), Person("q")], [course], [("p", "k"), ("q", "k")])
    assert seen(check([rule], data)) == [("missing-data", None, "k", "country")]


def test_min_study_days_short_with_an_undated_course_is_missing_data_not_a_breach():
    """p: 3 days known plus a course of unknown length; q: 3 days and nothing else."""
    rule = Rule("tuan", RuleKind.MIN_STUDY_DAYS, "Một tuần", Figure.at_least(5, Unit.DAY))
    courses = [
        Course("short", start=D(2024, 3, 4), end=D(2024, 3, 6)),
        Course("open", start=D(2024, 6, 3)),
    ]
    data = attend(
        [Person("p"), Person("q")], courses, [("p", "short"), ("p", "open"), ("q", "short")]
    )
    found = check([rule], data, period=Period.of_years(2024))
    assert seen(found) == [
        ("min-study-days", "q", None, None),
        ("missing-data", "p", "open", "end"),
    ]


def test_min_study_days_roster_person_the_scope_cannot_place_is_missing_data():
    rule = Rule(
        "cc",
        RuleKind.MIN_STUDY_DAYS,
        "Công chức",
        Figure.at_least(5, Unit.DAY),
        scope=Scope(categories=["civil_servant"]),
    )
    data = Records(persons=[Person("cc", category="civil_servant"), Person("blank")])
    found = check([rule], data, period=Period.of_years(2024))
    assert seen(found) == [
        ("min-study-days", "cc", None, None),
        ("missing-data", "blank", None, "category"),
    ]


def test_missing_data_from_plain_dicts():
    """The same finding from a mapping of tables of dicts, blank cells left out."""
    tables = {
        "persons": [{"id": "blank", "birth_date": "1970-01-01"}],
        "courses": [
            {
                "id": "jp",
                "start": "2024-05-06",
                "end": "2024-05-17",
                "location": "abroad",
                "country": "JP",
            }
        ],
        "attendances": [{"person": "blank", "course": "jp"}],
    }
    found = [v for v in check(Q1641, tables) if v.rule == "tre-duoi-45"]
    assert seen(found) == [("missing-data", "blank", "jp", "gender")]


# -- frames -------------------------------------------------------------------------------


def _cell(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return ";".join(value) or None
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, Decimal):
        return int(value)
    return value


def _polars(records: Records) -> dict[str, pl.DataFrame]:
    types = {"date": pl.Date, "whole": pl.Int64, "money": pl.Int64, "number": pl.Float64}
    return {
        table: pl.DataFrame(
            {c: [_cell(getattr(r, c, None)) for r in getattr(records, table)] for c in columns},
            schema={c: types.get(kind, pl.String) for c, kind in columns.items()},
        )
        for table, columns in COLUMNS.items()
    }


FRAMES = {
    "polars": lambda t: t,
    "pandas": lambda t: {k: v.to_pandas(use_pyarrow_extension_array=True) for k, v in t.items()},
}
if importlib.util.find_spec("dask") and importlib.util.find_spec("dask.dataframe"):
    FRAMES["dask"] = lambda t: {
        k: __import__("dask.dataframe").dataframe.from_pandas(
            v.to_pandas(use_pyarrow_extension_array=True), npartitions=2
        )
        for k, v in t.items()
    }
if importlib.util.find_spec("duckdb"):
    FRAMES["duckdb"] = lambda t: {
        k: __import__("duckdb").connect().from_arrow(v.to_arrow()) for k, v in t.items()
    }


@pytest.mark.parametrize("engine", sorted(FRAMES))
def test_scoped_rules_over_frames_find_what_the_records_show(engine):
    """1641 over frames: the men-abroad age rule and the course size, every date filled."""
    people = [Person("man", gender="male", birth_date=BORN_1970)]
    people += [Person(f"w{i}", gender="female", birth_date=BORN_1970) for i in range(19)]
    courses = [abroad("jp", D(2024, 5, 6)), home("hn", D(2024, 9, 9))]
    pairs = [(p.id, "jp") for p in people] + [("man", "hn")]
    data = attend(people, courses, pairs)
    expected = [v.to_dict() for v in check(Q1641, data)]
    assert [(v["code"], v["course"]) for v in expected] == [
        ("outside-scheme", None),  # the course at home
        ("age-limit", "jp"),
        ("course-size", "jp"),
        ("missing-data", "jp"),  # no content or topics, for the no-repeat rule
    ]
    assert [v.to_dict() for v in check(Q1641, FRAMES[engine](_polars(data)))] == expected


# -- the file format and the command line -------------------------------------------------


SCHEME_TOML = """
id = "ngoai-danh-muc"
title = "Kế hoạch thử: bồi dưỡng ở nước ngoài"
period = { start = 2024-01-01, end = 2024-12-31 }

[[targets]]
id = "nguoi"
label = "Bồi dưỡng ở nước ngoài"
figure = "20 người"
scope = { activity = "fostering", location = "abroad" }

[[rules]]
id = "tre"
kind = "age_limit"
label = "Dưới 45 tuổi, trừ cán bộ nữ"
figure = "dưới 45 tuổi"
scope = { location = "abroad", gender = "male" }
note = "Nữ được cử ở mọi độ tuổi."

[[rules]]
id = "mot-tuan"
kind = "min_study_days"
label = "Một tuần mỗi năm"
figure = "ít nhất 5 ngày"
valid_until = 2021-12-09
ended_by = "89/2021/NĐ-CP"
"""


def test_a_rule_scope_and_its_end_round_trip_through_the_file_format():
    scheme = loads_scheme(SCHEME_TOML)
    tre, week = scheme.rules
    assert tre.scope == Scope(location="abroad", gender="male")
    assert tre.note == "Nữ được cử ở mọi độ tuổi."
    assert (week.last_day, week.ended_by) == (D(2021, 12, 9), "89/2021/NĐ-CP")
    assert loads_scheme(dump_scheme(scheme, "json"), "json") == scheme


def _write(folder, name: str, rows: list[str]) -> None:
    (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_cli_check_counts_missing_data_and_says_once_that_person_rules_did_not_run(
    tmp_path, capsys
):
    """No persons.csv: the age and study-day rules are not run (one warning); the course at
    home is outside the plan (one notice); the rule that ended in 2021 says so (one notice)."""
    (tmp_path / "plan.toml").write_text(SCHEME_TOML, encoding="utf-8")
    records = tmp_path / "records"
    records.mkdir()
    _write(
        records,
        "courses.csv",
        [
            "id,start,end,location,country",
            "jp,2024-05-06,2024-05-17,abroad,JP",
            "hn,2024-09-09,2024-09-13,domestic,",
        ],
    )
    _write(records, "attendances.csv", ["person,course", "a,jp", "b,jp", "a,hn"])
    code = main(
        ["check", str(tmp_path / "plan.toml"), "--records", str(records), "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [v["code"] for v in data["violations"]] == ["outside-scheme", "persons-missing"]
    assert data["summary"] == {"errors": 0, "warnings": 1, "infos": 1, "missing_data": 0}


def test_cli_check_counts_missing_data_in_its_summary(tmp_path, capsys):
    (tmp_path / "plan.toml").write_text(SCHEME_TOML, encoding="utf-8")
    records = tmp_path / "records"
    records.mkdir()
    _write(
        records,
        "persons.csv",
        ["id,gender,birth_date", "old,male,1970-01-01", "blank,,1970-01-01"],
    )
    _write(
        records,
        "courses.csv",
        ["id,start,end,location,country", "jp,2024-05-06,2024-05-17,abroad,JP"],
    )
    _write(records, "attendances.csv", ["person,course", "old,jp", "blank,jp"])
    code = main(
        ["check", str(tmp_path / "plan.toml"), "--records", str(records), "--format", "json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    found = [(v["code"], v["person"], v["field"]) for v in data["violations"]]
    assert found == [
        ("age-limit", "old", None),
        ("missing-data", "blank", "gender"),
        ("not-in-force", None, None),
    ]
    assert data["summary"] == {"errors": 1, "warnings": 1, "infos": 1, "missing_data": 1}
    main(["check", str(tmp_path / "plan.toml"), "--records", str(records)])
    flat = " ".join(capsys.readouterr().out.split())
    assert "Kết quả: 1 vi phạm, 1 bản ghi thiếu dữ liệu, 1 lưu ý." in flat
