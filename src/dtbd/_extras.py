"""Optional packages (pandas, polars, openpyxl, pyarrow, matplotlib): imported when asked for."""

from __future__ import annotations

import importlib
from types import ModuleType

from dtbd._errors import DtbdError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(DtbdError, ImportError):
    """An optional package is needed; the message names the extra that installs it."""

    code = "extra.missing"


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional ``module`` or say which extra of dtbd installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs the package {module.partition('.')[0]!r}; install it with "
            f"pip install 'dtbd[{extra}]'"
        ) from None
