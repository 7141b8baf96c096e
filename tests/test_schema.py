"""The JSON Schema of scheme files: in sync with the classes, and true of every scheme."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from dtbd.files._schema import json_schema, json_schema_text
from dtbd.files._scheme_files import dump_scheme, load_scheme
from strategies import schemes

ROOT = Path(__file__).parent.parent
SCHEMA_FILE = ROOT / "docs" / "scheme.schema.json"
CATALOG = sorted(
    path
    for path in (ROOT / "src" / "dtbd" / "catalog" / "data").glob("*.toml")
    if "." not in path.stem  # not the records files beside the schemes
)

VALIDATOR = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(data: object) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(data)]


def test_the_committed_schema_matches_the_classes():
    """docs/scheme.schema.json is what json_schema() makes now.

    If this fails after a change to the model, regenerate the file with
    `python -m dtbd.files._schema > docs/scheme.schema.json`.
    """
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text()


def test_the_schema_is_a_valid_json_schema():
    """The generated schema passes the 2020-12 meta-schema."""
    Draft202012Validator.check_schema(json_schema())


@settings(max_examples=60, deadline=None)
@given(schemes())
def test_every_generated_scheme_written_as_json_fits_the_schema(scheme):
    """What dump_scheme writes is what the schema describes."""
    assert _errors(json.loads(dump_scheme(scheme, "json"))) == []


@pytest.mark.parametrize("path", CATALOG, ids=lambda path: path.stem)
def test_every_catalog_scheme_fits_the_schema(path):
    """The built-in schemes, written as JSON, fit the schema."""
    assert _errors(json.loads(dump_scheme(load_scheme(path), "json"))) == []


def test_a_phrase_figure_fits_the_schema():
    """A figure may be a Vietnamese phrase instead of a table."""
    data = {
        "id": "s",
        "title": "S",
        "period": {"start": "2023-01-01", "end": "2025-12-31"},
        "targets": [{"id": "a", "label": "A", "figure": "khoảng 15 - 17 người"}],
    }
    assert _errors(data) == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["targets"][0].update(lable="A"), "Additional properties"),
        (lambda d: d["targets"][0].update(figure={"low": "1", "unit": "nguoi"}), "is not valid"),
        (lambda d: d["targets"][0]["figure"].update(low=1.5), "is not valid"),
        (lambda d: d["period"].update(start="01/01/2023"), "is not a 'date'"),
        (lambda d: d.pop("title"), "'title' is a required property"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(change, words):
    """A typo key, an unknown unit, a float, a date in the wrong form, a missing title."""
    data = {
        "id": "s",
        "title": "S",
        "period": {"start": "2023-01-01", "end": "2025-12-31"},
        "targets": [
            {"id": "a", "label": "A", "figure": {"low": "1", "high": "1", "unit": "person"}}
        ],
    }
    change(data)
    assert any(words in error for error in _errors(data))
