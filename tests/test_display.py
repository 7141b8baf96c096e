"""Results in notebooks: escaped HTML, exact dataframes, a progress chart."""

from __future__ import annotations

import html
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import (
    Attendance,
    Course,
    Figure,
    Period,
    Person,
    Records,
    Rule,
    RuleKind,
    Scheme,
    Target,
    Window,
    audit,
    check,
    evaluate,
    progress,
    records_from_dicts,
)
from dtbd.display._frames import violations_frame
from dtbd.display._html import violations_html
from dtbd.words import say

PERIOD = Period.of_years(2023, 2025)
AS_OF = pendulum.date(2024, 6, 30)

RECORDS = records_from_dicts(
    persons=[{"id": "p1", "gender": "female"}, {"id": "p2", "gender": "male"}],
    courses=[
        {"id": "k1", "start": "2023-03-01", "study_days": 5},
        {"id": "k2", "start": "2024-02-01", "study_days": 5},
    ],
    attendances=[
        {"person": "p1", "course": "k1"},
        {"person": "p2", "course": "k1"},
        {"person": "p1", "course": "k2"},
    ],
)

SCRIPT_LABEL = "<script>alert('x')</script> & bồi dưỡng"
TOTAL = Target("tong", SCRIPT_LABEL, Figure.parse("khoảng 1.200 - 1.500 lượt"))
YEARLY = Target(
    "khoa", "Mỗi năm 04 khóa", Figure.parse("khoảng 04 khóa"), window=Window("per_year")
)
SCHEME = Scheme("vd-hien-thi", "Đề án mẫu", PERIOD, targets=(TOTAL, YEARLY))


def test_progress_html_escapes_the_label_and_formats_numbers_in_vietnamese() -> None:
    """A label with <script> is shown as text; 1.200 uses the Vietnamese grouping dot."""
    shown = progress(TOTAL, RECORDS, AS_OF, period=PERIOD)._repr_html_()
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; bồi dưỡng" in shown
    assert "khoảng 1.200–1.500 lượt" in shown
    assert "3 lượt" in shown
    assert "ngày 30 tháng 6 năm 2024" in shown


def test_to_html_in_english_uses_english_words_and_separators() -> None:
    """locale='en' gives 1,200 and the English status word."""
    p = progress(TOTAL, RECORDS, AS_OF, period=PERIOD)
    shown = p.to_html(locale="en")
    assert "about 1,200–1,500 person-times" in shown
    assert say(f"display.status.{p.status.value}", "en") in shown
    with pytest.raises(ValueError, match="locale"):
        p.to_html(locale="fr")


def test_per_year_progress_html_has_a_row_per_year() -> None:
    """Each year of a per-year target shows with its readable status."""
    p = progress(YEARLY, RECORDS, AS_OF, period=PERIOD)
    shown = p.to_html()
    for year in p.periods:
        assert f">{say('cli.progress.year', 'vi', year=str(year.year))}</div>" in shown
        assert say(f"display.status.{year.status.value}", "vi") in shown
    assert shown.count('<tr class="period">') == len(p.periods)


def test_evaluation_html_has_a_row_per_target_and_counts_the_records() -> None:
    """The evaluation table lists every target, each year of a per-year one, and the records."""
    e = evaluate(SCHEME, RECORDS, AS_OF)
    shown = e._repr_html_()
    years = len(e["khoa"].periods)
    assert shown.count("<tr") == 1 + len(e.targets) + years
    assert "lượt học: đọc 3 dòng, tính 3, lỗi 0" in shown
    assert "attendances: 3 rows read, 3 counted, 0 malformed" in e.to_html(locale="en")
    assert "<script>" not in shown


def test_evaluation_to_frame_pandas_keeps_exact_decimals() -> None:
    """A row per target and period; achieved is a Decimal, not a float."""
    pytest.importorskip("pandas")
    e = evaluate(SCHEME, RECORDS, AS_OF)
    frame = e.to_frame()
    assert list(frame["target_id"]) == ["tong", "khoa", "khoa", "khoa"]
    assert list(frame["period_year"].iloc[1:]) == [2023, 2024, 2025]
    row = frame.set_index("target_id").loc["tong"]
    assert row["achieved"] == e["tong"].achieved
    assert isinstance(row["achieved"], Decimal)
    assert row["figure_low"] == Decimal(1200)
    assert row["figure_high"] == Decimal(1500)
    assert row["status"] == e["tong"].status.value


def test_evaluation_to_frame_polars_has_decimal_and_date_columns() -> None:
    """Polars gets Decimal columns with the scale of the most precise value."""
    pl = pytest.importorskip("polars")
    e = evaluate(SCHEME, RECORDS, AS_OF)
    frame = e.to_frame(backend="polars")
    assert frame.height == sum(len(p.periods) for p in e.targets.values())
    assert isinstance(frame.schema["expected"], pl.Decimal)
    assert frame.schema["window_end"] == pl.Date
    got = frame.filter(pl.col("target_id") == "tong")["expected"][0]
    assert got == e["tong"].expected


def test_to_frame_refuses_an_unknown_backend() -> None:
    """The message names the backends."""
    with pytest.raises(ValueError, match="backend='polars'"):
        progress(TOTAL, RECORDS, AS_OF, period=PERIOD).to_frame(backend="spark")  # type: ignore[arg-type]


def test_audit_html_and_frame_show_each_finding() -> None:
    """Parts over a total: an error finding in the table and in the frame."""
    pytest.importorskip("pandas")
    total = Target(
        "tong",
        "Tổng <b>",
        Figure.parse("100 người"),
        parts=(
            Target("a", "Phần A", Figure.parse("70 người")),
            Target("b", "Phần B", Figure.parse("50 người")),
        ),
    )
    result = audit(Scheme("vd-kiem-tra", "Mẫu", PERIOD, targets=(total,)))
    shown = result.to_html()
    assert "Lỗi" in shown
    assert "Tổng &lt;b&gt;" in shown
    frame = result.to_frame()
    assert list(frame["code"]) == [f.code for f in result.findings]
    error = frame[frame["severity"] == "error"].iloc[0]
    assert error["computed_low"] == Decimal(120)


def test_violations_table_and_frame_have_a_row_per_violation() -> None:
    """Rule violations from check() show as HTML and as a frame."""
    pytest.importorskip("polars")
    rule = Rule(
        "nu", RuleKind.GENDER_SHARE, "Ít nhất 80% nữ", Figure.parse("ít nhất 80%"), gender="female"
    )
    found = check([rule], RECORDS)
    assert found
    frame = violations_frame(found, backend="polars")
    assert frame.height == len(found)
    assert frame["code"].to_list() == [v.code for v in found]
    assert violations_html(found).count("<tr>") == 1 + len(found)


def test_violations_frame_names_the_blank_field_of_a_missing_data_finding() -> None:
    """A missing-data finding's blank field is a column of the frame, as in its dict."""
    pytest.importorskip("polars")
    rule = Rule("tre", RuleKind.AGE_LIMIT, "Dưới 45 tuổi", Figure.parse("dưới 45 tuổi"))
    blank = Records(
        persons=[Person("p1")],
        courses=[Course("c1", pendulum.date(2024, 3, 1), end=pendulum.date(2024, 3, 5))],
        attendances=[Attendance("p1", "c1")],
    )
    found = check([rule], blank)
    frame = violations_frame(found, backend="polars")
    assert [v.code for v in found] == ["missing-data"]
    assert frame["field"].to_list() == [v.to_dict()["field"] for v in found] == ["birth_date"]


def test_plot_draws_achieved_pace_and_the_band_of_a_range() -> None:
    """Lines for achieved, the required pace and forecast; a filled band for 1.200–1.500."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from matplotlib.collections import PolyCollection

    p = progress(TOTAL, RECORDS, AS_OF, period=PERIOD)
    ax = p.plot()
    labels = [line.get_label() for line in ax.get_lines()]
    assert {"Đã đạt", "Tiến độ cần đạt", "Dự báo"} <= set(labels)
    assert any(isinstance(c, PolyCollection) for c in ax.collections)
    assert ax.get_title() == SCRIPT_LABEL
    matplotlib.pyplot.close("all")


def test_plot_of_a_per_year_target_draws_a_bar_per_year_on_given_axes() -> None:
    """Bars per year, on the axes passed in."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _figure, ax = plt.subplots()
    p = progress(YEARLY, RECORDS, AS_OF, period=PERIOD)
    assert p.plot(ax=ax, locale="en") is ax
    heights = [bar.get_height() for bar in ax.containers[0]]
    assert heights == [float(y.achieved or 0) for y in p.periods]
    assert [bar.get_height() for bar in ax.containers[1]] == [float(p.forecast or 0)]
    assert "Per-year target" in [line.get_label() for line in ax.get_lines()]
    plt.close("all")


@given(st.text(alphabet="<>&\"'aăâđ /", min_size=1).filter(str.strip))
def test_any_label_is_shown_escaped(label: str) -> None:
    """Whatever a label holds, the table shows it as text, never as markup."""
    target = Target("t", label, Figure.parse("10 lượt"))
    shown = progress(target, RECORDS, AS_OF, period=PERIOD).to_html()
    plain = progress(Target("t", "x", target.figure), RECORDS, AS_OF, period=PERIOD).to_html()
    assert html.escape(target.label) in shown
    assert shown.count("<") == plain.count("<")  # the label adds no markup
