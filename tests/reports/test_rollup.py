"""The BKD roll-up from real services, on SQLite and PostgreSQL (the world of
``rollup_world.py``), and its renderings: the chat table and the XLSX."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy import func, select, update
from sqlmodel import col

from bot.reports.rollup_text import render_rollup, table_lines
from bot.reports.rollup_xlsx import render_rollup_xlsx
from handlers.bkd import BkdService
from handlers.rollup import Rollup, RollupRow, RollupService
from storage import rollup as rollup_repo
from storage.db import Database
from storage.tables import Agency, Member
from storage.tables_geo import LocationFlag, PiketCheck, PiketDuty
from storage.tables_rollup import BkdLink, RollupRun
from storage.tables_rules import LeaveRequest
from storage.tables_whatsapp import WhatsAppLink
from tests.reports.rollup_world import (
    ADMIN,
    BKD,
    BKD_ADMIN,
    CITY,
    DAY,
    DINSOS,
    KOMINFO,
    PEOPLE,
    build_world,
    morning,
    wib,
)


async def test_rollup_waits_for_every_linked_agency_and_is_sent_once(db: Database) -> None:
    world = await build_world(db)
    await morning(world)
    assert await world.at("08:00") == 0  # DISKOMINFO's deadline: DINKES still open
    await world.share(12, "08:10")  # late, still counted in the 08:30 roll-up
    assert await world.at("08:29") == 0
    assert await world.at("08:30") == 1
    assert await world.at("08:31") == 0
    (message,) = await world.outbox()
    assert (message.chat_id, message.transport, message.status) == (BKD, "telegram_bkd", "pending")
    rollup = Rollup.from_payload(message.payload)
    assert (rollup.bkd_code, rollup.day, rollup.window) == ("BKDBANTEN", DAY, "07:30")
    rows = {row.code: row for row in rollup.rows}
    assert list(rows) == ["DINKES", "DISKOMINFO"]
    kominfo, dinkes = rows["DISKOMINFO"], rows["DINKES"]
    assert (kominfo.expected, kominfo.hadir, kominfo.terlambat, kominfo.missing) == (3, 1, 1, 1)
    assert (kominfo.exempt, kominfo.unlinked, kominfo.piket) == (1, 1, None)
    assert (dinkes.expected, dinkes.hadir, dinkes.terlambat, dinkes.missing) == (2, 1, 0, 1)
    total = rollup.totals()
    assert (total.expected, total.answered, total.missing, total.unlinked) == (5, 3, 2, 1)
    # The run row holds the same numbers (the e-mail copy is built from it).
    async with db.read() as session:
        (run,) = await rollup_repo.runs_of(session, bkd_id=1)
    assert Rollup.from_payload(run.payload) == rollup and run.email_status is None


async def test_a_restart_sends_nothing_twice(db: Database) -> None:
    world = await build_world(db)
    await morning(world)
    assert await world.at("08:30") == 1
    # A new process: fresh services on the same database.
    again = RollupService(db=db, clock=world.clock)
    assert await again.tick() == 0
    world.rollups = again
    assert await world.at("09:00") == 0
    assert len(await world.outbox()) == 1
    # The 11:30 window is the next roll-up, once.
    assert await world.at("12:29") == 0
    assert await world.at("12:30") == 1
    assert [Rollup.from_payload(m.payload).window for m in await world.outbox()] == [
        "07:30",
        "11:30",
    ]


async def test_the_database_admits_one_run_per_group_day_and_window(db: Database) -> None:
    world = await build_world(db)
    now = world.clock.now()
    async with db.transaction() as session:
        first = await rollup_repo.claim_rollup(
            session, bkd_id=1, day=DAY, window="07:30", now=now, email=False
        )
        second = await rollup_repo.claim_rollup(
            session, bkd_id=1, day=DAY, window="07:30", now=now, email=True
        )
    assert first is not None and second is None
    async with db.read() as session:
        count = await session.execute(select(func.count()).select_from(RollupRun))
        assert count.scalar_one() == 1


async def test_unconfirmed_and_refused_links_are_left_out(db: Database) -> None:
    world = await build_world(db)
    bkd = BkdService(db=db, clock=world.clock)
    async with db.read() as session:
        pending = (
            await session.execute(select(BkdLink).where(col(BkdLink.status) == "pending"))
        ).scalar_one()
    assert pending.id is not None
    # Only the BKD group the link points at can decide, and only once.
    elsewhere = await bkd.decide(link_id=pending.id, chat_id=KOMINFO, user_id=ADMIN, approve=True)
    assert elsewhere.reply.key == "bkd.link_gone"
    refused = await bkd.decide(link_id=pending.id, chat_id=BKD, user_id=BKD_ADMIN, approve=False)
    assert refused.reply.key == "bkd.link_refused" and refused.agency_chat_id == DINSOS
    again = await bkd.decide(link_id=pending.id, chat_id=BKD, user_id=BKD_ADMIN, approve=True)
    assert again.reply.key == "bkd.link_gone"
    assert await bkd.linked_codes(chat_id=BKD) == ["DINKES", "DISKOMINFO"]
    await morning(world)
    assert await world.at("08:30") == 1
    (message,) = await world.outbox()
    assert "DINSOS" not in {row["code"] for row in message.payload["rows"]}


async def test_windows_closed_before_the_link_or_long_ago_are_not_rolled_up(db: Database) -> None:
    world = await build_world(db)
    await morning(world)
    bkd = BkdService(db=db, clock=world.clock)
    assert (await bkd.register(chat_id=CITY, code="BKDKOTA", name="BKD Kota")).ok
    assert await world.at("08:45") == 1  # BKDBANTEN's 07:30
    request = await bkd.request_link(chat_id=DINSOS, user_id=ADMIN, code="BKDKOTA")
    assert request.confirm is not None
    decision = await bkd.decide(
        link_id=request.confirm.link_id, chat_id=CITY, user_id=BKD_ADMIN, approve=True
    )
    assert decision.reply.ok
    assert await world.at("09:00") == 0  # DINSOS's 07:30 closed before it joined BKDKOTA
    assert await world.at("12:00") == 1  # BKDKOTA's 11:30 (DINSOS alone, deadline 12:00)
    # Nothing ticks again until the next morning: the 11:30 of BKDBANTEN (12:30) is
    # then more than twelve hours old, and is not caught up.
    world.clock.set(wib("06:00") + timedelta(days=1))
    assert await world.rollups.tick() == 0
    assert [m.chat_id for m in await world.outbox()] == [BKD, CITY]


async def test_an_agency_without_the_window_is_listed_apart(db: Database) -> None:
    world = await build_world(db)
    async with db.transaction() as session:
        await session.execute(
            update(Agency).where(col(Agency.code) == "DINKES").values(windows="08:00 12:00")
        )
    assert await world.at("07:30") == 0
    await world.share(11, "07:35")
    assert await world.at("08:00") == 1  # DINKES has no 07:30 window: not waited for
    (message,) = await world.outbox()
    rollup = Rollup.from_payload(message.payload)
    assert [row.code for row in rollup.rows] == ["DISKOMINFO"]
    assert rollup.idle == (("DINKES", "Dinas Kesehatan"),)


def sample() -> Rollup:
    return Rollup(
        bkd_code="BKDBANTEN",
        bkd_name="BKD Provinsi Banten",
        day=DAY,
        window="07:30",
        language="id",
        generated_at=wib("08:30"),
        rows=(
            RollupRow(
                "DINKES",
                "Dinas Kesehatan",
                "WIB",
                40,
                30,
                4,
                5,
                leave=2,
                pending=1,
                piket=3,
                piket_minimum=5,
            ),
            RollupRow(
                "DISKOMINFO",
                "Dinas Komunikasi dan Informatika",
                "WIB",
                12,
                9,
                1,
                2,
                unlinked=3,
                flags=1,
            ),
        ),
        idle=(("DINSOS", "Dinas Sosial"),),
    )


def test_rollup_text_is_a_narrow_table() -> None:
    lines = table_lines(sample())
    assert lines == [
        "Instansi   Hrp  H T TM Izn Mng BT Tnd Pkt",
        "DINKES      40 30 4  5   2   1  0   0 3/5",
        "DISKOMINFO  12  9 1  2   0   0  3   1   —",
        "─" * 41,
        "Total       52 39 5  7   2   1  3   1   3",
    ]
    text = render_rollup(sample())
    assert text.startswith("📊 Rekap BKD Provinsi Banten (BKDBANTEN)\nRabu, 25-11-2026")
    assert "<pre>Instansi" in text and "</pre>" in text
    assert "Kehadiran: 85% (44 dari 52)" in text
    assert "⚠️ Piket kurang dari minimum: DINKES (3/5)" in text
    assert "Tanpa jendela ini (libur, dijeda atau jadwal lain): DINSOS" in text
    plain = render_rollup(sample(), html=False)
    assert "<pre>" not in plain and "Total       52" in plain


def test_rollup_xlsx_has_one_row_per_agency_and_the_total() -> None:
    sheet = load_workbook(io.BytesIO(render_rollup_xlsx(sample())))["Rekap 07.30"]
    assert sheet["A1"].value == (
        "Rekap kehadiran BKD Provinsi Banten (BKDBANTEN) — Rabu, 25-11-2026, jendela 07:30"
    )
    assert sheet["A2"].value.startswith("Dibuat 25-11-2026 08:30 WIB.")
    assert [c.value for c in sheet[4]] == [
        "Kode", "Instansi", "Zona", "Diharapkan", "Hadir", "Terlambat", "Tidak merespons",
        "Izin/cuti", "Izin (menunggu)", "Dikecualikan", "Belum terhubung", "Piket",
        "Minimum piket", "Tanda", "Kehadiran", "Keterangan",
    ]  # fmt: skip
    assert [c.value for c in sheet[5]][:14] == [
        "DINKES", "Dinas Kesehatan", "WIB", 40, 30, 4, 5, 2, 1, 0, 0, 3, 5, 0,
    ]  # fmt: skip
    assert sheet["O5"].value == pytest.approx(34 / 40) and sheet["O5"].number_format == "0.0%"
    assert sheet["P5"].value == "piket kurang"
    assert [c.value for c in sheet[6]][:14] == [
        "DISKOMINFO", "Dinas Komunikasi dan Informatika", "WIB", 12, 9, 1, 2, 0, 0, 0, 3, None,
        None, 1,
    ]  # fmt: skip
    assert [c.value for c in sheet[7]][:9] == ["Total", None, None, 52, 39, 5, 7, 2, 1]
    assert sheet["A7"].font.bold
    assert [sheet["A8"].value, sheet["B8"].value] == ["DINSOS", "Dinas Sosial"]
    assert sheet["P8"].value.startswith("tanpa jendela ini")
    assert sheet.freeze_panes == "C5"
    assert sheet.column_dimensions["B"].width == len("Dinas Komunikasi dan Informatika") + 2


async def test_leave_exempt_roles_and_whatsapp_members_are_counted_like_summaries(
    db: Database,
) -> None:
    world = await build_world(db)
    now = world.clock.now()
    async with db.transaction() as session:
        ids = {m.nip: m for m in (await session.execute(select(Member))).scalars()}
        agus, eko = ids[PEOPLE[13][1]], ids[PEOPLE[22][1]]
        for member, status in ((agus, "approved"), (eko, "pending")):
            session.add(
                LeaveRequest(
                    agency_id=member.agency_id, member_id=member.id or 0, kind="cuti",
                    start_day=DAY - timedelta(days=1), end_day=DAY, status=status, created_at=now,
                )
            )  # fmt: skip
        refused = LeaveRequest(
            agency_id=eko.agency_id, member_id=ids[PEOPLE[21][1]].id or 0, kind="izin",
            start_day=DAY, end_day=DAY, status="rejected", created_at=now,
        )  # fmt: skip
        session.add(refused)
        wa = Member(
            agency_id=eko.agency_id, nip="199404042019031004", full_name="Gita (WhatsApp)",
            phone="+6281299990000", created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(wa)
        await session.flush()
        session.add(
            WhatsAppLink(
                member_id=wa.id or 0, phone="+6281299990000", created_at=now, confirmed_at=now
            )
        )
    await morning(world)
    assert await world.at("08:30") == 1
    (message,) = await world.outbox()
    rows = {row.code: row for row in Rollup.from_payload(message.payload).rows}
    kominfo, dinkes = rows["DISKOMINFO"], rows["DINKES"]
    # DISKOMINFO: Agus on approved leave, Hendra (satgas) exempt: Budi and Siti are asked.
    assert (kominfo.expected, kominfo.hadir, kominfo.missing, kominfo.leave) == (2, 1, 1, 1)
    assert (kominfo.exempt, kominfo.pending, kominfo.unlinked) == (1, 0, 1)
    # DINKES: Eko waits for a decision (izin menunggu), Gita answers on WhatsApp (linked).
    assert (dinkes.expected, dinkes.hadir, dinkes.pending, dinkes.missing) == (3, 1, 1, 1)
    assert (dinkes.leave, dinkes.unlinked) == (0, 0)


async def test_piket_comes_from_the_daily_check_and_flags_from_the_window(db: Database) -> None:
    world = await build_world(db)
    now = world.clock.now()
    async with db.transaction() as session:
        by_nip = {m.nip: m for m in (await session.execute(select(Member))).scalars()}
        budi = by_nip[PEOPLE[11][1]]
        session.add(
            PiketCheck(agency_id=budi.agency_id, day=DAY, present=3, minimum=5, checked_at=now)
        )
        # Budi is on today's /piket roster: DISKOMINFO has piket; DINKES has none (no row).
        session.add(
            PiketDuty(agency_id=budi.agency_id, day=DAY, member_id=budi.id or 0, created_at=now)
        )
        dinkes_id = by_nip[PEOPLE[21][1]].agency_id  # checked (the row is the claim), no duty
        session.add(PiketCheck(agency_id=dinkes_id, day=DAY, present=0, minimum=5, checked_at=now))
        for window in ("07:30", "11:30"):  # one flag in this window, one in another
            session.add(
                LocationFlag(
                    agency_id=budi.agency_id, member_id=budi.id or 0, day=DAY, window=window,
                    kind="titik_sama_pegawai", created_at=now,
                )
            )  # fmt: skip
    await morning(world)
    assert await world.at("08:30") == 1
    (message,) = await world.outbox()
    rollup = Rollup.from_payload(message.payload)
    rows = {row.code: row for row in rollup.rows}
    kominfo, dinkes = rows["DISKOMINFO"], rows["DINKES"]
    assert (kominfo.piket, kominfo.piket_minimum, kominfo.flags) == (3, 5, 1)
    assert (dinkes.piket, dinkes.piket_minimum, dinkes.flags) == (None, None, 0)
    assert rollup.short_of_piket() == [kominfo]
    assert "⚠️ Piket kurang dari minimum: DISKOMINFO (3/5)" in render_rollup(rollup)


def test_a_long_rollup_is_cut_into_messages_with_whole_pre_blocks() -> None:
    from bot.transports.telegram.bkd_outbound import _html_chunks

    many = tuple(RollupRow(f"AG{n:05d}", f"Dinas {n}", "WIB", 150, 120, 10, 20) for n in range(400))
    rollup = Rollup(
        bkd_code="BKDBANTEN", bkd_name="BKD Provinsi Banten", day=DAY, window="07:30",
        language="id", generated_at=wib("08:30"), rows=many,
    )  # fmt: skip
    text = render_rollup(rollup)
    chunks = _html_chunks(text)
    assert len(text) > 4096 * 3 and len(chunks) >= 4
    assert all(len(c) <= 4096 for c in chunks)
    assert all(c.count("<pre>") == c.count("</pre>") for c in chunks)
    rows = [line for c in chunks for line in c.split("\n") if line.lstrip("<pre>").startswith("AG")]
    assert len(rows) == 400
