"""``dtbd help``: the documentation pages, from a checkout and from an installed wheel; and
messages that name a help topic, never a path of the repository."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from dtbd.cli import _help
from dtbd.cli._main import EXIT_BAD_INPUT, EXIT_OK, main
from dtbd.words import WORDS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_topics_are_the_pages_of_docs_but_the_home_page():
    pages = {p.stem for p in DOCS.glob("*.md")}
    assert set(_help.topics()) == pages - {"index"}
    assert {"records", "file-format", "rules", "progress", "cli", "frames", "figures"} <= pages
    assert {"quickstart", "huong-dan-nhanh"} <= pages


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_help_without_a_topic_lists_each_topic_with_its_title(capsys, locale):
    code, out, err = run(capsys, "help", "--locale", locale)
    assert (code, err) == (EXIT_OK, "")
    for topic in _help.topics():
        assert re.search(
            rf"^{re.escape(topic)}\s+{re.escape(_help.title(topic))}$", out, re.MULTILINE
        )
    assert "huong-dan-nhanh" in out
    assert "Hướng dẫn nhanh" in out


def test_a_topic_in_markdown_is_the_page_as_written(capsys):
    page = (DOCS / "records.md").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "help", "records", "--format", "markdown")
    assert code == EXIT_OK
    assert out.rstrip("\n") == page.rstrip("\n")


def test_a_topic_in_the_terminal_keeps_code_blocks_and_tables_whole(capsys):
    code, out, _ = run(capsys, "help", "cli")
    assert code == EXIT_OK
    assert out.startswith("The command line\n════════════════\n")
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    table_row = next(line for line in page.splitlines() if line.startswith("| `dtbd catalog`"))
    assert table_row in out.splitlines()
    assert '>>> main(["audit", "hung-yen-171-2023", "--locale", "en"])' in out


def test_a_topic_in_json_carries_the_whole_page(capsys):
    code, out, _ = run(capsys, "help", "figures", "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert list(data) == ["topic", "title", "text"]
    assert data["topic"] == "figures"
    assert data["text"] == (DOCS / "figures.md").read_text(encoding="utf-8")


def test_the_topic_list_in_json_names_topic_and_title(capsys):
    data = json.loads(run(capsys, "help", "--format", "json")[1])
    assert [t["topic"] for t in data["topics"]] == list(_help.topics())
    assert {"topic": "records", "title": "Records: what was done"} in data["topics"]


@pytest.mark.parametrize(
    ("locale", "said"),
    [("vi", "có phải bạn muốn `dtbd help records`?"), ("en", "did you mean `dtbd help records`?")],
)
def test_a_misspelt_topic_is_exit_3_with_the_closest_one(capsys, locale, said):
    code, out, err = run(capsys, "help", "recods", "--locale", locale)
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert said in err
    assert "Traceback" not in err


def test_an_unknown_topic_lists_the_topics(capsys):
    code, _, err = run(capsys, "help", "zzzz", "--locale", "en")
    assert code == EXIT_BAD_INPUT
    assert "there is no help topic zzzz; the topics are: architecture, audit," in err


def test_an_installed_package_reads_its_pages_from_dtbd_help(monkeypatch, tmp_path):
    """A wheel has no docs/ beside it: the pages are package data under dtbd/help/."""
    installed = tmp_path / "dtbd"
    (installed / "help").mkdir(parents=True)
    (installed / "help" / "records.md").write_text("# Bản ghi\n\nNội dung.\n", encoding="utf-8")
    (installed / "help" / "index.md").write_text("# Home\n", encoding="utf-8")
    (installed / "help" / "scheme.schema.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(_help.resources, "files", lambda _package: installed)
    assert _help.topics() == ("records",)
    assert _help.title("records") == "Bản ghi"
    assert _help.text("records") == "# Bản ghi\n\nNội dung.\n"


def test_a_checkout_reads_the_pages_from_its_docs_folder():
    """No dtbd/help/ in the source tree: the checkout's docs/ is read instead."""
    assert not (ROOT / "src" / "dtbd" / _help.HELP_PACKAGE_DIR).exists()
    assert Path(str(_help.pages())) == DOCS


def test_the_wheel_maps_docs_to_the_folder_help_reads():
    """pyproject's force-include puts docs/ where :func:`_help.pages` looks in a wheel."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["src/dtbd"]
    assert wheel["force-include"] == {"docs": f"dtbd/{_help.HELP_PACKAGE_DIR}"}


def _texts():
    for locale, table in WORDS.items():
        for key, text in table.items():
            yield locale, key, text


def test_no_text_shown_to_people_points_into_the_repository():
    """An installed package has no docs/ folder: texts name `dtbd help TOPIC` instead."""
    found = [(locale, key) for locale, key, text in _texts() if "docs/" in text]
    assert not found


def test_every_topic_a_text_names_exists():
    named = {
        (key, topic)
        for _, key, text in _texts()
        for topic in re.findall(r"`dtbd help ([a-z-]+)", text)
    }
    assert named, "some text should point to a help topic"
    assert {topic for _, topic in named} <= set(_help.topics())
    assert ("cli.error.records", "records") in named


@pytest.mark.parametrize(
    ("locale", "commands"),
    [
        ("vi", ["dtbd demo --locale en", "dtbd demo --format json", "dtbd example "]),
        ("en", ["dtbd demo --locale vi", "dtbd demo --format json", "dtbd example "]),
    ],
)
def test_the_demo_ends_with_the_next_commands_to_try(capsys, locale, commands):
    code, out, _ = run(capsys, "demo", "--locale", locale)
    assert code == EXIT_OK
    heading = {"vi": "Thử tiếp", "en": "Try next"}[locale]
    tail = out.rsplit(f"\n{heading}\n", 1)[1]
    firsts = [line.split("  ")[0] for line in tail.splitlines()[3:]]
    assert [c for c in commands if not any(f.startswith(c) for f in firsts)] == []
    assert "dtbd help" in firsts
