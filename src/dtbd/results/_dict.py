"""Results as plain dicts for report generators: every key, every time.

Scheme files leave out what is at its default so that a file says only what the scheme
says; a report generator needs the opposite — the same keys on every row, ``None`` where
there is no value. Results (progress, evaluations, findings, violations) therefore go
through a second converter built like the files' one, with two differences: every field
of an attrs class is written, and a figure is written in full, with its Vietnamese
phrase beside the numbers.

>>> from dtbd import Figure
>>> results_dict(Figure.parse("hơn 18 tỷ đồng"))
{'low': '18000000000', 'high': None, 'qualifier': 'more_than', 'unit': 'vnd', 'text': 'hơn 18 tỷ đồng'}
"""  # noqa: E501  -- a doctest line

from __future__ import annotations

from typing import Any

import attrs
from cattrs.gen import make_dict_unstructure_fn

from dtbd.figures._figure import Figure
from dtbd.files._convert import make_converter

__all__ = ["RESULTS", "results_dict"]


def _figure_in_full(figure: Figure) -> dict[str, Any]:
    return {
        "low": None if figure.low is None else str(figure.low),
        "high": None if figure.high is None else str(figure.high),
        "qualifier": figure.qualifier.value,
        "unit": figure.unit.value,
        "text": figure.format("vi"),
    }


RESULTS = make_converter()
"""The converter of results: every attrs field as a key, figures in full."""
RESULTS.register_unstructure_hook(Figure, _figure_in_full)
RESULTS.register_unstructure_hook_factory(
    attrs.has, lambda cls: make_dict_unstructure_fn(cls, RESULTS)
)


def results_dict(value: object) -> Any:  # noqa: ANN401  -- JSON-ready data of any shape
    """``value`` as JSON-ready data: ``Decimal`` as exact text, dates ISO, enums by value."""
    return RESULTS.unstructure(value)
