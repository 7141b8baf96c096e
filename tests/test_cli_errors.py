"""Bad input and exit codes: every refusal names the file, row or field and the fix, in
the language of --locale, with a code of its own; a bug is exit 4, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dtbd import PROBLEM_CODES
from dtbd.cli import _commands
from dtbd.cli._main import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    main,
)

ROOT = Path(__file__).resolve().parent.parent
LEAD = {"vi": "dtbd: lỗi: ", "en": "dtbd: error: "}

BAD_SCHEME = """\
id = "sai"
title = "Kế hoạch thử"
period = { start = "2024-01-01", end = "2025-12-31" }

[[targets]]
id = "tong"
label = "Bồi dưỡng"
figure = "100 lượt"

[[targets.parts]]
id = "a"
label = "Cấp tỉnh"
figure = "nhiều lượt"
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def bad(capsys, *argv, locale="vi"):
    """Run a command expected to fail on its input data; return its message."""
    code, out, err = run(capsys, *argv, "--locale", locale)
    assert code == EXIT_BAD_INPUT, (out, err)
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith(LEAD[locale])
    return err


# The codes


def test_exit_codes_are_distinct_and_in_their_documented_order():
    codes = [EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED]
    assert codes == [0, 1, 2, 3, 4, 130]


def test_docs_table_of_exit_codes_lists_every_code():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \|", section, re.MULTILINE)
    assert rows == ["0", "1", "2", "3", "4", "130"]


# Bad input: exit 3, in both languages


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_unknown_id_suggests_the_closest(capsys, locale):
    """A near miss names the id meant and how to list them."""
    err = bad(capsys, "audit", "hung-yen", locale=locale)
    assert "did you mean 'hung-yen-171-2023'" in err
    assert "dtbd catalog" in err
    if locale == "vi":
        assert "không tìm thấy trong danh mục" in err


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_malformed_scheme_file_names_the_file_and_the_field(capsys, tmp_path, locale):
    """Every mistake is listed with its path inside the file, for every command reading it."""
    path = tmp_path / "plan.toml"
    path.write_text(BAD_SCHEME, encoding="utf-8")
    for command in ("show", "audit", "example"):
        extra = ["--out", str(tmp_path / "out")] if command == "example" else []
        err = bad(capsys, command, str(path), *extra, locale=locale)
        assert str(path) in err
        assert "targets[0].parts[0].figure" in err
        assert ("Sửa từng trường" if locale == "vi" else "Fix each field") in err


def test_unreadable_scheme_toml_names_the_file(capsys, tmp_path):
    """A file that is not TOML at all."""
    path = tmp_path / "broken.toml"
    path.write_text("id = [unclosed\n", encoding="utf-8")
    assert str(path) in bad(capsys, "audit", str(path))


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_missing_scheme_file_names_the_path(capsys, tmp_path, locale):
    path = tmp_path / "nowhere.yaml"
    err = bad(capsys, "audit", str(path), locale=locale)
    assert str(path) in err
    assert "No such file" in err  # the system's own words, after the lead
    assert ("không dùng được" if locale == "vi" else "cannot use") in err


def test_a_folder_given_as_scheme_is_refused(capsys, tmp_path):
    err = bad(capsys, "audit", str(tmp_path) + "/")
    assert "là một thư mục" in err


@pytest.mark.parametrize(
    ("locale", "where"),
    [("vi", "dòng 2, cột 'start'"), ("en", "row 2, field 'start'")],
)
def test_malformed_records_name_the_file_row_and_field(capsys, tmp_path, locale, where):
    """A bad date and a negative amount, each with its file, row and column."""
    (tmp_path / "courses.csv").write_text(
        "id,start\nk1,2024-01-02\nk2,31/02/2024\n", encoding="utf-8"
    )
    (tmp_path / "spending.csv").write_text("id,date,amount\ns1,2024-02-01,-5\n", encoding="utf-8")
    for command in ("progress", "check"):
        err = bad(capsys, command, "qd-1641-2022", "--records", str(tmp_path), locale=locale)
        assert f"{tmp_path / 'courses.csv'} {where}" in err
        assert f"{tmp_path / 'spending.csv'} " in err
        assert "`dtbd help records`" in err


@pytest.mark.parametrize(
    ("locale", "said"), [("vi", "không có tệp hay thư mục"), ("en", "no such file or folder")]
)
def test_records_path_that_does_not_exist(capsys, tmp_path, locale, said):
    err = bad(capsys, "check", "qd-1641-2022", "--records", str(tmp_path / "none"), locale=locale)
    assert said in err
    assert str(tmp_path / "none") in err


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("date", ["tomorrow", "31/02/2025", "2025-13-01"])
def test_bad_as_of_is_refused_with_the_accepted_forms(capsys, date, locale):
    """Not a date, or not a day of the calendar: a bad value is bad input, not usage."""
    err = bad(capsys, "progress", "hanoi-2016-2020", "--as-of", date, locale=locale)
    assert repr(date) in err
    assert "--as-of" in err
    assert "31/12/2025" in err


@pytest.mark.parametrize(
    ("locale", "said", "suggested"),
    [
        ("vi", "không có bản ghi để đo", "dtbd example hcmc-2021-2025 --out THƯ_MỤC"),
        ("en", "no records", "dtbd example hcmc-2021-2025 --out DIR"),
    ],
)
def test_progress_without_records_says_so_and_suggests_example(capsys, locale, said, suggested):
    """A catalog entry with no reported actuals needs --records."""
    err = bad(capsys, "progress", "hcmc-2021-2025", locale=locale)
    assert said in err
    assert suggested in err


# example --out: never overwrite without --force


def test_example_refuses_to_overwrite_files_without_force(capsys, tmp_path):
    (tmp_path / "persons.csv").write_text("id\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("giữ nguyên\n", encoding="utf-8")
    for locale in ("vi", "en"):
        err = bad(capsys, "example", "qd-1641-2022", "--out", str(tmp_path), locale=locale)
        assert str(tmp_path) in err
        assert "persons.csv" in err
        assert "--force" in err
    assert (tmp_path / "persons.csv").read_text(encoding="utf-8") == "id\n"
    assert not (tmp_path / "courses.csv").exists()


def test_example_with_force_replaces_the_files(capsys, tmp_path):
    (tmp_path / "persons.csv").write_text("id\n", encoding="utf-8")
    code, _, err = run(capsys, "example", "qd-1641-2022", "--out", str(tmp_path), "--force")
    assert code == EXIT_OK, err
    assert (tmp_path / "persons.csv").read_text(encoding="utf-8") != "id\n"


def test_example_into_an_existing_empty_folder_or_beside_other_files_is_fine(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("giữ nguyên\n", encoding="utf-8")
    code, _, err = run(capsys, "example", "qd-1641-2022", "--out", str(tmp_path))
    assert code == EXIT_OK, err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "giữ nguyên\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "example", "qd-1641-2022", "--out", str(empty))[0] == EXIT_OK


# Usage errors: exit 2, from argparse


def test_missing_option_is_an_argparse_usage_error(capsys):
    """check without --records: exit 2 with the usage, in Vietnamese by default."""
    code, _, err = run(capsys, "check", "qd-1641-2022")
    assert code == EXIT_USAGE
    assert "--records" in err
    assert "cách dùng: dtbd check" in err


@pytest.mark.parametrize("scale", ["0", "-1", "abc", "nan", "inf"])
def test_a_scale_not_above_0_is_a_usage_error(capsys, tmp_path, scale):
    code, _, err = run(capsys, "example", "qd-1641-2022", "--out", str(tmp_path), "--scale", scale)
    assert code == EXIT_USAGE
    assert "--scale" in err
    assert "0.1" in err
    assert not list(tmp_path.iterdir())


# Internal errors: exit 4, the traceback only when debugging


def _broken(args):
    raise RuntimeError("a bug planted by the test")


@pytest.mark.parametrize(("locale", "said"), [("vi", "lỗi nội bộ"), ("en", "internal error")])
def test_an_unexpected_exception_is_exit_4_with_a_request_to_report_it(
    capsys, monkeypatch, locale, said
):
    monkeypatch.setitem(_commands.COMMANDS, "catalog", _broken)
    code, out, err = run(capsys, "catalog", "--locale", locale)
    assert code == EXIT_INTERNAL
    assert out == ""
    assert said in err
    assert "RuntimeError: a bug planted by the test" in err
    assert "--debug" in err
    assert "Traceback" not in err


def _broken_over_lines(args):
    raise ValueError("first line\n  second line\n")


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_an_internal_error_is_one_line_and_one_line_of_what_to_report(capsys, monkeypatch, locale):
    """The error on one line, however many its message had, then what to report."""
    monkeypatch.delenv("DTBD_DEBUG", raising=False)
    monkeypatch.setitem(_commands.COMMANDS, "audit", _broken_over_lines)
    code, out, err = run(capsys, "audit", "qd-1641-2022", "--locale", locale)
    assert code == EXIT_INTERNAL
    assert out == ""
    first, second = err.splitlines()
    lead = {"vi": "dtbd: lỗi nội bộ: ", "en": "dtbd: internal error: "}[locale]
    assert first == lead + "ValueError: first line; second line"
    assert "DTBD_DEBUG=1" in second


def _interrupted(args):
    raise KeyboardInterrupt


@pytest.mark.parametrize(("locale", "said"), [("vi", "đã dừng"), ("en", "stopped")])
def test_ctrl_c_is_exit_130_with_one_line(capsys, monkeypatch, locale, said):
    monkeypatch.setitem(_commands.COMMANDS, "catalog", _interrupted)
    code, out, err = run(capsys, "catalog", "--locale", locale)
    assert code == EXIT_INTERRUPTED
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("dtbd: ")
    assert said in line


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_adds_the_traceback_of_an_internal_error(capsys, monkeypatch, how):
    monkeypatch.setitem(_commands.COMMANDS, "catalog", _broken)
    argv = ["catalog"]
    if how == "option":
        argv.append("--debug")
    else:
        monkeypatch.setenv("DTBD_DEBUG", "1")
    code, _, err = run(capsys, *argv)
    assert code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in err
    assert "_broken" in err


# No input prints a traceback: every command, every kind of broken input


def _commands_of_the_parser() -> list[str]:
    import argparse

    from dtbd.cli._parser import build

    (sub,) = (a for a in build("en")._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


COMMANDS_OF_THE_PARSER = _commands_of_the_parser()


def _broken_inputs(tmp: Path) -> dict[str, Path]:
    """A file or folder for each way an input can be broken."""
    made = {
        "missing": tmp / "nowhere.toml",
        "empty": tmp / "empty.toml",
        "binary": tmp / "garbage.toml",
        "bad-toml": tmp / "bad.toml",
        "bad-yaml": tmp / "bad.yaml",
        "bad-json": tmp / "bad.json",
        "not-a-table": tmp / "list.json",
        "broken-target": tmp / "target.toml",
        "part-outside": tmp / "part.toml",
        "no-suffix": tmp / "scheme",
        "folder": tmp / "folder.toml",
    }
    made["empty"].write_text("", encoding="utf-8")
    made["binary"].write_bytes(bytes(range(256)) * 4)
    made["bad-toml"].write_text('id = "x\ntitle = [\n', encoding="utf-8")
    made["bad-yaml"].write_text("id: [x\n  title: : :\n", encoding="utf-8")
    made["bad-json"].write_text('{"id": "x", "title": }', encoding="utf-8")
    made["not-a-table"].write_text("[1, 2, 3]", encoding="utf-8")
    made["broken-target"].write_text(BAD_SCHEME, encoding="utf-8")
    made["part-outside"].write_text(
        BAD_SCHEME.replace("nhiều lượt", "80 lượt") + 'window = { start = "2020-01-01" }\n',
        encoding="utf-8",
    )
    made["no-suffix"].write_text(BAD_SCHEME, encoding="utf-8")
    made["folder"].mkdir()
    return made


def _broken_records(tmp: Path) -> dict[str, Path]:
    """Records folders and files broken in each way a reader can meet."""
    found = {}
    for name, files in {
        "bad-rows": {
            "courses.csv": "id,start\nk1,2024-01-02\nk2,31/02/2024\n",
            "attendances.csv": "person,course\nnobody,k9\n",
        },
        "binary": {"courses.csv": None},
        "empty-file": {"persons.csv": ""},
        "header-only-wrong": {"persons.csv": "who,what\nx,y\n"},
    }.items():
        folder = tmp / f"records-{name}"
        folder.mkdir()
        for file, text in files.items():
            if text is None:
                (folder / file).write_bytes(b"\xff\xfe\x00\x81" * 64)
            else:
                (folder / file).write_text(text, encoding="utf-8")
        found[name] = folder
    found["missing"] = tmp / "records-none"
    found["a-scheme-file"] = tmp / "records.toml"
    found["a-scheme-file"].write_text(BAD_SCHEME, encoding="utf-8")
    return found


def _argvs(command: str, tmp: Path) -> list[list[str]]:
    """Command lines that give ``command`` broken input of every kind it takes."""
    inputs = _broken_inputs(tmp)
    schemes = [str(p) for p in inputs.values()] + ["khong-co-ma-nay", ""]
    records = [str(p) for p in _broken_records(tmp).values()]
    out = str(tmp / "out")
    dates = ["tomorrow", "2025-02-30", "0000-00-00", ""]
    if command == "catalog":
        return [["catalog", "--format", "xml"], ["catalog", "extra"]]
    if command == "demo":
        return [["demo", "khong-co"], *(["demo", "--as-of", d] for d in dates)]
    if command == "draft":  # a plan's text: missing, not UTF-8, a folder, with no period
        return [
            *(["draft", str(inputs[k])] for k in ("missing", "empty", "binary", "folder")),
            ["draft", str(inputs["bad-toml"]), "--out", str(inputs["empty"])],
        ]
    lines = []
    needs = {"check": ["--records", records[0]], "example": ["--out", out]}.get(command, [])
    lines += [[command, scheme, *needs] for scheme in schemes]
    if command in {"progress", "check"}:
        lines += [[command, "qd-1641-2022", "--records", path] for path in records]
    if command in {"progress", "example"}:
        lines += [[command, "qd-1641-2022", *needs, "--as-of", day] for day in dates]
    if command == "example":
        lines += [[command, "qd-1641-2022", "--out", str(_broken_inputs(tmp / "x")["empty"])]]
        lines += [[command, "qd-1641-2022", "--out", out, "--seed", "abc"]]
    return lines


@pytest.mark.parametrize("command", COMMANDS_OF_THE_PARSER)
def test_no_broken_input_makes_any_command_print_a_traceback(capsys, tmp_path, command):
    """Usage mistakes are exit 2, bad data exit 3, each said in a line per problem."""
    (tmp_path / "x").mkdir()
    for argv in _argvs(command, tmp_path):
        code, out, err = run(capsys, *argv)
        assert "Traceback" not in err + out, argv
        assert code in {EXIT_USAGE, EXIT_BAD_INPUT}, (argv, code, err)
        if code == EXIT_BAD_INPUT:
            assert out == "", argv
            assert err.startswith(LEAD["vi"]), (argv, err)
            assert err.endswith("\n"), (argv, err)
            assert "\n\n" not in err, (argv, err)


def test_every_command_is_fed_broken_input():
    """The list above comes from the parser, so a new command is tested too."""
    assert set(COMMANDS_OF_THE_PARSER) == set(_commands.COMMANDS)


# --format json: the problems for a program, the text on stderr unchanged


@pytest.mark.parametrize("command", COMMANDS_OF_THE_PARSER)
def test_broken_input_with_format_json_prints_the_problems_with_their_codes(
    capsys, tmp_path, command
):
    """Exit 2 or 3 as without --format json, the same stderr, and one JSON object on stdout."""
    (tmp_path / "x").mkdir()
    for argv in _argvs(command, tmp_path):
        if "--format" in argv:
            continue
        code, _, err = run(capsys, *argv)
        json_code, out, json_err = run(capsys, *argv, "--format", "json")
        assert (json_code, json_err) == (code, err), argv
        found = json.loads(out)
        assert found["exit"] == code, argv
        assert found["problems"], argv
        for problem in found["problems"]:
            assert problem["code"] in PROBLEM_CODES, (argv, problem)
            assert isinstance(problem["location"], list), (argv, problem)
            assert problem["message"] == problem["messages"]["vi"], (argv, problem)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_a_usage_error_in_json_is_code_cli_usage_with_argparse_message(capsys, locale):
    code, out, err = run(capsys, "check", "qd-1641-2022", "--format", "json", "--locale", locale)
    assert code == EXIT_USAGE
    (problem,) = json.loads(out)["problems"]
    assert problem["code"] == "cli.usage"
    assert problem["detail"] in err
    assert "--records" in problem["detail"]
    assert problem["message"] == problem["messages"][locale]


def test_a_scheme_file_error_in_json_names_the_file_and_path_of_each_mistake(capsys, tmp_path):
    path = tmp_path / "sai.toml"
    path.write_text(BAD_SCHEME, encoding="utf-8")
    code, out, _ = run(capsys, "show", str(path), "--format", "json", "--locale", "en")
    assert code == EXIT_BAD_INPUT
    found = json.loads(out)
    assert [(p["code"], p["location"]) for p in found["problems"]] == [
        ("scheme.figure.unreadable", [str(path), "targets[0].parts[0].figure"])
    ]
    assert found["message"].startswith(f"{path}: 1 problem")


def test_without_format_json_an_error_prints_nothing_on_stdout(capsys, tmp_path):
    for fmt in ("table", "markdown", "html"):
        code, out, _ = run(capsys, "show", str(tmp_path / "none.toml"), "--format", fmt)
        assert (code, out) == (EXIT_BAD_INPUT, "")
