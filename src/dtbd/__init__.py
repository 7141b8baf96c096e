"""dtbd: training schemes of Vietnam's public servants as typed, checkable data.

*dtbd* (đào tạo, bồi dưỡng) reads the targets of a scheme ("37.000 lượt bồi dưỡng đến
năm 2025"), checks the plan's own arithmetic and measures what was done against it.
"""

from __future__ import annotations

import importlib
import sys

from dtbd._homes import HOMES
from dtbd._version import __version__

# typing.TYPE_CHECKING without importing typing (~5 ms); checkers take any as true.
TYPE_CHECKING = False

__all__ = [
    "ABOUT_TOLERANCE",
    "AGE_BANDS",
    "BREAKDOWNS",
    "DECREE_101_MIN_FOSTERING",
    "EXECUTION_BY",
    "PROBLEM_CODES",
    "REPORT_FORMATS",
    "SHEET_NAMES",
    "VIETNAMESE_HEADERS",
    "VIETNAMESE_VALUES",
    "Activity",
    "AgeReference",
    "Assessment",
    "Assignment",
    "Attendance",
    "Audit",
    "Baseline",
    "Breakdown",
    "BreakdownError",
    "BreakdownGroup",
    "Budget",
    "BudgetExecution",
    "BudgetLine",
    "Cadence",
    "Candidate",
    "Citation",
    "Cohort",
    "Count",
    "Course",
    "CourseFormat",
    "CourseSize",
    "DraftError",
    "DtbdError",
    "DuplicateSchemeError",
    "Evaluation",
    "Evaluations",
    "ExecutionError",
    "ExecutionRow",
    "Figure",
    "FigureParseError",
    "FileFormatError",
    "FilledForm",
    "Finding",
    "Form",
    "FormColumn",
    "FormFileError",
    "FormFillError",
    "FormRow",
    "FrameColumnError",
    "FrameRecords",
    "FundingSource",
    "Gender",
    "Level",
    "LoadedRecords",
    "Location",
    "Measure",
    "MissingExtraError",
    "MoneySources",
    "OrgUnit",
    "Outcome",
    "PaceMethod",
    "PartsError",
    "Period",
    "PeriodProgress",
    "Person",
    "PlantedViolation",
    "Problem",
    "Progress",
    "ProgressReport",
    "Provenance",
    "Qualifier",
    "Quote",
    "RecordError",
    "RecordProblem",
    "RecordSummary",
    "Records",
    "Reported",
    "Rule",
    "RuleKind",
    "RuleViolation",
    "Scheme",
    "SchemeFileError",
    "SchemeKind",
    "SchemeProblem",
    "Scope",
    "Severity",
    "ShareBasis",
    "SheetProblem",
    "Spending",
    "StaffCategory",
    "Status",
    "SubmissionRow",
    "TableSummary",
    "Target",
    "Timing",
    "Unclassified",
    "Unit",
    "UnitLevel",
    "UnitMismatchError",
    "UnitShare",
    "UnitTree",
    "UnitTreeError",
    "UnmatchedSpending",
    "Validation",
    "ValidationViolation",
    "Window",
    "YearAmount",
    "__version__",
    "age_on",
    "audit",
    "breakdown",
    "budget_execution",
    "check",
    "compile_scheme",
    "draft_scheme",
    "dump_scheme",
    "dump_units",
    "evaluate",
    "example_records",
    "example_submissions",
    "example_units",
    "example_violations",
    "extract",
    "fill_form",
    "form_codes",
    "form_for",
    "form_html",
    "form_markdown",
    "form_xlsx",
    "format_count",
    "format_date",
    "format_figure",
    "format_money",
    "format_number",
    "format_percent",
    "frames",
    "input_digest",
    "is_study_day",
    "json_schema",
    "json_schema_text",
    "load_form",
    "load_scheme",
    "load_units",
    "loads_scheme",
    "loads_units",
    "parse_date",
    "parse_figure",
    "progress",
    "progress_report",
    "read_form",
    "read_records",
    "records_from_dicts",
    "save_scheme",
    "save_units",
    "study_days_between",
    "study_end",
    "validate_submissions",
    "vietnam_units",
    "violations_frame",
    "violations_html",
    "write_form",
    "write_records_csv",
]

# Every public name and the module it lives in (dtbd/_homes.py). ``import dtbd`` loads
# none of them: a name's module is imported when the name is first read (PEP 562).
_HOMES = HOMES
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
_SUBPACKAGES = frozenset({"catalog"})
"""Subpackages that are part of the API, reached as ``dtbd.catalog`` without an import."""

if TYPE_CHECKING:
    from dtbd import catalog as catalog
    from dtbd._codes import PROBLEM_CODES, Problem, SchemeProblem
    from dtbd._errors import (
        DtbdError,
        FigureParseError,
        FileFormatError,
        RecordError,
        RecordProblem,
        SchemeFileError,
        UnitMismatchError,
    )
    from dtbd.auditing._audit import audit
    from dtbd.auditing._validate import validate_submissions
    from dtbd.display._frames import violations_frame
    from dtbd.display._html import violations_html
    from dtbd.documents._provenance import Provenance, input_digest
    from dtbd.documents._report import REPORT_FORMATS, ProgressReport, progress_report
    from dtbd.engine._reported import Reported
    from dtbd.engine._tallies import MoneySources, RecordSummary, TableSummary
    from dtbd.examples._records import (
        PlantedViolation,
        example_records,
        example_violations,
        write_records_csv,
    )
    from dtbd.examples._submissions import example_submissions
    from dtbd.examples._units import example_units
    from dtbd.extracting._candidate import Candidate, Timing
    from dtbd.extracting._draft import DraftError, draft_scheme
    from dtbd.extracting._extract import extract
    from dtbd.figures._figure import (
        ABOUT_TOLERANCE,
        Assessment,
        Figure,
        format_figure,
        parse_figure,
    )
    from dtbd.figures._format import (
        format_count,
        format_date,
        format_money,
        format_number,
        format_percent,
    )
    from dtbd.figures._units import Qualifier, Unit
    from dtbd.files._divisions import vietnam_units
    from dtbd.files._schema import json_schema, json_schema_text
    from dtbd.files._scheme_files import dump_scheme, load_scheme, loads_scheme, save_scheme
    from dtbd.files._units import dump_units, load_units, loads_units, save_units
    from dtbd.forms._fill import FilledForm, FormFillError, fill_form
    from dtbd.forms._form import (
        Form,
        FormColumn,
        FormFileError,
        FormRow,
        form_codes,
        form_for,
        load_form,
        read_form,
    )
    from dtbd.forms._tally import Unclassified
    from dtbd.forms._text import form_html, form_markdown, write_form
    from dtbd.forms._xlsx import form_xlsx
    from dtbd.measures._measure import Measure, compile_scheme
    from dtbd.measures._several import DuplicateSchemeError
    from dtbd.model._assigned import Assignment
    from dtbd.model._baseline import Baseline
    from dtbd.model._budget import Budget, BudgetLine, FundingSource, Spending
    from dtbd.model._calendar import is_study_day, study_days_between, study_end
    from dtbd.model._categories import (
        Activity,
        CourseFormat,
        Gender,
        Level,
        Location,
        Outcome,
        StaffCategory,
    )
    from dtbd.model._inherit import PartsError
    from dtbd.model._people import Attendance, Cohort, Course, Person, age_on
    from dtbd.model._period import Period, parse_date
    from dtbd.model._rules import DECREE_101_MIN_FOSTERING, AgeReference, Rule, RuleKind
    from dtbd.model._scheme import Scheme, SchemeKind
    from dtbd.model._scope import Scope
    from dtbd.model._sources import Citation, Quote
    from dtbd.model._submission import SubmissionRow
    from dtbd.model._target import Cadence, Count, ShareBasis, Target, Window
    from dtbd.model._units import OrgUnit, UnitLevel, UnitTree, UnitTreeError
    from dtbd.records._dicts import LoadedRecords, records_from_dicts
    from dtbd.records._frames import FrameColumnError, FrameRecords, frames
    from dtbd.records._read import (
        SHEET_NAMES,
        VIETNAMESE_HEADERS,
        VIETNAMESE_VALUES,
        MissingExtraError,
        SheetProblem,
        read_records,
    )
    from dtbd.records._records import Records
    from dtbd.results._audit import Audit
    from dtbd.results._breakdown import Breakdown, BreakdownGroup, UnitShare
    from dtbd.results._evaluation import Evaluation
    from dtbd.results._evaluations import Evaluations
    from dtbd.results._execution import BudgetExecution, ExecutionRow, UnmatchedSpending
    from dtbd.results._finding import Finding, Severity
    from dtbd.results._progress import (
        CourseSize,
        PaceMethod,
        PeriodProgress,
        Progress,
        Status,
        YearAmount,
    )
    from dtbd.results._validation import Validation, ValidationViolation
    from dtbd.results._violation import RuleViolation
    from dtbd.rules._check import check
    from dtbd.tracking._breakdown import BreakdownError, breakdown
    from dtbd.tracking._execution import EXECUTION_BY, ExecutionError, budget_execution
    from dtbd.tracking._groups import AGE_BANDS, BREAKDOWNS
    from dtbd.tracking._run import evaluate, progress


def _attribute(name: str) -> object:
    """Return a public name, importing its home module the first time it is read."""
    home = _HOME_OF.get(name)
    if home is None:
        if name in _SUBPACKAGES:
            return importlib.import_module(f"{__name__}.{name}")
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg, name=name, obj=sys.modules[__name__])
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next read does not come back here
    return value


def _names() -> list[str]:
    """List the module's names, the public ones not yet loaded included."""
    return sorted({*globals(), *__all__, *_SUBPACKAGES})


# Hidden from type checkers, which read the real names from the imports above; a visible
# module ``__getattr__`` would make every misspelt ``dtbd.name`` pass as ``object``.
if not TYPE_CHECKING:
    __getattr__ = _attribute
    __dir__ = _names
