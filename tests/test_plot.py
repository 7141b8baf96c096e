"""Charts that explain: wrapped titles, thinned date ticks without English month names,
a bullet per target of an evaluation coloured by its status."""

from __future__ import annotations

import calendar
from collections.abc import Iterator

import pendulum
import pytest

from dtbd import Figure, Period, Scheme, Target, Window, evaluate, progress, records_from_dicts
from dtbd.display._plot_all import COLOURS
from dtbd.display._style import TONES
from dtbd.words import say

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  -- after the backend is chosen
from matplotlib.colors import to_hex  # noqa: E402

PERIOD = Period.of_years(2021, 2025)
AS_OF = pendulum.date(2024, 6, 30)
LONG = (
    "Bồi dưỡng, cập nhật kiến thức về chuyển đổi số, kỹ năng số, công nghệ số cho cán bộ, "
    "công chức, viên chức làm công nghệ thông tin, an toàn thông tin các cấp"
)
TOTAL = Target(
    "tong",
    LONG,
    Figure.parse("khoảng 1.200 - 1.500 lượt"),
    parts=(Target("xa", "Cấp xã", Figure.parse("400 lượt")),),
)
YEARLY = Target("khoa", "Mỗi năm 04 khóa", Figure.parse("04 khóa"), window=Window("per_year"))
SCHEME = Scheme("vd-bieu-do", "Đề án mẫu", PERIOD, targets=(TOTAL, YEARLY))
RECORDS = records_from_dicts(
    courses=[{"id": f"k{y}", "start": f"{y}-03-01"} for y in range(2021, 2025)],
    attendances=[{"person": f"p{i}", "course": f"k{2021 + i % 4}"} for i in range(300)],
)
ENGLISH_MONTHS = {calendar.month_abbr[m] for m in range(1, 13)} - {""}


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


def test_a_long_title_is_wrapped_not_clipped() -> None:
    """Each line of the title fits; together they are the whole label."""
    ax = progress(TOTAL, RECORDS, AS_OF, period=PERIOD).plot()
    lines = ax.get_title().split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 60 for line in lines)
    assert " ".join(lines) == LONG


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_date_ticks_are_few_and_a_vi_chart_has_no_english_month_names(locale: str) -> None:
    """At most 8 ticks over five years; month numbers in Vietnamese, never 'Jan', 'Jul'."""
    ax = progress(TOTAL, RECORDS, AS_OF, period=PERIOD).plot(locale=locale)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert 3 <= len(ticks) <= 8
    if locale == "vi":
        assert not ENGLISH_MONTHS & {word for t in ticks for word in t.split()}
    labels = [line.get_label() for line in ax.get_lines()]
    assert say("display.legend.achieved", locale) in labels
    numbers = [t.get_text() for t in ax.get_yticklabels()]
    assert ("1.200" if locale == "vi" else "1,200") in numbers  # the locale's grouping


def test_a_per_year_target_keeps_its_bar_per_year() -> None:
    """Bars of each year's own count, against the per-year figure."""
    p = progress(YEARLY, RECORDS, AS_OF, period=PERIOD)
    ax = p.plot()
    assert [bar.get_height() for bar in ax.containers[0]] == [
        float(y.achieved or 0) for y in p.periods
    ]
    assert [int(t) for t in ax.get_xticks()] == [y.year for y in p.periods]


def test_evaluation_plot_draws_a_bar_per_target_coloured_by_status() -> None:
    """One bar per target, its length the share achieved, its colour the status's tone."""
    e = evaluate(SCHEME, RECORDS, AS_OF)
    _figure, given = plt.subplots()
    ax = e.plot(ax=given, locale="en")
    assert ax is given
    bars = list(ax.containers[0])
    assert len(bars) == len(e.targets)
    for bar, p in zip(bars, e.targets.values(), strict=True):
        assert bar.get_width() == pytest.approx(float(p.share_of_low or 0))
        assert to_hex(bar.get_facecolor()) == COLOURS[TONES[p.status.value]]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[1] == "– Cấp xã"
    assert "(year 2024)" in labels[2].replace("\n", " ")
    assert ax.get_xlabel() == say("display.plot.share_axis", "en")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert say("display.plot.due", "en") in legend


def test_evaluation_plot_marks_what_is_due_by_now() -> None:
    """A tick per target at what is due by now as a share of its figure's low end."""
    e = evaluate(SCHEME, RECORDS, AS_OF)
    ax = e.plot()
    due = ax.collections[0].get_offsets()
    expected = [
        float(p.expected * 100 / p.figure.low)
        for p in e.targets.values()
        if p.expected is not None and p.figure is not None and p.figure.low
    ]
    assert [float(x) for x, _y in due] == pytest.approx(expected)
    title = ax.get_title()
    assert "vd-bieu-do" in title
    assert "30/06/2024" in title
