"""``import dtbd`` is cheap: the front door loads a public name's module when it is first read.

What a fresh interpreter has loaded is only visible in a fresh interpreter, so the checks
on ``sys.modules`` run in a subprocess; the test process has imported everything already.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import dtbd

HEAVY = (
    "babel",
    "holidays",
    "narwhals",
    "cattrs",
    "pendulum",
    "yaml",
    "polars",
    "pandas",
    "pyarrow",
    "matplotlib",
)
"""Third-party packages that ``import dtbd`` must not load."""

INIT = Path(dtbd.__file__)


def loaded_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; return the names then in ``sys.modules``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    # The code is this file's own, run by the interpreter running the tests.
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    modules: list[str] = json.loads(done.stdout.splitlines()[-1])
    return modules


def tops(modules: list[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def test_import_dtbd_loads_no_heavy_package():
    modules = loaded_after("import dtbd")
    assert not tops(modules) & set(HEAVY)
    assert not tops(modules) & {"attrs", "typing"}


def test_import_dtbd_loads_almost_no_submodule():
    """The version and the map of names only: no subpackage is loaded."""
    modules = loaded_after("import dtbd; dtbd.__version__")
    assert sorted(m for m in modules if m.startswith("dtbd.")) == ["dtbd._homes", "dtbd._version"]


def test_parsing_a_figure_loads_neither_narwhals_nor_holidays():
    code = 'from dtbd import Figure; Figure.parse("khoảng 15 - 17 người")'
    loaded = tops(loaded_after(code))
    assert not loaded & {"narwhals", "holidays", "cattrs", "yaml", "pandas", "polars"}


@pytest.mark.parametrize("name", dtbd.__all__)
def test_every_public_name_is_the_object_of_its_home_module(name):
    value = getattr(dtbd, name)
    if name == "__version__":
        assert isinstance(value, str)
        return
    home = importlib.import_module(dtbd._HOME_OF[name])
    assert value is getattr(home, name)


def test_every_public_name_has_a_home_and_nothing_else_does():
    assert sorted({*dtbd._HOME_OF, "__version__"}) == sorted(dtbd.__all__)
    assert len(dtbd.__all__) == len(set(dtbd.__all__))


def test_the_type_checkers_imports_say_the_same_as_the_homes():
    """The ``if TYPE_CHECKING:`` block and ``_HOMES`` list the same names from the same places."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    seen: dict[str, tuple[str, ...]] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom)
        assert node.module is not None
        if node.module == "dtbd":
            assert [alias.name for alias in node.names] == sorted(dtbd._SUBPACKAGES)
            continue
        seen[node.module] = tuple(alias.name for alias in node.names)
    assert seen == dtbd._HOMES


def test_audit_and_progress_are_the_functions_not_the_subpackages():
    """Loading ``dtbd.auditing._audit`` first must not leave the subpackage on ``dtbd.audit``."""
    loaded_after(
        "import sys, types\n"
        "import dtbd.auditing._audit, dtbd.tracking._run\n"
        "assert not isinstance(dtbd.audit, types.ModuleType), dtbd.audit\n"
        "assert not isinstance(dtbd.progress, types.ModuleType), dtbd.progress\n"
        "from dtbd import audit, progress\n"
        "assert audit is sys.modules['dtbd.auditing._audit'].audit is dtbd.audit\n"
        "assert progress is sys.modules['dtbd.tracking._run'].progress is dtbd.progress\n"
    )


def test_dir_lists_every_public_name_and_the_catalog():
    names = dir(dtbd)
    assert set(dtbd.__all__) <= set(names)
    assert "catalog" in names
    assert names == sorted(names)


def test_an_unknown_name_raises_the_standard_attribute_error():
    with pytest.raises(AttributeError, match=r"^module 'dtbd' has no attribute 'x'$"):
        _ = dtbd.x
    with pytest.raises(ImportError, match="cannot import name 'x' from 'dtbd'"):
        exec("from dtbd import x", {})  # noqa: S102


def test_star_import_gives_all():
    namespace: dict[str, object] = {}
    exec("from dtbd import *", namespace)  # noqa: S102
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(dtbd.__all__)


def test_the_catalog_is_reachable_without_importing_it():
    code = (
        "import dtbd\n"
        "assert dtbd.catalog.ids()[0] == 'qd-1641-2022'\n"
        "from dtbd import catalog\n"
        "assert catalog is dtbd.catalog\n"
    )
    assert "dtbd.catalog" in loaded_after(code)


def test_version_needs_no_import():
    assert "__version__" in vars(dtbd)


def test_importing_the_main_functions_loads_only_what_they_need_at_once():
    """attrs and pendulum build the model's classes and constants; the rest waits for use."""
    loaded = tops(loaded_after("from dtbd import Scheme, load_scheme, evaluate"))
    assert not loaded & {"babel", "holidays", "narwhals", "cattrs", "yaml", "tomli_w"}


def test_evaluating_python_records_does_not_load_narwhals():
    """Records and mappings of lists go to the Python engine without asking narwhals."""
    loaded = tops(
        loaded_after(
            "import datetime as dt\n"
            "import dtbd\n"
            "scheme = dtbd.catalog.load('hung-yen-171-2023')\n"
            "as_of = dt.date(2024, 12, 31)\n"
            "records = dtbd.example_records(scheme, seed=0, as_of=as_of)\n"
            "tables = {'persons': list(records.persons), 'courses': list(records.courses),\n"
            "          'attendances': list(records.attendances)}\n"
            "a, b = dtbd.evaluate(scheme, records, as_of), dtbd.evaluate(scheme, tables, as_of)\n"
            "assert a.targets.keys() == b.targets.keys()\n"
        )
    )
    assert "narwhals" not in loaded
    assert {"cattrs", "holidays"} <= loaded
