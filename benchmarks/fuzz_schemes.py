"""A coverage-guided fuzz target (atheris) for the scheme-file readers and parse_figure.

Every input is read as a TOML, JSON and YAML scheme file and as a figure phrase; anything
but a scheme, a figure or a DtbdError is a finding, which atheris saves as a crash file.
Run by hand, seeded with the bad-input corpus (docs/errors.md, "Fuzzing"):

    pip install atheris
    PYTHONPATH=src python benchmarks/fuzz_schemes.py -max_total_time=600 tests/hostile/schemes
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    # dtbd loads its modules lazily: the readers are imported here to be instrumented.
    import dtbd
    from dtbd.figures import _parse  # noqa: F401
    from dtbd.files import _convert, _cross, _parsers, _scheme_files, _yaml  # noqa: F401


def one_input(data: bytes) -> None:
    """Feed ``data`` to every reader; only a DtbdError may come out."""
    for fmt in ("toml", "json", "yaml"):
        with contextlib.suppress(dtbd.DtbdError):
            dtbd.loads_scheme(data, fmt)
    with contextlib.suppress(dtbd.DtbdError):
        dtbd.parse_figure(data.decode("utf-8", errors="replace"))


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
