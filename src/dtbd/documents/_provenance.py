"""Where a report's numbers came from: dtbd's and the catalog's versions, the date, a digest.

The digest is SHA-256 over a canonical writing of the inputs: the scheme in the JSON file
format, then each record table's :func:`~dtbd.files._digest.records_digest` (every row as
sorted-key JSON through dtbd's converter, the rows sorted). The same records give the same
digest whatever order their rows came in and whichever reader or engine brought them; a
changed cell gives another.

>>> import datetime as dt
>>> from dtbd import Person, Records, Period, Scheme
>>> scheme = Scheme("s", "Kế hoạch", Period.of_years(2024, 2024))
>>> one = Records(persons=[Person("a"), Person("b")])
>>> two = Records(persons=[Person("b"), Person("a")])
>>> input_digest(scheme, one) == input_digest(scheme, two)
True
>>> input_digest(scheme, one) == input_digest(scheme, Records(persons=[Person("a")]))
False
"""

from __future__ import annotations

import datetime as dt
import hashlib

import attrs

from dtbd._version import __version__
from dtbd.catalog._load import version as catalog_version
from dtbd.files._digest import records_digest
from dtbd.files._scheme_files import dump_scheme
from dtbd.model._scheme import Scheme
from dtbd.records._records import Records

__all__ = ["Provenance", "input_digest"]

_TABLES = ("persons", "courses", "attendances", "spending", "submissions")


def input_digest(scheme: Scheme, records: Records) -> str:
    """The SHA-256 of the scheme and the records, as 64 hexadecimal digits."""
    digest = hashlib.sha256(dump_scheme(scheme, "json").encode())
    for table in _TABLES:
        # Each table's rows digested as a filled form digests its records.
        digest.update(f"\n[{table}] {records_digest(getattr(records, table))}".encode())
    return digest.hexdigest()


@attrs.frozen
class Provenance:
    """What a report states about itself, so that a reader can reproduce it."""

    dtbd_version: str
    catalog_version: str
    as_of: dt.date
    digest: str
    """:func:`input_digest` of the scheme and the records."""

    @classmethod
    def of(cls, scheme: Scheme, records: Records, as_of: dt.date) -> Provenance:
        """The provenance of a report on ``scheme`` over ``records`` as of ``as_of``."""
        return cls(__version__, catalog_version(), as_of, input_digest(scheme, records))
