"""The documentation: every Python block runs, every page is in the site, the tutorial is
stored clean, and the Makefile installs for each job only what it needs.

The site itself is built by ``make docs`` (``mkdocs build --strict``: broken links,
pages outside the nav and warnings of the API reference fail) and the notebook run by
``make notebook``; these tests hold what can be checked without those tools.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import markdown_parsers
from sybil import Sybil

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted([*DOCS.rglob("*.md"), ROOT / "README.md"])

# The info strings a reader takes for Python; Sybil runs ```python only.
_PYTHONISH = {"py", "python", "python3", "py3", "pycon", "ipython", "pyi"}
_FENCE = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$", re.MULTILINE
)
_SKIP = re.compile(r'skip:\s*next\s+"[^"]+"')


def _python_fences(text: str) -> list[tuple[int, int]]:
    """The spans (from the opening fence to the closing one) of the Python-looking blocks."""
    found, opened, start = [], None, None
    for match in _FENCE.finditer(text):
        fence = match["fence"]
        if opened is None:
            opened = fence
            info = match["info"].strip().split()
            language = info[0].strip("{}.").lower() if info else ""
            start = match.start() if language in _PYTHONISH else None
        elif fence[0] == opened[0] and len(fence) >= len(opened) and not match["info"]:
            if start is not None:
                found.append((start, match.end()))
            opened = None
    return found


def test_the_fence_finder_sees_each_kind_of_python_block():
    text = "a\n```py\nx = 1\n```\n\n````text\n```python\n````\n\n```python\n>>> 1\n1\n```\n"
    last = text.index("```python\n>>>")
    assert _python_fences(text) == [(2, text.index("\n\n")), (last, len(text) - 1)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_block_is_run_by_sybil(page):
    """A block Sybil does not collect (```py, ```pycon) would rot unseen: none is allowed.

    A block that cannot run here is marked ``<!-- skip: next "reason" -->`` and is still
    collected (and reported as skipped with its reason).
    """
    document = Sybil(parsers=markdown_parsers(), path=str(page.parent)).parse(page)
    regions = [example.region for example in document]
    starts = [region.start for region in regions]
    text = page.read_text(encoding="utf-8")
    not_run = [
        text.count("\n", 0, start) + 1
        for start, end in _python_fences(text)
        if not any(start <= region < end for region in starts)
    ]
    assert not not_run, f"lines {not_run}: write ```python (Sybil runs it) or mark a skip"
    skips = [r for r in regions if "skip" in type(r.evaluator).__name__.lower()]
    for region in skips:
        directive = text[region.start : region.end]
        assert _SKIP.search(directive), f'{directive!r}: say why, as skip: next "reason"'


def _nav_files(entries: list[object]) -> list[str]:
    files: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        files += _nav_files(value) if isinstance(value, list) else [str(value)]
    return files


def test_every_page_is_in_the_nav_once_and_every_nav_entry_exists():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = _nav_files(config["nav"])
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*") if p.suffix in {".md", ".ipynb"}}
    assert len(nav) == len(set(nav))
    assert set(nav) == pages


def test_the_site_builds_strictly_into_site():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True
    assert config["site_dir"] == "site"
    assert "site/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert {"search", "mkdocstrings", "mkdocs-jupyter"} <= set(plugins)
    reference = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    assert re.search(r"^::: dtbd$", reference, re.MULTILINE), (
        "the reference documents dtbd.__all__"
    )


def test_the_quick_starts_link_to_each_other():
    english = (DOCS / "quickstart.md").read_text(encoding="utf-8")
    vietnamese = (DOCS / "huong-dan-nhanh.md").read_text(encoding="utf-8")
    assert "](huong-dan-nhanh.md)" in english
    assert "](quickstart.md)" in vietnamese
    assert vietnamese.startswith("# Hướng dẫn nhanh\n")


def _tutorial() -> dict[str, object]:
    return json.loads((DOCS / "tutorial.ipynb").read_text(encoding="utf-8"))


def test_the_tutorial_is_stored_without_outputs():
    """CI runs it; outputs in the file would be stale the day the code changes."""
    code = [c for c in _tutorial()["cells"] if c["cell_type"] == "code"]
    assert code
    assert [c["outputs"] for c in code] == [[]] * len(code)
    assert {c["execution_count"] for c in code} == {None}


def test_the_tutorial_walks_the_analysts_way_through_the_public_api():
    source = "\n".join("".join(c["source"]) for c in _tutorial()["cells"])
    for step in (
        "catalog.load(",
        "dtbd.audit(",
        "dtbd.write_records_csv(",
        "pd.read_csv(",
        "dtbd.evaluate(",
        ".to_html(",
        ".plot(",
        ".to_frame(",
    ):
        assert step in source, step


def _dry_run(target: str) -> str:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    done = subprocess.run(  # noqa: S603 - make and the Makefile are the project's own
        [make, "-n", "-C", str(ROOT), target, "VENV=/nonexistent/venv"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_make_demo_installs_dtbd_with_its_runtime_dependencies_only():
    install = [line for line in _dry_run("demo").splitlines() if "pip install" in line]
    assert install[-1].endswith("-m pip install -e .")  # no extras, no groups, no --quiet
    assert "'pip>=25.1'" in install[0]


@pytest.mark.parametrize(
    ("target", "install"),
    [
        ("test", "install -e '.[all]' --group test"),
        ("lint", "install -e '.[all]' --group lint"),
        ("docs", "install -e '.[all]' --group docs"),
        ("notebook", "install -e '.[all]' --group docs"),
    ],
)
def test_each_make_target_installs_its_own_group(target, install):
    assert install in _dry_run(target)


def test_the_groups_hold_the_tools_and_dev_includes_them_all():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    groups = project["dependency-groups"]
    assert {"test", "lint", "docs", "dev"} <= set(groups)
    assert groups["dev"] == [{"include-group": g} for g in ("test", "lint", "docs")]
    extras = project["project"]["optional-dependencies"]
    assert "test" not in extras
    assert "dev" not in extras
    # PySpark (a 450 MB download that needs Java) is the one extra `all` leaves out;
    # the test group installs it for tests/test_spark.py.
    assert "spark" in extras
    assert "spark" not in extras["all"][0]
    assert any(d.startswith("pyspark") for d in groups["test"])
    engines = {name for name in extras if name not in ("all", "spark")}
    assert extras["all"] == [f"dtbd[{','.join(sorted(engines, key=list(extras).index))}]"]


@pytest.mark.parametrize(
    ("script", "said"),
    [
        ("echo 3.10.13", "is Python 3.10.13 and dtbd needs 3.11 or newer"),
        ("exit 127", "cannot be run; dtbd needs Python 3.11 or newer"),
    ],
)
def test_make_refuses_an_old_or_missing_python_in_one_line(tmp_path, script, said):
    """Before a venv is made: one line saying what is wrong and how to choose another."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    python = tmp_path / "python"
    python.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    python.chmod(0o755)
    done = subprocess.run(  # noqa: S603 - make and the Makefile are the project's own
        [make, "-C", str(ROOT), "demo", f"PYTHON={python}", f"VENV={tmp_path / 'venv'}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert not (tmp_path / "venv").exists()
    (line,) = done.stderr.splitlines()
    assert said in line
    assert line.endswith("make demo PYTHON=python3.12.  Stop.")
