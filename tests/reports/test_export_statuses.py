"""Exports show the summaries' statuses: leave, exempt roles, pending requests and roster
members not linked yet — and the attendance rate leaves the excused out, like the roll-up."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy import select

from bot.reports.xlsx import render_xlsx
from handlers.exports import ExportService, Mark
from handlers.rollup import Rollup
from storage.db import Database
from storage.tables import Member
from storage.tables_rules import LeaveRequest
from tests.reports.rollup_world import DAY, PEOPLE, RINA_NIP, build_world, morning


async def test_export_marks_follow_the_summary_statuses(db: Database) -> None:
    world = await build_world(db)
    now = world.clock.now()
    async with db.transaction() as session:
        by_nip = {m.nip: m for m in (await session.execute(select(Member))).scalars()}
        for user, status in ((13, "approved"), (22, "pending")):  # Agus: cuti; Eko: waiting
            member = by_nip[PEOPLE[user][1]]
            session.add(
                LeaveRequest(
                    agency_id=member.agency_id, member_id=member.id or 0, kind="cuti",
                    start_day=DAY, end_day=DAY + timedelta(days=2), status=status,
                    created_at=now,
                )
            )  # fmt: skip
    await morning(world)
    assert await world.at("08:30") == 1
    exports = ExportService(db=db, clock=world.clock)

    kominfo = await exports.table(agency_code="DISKOMINFO", start=DAY, end=DAY)
    first = {row.name: row.marks[0] for row in kominfo.rows}  # the 07:30 window
    assert first == {
        "Agus Wibowo": Mark.CUTI,
        "Budi Santoso": Mark.HADIR,
        "Hendra Kusuma": Mark.EXEMPT,
        "Rina Marlina": Mark.UNLINKED,
        "Siti Rahma": Mark.MISSING,
    }
    assert all(mark is None for row in kominfo.rows for mark in row.marks[1:])  # not due yet
    dinkes = await exports.table(agency_code="DINKES", start=DAY, end=DAY)
    assert {row.name: row.marks[0] for row in dinkes.rows} == {
        "Dewi Kartika": Mark.HADIR,
        "Eko Prasetyo": Mark.PENDING,
    }
    # The same numbers as the BKD roll-up of that window.
    (message,) = await world.outbox()
    rows = {row.code: row for row in Rollup.from_payload(message.payload).rows}
    for table in (kominfo, dinkes):
        tally = table.tally_where(day=DAY, window="07:30")
        row = rows[table.code]
        assert (tally.expected, tally.hadir, tally.missing, tally.pending) == (
            row.expected, row.hadir, row.missing, row.pending,
        )  # fmt: skip
        assert tally.rate == row.rate
    assert kominfo.window_rates()["07:30"] == [(DAY, 0.5)]  # Budi of Budi and Siti

    month = load_workbook(io.BytesIO(render_xlsx(kominfo)))["November 2026"]
    words = {month.cell(r, 2).value: month.cell(r, 3).value for r in range(4, 9)}
    assert words == {
        "Agus Wibowo": "cuti",
        "Budi Santoso": "hadir",
        "Hendra Kusuma": "dikecualikan",
        "Rina Marlina": "belum terhubung",
        "Siti Rahma": "tidak merespons",
    }
    assert month["A7"].value == RINA_NIP
