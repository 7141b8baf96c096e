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

import functools
from typing import TYPE_CHECKING, Any

import attrs

from dtbd.figures._figure import Figure
from dtbd.files._convert import make_converter

# cattrs loads with the first result turned into a dict, not with the results' classes.
if TYPE_CHECKING:
    import cattrs

__all__ = ["results_converter", "results_dict"]


def _figure_in_full(figure: Figure) -> dict[str, Any]:
    return {
        "low": None if figure.low is None else str(figure.low),
        "high": None if figure.high is None else str(figure.high),
        "qualifier": figure.qualifier.value,
        "unit": figure.unit.value,
        "text": figure.format("vi"),
    }


@functools.cache
def results_converter() -> cattrs.Converter:
    """The converter of results: every attrs field as a key, figures in full."""
    from cattrs.gen import make_dict_unstructure_fn  # noqa: PLC0415  -- loaded on first use

    converter = make_converter()
    converter.register_unstructure_hook(Figure, _figure_in_full)
    converter.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, converter)
    )
    return converter


def results_dict(value: object) -> Any:  # noqa: ANN401  -- JSON-ready data of any shape
    """``value`` as JSON-ready data: ``Decimal`` as exact text, dates ISO, enums by value."""
    return results_converter().unstructure(value)
