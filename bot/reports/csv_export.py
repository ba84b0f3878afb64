"""The period's attendance as CSV: UTF-8 with a BOM, so Excel reads the accents right.

Same rows as the XLSX month sheets, in one table: NIP, name, then one column per
day × window headed "DD-MM-YYYY HH:MM" (agency zone); blank where nothing is due.
"""

from __future__ import annotations

import csv
import io

from bot.reports.labels import full_date, label
from handlers.exports import AttendanceTable

ENCODING = "utf-8-sig"


def csv_rows(table: AttendanceTable, *, language: str = "id") -> list[list[str]]:
    header = [label("col.nip", language), label("col.name", language)]
    header += [f"{full_date(slot.day)} {slot.window}" for slot in table.columns]
    rows = [header]
    for row in table.rows:
        marks = [label(f"status.{m.value}", language) if m else "" for m in row.marks]
        rows.append([row.nip, row.name, *marks])
    return rows


def render_csv(table: AttendanceTable, *, language: str = "id") -> bytes:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(csv_rows(table, language=language))
    return text.getvalue().encode(ENCODING)
