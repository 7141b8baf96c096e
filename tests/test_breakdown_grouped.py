"""A breakdown over frames measured in passes equals the reference, an evaluation per group.

The reference is ``_breakdown._per_group_frames`` (each group's evaluation over a lazy
filter of the frames); the passes are ``tracking._grouped`` (one grouped run of the
frame engine per pass). Both run over the same frames, and the whole breakdown's
``to_dict`` must be the same.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals.stable.v2 as nw
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dtbd.tracking._breakdown as breakdown_module
from breakdown_data import AS_OF, ON, SCHEME, UNITS
from dtbd import BREAKDOWNS, breakdown, example_records, example_units
from dtbd.catalog import ids, load
from dtbd.records._dicts import records_from_dicts
from dtbd.records._frames import as_frames
from dtbd.tracking._grouped import groups_in_passes, takes_passes
from dtbd.tracking._groups import Members
from dtbd.tracking._roster_passes import _day_key, _day_of
from test_frames import ENGINES, polars_tables
from test_province import frames as province_frames

CATALOG_AS_OF = dt.date(2026, 1, 1)
GROUPED = ("polars", "polars-lazy", "pandas")


def _reference_and_passes(
    monkeypatch: pytest.MonkeyPatch, records: Any, as_of: dt.date, by: str, **options: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The breakdown's dict by the reference and by passes (which must have run)."""
    scheme = options.pop("scheme", SCHEME)
    with monkeypatch.context() as patch:
        patch.setattr(breakdown_module, "takes_passes", lambda _frames: False)
        want = breakdown(scheme, records, as_of, by, **options).to_dict()
    runs: list[str] = []

    def counted(name: str) -> Any:
        measured = getattr(breakdown_module, name)

        def run(*args: Any, **kwargs: Any) -> Any:
            runs.append(name)
            return measured(*args, **kwargs)

        return run

    with monkeypatch.context() as patch:
        # by a roster column the members are found in the frames (_roster_passes), else
        # listed first
        for name in ("measured_in_passes", "measured_by_unit", "measured_by_attribute"):
            patch.setattr(breakdown_module, name, counted(name))
        got = breakdown(scheme, records, as_of, by, **options).to_dict()
    assert runs, "the breakdown did not run in passes"
    return got, want


def _catalog_frames(scheme_id: str, engine: str) -> dict[str, Any]:
    records = example_records(load(scheme_id), scale=0.05)
    return ENGINES[engine](polars_tables(records))


@pytest.mark.parametrize("by", BREAKDOWNS)
@pytest.mark.parametrize("scheme_id", ids())
def test_every_catalog_breakdown_in_passes_equals_the_reference_on_polars(
    monkeypatch: pytest.MonkeyPatch, scheme_id: str, by: str
) -> None:
    tables = _catalog_frames(scheme_id, "polars")
    got, want = _reference_and_passes(
        monkeypatch, tables, CATALOG_AS_OF, by, scheme=load(scheme_id), units=example_units()
    )
    assert got == want


@pytest.mark.parametrize("by", BREAKDOWNS)
@pytest.mark.parametrize("engine", ["polars-lazy", "pandas"])
def test_a_catalog_breakdown_in_passes_equals_the_reference_on_other_engines(
    monkeypatch: pytest.MonkeyPatch, engine: str, by: str
) -> None:
    scheme_id = "qd-1641-2022"
    got, want = _reference_and_passes(
        monkeypatch, _catalog_frames(scheme_id, engine), CATALOG_AS_OF, by,
        scheme=load(scheme_id), units=example_units(),
    )  # fmt: skip
    assert got == want


@pytest.mark.parametrize("levels", [["province", "district"], ["department"], ["commune", "unit"]])
@pytest.mark.parametrize("engine", GROUPED)
def test_units_kept_by_level_in_passes_equal_the_reference(
    monkeypatch: pytest.MonkeyPatch, engine: str, levels: list[str]
) -> None:
    scheme_id = "hanoi-2022-2025"
    got, want = _reference_and_passes(
        monkeypatch, _catalog_frames(scheme_id, engine), CATALOG_AS_OF, "unit",
        scheme=load(scheme_id), units=example_units(), levels=levels,
    )  # fmt: skip
    assert got == want


@pytest.mark.parametrize("by", BREAKDOWNS)
@pytest.mark.parametrize("engine", GROUPED)
def test_a_province_with_reports_and_unknown_rows_in_passes_equals_the_reference(
    monkeypatch: pytest.MonkeyPatch, engine: str, by: str
) -> None:
    """Units' reports, a person of no unit in the tree, an attendance of nobody's."""
    got, want = _reference_and_passes(
        monkeypatch, province_frames(engine), AS_OF, by, units=UNITS, on=ON
    )
    assert got == want
    if by == "unit":  # p6 of a unit not in the tree
        assert got["groups"][-1]["key"] is None


def test_polars_and_pandas_take_passes_and_duckdb_keeps_the_reference() -> None:
    tables = polars_tables(example_records(load("qd-1641-2022"), scale=0.05))
    for engine in GROUPED:
        frames = as_frames(ENGINES[engine](tables))
        assert frames is not None
        assert takes_passes(frames), engine
    if "duckdb" in ENGINES:
        frames = as_frames(ENGINES["duckdb"](tables))
        assert frames is not None
        assert not takes_passes(frames)


def _members(key: str, persons: set[str], depth: int = 0) -> Members:
    return Members(key, frozenset(persons), frozenset(), frozenset(), "person", depth=depth)


def test_units_go_into_one_pass_per_depth_and_disjoint_groups_into_one() -> None:
    found = [
        _members("tinh", {"a", "b", "c"}),
        _members("huyen-1", {"a", "b"}, 1),
        _members("xa-1", {"a"}, 2),
        _members("xa-2", {"b"}, 2),
        _members("huyen-2", {"c"}, 1),
        _members("xa-3", {"c"}, 2),
        _members("trong", set(), 1),
    ]
    assert groups_in_passes(found) == [[0, 6], [1, 4], [2, 3, 5]]
    genders = [_members("female", {"a"}), _members("male", {"b"}), _members("x", {"c"})]
    assert groups_in_passes(genders) == [[0, 1, 2]]


def test_a_person_of_two_qualifications_puts_the_second_group_in_a_second_pass() -> None:
    found = [_members("university", {"a", "b"}), _members("master", {"a"}), _members("x", {"c"})]
    assert groups_in_passes(found) == [[0, 2], [1]]


_UNIT_IDS = ("hy", "so-y-te", "kim-dong", "xa-a", "xa-b", "xa-kim-dong", "xa-ben", "elsewhere")
_persons = st.lists(
    st.fixed_dictionaries(
        {
            # no unit, and one written with spaces around it
            "unit": st.sampled_from((*_UNIT_IDS, "", " xa-a ")),
            "gender": st.sampled_from(["female", "male", ""]),
            "qualifications": st.sampled_from(["", "university", "university;master"]),
            "birth_date": st.sampled_from(["", "1970-01-01", "1985-06-30", "1995-02-02"]),
        }
    ),
    min_size=1,
    max_size=8,
)
_courses = st.lists(
    st.fixed_dictionaries(
        {
            "start": st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)).map(str),
            "study_days": st.integers(1, 5),
            "content": st.sampled_from(["cai-cach", "chuyen-doi-so", ""]),
            "cost": st.sampled_from(["", "1000000"]),
        }
    ),
    min_size=1,
    max_size=5,
)


_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
_DRAWN = st.fixed_dictionaries(
    {
        "persons": _persons,
        "courses": _courses,
        "pairs": st.lists(st.tuples(st.integers(0, 9), st.integers(0, 5)), max_size=20),
        "paid": st.lists(st.tuples(st.integers(0, 5), st.integers(1, 9)), max_size=4),
        "lazy": st.booleans(),
    }
)
"""Records as the tests draw them: the persons' and courses' fields, attendances by
index (one past the end: a person or course not in the tables), payments by course."""


def _drawn_equal_the_reference(
    monkeypatch: pytest.MonkeyPatch, drawn: dict[str, Any], by: str
) -> None:
    people = [
        {"id": f"p{i}", **{k: v for k, v in p.items() if v}}
        for i, p in enumerate(drawn["persons"])
    ]
    classes = [
        {"id": f"k{i}", **{k: v for k, v in c.items() if v}}
        for i, c in enumerate(drawn["courses"])
    ]
    attended = [{"person": f"p{p}", "course": f"k{c}"} for p, c in dict.fromkeys(drawn["pairs"])]
    spending = [
        {"id": f"s{i}", "date": "2025-05-05", "amount": amount * 1_000_000}
        | ({"course": f"k{c}"} if c < 5 else {})
        for i, (c, amount) in enumerate(drawn["paid"])
    ]
    loaded = records_from_dicts(
        persons=people, courses=classes, attendances=attended, spending=spending,
        on_error="report",
    )  # fmt: skip
    tables = polars_tables(loaded.records)
    frames = {k: v.lazy() for k, v in tables.items()} if drawn["lazy"] else tables
    got, want = _reference_and_passes(monkeypatch, frames, AS_OF, by, units=UNITS, on=ON)
    assert got == want


@settings(max_examples=20, **_SETTINGS)
@given(
    drawn=_DRAWN,
    by=st.sampled_from(
        ["gender", "leadership", "unit_level", "qualification", "age", "content", "year"]
    ),
)
def test_any_records_break_down_in_passes_as_the_reference_does(
    monkeypatch: pytest.MonkeyPatch, drawn: dict[str, Any], by: str
) -> None:
    """Attendances of persons or courses not in the tables too (an index past the end)."""
    _drawn_equal_the_reference(monkeypatch, drawn, by)


@settings(max_examples=40, **_SETTINGS)
@given(drawn=_DRAWN)
def test_any_records_roll_up_with_members_found_in_frames_as_the_reference_does(
    monkeypatch: pytest.MonkeyPatch, drawn: dict[str, Any]
) -> None:
    """Persons of no unit or of one not in the tree, courses nobody or only they attended."""
    _drawn_equal_the_reference(monkeypatch, drawn, "unit")


@pytest.mark.parametrize("engine", GROUPED)
def test_a_roll_up_over_frames_finds_its_members_without_reading_rows_into_objects(
    monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """By unit, only the roster's distinct units come to Python; the numbers are the same."""
    scheme, units = load("hanoi-2022-2025"), example_units()
    frames = _catalog_frames("hanoi-2022-2025", engine)
    with monkeypatch.context() as patch:
        patch.setattr(breakdown_module, "takes_passes", lambda _frames: False)
        want = breakdown(scheme, frames, CATALOG_AS_OF, "unit", units=units).to_dict()

    def refused(*_args: Any) -> Any:
        raise AssertionError("a roll-up over frames read its tables into objects")

    with monkeypatch.context() as patch:
        patch.setattr(breakdown_module, "small_tables", refused)
        got = breakdown(scheme, frames, CATALOG_AS_OF, "unit", units=units).to_dict()
    assert got == want


@settings(max_examples=30, deadline=None)
@given(days=st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)), min_size=1))
def test_a_birth_date_joins_on_its_day_number_the_same_in_the_frame_and_in_python(
    days: list[dt.date],
) -> None:
    """yyyymmdd from the engine's parts equals the plain formula, on polars and pandas."""
    stamps = [dt.datetime(d.year, d.month, d.day) for d in days]  # noqa: DTZ001  -- a day
    want = [d.year * 10_000 + d.month * 100 + d.day for d in days]
    for native in (pl.DataFrame({"born": stamps}), pd.DataFrame({"born": stamps})):
        frame = nw.from_native(native).lazy()
        got = frame.select(k=_day_key("born")).collect()["k"].to_list()
        assert got == want
    assert [_day_of(s) for s in stamps] == want
