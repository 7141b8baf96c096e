"""A digest of records: what a filled form and a progress report state they were made from.

The digest is the SHA-256 of the records used, each written as sorted-key JSON through
dtbd's converter, one per line, the lines sorted: the same records in any order give the
same digest, and a changed value changes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

__all__ = ["records_digest"]


def records_digest(records: Iterable[object]) -> str:
    """The SHA-256 (hex) of a canonical serialisation of ``records`` (attrs objects)."""
    from dtbd.files._convert import converter  # noqa: PLC0415  -- cattrs on first use

    lines = {
        json.dumps(
            [type(record).__name__, converter().unstructure(record)],
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        )
        for record in records
    }
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()
