"""The exit codes of ``dtbd``: distinct, so that a script can tell what happened.

Listed in ``dtbd --help`` and docs/cli.md; :mod:`dtbd.cli._main` exposes them.
"""

from __future__ import annotations

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
]

EXIT_OK = 0
"""The command ran; findings and violations are results, not failures."""
EXIT_FINDINGS = 1
"""``--strict`` and an error-severity finding or rule violation exists."""
EXIT_USAGE = 2
"""The command line itself is wrong: an unknown option, a missing argument, a bad choice."""
EXIT_BAD_INPUT = 3
"""Bad input data: an unknown id, an unreadable or malformed file or records, a bad date."""
EXIT_INTERNAL = 4
"""A bug in dtbd: an exception nobody expected."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl+C (128 + SIGINT, as shells report it)."""

EXIT_CODES = (
    (EXIT_OK, "cli.exit.ok"),
    (EXIT_FINDINGS, "cli.exit.findings"),
    (EXIT_USAGE, "cli.exit.usage"),
    (EXIT_BAD_INPUT, "cli.exit.bad_input"),
    (EXIT_INTERNAL, "cli.exit.internal"),
    (EXIT_INTERRUPTED, "cli.exit.interrupted"),
)
"""Each code with the key of its explanation in :mod:`dtbd.words`."""
