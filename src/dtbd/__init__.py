"""dtbd: training schemes of Vietnam's public servants as typed, checkable data.

*dtbd* (đào tạo, bồi dưỡng) reads the targets of a scheme ("37.000 lượt bồi dưỡng đến
năm 2025"), checks the plan's own arithmetic and measures what was done against it.
"""

from __future__ import annotations

from dtbd._errors import (
    DtbdError,
    FigureParseError,
    FileFormatError,
    RecordError,
    RecordProblem,
    SchemeFileError,
    UnitMismatchError,
)
from dtbd.audit._audit import audit
from dtbd.display._frames import violations_frame
from dtbd.display._html import violations_html
from dtbd.engine._tallies import RecordSummary, TableSummary
from dtbd.examples._records import (
    PlantedViolation,
    example_records,
    example_violations,
    write_records_csv,
)
from dtbd.figures._figure import ABOUT_TOLERANCE, Assessment, Figure, format_figure, parse_figure
from dtbd.figures._format import (
    format_count,
    format_date,
    format_money,
    format_number,
    format_percent,
)
from dtbd.figures._units import Qualifier, Unit
from dtbd.files._schema import json_schema, json_schema_text
from dtbd.files._scheme_files import dump_scheme, load_scheme, loads_scheme, save_scheme
from dtbd.measures._measure import Measure, compile_scheme
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
from dtbd.model._people import Attendance, Cohort, Course, Person, age_on
from dtbd.model._period import Period, parse_date
from dtbd.model._rules import DECREE_101_MIN_FOSTERING, AgeReference, Rule, RuleKind
from dtbd.model._scheme import Scheme, SchemeKind
from dtbd.model._scope import Scope
from dtbd.model._sources import Citation, Quote
from dtbd.model._target import Cadence, Count, ShareBasis, Target, Window
from dtbd.progress._run import evaluate, progress
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
from dtbd.results._evaluation import Evaluation
from dtbd.results._finding import Finding, Severity
from dtbd.results._progress import CourseSize, Progress, Status, YearProgress
from dtbd.results._violation import RuleViolation
from dtbd.rules._check import check

__version__ = "0.1.0"

__all__ = [
    "ABOUT_TOLERANCE",
    "DECREE_101_MIN_FOSTERING",
    "SHEET_NAMES",
    "VIETNAMESE_HEADERS",
    "VIETNAMESE_VALUES",
    "Activity",
    "AgeReference",
    "Assessment",
    "Attendance",
    "Audit",
    "Budget",
    "BudgetLine",
    "Cadence",
    "Citation",
    "Cohort",
    "Count",
    "Course",
    "CourseFormat",
    "CourseSize",
    "DtbdError",
    "Evaluation",
    "Figure",
    "FigureParseError",
    "FileFormatError",
    "Finding",
    "FrameColumnError",
    "FrameRecords",
    "FundingSource",
    "Gender",
    "Level",
    "LoadedRecords",
    "Location",
    "Measure",
    "MissingExtraError",
    "Outcome",
    "Period",
    "Person",
    "PlantedViolation",
    "Progress",
    "Qualifier",
    "Quote",
    "RecordError",
    "RecordProblem",
    "RecordSummary",
    "Records",
    "Rule",
    "RuleKind",
    "RuleViolation",
    "Scheme",
    "SchemeFileError",
    "SchemeKind",
    "Scope",
    "Severity",
    "ShareBasis",
    "SheetProblem",
    "Spending",
    "StaffCategory",
    "Status",
    "TableSummary",
    "Target",
    "Unit",
    "UnitMismatchError",
    "Window",
    "YearProgress",
    "__version__",
    "age_on",
    "audit",
    "check",
    "compile_scheme",
    "dump_scheme",
    "evaluate",
    "example_records",
    "example_violations",
    "format_count",
    "format_date",
    "format_figure",
    "format_money",
    "format_number",
    "format_percent",
    "frames",
    "is_study_day",
    "json_schema",
    "json_schema_text",
    "load_scheme",
    "loads_scheme",
    "parse_date",
    "parse_figure",
    "progress",
    "read_records",
    "records_from_dicts",
    "save_scheme",
    "study_days_between",
    "study_end",
    "violations_frame",
    "violations_html",
    "write_records_csv",
]
