"""Words in the exports and charts, in Indonesian (default) and English.

A key missing from a language falls back to Indonesian, as in :mod:`bot.texts`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

DEFAULT_LANGUAGE = "id"

LABELS: dict[str, dict[str, str]] = {
    "sheet.summary": {"id": "Ringkasan", "en": "Summary"},
    "sheet.chart": {"id": "Grafik", "en": "Chart"},
    "col.nip": {"id": "NIP", "en": "NIP"},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.date": {"id": "Tanggal", "en": "Date"},
    "col.hadir": {"id": "Hadir", "en": "On time"},
    "col.terlambat": {"id": "Terlambat", "en": "Late"},
    "col.tidak_merespons": {"id": "Tidak merespons", "en": "No response"},
    "col.rate": {"id": "Kehadiran", "en": "Attendance"},
    "status.hadir": {"id": "hadir", "en": "on time"},
    "status.terlambat": {"id": "terlambat", "en": "late"},
    "status.tidak_merespons": {"id": "tidak merespons", "en": "no response"},
    "status.izin_menunggu": {"id": "izin (menunggu)", "en": "leave (pending)"},
    "status.izin": {"id": "izin", "en": "leave"},
    "status.sakit": {"id": "sakit", "en": "sick"},
    "status.cuti": {"id": "cuti", "en": "annual leave"},
    "status.dinas": {"id": "dinas luar", "en": "official trip"},
    "status.dikecualikan": {"id": "dikecualikan", "en": "exempt"},
    "status.belum_terhubung": {"id": "belum terhubung", "en": "not linked"},
    "title.month": {
        "id": "Kehadiran {name} ({code}) — {month}, jam {zone}",
        "en": "Attendance {name} ({code}) — {month}, {zone} times",
    },
    "title.summary": {
        "id": "Ringkasan kehadiran {name} ({code}), {start} s.d. {end}",
        "en": "Attendance summary {name} ({code}), {start} to {end}",
    },
    "title.generated": {
        "id": (
            "Dibuat {at} {zone}. Kosong: tenggat belum lewat atau belum terdaftar. Kehadiran: "
            "hadir dan terlambat dibagi yang diharapkan (tanpa izin, cuti, dikecualikan, "
            "belum terhubung)."
        ),
        "en": (
            "Made {at} {zone}. Blank: deadline not passed yet, or not registered yet. "
            "Attendance: on time and late over those expected (leave, exempt and not linked "
            "left out)."
        ),
    },
    "summary.members": {"id": "Per pegawai", "en": "Per member"},
    "summary.days": {"id": "Per hari", "en": "Per day"},
    "chart.title": {"id": "Tingkat kehadiran per jam lapor", "en": "Attendance rate per window"},
    "chart.period": {"id": "{start} s.d. {end}", "en": "{start} to {end}"},
    "chart.ylabel": {"id": "Kehadiran (%)", "en": "Attendance (%)"},
    "chart.xlabel": {"id": "Tanggal", "en": "Date"},
    "chart.window": {"id": "pukul {window} {zone}", "en": "{window} {zone}"},
    "rollup.sheet": {"id": "Rekap {window}", "en": "Roll-up {window}"},
    "rollup.title": {
        "id": "Rekap kehadiran {bkd} ({code}) — {weekday}, {date}, jendela {window}",
        "en": "Attendance roll-up {bkd} ({code}) — {weekday}, {date}, window {window}",
    },
    "rollup.generated": {
        "id": "Dibuat {at} {zone}. Jam jendela menurut zona tiap instansi.",
        "en": "Made {at} {zone}. Window times are in each agency's zone.",
    },
    "rollup.col.code": {"id": "Kode", "en": "Code"},
    "rollup.col.name": {"id": "Instansi", "en": "Agency"},
    "rollup.col.zone": {"id": "Zona", "en": "Zone"},
    "rollup.col.expected": {"id": "Diharapkan", "en": "Expected"},
    "rollup.col.hadir": {"id": "Hadir", "en": "On time"},
    "rollup.col.terlambat": {"id": "Terlambat", "en": "Late"},
    "rollup.col.missing": {"id": "Tidak merespons", "en": "No response"},
    "rollup.col.leave": {"id": "Izin/cuti", "en": "Leave"},
    "rollup.col.pending": {"id": "Izin (menunggu)", "en": "Leave (pending)"},
    "rollup.col.exempt": {"id": "Dikecualikan", "en": "Exempt"},
    "rollup.col.unlinked": {"id": "Belum terhubung", "en": "Not linked"},
    "rollup.col.piket": {"id": "Piket", "en": "Duty"},
    "rollup.col.piket_minimum": {"id": "Minimum piket", "en": "Duty minimum"},
    "rollup.col.flags": {"id": "Tanda", "en": "Flags"},
    "rollup.col.rate": {"id": "Kehadiran", "en": "Attendance"},
    "rollup.col.note": {"id": "Keterangan", "en": "Note"},
    "rollup.total": {"id": "Total", "en": "Total"},
    "rollup.note.piket_short": {"id": "piket kurang", "en": "duty short"},
    "rollup.note.idle": {
        "id": "tanpa jendela ini (libur, dijeda atau jadwal lain)",
        "en": "no such window (day off, paused or another schedule)",
    },
    "chart.empty": {
        "id": "Belum ada jam lapor yang lewat tenggat",
        "en": "No window has passed its deadline yet",
    },
}

MONTHS: dict[str, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def label(key: str, language: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    entry = LABELS[key]
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def month_name(month: date, language: str = DEFAULT_LANGUAGE) -> str:
    """``"Maret 2020"``: the month of ``month`` and its year."""
    names = MONTHS.get(language, MONTHS[DEFAULT_LANGUAGE])
    return f"{names[month.month - 1]} {month.year}"


def day_month(day: date) -> str:
    return day.strftime("%d-%m")


def full_date(day: date) -> str:
    return day.strftime("%d-%m-%Y")
