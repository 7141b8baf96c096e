"""What loads can be evaluated: a scheme that load_scheme accepts never fails in evaluate,
audit or check; what could not be evaluated is refused at load, with its path."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dtbd import RuleKind, Scheme, SchemeFileError, Unit
from dtbd.auditing._audit import audit
from dtbd.examples._records import example_records
from dtbd.files._scheme_files import dump_scheme, loads_scheme
from dtbd.rules._check import check
from dtbd.tracking._run import evaluate
from strategies import schemes


def _small(scheme: Scheme) -> float:
    """A scale that keeps example records to a few hundred rows, whatever the figures."""
    ends = [
        float(end)
        for t in scheme.all_targets()
        if t.figure is not None and t.figure.unit is not Unit.VND
        for end in (t.figure.low, t.figure.high)
        if end is not None
    ]
    return min(0.05, 200 / max([1.0, *ends]))


def _sizes_fit(scheme: Scheme) -> bool:
    """Whether every course size stated is one a course can have: the example generator
    seats a course as stated, unscaled, so a size of a billion would take all memory."""
    sizes = [t.course_size for t in scheme.all_targets()]
    sizes += [r.figure for r in scheme.rules if r.kind is RuleKind.COURSE_SIZE]
    ends = [end for f in sizes if f is not None for end in (f.low, f.high) if end is not None]
    return all(end <= 500 for end in ends)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(schemes(), st.sampled_from(["start", "middle", "end"]))
def test_every_scheme_that_loads_is_evaluated_audited_and_checked(scheme, when):
    """Through a file and back, on its own example records, at three dates of its period."""
    assume(_sizes_fit(scheme))
    loaded = loads_scheme(dump_scheme(scheme, "json"), "json")
    period = loaded.period
    as_of = {
        "start": period.start,
        "middle": period.start + (period.end - period.start) / 2,
        "end": period.end,
    }[when]
    records = example_records(loaded, as_of=as_of, scale=_small(loaded))
    evaluation = evaluate(loaded, records, as_of)
    assert list(evaluation.targets) == [t.id for t in loaded.all_targets()]
    assert evaluation.to_dict()["scheme_id"] == loaded.id
    audit(loaded).to_dict()
    check(loaded.rules, records, period=loaded.period)


REFUSED = {
    "a qualified share naming no qualification": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30%"
basis = "qualified"
""",
        "targets[0].scope.qualifications",
    ),
    "a part of a qualified share, neither naming a qualification (both are said)": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30%"
basis = "qualified"
scope = { gender = "female" }
[[targets.parts]]
id = "p"
label = "P"
figure = "10%"
""",
        "targets[0].parts[0].scope.qualifications",
    ),
    "an open window starting after the period": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30 người"
window = { start = "2031-01-01" }
""",
        "targets[0].window",
    ),
    "an open window ending before the period": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30 người"
window = { end = "2020-12-31" }
""",
        "targets[0].window",
    ),
    "a part beyond its parent's window": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30 người"
window = { end = "2024-12-31" }
[[targets.parts]]
id = "p"
label = "P"
figure = "10 người"
window = { start = "2025-01-01" }
""",
        "targets[0].parts[0].window",
    ),
    "a part at another level": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30 người"
scope = { levels = ["province"] }
[[targets.parts]]
id = "p"
label = "P"
figure = "10 người"
scope = { levels = ["commune"] }
""",
        "targets[0].parts[0].scope.levels",
    ),
    "a part of a category outside its parent's": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30 người"
scope = { categories = ["cadre", "civil_servant"] }
[[targets.parts]]
id = "p"
label = "P"
figure = "10 người"
scope = { categories = ["public_employee"] }
""",
        "targets[0].parts[0].scope.categories",
    ),
    "a part's population outside its parent's": (
        """
[[targets]]
id = "t"
label = "T"
figure = "30%"
population = { gender = "female" }
[[targets.parts]]
id = "p"
label = "P"
figure = "10%"
population = { gender = "male" }
""",
        "targets[0].parts[0].population.gender",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_what_could_not_be_evaluated_is_refused_at_load_with_its_path(case):
    body, path = REFUSED[case]
    text = 'id = "s"\ntitle = "S"\nperiod = { start = "2023-01-01", end = "2025-12-31" }\n'
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text + body)
    problems = caught.value.problems
    assert path in [p.partition(": ")[0] for p in problems], problems
    assert all("; " in p for p in problems)  # the fix follows each mistake
