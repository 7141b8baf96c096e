"""Audit of a plan's own figures: parts against totals, capacity, budget, cost per person."""

from __future__ import annotations

import enum
import functools
import operator
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from dtbd._budget import Budget, BudgetLine
from dtbd._figure import Figure
from dtbd._scheme import Scheme
from dtbd._target import Cadence, Count, Target
from dtbd._units import Qualifier, Unit

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Audit", "Finding", "Severity", "audit"]


class Severity(enum.Enum):
    """How serious a finding or a rule violation is."""

    ERROR = "error"
    """The figures contradict each other (or a rule is broken)."""
    WARNING = "warning"
    """Worth a look: a remainder nobody is assigned, data that cannot be checked."""
    INFO = "info"
    """A result for the record: a check that holds, a cost per person."""


@attrs.frozen(kw_only=True)
class Finding:
    """One result of :func:`audit`: a code, a severity, the ids and numbers involved.

    ``expected`` is what the plan states (a total, a target), ``computed`` what its other
    figures give (a sum of parts, a capacity, a cost per person), ``difference`` the gap
    between the two where it is defined (both single numbers, or ranges that do not
    meet), and ``operands`` the figures ``computed`` was worked out from.
    """

    code: str
    severity: Severity
    targets: tuple[str, ...] = ()
    budget_lines: tuple[str, ...] = ()
    expected: Figure | None = None
    computed: Figure | None = None
    difference: Figure | None = None
    operands: tuple[Figure, ...] = ()
    message_vi: str
    message_en: str

    def message(self, locale: str = "vi") -> str:
        """The sentence in Vietnamese (``"vi"``) or English (any ``"en…"`` locale)."""
        return self.message_en if locale.startswith("en") else self.message_vi

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field as a key (``None`` or ``[]`` when empty).

        Values go through :data:`dtbd._convert.CONVERTER`: a figure is
        ``{low, high, qualifier, unit}`` with its numbers as exact strings.
        """
        return stable_dict(self)


def stable_dict(instance: Any) -> dict[str, Any]:  # noqa: ANN401  -- any attrs instance
    """Every field of an attrs result as a key, values unstructured by the converter.

    The converter leaves out fields at their default, which suits scheme files; a
    report generator wants the same keys on every row instead.
    """
    from dtbd._convert import CONVERTER  # noqa: PLC0415  -- the converter imports the model

    return {
        field.name: CONVERTER.unstructure(getattr(instance, field.name))
        for field in attrs.fields(type(instance))
    }


@attrs.frozen
class Audit:
    """The findings of :func:`audit` on one scheme, in the order of the scheme's text."""

    scheme: str
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Findings of severity error."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings of severity warning."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """Findings of severity info."""
        return self._of(Severity.INFO)

    @property
    def ok(self) -> bool:
        """Whether no finding is an error."""
        return not self.errors

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """Findings with the given code, e.g. ``"parts-below-total"``."""
        return tuple(f for f in self.findings if f.code == code)

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{"scheme": …, "findings": [{"code": …, …}, …]}``.

        Every finding has every key of :meth:`Finding.to_dict`, in the same order.
        """
        return {"scheme": self.scheme, "findings": [f.to_dict() for f in self.findings]}

    def to_html(self, locale: str = "vi") -> str:
        """The findings as an HTML table, sentences in ``locale``."""
        from dtbd._display import audit_html  # noqa: PLC0415  -- kept out of the import path

        return audit_html(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_frame(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
        """A pandas or polars frame, a row per finding; numbers stay exact ``Decimal``."""
        from dtbd._display import audit_frame  # noqa: PLC0415  -- kept out of the import path

        return audit_frame(self.findings, backend)


def audit(scheme: Scheme) -> Audit:
    """Check a scheme's own figures against each other.

    Parts against their totals, course capacity against the target it delivers, budget
    lines against the budget's totals and their own parts, and the cost per person of
    every budget line tied to a count. docs/audit.md lists every code and its severity.

    Raises:
        TypeError: ``scheme`` is not a :class:`~dtbd.Scheme`.
    """
    if not isinstance(scheme, Scheme):
        raise TypeError(
            f"audit() takes a dtbd.Scheme, got {type(scheme).__name__}; load one with "
            "dtbd.load_scheme(path) or build it with Scheme(id, title, period, …)"
        )
    findings: list[Finding] = []
    for target in scheme.all_targets():
        findings.extend(_parts(target))
        findings.extend(_capacity(scheme, target))
    if scheme.budget is not None:
        findings.extend(_budget(scheme.budget))
        findings.extend(_costs(scheme, scheme.budget))
    return Audit(scheme.id, tuple(findings))


# -- comparing figures ------------------------------------------------------------------


class Direction(enum.Enum):
    """Where a computed figure lies against a stated one, before any tolerance."""

    SAME = "same"
    """Every value of the computed figure is a value of the stated one."""
    BELOW = "below"
    ABOVE = "above"


def _raw(figure: Figure) -> tuple[Decimal, Decimal | None]:
    return (figure.low if figure.low is not None else Decimal(0), figure.high)


def _middle(figure: Figure) -> Decimal:
    low, high = _raw(figure)
    if high is None:
        return low
    if figure.low is None:
        return high
    return (low + high) / 2


def direction(computed: Figure, stated: Figure) -> Direction:
    """SAME when ``computed`` lies inside ``stated`` as written, else BELOW or ABOVE.

    Off the stated figure, the side is that of the computed figure's middle (its bound,
    for an open figure) against the stated figure's middle.
    """
    c_low, c_high = _raw(computed)
    s_low, s_high = _raw(stated)
    fits_top = s_high is None or (c_high is not None and c_high <= s_high)
    if c_low >= s_low and fits_top:
        return Direction.SAME
    return Direction.BELOW if _middle(computed) < _middle(stated) else Direction.ABOVE


def overlaps(computed: Figure, stated: Figure) -> bool:
    """Whether the two figures share a value once approximate ones take their tolerance.

    "khoảng" widens both ends by :data:`dtbd.ABOUT_TOLERANCE`, "gần" the lower end;
    touching ends count as shared.
    """
    c_low, c_high = computed.acceptance()
    s_low, s_high = stated.acceptance()
    return (s_high is None or c_low <= s_high) and (c_high is None or s_low <= c_high)


def difference(computed: Figure, stated: Figure) -> Figure | None:
    """The gap between two figures of one unit, or ``None`` where it is not defined.

    Defined for two single numbers (exact, or "about" when either is approximate) and
    for figures that do not meet as written: from the nearer ends to the farther ends,
    open where an end is open. Overlapping ranges have no single gap.
    """
    where = direction(computed, stated)
    if where is Direction.SAME:
        return None
    larger, smaller = (stated, computed) if where is Direction.BELOW else (computed, stated)
    approximate = larger.qualifier.is_approximate or smaller.qualifier.is_approximate
    if larger.value is not None and smaller.value is not None:
        gap = larger.value - smaller.value
        qualifier = Qualifier.ABOUT if approximate else Qualifier.EXACT
        return Figure(gap, gap, qualifier=qualifier, unit=larger.unit)
    l_low, l_high = _raw(larger)
    s_low, s_high = _raw(smaller)
    if s_high is None or l_low <= s_high:
        return None
    low = l_low - s_high
    if l_high is None:
        strict = larger.qualifier in _STRICT_BELOW or smaller.qualifier in _STRICT_ABOVE
        qualifier = Qualifier.MORE_THAN if strict else Qualifier.AT_LEAST
        return Figure(low, None, qualifier=qualifier, unit=larger.unit)
    qualifier = Qualifier.ABOUT if approximate else Qualifier.EXACT
    return Figure(low, l_high - s_low, qualifier=qualifier, unit=larger.unit)


_STRICT_BELOW = {Qualifier.MORE_THAN}
_STRICT_ABOVE = {Qualifier.LESS_THAN}


def divide(amount: Figure, count: Figure) -> Figure | None:
    """Money per head: ``amount`` over ``count``, rounded half up to the whole đồng.

    Ends divide crosswise (the lowest cost is the lowest amount over the highest count);
    an end that cannot be bounded stays open, and ``None`` means neither end can be.

    >>> divide(Figure.exact(11_000_000_000, Unit.VND), Figure.exact(60, Unit.PERSON)).low
    Decimal('183333333')
    """
    a_low, a_high = _raw(amount)
    c_low, c_high = _raw(count)
    low = a_low / c_high if c_high and a_low else None
    high = a_high / c_low if a_high is not None and c_low else None
    if low is None and high is None:
        return None
    low = None if low is None else low.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    high = None if high is None else high.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if high is None:
        strict = amount.qualifier in _STRICT_BELOW or count.qualifier in _STRICT_ABOVE
        qualifier = Qualifier.MORE_THAN if strict else Qualifier.AT_LEAST
    elif low is None:
        strict = amount.qualifier in _STRICT_ABOVE or count.qualifier in _STRICT_BELOW
        qualifier = Qualifier.LESS_THAN if strict else Qualifier.AT_MOST
    elif amount.qualifier.is_approximate or count.qualifier.is_approximate:
        qualifier = Qualifier.ABOUT
    else:
        qualifier = Qualifier.EXACT
    return Figure(low, high, qualifier=qualifier, unit=Unit.VND)


def _sum(figures: list[Figure]) -> Figure:
    return functools.reduce(operator.add, figures)


def _f(figure: Figure | None, locale: str) -> str:
    return "?" if figure is None else figure.format(locale)


def _tolerance_note(direction_: Direction, *, consistent: bool) -> tuple[str, str]:
    if direction_ is Direction.SAME or not consistent:
        return "", ""
    return (
        " (trong phạm vi sai số của số ước lượng hoặc khoảng số)",
        " (within the tolerance of an approximate figure or range)",
    )


# -- parts against their total ----------------------------------------------------------


def _parts(target: Target) -> list[Finding]:
    # Shares of different populations do not add up, so their parts are not summed.
    if not target.parts or target.counts is Count.SHARE:
        return []
    findings = [_without_number(target, part) for part in target.parts if part.figure is None]
    numbered = [part for part in target.parts if part.figure is not None]
    if target.figure is None or not numbered:
        return findings
    stated = target.figure
    computed = _sum([part.figure for part in numbered if part.figure is not None])
    ids = (target.id, *(part.id for part in numbered))
    where = direction(computed, stated)
    consistent = overlaps(computed, stated)
    gap = difference(computed, stated)
    spare = len(numbered) < len(target.parts)
    spare_labels = ", ".join(part.label for part in target.parts if part.figure is None)
    vi_note, en_note = _tolerance_note(where, consistent=consistent)
    if where is Direction.SAME:
        code, severity = "parts-match-total", Severity.INFO
        vi = f"Các phần của «{target.label}» cộng lại {_f(computed, 'vi')}, khớp với tổng {_f(stated, 'vi')}."  # noqa: E501
        en = f"The parts of “{target.label}” add up to {_f(computed, 'en')}, matching the total of {_f(stated, 'en')}."  # noqa: E501
    elif where is Direction.BELOW and not target.breakdown:
        code, severity = "parts-single-out", Severity.INFO
        vi = f"Các phần của «{target.label}» ({_f(computed, 'vi')}) chỉ nêu riêng một phần của tổng {_f(stated, 'vi')}, không nhằm cộng đủ tổng."  # noqa: E501
        en = f"The parts of “{target.label}” ({_f(computed, 'en')}) single out some of the total of {_f(stated, 'en')}; they are not meant to add up to it."  # noqa: E501
    elif where is Direction.BELOW:
        code = "parts-below-total"
        severity = Severity.INFO if spare or consistent else Severity.WARNING
        if spare:
            rest_vi = (
                f": còn tối đa {_f(gap, 'vi')} cho phần không có số ({spare_labels})"
                if gap
                else ""
            )
            rest_en = (
                f": at most {_f(gap, 'en')} is left for the part without a number ({spare_labels})"
                if gap
                else ""
            )
        else:
            rest_vi = f": {_f(gap, 'vi')} chưa được phân bổ" if gap else ""
            rest_en = f": {_f(gap, 'en')} not allocated" if gap else ""
        vi = f"Các phần của «{target.label}» cộng lại {_f(computed, 'vi')}, thấp hơn tổng {_f(stated, 'vi')}{rest_vi}{vi_note}."  # noqa: E501
        en = f"The parts of “{target.label}” add up to {_f(computed, 'en')}, below the total of {_f(stated, 'en')}{rest_en}{en_note}."  # noqa: E501
    else:
        code = "parts-above-total"
        severity = Severity.INFO if consistent else Severity.ERROR
        over_vi = f", vượt {_f(gap, 'vi')}" if gap else ""
        over_en = f", {_f(gap, 'en')} over" if gap else ""
        vi = f"Các phần của «{target.label}» cộng lại {_f(computed, 'vi')}, cao hơn tổng {_f(stated, 'vi')}{over_vi}{vi_note}."  # noqa: E501
        en = f"The parts of “{target.label}” add up to {_f(computed, 'en')}, above the total of {_f(stated, 'en')}{over_en}{en_note}."  # noqa: E501
    findings.append(
        Finding(
            code=code,
            severity=severity,
            targets=ids,
            expected=stated,
            computed=computed,
            difference=gap,
            operands=tuple(part.figure for part in numbered if part.figure is not None),
            message_vi=vi,
            message_en=en,
        )
    )
    return findings


def _without_number(target: Target, part: Target) -> Finding:
    # The note is free text in whatever language its author wrote, so it is not spliced
    # into the two sentences; the finding names the part and the reader can look it up.
    return Finding(
        code="part-without-number",
        severity=Severity.INFO,
        targets=(target.id, part.id),
        expected=target.figure,
        message_vi=f"Phần «{part.label}» của «{target.label}» không có số.",
        message_en=f"The part “{part.label}” of “{target.label}” has no number.",
    )


# -- capacity: courses × size × years against the target the courses deliver -------------


def _capacity(scheme: Scheme, target: Target) -> list[Finding]:
    size, courses = target.course_size, target.figure
    if target.delivers is None or size is None or courses is None:
        return []
    delivered = scheme.target(target.delivers)
    if delivered.figure is None:
        return []
    ids = (target.id, delivered.id)
    if delivered.counts not in {Count.PERSONS, Count.ATTENDANCES}:
        return [
            Finding(
                code="capacity-unit",
                severity=Severity.ERROR,
                targets=ids,
                expected=delivered.figure,
                message_vi=f"«{target.label}» đào tạo người, nhưng «{delivered.label}» không đếm người hay lượt người.",  # noqa: E501
                message_en=f"“{target.label}” trains people, but “{delivered.label}” counts neither persons nor attendances.",  # noqa: E501
            )
        ]
    operands = [courses, size]
    capacity = courses * size
    if target.window.cadence is Cadence.PER_YEAR:
        years = Figure.exact(len(target.window.within(scheme.period).years), Unit.YEAR)
        operands.append(years)
        capacity = capacity * years
    stated = delivered.figure
    if delivered.window.cadence is Cadence.PER_YEAR:
        stated = stated * len(delivered.window.within(scheme.period).years)
    # A seat on a course is one attendance (lượt); for a persons target it is one person.
    capacity = attrs.evolve(capacity, unit=stated.unit)
    consistent = overlaps(capacity, stated)
    product = " × ".join(f.format("vi") for f in operands)
    product_en = " × ".join(f.format("en") for f in operands)
    ends_vi, ends_en = _ends_outside(capacity, stated)
    verdict_vi = "khớp (hai khoảng giao nhau)" if consistent else "không khớp"
    verdict_en = "consistent by overlap" if consistent else "inconsistent, no overlap"
    return [
        Finding(
            code="capacity-range",
            severity=Severity.INFO if consistent else Severity.ERROR,
            targets=ids,
            expected=stated,
            computed=capacity,
            difference=difference(capacity, stated),
            operands=tuple(operands),
            message_vi=f"«{target.label}»: {product} = {capacity.format('vi')}, so với {stated.format('vi')} của «{delivered.label}»: {verdict_vi}{ends_vi}.",  # noqa: E501
            message_en=f"“{target.label}”: {product_en} = {capacity.format('en')} against {stated.format('en')} for “{delivered.label}”: {verdict_en}{ends_en}.",  # noqa: E501
        )
    ]


def _ends_outside(computed: Figure, stated: Figure) -> tuple[str, str]:
    vi: list[str] = []
    en: list[str] = []
    unit = computed.unit
    if computed.high is not None and stated.high is not None and computed.high > stated.high:
        top, limit = Figure.exact(computed.high, unit), Figure.exact(stated.high, unit)
        vi.append(f"đầu trên {top.format('vi')} cao hơn {limit.format('vi')}")
        en.append(f"the top end {top.format('en')} is above {limit.format('en')}")
    if computed.high is None and stated.high is not None:
        vi.append("không có đầu trên")
        en.append("it has no top end")
    low, stated_low = computed.low, stated.low
    if low is not None and stated_low is not None and low < stated_low:
        bottom, limit = Figure.exact(low, unit), Figure.exact(stated_low, unit)
        vi.append(f"đầu dưới {bottom.format('vi')} thấp hơn {limit.format('vi')}")
        en.append(f"the bottom end {bottom.format('en')} is below {limit.format('en')}")
    if not vi:
        return "", ""
    return "; " + ", ".join(vi), "; " + ", ".join(en)


# -- budget lines against totals --------------------------------------------------------


def _budget(budget: Budget) -> list[Finding]:
    findings: list[Finding] = []
    priced = [line for line in budget.lines if line.amount is not None]
    if priced:
        computed = _sum([line.amount for line in priced if line.amount is not None])
        ids = tuple(line.id for line in priced)
        if budget.total is not None:
            findings.append(_lines_vs(budget.total, computed, ids, overall=False))
        if budget.overall is not None:
            findings.append(_lines_vs(budget.overall, computed, ids, overall=True))
    for line in budget.walk():
        findings.extend(_line_parts(line))
    return findings


def _lines_vs(stated: Figure, computed: Figure, ids: tuple[str, ...], *, overall: bool) -> Finding:
    where = direction(computed, stated)
    consistent = overlaps(computed, stated)
    what_vi, what_en = ("tổng kinh phí", "overall budget") if overall else ("kinh phí", "budget")
    if where is Direction.ABOVE and not consistent:
        severity, vi_v, en_v = Severity.ERROR, "vượt", "above"
    elif where is Direction.BELOW and overall:
        severity, vi_v, en_v = Severity.INFO, "chỉ là một phần của", "only part of"
    elif consistent:
        severity, vi_v, en_v = Severity.INFO, "khớp với", "consistent with"
    else:
        severity, vi_v, en_v = Severity.ERROR, "thấp hơn", "short of"
    return Finding(
        code="budget-lines-vs-overall" if overall else "budget-lines-vs-total",
        severity=severity,
        budget_lines=ids,
        expected=stated,
        computed=computed,
        difference=difference(computed, stated),
        message_vi=f"Các dòng kinh phí cộng lại {computed.format('vi')}: {vi_v} {what_vi} "
        f"{stated.format('vi')}.",
        message_en=f"The budget lines add up to {computed.format('en')}: {en_v} the {what_en} "
        f"of {stated.format('en')}.",
    )


def _line_parts(line: BudgetLine) -> list[Finding]:
    priced = [part for part in line.parts if part.amount is not None]
    if line.amount is None or not priced:
        return []
    computed = _sum([part.amount for part in priced if part.amount is not None])
    consistent = overlaps(computed, line.amount)
    vi_v, en_v = ("khớp với", "consistent with") if consistent else ("không khớp với", "not")
    gap = difference(computed, line.amount)
    gap_vi = f" (chênh {gap.format('vi')})" if gap else ""
    gap_en = f" (a gap of {gap.format('en')})" if gap else ""
    return [
        Finding(
            code="budget-parts-vs-line",
            severity=Severity.INFO if consistent else Severity.ERROR,
            budget_lines=(line.id, *(part.id for part in priced)),
            expected=line.amount,
            computed=computed,
            difference=gap,
            operands=tuple(part.amount for part in priced if part.amount is not None),
            message_vi=f"Các phần của dòng «{line.label}» cộng lại {computed.format('vi')}, {vi_v} {line.amount.format('vi')}{gap_vi}.",  # noqa: E501
            message_en=f"The parts of the line “{line.label}” add up to {computed.format('en')}, {en_v} {line.amount.format('en')}{gap_en}.",  # noqa: E501
        )
    ]


# -- cost per person --------------------------------------------------------------------


def _approx(cost: Figure, locale: str) -> str:
    """The cost to four significant digits ("≈ 183,3 triệu đồng"), the exact one beside."""

    def round4(number: Decimal | None) -> Decimal | None:
        if number is None or not number:
            return number
        places = Decimal(1).scaleb(number.adjusted() - 3)
        return number.quantize(places, rounding=ROUND_HALF_UP).quantize(Decimal(1))

    shown = Figure(round4(cost.low), round4(cost.high), qualifier=cost.qualifier, unit=cost.unit)
    if shown == cost:
        return cost.format(locale)
    return f"≈ {shown.format(locale)} ({cost.format(locale)})"


def _costs(scheme: Scheme, budget: Budget) -> list[Finding]:
    findings: list[Finding] = []
    for line in budget.walk():
        if line.target is None:
            continue
        target = scheme.target(line.target)
        if target.counts not in {Count.PERSONS, Count.ATTENDANCES}:
            continue
        each_vi, each_en = ("mỗi lượt", "per attendance")
        if target.counts is Count.PERSONS:
            each_vi, each_en = ("mỗi người", "per person")
        cost = None
        if line.amount is not None and target.figure is not None:
            cost = divide(line.amount, target.figure)
        if cost is None or line.amount is None or target.figure is None:
            findings.append(
                Finding(
                    code="cost-per-person-unavailable",
                    severity=Severity.INFO,
                    targets=(target.id,),
                    budget_lines=(line.id,),
                    message_vi=f"Không tính được chi phí {each_vi} của dòng «{line.label}»: thiếu số tiền hoặc số người có giới hạn.",  # noqa: E501
                    message_en=f"The cost {each_en} of the line “{line.label}” cannot be worked out: the amount or a bounded head count is missing.",  # noqa: E501
                )
            )
            continue
        findings.append(
            Finding(
                code="cost-per-person",
                severity=Severity.INFO,
                targets=(target.id,),
                budget_lines=(line.id,),
                computed=cost,
                operands=(line.amount, target.figure),
                message_vi=f"«{line.label}»: {line.amount.format('vi')} cho "
                f"{target.figure.format('vi')}, {each_vi} {_approx(cost, 'vi')}.",
                message_en=f"“{line.label}”: {line.amount.format('en')} for "
                f"{target.figure.format('en')}, {_approx(cost, 'en')} {each_en}.",
            )
        )
    return findings
