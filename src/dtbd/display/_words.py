"""The words of tables and charts shown to people: statuses, severities, heads, legends."""

from __future__ import annotations

__all__ = ["LEGEND", "STATUS_WORDS", "TABLE_WORDS", "column_heads"]

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


TABLE_WORDS = {
    "vi": ("cán bộ", "khóa học", "lượt học", "khoản chi"),
    "en": ("persons", "courses", "attendances", "spending"),
}

LEGEND = {
    "vi": ("Đã đạt", "Tiến độ đều", "Khoảng chỉ tiêu", "Dự báo", "Chỉ tiêu mỗi năm"),
    "en": ("Achieved", "Steady pace", "Target band", "Forecast", "Per-year target"),
}


def column_heads(locale: str) -> dict[str, str]:
    """The column heads of ``locale``; refuses a locale dtbd has no words for."""
    if locale not in _HEADS:
        raise ValueError(f"unsupported locale {locale!r}; pass locale='vi' or locale='en'")
    return _HEADS[locale]
