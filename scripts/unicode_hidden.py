"""Write src/dtbd/records/_unicode_hidden.py: the code points an id may not hold, as ranges.

The frame reader refuses an id holding a character that does not show, as the dict
reader does (``records._values._unseen``: control, format, separators, private use,
surrogates, unassigned code points, odd spaces), with one regular expression per id
column. Which code points are unassigned depends on the Unicode version of Python's
``unicodedata``; scanning all 1,114,112 of them on the first frame costs about 0.4 s, so
the ranges are computed here once per version and kept in a module. Run this with each
Python whose Unicode version the table lacks (``tests/test_unicode_hidden.py`` skips on
such a Python, naming this script); the versions already in the table are kept.

    PYTHONPATH=src python scripts/unicode_hidden.py
"""

from __future__ import annotations

import importlib
import sys
import unicodedata
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "src" / "dtbd" / "records" / "_unicode_hidden.py"
_MODULE = "dtbd.records._unicode_hidden"
_PER_LINE = 8

_HEAD = '''"""The code points an id may not hold, as ranges, per Unicode version.

Written by ``scripts/unicode_hidden.py`` from ``dtbd.records._values.unseen_ranges``: do not
edit; run the script with a Python whose Unicode version is missing. The frame reader's
id check (``records._frame_checks``) reads it on the first frame.
"""

HIDDEN: dict[str, tuple[tuple[int, int], ...]] = {
'''


def known() -> dict[str, tuple[tuple[int, int], ...]]:
    """The table as it is now, or an empty one."""
    try:
        return dict(importlib.import_module(_MODULE).HIDDEN)
    except ImportError:
        return {}


def write(table: dict[str, tuple[tuple[int, int], ...]]) -> str:
    """The module's text: each version's ranges eight to a line, in order.

    Eight to a line keeps the module short (tests/test_layout.py holds modules to 400
    lines) while a new version still reads as a block of its own in a diff.
    """
    lines = [_HEAD]
    for version in sorted(table, key=lambda v: tuple(map(int, v.split(".")))):
        lines.append(f'    "{version}": (\n')
        ranges = [f"(0x{a:X}, 0x{b:X})," for a, b in table[version]]
        lines.extend(
            "        " + " ".join(ranges[at : at + _PER_LINE]) + "\n"
            for at in range(0, len(ranges), _PER_LINE)
        )
        lines.append("    ),\n")
    lines.append("}  # fmt: skip\n")
    return "".join(lines)


def main() -> None:
    """Add (or renew) the running Python's Unicode version in the table."""
    sys.path.insert(0, str(TABLE.parents[2]))
    table = known()
    from dtbd.records._values import unseen_ranges  # noqa: PLC0415  -- after sys.path is set

    table[unicodedata.unidata_version] = unseen_ranges()
    TABLE.write_text(write(table), encoding="utf-8")
    count = len(table[unicodedata.unidata_version])
    print(f"{TABLE}: Unicode {unicodedata.unidata_version}, {count} ranges")


if __name__ == "__main__":
    main()
