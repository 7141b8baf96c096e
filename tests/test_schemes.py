"""Several schemes over the same records: one pass, each scheme's numbers as if alone."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, assume, given, settings

from dtbd import DuplicateSchemeError, Evaluation, Evaluations
from dtbd.catalog import load
from dtbd.examples._records import example_records
from dtbd.records._dicts import records_from_dicts
from dtbd.tracking._run import evaluate
from strategies import schemes
from test_evaluable import _sizes_fit, _small
from test_frames import polars_tables

AS_OF = pendulum.date(2025, 6, 30)
NATIONAL = load("qd-1641-2022")
HANOI = load("hanoi-2022-2025")

LEADER = {"category": "cadre", "level": "province", "tags": "leader"}
PERSONS = [
    {"id": "p1", "gender": "female", **LEADER},
    {"id": "p2", "gender": "male", **LEADER},
    {"id": "p3", "category": "public_employee", "level": "province"},
]
COURSES = [
    # Abroad, fostering, on urban management led by the Department of Home Affairs:
    # a course of both schemes.
    {
        "id": "k1",
        "start": "2024-03-04",
        "end": "2024-03-15",
        "activity": "fostering",
        "location": "abroad",
        "topics": "urban-management",
        "lead": "so-noi-vu",
        "content": "do-thi",
    },
    # Postgraduate training at home: Hà Nội's only.
    {"id": "k2", "start": "2024-06-03", "activity": "training", "topics": "postgraduate"},
    # Abroad on human resources, fostering: both again.
    {
        "id": "k3",
        "start": "2025-03-03",
        "end": "2025-03-14",
        "activity": "fostering",
        "location": "abroad",
        "topics": "hr-management",
        "lead": "so-noi-vu",
        "content": "nhan-luc",
    },
    # Before both periods: counted by neither.
    {"id": "k4", "start": "2020-05-04", "activity": "fostering", "location": "abroad"},
    # After the date: not yet.
    {"id": "k5", "start": "2025-09-01", "activity": "fostering", "location": "abroad"},
]
ATTENDANCES = [
    {"person": "p1", "course": "k1"},
    {"person": "p2", "course": "k1"},
    {"person": "p3", "course": "k2"},
    {"person": "p1", "course": "k3"},
    {"person": "p2", "course": "k4"},
    {"person": "p1", "course": "k5"},
]
RECORDS = records_from_dicts(persons=PERSONS, courses=COURSES, attendances=ATTENDANCES)


def _numbers(evaluation: Evaluation) -> dict[str, object]:
    """Each target's progress, and what the counting turned up."""
    return {"targets": evaluation.targets, "findings": evaluation.findings}


@pytest.mark.parametrize("engine", ["python", "polars"])
def test_each_scheme_of_a_joint_run_has_the_numbers_it_has_alone(engine: str) -> None:
    """Measured together, every target of each scheme has the numbers it has alone."""
    records = RECORDS if engine == "python" else polars_tables(RECORDS)
    together = evaluate([NATIONAL, HANOI], records, AS_OF)
    for scheme in (NATIONAL, HANOI):
        assert _numbers(together[scheme.id]) == _numbers(evaluate(scheme, records, AS_OF))


def test_an_attendance_counts_under_every_scheme_it_falls_in() -> None:
    """k1's two learners count for 1641's abroad target and for Hà Nội's urban management."""
    together = evaluate([NATIONAL, HANOI], RECORDS, AS_OF)
    national = together["qd-1641-2022"]["boi-duong-nuoc-ngoai"]
    hanoi = together["hanoi-2022-2025"]
    assert national.achieved == 2
    assert hanoi["noi-vu-do-thi"].achieved == 2
    assert hanoi["noi-vu-nhan-luc"].achieved == 1
    assert hanoi["sau-dai-hoc"].achieved == 1


def test_the_joint_records_summary_counts_a_row_any_scheme_counted() -> None:
    """The one pass's bookkeeping: k2 counts (for Hà Nội) though 1641 alone leaves it."""
    together = evaluate([NATIONAL, HANOI], RECORDS, AS_OF)
    attendances = together.records.attendances
    assert (attendances.counted, attendances.after_as_of, attendances.outside_windows) == (4, 1, 1)
    assert together["qd-1641-2022"].records is together.records
    alone = evaluate(NATIONAL, RECORDS, AS_OF).records.attendances
    assert alone.counted == 3


def test_target_ids_shared_by_two_schemes_stay_apart() -> None:
    """Two schemes with the same target ids keep their own numbers under their own ids."""
    renamed = attrs.evolve(NATIONAL, id="qd-1641-copy", period=HANOI.period)
    together = evaluate([NATIONAL, renamed], RECORDS, AS_OF)
    assert list(together) == ["qd-1641-2022", "qd-1641-copy"]
    assert list(together["qd-1641-copy"].targets) == list(together["qd-1641-2022"].targets)
    assert _numbers(together["qd-1641-copy"]) == _numbers(evaluate(renamed, RECORDS, AS_OF))
    # No key of the joint run shows through.
    shown = str(together.to_dict())
    assert "\x1f" not in shown


def test_two_schemes_with_one_id_are_refused_naming_both() -> None:
    """The same id twice: the error names both positions, both titles (shortened), the id."""
    twin = attrs.evolve(HANOI, id=NATIONAL.id)
    with pytest.raises(DuplicateSchemeError) as raised:
        evaluate([NATIONAL, twin], RECORDS, AS_OF)
    message = str(raised.value)
    assert "schemes[0]" in message
    assert "schemes[1]" in message
    # Titles are shortened in the message, their beginnings kept.
    assert NATIONAL.title[:30] in message
    assert HANOI.title[:30] in message
    assert raised.value.scheme_id == NATIONAL.id


def test_an_empty_list_and_a_non_scheme_are_refused() -> None:
    """Nothing to measure, or not a scheme: said, not guessed."""
    with pytest.raises(ValueError, match="no scheme given"):
        evaluate([], RECORDS, AS_OF)
    with pytest.raises(TypeError, match=r"schemes\[1\] is a str"):
        evaluate([NATIONAL, "hanoi-2022-2025"], RECORDS, AS_OF)  # type: ignore[list-item]


def test_evaluations_is_a_read_only_mapping_in_the_order_given() -> None:
    """Keys in the order given; an unknown id names the known ones."""
    together = evaluate((HANOI, NATIONAL), RECORDS, AS_OF)
    assert isinstance(together, Evaluations)
    assert list(together) == ["hanoi-2022-2025", "qd-1641-2022"]
    assert len(together) == 2
    assert "qd-1641-2022" in together
    with pytest.raises(KeyError, match="there are hanoi-2022-2025, qd-1641-2022"):
        together["hcmc-2021-2025"]
    assert repr(together).startswith("<Evaluations as of 2025-06-30: hanoi-2022-2025")


def test_evaluations_outputs_carry_every_scheme() -> None:
    """The dict, text, HTML and frame have each scheme, the frame in a scheme_id column."""
    together = evaluate([NATIONAL, HANOI], RECORDS, AS_OF)
    data = together.to_dict()
    assert list(data["schemes"]) == ["qd-1641-2022", "hanoi-2022-2025"]
    assert data["schemes"]["hanoi-2022-2025"] == together["hanoi-2022-2025"].to_dict()
    assert data["as_of"] == "2025-06-30"
    assert data["records"]["attendances"]["counted"] == 4
    text = str(together)
    assert "qd-1641-2022 ·" in text
    assert "hanoi-2022-2025 ·" in text
    html = together._repr_html_()
    assert html.count("<table") == 2
    frame = together.to_frame("polars")
    assert frame["scheme_id"].unique(maintain_order=True).to_list() == [
        "qd-1641-2022",
        "hanoi-2022-2025",
    ]
    alone = together["qd-1641-2022"].to_frame("polars")
    joint = frame.filter(frame["scheme_id"] == "qd-1641-2022").drop("scheme_id")
    assert joint.equals(alone)


def test_one_scheme_in_a_list_is_an_evaluations_of_one() -> None:
    """A list of one is still a list: the answer is a mapping with its one evaluation."""
    together = evaluate([HANOI], RECORDS, AS_OF)
    assert isinstance(together, Evaluations)
    alone = evaluate(HANOI, RECORDS, AS_OF)
    assert isinstance(alone, Evaluation)
    assert together["hanoi-2022-2025"] == alone


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(schemes(), schemes())
def test_any_two_schemes_measured_together_have_their_numbers_alone(first, second):
    """On the first scheme's example records, each of two generated schemes as if alone."""
    assume(first.id != second.id and _sizes_fit(first))
    day = first.period.start + (first.period.end - first.period.start) / 2
    records = example_records(first, as_of=day, scale=_small(first) / 4)
    together = evaluate([first, second], records, day)
    assert list(together) == [first.id, second.id]
    for scheme in (first, second):
        assert _numbers(together[scheme.id]) == _numbers(evaluate(scheme, records, day))
