"""A JSON Schema of scheme files, generated from the model classes.

The schema is kept in ``docs/scheme.schema.json``; after a change to the model,
regenerate it with ``python -m dtbd.files._schema > docs/scheme.schema.json`` (a test fails
until the file matches).

>>> schema = json_schema()
>>> schema["required"]
['id', 'period', 'title']
>>> schema["$defs"]["Unit"]["enum"][:3]
['attendance', 'person', 'course']
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import sys
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from dtbd.figures._figure import Figure
from dtbd.files._convert import FigureTable
from dtbd.model._scheme import Scheme

__all__ = ["json_schema", "json_schema_text"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# A decimal as text: "272300000000", "3.6", "-0", "1E+3"; integers are also accepted.
_DECIMAL = {
    "type": ["string", "integer"],
    "pattern": r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$",
    "description": "An exact number: an integer, or its digits as text ('272300000000', '3.6').",
}
_DATE = {"type": "string", "format": "date", "description": "A date, year-month-day."}
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: _DECIMAL,
    dt.date: _DATE,
}


def _summary(kind: type) -> str:
    """The first line of a class's docstring."""
    return (inspect.getdoc(kind) or kind.__name__).splitlines()[0]


def _ref(kind: type, defs: dict[str, Any]) -> dict[str, Any]:
    """A reference to ``kind``'s definition, which is written on first use."""
    name = kind.__name__
    if name not in defs:
        defs[name] = {}  # a placeholder, so that a class that holds itself stops here
        defs[name] = _definition(kind, defs)
    return {"$ref": f"#/$defs/{name}"}


def _definition(kind: type, defs: dict[str, Any]) -> dict[str, Any]:
    if issubclass(kind, enum.Enum):
        return {"description": _summary(kind), "enum": [member.value for member in kind]}
    if kind is Figure:
        phrase = {
            "type": "string",
            "description": "A Vietnamese figure phrase, e.g. 'khoảng 15 - 17 người'.",
        }
        return {"description": _summary(Figure), "oneOf": [phrase, _ref(FigureTable, defs)]}
    return _object(kind, defs)


def _object(kind: type, defs: dict[str, Any]) -> dict[str, Any]:
    """An attrs class as an object: its fields, the required ones, no other keys."""
    attrs.resolve_types(kind)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(kind):
        if not field.init:
            continue
        name = field.alias or field.name
        properties[name] = _with_bounds(_of_type(field.type, defs), field.metadata)
        if field.default is attrs.NOTHING and not _is_optional(field.type):
            required.append(name)
    schema: dict[str, Any] = {
        "type": "object",
        "description": _summary(kind),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = sorted(required)
    return schema


def _with_bounds(schema: dict[str, Any], metadata: Mapping[Any, Any]) -> dict[str, Any]:
    """``schema`` with a field's own bounds (``metadata["json_schema"]``) on its value."""
    bounds = metadata.get("json_schema")
    if not bounds:
        return schema
    options = schema.get("anyOf")
    target = next(o for o in options if o.get("type") != "null") if options else schema
    target.update(bounds)
    return schema


def _is_optional(kind: Any) -> bool:  # noqa: ANN401  -- any type expression
    return type(None) in typing.get_args(kind)


def _of_type(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401
    """The schema of a field's type."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [_of_type(arg, defs) for arg in args if arg is not type(None)]
        if type(None) in args:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _of_type(args[0], defs)}
    for scalar, schema in _SCALARS.items():
        if kind is scalar:
            return dict(schema)
    if isinstance(kind, type) and (issubclass(kind, enum.Enum) or attrs.has(kind)):
        return _ref(kind, defs)
    raise TypeError(f"no JSON Schema for the type {kind!r}; teach dtbd.files._schema about it")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scheme file, generated from the classes.

    It describes the JSON form of a file as :func:`~dtbd.dump_scheme` writes it and
    :func:`~dtbd.loads_scheme` reads it; TOML and YAML files have the same shape.
    """
    defs: dict[str, Any] = {}
    root = _object(Scheme, defs)
    return {
        "$schema": _DIALECT,
        "title": "dtbd scheme file",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def json_schema_text() -> str:
    """:func:`json_schema` as stable text: sorted keys, indent 2, a final newline."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.write(json_schema_text())
