"""Results in notebooks: HTML tables, dataframes (pandas or polars) and a progress chart.

HTML escapes every text and formats every number through babel (:mod:`dtbd._locale`).
Frames keep numbers exact: a ``Decimal`` stays a ``Decimal`` (pandas ``object``,
polars ``Decimal``). The chart is the only place numbers become floats, as pixels.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from dtbd._locale import format_count, format_date, format_figure, format_number, format_percent
from dtbd._record_files import require
from dtbd._target import Cadence, Count
from dtbd._units import Unit

if TYPE_CHECKING:
    from dtbd._audit import Audit, Finding
    from dtbd._check import RuleViolation
    from dtbd._evaluate import Evaluation
    from dtbd._figure import Figure
    from dtbd._progress import Progress

__all__ = [
    "STATUS_WORDS",
    "audit_frame",
    "audit_html",
    "evaluation_frame",
    "evaluation_html",
    "plot_progress",
    "progress_frame",
    "progress_html",
    "violations_frame",
    "violations_html",
]

Backend = Literal["pandas", "polars"]

STATUS_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "not_started": "Chưa bắt đầu", "on_track": "Đúng tiến độ",
        "behind": "Chậm, cần đẩy nhanh", "off_track": "Chậm nhiều", "met": "Đạt",
        "exceeded": "Vượt", "missed": "Không đạt", "unable_to_assess": "Chưa đánh giá được",
        "error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin",
    },
    "en": {
        "not_started": "Not started", "on_track": "On track",
        "behind": "Behind, needs acceleration", "off_track": "Off track", "met": "Met",
        "exceeded": "Exceeded", "missed": "Missed", "unable_to_assess": "Unable to assess",
        "error": "Error", "warning": "Warning", "info": "Info",
    },
}  # fmt: skip
"""Readable words for progress statuses and severities, by locale."""

_HEADS = {
    "vi": {
        "target": "Chỉ tiêu", "figure": "Mục tiêu", "achieved": "Đã đạt",
        "share": "Tỷ lệ đạt", "expected": "Theo tiến độ đều", "gap": "Chênh lệch",
        "required": "Cần mỗi năm", "forecast": "Dự báo cuối kỳ", "status": "Tình trạng",
        "year": "Năm", "severity": "Mức độ", "code": "Mã", "message": "Nội dung",
        "rule": "Quy định", "person": "Người", "course": "Khóa", "as_of": "Tính đến",
        "records": "Bản ghi", "counted": "được tính", "malformed": "lỗi",
    },
    "en": {
        "target": "Target", "figure": "Figure", "achieved": "Achieved", "share": "Share",
        "expected": "Expected at steady pace", "gap": "Gap", "required": "Required a year",
        "forecast": "Forecast", "status": "Status", "year": "Year", "severity": "Severity",
        "code": "Code", "message": "Message", "rule": "Rule", "person": "Person",
        "course": "Course", "as_of": "As of", "records": "Records", "counted": "counted",
        "malformed": "malformed",
    },
}  # fmt: skip


_TABLE_WORDS = {
    "vi": ("cán bộ", "khóa học", "lượt học", "khoản chi"),
    "en": ("persons", "courses", "attendances", "spending"),
}


def _words(locale: str) -> dict[str, str]:
    if locale not in _HEADS:
        raise ValueError(f"unsupported locale {locale!r}; pass locale='vi' or locale='en'")
    return _HEADS[locale]


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _amount(value: Decimal | None, unit: Unit, locale: str) -> str:
    if value is None:
        return "–"
    return format_count(value, unit, locale)


def _share(value: Decimal | None, locale: str) -> str:
    return "–" if value is None else format_percent(value, locale)


def _table(heads: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    """An HTML table; ``heads`` and ``caption`` are escaped here, cells must be already."""
    head = "".join(f"<th>{_e(h)}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f'<table class="dtbd">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _progress_cells(p: Progress, locale: str) -> list[str]:
    figure = "–" if p.figure is None else _e(format_figure(p.figure, locale))
    return [
        f"{_e(p.label)}<br><small>{_e(p.target_id)}</small>",
        figure,
        _e(_amount(p.achieved, p.unit, locale)),
        _e(_share(p.share_of_low, locale)),
        _e(_amount(p.expected, p.unit, locale)),
        _e(_amount(p.gap, p.unit, locale)),
        _e(_amount(p.required_per_year, p.unit, locale)),
        _e(_amount(p.forecast, p.unit, locale)),
        _e(STATUS_WORDS[locale][p.status.value]),
    ]


_PROGRESS_HEADS = (
    "target", "figure", "achieved", "share", "expected", "gap", "required", "forecast", "status",
)  # fmt: skip


def progress_html(p: Progress, locale: str = "vi") -> str:
    """One target's progress as an HTML table, with a row per year for a per-year target."""
    words = _words(locale)
    caption = f"{words['as_of']} {format_date(p.as_of, locale)}"
    html_ = _table([words[h] for h in _PROGRESS_HEADS], [_progress_cells(p, locale)], caption)
    if not p.years:
        return html_
    figure = p.per_year_figure
    years = [
        [
            _e(y.year),
            "–" if figure is None else _e(format_figure(figure, locale)),
            _e(_amount(y.achieved, p.unit, locale)),
            _e(_share(y.share_of_low, locale)),
            _e(STATUS_WORDS[locale][y.status.value]),
        ]
        for y in p.years
    ]
    heads = [words[h] for h in ("year", "figure", "achieved", "share", "status")]
    return html_ + _table(heads, years)


def evaluation_html(e: Evaluation, locale: str = "vi") -> str:
    """Every target of an evaluation as one HTML table, and a line on the records."""
    words = _words(locale)
    caption = f"{e.scheme_id} · {words['as_of']} {format_date(e.as_of, locale)}"
    rows = [_progress_cells(p, locale) for p in e.targets.values()]
    table = _table([words[h] for h in _PROGRESS_HEADS], rows, caption)
    tables = (e.records.persons, e.records.courses, e.records.attendances, e.records.spending)
    names = _TABLE_WORDS[locale]
    parts = [
        f"{name}: {format_number(s.counted, locale)} {words['counted']}, "
        f"{format_number(s.malformed, locale)} {words['malformed']}"
        for name, s in zip(names, tables, strict=True)
        if s.read
    ]
    summary = f"<p>{_e(words['records'])}: {_e('; '.join(parts) or '–')}</p>"
    return table + summary


def audit_html(a: Audit, locale: str = "vi") -> str:
    """An audit's findings as an HTML table: severity, code, targets, the sentence."""
    words = _words(locale)
    rows = [
        [
            _e(STATUS_WORDS[locale][f.severity.value]),
            _e(f.code),
            _e(", ".join(f.targets + f.budget_lines)),
            _e(f.message(locale)),
        ]
        for f in a.findings
    ]
    heads = [words["severity"], words["code"], words["target"], words["message"]]
    return _table(heads, rows, a.scheme)


def violations_html(violations: Iterable[RuleViolation], locale: str = "vi") -> str:
    """Rule violations (from :func:`dtbd.check`) as an HTML table."""
    words = _words(locale)
    rows = [
        [
            _e(STATUS_WORDS[locale][v.severity.value]),
            _e(v.code),
            _e(v.rule or ""),
            _e(v.person or ""),
            _e(v.course or ""),
            _e(v.message(locale)),
        ]
        for v in violations
    ]
    heads = [words[h] for h in ("severity", "code", "rule", "person", "course", "message")]
    return _table(heads, rows)


# -- dataframes ----------------------------------------------------------------------------

Kind = Literal["text", "decimal", "int", "date", "bool"]
Column = tuple[str, Kind, Callable[[Any], object]]


def _fig(end: str) -> Callable[[Figure | None], Decimal | None]:
    return lambda f: None if f is None else getattr(f, end)


_PROGRESS_COLUMNS: tuple[Column, ...] = (
    ("target_id", "text", lambda p: p.target_id),
    ("label", "text", lambda p: p.label),
    ("status", "text", lambda p: p.status.value),
    ("counts", "text", lambda p: p.counts.value),
    ("unit", "text", lambda p: p.unit.value),
    ("cadence", "text", lambda p: p.cadence.value),
    ("qualifier", "text", lambda p: None if p.figure is None else p.figure.qualifier.value),
    ("figure_low", "decimal", lambda p: _fig("low")(p.figure)),
    ("figure_high", "decimal", lambda p: _fig("high")(p.figure)),
    ("window_start", "date", lambda p: p.window.start),
    ("window_end", "date", lambda p: p.window.end),
    ("as_of", "date", lambda p: p.as_of),
    *(
        (name, "decimal", lambda p, name=name: getattr(p, name))
        for name in (
            "achieved",
            "numerator",
            "denominator",
            "share_of_low",
            "share_of_high",
            "elapsed",
            "expected",
            "gap",
            "remaining_low",
            "remaining_high",
            "years_elapsed",
            "years_remaining",
            "observed_per_year",
            "required_per_year",
            "required_per_course",
            "pace_ratio",
            "forecast",
        )
    ),
    ("aspirational", "bool", lambda p: p.aspirational),
)

_FINDING_COLUMNS: tuple[Column, ...] = (
    ("code", "text", lambda f: f.code),
    ("severity", "text", lambda f: f.severity.value),
    ("targets", "text", lambda f: ";".join(f.targets)),
    ("budget_lines", "text", lambda f: ";".join(f.budget_lines)),
    *(
        (f"{name}_{end}", "decimal", lambda f, name=name, end=end: _fig(end)(getattr(f, name)))
        for name in ("expected", "computed", "difference")
        for end in ("low", "high")
    ),
    ("message_vi", "text", lambda f: f.message_vi),
    ("message_en", "text", lambda f: f.message_en),
)

_VIOLATION_COLUMNS: tuple[Column, ...] = (
    ("code", "text", lambda v: v.code),
    ("severity", "text", lambda v: v.severity.value),
    ("rule", "text", lambda v: v.rule),
    ("kind", "text", lambda v: None if v.kind is None else v.kind.value),
    ("person", "text", lambda v: v.person),
    ("course", "text", lambda v: v.course),
    ("other_course", "text", lambda v: v.other_course),
    ("year", "int", lambda v: v.year),
    ("date", "date", lambda v: v.date),
    *(
        (f"{name}_{end}", "decimal", lambda v, name=name, end=end: _fig(end)(getattr(v, name)))
        for name in ("expected", "actual")
        for end in ("low", "high")
    ),
    ("message_vi", "text", lambda v: v.message_vi),
    ("message_en", "text", lambda v: v.message_en),
)


def _plain(value: object) -> object:
    # pendulum dates subclass date; frames want the plain type.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return value


def _scale(values: Iterable[object]) -> int:
    """Decimal places of the most precise value: polars' Decimal needs one scale."""
    scale = 0
    for value in values:
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int):
                scale = max(scale, -exponent)
    return scale


def _frame(columns: Sequence[Column], items: Iterable[object], backend: Backend) -> Any:  # noqa: ANN401  -- a pandas or polars frame
    data = {name: [] for name, _kind, _get in columns}  # type: dict[str, list[object]]
    for item in items:
        for name, _kind, get in columns:
            data[name].append(_plain(get(item)))
    if backend == "pandas":
        pandas = require("pandas", "pandas", "to_frame(backend='pandas')")
        # Decimals and dates stay Python objects (object dtype): exact, as the model has them.
        dtypes = {"decimal": object, "date": object, "int": "Int64", "bool": bool, "text": None}
        return pandas.DataFrame(
            {name: pandas.Series(data[name], dtype=dtypes[kind]) for name, kind, _g in columns}
        )
    if backend == "polars":
        polars = require("polars", "polars", "to_frame(backend='polars')")
        types = {
            "text": polars.String, "int": polars.Int64, "date": polars.Date,
            "bool": polars.Boolean,
        }  # fmt: skip
        schema = {
            name: polars.Decimal(38, _scale(data[name])) if kind == "decimal" else types[kind]
            for name, kind, _get in columns
        }
        return polars.DataFrame(data, schema=schema)
    raise ValueError(f"unknown backend {backend!r}; pass backend='pandas' or backend='polars'")


def progress_frame(progresses: Iterable[Progress], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per target: ids, status, figure ends, window and every number, exact."""
    return _frame(_PROGRESS_COLUMNS, progresses, backend)


def evaluation_frame(e: Evaluation, backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per target of an evaluation, in tree order."""
    return progress_frame(e.targets.values(), backend)


def audit_frame(findings: Iterable[Finding], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per finding: code, severity, ids, figure ends and both sentences."""
    return _frame(_FINDING_COLUMNS, findings, backend)


def violations_frame(violations: Iterable[RuleViolation], backend: Backend = "pandas") -> Any:  # noqa: ANN401  -- the user's frame type
    """A row per rule violation."""
    return _frame(_VIOLATION_COLUMNS, violations, backend)


# -- chart ---------------------------------------------------------------------------------

_LEGEND = {
    "vi": ("Đã đạt", "Tiến độ đều", "Khoảng chỉ tiêu", "Dự báo", "Chỉ tiêu mỗi năm"),
    "en": ("Achieved", "Steady pace", "Target band", "Forecast", "Per-year target"),
}


def _f(value: Decimal | None) -> float:
    # The one place a number becomes a float: a position on the chart, never a result.
    return float(value or 0)


def plot_progress(p: Progress, ax: Any = None, locale: str = "vi") -> Any:  # noqa: ANN401  -- matplotlib Axes, an optional extra
    """Draw a target's progress on ``ax`` (a new figure's axes if ``None``); returns the axes.

    A per-year target (not a share) draws a bar per year against the per-year figure (a
    band for a range); any other target draws the cumulative achieved, the steady-pace
    line from the window's start to the figure at its end (a band for a range) and the
    forecast at the current pace.
    """
    _words(locale)  # refuses an unknown locale
    achieved, pace, band, forecast, per_year = _LEGEND[locale]
    if ax is None:
        pyplot = require("matplotlib.pyplot", "plot", "Progress.plot()")
        _figure, ax = pyplot.subplots()
    ax.set_title(p.label)
    if p.cadence is Cadence.PER_YEAR and p.counts is not Count.SHARE and p.years:
        years = [y.year for y in p.years]
        ax.bar(years, [_f(y.achieved) for y in p.years], label=achieved)
        figure = p.per_year_figure
        if figure is not None:
            low, high = figure.low, figure.high
            if low is not None and high is not None and low != high:
                ax.axhspan(
                    _f(low),
                    _f(high),
                    alpha=0.2,
                    label=f"{per_year}: {format_figure(figure, locale)}",
                )
            else:
                ax.axhline(_f(low if low is not None else high), linestyle="--", label=per_year)
        ax.set_xticks(years)
    else:
        start, end = p.window.start, p.window.end
        now = min(max(p.as_of, start), end)
        ax.plot([start, now], [0, _f(p.achieved)], marker="o", label=achieved)
        if p.figure is not None:
            low, high = p.figure.low, p.figure.high
            if low is not None and high is not None and low != high:
                ax.fill_between(
                    [start, end], [0, _f(low)], [0, _f(high)], alpha=0.2,
                    label=f"{band}: {format_figure(p.figure, locale)}",
                )  # fmt: skip
            ends = low if low is not None else high
            ax.plot([start, end], [0, _f(ends)], linestyle="--", label=pace)
        if p.forecast is not None and p.as_of < end:
            ax.plot([now, end], [_f(p.achieved), _f(p.forecast)], linestyle=":", label=forecast)
        ax.axvline(now, color="grey", linewidth=0.5)
    ax.set_ylabel(_unit_label(p.unit, locale))
    ax.legend()
    return ax


def _unit_label(unit: Unit, locale: str) -> str:
    words = format_count(2, unit, locale)
    return words.split(" ", 1)[1] if " " in words else words
