"""How well ``dtbd.extract`` reads the five seed texts, against the hand-made catalog.

Every figure the catalog quotes is a gold figure: each target and part (``figure``), each
rule with a figure, each course size, the budget and its lines (``overall``, ``amount``).
Its span is where the figure as the entry writes it stands inside the entry's quote in the
source text. A candidate whose unit a target or a rule can have (lượt, người, khóa, đồng,
ngày, %, tuổi) is a prediction; it *finds* a gold figure when their spans overlap, and has the
*exact span* when both ends agree. Each attribute counts as right only on a found pair:

- unit and qualifier: the figure's;
- counts: the target's ``counts`` (``spending`` for the budget; none for a rule);
- time: the window's cadence (``total`` unless the entry says per year or per term);
- parent: the gold parent (the target a part breaks down, the budget line a line
  belongs to) is the figure the candidate's ``parent`` points to, or both have none.

Precision is right / predictions, recall right / gold, F1 their harmonic mean.

    python benchmarks/extract.py            # the table docs/extract.md shows
    python benchmarks/extract.py --errors   # and every miss, one per line
    python benchmarks/extract.py --held-out # the texts of tests/data/extract (gold.toml)
"""

from __future__ import annotations

import argparse
import tomllib
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from dtbd import Figure, extract
from dtbd.catalog._load import IDS, source_text
from dtbd.extracting._candidate import Candidate

ATTRIBUTES = ("unit", "qualifier", "counts", "time", "parent")


@attrs.frozen
class Gold:
    """A figure the catalog quotes: its span, what it is and where its gold parent starts."""

    start: int
    end: int
    written: str
    unit: str
    qualifier: str
    counts: str | None
    time: str
    parent: int | None


def _locate(text: str, written: str, quote: dict[str, Any]) -> int | None:
    at = text.find(written, quote["start"], quote["end"] + len(written))
    return None if at < 0 else at


def _walk(  # noqa: PLR0913 -- one row of the gold table per call
    text: str,
    item: dict[str, Any],
    field: str,
    counts: str | None,
    parent: int | None,
    *,
    gold: list[Gold],
) -> int | None:
    written, quote = item.get(field), item.get("quote")
    if not isinstance(written, str) or quote is None:
        return None
    start = _locate(text, written, quote)
    if start is None or any(g.start == start for g in gold):
        return start
    figure = Figure.parse(written)
    cadence = item.get("window", {}).get("cadence", "total")
    unit = figure.unit.value
    gold.append(
        Gold(
            start,
            start + len(written),
            written,
            unit,
            figure.qualifier.value,
            counts,
            cadence,
            parent,
        )
    )
    return start


def _target_gold(text: str, target: dict[str, Any], parent: int | None, gold: list[Gold]) -> None:
    figure = target.get("figure")
    counts = target.get("counts") or (
        extract_counts(Figure.parse(figure)) if isinstance(figure, str) else None
    )
    index = _walk(text, target, "figure", counts, parent, gold=gold)
    if isinstance(target.get("course_size"), str):
        _walk(text, {"figure": target["course_size"], "quote": target["quote"]}, "figure",
              None, None, gold=gold)  # fmt: skip
    for part in target.get("parts", []):
        _target_gold(text, part, index, gold)


def extract_counts(figure: Figure) -> str | None:
    """The count a figure's unit stands for, as a target would default it."""
    from dtbd.model._target import Count  # noqa: PLC0415

    try:
        return Count.for_unit(figure.unit).value
    except ValueError:
        return None


def _budget_gold(text: str, line: dict[str, Any], parent: int | None, gold: list[Gold]) -> None:
    field = "overall" if "overall" in line else "amount"
    index = _walk(text, line, field, "spending", parent, gold=gold)
    for part in [*line.get("lines", []), *line.get("parts", [])]:
        _budget_gold(text, part, index, gold)


def gold_of(scheme_id: str) -> tuple[str, list[Gold]]:
    """The source text (NFC) and its gold figures."""
    data = tomllib.loads(
        resources.files("dtbd.catalog").joinpath(f"data/{scheme_id}.toml").read_text("utf-8")
    )
    text = unicodedata.normalize("NFC", source_text(scheme_id))
    gold: list[Gold] = []
    for target in data.get("targets", []):
        _target_gold(text, target, None, gold)
    for rule in data.get("rules", []):
        _walk(text, rule, "figure", None, None, gold=gold)
    if "budget" in data:
        _budget_gold(text, data["budget"], None, gold)
    return text, sorted(gold, key=lambda g: g.start)


HELD_OUT = Path(__file__).parent.parent / "tests" / "data" / "extract"


def held_out_gold() -> dict[str, tuple[str, list[Gold]]]:
    """The held-out texts of tests/data/extract and their gold (gold.toml)."""
    rows = tomllib.loads((HELD_OUT / "gold.toml").read_text("utf-8"))["figures"]
    texts = {row["text"]: (HELD_OUT / f"{row['text']}.txt").read_text("utf-8") for row in rows}
    found: dict[str, tuple[str, list[Gold]]] = {name: (t, []) for name, t in texts.items()}
    for row in rows:
        text, gold = found[row["text"]]
        start = -1
        for _ in range(row.get("occurrence", 1)):
            start = text.index(row["quote"], start + 1)
        parent = text.index(row["parent"]) if "parent" in row else None
        gold.append(
            Gold(
                start,
                start + len(row["quote"]),
                row["quote"],
                row["unit"],
                row["qualifier"],
                row["counts"] or None,
                row["cadence"],
                parent,
            )
        )
    return {
        name: (text, sorted(gold, key=lambda g: g.start)) for name, (text, gold) in found.items()
    }


# A figure of these units can be a target or a rule's (an age, the size of each course).
_RULE_OR_TARGET_UNITS = {"attendance", "person", "course", "vnd", "day", "percent", "age"}


def _predicted(candidates: tuple[Candidate, ...]) -> list[int]:
    return [i for i, c in enumerate(candidates) if c.figure.unit.value in _RULE_OR_TARGET_UNITS]


def _value(candidate: Candidate, attribute: str, matched: dict[int, int]) -> object:
    if attribute == "unit":
        return candidate.figure.unit.value
    if attribute == "qualifier":
        return candidate.figure.qualifier.value
    if attribute == "counts":
        return candidate.counts.value if candidate.counts else None
    if attribute == "time":
        return candidate.timing.cadence.value
    return None if candidate.parent is None else matched.get(candidate.parent, -1)  # a start


def _pairs(candidates: tuple[Candidate, ...], gold: list[Gold]) -> dict[int, int]:
    """Each predicted candidate's gold figure (candidate index → gold index), by overlap."""
    pairs: dict[int, int] = {}
    for c_index in _predicted(candidates):
        c = candidates[c_index]
        taken = set(pairs.values())
        overlapping = (
            i for i, g in enumerate(gold) if c.start < g.end and g.start < c.end and i not in taken
        )
        if (hit := next(overlapping, None)) is not None:
            pairs[c_index] = hit
    return pairs


def _score_one(
    scheme_id: str, text: str, gold: list[Gold], sums: dict[str, list[int]], errors: list[str]
) -> None:
    candidates = extract(text)
    predicted = _predicted(candidates)
    pairs = _pairs(candidates, gold)
    errors += [f"{scheme_id}: extra {candidates[i].quote!r}" for i in predicted if i not in pairs]
    errors += [
        f"{scheme_id}: missed {g.written!r}" for i, g in enumerate(gold) if i not in pairs.values()
    ]
    for counts in sums.values():
        counts[1] += len(predicted)
        counts[2] += len(gold)
    sums["found"][0] += len(pairs)
    starts = {ci: gold[gi].start for ci, gi in pairs.items()}
    for c_index, g_index in pairs.items():
        c, g = candidates[c_index], gold[g_index]
        right = {"exact span": (c.start, c.end) == (g.start, g.end)}
        for attribute in ATTRIBUTES:
            want = g.parent if attribute == "parent" else getattr(g, attribute)
            got = _value(c, attribute, starts)
            right[attribute] = got == want
            if got != want:
                errors.append(f"{scheme_id}: {attribute} of {g.written!r}: {got} for {want}")
        for name, ok in right.items():
            sums[name][0] += ok


def score(*, held_out: bool = False) -> tuple[dict[str, list[int]], list[str]]:
    """Per measure [right, predicted, gold] summed over the texts, and the errors.

    The seed texts against the catalog, or with ``held_out`` the texts of tests/data/extract.
    """
    sums = {name: [0, 0, 0] for name in ("found", "exact span", *ATTRIBUTES)}
    errors: list[str] = []
    texts = held_out_gold() if held_out else {i: gold_of(i) for i in IDS}
    for name, (text, gold) in texts.items():
        _score_one(name, text, gold, sums, errors)
    return sums, errors


def _f1(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    both = precision + recall
    return precision, recall, (2 * precision * recall / both if both else 0.0)


def main() -> None:
    """Print the table (Markdown) and, with ``--errors``, every error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--held-out", action="store_true", help="the texts of tests/data/extract")
    args = parser.parse_args()
    sums, errors = score(held_out=args.held_out)
    print("| measure | right | predicted | gold | precision | recall | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, (right, predicted, gold) in sums.items():
        precision, recall, f1 = _f1(right, predicted, gold)
        shares = f"{precision:.2f} | {recall:.2f} | {f1:.2f}"
        print(f"| {name} | {right} | {predicted} | {gold} | {shares} |")
    if args.errors:
        print()
        print("\n".join(errors))


if __name__ == "__main__":
    main()
