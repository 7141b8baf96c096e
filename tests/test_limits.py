"""The stated limits: every number within them round-trips, every one beyond is refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import Figure, FigureParseError, Qualifier, Unit, parse_figure
from dtbd._limits import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, number_problem

_TOP = Decimal(10) ** MAX_INTEGER_DIGITS - 1


@st.composite
def numbers_within_limits(draw: st.DrawFn, unit: Unit) -> Decimal:
    """Any number the limits allow, of any size up to 18 digits, not only small ones."""
    digits = draw(st.integers(0, MAX_INTEGER_DIGITS))
    whole = draw(st.integers(0, 10**digits - 1))
    places = 0 if unit is Unit.VND else draw(st.integers(0, MAX_FRACTION_DIGITS))
    fraction = draw(st.integers(0, 10**places - 1))
    return Decimal(whole) + Decimal(fraction).scaleb(-places)


@st.composite
def figures_within_limits(draw: st.DrawFn) -> Figure:
    unit = draw(st.sampled_from(Unit))
    qualifier = draw(st.sampled_from(Qualifier))
    low, high = sorted((draw(numbers_within_limits(unit)), draw(numbers_within_limits(unit))))
    if qualifier in {Qualifier.AT_LEAST, Qualifier.MORE_THAN}:
        return Figure(low, None, qualifier=qualifier, unit=unit)
    if qualifier in {Qualifier.AT_MOST, Qualifier.LESS_THAN}:
        return Figure(None, high, qualifier=qualifier, unit=unit)
    return Figure(low, high if draw(st.booleans()) else low, qualifier=qualifier, unit=unit)


@given(figures_within_limits())
def test_any_figure_within_the_limits_formats_and_reads_back_to_itself(figure: Figure) -> None:
    assert parse_figure(figure.format()) == figure


@given(figures_within_limits())
def test_any_figure_within_the_limits_formats_in_english(figure: Figure) -> None:
    assert figure.format(locale="en")


def test_the_largest_amount_round_trips() -> None:
    figure = Figure.exact(_TOP, Unit.VND)
    assert parse_figure(figure.format()) == figure


@pytest.mark.parametrize(
    ("number", "limit"),
    [
        ("1e18", "at most 18 are taken"),
        ("1e100", "at most 18 are taken"),
        ("1e999999999", "at most 18 are taken"),
        ("9" * 5000, "at most 18 are taken"),
        ("0.0000001", "at most 6 are taken"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
    ],
)
def test_a_figure_beyond_the_limits_is_refused_naming_the_end_and_the_limit(
    number: str, limit: str
) -> None:
    with pytest.raises(ValueError, match="'low'") as caught:
        Figure.exact(number, Unit.PERSON)
    assert limit in str(caught.value)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("1.000.000 nghìn tỷ đồng", "19 digits before the decimal point; at most 18"),
        ("1" + "0" * 25 + " người", "26 digits before the decimal point; at most 18"),
        ("9" * 5000 + " người", "5000 digits before the decimal point; at most 18"),
        ("0,0000001 %", "7 digits after the decimal point; at most 6"),
        ("15 - " + "1" * 30 + " người", "30 digits before the decimal point"),
    ],
)
def test_a_phrase_beyond_the_limits_is_refused_quoting_it(text: str, limit: str) -> None:
    with pytest.raises(FigureParseError, match=limit) as caught:
        parse_figure(text)
    assert caught.value.text == text


def test_the_limits_leave_the_largest_budget_in_dong_room() -> None:
    """A national budget (16 digits) and the largest number taken are within the limits."""
    assert number_problem(Decimal(2 * 10**15)) is None
    assert number_problem(_TOP) is None
    assert number_problem(Decimal("0.000001")) is None
    assert number_problem(_TOP + 1) is not None


def _scheme_text(fmt: str) -> str:
    from dtbd import catalog, dump_scheme

    return dump_scheme(catalog.load(catalog.ids()[0]), fmt)


@pytest.mark.parametrize(
    "low",
    ['"1e100"', "1e999999999", "9" * 5000, "nan", "inf", '"NaN"', '"1e18"', '"0.0000001"'],
)
def test_a_scheme_file_number_beyond_the_limits_is_a_load_error(low: str) -> None:
    from dtbd import SchemeFileError, loads_scheme

    text = _scheme_text("toml")
    assert 'low = "180"' in text
    with pytest.raises(SchemeFileError, match=r"at most|finite|4300 digits"):
        loads_scheme(text.replace('low = "180"', f"low = {low}", 1))


@pytest.mark.parametrize("low", ["1e100", "9" * 5000, "NaN", "Infinity", '"1e999999999"'])
def test_a_json_number_beyond_the_limits_is_a_load_error_at_its_path(low: str) -> None:
    from dtbd import SchemeFileError, loads_scheme

    text = _scheme_text("json")
    assert '"low": "180"' in text
    with pytest.raises(SchemeFileError, match=r"figure\.low: the number .*(at most 18|finite)"):
        loads_scheme(text.replace('"low": "180"', f'"low": {low}', 1), "json")


def test_a_scheme_date_beyond_the_limits_is_a_load_error() -> None:
    from dtbd import SchemeFileError, loads_scheme

    text = _scheme_text("json")
    start = text.index('"start": "') + len('"start": "')
    broken = text[:start] + "1066-10-14" + text[start + len("2022-01-01") :]
    with pytest.raises(SchemeFileError, match="outside the dates taken in, 1900-01-01"):
        loads_scheme(broken, "json")


@pytest.mark.parametrize(
    ("table", "row", "field", "limit"),
    [
        ("spending", {"id": "s", "date": "2024-01-01", "amount": "1e999999"}, "amount", "18"),
        ("spending", {"id": "s", "date": "2024-01-01", "amount": "9" * 5000}, "amount", "18"),
        ("spending", {"id": "s", "date": "2024-01-01", "amount": 10**18}, "amount", "18"),
        ("spending", {"id": "s", "date": "2024-01-01", "amount": "NaN"}, "amount", "finite"),
        ("spending", {"id": "s", "date": "2201-01-01", "amount": 5}, "date", "2200-12-31"),
        ("persons", {"id": "p", "birth_date": "1899-12-31"}, "birth_date", "1900-01-01"),
        ("courses", {"id": "k", "start": "2024-01-01", "study_days": 3661}, "study_days", "3660"),
        ("attendances", {"person": "p", "course": "k", "study_days": "4e3"}, "study_days", "3660"),
    ],
)
def test_a_record_beyond_the_limits_is_a_problem_naming_table_row_and_field(
    table: str, row: dict[str, object], field: str, limit: str
) -> None:
    from dtbd import records_from_dicts

    loaded = records_from_dicts(**{table: [row]}, on_error="report")  # type: ignore[arg-type]
    assert [(p.table, p.row, p.field) for p in loaded.problems] == [(table, 1, field)]
    assert limit in loaded.problems[0].message


def test_records_at_the_limits_are_read() -> None:
    from dtbd import records_from_dicts

    loaded = records_from_dicts(
        spending=[{"id": "s", "date": "2200-12-31", "amount": 10**18 - 1}],
        courses=[{"id": "k", "start": "1900-01-01", "study_days": 3660}],
        on_error="report",
    )
    assert not loaded.problems


@pytest.mark.parametrize("scale", ["1e9", "100.5", "inf"])
def test_a_scale_above_the_limit_is_a_usage_error_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, scale: str
) -> None:
    from dtbd.cli import main

    argv = ["--locale", "en", "example", "qd-1641-2022", "--out", str(tmp_path)]
    assert main([*argv, "--scale", scale]) == 2
    assert "at most 100" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_the_largest_scale_is_accepted_by_the_parser() -> None:
    from dtbd.cli._parser import _scale

    assert _scale("en")("100") == 100.0


def test_figure_sums_are_exact_whatever_the_callers_decimal_context() -> None:
    """Two amounts of 18 digits add to the đồng, even under a caller's 5-digit context."""
    from decimal import localcontext

    first, second = Figure.exact(_TOP - 10**17, Unit.VND), Figure.exact(123_456_789, Unit.VND)
    with localcontext(prec=5):
        total = first + second
    assert total.value == _TOP - 10**17 + 123_456_789


def test_a_sum_beyond_the_limits_is_refused_not_rounded() -> None:
    with pytest.raises(ValueError, match="19 digits before the decimal point"):
        Figure.exact(_TOP, Unit.VND) + Figure.exact(1, Unit.VND)
