"""The BKD roll-up of one window as an XLSX workbook: one row per agency, then the total.

Agencies without that window (day off, paused, another schedule) follow the total with
a note, so the BKD sees every linked agency.
"""

from __future__ import annotations

from collections import Counter
from io import BytesIO

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped, unused-ignore]

from bot.reports.labels import full_date, label
from bot.texts import WEEKDAYS
from handlers.rollup import Rollup, RollupRow
from handlers.schedule import ZONES

HEADER_ROW = 4
COUNTS = ("expected", "hadir", "terlambat", "missing", "leave", "pending", "exempt", "unlinked")
COLUMNS = ("code", "name", "zone", *COUNTS, "piket", "piket_minimum", "flags", "rate", "note")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
SHORT_FILL = PatternFill("solid", fgColor="FFC7CE")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def render_rollup_xlsx(rollup: Rollup) -> bytes:
    lang = rollup.language
    book = Workbook()
    sheet: Worksheet = book.active
    sheet.title = label("rollup.sheet", lang, window=rollup.window.replace(":", "."))
    weekday = WEEKDAYS.get(lang, WEEKDAYS["id"])[rollup.day.weekday()]
    sheet["A1"] = label(
        "rollup.title", lang, bkd=rollup.bkd_name, code=rollup.bkd_code, weekday=weekday,
        date=full_date(rollup.day), window=rollup.window,
    )  # fmt: skip
    sheet["A1"].font = Font(bold=True, size=13)
    zone = _zone(rollup)
    made = rollup.generated_at.astimezone(ZONES[zone]).strftime("%d-%m-%Y %H:%M")
    sheet["A2"] = label("rollup.generated", lang, at=made, zone=zone)
    for column, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, column, label(f"rollup.col.{name}", lang))
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, CENTER
    number = HEADER_ROW
    for number, row in enumerate(rollup.rows, start=HEADER_ROW + 1):
        _row(sheet, number, row, rollup)
    number += 1
    _row(sheet, number, rollup.totals(), rollup, total=True)
    for code, name in rollup.idle:
        number += 1
        sheet.cell(number, 1, code)
        sheet.cell(number, 2, name)
        sheet.cell(number, len(COLUMNS), label("rollup.note.idle", lang))
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)
    _widths(sheet, rollup)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _row(
    sheet: Worksheet, number: int, row: RollupRow, rollup: Rollup, total: bool = False
) -> None:
    lang = rollup.language
    values: dict[str, object] = {name: getattr(row, name) for name in COUNTS}
    values["code"] = label("rollup.total", lang) if total else row.code
    values["name"], values["zone"] = row.name or None, row.zone or None
    values["piket"], values["piket_minimum"] = row.piket, row.piket_minimum
    values["flags"], values["rate"] = row.flags, row.rate
    short = row.piket_short and not total
    values["note"] = label("rollup.note.piket_short", lang) if short else None
    for column, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(number, column, values[name])
        if total:
            cell.font = BOLD
        if name not in ("code", "name", "note"):
            cell.alignment = CENTER
        if name == "rate":
            cell.number_format = "0.0%"
        if name == "piket" and short:
            cell.fill = SHORT_FILL


def _zone(rollup: Rollup) -> str:
    zones = Counter(row.zone for row in rollup.rows if row.zone in ZONES)
    return zones.most_common(1)[0][0] if zones else "WIB"


def _widths(sheet: Worksheet, rollup: Rollup) -> None:
    lang = rollup.language
    codes = [row.code for row in rollup.rows] + [code for code, _ in rollup.idle]
    names = [row.name for row in rollup.rows] + [name for _, name in rollup.idle]
    sheet.column_dimensions["A"].width = max([8, *(len(c) + 2 for c in codes)])
    sheet.column_dimensions["B"].width = min(max([12, *(len(n) + 2 for n in names)]), 50)
    for column, name in enumerate(COLUMNS[2:-1], 3):
        width = max(len(label(f"rollup.col.{name}", lang)) + 2, 7)
        sheet.column_dimensions[get_column_letter(column)].width = width
    note = max(len(label("rollup.note.idle", lang)), len(label("rollup.col.note", lang))) + 2
    sheet.column_dimensions[get_column_letter(len(COLUMNS))].width = note
