"""The package's layout, read from its own imports: layers, no cycles, small modules.

``docs/architecture.md`` draws the layers; this test is what keeps the drawing true.
Every import counts, late (function-level) and type-only ones included, with one
exception: a display method of a result or of a scheme or target (``to_html``, ``to_markdown``,
``_repr_html_``, ``to_frame``, ``plot``, ``__str__``) may reach its renderer in
``dtbd.display`` when it is called.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

SRC = Path(__file__).parent.parent / "src"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"words"}),
    frozenset({"base"}),
    frozenset({"figures"}),
    frozenset({"model"}),
    frozenset({"files", "records"}),
    frozenset({"extracting"}),
    frozenset({"measures"}),
    frozenset({"engine"}),
    frozenset({"results"}),
    frozenset({"tracking", "auditing", "rules"}),
    frozenset({"display"}),
    frozenset({"examples", "catalog"}),
    frozenset({"documents", "forms"}),
    frozenset({"cli"}),
    frozenset({"front"}),
)
"""Groups of subpackages from the bottom up; a group's members do not import each other."""

BASE_MODULES = frozenset(
    {
        "dtbd._codes",
        "dtbd._errors",
        "dtbd._homes",
        "dtbd._validators",
        "dtbd._extras",
        "dtbd._limits",
        "dtbd._safe_text",
        "dtbd._version",
    }
)
FRONT_MODULES = frozenset({"dtbd", "dtbd.__main__"})
DISPLAY_METHODS = frozenset(
    {"to_html", "to_markdown", "_repr_html_", "to_frame", "plot", "__str__"}
)
DISPLAYED = frozenset({"results", "model"})
"""Subpackages whose classes have display methods: results, and the scheme and its targets."""
MAX_LINES = 400


@attrs.frozen
class Edge:
    """One import: from a module to a module, where it stands and whether it is late."""

    source: str
    target: str
    line: int
    function: str | None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted((SRC / "dtbd").rglob("*.py"))}


def _resolve(source: str, node: ast.ImportFrom) -> list[str]:
    if node.level:
        package = source.split(".")
        if MODULES[source].name != "__init__.py":
            package = package[:-1]
        base = ".".join(package[: len(package) - node.level + 1])
        module = f"{base}.{node.module}" if node.module else base
    else:
        module = node.module or ""
    if not module.startswith("dtbd"):
        return []
    # ``from dtbd import catalog`` imports the subpackage, not the front door.
    names = [f"{module}.{alias.name}" for alias in node.names]
    return [name if name in MODULES else module for name in names]


def edges() -> Iterator[Edge]:
    for source, path in MODULES.items():

        def visit(node: ast.AST, function: str | None, source: str = source) -> Iterator[Edge]:
            for child in ast.iter_child_nodes(node):
                inner = function
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    inner = child.name
                if isinstance(child, ast.ImportFrom):
                    for target in _resolve(source, child):
                        yield Edge(source, target, child.lineno, function)
                elif isinstance(child, ast.Import):
                    for alias in child.names:
                        if alias.name.startswith("dtbd"):
                            yield Edge(source, alias.name, child.lineno, function)
                yield from visit(child, inner)

        yield from visit(ast.parse(path.read_text(encoding="utf-8")), None)


def package_of(module: str) -> str:
    if module in FRONT_MODULES:
        return "front"
    if module in BASE_MODULES:
        return "base"
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or module in MODULES else "front"


def rank(package: str) -> int:
    for index, group in enumerate(LAYERS):
        if package in group:
            return index
    raise AssertionError(f"subpackage {package!r} is in no layer of LAYERS")


def allowed_late(edge: Edge) -> bool:
    return (
        edge.function in DISPLAY_METHODS
        and package_of(edge.source) in DISPLAYED
        and package_of(edge.target) == "display"
    )


EDGES = [e for e in edges() if e.target != e.source]
GRAPH: dict[str, set[str]] = {m: set() for m in MODULES}
for _edge in EDGES:
    if not allowed_late(_edge):
        GRAPH[_edge.source].add(_edge.target)


def test_every_module_belongs_to_a_layer() -> None:
    """A module outside the layer table (a new flat ``dtbd/_name.py``) fails here."""
    for module in MODULES:
        package = package_of(module)
        if package == "front":
            assert module in FRONT_MODULES, f"{module} must live in a subpackage of a layer"
        rank(package)


def test_no_import_points_up_or_sideways() -> None:
    """A layer imports its own subpackage and the layers below it, nothing else."""
    wrong = []
    for edge in EDGES:
        if allowed_late(edge):
            continue
        source, target = package_of(edge.source), package_of(edge.target)
        if source == target:
            continue
        if rank(target) >= rank(source):
            wrong.append(f"{edge.source}:{edge.line} imports {edge.target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_cycle_late_imports_included() -> None:
    """A function-level import that exists to break a cycle is a cycle all the same."""
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " → ".join(cycle or ())


def test_results_import_renderers_only_inside_display_methods() -> None:
    """Results and models are plain data: display code loads when a display method is called."""
    for edge in EDGES:
        if package_of(edge.source) in DISPLAYED and package_of(edge.target) == "display":
            assert edge.function in DISPLAY_METHODS, f"{edge.source}:{edge.line}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_small_enough_to_hold_in_ones_head(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by concept"


def test_graph_reads_late_and_relative_imports() -> None:
    """The graph sees what it must: a late import is an edge, ``from dtbd import x`` too."""
    late = [e for e in EDGES if e.function is not None]
    assert late, "no function-level import found: the walker misses them"
    assert all(e.target in MODULES or e.target == "dtbd" for e in EDGES)
