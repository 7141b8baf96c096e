"""The words of record files: Vietnamese headers, category words and sheet names.

A sheet written as "Họ và tên, Giới tính: Nữ" reads as ``name``, ``gender: female``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = [
    "SHEET_NAMES",
    "SKIP",
    "VIETNAMESE_HEADERS",
    "VIETNAMESE_VALUES",
    "Columns",
    "Values",
    "key",
]

Columns = Mapping[str, str | Mapping[str, str]]
"""Header → field for every table, or table → {header → field}; ``""`` drops a column."""
Values = Mapping[str, Mapping[str, str]]
"""Field → {word as written → the category's value}."""

SKIP = ""
"""The field a header maps to when its column is read past."""

VIETNAMESE_HEADERS: Mapping[str, Mapping[str, str]] = {
    "persons": {
        "Mã cán bộ": "id", "Mã số": "id", "Mã định danh": "id", "Họ và tên": "name",
        "Họ tên": "name", "Ngày sinh": "birth_date", "Ngày tháng năm sinh": "birth_date",
        "Giới tính": "gender", "Đối tượng": "category", "Cấp": "level",
        "Chức vụ": "position", "Đơn vị": "unit", "Đơn vị công tác": "unit",
        "Dân tộc": "ethnicity",
        "Trình độ": "qualifications", "Nhãn": "tags", "STT": SKIP, "Ghi chú": SKIP,
    },
    "courses": {
        "Mã lớp": "id", "Mã khóa": "id", "Mã khoá": "id", "Mã số": "id",
        "Ngày bắt đầu": "start", "Ngày khai giảng": "start", "Từ ngày": "start",
        "Ngày kết thúc": "end", "Ngày bế giảng": "end", "Đến ngày": "end",
        "Số ngày học": "study_days", "Tên lớp": "title", "Tên khóa học": "title",
        "Tên khoá học": "title", "Loại hình": "activity", "Hình thức": "format",
        "Phạm vi": "location", "Quốc gia": "country", "Địa điểm": "place",
        "Cơ sở đào tạo": "provider", "Đơn vị chủ trì": "lead", "Chuyên đề": "topics",
        "Nội dung": "content", "Kinh phí": "cost", "Chi phí": "cost", "Chỉ tiêu": "target",
        "STT": SKIP, "Ghi chú": SKIP,
    },
    "attendances": {
        "Mã cán bộ": "person", "Mã học viên": "person", "Mã lớp": "course",
        "Mã khóa": "course", "Mã khoá": "course", "Kết quả": "outcome",
        "Số ngày học": "study_days", "Số ngày tham gia": "study_days",
        "Kinh phí": "cost", "Chi phí": "cost", "Họ và tên": SKIP, "Họ tên": SKIP,
        "STT": SKIP, "Ghi chú": SKIP,
        # A course's attributes on the attendance rows (records._denormal): the courses'
        # headers, but for the course's days and cost, which an attendance has of its own.
        "Ngày bắt đầu": "start", "Ngày khai giảng": "start", "Từ ngày": "start",
        "Ngày kết thúc": "end", "Ngày bế giảng": "end", "Đến ngày": "end",
        "Số ngày học của lớp": "course_study_days", "Số ngày của lớp": "course_study_days",
        "Tên lớp": "title", "Tên khóa học": "title", "Tên khoá học": "title",
        "Loại hình": "activity", "Hình thức": "format", "Phạm vi": "location",
        "Quốc gia": "country", "Địa điểm": "place", "Cơ sở đào tạo": "provider",
        "Đơn vị chủ trì": "lead", "Chuyên đề": "topics", "Nội dung": "content",
        "Kinh phí lớp": "course_cost", "Chi phí lớp": "course_cost", "Chỉ tiêu": "target",
    },
    "spending": {
        "Mã chi": "id", "Mã số": "id", "Số chứng từ": "id", "Ngày": "date",
        "Ngày chi": "date", "Ngày chứng từ": "date", "Số tiền": "amount",
        "Kinh phí": "amount", "Dòng kinh phí": "budget_line", "Mã lớp": "course",
        "Nguồn kinh phí": "source", "Nguồn": "source", "Nội dung": "description",
        "Diễn giải": "description", "Đơn vị": "unit", "Đơn vị sử dụng": "unit",
        "STT": SKIP, "Ghi chú": SKIP,
    },
    "submissions": {
        "Đơn vị": "unit", "Mã đơn vị": "unit", "Đơn vị báo cáo": "unit", "Năm": "year",
        "Từ ngày": "start", "Đến ngày": "end", "Loại hình": "activity", "Hình thức": "format",
        "Phạm vi": "location", "Nội dung": "content", "Giới tính": "gender",
        "Dân tộc thiểu số": "minority", "DTTS": "minority", "Đối tượng": "category",
        "Cấp": "level", "Độ tuổi": "age_band", "Nhóm tuổi": "age_band",
        "Số lượt": "attendances", "Lượt": "attendances", "luot": "attendances",
        "Số người": "persons", "Người": "persons", "nguoi": "persons",
        "Số lớp": "courses", "Số khóa": "courses", "Số khoá": "courses", "Lớp": "courses",
        "khoa": "courses", "Kinh phí": "cost", "Chi phí": "cost", "STT": SKIP, "Ghi chú": SKIP,
        "Tên đơn vị": SKIP,
    },
}  # fmt: skip
"""Common Vietnamese headers of each table; pass as ``columns=`` or extend it.

``"STT"`` (row number), ``"Ghi chú"`` (notes) and, in attendances, the learner's name
map to ``""``: the column is read past.
"""

VIETNAMESE_VALUES: Values = {
    "gender": {"nam": "male", "nữ": "female"},
    "category": {
        "cán bộ": "cadre", "công chức": "civil_servant", "viên chức": "public_employee",
        "cán bộ, công chức cấp xã": "commune_cadre", "cán bộ cấp xã": "commune_cadre",
        "công chức cấp xã": "commune_cadre",
        "người hoạt động không chuyên trách": "part_time_commune",
        "đại biểu hđnd": "council_delegate", "đại biểu hội đồng nhân dân": "council_delegate",
    },
    "level": {"trung ương": "central", "tỉnh": "province", "huyện": "district", "xã": "commune"},
    "activity": {"đào tạo": "training", "bồi dưỡng": "fostering"},
    "format": {
        "tập trung": "full_time", "bán tập trung": "part_time", "vừa làm vừa học": "part_time",
        "trực tuyến": "online",
    },
    "location": {"trong nước": "domestic", "nước ngoài": "abroad"},
    "outcome": {
        "hoàn thành": "completed", "đạt": "completed", "đang học": "enrolled",
        "không đạt": "failed", "không hoàn thành": "failed", "thôi học": "withdrawn",
        "bỏ học": "withdrawn",
    },
    "source": {
        "ngân sách trung ương": "central_budget", "ngân sách địa phương": "local_budget",
        "cơ quan": "agency", "tài trợ": "sponsor", "học viên": "learner", "khác": "other",
    },
}  # fmt: skip
"""Vietnamese words of the category columns (matched ignoring case) → the enum values."""

SHEET_NAMES: Mapping[str, str] = {
    "persons": "persons", "cán bộ": "persons", "danh sách cán bộ": "persons",
    "nhân sự": "persons", "courses": "courses", "khóa học": "courses", "khoá học": "courses",
    "lớp học": "courses", "attendances": "attendances", "học viên": "attendances",
    "tham gia": "attendances", "lượt học": "attendances", "spending": "spending",
    "kinh phí": "spending", "chi tiêu": "spending", "submissions": "submissions",
    "báo cáo đơn vị": "submissions", "báo cáo của đơn vị": "submissions",
    "bao_cao_don_vi": "submissions", "bao cao don vi": "submissions",
    "số liệu đơn vị": "submissions",
}  # fmt: skip
"""Sheet name (any case) → table; sheets with other names (notes, totals) are read past."""


def key(text: object) -> str:
    """``text`` as headers and words are matched: NFC, single spaces, any case."""
    return unicodedata.normalize("NFC", " ".join(str(text).split())).casefold()
