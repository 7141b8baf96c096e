"""Results in notebooks: where the model's ``to_html``, ``to_frame`` and ``plot`` look.

The work is done in :mod:`dtbd._html` (HTML tables), :mod:`dtbd._result_frames`
(pandas or polars frames) and :mod:`dtbd._plot` (the progress chart). This module
names the entry points in one place for ``dtbd/__init__.py``, ``dtbd._evaluate`` and
``dtbd._progress``, which import them lazily so that optional packages stay optional.
"""

from __future__ import annotations

from dtbd._html import evaluation_html, progress_html, violations_html
from dtbd._plot import plot_progress
from dtbd._result_frames import evaluation_frame, progress_frame, violations_frame

__all__ = [
    "evaluation_frame",
    "evaluation_html",
    "plot_progress",
    "progress_frame",
    "progress_html",
    "violations_frame",
    "violations_html",
]
