"""The extraction lexicon: the words plans use to say who, when, how and by whom.

Data, not prose shown to people: each table maps the words of the genre (plans, decisions,
news of them) to the model's categories. A new word is one line here. The words are lower
case and NFC; they are matched at word boundaries in the lower-cased sentence.
"""

from __future__ import annotations

from dtbd.model._categories import Activity, Level, Location, StaffCategory

__all__ = [
    "ACTIVITY_WORDS",
    "ASPIRATION_WORDS",
    "CATEGORY_WORDS",
    "CITING_WORDS",
    "COURSE_WORDS",
    "FURNITURE_AFTER",
    "FURNITURE_BEFORE",
    "KIND_WORDS",
    "LEADERSHIP_WORDS",
    "LEAD_AGENCY_HEADS",
    "LEVEL_WORDS",
    "LOCATION_WORDS",
    "MONEY_WORDS",
    "PARENT_WORDS",
    "PER_YEAR_WORDS",
    "REPORTED_WORDS",
    "SINGLING_WORDS",
]

# Longer phrases first where one holds another: "cán bộ, công chức cấp xã" before "cán bộ".
CATEGORY_WORDS: tuple[tuple[str, StaffCategory], ...] = (
    ("cán bộ, công chức cấp xã", StaffCategory.COMMUNE_CADRE),
    ("cán bộ, công chức xã", StaffCategory.COMMUNE_CADRE),
    ("cán bộ cấp xã", StaffCategory.COMMUNE_CADRE),
    ("công chức cấp xã", StaffCategory.COMMUNE_CADRE),
    ("không chuyên trách", StaffCategory.PART_TIME_COMMUNE),
    ("đại biểu hội đồng nhân dân", StaffCategory.COUNCIL_DELEGATE),
    ("đại biểu hđnd", StaffCategory.COUNCIL_DELEGATE),
    ("cán bộ", StaffCategory.CADRE),
    ("công chức", StaffCategory.CIVIL_SERVANT),
    ("viên chức", StaffCategory.PUBLIC_EMPLOYEE),
)
"""Staff categories by the nouns that name them."""

LEVEL_WORDS: tuple[tuple[str, Level], ...] = (
    ("trung ương", Level.CENTRAL),
    ("cấp tỉnh", Level.PROVINCE),
    ("cấp thành phố", Level.PROVINCE),
    ("sở, ban, ngành", Level.PROVINCE),
    ("sở", Level.PROVINCE),
    ("cấp huyện", Level.DISTRICT),
    ("quận, huyện", Level.DISTRICT),
    ("huyện", Level.DISTRICT),
    ("thị xã", Level.DISTRICT),
    ("cấp xã", Level.COMMUNE),
    ("xã, phường, thị trấn", Level.COMMUNE),
    ("xã", Level.COMMUNE),
)
"""Levels of government by the words that name them (a category word may imply one)."""

LEADERSHIP_WORDS = (
    "lãnh đạo",
    "quản lý",
    "trưởng phòng",
    "phó trưởng phòng",
    "chủ tịch",
    "giám đốc",
    "bí thư",
    "trưởng ban",
)
"""Words that make the persons leaders or managers."""

LOCATION_WORDS: tuple[tuple[str, Location], ...] = (
    ("nước ngoài", Location.ABROAD),
    ("ở nước ngoài", Location.ABROAD),
    ("kinh nghiệm quốc tế", Location.ABROAD),
    ("trong nước", Location.DOMESTIC),
)

ACTIVITY_WORDS: tuple[tuple[str, Activity], ...] = (
    ("đào tạo", Activity.TRAINING),
    ("bồi dưỡng", Activity.FOSTERING),
    ("cập nhật kiến thức", Activity.FOSTERING),
)
"""Activities; a clause that names both ("đào tạo, bồi dưỡng") narrows to neither."""

PER_YEAR_WORDS = ("hằng năm", "hàng năm", "mỗi năm", "/năm", "một năm", "năm nào cũng")
PARENT_WORDS = ("trong đó", "bao gồm", "gồm", "chia ra", "cụ thể", "cụ thể là")
"""Words after a figure that open its breakdown."""

COURSE_WORDS = ("khóa", "khoá", "lớp", "đoàn", "đợt")
"""Nouns of a course: "mỗi khóa có 15 - 17 cán bộ" is the size of each, not a target."""

SINGLING_WORDS = ("riêng", "trong số đó", "trong tổng số")
"""Words that open a sentence about a part of the figure before it ("Riêng đào tạo …")."""

KIND_WORDS = (
    ("đề án", "scheme"),
    ("kế hoạch", "plan"),
    ("chương trình", "programme"),
    ("nghị quyết", "resolution"),
)
"""The kind of document its head names (``SchemeKind`` values)."""

REPORTED_WORDS = ("đã",)
"""Words before a figure in its clause that report it as done, not planned."""

CITING_WORDS = ("căn cứ", "thực hiện", "triển khai", "theo")
"""Words that cite other documents: a number or kind after them in their sentence is not
the document's own ("Triển khai thực hiện Nghị quyết số 20-NQ/TU …")."""

ASPIRATION_WORDS = ("phấn đấu",)
MONEY_WORDS = ("kinh phí", "ngân sách", "dự toán", "chi phí", "chi ", "vốn", "số tiền", "đồng")
"""Words that make a sentence about money, so that "90 tỷ" is đồng."""

LEAD_AGENCY_HEADS = (
    "Sở",
    "Ban",
    "Bộ",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "Văn phòng",
    "Học viện",
    "Trường",
    "Viện",
    "Trung tâm",
    "Thanh tra",
    "Công an",
)
"""The first word of an agency's name ("Sở Nội vụ chủ trì")."""

FURNITURE_BEFORE = (
    "số",
    "điều",
    "khoản",
    "điểm",
    "chương",
    "mục",
    "phần",
    "ngày",
    "tháng",
    "năm",
    "lần thứ",
    "thứ",
    "lượt xem",
    "lượt xem:",
    "điện thoại",
    "đt",
    "hotline",
    "fax",
    "trang",
    "khóa",
    "khoá",
)
"""A number right after one of these words is a reference, a date or a counter of the
page, not a figure: "Nghị định số 89", "Điều 5", "ngày 15", "Lượt xem: 39"."""

FURNITURE_AFTER = ("đang online", "đang truy cập", "lượt truy cập", "lượt xem", "bình luận")
"""Words after a figure that make it a counter of the web page, not a figure of the plan."""
