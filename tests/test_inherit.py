"""Parts inherit their parent's window, cadence, scope, population and basis; a part that
reaches outside its parent, or a share that cannot be counted, is refused at load."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from dtbd import (
    Cadence,
    Figure,
    PartsError,
    Period,
    Scheme,
    SchemeFileError,
    Scope,
    ShareBasis,
    Target,
    Window,
)
from dtbd.auditing._audit import audit
from dtbd.cli._main import main
from dtbd.files._scheme_files import dump_scheme, loads_scheme
from dtbd.measures._measure import Buckets, compile_scheme
from dtbd.records._dicts import records_from_dicts
from dtbd.tracking._run import evaluate, progress
from strategies import schemes

HEAD = """
id = "s"
title = "Kế hoạch thử"
period = { start = "2022-01-01", end = "2030-12-31" }
"""

PER_YEAR_PARENT = (
    HEAD
    + """
[[targets]]
id = "tong"
label = "Bồi dưỡng mỗi năm"
figure = "100 người"
window = { cadence = "per_year", start = "2022-01-01", end = "2025-12-31" }
scope = { activity = "fostering", levels = ["province", "commune"] }

[[targets.parts]]
id = "xa"
label = "Cấp xã"
figure = "khoảng 40 người"
"""
)


def _measures(scheme: Scheme) -> dict[str, object]:
    return {m.target_id: m for m in compile_scheme(scheme)}


def test_a_part_without_a_window_counts_per_year_over_its_parents_window():
    """'khoảng 40' under a per-year 2022–2025 parent is 40 a year in 2022–2025, not 2022–2030."""
    scheme = loads_scheme(PER_YEAR_PARENT)
    part = _measures(scheme)["xa"]
    assert part.window == Period.of_years(2022, 2025)
    assert part.buckets is Buckets.PER_YEAR
    effective = scheme.effective("xa")
    assert effective.window == Window(Cadence.PER_YEAR, dt.date(2022, 1, 1), dt.date(2025, 12, 31))


def test_a_part_without_a_scope_field_takes_its_parents():
    """The part counts only fostering at province or commune level, as its parent does."""
    scope = loads_scheme(PER_YEAR_PARENT).effective("xa").scope
    assert scope.activity is not None
    assert scope.activity.value == "fostering"
    assert [level.value for level in scope.levels] == ["province", "commune"]


def test_a_part_that_sets_a_field_narrows_it():
    text = PER_YEAR_PARENT + 'scope = { levels = ["commune"], categories = ["commune_cadre"] }\n'
    scope = loads_scheme(text).effective("xa").scope
    assert [level.value for level in scope.levels] == ["commune"]
    assert [c.value for c in scope.categories] == ["commune_cadre"]
    assert scope.activity is not None  # still the parent's


def test_a_part_with_its_own_window_takes_its_open_end_from_its_parent():
    text = PER_YEAR_PARENT + 'window = { start = "2024-01-01" }\n'
    window = loads_scheme(text).effective("xa").window
    assert (window.cadence, window.start, window.end) == (
        Cadence.TOTAL,
        dt.date(2024, 1, 1),
        dt.date(2025, 12, 31),
    )


def test_progress_and_the_evaluation_measure_the_part_as_inherited():
    """Both front doors give the part its parent's window and scope."""
    scheme = loads_scheme(PER_YEAR_PARENT)
    records = records_from_dicts(
        persons=[{"id": "p1", "level": "commune"}, {"id": "p2", "level": "central"}],
        courses=[
            {"id": "k1", "start": "2023-03-01", "activity": "fostering"},
            {"id": "k2", "start": "2027-03-01", "activity": "fostering"},
        ],
        attendances=[
            {"person": "p1", "course": "k1"},
            {"person": "p2", "course": "k1"},
            {"person": "p1", "course": "k2"},
        ],
    )
    as_of = dt.date(2028, 1, 1)
    evaluated = evaluate(scheme, records, as_of)["xa"]
    alone = progress(scheme.target("xa"), records, as_of, scheme=scheme)
    for result in (evaluated, alone):
        assert result.cadence is Cadence.PER_YEAR
        assert (result.window.start, result.window.end) == (
            dt.date(2022, 1, 1),
            dt.date(2025, 12, 31),
        )
        # p1 in 2023; p2 is central, k2 after the window. The current period is 2025.
        done = {y.year: y.achieved for y in result.yearly}
        assert done == {2022: 0, 2023: 1, 2024: 0, 2025: 0}
        assert [p.achieved for p in result.periods] == [0, 1, 0, 0]
    data = evaluate(scheme, records, as_of).to_dict()["targets"]["xa"]
    assert data["window"] == {"start": "2022-01-01", "end": "2025-12-31"}
    assert data["cadence"] == "per_year"


@pytest.mark.parametrize(
    ("part", "path", "words"),
    [
        (
            'window = { start = "2020-01-01", end = "2027-12-31" }',
            "targets[0].parts[0].window",
            "outside its parent 'tong' (2022-01-01 to 2025-12-31)",
        ),
        (
            'window = { cadence = "per_year", end = "2026-12-31" }',
            "targets[0].parts[0].window",
            "leave 'window' out to take the parent's",
        ),
        (
            'scope = { levels = ["district"] }',
            "targets[0].parts[0].scope.levels",
            "names 'district', outside its parent 'tong' (levels 'province', 'commune')",
        ),
        (
            'scope = { activity = "training" }',
            "targets[0].parts[0].scope.activity",
            "a part can only narrow its parent's activity",
        ),
    ],
)
def test_a_part_outside_its_parent_is_a_load_error_with_its_path(part, path, words):
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(PER_YEAR_PARENT + part + "\n")
    (problem,) = caught.value.problems
    assert problem.startswith(path + ": ")
    assert words in problem


def test_every_part_outside_its_parent_is_reported_at_once():
    text = (
        PER_YEAR_PARENT
        + 'scope = { levels = ["district"] }\nwindow = { end = "2029-12-31" }\n'
        + """
[[targets.parts]]
id = "tinh"
label = "Cấp tỉnh"
figure = "50 người"
scope = { under_age = 40 }

[[targets.parts.parts]]
id = "tinh-tre"
label = "Cấp tỉnh, trẻ"
figure = "10 người"
scope = { under_age = 45 }
"""
    )
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text)
    paths = [p.partition(": ")[0] for p in caught.value.problems]
    assert paths == [
        "targets[0].parts[0].scope.levels",
        "targets[0].parts[0].window",
        "targets[0].parts[1].parts[0].scope.under_age",
    ]


def test_a_share_of_qualified_persons_without_qualifications_is_refused_at_load():
    text = (
        HEAD
        + """
[[targets]]
id = "sau-dai-hoc"
label = "Tỷ lệ có trình độ thạc sĩ"
figure = "30%"
basis = "qualified"
"""
    )
    with pytest.raises(SchemeFileError) as caught:
        loads_scheme(text)
    (problem,) = caught.value.problems
    assert problem.startswith("targets[0].scope.qualifications: ")
    assert "scope.qualifications = ['thac-si']" in problem


def test_a_part_of_a_qualified_share_is_one_with_its_parents_qualifications():
    text = (
        HEAD
        + """
[[targets]]
id = "sau-dai-hoc"
label = "Tỷ lệ có trình độ sau đại học"
figure = "30%"
basis = "qualified"
scope = { qualifications = ["thac-si", "tien-si"] }

[[targets.parts]]
id = "nu"
label = "Trong đó nữ"
figure = "10%"
scope = { gender = "female" }
"""
    )
    part = loads_scheme(text).effective("nu")
    assert part.basis is ShareBasis.QUALIFIED
    assert part.scope.qualifications == ("thac-si", "tien-si")


def test_a_scheme_built_in_python_refuses_a_part_outside_its_parent():
    """Scheme() itself refuses; the error is a ValueError naming the path and the fix."""
    part = Target("xa", "Cấp xã", Figure.parse("40 người"), scope=Scope(levels=("district",)))
    whole = Target(
        "tong", "Tổng", Figure.parse("100 người"), scope=Scope(levels=("province",)), parts=[part]
    )
    with pytest.raises(PartsError, match=r"targets\[0\]\.parts\[0\]\.scope\.levels") as caught:
        Scheme("s", "S", Period.of_years(2023, 2025), targets=[whole])
    assert isinstance(caught.value, ValueError)
    assert caught.value.problems[0][:2] == (0, "parts[0].scope.levels")


def test_the_file_keeps_what_the_part_wrote_not_what_it_inherits():
    """Inheritance is resolved when measuring: a dumped file says only what the text says."""
    scheme = loads_scheme(PER_YEAR_PARENT)
    assert "2025-12-31" not in dump_scheme(scheme).split("[[targets.parts]]")[1]


def test_the_audit_reads_parts_as_resolved():
    """The audit runs on the resolved scheme, and finds the same as on the written one."""
    scheme = loads_scheme(PER_YEAR_PARENT)
    assert audit(scheme) == audit(scheme.resolved())


def test_show_gives_the_part_its_parents_window(capsys, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(PER_YEAR_PARENT, encoding="utf-8")
    assert main(["show", str(path), "--locale", "en", "--format", "markdown"]) == 0
    rows = [
        line for line in capsys.readouterr().out.splitlines() if "`xa`" in line or "| xa" in line
    ]
    assert rows
    assert "2022–2025" in rows[0]


@settings(max_examples=40, deadline=None)
@given(schemes())
def test_resolving_is_done_once_and_for_all(scheme):
    """The resolved scheme resolves to itself; every window in it is closed."""
    resolved = scheme.resolved()
    assert resolved.resolved() == resolved
    assert all(t.window.start and t.window.end for t in resolved.all_targets())
    assert [t.id for t in resolved.all_targets()] == [t.id for t in scheme.all_targets()]
