"""Rules across schemes: the same content or the same days under another scheme."""

from __future__ import annotations

import attrs
import pytest

from dtbd import (
    DuplicateSchemeError,
    Figure,
    Rule,
    RuleKind,
    Scheme,
    Scope,
    Target,
    check,
    dump_scheme,
    loads_scheme,
)
from dtbd.records._dicts import records_from_dicts
from test_schemes import ATTENDANCES, COURSES, HANOI, NATIONAL, PERSONS

# 1641's rule looks across Hà Nội's plan; Hà Nội's across 1641.
REPEAT = next(r for r in NATIONAL.rules if r.kind is RuleKind.NO_REPEAT)
OVERLAP = next(r for r in HANOI.rules if r.kind is RuleKind.NO_OVERLAP)
NATIONAL_ACROSS = attrs.evolve(
    NATIONAL,
    rules=tuple(
        attrs.evolve(r, across=("hanoi-2022-2025",)) if r is REPEAT else r for r in NATIONAL.rules
    ),
)
HANOI_ACROSS = attrs.evolve(
    HANOI,
    rules=tuple(
        attrs.evolve(r, across=("qd-1641-2022",)) if r is OVERLAP else r for r in HANOI.rules
    ),
)

ABROAD = {"location": "abroad", "lead": "so-noi-vu"}
RECORDS = records_from_dicts(
    persons=PERSONS,
    courses=[
        *COURSES,
        # Training abroad on urban management: Hà Nội's (no activity asked), not 1641's
        # (fostering only). Same content as k1, a year before.
        {
            "id": "k0",
            "start": "2023-05-08",
            "end": "2023-05-19",
            "activity": "training",
            "topics": "urban-management",
            "content": "do-thi",
            **ABROAD,
        },
        # Fostering abroad on another topic: 1641's, not Hà Nội's; its days meet k1's.
        {
            "id": "k6",
            "start": "2024-03-11",
            "end": "2024-03-22",
            "activity": "fostering",
            "location": "abroad",
            "topics": "protocol",
            "content": "le-tan",
        },
        # Training with no content nor topics: a repeat cannot be read on it.
        {
            "id": "k7",
            "start": "2023-09-04",
            "end": "2023-09-08",
            "activity": "training",
        },
    ],
    attendances=[
        *ATTENDANCES,
        {"person": "p1", "course": "k0"},
        {"person": "p2", "course": "k6"},
        {"person": "p2", "course": "k7"},
    ],
)


def _across(found):
    return [
        (v.code, v.person, v.course, v.other_course, v.scheme, v.other_scheme)
        for v in found
        if v.other_scheme is not None
    ]


def test_a_repeat_of_content_taken_under_another_scheme_is_located():
    """p1 took 'do-thi' under Hà Nội (k0) and is sent on it again under 1641 (k1)."""
    found = check([NATIONAL_ACROSS, HANOI], RECORDS)
    assert _across(found) == [
        ("no-repeat", "p1", "k1", "k0", "qd-1641-2022", "hanoi-2022-2025"),
    ]
    (v,) = [v for v in found if v.other_scheme is not None]
    assert "hanoi-2022-2025" in v.message("en")
    assert "qd-1641-2022" in v.message_vi
    assert v.date == RECORDS.course_by_id["k1"].start


def test_an_overlap_with_a_course_of_another_scheme_is_located():
    """p2 is on k1 (Hà Nội's) while on k6, which only 1641 covers."""
    found = check([NATIONAL, HANOI_ACROSS], RECORDS)
    assert _across(found) == [
        ("no-overlap", "p2", "k1", "k6", "hanoi-2022-2025", "qd-1641-2022"),
    ]
    alone = check(HANOI, RECORDS)
    assert not [v for v in alone if v.code == "no-overlap"]


def test_without_across_no_scheme_looks_at_the_others_courses():
    """The catalog's rules name no other scheme: checked together, no pair across."""
    found = check([NATIONAL, HANOI], RECORDS)
    assert _across(found) == []
    assert {v.scheme for v in found} == {"qd-1641-2022", "hanoi-2022-2025"}


def test_each_schemes_own_violations_are_those_it_has_alone_named_by_scheme():
    """Checked together, a scheme's own findings are its own check's, tagged with its id."""
    found = check([NATIONAL_ACROSS, HANOI], RECORDS)
    for scheme in (NATIONAL_ACROSS, HANOI):
        own = [
            attrs.evolve(v, scheme=None)
            for v in found
            if v.scheme == scheme.id and v.other_scheme is None and v.code != "missing-data"
        ]
        alone = [
            v for v in check(scheme, RECORDS) if v.code not in {"missing-data", "across-not-given"}
        ]
        assert own == alone


def test_a_course_of_the_other_scheme_without_content_is_missing_data_once():
    """k7, of a plan for any training, has no content and p2 has a 1641 course: said once."""
    other = Scheme(
        "dao-tao-khac",
        "Kế hoạch đào tạo khác",
        HANOI.period,
        targets=(
            Target(
                "dao-tao", "Đào tạo", Figure.parse("10 lượt"), scope=Scope(activity="training")
            ),
        ),
    )
    national = attrs.evolve(
        NATIONAL,
        rules=tuple(
            attrs.evolve(r, across=(other.id,)) if r is REPEAT else r for r in NATIONAL.rules
        ),
    )
    found = check([national, other], RECORDS)
    blanks = [
        (v.scheme, v.person, v.course, v.field)
        for v in found
        if v.code == "missing-data" and v.rule == REPEAT.id
    ]
    # k5 is 1641's own course with no content, said by 1641's own check.
    assert blanks == [
        ("qd-1641-2022", None, "k5", "content"),
        ("qd-1641-2022", None, "k7", "content"),
    ]


def test_a_rule_looking_across_a_scheme_not_given_says_so():
    """1641 alone with across Hà Nội: a warning naming the scheme, no silent pass."""
    found = check(NATIONAL_ACROSS, RECORDS)
    (notice,) = [v for v in found if v.code == "across-not-given"]
    assert (notice.rule, notice.severity.value) == (REPEAT.id, "warning")
    assert "hanoi-2022-2025" in notice.message("en")
    assert notice.scheme is None


def test_two_schemes_with_one_id_are_refused_by_check():
    twin = attrs.evolve(HANOI, id=NATIONAL.id)
    with pytest.raises(DuplicateSchemeError, match=r"schemes\[0\].*schemes\[1\]"):
        check([NATIONAL, twin], RECORDS)


def test_across_is_only_for_repeats_and_overlaps():
    """A course-size rule compares nothing across schemes: refused with the fix."""
    with pytest.raises(ValueError, match="only a no_repeat or no_overlap rule looks 'across'"):
        Rule("quy-mo", "course_size", "Quy mô", Figure.parse("15 người"), across=["x"])
    with pytest.raises(ValueError, match="names a scheme twice"):
        Rule("lap", "no_repeat", "Không học lại", across=["x", "x"])


def test_across_is_read_from_a_scheme_file_and_written_back():
    """The TOML key `across`, a list of scheme ids, round-trips."""
    text = """
id = "ke-hoach"
title = "Kế hoạch"
period = { start = 2023-01-01, end = 2025-12-31 }

[[rules]]
id = "khong-lap"
kind = "no_repeat"
label = "Chưa học cùng nội dung ở đề án khác"
across = ["qd-1641-2022", "hanoi-2022-2025"]
"""
    scheme = loads_scheme(text, "toml")
    assert scheme.rules[0].across == ("qd-1641-2022", "hanoi-2022-2025")
    assert loads_scheme(dump_scheme(scheme, "json"), "json") == scheme


def test_a_bad_record_is_said_once_whatever_the_number_of_schemes():
    """An attendance of an unknown course is about the records, not a scheme: said once."""
    bad = records_from_dicts(
        persons=PERSONS,
        courses=COURSES,
        attendances=[*ATTENDANCES, {"person": "p1", "course": "khong-co"}],
    )
    found = check([NATIONAL, HANOI], bad)
    unknown = [(v.code, v.course, v.scheme) for v in found if v.code == "unknown-course"]
    assert unknown == [("unknown-course", "khong-co", None)]
    assert len([v for v in check(NATIONAL, bad) if v.code == "unknown-course"]) == 1
