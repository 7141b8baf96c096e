"""Birth years and ages at a fixed date in a scope: one plain formula on every engine.

"sinh từ năm 1979 trở lại đây" is ``born_from=1979``, "sinh trước năm 1970" is
``born_until=1969``, "từ 30 đến 45 tuổi" is ``from_age=30, under_age=46`` and "tính đến
31/12/2025" is ``age_on``. The reference is the calendar formula of :mod:`test_ages`; a
person without a birth date never matches, nor one born after the date an age is read at.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import narwhals.stable.v2 as nw
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import (
    Figure,
    PartsError,
    Period,
    Person,
    Scheme,
    SchemeFileError,
    Scope,
    Target,
    evaluate,
    example_records,
    load_scheme,
    save_scheme,
)
from dtbd.cli._main import main
from dtbd.display._scope import birth_words
from dtbd.engine.frames._exprs import day_number, predicate, younger_at
from dtbd.measures._measure import Filter, Op, Side, scope_filters
from dtbd.records._dicts import records_from_dicts
from dtbd.rules._match import person_matches, place
from strategies import births
from test_ages import reference_age
from test_frames import ENGINES, _without_row_lists, polars_tables

PERIOD = Period.of_years(2024, 2025)
AS_OF = dt.date(2025, 12, 31)
FRAME_ENGINES = sorted(e for e in ENGINES if e != "dask")
"""Every frame engine but Dask, which runs one case (it is slow to start)."""


def in_scope(scope: Scope, born: dt.date | None, start: dt.date) -> bool:
    """The plain formula: birth years by the year, ages in whole years at their date."""
    fields = (scope.under_age, scope.from_age, scope.born_from, scope.born_until)
    if all(field is None for field in fields):
        return True
    if born is None:
        return False
    years = (scope.born_from or 1900) <= born.year <= (scope.born_until or 2100)
    if scope.under_age is None and scope.from_age is None:
        return years
    on = scope.age_on or start
    age = reference_age(born, on)
    return (
        years
        and born <= on
        and (scope.under_age is None or age < scope.under_age)
        and (scope.from_age is None or age >= scope.from_age)
    )


# Construction: each field checked, the message naming it and the fix.


@pytest.mark.parametrize("year", [1899, 2101, 79, 0])
@pytest.mark.parametrize("field", ["born_from", "born_until"])
def test_a_birth_year_outside_1900_to_2100_is_refused_naming_the_field(
    field: str, year: int
) -> None:
    """A two-digit year ("sinh năm 79") is the usual slip: the message shows the form."""
    with pytest.raises(ValueError, match=rf"'{field}' is a year of birth from 1900 to 2100"):
        Scope(**{field: year})


@pytest.mark.parametrize("value", [True, "1979", 1979.0])
def test_a_birth_year_that_is_not_a_whole_number_is_refused(value: object) -> None:
    """Text, floats and booleans are not years (a file gives the path of the field)."""
    with pytest.raises(TypeError, match="'born_from' must be a whole number"):
        Scope(born_from=value)  # type: ignore[arg-type]


def test_birth_years_the_wrong_way_round_are_refused() -> None:
    """born_from after born_until lets nobody through: the fix is to swap them."""
    with pytest.raises(ValueError, match="'born_from' 1990 is after 'born_until' 1979"):
        Scope(born_from=1990, born_until=1979)
    assert Scope(born_from=1979, born_until=1979).born_until == 1979


@pytest.mark.parametrize(("low", "high"), [(45, 45), (50, 45)])
def test_an_empty_age_range_is_refused_with_the_inclusive_form(low: int, high: int) -> None:
    """From 50 under 45 is "từ 45 đến 50 tuổi" written backwards: the message gives its form."""
    with pytest.raises(ValueError, match=rf"from_age = {high}, under_age = {low + 1}"):
        Scope(from_age=low, under_age=high)


@pytest.mark.parametrize("field", ["from_age", "under_age"])
def test_an_age_of_zero_years_is_refused_naming_the_field(field: str) -> None:
    """Both age fields are positive whole years."""
    with pytest.raises(ValueError, match=rf"'{field}' must be a positive number of years"):
        Scope(**{field: 0})


def test_a_reference_date_without_an_age_is_refused() -> None:
    """age_on alone would be silently ignored: the scope asks for an age or its removal."""
    with pytest.raises(ValueError, match="'age_on' 2025-12-31 is the date ages are read at"):
        Scope(age_on=dt.date(2025, 12, 31))
    assert Scope(from_age=30, age_on="31/12/2025").age_on == dt.date(2025, 12, 31)


def test_a_scope_with_birth_fields_reads_the_birth_date() -> None:
    """reads_birth_date: any age or birth year, and nothing else."""
    assert Scope(born_until=1969).reads_birth_date
    assert Scope(from_age=30).reads_birth_date
    assert not Scope(units=("u1",)).reads_birth_date
    assert not Scope(born_from=1979).is_everything


def test_each_birth_field_is_one_filter_with_its_date() -> None:
    """Ages carry age_on (``None``: the row's own date); birth years carry no date."""
    day = dt.date(2025, 12, 31)
    filters = scope_filters(Scope(under_age=46, from_age=30, age_on=day, born_from=1979))
    assert [(f.op, f.values, f.on) for f in filters] == [
        (Op.YOUNGER_THAN, (46,), day),
        (Op.AT_LEAST_AGE, (30,), day),
        (Op.BORN_FROM, (1979,), None),
    ]
    assert [f.per_row for f in filters] == [False, False, False]
    assert scope_filters(Scope(from_age=30))[0].per_row


# The Python engine against the formula.

_SCOPE_CASES = {
    "tu-1979": Scope(born_from=1979),
    "truoc-1970": Scope(born_until=1969),
    "1970-1979": Scope(born_from=1970, born_until=1979),
    "tu-30": Scope(from_age=30),
    "30-den-45": Scope(from_age=30, under_age=46),
    "duoi-45-cuoi-2025": Scope(under_age=45, age_on=dt.date(2025, 12, 31)),
    "tu-45-29-2": Scope(from_age=45, age_on=dt.date(2025, 2, 28)),
    "duoi-40-sinh-tu-1980": Scope(under_age=40, born_from=1980),
}
_COURSES = (dt.date(2024, 2, 29), dt.date(2025, 3, 1), dt.date(2025, 12, 31))


def _scheme(scopes: dict[str, Scope]) -> Scheme:
    targets = tuple(
        Target(key, f"Bồi dưỡng {key}", Figure.parse("1 người"), scope=scope)
        for key, scope in scopes.items()
    )
    return Scheme("sinh", "Kế hoạch", PERIOD, targets=targets)


def _records(born: list[dt.date | None], courses: tuple[dt.date, ...] = _COURSES) -> Any:
    """Each person attends each course once."""
    return records_from_dicts(
        persons=[{"id": f"p{i}", "birth_date": b} for i, b in enumerate(born)],
        courses=[{"id": f"k{i}", "start": day} for i, day in enumerate(courses)],
        attendances=[
            {"person": f"p{i}", "course": f"k{j}"}
            for i in range(len(born))
            for j in range(len(courses))
        ],
    )


def _expected(scopes: dict[str, Scope], born: list[dt.date | None]) -> dict[str, Decimal]:
    """Persons counted by the formula: in scope at some course's start."""
    return {
        key: Decimal(sum(any(in_scope(scope, b, day) for day in _COURSES) for b in born))
        for key, scope in scopes.items()
    }


def _achieved(scheme: Scheme, records: Any) -> dict[str, Decimal]:
    got = evaluate(scheme, records, AS_OF)
    return {key: got[key].achieved for key in got.targets}


_birth_dates = st.none() | st.dates(dt.date(1955, 1, 1), dt.date(2026, 6, 30))


@settings(max_examples=40, deadline=None)
@given(st.lists(_birth_dates, min_size=1, max_size=12), births())
def test_python_engine_counts_the_persons_the_formula_puts_in_scope(
    born: list[dt.date | None], fields: dict[str, object]
) -> None:
    """Any valid set of ages and birth years, over drawn birth dates (some missing)."""
    scopes = {"drawn": Scope(**fields)}  # type: ignore[arg-type]
    assert _achieved(_scheme(scopes), _records(born)) == _expected(scopes, born)


# Edges: 29 February, the first and last day of a year, no birth date, born after age_on.
EDGE_BIRTHS: list[dt.date | None] = [
    dt.date(1980, 2, 29),
    dt.date(1979, 2, 28),
    dt.date(1979, 3, 1),
    dt.date(1978, 12, 31),
    dt.date(1979, 1, 1),
    dt.date(1969, 12, 31),
    dt.date(1970, 1, 1),
    dt.date(1995, 6, 1),
    dt.date(2025, 1, 1),
    dt.date(2026, 1, 1),
    None,
]


def test_edge_birth_dates_on_the_python_engine_match_the_formula() -> None:
    """Every case over birthdays on 29 February and on year ends, and a missing date."""
    expected = _expected(_SCOPE_CASES, EDGE_BIRTHS)
    assert _achieved(_scheme(_SCOPE_CASES), _records(EDGE_BIRTHS)) == expected
    assert expected["tu-1979"] == 7  # a birth year reads no date: 2026-01-01 counts too
    assert expected["duoi-45-cuoi-2025"] == 2  # 1995 and 2025; 2026-01-01 not born yet
    assert expected["tu-45-29-2"] == 6  # 29/2/1980 is still 44 on 28/2/2025


def _share_scheme() -> Scheme:
    """Shares whose population reads ages at a fixed date, or at the reference date."""
    attended = Figure.parse("50%")
    return Scheme(
        "ty-le",
        "Kế hoạch",
        PERIOD,
        targets=(
            Target(
                "tre",
                "Tỷ lệ cán bộ dưới 45 tuổi (tính đến 31/12/2025)",
                attended,
                population=Scope(under_age=45, age_on=dt.date(2025, 12, 31)),
            ),
            Target("tu-30", "Tỷ lệ cán bộ từ 30 tuổi", attended, population=Scope(from_age=30)),
            Target(
                "sinh", "Tỷ lệ cán bộ sinh từ 1979", attended, population=Scope(born_from=1979)
            ),
        ),
    )


@pytest.mark.parametrize("engine", FRAME_ENGINES)
def test_every_frame_engine_counts_the_edges_as_the_python_engine(engine: str) -> None:
    """Counts and shares (population flags at a fixed date) equal over every engine."""
    records = _records(EDGE_BIRTHS)
    tables = ENGINES[engine](polars_tables(records))
    for scheme in (_scheme(_SCOPE_CASES), _share_scheme()):
        # The frame engine does not list rows by number (see test_frames).
        expected = _without_row_lists(evaluate(scheme, records, AS_OF).to_dict())
        assert _without_row_lists(evaluate(scheme, tables, AS_OF).to_dict()) == expected


@pytest.mark.skipif("dask" not in ENGINES, reason="Dask is not installed")
def test_dask_counts_birth_years_and_fixed_date_ages_as_the_python_engine() -> None:
    """The one Dask case (its plans are slow to build): a person flag and a row age."""
    scopes = {key: _SCOPE_CASES[key] for key in ("duoi-40-sinh-tu-1980", "tu-45-29-2")}
    records = _records(EDGE_BIRTHS)
    tables = ENGINES["dask"](polars_tables(records))
    assert _achieved(_scheme(scopes), tables) == _expected(scopes, EDGE_BIRTHS)


@pytest.mark.parametrize("engine", ["polars", "duckdb"])
@settings(max_examples=10, deadline=None)
@given(st.lists(_birth_dates, min_size=1, max_size=15), births())
def test_frame_engine_counts_drawn_scopes_as_the_formula(
    engine: str, born: list[dt.date | None], fields: dict[str, object]
) -> None:
    """Drawn birth dates and scopes: the frame engine (offsets and flags) gives the formula."""
    if engine not in ENGINES:
        pytest.skip(f"{engine} is not installed")
    scopes = {"drawn": Scope(**fields)}  # type: ignore[arg-type]
    tables = ENGINES[engine](polars_tables(_records(born)))
    assert _achieved(_scheme(scopes), tables) == _expected(scopes, born)


# The frame expressions, row by row.


def _stamp(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime(day.year, day.month, day.day)  # noqa: DTZ001


def _column(engine: str, born: list[dt.date | None], expr: Any, on: dt.date) -> list[bool]:
    frame = pl.DataFrame(
        {
            "row": list(range(len(born))),
            "person_birth_date": [_stamp(b) for b in born],
            "on": [_stamp(on)] * len(born),
        },
        schema={"row": pl.Int64, "person_birth_date": pl.Datetime("us"), "on": pl.Datetime("us")},
    )
    lazy = nw.from_native(ENGINES[engine]({"rows": frame})["rows"]).lazy()
    got = lazy.select("row", hit=expr.fill_null(value=False)).collect().sort("row")
    return [bool(v) for v in got["hit"].to_list()]


@pytest.mark.parametrize("engine", FRAME_ENGINES)
@settings(max_examples=10, deadline=None)
@given(
    st.lists(_birth_dates, min_size=1, max_size=30),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.integers(1, 70),
    st.integers(1900, 2100),
)
def test_birth_filters_as_expressions_equal_the_formula_on_every_engine(
    engine: str, born: list[dt.date | None], on: dt.date, years: int, year: int
) -> None:
    """BORN_FROM, BORN_UNTIL and AT_LEAST_AGE at a fixed date and at each row's date."""
    cases = [
        (Filter(Side.PERSON, "birth_date", Op.BORN_FROM, (year,)), Scope(born_from=year)),
        (Filter(Side.PERSON, "birth_date", Op.BORN_UNTIL, (year,)), Scope(born_until=year)),
        (
            Filter(Side.PERSON, "birth_date", Op.AT_LEAST_AGE, (years,), on),
            Scope(from_age=years, age_on=on),
        ),
        (
            Filter(Side.PERSON, "birth_date", Op.YOUNGER_THAN, (years,), on),
            Scope(under_age=years, age_on=on),
        ),
    ]
    for flt, scope in cases:
        expected = [in_scope(scope, b, on) for b in born]
        assert _column(engine, born, predicate(flt, dt.date(1900, 1, 1)), on) == expected
    older = [in_scope(Scope(from_age=years), b, on) for b in born]
    exact = engine in ("polars", "polars-lazy", "duckdb")
    for whole in {False, exact}:
        days = day_number("person_birth_date", exact=whole), day_number("on", exact=whole)
        expr = younger_at(days[0], years, days[1], older=True)
        assert _column(engine, born, expr, on) == older


# Files, inheritance and rules.


@pytest.mark.parametrize("suffix", [".toml", ".json", ".yaml"])
def test_a_scheme_with_birth_fields_round_trips_through_every_file_format(
    tmp_path: Path, suffix: str
) -> None:
    """Birth years, an age range and its date are written and read back as they were."""
    scheme = _scheme(_SCOPE_CASES)
    path = tmp_path / f"s{suffix}"
    save_scheme(scheme, path)
    assert load_scheme(path) == scheme


def test_a_two_digit_birth_year_in_a_file_names_the_field_and_the_form(tmp_path: Path) -> None:
    """The file error gives the path of the scope and the four-digit form."""
    path = tmp_path / "s.toml"
    save_scheme(_scheme({"a": Scope(born_from=1979)}), path)
    path.write_text(path.read_text("utf-8").replace("1979", "79"), encoding="utf-8")
    with pytest.raises(SchemeFileError, match=r"targets\[0\]\.scope: 'born_from' is a year"):
        load_scheme(path)


def _parent_and_part(outer: Scope, inner: Scope) -> Scheme:
    part = Target("xa", "Trong đó cấp xã", Figure.parse("5 người"), scope=inner)
    whole = Target(
        "tong", "Tổng", Figure.parse("10 người"), scope=outer, parts=(part,), breakdown=False
    )
    return Scheme("s", "Kế hoạch", PERIOD, targets=(whole,))


@pytest.mark.parametrize(
    ("outer", "inner", "where"),
    [
        (Scope(born_from=1979), Scope(born_from=1975), "born_from"),
        (Scope(born_until=1969), Scope(born_until=1970), "born_until"),
        (Scope(from_age=30), Scope(from_age=25), "from_age"),
        (Scope(under_age=45), Scope(under_age=50), "under_age"),
        (
            Scope(under_age=45, age_on=dt.date(2025, 12, 31)),
            Scope(under_age=40, age_on=dt.date(2024, 12, 31)),
            "age_on",
        ),
        (Scope(under_age=45), Scope(from_age=30, age_on=dt.date(2025, 12, 31)), "age_on"),
        (Scope(under_age=30), Scope(from_age=35), "scope"),
    ],
)
def test_a_part_that_widens_its_parents_birth_fields_is_refused(
    outer: Scope, inner: Scope, where: str
) -> None:
    """A part narrows: later first year, earlier last year, older lowest age, same date."""
    with pytest.raises(PartsError, match=rf"parts\[0\]\.scope(\.{where})?: part 'xa'"):
        _parent_and_part(outer, inner)


def test_a_part_narrowing_its_parents_birth_fields_counts_within_both() -> None:
    """The part takes the parent's date and birth years and adds its own age range."""
    outer = Scope(under_age=45, age_on=dt.date(2025, 12, 31), born_until=1990)
    scheme = _parent_and_part(outer, Scope(from_age=35, born_from=1980))
    assert scheme.effective("xa").scope == Scope(
        under_age=45, from_age=35, age_on=dt.date(2025, 12, 31), born_from=1980, born_until=1990
    )


def test_rule_scopes_match_birth_years_and_read_ages_on_their_date() -> None:
    """A rule's scope: birth years by the year; ages on age_on, not the course start."""
    person = Person("p", birth_date=dt.date(1979, 12, 31))
    start = dt.date(2024, 6, 1)
    assert person_matches(Scope(born_from=1979), person, start)
    assert not person_matches(Scope(born_until=1978), person, start)
    assert person_matches(Scope(under_age=45), person, start)  # 44 at the start
    assert not person_matches(Scope(under_age=45, age_on=dt.date(2025, 1, 1)), person, start)
    assert not person_matches(Scope(born_from=1979), Person("q"), start)


def test_a_rule_scope_on_birth_years_cannot_place_a_person_without_a_birth_date() -> None:
    """The blank birth date is the gap, whatever birth field the scope names."""
    records = _records([None], courses=(dt.date(2024, 6, 1),))
    row = (records.attendances[0], records.courses[0], records.persons[0])
    for scope in (Scope(born_from=1979), Scope(from_age=30, age_on=dt.date(2025, 1, 1))):
        assert place(scope, *row) == ("birth_date",)
    born = Person("p", birth_date=dt.date(1960, 1, 1))
    assert place(Scope(born_from=1979), row[0], row[1], born) is None


# How a scope's birth fields are shown.


@pytest.mark.parametrize(
    ("scope", "vi", "en"),
    [
        (Scope(born_from=1979), "sinh từ năm 1979", "born in or after 1979"),
        (Scope(born_until=1969), "sinh năm 1969 trở về trước", "born in or before 1969"),
        (
            Scope(born_from=1970, born_until=1979),
            "sinh từ năm 1970 đến năm 1979",
            "born from 1970 to 1979",
        ),
        (Scope(born_from=1979, born_until=1979), "sinh năm 1979", "born in 1979"),
        (Scope(under_age=45), "dưới 45 tuổi", "under 45"),
        (Scope(from_age=30), "từ 30 tuổi trở lên", "aged 30 or over"),
        (
            Scope(from_age=30, under_age=46, age_on=dt.date(2025, 12, 31)),
            "từ 30 đến 45 tuổi, tuổi tính đến 31/12/2025",
            "aged 30 to 45, ages on 31 Dec 2025",
        ),
        (Scope(units=("u1",)), "", ""),
    ],
)
def test_birth_fields_are_said_as_a_scheme_writes_them(scope: Scope, vi: str, en: str) -> None:
    """The words of the HTML view and of ``dtbd show``, in both languages."""
    assert birth_words(scope, "vi") == vi
    assert birth_words(scope, "en") == en


def test_show_and_the_html_view_name_a_targets_birth_years(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dtbd show` puts them after the label; the notebook view in the notes column."""
    scheme = _scheme({"tre": Scope(born_from=1979)})
    path = tmp_path / "s.toml"
    save_scheme(scheme, path)
    assert main(["show", str(path), "--locale", "en", "--format", "markdown"]) == 0
    assert "Bồi dưỡng tre (born in or after 1979)" in capsys.readouterr().out
    assert "sinh từ năm 1979" in scheme.to_html()


def test_example_records_have_people_in_every_birth_field_scope() -> None:
    """Synthetic people are drawn inside each target's ages and birth years."""
    for scheme in (_scheme(_SCOPE_CASES), _share_scheme()):
        got = evaluate(scheme, example_records(scheme), AS_OF)
        assert all(got[key].achieved > 0 for key in got.targets), got.targets
