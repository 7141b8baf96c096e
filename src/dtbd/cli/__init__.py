"""The ``dtbd`` command line: a thin shell over the library."""

from dtbd.cli._main import main

__all__ = ["main"]
