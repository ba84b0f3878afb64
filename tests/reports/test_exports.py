"""Exports from real data: services write a three-day record, then XLSX, CSV and PNG are read back.

The record (WIB, windows 07:30 11:30 15:00, deadline 30 min), exported at Wed 01-04 12:05:

                 Mon 30-03              Tue 31-03              Wed 01-04
  Agus (joins 13:00)  -  -  hadir       missing hadir missing  hadir missing  -
  Budi           hadir late hadir       hadir hadir hadir      hadir missing  -
  Siti           hadir hadir missing    late hadir missing     missing missing -
"""

from __future__ import annotations

import asyncio
import csv
import io
import struct
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]

from bot.cli import main
from bot.clock import VirtualClock
from bot.reports.chart import HEIGHT_PX, WIDTH_PX, render_chart
from bot.reports.csv_export import render_csv
from bot.reports.xlsx import render_xlsx
from handlers.attendance import AttendanceService, LocationEvidence, Outcome
from handlers.enrollment import EnrollmentService
from handlers.exports import AttendanceTable, BadPeriod, ExportService, UnknownAgency
from handlers.setup import SetupService
from storage.db import Database, make_engine
from storage.migrate import upgrade

WIB = ZoneInfo("Asia/Jakarta")
GROUP = -1001234
AGUS, BUDI, SITI = 13, 11, 12
NIPS = {AGUS: "198701152012011003", BUDI: "198503122010011002", SITI: "199001012015032001"}
NAMES = {AGUS: "Agus Wibowo", BUDI: "Budi Santoso", SITI: "Siti Rahma"}
START, END = date(2020, 3, 30), date(2020, 4, 3)
ANSWERS = {  # (day, HH:MM WIB): who sends a location then
    ("2020-03-30", "07:35"): [BUDI],
    ("2020-03-30", "07:50"): [SITI],
    ("2020-03-30", "11:40"): [SITI],
    ("2020-03-30", "12:10"): [BUDI],
    ("2020-03-30", "15:05"): [BUDI],
    ("2020-03-30", "15:20"): [AGUS],
    ("2020-03-31", "07:40"): [BUDI],
    ("2020-03-31", "08:10"): [SITI],
    ("2020-03-31", "11:35"): [BUDI, SITI, AGUS],
    ("2020-03-31", "15:10"): [BUDI],
    ("2020-04-01", "07:31"): [BUDI],
    ("2020-04-01", "07:45"): [AGUS],
}


def wib(day: str, hhmm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=WIB)


async def seed(url: str) -> VirtualClock:
    """Set up the agency and its record through the services, as the bot would."""
    engine = make_engine(url)
    await upgrade(engine)
    db = Database(engine)
    clock = VirtualClock(wib("2020-03-30", "06:00"))
    try:
        setup = SetupService(db=db, clock=clock)
        assert (await setup.register(chat_id=GROUP, code="diskominfo", name="Dinas Kominfo")).ok
        enrollment = EnrollmentService(db=db, clock=clock)
        for user in (BUDI, SITI, AGUS):
            if user == AGUS:
                clock.set(wib("2020-03-30", "13:00"))  # Agus joins after two windows closed
            reply = await enrollment.register(
                chat_id=GROUP, user_id=user, username=None, args=f"{NIPS[user]} {NAMES[user]}"
            )
            assert reply.ok, reply
        attendance = AttendanceService(db=db, clock=clock)
        message_id = 100
        for (day, hhmm), users in ANSWERS.items():
            at = wib(day, hhmm)
            clock.set(at)
            for user in users:
                message_id += 1
                evidence = LocationEvidence(
                    chat_id=GROUP, user_id=user, message_id=message_id, at=at,
                    latitude=-6.2 + user / 1000, longitude=106.8, accuracy=15.0,
                )  # fmt: skip
                recorded = await attendance.record_location(evidence)
                assert recorded.outcome in (Outcome.ON_TIME, Outcome.LATE)
        await attendance.drain()
    finally:
        await db.close()
    clock.set(wib("2020-04-01", "12:05"))
    return clock


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'hadir.db'}"


@pytest.fixture
async def table(db_url: str) -> AsyncIterator[AttendanceTable]:
    clock = await seed(db_url)
    db = Database(make_engine(db_url))
    try:
        yield await ExportService(db=db, clock=clock).table(
            agency_code="DISKOMINFO", start=START, end=END
        )
    finally:
        await db.close()


def marks_of(table: AttendanceTable, user: int) -> list[str | None]:
    row = next(r for r in table.rows if r.nip == NIPS[user])
    return [m.value if m else None for m in row.marks]


async def test_table_has_one_status_per_member_day_and_window(table: AttendanceTable) -> None:
    assert [row.name for row in table.rows] == ["Agus Wibowo", "Budi Santoso", "Siti Rahma"]
    assert len(table.columns) == 5 * 3  # Mon 30-03 to Fri 03-04, three windows each
    h, t, m = "hadir", "terlambat", "tidak_merespons"
    assert marks_of(table, BUDI)[:9] == [h, t, h, h, h, h, h, m, None]
    assert marks_of(table, SITI)[:9] == [h, h, m, t, h, m, m, m, None]
    assert marks_of(table, AGUS)[:9] == [None, None, h, m, h, m, h, m, None]
    assert all(mark is None for row in table.rows for mark in row.marks[9:])
    rates = {row.name: table.member_tally(row).rate for row in table.rows}
    assert rates == {"Agus Wibowo": 0.5, "Budi Santoso": 0.875, "Siti Rahma": 0.5}


async def test_period_and_agency_are_checked(db_url: str) -> None:
    clock = await seed(db_url)
    db = Database(make_engine(db_url))
    try:
        service = ExportService(db=db, clock=clock)
        with pytest.raises(BadPeriod):
            await service.table(agency_code="DISKOMINFO", start=END, end=START)
        with pytest.raises(UnknownAgency):
            await service.table(agency_code="NOPE", start=START, end=END)
        lower = await service.table(agency_code="diskominfo", start=START, end=START)
        assert lower.code == "DISKOMINFO" and len(lower.columns) == 3
    finally:
        await db.close()


async def test_xlsx_month_sheets(table: AttendanceTable) -> None:
    book = load_workbook(io.BytesIO(render_xlsx(table, chart=render_chart(table))))
    assert book.sheetnames == ["Maret 2020", "April 2020", "Ringkasan", "Grafik"]
    march, april = book["Maret 2020"], book["April 2020"]
    assert march["A1"].value == "Kehadiran Dinas Kominfo (DISKOMINFO) — Maret 2020, jam WIB"
    assert [march["A2"].value, march["B2"].value, march["C2"].value, march["F2"].value] == [
        "NIP", "Nama", "30-03", "31-03",
    ]  # fmt: skip
    assert [c.value for c in march[3]][2:] == ["07:30", "11:30", "15:00"] * 2
    assert {str(r) for r in march.merged_cells.ranges} == {"A2:A3", "B2:B3", "C2:E2", "F2:H2"}
    assert [april["C2"].value, april["F2"].value, april["I2"].value] == ["01-04", "02-04", "03-04"]
    # rows: Agus (4), Budi (5), Siti (6)
    assert [c.value for c in march[5]] == [
        "198503122010011002", "Budi Santoso",
        "hadir", "terlambat", "hadir", "hadir", "hadir", "hadir",
    ]  # fmt: skip
    assert [c.value for c in march[4]][2:5] == [None, None, "hadir"]
    assert [c.value for c in april[6]][2:5] == ["tidak merespons", "tidak merespons", None]
    nip = march["A6"]
    assert nip.value == "199001012015032001" and nip.data_type == "s" and nip.number_format == "@"
    assert march.freeze_panes == "C4" and april.freeze_panes == "C4"
    assert march.column_dimensions["A"].width == 21
    assert march.column_dimensions["B"].width == len("Budi Santoso") + 2
    assert march.column_dimensions["C"].width == len("tidak merespons") + 2
    assert march["D5"].fill.fgColor.rgb.endswith("FFEB9C")  # terlambat in yellow
    assert len(book["Grafik"]._images) == 1


async def test_xlsx_summary_sheet(table: AttendanceTable) -> None:
    summary = load_workbook(io.BytesIO(render_xlsx(table)))["Ringkasan"]
    assert summary["A1"].value == (
        "Ringkasan kehadiran Dinas Kominfo (DISKOMINFO), 30-03-2020 s.d. 03-04-2020"
    )
    assert summary["A2"].value.startswith("Dibuat 01-04-2020 12:05 WIB.")
    assert [c.value for c in summary[4]] == [
        "NIP", "Nama", "Hadir", "Terlambat", "Tidak merespons", "Kehadiran", None,
        "Tanggal", "Hadir", "Terlambat", "Tidak merespons", "Kehadiran",
    ]  # fmt: skip
    members = [[c.value for c in row] for row in summary.iter_rows(5, 7, 1, 6)]
    assert members == [
        ["198701152012011003", "Agus Wibowo", 3, 0, 3, 0.5],
        ["198503122010011002", "Budi Santoso", 6, 1, 1, 0.875],
        ["199001012015032001", "Siti Rahma", 3, 1, 4, 0.5],
    ]
    days = [[c.value for c in row] for row in summary.iter_rows(5, 9, 8, 12)]
    assert days[0][:4] == ["30-03-2020", 5, 1, 1] and days[0][4] == pytest.approx(6 / 7)
    assert days[1][:4] == ["31-03-2020", 5, 1, 3] and days[1][4] == pytest.approx(6 / 9)
    assert days[2][:4] == ["01-04-2020", 2, 0, 4] and days[2][4] == pytest.approx(2 / 6)
    assert days[3] == ["02-04-2020", 0, 0, 0, None]
    assert summary["F6"].number_format == "0.0%"
    assert summary.freeze_panes == "A5"
    assert summary.column_dimensions["E"].width == len("Tidak merespons") + 2


async def test_xlsx_in_english(table: AttendanceTable) -> None:
    book = load_workbook(io.BytesIO(render_xlsx(table, language="en")))
    assert book.sheetnames == ["March 2020", "April 2020", "Summary"]
    assert [c.value for c in book["March 2020"][5]][2:4] == ["on time", "late"]
    assert book["Summary"]["E4"].value == "No response"


async def test_csv_has_a_bom_and_the_same_rows(table: AttendanceTable) -> None:
    data = render_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:5] == [
        "NIP",
        "Nama",
        "30-03-2020 07:30",
        "30-03-2020 11:30",
        "30-03-2020 15:00",
    ]
    assert rows[0][-1] == "03-04-2020 15:00" and len(rows[0]) == 2 + 15
    book = load_workbook(io.BytesIO(render_xlsx(table)))
    for number, row in enumerate(rows[1:], start=4):
        march = [c.value or "" for c in book["Maret 2020"][number]]
        april = [c.value or "" for c in book["April 2020"][number]][2:]
        assert row == march + april
    assert rows[2][:4] == ["198503122010011002", "Budi Santoso", "hadir", "terlambat"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_chart_is_a_phone_sized_png(table: AttendanceTable) -> None:
    png = render_chart(table)
    assert png_size(png) == (WIDTH_PX, HEIGHT_PX) == (1080, 810)
    assert len(png) > 10_000


@pytest.mark.parametrize(("start", "end"), [(START, START), (date(2020, 4, 2), END)])
async def test_chart_of_one_day_or_nothing_due(
    table: AttendanceTable, start: date, end: date
) -> None:
    picked = [i for i, slot in enumerate(table.columns) if start <= slot.day <= end]
    narrow = AttendanceTable(
        code=table.code, name=table.name, zone=table.zone, start=start, end=end,
        generated_at=table.generated_at,
        columns=tuple(table.columns[i] for i in picked),
        rows=tuple(
            type(row)(row.nip, row.name, tuple(row.marks[i] for i in picked)) for row in table.rows
        ),
    )  # fmt: skip
    png = render_chart(narrow, language="en")
    assert png_size(png) == (1080, 810) and len(png) > 10_000


def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str, *args: str) -> int:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HADIR_CONFIG", raising=False)
    monkeypatch.setenv("HADIR_DATABASE_URL", db_url)
    base = ["export", "--agency", "DISKOMINFO", "--from", "2020-03-30", "--to", "2020-04-03"]
    return main([*base, *args])


def test_cli_writes_xlsx_and_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(seed(db_url))
    out = tmp_path / "maret.xlsx"
    assert cli(tmp_path, monkeypatch, db_url, "--format", "xlsx", "--out", str(out)) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Maret 2020", "April 2020", "Ringkasan", "Grafik"]
    assert book["Maret 2020"]["C5"].value == "hadir"
    assert book["Ringkasan"]["A5"].value == "198701152012011003"
    assert f"wrote {out}: 3 members, 15 windows" in capsys.readouterr().out
    out_csv = tmp_path / "maret.csv"  # the format follows the suffix
    assert cli(tmp_path, monkeypatch, db_url, "--out", str(out_csv)) == 0
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert rows[2][:4] == ["198503122010011002", "Budi Santoso", "hadir", "terlambat"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2020-02-30"], "error: --from must be a date YYYY-MM-DD, got '2020-02-30'"),
        (["--to", "03-04-2020"], "error: --to must be a date YYYY-MM-DD, got '03-04-2020'"),
        (["--from", "2020-04-04"], "error: --from 2020-04-04 is after --to 2020-04-03"),
        (["--agency", "BKD"], "error: no agency with code 'BKD' (see /setup in its group)"),
    ],
)
def test_cli_refuses_bad_arguments_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    asyncio.run(seed(db_url))
    out = tmp_path / "x.xlsx"
    assert cli(tmp_path, monkeypatch, db_url, "--out", str(out), *args) == 2
    assert capsys.readouterr().err == message + "\n"
    assert not out.exists()
