"""dtbd: training schemes of Vietnam's public servants as typed, checkable data.

*dtbd* (đào tạo, bồi dưỡng) reads the targets of a scheme ("37.000 lượt bồi dưỡng đến
năm 2025"), checks the plan's own arithmetic and measures what was done against it.
"""

from __future__ import annotations

from dtbd._budget import Budget, BudgetLine, FundingSource, Spending
from dtbd._calendar import is_study_day, study_days_between, study_end
from dtbd._categories import (
    Activity,
    CourseFormat,
    Gender,
    Level,
    Location,
    Outcome,
    StaffCategory,
)
from dtbd._errors import (
    DtbdError,
    FigureParseError,
    FileFormatError,
    RecordError,
    RecordProblem,
    SchemeFileError,
    UnitMismatchError,
)
from dtbd._figure import ABOUT_TOLERANCE, Assessment, Figure, parse_figure
from dtbd._people import Attendance, Cohort, Course, Person, age_on
from dtbd._period import Period
from dtbd._records import Records
from dtbd._rules import DECREE_101_MIN_FOSTERING, AgeReference, Rule, RuleKind
from dtbd._scheme import Scheme, SchemeKind
from dtbd._scope import Scope
from dtbd._sources import Citation, Quote
from dtbd._target import Cadence, Count, ShareBasis, Target, Window
from dtbd._units import Qualifier, Unit

__version__ = "0.1.0"

__all__ = [
    "ABOUT_TOLERANCE",
    "DECREE_101_MIN_FOSTERING",
    "Activity",
    "AgeReference",
    "Assessment",
    "Attendance",
    "Budget",
    "BudgetLine",
    "Cadence",
    "Citation",
    "Cohort",
    "Count",
    "Course",
    "CourseFormat",
    "DtbdError",
    "Figure",
    "FigureParseError",
    "FileFormatError",
    "FundingSource",
    "Gender",
    "Level",
    "Location",
    "Outcome",
    "Period",
    "Person",
    "Qualifier",
    "Quote",
    "RecordError",
    "RecordProblem",
    "Records",
    "Rule",
    "RuleKind",
    "Scheme",
    "SchemeFileError",
    "SchemeKind",
    "Scope",
    "ShareBasis",
    "Spending",
    "StaffCategory",
    "Target",
    "Unit",
    "UnitMismatchError",
    "Window",
    "__version__",
    "age_on",
    "is_study_day",
    "parse_figure",
    "study_days_between",
    "study_end",
]
