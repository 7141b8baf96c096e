"""The benchmark scheme: about 100 targets, as plain specs and as a dtbd Scheme.

The specs drive the hand-written queries; :func:`scheme` builds the same targets for
dtbd, so both sides compute the same numbers from one list.
"""

from __future__ import annotations

from typing import Any

from generate import CATEGORIES, LEADS, LEVELS, TOPICS, UNITS

from dtbd import Period, Scheme, Scope, Target, Window

PERIOD = Period.of_years(2021, 2025)
ACTIVITIES = ("fostering", "training")


def _spec(target_id: str, count: str, **rest: Any) -> dict[str, Any]:  # noqa: ANN401
    spec: dict[str, Any] = {"id": target_id, "count": count, "per_year": False}
    spec |= {"course": {}, "person": {}, "attendance": {}, "under": None, "share": None}
    spec.update(rest)
    return spec


def specs() -> list[dict[str, Any]]:
    """Every target of the benchmark (leaves; the two activity totals have these as parts)."""
    found = [
        _spec(f"luot-{a}-{c}", "attendances", course={"activity": [a]}, person={"category": [c]})
        for a in ACTIVITIES
        for c in CATEGORIES
    ]
    found += [_spec(f"luot-{a}", "attendances", course={"activity": [a]}) for a in ACTIVITIES]
    found += [
        _spec(f"nguoi-{lv}", "persons", course={"activity": ["fostering"]}, person={"level": [lv]})
        for lv in LEVELS
    ]
    found += [
        _spec(f"nguoi-nam-{c}", "persons", per_year=True, person={"category": [c]})
        for c in CATEGORIES
    ]
    found += [_spec(f"khoa-{t}", "courses", course={"topics": [t]}) for t in TOPICS]
    found += [_spec(f"chi-{lead}", "spending", course={"lead": [lead]}) for lead in LEADS]
    found += [_spec(f"luot-{u}", "attendances", person={"unit": [u]}) for u in UNITS[:40]]
    found += [
        _spec(f"ts-{c}", "share", share="qualified", person={"category": [c]},
              quals=["thac-si"])
        for c in CATEGORIES
    ]  # fmt: skip
    found += [
        _spec(f"luat-{c}", "share", share="attended", per_year=True,
              person={"category": [c]}, course={"topics": ["luat"]})
        for c in CATEGORIES
    ]  # fmt: skip
    found += [
        _spec("nu-nuoc-ngoai", "persons", person={"gender": ["female"]},
              course={"location": ["abroad"]}),
        _spec("tre", "persons", under=45, course={"activity": ["fostering"]}),
        _spec("ngay-hoc", "study_days", course={"activity": ["training"]}),
        _spec("khoa-nuoc-ngoai", "courses", course={"location": ["abroad"]}),
        _spec("hoan-thanh", "attendances", attendance={"outcome": ["completed"]}),
    ]  # fmt: skip
    return found


_SCOPE_NAMES = {"activity": "activity", "location": "location", "topics": "topics",
                "lead": "leads", "category": "categories", "level": "levels",
                "unit": "units", "gender": "gender", "outcome": "outcomes"}  # fmt: skip
_SINGLE = ("activity", "location", "gender")


def _target(spec: dict[str, Any], parts: tuple[Target, ...] = ()) -> Target:
    scope: dict[str, Any] = {}
    for side in ("course", "person", "attendance"):
        for field, values in spec[side].items():
            scope[_SCOPE_NAMES[field]] = values[0] if field in _SINGLE else tuple(values)
    if spec["under"] is not None:
        scope["under_age"] = spec["under"]
    extra: dict[str, Any] = {}
    if spec["share"] == "qualified":
        scope["qualifications"] = tuple(spec["quals"])
        extra["basis"] = "qualified"
    window = Window(cadence="per_year") if spec["per_year"] else Window()
    return Target(spec["id"], spec["id"], None, counts=spec["count"], scope=Scope(**scope),
                  window=window, parts=parts, **extra)  # fmt: skip


def scheme() -> Scheme:
    """The benchmark scheme (2021-2025); the activity totals break down by category."""
    all_specs = specs()
    by_id = {s["id"]: s for s in all_specs}
    targets = []
    for spec in all_specs:
        if spec["id"].startswith("luot-") and spec["id"].count("-") == 2:
            continue  # a part, placed under its activity total below
        parts = ()
        if spec["id"] in {f"luot-{a}" for a in ACTIVITIES}:
            parts = tuple(_target(by_id[f"{spec['id']}-{c}"]) for c in CATEGORIES)
        targets.append(_target(spec, parts))
    return Scheme("benchmark", "Đề án mẫu quốc gia 2021-2025", PERIOD, targets=tuple(targets))
