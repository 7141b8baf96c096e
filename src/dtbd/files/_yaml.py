"""A safe YAML loader that refuses what PyYAML's takes or trips over.

PyYAML's ``SafeLoader`` builds no Python objects, but it keeps the last of two equal keys,
expands aliases of aliases without end (the "billion laughs"), follows an alias into the
node that holds it, recurses as deep as the file nests, and lets ``2023-02-31`` escape as
a bare ``ValueError``. This loader refuses each with the line it is on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from yaml.error import MarkedYAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dtbd._limits import MAX_NESTING, MAX_VALUES, MAX_YAML_ALIASES, shown

__all__ = ["GuardedLoader", "RefusedYAMLError", "load_yaml"]

_MERGE = "tag:yaml.org,2002:merge"


class RefusedYAMLError(MarkedYAMLError):
    """What this loader refuses, at its line, with the problem code (dtbd._codes) it is."""

    def __init__(self, code: str, problem: str, mark: Any, context: str | None = None) -> None:  # noqa: ANN401  -- PyYAML's marks are untyped
        super().__init__(context, None, problem, mark)
        self.code = code


class GuardedLoader(yaml.SafeLoader):
    """``SafeLoader`` with limits on aliases, nesting and size, and no duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        mark: Any = event.start_mark  # the C and Python marks are alike
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise RefusedYAMLError(
                    "file.too-many-values",
                    f"more than {MAX_YAML_ALIASES} aliases (*name); write the values out",
                    mark,
                )
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise RefusedYAMLError(
                "file.too-deep", f"lists and tables nested more than {MAX_NESTING} deep", mark
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> Node | None:
        node: Node | None = super().compose_document()
        if node is not None:
            _check_size(node)
        return node

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:  # noqa: FBT001, FBT002  -- PyYAML's signature
        if isinstance(node, MappingNode):
            first: dict[object, Node] = {}
            for key_node, _ in node.value:
                if (
                    not isinstance(key_node, ScalarNode)
                    or key_node.tag == "tag:yaml.org,2002:merge"
                ):
                    continue
                key = self.construct_object(key_node)
                if key in first:
                    line = first[key].start_mark.line + 1
                    raise RefusedYAMLError(
                        "file.key.repeated",
                        f"the key {shown(key)} is given twice (first on line {line}); keep one",
                        key_node.start_mark,
                        "while reading a table",
                    )
                first[key] = key_node
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: ScalarNode) -> dt.date:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise RefusedYAMLError(
                "file.yaml.syntax",
                f"{shown(node.value)} is not a date of the calendar ({exc})",
                node.start_mark,
            ) from None


GuardedLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    GuardedLoader.construct_yaml_timestamp,
)


def _check_size(root: Node) -> None:
    """Refuse a document whose aliases expand beyond :data:`MAX_VALUES` or into themselves.

    The size of each node is counted once (aliases share nodes), so a billion laughs is
    refused after a few dozen nodes, not after a billion.
    """
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise RefusedYAMLError(
                "file.yaml.syntax",
                "an alias refers to a list or table that holds it",
                node.start_mark,
            )
        busy.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(item) for item in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        busy.discard(key)
        if total > MAX_VALUES:
            raise RefusedYAMLError(
                "file.too-many-values",
                f"the file holds more than {MAX_VALUES:,} values once its aliases are written out",
                node.start_mark,
            )
        sizes[key] = total
        return total

    size(root)


def load_yaml(text: str) -> object:
    """The data of one YAML document, read by :class:`GuardedLoader`."""
    loader = GuardedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
