"""The text of a scheme file to plain data, guarded: every hostile input is a located error.

What Python's parsers do with hostile input, and what is done here instead:

- deep nesting (``[[[[…]]]]``) makes ``json`` and ``tomllib`` raise ``RecursionError``
  (and PyYAML's scanner take seconds):
  the text is scanned first and refused at the line where it goes deeper than
  :data:`~dtbd._limits.MAX_NESTING`;
- ``json`` keeps the last of two equal keys: both are refused, with the key and path;
- a JSON integer of 5,000 digits would trip ``int()``'s limit: it is read as a
  ``Decimal``, for the number limits to refuse at its path;
- a byte-order mark makes ``tomllib`` and ``json`` fail at line 1: it is dropped;
- YAML goes through :class:`~dtbd.files._yaml.GuardedLoader`;
- after parsing, one walk refuses keys that are not texts, texts longer than
  :data:`~dtbd._limits.MAX_TEXT_CHARS`, more than :data:`~dtbd._limits.MAX_TARGETS`
  targets and more than :data:`~dtbd._limits.MAX_VALUES` values, each at its path.
"""

from __future__ import annotations

import decimal
import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Literal

from dtbd._codes import SchemeProblem
from dtbd._errors import SchemeFileError
from dtbd._limits import (
    MAX_FILE_BYTES,
    MAX_INTEGER_DIGITS,
    MAX_NESTING,
    MAX_TARGETS,
    MAX_TEXT_CHARS,
    MAX_VALUES,
    shown,
)

__all__ = ["BOM", "Format", "parse", "too_big"]

Format = Literal["toml", "json", "yaml"]

BOM = "\ufeff"
"""The byte-order mark some editors (Notepad) put first in a UTF-8 file."""

_TOO_LONG = (
    f"at most {MAX_INTEGER_DIGITS} digits are taken before the decimal point "
    "(see the limits: `dtbd help figures`)"
)
_DEEP = (
    f"lists and tables are nested more than {MAX_NESTING} deep; a scheme needs fewer than "
    "ten levels (see the limits: `dtbd help figures`)"
)

# What opens and closes a level, strings and comments skipped whole.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)
_TOML_TOKENS = re.compile(
    r"'''.*?(?:'''|\Z)|\"\"\"(?:[^\\]|\\.)*?(?:\"\"\"|\Z)|\"(?:[^\"\\\n]|\\.)*\"?|'[^'\n]*'?"
    r"|#[^\n]*|[\[\]{}]",
    re.DOTALL,
)


def too_big(size: int, unit: str = "bytes") -> SchemeProblem | None:
    """The refusal of a file of ``size`` bytes (or characters), if it is over the limit."""
    if size <= MAX_FILE_BYTES:
        return None
    line = (
        f"the file has {size:,} {unit}; at most {MAX_FILE_BYTES:,} are read "
        "(see the limits: `dtbd help figures`)"
    )
    return SchemeProblem("file.too-big", line, path="", value=size)


def _too_deep(text: str, format: Format) -> SchemeProblem | None:  # noqa: A002
    """Where the text's brackets nest deeper than the limit, before a parser recurses.

    YAML is scanned like TOML (its quotes and comments are alike): its flow collections
    (``[[[…``) cost PyYAML's scanner time in the square of their depth, seconds for a
    few kilobytes; its block nesting is counted by the loader.
    """
    tokens = _JSON_TOKENS if format == "json" else _TOML_TOKENS
    depth = 0
    for match in tokens.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                where = f"{_DEEP} (at line {line}, column {column})"
                return SchemeProblem("file.too-deep", where, path="")
        elif bracket in "]}":
            depth = max(depth - 1, 0)
    return None


class _Pairs(list[tuple[str, object]]):
    """A JSON object as read, pairs in order, so that a repeated key can be found."""


def _json_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= 40 else Decimal(text)


def _decimal(text: str) -> Decimal:
    """A decimal number as written; one whose exponent Decimal cannot hold is refused."""
    try:
        return Decimal(text)
    except decimal.InvalidOperation:  # 1e9999999999999999999: beyond any context
        said = text if len(text) <= 40 else f"{text[:20]}…"
        line = f"the number {said!r} is beyond every limit; {_TOO_LONG}"
        raise _Refused(SchemeProblem("file.number.too-long", line, path="", value=text)) from None


def _parse_json(text: str) -> object:
    return json.loads(
        text,
        parse_float=_decimal,
        parse_int=_json_int,
        parse_constant=Decimal,
        object_pairs_hook=_Pairs,
    )


def _yaml_problem(exc: Exception) -> str:
    import yaml  # noqa: PLC0415  -- loaded already: exc is a YAML error

    if not isinstance(exc, yaml.MarkedYAMLError):
        return str(exc)
    said = []
    for text, mark in ((exc.context, exc.context_mark), (exc.problem, exc.problem_mark)):
        if text:
            where = f" (at line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            said.append(text + where)
    return "; ".join(said) or str(exc)


def _syntax(text: str, format: Format) -> object:  # noqa: A002
    """The parser's data, or a SchemeFileError problem that says where the syntax breaks."""
    if format == "yaml":
        import yaml  # noqa: PLC0415  -- loaded with the first YAML file

        from dtbd.files._yaml import RefusedYAMLError, load_yaml  # noqa: PLC0415  -- it imports yaml

        try:
            return load_yaml(text)
        except yaml.YAMLError as exc:
            line = f"not valid YAML: {_yaml_problem(exc)}"
            code = exc.code if isinstance(exc, RefusedYAMLError) else "file.yaml.syntax"
            raise _Refused(_whole(code, line)) from None
    try:
        if format == "toml":
            # Bare decimals (3.6) are read exactly, never through a float.
            return tomllib.loads(text, parse_float=_decimal)
        return _parse_json(text)
    except tomllib.TOMLDecodeError as exc:
        raise _Refused(_whole("file.toml.syntax", f"not valid TOML: {exc}")) from None
    except json.JSONDecodeError as exc:
        line = f"not valid JSON: {exc.msg} (at line {exc.lineno}, column {exc.colno})"
        raise _Refused(_whole("file.json.syntax", line)) from None


class _Refused(Exception):  # noqa: N818  -- an internal signal, never raised out
    """One problem that stops the reading of a file."""

    def __init__(self, problem: SchemeProblem) -> None:
        super().__init__(problem)
        self.problem = problem


def _whole(code: str, line: str) -> SchemeProblem:
    """A problem of the whole file (its syntax, its size): no path inside it."""
    return SchemeProblem(code, line, path="")


def parse(text: str, format: Format, source: str) -> object:  # noqa: A002
    """The file's data as plain dicts, lists and values, or a located SchemeFileError."""
    text = text.removeprefix(BOM)
    try:
        problem = too_big(len(text), "characters")
        if problem is None:
            problem = _too_deep(text, format)
        data = None if problem else _syntax(text, format)
        problems = [problem] if problem else list(_shape(data))
    except _Refused as exc:
        problems = [exc.problem]
    except RecursionError:  # a fallback: the checks above should stop it first
        problems = [_whole("file.too-deep", _DEEP)]
    except ValueError:  # Python's int() refuses over 4300 digits
        line = f"a number has more than 4300 digits; {_TOO_LONG}"
        problems = [_whole("file.number.too-long", line)]
    if problems:
        raise SchemeFileError(source, problems)
    return _plain(data) if format == "json" else data


def _plain(data: object) -> object:
    """JSON's pair lists as dicts (the walk has refused repeated keys)."""
    if isinstance(data, _Pairs):
        return {key: _plain(value) for key, value in data}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data


def _items(data: object) -> Iterator[tuple[object, object]]:
    if isinstance(data, _Pairs):
        yield from data
    elif isinstance(data, Mapping):
        yield from data.items()
    elif isinstance(data, list):
        yield from enumerate(data)


def _join(path: str, key: object, *, table: bool) -> str:
    if not table:
        return f"{path}[{key}]"
    if not isinstance(key, str):
        return path or "(top level)"
    return f"{path}.{key}" if path else key


def _text_problem(path: str, value: object) -> SchemeProblem | None:
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        line = (
            f"{path or '(top level)'}: a text of {len(value):,} characters; at most "
            f"{MAX_TEXT_CHARS:,} are taken"
        )
        return SchemeProblem("file.text.too-long", line, path=path, value=value)
    return None


def _key_problem(path: str, where: str, key: object, seen: set[object]) -> SchemeProblem | None:
    if not isinstance(key, str):
        line = f"{where}: the key {shown(key)} is not a text; put it in quotes"
        return SchemeProblem("file.key.not-text", line, path=where, value=key)
    if len(key) > MAX_TEXT_CHARS:
        line = f"{path or '(top level)'}: a key of {len(key):,} characters"
        return SchemeProblem("file.text.too-long", line, path=path, value=key)
    if key in seen:
        line = f"{where}: the key {shown(key)} is given twice; keep one"
        return SchemeProblem("file.key.repeated", line, path=where, value=key)
    seen.add(key)
    return None


def _shape(data: object) -> Iterator[SchemeProblem]:
    """What is wrong with the data's shape, each at its path: a walk with its own stack."""
    stack: list[tuple[str, object, int]] = [("", data, 1)]
    values = targets = 0
    while stack:
        path, value, depth = stack.pop()
        values += 1
        if values > MAX_VALUES or depth > MAX_NESTING:
            yield (
                SchemeProblem("file.too-deep", f"{path or '(top level)'}: {_DEEP}", path=path)
                if depth > MAX_NESTING
                else _whole(
                    "file.too-many-values",
                    f"the file holds more than {MAX_VALUES:,} values; see the limits",
                )
            )
            return
        if problem := _text_problem(path, value):
            yield problem
        table = isinstance(value, (_Pairs, Mapping))
        if type(value) is list and path.rpartition(".")[2] in ("targets", "parts"):
            targets += len(value)
            if targets > MAX_TARGETS:
                line = f"{path}: more than {MAX_TARGETS:,} targets in the file; see the limits"
                yield SchemeProblem("file.too-many-targets", line, path=path)
                return
        seen: set[object] = set()
        children = []
        for key, child in _items(value):
            where = _join(path, key, table=table)
            if table and (problem := _key_problem(path, where, key, seen)):
                yield problem
                if key in seen or not isinstance(key, str) or len(key) > MAX_TEXT_CHARS:
                    continue
            children.append((where, child, depth + 1))
        stack.extend(reversed(children))
