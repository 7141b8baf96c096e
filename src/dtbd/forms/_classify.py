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
from dtbd.model._categories import Activity, CourseFormat, Location
from dtbd.model._people import Course, Person
from dtbd.model._submission import SubmissionRow

__all__ = ["Facts", "Placed", "matches", "place"]


@attrs.frozen
class Facts:
    """What a record says that a row's match looks at; ``None`` is not stated."""

    what: str
    """The record as a reason names it: ``the course 'k1'``, ``the reported row``."""
    activity: Activity | None
    content: str | None
    location: Location | None
    format: CourseFormat | None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, course: Course, person: Person) -> Facts:
        """A person on a course."""
        return cls(
            f"the course {course.id!r}", course.activity, course.content, course.location,
            course.format, course.topics, person.tags,
        )  # fmt: skip

    @classmethod
    def reported(cls, row: SubmissionRow) -> Facts:
        """A unit's reported row: its line columns, no topics, no person tags."""
        return cls(
            f"the row reported by {row.unit!r}", row.activity, row.content, row.location,
            row.format,
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
    )


@attrs.frozen
class Placed:
    """Where a record went: the rows it counts in, or the reason it counts in none."""

    rows: tuple[str, ...] = ()
    reason: str | None = None


def _heads(form: Form) -> dict[str, FormRow]:
    heads: dict[str, FormRow] = {}
    for row in form.rows:
        if row.section is not None:
            heads.setdefault(row.section, row)
    return heads


def _no_section(form: Form, facts: Facts) -> str:
    """Why a record opens no section: its activity and content key."""
    if facts.activity is None:
        return f"no activity: {facts.what} does not say training or fostering"
    keys = sorted(
        {key for head in _heads(form).values() for key in head.match.content
         if head.match.activity in (None, facts.activity)}
    )  # fmt: skip
    what = "qualification level" if facts.activity is Activity.TRAINING else "content"
    known = ", ".join(keys)
    if facts.content is None:
        return f"no {what}: {facts.what} has no 'content' key; use one of {known}"
    return (
        f"the {what} {facts.content!r} of {facts.what} is not on the form "
        f"{form.code}; use one of {known}"
    )


def _no_leaf(row: FormRow, facts: Facts) -> str:
    """Why a record in a section lands in no leaf: the values the leaves look at."""
    location = facts.location.value if facts.location else "not given"
    told = [f"location {location}", f"topics {list(facts.topics)}"]
    told.append(f"format {facts.format.value if facts.format else 'not given'}")
    told.append(f"person tags {list(facts.tags)}")
    return f"in '{row.label}' but in none of its rows: " + ", ".join(told)


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
            deepest = [
                r for r in form.rows
                if r.section == section and not r.leaf and matches(r.match, facts)
            ]  # fmt: skip
            reason = (
                _no_leaf(deepest[-1], facts)
                if not leaves
                else f"in two rows of '{head.label}': {', '.join(leaves)}; give one"
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
