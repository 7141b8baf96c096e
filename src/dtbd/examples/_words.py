"""Word lists of the example data: common Vietnamese names, positions, units, topics.

Everything drawn from these lists is invented (*dữ liệu mẫu*).
"""

from __future__ import annotations

from dtbd.model._categories import Activity, Gender, Level, StaffCategory
from dtbd.records._synthetic import SYNTHETIC_TAG

__all__ = [
    "ABROAD",
    "CATEGORY_MIX",
    "FAMILY",
    "GIVEN",
    "MIDDLE",
    "PLACES",
    "POSITIONS",
    "PROVIDERS",
    "PROVIDER_ABROAD",
    "QUALIFICATIONS",
    "SCHOOLS",
    "SYNTHETIC_TAG",
    "TOPICS",
    "TOPIC_LABELS",
    "UNITS",
]


FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
)
MIDDLE = {
    Gender.MALE: ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân"],
    Gender.FEMALE: ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Thùy", "Mỹ"],
}
GIVEN = {
    Gender.MALE: [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Trung",
        "Tuấn",
        "Việt",
    ],
    Gender.FEMALE: [
        "Anh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Nhung",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
    ],
}
# Vocabularies follow docs/catalog.md (lowercase-kebab English, agencies in Vietnamese).
POSITIONS = {
    StaffCategory.CADRE: ("department-deputy-director", "committee-vice-chair"),
    StaffCategory.CIVIL_SERVANT: ("specialist", "specialist", "division-deputy-head"),
    StaffCategory.PUBLIC_EMPLOYEE: ("teacher", "doctor", "nurse", "engineer", "accountant"),
    StaffCategory.COMMUNE_CADRE: ("committee-vice-chair", "justice-officer", "office-officer"),
    StaffCategory.PART_TIME_COMMUNE: ("village-head",),
    StaffCategory.COUNCIL_DELEGATE: ("council-delegate",),
}
UNITS = {
    Level.CENTRAL: ("Bộ Nội vụ", "Bộ Tài chính"),
    Level.PROVINCE: ("Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo"),
    Level.DISTRICT: ("UBND huyện Đông Hưng", "UBND huyện Tân Yên", "UBND thị xã Phú Bình"),
    Level.COMMUNE: (
        "UBND xã An Bình",
        "UBND xã Tân Phú",
        "UBND phường Hòa Lạc",
        "UBND xã Phú Lộc",
    ),
}
SCHOOLS = (
    "Trường THPT số 2",
    "Bệnh viện Đa khoa tỉnh",
    "Trung tâm Y tế huyện",
    "Trường Mầm non Hoa Sen",
)
CATEGORY_MIX = (
    (StaffCategory.PUBLIC_EMPLOYEE, 45),
    (StaffCategory.CIVIL_SERVANT, 33),
    (StaffCategory.COMMUNE_CADRE, 15),
    (StaffCategory.CADRE, 7),
)
QUALIFICATIONS = (
    "university",
    "university",
    "university",
    "college",
    "master",
    "intermediate-political-theory",
)
TOPIC_LABELS = {
    "law": "cập nhật kiến thức pháp luật",
    "public-service-ethics": "đạo đức công vụ",
    "public-service-skills": "kỹ năng thực thi công vụ",
    "management-skills": "kỹ năng lãnh đạo, quản lý",
    "professional-knowledge": "kiến thức chuyên ngành",
    "digital-skills": "kỹ năng số",
    "state-management": "quản lý nhà nước",
    "administrative-reform": "cải cách hành chính",
    "foreign-language": "ngoại ngữ",
}
TOPICS = tuple(TOPIC_LABELS)
ABROAD = {
    "JP": "Tokyo",
    "KR": "Seoul",
    "SG": "Singapore",
    "AU": "Canberra",
    "DE": "Berlin",
    "FR": "Paris",
    "FI": "Helsinki",
    "NZ": "Wellington",
}
PLACES = ("Hà Nội", "TP. Hồ Chí Minh", "Hưng Yên", "Đà Nẵng")
PROVIDERS = {
    Activity.TRAINING: ("Học viện Chính trị quốc gia Hồ Chí Minh", "Trường Đại học Nội vụ Hà Nội"),
    Activity.FOSTERING: ("Trường Chính trị tỉnh", "Học viện Hành chính Quốc gia", "Sở Nội vụ"),
}
PROVIDER_ABROAD = "Cơ sở đào tạo đối tác nước ngoài"
