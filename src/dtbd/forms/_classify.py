"""Which row of a form a record falls in, or why it falls in none.

A record is seen as its :class:`Facts`: an attendance gives its course's and its
person's, a unit's reported row (*submission*) its line columns. Each section of the
form (``chuyen-mon``, ``chinh-tri``, ``boi-duong`` on Biểu 10-BTCTW) is opened by its
first row's match; a record in a section lands in exactly one of its leaf rows, and a
record that lands in none, or in two, is not classifiable and says why.
"""

from __future__ import annotations

import attrs

from dtbd.forms._form import Form, FormRow, Match
from dtbd.forms._tally import Why, why
from dtbd.model._categories import Activity, CourseFormat, Level, Location, StaffCategory
from dtbd.model._people import Course, Person
from dtbd.model._submission import SubmissionRow
from dtbd.words import say

__all__ = ["Facts", "Placed", "matches", "place"]


@attrs.frozen
class Facts:
    """What a record says that a row's match looks at; ``None`` is not stated."""

    what: str
    """The record as a reason names it: ``what-course`` or ``what-reported``."""
    id: str
    """The course's id, or the reporting unit's."""
    activity: Activity | None
    content: str | None
    location: Location | None
    format: CourseFormat | None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    level: Level | None = None
    """The level of the person's unit, or of the reporting unit."""
    category: StaffCategory | None = None

    @classmethod
    def of(cls, course: Course, person: Person, level: Level | None = None) -> Facts:
        """A person on a course; ``level`` is the person's, as the unit tree says it."""
        return cls(
            "what-course", course.id, course.activity, course.content, course.location,
            course.format, course.topics, person.tags, level, person.category,
        )  # fmt: skip

    @classmethod
    def reported(cls, row: SubmissionRow, level: Level | None = None) -> Facts:
        """A unit's reported row: its line columns and category, no topics, no tags."""
        return cls(
            "what-reported", row.unit, row.activity, row.content, row.location, row.format,
            level=level, category=row.category,
        )  # fmt: skip


def matches(match: Match, facts: Facts) -> bool:
    """Whether every condition of ``match`` holds for these facts."""
    fmt = facts.format
    return (
        (match.activity is None or facts.activity is match.activity)
        and (not match.content or facts.content in match.content)
        and (match.location is None or facts.location is match.location)
        and (match.topic is None or match.topic in facts.topics)
        and (match.not_topic is None or match.not_topic not in facts.topics)
        and (
            match.full_time is None
            or (fmt is not None and (fmt is CourseFormat.FULL_TIME) == match.full_time)
        )
        and (match.person_tag is None or match.person_tag in facts.tags)
        and (match.level is None or facts.level is match.level)
        and (not match.category or facts.category in match.category)
    )


@attrs.frozen
class Placed:
    """Where a record went: the rows it counts in, or the reason it counts in none."""

    rows: tuple[str, ...] = ()
    reason: Why | None = None


def _heads(form: Form) -> dict[str, FormRow]:
    heads: dict[str, FormRow] = {}
    for row in form.rows:
        for section in (*row.opens, *((row.section,) if row.section else ())):
            heads.setdefault(section, row)
    return heads


def _what(facts: Facts) -> object:
    return lambda locale: say(f"forms.reason.{facts.what}", locale, id=facts.id)


def _no_section(form: Form, facts: Facts) -> Why:
    """Why a record opens no section: its activity and content key."""
    if facts.activity is None:
        return why("no-activity", what=_what(facts))
    keys = sorted(
        {key for head in _heads(form).values() for key in head.match.content
         if head.match.activity in (None, facts.activity)}
    )  # fmt: skip
    training = facts.activity is Activity.TRAINING
    known = ", ".join(keys)
    if facts.content is None:
        return why("no-level" if training else "no-content", what=_what(facts), known=known)
    return why(
        "level-not-on-form" if training else "content-not-on-form",
        content=facts.content, what=_what(facts), form=form.code, known=known,
    )  # fmt: skip


def _no_leaf(row: FormRow, facts: Facts) -> Why:
    """Why a record in a section lands in no leaf: the values the leaves look at."""

    def given(value: object) -> object:
        return lambda locale: value or say("forms.reason.not-given", locale)

    return why(
        "no-leaf", row=row.label, location=given(facts.location and facts.location.value),
        topics=list(facts.topics), format=given(facts.format and facts.format.value),
        tags=list(facts.tags),
    )  # fmt: skip


def _not_split(form: Form, section: str, facts: Facts) -> Why | None:
    """Why a record is in none of the leaves of a section opened by a *Tổng số* row.

    Such a section splits every record by one thing (its activity and content, its
    location, its category): the reason names what the record does not give.
    """
    leaves = [r.match for r in form.rows if r.leaf and r.section == section]
    if any(m.activity for m in leaves) and facts.activity is None:
        return why("no-activity", what=_what(facts))
    if any(m.content for m in leaves):
        keys = sorted(
            {k for m in leaves if m.activity in (None, facts.activity) for k in m.content}
        )
        training = facts.activity is Activity.TRAINING
        if facts.content is None:
            key = "no-level" if training else "no-content"
            return why(key, what=_what(facts), known=", ".join(keys))
        if facts.content not in keys:
            key = "level-not-on-form" if training else "content-not-on-form"
            return why(
                key, content=facts.content, what=_what(facts), form=form.code,
                known=", ".join(keys),
            )  # fmt: skip
    if any(m.location for m in leaves) and facts.location is None:
        return why("no-location", what=_what(facts))
    return None


def place(form: Form, facts: Facts) -> Placed:
    """The rows a record with these facts counts in, or why none."""
    rows: set[str] = set()
    for section, head in _heads(form).items():
        if not matches(head.match, facts):
            continue
        leaves = [
            r.code
            for r in form.rows
            if r.leaf and r.section == section and matches(r.match, facts)
        ]
        if len(leaves) != 1:
            deepest = [head] + [
                r for r in form.rows
                if r.section == section and not r.leaf and matches(r.match, facts)
            ]  # fmt: skip
            split = _not_split(form, section, facts) if head.section != section else None
            reason = (
                (split or _no_leaf(deepest[-1], facts))
                if not leaves
                else why("two-rows", row=head.label, rows=", ".join(leaves))
            )
            return Placed(reason=reason)
        rows.update(
            r.code
            for r in form.rows
            if not r.leaf and matches(r.match, facts) and _above(form, r, leaves[0])
        )
        rows.add(leaves[0])
    if not rows:
        return Placed(reason=_no_section(form, facts))
    return Placed(rows=tuple(r.code for r in form.rows if r.code in rows))


def _above(form: Form, row: FormRow, leaf: str) -> bool:
    """Whether ``row`` is one of the rows the leaf is indented under."""
    at = [r.code for r in form.rows].index(leaf)
    indent = form.rows[at].indent
    for candidate in reversed(form.rows[:at]):
        if candidate.indent < indent:
            if candidate.code == row.code:
                return True
            indent = candidate.indent
    return False
