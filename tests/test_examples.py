"""Synthetic example records: deterministic, valid, realistic in size, with planted violations."""

from __future__ import annotations

import collections
import datetime as dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtbd import (
    Activity,
    Budget,
    BudgetLine,
    Count,
    Figure,
    Location,
    Period,
    Rule,
    RuleKind,
    Scheme,
    Scope,
    Target,
    Window,
    age_on,
)
from dtbd.examples._records import example_records, example_violations, write_records_csv
from dtbd.examples._words import SYNTHETIC_TAG
from dtbd.records._read import read_records
from dtbd.rules._check import check

CATALOG_IDS = (
    "qd-1641-2022",
    "hanoi-2016-2020",
    "hung-yen-171-2023",
    "hanoi-2022-2025",
    "hcmc-2021-2025",
)


def _abroad_scheme() -> Scheme:
    """A small scheme shaped like Decision 1641: courses abroad that deliver persons."""
    abroad = Scope(location=Location.ABROAD)
    return Scheme(
        "thu-nghiem-nuoc-ngoai",
        "Đề án thử nghiệm bồi dưỡng ở nước ngoài",
        Period.of_years(2023, 2025),
        targets=(
            Target(
                "nguoi",
                "Khoảng 180 - 200 người",
                Figure.parse("khoảng 180 - 200 người"),
                scope=abroad,
            ),
            Target(
                "khoa",
                "Mỗi năm khoảng 04 khóa",
                Figure.parse("khoảng 04 khóa"),
                scope=abroad,
                window=Window("per_year"),
                course_size=Figure.parse("khoảng 15 - 17 người"),
                delivers="nguoi",
            ),
        ),
        budget=Budget(
            lines=(BudgetLine("kinh-phi", "Kinh phí", Figure.parse("11 tỷ đồng"), target="nguoi"),)
        ),
        rules=(
            Rule(
                "tre",
                RuleKind.AGE_LIMIT,
                "Dưới 45 tuổi",
                Figure.parse("dưới 45 tuổi"),
                scope=abroad,
            ),
            Rule(
                "quy-mo",
                RuleKind.COURSE_SIZE,
                "15 - 17 người",
                Figure.parse("khoảng 15 - 17 người"),
            ),
            Rule("khong-trung", RuleKind.NO_OVERLAP, "Không học hai khóa cùng lúc"),
            Rule("khong-lap", RuleKind.NO_REPEAT, "Không học lại nội dung"),
        ),
    )


def _plan_scheme() -> Scheme:
    """A small plan shaped like Hưng Yên's: lượt of training and fostering, with parts."""
    fostering = Scope(activity=Activity.FOSTERING)
    return Scheme(
        "thu-nghiem-ke-hoach",
        "Kế hoạch thử nghiệm",
        Period(pendulum.date(2023, 11, 17), pendulum.date(2025, 12, 31)),
        targets=(
            Target(
                "boi-duong",
                "Bồi dưỡng 3.700 lượt",
                Figure.parse("3.700 lượt"),
                scope=fostering,
                parts=(
                    Target(
                        "bd-xa",
                        "Cấp xã 300 lượt",
                        Figure.parse("300 lượt"),
                        scope=Scope(activity="fostering", categories=("commune_cadre",)),
                    ),
                    Target(
                        "bd-vc",
                        "Viên chức",
                        None,
                        counts=Count.ATTENDANCES,
                        scope=Scope(activity="fostering", categories=("public_employee",)),
                    ),
                ),
            ),
            Target(
                "dao-tao",
                "Đào tạo khoảng 280 lượt",
                Figure.parse("khoảng 280 lượt"),
                scope=Scope(activity=Activity.TRAINING),
            ),
            Target(
                "cntt",
                "100% công chức CNTT được cập nhật hằng năm",
                Figure.parse("100%"),
                scope=Scope(topics=("digital-skills",)),
                population=Scope(tags=("it-security-post",)),
                window=Window("per_year"),
            ),
        ),
        rules=(Rule("khong-trung", RuleKind.NO_OVERLAP, "Không học hai khóa cùng lúc"),),
    )


@pytest.fixture(scope="module")
def catalog():
    from dtbd import catalog as built_in

    return built_in


def test_same_seed_gives_equal_records():
    """Two runs with one seed give equal records: no clock, no global random state."""
    from dtbd.examples import _records as _examples

    scheme = _plan_scheme()
    first = example_records(scheme, seed=3)
    _examples._example.cache_clear()
    example_records(_abroad_scheme(), seed=3)  # another run in between changes nothing
    assert example_records(scheme, seed=3) == first
    assert example_records(scheme, seed=3) is not first


def test_different_seeds_give_different_records():
    """Another seed gives other people and dates."""
    scheme = _plan_scheme()
    assert example_records(scheme, seed=1) != example_records(scheme, seed=2)


def test_records_are_valid_and_references_resolve():
    """Ids are unique per table and every attendance and spending names a record that exists."""
    records = example_records(_plan_scheme())
    persons, courses = records.person_by_id, records.course_by_id
    assert len(persons) == len(records.persons)
    assert len(courses) == len(records.courses)
    assert all(a.person in persons and a.course in courses for a in records.attendances)
    assert all(s.course is None or s.course in courses for s in records.spending)
    pairs = [(a.person, a.course) for a in records.attendances]
    assert len(pairs) == len(set(pairs))


def test_every_person_is_marked_synthetic():
    """Every person carries the synthetic tag and every id starts with vd-."""
    records = example_records(_abroad_scheme())
    assert all(SYNTHETIC_TAG in p.tags and p.id.startswith("vd-p") for p in records.persons)
    assert all(
        c.id.startswith("vd-c") and c.title.startswith("[Dữ liệu mẫu]") for c in records.courses
    )


@pytest.mark.parametrize("as_of", [None, pendulum.date(2024, 9, 30), pendulum.date(2030, 1, 1)])
def test_dates_lie_inside_the_period_and_not_after_as_of(as_of: dt.date | None):
    """Courses, and payments, fall in the scheme's period and end by ``as_of``."""
    scheme = _plan_scheme()
    records = example_records(scheme, as_of=as_of, scale=0.5)
    last = min(as_of or scheme.period.end, scheme.period.end)
    assert records.courses
    for course in records.courses:
        assert scheme.period.start <= course.start <= course.last_day <= last
    for payment in records.spending:
        assert scheme.period.start <= payment.date <= last


def test_as_of_before_the_period_gives_no_courses():
    """Nothing can have happened before the plan starts."""
    records = example_records(_plan_scheme(), as_of=pendulum.date(2023, 1, 1))
    assert records.courses == ()
    assert records.attendances == ()


def test_courses_abroad_have_an_iso_country_and_whole_vnd_costs():
    """A course abroad names its country (ISO alpha-2); costs and payments are whole đồng."""
    records = example_records(_abroad_scheme())
    assert all(c.location is Location.ABROAD for c in records.courses)
    assert all(
        c.country is not None and len(c.country) == 2 and c.country.isupper()
        for c in records.courses
    )
    money = [c.cost for c in records.courses] + [s.amount for s in records.spending]
    assert all(m is not None and m > 0 and m == m.to_integral_value() for m in money)


def test_spending_is_tied_to_the_budget_line():
    """With a budget, payments name its line and stay below the line's amount."""
    records = example_records(_abroad_scheme())
    assert records.spending
    assert {s.budget_line for s in records.spending} == {"kinh-phi"}
    assert sum(s.amount for s in records.spending) <= 11_000_000_000


def test_courses_target_sizes_fit_the_stated_size_except_the_planted_one():
    """Courses are 15–17 (about) learners; only the planted course breaks the size."""
    scheme = _abroad_scheme()
    records = example_records(scheme)
    size = collections.Counter(a.course for a in records.attendances)
    planted = {
        c for v in example_violations(scheme) if v.kind is RuleKind.COURSE_SIZE for c in v.courses
    }
    outside = {
        c.id
        for c in records.courses
        if Figure.parse("khoảng 15 - 17 người").assess(size[c.id]).value != "within"
    }
    assert outside == planted


def test_age_limit_holds_for_everyone_but_the_planted_person():
    """Learners abroad are under 45 at the course start, except the one planted over it."""
    scheme = _abroad_scheme()
    records = example_records(scheme)
    persons, courses = records.person_by_id, records.course_by_id
    over = {
        a.person
        for a in records.attendances
        if age_on(persons[a.person].birth_date, courses[a.course].start) >= 45
    }
    planted = {
        p for v in example_violations(scheme) if v.kind is RuleKind.AGE_LIMIT for p in v.persons
    }
    assert over == planted
    assert len(planted) == 1


def test_planted_violations_are_in_the_data():
    """Each planted violation is there: the person on both courses, overlapping or repeating."""
    scheme = _abroad_scheme()
    records = example_records(scheme)
    planted = {v.kind: v for v in example_violations(scheme)}
    assert set(planted) == {
        RuleKind.AGE_LIMIT,
        RuleKind.COURSE_SIZE,
        RuleKind.NO_OVERLAP,
        RuleKind.NO_REPEAT,
    }
    taken = collections.defaultdict(set)
    for a in records.attendances:
        taken[a.person].add(a.course)
    courses = records.course_by_id
    overlap = planted[RuleKind.NO_OVERLAP]
    first, second = (courses[c] for c in overlap.courses)
    assert set(overlap.courses) <= taken[overlap.persons[0]]
    assert first.period.overlaps(second.period)
    repeat = planted[RuleKind.NO_REPEAT]
    first, second = (courses[c] for c in repeat.courses)
    assert set(repeat.courses) <= taken[repeat.persons[0]]
    assert first.content == second.content


def _found(scheme: Scheme, records) -> set:
    return {
        (v.rule, frozenset(c for c in (v.course, v.other_course) if c is not None))
        for v in check(scheme.rules, records)
        if v.code != "missing-data"
    }


def test_rule_checks_find_exactly_the_planted_violations():
    """The rule checker reports the planted breaches and nothing else."""
    scheme = _abroad_scheme()
    records = example_records(scheme)
    planted = {(v.rule, frozenset(v.courses)) for v in example_violations(scheme)}
    assert _found(scheme, records) == planted


def test_share_target_gets_a_roster_near_its_figure():
    """A share target's population is there, and in each closed year most of it attends."""
    records = example_records(_plan_scheme(), as_of=pendulum.date(2025, 12, 31))
    staff = [p.id for p in records.persons if "it-security-post" in p.tags]
    assert len(staff) >= 100
    courses = records.course_by_id
    for year in (2024, 2025):
        went = {
            a.person
            for a in records.attendances
            if "digital-skills" in courses[a.course].topics
            and courses[a.course].start.year == year
        }
        share = len(went & set(staff)) / len(staff)
        assert 0.7 <= share <= 1.0


def test_scale_multiplies_the_amounts():
    """A tenth of the scale gives about a tenth of the attendances."""
    scheme = _plan_scheme()
    full = len(example_records(scheme).attendances)
    tenth = len(example_records(scheme, scale=0.1).attendances)
    assert tenth < full / 4


@pytest.mark.parametrize("scale", [0, -1.0, float("nan"), float("inf")])
def test_scale_must_be_positive(scale: float):
    """A zero, negative or infinite scale is refused with a message naming 'scale'."""
    with pytest.raises(ValueError, match="'scale'"):
        example_records(_plan_scheme(), scale=scale)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_any_seed_keeps_the_records_consistent(seed: int):
    """Whatever the seed, attendances resolve and nobody is on one course twice."""
    records = example_records(_abroad_scheme(), seed=seed, scale=0.3)
    assert all(
        a.person in records.person_by_id and a.course in records.course_by_id
        for a in records.attendances
    )
    pairs = [(a.person, a.course) for a in records.attendances]
    assert len(pairs) == len(set(pairs))


def test_csv_round_trip_through_the_records_reader(tmp_path):
    """Records written as CSV read back equal with dtbd's records reader."""
    records = example_records(_abroad_scheme(), scale=0.5)
    paths = write_records_csv(records, tmp_path / "vd")
    assert sorted(paths) == ["attendances", "courses", "persons", "spending"]
    assert read_records(tmp_path / "vd") == records


def test_csv_columns_are_the_model_field_names(tmp_path):
    """The header row of each file is the model's field names, lists joined with ';'."""
    records = example_records(_abroad_scheme(), scale=0.3)
    paths = write_records_csv(records, tmp_path)
    header = paths["courses"].read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,start,end,study_days,title,activity,format,location,country")
    assert ",vnd" not in header


@pytest.mark.parametrize("scheme_id", CATALOG_IDS)
def test_every_catalog_scheme_has_example_records(catalog, scheme_id: str):
    """Each catalog entry gives valid records whose courses fall inside its period."""
    scheme = catalog.load(scheme_id)
    records = example_records(scheme)
    assert records.persons
    assert all(
        a.person in records.person_by_id and a.course in records.course_by_id
        for a in records.attendances
    )
    assert all(
        scheme.period.start <= c.start and c.last_day <= scheme.period.end for c in records.courses
    )


def test_hung_yen_gives_tens_of_thousands_of_attendances(catalog):
    """The Hưng Yên plan (37.000 + 2.800 lượt) gives over 10.000 attendances at full scale."""
    records = example_records(catalog.load("hung-yen-171-2023"))
    assert len(records.attendances) >= 10_000
    assert len({a.person for a in records.attendances}) < len(records.attendances)


_PLANTERS = {RuleKind.AGE_LIMIT, RuleKind.NO_OVERLAP, RuleKind.NO_REPEAT, RuleKind.COURSE_SIZE}


@pytest.mark.parametrize("scale", [1.0, 0.2])
@pytest.mark.parametrize("scheme_id", CATALOG_IDS)
def test_catalog_rule_checks_find_the_planted_violations(catalog, scheme_id: str, scale: float):
    """For each catalog scheme, at full and a fifth of the scale, each rule the data can
    break is broken once, and the rule checker finds every planted violation."""
    scheme = catalog.load(scheme_id)
    violations = example_violations(scheme, scale=scale)
    plantable = {r.id for r in scheme.rules if r.kind in _PLANTERS}
    assert {v.rule for v in violations} == plantable
    planted = {(v.rule, frozenset(v.courses)) for v in violations}
    assert planted <= _found(scheme, example_records(scheme, scale=scale))


def test_some_catalog_targets_are_behind_and_some_on_track(catalog):
    """The Hanoi 2022 plan's person targets come out partly behind, partly on track."""
    from dtbd.tracking._run import progress

    scheme = catalog.load("hanoi-2022-2025")
    as_of = pendulum.date(2024, 8, 31)
    records = example_records(scheme, as_of=as_of)
    statuses = {
        progress(t, records, as_of, scheme=scheme).status.value
        for t in scheme.all_targets()
        if t.figure is not None and t.counts is Count.PERSONS
    }
    assert len(statuses) >= 2


def test_csv_files_read_back_are_still_marked_synthetic(tmp_path):
    """The mark survives the CSV round trip: read_records(DIR).synthetic, as written."""
    records = example_records(_abroad_scheme(), scale=0.3)
    assert records.synthetic
    write_records_csv(records, tmp_path)
    assert read_records(tmp_path).synthetic
    assert read_records(tmp_path / "persons.csv").synthetic


def test_records_without_a_tagged_person_are_not_synthetic(catalog):
    """Real records (a catalog entry's reported classes) carry no mark; one tagged person does."""
    from dtbd import Person, Records

    actual = catalog.actuals("hanoi-2016-2020")
    assert actual is not None
    assert not actual.synthetic
    mixed = Records(persons=(*actual.persons, Person("vd-p1", tags=(SYNTHETIC_TAG,))))
    assert mixed.synthetic


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_progress_over_example_csv_files_reports_them_synthetic(tmp_path, capsys, locale):
    """`dtbd progress --records DIR` over `dtbd example --out DIR` says the data is synthetic."""
    import json

    from dtbd.cli._main import main
    from dtbd.words import say

    out = tmp_path / "vd"
    assert main(["example", "qd-1641-2022", "--out", str(out), "--scale", "0.3"]) == 0
    capsys.readouterr()
    assert main(["progress", "qd-1641-2022", "--records", str(out), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["records"]["kind"] == "file"
    assert data["records"]["synthetic"] is True
    args = ["progress", "qd-1641-2022", "--records", str(out), "--locale", locale]
    assert main([*args, "--no-color"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert say("cli.source.example", locale) in text


def _money_scheme() -> Scheme:
    """Two money targets: one paid through its budget line, one through its courses."""
    abroad = Scope(location=Location.ABROAD)
    return Scheme(
        "thu-nghiem-kinh-phi",
        "Đề án thử nghiệm kinh phí",
        Period.of_years(2023, 2025),
        targets=(
            Target("nguoi", "Khoảng 180 người", Figure.parse("khoảng 180 người"), scope=abroad),
            Target("chi-nuoc-ngoai", "Chi 20 tỷ đồng", Figure.parse("20 tỷ đồng"), scope=abroad),
            Target(
                "chi-dao-tao",
                "Chi 30 tỷ đồng cho đào tạo",
                Figure.parse("30 tỷ đồng"),
                scope=Scope(activity=Activity.TRAINING),
            ),
            Target(
                "dao-tao",
                "Đào tạo 300 lượt",
                Figure.parse("300 lượt"),
                scope=Scope(activity=Activity.TRAINING),
            ),
        ),
        budget=Budget(
            lines=(
                BudgetLine(
                    "kp-nuoc-ngoai",
                    "Kinh phí đi nước ngoài",
                    Figure.parse("20 tỷ đồng"),
                    target="chi-nuoc-ngoai",
                ),
            )
        ),
    )


def _record_summary(scheme: Scheme, records, as_of: dt.date):
    from dtbd.engine._run import run
    from dtbd.measures._measure import compile_scheme

    return run(compile_scheme(scheme.resolved()), records, as_of)


def test_every_payment_counts_toward_a_money_target():
    """Payments name the target's budget line or pay courses in its scope: none is unmatched."""
    scheme = _money_scheme()
    as_of = pendulum.date(2024, 12, 31)
    records = example_records(scheme, as_of=as_of)
    tallies = _record_summary(scheme, records, as_of)
    spending = tallies.records.spending
    assert spending.read == len(records.spending) > 0
    assert spending.unmatched == spending.outside_windows == spending.malformed == 0
    assert spending.counted == spending.read
    assert tallies["chi-nuoc-ngoai"].total.numerator > 0
    assert tallies["chi-dao-tao"].total.numerator > 0
    lines = {s.budget_line for s in records.spending}
    assert lines == {"kp-nuoc-ngoai", None}


def test_a_money_target_filtered_on_persons_alone_gets_no_payment():
    """A payment has no learner, so a money target scoped to persons only can count none."""
    scheme = Scheme(
        "thu-nghiem-kinh-phi-xa",
        "Kinh phí cho cấp xã",
        Period.of_years(2023, 2025),
        targets=(
            Target(
                "chi-xa",
                "Chi 2 tỷ đồng cho cán bộ cấp xã",
                Figure.parse("2 tỷ đồng"),
                scope=Scope(categories=("commune_cadre",)),
            ),
            Target("boi-duong", "Bồi dưỡng 500 lượt", Figure.parse("500 lượt")),
        ),
    )
    records = example_records(scheme, scale=0.3)
    assert records.courses
    assert records.spending == ()


def test_without_budget_or_money_target_courses_carry_their_cost_and_nothing_is_paid():
    """Hưng Yên has no budget line and no money target: no payment row, a cost on every course."""
    from dtbd.catalog import load

    records = example_records(load("hung-yen-171-2023"), scale=0.1)
    assert records.spending == ()
    assert records.courses
    assert all(c.cost is not None and c.cost > 0 for c in records.courses)


def _shares_by_year(scheme: Scheme, records, as_of: dt.date) -> dict[str, list[float]]:
    """Each per-year share target's share in every year closed by ``as_of``, in percent."""
    from dtbd.tracking._run import evaluate

    evaluation = evaluate(scheme, records, as_of)
    shares: dict[str, list[float]] = {}
    for target in scheme.all_targets():
        if target.counts is not Count.SHARE or target.window.cadence.value != "per_year":
            continue
        progress = evaluation.targets[target.id]
        shares[target.id] = [
            float(p.achieved)
            for p in progress.periods
            if p.window.end <= as_of and p.achieved is not None
        ]
    return shares


def test_yearly_shares_differ_from_year_to_year_and_around_the_figure(catalog):
    """HCMC's yearly shares are drawn afresh each year: no target has the same share every
    year, and across targets some years are above the figure and some below."""
    scheme = catalog.load("hcmc-2021-2025")
    as_of = pendulum.date(2024, 4, 30)
    shares = _shares_by_year(scheme, example_records(scheme, as_of=as_of), as_of)
    assert len(shares) >= 5
    assert all(len(years) == 3 for years in shares.values())
    varied = [t for t, years in shares.items() if len(set(years)) > 1]
    assert len(varied) >= len(shares) - 1  # a 100 % target on track may be 100 % each year
    figures = {t.id: float(t.figure.low) for t in scheme.all_targets() if t.id in shares}
    above = sum(share >= figures[t] for t, years in shares.items() for share in years)
    below = sum(share < figures[t] for t, years in shares.items() for share in years)
    assert above >= 3
    assert below >= 3


def test_a_year_still_open_has_about_the_share_its_elapsed_part_allows():
    """The share of a year in progress grows with the time elapsed, not the whole figure."""
    scheme = _plan_scheme()
    as_of = pendulum.date(2025, 4, 30)
    records = example_records(scheme, as_of=as_of)
    staff = {p.id for p in records.persons if "it-security-post" in p.tags}
    courses = records.course_by_id
    went = {
        a.person
        for a in records.attendances
        if "digital-skills" in courses[a.course].topics and courses[a.course].start.year == 2025
    }
    elapsed = ((as_of - dt.date(2025, 1, 1)).days + 1) / 365
    assert 0.7 * elapsed <= len(went & staff) / len(staff) <= 1.15 * elapsed


def test_some_units_send_a_bigger_share_of_their_people_than_others(catalog):
    """Units differ: in a year of an 80 % target, the best unit sends far more than the worst."""
    scheme = catalog.load("hcmc-2021-2025")
    records = example_records(scheme)
    courses = records.course_by_id
    went = {
        a.person
        for a in records.attendances
        if "law" in courses[a.course].topics and courses[a.course].start.year == 2022
    }
    staff = collections.defaultdict(list)
    for person in records.persons:
        if person.category is not None and person.category.value in {"cadre", "civil_servant"}:
            staff[person.unit].append(person.id in went)
    shares = [sum(sent) / len(sent) for sent in staff.values() if len(sent) >= 50]
    assert len(shares) >= 4
    assert max(shares) - min(shares) >= 0.08


def test_unit_weights_do_not_depend_on_the_order_of_drawing():
    """A unit's readiness comes from the seed and its name alone."""
    from dtbd.examples._draft import Draft

    first, second = Draft(_plan_scheme(), 5, None, 1.0), Draft(_plan_scheme(), 5, None, 1.0)
    units = ["Sở Nội vụ", "Sở Y tế", "UBND xã An Bình"]
    assert [first.unit_weight(u) for u in units] == [
        second.unit_weight(u) for u in reversed(units)
    ][::-1]
    assert len({round(first.unit_weight(u), 6) for u in units}) == 3
    assert all(0.55 <= first.unit_weight(u) <= 1.45 for u in units)


@pytest.mark.parametrize("scheme_id", ["hung-yen-171-2023", "hanoi-2022-2025", "hcmc-2021-2025"])
def test_catalog_statuses_are_a_mix(catalog, scheme_id: str):
    """Over its example records, a catalog plan has targets on track (or met) and behind."""
    from dtbd.tracking._run import evaluate

    scheme = catalog.load(scheme_id)
    records = example_records(scheme)
    as_of = max(c.last_day for c in records.courses)
    statuses = {p.status.value for p in evaluate(scheme, records, as_of).targets.values()}
    assert statuses & {"on_track", "met", "exceeded"}
    assert statuses & {"behind", "off_track"}


@pytest.mark.parametrize("scheme_id", ["qd-1641-2022", "hung-yen-171-2023"])
def test_no_example_row_of_a_catalog_plan_counts_for_nothing(catalog, scheme_id: str):
    """Every person, attendance and payment counts toward a target: a learner a planted
    violation takes the seat of is left out, and no payment is made that no target reads."""
    scheme = catalog.load(scheme_id)
    records = example_records(scheme, scale=0.3)
    as_of = max(c.last_day for c in records.courses)
    summary = _record_summary(scheme, records, as_of).records
    for table in (summary.persons, summary.attendances, summary.spending):
        assert table.unmatched == table.outside_windows == table.malformed == 0
