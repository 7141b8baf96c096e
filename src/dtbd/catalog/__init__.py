"""The built-in catalog: real Vietnamese training schemes, read from their published texts.

Five entries, each a TOML file in the package that cites its document (number, issuer,
dates) and quotes, for every target, part, budget line and rule, the sentence it comes
from with its character span in the source text, which ships beside it.

>>> from dtbd import catalog
>>> catalog.ids()
('qd-1641-2022', 'hanoi-2016-2020', 'hung-yen-171-2023', 'hanoi-2022-2025', 'hcmc-2021-2025')
>>> scheme = catalog.load("hung-yen-171-2023")
>>> print(scheme.target("boi-duong").figure)
37.000 lượt
>>> quote = scheme.target("boi-duong-cap-xa").quote
>>> catalog.source_text(scheme.id)[quote.start : quote.end]
'cán bộ, công chức cấp xã có 300 lượt người'
"""

from __future__ import annotations

from dtbd.catalog._load import (
    UnknownSchemeError,
    actuals,
    ids,
    load,
    quotes,
    source_text,
    version,
)

__all__ = [
    "UnknownSchemeError",
    "actuals",
    "ids",
    "load",
    "quotes",
    "source_text",
    "version",
]
