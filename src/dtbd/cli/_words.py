"""The command line's words in Vietnamese and English: headings, columns, statuses.

Numbers, dates and figures are formatted by babel (:mod:`dtbd.figures._format`); these are only
the fixed words around them.

>>> word("status.behind"), word("status.behind", "en")
('chậm, cần đẩy nhanh', 'behind')
"""

from __future__ import annotations

__all__ = ["WORDS", "word"]

WORDS: dict[str, tuple[str, str]] = {
    # Statuses of dtbd.Status, by value.
    "status.not_started": ("chưa bắt đầu", "not started"),
    "status.on_track": ("đúng tiến độ", "on track"),
    "status.behind": ("chậm, cần đẩy nhanh", "behind"),
    "status.off_track": ("chậm nhiều", "off track"),
    "status.met": ("đạt", "met"),
    "status.exceeded": ("vượt", "exceeded"),
    "status.missed": ("không đạt", "missed"),
    "status.unable_to_assess": ("chưa đánh giá được", "cannot assess"),
    # Severities of dtbd.Severity, by value.
    "severity.error": ("lỗi", "error"),
    "severity.warning": ("cảnh báo", "warning"),
    "severity.info": ("thông tin", "info"),
    # What a target counts (dtbd.Count), by value.
    "counts.attendances": ("lượt", "person-times"),
    "counts.persons": ("người", "persons"),
    "counts.courses": ("khóa", "courses"),
    "counts.spending": ("kinh phí", "spending"),
    "counts.study_days": ("ngày học", "study days"),
    "counts.share": ("tỷ lệ", "share"),
    # Columns.
    "col.id": ("Mã", "Id"),
    "col.document": ("Văn bản", "Document"),
    "col.issuer": ("Cơ quan ban hành", "Issuer"),
    "col.period": ("Giai đoạn", "Period"),
    "col.targets": ("Số chỉ tiêu", "Targets"),
    "col.actuals": ("Số liệu thực hiện", "Reported actuals"),
    "col.target": ("Chỉ tiêu", "Target"),
    "col.figure": ("Kế hoạch", "Planned"),
    "col.counts": ("Đếm", "Counts"),
    "col.window": ("Thời hạn", "Window"),
    "col.achieved": ("Đã đạt", "Achieved"),
    "col.share": ("% kế hoạch", "% of plan"),
    "col.expected": ("Theo tiến độ", "Due by now"),
    "col.required": ("Cần mỗi năm", "Needed a year"),
    "col.status": ("Đánh giá", "Status"),
    "col.severity": ("Mức", "Severity"),
    "col.message": ("Nội dung", "Finding"),
    "col.line": ("Dòng kinh phí", "Budget line"),
    "col.amount": ("Số tiền", "Amount"),
    "col.rule": ("Quy tắc", "Rule"),
    "col.kind": ("Loại", "Kind"),
    "col.table": ("Bảng", "Table"),
    "col.rows": ("Số dòng", "Rows"),
    "col.file": ("Tệp", "File"),
    # Sentences and headings; {name} fields are filled by str.format.
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "none": ("—", "—"),
    "by_need": ("theo nhu cầu", "by need"),
    "per_year": ("mỗi năm {years}", "each year {years}"),
    "until": ("đến {date}", "by {date}"),
    "catalog.title": (
        "Danh mục đề án, kế hoạch có sẵn (phiên bản dữ liệu {version})",
        "Built-in catalog of schemes (data version {version})",
    ),
    "catalog.intro": (
        (
            "Năm văn bản thật, mỗi chỉ tiêu trích nguyên câu của văn bản gốc. Xem một văn bản: "
            "`dtbd show MÃ`; kiểm tra số liệu: `dtbd audit MÃ`."
        ),
        (
            "Five real documents; every target quotes its sentence in the published text. "
            "See one: `dtbd show ID`; check its arithmetic: `dtbd audit ID`."
        ),
    ),
    "show.cited": (
        "Văn bản: {document}; ban hành: {issuer}, {issued}. Giai đoạn: {period}.",
        "Document: {document}; issued by {issuer}, {issued}. Period: {period}.",
    ),
    "show.targets": ("Chỉ tiêu", "Targets"),
    "show.budget": ("Kinh phí", "Budget"),
    "show.budget_totals": (
        "Tổng kinh phí: {total}; tổng thể: {overall}.",
        "Budget total: {total}; overall envelope: {overall}.",
    ),
    "show.rules": ("Quy tắc cử người", "Rules on who is sent"),
    "audit.title": ("Kiểm tra số liệu của kế hoạch: {name}", "Plan audit: {name}"),
    "audit.intro": (
        (
            "Các con số của kế hoạch được đối chiếu với nhau trước khi tính bất kỳ bản ghi "
            "nào: các phần so với tổng, số khóa × số người mỗi khóa so với chỉ tiêu, các dòng "
            "kinh phí so với tổng, chi phí mỗi người."
        ),
        (
            "The plan's own figures checked against each other before any record is counted: "
            "parts against totals, courses × people per course against the target, budget "
            "lines against totals, cost per person."
        ),
    ),
    "audit.summary": (
        "Kết quả: {errors} lỗi, {warnings} cảnh báo, {infos} thông tin.",
        "Result — errors: {errors}, warnings: {warnings}, infos: {infos}.",
    ),
    "audit.none": (
        "Kế hoạch không có con số nào để đối chiếu với nhau.",
        "The plan has no figures to check against each other.",
    ),
    "progress.title": ("Tiến độ đến {date}: {name}", "Progress as of {date}: {name}"),
    "progress.records": (
        (
            "Bản ghi ({source}): {persons} người, {courses} khóa, {attendances} lượt học, "
            "{spending} khoản chi; tính đến {date}."
        ),
        (
            "Records ({source}): {persons} persons, {courses} courses, {attendances} "
            "attendances, {spending} payments; as of {date}."
        ),
    ),
    "progress.legend": (
        (
            "Theo tiến độ: số lẽ ra đã đạt nếu làm đều từ đầu thời hạn. Cần mỗi năm: phần còn "
            "thiếu chia cho số năm còn lại. Chỉ tiêu hằng năm được đánh giá từng năm."
        ),
        (
            "Due by now: what a steady pace from the window's start would have reached. "
            "Needed a year: what remains, divided by the years left. A yearly target is "
            "judged year by year."
        ),
    ),
    "progress.unused": (
        (
            "Không được tính: {malformed} dòng lỗi, {after} dòng sau ngày tính, {outside} dòng "
            "ngoài thời hạn, {unmatched} dòng không thuộc chỉ tiêu nào."
        ),
        (
            "Not counted: {malformed} malformed rows, {after} rows after the date, {outside} "
            "rows outside every window, {unmatched} rows matching no target."
        ),
    ),
    "progress.actuals": (
        (
            "Chỉ có những gì văn bản gốc nêu là đã làm; chỉ tiêu nào văn bản không nêu kết quả "
            "thì hiện 0, không có nghĩa là chưa làm gì."
        ),
        (
            "Only what the source text reports as done: a target it reports nothing for shows "
            "0, which does not mean nothing was done."
        ),
    ),
    "progress.year": ("năm {year}", "year {year}"),
    "source.actuals": ("số liệu thực hiện do văn bản nêu", "actuals reported by the text"),
    "source.example": (
        "dữ liệu mẫu tổng hợp, không phải số liệu thật",
        "synthetic example data, not real records",
    ),
    "source.file": ("{path}", "{path}"),
    "check.title": ("Kiểm tra quy tắc cử người: {name}", "Rule check: {name}"),
    "check.intro": (
        "Mỗi học viên, mỗi khóa được đối chiếu với các quy tắc của kế hoạch: {rules}.",
        "Every learner and course checked against the plan's rules: {rules}.",
    ),
    "check.no_rules": (
        "Kế hoạch không đặt quy tắc nào để kiểm tra.",
        "The plan sets no rule to check.",
    ),
    "check.none": ("Không có vi phạm nào.", "No violation found."),
    "check.summary": (
        "Kết quả: {errors} vi phạm, {warnings} bản ghi thiếu dữ liệu.",
        "Result — violations: {errors}, records missing data: {warnings}.",
    ),
    "example.title": ("Dữ liệu mẫu của {name}", "Example records of {name}"),
    "example.intro": (
        (
            "Dữ liệu tổng hợp (hạt giống {seed}), không phải số liệu thật: mọi mã bắt đầu bằng "
            "vd-. Đọc lại bằng `dtbd progress {name} --records {out}`."
        ),
        (
            "Synthetic data (seed {seed}), not real records: every id starts with vd-. Read "
            "it back with `dtbd progress {name} --records {out}`."
        ),
    ),
    "demo.title": ("dtbd: kiểm tra hai kế hoạch có sẵn", "dtbd: two built-in plans checked"),
    "demo.intro": (
        (
            "Với mỗi kế hoạch: (1) đối chiếu các con số của chính kế hoạch, (2) đo tiến độ "
            "so với dữ liệu mẫu tính đến {date}, (3) kiểm tra quy tắc cử người. Dữ liệu mẫu là "
            "tổng hợp (hạt giống {seed}), không phải số liệu thật; các vi phạm được cài sẵn "
            "để minh họa."
        ),
        (
            "For each plan: (1) its own figures checked against each other, (2) progress "
            "against example records as of {date}, (3) the rules on who is sent. The example "
            "records are synthetic (seed {seed}), not real; their violations are planted to "
            "show the checks."
        ),
    ),
    "demo.scheme": ("{document}: {title}", "{document}: {title}"),
    "demo.audit": ("1. Số liệu của kế hoạch", "1. The plan's own figures"),
    "demo.progress": ("2. Tiến độ so với dữ liệu mẫu", "2. Progress against example records"),
    "demo.check": ("3. Quy tắc cử người", "3. Rules on who is sent"),
}
"""Each key's (Vietnamese, English) text."""


def word(key: str, locale: str = "vi", **fields: object) -> str:
    """The text of ``key`` in ``locale`` ("vi" or "en"), with its ``{fields}`` filled in."""
    vi, en = WORDS[key]
    text = en if locale == "en" and en else vi
    return text.format(**fields) if fields else text
