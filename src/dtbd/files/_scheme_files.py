"""Scheme files: TOML, JSON and YAML in, the same out, every mistake reported at once.

>>> scheme = loads_scheme('''
... id = "hy-171"
... title = "Đào tạo, bồi dưỡng đến năm 2025"
... period = {start = "2023-01-01", end = "2025-12-31"}
... [[targets]]
... id = "boi-duong"
... label = "Bồi dưỡng"
... figure = {low = 37000, high = 37000, unit = "attendance"}
... ''')
>>> scheme.targets[0].figure.low
Decimal('37000')
>>> loads_scheme(dump_scheme(scheme, "json"), "json") == scheme
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtbd._codes import SchemeProblem
from dtbd._errors import FileFormatError, SchemeFileError
from dtbd._limits import shown
from dtbd.files._convert import converter, describe_errors
from dtbd.files._cross import cross_problems
from dtbd.files._parsers import BOM, Format, parse, too_big
from dtbd.model._scheme import Scheme

# PyYAML (~20 ms to import) and tomli-w load with the first YAML file read or file written,
# cattrs with the first file read (dtbd.files._convert.converter).
if TYPE_CHECKING:
    import cattrs

__all__ = ["FORMATS", "dump_scheme", "load_scheme", "loads_scheme", "save_scheme"]

FORMATS: Mapping[str, Format] = {
    ".toml": "toml",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}
"""File suffixes dtbd reads and writes, and the format of each."""


def _format_of(path: Path) -> Format:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise FileFormatError(
            f"cannot tell the format of {str(path)!r} from its suffix {path.suffix!r}; "
            f"name the file with one of {', '.join(FORMATS)}"
        ) from None


def _check_format(format: str) -> Format:  # noqa: A002  -- the public keyword is "format"
    for known in FORMATS.values():
        if format == known:
            return known
    raise FileFormatError(f"unknown format {shown(format)}; use 'toml', 'json' or 'yaml'")


def loads_scheme(
    text: str | bytes,
    format: str = "toml",  # noqa: A002
    *,
    source: str = "<string>",
) -> Scheme:
    """Read a scheme from the text of a TOML, JSON or YAML file (or its UTF-8 bytes).

    Figures may be written as Vietnamese phrases (``figure = "khoảng 15 - 17 người"``) or
    as tables. YAML is read safely: tags that build Python objects are refused. A file
    that nests too deep, repeats a key, or is too big is refused with where and why, a
    byte-order mark at the start is dropped (docs/file-format.md, "What is refused").

    Raises:
        SchemeFileError: the text has mistakes; each is listed with its path
            (``targets[2].parts[0].figure``), all of them at once.
        FileFormatError: ``format`` is not ``"toml"``, ``"json"`` or ``"yaml"``.
    """
    import cattrs  # noqa: PLC0415  -- loaded with the converter

    checked = _check_format(format)
    if isinstance(text, bytes):
        text = _decoded(text, source)
    elif not isinstance(text, str):
        raise FileFormatError(
            f"expected the text of a scheme file, got {type(text).__name__}; "
            "pass a str (or its UTF-8 bytes), or a path to load_scheme"
        )
    data = parse(text, checked, source)
    if not isinstance(data, Mapping):
        line = f"(top level): expected a table of scheme fields, got {shown(data)}"
        raise SchemeFileError(source, [SchemeProblem("scheme.not-a-table", line, value=data)])
    try:
        return converter().structure(data, Scheme)
    except cattrs.BaseValidationError as exc:
        failure = exc
    problems = cross_problems(data)
    # The scheme's own check stops at its first mistake; the search above found them all.
    if not (problems and _is_scheme_check(failure)):
        problems += describe_errors(failure)
    raise SchemeFileError(source, sorted(problems, key=_path_order))


def _is_scheme_check(exc: cattrs.BaseValidationError) -> bool:
    """Whether ``exc`` is the Scheme refusing itself, every field having been read."""
    import cattrs  # noqa: PLC0415  -- loaded already: exc is a cattrs error

    if exc.cl is not Scheme or len(exc.exceptions) != 1:
        return False
    (inner,) = exc.exceptions
    return not isinstance(inner, cattrs.ForbiddenExtraKeysError) and not getattr(
        inner, "__notes__", None
    )


def load_scheme(path: str | Path) -> Scheme:
    """Read a scheme file; its format comes from the suffix (.toml, .json, .yaml, .yml).

    Raises:
        SchemeFileError: the file has mistakes, each listed with its path.
        FileFormatError: the suffix is not one dtbd reads.
    """
    path = Path(path)
    format = _format_of(path)  # noqa: A001
    if problem := too_big(path.stat().st_size):
        raise SchemeFileError(str(path), [problem])
    return loads_scheme(_decoded(path.read_bytes(), str(path)), format, source=str(path))


def _decoded(data: bytes, source: str) -> str:
    """UTF-8 bytes as text, a byte-order mark dropped; anything else is a located error."""
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as exc:
        line = f"not UTF-8 text (byte {exc.start}); save the file as UTF-8"
    raise SchemeFileError(source, [SchemeProblem("file.unreadable", line, path="")])


def dump_scheme(scheme: Scheme, format: str = "toml") -> str:  # noqa: A002
    """Write a scheme as the text of a TOML, JSON or YAML file.

    Nothing is lost: ``loads_scheme(dump_scheme(s, f), f) == s`` for every format.
    Numbers are written as exact decimal strings, figures as tables, and fields left
    at their default are omitted.
    """
    data = converter().unstructure(scheme)
    writers: dict[Format, Callable[[Any], str]] = {
        "toml": _dump_toml,
        "json": lambda d: json.dumps(d, ensure_ascii=False, indent=2) + "\n",
        "yaml": _dump_yaml,
    }
    return writers[_check_format(format)](data)


def _dump_toml(data: Mapping[str, Any]) -> str:
    import tomli_w  # noqa: PLC0415  -- loaded with the first TOML file written

    text: str = tomli_w.dumps(data)
    return text


def _dump_yaml(data: object) -> str:
    import yaml  # noqa: PLC0415  -- loaded with the first YAML file written

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def save_scheme(scheme: Scheme, path: str | Path) -> None:
    """Write a scheme to a file in the format its suffix names (UTF-8)."""
    path = Path(path)
    path.write_text(dump_scheme(scheme, _format_of(path)), encoding="utf-8")


def _path_order(problem: str) -> list[tuple[int, int | str]]:
    """Sort problems as they stand in the file: targets[2] before targets[10]."""
    path = problem.partition(": ")[0]
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|[^\[\].\d]+", path)]
