"""Hypothesis strategies for dtbd's model: every value they draw passes its validation."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

import attrs
import pendulum
from hypothesis import strategies as st

from dtbd import (
    Activity,
    AgeReference,
    Assignment,
    Budget,
    BudgetLine,
    Cadence,
    Citation,
    Count,
    CourseFormat,
    Figure,
    FundingSource,
    Gender,
    Level,
    Location,
    OrgUnit,
    Outcome,
    Period,
    Qualifier,
    Quote,
    Rule,
    RuleKind,
    Scheme,
    SchemeKind,
    Scope,
    ShareBasis,
    StaffCategory,
    SubmissionRow,
    Target,
    Unit,
    UnitLevel,
    UnitTree,
    Window,
)

# Text as people write it in a scheme: any printable letters, Vietnamese included.
texts = st.text(
    st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")), max_size=20
)
labels = texts.filter(lambda text: text.strip() != "")
ids = st.from_regex(r"[a-z0-9][a-z0-9._\-/]{0,11}", fullmatch=True)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(
    lambda day: pendulum.date(day.year, day.month, day.day)
)


def _numbers(unit: Unit) -> st.SearchStrategy[Decimal]:
    """Non-negative numbers as a scheme states them: whole đồng, else up to 2 places."""
    places = 0 if unit is Unit.VND else 2
    return st.decimals(0, 10**12, places=places, allow_nan=False, allow_infinity=False)


@st.composite
def figures(draw: st.DrawFn, units: st.SearchStrategy[Unit] | None = None) -> Figure:
    """A valid figure: ends that fit its qualifier, ``low <= high``, whole đồng."""
    unit = draw(units if units is not None else st.sampled_from(Unit))
    qualifier = draw(st.sampled_from(Qualifier))
    first, second = sorted((draw(_numbers(unit)), draw(_numbers(unit))))
    if qualifier in {Qualifier.AT_LEAST, Qualifier.MORE_THAN}:
        return Figure(first, None, qualifier=qualifier, unit=unit)
    if qualifier in {Qualifier.AT_MOST, Qualifier.LESS_THAN}:
        return Figure(None, second, qualifier=qualifier, unit=unit)
    single = draw(st.booleans())
    return Figure(first, first if single else second, qualifier=qualifier, unit=unit)


def _tuples(elements: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(elements, max_size=2).map(tuple)


_SCOPE_FIELDS: dict[str, st.SearchStrategy[object]] = {
    "activity": st.none() | st.sampled_from(Activity),
    "location": st.none() | st.sampled_from(Location),
    "countries": _tuples(labels),
    "formats": _tuples(st.sampled_from(CourseFormat)),
    "topics": _tuples(labels),
    "leads": _tuples(labels),
    "categories": _tuples(st.sampled_from(StaffCategory)),
    "levels": _tuples(st.sampled_from(Level)),
    "positions": _tuples(labels),
    "units": _tuples(labels),
    "tags": _tuples(labels),
    "qualifications": _tuples(labels),
    "gender": st.none() | st.sampled_from(Gender),
    "outcomes": _tuples(st.sampled_from(Outcome)),
}
_BIRTH_FIELDS = ("under_age", "from_age", "age_on", "born_from", "born_until")
"""Scope fields on the birth date, drawn together: they are checked against each other."""
birth_years = st.integers(1900, 2100)


def _ordered(low: int | None, high: int | None, *, strict: bool) -> bool:
    return low is None or high is None or (low < high if strict else low <= high)


@st.composite
def births(draw: st.DrawFn) -> dict[str, object]:
    """A valid set of the birth-date fields: ages (maybe at a fixed date), birth years."""
    under, low = draw(st.none() | st.integers(2, 99)), draw(st.none() | st.integers(1, 98))
    if not _ordered(low, under, strict=True):
        low, under = under, low
    if low == under:
        low = None
    first, last = draw(st.none() | birth_years), draw(st.none() | birth_years)
    if not _ordered(first, last, strict=False):
        first, last = last, first
    ages = under is not None or low is not None
    on = draw(st.none() | dates) if ages else None
    return {
        "under_age": under,
        "from_age": low,
        "age_on": on,
        "born_from": first,
        "born_until": last,
    }


@st.composite
def scopes(draw: st.DrawFn) -> Scope:
    """Any valid scope."""
    fields = {name: draw(free) for name, free in _SCOPE_FIELDS.items()}
    return Scope(**fields, **draw(births()))  # type: ignore[arg-type]


def _is_set(value: object) -> bool:
    return value is not None and value != ()


@st.composite
def narrowed_scopes(draw: st.DrawFn, outer: Scope) -> Scope:
    """A part's scope under ``outer``: each field empty (inherited), or narrower than it."""
    fields: dict[str, object] = {}
    for name, free in _SCOPE_FIELDS.items():
        theirs = getattr(outer, name)
        if not _is_set(theirs):
            fields[name] = draw(free)
        elif isinstance(theirs, tuple):
            fields[name] = tuple(draw(st.lists(st.sampled_from(theirs), max_size=2)))
        else:
            fields[name] = draw(st.none() | st.just(theirs))
    fields.update(draw(_narrowed_births(outer)))
    return Scope(**fields)  # type: ignore[arg-type]


@st.composite
def _narrowed_births(draw: st.DrawFn, outer: Scope) -> dict[str, object]:
    """A part's birth-date fields under ``outer``'s: within its ages and years, valid merged."""
    mine = draw(births())
    bounds = (("under_age", min), ("born_until", min), ("from_age", max), ("born_from", max))
    for name, tighter in bounds:
        theirs = getattr(outer, name)
        if mine[name] is not None and theirs is not None:
            mine[name] = tighter(mine[name], theirs)
    whole = {name: mine[name] if mine[name] is not None else getattr(outer, name) for name in mine}
    if not _ordered(whole["from_age"], whole["under_age"], strict=True):
        mine["from_age"] = mine["under_age"] = None
    if not _ordered(whole["born_from"], whole["born_until"], strict=False):
        mine["born_from"] = mine["born_until"] = None
    # Ages are read on one date: the parent's, if it reads any age; the part's own otherwise.
    outer_ages = outer.under_age is not None or outer.from_age is not None
    mine_ages = mine["under_age"] is not None or mine["from_age"] is not None
    if outer_ages or not mine_ages:
        mine["age_on"] = outer.age_on if mine_ages else None
    return mine


def merged(outer: Scope, inner: Scope) -> Scope:
    """``inner`` with each field it leaves empty taken from ``outer``."""
    return Scope(
        **{
            name: getattr(inner, name) if _is_set(getattr(inner, name)) else getattr(outer, name)
            for name in (*_SCOPE_FIELDS, *_BIRTH_FIELDS)
        }
    )  # type: ignore[arg-type]


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    """A quote with a span ``0 <= start <= end``."""
    start = draw(st.integers(0, 10_000))
    return Quote(draw(texts), start, start + draw(st.integers(0, 500)))


periods = st.tuples(dates, dates).map(lambda pair: Period(*sorted(pair)))


@st.composite
def windows(draw: st.DrawFn, period: Period | None = None) -> Window:
    """A valid window inside ``period`` (a per-year target's window must be)."""
    period = period if period is not None else draw(periods)
    days = st.dates(period.start, period.end).map(
        lambda day: pendulum.date(day.year, day.month, day.day)
    )
    cadence = draw(st.sampled_from(Cadence))
    start, end = sorted((draw(days), draw(days)))
    if cadence is Cadence.PER_TERM:
        return Window(cadence, start, end)
    return Window(cadence, draw(st.none() | st.just(start)), draw(st.none() | st.just(end)))


def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


@attrs.frozen
class _Parent:
    """What a part inherits, as the scheme resolves it."""

    window: Period
    cadence: Cadence
    scope: Scope
    population: Scope | None
    basis: ShareBasis


@st.composite
def targets(  # noqa: PLR0913, PLR0917 -- a strategy's arguments are its knobs
    draw: st.DrawFn,
    period: Period,
    id_pool: list[str],
    counts: Count | None = None,
    depth: int = 2,
    parent: _Parent | None = None,
) -> Target:
    """A valid target tree: parts count what their parent counts; ids come from ``id_pool``.

    ``id_pool`` is a list of unique ids, consumed as targets are made, so that ids are
    unique across a whole scheme. A part's window is its parent's (left out) or lies
    within it, its scope and population narrow its parent's, and a share of qualified
    persons names a qualification.
    """
    counts = counts if counts is not None else draw(st.sampled_from(Count))
    target_id = id_pool.pop()
    figure = draw(_optional(figures(st.just(counts.unit))))
    size = None
    if counts is Count.COURSES:
        size = draw(_optional(figures(st.just(Unit.PERSON))))
    within = period if parent is None else parent.window
    window = Window() if parent is not None and draw(st.booleans()) else draw(windows(within))
    scope = draw(scopes() if parent is None else narrowed_scopes(parent.scope))
    population = draw(_optional(scopes()))
    if parent is not None and parent.population is not None:
        population = draw(_optional(narrowed_scopes(parent.population)))
    basis = draw(st.sampled_from(ShareBasis))
    effective = ShareBasis.QUALIFIED if parent and parent.basis is ShareBasis.QUALIFIED else basis
    own_scope = scope if parent is None else merged(parent.scope, scope)
    if (
        counts is Count.SHARE
        and effective is ShareBasis.QUALIFIED
        and not own_scope.qualifications
    ):
        scope = attrs.evolve(scope, qualifications=(draw(labels),))
        own_scope = attrs.evolve(own_scope, qualifications=scope.qualifications)
    if parent is not None and window == Window():
        resolved = parent.window
        cadence = parent.cadence
    else:
        resolved = Period(window.start or within.start, window.end or within.end)
        cadence = window.cadence
    inherited = _Parent(
        resolved,
        cadence,
        own_scope,
        population
        if parent is None or parent.population is None
        else (merged(parent.population, population) if population else parent.population),
        effective,
    )
    width = draw(st.integers(0, 2)) if depth > 0 else 0
    # the pool is checked before each part: a part's own parts use it up too
    parts = [
        draw(targets(period, id_pool, counts, depth - 1, inherited))
        for _ in range(width)
        if id_pool
    ]
    return Target(
        target_id,
        draw(labels),
        figure,
        counts=counts,
        scope=scope,
        window=window,
        parts=parts,
        breakdown=draw(st.booleans()),
        lead=draw(_optional(labels)),
        aspirational=draw(st.booleans()),
        course_size=size,
        population=population,
        basis=basis,
        note=draw(_optional(texts)),
        quote=draw(_optional(quotes())),
    )


money = figures(st.just(Unit.VND))


@st.composite
def budget_lines(
    draw: st.DrawFn, id_pool: list[str], target_ids: list[str], depth: int = 1
) -> BudgetLine:
    """A valid budget line in VND, paying for one of ``target_ids`` or none."""
    line_id = id_pool.pop()
    width = draw(st.integers(0, 2)) if depth > 0 else 0
    parts = [draw(budget_lines(id_pool, target_ids, depth - 1)) for _ in range(width) if id_pool]
    return BudgetLine(
        line_id,
        draw(labels),
        draw(_optional(money)),
        source=draw(_optional(st.sampled_from(FundingSource))),
        year=draw(_optional(st.integers(1945, 2100))),
        target=draw(_optional(st.sampled_from(target_ids))) if target_ids else None,
        lead=draw(_optional(labels)),
        parts=parts,
        quote=draw(_optional(quotes())),
    )


@st.composite
def budgets(draw: st.DrawFn, target_ids: list[str]) -> Budget:
    """A valid budget whose lines pay for targets among ``target_ids``."""
    id_pool = draw(st.lists(ids, min_size=6, max_size=6, unique=True))
    count = draw(st.integers(0, 2))
    return Budget(
        total=draw(_optional(money)),
        overall=draw(_optional(money)),
        source=draw(_optional(st.sampled_from(FundingSource))),
        lines=tuple(draw(budget_lines(id_pool, target_ids)) for _ in range(count) if id_pool),
        quote=draw(_optional(quotes())),
    )


_RULE_UNITS = {
    RuleKind.AGE_LIMIT: Unit.AGE,
    RuleKind.GENDER_SHARE: Unit.PERCENT,
    RuleKind.PRIORITY_SHARE: Unit.PERCENT,
    RuleKind.COURSE_SIZE: Unit.PERSON,
    RuleKind.MIN_STUDY_DAYS: Unit.DAY,
}


@st.composite
def rules(draw: st.DrawFn, rule_id: st.SearchStrategy[str] = ids) -> Rule:
    """A valid rule: a figure in the unit its kind needs, and what else the kind asks."""
    kind = draw(st.sampled_from(RuleKind))
    unit = _RULE_UNITS.get(kind)
    reference = draw(st.sampled_from(AgeReference))
    reference_date = draw(dates if reference is AgeReference.DATE else _optional(dates))
    valid = sorted(draw(st.lists(dates, min_size=2, max_size=2)))
    valid_from, valid_until = (draw(_optional(st.just(day))) for day in valid)
    tags = draw(_tuples(labels))
    return Rule(
        draw(rule_id),
        kind,
        draw(labels),
        draw(figures(st.just(unit))) if unit is not None else None,
        scope=draw(scopes()),
        gender=draw(st.sampled_from(Gender))
        if kind is RuleKind.GENDER_SHARE
        else draw(_optional(st.sampled_from(Gender))),
        tags=tags or (("uu-tien",) if kind is RuleKind.PRIORITY_SHARE else ()),
        reference=reference,
        reference_date=reference_date,
        valid_from=valid_from,
        valid_until=valid_until,
        law=draw(_optional(labels)),
        across=tuple(draw(st.lists(ids, max_size=2, unique=True)))
        if kind in (RuleKind.NO_REPEAT, RuleKind.NO_OVERLAP)
        else (),
        quote=draw(_optional(quotes())),
    )


citations = st.builds(
    Citation,
    document=_optional(labels),
    issuer=_optional(labels),
    issued=_optional(dates),
    published=_optional(dates),
    text=_optional(texts),
    title=_optional(labels),
)


@st.composite
def schemes(draw: st.DrawFn) -> Scheme:
    """A valid scheme: unique ids, per-year windows in its period, references that hold."""
    period = draw(periods)
    id_pool = draw(st.lists(ids, min_size=8, max_size=8, unique=True))
    width = draw(st.integers(0, 3))
    tops = tuple(draw(targets(period, id_pool)) for _ in range(width) if id_pool)
    every = [t.id for top in tops for t in top.walk()]
    # A target may deliver another, never itself (a circle is refused).
    others = [target_id for target_id in every if tops and target_id != tops[0].id]
    if tops and others and draw(st.booleans()):
        tops = (attrs.evolve(tops[0], delivers=draw(st.sampled_from(others))), *tops[1:])
    rule_ids = draw(st.lists(ids, max_size=2, unique=True))
    return Scheme(
        draw(ids),
        draw(labels),
        period,
        kind=draw(st.sampled_from(SchemeKind)),
        citation=draw(citations),
        targets=tops,
        budget=draw(_optional(budgets(every))),
        rules=tuple(draw(rules(st.just(rule_id))) for rule_id in rule_ids),
        notes=draw(_tuples(labels)),
    )


@st.composite
def _edge_days(draw: st.DrawFn) -> dt.date:
    """29 February, the ends of 30- and 31-day months and the first of a month."""
    year = draw(st.integers(1940, 2010))
    month = draw(st.sampled_from([2, 3, 4, 6, 9, 11, 12]))
    day = draw(st.sampled_from([1, 28, 29, 30, 31]))
    if month == 2 and day >= 29:
        year -= year % 4  # a leap year (2000 is one): 29 February
        day = 29
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


@st.composite
def birthdays(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    """A birth date and a later day, often on or beside a birthday (ages' edge cases).

    Birth dates lean to 29 February, the ends of 30- and 31-day months and the turn of a
    month; the later day is any day, or the day before, of, after or two after a birthday
    (for 29 February in a common year, around 28 February).
    """
    born = draw(st.one_of(st.dates(dt.date(1940, 1, 1), dt.date(2010, 12, 31)), _edge_days()))
    if draw(st.booleans()):
        return born, draw(st.dates(born, dt.date(2070, 12, 31)))
    year = born.year + draw(st.integers(1, 60))
    day = min(born.day, calendar.monthrange(year, born.month)[1])
    shift = dt.timedelta(days=draw(st.sampled_from([-1, 0, 1, 2])))
    return born, dt.date(year, born.month, day) + shift


# Record files as they arrive: a cell's text may hold any separator, a quote or a line
# break; a file may be any bytes at all.
cell_texts = st.text(
    st.characters(codec="utf-8", categories=("L", "M", "N", "Zs"), exclude_characters="\r")
    | st.sampled_from(list(',;\t|"\n.-')),
    max_size=12,
)
separators = st.sampled_from([",", ";", "\t", "|"])
text_encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])
file_bytes = st.one_of(
    st.binary(max_size=200),
    st.text(st.sampled_from(list('id,start;"\n\t|k1 2024-01-02\x00é')), max_size=80).map(
        lambda text: text.encode("utf-8")
    ),
)
REFORM_DAY = dt.date(2025, 7, 1)
"""The day two-level local government began: the reform the unit trees below model."""


@st.composite
def reformed_unit_trees(draw: st.DrawFn) -> UnitTree:
    """A forest of units before and after a reform on :data:`REFORM_DAY`.

    Lasting units (ids ``p0``…, open-ended) are the roots and may hold lasting units;
    old units (``o0``…) end the day before the reform, under a lasting or an older old
    unit, each taken over by none, one or several new units (``n0``…), which start on the
    reform day under a lasting or an older new unit. Ids are text or numbers; names have
    commas, quotes and formula starts.
    """
    last_old = REFORM_DAY - dt.timedelta(days=1)
    numbered = draw(st.booleans())
    # names that a CSV file must quote, or a spreadsheet could run as a formula
    names = st.sampled_from(
        ["Sở Y tế", "UBND xã A, B", 'Phường "Mới"', "Tỉnh; Thành", "=SUM(A1)", "-1", "@x"]
    )

    def ident(prefix: str, index: int) -> str | int:
        return {"p": 0, "o": 1000, "n": 2000}[prefix] + index if numbered else f"{prefix}{index}"

    lasting_count = draw(st.integers(1, 3))
    lasting = [
        OrgUnit(
            ident("p", i),
            draw(names),
            UnitLevel.PROVINCE,
            parent=ident("p", draw(st.integers(0, i - 1))) if i and draw(st.booleans()) else None,
        )
        for i in range(lasting_count)
    ]
    new_count = draw(st.integers(0, 6))
    new = []
    for i in range(new_count):
        choices = [u.id for u in lasting] + [ident("n", j) for j in range(i)]
        new.append(
            OrgUnit(
                ident("n", i),
                draw(names),
                UnitLevel.COMMUNE,
                parent=draw(st.sampled_from(choices)),
                start=REFORM_DAY,
            )
        )
    old: list[OrgUnit] = []
    for i in range(draw(st.integers(0, 6))):
        parent = draw(st.sampled_from([*lasting, *old]))
        earliest = dt.date.fromordinal((parent.start or dt.date(2000, 1, 1)).toordinal())
        successors = (
            draw(st.lists(st.sampled_from([u.id for u in new]), unique=True)) if new else []
        )
        old.append(
            OrgUnit(
                ident("o", i),
                draw(names),
                draw(st.sampled_from([UnitLevel.DISTRICT, UnitLevel.COMMUNE])),
                parent=parent.id,
                start=draw(st.dates(earliest, last_old) | st.just(parent.start)),
                end=last_old,
                successors=successors,
            )
        )
    units = draw(st.permutations([*lasting, *old, *new]))
    return UnitTree(units)


@st.composite
def assignments(draw: st.DrawFn, unit: Unit, years: tuple[int, int]) -> tuple[Assignment, ...]:
    """Shares of a target in ``unit``: to units, to years of ``years``, or both, none twice.

    Unit ids are text ids or number codes; figures are any valid figure of ``unit``.
    """
    unit_ids = st.one_of(ids, st.integers(0, 99_999))
    keys = st.tuples(st.none() | unit_ids, st.none() | st.integers(*years)).filter(
        lambda key: key != (None, None)
    )
    chosen = draw(st.lists(keys, max_size=5, unique=True))
    return tuple(
        Assignment(
            draw(figures(st.just(unit))), unit=key[0], year=key[1], note=draw(_optional(texts))
        )
        for key in chosen
    )


# Pieces that a scheme file is made of: what a mangled file is most likely to break on.
_FILE_PIECES = (
    "[", "]", "{", "}", "[[targets]]", "[[targets.parts]]", "=", ":", ",", '"', "'", "\n",
    "- ", "&a ", "*a", "<<: ", "!!", "\ufeff", "id", "targets", "parts", "figure", "low",
    "2023-02-31", "1e999999999", "9" * 50, "NaN", "khoảng 15 - 17 người", "\u200b", "\x00",
)  # fmt: skip


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    """``text`` (a good scheme file) with a few pieces cut out, doubled or put in."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 20)))
        piece = draw(st.one_of(st.sampled_from(_FILE_PIECES), st.text(max_size=5)))
        change = draw(st.sampled_from(["cut", "double", "insert"]))
        if change == "cut":
            text = text[:at] + text[end:]
        elif change == "double":
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text[:at] + piece + text[at:]
    return text


integer_ids = st.one_of(st.integers(0, 2**62), st.sampled_from([0, 1, 2**53 + 1, 2**62]))
"""Integer ids as frames may hold them: 0 and beyond a float's exact range (a negative id
is refused, as its text "-5" is in the dict reader)."""


@st.composite
def submission_rows(draw: st.DrawFn, units: tuple[str, ...] = ("u1", "u2", "u3")) -> SubmissionRow:
    """One row of a unit's report in 2024 or 2025: a line, perhaps a breakdown, counts."""
    year = draw(st.sampled_from([2024, 2025]))
    persons = draw(st.integers(0, 50))
    return SubmissionRow(
        draw(st.sampled_from(units)),
        year=year,
        activity=draw(st.sampled_from([None, Activity.TRAINING, Activity.FOSTERING])),
        gender=draw(st.sampled_from([None, None, Gender.FEMALE, Gender.MALE])),
        category=draw(st.sampled_from([None, None, StaffCategory.CIVIL_SERVANT])),
        attendances=persons + draw(st.integers(0, 20)),
        persons=draw(st.sampled_from([persons, None])),
        courses=draw(st.integers(0, 5)),
        cost=draw(st.integers(0, 10**9)),
    )
