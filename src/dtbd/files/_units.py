r"""Unit files: a tree of units of organisation from TOML, JSON or CSV, every mistake at once.

A TOML file has one ``[[units]]`` table per unit; a CSV file one row per unit with the
columns ``id, name, level, parent, start, end, successors`` (successors separated by
``;``, empty cells for what a unit does not have). Mistakes are reported together, each
with the file, the row (CSV, counted as a spreadsheet does, the header being row 1) or
the path (``units[3]``), the unit's id and the field.

>>> tree = loads_units('''
... [[units]]
... id = "hy"
... name = "Tỉnh Hưng Yên"
... level = "province"
...
... [[units]]
... id = "so-y-te"
... name = "Sở Y tế"
... level = "department"
... parent = "hy"
... ''')
>>> [unit.name for unit in tree.children("hy")]
['Sở Y tế']

A CSV cell is text: number codes are read as whole numbers with ``int_ids=True``.

>>> text = "id,name,level,parent\n31,Thành phố Hải Phòng,province,\n"
>>> loads_units(text, "csv", int_ids=True)[31].name
'Thành phố Hải Phòng'
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from dtbd._codes import SchemeProblem
from dtbd._errors import FileFormatError
from dtbd._safe_text import restore_cell, spreadsheet_cell
from dtbd.model._units import (
    OrgUnit,
    UnitTree,
    UnitTreeError,
    check_unit_id,
    unit_problems,
)

__all__ = ["UNIT_COLUMNS", "dump_units", "load_units", "loads_units", "save_units"]

UNIT_COLUMNS = ("id", "name", "level", "parent", "start", "end", "successors")
"""The fields of a unit, in the order a CSV file of units has its columns."""

_FORMATS = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}
_REQUIRED = ("id", "name")


def _format_of(path: Path) -> str:
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise FileFormatError(
            f"cannot tell the format of {str(path)!r} from its suffix {path.suffix!r}; "
            f"name the unit file with one of {', '.join(_FORMATS)}"
        ) from None


def load_units(path: str | Path, *, int_ids: bool = False) -> UnitTree:
    """Read a unit file; its format comes from the suffix (.toml, .json, .yaml or .csv).

    Raises:
        UnitTreeError: the file cannot be read as units, or they do not make a tree;
            every mistake at once, each with its row or path, unit id and field.
        FileFormatError: the suffix is not one of those.

    ``int_ids`` reads a CSV file's ids, parents and successors as whole numbers (the
    statistics office's codes); TOML and JSON files write numbers as numbers.
    """
    path = Path(path)
    format_ = _format_of(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = f"not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        raise UnitTreeError(str(path), [SchemeProblem("file.unreadable", line, path="")]) from None
    return loads_units(text, format_, source=str(path), int_ids=int_ids)


def loads_units(
    text: str,
    format: str = "toml",  # noqa: A002  -- the keyword of loads_scheme
    *,
    source: str = "<string>",
    int_ids: bool = False,
) -> UnitTree:
    """Read units from ``text`` in ``format``: ``"toml"``, ``"json"``, ``"yaml"`` or ``"csv"``.

    Raises:
        UnitTreeError: as :func:`load_units`.
        FileFormatError: ``format`` is not one of those.
    """
    if format == "csv":
        rows = _csv_rows(text, source, int_ids=int_ids)
        where: Callable[[int], str] = lambda index: f"row {index + 2}"  # noqa: E731
    elif format in ("toml", "json", "yaml"):
        rows = _table_rows(text, format, source)
        where = lambda index: f"units[{index}]"  # noqa: E731
    else:
        raise FileFormatError(
            f"unknown unit file format {format!r}; use 'toml', 'json', 'yaml' or 'csv'"
        )
    units: list[OrgUnit] = []
    problems: list[tuple[int, str]] = []
    positions: list[int] = []
    for index, row in enumerate(rows):
        unit, mistakes = _unit_of(row)
        problems.extend((index, f"{where(index)}{mistake}") for mistake in mistakes)
        if unit is not None:
            units.append(unit)
            positions.append(index)
    for problem in unit_problems(units):
        index = positions[problem.index]
        line = f"{where(index)} (id {problem.unit!r}), {problem.field!r}: {problem.message}"
        problems.append((index, line))
    if problems:
        problems.sort(key=lambda problem: problem[0])
        raise UnitTreeError(source, [line for _, line in problems])
    return UnitTree(units)


def _csv_cell(key: str, cell: str, *, int_ids: bool) -> object:
    if key not in ("id", "parent", "successors"):
        return cell
    items = [item.strip() for item in cell.split(";")] if key == "successors" else [cell]
    if int_ids:
        items = [int(item) if item.isdigit() else item for item in items]  # type: ignore[misc]
    return items if key == "successors" else items[0]


def _csv_rows(text: str, source: str, *, int_ids: bool) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or ()]
    unknown = [name for name in header if name not in UNIT_COLUMNS]
    missing = [name for name in _REQUIRED if name not in header]
    if unknown or missing:
        lines = [f"row 1: unknown column {name!r}" for name in unknown]
        lines += [f"row 1: the column {name!r} is missing; add it" for name in missing]
        lines.append(f"row 1: the columns of a unit file are {', '.join(UNIT_COLUMNS)}")
        raise UnitTreeError(source, [SchemeProblem("units.columns", line) for line in lines])
    rows = []
    for raw in reader:
        row: dict[str, Any] = {}
        for key, value in raw.items():
            cell = restore_cell((value or "").strip()) if isinstance(value, str) else ""
            if key is not None and cell:
                row[key.strip()] = _csv_cell(key.strip(), cell, int_ids=int_ids)
        rows.append(row)
    return rows


def _table_rows(text: str, format: str, source: str) -> list[Any]:  # noqa: A002
    import yaml  # noqa: PLC0415  -- loaded with the first unit file read

    try:
        if format == "yaml":
            data = yaml.safe_load(text)
        else:
            data = tomllib.loads(text) if format == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        line = f"not valid {format.upper()}: {exc}"
        problem = SchemeProblem(f"file.{format}.syntax", line, path="")
        raise UnitTreeError(source, [problem]) from None
    if not isinstance(data, Mapping) or set(data) != {"units"}:
        keys = ", ".join(map(repr, data)) if isinstance(data, Mapping) else type(data).__name__
        line = f"(top level): a unit file holds one list 'units' (got {keys})"
        raise UnitTreeError(source, [line])
    units = data["units"]
    if not isinstance(units, list):
        raise UnitTreeError(source, [f"units: expected a list of tables, got {units!r}"])
    return units


def _unit_of(row: object) -> tuple[OrgUnit | None, list[str]]:
    """The unit a row or table describes, or the mistakes that stop it (field by field)."""
    if not isinstance(row, Mapping):
        return None, [f": expected a table of unit fields, got {type(row).__name__}"]
    try:
        label = f" (id {check_unit_id(row.get('id'))!r})"
    except ValueError:
        label = ""
    known = ", ".join(UNIT_COLUMNS)
    mistakes = [
        f"{label}, {key!r}: unknown field; the fields are {known}"
        for key in row
        if key not in UNIT_COLUMNS
    ]
    mistakes += [
        f"{label}, {key!r}: required but missing; add it" for key in _REQUIRED if key not in row
    ]
    for key in UNIT_COLUMNS:
        if key in row:
            try:
                # each field alone, so that every bad field of a row is reported
                _check_field(key, row[key])
            except (TypeError, ValueError) as exc:
                mistakes.append(f"{label}, {key!r}: {exc}")
    if mistakes:
        return None, mistakes
    try:
        return OrgUnit(**row), []
    except (TypeError, ValueError) as exc:
        return None, [f"{label}: {exc}"]


_PROBE = OrgUnit("probe", "probe")


def _check_field(key: str, value: object) -> None:
    if key == "id":
        check_unit_id(value)
    elif key == "successors" and not isinstance(value, list):
        raise TypeError(f"expected a list of unit ids, got {type(value).__name__} {value!r}")
    else:
        change: dict[str, Any] = {key: value}
        attrs.evolve(_PROBE, **change)


def _table(unit: OrgUnit) -> dict[str, Any]:
    table: dict[str, Any] = {"id": unit.id, "name": unit.name, "level": unit.level.value}
    if unit.parent is not None:
        table["parent"] = unit.parent
    if unit.start is not None:
        table["start"] = unit.start.isoformat()
    if unit.end is not None:
        table["end"] = unit.end.isoformat()
    if unit.successors:
        table["successors"] = list(unit.successors)
    return table


def _csv_text(value: object) -> str:
    if isinstance(value, list):
        return ";".join(map(str, value))
    return spreadsheet_cell(value) if isinstance(value, str) else str(value)


def dump_units(tree: UnitTree, format: str = "toml") -> str:  # noqa: A002
    """``tree`` as the text of a unit file that :func:`loads_units` reads back.

    A CSV file's text cells that begin like a formula get a ``'`` (``dtbd._safe_text``);
    number ids are read back as numbers with ``int_ids=True``.

    Raises:
        FileFormatError: ``format`` is not ``"toml"``, ``"json"``, ``"yaml"`` or ``"csv"``.
    """
    tables = [_table(unit) for unit in tree]
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(UNIT_COLUMNS)
        for table in tables:
            writer.writerow(
                [_csv_text(table[key]) if key in table else "" for key in UNIT_COLUMNS]
            )
        return out.getvalue()
    if format == "json":
        return json.dumps({"units": tables}, ensure_ascii=False, indent=2) + "\n"
    if format == "yaml":
        import yaml  # noqa: PLC0415  -- loaded with the first YAML file written

        return str(yaml.safe_dump({"units": tables}, allow_unicode=True, sort_keys=False))
    if format == "toml":
        import tomli_w  # noqa: PLC0415  -- loaded with the first TOML file written

        return str(tomli_w.dumps({"units": tables}))
    raise FileFormatError(
        f"unknown unit file format {format!r}; use 'toml', 'json', 'yaml' or 'csv'"
    )


def save_units(tree: UnitTree, path: str | Path) -> None:
    """Write ``tree`` to a unit file; its format comes from the suffix, as :func:`load_units`.

    Raises:
        FileFormatError: the suffix is not .toml, .json, .yaml, .yml or .csv.
    """
    path = Path(path)
    format_ = _format_of(path)
    path.write_text(dump_units(tree, format_), encoding="utf-8")
