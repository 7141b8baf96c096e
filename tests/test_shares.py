"""Each unit's progress against its share of a target, and roll-ups to chosen levels."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from breakdown_data import AS_OF, ON, UNITS, records
from dtbd import (
    Assignment,
    BreakdownError,
    Figure,
    OrgUnit,
    Status,
    Target,
    Unit,
    UnitTree,
    Window,
    breakdown,
    loads_scheme,
    progress,
    save_scheme,
    save_units,
    write_records_csv,
)
from dtbd.cli._main import main
from dtbd.tracking._groups import home_unit
from test_frames import ENGINES, polars_tables

SHARED = loads_scheme("""
id = "kh-giao"
title = "Kế hoạch giao chỉ tiêu 2024 - 2026"
period = {start = "2024-01-01", end = "2026-12-31"}

[[targets]]
id = "luot"
label = "Bồi dưỡng 20 lượt"
figure = "20 lượt"

[[targets.assigned]]
unit = "xa-kim-dong"
figure = "8 lượt"

[[targets.assigned]]
unit = "xa-ben"
figure = "4 lượt"

[[targets.assigned]]
unit = "so-y-te"
year = 2025
figure = "2 lượt"

[[targets.assigned]]
unit = "so-y-te"
year = 2024
figure = "1 lượt"

[[targets.assigned]]
year = 2026
figure = "6 lượt"

[[targets.assigned]]
unit = "kim-dong"
year = 2024
figure = "1 lượt"

[[targets.assigned]]
unit = "so-noi-vu"
figure = "5 lượt"

[[targets]]
id = "nguoi"
label = "Bồi dưỡng 10 người mỗi năm"
figure = "10 người"
window = {cadence = "per_year"}

[[targets.assigned]]
unit = "xa-kim-dong"
figure = "3 người"
""")


@pytest.fixture(scope="module")
def by_unit():
    return breakdown(SHARED, records(), AS_OF, "unit", units=UNITS, on=ON)


def test_a_units_share_is_measured_over_its_subtree_against_the_shares_figure(by_unit) -> None:
    group = by_unit["xa-kim-dong"]
    share = group.share("luot")
    assert share.achieved == group.evaluation["luot"].achieved == Decimal(4)
    assert share.figure.low == Decimal(8)
    assert share.progress.figure == share.figure
    # the same pace as the whole target's, over the unit's rows, with the share's figure
    own = group.evaluation["luot"]
    assert share.progress.observed_per_day == own.observed_per_day
    assert share.progress.days_total == own.days_total
    assert share.progress.required_per_day == round(Decimal(8) / own.days_total, 2)
    assert share.progress.pace_method is own.pace_method
    assert own.status is Status.OFF_TRACK  # 4 of 20 by mid-2026
    assert share.status is Status.BEHIND  # 4 of 8


def test_a_unit_with_a_share_and_no_records_has_achieved_zero_not_nothing(by_unit) -> None:
    share = by_unit["xa-ben"].share("luot")
    assert share.achieved == Decimal(0)
    assert share.status is Status.OFF_TRACK


def test_a_share_of_one_year_is_paced_over_that_year_alone(by_unit) -> None:
    share = by_unit["so-y-te"].share("luot", 2025)
    assert share.progress.window.start.isoformat() == "2025-01-01"
    assert share.progress.window.end.isoformat() == "2025-12-31"
    assert share.achieved == Decimal(1)  # p1 on k2 (2025-09-08)
    assert share.status is Status.MISSED
    assert by_unit["so-y-te"].share("luot", 2024).status is Status.MET


def test_a_share_of_a_year_to_no_unit_is_measured_over_every_record(by_unit) -> None:
    (share,) = by_unit.shares
    assert (share.unit, share.year) == (None, 2026)
    whole = by_unit.total["luot"]
    assert share.achieved == next(y.achieved for y in whole.yearly if y.year == 2026)


def test_a_share_of_a_per_year_target_is_a_share_of_each_year(by_unit) -> None:
    share = by_unit["xa-kim-dong"].share("nguoi")
    assert [p.year for p in share.progress.periods] == [2024, 2025, 2026]
    assert all(p.figure == share.figure for p in share.progress.periods)


def test_shares_no_group_shows_are_findings_naming_the_unit(by_unit) -> None:
    codes = {(f.code, f.targets) for f in by_unit.findings}
    assert codes == {
        ("assigned-unit-unknown", ("luot",)),
        ("share-unit-not-shown", ("luot",)),
    }
    messages = " ".join(f.message("en") for f in by_unit.findings)
    assert "so-noi-vu" in messages
    assert "kim-dong" in messages


def test_a_group_without_the_share_asked_says_which_it_has(by_unit) -> None:
    with pytest.raises(KeyError, match="it has luot in 2025, luot in 2024"):
        by_unit["so-y-te"].share("luot")


def test_shares_are_in_to_dict_with_their_numbers(by_unit) -> None:
    data = by_unit.to_dict()
    xa = next(g for g in data["groups"] if g["key"] == "xa-ben")
    assert [(s["target_id"], s["achieved"], s["status"]) for s in xa["shares"]] == [
        ("luot", "0", "off_track")
    ]
    assert [f["code"] for f in data["findings"]]


@pytest.mark.parametrize("engine", sorted(e for e in ENGINES if e != "dask"))
def test_every_engine_gives_the_same_shares(engine: str, by_unit) -> None:
    frames = ENGINES[engine](polars_tables(records()))
    got = breakdown(SHARED, frames, AS_OF, "unit", units=UNITS, on=ON)

    def numbers(result):
        return [
            (g.key, [(s.target_id, s.year, s.achieved, s.status) for s in g.shares])
            for g in result.groups
        ]

    assert numbers(got) == numbers(by_unit)
    shares = [[s.to_dict() for s in g.shares] for g in by_unit.groups]
    assert [[s.to_dict() for s in g.shares] for g in got.groups] == shares


def test_levels_keep_the_units_of_those_levels_each_rolled_up_over_its_subtree(by_unit) -> None:
    top = breakdown(SHARED, records(), AS_OF, "unit", units=UNITS, on=ON, levels=["province"])
    assert [(g.key, g.depth, g.parent) for g in top.groups] == [("hy", 0, None), (None, 0, None)]
    assert top["hy"].evaluation.to_dict() == by_unit["hy"].evaluation.to_dict()
    communes = breakdown(
        SHARED, records(), AS_OF, "unit", units=UNITS, on=ON, levels=["province", "commune"]
    )
    assert [(g.key, g.depth, g.parent) for g in communes.groups] == [
        ("hy", 0, None), ("xa-kim-dong", 1, "hy"), ("xa-ben", 1, "hy"), (None, 0, None),
    ]  # fmt: skip


def test_levels_are_refused_outside_a_breakdown_by_unit_or_when_unknown() -> None:
    with pytest.raises(BreakdownError, match="levels= rolls up a breakdown by unit"):
        breakdown(SHARED, records(), AS_OF, "gender", levels=["province"])
    with pytest.raises(BreakdownError, match="choose from central, province"):
        breakdown(SHARED, records(), AS_OF, "unit", units=UNITS, levels=["tinh"])


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_the_frame_has_each_share_on_its_groups_row_and_years_row(by_unit, backend) -> None:
    import narwhals.stable.v2 as nw

    frame = nw.from_native(by_unit.to_frame(backend), eager_only=True)
    rows = (
        frame.filter(~nw.col("share").is_null())
        .select("group", "target_id", "year", "share_low", "share_achieved", "share_status")
        .rows()
    )
    want = [
        (None if g is None else g.key, s.target_id, s.year, s.figure.low, s.achieved,
         s.status.value)
        for g in (None, *by_unit.groups)
        for s in (by_unit.shares if g is None else g.shares)
    ]  # fmt: skip

    # pandas writes a missing value as <NA> or nan
    def missing(value: object) -> bool:
        return str(value) in {"None", "<NA>", "nan"}

    rows = [(None if missing(g) else g, t, None if missing(y) else int(y), *rest)
            for g, t, y, *rest in rows]  # fmt: skip
    assert sorted(rows, key=str) == sorted(want, key=str)


@pytest.fixture(scope="module")
def share_files(tmp_path_factory):
    """The scheme with shares, the units and the records as the command line reads them."""
    folder = tmp_path_factory.mktemp("shares")
    write_records_csv(records(), folder / "records")
    save_units(UNITS, folder / "units.toml")
    save_scheme(SHARED, folder / "scheme.toml")
    return folder


def _cli(capsys, folder, fmt: str, *more: str) -> str:
    code = main([
        "progress", str(folder / "scheme.toml"), "--records", str(folder / "records"),
        "--as-of", AS_OF.isoformat(), "--on", ON.isoformat(), "--by", "unit",
        "--units", str(folder / "units.toml"), "--format", fmt, *more,
    ])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


class _Cells(HTMLParser):
    """The text of every table cell of an HTML page, a list per row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_rows(page: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(page)
    return parser.rows


def _share_table(rows: list[list[str]]) -> list[list[str]]:
    start = next(i for i, r in enumerate(rows) if "Chỉ tiêu được giao" in r)
    return rows[start + 1 :]


def test_the_command_line_json_the_dict_the_frame_and_the_html_give_the_same_shares(
    capsys, share_files, by_unit
) -> None:
    cli = json.loads(_cli(capsys, share_files, "json"))["breakdown"]
    data = by_unit.to_dict()
    frame = by_unit.to_frame("polars")
    from_cli = {
        (g["key"], s["target_id"], s["year"]): (s["achieved"], s["status"])
        for g in cli["groups"] for s in g["shares"]
    }  # fmt: skip
    from_dict = {
        (g["key"], s["target_id"], s["year"]): (s["achieved"], s["status"])
        for g in data["groups"] for s in g["shares"]
    }  # fmt: skip
    from_frame = {
        (g, t, y): (str(a), st)
        for g, t, y, a, st in frame.filter(
            frame["share"].is_not_null() & frame["group"].is_not_null()
        ).select("group", "target_id", "year", "share_achieved", "share_status").rows()
    }  # fmt: skip
    assert from_cli == from_dict == from_frame
    assert len(from_cli) == 5
    assert cli["findings"] == data["findings"]
    # the HTML of the command line and of Breakdown.to_html hold the same cells
    page = _cli(capsys, share_files, "html")
    shares_html = _share_table(_html_rows(by_unit.to_html()))
    assert shares_html == _share_table(_html_rows(page))
    xa = next(r for r in shares_html if r[0] == "– Xã Bến")
    assert xa[2:5] == ["4 lượt", "0 lượt", "0%"]
    assert xa[5] == "Chậm nhiều"


def test_the_markdown_of_the_command_line_and_of_the_breakdown_show_the_same_shares(
    capsys, share_files, by_unit
) -> None:
    page = _cli(capsys, share_files, "markdown")
    mine = by_unit.to_markdown()
    share_lines = [line for line in mine.splitlines() if "Xã Kim Động" in line]
    assert len(share_lines) == 2  # its first target's row in each table
    assert all(line.startswith("| – Xã Kim Động |") for line in share_lines)
    rows = [line for line in mine.splitlines() if line.startswith("|")]
    assert set(rows) <= set(page.splitlines())  # every row of both tables, as the CLI's


def test_html_escapes_names_and_has_vietnamese_headers() -> None:
    tree = UnitTree([OrgUnit("t", "<b>Tỉnh</b>", "province")])
    scheme = loads_scheme("""
id = "x"
title = "X"
period = {start = "2024-01-01", end = "2026-12-31"}

[[targets]]
id = "luot"
label = "Bồi <i>dưỡng</i>"
figure = "20 lượt"

[[targets.assigned]]
unit = "t"
figure = "20 lượt"
""")
    page = breakdown(scheme, records(), AS_OF, "unit", units=tree, on=ON).to_html()
    assert "<b>Tỉnh</b>" not in page
    assert "&lt;b&gt;Tỉnh&lt;/b&gt;" in page
    assert "<i>dưỡng</i>" not in page
    assert "Chỉ tiêu được giao" in page
    assert "Tiến độ theo chỉ tiêu được giao" in page


def test_the_command_line_rolls_up_to_the_levels_asked(capsys, share_files) -> None:
    cli = json.loads(_cli(capsys, share_files, "json", "--levels", "province"))["breakdown"]
    assert [g["key"] for g in cli["groups"]] == ["hy", None]


def test_the_terminal_table_marks_each_unit_by_its_depth(capsys, share_files) -> None:
    lines = _cli(capsys, share_files, "table").splitlines()
    assert any(line.startswith("Tỉnh Hưng Yên ") for line in lines)
    assert any(line.startswith("– Sở Y tế ") for line in lines)
    assert any(line.startswith("– Xã Bến ") for line in lines)


def _unit_records(unit: str):
    """The records of ``unit``'s subtree on ON: its persons and their attendances."""
    plain = records()
    chain = {p.id for p in plain.persons
             if (home := home_unit(UNITS, p.unit, ON)) is not None
             and unit in {home, *(a.id for a in UNITS.ancestors(home))}}  # fmt: skip
    return attrs.evolve(
        plain,
        persons=[p for p in plain.persons if p.id in chain],
        attendances=[a for a in plain.attendances if a.person in chain],
    )


@settings(max_examples=25, deadline=None)
@given(
    unit=st.sampled_from(["hy", "so-y-te", "xa-kim-dong"]),
    amount=st.integers(min_value=1, max_value=40),
    year=st.sampled_from([None, 2024, 2025, 2026]),
)
def test_a_share_is_paced_as_the_target_with_the_shares_figure_over_the_units_rows(
    unit: str, amount: int, year: int | None
) -> None:
    """The share's progress is progress() of the target, figure and window the share's."""
    figure = Figure.exact(amount, Unit.ATTENDANCE)
    target = Target("luot", "Bồi dưỡng 20 lượt", Figure.exact(20, Unit.ATTENDANCE),
                    assigned=[Assignment(figure, unit=unit, year=year)])  # fmt: skip
    scheme = attrs.evolve(SHARED, targets=(target,))
    share = breakdown(scheme, records(), AS_OF, "unit", units=UNITS, on=ON)[unit].share(
        "luot", year
    )
    window = Window() if year is None else Window(start=f"{year}-01-01", end=f"{year}-12-31")
    alone = attrs.evolve(target, figure=figure, assigned=(), window=window)
    want = progress(
        alone, _unit_records(unit), AS_OF, scheme=attrs.evolve(scheme, targets=(alone,))
    )
    got = share.progress.to_dict()
    assert got == want.to_dict()


@pytest.mark.parametrize("engine", sorted(e for e in ENGINES if e != "dask"))
def test_every_engine_shows_the_same_roll_up_tables(engine: str) -> None:
    levels = ["province", "commune"]
    want = breakdown(SHARED, records(), AS_OF, "unit", units=UNITS, on=ON, levels=levels)
    frames = ENGINES[engine](polars_tables(records()))
    got = breakdown(SHARED, frames, AS_OF, "unit", units=UNITS, on=ON, levels=levels)
    assert got.to_markdown() == want.to_markdown()
    assert got.to_markdown("en") == want.to_markdown("en")


def test_the_command_line_names_a_level_it_does_not_know_and_the_levels_there_are(
    capsys, share_files
) -> None:
    code = main([
        "progress", str(share_files / "scheme.toml"), "--records", str(share_files / "records"),
        "--by", "unit", "--units", str(share_files / "units.toml"), "--levels", "tinh,province",
    ])  # fmt: skip
    _out, err = capsys.readouterr()
    assert code != 0
    assert "'tinh'" in err
    assert "choose from central, province, department, district, commune, unit" in err
    assert "Traceback" not in err


def test_a_unit_whose_parent_level_is_left_out_sits_under_its_nearest_kept_ancestor() -> None:
    """In 2024 the communes are under the district: without districts, under the province."""
    day = dt.date(2024, 6, 1)
    every = breakdown(SHARED, records(), AS_OF, "unit", units=UNITS, on=day)
    kept = breakdown(
        SHARED, records(), AS_OF, "unit", units=UNITS, on=day, levels=["province", "commune"]
    )
    assert [(g.key, g.parent, g.depth) for g in kept.groups] == [
        ("hy", None, 0), ("xa-a", "hy", 1), ("xa-b", "hy", 1), (None, None, 0),
    ]  # fmt: skip
    assert every["kim-dong"].depth == 1
    assert every["xa-a"].depth == 2
    for key in ("hy", "xa-a", "xa-b"):
        assert kept[key].evaluation.to_dict() == every[key].evaluation.to_dict()


@pytest.mark.parametrize("by", ["gender", "year", "content", "unit_level"])
def test_any_breakdown_renders_its_groups_without_a_share_table(by: str) -> None:
    result = breakdown(SHARED, records(), AS_OF, by, units=UNITS, on=ON)
    page, text = result.to_html("en"), result.to_markdown("en")
    assert "Progress against the shares assigned" not in page
    assert "Progress against the shares assigned" not in text
    achieved = result.groups[0].evaluation["luot"].achieved
    assert f"| {int(achieved)} person-time" in text
    assert result._repr_html_() == result.to_html()
