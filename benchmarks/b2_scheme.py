"""The second benchmark's scheme: ``b2_scheme.toml``, read by dtbd and by the analyst.

dtbd reads the file with :func:`dtbd.load_scheme`, as a user would. The hand-written query
reads the same file with :mod:`tomllib` and nothing of dtbd (:func:`targets`), writing out
what a part inherits from its parent the way ``docs/file-format.md`` says.

Some targets use scope fields other branches are adding to dtbd (``from_age``,
``born_from``, ``born_until``). Where the installed dtbd lacks a field,
:func:`supported` leaves those targets out of both sides and says which, so the rest can
still be run and compared.
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path
from typing import Any

import attrs

import dtbd

FILE = Path(__file__).with_name("b2_scheme.toml")

# The unit words of a figure and what a target with that figure counts.
_COUNTS = (("lượt", "attendances"), ("%", "share"), ("đồng", "spending"), ("khóa", "courses"),
           ("lớp", "courses"), ("ngày", "study_days"), ("người", "persons"))  # fmt: skip


def _counts(written: dict[str, Any]) -> str:
    if "counts" in written:
        return str(written["counts"])
    figure = str(written["figure"])
    return next(count for word, count in _COUNTS if word in figure)


def targets(path: Path = FILE) -> list[dict[str, Any]]:
    """Every target to measure (parts included), as plain dicts with inheritance written out.

    Each has ``id``, ``counts``, ``per_year``, ``scope`` (a dict as in the file) and
    ``basis``.
    """
    found: list[dict[str, Any]] = []

    def walk(written: dict[str, Any], parent: dict[str, Any] | None) -> None:
        scope = dict(parent["scope"]) if parent else {}
        scope.update(written.get("scope", {}))
        if "window" in written:
            per_year = written["window"].get("cadence") == "per_year"
        else:
            per_year = bool(parent and parent["per_year"])
        target = {
            "id": written["id"],
            "counts": parent["counts"] if parent else _counts(written),
            "per_year": per_year,
            "scope": scope,
            "basis": written.get("basis", parent["basis"] if parent else "attended"),
        }
        found.append(target)
        for part in written.get("parts", []):
            walk(part, target)

    for written in tomllib.loads(path.read_text(encoding="utf-8"))["targets"]:
        walk(written, None)
    return found


def missing_fields(path: Path = FILE) -> set[str]:
    """Scope fields the file uses that the installed dtbd's ``Scope`` lacks."""
    known = {field.name for field in attrs.fields(dtbd.Scope)}
    return {name for t in targets(path) for name in t["scope"] if name not in known}


def supported(path: Path = FILE) -> tuple[Path, set[str]]:
    """The scheme file to run, and the ids of the targets left out for missing fields.

    When every field is known that is ``path`` itself; otherwise a copy of it without the
    top-level targets that use (or have a part that uses) a missing field.
    """
    missing = missing_fields(path)
    if not missing:
        return path, set()
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    dropped: set[str] = set()
    kept = []
    for written in document["targets"]:
        scopes = [written.get("scope", {})] + [
            p.get("scope", {}) for p in written.get("parts", [])
        ]
        if any(name in missing for scope in scopes for name in scope):
            dropped |= {written["id"]} | {p["id"] for p in written.get("parts", [])}
        else:
            kept.append(written)
    document["targets"] = kept
    out = Path(tempfile.mkdtemp()) / path.name
    out.write_text(dtbd.dump_scheme(dtbd.loads_scheme(_toml(document), "toml"), "toml"),
                   encoding="utf-8")  # fmt: skip
    return out, dropped


def _toml(document: dict[str, Any]) -> str:
    import tomli_w  # noqa: PLC0415  -- dtbd writes TOML with it

    return tomli_w.dumps(document)


def scheme(path: Path = FILE) -> dtbd.Scheme:
    """The scheme as dtbd reads it (only the targets the installed dtbd can read)."""
    return dtbd.load_scheme(supported(path)[0])
