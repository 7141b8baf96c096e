"""A province's records over the reform of 1 July 2025, for the roll-up and breakdown tests."""

from __future__ import annotations

import datetime as dt

from dtbd import Records, Scheme, UnitTree, loads_scheme, loads_units
from dtbd.records._dicts import records_from_dicts

AS_OF = dt.date(2026, 6, 30)
ON = dt.date(2026, 1, 1)

SCHEME: Scheme = loads_scheme("""
id = "kh-2024-2026"
title = "Kế hoạch bồi dưỡng 2024 - 2026"
period = {start = "2024-01-01", end = "2026-12-31"}

[[targets]]
id = "luot"
label = "Bồi dưỡng 20 lượt"
figure = "20 lượt"

[[targets]]
id = "nguoi"
label = "Bồi dưỡng 10 người"
figure = "10 người"

[[targets]]
id = "ngay"
label = "100 ngày học"
figure = "100 ngày"

[[targets]]
id = "lop"
label = "Mở 5 lớp"
figure = "5 lớp"

[[targets]]
id = "kinh-phi"
label = "Kinh phí 50 triệu đồng"
figure = "50 triệu đồng"
""")

UNITS: UnitTree = loads_units("""
[[units]]
id = "hy"
name = "Tỉnh Hưng Yên"
level = "province"

[[units]]
id = "so-y-te"
name = "Sở Y tế"
level = "department"
parent = "hy"

[[units]]
id = "kim-dong"
name = "UBND huyện Kim Động"
level = "district"
parent = "hy"
end = 2025-06-30

[[units]]
id = "xa-a"
name = "Xã A"
level = "commune"
parent = "kim-dong"
end = 2025-06-30
successors = ["xa-kim-dong"]

[[units]]
id = "xa-b"
name = "Xã B"
level = "commune"
parent = "kim-dong"
end = 2025-06-30
successors = ["xa-kim-dong", "xa-ben"]

[[units]]
id = "xa-kim-dong"
name = "Xã Kim Động"
level = "commune"
parent = "hy"
start = 2025-07-01

[[units]]
id = "xa-ben"
name = "Xã Bến"
level = "commune"
parent = "hy"
start = 2025-07-01
""")

PERSONS = [
    {"id": "p1", "unit": "so-y-te", "gender": "female", "birth_date": "1986-01-01",
     "ethnicity": "Kinh", "category": "civil_servant", "position": "Trưởng phòng"},
    {"id": "p2", "unit": "xa-a", "gender": "male", "birth_date": "1976-01-01",
     "ethnicity": "Tày", "category": "commune_cadre", "qualifications": "university;master"},
    {"id": "p3", "unit": "xa-b", "gender": "female", "birth_date": "1975-12-31",
     "ethnicity": "01", "category": "commune_cadre"},
    {"id": "p4", "unit": "kim-dong", "gender": "male", "birth_date": "1990-06-15",
     "category": "cadre"},
    {"id": "p5", "unit": "xa-kim-dong", "birth_date": "1985-12-31", "ethnicity": "Mường"},
    {"id": "p6", "unit": "so-tai-chinh", "gender": "female", "category": "civil_servant"},
    {"id": "p7", "unit": "hy", "gender": "male", "birth_date": "1970-03-03"},
    {"id": "idle", "unit": "xa-ben", "gender": "female"},
]  # fmt: skip
COURSES = [
    {"id": "k1", "start": "2024-03-04", "end": "2024-03-08", "content": "cai-cach",
     "format": "full_time"},
    {"id": "k2", "start": "2025-09-08", "study_days": 3, "content": "chuyen-doi-so",
     "format": "online", "location": "abroad", "country": "SG"},
    {"id": "k3", "start": "2026-02-02", "study_days": 2, "activity": "training"},
    {"id": "empty", "start": "2025-01-06", "study_days": 1, "content": "cai-cach"},
]  # fmt: skip
ATTENDANCES = [
    {"person": "p1", "course": "k1"},
    {"person": "p1", "course": "k2"},
    {"person": "p2", "course": "k1", "study_days": 2},
    {"person": "p2", "course": "k3"},
    {"person": "p3", "course": "k2"},
    {"person": "p4", "course": "k1"},
    {"person": "p5", "course": "k2"},
    {"person": "p5", "course": "k3"},
    {"person": "p6", "course": "k3"},
    {"person": "p7", "course": "k1"},
    {"person": "ghost", "course": "k1"},
]
SPENDING = [
    {"id": "c1", "date": "2024-03-08", "amount": 12000000, "course": "k1"},
    {"id": "c2", "date": "2025-09-30", "amount": 8000000, "course": "k2"},
    {"id": "c3", "date": "2026-01-15", "amount": 3000000},
]


def records() -> Records:
    """The records as model objects (the ghost's attendance is reported, not counted)."""
    loaded = records_from_dicts(
        persons=PERSONS,
        courses=COURSES,
        attendances=ATTENDANCES,
        spending=SPENDING,
        on_error="report",
    )
    return loaded.records
