"""Plan audit: the seed schemes' own figures, worked out by hand."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import Budget, BudgetLine, Figure, Period, Qualifier, Scheme, Target, Unit, Window
from dtbd.auditing._audit import audit
from dtbd.figures._compare import Direction, difference, direction, divide
from dtbd.figures._compare import overlaps as figures_overlap
from dtbd.results._audit import Audit
from dtbd.results._finding import Severity

L, P, V = Unit.ATTENDANCE, Unit.PERSON, Unit.VND
TY = 1_000_000_000


def nearly(value: int, unit: Unit) -> Figure:
    return Figure(value, value, qualifier=Qualifier.NEARLY, unit=unit)


def about_range(low: int, high: int, unit: Unit) -> Figure:
    return Figure.between(low, high, unit, qualifier=Qualifier.ABOUT)


def hung_yen() -> Scheme:
    """Plan 171/KH-UBND: đào tạo about 2.800 lượt, bồi dưỡng 37.000 lượt."""
    training = Target(
        "dao-tao",
        "Đào tạo đến năm 2025",
        Figure.about(2800, L),
        parts=[
            Target(
                "dt-tinh-huyen", "Cấp tỉnh, cấp huyện", counts="attendances", note="theo nhu cầu"
            ),
            Target("dt-xa", "Cấp xã nâng chuẩn", Figure.about(160, L)),
            Target("dt-vien-chuc", "Viên chức", Figure.about(2550, L)),
        ],
    )
    fostering = Target(
        "boi-duong",
        "Bồi dưỡng đến năm 2025",
        Figure.exact(37000, L),
        parts=[
            Target("bd-tinh-huyen", "Cấp tỉnh, cấp huyện", Figure.exact(1236, L)),
            Target("bd-xa", "Cấp xã", Figure.exact(300, L)),
            Target("bd-vien-chuc", "Viên chức", Figure.exact(35074, L)),
        ],
    )
    return Scheme(
        "kh-171", "Kế hoạch 171", Period.of_years(2023, 2025), targets=[training, fostering]
    )


def decision_1641(people: Figure | None = None) -> Scheme:
    """QĐ 1641/QĐ-TTg: about 4 courses a year of about 15–17 people for about 180–200 people."""
    persons = Target("can-bo", "Cán bộ trẻ và nữ", people or about_range(180, 200, P))
    courses = Target(
        "khoa-hoc",
        "Khóa bồi dưỡng ở nước ngoài",
        Figure.about(4, Unit.COURSE),
        window=Window(cadence="per_year"),
        course_size=about_range(15, 17, P),
        delivers="can-bo",
    )
    return Scheme("qd-1641", "Đề án 1641", Period.of_years(2023, 2025), targets=[persons, courses])


def hanoi(total: Figure | None = None) -> Scheme:
    """Hà Nội 2022–2025: six lead departments' lines, gần 90 tỷ, hơn 272,3 tỷ overall."""
    targets = [
        Target("snv-do-thi", "Sở Nội vụ: quản lý đô thị", Figure.exact(60, P)),
        Target("snv-nhan-luc", "Sở Nội vụ: nhân lực", Figure.exact(100, P)),
        Target("stc", "Sở Tài chính", Figure.exact(100, P)),
    ]
    lines = [
        BudgetLine("l-snv-1", "Sở Nội vụ (đô thị)", Figure.exact(11 * TY, V), target="snv-do-thi"),
        BudgetLine(
            "l-snv-2", "Sở Nội vụ (nhân lực)", Figure.more_than(18 * TY, V), target="snv-nhan-luc"
        ),
        BudgetLine("l-stc", "Sở Tài chính", Figure.exact(18 * TY, V), target="stc"),
        BudgetLine("l-skhcn", "Sở Khoa học và Công nghệ", Figure.exact(3_600_000_000, V)),
        BudgetLine("l-sgd", "Sở Giáo dục và Đào tạo", Figure.exact(18_400_000_000, V)),
        BudgetLine("l-syt", "Sở Y tế", Figure.more_than(18_400_000_000, V)),
    ]
    budget = Budget(
        total=total or nearly(90 * TY, V),
        overall=Figure.more_than(272_300_000_000, V),
        lines=lines,
    )
    return Scheme(
        "hn-2022", "Đề án Hà Nội", Period.of_years(2022, 2025), targets=targets, budget=budget
    )


def postgraduate(parts: tuple[str, str] = ("9600000000", "52000000000")) -> Scheme:
    line = BudgetLine(
        "sau-dai-hoc",
        "Đào tạo sau đại học",
        Figure.exact(61_600_000_000, V),
        parts=[
            BudgetLine("sdh-nuoc-ngoai", "Ở nước ngoài", Figure.exact(parts[0], V)),
            BudgetLine("sdh-trong-nuoc", "Trong nước", Figure.exact(parts[1], V)),
        ],
    )
    return Scheme(
        "hn-sdh", "Sau đại học", Period.of_years(2022, 2025), budget=Budget(lines=[line])
    )


def only(result: Audit, code: str, target: str | None = None):
    found = [f for f in result.by_code(code) if target is None or target in f.targets]
    assert len(found) == 1, found
    return found[0]


# -- parts against their total -----------------------------------------------------------


def test_hung_yen_fostering_parts_leave_390_attendances_unallocated():
    """1.236 + 300 + 35.074 = 36.610 of 37.000 lượt: 390 not allocated, a warning."""
    finding = only(audit(hung_yen()), "parts-below-total", "boi-duong")
    assert finding.severity is Severity.WARNING
    assert finding.expected == Figure.exact(37000, L)
    assert finding.computed == Figure.exact(1236 + 300 + 35074, L)
    assert finding.difference == Figure.exact(390, L)
    assert finding.targets == ("boi-duong", "bd-tinh-huyen", "bd-xa", "bd-vien-chuc")
    assert "390" in finding.message_vi
    assert "390" in finding.message_en


def test_hung_yen_training_part_by_need_gets_its_own_info_finding():
    """The provincial/district part "theo nhu cầu" has no number: an info finding."""
    finding = only(audit(hung_yen()), "part-without-number")
    assert finding.severity is Severity.INFO
    assert finding.targets == ("dao-tao", "dt-tinh-huyen")
    assert "«Cấp tỉnh, cấp huyện»" in finding.message_vi


def test_hung_yen_training_remainder_is_left_for_the_part_by_need():
    """160 + 2.550 = 2.710 of about 2.800: about 90 left for the part by need, info."""
    finding = only(audit(hung_yen()), "parts-below-total", "dao-tao")
    assert finding.severity is Severity.INFO
    assert finding.computed == Figure.about(2710, L)
    assert finding.difference == Figure.about(90, L)
    assert "Cấp tỉnh, cấp huyện" in finding.message_vi
    assert "at most" in finding.message_en


def test_parts_matching_the_total_give_an_info_finding():
    scheme = Scheme(
        "s",
        "S",
        Period.of_years(2024),
        targets=[
            Target(
                "t",
                "T",
                Figure.exact(10, P),
                parts=[Target("a", "A", Figure.exact(4, P)), Target("b", "B", Figure.exact(6, P))],
            )
        ],
    )
    finding = only(audit(scheme), "parts-match-total")
    assert finding.severity is Severity.INFO
    assert finding.difference is None


def test_parts_above_an_exact_total_are_an_error_with_the_excess():
    """60 + 50 = 110 against 100: 10 over, error."""
    scheme = Scheme(
        "s",
        "S",
        Period.of_years(2024),
        targets=[
            Target(
                "t",
                "T",
                Figure.exact(100, P),
                parts=[
                    Target("a", "A", Figure.exact(60, P)),
                    Target("b", "B", Figure.exact(50, P)),
                ],
            )
        ],
    )
    finding = only(audit(scheme), "parts-above-total")
    assert finding.severity is Severity.ERROR
    assert finding.difference == Figure.exact(10, P)
    assert audit(scheme).errors == (finding,)
    assert not audit(scheme).ok


def test_parts_above_an_about_total_within_tolerance_are_information():
    """105 against about 100: inside the 10 % tolerance, so info, not an error."""
    scheme = Scheme(
        "s",
        "S",
        Period.of_years(2024),
        targets=[
            Target(
                "t",
                "T",
                Figure.about(100, P),
                parts=[
                    Target("a", "A", Figure.exact(60, P)),
                    Target("b", "B", Figure.exact(45, P)),
                ],
            )
        ],
    )
    finding = only(audit(scheme), "parts-above-total")
    assert finding.severity is Severity.INFO
    assert finding.difference == Figure.about(5, P)


def test_parts_below_an_about_total_beyond_tolerance_are_a_warning():
    """80 against about 100 (lowest accepted 90): 20 not allocated, a warning."""
    scheme = Scheme(
        "s",
        "S",
        Period.of_years(2024),
        targets=[
            Target("t", "T", Figure.about(100, P), parts=[Target("a", "A", Figure.exact(80, P))])
        ],
    )
    finding = only(audit(scheme), "parts-below-total")
    assert finding.severity is Severity.WARNING
    assert finding.difference == Figure.about(20, P)


# -- capacity ---------------------------------------------------------------------------


def test_decision_1641_capacity_overlaps_the_target_with_the_top_end_above():
    """(about 4 × 15–17) × 3 years = about 180–204 against about 180–200: info."""
    finding = only(audit(decision_1641()), "capacity-range")
    assert finding.severity is Severity.INFO
    assert finding.computed == about_range(180, 204, P)
    assert finding.expected == about_range(180, 200, P)
    assert finding.operands[-1] == Figure.exact(3, Unit.YEAR)
    assert finding.targets == ("khoa-hoc", "can-bo")
    assert "204" in finding.message_vi
    assert "200" in finding.message_en
    assert "overlap" in finding.message_en


def test_capacity_that_cannot_reach_the_target_is_an_error():
    """About 180–204 seats cannot train 300 people: no overlap even with tolerance."""
    finding = only(audit(decision_1641(Figure.exact(300, P))), "capacity-range")
    assert finding.severity is Severity.ERROR
    # 300 − 204 = 96 up to 300 − 180 = 120, approximate.
    assert finding.difference == about_range(96, 120, P)


def test_capacity_in_seats_is_compared_with_an_attendance_target():
    persons = Target("luot", "Lượt", Figure.exact(120, L))
    courses = Target(
        "khoa",
        "Khóa",
        Figure.exact(4, Unit.COURSE),
        course_size=Figure.exact(30, P),
        delivers="luot",
    )
    scheme = Scheme("s", "S", Period.of_years(2024), targets=[persons, courses])
    finding = only(audit(scheme), "capacity-range")
    assert finding.computed == Figure.exact(120, L)
    assert finding.severity is Severity.INFO


# -- budget -----------------------------------------------------------------------------


def test_hanoi_budget_lines_are_consistent_with_nearly_90_billion():
    """11 + hơn 18 + 18 + 3,6 + 18,4 + hơn 18,4 = hơn 87,4 tỷ against gần 90 tỷ."""
    finding = only(audit(hanoi()), "budget-lines-vs-total")
    assert finding.severity is Severity.INFO
    assert finding.computed == Figure.more_than(87_400_000_000, V)
    assert finding.expected == nearly(90 * TY, V)
    assert len(finding.budget_lines) == 6


def test_hanoi_budget_lines_cover_only_part_of_the_overall_total():
    finding = only(audit(hanoi()), "budget-lines-vs-overall")
    assert finding.severity is Severity.INFO
    assert finding.expected == Figure.more_than(272_300_000_000, V)
    assert "only part" in finding.message_en


def test_budget_lines_above_the_total_are_an_error():
    """Hơn 87,4 tỷ cannot fit in at most 80 tỷ."""
    finding = only(audit(hanoi(Figure.at_most(80 * TY, V))), "budget-lines-vs-total")
    assert finding.severity is Severity.ERROR


def test_budget_lines_short_of_an_exact_total_are_an_error():
    """15 tỷ of exactly 20 tỷ is an error; hơn 87,4 tỷ has no top, so it meets 100 tỷ."""
    assert only(audit(hanoi(Figure.exact(100 * TY, V))), "budget-lines-vs-total").severity is (
        Severity.INFO
    )
    scheme = Scheme(
        "s",
        "S",
        Period.of_years(2024),
        budget=Budget(
            total=Figure.exact(20 * TY, V), lines=[BudgetLine("a", "A", Figure.exact(15 * TY, V))]
        ),
    )
    finding = only(audit(scheme), "budget-lines-vs-total")
    assert finding.severity is Severity.ERROR
    assert finding.difference == Figure.exact(5 * TY, V)


def test_postgraduate_parts_add_up_to_their_line():
    """9,6 + 52 = 61,6 tỷ: consistent, info."""
    finding = only(audit(postgraduate()), "budget-parts-vs-line")
    assert finding.severity is Severity.INFO
    assert finding.computed == Figure.exact(61_600_000_000, V)
    assert finding.difference is None


def test_budget_parts_that_do_not_add_up_are_an_error():
    """9,6 + 50 = 59,6 against 61,6 tỷ: 2 tỷ missing, error."""
    finding = only(audit(postgraduate(("9600000000", "50000000000"))), "budget-parts-vs-line")
    assert finding.severity is Severity.ERROR
    assert finding.difference == Figure.exact(2 * TY, V)


# -- cost per person --------------------------------------------------------------------


def test_cost_per_person_of_11_billion_for_60_people_rounds_to_the_dong():
    """11.000.000.000 / 60 = 183.333.333,33… → 183.333.333 đồng (half up)."""
    finding = only(audit(hanoi()), "cost-per-person", "snv-do-thi")
    assert finding.computed == Figure.exact(183_333_333, V)
    assert finding.budget_lines == ("l-snv-1",)
    assert finding.operands == (Figure.exact(11 * TY, V), Figure.exact(60, P))
    assert "183,3 triệu" in finding.message_vi
    assert "183.3 million" in finding.message_en


def test_cost_per_person_keeps_more_than():
    """Hơn 18 tỷ / 100 người = hơn 180 triệu đồng each."""
    finding = only(audit(hanoi()), "cost-per-person", "snv-nhan-luc")
    assert finding.computed == Figure.more_than(180_000_000, V)


def test_cost_per_person_of_a_range_divides_crosswise():
    """1 tỷ / 15–17 người = 58.823.529 – 66.666.667 đồng."""
    cost = divide(Figure.exact(TY, V), Figure.between(15, 17, P))
    assert cost == Figure.between(58_823_529, 66_666_667, V)


def test_cost_per_person_without_a_bounded_count_is_reported_unavailable():
    target = Target("t", "T", Figure.at_least(10, P))
    line = BudgetLine("l", "L", Figure.more_than(TY, V), target="t")
    scheme = Scheme("s", "S", Period.of_years(2024), targets=[target], budget=Budget(lines=[line]))
    finding = only(audit(scheme), "cost-per-person-unavailable")
    assert finding.severity is Severity.INFO


def test_lines_tied_to_other_counts_get_no_cost_per_person():
    target = Target("k", "Khóa", Figure.exact(4, Unit.COURSE))
    line = BudgetLine("l", "L", Figure.exact(TY, V), target="k")
    scheme = Scheme("s", "S", Period.of_years(2024), targets=[target], budget=Budget(lines=[line]))
    assert not audit(scheme).by_code("cost-per-person")


# -- comparing figures ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("computed", "stated", "expected"),
    [
        (Figure.exact(190, P), Figure.between(180, 200, P), Direction.SAME),
        (Figure.exact(170, P), Figure.between(180, 200, P), Direction.BELOW),
        (Figure.between(180, 204, P), Figure.between(180, 200, P), Direction.ABOVE),
        (Figure.more_than(87, P), nearly(90, P), Direction.BELOW),
    ],
)
def test_direction_reads_where_a_computed_figure_lies(computed, stated, expected):
    assert direction(computed, stated) is expected


def test_overlap_uses_the_about_tolerance():
    """Khoảng 100 accepts 90 to 110: 89 does not meet it, 90 does."""
    assert figures_overlap(Figure.exact(90, P), Figure.about(100, P))
    assert not figures_overlap(Figure.exact(89, P), Figure.about(100, P))


def test_difference_of_overlapping_ranges_is_undefined():
    assert difference(Figure.between(180, 204, P), Figure.between(180, 200, P)) is None


# -- output -----------------------------------------------------------------------------


def test_audit_to_dict_has_stable_keys_and_exact_numbers():
    data = audit(hung_yen()).to_dict()
    json.dumps(data)  # JSON-ready
    assert data["scheme"] == "kh-171"
    keys = {tuple(f) for f in data["findings"]}
    assert keys == {
        (
            "code",
            "severity",
            "targets",
            "budget_lines",
            "expected",
            "computed",
            "difference",
            "operands",
            "message_vi",
            "message_en",
        )
    }
    first = data["findings"][0]
    assert first["code"] == "part-without-number"
    warning = next(f for f in data["findings"] if f["severity"] == "warning")
    assert warning["difference"]["low"] == "390"
    assert Decimal(warning["computed"]["high"]) == 36610


def test_finding_message_picks_the_locale():
    finding = only(audit(hung_yen()), "parts-below-total", "boi-duong")
    assert finding.message("vi") == finding.message_vi
    assert finding.message("en_GB") == finding.message_en


# -- properties and errors --------------------------------------------------------------


@given(
    parts=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6),
    total=st.integers(min_value=0, max_value=6 * 10**6),
)
def test_exact_parts_and_their_difference_make_up_the_total(parts, total):
    """Below the total: parts + difference = total; above: total + difference = parts."""
    targets = [Target(f"p{i}", f"P{i}", Figure.exact(n, P)) for i, n in enumerate(parts)]
    scheme = Scheme(
        "s",
        "S",
        Period.of_years(2024),
        targets=[Target("t", "T", Figure.exact(total, P), parts=targets)],
    )
    (finding,) = audit(scheme).findings
    if sum(parts) == total:
        assert finding.code == "parts-match-total"
    elif sum(parts) < total:
        assert finding.code == "parts-below-total"
        assert finding.severity is Severity.WARNING
        assert sum(parts) + finding.difference.value == total
    else:
        assert finding.code == "parts-above-total"
        assert finding.severity is Severity.ERROR
        assert total + finding.difference.value == sum(parts)


@given(
    amount=st.integers(min_value=1, max_value=10**13),
    count=st.integers(min_value=1, max_value=10**5),
)
def test_cost_per_person_is_within_half_a_dong_of_the_exact_share(amount, count):
    cost = divide(Figure.exact(amount, V), Figure.exact(count, P))
    assert cost is not None
    assert abs(cost.value - Decimal(amount) / count) <= Decimal("0.5")


def test_audit_refuses_what_is_not_a_scheme():
    with pytest.raises(TypeError, match="Scheme"):
        audit({"id": "s"})


def test_parts_that_only_single_out_some_of_the_total_are_information() -> None:
    """Hà Nội 2016–2020: 400 leaders, of whom 84 are sent abroad — not a breakdown."""
    from dtbd import Figure, Period, Scheme, Severity, Target, Unit, audit

    abroad = Target("quoc-te", "Học tập kinh nghiệm quốc tế", Figure.exact(84, Unit.PERSON))
    leaders = Target(
        "lanh-dao",
        "Lãnh đạo sở, huyện",
        Figure.exact(400, Unit.PERSON),
        parts=[abroad],
        breakdown=False,
    )
    result = audit(
        Scheme("hn", "Hà Nội 2016–2020", Period.of_years(2016, 2020), targets=[leaders])
    )
    codes = {(f.code, f.severity) for f in result.findings}
    assert ("parts-single-out", Severity.INFO) in codes
    assert not any(f.code == "parts-below-total" for f in result.findings)
