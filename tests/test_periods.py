"""Per-period targets on every path: the issue's yearly share read alike everywhere.

"100% of IT staff updated each year", 97 staff, 2024–2026, as of 30/6/2025: 90 were
updated in 2024 (92,78 %, missed), 74 so far in 2025 (76,29 % against 100 × 181/365 =
49,59 % due by now, 23,71 points still needed in 2025, forecast 100 %, capped).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest

from dtbd import (
    Baseline,
    Figure,
    Period,
    Scheme,
    Scope,
    Target,
    Window,
    evaluate,
    progress,
    records_from_dicts,
    save_scheme,
)
from dtbd.cli import main
from dtbd.results._progress import Status
from html_table import rows as html_rows
from test_frames import ENGINES, polars_tables

AS_OF = pendulum.date(2025, 6, 30)
PERIOD = Period(pendulum.date(2024, 1, 1), pendulum.date(2026, 12, 31))
SHARE = Target(
    "cntt",
    "100% người làm CNTT được cập nhật hằng năm",
    Figure.parse("100%"),
    window=Window(cadence="per_year"),
)
COUNT = Target("luot", "5.000 lượt", Figure.parse("5.000 lượt"))
SCHEME = Scheme("vd-cntt", "Kế hoạch mẫu", PERIOD, targets=(SHARE, COUNT))
TABLES = {
    "persons": [{"id": f"p{i}"} for i in range(97)],
    "courses": [{"id": "k24", "start": "2024-04-01"}, {"id": "k25", "start": "2025-03-01"}],
    "attendances": [{"person": f"p{i}", "course": "k24"} for i in range(90)]
    + [{"person": f"p{i}", "course": "k25"} for i in range(74)],
}
RECORDS = records_from_dicts(**TABLES)


def test_a_per_year_share_has_each_years_own_numbers() -> None:
    p = progress(SHARE, RECORDS, AS_OF, period=PERIOD)
    y2024, y2025, y2026 = p.periods
    assert (y2024.status, y2024.achieved) == (Status.MISSED, Decimal("92.78"))
    assert (y2025.status, y2025.achieved, y2025.expected) == (
        Status.ON_TRACK,
        Decimal("76.29"),
        Decimal("49.59"),
    )
    assert y2025.remaining_low == Decimal("23.71")
    assert y2025.forecast == 100  # 76,29 × 365/181 = 153,8 %, but a share stops at 100 %
    assert y2026.status is Status.NOT_STARTED
    # The target's own numbers are 2025's, and its status names 2024 as missed.
    assert (p.achieved, p.expected, p.forecast) == (y2025.achieved, y2025.expected, 100)
    assert p.status is Status.OFF_TRACK
    assert p.periods_missed == (Period.of_years(2024),)
    assert p.required_per_year_remaining is None


def test_no_percentage_forecast_is_above_100() -> None:
    e = evaluate(SCHEME, RECORDS, AS_OF)
    for period in e["cntt"].periods:
        assert period.forecast is None or period.forecast <= 100


def test_a_whole_window_count_has_its_yearly_series() -> None:
    p = progress(COUNT, RECORDS, AS_OF, period=PERIOD)
    assert len(p.periods) == 1
    assert p.periods[0].window == PERIOD
    assert [(y.year, y.achieved, y.cumulative) for y in p.yearly] == [
        (2024, 90, 90),
        (2025, 74, 164),
        (2026, 0, 164),
    ]


def test_the_table_json_html_frame_and_plot_read_the_same(tmp_path: Path, capsys) -> None:
    """The numbers of 2024 and 2025 appear alike on every path."""
    scheme_file = tmp_path / "scheme.toml"
    save_scheme(SCHEME, scheme_file)
    folder = tmp_path / "records"
    folder.mkdir()
    for table, rows in TABLES.items():
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    argv = ["progress", str(scheme_file), "--records", str(folder), "--as-of", "2025-06-30"]
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["targets"]["cntt"]
    assert [y["achieved"] for y in data["periods"]] == ["92.78", "76.29", None]
    assert [y["expected"] for y in data["periods"]] == ["100", "49.59", "0"]
    assert data["periods"][1]["forecast"] == "100"
    assert data["periods_missed"] == [{"start": "2024-01-01", "end": "2024-12-31"}]
    assert (data["achieved"], data["status"]) == ("76.29", "off_track")

    assert main(argv) == 0
    table = capsys.readouterr().out
    rows = [" ".join(line.split()) for line in table.splitlines()]
    assert any("năm 2024 100% 92,8% 92,8% 100% 7,2% không đạt" in row for row in rows)
    assert any("năm 2025 100% 76,3% 76,3% 49,6% 23,7% đúng tiến độ" in row for row in rows)
    assert "(không đạt:" in table
    assert "265" not in table

    p = evaluate(SCHEME, RECORDS, AS_OF)["cntt"]
    shown = p.to_html()
    # year, figure, achieved, share of plan, due by now, still needed, forecast, status
    cells = html_rows(shown)
    for row in (
        ["năm 2024", "100%", "92,8%", "92,8%", "100%", "7,2%", "92,8%", "Không đạt"],
        ["năm 2025", "100%", "76,3%", "76,3%", "49,6%", "23,7%", "100%", "Đúng tiến độ"],
    ):
        assert row in cells
    assert cells[1][-1] == "Chậm nhiều (không đạt: 2024)"

    pytest.importorskip("pandas")
    frame = p.to_frame()
    assert list(frame["period_year"]) == [2024, 2025, 2026]
    assert list(frame["achieved"])[:2] == [Decimal("92.78"), Decimal("76.29")]
    assert list(frame["period_status"]) == ["missed", "on_track", "not_started"]
    assert set(frame["status"]) == {"off_track"}
    assert set(frame["periods_missed"]) == {"2024"}

    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = p.plot()
    bars = [bar.get_height() for bar in ax.containers[0]]
    assert bars == [92.78, 76.29, 0.0]
    assert ax.get_ylim() == (0.0, 104.0)
    assert ax.get_ylabel() == "%"
    assert max(t for t in ax.get_yticks()) == 100
    assert not [line for line in ax.get_lines() if max(line.get_ydata(), default=0) > 100]
    matplotlib.pyplot.close("all")


def test_people_still_needed_are_whole_people(capsys) -> None:
    """84 người over 2016–2020 as of 16/3/2018: 30,1 a year still needed is shown as 31."""
    target = Target("gd", "84 người", Figure.parse("84 người"))
    period = Period.of_years(2016, 2020)
    p = progress(target, records_from_dicts(courses=[{"id": "k", "start": "2016-05-01"}],
                                            attendances=[{"person": "a", "course": "k"}]),
                 dt.date(2018, 3, 16), period=period)  # fmt: skip
    assert p.required_per_year_remaining is not None
    assert p.required_per_year_remaining.to_integral_value() != p.required_per_year_remaining
    from dtbd.display._numbers import shown_count

    shown = shown_count(p.required_per_year_remaining, p.unit, needed=True)
    assert shown == f"{int(p.required_per_year_remaining) + 1} người"
    assert "," not in shown_count(p.expected, p.unit)


MASTERS = Target(
    "thac-si", "40% lãnh đạo có trình độ thạc sĩ", Figure.parse("40%"),
    scope=Scope(qualifications=("thac-si",)), basis="qualified",
    baseline=Baseline("38", "2023-12-31"),
)  # fmt: skip
FROM_BASELINE = Target(
    "luot-moc", "5.000 lượt từ mốc", Figure.parse("5.000 lượt"),
    baseline=Baseline(100, "2024-12-31"),
)  # fmt: skip
HOLDINGS = Scheme(
    "vd-moc", "Kế hoạch có mốc", PERIOD, targets=(SHARE, COUNT, MASTERS, FROM_BASELINE)
)
WITH_DEGREES = records_from_dicts(
    persons=[{"id": f"p{i}", "qualifications": "thac-si" if i < 39 else ""} for i in range(97)],
    courses=TABLES["courses"],
    attendances=TABLES["attendances"],
)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_frame_engine_gives_the_python_engines_periods_and_baselines(engine: str) -> None:
    """Per-year shares, yearly series and baselines: the same dict on polars, DuckDB, …"""
    expected = evaluate(HOLDINGS, WITH_DEGREES, AS_OF).to_dict()
    got = evaluate(HOLDINGS, ENGINES[engine](polars_tables(WITH_DEGREES)), AS_OF).to_dict()
    assert got["targets"] == expected["targets"]
    assert got["targets"]["thac-si"]["pace_method"] == "compound_growth"
