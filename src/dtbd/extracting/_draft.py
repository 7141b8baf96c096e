"""``dtbd.draft_scheme``: a scheme file to review, drafted from a plan's text."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from dtbd._errors import DtbdError
from dtbd.extracting._candidate import Candidate
from dtbd.extracting._citation import document_of, kind_of
from dtbd.extracting._extract import extract
from dtbd.extracting._lexicon import KIND_WORDS
from dtbd.files._scheme_files import loads_scheme
from dtbd.model._target import Cadence

__all__ = ["DraftError", "draft_scheme"]

_UNSURE = 0.8
_PERIOD = re.compile(r"giai đoạn\s+((?:19|20)\d\d)\s*[-‐‑–—−]\s*((?:19|20)\d\d)", re.IGNORECASE)
_DATED = re.compile(
    r"\d{1,2}/\d{1,2}/((?:19|20)\d\d)|ngày \d{1,2} tháng \d{1,2} năm ((?:19|20)\d\d)"
)
_YEAR = re.compile(r"(?<![\d/.])((?:19|20)\d\d)(?![\d/])")


class DraftError(DtbdError, ValueError):
    """No scheme file can be drafted from the text (it names no period and no year)."""

    code = "draft.no-period"


def _slug(text: str, fallback: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", plain)[:5]
    return "-".join(words) or fallback


def _title(text: str) -> str | None:
    """The title: the first line, or a kind word alone on its line and the line after.

    "NGHỊ QUYẾT" over "Về đào tạo, bồi dưỡng …" is one title.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    kinds = {word for word, _ in KIND_WORDS} | {"quyết định"}
    for index, line in enumerate(lines[:10]):
        if line.lower() in kinds and index + 1 < len(lines):
            return f"{line} {lines[index + 1]}"
    return lines[0] if lines else None


def _period(text: str, candidates: tuple[Candidate, ...]) -> tuple[int, int]:
    """The period: "giai đoạn 2023 - 2025", else the text's dates to the deadline."""
    if match := _PERIOD.search(text):
        return int(match.group(1)), int(match.group(2))
    deadlines = [c.timing.end_year for c in candidates if c.is_target and c.timing.end_year]
    if deadlines:
        end = max(set(deadlines), key=deadlines.count)
        dated = [int(a or b) for a, b in _DATED.findall(text) if int(a or b) <= end]
        return (max(dated) if dated else end), end
    years = sorted({int(y) for y in _YEAR.findall(text)})
    if not years:
        raise DraftError(
            "the text names no period ('giai đoạn 2023 - 2025') and no year, so the draft "
            "has no period; add the period to the text or write the scheme file by hand"
        )
    return years[0], years[-1]


def _window(candidate: Candidate, period: tuple[int, int]) -> dict[str, Any] | None:
    timing = candidate.timing
    if timing.cadence is Cadence.PER_TERM and timing.start_year and timing.end_year:
        start, end = f"{timing.start_year}-01-01", f"{timing.end_year}-12-31"
        return {"cadence": "per_term", "start": start, "end": end}
    window: dict[str, Any] = {}
    if timing.cadence is Cadence.PER_YEAR:
        window["cadence"] = "per_year"
    if timing.end_year and period[0] <= timing.end_year < period[1]:
        window["end"] = f"{timing.end_year}-12-31"
    return window or None


def _target(
    candidate: Candidate, ids: set[str], period: tuple[int, int], parts: list[dict[str, Any]]
) -> dict[str, Any]:
    base = _slug(candidate.quote, candidate.counts.value if candidate.counts else "target")
    target_id, n = base, 2
    while target_id in ids:
        target_id, n = f"{base}-{n}", n + 1
    ids.add(target_id)
    label = " ".join(candidate.clause.split())[:160] or candidate.quote
    target: dict[str, Any] = {
        "id": target_id,
        "label": label[0].upper() + label[1:],
        "figure": candidate.figure.format("vi"),
        "counts": candidate.counts.value if candidate.counts else None,
    }
    if scope := _scope(candidate):
        target["scope"] = scope
    if window := _window(candidate, period):
        target["window"] = window
    if candidate.lead:
        target["lead"] = _slug(candidate.lead, "lead")
    if candidate.aspirational:
        target["aspirational"] = True
    target["quote"] = {
        "text": candidate.clause,
        "start": candidate.clause_start,
        "end": candidate.clause_end,
    }
    if parts:
        target["parts"] = parts
    return target


def _scope(candidate: Candidate) -> dict[str, Any]:
    scope: dict[str, Any] = {}
    if candidate.categories:
        scope["categories"] = [c.value for c in candidate.categories]
    if candidate.levels:
        scope["levels"] = [level.value for level in candidate.levels]
    if candidate.location:
        scope["location"] = candidate.location.value
    if candidate.activity:
        scope["activity"] = candidate.activity.value
    return scope


def _narrow(part: dict[str, Any], outer: dict[str, Any]) -> None:
    """Drop what a part's scope says beyond its parent's: a part can only narrow it."""
    scope = part.get("scope", {})
    for field, value in list(scope.items()):
        if field not in outer:
            continue
        fits = (
            set(value) <= set(outer[field]) if isinstance(value, list) else value == outer[field]
        )
        if not fits:
            del scope[field]
    if not scope:
        part.pop("scope", None)


def _comments(index: int, candidate: Candidate) -> list[str]:
    where = f"{candidate.quote!r} at {candidate.start}-{candidate.end}"
    lines = [f"# [{index}] {where}: {candidate.reason} (confidence {candidate.confidence:.1f})"]
    if candidate.confidence < _UNSURE:
        lines.append("# UNCERTAIN: check the figure, what it counts and whether it is a target")
    if candidate.leadership:
        lines.append("# the persons are leaders or managers: narrow the scope by position or tag")
    if candidate.lead:
        lines.append(f"# lead as written: {candidate.lead}")
    if candidate.timing.text:
        lines.append(f"# time as written: {candidate.timing.text!r}")
    return lines


def _dump(table: dict[str, Any]) -> str:
    import tomli_w  # noqa: PLC0415  -- loaded with the first draft, as with scheme files

    return tomli_w.dumps(table)


def draft_scheme(text: str, *, scheme_id: str = "draft", source: str | None = None) -> str:
    """A scheme file (TOML) drafted from a plan's text, for a person to review and load.

    Every target cites its clause with its span in ``text`` (``quote``), its breakdown
    ("trong đó", "gồm") as ``parts``; comments say how each figure was read and mark the
    uncertain ones; figures that are no target (ages, topics) are listed in comments.
    ``source`` is the path of the text, written as the citation's ``text``.

    Raises:
        DraftError: the text names no period nor any year.
    """
    candidates = extract(text)
    period = _period(text, candidates)
    ids: set[str] = set()
    children: dict[int, list[int]] = {}
    for index, candidate in enumerate(candidates):
        if candidate.parent is not None:
            children.setdefault(candidate.parent, []).append(index)

    def build(index: int) -> dict[str, Any]:
        parts = [build(child) for child in children.get(index, [])]
        target = _target(candidates[index], ids, period, parts)
        for part in parts:
            _narrow(part, target.get("scope", {}))
        return target

    first_line = _title(text) or scheme_id
    head: dict[str, Any] = {
        "id": scheme_id,
        "title": first_line[:200],
        "kind": kind_of(text),
        "period": {"start": f"{period[0]}-01-01", "end": f"{period[1]}-12-31"},
    }
    document, issued = document_of(text)
    citation = {"document": document, "issued": issued, "text": source}
    if citation := {key: value for key, value in citation.items() if value is not None}:
        head["citation"] = citation
    out = [
        "# A draft read by dtbd.draft_scheme: review every target against its quote.",
        "# Comments starting UNCERTAIN mark readings to check; delete what is no target.",
    ]
    out += [
        f"# not a target: {c.quote!r} at {c.start}-{c.end} ({c.reason})"
        for c in candidates
        if not c.is_target
    ]
    out += [
        f"# reported as done, not a target: {c.quote!r} at {c.start}-{c.end}"
        for c in candidates
        if c.is_target and c.reported and c.parent is None
    ]
    out.append(_dump(head))
    for index, candidate in enumerate(candidates):
        if not candidate.is_target or candidate.parent is not None or candidate.reported:
            continue
        block = _dump({"targets": [build(index)]})
        notes = _comments(index, candidate)
        for child in children.get(index, []):
            notes += _comments(child, candidates[child])
        out.append("\n".join(notes) + "\n" + block)
    drafted = "\n".join(out)
    loads_scheme(drafted, source="<draft>")  # a draft that would not load is a bug here
    return drafted
