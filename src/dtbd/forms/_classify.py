"""Which row of a form a record falls in, or why it falls in none.

A record here is one attendance seen with its course and its person. Each section of
the form (``chuyen-mon``, ``chinh-tri``, ``boi-duong`` on Biểu 10-BTCTW) is opened by
its first row's match; a record in a section lands in exactly one of its leaf rows, and
a record that lands in none, or in two, is not classifiable and says why.
"""

from __future__ import annotations

import attrs

from dtbd.forms._form import Form, FormRow, Match
from dtbd.model._categories import CourseFormat
from dtbd.model._people import Course, Person

__all__ = ["Placed", "matches", "place"]


def matches(match: Match, course: Course, person: Person) -> bool:
    """Whether every condition of ``match`` holds for this person on this course."""
    fmt = course.format
    return (
        (match.activity is None or course.activity is match.activity)
        and (not match.content or course.content in match.content)
        and (match.location is None or course.location is match.location)
        and (match.topic is None or match.topic in course.topics)
        and (match.not_topic is None or match.not_topic not in course.topics)
        and (
            match.full_time is None
            or (fmt is not None and (fmt is CourseFormat.FULL_TIME) == match.full_time)
        )
        and (match.person_tag is None or match.person_tag in person.tags)
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


def _no_section(form: Form, course: Course) -> str:
    """Why a record opens no section: its activity and content key."""
    keys = sorted(
        {key for head in _heads(form).values() for key in head.match.content
         if head.match.activity in (None, course.activity)}
    )  # fmt: skip
    what = "qualification level" if course.activity.value == "training" else "content"
    known = ", ".join(keys)
    if course.content is None:
        return f"no {what}: the course {course.id!r} has no 'content' key; use one of {known}"
    return (
        f"the {what} {course.content!r} of the course {course.id!r} is not on the form "
        f"{form.code}; use one of {known}"
    )


def _no_leaf(head: FormRow, course: Course, person: Person) -> str:
    """Why a record in a section lands in no leaf: the values the leaves look at."""
    told = [f"location {course.location.value}", f"topics {list(course.topics)}"]
    told.append(f"format {course.format.value if course.format else 'not given'}")
    told.append(f"person tags {list(person.tags)}")
    return f"in '{head.label}' but in none of its rows: " + ", ".join(told)


def place(form: Form, course: Course, person: Person) -> Placed:
    """The rows this person on this course counts in, or why none."""
    rows: set[str] = set()
    for section, head in _heads(form).items():
        if not matches(head.match, course, person):
            continue
        leaves = [
            r.code
            for r in form.rows
            if r.leaf and r.section == section and matches(r.match, course, person)
        ]
        if len(leaves) != 1:
            deepest = [
                r for r in form.rows
                if r.section == section and not r.leaf and matches(r.match, course, person)
            ]  # fmt: skip
            reason = (
                _no_leaf(deepest[-1], course, person)
                if not leaves
                else f"in two rows of '{head.label}': {', '.join(leaves)}; give one"
            )
            return Placed(reason=reason)
        rows.update(
            r.code
            for r in form.rows
            if not r.leaf and matches(r.match, course, person) and _above(form, r, leaves[0])
        )
        rows.add(leaves[0])
    if not rows:
        return Placed(reason=_no_section(form, course))
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
