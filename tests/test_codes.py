"""Every problem dtbd reports has a stable code, a location, the value and two sentences.

One bad input per code (``CASES``) raises it through the public API or the command line;
a test holds the cases, the registry and docs/errors.md to the same codes.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dtbd
from dtbd import (
    PROBLEM_CODES,
    DtbdError,
    Figure,
    Problem,
    RecordError,
    RecordProblem,
    SchemeFileError,
    SchemeProblem,
    budget_execution,
    catalog,
    check,
    draft_scheme,
    evaluate,
    load_scheme,
    loads_scheme,
    loads_units,
    parse_figure,
    read_records,
    records_from_dicts,
)
from dtbd._codes import problem_message
from dtbd._extras import require
from dtbd._limits import MAX_FILE_BYTES, MAX_TARGETS, MAX_TEXT_CHARS, MAX_VALUES
from dtbd.cli._main import main
from dtbd.records._frames import frames
from dtbd.tracking._breakdown import breakdown
from dtbd.words import WORDS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
HEAD = 'id = "s"\ntitle = "S"\nperiod = { start = "2023-01-01", end = "2025-12-31" }\n'
AS_OF = dt.date(2025, 6, 30)
VIETNAMESE = re.compile(r"[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]", re.IGNORECASE)


def _codes(error: DtbdError) -> set[str]:
    return {problem.code for problem in error.readable()}


def raised(call: Callable[[], object]) -> set[str]:
    """The codes of the problems of the dtbd error ``call`` raises."""
    with pytest.raises(DtbdError) as caught:
        call()
    return _codes(caught.value)


def _bad_form(folder: Path) -> object:
    """A copy of the packaged form with its first row's table header left open."""
    from importlib.resources import files

    from dtbd import read_form

    text = (files("dtbd.forms") / "data" / "10-btctw.toml").read_text(encoding="utf-8")
    path = folder / "bad-form.toml"
    path.write_text(text.replace("[[rows]]", "[[rows]", 1), encoding="utf-8")
    return read_form(path)


def scheme(text: str, format: str = "toml") -> set[str]:  # noqa: A002
    return raised(lambda: loads_scheme(text, format))


def cli(*argv: str) -> set[str]:
    """The codes the command line prints as JSON with ``--format json``."""
    stdout = _cli_json(*argv)
    return {problem["code"] for problem in stdout["problems"]}


def _cli_json(*argv: str) -> dict[str, object]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "--format", "json"])
    assert code in (2, 3), (code, err.getvalue())
    found: dict[str, object] = json.loads(out.getvalue())
    assert found["exit"] == code
    return found


def records(tmp_path: Path, **files: str) -> set[str]:
    """The codes of reading a folder of CSV files ``table=text``."""
    for table, text in files.items():
        (tmp_path / f"{table}.csv").write_text(text, encoding="utf-8")
    return raised(lambda: read_records(tmp_path))


def dicts(**tables: list[dict[str, object]]) -> set[str]:
    return raised(lambda: records_from_dicts(**tables))


SCHEME = catalog.load("qd-1641-2022")
COURSE = {"id": "c", "start": "2024-03-01", "end": "2024-03-05"}
BAD_FILE = DATA / "bad_scheme.toml"

# Rules broken by records, and units' reports failing validation: results, not errors,
# whose violations carry a code of the same registry (``problem_code``).

D = dt.date


def _rule(kind: str, figure: str | None = None, **more: str) -> str:
    lines = [f'id = "r-{kind}"', f'kind = "{kind}"', 'label = "R"']
    if figure is not None:
        lines.append(f'figure = "{figure}"')
    lines += [f"{key} = {value}" for key, value in more.items()]
    return "[[rules]]\n" + "\n".join(lines) + "\n"


def _target(year: int = 2024) -> str:
    return (
        '[[targets]]\nid = "t"\nlabel = "T"\nfigure = "10 lượt"\n'
        f'window = {{ start = "{year}-01-01", end = "{year}-12-31" }}\n'
    )


def broken(rules: str, targets: str = "", **tables: list[dict[str, object]]) -> set[str]:
    """The problem codes of the violations of ``rules`` on the records ``tables``."""
    found = check(loads_scheme(HEAD + targets + rules), records_from_dicts(**tables))
    return {violation.problem_code for violation in found}


def _people(*persons: dict[str, object]) -> list[dict[str, object]]:
    return list(persons) or [{"id": "p"}]


def _pairs(*pairs: tuple[str, str]) -> list[dict[str, object]]:
    return [{"person": person, "course": course} for person, course in pairs]


def validated(*rows: dict[str, object], scheme: object = None) -> set[str]:
    rows_ = [dtbd.SubmissionRow(**{"year": 2024, "activity": "fostering", **r}) for r in rows]
    found = dtbd.validate_submissions(rows_, scheme)  # type: ignore[arg-type]
    return {violation.problem_code for violation in found.violations}


WEEK = {"start": "2024-03-04", "end": "2024-03-08"}


CASES: dict[str, Callable[[Path], set[str]]] = {
    "file.unreadable": lambda _: raised(lambda: loads_scheme(b"id = '\xff'")),
    "file.cannot-open": lambda tmp: cli("show", str(tmp / "none.toml")),
    "file.format.unknown": lambda _: raised(lambda: loads_scheme("id = 1", "ini")),
    "file.too-big": lambda _: scheme("#" * (MAX_FILE_BYTES + 1)),
    "file.too-deep": lambda _: scheme("[" * 100 + "]" * 100, "json"),
    "file.too-many-values": lambda _: scheme("[" + "0," * MAX_VALUES + "0]", "json"),
    "file.too-many-targets": lambda _: scheme(
        json.dumps({"targets": [{}] * (MAX_TARGETS + 1)}), "json"
    ),
    "file.toml.syntax": lambda _: scheme("id = "),
    "file.json.syntax": lambda _: scheme('{"id": }', "json"),
    "file.yaml.syntax": lambda _: scheme("id: [s, t", "yaml"),
    "file.number.too-long": lambda _: scheme(HEAD + "x = 1e99999999999999999999"),
    "file.text.too-long": lambda _: scheme(HEAD + f'note = "{"x" * (MAX_TEXT_CHARS + 1)}"'),
    "file.key.not-text": lambda _: scheme("1: 2\n", "yaml"),
    "file.key.repeated": lambda _: scheme('{"id": "s", "id": "t"}', "json"),
    "scheme.not-a-table": lambda _: scheme("[1, 2]", "json"),
    "scheme.key.unknown": lambda _: scheme(HEAD + 'titel = "S"'),
    "scheme.key.missing": lambda _: scheme('id = "s"\ntitle = "S"\n'),
    "scheme.value.invalid": lambda _: scheme(HEAD + 'kind = "poem"'),
    "scheme.figure.unreadable": lambda _: raised(lambda: load_scheme(BAD_FILE)),
    "scheme.target.duplicate": lambda _: raised(lambda: load_scheme(BAD_FILE)),
    "scheme.target.invalid": lambda _: raised(lambda: load_scheme(BAD_FILE)),
    "scheme.parts": lambda _: scheme(
        HEAD + '[[targets]]\nid = "t"\nlabel = "T"\nfigure = "30 người"\n'
        'scope = { levels = ["province"] }\n[[targets.parts]]\nid = "p"\nlabel = "P"\n'
        'figure = "10 người"\nscope = { levels = ["commune"] }\n'
    ),
    "scheme.rule.duplicate": lambda _: scheme(
        HEAD + '[[rules]]\nid = "r"\nkind = "no_overlap"\nlabel = "A"\n'
        '[[rules]]\nid = "r"\nkind = "no_repeat"\nlabel = "B"\n'
    ),
    "scheme.budget.invalid": lambda _: scheme(
        HEAD + '[budget]\nlines = [{ id = "l", label = "L", amount = "11 tỷ đồng", '
        'target = "khong-co" }]\n'
    ),
    "scheme.duplicate": lambda _: raised(lambda: check([SCHEME, SCHEME], dtbd.Records())),
    "scheme.unknown": lambda _: raised(lambda: catalog.load("qd-1641-2O22")),
    "units.invalid": lambda _: raised(
        lambda: loads_units('[[units]]\nid = "a"\nname = "A"\nlevel = "commune"\nparent = "b"\n')
    ),
    "units.columns": lambda _: raised(lambda: loads_units("id,ten\n1,A\n", "csv")),
    "form.invalid": lambda tmp: raised(lambda: _bad_form(tmp)),
    "form.fill": lambda _: raised(
        lambda: dtbd.fill_form(dtbd.load_form("10-BTCTW"), dtbd.Records(), unit="u")
    ),
    "record.file.empty": lambda tmp: records(tmp, persons=""),
    "record.file.unreadable": lambda tmp: raised(lambda: read_records(tmp / "old.xls")),
    "record.row.shape": lambda tmp: records(tmp, persons="id,name\np1,An,extra\n"),
    "record.column.unknown": lambda _: dicts(persons=[{"id": "p1", "tuoi": 30}]),
    "record.column.blank": lambda tmp: records(tmp, persons="id,,name\np1,x,An\n"),
    "record.column.repeated": lambda tmp: records(tmp, persons="id,Mã cán bộ\np1,p2\n"),
    "record.column.missing": lambda tmp: records(tmp, persons="name\nAn\n"),
    "record.field.missing": lambda _: dicts(attendances=[{"person": "p"}]),
    "record.value.invalid": lambda _: dicts(courses=[{**COURSE, "start": "ngày mai"}]),
    "record.value.too-long": lambda _: dicts(courses=[{**COURSE, "title": "x" * 10_001}]),
    "record.id.invalid": lambda _: dicts(persons=[{"id": "p\u200b1"}]),
    "record.id.duplicate": lambda _: dicts(persons=[{"id": "p1"}, {"id": "p1"}]),
    "record.row.duplicate": lambda _: dicts(
        courses=[COURSE], attendances=[{"person": "p", "course": "c"}] * 2
    ),
    "record.row.invalid": lambda _: dicts(courses=[{**COURSE, "end": "2024-02-01"}]),
    "record.reference.unknown": lambda _: {
        problem.code
        for problem in evaluate(
            SCHEME, records_from_dicts(attendances=[{"person": "p", "course": "c"}]), AS_OF
        ).records.attendances.problems
    },
    "record.frame.column": lambda _: raised(
        lambda: frames(persons=pl.DataFrame({"name": ["An"]}))
    ),
    "figure.unreadable": lambda _: raised(lambda: parse_figure("khoảng dăm người")),
    "figure.unit-mismatch": lambda _: raised(
        lambda: Figure.parse("37.000 lượt") + Figure.parse("400 người")
    ),
    "draft.no-period": lambda _: raised(lambda: draft_scheme("Bồi dưỡng 500 lượt cán bộ.")),
    "extra.missing": lambda _: raised(lambda: require("dtbd_no_such_module", "x", "Reading")),
    "execution.by-unknown": lambda _: raised(
        lambda: budget_execution(SCHEME, dtbd.Records(), AS_OF, "district")
    ),
    "breakdown.by-unknown": lambda _: raised(
        lambda: breakdown(SCHEME, dtbd.Records(), AS_OF, "shoe_size")
    ),
    "cli.usage": lambda _: cli("catalog", "--no-such-option"),
    "cli.argument": lambda _: cli("progress", "qd-1641-2022", "--as-of", "tomorrow"),
    "rule.age-limit": lambda _: broken(
        _rule("age_limit", "dưới 45 tuổi"),
        persons=[{"id": "p", "birth_date": "1960-01-01"}],
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.gender-share": lambda _: broken(
        _rule("gender_share", "ít nhất 30%", gender='"female"'),
        persons=[{"id": "p", "gender": "male"}],
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.priority-share": lambda _: broken(
        _rule("priority_share", "ít nhất 50%", tags='["excellent"]'),
        persons=[{"id": "p"}],
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.no-overlap": lambda _: broken(
        _rule("no_overlap"),
        persons=_people(),
        courses=[{"id": "a", **WEEK}, {"id": "b", **WEEK}],
        attendances=_pairs(("p", "a"), ("p", "b")),
    ),
    "rule.no-repeat": lambda _: broken(
        _rule("no_repeat"),
        persons=_people(),
        courses=[
            {"id": "a", **WEEK, "content": "x"},
            {"id": "b", "start": "2024-05-06", "end": "2024-05-10", "content": "x"},
        ],
        attendances=_pairs(("p", "a"), ("p", "b")),
    ),
    "rule.course-size": lambda _: broken(
        _rule("course_size", "từ 15 đến 17 người"),
        persons=_people(),
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.min-study-days": lambda _: broken(
        _rule("min_study_days", "ít nhất 5 ngày"),
        persons=_people(),
        courses=[{"id": "c", "start": "2024-03-04", "end": "2024-03-05"}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.missing-data": lambda _: broken(
        _rule("age_limit", "dưới 45 tuổi"),
        persons=_people(),
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.not-in-force": lambda _: broken(
        _rule("no_overlap", valid_until='"2023-12-31"'),
        persons=_people(),
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.outside-scheme": lambda _: broken(
        _rule("no_overlap"),
        _target(2023),
        persons=_people(),
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.persons-missing": lambda _: broken(
        _rule("age_limit", "dưới 45 tuổi"),
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.across-not-given": lambda _: broken(
        _rule("no_repeat", across='["hanoi-2022-2025"]'),
        persons=_people(),
        courses=[{"id": "c", **WEEK, "content": "x"}],
        attendances=_pairs(("p", "c")),
    ),
    "rule.unknown-person": lambda _: broken(
        _rule("no_overlap"),
        persons=_people(),
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("q", "c")),
    ),
    "rule.unknown-course": lambda _: broken(
        _rule("no_overlap"),
        persons=_people(),
        courses=[{"id": "c", **WEEK}],
        attendances=_pairs(("p", "k")),
    ),
    "validation.attendances-at-least-persons": lambda _: validated(
        {"unit": "u", "attendances": 10, "persons": 12}
    ),
    "validation.one-row-per-cell": lambda _: validated(
        {"unit": "u", "attendances": 10}, {"unit": "u", "attendances": 10}
    ),
    "validation.part-at-most-total": lambda _: validated(
        {"unit": "u", "attendances": 100, "persons": 80},
        {"unit": "u", "gender": "female", "attendances": 95, "persons": 90},
    ),
    "validation.parts-equal-total": lambda _: validated(
        {"unit": "u", "attendances": 100},
        {"unit": "u", "gender": "female", "attendances": 60},
        {"unit": "u", "gender": "male", "attendances": 30},
    ),
    "validation.not-below-earlier": lambda _: validated(
        {"unit": "u", "year": None, "start": "2024-01-01", "end": "2024-06-30", "attendances": 40},
        {"unit": "u", "year": None, "start": "2024-01-01", "end": "2024-12-31", "attendances": 35},
    ),
    "validation.assigned": lambda _: validated(
        {"unit": "u", "attendances": 80},
        {"unit": "u", "year": 2025, "attendances": 40},
        scheme=dtbd.Scheme(
            "kh",
            "Kế hoạch",
            dtbd.Period.of_years(2024, 2025),
            targets=[
                dtbd.Target(
                    "t",
                    "T",
                    Figure.parse("300 lượt"),
                    scope=dtbd.Scope(activity="fostering"),
                    assigned=[dtbd.Assignment(Figure.parse("100 lượt"), unit="u")],
                )
            ],
        ),
    ),
}


def test_every_code_has_one_bad_input_here_and_no_case_is_for_a_code_not_in_the_registry():
    assert sorted(CASES) == sorted(PROBLEM_CODES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_is_raised_by_its_bad_input(code, tmp_path):
    assert code in CASES[code](tmp_path)


@pytest.mark.parametrize("code", PROBLEM_CODES)
def test_each_code_is_dotted_lowercase_and_has_a_sentence_in_each_language(code):
    assert re.fullmatch(r"[a-z]+(\.[a-z]+(-[a-z]+)*)+", code)
    vi, en = problem_message(code, "vi"), problem_message(code, "en")
    assert vi != en
    assert VIETNAMESE.search(vi), f"{code}: no Vietnamese letter in {vi!r}"


def test_a_code_not_in_the_registry_is_refused_where_a_problem_is_built():
    with pytest.raises(ValueError, match=r"unknown problem code 'record\.typo'"):
        RecordProblem("persons", 1, "id", "x", code="record.typo")
    with pytest.raises(ValueError, match="unknown problem code"):
        SchemeProblem("scheme.typo", "id: x")


def test_every_error_class_of_dtbd_has_a_code_of_the_registry():
    errors = [
        value
        for name in dtbd.__all__
        if inspect.isclass(value := getattr(dtbd, name)) and issubclass(value, DtbdError)
    ]
    assert len(errors) > 10
    for error in errors:
        if error is not DtbdError:
            assert error.code in PROBLEM_CODES, error


def test_docs_list_exactly_the_codes_of_the_registry():
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z.-]+)` \|", text, flags=re.MULTILINE)
    assert listed == list(PROBLEM_CODES)


def test_the_registry_is_the_words_table_of_both_languages():
    for locale in ("vi", "en"):
        keys = [key.removeprefix("code.") for key in WORDS[locale] if key.startswith("code.")]
        assert keys == list(PROBLEM_CODES)


# What a problem gives a program


def test_a_scheme_file_problem_is_its_line_with_a_code_location_and_value(tmp_path):
    """The line is the text it was; the code, the file and path, both sentences beside it."""
    path = tmp_path / "s.toml"
    path.write_text(HEAD + 'kind = "poem"\n', encoding="utf-8")
    with pytest.raises(SchemeFileError) as caught:
        load_scheme(path)
    (problem,) = caught.value.problems
    assert problem == (
        "kind: unknown SchemeKind 'poem'; use one of 'scheme', 'plan', 'programme', 'resolution'"
    )
    assert (problem.code, problem.location) == ("scheme.value.invalid", (str(path), "kind"))
    data = caught.value.to_dict("en")
    assert data["problems"][0]["message"] == problem_message("scheme.value.invalid", "en")
    assert data["problems"][0]["messages"]["vi"] == problem_message("scheme.value.invalid")
    assert data["problems"][0]["detail"] == problem
    json.dumps(data)


def test_a_record_problem_names_file_table_row_field_and_the_value_shortened(tmp_path):
    (tmp_path / "courses.csv").write_text(
        "id,start,end\nc1," + "9" * 5000 + ",2024-03-05\n", encoding="utf-8"
    )
    with pytest.raises(RecordError) as caught:
        read_records(tmp_path)
    (problem,) = caught.value.problems
    assert problem.code == "record.value.invalid"
    assert problem.location == (str(tmp_path / "courses.csv"), "courses", 1, "start")
    assert problem.value is not None
    assert len(problem.value) < 100
    assert problem.to_dict()["location"] == [str(tmp_path / "courses.csv"), "courses", 1, "start"]


def test_a_frame_and_a_dict_give_the_same_codes_for_the_same_bad_rows():
    rows = [{**COURSE, "start": "ngày mai"}, {"id": "d", "start": "2024-03-01"}]
    with pytest.raises(RecordError) as from_dicts:
        records_from_dicts(courses=rows)
    frame = pl.DataFrame(rows, schema={"id": pl.String, "start": pl.String, "end": pl.String})
    from_frame = frames(courses=frame).unread("courses")
    assert [(p.row, p.field, p.code) for p in from_dicts.value.problems] == [
        (p.row, p.field, p.code) for p in from_frame
    ]


def test_an_error_without_a_list_has_one_problem_with_its_code_and_value():
    with pytest.raises(DtbdError) as caught:
        parse_figure("khoảng dăm người")
    (problem,) = caught.value.problems
    assert isinstance(problem, Problem)
    assert (problem.code, problem.value) == ("figure.unreadable", "'khoảng dăm người'")
    assert caught.value.to_dict()["problems"][0]["detail"] == str(caught.value)


def test_problem_lines_survive_copy_and_pickle_with_their_code():
    problem = SchemeProblem("scheme.key.missing", "period: required", value="x").at("f.toml")
    for twin in (copy.deepcopy(problem), pickle.loads(pickle.dumps(problem))):  # noqa: S301
        assert twin == problem
        assert (twin.code, twin.location, twin.value) == (
            problem.code,
            problem.location,
            problem.value,
        )


@given(st.text(max_size=5000))
def test_a_problem_value_is_bounded_whatever_the_cell(cell):
    problem = Problem("record.value.invalid", value=cell)
    assert problem.value is not None
    assert len(problem.value) <= 200


# The command line


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_json_output_of_bad_records_lists_each_row_with_code_and_file(tmp_path, locale):
    (tmp_path / "persons.csv").write_text("id\np1\np1\n", encoding="utf-8")
    found = _cli_json("progress", "qd-1641-2022", "--records", str(tmp_path), "--locale", locale)
    (problem,) = found["problems"]
    assert problem["code"] == "record.id.duplicate"
    assert problem["location"] == [str(tmp_path / "persons.csv"), "persons", 2, "id"]
    assert problem["value"] == "'p1'"
    assert problem["message"] == problem_message("record.id.duplicate", locale)


def test_text_output_of_an_error_is_unchanged_by_the_codes(capsys):
    assert main(["show", "qd-1641-2O22"]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("dtbd: lỗi: không tìm thấy trong danh mục")
    assert "scheme.unknown" not in err


LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n"
    for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("code", "texts"),
    [
        (
            "file.key.repeated",
            # TOML's own parser refuses the key first: a file.toml.syntax at its line.
            {"json": '{"id": "s", "id": "t"}', "yaml": "id: s\nid: t\n"},
        ),
        ("file.too-deep", {"json": "[" * 40 + "]" * 40, "yaml": "[" * 40 + "]" * 40}),
        ("file.too-many-values", {"yaml": LAUGHS}),
    ],
)
def test_the_same_mistake_has_the_same_code_in_every_format(code, texts):
    """A repeated key is file.key.repeated whether JSON or YAML holds it."""
    for fmt, text in texts.items():
        assert scheme(text, fmt) == {code}, fmt


# Rule violations and validation violations a program can read


def test_a_missing_data_warning_is_located_at_the_record_whose_field_is_blank():
    scheme = loads_scheme(HEAD + _rule("age_limit", "dưới 45 tuổi"))
    data = records_from_dicts(
        persons=[{"id": "p"}], courses=[{"id": "c", **WEEK}], attendances=_pairs(("p", "c"))
    )
    (violation,) = check(scheme, data)
    assert violation.problem_code == "rule.missing-data"
    assert violation.location == ("persons", "p", "birth_date")
    assert violation.value is None
    problem = violation.problem()
    assert problem.to_dict("en")["location"] == ["persons", "p", "birth_date"]
    assert problem.detail == violation.message_en


def test_an_unknown_id_in_an_attendance_is_its_value_shortened():
    scheme = loads_scheme(HEAD + _rule("no_overlap"))
    long_id = "p" * 5000
    data = records_from_dicts(
        persons=[{"id": "p"}], courses=[{"id": "c", **WEEK}], attendances=_pairs((long_id, "c"))
    )
    (violation,) = check(scheme, data)
    assert violation.problem_code == "rule.unknown-person"
    assert violation.location[:1] == ("attendances",)
    assert violation.value is not None
    assert len(violation.value) <= 80
    assert violation.value.startswith("'ppp")


def test_a_validation_violation_names_the_submissions_row_and_cells():
    rows = [dtbd.SubmissionRow("u", year=2024, activity="fostering", attendances=10, persons=12)]
    (violation,) = dtbd.validate_submissions(rows).violations
    assert violation.problem_code == "validation.attendances-at-least-persons"
    assert violation.location == ("submissions", 1, "attendances")
    assert violation.value == "'10'"
    data = dtbd.validate_submissions(rows).to_dict()["violations"][0]
    assert (data["problem_code"], data["location"], data["value"]) == (
        "validation.attendances-at-least-persons",
        ["submissions", 1, "attendances"],
        "'10'",
    )


def test_check_json_on_the_command_line_gives_each_violation_its_code_and_location(
    tmp_path, capsys
):
    (tmp_path / "s.toml").write_text(HEAD + _rule("no_overlap"), encoding="utf-8")
    folder = tmp_path / "ho-so"
    folder.mkdir()
    (folder / "persons.csv").write_text("id\np\n", encoding="utf-8")
    (folder / "courses.csv").write_text(
        "id,start,end\na,2024-03-04,2024-03-08\nb,2024-03-04,2024-03-08\n", encoding="utf-8"
    )
    (folder / "attendances.csv").write_text("person,course\np,a\np,b\n", encoding="utf-8")
    main(["check", str(tmp_path / "s.toml"), "--records", str(folder), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    (violation,) = data["violations"]
    assert violation["problem_code"] == "rule.no-overlap"
    assert violation["location"] == ["attendances", "p/b", None]
