"""Scheme files: TOML, JSON and YAML round trips, phrases in files, every mistake reported."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings

from dtbd import (
    Cadence,
    Count,
    Figure,
    FileFormatError,
    Period,
    Qualifier,
    Scheme,
    SchemeFileError,
    Target,
    Unit,
    Window,
)
from dtbd.files._convert import converter
from dtbd.files._scheme_files import dump_scheme, load_scheme, loads_scheme, save_scheme
from strategies import figures, schemes

DATA = Path(__file__).parent / "data"
FORMATS = ("toml", "json", "yaml")

HAND_WRITTEN = """
id = "qd-1641"
title = "Bồi dưỡng ở nước ngoài cho cán bộ trẻ và nữ"
kind = "scheme"
period = { start = 2023-01-01, end = 2025-12-31 }

[citation]
document = "1641/QĐ-TTg"
issued = 2022-12-28

[[targets]]
id = "nguoi"
label = "Bồi dưỡng ở nước ngoài"
figure = "khoảng 180 - 200 cán bộ"
aspirational = true
scope = { activity = "fostering", location = "abroad", levels = ["province", "commune"] }

[[targets]]
id = "khoa"
label = "Khóa bồi dưỡng mỗi năm"
figure = "khoảng 04 khóa"
course_size = "khoảng 15 - 17 cán bộ"
delivers = "nguoi"
window = { cadence = "per_year" }

[budget]
total = "hơn 272,3 tỷ đồng"

[[budget.lines]]
id = "noi-vu"
label = "Sở Nội vụ"
amount = { low = "11000000000", high = "11000000000", unit = "vnd" }
target = "nguoi"
"""


def _scheme(*targets: Target) -> Scheme:
    return Scheme("ke-hoach", "Kế hoạch", Period.of_years(2023, 2025), targets=targets)


@settings(max_examples=60, deadline=None)
@given(schemes())
def test_every_generated_scheme_survives_a_round_trip_in_each_format(scheme):
    """loads(dumps(s)) == s for TOML, JSON and YAML."""
    for fmt in FORMATS:
        assert loads_scheme(dump_scheme(scheme, fmt), fmt) == scheme


@given(figures())
def test_every_figure_survives_the_converter_as_a_table(figure):
    """A figure written as its table reads back as the same figure."""
    table = converter().unstructure(figure)
    assert set(table) <= {"low", "high", "qualifier", "unit"}
    assert converter().structure(table, Figure) == figure


def test_a_date_with_a_time_is_refused():
    """A TOML date-time where a date is due is a mistake, not a silent truncation."""
    text = HAND_WRITTEN.replace("issued = 2022-12-28", "issued = 2022-12-28T08:00:00")
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text)
    (problem,) = caught.value.problems
    assert problem == (
        "citation.issued: expected a date, got the date and time 2022-12-28T08:00:00; "
        "drop the time"
    )


def test_a_hand_written_toml_scheme_with_phrase_figures_loads():
    """Figures written as Vietnamese phrases become figures; native TOML dates are dates."""
    scheme = loads_scheme(HAND_WRITTEN)
    persons, courses = scheme.targets
    assert persons.figure == Figure.between(180, 200, Unit.PERSON, qualifier=Qualifier.ABOUT)
    assert persons.counts is Count.PERSONS
    assert persons.aspirational
    assert courses.course_size == Figure.between(15, 17, Unit.PERSON, qualifier=Qualifier.ABOUT)
    assert courses.window.cadence is Cadence.PER_YEAR
    assert scheme.budget is not None
    assert scheme.budget.total == Figure.more_than(272_300_000_000, Unit.VND)
    assert scheme.budget.lines[0].amount == Figure.exact(11_000_000_000, Unit.VND)
    assert scheme.citation.issued == pendulum.date(2022, 12, 28)


def test_a_scheme_written_in_one_format_reads_back_from_the_others():
    """The same scheme is the same whichever of the three formats carries it."""
    scheme = loads_scheme(HAND_WRITTEN)
    assert {fmt: loads_scheme(dump_scheme(scheme, fmt), fmt) for fmt in FORMATS} == dict.fromkeys(
        FORMATS, scheme
    )


def test_dumped_numbers_are_exact_strings_and_defaults_are_left_out():
    """Money is written as digits, never a float; fields at their default are omitted."""
    scheme = loads_scheme(HAND_WRITTEN)
    data = json.loads(dump_scheme(scheme, "json"))
    assert data["budget"]["total"] == {
        "low": "272300000000",
        "qualifier": "more_than",
        "unit": "vnd",
    }
    assert "counts" not in data["targets"][0]
    assert "parts" not in data["targets"][0]


def test_a_target_without_a_figure_keeps_what_it_counts():
    """'theo nhu cầu': no figure, so 'counts' must be written and is read back."""
    scheme = _scheme(Target("theo-nhu-cau", "Theo nhu cầu", None, counts=Count.ATTENDANCES))
    text = dump_scheme(scheme)
    assert 'counts = "attendances"' in text
    assert loads_scheme(text) == scheme


def test_a_scheme_file_with_many_mistakes_reports_each_with_its_path():
    """One SchemeFileError lists every mistake of tests/data/bad_scheme.toml, with its path."""
    with pytest.raises(SchemeFileError) as caught:
        load_scheme(DATA / "bad_scheme.toml")
    problems = caught.value.problems
    expected = {
        "typo key": ("targets[0]:", "unknown key 'lable' (did you mean 'label'?)"),
        "bad phrase": ("targets[1].figure:", "cannot read the figure 'khoảng dăm người'"),
        "negative": ("targets[2].figure:", "must not be negative"),
        "low > high": ("targets[3].figure:", "'low' must be ≤ 'high'"),
        "end before start": ("targets[4].window:", "before its 'start'"),
        "unknown unit": ("targets[5].figure.unit:", "unknown Unit 'nguoi'"),
        "unknown category": ("targets[6].scope.categories[1]:", "unknown StaffCategory 'soldier'"),
        "duplicate id": ("targets[7]:", "duplicate target id 'dao-tao'"),
        "per year outside": ("targets[8]:", "outside the scheme's period"),
        "part in another unit": ("targets[9]:", "a part must be in its parent's unit"),
    }
    for mistake, (path, words) in expected.items():
        assert any(p.startswith(path) and words in p for p in problems), mistake
    assert caught.value.source == str(DATA / "bad_scheme.toml")
    assert str(DATA / "bad_scheme.toml") in str(caught.value)


def test_a_mistake_deep_in_a_target_tree_names_the_whole_path():
    """A part's figure is reported as targets[i].parts[j].figure."""
    text = """
id = "s"
title = "S"
period = { start = "2023-01-01", end = "2025-12-31" }
[[targets]]
id = "a"
label = "A"
figure = "37.000 lượt"
[[targets]]
id = "b"
label = "B"
figure = "100 lượt"
[[targets.parts]]
id = "b1"
label = "B1"
figure = { low = "5", high = "4", unit = "attendance" }
"""
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text)
    assert caught.value.problems == (
        "targets[1].parts[0].figure: 'low' must be ≤ 'high' (got 5 > 4); swap the two ends",
    )


def test_a_reference_to_an_unreadable_target_is_not_a_second_mistake():
    """Only the typo is reported, not the budget line that pays for the mistyped target."""
    text = """
id = "s"
title = "S"
period = { start = "2023-01-01", end = "2025-12-31" }
[[targets]]
id = "a"
label = "A"
figure = "37.000 lượt"
scoep = {}
[budget]
lines = [{ id = "l", label = "L", amount = "11 tỷ đồng", target = "a" }]
"""
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text)
    assert len(caught.value.problems) == 1
    assert "'scoep' (did you mean 'scope'?)" in caught.value.problems[0]


def test_mistakes_between_targets_rules_and_budget_are_each_reported():
    """Duplicate rule ids and a budget line for an unknown target come with their paths."""
    text = """
id = "s"
title = "S"
period = { start = "2023-01-01", end = "2025-12-31" }
[[rules]]
id = "r"
kind = "no_overlap"
label = "Không học hai chương trình cùng lúc"
[[rules]]
id = "r"
kind = "no_repeat"
label = "Không học trùng nội dung"
[budget]
lines = [{ id = "l", label = "L", amount = "11 tỷ đồng", target = "khong-co" }]
"""
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text)
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].startswith("budget: budget line 'l' pays for target 'khong-co'")
    assert problems[1].startswith("rules[1]: duplicate rule id 'r'")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("15.5", "write it in quotes ('15.5')"),
        ('"mười"', "'mười' is not a number"),
        ("true", "expected a number"),
    ],
)
def test_a_figure_end_that_is_not_an_exact_number_is_refused(value, words):
    """A YAML float, a word or a boolean where a number is due each say what to write."""
    text = f"""
id: s
title: S
period: {{start: 2023-01-01, end: 2025-12-31}}
targets:
- id: a
  label: A
  figure: {{low: {value}, high: 20, unit: person}}
"""
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text, "yaml")
    assert caught.value.problems[0].startswith("targets[0].figure.low: ")
    assert words in caught.value.problems[0]


def test_toml_and_json_read_bare_decimals_exactly():
    """3,6 tỷ written as 3.6 in JSON is Decimal('3.6'), not the float 3.6000000000000001."""
    text = json.dumps(
        {
            "id": "s",
            "title": "S",
            "period": {"start": "2023-01-01", "end": "2025-12-31"},
            "targets": [
                {"id": "a", "label": "A", "figure": {"low": 0, "high": 0, "unit": "percent"}}
            ],
        }
    ).replace('"high": 0', '"high": 3.6')
    assert loads_scheme(text, "json").targets[0].figure.high == Decimal("3.6")


def test_a_text_field_given_a_number_is_refused():
    """`lead = 5` is a mistake, not the text '5'."""
    text = HAND_WRITTEN.replace("aspirational = true", "lead = 5")
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text)
    assert caught.value.problems == (
        "targets[0].lead: expected a text, got int 5; put it in quotes",
    )


@pytest.mark.parametrize(
    ("fmt", "text", "words"),
    [
        ("toml", 'id = "s"\ntitle = \n', "not valid TOML: "),
        (
            "json",
            '{"id": "s",\n "title": }',
            "not valid JSON: Expecting value (at line 2, column 11)",
        ),
        ("yaml", "id: s\ntitle: [a\n", "not valid YAML: "),
    ],
)
def test_a_file_with_broken_syntax_says_where(fmt, text, words):
    """The parser's line and column are kept."""
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text, fmt)
    (problem,) = caught.value.problems
    assert words in problem
    assert "line 2" in problem


def test_yaml_is_loaded_safely():
    """A tag that would build a Python object is refused, not run."""
    text = "id: !!python/object/apply:os.system ['echo hacked']\ntitle: S\n"
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text, "yaml")
    assert "python/object/apply:os.system" in caught.value.problems[0]


def test_a_file_that_is_not_a_table_is_refused():
    """A YAML list at the top is not a scheme."""
    with pytest.raises(SchemeFileError, match=r"expected a table of scheme fields"):
        loads_scheme("- a\n- b\n", "yaml")


def test_an_unknown_suffix_names_the_supported_ones(tmp_path):
    """scheme.xml cannot be read; the message lists .toml, .json, .yaml, .yml."""
    path = tmp_path / "scheme.xml"
    path.write_text("<scheme/>", encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"\.toml, \.json, \.yaml, \.yml"):
        load_scheme(path)


def test_a_file_that_is_not_utf8_is_a_scheme_file_error(tmp_path):
    """A file saved in another encoding says so instead of failing inside Python."""
    path = tmp_path / "scheme.toml"
    path.write_bytes('title = "Kế hoạch"'.encode("utf-16"))
    with pytest.raises(SchemeFileError, match="not UTF-8 text"):
        load_scheme(path)


def test_an_unknown_format_name_is_refused():
    """format='xml' is a FileFormatError, which is also a ValueError."""
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        dump_scheme(loads_scheme(HAND_WRITTEN), "xml")


@pytest.mark.parametrize("suffix", [".toml", ".json", ".yaml", ".yml"])
def test_a_saved_scheme_loads_back_from_its_file(tmp_path, suffix):
    """save_scheme picks the format from the suffix; load_scheme reads it back."""
    scheme = loads_scheme(HAND_WRITTEN)
    path = tmp_path / f"scheme{suffix}"
    save_scheme(scheme, path)
    assert load_scheme(path) == scheme


def test_the_converter_turns_any_result_object_into_plain_data():
    """Other modules use the converter for JSON output: Decimal, dates and enums become text."""
    window = Window(Cadence.PER_TERM, pendulum.date(2021, 7, 1), pendulum.date(2026, 6, 30))
    assert converter().unstructure(window) == {
        "cadence": "per_term",
        "start": "2021-07-01",
        "end": "2026-06-30",
    }
    assert converter().unstructure({"amount": Decimal("2.723E+11")}) == {"amount": "272300000000"}
