"""Notebook views that read like a report: the numbers of the CLI and of to_dict, escaped.

Every view — the HTML of a scheme, a target, an evaluation, a progress, an audit and
rule violations; ``repr`` and ``print``; ``to_frame`` — is held to the numbers the
command line's table and ``to_dict()`` give.
"""

from __future__ import annotations

import html
import subprocess
import sys
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import (
    Figure,
    Period,
    Rule,
    RuleKind,
    Scheme,
    Target,
    Window,
    audit,
    check,
    evaluate,
    records_from_dicts,
    violations_html,
)
from dtbd.cli._progress import _rows as cli_rows
from dtbd.display._dataframe import DIGITS, _fit, decimal_type
from dtbd.display._numbers import shown_count
from dtbd.display._style import TONES
from dtbd.words import say
from html_table import rows, tables
from strategies import schemes

SCRIPT = "<script>alert('x')</script>"
PERIOD = Period.of_years(2023, 2025)
AS_OF = pendulum.date(2024, 6, 30)
PARTS = (
    Target("xa", f"Cấp xã {SCRIPT}", Figure.parse("khoảng 400 lượt")),
    Target("huyen", "Cấp huyện", Figure.parse("800 lượt")),
)
TOTAL = Target("tong", f"Bồi dưỡng {SCRIPT}", Figure.parse("1.200 - 1.500 lượt"), parts=PARTS)
YEARLY = Target("khoa", "Mỗi năm 04 khóa", Figure.parse("04 khóa"), window=Window("per_year"))
RULE = Rule(
    "nu", RuleKind.GENDER_SHARE, f"Nữ {SCRIPT}", Figure.parse("ít nhất 80%"), gender="female"
)
SCHEME = Scheme("vd-bao-cao", f"Đề án {SCRIPT}", PERIOD, targets=(TOTAL, YEARLY), rules=(RULE,))
RECORDS = records_from_dicts(
    persons=[{"id": f"p{i}", "gender": "male" if i % 3 else "female"} for i in range(37)],
    courses=[
        {"id": "k1", "start": "2023-03-01", "study_days": 5},
        {"id": "k2", "start": "2024-02-01", "study_days": 5},
        {"id": "k3", "start": "2024-05-01", "study_days": 5},
    ],
    attendances=[{"person": f"p{i}", "course": f"k{1 + i % 3}"} for i in range(37)],
)
EVALUATION = evaluate(SCHEME, RECORDS, AS_OF)


def _progress_rows(shown: str) -> list[list[str]]:
    """The body rows of the first table (the head row dropped)."""
    return rows(shown)[1:]


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_html_numbers_are_the_cli_tables_numbers(locale: str) -> None:
    """Achieved, share, due by now, still needed: the CLI table's text, row by row."""
    cli = cli_rows(SCHEME.targets, EVALUATION, locale)[0]
    shown = _progress_rows(EVALUATION.to_html(locale))
    assert len(shown) == len(cli)
    for ours, theirs in zip(shown, cli, strict=True):
        assert ours[2:6] == list(theirs[2:6])


def test_html_numbers_agree_with_to_dict() -> None:
    """Every target's row shows its to_dict() numbers, rounded as a report rounds them."""
    data = EVALUATION.to_dict()["targets"]
    top = [r for r in _progress_rows(EVALUATION.to_html()) if r[0].split()[-1] in data]
    for row in top:
        target = data[row[0].split()[-1]]
        unit = EVALUATION[target["target_id"]].unit
        achieved = target["achieved"]
        expected = target["expected"]
        assert row[2] == shown_count(Decimal(achieved), unit, none="—")
        assert row[4] == shown_count(
            None if expected is None else Decimal(expected), unit, none="—"
        )


def test_print_gives_a_line_per_target_and_period_with_the_tables_numbers() -> None:
    """print(evaluation): a head, a line per target and year, the records in counts."""
    text = str(EVALUATION)
    lines = text.splitlines()
    years = len(EVALUATION["khoa"].periods)
    assert len(lines) == 1 + len(EVALUATION.targets) + years + 1 + 3
    tong = next(line for line in lines if "[tong]" in line)
    shown = _progress_rows(EVALUATION.to_html())[0]
    assert f": {shown[2]} / " in tong
    assert f"({shown[3]})" in tong
    assert "  Cấp xã" in text  # a part is indented under its target
    assert "lượt học: đọc 37 dòng, tính 37" in text


def test_reprs_are_one_line_with_counts_and_equality_is_kept() -> None:
    """Each repr is one short line naming the object and its counts."""
    shown = {
        repr(SCHEME): "<Scheme vd-bao-cao",
        repr(TOTAL): "<Target tong",
        repr(EVALUATION): "<Evaluation vd-bao-cao as of 2024-06-30: 4 targets (",
        repr(EVALUATION["tong"]): "<Progress tong as of 2024-06-30:",
        repr(audit(SCHEME)): "<Audit vd-bao-cao:",
        repr(RECORDS): "<Records: 37 persons, 3 courses, 37 attendances, 0 payments>",
        repr(EVALUATION.records): "<RecordSummary: persons 37 read",
        repr(EVALUATION.records.attendances): "<TableSummary: 37 read, 37 counted",
    }
    for text, start in shown.items():
        assert text.startswith(start), text
        assert "\n" not in text
        assert len(text) < 400
    assert "3 parts" not in repr(TOTAL)
    assert "2 parts" in repr(TOTAL)
    assert attrs.evolve(SCHEME) == SCHEME
    assert evaluate(SCHEME, RECORDS, AS_OF) == EVALUATION


def test_every_view_escapes_a_script_label() -> None:
    """A label with <script> shows as text in every HTML view and in print."""
    found = check(SCHEME.rules, RECORDS)
    assert found
    for shown in (
        SCHEME._repr_html_(),
        TOTAL._repr_html_(),
        EVALUATION._repr_html_(),
        EVALUATION["tong"]._repr_html_(),
        audit(SCHEME)._repr_html_(),
        violations_html(found),
        SCHEME.to_html("en"),
    ):
        assert "<script>" not in shown
    assert html.escape(SCRIPT) in SCHEME._repr_html_()
    assert html.escape(f"Bồi dưỡng {SCRIPT}") in EVALUATION._repr_html_()


def test_parts_are_indented_and_years_are_rows_under_their_target() -> None:
    """A part's label is padded by its depth; each year of a per-year target is a row."""
    shown = EVALUATION.to_html()
    body = _progress_rows(shown)
    labels = [r[0] for r in body]
    assert labels[:3] == [
        f"Bồi dưỡng {SCRIPT} tong",
        f"Cấp xã {SCRIPT} xa",
        "Cấp huyện huyen",
    ]
    assert labels[4:] == [f"năm {y.window.start.year}" for y in EVALUATION["khoa"].periods]
    assert shown.count('style="padding-left:1.4em"') == len(PARTS) + len(
        EVALUATION["khoa"].periods
    )
    scheme = SCHEME.to_html()
    assert scheme.count('style="padding-left:1.4em"') == len(PARTS)
    assert [r[0] for r in rows(scheme.split("</h4>")[1])[1:]][:3] == labels[:3]


def test_statuses_are_badges_explained_by_a_legend() -> None:
    """Each status is a badge of its tone; the legend names each status shown, and only those."""
    shown = EVALUATION.to_html()
    statuses = {p.status.value for p in EVALUATION.targets.values()}
    statuses |= {y.status.value for y in EVALUATION["khoa"].periods}
    for status in statuses:
        badge = (
            f'<span class="badge {TONES[status]}">{say(f"display.status.{status}", "vi")}</span>'
        )
        assert badge in shown
        assert say(f"display.meaning.{status}", "vi") in shown
    for status in set(TONES) - statuses - {"error", "warning", "info"}:
        assert say(f"display.meaning.{status}", "vi") not in shown


def test_the_style_reads_on_light_and_dark_pages() -> None:
    """No fixed text colour or opaque background: the page's own colours show through."""
    shown = EVALUATION.to_html()
    style = shown[shown.index("<style>") : shown.index("</style>")]
    assert "color:inherit" in style
    assert "background:transparent" in style
    assert "#fff" not in style.lower()
    assert "#000" not in style


def test_scheme_html_lists_the_document_targets_and_rules() -> None:
    """The scheme's title, period, every target (parts too) and its rules."""
    shown = SCHEME.to_html()
    assert "Thời gian thực hiện: 01/01/2023–31/12/2025" in shown
    found = tables(shown)
    assert len(found) == 2  # targets, rules
    assert len(found[0]) == 1 + len(SCHEME.all_targets())
    assert found[0][4][3] == "mỗi năm 2023–2025"
    assert found[1][1][:2] == ["nu", "gender_share"]


def test_audit_and_violations_count_each_severity() -> None:
    """Above the rows: a badge per severity with its count."""
    found = check(SCHEME.rules, RECORDS)
    shown = violations_html(found)
    errors = sum(v.severity.value == "error" for v in found)
    assert f"{say('display.status.error', 'vi')}</span> {errors}" in shown
    assert len(rows(shown)) == 1 + len(found)


def test_the_html_loads_no_optional_library() -> None:
    """The views need the standard library and babel: no pandas, polars, numpy, matplotlib."""
    code = (
        "import sys, pendulum\n"
        "from dtbd import Figure, Period, Scheme, Target, evaluate, records_from_dicts\n"
        "s = Scheme('s', 'S', Period.of_years(2023, 2025), "
        "targets=(Target('t', 'T', Figure.parse('10 lượt')),))\n"
        "e = evaluate(s, records_from_dicts(), pendulum.date(2024, 1, 1))\n"
        "shown = s._repr_html_() + e._repr_html_() + str(e) + repr(e)\n"
        "heavy = {'pandas', 'polars', 'numpy', 'matplotlib', 'pyarrow'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run(  # noqa: S603 - the code is this test's own
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip() == "[]"


@settings(max_examples=25, deadline=None)
@given(schemes())
def test_any_scheme_has_a_short_repr_and_an_escaped_view(scheme: Scheme) -> None:
    """Whatever a scheme holds: its repr is one line, its HTML shows every target's label."""
    assert "\n" not in repr(scheme)
    assert len(repr(scheme)) < 300
    shown = scheme._repr_html_()
    for target in scheme.all_targets():
        assert html.escape(target.label) in shown
    assert len(tables(shown)[0]) == 1 + len(scheme.all_targets())


@given(
    st.lists(
        st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
            lambda d: abs(d) < Decimal(10) ** 30 and len(d.as_tuple().digits) <= 40
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_decimal_column_holds_every_value_within_38_digits(values: list[Decimal]) -> None:
    """The column's scale keeps each value's whole part, and every value whose digits fit."""
    precision, scale = decimal_type(values)
    assert precision == DIGITS
    for value in values:
        whole = len(value.as_tuple().digits) + int(value.as_tuple().exponent)
        assert max(whole, 0) + scale <= DIGITS
        places = -int(value.as_tuple().exponent)
        if places <= scale:
            assert _fit([value], scale) == [value]


def test_pandas_frame_has_numeric_columns_that_plot() -> None:
    """Decimals are Arrow decimal128, dates date32, counts Int64; df.plot() finds numbers."""
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    frame = EVALUATION.to_frame()
    assert len(frame) == sum(len(p.periods) for p in EVALUATION.targets.values())
    for name in ("achieved", "expected", "figure_low", "share_of_low", "forecast"):
        dtype = frame[name].dtype
        assert isinstance(dtype, pd.ArrowDtype)
        assert pa.types.is_decimal(dtype.pyarrow_dtype), name
    assert frame["window_end"].dtype == pd.ArrowDtype(pa.date32())
    assert str(frame["days_elapsed"].dtype) == "Int64"
    assert str(frame["period_year"].dtype) == "Int64"
    assert frame.loc[0, "achieved"] == Decimal(EVALUATION.to_dict()["targets"]["tong"]["achieved"])
    assert frame.loc[0, "window_end"] == PERIOD.end
    ax = frame[["achieved", "expected"]].plot()
    assert len(ax.get_lines()) == 2
    matplotlib.pyplot.close("all")


def test_polars_frame_has_decimal_date_and_integer_columns() -> None:
    """Polars: Decimal(38, scale), Date, Int64; values equal to_dict()'s exact numbers."""
    pl = pytest.importorskip("polars")
    frame = EVALUATION.to_frame(backend="polars")
    assert frame.schema["expected"] == pl.Decimal(38, frame.schema["expected"].scale)
    assert frame.schema["period_start"] == pl.Date
    assert frame.schema["days_total"] == pl.Int64
    data = EVALUATION.to_dict()["targets"]
    for row in frame.filter(pl.col("cadence") == "total").iter_rows(named=True):
        assert row["expected"] == Decimal(data[row["target_id"]]["expected"])
