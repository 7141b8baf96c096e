"""An official statistics form as data: rows, numbered columns, formulas, header and signatures.

A form is a TOML file in ``dtbd/forms/data/`` (``docs/forms.md`` describes every key); a
revised form is a new file with its own ``valid_from``, and :func:`form_for` picks the
one in force for a year.

>>> form = load_form("10-BTCTW")
>>> form.code, [c.number for c in form.columns][:3], form.column(3).sum
('10-BTCTW', [3, 4, 5], (4, 6, 8))
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from dtbd._codes import SchemeProblem, scheme_problems
from dtbd._errors import DtbdError
from dtbd._validators import to_tuple
from dtbd.model._categories import Activity, Gender, Level, Location, StaffCategory

__all__ = [
    "Form",
    "FormColumn",
    "FormFileError",
    "FormRow",
    "Match",
    "form_codes",
    "form_for",
    "load_form",
    "read_form",
]


class FormFileError(DtbdError, ValueError):
    """A form file has mistakes: every one, each naming the file and the place in it.

    Attributes:
        source: the file, or the form's code for a packaged form.
        problems: ``"rows[3].match.activity: …"`` lines.
    """

    code = "form.invalid"
    problems: tuple[SchemeProblem, ...]

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(p.at(source) for p in scheme_problems(self.code, problems))
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''} in the form"
        super().__init__("\n  ".join([head + ":", *self.problems]))


@attrs.frozen
class Match:
    """What puts a record in a row: every condition given must hold.

    ``content`` is the course's content key (one of them); ``topic``/``not_topic`` a
    course topic it must have or lack; ``full_time`` whether the course's format is
    *tập trung*; ``person_tag`` a tag the person must carry; ``level`` the level of the
    person's unit and ``category`` the person's staff category (one of them)
    (``docs/forms.md``).
    """

    activity: Activity | None = None
    content: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    location: Location | None = None
    topic: str | None = None
    not_topic: str | None = None
    full_time: bool | None = None
    person_tag: str | None = None
    level: Level | None = None
    category: tuple[StaffCategory, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen
class FormRow:
    """A row of the form: its code, the TT shown, the label, and what it counts.

    A ``leaf`` row belongs to a ``section``: the leaves of a section split its records,
    so a record lands in exactly one of them or is listed as not classifiable.
    ``tt_rows`` spans the TT cell over that many rows ("chia ra"). A section is opened
    by its first row, or by a row that names it in ``opens`` (a *Tổng số* row over
    several splits: by level, by content, by location). A ``caption`` row ("Chia theo
    cấp") has a label and no numbers.
    """

    code: str
    label: str
    indent: int = 0
    tt: str = ""
    tt_rows: int = 1
    section: str | None = None
    leaf: bool = False
    match: Match = Match()
    opens: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    caption: bool = False


@attrs.frozen
class FormColumn:
    """A numbered data column: what it counts, for whom, and its formula.

    ``count`` is ``persons`` (distinct persons), ``attendances`` (*lượt*: each
    attendance) or ``courses`` (distinct classes opened); ``levels`` the level of the
    person's unit or of the unit that opened the class; ``categories`` the person's staff
    category; ``gender`` and ``minority`` the person's (a "Trong đó: Nữ" column);
    ``subset`` a person tag; a column with ``of`` is part of that column; ``sum`` the
    columns this one adds up (``3=4+6+8``). A condition not given holds for everyone.
    """

    number: int
    label: str
    count: Literal["persons", "attendances", "courses"]
    sublabel: str | None = None
    levels: tuple[Level, ...] = attrs.field(default=(), converter=to_tuple)
    categories: tuple[StaffCategory, ...] = attrs.field(default=(), converter=to_tuple)
    gender: Gender | None = None
    minority: bool | None = None
    subset: str | None = None
    of: int | None = None
    sum: tuple[int, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def heading(self) -> str:
        """The column's number as the numbers row writes it: ``3=4+6+8``."""
        return self.written("{number}={parts}")

    def written(self, formula: str) -> str:
        """The column's number, and its sum as ``formula`` writes it (``1=(2+3+4)``)."""
        if not self.sum:
            return str(self.number)
        return formula.format(number=self.number, parts="+".join(map(str, self.sum)))


@attrs.frozen
class ColumnGroup:
    """A header cell over several numbered columns ("Số lớp đào tạo, bồi dưỡng")."""

    label: str
    columns: tuple[int, ...] = attrs.field(converter=to_tuple)


@attrs.frozen
class Signature:
    """A signature block under the table: title, note and the columns it spans."""

    title: str
    note: str
    columns: tuple[int, ...] = attrs.field(converter=to_tuple)


@attrs.frozen
class Form:
    """A statistics form: identity, validity, header, columns, rows and signatures."""

    code: str
    title: str
    source: str
    count_unit: str
    columns: tuple[FormColumn, ...] = attrs.field(converter=to_tuple)
    rows: tuple[FormRow, ...] = attrs.field(converter=to_tuple)
    valid_from: dt.date | None = None
    """The first day the form is in force; ``None``: no date of issue is recorded."""
    valid_until: dt.date | None = None
    issuer_label: str = ""
    place_date: str = ""
    label_header: str = ""
    tt_header: str = "TT"
    groups: tuple[ColumnGroup, ...] = attrs.field(default=(), converter=to_tuple)
    signatures: tuple[Signature, ...] = attrs.field(default=(), converter=to_tuple)
    year: Literal["calendar", "reporting"] = "calendar"
    """What a year of this form spans: ``calendar`` (1/1–31/12) or ``reporting``
    (15/12 of the year before to 14/12, :meth:`dtbd.Period.reporting_year`)."""
    label_numbers: tuple[str, ...] = attrs.field(default=("1", "2"), converter=to_tuple)
    """What the numbers row writes under the label columns: ``1, 2`` (TT, label) or
    ``A, B, C`` (STT, label, *Mã số*: a third label column shows each row's code)."""
    code_header: str = "Mã số"
    formula: str = "{number}={parts}"
    """How the numbers row writes a sum column: ``3=4+6+8`` or ``1=(2+3+4)``."""
    corner: str = "Biểu số {code}\nĐvt: {count_unit}"
    """The header block on the right; ``{unit}``, ``{recipient}``, ``{received}``,
    ``{code}`` and ``{count_unit}`` are filled in (a blank field is a dotted line)."""
    note: str = ""
    """Said on every output of the form: a layout that is not the official one says so."""

    def column(self, number: int) -> FormColumn:
        """The column numbered ``number``."""
        return next(c for c in self.columns if c.number == number)

    @property
    def shows_codes(self) -> bool:
        """Whether a third label column shows the rows' codes (*Mã số*)."""
        return len(self.label_numbers) == _WITH_CODES

    def heading(self, column: FormColumn) -> str:
        """The column's number as this form's numbers row writes it."""
        return column.written(self.formula)

    def in_force(self, on: dt.date) -> bool:
        """Whether the form is the one to use for a report on the date ``on``."""
        starts = self.valid_from is None or self.valid_from <= on
        return starts and (self.valid_until is None or on <= self.valid_until)

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections in the order of the row that opens them."""
        named = (s for r in self.rows for s in (*r.opens, *((r.section,) if r.section else ())))
        return tuple(dict.fromkeys(named))


_WITH_CODES = 3
"""Label columns of a form that shows row codes: STT, label, *Mã số*."""
_FIELDS = frozenset({"unit", "recipient", "received", "code", "count_unit"})


def _row_problems(form: Form) -> list[str]:
    found: list[str] = []
    codes: set[str] = set()
    for index, row in enumerate(form.rows):
        if row.code in codes:
            found.append(f"rows[{index}].code: the code {row.code!r} is used twice")
        codes.add(row.code)
        if row.leaf and row.section is None:
            found.append(f"rows[{index}].section: a leaf row belongs to a section; add one")
        if row.caption and (row.leaf or row.section or row.opens or row.match != Match()):
            found.append(f"rows[{index}].caption: a caption counts nothing; give it a label only")
        if row.tt_rows < 1 or index + row.tt_rows > len(form.rows):
            span = row.tt_rows
            found.append(f"rows[{index}].tt_rows: must span 1 to the rows left (got {span})")
    found.extend(
        f"rows: the section {section!r} has no leaf row"
        for section in form.sections
        if not any(r.leaf and r.section == section for r in form.rows)
    )
    return found


def _column_problems(form: Form) -> list[str]:
    found: list[str] = []
    if form.year not in ("calendar", "reporting"):
        found.append(f"year: 'calendar' or 'reporting' (got {form.year!r})")
    numbers = [c.number for c in form.columns]
    first = 1 if form.shows_codes else len(form.label_numbers) + 1
    if numbers != list(range(first, first + len(numbers))):
        found.append(f"columns: numbers must run {first}, {first + 1}, … in order (got {numbers})")
    for index, column in enumerate(form.columns):
        if column.count not in ("persons", "attendances", "courses"):
            found.append(
                f"columns[{index}].count: 'persons', 'attendances' or 'courses' "
                f"(got {column.count!r})"
            )
        for name, refs in (("sum", column.sum), ("of", (column.of,) if column.of else ())):
            wrong = [n for n in refs if n not in numbers or n == column.number]
            if wrong:
                found.append(f"columns[{index}].{name}: no other column numbered {wrong}")
        if not column.sum and not column.levels and column.count == "courses":
            found.append(f"columns[{index}]: give 'levels' or 'sum'")
        if column.count == "courses" and (column.categories or column.gender or column.subset):
            found.append(f"columns[{index}]: a column of classes is split by 'levels' only")
        if column.subset is not None and column.of is None:
            found.append(f"columns[{index}].of: a 'subset' column names the column it is part of")
    return found


def _header_problems(form: Form) -> list[str]:
    found: list[str] = []
    if len(form.label_numbers) not in (2, _WITH_CODES):
        found.append("label_numbers: two (TT, label) or three (STT, label, Mã số)")
    for key in ("corner", "issuer_label", "title"):
        text = getattr(form, key)
        try:
            text.format(**dict.fromkeys(_FIELDS, ""), period="")
        except (KeyError, IndexError, ValueError) as error:
            found.append(f"{key}: a field in braces is not one of {sorted(_FIELDS)} ({error})")
    try:
        form.formula.format(number=1, parts="2+3")
    except (KeyError, IndexError, ValueError) as error:
        found.append(f"formula: use {{number}} and {{parts}} ({error})")
    return found


def _problems(form: Form) -> list[str]:
    """What the types cannot say: unique codes, formulas that name columns there are."""
    return _row_problems(form) + _column_problems(form) + _header_problems(form)


def read_form(path: str | Path) -> Form:
    """A form read from a TOML file.

    Raises:
        FormFileError: every mistake of the file, each with its place (``rows[3].match``).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise FormFileError(str(path), [f"cannot read the file: {error}"]) from None
    return _structure(data, str(path))


def _structure(data: dict[str, Any], source: str) -> Form:
    from dtbd.files._convert import converter, describe_errors  # noqa: PLC0415

    try:
        form = converter().structure(data, Form)
    except Exception as error:  # noqa: BLE001  -- every structuring error, located
        raise FormFileError(source, describe_errors(error)) from None
    if problems := _problems(form):
        raise FormFileError(source, problems)
    return form


def _files() -> dict[str, str]:
    folder = resources.files("dtbd.forms") / "data"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            found[entry.name] = str(data.get("code", entry.name))
    return found


@functools.cache
def _packaged() -> tuple[Form, ...]:
    folder = resources.files("dtbd.forms") / "data"
    return tuple(
        _structure(tomllib.loads((folder / name).read_text(encoding="utf-8")), f"forms/{name}")
        for name in _files()
    )


def form_codes() -> tuple[str, ...]:
    """The codes of the forms dtbd ships, sorted."""
    return tuple(sorted({form.code for form in _packaged()}))


def load_form(code: str) -> Form:
    """The packaged form with the code ``code`` (the one valid latest, if several).

    Raises:
        KeyError: no form has that code; the message lists the codes there are.
    """
    forms = [f for f in _packaged() if f.code.casefold() == code.casefold()]
    if not forms:
        raise KeyError(f"no form has the code {code!r}; the forms are {', '.join(form_codes())}")
    return max(forms, key=lambda f: f.valid_from or dt.date.min)


def form_for(code: str, on: dt.date) -> Form:
    """The packaged form ``code`` in force on the date ``on``.

    Raises:
        KeyError: no form has that code, or none of them is in force on ``on``.
    """
    load_form(code)
    for form in _packaged():
        if form.code.casefold() == code.casefold() and form.in_force(on):
            return form
    raise KeyError(f"the form {code!r} is not in force on {on.isoformat()}")
