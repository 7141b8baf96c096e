"""Terminal text: display width, wrapping, the terminal's width and colour.

Output to a file or a pipe (every capture here) has the stable layout and no ANSI code;
a width comes from COLUMNS or the terminal; colour only on a terminal, never with
NO_COLOR or --no-color.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from dtbd.cli._main import main
from dtbd.cli._terminal import terminal_width, wants_color
from dtbd.cli._text import Paragraph, Table, display_width, pad, render_text, wrap

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class Terminal(io.StringIO):
    """Standard output that says it is a terminal (of unknown size)."""

    def isatty(self):
        return True


def words(text):
    """The words of an output, without its rules (their length follows the width)."""
    return sorted(w for w in text.split() if not set(w) <= set("─═┄"))


def on_terminal(monkeypatch, *argv):
    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    code = main(list(argv))
    return code, screen.getvalue()


# Display width


def test_display_width_counts_columns_not_code_points():
    """Decomposed Vietnamese takes as many columns as composed; wide characters take two."""
    for text in ("Bồi dưỡng", "khoảng 15–17 người", "Hưng Yên"):
        decomposed = unicodedata.normalize("NFD", text)
        assert len(decomposed) > len(text)
        assert display_width(decomposed) == display_width(text) == len(text)
    assert display_width("東京") == 4


def test_pad_aligns_decomposed_text_with_composed_text():
    """Two cells, one written decomposed, end at the same column."""
    composed = pad("Bồi dưỡng", 12) + "|"
    decomposed = pad(unicodedata.normalize("NFD", "Bồi dưỡng"), 12) + "|"
    assert composed == decomposed
    assert display_width(composed) == 13


def test_wrap_never_exceeds_the_width():
    """Every wrapped line fits; no word is lost."""
    text = "Đào tạo: cử cán bộ, công chức, viên chức tham gia các lớp đào tạo đến năm 2025"
    lines = wrap(text, 20)
    assert all(display_width(line) <= 20 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_table_columns_line_up_in_display_columns():
    """Each row's second column starts at the same display column."""
    rows = (
        (unicodedata.normalize("NFD", "Bồi dưỡng"), "37.000 lượt"),
        ("khoảng 15–17 người", "x"),
        ("東京", "y"),
    )
    lines = render_text([Table(("Chỉ tiêu", "Kế hoạch"), rows)]).splitlines()
    starts = set()
    for line, row in zip(lines[2:], rows, strict=True):
        head = line[: line.index(row[1])]
        starts.add(display_width(head))
    assert len(starts) == 1


# Width


@pytest.mark.parametrize(
    "argv", [["audit", "hung-yen-171-2023"], ["progress", "hanoi-2016-2020"], ["demo"]]
)
def test_a_60_column_terminal_gets_lines_of_at_most_60_columns(capsys, monkeypatch, argv):
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    too_wide = [line for line in out.splitlines() if display_width(line) > 60]
    assert not too_wide


def test_a_narrow_terminal_wraps_cells_without_losing_a_word(capsys, monkeypatch):
    _, wide, _ = run(capsys, "progress", "hanoi-2016-2020")
    monkeypatch.setenv("COLUMNS", "60")
    _, narrow, _ = run(capsys, "progress", "hanoi-2016-2020")
    assert len(narrow.splitlines()) > len(wide.splitlines())
    assert words(narrow) == words(wide)


def test_without_a_terminal_or_columns_the_layout_is_the_stable_one(capsys, monkeypatch):
    """Paragraphs at 88 columns, tables as wide as their cells: what the README shows."""
    _, unknown, _ = run(capsys, "catalog")
    assert max(display_width(line) for line in unknown.splitlines()) > 88  # the table
    paragraph = unknown.split("\n\n")[1]
    assert max(display_width(line) for line in paragraph.splitlines()) <= 88
    monkeypatch.setenv("COLUMNS", "200")
    _, wide, _ = run(capsys, "catalog")
    assert wide == unknown


def test_prose_wraps_to_the_terminal_and_to_88_columns_at_most():
    text = " ".join(["Bồi dưỡng cán bộ"] * 30)
    assert max(map(display_width, render_text([Paragraph(text)], width=40).splitlines())) <= 40
    wide = render_text([Paragraph(text)], width=200).splitlines()
    assert max(map(display_width, wide)) <= 88
    assert wide == render_text([Paragraph(text)]).splitlines()


def test_a_table_fits_by_narrowing_its_widest_columns_first():
    table = Table(("Mức", "Nội dung"), (("lỗi", "một câu rất dài " * 8),), widths=(None, 80))
    lines = render_text([table], width=50).splitlines()
    assert max(map(display_width, lines)) <= 50
    assert lines[1].startswith("───  ─")  # the short column keeps its width


def test_even_a_very_narrow_terminal_gets_lines_that_fit():
    table = Table(("Chỉ tiêu", "Kế hoạch"), (("Bồi dưỡng viên chức", "37.000 lượt"),))
    lines = render_text([table], width=12).splitlines()
    assert max(map(display_width, lines)) <= 12


@pytest.mark.parametrize(
    ("environ", "width"),
    [({}, None), ({"COLUMNS": "72"}, 72), ({"COLUMNS": "0"}, None), ({"COLUMNS": "x"}, None)],
)
def test_the_width_is_columns_when_set_and_unknown_off_a_terminal(environ, width):
    assert terminal_width(io.StringIO(), environ) == width


def test_a_terminal_without_a_size_is_of_unknown_width():
    assert terminal_width(Terminal(), {}) is None


# Colour


@pytest.mark.parametrize(
    ("stream", "environ", "no_color", "wanted"),
    [
        (Terminal(), {}, False, True),
        (Terminal(), {}, True, False),
        (Terminal(), {"NO_COLOR": "1"}, False, False),
        (Terminal(), {"NO_COLOR": "anything"}, False, False),
        (Terminal(), {"NO_COLOR": ""}, False, True),
        (Terminal(), {"TERM": "dumb"}, False, False),
        (io.StringIO(), {}, False, False),
    ],
)
def test_colour_only_on_a_terminal_without_no_color(stream, environ, no_color, wanted):
    assert wants_color(stream, environ, no_color=no_color) is wanted


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
@pytest.mark.parametrize(
    "argv", [["audit", "hung-yen-171-2023"], ["progress", "hanoi-2016-2020"], ["demo"]]
)
def test_captured_output_has_no_escape_codes(capsys, argv, fmt):
    _, out, err = run(capsys, *argv, "--format", fmt)
    assert "\x1b" not in out
    assert "\x1b" not in err


def test_on_a_terminal_severities_and_statuses_are_coloured_and_aligned_as_without(
    capsys, monkeypatch
):
    _, plain, _ = run(capsys, "demo")
    code, coloured = on_terminal(monkeypatch, "demo")
    assert code == 0
    assert "\x1b[33mcảnh báo\x1b[0m" in coloured  # the warning of Hưng Yên's 390 lượt
    assert "\x1b[31mlỗi\x1b[0m" in coloured  # the planted violations
    assert "\x1b[31mchậm nhiều\x1b[0m" in coloured or "\x1b[33m" in coloured
    assert ANSI.sub("", coloured) == plain


@pytest.mark.parametrize("how", ["option", "environment"])
def test_no_color_and_no_color_env_turn_colour_off_on_a_terminal(capsys, monkeypatch, how):
    _, plain, _ = run(capsys, "audit", "hung-yen-171-2023")
    argv = ["audit", "hung-yen-171-2023"]
    if how == "option":
        argv.append("--no-color")
    else:
        monkeypatch.setenv("NO_COLOR", "1")
    _, out = on_terminal(monkeypatch, *argv)
    assert out == plain


def test_markdown_and_json_have_no_colour_even_on_a_terminal(monkeypatch):
    for fmt in ("markdown", "json"):
        _, out = on_terminal(monkeypatch, "audit", "hung-yen-171-2023", "--format", fmt)
        assert "\x1b" not in out
