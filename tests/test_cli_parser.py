"""The command line's options and help: --version, global options before or after the
command, no abbreviations, and help (argparse's own words too) in the language asked."""

from __future__ import annotations

import argparse
import gettext
import importlib.metadata
import inspect
import json

import pytest

import dtbd
from dtbd.cli._argparse_words import MESSAGES, PLURALS
from dtbd.cli._main import EXIT_OK, EXIT_USAGE, main
from dtbd.cli._parser import locale_of, parse
from dtbd.words import say

COMMANDS = ("catalog", "show", "audit", "progress", "check", "example", "demo")
# A command line each command accepts, to place options around.
ARGV = {
    "catalog": ["catalog"],
    "show": ["show", "qd-1641-2022"],
    "audit": ["audit", "qd-1641-2022"],
    "progress": ["progress", "hanoi-2016-2020"],
    "check": ["check", "qd-1641-2022", "--records", "x"],
    "example": ["example", "qd-1641-2022", "--out", "x"],
    "demo": ["demo"],
}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --version


def test_version_prints_dtbd_and_the_package_version(capsys):
    code, out, err = run(capsys, "--version")
    assert (code, out, err) == (EXIT_OK, f"dtbd {dtbd.__version__}\n", "")
    # pyproject.toml reads the version from dtbd/_version.py: the installed metadata agrees.
    assert out == f"dtbd {importlib.metadata.version('dtbd')}\n" == "dtbd 0.1.0\n"


# Global options anywhere


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("option", "attribute", "value"),
    [
        (["--locale", "en"], "locale", "en"),
        (["--format", "json"], "format", "json"),
        (["--no-color"], "no_color", True),
        (["--debug"], "debug", True),
    ],
)
def test_a_global_option_means_the_same_before_or_after_the_command(
    command, option, attribute, value
):
    before = parse([*option, *ARGV[command]])
    after = parse([*ARGV[command], *option])
    assert isinstance(before, argparse.Namespace)
    assert isinstance(after, argparse.Namespace)
    assert getattr(before, attribute) == getattr(after, attribute) == value
    assert vars(before) == vars(after)


@pytest.mark.parametrize("command", COMMANDS)
def test_without_global_options_every_command_gets_the_defaults(command):
    args = parse(ARGV[command])
    assert isinstance(args, argparse.Namespace)
    assert (args.locale, args.format, args.no_color, args.debug) == ("vi", "table", False, False)


def test_an_option_before_the_command_is_not_reset_by_the_commands_default():
    args = parse(["--locale", "en", "--format", "markdown", "--no-color", "audit", "x"])
    assert isinstance(args, argparse.Namespace)
    assert (args.locale, args.format, args.no_color) == ("en", "markdown", True)


def test_after_the_command_wins_when_given_twice():
    args = parse(["--locale", "en", "catalog", "--locale", "vi"])
    assert isinstance(args, argparse.Namespace)
    assert args.locale == "vi"


def test_catalog_output_is_the_same_with_the_locale_before_or_after(capsys):
    assert run(capsys, "--locale", "en", "catalog") == run(capsys, "catalog", "--locale", "en")
    before = run(capsys, "--format", "json", "catalog")
    assert before == run(capsys, "catalog", "--format", "json")
    assert json.loads(before[1])["schemes"]


# No abbreviations


@pytest.mark.parametrize(
    ("argv", "short"),
    [
        (["--loc", "en", "catalog"], "--loc"),
        (["catalog", "--loc", "en"], "--loc"),
        (["catalog", "--form", "json"], "--form"),
        (["check", "qd-1641-2022", "--rec", "x"], "--rec"),
        (["example", "qd-1641-2022", "--out", "x", "--forc"], "--forc"),
        (["--vers"], "--vers"),
    ],
)
def test_an_abbreviated_option_is_refused_with_exit_2(capsys, argv, short):
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert short in err


# Help in the language asked


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_a_description_and_an_example_in_its_help(capsys, command, locale):
    code, out, err = run(capsys, command, "--help", "--locale", locale)
    assert (code, err) == (EXIT_OK, "")
    flat = " ".join(out.split())
    description = say(f"cli.help.{command}.description", locale, ids="", date="", seed="")
    assert description.split()[0] in flat
    assert f"{say('cli.help.examples', locale)}:" in out
    first_example = say(f"cli.help.{command}.examples", locale).splitlines()[0]
    assert f"  {first_example}\n" in out
    assert say("cli.help.global_options", locale) in flat


def test_help_is_in_vietnamese_by_default_argparse_words_included(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == EXIT_OK
    assert out.startswith("cách dùng: dtbd ")
    for words in ("tùy chọn:", "hiện trợ giúp này rồi thoát", "lệnh:", "mã thoát:", "ví dụ:"):
        assert words in out
    for english in ("usage:", "options:", "show this help message", "positional arguments"):
        assert english not in out
    _, out, _ = run(capsys, "audit", "--help")
    assert "tham số vị trí:" in out
    assert "MÃ|TỆP" in out


def test_help_in_english_with_locale_en_anywhere(capsys):
    for argv in (
        ["--locale", "en", "--help"],
        ["--help", "--locale", "en"],
        ["--locale=en", "-h"],
    ):
        code, out, _ = run(capsys, *argv)
        assert code == EXIT_OK
        assert out.startswith("usage: dtbd ")
        assert "show this help message and exit" in out
        assert "exit codes:" in out


def test_top_level_help_lists_every_command_and_exit_code(capsys):
    _, out, _ = run(capsys, "--help", "--locale", "en")
    for command in COMMANDS:
        assert f"    {command} " in out
    for code in range(5):
        assert f"\n  {code}  " in out


@pytest.mark.parametrize(
    ("argv", "vi", "en"),
    [
        (
            ["check", "qd-1641-2022"],
            "thiếu tham số bắt buộc: --records",
            "the following arguments are required: --records",
        ),
        (["catalog", "--format", "xml"], "giá trị không hợp lệ: 'xml'", "invalid choice: 'xml'"),
        (["nothing"], "tham số LỆNH: giá trị không hợp lệ", "argument COMMAND: invalid choice"),
        (["catalog", "extra"], "không hiểu các tham số: extra", "unrecognized arguments: extra"),
        (["demo", "--seed", "x"], "giá trị int không hợp lệ: 'x'", "invalid int value: 'x'"),
        (["demo", "--seed"], "cần một giá trị", "expected one argument"),
        ([], "thiếu tham số bắt buộc: LỆNH", "the following arguments are required: COMMAND"),
    ],
)
def test_usage_errors_are_written_in_the_language_asked(capsys, argv, vi, en):
    code, _, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert err.startswith("cách dùng: dtbd")
    assert ": lỗi: " in err
    assert vi in err
    code, _, err = run(capsys, *argv, "--locale", "en")
    assert code == EXIT_USAGE
    assert err.startswith("usage: dtbd")
    assert ": error: " in err
    assert en in err


def test_argparse_speaks_gettext_again_once_the_parser_has_run(capsys):
    run(capsys, "--help")
    run(capsys, "audit")
    assert vars(argparse)["_"] is gettext.gettext
    assert vars(argparse)["ngettext"] is gettext.ngettext
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_every_translated_argparse_message_is_one_argparse_uses():
    """A message misspelt here would silently stay in English."""
    source = inspect.getsource(argparse)
    for message in MESSAGES:
        assert repr(message)[1:-1] in source or message in source, message
    for singular, plural in PLURALS:
        assert singular in source
        assert plural in source


@pytest.mark.parametrize("message", sorted(MESSAGES))
def test_the_english_words_give_back_argparses_own_message(message):
    key, fields = MESSAGES[message]
    assert say(key, "en", **fields) == message
    assert say(key, "vi", **fields) != message or message == "%(prog)s: error: %(message)s\n"


def test_the_locale_is_read_before_the_parser_is_built():
    assert locale_of(["audit", "x", "--locale", "en"]) == "en"
    assert (
        locale_of(["--locale", "fr", "audit"]) == "vi"
    )  # argparse then refuses it, in Vietnamese
    assert locale_of(["--", "--locale", "en"]) == "vi"
