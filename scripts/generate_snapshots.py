"""Write the golden audit snapshot of every catalog entry: tests/snapshots/<id>.audit.json.

Run it after a deliberate change to a catalog entry or to the audit, then review the
diff before committing: ``python scripts/generate_snapshots.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dtbd import audit, catalog

SNAPSHOTS = Path(__file__).resolve().parent.parent / "tests" / "snapshots"


def snapshot(scheme_id: str) -> dict[str, Any]:
    """The audit of a catalog entry as JSON-ready data, with the catalog's version."""
    return {"catalog_version": catalog.version(), **audit(catalog.load(scheme_id)).to_dict()}


def render(data: dict[str, Any]) -> str:
    """The snapshot file's text: indented, UTF-8, keys in the order the audit states."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Write one snapshot file per catalog id."""
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme_id in catalog.ids():
        path = SNAPSHOTS / f"{scheme_id}.audit.json"
        path.write_text(render(snapshot(scheme_id)), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
