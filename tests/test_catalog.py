"""The built-in catalog: five schemes read from their published texts."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtbd import Cadence, Count, DtbdError, Figure, Level, Outcome, Scheme, catalog
from dtbd.engine._python import run_measures
from dtbd.engine._tallies import Amount
from dtbd.files._scheme_files import dump_scheme, loads_scheme
from dtbd.measures._measure import Buckets, compile_measure, compile_scheme
from dtbd.model._people import Attendance, Course, Person
from dtbd.records._records import Records

IDS = ("qd-1641-2022", "hanoi-2016-2020", "hung-yen-171-2023", "hanoi-2022-2025", "hcmc-2021-2025")

# Every figure phrase of the target sentences of each text, once per statement, as the text
# writes it. Each must stand in the source text and be held by the entry, as the figure of
# a target, a course size, a budget amount or a rule.
FIGURE_PHRASES = {
    "qd-1641-2022": [
        "khoảng 180 - 200 cán bộ",
        "khoảng 04 khóa",
        "khoảng từ 15 - 17 cán bộ",
        "dưới 45 tuổi",
    ],
    "hanoi-2016-2020": [
        "400 cán bộ",
        "84 học viên",
        "1.734 trưởng phòng",
        "5.500 công chức",
        "1.432 chủ tịch",
        "2.700 công chức",
    ],
    "hung-yen-171-2023": [
        "khoảng 2.800 lượt",
        "khoảng 160 lượt người",
        "khoảng 2.550 lượt người",
        "37.000 lượt",
        "1.236 lượt người",
        "300 lượt người",
        "35.074 lượt người",
        "100%",
    ],
    "hanoi-2022-2025": [
        "60 cán bộ",
        "100 cán bộ",
        "100 cán bộ",
        "100 cán bộ",
        "20 cán bộ",
        "100 cán bộ",
        "11 tỷ đồng",
        "khoảng hơn 18 tỷ đồng",
        "18 tỷ đồng",
        "3,6 tỷ đồng",
        "18,4 tỷ đồng",
        "hơn 18,4 tỷ đồng",
        "gần 90 tỷ đồng",
        "hơn 272,3 tỷ đồng",
        "61,6 tỷ đồng",
        "9,6 tỷ đồng",
        "52 tỷ đồng",
    ],
    "hcmc-2021-2025": [
        "40%",
        "100%",  # planned cadres, advanced political theory
        "100%",  # Standing Committee cadres, every year
        "100%",  # before appointment
        "100%",  # division leaders: university
        "100%",  # division leaders: political theory
        "ít nhất 80%",
        "70%",
        "100%",  # commune: intermediate or above
        "ít nhất 60%",  # commune, every year
        "20%",
        "15%",
        "100%",  # public employees: title standard
        "100%",  # public-service leaders before appointment
        "ít nhất 60%",  # public employees, every year
        "100%",  # People's Council delegates
    ],
}


def _figures(scheme: Scheme) -> list[Figure]:
    """Every figure an entry holds: targets, course sizes, rules, budget amounts."""
    found: list[Figure | None] = []
    for target in scheme.all_targets():
        found += [target.figure, target.course_size]
    found += [rule.figure for rule in scheme.rules]
    if scheme.budget is not None:
        found += [scheme.budget.total, scheme.budget.overall]
        found += [line.amount for line in scheme.budget.walk()]
    return [figure for figure in found if figure is not None]


def _norm(figure: Figure) -> tuple[object, ...]:
    return (figure.low, figure.high, figure.qualifier, figure.unit)


def test_ids_lists_the_five_entries_in_the_order_of_their_texts():
    """ids() gives the five ids, seed 000 first."""
    assert catalog.ids() == IDS


def test_the_data_folder_holds_exactly_the_listed_entries():
    """No entry file lies in the package without an id, and no id lacks its files."""
    data = resources.files("dtbd.catalog").joinpath("data")
    schemes = {p.name.removesuffix(".toml") for p in data.iterdir() if p.name.endswith(".toml")}
    schemes = {name for name in schemes if not name.endswith(".records")}
    sources = {p.name.removesuffix(".txt") for p in data.joinpath("sources").iterdir()}
    assert schemes == set(IDS)
    assert sources == set(IDS)


@pytest.mark.parametrize("scheme_id", IDS)
def test_every_entry_loads_under_its_own_id(scheme_id):
    """Each file is a valid scheme whose id is the catalog id."""
    scheme = catalog.load(scheme_id)
    assert scheme.id == scheme_id
    assert scheme.targets


def test_load_returns_the_same_object_on_the_second_call():
    """Entries are read once and kept."""
    assert catalog.load("hcmc-2021-2025") is catalog.load("hcmc-2021-2025")


@pytest.mark.parametrize("scheme_id", IDS)
def test_every_quote_is_found_at_its_span_in_the_source_text(scheme_id):
    """text == source_text[start:end] for every quote, actuals included."""
    text = catalog.source_text(scheme_id)
    quotes = catalog.quotes(scheme_id)
    assert quotes
    wrong = [place for place, q in quotes if text[q.start : q.end] != q.text]
    assert wrong == []


@pytest.mark.parametrize("scheme_id", IDS)
def test_every_target_part_budget_line_and_rule_quotes_its_source(scheme_id):
    """Nothing in an entry stands without the sentence it was read from."""
    scheme = catalog.load(scheme_id)
    unquoted = [t.id for t in scheme.all_targets() if t.quote is None]
    unquoted += [r.id for r in scheme.rules if r.quote is None]
    if scheme.budget is not None:
        unquoted += [line.id for line in scheme.budget.walk() if line.quote is None]
    assert unquoted == []


@pytest.mark.parametrize("scheme_id", IDS)
def test_every_figure_phrase_of_the_targets_is_held_by_the_entry(scheme_id):
    """Each listed phrase stands in the text and some figure of the entry equals it."""
    text = catalog.source_text(scheme_id)
    missing_in_text = [p for p in FIGURE_PHRASES[scheme_id] if p not in text]
    assert missing_in_text == []
    wanted = Counter(_norm(Figure.parse(p)) for p in FIGURE_PHRASES[scheme_id])
    held = Counter(_norm(f) for f in _figures(catalog.load(scheme_id)))
    short = {key: n for key, n in wanted.items() if held[key] < n}
    assert short == {}


@pytest.mark.parametrize("scheme_id", IDS)
def test_every_figure_of_a_target_stands_in_the_quote_it_cites(scheme_id):
    """A target's number is written in its own quote: no figure comes from elsewhere."""
    for target in catalog.load(scheme_id).all_targets():
        if target.figure is None or target.quote is None:
            continue
        number = target.figure.low if target.figure.low is not None else target.figure.high
        written = f"{number:,}".replace(",", ".")
        assert written in target.quote.text, target.id


@pytest.mark.parametrize("scheme_id", IDS)
def test_each_entry_cites_issuer_document_and_dates_or_says_why_not(scheme_id):
    """An issuer always; a document number and a date, or a note saying the text lacks it."""
    scheme = catalog.load(scheme_id)
    citation, notes = scheme.citation, " ".join(scheme.notes)
    text = catalog.source_text(scheme_id)
    assert citation.issuer
    assert citation.title
    assert citation.text == f"sources/{scheme_id}.txt"
    if citation.document is None:
        assert "document number" in notes
    else:
        assert citation.document in text
    if citation.issued is None:
        assert "'issued'" in notes
    else:
        day = citation.issued
        forms = (f"{day.day:02d}/{day.month:02d}/{day.year}", f"{day.day}/{day.month}/{day.year}")
        assert any(form in text for form in forms)
    if citation.published is None:
        assert "'published'" in notes


@pytest.mark.parametrize("scheme_id", IDS)
def test_targets_without_a_number_say_what_they_count_and_why(scheme_id):
    """A vague part ("theo nhu cầu") has no figure, a count and a note."""
    for target in catalog.load(scheme_id).all_targets():
        if target.figure is None:
            assert target.note, target.id
            assert target.counts in Count


def test_the_part_by_need_keeps_the_words_of_the_text():
    """Hưng Yên's provincial and district training part is "theo nhu cầu", with no number."""
    part = catalog.load("hung-yen-171-2023").target("dao-tao-tinh-huyen")
    assert part.figure is None
    assert "theo nhu cầu" in (part.note or "")
    assert part.counts is Count.ATTENDANCES


@pytest.mark.parametrize("scheme_id", IDS)
def test_targets_that_strive_are_aspirational(scheme_id):
    """A top target whose sentence says "phấn đấu" is aspirational, and the reverse."""
    for target in catalog.load(scheme_id).targets:
        says = target.quote is not None and "phấn đấu" in target.quote.text
        assert target.aspirational == says, target.id
        assert all(part.aspirational == says for part in target.parts), target.id


def test_the_young_or_female_rule_limits_the_age_of_men_only():
    """1641/QĐ-TTg: under 45 applies to men; women leaders may be any age."""
    rule = next(r for r in catalog.load("qd-1641-2022").rules if r.kind.value == "age_limit")
    assert rule.figure == Figure.parse("dưới 45 tuổi")
    assert rule.scope.gender is not None
    assert rule.scope.gender.value == "male"


def test_the_courses_target_delivers_the_persons_target():
    """About 4 courses a year of about 15-17 deliver the about 180-200 persons."""
    scheme = catalog.load("qd-1641-2022")
    courses = scheme.target("khoa-moi-nam")
    assert courses.window.cadence is Cadence.PER_YEAR
    assert courses.delivers == "boi-duong-nuoc-ngoai"


@pytest.mark.parametrize("target_id", ["dai-bieu-hdnd-nhiem-ky", "dai-bieu-hdnd-ky-nang-nhiem-ky"])
def test_the_council_delegates_targets_are_at_least_once_per_term(target_id):
    """ "ít nhất 1 lần trong nhiệm kỳ" is a share of persons over the 2021-2026 term,
    from the election of 23/5/2021 to the day before the next one, 15/3/2026."""
    target = catalog.load("hcmc-2021-2025").target(target_id)
    assert "ít nhất 1 lần trong nhiệm kỳ" in (target.quote.text if target.quote else "")
    assert target.window.cadence is Cadence.PER_TERM
    assert target.window.start is not None
    assert target.window.end is not None
    window = (target.window.start.isoformat(), target.window.end.isoformat())
    assert window == ("2021-05-23", "2026-03-14")


def test_the_under_40_foreign_language_target_limits_its_population_by_age():
    """ "dưới 40 tuổi" is the population's age limit, read from the text's figure."""
    target = catalog.load("hcmc-2021-2025").target("quan-ly-xa-duoi-40-ngoai-ngu")
    assert "dưới 40 tuổi" in (target.quote.text if target.quote else "")
    assert target.population is not None
    assert target.population.under_age == Figure.parse("dưới 40 tuổi").high


def test_budget_lines_name_targets_of_their_scheme():
    """Every Hanoi 2022-2025 study-tour line pays for a target with the same lead."""
    scheme = catalog.load("hanoi-2022-2025")
    assert scheme.budget is not None
    for line in scheme.budget.walk():
        if line.target is not None and line.lead is not None:
            assert scheme.target(line.target).lead == line.lead


@pytest.mark.parametrize("scheme_id", IDS)
def test_every_entry_survives_a_round_trip_through_each_file_format(scheme_id):
    """dump then load gives the same scheme, in TOML, JSON and YAML."""
    scheme = catalog.load(scheme_id)
    for fmt in ("toml", "json", "yaml"):
        assert loads_scheme(dump_scheme(scheme, fmt), fmt) == scheme


def test_an_unknown_id_names_the_ids_and_the_closest_one():
    """A near miss gets a "did you mean" and the list of ids."""
    with pytest.raises(KeyError) as caught:
        catalog.load("hung-yen-171")
    message = str(caught.value)
    assert "did you mean 'hung-yen-171-2023'?" in message
    assert all(scheme_id in message for scheme_id in IDS)
    assert isinstance(caught.value, DtbdError)


@given(st.text(min_size=1, max_size=30).filter(lambda s: s not in IDS))
def test_any_other_id_is_refused_by_every_lookup(scheme_id):
    """load, source_text and actuals refuse every id the catalog does not have."""
    for lookup in (catalog.load, catalog.source_text, catalog.actuals):
        with pytest.raises(catalog.UnknownSchemeError):
            lookup(scheme_id)


def test_version_is_year_month_serial():
    """The data version reads like 2026.11.1."""
    assert re.fullmatch(r"20\d\d\.(1[0-2]|[1-9])\.\d+", catalog.version())


# -- actuals -----------------------------------------------------------------------------


def test_hanoi_actuals_hold_the_two_reported_classes_of_90_learners():
    """Text 001: two commune-leader classes of "90 học viên" each."""
    records = catalog.actuals("hanoi-2016-2020")
    assert records is not None
    text = catalog.source_text("hanoi-2016-2020")
    reported = Figure.parse("90 học viên").value
    assert text.count("90 học viên") == 2
    sizes = Counter(a.course for a in records.attendances)
    assert sorted(sizes.values()) == [reported, reported]
    assert len(records.persons) == len({a.person for a in records.attendances})


def test_the_second_hanoi_class_runs_32_study_days_from_16_march_2018():
    """The class opening on 16/3/2018 for 32 study days ends on 3 May 2018."""
    records = catalog.actuals("hanoi-2016-2020")
    assert records is not None
    course = records.course_by_id["hn1720-lop2"]
    assert (course.start.isoformat(), course.study_days) == ("2018-03-16", 32)
    assert course.last_day.isoformat() == "2018-05-03"
    assert course.format is not None
    assert course.format.value == "full_time"


def test_learner_ids_are_numbered_placeholders():
    """Anonymous learners get ids like hn1720-lop1-hv-001 … -090."""
    records = catalog.actuals("hanoi-2016-2020")
    assert records is not None
    first = sorted(p.id for p in records.persons if p.id.startswith("hn1720-lop1-hv-"))
    assert (first[0], first[-1], len(first)) == ("hn1720-lop1-hv-001", "hn1720-lop1-hv-090", 90)


def test_reported_classes_fall_in_the_period_and_name_no_target():
    """The text says the classes carry out the scheme, not which target they serve."""
    records = catalog.actuals("hanoi-2016-2020")
    assert records is not None
    scheme = catalog.load("hanoi-2016-2020")
    for course in records.courses:
        assert course.target is None
        assert course.start in scheme.period


def test_the_class_still_to_open_is_enrolled_and_the_finished_one_completed():
    """The article precedes the second class: its learners are enrolled, not completed."""
    records = catalog.actuals("hanoi-2016-2020")
    assert records is not None
    outcome = {a.course: a.outcome for a in records.attendances}
    assert outcome == {"hn1720-lop1": Outcome.COMPLETED, "hn1720-lop2": Outcome.ENROLLED}


@pytest.mark.parametrize("scheme_id", [i for i in IDS if i != "hanoi-2016-2020"])
def test_entries_whose_text_reports_nothing_done_have_no_actuals(scheme_id):
    """Only text 001 reports classes held."""
    assert catalog.actuals(scheme_id) is None


# -- readings: what the text says, measured on one record ---------------------------------
#
# Each test gives a person and a course the text does or does not mean and runs the
# target's measure over them: a change of reading in an entry shows here as a number.

AS_OF = dt.date(2030, 12, 31)
START_2023 = dt.date(2023, 5, 8)


def _counted(
    scheme_id: str,
    target_id: str,
    person: Person,
    course: Course,
    outcome: Outcome = Outcome.COMPLETED,
) -> Amount:
    """The target's amount over one attendance of ``person`` on ``course``."""
    scheme = catalog.load(scheme_id)
    measure = compile_measure(scheme.target(target_id), scheme=scheme)
    attendance = Attendance(person.id, course.id, outcome)
    records = Records(persons=(person,), courses=(course,), attendances=(attendance,))
    tally = run_measures((measure,), records, AS_OF)[target_id]
    if measure.buckets is Buckets.PER_YEAR:
        return tally.year(course.start.year)
    return tally.total


def _abroad(country: str, lead: str, topic: str) -> Course:
    return Course(
        "k1",
        start=START_2023,
        location="abroad",
        country=country,
        lead=lead,
        topics=(topic,),
    )


OPEN_COUNTRY_LISTS = [
    ("noi-vu-do-thi", "so-noi-vu", "urban-management"),
    ("noi-vu-nhan-luc", "so-noi-vu", "hr-management"),
    ("tai-chinh", "so-tai-chinh", "public-finance"),
    ("khoa-hoc-cong-nghe", "so-khoa-hoc-cong-nghe", "science-technology-policy"),
    ("y-te", "so-y-te", "health-management"),
]


@pytest.mark.parametrize(("target_id", "lead", "topic"), OPEN_COUNTRY_LISTS)
def test_a_study_tour_in_korea_counts_where_the_countries_are_examples(target_id, lead, topic):
    """ "ở một số nước như Nhật Bản, Singapore, Mỹ…": "như" and "…" give examples, so a
    course in any country abroad counts, Korea too."""
    target = catalog.load("hanoi-2022-2025").target(target_id)
    assert target.scope.countries == ()
    amount = _counted("hanoi-2022-2025", target_id, Person("p1"), _abroad("KR", lead, topic))
    assert amount.numerator == 1


def test_a_domestic_course_does_not_count_for_a_study_tour_abroad():
    """Open countries still mean abroad: the same course at home counts nothing."""
    course = Course("k1", start=START_2023, lead="so-noi-vu", topics=("urban-management",))
    assert _counted("hanoi-2022-2025", "noi-vu-do-thi", Person("p1"), course).numerator == 0


@pytest.mark.parametrize(("country", "counted"), [("KR", 0), ("AU", 1), ("NZ", 1)])
def test_the_education_study_tour_keeps_the_four_countries_it_names(country, counted):
    """ "ở Úc, Mỹ, Singapore, New Zealand." has neither "như" nor "…": those four only."""
    course = _abroad(country, "so-giao-duc-dao-tao", "education-management")
    amount = _counted("hanoi-2022-2025", "giao-duc-dao-tao", Person("p1"), course)
    assert amount.numerator == counted


HANOI_2016 = "hanoi-2016-2020"
HANOI_COURSE = Course("k1", start=dt.date(2018, 9, 10))
DISTRICT_DIVISION_HEAD = Person(
    "p1", category="civil_servant", level="district", position="division-head", tags=("leader",)
)


@pytest.mark.parametrize(
    ("target_id", "counted"),
    [("truong-pho-phong", 1), ("lanh-dao-so-huyen", 0), ("cong-chuc-chuyen-mon", 0)],
)
def test_a_district_division_head_counts_in_the_1734_only(target_id, counted):
    """A trưởng phòng is one of the 1.734, not a leader of the district (400) nor one of
    the 5.500 "công chức chuyên môn, nghiệp vụ"."""
    amount = _counted(HANOI_2016, target_id, DISTRICT_DIVISION_HEAD, HANOI_COURSE)
    assert amount.numerator == counted


def test_a_civil_servant_without_a_leadership_post_counts_in_the_5500():
    """ "công chức chuyên môn, nghiệp vụ": a civil servant tagged specialist."""
    person = Person("p1", category="civil_servant", level="province", tags=("specialist",))
    assert _counted(HANOI_2016, "cong-chuc-chuyen-mon", person, HANOI_COURSE).numerator == 1


def test_a_department_director_counts_in_the_400_leaders():
    """ "lãnh đạo, quản lý sở, quận, huyện, thị xã": the leaders of the bodies themselves."""
    person = Person(
        "p1",
        category="civil_servant",
        level="province",
        position="department-director",
        tags=("department-or-district-leader",),
    )
    assert _counted(HANOI_2016, "lanh-dao-so-huyen", person, HANOI_COURSE).numerator == 1


@pytest.mark.parametrize(
    ("position", "counted"),
    [("committee-chair", 1), ("committee-vice-chair", 1), ("council-chair", 0), (None, 0)],
)
def test_only_commune_committee_chairs_and_vice_chairs_count_in_the_1432(position, counted):
    """ "1.432 chủ tịch, phó chủ tịch UBND cấp xã" names two posts; a commune leader in
    another post, or of no recorded post, is not one of them."""
    person = Person(
        "p1", category="commune_cadre", level="commune", position=position, tags=("leader",)
    )
    assert _counted(HANOI_2016, "chu-tich-xa", person, HANOI_COURSE).numerator == counted


@pytest.mark.parametrize("category", ["civil_servant", "commune_cadre"])
def test_one_stop_shop_officials_count_in_the_2700_whatever_their_category(category):
    """ "tiếp công dân, bộ phận một cửa" is a job: a commune official at the desk counts."""
    person = Person("p1", category=category, tags=("one-stop-shop",))
    assert _counted(HANOI_2016, "tiep-cong-dan", person, HANOI_COURSE).numerator == 1


@pytest.mark.parametrize(("outcome", "counted"), [(Outcome.COMPLETED, 1), (Outcome.ENROLLED, 0)])
def test_hanoi_targets_count_persons_trained_not_enrolled(outcome, counted):
    """ "đào tạo, bồi dưỡng 1.432 chủ tịch …": a chair still on the course is not trained."""
    person = Person(
        "p1",
        category="commune_cadre",
        level="commune",
        position="committee-chair",
        tags=("leader",),
    )
    amount = _counted(HANOI_2016, "chu-tich-xa", person, HANOI_COURSE, outcome)
    assert amount.numerator == counted


def test_the_reported_classes_count_in_no_target():
    """The 90 + 90 learners are commune leaders of unnamed posts, and the second class had
    only opened: no target of the scheme counts them."""
    scheme = catalog.load(HANOI_2016)
    records = catalog.actuals(HANOI_2016)
    assert records is not None
    tallies = run_measures(compile_scheme(scheme), records, scheme.period.end)
    assert {t.id: tallies[t.id].total.numerator for t in scheme.all_targets()} == {
        t.id: 0 for t in scheme.all_targets()
    }
    assert "count in no target" in " ".join(scheme.notes)


HCMC = "hcmc-2021-2025"
CIVIL_SERVANT = Person("p1", category="civil_servant", level="province")
COMMUNE_CADRE = Person("p1", category="commune_cadre", level="commune")


def _fostering(topic: str, start: dt.date = dt.date(2023, 4, 3)) -> Course:
    return Course("k1", start=start, activity="fostering", topics=(topic,))


@pytest.mark.parametrize(
    ("person", "topic", "target_id", "counted"),
    [
        (CIVIL_SERVANT, "law", "cbcc-phap-luat-hang-nam", 1),
        (CIVIL_SERVANT, "law", "cbcc-dao-duc-cong-vu-hang-nam", 0),
        (CIVIL_SERVANT, "public-service-ethics", "cbcc-phap-luat-hang-nam", 0),
        (CIVIL_SERVANT, "public-service-ethics", "cbcc-dao-duc-cong-vu-hang-nam", 1),
        (COMMUNE_CADRE, "public-service-ethics", "cap-xa-hang-nam", 0),
        (COMMUNE_CADRE, "public-service-ethics", "cap-xa-dao-duc-cong-vu-hang-nam", 1),
        (COMMUNE_CADRE, "public-service-skills", "cap-xa-hang-nam", 1),
    ],
)
def test_each_subject_of_an_a_b_phrase_is_a_target_of_its_own(person, topic, target_id, counted):
    """ "cập nhật kiến thức pháp luật, bồi dưỡng đạo đức công vụ" asks for both: a course on
    one subject counts for that subject's target, not for the other's."""
    assert _counted(HCMC, target_id, person, _fostering(topic)).numerator == counted


def test_every_hcmc_target_names_one_subject():
    """ "A, B" is read as "A và B" everywhere in the text: no scope lets either of two
    subjects through (qualification ladders list the rungs of one subject)."""
    scheme = catalog.load(HCMC)
    assert [t.id for t in scheme.all_targets() if len(t.scope.topics) > 1] == []
    assert "'A và B'" in " ".join(scheme.notes)


@pytest.mark.parametrize(
    ("start", "counted"),
    [
        (dt.date(2021, 3, 15), 0),  # the delegates of 2016-2021, before the election
        (dt.date(2021, 5, 23), 1),
        (dt.date(2026, 3, 14), 1),
        (dt.date(2026, 3, 20), 0),  # after the election of the 2026-2031 councils
    ],
)
def test_the_council_term_runs_from_election_to_election(start, counted):
    """Nhiệm kỳ 2021-2026: elected 23/5/2021, next councils elected 15/3/2026."""
    delegate = Person("p1", category="council_delegate")
    amount = _counted(HCMC, "dai-bieu-hdnd-nhiem-ky", delegate, _fostering("law", start))
    assert amount.numerator == counted


def test_every_district_target_of_hung_yen_notes_the_end_of_the_district_level():
    """The district level ended on 30/6/2025, inside the plan's period: each target whose
    scope names it says so."""
    scheme = catalog.load("hung-yen-171-2023")
    district = [t for t in scheme.all_targets() if Level.DISTRICT in t.scope.levels]
    assert district
    assert Level.DISTRICT.valid_until in scheme.period
    assert [t.id for t in district if "30/6/2025" not in (t.note or "")] == []
