"""The result of a plan audit: the findings on one scheme, in the order of its text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from dtbd.results._finding import Finding, Severity

__all__ = ["Audit"]


@attrs.frozen(repr=False)
class Audit:
    """The findings of :func:`audit` on one scheme, in the order of the scheme's text."""

    scheme: str
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Findings of severity error."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings of severity warning."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """Findings of severity info."""
        return self._of(Severity.INFO)

    @property
    def ok(self) -> bool:
        """Whether no finding is an error."""
        return not self.errors

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """Findings with the given code, e.g. ``"parts-below-total"``."""
        return tuple(f for f in self.findings if f.code == code)

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def __repr__(self) -> str:
        return (
            f"<Audit {self.scheme}: {len(self.findings)} findings, {len(self.errors)} errors, "
            f"{len(self.warnings)} warnings, {len(self.infos)} infos>"
        )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{"scheme": …, "findings": [{"code": …, …}, …]}``.

        Every finding has every key of :meth:`Finding.to_dict`, in the same order.
        """
        return {"scheme": self.scheme, "findings": [f.to_dict() for f in self.findings]}

    def to_html(self, locale: str = "vi") -> str:
        """The findings as an HTML table, sentences in ``locale``."""
        from dtbd.display._html import audit_html  # noqa: PLC0415  -- display loads on use

        return audit_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A pandas or polars frame, a row per finding; exact decimal columns."""
        from dtbd.display._frames import audit_frame  # noqa: PLC0415  -- display loads on use

        return audit_frame(self.findings, backend)
