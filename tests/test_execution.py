"""Budget execution: each budget line's plan against the payments, every payment counted once."""

from __future__ import annotations

import datetime as dt
import functools
import json
from decimal import Decimal

import attrs
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import (
    EXECUTION_BY,
    BudgetExecution,
    ExecutionError,
    Records,
    Scheme,
    Spending,
    budget_execution,
    example_records,
    read_records,
    records_from_dicts,
)
from dtbd.catalog import load
from dtbd.cli._main import main
from dtbd.cli._parser import BUDGET_BY
from dtbd.examples._records import write_records_csv
from dtbd.records._frames import frames
from test_frames import ENGINES, polars_tables

SCHEME_ID = "hanoi-2022-2025"
AS_OF = dt.date(2025, 6, 30)
LINES = ("kp-hoc-tap-nuoc-ngoai", "kp-noi-vu-do-thi", "kp-y-te", "kp-sau-dai-hoc-trong-nuoc")


@functools.cache
def _scheme() -> Scheme:
    return load(SCHEME_ID)


@functools.cache
def _records() -> Records:
    return example_records(_scheme(), as_of=AS_OF)


def _with_spending(records: Records, extra: list[Spending]) -> Records:
    return attrs.evolve(records, spending=(*records.spending, *extra))


STRAYS = [
    Spending("lac-1", dt.date(2024, 3, 1), 5_000_000, description="không ghi dòng"),
    Spending("lac-2", dt.date(2024, 4, 1), 7_000_000, budget_line="kp-khong-co"),
    Spending("lac-3", dt.date(2025, 1, 2), 9_000_000, budget_line="kp-khong-co"),
    Spending("sau-1", dt.date(2025, 9, 1), 11_000_000, budget_line="kp-y-te"),
]
"""Two payments that name no line of the plan, one naming none, one dated after AS_OF."""


def test_each_line_is_planned_its_amount_and_spent_its_payments_and_its_parts():
    """A line's spent is its own payments and its parts'; remaining and rate follow."""
    scheme, records = _scheme(), _records()
    ex = budget_execution(scheme, records, AS_OF)
    paid = {}
    for s in records.spending:
        if s.date <= AS_OF:
            paid[s.budget_line] = paid.get(s.budget_line, Decimal(0)) + s.amount
    row = ex["kp-noi-vu-do-thi"]
    assert (row.planned, row.spent) == (Decimal(11_000_000_000), paid["kp-noi-vu-do-thi"])
    assert row.remaining == row.planned - row.spent
    assert row.rate == (row.spent * 100 / row.planned).quantize(Decimal("0.01"))
    parent = ex["kp-sau-dai-hoc"]
    assert parent.spent == paid["kp-sau-dai-hoc-nuoc-ngoai"] + paid["kp-sau-dai-hoc-trong-nuoc"]
    assert ex["kp-sau-dai-hoc-trong-nuoc"].depth == 1
    # "gần 90 tỷ đồng" is carried by its six parts, which state 87,4 tỷ: the plan counts
    # the parts, 87,4 + 9,6 + 52 tỷ, not the line and its parts twice.
    assert ex.planned == Decimal(149_000_000_000)
    assert ex.rate == (ex.spent * 100 / ex.planned).quantize(Decimal("0.01"))


def test_spending_that_matches_no_line_is_reported_and_later_payments_are_not_counted():
    scheme = _scheme()
    records = _with_spending(_records(), STRAYS)
    ex = budget_execution(scheme, records, AS_OF)
    assert ex.unmatched.ids == ("lac-1", "lac-2", "lac-3")
    assert ex.unmatched.amount == Decimal(21_000_000)
    assert (ex.unmatched.no_line, ex.unmatched.unknown_lines) == (1, ("kp-khong-co",))
    assert (ex.later, ex.later_amount) == (1, Decimal(11_000_000))
    plain = budget_execution(scheme, _records(), AS_OF)
    assert ex.spent == plain.spent
    assert "kp-khong-co" in str(ex)


def test_unreadable_payment_rows_are_counted_as_unread_on_both_engines(tmp_path):
    (tmp_path / "spending.csv").write_text(
        "id,date,amount,budget_line\na,2024-01-02,100,kp-y-te\nb,2024-13-45,5,kp-y-te\n",
        encoding="utf-8",
    )
    read = read_records(tmp_path, on_error="report")
    spending = pl.DataFrame(
        {"id": ["a", "b"], "date": [dt.date(2024, 1, 2)] * 2, "amount": [100, -5],
         "budget_line": ["kp-y-te"] * 2}
    )  # fmt: skip
    for records in (read, frames(spending=spending)):
        ex = budget_execution(_scheme(), records, AS_OF)
        assert (ex.unread, ex.spent, ex.unmatched.payments) == (1, Decimal(100), 0)
        assert "1 dòng của bảng spending không đọc được" in str(ex)


def test_cost_per_person_is_read_from_what_was_spent_beside_the_plans_own():
    scheme, records = _scheme(), _records()
    row = budget_execution(scheme, records, AS_OF)["kp-noi-vu-do-thi"]
    target = scheme.target("noi-vu-do-thi")
    counted = {
        a.person
        for a in records.attendances
        if (c := records.course_by_id.get(a.course)) is not None
        and c.target == target.id
        and c.start <= AS_OF
    }
    assert row.target == "noi-vu-do-thi"
    assert row.persons == len(counted) > 0
    assert row.cost_per_person == (row.spent / row.persons).quantize(Decimal(1))
    # the plan's own: 11 tỷ đồng over 60 cán bộ, as the audit works it out
    assert row.planned_cost is not None
    assert row.planned_cost.low == Decimal(183_333_333)
    assert row.planned_cost_per == "person"


@pytest.mark.parametrize("by", ["year", "source", "unit"])
def test_every_breakdown_plans_and_spends_the_same_totals(by):
    scheme = _scheme()
    records = _with_spending(_records(), STRAYS)
    line = budget_execution(scheme, records, AS_OF)
    ex = budget_execution(scheme, records, AS_OF, by)
    assert (ex.planned, ex.spent, ex.unmatched) == (line.planned, line.spent, line.unmatched)
    assert sum(r.spent for r in ex.rows) == ex.spent
    assert sum(r.planned or 0 for r in ex.rows) == ex.planned


def test_by_unit_reads_the_payments_unit_then_its_courses_lead():
    scheme, records = _scheme(), _records()
    first = records.spending[0]
    moved = attrs.evolve(first, unit="Văn phòng UBND")
    changed = attrs.evolve(records, spending=(moved, *records.spending[1:]))
    ex = budget_execution(scheme, changed, AS_OF, "unit")
    assert ex["Văn phòng UBND"].spent == first.amount
    assert ex["Văn phòng UBND"].planned is None
    lead = records.course_by_id[first.course].lead if first.course else None
    assert lead is not None
    before = budget_execution(scheme, records, AS_OF, "unit")
    assert ex[lead].spent == before[lead].spent - first.amount


def test_by_year_puts_payments_in_the_year_of_their_date():
    scheme, records = _scheme(), _records()
    ex = budget_execution(scheme, records, AS_OF, "year")
    for row in ex.rows:
        if isinstance(row.key, int):
            dated = [s.amount for s in records.spending if s.date.year == row.key]
            assert row.spent == sum(dated)
    # the plan has no yearly lines: its money is the row of the whole period
    assert ex[None].planned == ex.planned
    assert ex[None].remaining is None


_PAYMENT = st.tuples(
    st.dates(dt.date(2021, 6, 1), dt.date(2026, 6, 30)),
    st.integers(0, 10**12),
    st.sampled_from((*LINES, None, "kp-khong-co", "kp-sau-dai-hoc")),
    st.sampled_from((None, "central_budget", "local_budget")),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(_PAYMENT, max_size=25), st.sampled_from(EXECUTION_BY))
def test_the_rows_spent_and_the_unmatched_add_up_to_every_payment_exactly(payments, by):
    """No payment is dropped or counted twice, whatever the rows are."""
    spending = [
        Spending(f"p{i}", day, amount, budget_line=line, source=source)
        for i, (day, amount, line, source) in enumerate(payments)
    ]
    ex = budget_execution(_scheme(), Records(spending=spending), AS_OF, by)
    top = [r for r in ex.rows if r.depth == 0]
    dated = sum((s.amount for s in spending if s.date <= AS_OF), Decimal(0))
    assert sum((r.spent for r in top), Decimal(0)) + ex.unmatched.amount == dated
    assert ex.total_spent == dated
    assert dated + ex.later_amount == sum((s.amount for s in spending), Decimal(0))
    assert sum(r.payments for r in top) + ex.unmatched.payments + ex.later == len(spending)


@pytest.mark.parametrize("engine", sorted(set(ENGINES) & {"polars", "pandas", "duckdb"}))
def test_frames_give_the_python_engines_numbers(engine):
    scheme = _scheme()
    records = _with_spending(_records(), STRAYS)
    expected = budget_execution(scheme, records, AS_OF).to_dict()
    tables = ENGINES[engine](polars_tables(records))
    got = budget_execution(scheme, frames(**tables), AS_OF).to_dict()
    if engine == "duckdb":
        # A relation has no row order (docs/frames.md): the window that finds repeated
        # ids leaves the unmatched ids in another one.
        for result in (got, expected):
            result["unmatched"]["ids"] = sorted(result["unmatched"]["ids"])
    assert got == expected


def test_to_dict_writes_amounts_as_exact_text_and_round_trips_through_json():
    ex = budget_execution(_scheme(), _with_spending(_records(), STRAYS), AS_OF)
    data = ex.to_dict()
    assert json.loads(json.dumps(data)) == data
    row = data["rows"][1]
    assert set(row) >= {"key", "planned", "spent", "remaining", "rate", "cost_per_person"}
    assert row["planned"] == "11000000000"
    assert data["unmatched"]["amount"] == "21000000"
    assert data["total_spent"] == str(ex.spent + Decimal(21_000_000))


def test_to_frame_keeps_the_amounts_exact_with_a_total_and_an_unmatched_row():
    ex = budget_execution(_scheme(), _with_spending(_records(), STRAYS), AS_OF)
    frame = ex.to_frame("polars")
    assert isinstance(frame.schema["spent"], pl.Decimal)
    rows = frame.filter(pl.col("row") == "line")
    assert rows.height == len(ex.rows)
    total = frame.filter(pl.col("row") == "total").row(0, named=True)
    unmatched = frame.filter(pl.col("row") == "unmatched").row(0, named=True)
    assert (total["spent"], unmatched["spent"]) == (ex.spent, ex.unmatched.amount)


def test_html_escapes_the_labels_and_shows_the_unmatched_row():
    scheme = _scheme()
    line = scheme.budget.lines[0]
    bad = attrs.evolve(line, label="<script>alert(1)</script>")
    hostile = attrs.evolve(scheme, budget=attrs.evolve(scheme.budget, lines=(bad,)))
    html = budget_execution(hostile, _records(), AS_OF)._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "Không khớp dòng kinh phí nào" in html
    assert "Matching no budget line" in budget_execution(hostile, _records(), AS_OF).to_html("en")


def test_a_scheme_without_a_budget_has_every_payment_unmatched():
    scheme = attrs.evolve(_scheme(), budget=None)
    ex = budget_execution(scheme, _records(), AS_OF)
    assert (ex.rows, ex.planned, ex.rate) == ((), None, None)
    assert ex.unmatched.payments == len(_records().spending)


def test_an_unknown_breakdown_is_refused_with_the_choices():
    with pytest.raises(ExecutionError, match="line, year, source, unit"):
        budget_execution(_scheme(), _records(), AS_OF, "district")


def test_the_command_lines_choices_are_the_librarys():
    assert BUDGET_BY == EXECUTION_BY


def test_spending_unit_is_read_from_its_vietnamese_header(tmp_path):
    path = tmp_path / "spending.csv"
    path.write_text("Mã chi,Ngày chi,Số tiền,Đơn vị sử dụng\nc1,02/05/2024,1000000,Sở Y tế\n")
    assert read_records(path).spending[0].unit == "Sở Y tế"
    row = {"id": "c2", "date": "2024-05-02", "amount": 1, "unit": "Sở Y tế"}
    assert records_from_dicts(spending=[row]).spending[0].unit == "Sở Y tế"


def test_dtbd_budget_prints_the_table_json_markdown_and_html(tmp_path, capsys):
    records = _with_spending(_records(), STRAYS)
    write_records_csv(records, tmp_path)
    base = ["budget", SCHEME_ID, "--records", str(tmp_path), "--as-of", "2025-06-30"]
    assert main([*base, "--locale", "en"]) == 0
    out = capsys.readouterr().out
    assert "Budget execution as of 30 June 2025" in out
    assert "Matching no budget line" in out
    assert main([*base, "--format", "json", "--by", "source"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["execution"]["by"] == "source"
    assert data["execution"]["unmatched"]["ids"] == ["lac-1", "lac-2", "lac-3"]
    assert main([*base, "--format", "markdown", "--by", "year"]) == 0
    assert "| Năm 2024 |" in capsys.readouterr().out
    assert main([*base, "--format", "html", "--by", "unit"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_dtbd_budget_refuses_bad_input_in_a_line_without_a_traceback(tmp_path, capsys):
    """A scheme it cannot find, records it cannot read, no --records: exit 3 or 2."""
    (tmp_path / "courses.csv").write_text("id,start\nk1,31/02/2024\n", encoding="utf-8")
    cases = {
        ("budget", "khong-co-ma-nay", "--records", str(tmp_path)): 3,
        ("budget", SCHEME_ID, "--records", str(tmp_path)): 3,
        ("budget", SCHEME_ID, "--records", str(tmp_path / "none")): 3,
        ("budget", SCHEME_ID, "--records", str(tmp_path), "--by", "district"): 2,
        ("budget", SCHEME_ID): 2,
    }
    for argv, code in cases.items():
        assert main(list(argv)) == code, argv
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, argv
        assert captured.out == "", argv


def test_a_budget_execution_is_a_budget_execution():
    assert isinstance(budget_execution(_scheme(), _records(), AS_OF), BudgetExecution)
