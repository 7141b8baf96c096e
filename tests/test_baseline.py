"""Progress by Open SDG's measure, from a baseline: numbers worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import (
    Figure,
    Period,
    Person,
    Scope,
    Target,
    Window,
    load_scheme,
    loads_scheme,
    save_scheme,
)
from dtbd.model._baseline import Baseline
from dtbd.model._people import Attendance, Course
from dtbd.records._records import Records
from dtbd.results._progress import PaceMethod, Status
from dtbd.tracking._pace import pace
from dtbd.tracking._run import progress

D = pendulum.date
WINDOW = Window(start="2024-01-01", end="2026-12-31")


def attendances(count: int, start: str = "2024-03-01") -> Records:
    """``count`` attendances of one course that starts on ``start``."""
    rows = [Attendance(f"p{i}", "k") for i in range(count)]
    return Records(courses=[Course("k", start=start)], attendances=rows)


def luot(baseline: Baseline | None = None) -> Target:
    return Target(
        "luot", "5.000 lượt", Figure.parse("5.000 lượt"), window=WINDOW, baseline=baseline
    )


def test_the_issues_example_is_behind_at_0_72_and_needs_5_83_a_day() -> None:
    """1.800 of 5.000 lượt on 30/6/2025 in 2024–2026: 3,29 a day against 4,56 a day."""
    p = progress(luot(), attendances(1800), D(2025, 6, 30))
    assert p.pace_method is PaceMethod.LINEAR
    assert (p.days_elapsed, p.days_total, p.days_remaining) == (547, 1096, 549)
    assert p.observed_per_day == Decimal("3.29")  # 1800 / 547
    assert p.required_per_day == Decimal("4.56")  # 5000 / 1096
    assert p.pace_ratio == Decimal("0.7213")  # 3,2907 / 4,5620
    assert p.status is Status.BEHIND
    assert p.required_per_day_remaining == Decimal("5.83")  # 3200 / 549
    assert p.required_per_year_remaining == Decimal("2127.50")  # 3200 / (184/365 + 1)


def test_a_count_with_a_baseline_is_paced_from_it() -> None:
    """1.000 lượt by 31/12/2024, 1.800 by 30/6/2025: (800 ÷ 181) ÷ (4.000 ÷ 730) = 0,8066."""
    p = progress(luot(Baseline(1000, "2024-12-31")), attendances(1800), D(2025, 6, 30))
    assert (p.days_elapsed, p.days_total) == (181, 730)
    assert p.pace_ratio == Decimal("0.8066")
    assert p.status is Status.BEHIND
    assert p.expected == Decimal("1991.78")  # 1000 + 4000 × 181 / 730
    assert p.required_per_day_remaining == Decimal("5.83")  # the same 3200 in 549 days


def test_a_count_cannot_start_before_its_window_above_zero() -> None:
    """Before the window opens a count is 0: a baseline of 500 on 1/1/2023 is refused."""
    with pytest.raises(ValueError, match="when a count is 0"):
        luot(Baseline(500, "2023-01-01"))


def test_a_baseline_after_the_window_is_refused_with_the_fix() -> None:
    with pytest.raises(ValueError, match="date it when"):
        luot(Baseline(500, "2026-12-31"))


def test_a_per_year_target_takes_no_baseline() -> None:
    with pytest.raises(ValueError, match="per-year"):
        Target("k", "Mỗi năm 4 khóa", Figure.parse("4 khóa"),
               window=Window(cadence="per_year"), baseline=Baseline(1, "2023-12-31"))  # fmt: skip


def masters(
    holders: int, *, baseline: Baseline | None = None, of: int = 100
) -> tuple[Target, Records]:
    """40 % of ``of`` leaders holding a master's degree by 2025; ``holders`` hold one."""
    persons = [
        Person(f"l{i}", qualifications=("thac-si",) if i < holders else ()) for i in range(of)
    ]
    target = Target(
        "thac-si", "40% lãnh đạo có trình độ thạc sĩ", Figure.parse("40%"),
        scope=Scope(qualifications=("thac-si",)), basis="qualified",
        window=Window(start="2024-01-01", end="2025-12-31"), baseline=baseline,
    )  # fmt: skip
    courses = [Course("k", start="2024-02-01")]
    return target, Records(persons=persons, courses=courses, attendances=[Attendance("l0", "k")])


def test_a_share_of_holdings_without_a_baseline_cannot_be_paced() -> None:
    """39 % hold one on 31/12/2024: with no baseline, nothing says where it started."""
    target, records = masters(39)
    p = progress(target, records, D(2024, 12, 31))
    assert p.achieved == 39
    assert p.pace_method is PaceMethod.NEEDS_BASELINE
    assert p.status is Status.UNABLE_TO_ASSESS
    assert (p.pace_ratio, p.expected, p.forecast) == (None, None, None)
    assert p.required_per_year_remaining == 1  # 1 point in the one year left


def test_a_share_of_holdings_without_a_baseline_is_still_met_or_missed() -> None:
    target, records = masters(40)
    assert progress(target, records, D(2024, 12, 31)).status is Status.MET
    target, records = masters(41)
    assert progress(target, records, D(2024, 12, 31)).status is Status.EXCEEDED
    target, records = masters(39)
    assert progress(target, records, D(2025, 12, 31)).status is Status.MISSED


@pytest.mark.parametrize(
    ("holders", "ratio", "status"),
    [
        # (39/38 − 1) ÷ ((40/38)^(1/2) − 1) = 0,026316 ÷ 0,025978
        (39, Decimal("1.0130"), Status.ON_TRACK),
        # (38,5/38 − 1) ÷ 0,025978 with 77 of 200
        (None, Decimal("0.5065"), Status.OFF_TRACK),
        # 37 % is below the baseline: Open SDG's "deterioration"
        (37, Decimal("-1.0130"), Status.OFF_TRACK),
    ],
)
def test_a_share_with_a_baseline_is_paced_by_compound_growth(
    holders: int | None, ratio: Decimal, status: Status
) -> None:
    """38 % on 31/12/2023, 40 % due by 31/12/2025, measured on 31/12/2024: one year of two."""
    baseline = Baseline("38%", "2023-12-31")
    if holders is None:
        target, records = masters(77, baseline=baseline, of=200)
    else:
        target, records = masters(holders, baseline=baseline)
    p = progress(target, records, D(2024, 12, 31))
    assert p.pace_method is PaceMethod.COMPOUND_GROWTH
    assert p.required_growth == Decimal("0.0260")
    assert p.pace_ratio == ratio
    assert p.status is status


def test_a_share_paced_by_growth_expects_the_required_path_and_caps_its_forecast() -> None:
    """Expected: 38 × (40/38)^(1/2) = 38,99 %; 90 % now would grow past 100 %: forecast 100."""
    target, records = masters(39, baseline=Baseline("38", "2023-12-31"))
    p = progress(target, records, D(2024, 12, 31))
    assert p.expected == Decimal("38.99")
    assert p.forecast == Decimal("40.03")  # 39 × 39/38
    target, records = masters(90, baseline=Baseline("38", "2023-12-31"))
    assert progress(target, records, D(2024, 6, 30)).forecast == 100


def test_an_attended_share_starts_from_zero_without_a_baseline() -> None:
    """A share of persons trained in the window is 0 % when it opens: linear from zero."""
    target = Target(
        "dt", "80% được bồi dưỡng", Figure.parse("80%"),
        window=Window(start="2024-01-01", end="2025-12-31"),
    )  # fmt: skip
    persons = [Person(f"p{i}") for i in range(10)]
    rows = [Attendance(f"p{i}", "k") for i in range(4)]
    records = Records(persons=persons, courses=[Course("k", start="2024-03-01")], attendances=rows)
    p = progress(target, records, D(2024, 12, 31))
    assert p.pace_method is PaceMethod.LINEAR
    assert p.pace_ratio == Decimal("0.9986")  # (40 ÷ 366) ÷ (80 ÷ 731)
    assert p.status is Status.ON_TRACK


@given(
    done=st.integers(min_value=1, max_value=4999),
    day=st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 30)),
    baseline=st.none() | st.integers(min_value=0, max_value=4999),
)
def test_linear_ratio_of_one_means_the_forecast_reaches_the_target(
    done: int, day: dt.date, baseline: int | None
) -> None:
    """Open SDG's ratio ≥ 1 exactly when the observed rate carried on reaches the target."""
    start = None if baseline is None else Baseline(baseline, "2023-12-31")
    p = pace(Figure.parse("5.000 lượt"), Decimal(done), Period(D(2024, 1, 1), D(2026, 12, 31)),
             day, baseline=start)  # fmt: skip
    assert p.ratio is not None
    assert p.forecast is not None
    assert (p.ratio >= 1) == (p.forecast >= 5000)


def test_a_baseline_reads_and_writes_in_every_file_format(tmp_path) -> None:
    text = """
id = "x"
title = "x"
period = { start = 2024-01-01, end = 2025-12-31 }

[[targets]]
id = "thac-si"
label = "40% có trình độ thạc sĩ"
figure = "40%"
basis = "qualified"
scope = { qualifications = ["thac-si"] }
baseline = { value = "38", date = 2023-12-31, note = "Báo cáo 12/BC-SNV" }
"""
    scheme = loads_scheme(text)
    assert scheme.targets[0].baseline == Baseline(Decimal(38), "2023-12-31", "Báo cáo 12/BC-SNV")
    for suffix in ("toml", "json", "yaml"):
        path = tmp_path / f"s.{suffix}"
        save_scheme(scheme, path)
        assert load_scheme(path) == scheme


def test_a_baseline_value_is_one_number() -> None:
    with pytest.raises(ValueError, match="one number"):
        Baseline("khoảng 38 - 40%", "2023-12-31")
    with pytest.raises(ValueError, match="0 or more"):
        Baseline(-1, "2023-12-31")
    assert Baseline(Figure.parse("38%"), "2023-12-31").value == 38
    assert Period.of_years(2024).start == D(2024, 1, 1)
