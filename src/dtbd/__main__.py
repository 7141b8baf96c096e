"""``python -m dtbd``: the same command line as the ``dtbd`` console script."""

from __future__ import annotations

from dtbd.cli._main import main

if __name__ == "__main__":
    raise SystemExit(main())
