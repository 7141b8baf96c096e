"""What a `dtbd` process imports: the console script's modules, and nothing heavy for
--help, --version or a usage error (the arguments are parsed before the library is
imported). No timing here: what is measured is written in docs/cli.md."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dtbd import catalog

HEAVY = ("narwhals", "babel", "holidays", "cattrs", "pendulum", "polars", "pandas")
# Runs `dtbd ARGV…` as the console script does, then prints the heavy modules imported.
PROBE = """
import json, sys
sys.argv = ["dtbd", *json.loads(sys.argv[1])]
try:
    from dtbd.cli import main
    code = main()
except SystemExit as stop:
    code = stop.code
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print("\\n" + json.dumps({{"code": code, "heavy": heavy}}))
"""
ARGVS = [["--help"], ["--version"], ["audit", "--help"], ["--locale", "en", "-h"], ["audit"]]


def probe(argv):
    done = subprocess.run(  # noqa: S603 - the probe and its arguments are this file's own
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), json.dumps(argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_help_version_and_usage_errors_import_nothing_heavy(argv):
    """The whole process, as the console script runs it: argparse and the words only."""
    result = probe(argv)
    assert result["code"] in {0, 2}
    assert result["heavy"] == []


def test_a_command_imports_what_it_uses():
    """The probe sees imports: a real command does pull the library in."""
    assert "babel" in probe(["catalog", "--format", "json"])["heavy"]


def test_python_m_dtbd_runs_the_same_command_line():
    """`python -m dtbd catalog` lists the ids."""
    done = subprocess.run(
        [sys.executable, "-m", "dtbd", "catalog", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [s["id"] for s in json.loads(done.stdout)["schemes"]] == list(catalog.ids())
