"""Run a notebook top to bottom, as an analyst would; any error fails (`make notebook`).

The notebook must be stored without outputs (CI and the docs build run it): one that has
some is refused before it runs. It runs in a scratch folder, so nothing is left beside it.

Usage: python scripts/run_notebook.py docs/tutorial.ipynb
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_TIMEOUT = 600
"""Seconds a cell may take before the run fails (the whole tutorial takes far less)."""


def stored_outputs(notebook: nbformat.NotebookNode) -> list[int]:
    """The indices of the code cells that were stored with outputs or an execution count."""
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def run(path: Path) -> int:
    """Execute the notebook at ``path``; 0 when every cell ran, 1 otherwise."""
    notebook = nbformat.read(path, as_version=4)
    dirty = stored_outputs(notebook)
    if dirty:
        print(f"{path}: cells {dirty} were stored with outputs; clear them and save again")
        return 1
    with tempfile.TemporaryDirectory(prefix="dtbd-notebook-") as scratch:
        client = NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": scratch}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            print(f"{path}: a cell failed\n{error}")
            return 1
    cells = sum(cell.cell_type == "code" for cell in notebook.cells)
    print(f"{path}: {cells} code cells ran without an error")
    return 0


if __name__ == "__main__":
    sys.exit(max((run(Path(name)) for name in sys.argv[1:]), default=2))
