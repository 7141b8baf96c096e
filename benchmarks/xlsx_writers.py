"""openpyxl against XlsxWriter on the sheet a statistics form is: what each costs to write.

dtbd writes its forms with openpyxl (dtbd/forms/_xlsx.py). The issue on the forms asked
for the choice on merit, so this writes the same sheet with both libraries — a title
block and a header of merged cells, the numbers row, body rows of integers with a live
sum formula, thin borders, a number format, frozen header, print area, header rows
repeated on each page, A4 landscape — and measures, per size: the time to build and
write the file (interleaved runs, medians), Python's peak allocation while doing it, the
file's size, whether two runs a second apart give the same bytes (each given a fixed date the way
its library allows: XlsxWriter by its properties, openpyxl only by rewriting the zip, as
dtbd does — that rewrite is in its time), and the import time of each library.

    PYTHONPATH=src python benchmarks/xlsx_writers.py [--repeat 7] [--rows 45 2000 20000]

45 rows is Biểu số 10-BTCTW; 2,000 and 20,000 are a province's list of records not
classifiable, the largest sheet dtbd writes. The numbers go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from typing import Any

COLUMNS = 11
"""TT, label, then nine number columns; the first number column is the sum of three."""
HEADER = 4
"""The table's header starts on this row, under a title block of three rows."""
# Both libraries write core.xml dates as UTC without a zone: a naive UTC time.
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC).replace(tzinfo=None)
"""The date both workbooks carry, as dtbd dates a form (the day after its period)."""


def _values(rows: int) -> list[list[int]]:
    return [[(r * 7 + c * 3) % 97 for c in range(COLUMNS - 3)] for r in range(rows)]


def write_openpyxl(rows: int) -> bytes:
    """The sheet written with openpyxl, as dtbd writes its forms."""
    import openpyxl  # noqa: PLC0415  -- import time is measured apart
    from openpyxl.styles import Alignment, Border, Font, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415

    from dtbd.forms._xlsx import _restamped  # noqa: PLC0415  -- what dtbd pays for the same bytes

    book = openpyxl.Workbook()
    sheet = book.active
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    middle = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.cell(1, 1, "BAN TỔ CHỨC").font = Font(bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=3, end_column=2)
    sheet.cell(1, 3, "THỐNG KÊ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2025").font = Font(bold=True)
    sheet.merge_cells(start_row=1, start_column=3, end_row=3, end_column=COLUMNS)
    sheet.cell(HEADER, 1, "TT")
    sheet.merge_cells(start_row=HEADER, start_column=1, end_row=HEADER + 1, end_column=1)
    sheet.cell(HEADER, 2, "Chương trình, hình thức đào tạo, bồi dưỡng")
    sheet.merge_cells(start_row=HEADER, start_column=2, end_row=HEADER + 1, end_column=2)
    sheet.cell(HEADER, 3, "Cán bộ được đào tạo, bồi dưỡng")
    sheet.merge_cells(start_row=HEADER, start_column=3, end_row=HEADER, end_column=COLUMNS)
    for column in range(3, COLUMNS + 1):
        sheet.cell(HEADER + 1, column, f"Cột {column}")
    for column in range(1, COLUMNS + 1):
        sheet.cell(HEADER + 2, column, "3=4+5+6" if column == 3 else str(column))
    first = HEADER + 3
    for offset, numbers in enumerate(_values(rows)):
        at = first + offset
        sheet.cell(at, 1, str(offset + 1))
        sheet.cell(at, 2, f"Nội dung bồi dưỡng {offset + 1}")
        sheet.cell(at, 3, f"=D{at}+E{at}+F{at}")
        for index, number in enumerate(numbers, 4):
            sheet.cell(at, index, number).number_format = "#,##0"
    last = first + rows - 1
    for row in sheet.iter_rows(min_row=HEADER, max_row=last, max_col=COLUMNS):
        for cell in row:
            cell.border = border
            if cell.column != 2:
                cell.alignment = middle
    sheet.freeze_panes = f"C{first}"
    sheet.print_area = f"A1:{get_column_letter(COLUMNS)}{last}"
    sheet.print_title_rows = f"{HEADER}:{HEADER + 2}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    book.properties.created = book.properties.modified = STAMP
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # save() would set 'modified' to now
    return _restamped(raw.getvalue(), STAMP)  # and the zip entries carry the clock


def write_xlsxwriter(rows: int) -> bytes:
    """The same sheet written with XlsxWriter."""
    import xlsxwriter  # noqa: PLC0415

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": STAMP})  # its zip entries are dated 1980-01-01 already
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter"})
    boxed = book.add_format(
        {"border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    label = book.add_format({"border": 1, "valign": "vcenter", "text_wrap": True})
    number = book.add_format({"border": 1, "align": "center", "num_format": "#,##0"})
    sheet.merge_range(0, 0, 2, 1, "BAN TỔ CHỨC", bold)
    sheet.merge_range(
        0, 2, 2, COLUMNS - 1, "THỐNG KÊ KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2025", bold
    )
    top = HEADER - 1
    sheet.merge_range(top, 0, top + 1, 0, "TT", boxed)
    sheet.merge_range(top, 1, top + 1, 1, "Chương trình, hình thức đào tạo, bồi dưỡng", boxed)
    sheet.merge_range(top, 2, top, COLUMNS - 1, "Cán bộ được đào tạo, bồi dưỡng", boxed)
    for column in range(2, COLUMNS):
        sheet.write_string(top + 1, column, f"Cột {column + 1}", boxed)
    for column in range(COLUMNS):
        sheet.write_string(top + 2, column, "3=4+5+6" if column == 2 else str(column + 1), boxed)
    first = top + 3
    for offset, numbers in enumerate(_values(rows)):
        at = first + offset
        sheet.write_string(at, 0, str(offset + 1), boxed)
        sheet.write_string(at, 1, f"Nội dung bồi dưỡng {offset + 1}", label)
        sheet.write_formula(at, 2, f"=D{at + 1}+E{at + 1}+F{at + 1}", number)
        for index, value in enumerate(numbers, 3):
            sheet.write_number(at, index, value, number)
    last = first + rows - 1
    sheet.freeze_panes(first, 2)
    sheet.print_area(0, 0, last, COLUMNS - 1)
    sheet.repeat_rows(top, top + 2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    book.close()
    return out.getvalue()


WRITERS: dict[str, Callable[[int], bytes]] = {
    "openpyxl": write_openpyxl,
    "XlsxWriter": write_xlsxwriter,
}


def read_back(data: bytes) -> dict[str, Any]:
    """What a reader sees in a written sheet: merged ranges, values, formulas, number types."""
    import openpyxl  # noqa: PLC0415

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return {
        "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
        "cells": [[cell.value for cell in row] for row in sheet.iter_rows(min_row=HEADER + 3)],
        "freeze": sheet.freeze_panes,
        "landscape": sheet.page_setup.orientation,
    }


def _timed(write: Callable[[int], bytes], rows: int) -> tuple[float, int]:
    """Seconds to write, then (tracemalloc slows Python threefold) the peak, apart."""
    began = time.perf_counter()
    data = write(rows)
    seconds = time.perf_counter() - began
    tracemalloc.start()
    write(rows)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, max(peak, len(data))


def _reproducible(write: Callable[[int], bytes], rows: int) -> bool:
    """Whether two runs a clock second apart give the same bytes, as the library writes."""
    first = write(rows)
    time.sleep(1.1)
    return write(rows) == first


def _import_seconds(module: str, repeat: int) -> float:
    """The median wall time of a fresh interpreter importing ``module``, less a bare one."""

    def run(code: str) -> float:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603
        return time.perf_counter() - began

    bare = [run("pass") for _ in range(repeat)]
    loaded = [run(f"import {module}") for _ in range(repeat)]
    return statistics.median(loaded) - statistics.median(bare)


def main() -> None:
    """Print a Markdown table of both writers at each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rows", type=int, nargs="+", default=[45, 2_000, 20_000])
    args = parser.parse_args()
    print("| rows | writer | seconds (median) | peak Python MiB | file KiB | same bytes twice |")
    print("| ---: | --- | ---: | ---: | ---: | --- |")
    for rows in args.rows:
        if read_back(write_openpyxl(rows)) != read_back(write_xlsxwriter(rows)):
            raise SystemExit(f"the two writers wrote different sheets at {rows} rows")
        times: dict[str, list[float]] = {name: [] for name in WRITERS}
        peaks: dict[str, int] = {}
        for _ in range(args.repeat):
            for name, write in WRITERS.items():  # interleaved: a slow spell hits both
                seconds, peak = _timed(write, rows)
                times[name].append(seconds)
                peaks[name] = max(peaks.get(name, 0), peak)
        for name, write in WRITERS.items():
            size = len(write(rows))
            same = _reproducible(write, rows)
            print(
                f"| {rows:,} | {name} | {statistics.median(times[name]):.3f} | "
                f"{peaks[name] / 2**20:.1f} | {size / 1024:.0f} | {'yes' if same else 'no'} |"
            )
    for module in ("openpyxl", "xlsxwriter"):
        print(f"import {module}: {_import_seconds(module, args.repeat):.3f} s")


if __name__ == "__main__":
    main()
