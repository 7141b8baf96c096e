"""The columns a frame of each table may have: their kinds, the required, the defaults.

The kinds say how the frame reader types a column (``records._frame_kinds``); the names
and defaults are the dict reader's (``docs/records.md``).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["COLUMNS", "DATES", "DEFAULTS", "REQUIRED"]

# Column kinds: key (an id: integer, text or categorical, kept as given), text, date, enum
# (text with a default), list (";"-separated text or a list column), whole (integer),
# number (integer or decimal), money (integer or decimal).
COLUMNS: Mapping[str, Mapping[str, str]] = {
    "persons": {
        "id": "key", "name": "text", "birth_date": "date", "gender": "enum",
        "category": "enum", "level": "enum", "position": "text", "unit": "text",
        "qualifications": "list", "tags": "list", "ethnicity": "text",
    },
    "courses": {
        "id": "key", "start": "date", "end": "date", "study_days": "whole", "title": "text",
        "activity": "enum", "format": "enum", "location": "enum", "country": "text",
        "place": "text", "provider": "text", "lead": "text", "topics": "list",
        "content": "text", "cost": "money", "target": "text",
    },
    "attendances": {
        "person": "key", "course": "key", "outcome": "enum", "study_days": "number",
        "cost": "money",
    },
    "spending": {
        "id": "key", "date": "date", "amount": "money", "budget_line": "text",
        "course": "key", "source": "enum", "description": "text", "unit": "text",
    },
}  # fmt: skip
"""Every column of each table (``docs/records.md``) with its kind."""

DATES = {
    table: [c for c, kind in columns.items() if kind == "date"]
    for table, columns in COLUMNS.items()
}

REQUIRED = {
    "persons": ("id",),
    "courses": ("id", "start"),
    "attendances": ("person", "course"),
    "spending": ("id", "date", "amount"),
}
DEFAULTS = {("courses", "activity"): "fostering", ("courses", "location"): "domestic"}
DEFAULTS[("attendances", "outcome")] = "completed"
