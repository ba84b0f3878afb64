"""The period's attendance as an XLSX workbook (openpyxl).

One sheet per month (rows = members, columns = day × window status), a summary sheet
(attendance rate per member and per day) and, when given, the chart as a picture.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.drawing.image import Image  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped, unused-ignore]

from bot.reports.labels import day_month, full_date, label, month_name
from handlers.exports import EXCUSED, AttendanceTable, Mark, Tally
from handlers.schedule import ZONES

FIRST_MONTH_ROW = 4  # title, dates, windows, then members
FIRST_SUMMARY_ROW = 5  # title, note, section names, headers, then rows
NIP_WIDTH = 21
MARKS = (Mark.HADIR, Mark.TERLAMBAT, Mark.MISSING)  # counted in the summary sheet
EXCUSED_FILL = PatternFill("solid", fgColor="DDEBF7")
FILLS = {
    Mark.HADIR: PatternFill("solid", fgColor="C6EFCE"),
    Mark.TERLAMBAT: PatternFill("solid", fgColor="FFEB9C"),
    Mark.MISSING: PatternFill("solid", fgColor="FFC7CE"),
    Mark.PENDING: PatternFill("solid", fgColor="FCE4D6"),
    Mark.UNLINKED: PatternFill("solid", fgColor="EDEDED"),
    **{mark: EXCUSED_FILL for mark in EXCUSED},
}
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center")


def render_xlsx(
    table: AttendanceTable, *, language: str = "id", chart: bytes | None = None
) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for month, indexes in table.months():
        sheet = book.create_sheet(month_name(month, language))
        _month_sheet(sheet, table, month_name(month, language), indexes, language)
    _summary_sheet(book.create_sheet(label("sheet.summary", language)), table, language)
    if chart is not None:
        picture = book.create_sheet(label("sheet.chart", language))
        picture.add_image(Image(BytesIO(chart)), "A1")
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _month_sheet(
    sheet: Worksheet, table: AttendanceTable, month: str, indexes: list[int], language: str
) -> None:
    sheet["A1"] = label(
        "title.month", language, name=table.name, code=table.code, month=month, zone=table.zone
    )
    sheet["A1"].font = Font(bold=True, size=13)
    for column, key in ((1, "col.nip"), (2, "col.name")):
        _header(sheet, 2, column, label(key, language))
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    words = {mark: label(f"status.{mark.value}", language) for mark in Mark}
    day_start = 3
    for offset, index in enumerate(indexes):
        column = 3 + offset
        slot = table.columns[index]
        _header(sheet, 3, column, slot.window)
        is_last = offset + 1 == len(indexes) or table.columns[indexes[offset + 1]].day != slot.day
        if is_last:
            _header(sheet, 2, day_start, day_month(slot.day))
            if column > day_start:
                sheet.merge_cells(start_row=2, start_column=day_start, end_row=2, end_column=column)
            day_start = column + 1
    for number, row in enumerate(table.rows, start=FIRST_MONTH_ROW):
        _nip(sheet, number, row.nip)
        sheet.cell(number, 2, row.name)
        for offset, index in enumerate(indexes):
            mark = row.marks[index]
            if mark is not None:
                cell = sheet.cell(number, 3 + offset, words[mark])
                cell.fill, cell.alignment = FILLS[mark], CENTER
    sheet.freeze_panes = sheet.cell(FIRST_MONTH_ROW, 3)
    _name_width(sheet, table)
    status_width = max(len(word) for word in words.values()) + 2
    for offset in range(len(indexes)):
        sheet.column_dimensions[get_column_letter(3 + offset)].width = status_width


def _summary_sheet(sheet: Worksheet, table: AttendanceTable, language: str) -> None:
    sheet["A1"] = label(
        "title.summary", language, name=table.name, code=table.code,
        start=full_date(table.start), end=full_date(table.end),
    )  # fmt: skip
    sheet["A1"].font = Font(bold=True, size=13)
    made = table.generated_at.astimezone(ZONES[table.zone]).strftime("%d-%m-%Y %H:%M")
    sheet["A2"] = label("title.generated", language, at=made, zone=table.zone)
    sheet["A3"], sheet["H3"] = label("summary.members", language), label("summary.days", language)
    sheet["A3"].font = sheet["H3"].font = BOLD
    counts = [label(f"col.{mark.value}", language) for mark in MARKS] + [
        label("col.rate", language)
    ]
    for column, text in enumerate(
        [label("col.nip", language), label("col.name", language), *counts], 1
    ):
        _header(sheet, 4, column, text)
    for column, text in enumerate([label("col.date", language), *counts], 8):
        _header(sheet, 4, column, text)
    for number, row in enumerate(table.rows, start=FIRST_SUMMARY_ROW):
        _nip(sheet, number, row.nip)
        sheet.cell(number, 2, row.name)
        _tally(sheet, number, 3, table.member_tally(row))
    for number, day in enumerate(table.days(), start=FIRST_SUMMARY_ROW):
        sheet.cell(number, 8, full_date(day)).alignment = CENTER
        _tally(sheet, number, 9, table.tally_where(day=day))
    sheet.freeze_panes = sheet.cell(FIRST_SUMMARY_ROW, 1)
    _name_width(sheet, table)
    for column, width in ((7, 3), (8, 13)):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in (3, 4, 5, 6, 9, 10, 11, 12):
        sheet.column_dimensions[get_column_letter(column)].width = max(len(c) for c in counts) + 2


def _tally(sheet: Worksheet, row: int, column: int, tally: Tally) -> None:
    for offset, count in enumerate((tally.hadir, tally.terlambat, tally.missing)):
        sheet.cell(row, column + offset, count).alignment = CENTER
    rate = sheet.cell(row, column + 3, tally.rate)
    rate.number_format, rate.alignment = "0.0%", CENTER


def _header(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row, column, text)
    cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, CENTER


def _nip(sheet: Worksheet, row: int, nip: str) -> None:
    """Stored as text: as a number, Excel would round an 18-digit NIP to 15 digits."""
    cell = sheet.cell(row, 1, nip)
    cell.number_format = "@"


def _name_width(sheet: Worksheet, table: AttendanceTable) -> None:
    longest = max((len(row.name) for row in table.rows), default=0)
    sheet.column_dimensions["A"].width = NIP_WIDTH
    sheet.column_dimensions["B"].width = min(max(longest + 2, 12), 45)
